//! A local anvil for the demo and the end-to-end tests: the npm-installed binary (found on PATH after sourcing
//! `script/env.sh`, through `$ANVIL`, or in this checkout's node_modules), on a free port, killed on drop.

use alloy::{
    network::TransactionBuilder,
    node_bindings::{Anvil, AnvilInstance},
    providers::{ext::AnvilApi, Provider, ProviderBuilder, MULTICALL3_ADDRESS},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
};
use bounty_chain::deploy::creation_code;
use eyre::{eyre, Result};
use std::path::PathBuf;

/// Multicall3's creation code, exported from viem by `script/artifacts`.
const MULTICALL3_ARTIFACT: &str = include_str!("../artifacts/Multicall3.json");

/// Where the anvil binary is: `$ANVIL`, then PATH, then `node_modules/@foundry-rs/anvil-<os>-<arch>/bin/anvil`
/// of this checkout (the platform binary, not the node wrapper, which can orphan anvil when killed).
pub fn anvil_binary() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("ANVIL") {
        return Ok(PathBuf::from(p));
    }
    if let Some(paths) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&paths) {
            let candidate = dir.join("anvil");
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        other => other,
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    // This crate is built only inside the checkout (publish = false, never linked into `bounty`), so the build
    // machine's path to the checkout is the right place to look.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let candidate = root.join(format!("node_modules/@foundry-rs/anvil-{os}-{arch}/bin/anvil"));
    if candidate.is_file() {
        return Ok(candidate);
    }
    Err(eyre!("anvil not found: run `script/bootstrap` and `. script/env.sh` (or set $ANVIL to the binary)"))
}

/// A running devnet: the process (killed when this is dropped), its URL and its funded dev keys.
pub struct Devnet {
    /// The process.
    pub anvil: AnvilInstance,
    /// Its HTTP endpoint.
    pub url: String,
    /// Its ten funded dev keys.
    pub keys: Vec<PrivateKeySigner>,
}

impl Devnet {
    /// Starts anvil on a free port (chain id 31337) with Multicall3 at its canonical address, as every public chain
    /// has it. `genesis_timestamp` lets a run start at a chosen date (the demo starts just before the quarter's TWAP
    /// window).
    pub async fn spawn(genesis_timestamp: Option<u64>) -> Result<Self> {
        let mut builder = Anvil::at(anvil_binary()?).port(0u16).chain_id(31337);
        if let Some(ts) = genesis_timestamp {
            builder = builder.arg("--timestamp").arg(ts.to_string());
        }
        let anvil = builder.try_spawn()?;
        let url = anvil.endpoint();
        let keys = anvil.keys().iter().map(|k| PrivateKeySigner::from(k.clone())).collect();
        let devnet = Self { anvil, url, keys };
        devnet.install_multicall3().await?;
        Ok(devnet)
    }

    /// Puts Multicall3's runtime code at its canonical address: the creation code (committed from viem by
    /// `script/artifacts`) is run with `eth_call`, which returns the runtime code, and `anvil_setCode` places it.
    async fn install_multicall3(&self) -> Result<()> {
        let creation = creation_code(MULTICALL3_ARTIFACT);
        let provider = ProviderBuilder::new().connect_http(self.anvil.endpoint_url());
        let runtime = provider.call(TransactionRequest::default().with_deploy_code(creation)).await?;
        provider.anvil_set_code(MULTICALL3_ADDRESS, runtime).await?;
        Ok(())
    }
}

/// Moves the devnet's clock: the next block is mined at `timestamp` (anvil only).
pub async fn mine_at(provider: &alloy::providers::DynProvider, timestamp: u64) -> Result<()> {
    provider.anvil_set_next_block_timestamp(timestamp).await?;
    provider.evm_mine(None).await?;
    Ok(())
}

/// Advances the devnet's clock by `seconds` and mines a block (`evm_increaseTime` + `evm_mine`).
pub async fn warp(provider: &alloy::providers::DynProvider, seconds: u64) -> Result<u64> {
    provider.anvil_increase_time(seconds).await?;
    provider.evm_mine(None).await?;
    let latest = alloy::eips::BlockNumberOrTag::Latest;
    let block = provider.get_block_by_number(latest).await?.ok_or_else(|| eyre!("anvil has no latest block"))?;
    Ok(block.header.timestamp)
}

/// The next block will be mined at `timestamp` (anvil only).
pub async fn set_next_timestamp(provider: &alloy::providers::DynProvider, timestamp: u64) -> Result<()> {
    Ok(provider.anvil_set_next_block_timestamp(timestamp).await?)
}
