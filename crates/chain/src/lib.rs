//! `bounty-chain`: the support-bounty vault on chain, on alloy.
//!
//! - [`client::Client`]: a provider with retry/backoff and a checked chain id, plus the optional [`wallet::Wallet`].
//! - [`tx`]: every transaction is simulated (`eth_call` + gas estimate) before it is sent.
//! - [`error`]: typed errors; the vault's custom errors decoded into sentences.
//! - [`message`]: the vault's EIP-712 messages; [`signature_file`]: per-signer signature files; [`proposal`]:
//!   governance proposals waiting for signatures.
//! - [`claims`], [`payout`], [`submit`], [`verify`]: claims files, batch payouts, signature collection and
//!   on-chain verification.
//! - [`vault`]: reads (state, epochs, claimed bits) and the calls that change it.
//! - [`twap`]: Uniswap V3 and Chainlink readings over a window, as the provenance the claims file records.
//! - [`deploy`]: the vault from the committed artifact `abi/BountyVault.json`.

pub mod bindings;
pub mod claims;
pub mod client;
pub mod deploy;
pub mod ens;
pub mod error;
pub mod ledger;
pub mod link;
pub mod logs;
pub mod message;
pub mod payout;
pub mod proposal;
pub mod report;
pub mod revert;
pub mod safe;
pub mod safe_batch;
pub mod signable;
pub mod signature_file;
pub mod submit;
pub mod tips;
pub mod transport;
pub mod twap;
pub mod tx;
pub mod vault;
pub mod verify;
pub mod wallet;

pub use client::Client;
pub use error::{ChainError, Result};
pub use message::{vault_domain, VaultMessage};
pub use proposal::Proposal;
pub use signature_file::SignatureFile;
pub use tx::{Sent, Simulation, TxPlan};
pub use wallet::Wallet;
