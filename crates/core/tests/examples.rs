//! The committed example claims files are exactly what the code produces, verify cleanly, and every tampering is
//! caught by the check that names it. Also the claims-file properties: metadataHash, atomic immutable writes.

#[path = "../examples/example_claims.rs"]
#[allow(dead_code)]
mod example;

use alloy_primitives::{keccak256, U256};
use bounty_core::{
    claims::verify, error::AllocationError, twap::PriceProvenance, ClaimsFile, PricePoint, PriceRecord, ProgramConfig,
    Window,
};

fn failed(file: &ClaimsFile) -> Vec<String> {
    verify(file).failures().map(|c| c.name.clone()).collect()
}

#[test]
fn committed_examples_are_reproducible_and_verify() {
    for (program, shares, label, out) in example::EXAMPLES {
        let built = example::build(program, shares, label).unwrap();
        let path = example::examples_dir().join(out);
        let (read, bytes) = ClaimsFile::read(&path).unwrap();
        assert_eq!(read, built, "{out} is stale: run `cargo run -p bounty-core --example example_claims`");
        assert_eq!(bytes, built.to_bytes(), "{out}: bytes differ");
        let report = verify(&read);
        assert!(report.is_ok(), "{out}: {:?}", report.failures().collect::<Vec<_>>());
        assert_eq!(bounty_core::metadata_hash(&bytes), keccak256(&bytes));
        let report = bounty_core::claims::verify_bytes(&bytes).unwrap();
        assert!(report.is_ok());
        // Re-indented JSON parses to the same content but is not the published bytes.
        let reformatted = serde_json::to_vec(&read).unwrap();
        let names: Vec<_> =
            bounty_core::claims::verify_bytes(&reformatted).unwrap().failures().map(|c| c.name.clone()).collect();
        assert_eq!(names, ["canonical bytes"]);
    }
}

const RP: &[(&str, &str)] = &[("hours", "shares-2026-Q2.csv"), ("tips", "votes-2026-Q2.csv")];
const PERP: &[(&str, &str)] = &[("educators", "shares-2026-06.csv"), ("initiatives", "initiatives-2026-06.csv")];
const E18: u128 = 1_000_000_000_000_000_000;

#[test]
fn rocket_pool_example_is_hours_capped_at_1000_rpl_plus_the_tip_jar() {
    let file = example::build("program.toml", RP, "2026-Q2").unwrap();
    let lines = file.line_views();
    let total = |i: usize| lines[i].total();
    // 172.25 h × $30 = $5 167.50 at ~$5.0014/RPL ≈ 1 033 RPL > 1 000: the hours line is scaled to exactly its cap.
    assert_eq!((lines[0].name, total(0)), ("hours", U256::from(1000 * E18)));
    // Tips of 40 + 25 + 60 RPL (the treasury's top-up excluded), matched 200 %: 250 RPL, split by votes ≥ 5.
    assert_eq!((lines[1].name, total(1)), ("tips", U256::from(250 * E18)));
    assert_eq!(lines[1].dropped.len(), 1, "knoshua's 3 votes are under the minimum");
    assert_eq!(file.total, U256::from(1250 * E18));
    // 6 helpers with hours, plus valdorff who has votes only; patches and object are paid by both lines.
    assert_eq!(file.count, 7);
    let patches = file.claims.iter().find(|c| c.handle.as_deref() == Some("patches")).unwrap();
    assert_eq!(patches.lines.iter().map(|p| p.line.as_str()).collect::<Vec<_>>(), ["hours", "tips"]);
    assert_eq!(patches.amount, patches.lines[0].amount + patches.lines[1].amount);
    assert_eq!(file.epoch, 20262);
    assert_eq!(file.usd_per_token(), U256::from(5_001_421_435_804_454_500u128));
}

