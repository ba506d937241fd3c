//! The failure catalogue: every way a signer, helper or RPC can go wrong ends in a clear message and nothing sent.

use crate::common::{Setup, World, DAY, EPOCH_NUMBER};
use alloy::primitives::U256;
use bounty_chain::{
    bindings::IBountyVault::Config, deploy::deploy_vault, signable::epoch_root, signature_file::sorted_signatures,
    SignatureFile, VaultMessage, Wallet,
};

fn epochs_posted(w: &World) -> usize {
    let status: serde_json::Value =
        serde_json::from_str(&w.ok(&["status", "--vault", &w.vault.to_string(), "--json"])).unwrap();
    status["epochs"].as_array().unwrap().len()
}

#[tokio::test]
async fn a_non_signers_signature_is_refused_and_too_few_signatures_post_nothing() {
    let w = World::new(Setup::default()).await;
    w.compute();
    let refused = w.fails(&["sign", &w.path(&w.claims), "--yes", "--private-key", &w.key_hex(4)]);
    assert!(refused.contains(&format!("{} is not a signer of the vault", w.address(4))), "{refused}");
    assert!(refused.contains("nothing was signed or written"), "{refused}");
    assert!(
        SignatureFile::find_for(std::path::Path::new(&w.path(&w.claims))).unwrap().is_empty(),
        "no signature file written"
    );
    // A non-signer's file made by hand anyway: submit names it and counts only the signer's.
    let root = epoch_root(&w.loaded(), U256::ZERO).unwrap();
    let outsider = SignatureFile::sign(&Wallet::Local(w.key(4).clone()), 31337, w.vault, VaultMessage::EpochRoot(root))
        .await
        .unwrap();
    outsider.write(&outsider.path(std::path::Path::new(&w.path(&w.claims)))).unwrap();
    w.sign(&w.claims.clone(), 1);
    let out = w.submit(&w.claims);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!out.status.success());
    assert!(text.contains(&format!("{} is not a current signer of the vault", w.address(4))), "{text}");
    assert!(text.contains("1 valid signature(s) for this EpochRoot, the vault needs 2"), "{text}");
    assert_eq!(epochs_posted(&w), 0, "nothing was sent");

    // The vault agrees: sent anyway, a non-signer's signature reverts with a sentence.
    let vault = w.vault().await;
    let loaded = w.loaded();
    let root = epoch_root(&loaded, U256::ZERO).unwrap();
    let mut files = Vec::new();
    for i in [1, 4] {
        let wallet = Wallet::Local(w.key(i).clone());
        files.push(SignatureFile::sign(&wallet, 31337, w.vault, VaultMessage::EpochRoot(root.clone())).await.unwrap());
    }
    let err = w.client.simulate(&vault.post_root(root, sorted_signatures(&files).unwrap()), None).await.unwrap_err();
    assert!(err.to_string().contains(&format!("{} is not one of the vault's current signers", w.address(4))), "{err}");
}

