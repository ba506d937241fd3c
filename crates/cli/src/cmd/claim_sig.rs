//! `bounty claim-sig`: the account signs a gasless `ClaimConsent` (recipient, deadline) that anyone can relay with
//! `bounty claim --consent FILE` — for helpers with no gas, or a key they no longer trust.

use crate::opts::{RpcOpts, WalletOpts};
use alloy::primitives::{Address, Bytes};
use bounty_chain::{bindings::IBountyVault::ClaimConsent, claims::require_same_vault, vault_domain};
use bounty_core::{
    files::{write_atomic, Existing},
    LoadedClaims,
};
use clap::Args;
use eyre::{Result, WrapErr};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Arguments of this command.
#[derive(Args, Clone, Debug)]
pub(crate) struct ClaimSigArgs {
    /// A claims file of the vault (only its chain and vault are used).
    pub(crate) file: PathBuf,
    /// Where the tokens go.
    #[arg(long)]
    pub(crate) recipient: Address,
    /// How long the consent stays valid, in seconds from now.
    #[arg(long, default_value_t = 7 * 24 * 3600)]
    pub(crate) valid_for: u64,
    /// Output file (default: consent-<account>.json next to the claims file).
    #[arg(long, short = 'o')]
    pub(crate) out: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
    #[command(flatten)]
    pub(crate) wallet: WalletOpts,
}

/// A signed consent, as written to disk.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Consent {
    pub(crate) chain_id: u64,
    pub(crate) vault: Address,
    pub(crate) account: Address,
    pub(crate) recipient: Address,
    pub(crate) deadline: u64,
    pub(crate) signature: Bytes,
}

impl Consent {
    pub(crate) fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).wrap_err_with(|| format!("reading {}", path.display()))?;
        serde_json::from_str(&text).wrap_err_with(|| format!("{}: not a consent file", path.display()))
    }
}

impl ClaimSigArgs {
    pub(crate) async fn run(self) -> Result<()> {
        run(&self).await
    }
}

async fn run(args: &ClaimSigArgs) -> Result<()> {
    let wallet = args.wallet.require("claim-sig").await?;
    let loaded = LoadedClaims::read(&args.file)?;
    let vault = args.rpc.vault(loaded.file.vault, Some(loaded.file.chain_id), None).await?;
    require_same_vault(&loaded, &vault)?;
    let (_, now) = vault.now().await?;
    let deadline = now + args.valid_for;
    let message = ClaimConsent {
        account: wallet.address(),
        recipient: args.recipient,
        deadline: alloy::primitives::U256::from(deadline),
    };
    let signature = wallet.sign_typed(&message, &vault_domain(vault.chain.chain_id, vault.address)).await?;
    let consent = Consent {
        chain_id: vault.chain.chain_id,
        vault: vault.address,
        account: wallet.address(),
        recipient: args.recipient,
        deadline,
        signature: signature.as_bytes().to_vec().into(),
    };
    let out =
        args.out.clone().unwrap_or_else(|| args.file.with_file_name(format!("consent-{}.json", wallet.address())));
    write_atomic(&out, &serde_json::to_vec_pretty(&consent)?, Existing::Replace)?;
    println!(
        "{} consents to pay its claims to {} until {}: wrote {}",
        consent.account,
        consent.recipient,
        crate::output::utc(deadline),
        out.display()
    );
    println!("anyone can relay it: bounty claim {} --consent {} --private-key …", args.file.display(), out.display());
    Ok(())
}
