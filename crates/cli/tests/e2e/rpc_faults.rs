//! The whole quarter through an RPC that behaves like a hosted one on a bad day ([`crate::common::proxy`]): `eth_getLogs`
//! refused over a few blocks or results, HTTP 429s, dropped connections (one after a transaction was forwarded),
//! slow answers. Every command must reach the same result as on a direct connection, and pay nothing twice.
//!
//! Multi-threaded runtime: the proxy serves from the runtime's workers while the test thread waits for `bounty`.

use crate::common::{
    proxy::{Faults, Proxy},
    Setup, World, DAY,
};
use alloy::primitives::U256;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quarter_through_a_hostile_rpc() {
    let w = World::new(Setup::default()).await;
    let proxy = Proxy::start(
        &w.devnet.url,
        Faults {
            max_log_range: Some(3),
            max_log_results: Some(1),
            rate_limit_every: Some(17),
            drop_every: Some(5),
            delay: Some(Duration::from_millis(2)),
            pruned_after: None,
            lose_send_answers: true,
        },
    )
    .await;
    let w = w.through(proxy.url.clone());

    // Signers: compute → sign → submit (the post itself goes through the proxy).
    w.post();
    let vault = w.vault.to_string();
    let status = w.ok(&["status", "--vault", &vault]);
    assert!(status.contains("2026-Q2") && status.contains("pending"), "{status}");

    // Community: verify against the chain.
    let verified = w.ok(&["verify", &w.path(&w.claims)]);
    assert!(verified.contains("checks passed"), "{verified}");

    // A helper claims; then the payday push pays everyone else exactly once.
    w.warp(u64::from(DAY) + 1).await;
    let loaded = w.loaded();
    let helper = loaded.file.claims.iter().find(|c| c.account == w.address(5)).unwrap().clone();
    w.ok(&["claim", &w.path(&w.claims), "--private-key", &w.key_hex(5)]);
    assert_eq!(w.balance(helper.account).await, helper.amount);
    let paid = w.ok(&["payout", &w.path(&w.claims), "--private-key", &w.key_hex(0)]);
    assert!(paid.contains("paid"), "{paid}");
    for c in &loaded.file.claims {
        assert_eq!(w.balance(c.account).await, c.amount, "{} paid exactly once", c.account);
    }
    let again = w.ok(&["payout", &w.path(&w.claims), "--private-key", &w.key_hex(0)]);
    assert!(again.contains("nothing to pay"), "{again}");
    let status = w.ok(&["status", "--vault", &vault, "--json"]);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["epochs"].as_array().unwrap().len(), 1, "{status}");
    assert_eq!(status["reserved"], "0", "{status}");

    // The books through the same RPC: the same rows and totals as on a direct connection (the log scan splits on
    // every refusal, the block-time and transaction reads retry), or no rows at all, never a partial list.
    let hostile = w.ok(&["ledger", &w.path(&w.claims), "--json"]);
    let direct = std::process::Command::new(env!("CARGO_BIN_EXE_bounty"))
        .args(["ledger", &w.path(&w.claims), "--json"])
        .env("ETH_RPC_URL", &w.devnet.url)
        .output()
        .unwrap();
    assert!(direct.status.success());
    assert_eq!(hostile, String::from_utf8(direct.stdout).unwrap());
    let ledger: serde_json::Value = serde_json::from_str(&hostile).unwrap();
    assert_eq!(ledger["payments"].as_array().unwrap().len(), loaded.file.claims.len());
    assert_eq!(ledger["totals"]["amount"], loaded.file.total.to_string());

    // Every fault was really met on the way.
    for (name, counter) in [
        ("log refusals", &proxy.stats.logs_refused),
        ("429s", &proxy.stats.rate_limited),
        ("dropped connections", &proxy.stats.dropped),
    ] {
        assert!(Proxy::count(counter) > 0, "no {name}: the test proved nothing");
    }
    // Every transaction's first answer was lost; the client's retry resent the same bytes (the same transaction,
    // which the node refused as known) and the sender found it by hash instead of signing a second one.
    let sent = proxy.stats.sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 3, "post, claim, payout: {sent:?}");
    let total: U256 = loaded.file.claims.iter().map(|c| c.amount).sum();
    assert_eq!(total, loaded.file.total);
}
