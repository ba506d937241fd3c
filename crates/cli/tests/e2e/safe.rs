//! Safes end to end: a Safe as a vault signer beside an EOA, and a Safe executing the batches the CLI writes
//! (payouts, claims, governance) through the real Safe v1.4.1.

use crate::common::{Setup, World, DAY, EPOCH_NUMBER};
use alloy::primitives::U256;
use bounty_chain::bindings::IBountyVault;

/// A real 2-of-3 Safe v1.4.1 is one of the vault's three signers (threshold 2). Its owners sign with `--safe` (the
/// SafeMessage of the vault's digest), an EOA signs as usual, and `submit` assembles the Safe's signature from its
/// owners' and posts. One owner short, `submit` refuses with a sentence and sends nothing.
#[tokio::test]
async fn a_safe_co_signs_a_root_with_an_eoa() {
    let w = World::new(Setup { safe_signer: true, ..Setup::default() }).await;
    let safe = w.safe.unwrap().to_string();
    w.compute();
    let claims = w.path(&w.claims);
    let signed = w.ok(&["sign", &claims, "--safe", &safe, "--yes", "--private-key", &w.key_hex(6)]);
    assert!(signed.contains("SafeMessage:") && signed.contains("device shows:"), "{signed}");
    let stranger = w.fails(&["sign", &claims, "--safe", &safe, "--yes", "--private-key", &w.key_hex(9)]);
    assert!(stranger.contains("is not an owner of the Safe"), "{stranger}");
    w.sign(&w.claims.clone(), 1);

    let short = w.submit(&w.claims);
    let text = format!("{}{}", String::from_utf8_lossy(&short.stdout), String::from_utf8_lossy(&short.stderr));
    assert!(!short.status.success(), "{text}");
    assert!(text.contains("needs 2 of its owners' signatures and has 1"), "{text}");
    let vault = w.vault().await;
    assert_eq!(vault.epoch_info(EPOCH_NUMBER).await.unwrap().status, IBountyVault::EpochStatus::None);

    w.ok(&["sign", &claims, "--safe", &safe, "--yes", "--private-key", &w.key_hex(8)]);
    let out = w.submit(&w.claims);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let info = vault.epoch_info(EPOCH_NUMBER).await.unwrap();
    assert_eq!(info.status, IBountyVault::EpochStatus::Posted);
    assert_eq!(info.root, w.loaded().file.root);
}

/// A Safe as the executor: `fund` (approve + fund) and `veto` write Safe Transaction Builder batches instead of
/// sending; the real Safe runs them (two transactions through `MultiSendCallOnly`, one as a plain call) with two of
/// its three owners' signatures, and the vault's state shows each took effect.
#[tokio::test]
async fn a_safe_executes_the_batches_the_cli_writes() {
    let w = World::new(Setup { safe_signer: true, ..Setup::default() }).await;
    let safe = w.safe.unwrap();
    let vault = w.vault().await;
    let hundred = World::whole(100);
    w.mint(safe, 100).await;
    let before = vault.available().await.unwrap();

    let fund = w.dir.path().join("fund-batch.json");
    let out = w.ok(&[
        "fund",
        "--vault",
        &w.vault.to_string(),
        "--amount",
        "100",
        "--safe-batch",
        &w.path(&fund),
        "--from-safe",
        &safe.to_string(),
    ]);
    assert!(out.contains("2 transactions, run atomically through MultiSendCallOnly"), "{out}");
    assert_eq!(vault.available().await.unwrap(), before, "nothing is sent");
    let (a, b) = (w.key(6).clone(), w.key(8).clone());
    crate::common::safe_exec::execute_batch(&w.client, safe, &[&a, &b], &fund).await;
    assert_eq!(vault.available().await.unwrap() - before, hundred);

    w.post();
    let veto = w.dir.path().join("veto-batch.json");
    let epoch = EPOCH_NUMBER.to_string();
    w.ok(&[
        "veto",
        &epoch,
        "--vault",
        &w.vault.to_string(),
        "--safe-batch",
        &w.path(&veto),
        "--from-safe",
        &safe.to_string(),
    ]);
    let batch: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&veto).unwrap()).unwrap();
    assert_eq!(batch["transactions"][0]["contractMethod"]["name"], "veto");
    assert_eq!(batch["transactions"][0]["contractInputsValues"]["epochNumber"], epoch);
    crate::common::safe_exec::execute_batch(&w.client, safe, &[&a, &b], &veto).await;
    assert_eq!(vault.epoch_info(EPOCH_NUMBER).await.unwrap().status, IBountyVault::EpochStatus::Vetoed);

    // One signer stops the vault: the Safe, through a batch.
    let pause = w.dir.path().join("pause-batch.json");
    let (v, p, sf) = (w.vault.to_string(), w.path(&pause), safe.to_string());
    w.ok(&["governance", "--vault", &v, "pause", "--safe-batch", &p, "--from-safe", &sf]);
    crate::common::safe_exec::execute_batch(&w.client, safe, &[&a, &b], &pause).await;
    assert!(IBountyVault::new(w.vault, &w.client.provider).paused().call().await.unwrap());

    // A batch for a call the vault would refuse from the Safe is never written.
    let again = w.dir.path().join("again.json");
    let err = w.fails(&[
        "veto",
        &epoch,
        "--vault",
        &w.vault.to_string(),
        "--safe-batch",
        &w.path(&again),
        "--from-safe",
        &safe.to_string(),
    ]);
    assert!(err.contains("would revert"), "{err}");
    assert!(!again.exists());
}

