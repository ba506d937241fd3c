//! Bindings of the devnet's contracts, with their creation bytecode: the mocks (exported from forge's `out/` by
//! `script/artifacts`) and the real Safe v1.4.1 (from the pinned npm `@safe-global/safe-contracts` artifacts),
//! committed in `crates/devnet/artifacts/` so a plain `cargo build` works without forge.

// Generated code: `Safe::setup` takes eleven arguments, and the generated items carry no docs of their own.
#![allow(missing_docs, clippy::too_many_arguments)]

use alloy::sol;

sol!(
    #[sol(rpc)]
    MockERC20,
    "artifacts/MockERC20.json"
);
sol!(
    #[sol(rpc)]
    MockBlocklistERC20,
    "artifacts/MockBlocklistERC20.json"
);
sol!(
    #[sol(rpc)]
    MockUniswapV3Pool,
    "artifacts/MockUniswapV3Pool.json"
);
sol!(
    #[sol(rpc)]
    MockChainlinkAggregator,
    "artifacts/MockChainlinkAggregator.json"
);
sol!(
    #[sol(rpc)]
    Safe,
    "artifacts/Safe.json"
);
sol!(
    #[sol(rpc)]
    SafeProxyFactory,
    "artifacts/SafeProxyFactory.json"
);
sol!(
    #[sol(rpc)]
    CompatibilityFallbackHandler,
    "artifacts/CompatibilityFallbackHandler.json"
);
sol!(
    #[sol(rpc)]
    MultiSendCallOnly,
    "artifacts/MultiSendCallOnly.json"
);
