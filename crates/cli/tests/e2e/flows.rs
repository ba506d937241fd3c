//! One end-to-end test per user flow, against a real anvil and the real vault.

use crate::common::{Setup, World, DAY, EPOCH_NUMBER};
use alloy::primitives::{Address, U256};
use alloy::sol_types::SolCall;
use bounty_chain::bindings::IBountyVault;

/// Signers: compute → sign ×2 → submit (and again: idempotent). Helpers: claim (too early, then on time, then
/// twice). Payday: payout. Community: verify, status.
#[tokio::test]
async fn a_quarter_for_signers_helpers_and_community() {
    let w = World::new(Setup::default()).await;
    let table = w.compute();
    assert!(table.contains("root:") && table.contains("helper5"), "{table}");
    w.sign(&w.claims.clone(), 1);
    w.sign(&w.claims.clone(), 3);
    let posted = w.ok(&["submit", &w.path(&w.claims), "--private-key", &w.key_hex(0)]);
    assert!(posted.contains("2 of 2 required signatures") && posted.contains("gas estimate"), "{posted}");
    let again = w.ok(&["submit", &w.path(&w.claims), "--private-key", &w.key_hex(0)]);
    assert!(again.contains("already posted with this root"), "{again}");

    // Before the challenge period ends the claim is refused with the activation time.
    let helper = w.key_hex(5);
    let early = w.fails(&["claim", &w.path(&w.claims), "--private-key", &helper]);
    assert!(early.contains("pending until"), "{early}");

    w.warp(u64::from(DAY) + 1).await;
    let loaded = w.loaded();
    assert!(loaded.file.deploy_block.is_some_and(|b| b > 0), "the claims file records where scans start");
    let entry = loaded.file.claims.iter().find(|c| c.account == w.address(5)).unwrap().clone();
    let claimed = w.ok(&["claim", &w.path(&w.claims), "--private-key", &helper]);
    assert!(claimed.contains("claimed"), "{claimed}");
    assert_eq!(w.balance(w.address(5)).await, entry.amount);

    // Double claim: the CLI sees the bit, and the vault itself refuses with a sentence.
    let twice = w.fails(&["claim", &w.path(&w.claims), "--private-key", &helper]);
    assert!(twice.contains("already claimed"), "{twice}");
    let vault = w.vault().await;
    let claim: IBountyVault::Claim = loaded.file.claim_of(entry.account).unwrap().unwrap().into();
    let err = w.client.simulate(&vault.claim(w.address(5), vec![claim]), None).await.unwrap_err().to_string();
    assert!(err.contains(&format!("leaf {} of epoch 20262 (2026-Q2) was already claimed", entry.index)), "{err}");

    let paid = w.ok(&["payout", &w.path(&w.claims), "--private-key", &w.key_hex(0)]);
    assert!(paid.contains("paid 4 leaves"), "{paid}");
    for c in &loaded.file.claims {
        assert_eq!(w.balance(c.account).await, c.amount, "{}", c.account);
    }

    let verified = w.ok(&["verify", &w.path(&w.claims)]);
    assert!(verified.contains("✓ metadata hash") && !verified.contains('✗'), "{verified}");
    let status: serde_json::Value =
        serde_json::from_str(&w.ok(&["status", "--vault", &w.vault.to_string(), "--json"])).unwrap();
    let epoch = &status["epochs"][0];
    assert_eq!(epoch["epoch"], EPOCH_NUMBER);
    assert_eq!(epoch["phase"], "active");
    assert_eq!(epoch["remaining"], "0x0");
    assert_eq!(status["liveEpochs"], serde_json::json!([EPOCH_NUMBER]));
    assert_eq!(status["maxLiveEpochs"], "0x20");
    let human = w.ok(&["status", "--vault", &w.vault.to_string()]);
    assert!(human.contains("paid out: sweepable") && human.contains("live:       1 of at most 32 epochs"), "{human}");

    // Paid out in full, the epoch closes at once, months before its window ends, and leaves the live set.
    let closed = w.ok(&["sweep", "20262", "--vault", &w.vault.to_string(), "--private-key", &w.key_hex(4)]);
    assert!(closed.contains("sent"), "{closed}");
    let human = w.ok(&["status", "--vault", &w.vault.to_string()]);
    assert!(human.contains("swept") && human.contains("live:       0 of at most 32 epochs"), "{human}");
}