#[test]
fn each_line_is_computed_as_a_one_line_program_would() {
    // The hours line alone, as the one-line program `[budget] tokens = 1000, [rule] hourly $30` computes it.
    let dir = example::examples_dir();
    let text = std::fs::read_to_string(dir.join("program.toml")).unwrap();
    let two = ProgramConfig::from_toml_str(&text, "program.toml").unwrap();
    let mut one = two.clone();
    let hours = two.line("hours").unwrap();
    (one.lines, one.budget, one.rule) = (Vec::new(), Some(hours.budget.clone()), Some(hours.rule));
    one.validate("one-line").unwrap();
    let file = example::build("program.toml", RP, "2026-Q2").unwrap();
    let rows = bounty_core::shares::read_shares(dir.join("shares-2026-Q2.csv"), hours.rule.measure(), 18).unwrap();
    let alone = bounty_core::allocate(&one.line_params(&one.lines()[0]), &rows, file.price.clone()).unwrap();
    for award in &alone.awards {
        let claim = file.claims.iter().find(|c| c.account == award.leaf.account).unwrap();
        let part = claim.lines.iter().find(|p| p.line == "hours").unwrap();
        assert_eq!(part.amount, award.leaf.amount, "{}", award.leaf.account);
    }
}

#[test]
fn lines_over_the_epoch_cap_fail_and_name_each_line() {
    let dir = example::examples_dir();
    let text = std::fs::read_to_string(dir.join("program.toml"))
        .unwrap()
        .replace("epoch_cap = \"1500\"", "epoch_cap = \"1100\"");
    let tmp = tempfile::tempdir().unwrap();
    for f in ["shares-2026-Q2.csv", "votes-2026-Q2.csv"] {
        std::fs::copy(dir.join(f), tmp.path().join(f)).unwrap();
    }
    std::fs::write(tmp.path().join("program.toml"), text).unwrap();
    let config = ProgramConfig::load(tmp.path().join("program.toml")).unwrap();
    let schedule = config.schedule_for(config.epoch_label("2026-Q2").unwrap());
    let price = example::build("program.toml", RP, "2026-Q2").unwrap().price;
    let lines: Vec<_> = config
        .lines()
        .into_iter()
        .zip(["shares-2026-Q2.csv", "votes-2026-Q2.csv"])
        .map(|(line, csv)| {
            let rows = bounty_core::shares::read_shares(tmp.path().join(csv), line.rule.measure(), 18).unwrap();
            let mut params = config.line_params(&line);
            if line.budget.tip_match.is_some() {
                params.budget = bounty_core::Money::Tokens("250".parse().unwrap());
                // as the tips sized it
            }
            let allocation = bounty_core::allocate(&params, &rows, price.clone()).unwrap();
            bounty_core::lines::LineAllocation { name: line.name, allocation }
        })
        .collect();
    let err = ClaimsFile::build_lines(&config, &schedule, &lines, price, Some("tips")).unwrap_err().to_string();
    // hours 1 000 (its own cap, under the 1 100 epoch cap) + tips 250 = 1 250 > 1 100.
    assert!(err.contains("hours 1000000000000000000000") && err.contains("tips 250000000000000000000"), "{err}");
    assert!(err.contains("by 150000000000000000000") && err.contains("nothing is scaled across lines"), "{err}");
}

#[test]
fn perp_example_pays_each_line_and_their_sum() {
    let file = example::build("program-perp.toml", PERP, "2026-06").unwrap();
    assert_eq!(file.format, "support-bounty-claims-v3");
    let tailor = file.claims.iter().find(|c| c.handle.as_deref() == Some("tailor")).unwrap();
    let usd: Vec<_> = tailor.lines.iter().map(|p| (p.line.as_str(), p.value.to_string())).collect();
    assert_eq!(usd, [("educators", "2500".to_string()), ("initiatives", "600".to_string())]);
    assert_eq!(tailor.amount, tailor.lines[0].amount + tailor.lines[1].amount);
    assert_eq!(file.count, 5, "four educators and quizbot, who is paid by the initiatives line only");
}

