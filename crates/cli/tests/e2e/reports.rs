//! Signed self-reports, end to end on anvil: helpers report from their wallets (an EOA that corrects a typo with a
//! second report, a real 2-of-3 Safe through `--typed-data`/`--import`), a helper without a wallet comes from the
//! committee CSV, one report is adjusted with a reason; compute, sign, submit, and `verify` passes, then fails on
//! the right check for each kind of tampering.

use crate::common::{Setup, World, EPOCH};
use alloy::{
    primitives::{Address, Bytes},
    signers::SignerSync,
};
use bounty_core::report::ReportFile;
use serde_json::Value;
use std::path::Path;

/// 2026-06-20 00:00 UTC: inside 2026-Q2's reporting window (June 15 – 29).
const IN_WINDOW: u64 = 1_781_913_600;

fn report(w: &World, dir: &Path, key: usize, hours: &str, sequence: u64, note: &str) -> String {
    let out = dir.join(format!("r-{key}-{sequence}.json"));
    w.ok(&[
        "report",
        "-c",
        &w.path(&w.config),
        "-e",
        EPOCH,
        "--hours",
        hours,
        "--handle",
        &format!("helper{key}"),
        "--note",
        note,
        "--sequence",
        &sequence.to_string(),
        "--private-key",
        &w.key_hex(key),
        "-o",
        &w.path(&out),
    ])
}

/// The Safe's report: its typed data from `--typed-data`, two owners sign the Safe's SafeMessage of its digest,
/// `--import` checks the assembled signature with ERC-1271 and writes the file.
fn safe_report(w: &World, dir: &Path, safe: Address) {
    let base = ["report", "-c", &w.path(&w.config), "-e", EPOCH, "--hours", "5", "--handle", "the-safe"];
    let sequence = (IN_WINDOW + 60).to_string();
    let account = safe.to_string();
    let mut typed_args = base.to_vec();
    typed_args.extend(["--sequence", &sequence, "--account", &account, "--typed-data"]);
    let typed: alloy::dyn_abi::TypedData = serde_json::from_str(&w.ok(&typed_args)).unwrap();
    let digest = typed.eip712_signing_hash().unwrap();
    let (_, safe_hash) = bounty_chain::safe::safe_message(31337, safe, digest);
    let owners: Vec<(Address, Bytes)> = [6, 7]
        .iter()
        .map(|&i| (w.address(i), Bytes::from(w.key(i).sign_hash_sync(&safe_hash).unwrap().as_bytes().to_vec())))
        .collect();
    let signature = bounty_chain::safe::assemble(safe, owners).signature.to_string();
    let out = dir.join("r-safe.json");
    let mut import_args = base.to_vec();
    import_args.extend(["--sequence", &sequence, "--account", &account, "--import", &signature, "-o"]);
    let out_text = w.path(&out);
    import_args.push(&out_text);
    let imported = w.ok(&import_args);
    assert!(imported.contains("reports 5 hours"), "{imported}");
}

fn checks(w: &World, claims: &Path) -> (bool, Vec<(String, bool)>) {
    let out = w.run(&["verify", &w.path(claims), "--json"]);
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    let list = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap().to_string(), c["ok"].as_bool().unwrap()))
        .collect();
    (out.status.success(), list)
}

fn failing(w: &World, claims: &Path) -> Vec<String> {
    checks(w, claims).1.into_iter().filter(|(_, ok)| !ok).map(|(n, _)| n).collect()
}

