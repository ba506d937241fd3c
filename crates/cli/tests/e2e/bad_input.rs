//! Mistakes a user makes before any chain is involved, each refused with a sentence that names what is wrong and
//! where, a failing exit status, and nothing written in the working directory. (Mistakes that need a chain to be
//! noticed are in `failures.rs`.)

use std::{path::Path, process::Command};

const VAULT: &str = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
/// anvil's first dev key: a well-formed key, so a case fails on what it is about.
const KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const SHORT: &str = "0x5FbDB2315678afecb367f032d93F642f64180aa";

fn examples() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples"))
}

/// Runs `bounty args` in an empty directory; returns (exit code, stderr) and checks the directory stayed empty.
fn refused(args: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_bounty"))
        .args(args)
        .current_dir(dir.path())
        .env("ETH_RPC_URL", "http://127.0.0.1:9") // nothing listens: no case may get as far as a chain
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "bounty {args:?} should have failed");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "bounty {args:?} wrote {left:?}");
    (out.status.code().unwrap_or(-1), stderr)
}

#[test]
fn typed_values_are_refused_with_what_is_expected() {
    let program = examples().join("program.toml");
    let shares = examples().join("shares-2026-Q2.csv");
    let (program, shares) = (program.to_str().unwrap(), shares.to_str().unwrap());
    let (hours, hourz) = (format!("hours={shares}"), format!("hourz={shares}"));
    let cases: &[(&[&str], &str)] = &[
        (&["fund", "--vault", VAULT, "--amount", "-5"], "`-5` is negative"),
        (&["fund", "--vault", VAULT, "--amount", "1e18"], "give whole tokens such as `2000`"),
        (&["fund", "--vault", VAULT, "--amount", "1.5units"], "base units must be a whole number"),
        (&["fund", "--vault", SHORT, "--amount", "5"], "is not an address: expected 0x followed by 40 hex digits"),
        (&["fund", "--vault", "alice", "--amount", "5"], "is not an address"),
        (&["deploy", "--token", VAULT, "--signers", &format!("{VAULT},0x12")], "`0x12` is not an address"),
        (
            &["deploy", "--token", VAULT, "--signers", VAULT, "--challenge-period", "14 days"],
            "unknown unit `days` (give seconds, or a number with s, m, h, d or w",
        ),
        (&["deploy", "--token", VAULT, "--signers", VAULT, "--claim-window", "2y"], "unknown unit `y`"),
        (&["deploy", "--token", VAULT, "--signers", VAULT, "--epoch-cap", "-1"], "is negative"),
        (&["sweep", "2026-Q5", "--vault", VAULT], "quarter must be Q1..Q4"),
        (&["sweep", "2026-13", "--vault", VAULT], "month must be two digits"),
        (&["veto", "next", "--vault", VAULT], "give a label such as 2026-Q2"),
        (&["schedule", "2026-Q9"], "quarter must be Q1..Q4"),
        (&["schedule", "26-Q2"], "year must be four digits"),
        (&["compute", "-c", "missing.toml", "-s", shares, "-e", "2026-Q2"], "missing.toml"),
        (&["compute", "-c", program, "-s", "missing.csv", "-e", "2026-Q2"], "missing.csv"),
        (&["compute", "-c", program, "-s", &hours, "-e", "2026-06"], "quarterly"),
        (
            &["compute", "-c", program, "-s", shares, "-e", "2026-Q2"],
            "has 2 lines (hours, tips); say which this file is for",
        ),
        (&["compute", "-c", program, "-s", &hourz, "-e", "2026-Q2"], "has no line `hourz` (its lines: hours, tips)"),
        (&["compute", "-c", program, "-s", &hours, "-s", &hours, "-e", "2026-Q2"], "line `hours` is given twice"),
        (&["compute", "-c", shares, "-s", shares, "-e", "2026-Q2"], "shares-2026-Q2.csv"),
        (&["verify", "missing-claims.json", "--offline"], "missing-claims.json"),
        (&["verify", program, "--offline"], "program.toml"),
        (&["claim-sig", "claims.json", "--recipient", VAULT, "--valid-for", "365d", "--private-key", KEY], "90 days"),
        (
            &["report", "-c", program, "-e", "2026-Q2", "--hours", "-5", "--private-key", KEY],
            "--hours: negative values are not allowed",
        ),
        (&["sign", "missing-claims.json", "--private-key", KEY], "missing-claims.json"),
        (&["status", "--vault", VAULT, "--private-key", KEY], "unexpected argument"),
    ];
    let mut wrong = Vec::new();
    for (args, expected) in cases {
        let (code, stderr) = refused(args);
        if !(code == 1 || code == 2) || !stderr.contains(expected) || stderr.contains("panicked") {
            wrong.push(format!("bounty {args:?} (exit {code}): expected `{expected}` in:\n{stderr}"));
        }
    }
    assert!(wrong.is_empty(), "{} of {} cases:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

/// A program config or a shares CSV with one realistic mistake, written beside the other (valid) input: `compute`
/// refuses with the file, the line or key, and what to write instead, before any RPC is asked.
#[test]
fn config_and_csv_mistakes_name_the_file_the_line_and_the_key() {
    let program = std::fs::read_to_string(examples().join("program.toml")).unwrap();
    let shares = std::fs::read_to_string(examples().join("shares-2026-Q2.csv")).unwrap();
    let first = "0xA4c123B1612dd272d1371C17149d439536b3216F";
    let config_cases: &[(&str, &str, &str)] = &[
        ("name = \"rocket-pool-support\"\n", "", "missing field `name`"),
        ("\"quarterly\"", "\"weekly\"", "unknown variant `weekly`, expected `quarterly` or `monthly`"),
        ("0x1000000000000000000000000000000000000001", "0x10", "`0x10` is not an address: expected 0x followed by 40"),
        ("epoch_cap = \"1500\"", "epoch_cap = \"-1\"", "negative values are not allowed"),
        ("decimals = 18", "decimals = 99", "field `token.decimals`: at most 36"),
        ("kind = \"hourly\"", "kind = \"hourlyy\"", "unknown variant `hourlyy`, expected one of `pro-rata`"),
        (", rate = { usd = \"30\" }", "", "missing field `rate`"),
        ("usd = \"30\"", "usd = \"thirty\"", "`thirty` is not a decimal number"),
        (
            "tokens = \"1000\"",
            "tokens = \"1000\", usd = \"5\"",
            "field `line.hours.budget`: set exactly one of `tokens` and `usd`",
        ),
        ("name = \"tips\"", "name = \"hours\"", "field `line[1].name`: line `hours` is named twice (also line[0])"),
        ("name = \"hours\"", "name = \"Hours\"", "`Hours` is not a line name: use lower-case letters"),
        ("percent = \"200\"", "percent = \"2OO\"", "`2OO` is not a decimal number"),
        ("min_votes = 5", "min_votes = -5", "invalid value: integer `-5`"),
        ("rule = { kind = \"votes\", min_votes = 5 }\n", "", "missing field `rule`"),
        ("twap_days = 7", "twap_days = 7\ntwap_hours = 3", "unknown field `twap_hours`, expected one of"),
        ("reports_open_day = 15", "reports_open_day = 30", "the reporting window opens after it closes"),
        ("reports_close_day = 29", "reports_close_day = 32", "32 is not a day of the month"),
        ("twap_days = 7", "twap_days = 0", "field `schedule.twap_days`: must be at least 1"),
        ("kind = \"uniswap-v3\"", "kind = \"uniswap-v9\"", "unknown variant `uniswap-v9`"),
        ("[token]", "[token", "unclosed table, expected `]`"),
        ("symbol = \"RPL\"", "symbol = \"RPL\"\nsymbol = \"X\"", "duplicate key"),
        ("chain_id = 1", "chain_id = \"one\"", "invalid type: string \"one\", expected u64"),
        ("\"0x88e6A0c2dDD26FEEb64F039a2c41296FcB3f5640\"", "\"0x88e6\"", "`0x88e6` is not an address"),
    ];
    let csv_cases: &[(&str, &str, &str)] = &[
        ("account,hours,handle,note\r\n", "", "missing header: line 1"),
        ("62.5", "62,5", "shares.csv:2: field `row`: this line has 5 fields but the header has 4"),
        ("62.5", "-3", "shares.csv:2: field `hours`: negative values are not allowed"),
        ("62.5", "62.1234567890123456789", "has 19 decimals, at most 6 allowed"),
        ("node operator questions", "node, operator", "shares.csv:3: field `row`: this line has 5 fields"),
        ("account,hours", "account,usd", "missing measure column `hours` required by the rule"),
        (
            "0xA4c123B1612dd272d1371C17149d439536b3216F,62.5",
            "0xa4C123B1612dd272d1371C17149d439536b3216F,62.5",
            "wrong EIP-55 checksum",
        ),
        (
            "0xA4c123B1612dd272d1371C17149d439536b3216F,62.5",
            "0x1234,62.5",
            "shares.csv:2: field `account`: `0x1234` is not an address",
        ),
    ];
    let inputs = tempfile::tempdir().unwrap();
    let mut wrong = Vec::new();
    let mut run = |config: String, csv: String, what: &str, expected: &str| {
        let (p, s) = (inputs.path().join("program.toml"), inputs.path().join("shares.csv"));
        std::fs::write(&p, config).unwrap();
        std::fs::write(&s, csv).unwrap();
        let out = inputs.path().join("claims.json");
        let args = [
            "compute",
            "-c",
            p.to_str().unwrap(),
            "-s",
            &format!("hours={}", s.display()),
            "-e",
            "2026-Q2",
            "-o",
            out.to_str().unwrap(),
            "--early",
        ];
        let (code, stderr) = refused(&args);
        if code != 1 || !stderr.contains(expected) || stderr.contains("RPC") || out.exists() {
            wrong.push(format!("{what} (exit {code}, wrote: {}): expected `{expected}` in:\n{stderr}", out.exists()));
        }
    };
    for (from, to, expected) in config_cases {
        assert!(program.contains(from), "the example has `{from}`");
        run(program.replacen(from, to, 1), shares.clone(), &format!("program.toml: `{from}` → `{to}`"), expected);
    }
    let dup = format!("{shares}{first},1,dup,\r\n");
    run(program.clone(), dup, "a repeated account", "appears twice, on line 2 and line");
    run(program.clone(), String::new(), "an empty CSV", "empty file: expected a header line");
    for (from, to, expected) in csv_cases {
        assert!(shares.contains(from), "the example has `{from}`");
        run(program.clone(), shares.replacen(from, to, 1), &format!("shares.csv: `{from}` → `{to}`"), expected);
    }
    let total = config_cases.len() + csv_cases.len() + 2;
    assert!(wrong.is_empty(), "{} of {total} cases:\n{}", wrong.len(), wrong.join("\n"));
}

/// Wallet, RPC and signer-set mistakes: refused before any key is used or anything is asked of a chain.
#[test]
fn wallet_rpc_and_signer_set_mistakes_are_sentences() {
    let signers = format!("{VAULT},0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    let cases: &[(&[&str], &str)] = &[
        (
            &["fund", "--vault", VAULT, "--amount", "5", "--keystore", "missing.json"],
            "--keystore missing.json: no such file",
        ),
        (
            &["fund", "--vault", VAULT, "--amount", "5", "--private-key", "0x12"],
            "the private key is not 32 bytes of hex",
        ),
        (
            &["fund", "--vault", VAULT, "--amount", "5", "--private-key", KEY, "--ledger"],
            "cannot be used with '--ledger'",
        ),
        (&["status", "--vault", VAULT, "--rpc-url", "localhost:8545"], "it must start with http:// or https://"),
        (&["status", "--vault", VAULT, "--rpc-url", "http://exa mple"], "invalid RPC URL"),
        (
            &["deploy", "--token", VAULT, "--signers", VAULT, "--threshold", "2", "--private-key", KEY],
            "--threshold 2 with 1 signer(s)",
        ),
        (
            &["deploy", "--token", VAULT, "--signers", &signers, "--threshold", "0", "--private-key", KEY],
            "--threshold 0 with 2",
        ),
        (
            &["deploy", "--token", VAULT, "--signers", &format!("{VAULT},{VAULT}"), "--private-key", KEY],
            "is listed twice",
        ),
        (
            &[
                "deploy",
                "--token",
                VAULT,
                "--signers",
                &format!("{VAULT},0x0000000000000000000000000000000000000000"),
                "--private-key",
                KEY,
            ],
            "signer 2 is the zero address",
        ),
        (
            &["sweep", "2026-Q2", "--vault", VAULT, "--calldata", "--dry-run"],
            "'--calldata' cannot be used with '--dry-run'",
        ),
        (&["report", "-c", "program.toml", "-e", "2026-Q2", "--hours", "5", "--usd", "4"], "cannot be used with"),
    ];
    let mut wrong = Vec::new();
    for (args, expected) in cases {
        let (code, stderr) = refused(args);
        if !(code == 1 || code == 2) || !stderr.contains(expected) || stderr.contains("panicked") {
            wrong.push(format!("bounty {args:?} (exit {code}): expected `{expected}` in:\n{stderr}"));
        }
    }
    assert!(wrong.is_empty(), "{} of {} cases:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}
