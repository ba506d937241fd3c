//! `bounty payout`: the payday push — every unclaimed leaf of an epoch in multiproof batches sized to the block
//! gas limit, with a progress bar. Safe to re-run after a crash or a dropped RPC: paid leaves are skipped.

use crate::{
    opts::{OutputOpts, SendOpts, TxOpts},
    output::{amount, json},
    send::send,
};
use bounty_chain::payout::{plan, run as run_payout, transactions, PayoutOptions};
use bounty_core::LoadedClaims;
use clap::Args;
use eyre::Result;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;

/// Arguments of this command.
#[derive(Args, Clone, Debug)]
pub(crate) struct PayoutArgs {
    /// The epoch's claims file.
    pub(crate) file: PathBuf,
    /// Most leaves per transaction (default: what fits in half a block).
    #[arg(long)]
    pub(crate) batch_size: Option<usize>,
    /// Stop after this many transactions (re-run to continue).
    #[arg(long)]
    pub(crate) max_batches: Option<usize>,
    /// `--json` prints the plan and stops.
    #[command(flatten)]
    pub(crate) output: OutputOpts,
    /// `--dry-run` plans and simulates the first batch only; `--calldata` prints every batch for another wallet;
    /// `--safe-batch` writes every batch into one Safe Transaction Builder file (bound both with `--max-batches`).
    #[command(flatten)]
    pub(crate) send: SendOpts,
}

impl PayoutArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (tx, safe) = (&self.send.tx, &self.send.safe);
        let sends_nothing = tx.dry_run || tx.calldata || self.output.json || safe.safe_batch.is_some();
        let wallet = TxOpts { dry_run: sends_nothing, calldata: false }.wallet(&self.send.wallet, "payout").await?;
        let args = &self;
        let loaded = LoadedClaims::read(&args.file)?;
        let f = &loaded.file;
        let vault = args.send.rpc.vault(f.vault, Some(f.chain_id), wallet).await?;
        let options = PayoutOptions { max_batch: args.batch_size, max_batches: args.max_batches };
        let p = plan(&vault, &loaded, &options).await?;
        if args.output.json {
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
        if tx.calldata || safe.safe_batch.is_some() {
            send(&vault, &transactions(&vault, &loaded, &p, &options)?, tx, safe, None).await?;
            return Ok(());
        }
        if tx.dry_run {
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
        let paid: usize = done.batches.iter().map(|b| b.paid).sum();
        println!("paid {paid} leaves ({} {sym}) in {} transaction(s)", amount(paid_amount, d), done.batches.len());
        for s in &done.skipped {
            println!(
            "  left leaf {} ({}, {} {sym}) for a claim: its transfer {}; the helper claims it with `bounty claim {} \
             --to ANOTHER_ADDRESS` from that account",
            s.index,
            s.account,
            amount(s.amount, d),
            s.reason,
            args.file.display()
        );
        }
        if args.max_batches.is_some_and(|m| m < p.batches) {
            println!(
                "stopped after {} of {} batches: run `bounty payout` again to continue",
                done.batches.len(),
                p.batches
            );
        }
        Ok(())
    }
}
