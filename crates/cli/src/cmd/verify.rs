//! `bounty verify`: re-derives a claims file from its own inputs and checks it against the vault and the TWAP
//! sources on chain. One ✓/✗ line per check; a non-zero exit on any ✗.

use crate::{
    opts::RpcOpts,
    output::{check_line, json},
};
use bounty_chain::{claims::LoadedClaims, vault::Vault, Chain};
use clap::Args;
use eyre::Result;
use std::path::PathBuf;

#[derive(Args, Clone, Debug)]
pub struct VerifyArgs {
    /// The published claims file.
    pub file: PathBuf,
    /// Only the offline checks (no RPC).
    #[arg(long)]
    pub offline: bool,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub rpc: RpcOpts,
}

/// Returns whether every check passed.
pub async fn run(args: &VerifyArgs) -> Result<bool> {
    let loaded = LoadedClaims::read(&args.file)?;
    let checks = if args.offline {
        bounty_core::verify(&loaded.file).checks
    } else {
        let chain = Chain::connect(&args.rpc.rpc_url, Some(args.rpc.chain_id.unwrap_or(loaded.file.chain_id)), None).await?;
        let vault = Vault::at(chain, loaded.file.vault).await?;
        bounty_chain::verify::verify(&vault, &loaded).await?
    };
    let ok = checks.iter().all(|c| c.ok);
    if args.json {
        json(&serde_json::json!({ "file": args.file, "ok": ok, "checks": checks }))?;
    } else {
        println!("verifying {} (epoch {})", args.file.display(), loaded.file.label);
        for c in &checks {
            println!("  {}", check_line(c.ok, &c.name, &c.detail));
        }
        let failed = checks.iter().filter(|c| !c.ok).count();
        if ok {
            println!("all {} checks passed", checks.len());
        } else {
            println!("{failed} of {} checks FAILED", checks.len());
        }
    }
    Ok(ok)
}
