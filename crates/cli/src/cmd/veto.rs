//! `bounty veto`: any one signer or the guardian stops a pending root during its challenge period.

use crate::{
    opts::{RpcOpts, VaultOpt, WalletOpts},
    output::execute,
};
use bounty_chain::vault::Vault;
use clap::Args;
use eyre::Result;

#[derive(Args, Clone, Debug)]
pub struct VetoArgs {
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

pub async fn run(args: &VetoArgs) -> Result<()> {
    let chain = args.rpc.connect(args.wallet.resolve().await?).await?;
    let vault = Vault::at(chain, args.vault.vault).await?;
    execute(&vault.chain, &vault.veto(args.epoch), args.dry_run).await?;
    if !args.dry_run {
        println!("epoch {} vetoed: its reserve is available again; post a corrected root with fresh signatures", args.epoch);
    }
    Ok(())
}
