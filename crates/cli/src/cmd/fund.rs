//! `bounty fund`: approves the vault's token and funds the vault, in whole tokens.

use crate::opts::{SendOpts, TokenAmount, VaultOpt};
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
    pub(crate) send: SendOpts,
}

impl FundArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let vault = self.send.vault(self.vault.vault, None, "fund").await?;
        let amount = self.amount.resolve(&vault).await?;
        self.send.execute_all(&vault, &[vault.approve_token(amount).await?, vault.fund(amount)]).await?;
        Ok(())
    }
}
