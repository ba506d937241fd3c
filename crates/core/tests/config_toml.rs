//! Program config parsing and validation.

use bounty_core::{config::PriceSource, Cadence, Money, ProgramConfig, Rule};

const BASE: &str = r#"
name = "p"
chain_id = 1
vault = "0x1000000000000000000000000000000000000001"
cadence = "monthly"
[token]
address = "0x9e1028F5F1D5eDE59748FFceE5532509976840E0"
symbol = "PERP"
decimals = 18
"#;

#[test]
fn examples_load() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let rp = ProgramConfig::load(dir.join("program.toml")).unwrap();
    assert_eq!(rp.cadence, Cadence::Quarterly);
    assert!(matches!(rp.rule, Rule::Hourly { rate: Money::Usd(_) }));
    assert!(matches!(rp.price, Some(PriceSource::UniswapV3 { ref pools, .. }) if pools.len() == 2));
    assert_eq!(rp.epoch_cap_units().unwrap().to_string(), "1000000000000000000000");
    assert_eq!(rp.epoch_label("2026-Q2").unwrap().epoch_number(), 20262);
    assert!(rp.epoch_label("2026-06").is_err()); // wrong cadence
    let perp = ProgramConfig::load(dir.join("program-perp.toml")).unwrap();
    assert!(perp.needs_price());
    assert_eq!(perp.schedule.reports_open_day, 15); // defaults fill what the file leaves out
}

#[test]
fn rules_parse() {
    for (rule, expected) in [
        ("kind = \"pro-rata\"", Rule::ProRata),
        ("kind = \"votes\"\nmin_votes = 5", Rule::Votes { min_votes: 5 }),
        (
            "kind = \"hourly\"\nrate = { tokens = \"2.5\" }",
            Rule::Hourly { rate: Money::Tokens("2.5".parse().unwrap()) },
        ),
    ] {
        let text = format!("{BASE}[budget]\ntokens = 1000\n[rule]\n{rule}\n");
        assert_eq!(ProgramConfig::from_toml_str(&text, "p.toml").unwrap().rule, expected);
    }
}

#[test]
fn bad_configs_name_the_field() {
    let cases = [
        ("[budget]\nusd = \"10\"\n[rule]\nkind = \"pro-rata\"\n", "field `price`"),
        ("[budget]\ntokens = \"1.0000000000000000001\"\n[rule]\nkind = \"pro-rata\"\n", "field `budget`"),
        ("[budget]\ntokens = 1.5\n[rule]\nkind = \"pro-rata\"\n", "decimal string"),
        ("[budget]\ntokens = \"1\"\n[rule]\nkind = \"hourly\"\nrate = { usd = \"0.0000001\" }\n[price]\nkind=\"chainlink\"\nfeed=\"0x1000000000000000000000000000000000000001\"\n", "field `rule.rate`"),
        ("[budget]\ntokens = \"1\"\n[rule]\nkind = \"lottery\"\n", "p.toml"),
        ("[budget]\ntokens = \"1\"\n[rule]\nkind = \"votes\"\nmin_votes = 5\nmin_vote = 1\n", "min_vote"),
    ];
    for (tail, expected) in cases {
        let e = ProgramConfig::from_toml_str(&format!("{BASE}{tail}"), "p.toml").unwrap_err().to_string();
        assert!(e.contains(expected) && e.contains("p.toml"), "`{e}` should contain `{expected}`");
    }
}
