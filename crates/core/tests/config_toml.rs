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
    assert!(matches!(rp.line("hours").unwrap().rule, Rule::Hourly { rate: Money::Usd(_) }));
    assert_eq!(rp.lines().len(), 2);
    assert!(matches!(rp.price, Some(PriceSource::UniswapV3 { ref pools, .. }) if pools.len() == 2));
    assert_eq!(rp.epoch_cap_units().unwrap().to_string(), "1500000000000000000000");
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
        assert_eq!(ProgramConfig::from_toml_str(&text, "p.toml").unwrap().rule, Some(expected));
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

#[test]
fn budget_lines_and_terms_are_checked() {
    let line = |name: &str, tail: &str| {
        format!(
            "[[line]]\nname = \"{name}\"\nbudget = {{ tokens = \"100\"{tail} }}\nrule = {{ kind = \"pro-rata\" }}\n"
        )
    };
    let matched = ", match = { percent = \"100\", cap = \"5\" }";
    let one_line = "[budget]\ntokens = \"1\"\n[rule]\nkind = \"pro-rata\"\n";
    let cases = [
        (String::new(), "field `line`: the program pays nothing: give `[budget]` and `[rule]`, or `[[line]]` tables"),
        (
            format!("{one_line}{}", line("a", "")),
            "field `line`: give either `[budget]` and `[rule]` (one line) or `[[line]]` tables, not both",
        ),
        (format!("{}{}", line("a", ""), line("a", "")), "field `line[1].name`: line `a` is named twice (also line[0])"),
        (line("Hours", ""), "field `line[0].name`: `Hours` is not a line name"),
        (
            format!("{}{}", line("a", matched), line("b", matched)),
            "field `line.b.budget.match`: line `a` already matches the tips",
        ),
        (
            format!("term = {{ first = \"2026-Q1\", periods = 2 }}\n{one_line}"),
            "field `term.first`: `2026-Q1` is not a monthly period",
        ),
        (format!("term = {{ first = \"2026-01\", periods = 0 }}\n{one_line}"), "field `term.periods`: must be at"),
    ];
    for (tail, expected) in cases {
        // `term` is a top-level key: it goes before the tables.
        let text = match tail.strip_prefix("term") {
            Some(_) => {
                BASE.replacen("[token]", &format!("{}\n[token]", tail.lines().next().unwrap()), 1)
                    + &tail.lines().skip(1).collect::<Vec<_>>().join("\n")
            }
            None => format!("{BASE}{tail}"),
        };
        let e = ProgramConfig::from_toml_str(&text, "p.toml").unwrap_err().to_string();
        assert!(e.contains(expected) && e.contains("p.toml"), "`{e}` should contain `{expected}`");
    }
    let text = format!("{BASE}{}{}", line("a", ""), line("b", matched));
    let config = ProgramConfig::from_toml_str(&text, "p.toml").unwrap();
    assert_eq!(config.lines().iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    let term = BASE.replacen("[token]", "term = { first = \"2026-06\", periods = 6 }\n[token]", 1);
    let config = ProgramConfig::from_toml_str(&format!("{term}{one_line}"), "p.toml").unwrap();
    assert_eq!(config.check_term("2026-08".parse().unwrap()).unwrap(), Some(3));
    let e = config.check_term("2026-12".parse().unwrap()).unwrap_err().to_string();
    assert_eq!(e, "program `p` runs 6 periods from 2026-06 to 2026-11: 2026-12 is outside its term");
}
