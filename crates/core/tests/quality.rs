//! Pay tied to quality: "50 % for the committed hours and another 50 % subject to the quality of the work
//! delivered" as two budget lines, the second scaled by each account's KPI score. Amounts are checked against a
//! computation written out by hand; the claims file records every score, and `verify` catches an edited one.

use alloy_primitives::{Address, U256};
use bounty_core::{
    allocate,
    claims::verify,
    lines::LineAllocation,
    quality::{Kpi, Targets},
    shares::parse_shares,
    ClaimsFile, DropReason, Error, ProgramConfig, Rule,
};

const PROGRAM: &str = r#"
name = "perp-quality"
chain_id = 10
vault = "0x1000000000000000000000000000000000000002"
cadence = "monthly"
term = { first = "2026-06", periods = 6 }

[token]
address = "0x9e1028F5F1D5eDE59748FFceE5532509976840E0"
symbol = "PERP"
decimals = 18

[[line]]
name = "committed"
budget = { tokens = "4000" }
rule = { kind = "fixed", unit = "tokens" }

[[line]]
name = "quality"
budget = { tokens = "4000" }
rule = { kind = "quality", base = "tokens", targets = { max_first_reply_hours = "2", max_resolution_hours = "24", min_csat_percent = "90" } }
"#;

const A: &str = "0x1111111111111111111111111111111111111111";
const B: &str = "0x2222222222222222222222222222222222222222";
const C: &str = "0x3333333333333333333333333333333333333333";

/// Half of each plan, the half that is paid whatever the quality.
const COMMITTED: &str = "account,tokens\n0x1111111111111111111111111111111111111111,1500\n\
    0x2222222222222222222222222222222222222222,900\n0x3333333333333333333333333333333333333333,600\n";

/// The other half with the period's KPIs (as the tickets intake writes them): A meets all three targets, B meets two
/// (a 30 h median resolution), C meets none (and has no rated tickets: an empty CSAT cell).
const QUALITY: &str = "account,tokens,first_reply_hours,resolution_hours,csat_percent,handle\n\
    0x1111111111111111111111111111111111111111,1500,1.25,20,96.5,alice\n\
    0x2222222222222222222222222222222222222222,900,2,30,90,bob\n\
    0x3333333333333333333333333333333333333333,600,3.5,48,,carol\n";

const E18: u128 = 1_000_000_000_000_000_000;

fn build() -> ClaimsFile {
    let config = ProgramConfig::from_toml_str(PROGRAM, "program.toml").unwrap();
    let schedule = config.schedule_for(config.epoch_label("2026-07").unwrap());
    let lines = config
        .lines()
        .into_iter()
        .zip([COMMITTED, QUALITY])
        .map(|(line, csv)| {
            let rows = parse_shares(csv.as_bytes(), &format!("{}.csv", line.name), line.rule.columns(), 18).unwrap();
            let allocation = allocate(&config.line_params(&line), &rows, None).unwrap();
            LineAllocation { name: line.name, allocation }
        })
        .collect::<Vec<_>>();
    ClaimsFile::build_lines(&config, &schedule, &lines, None, None).unwrap()
}

#[test]
fn the_quality_half_is_paid_in_proportion_to_the_targets_met() {
    let file = build();
    let amount =
        |who: &str| file.claims.iter().find(|c| c.account == who.parse::<Address>().unwrap()).map(|c| c.amount);
    // By hand: A 1500 + 1500 × 3/3; B 900 + 900 × 2/3 = 900 + 600; C 600 + nothing (0 of 3).
    assert_eq!(amount(A), Some(U256::from(3000 * E18)));
    assert_eq!(amount(B), Some(U256::from(1500 * E18)));
    assert_eq!(amount(C), Some(U256::from(600 * E18)));
    assert_eq!(file.total, U256::from(5100 * E18));

    let quality = &file.lines[1];
    assert_eq!(quality.dropped.len(), 1);
    assert_eq!(quality.dropped[0].reason, DropReason::NoTargetMet { targets: 3 });
    assert_eq!(quality.dropped[0].kpis.get(Kpi::CsatPercent), None);
    let bob = file.claims.iter().find(|c| c.account == B.parse::<Address>().unwrap()).unwrap();
    let score = bob.lines[1].score.as_ref().unwrap();
    assert_eq!((score.met(), score.of()), (2, 3));
    assert_eq!(score.to_string(), "2/3 (first reply 2 ≤ 2 h ✓, resolution 30 ≤ 24 h ✗, CSAT 90 ≥ 90 % ✓)");
    assert!(bob.lines[0].score.is_none(), "the committed line has no targets");

    let verdict = verify(&file);
    assert!(verdict.is_ok(), "{:?}", verdict.failures().collect::<Vec<_>>());
    assert!(verdict.checks.iter().any(|c| c.name == "line quality: scores"));
    // The file round-trips: the scores are in the published JSON.
    let read: ClaimsFile = serde_json::from_slice(&file.to_bytes()).unwrap();
    assert_eq!(read, file);
    assert!(bounty_core::claims::verify_bytes(&file.to_bytes()).unwrap().is_ok());
}