#[tokio::test]
async fn reports_become_claims_that_anyone_can_trace_to_their_signers() {
    let w = World::new(Setup { safe_signer: true, ..Setup::default() }).await;
    let safe = w.safe.unwrap();
    let dir = w.dir.path().join("reports");
    std::fs::create_dir_all(&dir).unwrap();

    report(&w, &dir, 4, "1.25", IN_WINDOW, "typo");
    report(&w, &dir, 4, "12.5", IN_WINDOW + 100, "#support, EU mornings");
    report(&w, &dir, 5, "20", IN_WINDOW, "node operator questions");
    report(&w, &dir, 9, "8", IN_WINDOW, "docs");
    safe_report(&w, &dir, safe);

    // Outside the window, or for another measure: a sentence, no file.
    let late = w.fails(&[
        "report",
        "-c",
        &w.path(&w.config),
        "-e",
        EPOCH,
        "--hours",
        "3",
        "--sequence",
        "1783000000",
        "--private-key",
        &w.key_hex(4),
        "-o",
        &w.path(&dir.join("late.json")),
    ]);
    assert!(late.contains("outside the reporting window"), "{late}");
    let usd = w.fails(&["report", "-c", &w.path(&w.config), "-e", EPOCH, "--usd", "3", "--private-key", &w.key_hex(4)]);
    assert!(usd.contains("counts `hours`, not `usd`"), "{usd}");
    // A signature by another key is refused at import.
    let forged = w.key(5).sign_hash_sync(&alloy::primitives::B256::ZERO).unwrap();
    let refused = w.fails(&[
        "report",
        "-c",
        &w.path(&w.config),
        "-e",
        EPOCH,
        "--hours",
        "99",
        "--sequence",
        &IN_WINDOW.to_string(),
        "--account",
        &w.address(4).to_string(),
        "--import",
        &Bytes::from(forged.as_bytes().to_vec()).to_string(),
    ]);
    assert!(refused.contains("is not"), "{refused}");

    // The public ledger: the typo superseded, the Safe's signature checked with ERC-1271.
    let ledger: Value = serde_json::from_str(&w.ok(&["reports", &w.path(&dir), "--json"])).unwrap();
    let lines = ledger.as_array().unwrap();
    assert_eq!(lines.len(), 5);
    let superseded: Vec<&Value> = lines.iter().filter(|l| l["superseded"] == true).collect();
    assert_eq!(superseded.len(), 1);
    assert_eq!(superseded[0]["value"], "1.25");
    let safe_line =
        lines.iter().find(|l| l["account"].as_str().unwrap().eq_ignore_ascii_case(&safe.to_string())).unwrap();
    assert_eq!(safe_line["signature"], "erc1271", "data in --json, not display text");
    let table = w.ok(&["reports", &w.path(&dir)]);
    let widest = table.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 100, "the ledger is {widest} columns wide:\n{table}");
    assert!(table.contains("✓ ERC-1271") && table.contains("superseded"), "{table}");

    let committee = w.dir.path().join("committee.csv");
    std::fs::write(&committee, format!("account,hours,handle\n{},4,no-wallet\n", w.address(3))).unwrap();
    let adjustments = w.dir.path().join("adjustments.csv");
    std::fs::write(
        &adjustments,
        format!("account,value,reason\n{},6,\"the thread shows 6h of answers\"\n", w.address(9)),
    )
    .unwrap();
    let claims = w.dir.path().join("claims-reports.json");
    let computed = w.ok(&[
        "compute",
        "-c",
        &w.path(&w.config),
        "-e",
        EPOCH,
        "--reports",
        &w.path(&dir),
        "--shares",
        &w.path(&committee),
        "--adjustments",
        &w.path(&adjustments),
        "-o",
        &w.path(&claims),
    ]);
    assert!(computed.contains("root:"), "{computed}");
    let file = bounty_core::LoadedClaims::read(&claims).unwrap().file;
    assert_eq!(file.claims.len(), 5);
    let claim = |a: Address| file.claims.iter().find(|c| c.account == a).unwrap();
    assert_eq!(claim(w.address(4)).value.unwrap().to_string(), "12.5");
    assert!(claim(w.address(3)).report.is_none(), "the committee's row");
    assert_eq!(claim(w.address(9)).value.unwrap().to_string(), "6");
    assert_eq!(claim(w.address(9)).report.as_ref().unwrap().value.to_string(), "8");
    assert_eq!(file.adjustments.len(), 1);

    w.sign(&claims, 1);
    w.sign(&claims, 2);
    let posted = w.submit(&claims);
    assert!(posted.status.success(), "{}", String::from_utf8_lossy(&posted.stderr));
    let (ok, list) = checks(&w, &claims);
    assert!(ok, "{list:?}");
    assert!(list.contains(&("reports".into(), true)) && list.contains(&("adjustments".into(), true)), "{list:?}");

    // Tampering, each caught by its own check (offline: the file is re-read as published, then changed).
    let text = std::fs::read_to_string(&claims).unwrap();
    let tamper = |name: &str, f: &dyn Fn(&mut Value)| {
        let mut v: Value = serde_json::from_str(&text).unwrap();
        f(&mut v);
        let path = w.dir.path().join(name);
        std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
        failing(&w, &path)
    };
    let index = |a: Address| file.claims.iter().position(|c| c.account == a).unwrap();
    let (i4, i5, i9) = (index(w.address(4)), index(w.address(5)), index(w.address(9)));
    let edited = tamper("edited.json", &|v| v["claims"][i4]["report"]["value"] = "13".into());
    assert!(edited.contains(&"reports".to_string()), "{edited:?}");
    let no_reason = tamper("no-reason.json", &|v| v["adjustments"][0]["reason"] = "".into());
    assert!(no_reason.contains(&"adjustments".to_string()), "{no_reason:?}");
    let silent = tamper("silent.json", &|v| v["adjustments"] = Value::Array(vec![]));
    assert!(silent.contains(&"adjustments".to_string()), "{silent:?}");
    let swapped = tamper("swapped.json", &|v| {
        let other = v["claims"][i5]["report"]["signature"].clone();
        v["claims"][i9]["report"]["signature"] = other;
    });
    assert!(swapped.contains(&"reports".to_string()), "{swapped:?}");

    // compute refuses a report signed by another key with a sentence naming the file.
    let mut bad: ReportFile = ReportFile::read(&dir.join(format!("r-5-{IN_WINDOW}.json"))).unwrap();
    bad.signature = ReportFile::read(&dir.join(format!("r-9-{IN_WINDOW}.json"))).unwrap().signature;
    let bad_dir = w.dir.path().join("bad-reports");
    std::fs::create_dir_all(&bad_dir).unwrap();
    bad.write(&bad_dir.join("forged.json")).unwrap();
    let err = w.fails(&[
        "compute",
        "-c",
        &w.path(&w.config),
        "-e",
        EPOCH,
        "--reports",
        &w.path(&bad_dir),
        "-o",
        &w.path(&w.dir.path().join("x.json")),
    ]);
    assert!(err.contains("forged.json") && err.contains("the signature is not"), "{err}");
}

