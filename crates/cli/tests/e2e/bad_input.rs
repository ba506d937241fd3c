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
        (&["compute", "-c", program, "-s", shares, "-e", "2026-06"], "quarterly"),
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
