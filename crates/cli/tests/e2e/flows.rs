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
    assert_eq!(epoch["remaining"], "0", "amounts are decimal strings");
    assert_eq!(status["liveEpochs"], serde_json::json!([EPOCH_NUMBER]));
    assert_eq!(status["maxLiveEpochs"], "32");
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
    assert!(err.contains("the password does not open it") && !err.contains("Mac Mismatch"), "{err}");
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
