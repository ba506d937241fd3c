//! `devnet up`: anvil with Multicall3 and the demo's market (mock RPL, WETH, USDC, two Uniswap V3 pools, mock PERP
//! and a PERP / USD feed), its addresses and funded keys printed and written as `KEY=value` lines for a shell or a
//! test to read; it runs until interrupted (Ctrl-C or SIGTERM), then anvil stops with it.

use alloy::signers::local::PrivateKeySigner;
use bounty_chain::{Client, Wallet};
use bounty_devnet::{market::Market, Devnet};
use clap::{Parser, Subcommand};
use eyre::{Result, WrapErr};
use std::{fmt::Write as _, path::PathBuf};

/// A local chain for support-bounty's demo and tests.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Start anvil (chain 31337), deploy the market, print what is where, and run until interrupted.
    Up {
        /// The chain's clock at genesis (unix seconds); default: now.
        #[arg(long)]
        timestamp: Option<u64>,
        /// Also write the addresses and keys as `DEVNET_…=value` lines to this file (replaced atomically, so a
        /// script may wait for it to appear).
        #[arg(long)]
        env_file: Option<PathBuf>,
    },
}

#[tokio::main]
async fn main() -> Result<()> {
    let Command::Up { timestamp, env_file } = Cli::parse().command;
    let devnet = Devnet::spawn(timestamp).await?;
    let deployer = Wallet::Local(devnet.keys[0].clone());
    let client = Client::connect(&devnet.url, Some(31337), Some(deployer)).await?;
    let market = Market::deploy(&client).await?;
    let env = env_lines(&devnet.url, &market, &devnet.keys);
    print!("{env}");
    if let Some(path) = env_file {
        let partial = path.with_extension("partial");
        std::fs::write(&partial, &env).wrap_err_with(|| format!("writing {}", partial.display()))?;
        std::fs::rename(&partial, &path).wrap_err_with(|| format!("writing {}", path.display()))?;
    }
    wait_for_stop().await?;
    drop(devnet);
    Ok(())
}

/// `DEVNET_RPC_URL`, the market's addresses and the ten keys with their addresses.
fn env_lines(url: &str, market: &Market, keys: &[PrivateKeySigner]) -> String {
    let mut out = format!("DEVNET_RPC_URL={url}\nDEVNET_CHAIN_ID=31337\n");
    for (name, address) in [
        ("RPL", market.rpl),
        ("WETH", market.weth),
        ("USDC", market.usdc),
        ("POOL_RPL_WETH", market.pool_rpl),
        ("POOL_USDC_WETH", market.pool_usdc),
        ("PERP", market.perp),
        ("FEED_PERP_USD", market.feed_perp_usd),
    ] {
        let _ = writeln!(out, "DEVNET_{name}={address}");
    }
    for (i, key) in keys.iter().enumerate() {
        let _ = writeln!(out, "DEVNET_ADDRESS_{i}={}", key.address());
        let _ = writeln!(out, "DEVNET_KEY_{i}=0x{}", alloy::hex::encode(key.to_bytes()));
    }
    out
}

/// Ctrl-C or SIGTERM (what `kill` and a test harness send).
async fn wait_for_stop() -> Result<()> {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    tokio::select! {
        r = tokio::signal::ctrl_c() => r?,
        _ = term.recv() => {}
    }
    Ok(())
}
