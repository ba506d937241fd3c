//! `bounty payout`: the payday push — every unclaimed leaf of an epoch in multiproof batches sized to the block
//! gas limit, with a progress bar. Safe to re-run after a crash or a dropped RPC: paid leaves are skipped.

use crate::{
    opts::{RpcOpts, WalletOpts},
    output::{amount, json},
};
use bounty_chain::{
    claims::LoadedClaims,
    payout::{plan, run as run_payout, PayoutOptions},
    vault::Vault,
    Chain, Wallet,
};
use clap::Args;
use eyre::{bail, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;

#[derive(Args, Clone, Debug)]
pub struct PayoutArgs {
    /// The epoch's claims file.
    pub file: PathBuf,
    /// Most leaves per transaction (default: what fits in half a block).
    #[arg(long)]
    pub batch_size: Option<usize>,
    /// Stop after this many transactions (re-run to continue).
    #[arg(long)]
    pub max_batches: Option<usize>,
    /// Plan and simulate the first batch only.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the plan as JSON and stop.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub rpc: RpcOpts,
    #[command(flatten)]
    pub wallet: WalletOpts,
}

pub async fn run(args: &PayoutArgs) -> Result<()> {
    let wallet = args.wallet.resolve().await?;
    if wallet.is_none() && !(args.dry_run || args.json) {
        bail!("payout sends transactions: give a wallet (--private-key, --interactive, --keystore, --ledger)");
    }
    payout_with(args, wallet).await
}

pub async fn payout_with(args: &PayoutArgs, wallet: Option<Wallet>) -> Result<()> {
    let loaded = LoadedClaims::read(&args.file)?;
    let f = &loaded.file;
    let chain = Chain::connect(&args.rpc.rpc_url, Some(args.rpc.chain_id.unwrap_or(f.chain_id)), wallet).await?;
    let vault = Vault::at(chain, f.vault).await?;
    let options = PayoutOptions { max_batch: args.batch_size, max_batches: args.max_batches };
    let p = plan(&vault, &loaded, &options).await?;
    if args.json {
        return json(&p);
    }
    let (d, sym) = (f.token.decimals, &f.token.symbol);
    println!(
        "epoch {}: {} leaves, {} already paid, {} to pay ({} {sym})",
        f.label,
        p.leaves,
        p.already_paid,
        p.unpaid,
        amount(p.unpaid_amount, d)
    );
    if p.unpaid == 0 {
        println!("nothing to pay: every leaf of epoch {} is paid", f.label);
        return Ok(());
    }
    println!(
        "{} batch(es) of up to {} leaves (~{} gas per leaf, block gas limit {})",
        p.batches, p.batch_size, p.gas_per_leaf, p.block_gas_limit
    );
    if args.dry_run {
        println!("dry run: the first batch simulated fine; nothing sent");
        return Ok(());
    }
    let bar = ProgressBar::new(p.unpaid as u64);
    bar.set_style(
        ProgressStyle::with_template("  {bar:30} {pos}/{len} leaves paid {msg}").expect("static template"),
    );
    let mut paid_amount = alloy::primitives::U256::ZERO;
    let done = run_payout(&vault, &loaded, &p, &options, |b| {
        bar.inc(b.leaves as u64);
        paid_amount += b.amount;
        // `suspend` prints even when the bar is hidden (output not a terminal), so logs keep every batch.
        bar.suspend(|| {
            println!(
                "  batch {}: {} leaves ({} newly paid), tx {} gas {}",
                b.batch, b.leaves, b.paid, b.sent.hash, b.sent.gas_used
            )
        });
    })
    .await;
    bar.finish_and_clear();
    let done = done?;
    let paid: usize = done.iter().map(|b| b.paid).sum();
    println!("paid {paid} leaves ({} {sym}) in {} transaction(s)", amount(paid_amount, d), done.len());
    if done.len() < p.batches {
        println!("stopped after {} of {} batches: run `bounty payout` again to continue", done.len(), p.batches);
    }
    Ok(())
}
