//! `bounty execute` and `bounty cancel`: the second step of a queued governance action. Every threshold action but
//! a post (config change, withdrawal, unpause) is queued by `bounty submit`; after the challenge period anyone
//! executes it, and until then any one signer or the guardian can cancel it.

use crate::{opts::SendOpts, output::utc};
use bounty_chain::{bindings::IBountyVault::ActionStatus, vault::Vault, Proposal};
use clap::Args;
use eyre::{bail, eyre, Result};
use std::path::PathBuf;

/// Arguments of `bounty execute` and `bounty cancel`.
#[derive(Args, Clone, Debug)]
pub(crate) struct QueuedArgs {
    /// The governance proposal that was submitted (queued).
    pub(crate) file: PathBuf,
    #[command(flatten)]
    pub(crate) send: SendOpts,
}

impl QueuedArgs {
    /// The proposal, its vault (with the sender) and its action id; errors unless it is still queued.
    async fn open(&self, action: &str) -> Result<(Proposal, Vault, alloy::primitives::B256)> {
        let proposal = Proposal::read(&self.file)?
            .ok_or_else(|| eyre!("{} is not a governance proposal (roots need no second step)", self.file.display()))?;
        let vault = self.send.vault(proposal.vault, Some(proposal.chain_id), action).await?;
        let id = proposal.message.signing_hash(&vault.domain());
        let queued = vault.queued_action(id).await?;
        match queued.status {
            ActionStatus::Queued => {}
            ActionStatus::Executed => bail!("action {id} ({}) was already executed", proposal.message.kind()),
            ActionStatus::Cancelled => bail!("action {id} ({}) was cancelled", proposal.message.kind()),
            _ => bail!("action {id} ({}) was never queued: run `bounty submit` first", proposal.message.kind()),
        }
        Ok((proposal, vault, id))
    }

    /// `bounty execute`: runs a queued action whose challenge period has passed.
    pub(crate) async fn execute(self) -> Result<()> {
        let (proposal, vault, id) = self.open("execute").await?;
        let plan = vault.execute(&proposal.message).ok_or_else(|| eyre!("roots need no second step"))?;
        if crate::send::send_with(&self.send, &vault, &[plan]).await?.is_some() {
            println!("executed {} (action {id})", proposal.message.kind());
        }
        Ok(())
    }

    /// `bounty cancel`: one signer or the guardian stops a queued action.
    pub(crate) async fn cancel(self) -> Result<()> {
        let (proposal, vault, id) = self.open("cancel").await?;
        let eta = vault.queued_action(id).await?.eta;
        if crate::send::send_with(&self.send, &vault, &[vault.cancel(id)]).await?.is_some() {
            println!(
                "cancelled {} (action {id}, which was executable from {})",
                proposal.message.kind(),
                utc(eta.to())
            );
        }
        Ok(())
    }
}
