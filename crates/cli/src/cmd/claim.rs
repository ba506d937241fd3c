//! `bounty claim`: finds the account in one or more claims files and claims every unclaimed active epoch in one
//! transaction. `--to` pays another address (claimTo), `--calldata` prints `to`/`data` for a browser wallet or a
//! Safe transaction builder, `--consent` relays a gasless consent made with `bounty claim-sig`.

use crate::{
    opts::{RpcOpts, WalletOpts},
    output::{amount, execute, json, table, utc},
};
use alloy::primitives::{Address, U256};
use bounty_chain::{
    claims::{account_leaves, AccountLeaf, LoadedClaims},
    vault::{EpochPhase, Vault},
    Chain, Wallet,
};
use clap::Args;
use eyre::{bail, eyre, Result};
use std::path::PathBuf;

#[derive(Args, Clone, Debug)]
pub struct ClaimArgs {
    /// Claims files (one per epoch), all for the same vault.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The account to claim for (default: the wallet's address).
    #[arg(long)]
    pub account: Option<Address>,
    /// Pay to this address instead (claimTo: the wallet must be the account).
    #[arg(long)]
    pub to: Option<Address>,
    /// Print `to` and `data` for your own wallet instead of sending (no key needed).
    #[arg(long)]
    pub calldata: bool,
    /// Relay a consent signed with `bounty claim-sig` (claimWithSig; the sender pays the gas).
    #[arg(long, conflicts_with_all = ["to", "calldata"])]
    pub consent: Option<PathBuf>,
    /// Simulate only.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the account's leaves as JSON (and nothing else).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub rpc: RpcOpts,
    #[command(flatten)]
    pub wallet: WalletOpts,
}

pub async fn run(args: &ClaimArgs) -> Result<()> {
    let wallet = if args.calldata { None } else { args.wallet.resolve().await? };
    claim_with(args, wallet).await
}

pub async fn claim_with(args: &ClaimArgs, wallet: Option<Wallet>) -> Result<()> {
    let files = args.files.iter().map(|p| LoadedClaims::read(p)).collect::<Result<Vec<_>, _>>()?;
    let first = &files[0].file;
    let consent = match &args.consent {
        Some(p) => Some(super::claim_sig::Consent::read(p)?),
        None => None,
    };
    let account = args
        .account
        .or(consent.as_ref().map(|c| c.account))
        .or(wallet.as_ref().map(Wallet::address))
        .ok_or_else(|| eyre!("which account? give --account (or a wallet)"))?;
    let needs_wallet = !(args.calldata || args.dry_run || args.json);
    if needs_wallet && wallet.is_none() {
        bail!("claim sends a transaction: give a wallet, or use --calldata to send it from your own wallet");
    }
    let chain = Chain::connect(&args.rpc.rpc_url, Some(args.rpc.chain_id.unwrap_or(first.chain_id)), wallet.clone()).await?;
    let vault = Vault::at(chain, first.vault).await?;
    let leaves = account_leaves(&vault, &files, account).await?;
    if args.json {
        return json(&leaves);
    }
    let (d, sym) = (first.token.decimals, first.token.symbol.clone());
    if leaves.is_empty() {
        bail!("{account} is not in any of these claims files");
    }
    let mut t = table(&["epoch", "index", &format!("amount ({sym})"), "status"]);
    for l in &leaves {
        t.add_row(vec![l.label.clone(), l.index.to_string(), amount(l.amount, d), describe(l)]);
    }
    println!("{t}");
    let claimable: Vec<&AccountLeaf> = leaves.iter().filter(|l| l.claimable()).collect();
    if claimable.is_empty() {
        bail!("nothing to claim for {account} right now (see the status column)");
    }
    let total: U256 = claimable.iter().map(|l| l.amount).fold(U256::ZERO, |a, b| a + b);
    let claims = claimable.iter().map(|l| l.as_claim()).collect();
    let recipient = args.to.or(consent.as_ref().map(|c| c.recipient)).unwrap_or(account);
    println!("claiming {} {sym} for {account} from {} epoch(s), paid to {recipient}", amount(total, d), claimable.len());
    let plan = if let Some(c) = &consent {
        vault.claim_with_sig(c.account, c.recipient, U256::from(c.deadline), claims, c.signature.clone())
    } else if let Some(to) = args.to {
        vault.claim_to(to, claims)
    } else {
        vault.claim(account, claims)
    };
    if args.calldata {
        // Simulated from the account itself, which is who will send it.
        let sim = vault.chain.simulate(&plan, Some(account)).await?;
        println!("send this from your wallet (simulated ok, gas estimate {}):", sim.gas);
        println!("  to:    {}", plan.to);
        println!("  value: 0");
        println!("  data:  {}", plan.data);
        return Ok(());
    }
    if execute(&vault.chain, &plan, args.dry_run).await?.is_some() {
        println!("claimed {} {sym} to {recipient}", amount(total, d));
    }
    Ok(())
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
