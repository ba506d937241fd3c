//! Threshold governance and disputes end to end: withdraw, pause and unpause, a config change, a community
//! member's dispute dismissed or upheld.

use crate::common::{Setup, World, DAY, EPOCH_NUMBER};
use alloy::primitives::{Address, U256};

/// Governance goes through the same sign → submit path, which queues it; `execute` runs it after the challenge
/// period, and `cancel` (one signer) stops another before it runs.
#[tokio::test]
async fn governance_withdraw_through_sign_and_submit() {
    let w = World::new(Setup::default()).await;
    let proposal = w.dir.path().join("withdraw.json");
    let to = Address::repeat_byte(0xaa);
    // More than the vault holds (2 000 RPL): refused before anyone signs, nothing written.
    let too_much = w.fails(&[
        "governance",
        "--vault",
        &w.vault.to_string(),
        "withdraw",
        "--to",
        &to.to_string(),
        "--amount",
        "1000000",
        "-o",
        &w.path(&proposal),
    ]);
    assert!(too_much.contains("more than the vault has available (2000 RPL"), "{too_much}");
    assert!(!proposal.exists(), "nothing was written");
    w.ok(&[
        "governance",
        "--vault",
        &w.vault.to_string(),
        "withdraw",
        "--to",
        &to.to_string(),
        "--amount",
        "5000units",
        "-o",
        &w.path(&proposal),
    ]);
    w.sign(&proposal, 2);
    w.sign(&proposal, 3);
    let out = w.submit(&proposal);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("queued Withdraw as action"));
    assert_eq!(w.balance(to).await, U256::ZERO, "queued, not paid");
    let early = w.fails(&["execute", &w.path(&proposal), "--private-key", &w.key_hex(4)]);
    assert!(early.contains("may be executed from"), "{early}");
    let status = w.ok(&["status", "--vault", &w.vault.to_string()]);
    assert!(status.contains("queued:     Withdraw") && status.contains("cancellable until then"), "{status}");
    w.warp(u64::from(DAY)).await;
    w.ok(&["execute", &w.path(&proposal), "--private-key", &w.key_hex(4)]);
    assert_eq!(w.balance(to).await, U256::from(5000u64));
    // The nonce moved on: the same proposal cannot be replayed, nor executed twice.
    let replay = w.submit(&proposal);
    assert!(!replay.status.success());
    assert!(w.fails(&["execute", &w.path(&proposal), "--private-key", &w.key_hex(4)]).contains("already executed"));

    // A second withdrawal is queued, then one signer cancels it: nothing moves.
    let second = w.dir.path().join("withdraw-2.json");
    let vault = w.vault.to_string();
    let args = ["governance", "--vault", &vault, "withdraw", "--to", &to.to_string(), "--amount", "1", "-o"];
    w.ok(&[&args[..], &[&w.path(&second)]].concat());
    w.sign(&second, 1);
    w.sign(&second, 2);
    assert!(w.submit(&second).status.success());
    let cancelled = w.ok(&["cancel", &w.path(&second), "--private-key", &w.key_hex(3)]);
    assert!(cancelled.contains("cancelled Withdraw"), "{cancelled}");
    w.warp(u64::from(DAY)).await;
    assert!(w.fails(&["execute", &w.path(&second), "--private-key", &w.key_hex(4)]).contains("was cancelled"));
    assert_eq!(w.balance(to).await, U256::from(5000u64));
}

/// Emergency: one signer pauses at once; unpausing and a config change need the threshold (sign → submit → after the
/// challenge period, execute).
/// `--dry-run` simulates and prints `to` + calldata without sending.
#[tokio::test]
async fn pause_unpause_and_config_change_with_a_dry_run_first() {
    let w = World::new(Setup::default()).await;
    let vault = w.vault.to_string();
    w.ok(&["governance", "--vault", &vault, "pause", "--private-key", &w.key_hex(1)]);
    w.compute();
    w.sign(&w.claims.clone(), 1);
    w.sign(&w.claims.clone(), 2);
    let paused = String::from_utf8_lossy(&w.submit(&w.claims).stderr).to_string();
    assert!(paused.contains("the vault is paused"), "{paused}");

    let unpause = w.dir.path().join("unpause.json");
    w.ok(&["governance", "--vault", &vault, "unpause", "-o", &w.path(&unpause)]);
    w.sign(&unpause, 1);
    w.sign(&unpause, 3);
    let dry = w.ok(&["submit", &w.path(&unpause), "--dry-run"]);
    assert!(
        dry.contains("dry run, not sent") && dry.contains(&format!("to:   {vault}")) && dry.contains("data: 0x"),
        "{dry}"
    );
    assert!(w.ok(&["status", "--vault", &vault]).contains("paused:     YES"));
    let named: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&unpause).unwrap()).unwrap();
    assert_eq!(named["message"]["message"]["pause"], "1", "the unpause names the pause it ends: {named}");
    assert!(w.submit(&unpause).status.success());
    let queued = w.ok(&["status", "--vault", &vault]);
    assert!(queued.contains("paused:     YES"), "queued, not yet executed: {queued}");
    assert!(queued.contains("queued:     Unpause") && queued.contains("(cancellable until then) until "), "{queued}");
    let json: serde_json::Value = serde_json::from_str(&w.ok(&["status", "--vault", &vault, "--json"])).unwrap();
    let action = &json["queued"][0];
    assert_eq!(action["expiresAt"].as_u64().unwrap(), action["eta"].as_u64().unwrap() + 14 * u64::from(DAY));
    assert_eq!(action["generation"], 1);
    // The key that paused cannot pause again under this configuration.
    w.warp(u64::from(DAY)).await;
    w.ok(&["execute", &w.path(&unpause), "--private-key", &w.key_hex(4)]);
    assert!(w.ok(&["status", "--vault", &vault]).contains("paused:     no"));
    let again = w.fails(&["governance", "--vault", &vault, "pause", "--private-key", &w.key_hex(1)]);
    assert!(again.contains("already paused the vault under this configuration"), "{again}");

    let config = w.dir.path().join("config.json");
    w.ok(&[
        "governance",
        "--vault",
        &vault,
        "config",
        "--threshold",
        "3",
        "--challenge-period",
        "7200",
        "-o",
        &w.path(&config),
    ]);
    w.sign(&config, 2);
    w.sign(&config, 3);
    assert!(w.submit(&config).status.success());
    w.warp(u64::from(DAY)).await;
    w.ok(&["execute", &w.path(&config), "--private-key", &w.key_hex(4)]);
    let status: serde_json::Value = serde_json::from_str(&w.ok(&["status", "--vault", &vault, "--json"])).unwrap();
    assert_eq!(status["threshold"], 3);
    assert_eq!(status["challengePeriod"], 7200);
    assert_eq!(status["nonce"], "2");
}

