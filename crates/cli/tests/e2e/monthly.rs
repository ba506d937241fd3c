//! The Perpetual Protocol shape: monthly epochs of a six-month term, two budget lines ($8 000 of educators' plans,
//! $2 000 of initiatives) paid in PERP at a 7-day round-weighted Chainlink TWAP read from a (mock) feed on the spot
//! by `bounty compute`, then posted, paid out and verified; a period outside the term is refused. The test's copy of
//! the program adds a third line, a quality-weighted one (a USD base per helper scaled by the share of the KPI
//! targets met), as a comment in the Perp thread asks ("50 % for hours, 50 % for quality").

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
async fn a_month_of_two_budget_lines_at_a_chainlink_twap() {
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
        .replace("0xA12CDDd8e986AF9288ab31E58C60e65F2987fB13", &feed.to_string())
        + "\n[[line]]\nname = \"quality\"\nbudget = { usd = \"1000\" }\nrule = { kind = \"quality\", base = \"usd\", \
           targets = { max_first_reply_hours = \"2\", max_resolution_hours = \"24\", min_csat_percent = \"90\" } }\n";
    std::fs::write(&config_path, program).unwrap();
    // tailor meets all three targets, bluejay two (a 30 h median resolution), marco none.
    let kpis = dir.path().join("quality-2026-06.csv");
    std::fs::write(
        &kpis,
        "account,usd,first_reply_hours,resolution_hours,csat_percent\n\
         0x4d6608697a8D41bed440e50454F31aF3176813e0,300,1.5,12,97\n\
         0x2eA68ef786E4D3CeA27D26934B484E73Cf575dCa,300,0.75,30,92.5\n\
         0xd6BA2b0aEE0ca923732881584D8c4fA2815d2802,300,6,72,80\n",
    )
    .unwrap();
    let quality = format!("quality={}", kpis.display());
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let educators = format!("educators={examples}/shares-2026-06.csv");
    let initiatives = format!("initiatives={examples}/initiatives-2026-06.csv");
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
    let cfg = config_path.display().to_string();
    let compute = |label: &str, out: &str| {
        let args =
            ["compute", "-c", &cfg, "-s", &educators, "-s", &initiatives, "-s", &quality, "-e", label, "-o", out];
        Command::new(env!("CARGO_BIN_EXE_bounty")).args(args).env("ETH_RPC_URL", &devnet.url).output().unwrap()
    };
    // The seventh month is past the term: refused before anything is read from the chain or written.
    let late = dir.path().join("claims-2026-12.json");
    let refused = compute("2026-12", &late.display().to_string());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success()
            && said
                .contains("program `perp-support` runs 6 periods from 2026-06 to 2026-11: 2026-12 is outside its term"),
        "{said}"
    );
    assert!(!late.exists());
    let out = compute("2026-06", &c);
    let table = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{table}");
    assert!(table.contains("tailor") && table.contains("price: $1.028571428571428571 per PERP"), "{table}");
    assert!(
        table.contains("educators: fixed rule, budget $8000")
            && table.contains("initiatives: fixed rule")
            && table.contains("scored against first reply ≤ 2 h, resolution ≤ 24 h, CSAT ≥ 90 %")
            && table.contains("(2/3)"),
        "{table}"
    );
    // A file whose term says the month is not in it (edited, or from another program): signers refuse it.
    let edited = dir.path().join("edited").join("claims-2026-06.json");
    std::fs::create_dir(edited.parent().unwrap()).unwrap();
    let text = std::fs::read_to_string(&claims).unwrap().replace("\"first\": \"2026-06\"", "\"first\": \"2026-07\"");
    std::fs::write(&edited, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_bounty"))
        .args(["sign", &edited.display().to_string(), "--yes", "--private-key", &key(2)])
        .env("ETH_RPC_URL", &devnet.url)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && said.contains("✗ term — 2026-06 is outside the program's term"), "{said}");
    bounty(&["sign", &c, "--yes", "--private-key", &key(2)]);
    bounty(&["sign", &c, "--yes", "--private-key", &key(3)]);
    bounty(&["submit", &c, "--private-key", &key(0)]);
    warp(&chain.provider, 3_601).await.unwrap();
    bounty(&["payout", &c, "--private-key", &key(0)]);
    let verified = bounty(&["verify", &c]);
    assert!(verified.contains("✓ twap readings on chain") && !verified.contains('✗'), "{verified}");

    // Each line converts at 18-decimal $1.028571428571428571 on its own: floor(usd × 10^36 / price) base units, and
    // an account paid by several lines gets the sum. tailor: $2 500 of plans + $600 of initiatives + $300 × 3/3 of
    // quality; bluejay: $1 500 + $750 + $300 × 2/3; marco: $1 000 of plans and no quality pay; quizbot: $400 only.
    let price = U256::from(1_028_571_428_571_428_571u128);
    let tokens = |usd: u64| U256::from(usd) * U256::from(10u64).pow(U256::from(36u64)) / price;
    let balance = |who: &str| {
        let who: alloy::primitives::Address = who.parse().unwrap();
        let token = IERC20::new(perp, &chain.provider);
        async move { token.balanceOf(who).call().await.unwrap() }
    };
    let tailor = tokens(2_500) + tokens(600) + tokens(300);
    assert_eq!(balance("0x4d6608697a8D41bed440e50454F31aF3176813e0").await, tailor);
    let bluejay = tokens(1_500) + tokens(750) + tokens(200);
    assert_eq!(balance("0x2eA68ef786E4D3CeA27D26934B484E73Cf575dCa").await, bluejay);
    assert_eq!(balance("0xd6BA2b0aEE0ca923732881584D8c4fA2815d2802").await, tokens(1_000));
    assert_eq!(balance("0x5A0b54D5dc17e0AadC383d2db43B0a0D3E029c4c").await, tokens(400));
    assert!(verified.contains("✓ line sums") && verified.contains("✓ line initiatives: amounts"), "{verified}");
    assert!(verified.contains("✓ term — period 1 of 6"), "{verified}");
    assert!(verified.contains("✓ line quality: scores — 2 of 2 scored against first reply ≤ 2 h"), "{verified}");
    let file: serde_json::Value = serde_json::from_slice(&std::fs::read(&claims).unwrap()).unwrap();
    let dropped = &file["lines"][2]["dropped"][0];
    assert_eq!(
        (dropped["reason"].as_str(), dropped["kpis"]["csat_percent"].as_str()),
        (Some("no-target-met"), Some("80"))
    );
    let v = bounty_chain::vault::Vault::at(chain.clone(), vault).await.unwrap();
    let info = v.epoch_info(202_606).await.unwrap();
    let info_total = U256::from(info.total);
    assert_eq!(info.usdPerToken, price);
    assert_eq!(info.remaining, 0);

    // The books at the price when each payment was made: the 1 h Chainlink TWAP ending at the payout's block is
    // the last round's $1.20 (pushed days before), so each payment is worth exactly amount × 1.2, beside the
    // period's $1.028….
    let ledger: serde_json::Value =
        serde_json::from_str(&bounty(&["ledger", &c, "--price-at-claim", "--json"])).unwrap();
    let mut at_claim_total = U256::ZERO;
    for p in ledger["payments"].as_array().unwrap() {
        let paid: U256 = p["amount"].as_str().unwrap().parse().unwrap();
        let at_claim = paid * U256::from(12u8) / U256::from(10u8);
        assert_eq!(p["at_claim"]["usd_per_token"], "1200000000000000000", "{p}");
        assert_eq!(p["at_claim"]["usd"].as_str().unwrap(), bounty_core::Decimal::from_units(at_claim, 18).to_string());
        assert_eq!(p["at_claim"]["window"]["end_timestamp"], p["timestamp"], "{p}");
        assert_eq!(p["usd_per_token"], price.to_string(), "the period's price stays beside it: {p}");
        at_claim_total += at_claim;
    }
    let total = bounty_core::Decimal::from_units(at_claim_total, 18).to_string();
    assert_eq!(ledger["totals"]["usd_at_claim"].as_str(), Some(total.as_str()));
    // The tax CSV then values each row at claim time and says so.
    let csv_path = dir.path().join("at-claim.csv");
    bounty(&["ledger", &c, "--price-at-claim", "--csv", &csv_path.display().to_string()]);
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    for row in reader.records().map(Result::unwrap) {
        let received: bounty_core::Decimal = row[3].parse().unwrap();
        let at_claim = received.to_units(18).unwrap() * U256::from(12u8) / U256::from(10u8);
        assert_eq!(&row[7], bounty_core::Decimal::from_units(at_claim, 18).to_string().as_str(), "{row:?}");
        assert!(row[10].contains("valued at $1.2 per PERP, the 60-minute TWAP ending at block"), "{row:?}");
    }
    let table = bounty(&["ledger", &c, "--price-at-claim", "--price-window", "30m"]);
    assert!(table.contains("USD at claim") && table.contains("the 30-minute TWAP ending at each payment's block"));

    // Through a pruned (non-archive) RPC that keeps two blocks of state: the TWAP re-read names the cause, and
    // every other check still runs and passes. The payout's block is three blocks old by then.
    for _ in 0..3 {
        warp(&chain.provider, 12).await.unwrap();
    }
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
    // The books at claim time need the same old state: a sentence naming the archive node, and no rows.
    let out = Command::new(env!("CARGO_BIN_EXE_bounty"))
        .args(["ledger", &c, "--price-at-claim"])
        .env("ETH_RPC_URL", &pruned.url)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && out.stdout.is_empty(), "{said}");
    assert!(
        said.contains("--price-at-claim: reading 2026-06's price at block")
            && said.contains("nothing was printed")
            && said.contains("needs an archive node"),
        "{said}"
    );

    // `status` with the config: in the term it says which period; after the last one, what no epoch reserves.
    let status = bounty(&["status", "--vault", &vault.to_string(), "-c", &cfg]);
    assert!(status.contains("term:       period 2 of 6 (6 periods from 2026-06 to 2026-11"), "{status}");
    mine_at(&chain.provider, 1_798_848_000).await.unwrap(); // 2027-01-02
    let status = bounty(&["status", "--vault", &vault.to_string(), "-c", &cfg]);
    let funded_less_paid = amount - info_total;
    let left = alloy::primitives::utils::format_units(funded_less_paid, 18).unwrap();
    assert!(
        status.contains("term:       ended (6 periods from 2026-06 to 2026-11; last payday 2026-12-01)"),
        "{status}"
    );
    assert!(
        status.contains(&format!(
            "{} PERP is held and reserved by no live epoch",
            left.trim_end_matches('0').trim_end_matches('.')
        )),
        "{status}"
    );
}
