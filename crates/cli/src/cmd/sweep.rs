//! `bounty sweep`: anyone returns an expired epoch's unclaimed remainder to the available budget.

use crate::{
    opts::{RpcOpts, TxOpts, VaultOpt, WalletOpts},
    output::execute,
};
use clap::Args;
use eyre::Result;

/// Arguments of `bounty sweep`.
#[derive(Args, Clone, Debug)]
pub(crate) struct SweepArgs {
    /// Epoch number (20262 for 2026-Q2, 202606 for 2026-06).
    pub(crate) epoch: u64,
    #[command(flatten)]
    pub(crate) vault: VaultOpt,
    #[command(flatten)]
    pub(crate) tx: TxOpts,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
    #[command(flatten)]
    pub(crate) wallet: WalletOpts,
}

impl SweepArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let wallet = self.tx.wallet(&self.wallet, "sweep").await?;
        let vault = self.rpc.vault(self.vault.vault, None, wallet).await?;
        if execute(&vault.chain, &vault.sweep(self.epoch), self.tx.dry_run).await?.is_some() {
            println!("epoch {} swept: its unclaimed remainder is available for later epochs", self.epoch);
        }
        Ok(())
    }
}
