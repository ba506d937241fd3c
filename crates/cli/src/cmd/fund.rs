//! `bounty fund`: approves the vault's token and funds the vault, in whole tokens.

use crate::opts::{SendOpts, TokenAmount, VaultOpt};
use clap::Args;
use eyre::Result;

/// Arguments of `bounty fund`.
#[derive(Args, Clone, Debug)]
pub(crate) struct FundArgs {
    /// Amount in whole tokens (`2000`, `2000.5`), or base units with a `units` suffix.
    #[arg(long, allow_hyphen_values = true)]
    pub(crate) amount: TokenAmount,
    /// A community tip to the support pool: says which period's tip match it counts toward.
    #[arg(long)]
    pub(crate) tip: bool,
    #[command(flatten)]
    pub(crate) vault: VaultOpt,
    #[command(flatten)]
    pub(crate) send: SendOpts,
}

impl FundArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let vault = self.send.vault(self.vault.vault, None, "fund").await?;
        let amount = self.amount.resolve(&vault).await?;
        // Checked before the approval is mined, so a fund that cannot succeed sends nothing.
        if let Some(sender) = vault.client.sender() {
            let balance = vault.token_balance(sender).await?;
            if amount > balance {
                let (decimals, symbol) = vault.token_metadata().await?;
                eyre::bail!(
                    "{sender} holds {} {symbol}, less than the {} {symbol} to fund; nothing was sent",
                    crate::output::amount(balance, decimals),
                    crate::output::amount(amount, decimals)
                );
            }
        }
        let sent =
            crate::send::send_with(&self.send, &vault, &[vault.approve_token(amount).await?, vault.fund(amount)])
                .await?;
        if let (true, Some(sent)) = (self.tip, sent) {
            let (_, now) = vault.now().await?;
            let period = vault.period_at(now).await?;
            println!(
                "thank you: your tip (tx {}) is in {period}; if the program matches tips, it counts toward {period}'s \
                 match when the committee computes it",
                sent.hash
            );
        }
        Ok(())
    }
}