/// Payday from a Safe: `payout --safe-batch` writes the planned `payBatch` transactions into one Transaction
/// Builder batch (here three, of two leaves each); the Safe runs it and every leaf is paid exactly once.
#[tokio::test]
async fn a_safe_runs_the_payout_batch() {
    let w = World::new(Setup { safe_signer: true, ..Setup::default() }).await;
    let safe = w.safe.unwrap();
    w.post();
    w.warp(u64::from(DAY) + 1).await;
    let batch = w.dir.path().join("payout-batch.json");
    let out = w.ok(&[
        "payout",
        &w.path(&w.claims),
        "--batch-size",
        "2",
        "--safe-batch",
        &w.path(&batch),
        "--from-safe",
        &safe.to_string(),
    ]);
    assert!(out.contains("3 transactions"), "{out}");
    let (a, b) = (w.key(7).clone(), w.key(8).clone());
    crate::common::safe_exec::execute_batch(&w.client, safe, &[&a, &b], &batch).await;
    for c in &w.loaded().file.claims {
        assert_eq!(w.balance(c.account).await, c.amount, "{} paid exactly once", c.account);
    }
    let nothing =
        w.ok(&["payout", &w.path(&w.claims), "--safe-batch", &w.path(&batch), "--from-safe", &safe.to_string()]);
    assert!(nothing.contains("nothing to pay"), "{nothing}");
}

/// A helper whose account is a Safe: `claim --safe-batch` (the account defaults to the Safe) writes the claim as a
/// Transaction Builder batch, the Safe's owners execute it, and the Safe holds its pay.
#[tokio::test]
async fn a_safe_helper_claims_through_a_batch() {
    let w = World::new(Setup { safe_signer: true, ..Setup::default() }).await;
    let safe = w.safe.unwrap();
    let mut csv = std::fs::read_to_string(&w.shares).unwrap();
    csv.push_str(&format!("{safe},10,the-safe\n"));
    std::fs::write(&w.shares, csv).unwrap();
    w.post();
    w.warp(u64::from(DAY) + 1).await;
    let batch = w.dir.path().join("claim-batch.json");
    w.ok(&["claim", &w.path(&w.claims), "--safe-batch", &w.path(&batch), "--from-safe", &safe.to_string()]);
    assert_eq!(w.balance(safe).await, U256::ZERO, "nothing is sent");
    let (a, b) = (w.key(6).clone(), w.key(7).clone());
    crate::common::safe_exec::execute_batch(&w.client, safe, &[&a, &b], &batch).await;
    let owed = w.loaded().file.claims.iter().find(|c| c.account == safe).unwrap().amount;
    assert_eq!(w.balance(safe).await, owed);
}
