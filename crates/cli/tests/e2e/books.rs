//! The books over two periods on anvil: a helper's own claim of both periods in one transaction, a `claimTo`, a
//! relayed consent, a payday batch and a sweep of what was never claimed, read back by `bounty ledger` and checked
//! row by row against the claims files and an independent USD computation; a helper's tax CSV; the period reports;
//! and the sentences for files that do not explain the chain. (A matched tip in the books: `reports.rs`.)

use crate::common::{Setup, World, DAY};
use alloy::primitives::{Address, U256};
use bounty_core::LoadedClaims;

/// $2.50 per token for every period (a CSV series with one point long before any window).
const PRICE: &str = "0,2.5";

fn usd_at_2_50(amount: U256) -> String {
    // amount × 2.5 in 18-decimal dollars, written out without the crate's helper.
    bounty_core::Decimal::from_units(amount * U256::from(5u8) / U256::from(2u8), 18).to_string()
}

#[tokio::test]
async fn the_ledger_lists_every_payment_as_the_claims_files_explain_it() {
    let w = World::new(Setup::default()).await;
    let program = std::fs::read_to_string(&w.config).unwrap();
    let program = program.replace("[budget]\ntokens = \"1000\"", "[budget]\nusd = \"2000\"").replacen(
        "[token]",
        "term = { first = \"2026-Q2\", periods = 4 }\n\n[token]",
        1,
    ) + "\n[price]\nkind = \"csv\"\npath = \"price.csv\"\n";
    std::fs::write(&w.config, program).unwrap();
    std::fs::write(w.dir.path().join("price.csv"), format!("timestamp,price\n{PRICE}\n")).unwrap();
    w.post();
    // Q3's first root leaves a helper out: a signer vetoes it, and the corrected file is posted.
    let vetoed = w.dir.path().join("claims-q3-vetoed.json");
    let short = w.dir.path().join("shares-short.csv");
    let rows: Vec<String> = std::fs::read_to_string(&w.shares).unwrap().lines().take(5).map(String::from).collect();
    std::fs::write(&short, rows.join("\n") + "\n").unwrap();
    w.ok(&["compute", "-c", &w.path(&w.config), "-s", &w.path(&short), "-e", "2026-Q3", "-o", &w.path(&vetoed)]);
    w.sign(&vetoed, 1);
    w.sign(&vetoed, 2);
    assert!(w.submit(&vetoed).status.success());
    w.ok(&["veto", "2026-Q3", "--vault", &w.vault.to_string(), "--private-key", &w.key_hex(1)]);
    let q3 = w.dir.path().join("claims-q3.json");
    w.ok(&["compute", "-c", &w.path(&w.config), "-s", &w.path(&w.shares), "-e", "2026-Q3", "-o", &w.path(&q3)]);
    w.sign(&q3, 1);
    w.sign(&q3, 2);
    assert!(w.submit(&q3).status.success());
    w.warp(u64::from(DAY) + 1).await;
    let (q2_path, q3_path) = (w.path(&w.claims), w.path(&q3));

    // Helper 5 claims both periods in one transaction; 6 pays Q2 to another address; 7's consent is relayed by 4.
    w.ok(&["claim", &q2_path, &q3_path, "--private-key", &w.key_hex(5)]);
    let cold = Address::repeat_byte(0xc6);
    w.ok(&["claim", &q2_path, "--to", &cold.to_string(), "--private-key", &w.key_hex(6)]);
    let consent = w.dir.path().join("consent.json");
    let recipient = Address::repeat_byte(0xc7);
    w.ok(&[
        "claim-sig",
        &q2_path,
        "--recipient",
        &recipient.to_string(),
        "-o",
        &w.path(&consent),
        "--private-key",
        &w.key_hex(7),
    ]);
    w.ok(&["claim", &q2_path, "--consent", &w.path(&consent), "--private-key", &w.key_hex(4)]);
    // Payday pushes the rest of Q2; the rest of Q3 is never claimed, and is swept once it expires (below).
    w.ok(&["payout", &q2_path, "--private-key", &w.key_hex(0)]);

    let out = w.ok(&["ledger", &q2_path, &q3_path, "--json"]);
    let ledger: serde_json::Value = serde_json::from_str(&out).unwrap();
    let payments = ledger["payments"].as_array().unwrap();
    let (q2, q3f) = (LoadedClaims::read(&w.claims).unwrap().file, LoadedClaims::read(&q3).unwrap().file);
    assert_eq!(payments.len(), q2.claims.len() + 1, "every leaf of Q2 and helper 5's of Q3, each once");
    let (mut total, mut usd_total) = (U256::ZERO, U256::ZERO);
    for p in payments {
        let file = if p["label"] == "2026-Q2" { &q2 } else { &q3f };
        let index = p["index"].as_u64().unwrap() as usize;
        let claim = &file.claims[index];
        let amount: U256 = p["amount"].as_str().unwrap().parse().unwrap();
        assert_eq!((p["account"].as_str().unwrap().parse::<Address>().unwrap(), amount), (claim.account, claim.amount));
        assert_eq!(p["usd"].as_str().unwrap(), usd_at_2_50(amount), "{p}");
        assert_eq!(p["usd_per_token"], "2500000000000000000");
        let expected = match (p["label"].as_str().unwrap(), claim.account) {
            (_, a) if a == w.address(5) => ("claim", a),
            ("2026-Q2", a) if a == w.address(6) => ("claim-to", cold),
            ("2026-Q2", a) if a == w.address(7) => ("consent", recipient),
            (_, a) => ("batch", a),
        };
        assert_eq!(p["paid_by"], expected.0, "{p}");
        assert_eq!(p["recipient"].as_str().unwrap().parse::<Address>().unwrap(), expected.1, "{p}");
        assert!(p["timestamp"].as_u64().unwrap() > 0 && p["tx"].as_str().unwrap().len() == 66);
        total += amount;
        usd_total += amount * U256::from(5u8) / U256::from(2u8); // each row's value is floored on its own
    }
    assert_eq!(ledger["totals"]["amount"].as_str().unwrap(), total.to_string());
    assert_eq!(ledger["totals"]["usd"].as_str().unwrap(), bounty_core::Decimal::from_units(usd_total, 18).to_string());
    let five: Vec<_> = payments.iter().filter(|p| p["account"] == w.address(5).to_string()).collect();
    assert_eq!((five.len(), &five[0]["tx"]), (2, &five[1]["tx"]), "helper 5's two periods in one transaction");

    // The table: the same rows, the totals and the consistency statement.
    let table = w.ok(&["ledger", &q2_path, &q3_path]);
    assert!(table.contains("relayed consent →") && table.contains("payday batch"), "{table}");
    assert!(table.contains(&format!("{} payment(s)", payments.len())), "{table}");
    assert!(table.contains("every payment matches its period's claims file"), "{table}");

    // A helper's tax CSV: helper 6's Q2 claimTo, as income valued at the period's price.
    let csv_path = w.dir.path().join("helper6.csv");
    let six = w.address(6).to_string();
    w.ok(&["ledger", &q2_path, &q3_path, "--account", &six, "--csv", &w.path(&csv_path)]);
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, bounty_core::books::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    for row in &rows {
        let received: bounty_core::Decimal = row[3].parse().unwrap();
        let units = received.to_units(18).unwrap();
        assert_eq!((&row[4], &row[7], &row[8], &row[9]), ("RPL", usd_at_2_50(units).as_str(), "USD", "income"));
        assert!(row[0].ends_with(" UTC") && row[11].starts_with("0x"), "{row:?}");
    }
    assert!(rows[0][10].contains("2026-Q2") && rows[0][10].contains(&format!("paid to {cold}")), "{:?}", rows[0]);
    // Written again with the same rows: fine; different rows: refused, the file kept.
    w.ok(&["ledger", &q2_path, &q3_path, "--account", &six, "--csv", &w.path(&csv_path)]);
    let before = std::fs::read(&csv_path).unwrap();
    let refused = w.fails(&["ledger", &q2_path, &q3_path, "--csv", &w.path(&csv_path)]);
    assert!(refused.contains("already holds different records; nothing was written"), "{refused}");
    assert_eq!(std::fs::read(&csv_path).unwrap(), before);

    // Files that do not explain the chain, and a range the wrong way round: each a sentence, nothing printed as if
    // complete.
    let missing = w.fails(&["ledger", &q2_path]);
    assert!(missing.contains("no claims file for that period was given") && missing.contains("2026-Q3"), "{missing}");
    let only_q2 = w.ok(&["ledger", &q2_path, "--period", "2026-Q2", "--json"]);
    let only_q2: serde_json::Value = serde_json::from_str(&only_q2).unwrap();
    assert_eq!(only_q2["payments"].as_array().unwrap().len(), q2.claims.len());
    let edited = w.dir.path().join("edited-q2.json");
    let amount = q2.claims[0].amount.to_string();
    let text = std::fs::read_to_string(&w.claims).unwrap().replacen(&format!("\"{amount}\""), "\"1\"", 1);
    std::fs::write(&edited, text).unwrap();
    let wrong = w.fails(&["ledger", &w.path(&edited), &q3_path]);
    assert!(wrong.contains("is not the file whose root was posted") && wrong.contains("leaf #0"), "{wrong}");
    // The price when paid, from a series whose last point is long before: refused, not valued at a stale price.
    let stale = w.fails(&["ledger", &q2_path, &q3_path, "--price-at-claim"]);
    assert!(
        stale.contains("--price-at-claim: reading 2026-Q2's price at block")
            && stale.contains("the price series price.csv recorded in the claims file ends at 0 (unix)")
            && stale.contains("a series cannot price a later time"),
        "{stale}"
    );
    let reversed = w.fails(&["ledger", &q2_path, &q3_path, "--since", "2027-01-02", "--until", "2027-01-01"]);
    assert!(reversed.contains("--since 2027-01-02 is after --until 2027-01-01"), "{reversed}");
    let other = w.dir.path().join("other-vault.json");
    let text = std::fs::read_to_string(&q3)
        .unwrap()
        .replace(&w.vault.to_string(), &Address::repeat_byte(0xee).to_checksum(None));
    std::fs::write(&other, text).unwrap();
    let mixed = w.fails(&["ledger", &q2_path, &w.path(&other)]);
    assert!(mixed.contains("give one program's files"), "{mixed}");

    // The period reports, from the same files and payments: Markdown for the forum, and JSON with exact values.
    let md = w.ok(&["ledger", &q2_path, &q3_path, "--report"]);
    let q2_total = bounty_core::Decimal::from_units(q2.total, 18);
    let q2_usd =
        bounty_core::books::cents(bounty_core::Decimal::from_units(q2.total * U256::from(5u8) / U256::from(2u8), 18));
    assert!(md.contains("## e2e — 2026-Q2 (period 1 of 4)"), "{md}");
    assert!(md.contains("- **Price:** $2.5 per RPL (price series"), "{md}");
    assert!(md.contains(&format!("- **Allocated:** {q2_total} RPL (${q2_usd})")), "{md}");
    assert!(
        md.contains(&format!("- **Paid so far:** {q2_total} RPL (${q2_usd}) in {} payment(s)", q2.claims.len())),
        "{md}"
    );
    assert!(md.contains("- **Still claimable:** 0 RPL ($0.00) (active, until"), "{md}");
    assert!(md.contains("| main | pro-rata by hours | $2000 |"), "{md}");
    assert!(md.contains("## e2e — 2026-Q3 (period 2 of 4)") && md.contains("**Vetoes and disputes**"), "{md}");
    assert!(md.contains(&format!("- vetoed by {}", w.address(1))), "{md}");
    assert!(md.contains("allocated of $8,000.00 approved, 2 of 4 periods."), "{md}");
    let report: serde_json::Value =
        serde_json::from_str(&w.ok(&["ledger", &q2_path, &q3_path, "--report", "--json"])).unwrap();
    let periods = report["periods"].as_array().unwrap();
    assert_eq!(periods[0]["paid"].as_str().unwrap(), q2.total.to_string());
    assert_eq!(periods[1]["on_chain"]["vetoes"].as_array().unwrap().len(), 1);
    assert_eq!(periods[1]["on_chain"]["posted"], true);
    assert_eq!(report["term"]["periods"], 2);
    // As published: the format, the vault, when it was read, and each period's Markdown exactly as printed.
    assert_eq!(report["format"], "support-bounty-period-report-v1");
    assert_eq!(report["vault"], w.vault.to_string());
    assert!(report["as_of"]["block"].as_u64().unwrap() > 0);
    assert!(md.starts_with(periods[0]["markdown"].as_str().unwrap()), "{md}");
    assert!(md.ends_with(report["term"]["markdown"].as_str().unwrap()), "{md}");
    // Q3 expires with all but helper 5's leaf unclaimed, and anyone sweeps it: the report says what went back.
    w.warp(366 * u64::from(DAY)).await;
    w.ok(&["sweep", "2026-Q3", "--vault", &w.vault.to_string(), "--private-key", &w.key_hex(4)]);
    let five_q3 = q3f.claims.iter().find(|c| c.account == w.address(5)).unwrap().amount;
    let md = w.ok(&["ledger", &q2_path, &q3_path, "--report"]);
    let swept = bounty_core::Decimal::from_units(q3f.total - five_q3, 18);
    assert!(md.contains(&format!("- **Expired and swept back to the budget:** {swept} RPL")), "{md}");
    let report: serde_json::Value =
        serde_json::from_str(&w.ok(&["ledger", &q2_path, &q3_path, "--report", "--json"])).unwrap();
    assert_eq!(report["periods"][1]["on_chain"]["swept"], (q3f.total - five_q3).to_string());
    assert_eq!(report["periods"][1]["paid"], five_q3.to_string());
    // The vetoed file itself explains none of the period's payments: refused, naming it.
    let refused = w.fails(&["ledger", &w.path(&vetoed), "--report", "--period", "2026-Q3"]);
    assert!(
        refused.contains("claims-q3-vetoed.json") && refused.contains("not the file whose root was posted"),
        "{refused}"
    );
}