/// 2026-05-01 00:00 UTC: inside 2026-Q2, so the vault's funding and the tips below fall in the period.
const MAY_2026: u64 = 1_777_593_600;

/// Tip-jar matching: the DAO's 500 RPL lump plus 100 % of the period's community tips up to 300 RPL; the
/// deployer's own funding is excluded. Two members tip 100 and 250 RPL, so the match is capped at 300 and the budget
/// is 800. `verify` re-reads the tips from the chain; a tip that is not on chain fails `tips on chain`.
#[tokio::test]
async fn community_tips_are_matched_up_to_the_cap() {
    let w = World::new(Setup { genesis: Some(MAY_2026), ..Setup::default() }).await;
    let config = std::fs::read_to_string(&w.config).unwrap().replace(
        "[budget]\ntokens = \"1000\"\n",
        &format!(
            "[budget]\ntokens = \"500\"\nmatch = {{ percent = \"100\", cap = \"300\", exclude = [\"{}\"] }}\n",
            w.address(0)
        ),
    );
    std::fs::write(&w.config, config).unwrap();
    let whole = World::whole;
    for (key, tip) in [(3usize, 100u64), (4, 250)] {
        w.mint(w.address(key), tip).await;
        w.ok(&[
            "fund",
            "--vault",
            &w.vault.to_string(),
            "--amount",
            &tip.to_string(),
            "--private-key",
            &w.key_hex(key),
        ]);
    }
    w.warp(62 * u64::from(crate::common::DAY)).await; // into 2026-Q3: the period is over
    let computed = w.compute();
    assert!(computed.contains("matched 100% up to 300 RPL: + 300 RPL on the 500 RPL lump"), "{computed}");
    let file = w.loaded().file;
    let tips = file.tips.as_ref().unwrap();
    assert_eq!(tips.contributions.len(), 3, "the deployer's funding is recorded, and counts for nothing");
    assert_eq!(tips.matched, whole(300));
    assert_eq!(file.total, whole(800));

    w.sign(&w.claims.clone(), 1);
    w.sign(&w.claims.clone(), 2);
    assert!(w.submit(&w.claims).status.success());
    let (ok, list) = checks(&w, &w.claims);
    assert!(ok, "{list:?}");
    assert!(list.contains(&("tips".into(), true)) && list.contains(&("tips on chain".into(), true)), "{list:?}");

    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&w.claims).unwrap()).unwrap();
    let mut invented = v["tips"]["contributions"][0].clone();
    invented["tx"] = Value::String(format!("0x{}", "ab".repeat(32)));
    invented["from"] = Value::String(w.address(0).to_string()); // excluded: the match itself stays right
    v["tips"]["contributions"].as_array_mut().unwrap().push(invented);
    let tampered = w.dir.path().join("invented-tip.json");
    std::fs::write(&tampered, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let failed = failing(&w, &tampered);
    assert!(failed.contains(&"tips on chain".to_string()), "{failed:?}");

    // The books of the period: one helper claims, the rest of the epoch expires and is swept; the report says how
    // the budget was set (the tips and their match), what was paid and what went back.
    w.warp(u64::from(crate::common::DAY) + 1).await;
    let claims = w.path(&w.claims);
    let first = &file.claims[0];
    let key = (0..8).find(|k| w.address(*k) == first.account).expect("a devnet helper");
    w.ok(&["claim", &claims, "--private-key", &w.key_hex(key)]);
    w.warp(366 * u64::from(crate::common::DAY)).await;
    w.ok(&["sweep", "2026-Q2", "--vault", &w.vault.to_string(), "--private-key", &w.key_hex(4)]);
    let md = w.ok(&["ledger", &claims, "--report"]);
    let swept = bounty_core::Decimal::from_units(file.total - first.amount, 18);
    assert!(
        md.contains(
            "- **Tips:** 2 tip(s) of 350 RPL (3 contribution(s) in all), matched 100 %, at most 300 RPL: +300 RPL"
        ),
        "{md}"
    );
    assert!(md.contains(&format!("- **Expired and swept back to the budget:** {swept} RPL")), "{md}");
    assert!(md.contains(&format!("- **Paid so far:** {} RPL", bounty_core::Decimal::from_units(first.amount, 18))));
    let ledger: Value = serde_json::from_str(&w.ok(&["ledger", &claims, "--json"])).unwrap();
    assert_eq!(ledger["payments"].as_array().unwrap().len(), 1, "the sweep is not a payment to anyone");
    assert_eq!(ledger["totals"]["amount"], first.amount.to_string());
}

