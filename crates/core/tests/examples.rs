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

#[test]
fn rocket_pool_example_is_capped_at_1000_rpl() {
    let file = example::build("program.toml", "shares-2026-Q2.csv", "2026-Q2").unwrap();
    // 172.25 h × $30 = $5 167.50 at ~$5.0014/RPL ≈ 1 033 RPL > 1 000: scaled to exactly the cap.
    assert_eq!(file.total, U256::from(1000u64) * U256::from(10u64).pow(U256::from(18)));
    assert_eq!(file.count, 6);
    assert_eq!(file.epoch, 20262);
    assert_eq!(file.usd_per_token(), U256::from(5_001_421_435_804_454_500u128));
}

#[test]
fn tampering_is_reported_by_name() {
    let good = example::build("program.toml", "shares-2026-Q2.csv", "2026-Q2").unwrap();

    let mut f = good.clone();
    f.claims[2].amount += U256::from(1);
    let names = failed(&f);
    assert!(names.contains(&"amounts".to_string()), "{names:?}");
    let amounts = verify(&f).checks.into_iter().find(|c| c.name == "amounts").unwrap();
    assert_eq!(amounts.failures.len(), 1, "only the tampered claim is listed: {amounts:?}");
    assert_eq!(amounts.failures[0].item, format!("#2 {}", f.claims[2].account));
    assert_eq!(amounts.detail, "5 of 6 re-derived");
    assert!(names.contains(&"total".to_string()) && names.contains(&"root".to_string()), "{names:?}");

    let mut f = good.clone();
    f.claims[0].value = "70".parse().unwrap(); // inflate someone's hours
    assert!(failed(&f).contains(&"amounts".to_string()));

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
    let file = example::build("program-perp.toml", "shares-2026-06.csv", "2026-06").unwrap();
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
    config.budget = bounty_core::Money::Usd("5000".parse().unwrap()).into(); // plans total $5 500.50
    let rows = bounty_core::shares::read_shares(dir.join("shares-2026-06.csv"), config.rule.measure(), 18).unwrap();
    let price = U256::from(500_000_000_000_000_000u128); // $0.50
    let window = Window { start_timestamp: 0, end_timestamp: 1, start_block: None, end_block: None };
    let series =
        PriceProvenance::Series { source: "flat".into(), window, points: vec![PricePoint { timestamp: 0, price }] };
    let price = PriceRecord::derive(series).unwrap();
    let err = bounty_core::allocate(&config.allocation_params(), &rows, Some(price)).unwrap_err();
    // $500.50 over at $0.50 = 1 001 PERP.
    match err {
        e @ AllocationError::OverCap { excess, .. } => {
            assert_eq!(excess, U256::from(1001u64) * U256::from(10u64).pow(U256::from(18)));
            assert!(e.to_string().contains("by 1001 tokens"), "{e}");
        }
        e => panic!("{e}"),
    }
}
