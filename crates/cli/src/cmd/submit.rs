//! `bounty submit`: collects the signature files, checks each against the current signer set, sorts them,
//! simulates and posts. Idempotent for roots: if that exact root is already posted it says so and succeeds.

use crate::{
    opts::{RpcOpts, WalletOpts},
    output::execute,
};
use bounty_chain::{
    bindings::IBountyVault::EpochStatus, signable::Signable, submit::collect, vault::Vault, Chain, SignatureFile,
    VaultMessage, Wallet,
};
use clap::Args;
use eyre::{bail, Result};
use std::path::PathBuf;

#[derive(Args, Clone, Debug)]
pub struct SubmitArgs {
    /// Claims file or governance proposal.
    pub file: PathBuf,
    /// Signature files (default: every `<file>.sig-*.json`).
    #[arg(long = "sig")]
    pub sigs: Vec<PathBuf>,
    /// Simulate only; print `to` and calldata.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub rpc: RpcOpts,
    #[command(flatten)]
    pub wallet: WalletOpts,
}

pub async fn run(args: &SubmitArgs) -> Result<()> {
    let wallet = args.wallet.resolve().await?;
    if wallet.is_none() && !args.dry_run {
        bail!("submit sends a transaction: give a wallet (--private-key, --interactive, --keystore, --ledger) or use --dry-run");
    }
    submit_with(args, wallet).await
}

pub async fn submit_with(args: &SubmitArgs, wallet: Option<Wallet>) -> Result<()> {
    let signable = Signable::read(&args.file)?;
    let chain = Chain::connect(&args.rpc.rpc_url, Some(args.rpc.chain_id.unwrap_or(signable.chain_id())), wallet).await?;
    let vault = Vault::at(chain, signable.vault()).await?;
    if let Signable::Claims(c) = &signable {
        let info = vault.epoch_info(c.file.epoch).await?;
        if info.status == EpochStatus::Posted {
            if info.root == c.file.root {
                println!(
                    "epoch {} is already posted with this root {}: nothing to do",
                    bounty_chain::error::epoch_name(c.file.epoch),
                    c.file.root
                );
                return Ok(());
            }
            bail!(
                "epoch {} is already posted with a different root {} (this file: {}); veto it first if it is wrong",
                c.file.epoch,
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
    let plan = match message {
        VaultMessage::EpochRoot(root) => vault.post_root(root, collected.signatures),
        VaultMessage::UpdateConfig(u) => vault.update_config(u.config, u.nonce, collected.signatures),
        VaultMessage::Withdraw(w) => vault.withdraw(w.to, w.amount, w.nonce, collected.signatures),
        VaultMessage::Unpause(u) => vault.unpause(u.nonce, collected.signatures),
    };
    if execute(&vault.chain, &plan, args.dry_run).await?.is_some() {
        if let Signable::Claims(c) = &signable {
            let s = vault.epoch_summary(c.file.epoch).await?;
            println!("posted: epoch {} is pending, claimable from {}", bounty_chain::error::epoch_name(s.epoch), crate::output::utc(s.activates_at));
        }
    }
    Ok(())
}
