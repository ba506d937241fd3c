//! `bounty veto`: any one signer or the guardian stops a pending root during its challenge period.

use crate::{
    opts::{RpcOpts, TxOpts, VaultOpt, WalletOpts},
    output::execute,
};
use clap::Args;
use eyre::Result;

/// Arguments of `bounty veto`.
#[derive(Args, Clone, Debug)]
pub(crate) struct VetoArgs {
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

impl VetoArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let wallet = self.tx.wallet(&self.wallet, "veto").await?;
        let vault = self.rpc.vault(self.vault.vault, None, wallet).await?;
        if execute(&vault.chain, &vault.veto(self.epoch), self.tx.dry_run).await?.is_some() {
            println!(
                "epoch {} vetoed: its reserve is available again; post a corrected root with fresh signatures",
                self.epoch
            );
        }
        Ok(())
    }
}