#[test]
fn tampering_is_reported_by_name() {
    let good = example::build("program.toml", RP, "2026-Q2").unwrap();

    // A claim's amount that is not the sum of its lines.
    let mut f = good.clone();
    f.claims[2].amount += U256::from(1);
    assert_eq!(failed(&f), ["line sums", "total", "root", "tree dump", "proofs"]);

    // A line's part raised, and the claim with it: the line's re-derivation names the claim.
    let mut f = good.clone();
    f.claims[2].lines[0].amount += U256::from(1);
    f.claims[2].amount += U256::from(1);
    let names = failed(&f);
    assert_eq!(names, ["line hours: amounts", "total", "root", "tree dump", "proofs"]);
    let amounts = verify(&f).checks.into_iter().find(|c| c.name == "line hours: amounts").unwrap();
    assert_eq!(amounts.failures.len(), 1, "only the tampered claim is listed: {amounts:?}");
    assert_eq!(amounts.failures[0].item, format!("#2 {}", f.claims[2].account));
    assert_eq!(amounts.detail, "5 of 6 re-derived");

    let mut f = good.clone();
    f.claims[1].lines[0].value = "70".parse().unwrap(); // inflate patches's hours
    assert!(failed(&f).contains(&"line hours: amounts".to_string()), "{:?}", failed(&f));

    let mut f = good.clone();
    if let Some(p) = &mut f.price {
        if let PriceProvenance::UniswapV3 { pools, .. } = &mut p.source {
            pools[1].tick_cumulative_end += 604_800; // one tick higher on average
        }
    }
    assert!(failed(&f).contains(&"price".to_string()));

    let mut f = good.clone();
    f.count += 1;
    assert_eq!(failed(&f), ["count"]);

    let mut f = good.clone();
    f.epoch = 20263;
    assert_eq!(failed(&f), ["epoch"]);

    let mut f = good.clone();
    f.root = keccak256(b"other");
    assert_eq!(failed(&f), ["root", "proofs"]);

    // Claims carry no proof of their own (the unpublished -v1 did): a file with one is refused, never half-read.
    let text = String::from_utf8(good.to_bytes()).unwrap();
    let with_proof = text.replacen("\"index\":", "\"proof\": [], \"index\":", 1);
    assert_ne!(with_proof, text);
    let refused = serde_json::from_str::<ClaimsFile>(&with_proof).unwrap_err().to_string();
    assert!(refused.contains("unknown field `proof`"), "{refused}");

    let mut f = good;
    f.tree.values.swap(0, 1);
    assert_eq!(failed(&f), ["tree dump", "proofs"], "v2 reads its proofs from the dump");
}

#[test]
fn write_is_atomic_and_immutable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.json");
    let file = example::build("program-perp.toml", PERP, "2026-06").unwrap();
    let hash = file.write_atomic(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(hash, keccak256(&bytes));
    assert!(bytes.ends_with(b"}\n"));
    // Same bytes again: fine, same hash. Different bytes: refused, file untouched.
    assert_eq!(file.write_atomic(&path).unwrap(), hash);
    let mut other = file.clone();
    other.program = "changed".into();
    assert!(other.write_atomic(&path).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    // No temp files left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // One changed byte changes the metadataHash.
    let mut edited = bytes.clone();
    let pos = edited.iter().position(|&b| b == b'5').unwrap();
    edited[pos] = b'6';
    assert_ne!(bounty_core::metadata_hash(&edited), hash);
}

#[test]
fn perp_plans_over_budget_show_the_excess() {
    let dir = example::examples_dir();
    let mut config = ProgramConfig::load(dir.join("program-perp.toml")).unwrap();
    config.lines[0].budget = bounty_core::Money::Usd("5000".parse().unwrap()).into(); // plans total $5 500.50
    let line = config.lines[0].clone();
    let rows = bounty_core::shares::read_shares(dir.join("shares-2026-06.csv"), line.rule.measure(), 18).unwrap();
    let price = U256::from(500_000_000_000_000_000u128); // $0.50
    let window = Window { start_timestamp: 0, end_timestamp: 1, start_block: None, end_block: None };
    let series =
        PriceProvenance::Series { source: "flat".into(), window, points: vec![PricePoint { timestamp: 0, price }] };
    let price = PriceRecord::derive(series).unwrap();
    let err = bounty_core::allocate(&config.line_params(&line), &rows, Some(price)).unwrap_err();
    // $500.50 over at $0.50 = 1 001 PERP.
    match err {
        e @ AllocationError::OverCap { excess, .. } => {
            assert_eq!(excess, U256::from(1001u64) * U256::from(10u64).pow(U256::from(18)));
            assert!(e.to_string().contains("by 1001 tokens"), "{e}");
        }
        e => panic!("{e}"),
    }
}
