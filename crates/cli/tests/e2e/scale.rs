//! Payday at scale on a real chain: an epoch of 10^4 helpers computed, posted and pushed with `bounty payout`,
//! which is killed mid-run and started again. Every leaf is paid exactly once; the run's transactions, gas per
//! recipient and wall time are printed (`--nocapture`) as the benchmark figures the README reports; then the books
//! of all 10^4 payments (`bounty ledger`), checked against the file and timed.

use crate::common::{Setup, World, DAY};
use alloy::primitives::{keccak256, Address};
use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::Instant,
};

const HELPERS: usize = 10_000;

#[tokio::test]
async fn ten_thousand_helpers_paid_exactly_once_across_a_killed_payout() {
    let w = World::new(Setup::default()).await;
    let mut csv = String::from("account,hours\n");
    for i in 0..HELPERS {
        let account = Address::from_slice(&keccak256(format!("helper {i}"))[12..]);
        csv.push_str(&format!("{account},{}.{:02}\n", 1 + i % 40, i % 100));
    }
    std::fs::write(&w.shares, csv).unwrap();
    w.post();
    w.warp(u64::from(DAY) + 1).await;
    let loaded = w.loaded();
    assert_eq!(loaded.file.claims.len(), HELPERS);
    let vault_before = w.balance(w.vault).await;

    // First run: killed once two batches have gone out.
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bounty"))
        .args(["payout", &w.path(&w.claims), "--private-key", &w.key_hex(0)])
        .env("ETH_RPC_URL", &w.rpc_url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut batches_seen = 0;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        if line.unwrap().trim_start().starts_with("batch ") {
            batches_seen += 1;
            if batches_seen == 2 {
                child.kill().unwrap();
                break;
            }
        }
    }
    child.wait().unwrap();
    assert_eq!(batches_seen, 2, "the payout was interrupted mid-run");
    let partly = w.balance(w.vault).await;
    assert!(partly < vault_before && vault_before - partly < loaded.file.total, "some, not all, paid");

    // Second run: resumes from the claimed bits.
    let resumed = w.ok(&["payout", &w.path(&w.claims), "--private-key", &w.key_hex(0)]);
    let elapsed = started.elapsed();
    assert!(resumed.contains("already paid"), "{resumed}");

    // Exactly once: the vault paid out the epoch's total, its remainder is zero, and sampled helpers hold exactly
    // their amounts.
    assert_eq!(vault_before - w.balance(w.vault).await, loaded.file.total);
    let info = w.vault().await.epoch_info(crate::common::EPOCH_NUMBER).await.unwrap();
    assert_eq!(info.remaining, 0);
    for c in loaded.file.claims.iter().step_by(HELPERS / 50) {
        assert_eq!(w.balance(c.account).await, c.amount, "{}", c.account);
    }
    let again = w.ok(&["payout", &w.path(&w.claims), "--private-key", &w.key_hex(0)]);
    assert!(again.contains("nothing to pay"), "{again}");

    // "  batch 3: 450 leaves (450 newly paid), tx 0x… gas 14771234"
    let batches: Vec<(u64, u64)> = resumed
        .lines()
        .filter(|l| l.trim_start().starts_with("batch "))
        .map(|l| {
            let paid = l.split('(').nth(1).and_then(|r| r.split_whitespace().next()).unwrap().parse().unwrap();
            let gas = l.rsplit_once(" gas ").unwrap().1.trim().parse().unwrap();
            (paid, gas)
        })
        .collect();
    let (paid, gas) = batches.iter().fold((0, 0), |(p, g), (bp, bg)| (p + bp, g + bg));
    eprintln!(
        "payout of {HELPERS} leaves: {} transactions ({batches_seen} before the kill), {:.1} s wall for both runs; \
         the resumed run paid {paid} leaves for {} gas per recipient",
        batches.len() + batches_seen,
        elapsed.as_secs_f64(),
        gas / paid.max(1)
    );

    // The books of the whole payday: 10^4 payments, each joined to its leaf, in a few dozen transactions.
    let started = Instant::now();
    let ledger: serde_json::Value = serde_json::from_str(&w.ok(&["ledger", &w.path(&w.claims), "--json"])).unwrap();
    let elapsed = started.elapsed();
    assert_eq!(ledger["payments"].as_array().unwrap().len(), HELPERS);
    assert_eq!(ledger["totals"]["amount"], loaded.file.total.to_string());
    eprintln!("ledger of {HELPERS} payments: {:.1} s wall (debug build)", elapsed.as_secs_f64());
}