/// Anyone disputes a pending root with a bond: it pays nothing until the threshold resolves the dispute. Dismissed,
/// the bond joins the budget and the root waits a whole new challenge period before it pays.
#[tokio::test]
async fn a_community_member_disputes_and_the_signers_dismiss() {
    let w = World::new(Setup::default()).await;
    // The deployer holds no tokens after funding: mint it the bond (before the CLI sends from its key, so the
    // test's provider still knows its nonce).
    let community = 0;
    w.mint(w.address(community), 10).await;
    w.post();
    let claims = w.path(&w.claims);
    let clean = w.fails(&["dispute", &claims, "--reason", "looks high", "--private-key", &w.key_hex(community)]);
    assert!(clean.contains("every verify check") && clean.contains("--anyway"), "{clean}");
    let disputed = w.ok(&[
        "dispute",
        &claims,
        "--reason",
        "helper5's 40 hours look inflated: forum post 123",
        "--anyway",
        "--private-key",
        &w.key_hex(community),
    ]);
    assert!(disputed.contains("bonding 10 RPL") && disputed.contains("is disputed"), "{disputed}");
    assert_eq!(w.balance(w.address(community)).await, U256::ZERO);
    let status = w.ok(&["status", "--vault", &w.vault.to_string()]);
    assert!(status.contains("disputed"), "{status}");
    assert!(
        status.contains(&format!("dispute:    20262 (2026-Q2) by {} with a bond of 10 RPL", w.address(community)))
            && status.contains("anyone may end it unanswered from"),
        "{status}"
    );
    w.warp(u64::from(DAY) + 1).await;
    let refused = w.fails(&["claim", &claims, "--private-key", &w.key_hex(5)]);
    assert!(refused.contains("disputed"), "{refused}");

    // The signers dismiss it through sign → submit.
    let proposal = w.dir.path().join("dismiss.json");
    let epoch = EPOCH_NUMBER.to_string();
    let vault = w.vault.to_string();
    w.ok(&[
        "governance",
        "--vault",
        &vault,
        "resolve-dispute",
        "--epoch",
        &epoch,
        "--dismiss",
        "-o",
        &w.path(&proposal),
    ]);
    w.sign(&proposal, 1);
    w.sign(&proposal, 2);
    let out = w.submit(&proposal);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("dismissed: the bond joined the budget") && !said.contains("queued"), "{said}");
    let still = w.fails(&["claim", &claims, "--private-key", &w.key_hex(5)]);
    assert!(
        still.contains("pending until") && still.contains("nothing to claim"),
        "a whole new challenge period: {still}"
    );
    w.warp(u64::from(DAY) + 1).await;
    w.ok(&["claim", &claims, "--private-key", &w.key_hex(5)]);
    assert!(w.balance(w.address(5)).await > U256::ZERO);
}

/// A dispute upheld by one signer's veto credits the bond back: `status` lists it, and the disputer withdraws it
/// with `dispute --withdraw-refund` (the vault never pushes it, so a disputer that cannot receive cannot block a veto).
#[tokio::test]
async fn an_upheld_disputes_bond_is_credited_and_withdrawn() {
    let w = World::new(Setup::default()).await;
    let community = 0;
    w.mint(w.address(community), 10).await;
    w.post();
    let claims = w.path(&w.claims);
    let key = w.key_hex(community);
    w.ok(&["dispute", &claims, "--reason", "inflated", "--anyway", "--private-key", &key]);
    let vault = w.vault.to_string();
    w.ok(&["veto", "20262", "--vault", &vault, "--private-key", &w.key_hex(2)]);
    let status = w.ok(&["status", "--vault", &vault]);
    assert!(status.contains(&format!("refund:     10 RPL credited to {}", w.address(community))), "{status}");
    let nothing = w.fails(&["dispute", &claims, "--withdraw-refund", "--private-key", &w.key_hex(5)]);
    assert!(nothing.contains("has no dispute bond credited back"), "{nothing}");
    let out = w.ok(&["dispute", &claims, "--withdraw-refund", "--private-key", &key]);
    assert!(out.contains("withdrew 10 RPL"), "{out}");
    assert_eq!(w.balance(w.address(community)).await, U256::from(10u64) * U256::from(10u64).pow(U256::from(18u64)));
    assert!(!w.ok(&["status", "--vault", &vault]).contains("refund:"));
}