/// Payday survives a bad recipient: one helper's address is blocklisted by the token, so any batch holding its leaf
/// reverts whole. `payout` bisects the failing batch, pays everyone else, and names the leaf it left; the helper then
/// claims it to another address of its own.
#[tokio::test]
async fn payout_skips_and_names_a_recipient_whose_transfer_reverts() {
    let w = World::new(Setup { blocklist_token: true, ..Setup::default() }).await;
    w.post();
    w.warp(u64::from(DAY) + 1).await;
    let blocked = w.address(7);
    bounty_devnet::contracts::MockBlocklistERC20::new(w.token, &w.client.provider)
        .blocklist(blocked)
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    let loaded = w.loaded();
    let leaf = loaded.file.claims.iter().find(|c| c.account == blocked).unwrap().clone();
    let paid = w.ok(&["payout", &w.path(&w.claims), "--private-key", &w.key_hex(0)]);
    assert!(paid.contains("paid 4 leaves"), "{paid}");
    assert!(
        paid.contains(&format!("left leaf {} ({blocked}", leaf.index))
            && paid.contains("Blacklistable: account is blacklisted")
            && paid.contains("--to ANOTHER_ADDRESS"),
        "{paid}"
    );
    for c in loaded.file.claims.iter().filter(|c| c.account != blocked) {
        assert_eq!(w.balance(c.account).await, c.amount, "{}", c.account);
    }
    assert_eq!(w.balance(blocked).await, U256::ZERO);
    // A re-run pays nothing twice and names the same leaf again.
    let again = w.ok(&["payout", &w.path(&w.claims), "--private-key", &w.key_hex(0)]);
    assert!(again.contains("paid 0 leaves") && again.contains(&format!("left leaf {}", leaf.index)), "{again}");
    // The helper claims its leaf to a fresh address.
    let fresh = Address::repeat_byte(0x77);
    w.ok(&["claim", &w.path(&w.claims), "--to", &fresh.to_string(), "--private-key", &w.key_hex(7)]);
    assert_eq!(w.balance(fresh).await, leaf.amount);
}

/// A payout cut off after its first batch pays the rest on the re-run, and nobody is paid twice.
#[tokio::test]
async fn payout_interrupted_then_resumed_pays_each_leaf_once() {
    let w = World::new(Setup::default()).await;
    w.post();
    w.warp(u64::from(DAY) + 1).await;
    let key = w.key_hex(0);
    let first = w.ok(&["payout", &w.path(&w.claims), "--batch-size", "2", "--max-batches", "1", "--private-key", &key]);
    assert!(first.contains("paid 2 leaves") && first.contains("stopped after 1 of 3 batches"), "{first}");
    let plan: serde_json::Value = serde_json::from_str(&w.ok(&["payout", &w.path(&w.claims), "--json"])).unwrap();
    assert_eq!(plan["alreadyPaid"], 2);
    assert_eq!(plan["unpaid"], 3);
    let rest = w.ok(&["payout", &w.path(&w.claims), "--batch-size", "2", "--private-key", &key]);
    assert!(rest.contains("paid 3 leaves"), "{rest}");
    let nothing = w.ok(&["payout", &w.path(&w.claims), "--private-key", &key]);
    assert!(nothing.contains("nothing to pay"), "{nothing}");
    let loaded = w.loaded();
    for c in &loaded.file.claims {
        assert_eq!(w.balance(c.account).await, c.amount, "{} paid exactly once", c.account);
    }
    let total: U256 = loaded.file.claims.iter().map(|c| c.amount).sum();
    assert_eq!(w.balance(w.vault).await, U256::from(2_000u64) * U256::from(10u64).pow(U256::from(18u64)) - total);
}

