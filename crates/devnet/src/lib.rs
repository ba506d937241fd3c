//! `bounty-devnet`: a local anvil dressed as a public chain, for the end-to-end tests, the browser tests and
//! `./script/demo`. Nothing here is part of the `bounty` binary (this crate is a dev-dependency only).
//!
//! - [`anvil`]: the process, Multicall3 at its canonical address, and the clock.
//! - [`contracts`]: bindings and bytecode of the mocks and the real Safe.
//! - [`deploy`]: mock tokens, Uniswap V3 pools and Chainlink feeds; the real Safe and ENS.
//! - [`market`]: the set `devnet up` deploys (RPL, WETH, USDC and two pools priced like mainnet).

pub mod anvil;
pub mod contracts;
pub mod deploy;
pub mod market;

pub use anvil::{mine_at, set_next_timestamp, warp, Devnet};