/// Two lines that take reports (the hours and a bonus for critical periods, both hourly): an adjustment names the
/// line it changes, and one that does not is refused with the lines it could mean.
#[tokio::test]
async fn adjustments_name_their_line() {
    let w = World::new(Setup::default()).await;
    let program = std::fs::read_to_string(&w.config).unwrap().replace(
        "[budget]\ntokens = \"1000\"\n\n[rule]\nkind = \"pro-rata\"\n",
        "[[line]]\nname = \"hours\"\nbudget = { tokens = \"600\" }\nrule = { kind = \"hourly\", rate = { tokens = \"10\" } }\n\n\
         [[line]]\nname = \"critical\"\nbudget = { tokens = \"300\" }\nrule = { kind = \"hourly\", rate = { tokens = \"5\" } }\n",
    );
    std::fs::write(&w.config, program).unwrap();
    let dir = w.dir.path().join("reports");
    std::fs::create_dir(&dir).unwrap();
    report(&w, &dir, 5, "20", IN_WINDOW, "EU");
    report(&w, &dir, 6, "10", IN_WINDOW, "US");
    let adjustments = w.dir.path().join("adjustments.csv");
    let compute = |out: &str| {
        w.run(&[
            "compute",
            "-c",
            &w.path(&w.config),
            "--reports",
            &w.path(&dir),
            "--adjustments",
            &w.path(&adjustments),
            "-e",
            EPOCH,
            "-o",
            &w.path(&w.dir.path().join(out)),
        ])
    };
    std::fs::write(&adjustments, format!("account,value,reason\n{},15,double-counted a shift\n", w.address(5)))
        .unwrap();
    let out = compute("a.json");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success()
            && said.contains("adjustments.csv:2: field `line`: several lines take reports (hours, critical)"),
        "{said}"
    );
    std::fs::write(
        &adjustments,
        format!("account,value,reason,line\n{},15,double-counted a shift,hourz\n", w.address(5)),
    )
    .unwrap();
    let said = String::from_utf8_lossy(&compute("b.json").stderr).into_owned();
    assert!(said.contains("`hourz` is not a line that takes reports (those are: hours, critical)"), "{said}");
    std::fs::write(
        &adjustments,
        format!("account,value,reason,line\n{},15,double-counted a shift,hours\n", w.address(5)),
    )
    .unwrap();
    let out = compute("c.json");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = bounty_core::LoadedClaims::read(&w.dir.path().join("c.json")).unwrap().file;
    let five = file.claims.iter().find(|c| c.account == w.address(5)).unwrap();
    // hours: 15 h × 10 (adjusted); critical: 20 h × 5 (as reported).
    let parts: Vec<(&str, String)> = five.lines.iter().map(|p| (p.line.as_str(), p.value.to_string())).collect();
    assert_eq!(parts, [("hours", "15".to_string()), ("critical", "20".to_string())]);
    assert_eq!(five.amount, World::whole(250));
}