#[test]
fn an_edited_score_or_measure_is_caught() {
    let file = build();
    let bob = file.claims.iter().position(|c| c.account == B.parse::<Address>().unwrap()).unwrap();
    let failed = |f: &ClaimsFile| verify(f).failures().map(|c| c.name.clone()).collect::<Vec<_>>();

    // Marking the missed target as met, without touching the amount: the score no longer follows from the targets.
    let mut flag = file.clone();
    flag.claims[bob].lines[1].score.as_mut().unwrap().results[1].met = true;
    assert_eq!(failed(&flag), ["line quality: scores"]);

    // A better measure recorded for bob: the rule now pays him more than the file says.
    let mut measure = file.clone();
    measure.claims[bob].lines[1].score.as_mut().unwrap().results[1].value = Some("10".parse().unwrap());
    let names = failed(&measure);
    assert!(names.contains(&"line quality: amounts".to_string()), "{names:?}");
    assert!(names.contains(&"line quality: scores".to_string()), "{names:?}");
}

#[test]
fn quality_inputs_are_checked_where_they_are_written() {
    let config = ProgramConfig::from_toml_str(PROGRAM, "program.toml").unwrap();
    let line = config.line("quality").unwrap();
    let no_csat =
        "account,tokens,first_reply_hours,resolution_hours\n0x1111111111111111111111111111111111111111,1,1,1\n";
    let e = parse_shares(no_csat.as_bytes(), "kpis.csv", line.rule.columns(), 18).unwrap_err().to_string();
    assert!(e.contains("kpis.csv") && e.contains("`csat_percent`") && e.contains("min_csat_percent"), "{e}");
    let bad = "account,tokens,first_reply_hours,resolution_hours,csat_percent\n\
        0x1111111111111111111111111111111111111111,1,1.5h,1,1\n";
    let e = parse_shares(bad.as_bytes(), "kpis.csv", line.rule.columns(), 18).unwrap_err();
    assert!(matches!(&e, Error::Field { line: 2, field, .. } if field == "first_reply_hours"), "{e}");

    let none = PROGRAM.replace(
        r#"targets = { max_first_reply_hours = "2", max_resolution_hours = "24", min_csat_percent = "90" }"#,
        "targets = {}",
    );
    let e = ProgramConfig::from_toml_str(&none, "program.toml").unwrap_err().to_string();
    assert!(e.contains("line.quality.rule.targets") && e.contains("at least one target"), "{e}");
    let typo = PROGRAM.replace("min_csat_percent", "min_csat");
    let e = ProgramConfig::from_toml_str(&typo, "program.toml").unwrap_err().to_string();
    assert!(e.contains("program.toml") && e.contains("min_csat"), "{e}");

    // The rule reads as the program states it.
    let Rule::Quality { targets, .. } = line.rule else { panic!("a quality rule") };
    assert_eq!(
        targets,
        Targets {
            max_first_reply_hours: Some("2".parse().unwrap()),
            max_resolution_hours: Some("24".parse().unwrap()),
            min_csat_percent: Some("90".parse().unwrap()),
        }
    );
    assert_eq!(
        line.rule.to_string(),
        "token bases scaled by quality (first reply ≤ 2 h, resolution ≤ 24 h, CSAT ≥ 90 %), refused over the cap"
    );
}