/// Helpers without a CLI key: `--calldata` prints what to send; `claim-sig` + `claim --consent` lets anyone relay.
#[tokio::test]
async fn claim_by_calldata_and_by_relayed_consent() {
    let w = World::new(Setup::default()).await;
    w.post();
    w.warp(u64::from(DAY) + 1).await;
    let calldata = w.ok(&["claim", &w.path(&w.claims), "--account", &w.address(6).to_string(), "--calldata"]);
    assert!(calldata.contains(&format!("to:    {}", w.vault)) && calldata.contains("data:  0x"), "{calldata}");
    assert_eq!(w.balance(w.address(6)).await, U256::ZERO, "--calldata sends nothing");
    // One open leaf: the single-leaf entry point, carrying the file's root.
    let data = calldata.lines().find_map(|l| l.trim_start().strip_prefix("data:")).unwrap().trim();
    let call = IBountyVault::claimOneCall::abi_decode(&alloy::hex::decode(data).unwrap()).unwrap();
    assert_eq!((call.account, call.claim.root), (w.address(6), w.loaded().file.root));

    let consent = w.dir.path().join("consent.json");
    let cold = Address::repeat_byte(0xc0);
    w.ok(&[
        "claim-sig",
        &w.path(&w.claims),
        "--recipient",
        &cold.to_string(),
        "-o",
        &w.path(&consent),
        "--private-key",
        &w.key_hex(7),
    ]);
    let signed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&consent).unwrap()).unwrap();
    assert_eq!(signed["claims"][0]["epoch"], EPOCH_NUMBER, "the consent names the claims it pays: {signed}");
    assert_eq!(signed["claims"].as_array().unwrap().len(), 1);
    // A second consent never lands on the first (a relayer may hold it), nor one the vault would refuse.
    let before = std::fs::read(&consent).unwrap();
    let key7 = w.key_hex(7);
    let other = ["claim-sig", &w.path(&w.claims), "--recipient", "0x00000000000000000000000000000000000000c1"];
    let over = w.fails(&[&other[..], &["-o", &w.path(&consent), "--private-key", &key7]].concat());
    assert!(over.contains("already holds another consent") && over.contains("nothing was written"), "{over}");
    assert_eq!(std::fs::read(&consent).unwrap(), before);
    let long = w.fails(&[&other[..], &["--valid-for", "31536000", "--private-key", &key7]].concat());
    assert!(long.contains("longer than the vault accepts") && long.contains("90 days"), "{long}");
    let relayed = w.ok(&["claim", &w.path(&w.claims), "--consent", &w.path(&consent), "--private-key", &w.key_hex(4)]);
    assert!(relayed.contains("claimed"), "{relayed}");
    let amount = w.loaded().file.claims.iter().find(|c| c.account == w.address(7)).unwrap().amount;
    assert_eq!(w.balance(cold).await, amount);
    assert_eq!(w.balance(w.address(7)).await, U256::ZERO);

    // A consent that was revoked before anyone relayed it moves nothing.
    let revoked = w.dir.path().join("revoked-consent.json");
    let sign = ["claim-sig", &w.path(&w.claims), "--recipient", &cold.to_string(), "-o", &w.path(&revoked)];
    w.ok(&[&sign[..], &["--private-key", &w.key_hex(9)]].concat());
    let out = w.ok(&["claim-sig", &w.path(&w.claims), "--revoke", "--private-key", &w.key_hex(9)]);
    assert!(out.contains("next consent carries nonce 1"), "{out}");
    let refused =
        w.fails(&["claim", &w.path(&w.claims), "--consent", &w.path(&revoked), "--private-key", &w.key_hex(4)]);
    assert!(refused.contains("does not match the message"), "{refused}");
    assert_eq!(w.balance(cold).await, amount);

    // claimTo: the helper sends from its own key and pays another address.
    let other = Address::repeat_byte(0xd0);
    w.ok(&["claim", &w.path(&w.claims), "--to", &other.to_string(), "--private-key", &w.key_hex(8)]);
    let amount8 = w.loaded().file.claims.iter().find(|c| c.account == w.address(8)).unwrap().amount;
    assert_eq!(w.balance(other).await, amount8);
}

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

/// `bounty deploy` deploys a working vault; `schedule` prints the calendar.
#[tokio::test]
async fn deploy_and_schedule() {
    let w = World::new(Setup { fund: 0, ..Setup::default() }).await;
    let signers = format!("{},{},{}", w.address(1), w.address(2), w.address(3));
    let out = w.ok(&[
        "deploy",
        "--token",
        &w.token.to_string(),
        "--signers",
        &signers,
        "--threshold",
        "2",
        "--private-key",
        &w.key_hex(0),
    ]);
    let address = out.split_whitespace().find(|s| s.starts_with("0x")).unwrap();
    let block = out.split("in block ").nth(1).unwrap().split_whitespace().next().unwrap();
    assert!(out.contains(&format!("deploy_block = {block}")), "{out}");
    let status = w.ok(&["status", "--vault", address, "--from-block", block]);
    assert!(status.contains("2 of 3") && status.contains("challenge 14d"), "{status}");
    let schedule = w.ok(&["schedule", "2026-Q3"]);
    assert!(schedule.contains("TWAP window:     2026-09-24 00:00 UTC → 2026-10-01 00:00 UTC"), "{schedule}");
}

