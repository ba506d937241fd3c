//! The Perpetual Protocol shape: monthly epochs, fixed USD plans paid in PERP at a 7-day round-weighted Chainlink
//! TWAP read from a (mock) feed on the spot by `bounty compute`, then posted, paid out and verified.

use alloy::primitives::{utils::parse_units, U256};
use bounty_chain::{
    bindings::{IBountyVault::Config, IERC20},
    deploy::deploy_vault,
    Client, Wallet,
};
use bounty_devnet::{
    deploy::{deploy_mock_feed, deploy_mock_token, mint_and_fund, push_chainlink_round},
    mine_at, warp, Devnet,
};
use std::process::Command;

// Multi-threaded: the pruned-RPC proxy at the end serves while the test thread waits for `bounty`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_month_of_fixed_usd_plans_at_a_chainlink_twap() {
    let program =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/program-perp.toml")).unwrap();
    let config = bounty_core::ProgramConfig::from_toml_str(&program, "program-perp.toml").unwrap();
    let schedule = config.schedule_for(config.epoch_label("2026-06").unwrap());
    let (start, end) = (schedule.twap_start.timestamp() as u64, schedule.twap_end.timestamp() as u64);

    let devnet = Devnet::spawn(Some(start - 86_400)).await.unwrap();
    let deployer = Wallet::Local(devnet.keys[0].clone());
    let chain = Client::connect(&devnet.url, Some(31337), Some(deployer.clone())).await.unwrap();
    let perp = deploy_mock_token(&chain, "Perpetual", "PERP", 18).await.unwrap();
    let feed = deploy_mock_feed(&chain, 8, "PERP / USD").await.unwrap();
    let signers = (1..=3).map(|i| devnet.keys[i].address()).collect();
    let vault = deploy_vault(
        &chain,
        perp,
        bounty_core::Cadence::Monthly,
        Config {
            signers,
            threshold: 2,
            epochCap: 0,
            challengePeriod: 3_600,
            claimWindow: 365 * 24 * 3600,
            guardian: Default::default(),
            disputeBond: 0,
        },
    )
    .await
    .unwrap()
    .address;
    let amount = parse_units("20000", 18).unwrap().get_absolute();
    mint_and_fund(&chain, vault, amount).await.unwrap();

    // PERP at $0.80 for the first 3 days of the window, $1.20 for the last 4: TWAP = (0.8×3 + 1.2×4) / 7.
    push_chainlink_round(&chain, feed, start - 3_600, 80_000_000).await.unwrap();
    mine_at(&chain.provider, start).await.unwrap();
    push_chainlink_round(&chain, feed, start + 3 * 86_400, 120_000_000).await.unwrap();
    mine_at(&chain.provider, end).await.unwrap();
    mine_at(&chain.provider, end + 600).await.unwrap();

    let dir = tempfile::tempdir().unwrap();
    let config_path = dir.path().join("program-perp.toml");
    let program = program
        .replace("chain_id = 10", "chain_id = 31337")
        .replace("0x1000000000000000000000000000000000000002", &vault.to_string())
        .replace(&config.token.address.to_string(), &perp.to_string())
        .replace("0xA12CDDd8e986AF9288ab31E58C60e65F2987fB13", &feed.to_string());
    std::fs::write(&config_path, program).unwrap();
    let shares = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/shares-2026-06.csv");
    let claims = dir.path().join("claims-2026-06.json");
    let key = |i: usize| alloy::hex::encode_prefixed(devnet.keys[i].to_bytes());
    let bounty = |args: &[&str]| {
        let out =
            Command::new(env!("CARGO_BIN_EXE_bounty")).args(args).env("ETH_RPC_URL", &devnet.url).output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "bounty {args:?}:\n{text}");
        text
    };
    let c = claims.display().to_string();
    let table = bounty(&["compute", "-c", &config_path.display().to_string(), "-s", shares, "-e", "2026-06", "-o", &c]);
    assert!(table.contains("tailor") && table.contains("price: $1.028571428571428571 per PERP"), "{table}");
    bounty(&["sign", &c, "--yes", "--private-key", &key(2)]);
    bounty(&["sign", &c, "--yes", "--private-key", &key(3)]);
    bounty(&["submit", &c, "--private-key", &key(0)]);
    warp(&chain.provider, 3_601).await.unwrap();
    bounty(&["payout", &c, "--private-key", &key(0)]);
    let verified = bounty(&["verify", &c]);
    assert!(verified.contains("✓ twap readings on chain") && !verified.contains('✗'), "{verified}");

    // $2 500 at 18-decimal $1.028571428571428571 → floor(2500 × 10^36 / price) base units of PERP.
    let price = U256::from(1_028_571_428_571_428_571u128);
    let tailor: alloy::primitives::Address = "0x4d6608697a8D41bed440e50454F31aF3176813e0".parse().unwrap();
    let expected = U256::from(2_500u64) * U256::from(10u64).pow(U256::from(36u64)) / price;
    assert_eq!(IERC20::new(perp, &chain.provider).balanceOf(tailor).call().await.unwrap(), expected);
    let v = bounty_chain::vault::Vault::at(chain.clone(), vault).await.unwrap();
    let info = v.epoch_info(202_606).await.unwrap();
    assert_eq!(info.usdPerToken, price);
    assert_eq!(info.remaining, 0);

    // Through a pruned (non-archive) RPC that keeps two blocks of state: the TWAP re-read names the cause, and
    // every other check still runs and passes.
    let pruned = crate::common::proxy::Proxy::start(
        &devnet.url,
        crate::common::proxy::Faults { pruned_after: Some(2), ..Default::default() },
    )
    .await;
    let out = Command::new(env!("CARGO_BIN_EXE_bounty")).args(["verify", &c]).env("ETH_RPC_URL", &pruned.url).output();
    let text = String::from_utf8_lossy(&out.unwrap().stdout).into_owned();
    assert!(
        text.contains("✗ twap readings on chain — this RPC has no state at block")
            && text.contains("needs an archive node; every other check ran"),
        "{text}"
    );
    assert_eq!(text.matches('✗').count(), 1, "only the re-read fails: {text}");
    assert!(crate::common::proxy::Proxy::count(&pruned.stats.pruned) > 0);
}
