//! `bounty submit`: collects the signature files, checks each against the current signer set, sorts them,
//! simulates and sends: a root is posted (idempotent: if that exact root is already posted it says so and
//! succeeds); a governance proposal is queued for the challenge period, then `bounty execute` runs it.

use crate::{opts::SendOpts, output::utc};
use bounty_chain::{
    bindings::IBountyVault::EpochStatus, message::VaultMessage, signable::Signable, submit::collect, SignatureFile,
};
use bounty_core::EpochNumber;
use clap::Args;
use eyre::{bail, Result};
use std::path::PathBuf;

/// Arguments of this command.
#[derive(Args, Clone, Debug)]
pub(crate) struct SubmitArgs {
    /// Claims file or governance proposal.
    pub(crate) file: PathBuf,
    /// Signature files (default: every `<file>.sig-*.json`).
    #[arg(long = "sig")]
    pub(crate) sigs: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) send: SendOpts,
}

impl SubmitArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let wallet = self.send.tx.wallet(&self.send.wallet, "submit").await?;
        let args = &self;
        let signable = Signable::read(&args.file)?;
        let vault = args.send.rpc.vault(signable.vault(), Some(signable.chain_id()), wallet).await?;
        if let Signable::Claims(c) = &signable {
            let info = vault.epoch_info(c.file.epoch).await?;
            if info.status == EpochStatus::Posted {
                if info.root == c.file.root {
                    println!(
                        "epoch {} is already posted with this root {}: nothing to do",
                        EpochNumber(c.file.epoch),
                        c.file.root
                    );
                    return Ok(());
                }
                bail!(
                    "epoch {} is already posted with a different root {} (this file: {}); veto it first if it is wrong",
                    EpochNumber(c.file.epoch),
                    info.root,
                    c.file.root
                );
            }
        }
        let message = signable.message(&vault).await?;
        let paths = if args.sigs.is_empty() { SignatureFile::find_for(signable.path())? } else { args.sigs.clone() };
        let collected = collect(&vault, &message, &paths).await?;
        for c in &collected.checks {
            let who = c.signer.map(|s| s.to_string()).unwrap_or_else(|| "?".into());
            match &c.problem {
                None => println!("  ✓ {} ({who})", c.path.display()),
                Some(p) => println!("  ✗ {} ({who}): {p}", c.path.display()),
            }
        }
        println!("{} of {} required signatures, sorted by signer", collected.signatures.len(), collected.threshold);
        let id = message.signing_hash(&vault.domain());
        let plan = vault.submit(message.clone(), collected.signatures);
        if crate::send::send_with(&args.send, &vault, std::slice::from_ref(&plan)).await?.is_none() {
            return Ok(());
        }
        if let Signable::Claims(c) = &signable {
            let s = vault.epoch_summary(c.file.epoch).await?;
            println!("posted: epoch {} is pending, claimable from {}", EpochNumber(s.epoch), utc(s.activates_at));
        } else if let VaultMessage::ResolveDispute(r) = &message {
            // A resolution runs at once: there is nothing queued and nothing to execute.
            let s = vault.epoch_summary(r.epoch).await?;
            if r.upheld {
                println!(
                "dispute of epoch {} upheld: the root is vetoed and the bond credited back to the disputer; post a \
                 corrected root with fresh signatures",
                EpochNumber(r.epoch)
            );
            } else {
                println!(
                    "dispute of epoch {} dismissed: the bond joined the budget; the root is pending again, claimable \
                 from {}",
                    EpochNumber(r.epoch),
                    utc(s.activates_at)
                );
            }
        } else {
            let queued = vault.queued_action(id).await?;
            let file = args.file.display();
            println!(
                "queued {} as action {id}, executable from {} until {}",
                message.kind(),
                utc(queued.eta.to()),
                utc(queued.expiresAt.to())
            );
            println!(
                "next: anyone runs `bounty execute {file}` then; until then `bounty cancel {file}` (one signer or"
            );
            println!("the guardian) stops it, once");
        }
        Ok(())
    }
}
