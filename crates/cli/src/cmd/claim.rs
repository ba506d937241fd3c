//! `bounty claim`: finds the account in one or more claims files and claims every unclaimed active epoch in one
//! transaction. `--to` pays another address (claimTo), `--calldata` prints `to`/`data` for a browser wallet or a
//! Safe transaction builder, `--consent` relays a gasless consent made with `bounty claim-sig`.

use crate::{
    opts::{AddressOrName, OutputOpts, SendOpts},
    output::{amount, json, table, utc},
    send::send,
};
use alloy::primitives::U256;
use bounty_chain::{
    claims::{account_leaves, AccountLeaf},
    vault::EpochPhase,
    ChainError, Wallet,
};
use bounty_core::LoadedClaims;
use clap::Args;
use eyre::{bail, Result};
use std::path::PathBuf;

/// Arguments of this command.
#[derive(Args, Clone, Debug)]
pub(crate) struct ClaimArgs {
    /// Claims files (one per epoch), all for the same vault.
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// The account to claim for, an address or ENS name (default: the wallet's address).
    #[arg(long)]
    pub(crate) account: Option<AddressOrName>,
    /// Pay to this address or ENS name instead (claimTo: the wallet must be the account).
    #[arg(long)]
    pub(crate) to: Option<AddressOrName>,
    /// Relay a consent signed with `bounty claim-sig` (claimWithSig; the sender pays the gas).
    #[arg(long, conflicts_with_all = ["to", "calldata"])]
    pub(crate) consent: Option<PathBuf>,
    /// `--json` prints the account's leaves and their status, and sends nothing.
    #[command(flatten)]
    pub(crate) output: OutputOpts,
    /// `--calldata` prints `to` and `data` for the account's own wallet, simulated from the account; a helper whose
    /// account is a Safe writes the claim as a Transaction Builder batch (`--safe-batch`; the account defaults to
    /// the Safe).
    #[command(flatten)]
    pub(crate) send: SendOpts,
}

impl ClaimArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let wallet = if self.send.tx.calldata { None } else { self.send.wallet.resolve().await? };
        let args = &self;
        let files = args.files.iter().map(|p| LoadedClaims::read(p)).collect::<Result<Vec<_>, _>>()?;
        let first = &files[0].file;
        let consent = match &args.consent {
            Some(p) => Some(super::claim_sig::Consent::read(p)?),
            None => None,
        };
        if args.account.is_none() && consent.is_none() && wallet.is_none() && args.send.safe.from_safe.is_none() {
            bail!("which account? give --account (or a wallet)");
        }
        let (tx, safe) = (&args.send.tx, &args.send.safe);
        let needs_wallet = !(tx.calldata || tx.dry_run || args.output.json || safe.safe_batch.is_some());
        if needs_wallet && wallet.is_none() {
            let action = "claim (or use --calldata to send it from your own wallet)".to_string();
            return Err(ChainError::NoWallet { action }.into());
        }
        let vault = args.send.rpc.vault(first.vault, Some(first.chain_id), wallet.clone()).await?;
        let account = match &args.account {
            Some(a) => a.resolve(&vault.client).await?,
            None => consent
                .as_ref()
                .map(|c| c.account)
                .or(args.send.safe.from_safe)
                .or(wallet.as_ref().map(Wallet::address))
                .expect("checked above"),
        };
        let to = match &args.to {
            Some(t) => Some(t.resolve(&vault.client).await?),
            None => None,
        };
        let leaves = account_leaves(&vault, &files, account).await?;
        if args.output.json {
            return json(&leaves);
        }
        let (d, sym) = (first.token.decimals, first.token.symbol.clone());
        if leaves.is_empty() {
            bail!("{account} is not in any of these claims files");
        }
        print_leaves(&leaves, d, &sym);
        let claimable: Vec<&AccountLeaf> = leaves.iter().filter(|l| l.claimable()).collect();
        if claimable.is_empty() {
            bail!("nothing to claim for {account} right now (see the status column)");
        }
        // A consent pays exactly the claims it names, in its order: anything else fails its signature on chain.
        let claimable = match &consent {
            Some(c) => consented(c, &claimable)?,
            None => claimable,
        };
        let total: U256 = claimable.iter().map(|l| l.amount).fold(U256::ZERO, |a, b| a + b);
        let claims = claimable.iter().map(|l| l.as_claim()).collect();
        let recipient = to.or(consent.as_ref().map(|c| c.recipient)).unwrap_or(account);
        println!(
            "claiming {} {sym} for {account} from {} epoch(s), paid to {recipient}",
            amount(total, d),
            claimable.len()
        );
        let plan = if let Some(c) = &consent {
            vault.claim_with_sig(c.account, c.recipient, U256::from(c.deadline), claims, c.signature.clone())
        } else if let Some(to) = to {
            vault.claim_to(to, claims)
        } else {
            vault.claim(account, claims)
        };
        // With --calldata the account itself sends it, so the simulation runs from the account.
        if send(&vault, &[plan], tx, safe, Some(account)).await?.is_some() {
            println!("claimed {} {sym} to {recipient}", amount(total, d));
        }
        Ok(())
    }
}

/// The leaves a consent names, in its order; an error naming the first that is not claimable now.
fn consented<'a>(consent: &super::claim_sig::Consent, claimable: &[&'a AccountLeaf]) -> Result<Vec<&'a AccountLeaf>> {
    consent
        .claims
        .iter()
        .map(|r| {
            claimable
                .iter()
                .find(|l| {
                    let c = l.as_claim();
                    (c.epoch, c.root, c.index) == (r.epoch, r.root, r.index)
                })
                .copied()
                .ok_or_else(|| {
                    eyre::eyre!(
                        "the consent names leaf {} of epoch {} (root {}), which is not claimable now from these \
                         claims files (already claimed, expired, or a file is missing): the account must sign a new \
                         consent with `bounty claim-sig`",
                        r.index,
                        r.epoch,
                        r.root
                    )
                })
        })
        .collect()
}

fn print_leaves(leaves: &[AccountLeaf], decimals: u8, symbol: &str) {
    let mut t = table(&["epoch", "index", &format!("amount ({symbol})"), "status"]);
    for l in leaves {
        t.add_row(vec![l.label.clone(), l.index.to_string(), amount(l.amount, decimals), describe(l)]);
    }
    println!("{t}");
}

fn describe(l: &AccountLeaf) -> String {
    match (l.phase, l.claimed) {
        (_, true) => "already claimed".into(),
        (EpochPhase::Active, false) => "claimable".into(),
        (EpochPhase::Pending, _) => format!("pending until {}", utc(l.activates_at)),
        (EpochPhase::NotPosted, _) => "not posted yet".into(),
        (phase, _) => phase.to_string(),
    }
}