#[tokio::test]
async fn signatures_for_another_vault_or_chain_do_not_replay() {
    let w = World::new(Setup::default()).await;
    w.compute();
    w.sign(&w.claims.clone(), 1);
    w.sign(&w.claims.clone(), 2);
    // A second vault with the same signers, and a claims file for it next to the first vault's signatures.
    let signers = (1..=3).map(|i| w.address(i)).collect();
    let config = Config {
        signers,
        threshold: 2,
        epochCap: 0,
        challengePeriod: DAY,
        claimWindow: 365 * 24 * 3600,
        guardian: Default::default(),
        disputeBond: 0,
    };
    let other = deploy_vault(&w.client, w.token, bounty_core::Cadence::Quarterly, config).await.unwrap().address;
    let text = std::fs::read_to_string(&w.config).unwrap().replace(&w.vault.to_string(), &other.to_string());
    let config_b = w.dir.path().join("program-b.toml");
    std::fs::write(&config_b, text).unwrap();
    let claims_b = w.dir.path().join("claims-b.json");
    w.ok(&[
        "compute",
        "-c",
        &w.path(&config_b),
        "-s",
        &w.path(&w.shares),
        "-e",
        crate::common::EPOCH,
        "-o",
        &w.path(&claims_b),
    ]);
    for i in [1, 2] {
        let from = SignatureFile::path_for(&w.claims, w.address(i));
        std::fs::copy(&from, SignatureFile::path_for(&claims_b, w.address(i))).unwrap();
    }
    let out = w.run(&["submit", &w.path(&claims_b), "--private-key", &w.key_hex(0)]);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!out.status.success());
    assert!(text.contains("a replay from elsewhere"), "{text}");

    // Straight to the vault: signatures over vault A's domain, or over another chain id, are invalid on vault B.
    let vault_b = bounty_chain::vault::Vault::at(w.client.clone(), other).await.unwrap();
    let root = epoch_root(&w.loaded(), U256::ZERO).unwrap();
    for (chain_id, verifying) in [(31337, w.vault), (1, other)] {
        let mut files = Vec::new();
        for i in [1, 2] {
            let wallet = Wallet::Local(w.key(i).clone());
            files.push(
                SignatureFile::sign(&wallet, chain_id, verifying, VaultMessage::EpochRoot(root.clone())).await.unwrap(),
            );
        }
        let err = w
            .client
            .simulate(&vault_b.post_root(root.clone(), sorted_signatures(&files).unwrap()), None)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("does not match the message"), "{err}");
    }
}

#[tokio::test]
async fn claims_before_activation_and_after_expiry_are_refused() {
    let w = World::new(Setup { claim_window: 2 * DAY, ..Setup::default() }).await;
    w.post();
    let loaded = w.loaded();
    let entry = loaded.file.claims[0].clone();
    let claim: bounty_chain::bindings::IBountyVault::Claim =
        loaded.file.claim_of(entry.account).unwrap().unwrap().into();
    let vault = w.vault().await;
    let err = w.client.simulate(&vault.claim(entry.account, vec![claim.clone()]), None).await.unwrap_err().to_string();
    assert!(err.contains("epoch 20262 (2026-Q2) is still pending: claimable from"), "{err}");
    let sweep = ["sweep", "20262", "--vault", &w.vault.to_string(), "--private-key", &w.key_hex(4)].map(String::from);
    let sweep: Vec<&str> = sweep.iter().map(String::as_str).collect();
    let err = w.fails(&sweep);
    assert!(
        err.contains("epoch 20262 (2026-Q2) has not expired yet and still has something to pay: sweepable from"),
        "{err}"
    );

    w.warp(u64::from(DAY + 2 * DAY) + 10).await;
    let text = w.fails(&[
        "claim",
        &w.path(&w.claims),
        "--account",
        &entry.account.to_string(),
        "--private-key",
        &w.key_hex(4),
    ]);
    assert!(text.contains("expired") && text.contains("nothing to claim"), "{text}");
    let err = w.client.simulate(&vault.claim(entry.account, vec![claim]), None).await.unwrap_err().to_string();
    assert!(err.contains("epoch 20262 (2026-Q2) expired at"), "{err}");
    assert_eq!(w.balance(entry.account).await, U256::ZERO);

    // Anyone sweeps the expired epoch: its whole unclaimed total is available again, and it is marked swept.
    let available_before = vault.available().await.unwrap();
    let total = vault.epoch_info(EPOCH_NUMBER).await.unwrap().total;
    assert!(w.ok(&sweep).contains("epoch 20262 (2026-Q2) swept"));
    assert_eq!(vault.available().await.unwrap(), available_before + U256::from(total));
    assert!(w.ok(&["status", "--vault", &w.vault.to_string()]).contains("swept"));
}

#[tokio::test]
async fn posting_an_unfunded_root_is_refused_before_sending() {
    let w = World::new(Setup { fund: 0, ..Setup::default() }).await;
    w.compute();
    w.sign(&w.claims.clone(), 1);
    w.sign(&w.claims.clone(), 2);
    let out = w.submit(&w.claims);
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(text.contains("postRoot for epoch 20262 (2026-Q2) would revert: the vault is not funded for this: needs 1000000000000000000000 but only 0 is available"), "{text}");
    assert_eq!(epochs_posted(&w), 0);
}