/// Signers keep keys in encrypted keystores: `--keystore` + `--password-file`; a wrong password is a clear error.
#[tokio::test]
async fn signing_from_an_encrypted_keystore() {
    let w = World::new(Setup::default()).await;
    w.compute();
    alloy::signers::local::PrivateKeySigner::encrypt_keystore(
        w.dir.path(),
        &mut rand::thread_rng(),
        w.key(2).to_bytes(),
        "correct horse",
        Some("signer2"),
    )
    .unwrap();
    let keystore = w.dir.path().join("signer2");
    let password = w.dir.path().join("password");
    std::fs::write(&password, "correct horse\n").unwrap();
    let out = w.ok(&[
        "sign",
        &w.path(&w.claims),
        "--yes",
        "--keystore",
        &w.path(&keystore),
        "--password-file",
        &w.path(&password),
    ]);
    assert!(out.contains(&format!("signed by {}", w.address(2))), "{out}");
    std::fs::write(&password, "wrong").unwrap();
    let err = w.fails(&[
        "sign",
        &w.path(&w.claims),
        "--yes",
        "--keystore",
        &w.path(&keystore),
        "--password-file",
        &w.path(&password),
    ]);
    assert!(err.contains("keystore") && err.contains("signer2"), "{err}");
    let out = w.run(&["sign", &w.path(&w.claims), "--yes", "--private-key", &w.key_hex(1)]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: --private-key on the command line"));
}

/// A helper who skipped a quarter claims both epochs in one transaction.
#[tokio::test]
async fn one_claim_covers_several_epochs() {
    let w = World::new(Setup::default()).await;
    w.post();
    let q3 = w.dir.path().join("claims-q3.json");
    w.ok(&["compute", "-c", &w.path(&w.config), "-s", &w.path(&w.shares), "-e", "2026-Q3", "-o", &w.path(&q3)]);
    w.sign(&q3, 2);
    w.sign(&q3, 3);
    assert!(w.submit(&q3).status.success());
    w.warp(u64::from(DAY) + 1).await;
    let out = w.ok(&["claim", &w.path(&w.claims), &w.path(&q3), "--private-key", &w.key_hex(9)]);
    assert!(out.contains("from 2 epoch(s)"), "{out}");
    let sum: U256 = [&w.claims, &q3]
        .iter()
        .map(|p| {
            bounty_core::LoadedClaims::read(p)
                .unwrap()
                .file
                .claims
                .iter()
                .find(|c| c.account == w.address(9))
                .unwrap()
                .amount
        })
        .sum();
    assert_eq!(w.balance(w.address(9)).await, sum);
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
    assert_eq!(status["nonce"], "0x2");
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

/// A signer whose key lives in a browser wallet: `--typed-data` prints the EIP-712 JSON, another tool signs it the
/// way `eth_signTypedData_v4` does (here Foundry's `cast wallet sign --data`), and `--import` checks the signature
/// against the claimed signer and files it. A signature attributed to the wrong signer is refused.
#[tokio::test]
async fn a_browser_wallet_signs_through_typed_data_and_import() {
    let w = World::new(Setup::default()).await;
    w.compute();
    let claims = w.path(&w.claims);
    let typed = w.ok(&["sign", &claims, "--typed-data"]);
    assert!(typed.contains("\"primaryType\": \"EpochRoot\""), "{typed}");
    let json = w.dir.path().join("typed.json");
    std::fs::write(&json, &typed).unwrap();
    let cast = std::env::var_os("CAST").map(std::path::PathBuf::from).unwrap_or_else(|| {
        let local = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../node_modules/@foundry-rs/cast-linux-amd64/bin/cast");
        if local.exists() {
            local
        } else {
            "cast".into()
        }
    });
    let out = std::process::Command::new(cast)
        .args(["wallet", "sign", "--private-key", &w.key_hex(1), "--data", "--from-file", &w.path(&json)])
        .output()
        .expect("cast runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let signature = String::from_utf8(out.stdout).unwrap().trim().to_string();

    let wrong = w.fails(&["sign", &claims, "--import", &signature, "--signer", &w.address(2).to_string()]);
    assert!(wrong.contains("refused") && wrong.contains("signed by"), "{wrong}");
    let imported = w.ok(&["sign", &claims, "--import", &signature, "--signer", &w.address(1).to_string()]);
    assert!(imported.contains("imported the signature"), "{imported}");
    w.sign(&w.claims.clone(), 2);
    let out = w.submit(&w.claims);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(w.vault().await.epoch_info(EPOCH_NUMBER).await.unwrap().status, IBountyVault::EpochStatus::Posted);
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
