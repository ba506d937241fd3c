//! `bounty fund`: approves the vault's token and funds the vault, in whole tokens.

use crate::{
    opts::{RpcOpts, TokenAmount, TxOpts, VaultOpt, WalletOpts},
    output::execute,
};
use clap::Args;
use eyre::Result;

/// Arguments of `bounty fund`.
#[derive(Args, Clone, Debug)]
pub(crate) struct FundArgs {
    /// Amount in whole tokens (`2000`, `2000.5`), or base units with a `units` suffix.
    #[arg(long)]
    pub(crate) amount: TokenAmount,
    #[command(flatten)]
    pub(crate) vault: VaultOpt,
    #[command(flatten)]
    pub(crate) tx: TxOpts,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
    #[command(flatten)]
    pub(crate) wallet: WalletOpts,
}

impl FundArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let wallet = self.tx.wallet(&self.wallet, "fund").await?;
        let vault = self.rpc.vault(self.vault.vault, None, wallet).await?;
        let amount = self.amount.resolve(&vault).await?;
        execute(&vault.chain, &vault.approve_token(amount).await?, self.tx.dry_run).await?;
        if !self.tx.dry_run {
            execute(&vault.chain, &vault.fund(amount), false).await?;
        }
        Ok(())
    }
}
