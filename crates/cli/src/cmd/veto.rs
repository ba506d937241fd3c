//! The two one-epoch transactions that need no threshold: `bounty veto` (any one signer or the guardian stops a
//! pending root during its challenge period) and `bounty sweep` (anyone returns an expired epoch's unclaimed
//! remainder to the available budget).

use crate::{
    opts::{RpcOpts, VaultOpt, WalletOpts},
    output::execute,
};
use bounty_chain::vault::Vault;
use clap::Args;
use eyre::Result;

#[derive(Args, Clone, Debug)]
pub struct EpochTxArgs {
    /// Epoch number (20262 for 2026-Q2, 202606 for 2026-06).
    pub epoch: u64,
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub vault: VaultOpt,
    #[command(flatten)]
    pub rpc: RpcOpts,
    #[command(flatten)]
    pub wallet: WalletOpts,
}

async fn vault(args: &EpochTxArgs) -> Result<Vault> {
    let chain = args.rpc.connect(args.wallet.resolve().await?).await?;
    Ok(Vault::at(chain, args.vault.vault).await?)
}

pub async fn veto(args: &EpochTxArgs) -> Result<()> {
    let vault = vault(args).await?;
    execute(&vault.chain, &vault.veto(args.epoch), args.dry_run).await?;
    if !args.dry_run {
        println!("epoch {} vetoed: its reserve is available again; post a corrected root with fresh signatures", args.epoch);
    }
    Ok(())
}

pub async fn sweep(args: &EpochTxArgs) -> Result<()> {
    let vault = vault(args).await?;
    execute(&vault.chain, &vault.sweep(args.epoch), args.dry_run).await?;
    if !args.dry_run {
        println!("epoch {} swept: its unclaimed remainder is available for later epochs", args.epoch);
    }
    Ok(())
}
