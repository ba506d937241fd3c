//! `bounty dispute`: anyone stops a pending root during its challenge period, bonding the vault's dispute bond. It
//! runs `bounty verify` first and records the checks that failed in the dispute's reason, so the signers (and every
//! indexer of the `Disputed` event) see what is wrong; a root that verifies cleanly is disputed only with
//! `--anyway`. `--expire` ends a dispute nobody answered within twice the challenge period (root vetoed, bond
//! credited back); `--withdraw-refund` collects the bonds credited back to the sender (they are never pushed, so a
//! disputer that cannot receive tokens cannot block the end of its dispute).

use crate::{
    opts::SendOpts,
    output::{amount, check_line},
};
use bounty_core::EpochNumber;
use bounty_core::LoadedClaims;
use clap::Args;
use eyre::{bail, Result};
use std::path::PathBuf;

/// Arguments of `bounty dispute`.
#[derive(Args, Clone, Debug)]
pub(crate) struct DisputeArgs {
    /// The published claims file of the disputed epoch.
    pub(crate) file: PathBuf,
    /// Why: a sentence, a URI (forum post, IPFS verify report) or a hash. The failing verify checks are appended.
    #[arg(long, required_unless_present_any = ["expire", "withdraw_refund"])]
    pub(crate) reason: Option<String>,
    /// Dispute even though every verify check passes (say, hours that look inflated).
    #[arg(long)]
    pub(crate) anyway: bool,
    /// End an unanswered dispute instead (anyone, after twice the challenge period).
    #[arg(long, conflicts_with_all = ["reason", "anyway"])]
    pub(crate) expire: bool,
    /// Withdraw the dispute bonds credited back to the sender (to the sender, or to ADDRESS).
    #[arg(long, value_name = "ADDRESS", num_args = 0..=1, default_missing_value = "self",
          conflicts_with_all = ["reason", "anyway", "expire"])]
    pub(crate) withdraw_refund: Option<String>,
    #[command(flatten)]
    pub(crate) send: SendOpts,
}

impl DisputeArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let loaded = LoadedClaims::read(&self.file)?;
        let f = &loaded.file;
        let vault = self.send.vault(f.vault, Some(f.chain_id), "dispute").await?;
        if self.expire {
            if crate::send::send_with(&self.send, &vault, &[vault.expire_dispute(f.epoch)]).await?.is_some() {
                println!(
                    "the dispute of epoch {} expired: the root is vetoed and the bond credited back to the disputer \
                     (`bounty dispute FILE --withdraw-refund` from its wallet)",
                    EpochNumber(f.epoch)
                );
            }
            return Ok(());
        }
        if let Some(to) = &self.withdraw_refund {
            return self.withdraw_refund(&vault, to).await;
        }
        // The root must still be pending: checked before the bond's approval is mined, so a dispute that cannot
        // succeed sends nothing.
        let epoch = vault.epoch_summary(f.epoch).await?;
        if epoch.phase != bounty_chain::vault::EpochPhase::Pending {
            bail!(
                "epoch {} is {}, not pending: only a root in its challenge period, not already disputed, can be \
                 disputed; nothing was sent",
                EpochNumber(f.epoch),
                epoch.phase
            );
        }
        let checks = bounty_chain::verify::verify(&vault, &loaded).await?;
        let failed: Vec<_> = checks.iter().filter(|c| !c.ok).collect();
        for c in &failed {
            println!("  {}", check_line(false, &c.name, &c.detail));
        }
        if failed.is_empty() && !self.anyway {
            bail!(
                "every verify check of {} passes; to dispute it anyway (say, for hours that look inflated), add --anyway",
                self.file.display()
            );
        }
        let mut reason = self.reason.clone().unwrap_or_default();
        if !failed.is_empty() {
            let names: Vec<&str> = failed.iter().map(|c| c.name.as_str()).collect();
            reason = format!("{reason}; failed verify checks: {}", names.join(", "));
        }
        let bond = vault.dispute_bond().await?;
        if bond == 0 {
            bail!(
                "this vault's dispute bond is 0, which closes disputes to the public: ask a signer or the guardian \
                 to veto epoch {} (`bounty veto`) before it activates, and share the failed checks above",
                EpochNumber(f.epoch)
            );
        }
        let (decimals, symbol) = vault.token_metadata().await?;
        let units = alloy::primitives::U256::from(bond);
        if let Some(sender) = vault.client.sender() {
            let balance = vault.token_balance(sender).await?;
            if units > balance {
                bail!(
                    "the dispute bond is {} {symbol} but {sender} holds {} {symbol}; nothing was sent",
                    amount(units, decimals),
                    amount(balance, decimals)
                );
            }
        }
        println!(
            "bonding {} {symbol}: credited back if the dispute is upheld or expires (withdraw it with \
             --withdraw-refund), forfeited if dismissed",
            amount(units, decimals)
        );
        let mut plans = vec![vault.approve_token(units).await?];
        plans.push(vault.dispute(f.epoch, reason.clone()));
        if crate::send::send_with(&self.send, &vault, &plans).await?.is_some() {
            println!(
                "epoch {} is disputed ({reason}): it pays nothing until the signers resolve it",
                EpochNumber(f.epoch)
            );
        }
        Ok(())
    }

    /// `withdrawRefund`: the sender's credited bonds, to itself (`self`) or to `to`.
    async fn withdraw_refund(&self, vault: &bounty_chain::vault::Vault, to: &str) -> Result<()> {
        let sender =
            vault.client.sender().ok_or_else(|| eyre::eyre!("--withdraw-refund needs the disputer's wallet"))?;
        let to = if to == "self" {
            sender
        } else {
            to.parse().map_err(|e| eyre::eyre!("--withdraw-refund {to}: not an address ({e})"))?
        };
        let credited = vault.refund_of(sender).await?;
        if credited.is_zero() {
            bail!("{sender} has no dispute bond credited back to withdraw (`bounty status` lists the credited ones)");
        }
        if crate::send::send_with(&self.send, vault, &[vault.withdraw_refund(to)]).await?.is_some() {
            let (decimals, symbol) = vault.token_metadata().await?;
            println!("withdrew {} {symbol} of credited dispute bonds to {to}", amount(credited, decimals));
        }
        Ok(())
    }
}