#[tokio::test]
async fn a_vetoed_root_is_reposted_corrected_with_fresh_signatures() {
    let w = World::new(Setup::default()).await;
    w.post();
    let veto = w.ok(&["veto", "20262", "--vault", &w.vault.to_string(), "--private-key", &w.key_hex(3)]);
    assert!(veto.contains("vetoed"), "{veto}");
    let status = w.ok(&["status", "--vault", &w.vault.to_string()]);
    assert!(status.contains("vetoed") && status.contains("0.00%") && !status.contains("100.00%"), "{status}");
    // The old signatures were for nonce 0; the vault has moved on.
    let stale = w.submit(&w.claims);
    let text = String::from_utf8_lossy(&stale.stdout).to_string() + &String::from_utf8_lossy(&stale.stderr);
    assert!(!stale.status.success() && text.contains("signed at nonce 0 but the vault is at nonce 1"), "{text}");

    // Corrected shares: a new claims file, fresh signatures, posted.
    std::fs::write(&w.shares, std::fs::read_to_string(&w.shares).unwrap().replace(",12,", ",14,")).unwrap();
    let fixed = w.dir.path().join("claims-fixed.json");
    w.compute_to(&fixed);
    w.sign(&fixed, 1);
    w.sign(&fixed, 2);
    let out = w.submit(&fixed);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    w.warp(u64::from(DAY) + 1).await;
    let verified = w.ok(&["verify", &w.path(&fixed)]);
    assert!(!verified.contains('✗'), "{verified}");
    // The vetoed file no longer matches what is on chain.
    let old = w.fails(&["verify", &w.path(&w.claims)]);
    assert!(old.contains("✗ posted root"), "{old}");
}

