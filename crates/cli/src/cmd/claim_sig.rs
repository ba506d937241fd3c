//! `bounty claim-sig`: the account signs a gasless `ClaimConsent` (recipient, the claims it pays, its current consent
//! nonce, deadline) that anyone can relay once with `bounty claim --consent FILE`, for helpers with no gas. `--revoke`
//! spends the nonce instead, voiding every consent the account signed and nobody used yet.
//!
//! What a consent protects against: a relayer cannot send the tokens anywhere but the recipient the account signed,
//! cannot pay other claims than those it names (nor none of them, to burn it), cannot use it twice (each use spends
//! the nonce), nor after its deadline (at most 90 days ahead), nor after the account revoked it. What it does not: anyone may call `claim(account, …)`, which always pays the account
//! itself, and whoever holds the account's key can claim anywhere with `claimTo`; a consent is not a way to move pay
//! away from a key that is compromised.

use crate::{
    opts::{RpcOpts, SafeBatchOpts, TxOpts, WalletOpts},
    send::send,
};
use alloy::primitives::{Address, Bytes};
use bounty_chain::{
    bindings::IBountyVault::{ClaimConsent, ClaimRef},
    claims::{account_leaves, require_same_vault},
    vault_domain,
};
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
    /// The claims file(s) of the vault: the consent names every leaf of the account that is claimable now.
    pub(crate) file: PathBuf,
    /// More claims files of the same vault (other periods) for the same consent.
    pub(crate) more: Vec<PathBuf>,
    /// Where the tokens go.
    #[arg(long, required_unless_present = "revoke")]
    pub(crate) recipient: Option<crate::opts::AddressOrName>,
    /// How long the consent stays valid from now (`7d`, `72h`, or seconds; at most 90 days).
    #[arg(long, default_value = "7d")]
    pub(crate) valid_for: crate::opts::Seconds,
    /// Revoke every consent this account signed and nobody used yet (a transaction from the account).
    #[arg(long, conflicts_with_all = ["recipient", "out"])]
    pub(crate) revoke: bool,
    #[command(flatten)]
    pub(crate) tx: TxOpts,
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
    /// The claims it pays, in the order signed: a relay must submit exactly these.
    pub(crate) claims: Vec<ClaimRef>,
    /// The account's consent nonce the signature is for.
    pub(crate) nonce: u64,
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
    // The vault refuses a consent that runs longer than its MAX_CONSENT_LIFETIME (90 days): say so before signing.
    const MAX_CONSENT_LIFETIME: u64 = 90 * 24 * 3600;
    if args.valid_for.0 > MAX_CONSENT_LIFETIME {
        eyre::bail!(
            "--valid-for {} s is longer than the vault accepts ({MAX_CONSENT_LIFETIME} s, 90 days): a consent that \
             long would be refused when relayed; give at most {MAX_CONSENT_LIFETIME}",
            args.valid_for.0
        );
    }
    let loaded = LoadedClaims::read(&args.file)?;
    let wallet = args.wallet.require("claim-sig").await?;
    let sender = if args.revoke { Some(wallet.clone()) } else { None };
    let vault = args.rpc.vault(loaded.file.vault, Some(loaded.file.chain_id), sender).await?;
    require_same_vault(&loaded, &vault)?;
    if args.revoke {
        let revoke = [vault.revoke_consents()];
        if send(&vault, &revoke, &args.tx, &SafeBatchOpts::default(), Some(wallet.address())).await?.is_some() {
            println!("every unused consent of {} is void; its next consent carries nonce {}", wallet.address(), {
                vault.consent_nonce(wallet.address()).await?
            });
        }
        return Ok(());
    }
    let recipient =
        args.recipient.as_ref().expect("clap requires --recipient without --revoke").resolve(&vault.client).await?;
    let mut files = vec![loaded];
    for more in &args.more {
        files.push(LoadedClaims::read(more)?);
    }
    let claims: Vec<ClaimRef> = account_leaves(&vault, &files, wallet.address())
        .await?
        .iter()
        .filter(|l| l.claimable())
        .map(|l| {
            let c = l.as_claim();
            ClaimRef { epoch: c.epoch, root: c.root, index: c.index }
        })
        .collect();
    if claims.is_empty() {
        eyre::bail!(
            "{} has nothing claimable in these claims files right now, so a consent would pay nothing: sign once a \
             period it is paid in is active (`bounty claim FILE --account {}` shows each leaf's status)",
            wallet.address(),
            wallet.address()
        );
    }
    let (_, now) = vault.now().await?;
    let deadline = now + args.valid_for.0;
    let nonce = vault.consent_nonce(wallet.address()).await?;
    let message = ClaimConsent {
        account: wallet.address(),
        recipient,
        claims: claims.clone(),
        nonce: alloy::primitives::U256::from(nonce),
        deadline: alloy::primitives::U256::from(deadline),
    };
    let signature = wallet.sign_typed(&message, &vault_domain(vault.client.chain_id, vault.address)).await?;
    let consent = Consent {
        chain_id: vault.client.chain_id,
        vault: vault.address,
        account: wallet.address(),
        recipient,
        claims,
        nonce,
        deadline,
        signature: signature.as_bytes().to_vec().into(),
    };
    let out =
        args.out.clone().unwrap_or_else(|| args.file.with_file_name(format!("consent-{}.json", wallet.address())));
    // Never over another consent: an unused one there may be the one a relayer was promised.
    write_atomic(&out, &serde_json::to_vec_pretty(&consent)?, Existing::Keep).map_err(|e| match e {
        bounty_core::Error::AlreadyPublished { path } => eyre::eyre!(
            "{} already holds another consent; nothing was written: choose another file with -o (or move that one \
             away first)",
            path.display()
        ),
        other => other.into(),
    })?;
    println!(
        "{} consents to one claim of {} leaf(s) of its pay to {} until {}: wrote {}",
        consent.account,
        consent.claims.len(),
        consent.recipient,
        crate::output::utc(deadline),
        out.display()
    );
    println!("anyone can relay it: bounty claim {} --consent {} --private-key …", args.file.display(), out.display());
    Ok(())
}