#[tokio::test]
async fn malformed_inputs_name_the_file_and_the_field() {
    let w = World::new(Setup::default()).await;
    w.compute();
    let text = std::fs::read_to_string(&w.claims).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["claims"][1]["amount"] = serde_json::json!("12x");
    let bad = w.dir.path().join("bad-claims.json");
    std::fs::write(&bad, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let err = w.fails(&["verify", &w.path(&bad), "--offline"]);
    assert!(err.contains("bad-claims.json") && err.contains("claims[1].amount"), "{err}");
    let err = w.fails(&["claim", &w.path(&bad), "--account", &w.address(5).to_string(), "--calldata"]);
    assert!(err.contains("bad-claims.json") && err.contains("claims[1].amount"), "{err}");

    let csv = w.dir.path().join("bad.csv");
    std::fs::write(&csv, "account,hours\n0x1234,5\n").unwrap();
    let err = w.fails(&["compute", "-c", &w.path(&w.config), "-s", &w.path(&csv), "-e", crate::common::EPOCH]);
    assert!(err.contains("bad.csv:2") && err.contains("account"), "{err}");
}

/// A dead RPC, a web page as the RPC, the wrong chain, a token or an account as the vault, an ENS name where no
/// registry exists: each a sentence that names it, and nothing sent.
#[tokio::test]
async fn a_wrong_rpc_vault_or_chain_stops_everything() {
    let w = World::new(Setup::default()).await;
    w.compute();
    w.sign(&w.claims.clone(), 1);
    w.sign(&w.claims.clone(), 2);
    let dead = "http://127.0.0.1:9";
    let err = w.fails(&["submit", &w.path(&w.claims), "--rpc-url", dead, "--private-key", &w.key_hex(0)]);
    assert!(err.contains(&format!("RPC unreachable at {dead}")), "{err}");
    let err = w.fails(&["status", "--vault", &w.vault.to_string(), "--rpc-url", dead]);
    assert!(err.contains("RPC unreachable"), "{err}");

    let err = w.fails(&["submit", &w.path(&w.claims), "--chain-id", "1", "--private-key", &w.key_hex(0)]);
    assert!(err.contains("wrong chain: expected chain id 1 but the RPC at"), "{err}");
    assert!(err.contains("hint: --chain-id"), "{err}");
    assert!(err.contains("serves chain 31337"), "{err}");
    let err = w.fails(&["sign", &w.path(&w.claims), "--yes", "--chain-id", "10", "--private-key", &w.key_hex(3)]);
    assert!(err.contains("wrong chain"), "{err}");

    // A web server given as the RPC: named as such, not its HTML.
    let page = web_page_server();
    let err = w.fails(&["status", "--vault", &w.vault.to_string(), "--rpc-url", &page]);
    assert!(err.contains("answered with a web page, not JSON-RPC"), "{err}");
    assert!(!err.contains("<html"), "{err}");

    // The token, or an account, given where the vault goes.
    let err = w.fails(&["fund", "--vault", &w.token.to_string(), "--amount", "5", "--private-key", &w.key_hex(0)]);
    assert!(err.contains(&format!("the contract at {} on chain 31337 is not a bounty vault", w.token)), "{err}");
    assert!(err.contains("hint: check --vault"), "{err}");
    let err = w.fails(&["status", "--vault", &w.address(3).to_string()]);
    assert!(err.contains(&format!("no contract at {}", w.address(3))), "{err}");

    // An ENS name on a chain with no ENS registry.
    let err = w.fails(&["claim", &w.path(&w.claims), "--to", "friend.eth", "--private-key", &w.key_hex(5)]);
    assert!(err.contains("ENS name `friend.eth` cannot be resolved: chain 31337 has no ENS registry"), "{err}");
    assert_eq!(epochs_posted(&w), 0, "nothing was sent");
}

/// A local HTTP server that answers every request with an HTML error page (as `python3 -m http.server` answers a
/// POST); returns its URL.
fn web_page_server() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 8192];
            let _ = stream.read(&mut buf);
            let body = "<!DOCTYPE HTML>\n<html><body><h1>Error response</h1><p>Error code: 501</p></body></html>\n";
            let _ = write!(
                stream,
                "HTTP/1.1 501 Unsupported method\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: \
                 close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

/// A chain without Multicall3 at its canonical address (a bare anvil, a young chain): every batched read falls back
/// to one call per value, so `status` (with a queued action), `payout --json` (the claimed bits) and `fund` (the
/// token's decimals) work.
#[tokio::test]
async fn a_chain_without_multicall3_is_read_call_by_call() {
    use alloy::providers::ext::AnvilApi;
    let w = World::new(Setup::default()).await;
    w.post();
    let multicall3: alloy::primitives::Address = "0xcA11bde05977b3631167028862bE2a173976CA11".parse().unwrap();
    w.client.provider.anvil_set_code(multicall3, Default::default()).await.unwrap();
    assert_eq!(epochs_posted(&w), 1);
    // A queued governance action too: its state is a batched read of its own.
    let vault = w.vault.to_string();
    w.ok(&["governance", "--vault", &vault, "pause", "--private-key", &w.key_hex(1)]);
    let unpause = w.dir.path().join("unpause.json");
    w.ok(&["governance", "--vault", &vault, "unpause", "-o", &w.path(&unpause)]);
    w.sign(&unpause, 1);
    w.sign(&unpause, 2);
    assert!(w.submit(&unpause).status.success());
    let status = w.ok(&["status", "--vault", &vault]);
    assert!(status.contains("2026-Q2") && status.contains("queued:     Unpause"), "{status}");
    w.warp(u64::from(DAY) + 1).await;
    w.ok(&["execute", &w.path(&unpause), "--private-key", &w.key_hex(4)]);
    w.warp(u64::from(DAY) + 1).await; // the pause moved the epoch's activation out by its length
    let plan: serde_json::Value = serde_json::from_str(&w.ok(&["payout", &w.path(&w.claims), "--json"])).unwrap();
    assert_eq!(plan["alreadyPaid"], 0);
    w.mint(w.address(0), 1).await;
    let funded = w.ok(&["fund", "--vault", &w.vault.to_string(), "--amount", "1", "--private-key", &w.key_hex(0)]);
    assert!(funded.contains("sent"), "{funded}");
}

/// Two-step sends check the second step before the first is mined: a `fund` beyond the wallet's balance and a dispute
/// of a root that is already active each refuse with a sentence, and no approval is left behind.
#[tokio::test]
async fn a_two_step_send_that_cannot_finish_mines_nothing() {
    use alloy::providers::Provider;
    let w = World::new(Setup::default()).await;
    w.post();
    w.warp(u64::from(DAY) + 1).await;
    let vault = w.vault.to_string();
    let (who, key) = (w.address(9), w.key_hex(9));
    w.mint(who, 10).await;
    let token = bounty_chain::bindings::IERC20::new(w.token, &w.client.provider);
    let nonce_before = w.client.provider.get_transaction_count(who).await.unwrap();

    let fund = w.fails(&["fund", "--vault", &vault, "--amount", "1000000", "--private-key", &key]);
    assert!(fund.contains("less than the 1000000 RPL to fund") && fund.contains("nothing was sent"), "{fund}");
    let claims = w.path(&w.claims);
    let dispute = w.fails(&["dispute", &claims, "--reason", "late", "--anyway", "--private-key", &key]);
    assert!(dispute.contains("is active, not pending") && dispute.contains("nothing was sent"), "{dispute}");

    assert_eq!(token.allowance(who, w.vault).call().await.unwrap(), U256::ZERO, "no approval was mined");
    assert_eq!(w.client.provider.get_transaction_count(who).await.unwrap(), nonce_before, "nothing was sent");
}

/// A period whose compute day has not come is refused (the claims file is final, and later reports and tips would be
/// lost); `--early` computes it anyway and the file says when.
#[tokio::test]
async fn compute_before_the_compute_day_needs_early_and_says_so_in_the_file() {
    let w = World::new(Setup::default()).await;
    let out = w.dir.path().join("claims-2030-Q1.json");
    let args = |early: bool| {
        let mut a = vec!["compute", "-c", w.config.to_str().unwrap(), "-s", w.shares.to_str().unwrap()];
        a.extend(["-e", "2030-Q1", "-o", out.to_str().unwrap()]);
        if early {
            a.push("--early");
        }
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let refused = w.fails(&args(false).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(refused.contains("2030-Q1 is computed on 2030-03-31 00:00 UTC"), "{refused}");
    assert!(refused.contains("--early"), "{refused}");
    assert!(!out.exists(), "nothing was written");
    w.ok(&args(true).iter().map(String::as_str).collect::<Vec<_>>());
    let file: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert!(file["computed_early"].as_str().is_some_and(|t| t.starts_with("20")), "{}", file["computed_early"]);
}

/// Two steps (an approval, then the call that spends it) are simulated together before anything is sent: the
/// second sees the first's state, a failing second step is said in words (the token's ERC-6093 error passed through
/// by the vault), and nothing is mined either way.
#[tokio::test]
async fn a_two_step_send_is_simulated_whole_before_anything_is_mined() {
    use alloy::providers::Provider;
    let w = World::new(Setup::default()).await;
    w.mint(w.address(0), 10).await;
    let vault = w.vault().await;
    let from = w.address(0);
    let nonce = w.client.provider.get_transaction_count(from).await.unwrap();
    let (one, two) = (U256::from(10).pow(U256::from(18)), U256::from(2) * U256::from(10).pow(U256::from(18)));

    let spends_what_it_approves = [vault.approve_token(two).await.unwrap(), vault.fund(two)];
    let gas =
        w.client.simulate_sequence(&spends_what_it_approves, from).await.unwrap().expect("anvil has eth_simulateV1");
    assert_eq!(gas.len(), 2);
    assert!(gas[1] > 30_000, "the fund ran on the approval's state: {gas:?}");

    let spends_more = [vault.approve_token(one).await.unwrap(), vault.fund(two)];
    let err = w.client.simulate_sequence(&spends_more, from).await.unwrap_err().to_string();
    assert!(err.contains("fund"), "{err}");
    assert!(
        err.contains("may move only 1000000000000000000 base units of the token, less than the 2000000000000000000"),
        "{err}"
    );
    assert_eq!(w.client.provider.get_transaction_count(from).await.unwrap(), nonce, "nothing was mined");
}
