//! `verify`: re-derives everything a claims file states from its own inputs, check by check, offline. The chain's
//! half (the posted root, the readings, the tips on chain) is `bounty-chain`'s.

use super::{
    metadata_hash, ClaimEntry, ClaimsFile, DroppedEntry, LineView, LoadedClaims, CLAIMS_FORMAT, CLAIMS_FORMAT_LINES,
};
use crate::{allocation::allocate, shares::ShareRow, twap::PriceRecord};
use alloy_primitives::{Address, U256};
use serde::Serialize;

/// One named check of [`verify`]: a single comparison (`root`), or a family over every claim (`amounts`), which
/// passes when every item does and lists only the items that failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Short name (`root`, `total`, `amounts`).
    pub name: String,
    /// Whether it passed.
    pub ok: bool,
    /// What was compared (for a family: how many items passed).
    pub detail: String,
    /// The family's failed items, all of them; empty for a single comparison.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<Failure>,
    /// Nothing could be compared (an offline price series has no chain to re-read): not a failure, and never shown
    /// as a pass either.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unchecked: bool,
}

/// One failed item of a family check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// Which item (`#2 0x…`).
    pub item: String,
    /// What was wrong with it.
    pub detail: String,
}

impl Check {
    /// A single comparison.
    pub fn new(name: impl Into<String>, ok: bool, detail: impl Into<String>) -> Self {
        Self { name: name.into(), ok, detail: detail.into(), failures: Vec::new(), unchecked: false }
    }

    /// A check that has nothing to compare, with the sentence saying why; it does not fail the verdict.
    pub fn unchecked(name: impl Into<String>, detail: impl Into<String>) -> Self {
        Self { unchecked: true, ..Self::new(name, true, detail) }
    }

    /// A family over `total` items, of which `failures` failed; `what` completes "N of M …".
    pub fn family(name: &str, total: usize, what: &str, failures: Vec<Failure>) -> Self {
        let detail = format!("{} of {total} {what}", total.saturating_sub(failures.len()));
        Self { name: name.into(), ok: failures.is_empty(), detail, failures, unchecked: false }
    }
}

/// Every check [`verify`] ran, each reported separately.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// In the order they ran.
    pub checks: Vec<Check>,
}

impl Verdict {
    /// True when every check passed.
    pub fn is_ok(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }

    /// The failed checks.
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.ok)
    }
}

impl Verdict {
    fn check(&mut self, name: impl Into<String>, ok: bool, detail: impl Into<String>) {
        self.checks.push(Check::new(name, ok, detail));
    }
}

impl LoadedClaims {
    /// [`verify`] plus the `canonical bytes` check, with the metadataHash in its detail.
    pub fn verify(&self) -> Verdict {
        let mut report = verify(&self.file);
        report.check("canonical bytes", self.canonical, format!("metadataHash {}", self.metadata_hash));
        report
    }
}

/// Re-derives everything from the file's own inputs — price from readings, each amount from the rule, total,
/// count, indices, root, proofs and dump — and reports each check separately.
pub fn verify(file: &ClaimsFile) -> Verdict {
    let mut r = Verdict::default();
    check_header(&mut r, file);
    let price = check_price(&mut r, file);
    check_allocation(&mut r, file, price);
    check_sums(&mut r, file);
    check_tree(&mut r, file);
    check_reports(&mut r, file);
    check_tips(&mut r, file);
    check_intakes(&mut r, file);
    r
}

/// A line whose rows an intake derived: the record states exactly the line's rows (a vote round: each account with
/// its votes, paid or dropped; tickets: each measured account with the measures its score read). Deriving the
/// record itself again needs the published exports (`bounty verify --sources`).
fn check_intakes(r: &mut Verdict, file: &ClaimsFile) {
    // The views copy every row: build them only for a file that has something to check.
    if file.lines.iter().all(|l| l.intake.is_none()) {
        return;
    }
    for (line, view) in file.lines.iter().zip(file.line_views()) {
        let Some(record) = &line.intake else { continue };
        let targets = view.params.rule.targets();
        let dropped: Vec<ShareRow> = view.dropped.iter().map(DroppedEntry::row).collect();
        let rows = record.facts_of(view.paid.iter().map(|(_, row, _)| row).chain(&dropped), targets);
        let recorded = record.facts(targets);
        r.check(
            format!("line {}: intake rows", line.name),
            rows == recorded,
            format!("{} row(s) from {} ({} recorded)", rows.len(), record.describe(), recorded.len()),
        );
    }
}

/// For a matched budget: the match is `min(Σ tips × percent, cap)` of the recorded contributions, every one inside
/// the period, and the budget the rule ran on is the lump plus the match. (`bounty verify` also re-reads the
/// contributions from the chain.)
fn check_tips(r: &mut Verdict, file: &ClaimsFile) {
    let Some(t) = &file.tips else { return };
    let d = file.token.decimals;
    let (start, end) = (file.period_start.timestamp(), file.period_end.timestamp());
    let outside =
        t.contributions.iter().filter(|c| (c.timestamp as i64) < start || (c.timestamp as i64) >= end).count();
    let matched = t.rule.matched(&t.contributions, d);
    r.check(
        "tips",
        outside == 0 && matched == Some(t.matched) && t.budget(d).is_some() && t.budget(d) == file.matched_budget(),
        format!(
            "{} contribution(s), {} counting ({} base units); match {}% of them, capped at {} tokens: {} (file says {}); \
             budget: lump {} + match = {}{}",
            t.contributions.len(),
            t.contributions.iter().filter(|c| !t.rule.exclude.contains(&c.from)).count(),
            t.rule.tips(&t.contributions),
            t.rule.percent,
            t.rule.cap,
            matched.map_or("malformed".into(), |m| m.to_string()),
            t.matched,
            t.lump,
            match file.matched_budget() {
                Some(crate::units::Money::Tokens(d)) => format!("{d} tokens"),
                Some(crate::units::Money::Usd(d)) => format!("${d} (a tip match needs a token budget)"),
                None => "no line matches the tips".into(),
            },
            if outside > 0 { format!("; {outside} outside the period") } else { String::new() },
        ),
    );
}

/// For files with signed reports: every report signature is the account's (`reports_check`, offline: by its key),
/// and every value that differs from what was signed has an adjustment with a reason.
fn check_reports(r: &mut Verdict, file: &ClaimsFile) {
    if file.claims.iter().all(|c| c.report.is_none()) && file.adjustments.is_empty() {
        return;
    }
    r.checks.push(reports_check(file, None));
    let mut failures = Vec::new();
    let adjusted: std::collections::HashMap<Address, &crate::report::AdjustmentRecord> =
        file.adjustments.iter().map(|a| (a.account, a)).collect();
    for (i, c) in file.claims.iter().enumerate() {
        let Some(proof) = &c.report else { continue };
        let item = format!("#{i} {}", c.account);
        let counted = file.counted_value(c).unwrap_or_default();
        match adjusted.get(&c.account) {
            None if counted != proof.value => failures.push(Failure {
                item,
                detail: format!("counts {counted} but the signed report says {}, with no adjustment", proof.value),
            }),
            Some(a) if a.reported != proof.value || a.value != counted => failures.push(Failure {
                item,
                detail: format!(
                    "the adjustment ({} → {}) does not match the report and the claim",
                    a.reported, a.value
                ),
            }),
            _ => {}
        }
    }
    for a in &file.adjustments {
        let item = a.account.to_string();
        if a.reason.trim().is_empty() {
            failures.push(Failure { item: item.clone(), detail: "an adjustment without a reason".into() });
        }
        let paid = file.claims.iter().any(|c| c.account == a.account && c.report.is_some());
        let dropped = file.line_views().iter().any(|l| {
            Some(l.measure) == file.reported_measure()
                && l.dropped.iter().any(|d| d.account == a.account && d.value == a.value)
        });
        if !paid && !dropped {
            failures.push(Failure { item, detail: "adjusts no reported claim".into() });
        }
    }
    r.checks.push(Check::family(
        "adjustments",
        file.adjustments.len(),
        "each with a reason, matching its report",
        failures,
    ));
}

/// The claims (by position) whose signed report does not recover to the account's key. A contract wallet's
/// signature (ERC-1271) may still be its own, which only the chain can tell: `bounty-chain` asks the account.
pub fn reports_not_by_key(file: &ClaimsFile) -> Vec<usize> {
    let by_key = |c: &ClaimEntry| {
        file.report_of(c).is_none_or(|(report, signature)| report.recover(&signature) == Some(c.account))
    };
    file.claims.iter().enumerate().filter(|(_, c)| !by_key(c)).map(|(i, _)| i).collect()
}

/// The `reports` check: every signed report is the paid account's, by its key, or for the claims at the positions
/// in `by_contract` by the contract wallet itself, confirmed on chain with ERC-1271. Offline (`None`), a contract
/// wallet's report is a failure that says it is checked on chain.
pub fn reports_check(file: &ClaimsFile, by_contract: Option<&[usize]>) -> Check {
    let reported = file.claims.iter().filter(|c| c.report.is_some()).count();
    let vouched = by_contract.unwrap_or_default();
    let failures = reports_not_by_key(file)
        .into_iter()
        .filter(|i| !vouched.contains(i))
        .map(|i| Failure {
            item: format!("#{i} {}", file.claims[i].account),
            detail: "the signature is not the account key's (a contract wallet's is checked on chain)".into(),
        })
        .collect();
    let what = match by_contract {
        None => "signed by the paid account".to_string(),
        Some(v) => format!("signed by the paid account ({} by a contract wallet, checked with ERC-1271)", v.len()),
    };
    Check::family("reports", reported, &what, failures)
}

/// Format, epoch number, period, measure and decimals agree with each other.
fn check_header(r: &mut Verdict, file: &ClaimsFile) {
    let format_ok = match file.format.as_str() {
        CLAIMS_FORMAT => file.allocation.is_some() && file.measure.is_some() && file.lines.is_empty(),
        CLAIMS_FORMAT_LINES => file.allocation.is_none() && file.measure.is_none() && !file.lines.is_empty(),
        _ => false,
    };
    r.check("format", format_ok, format!("`{}`", file.format));
    r.check(
        "epoch",
        file.label.epoch_number() == file.epoch,
        format!("label {} is epoch {}, file says {}", file.label, file.label.epoch_number(), file.epoch),
    );
    r.check(
        "period",
        file.period_start == file.label.start() && file.period_end == file.label.end(),
        format!("{} .. {}", file.period_start, file.period_end),
    );
    if let Some(term) = &file.term {
        let position = term.position(file.label);
        let detail = match position {
            Some(n) => format!("period {n} of {}", term.periods),
            None => format!("{} is outside the program's term ({term})", file.label),
        };
        r.check("term", position.is_some(), detail);
    }
    for line in file.line_views() {
        let prefix = if file.lines.is_empty() { String::new() } else { format!("line {}: ", line.name) };
        r.check(
            format!("{prefix}measure"),
            line.measure == line.params.rule.measure(),
            format!("rule reads `{}`, file says `{}`", line.params.rule.measure().column(), line.measure.column()),
        );
        r.check(
            format!("{prefix}token decimals"),
            line.params.token_decimals == file.token.decimals,
            format!("{} vs {}", line.params.token_decimals, file.token.decimals),
        );
    }
}

/// The price, re-derived from the raw readings. Returns the record when it checks out (or there is none).
fn check_price(r: &mut Verdict, file: &ClaimsFile) -> Option<PriceRecord> {
    let Some(p) = &file.price else {
        r.check("price", true, "no price (token-denominated)");
        return None;
    };
    match p.source.usd_per_token() {
        Ok(derived) => {
            r.check(
                "price",
                derived == p.usd_per_token,
                format!("readings give {derived}, file says {}", p.usd_per_token),
            );
        }
        Err(e) => r.check("price", false, e.to_string()),
    }
    Some(p.clone())
}

/// Re-runs each line's rule on its recorded inputs (paid and dropped rows) and compares every outcome; with
/// several lines, also that each claim is the sum of its parts and the total the sum of the lines'.
fn check_allocation(r: &mut Verdict, file: &ClaimsFile, price: Option<PriceRecord>) {
    let views = file.line_views();
    for line in &views {
        let prefix = if file.lines.is_empty() { String::new() } else { format!("line {}: ", line.name) };
        check_line(r, &prefix, line, price.clone());
    }
    if file.lines.is_empty() {
        return;
    }
    let mut failures = Vec::new();
    for (i, c) in file.claims.iter().enumerate() {
        let sum = c.lines.iter().try_fold(U256::ZERO, |a, p| a.checked_add(p.amount));
        let unknown = c.lines.iter().find(|p| !file.lines.iter().any(|l| l.name == p.line));
        let detail = match (sum, unknown) {
            (_, Some(p)) => Some(format!("names line `{}`, which the file does not have", p.line)),
            (Some(sum), None) if sum != c.amount => Some(format!("parts sum to {sum}, amount is {}", c.amount)),
            (None, None) => Some("parts overflow 256 bits".into()),
            _ => None,
        };
        if let Some(detail) = detail {
            failures.push(Failure { item: format!("#{i} {}", c.account), detail });
        }
    }
    let line_total = file.lines.iter().try_fold(U256::ZERO, |a, l| a.checked_add(l.total));
    if line_total != Some(file.total) {
        failures.push(Failure {
            item: "lines".into(),
            detail: format!("line totals sum to {line_total:?}, file total is {}", file.total),
        });
    }
    let what = format!("each the sum of its parts in {} lines", file.lines.len());
    r.checks.push(Check::family("line sums", file.claims.len(), &what, failures));
}

/// One line's rule re-run on its rows: cap, paid accounts, dropped rows and every amount.
fn check_line(r: &mut Verdict, prefix: &str, line: &LineView<'_>, price: Option<PriceRecord>) {
    let rows: Vec<ShareRow> =
        line.paid.iter().map(|(_, row, _)| row.clone()).chain(line.dropped.iter().map(DroppedEntry::row)).collect();
    let a = match allocate(line.params, &rows, price) {
        Ok(a) => a,
        Err(e) => return r.check(format!("{prefix}rule"), false, e.to_string()),
    };
    r.check(format!("{prefix}rule"), true, format!("{} re-run on {} rows", line.params.rule, rows.len()));
    r.check(format!("{prefix}cap"), a.cap == line.cap, format!("re-derived {}, file says {}", a.cap, line.cap));
    r.check(
        format!("{prefix}claim list"),
        a.awards.len() == line.paid.len()
            && a.awards.iter().zip(&line.paid).all(|(x, (_, row, _))| x.leaf.account == row.account),
        format!("{} paid accounts re-derived, {} in the file", a.awards.len(), line.paid.len()),
    );
    let dropped_ok = a.dropped.len() == line.dropped.len()
        && a.dropped.iter().zip(line.dropped).all(|(x, y)| x.row.account == y.account && x.reason == y.reason);
    r.check(
        format!("{prefix}dropped"),
        dropped_ok,
        format!("{} dropped re-derived, {} in the file", a.dropped.len(), line.dropped.len()),
    );
    let mut failures = Vec::new();
    for (i, row, amount) in &line.paid {
        let expected =
            a.awards.binary_search_by_key(&row.account, |x| x.leaf.account).ok().map(|k| a.awards[k].leaf.amount);
        if expected != Some(*amount) {
            failures.push(Failure {
                item: format!("#{i} {}", row.account),
                detail: match expected {
                    Some(e) => format!("rule gives {e}, file says {amount}"),
                    None => "the rule pays this account nothing".into(),
                },
            });
        }
    }
    r.checks.push(Check::family(&format!("{prefix}amounts"), line.paid.len(), "re-derived", failures));
    if let Some(targets) = line.params.rule.targets() {
        check_scores(r, prefix, line, targets);
    }
}

/// In a `quality` line, each claim's recorded score is the line's targets applied to its recorded measures: an
/// edited bound or `met` flag fails here even where the amount still matches.
fn check_scores(r: &mut Verdict, prefix: &str, line: &LineView<'_>, targets: &crate::quality::Targets) {
    let mut failures = Vec::new();
    for ((i, row, _), recorded) in line.paid.iter().zip(&line.scores) {
        let expected = targets.score(&row.kpis);
        let detail = match recorded {
            None => Some("no score recorded".to_string()),
            Some(s) if **s != expected => Some(format!("recorded {s}, the targets give {expected}")),
            Some(_) => None,
        };
        if let Some(detail) = detail {
            failures.push(Failure { item: format!("#{i} {}", row.account), detail });
        }
    }
    let what = format!("scored against {targets}");
    r.checks.push(Check::family(&format!("{prefix}scores"), line.paid.len(), &what, failures));
}

/// Indices, total and count.
fn check_sums(r: &mut Verdict, file: &ClaimsFile) {
    let sorted = file.claims.windows(2).all(|w| w[0].account < w[1].account);
    let indexed = file.claims.iter().enumerate().all(|(i, c)| c.index == i as u64);
    r.check("indices", sorted && indexed, "claims sorted by address, index = position");
    let sum = file.claims.iter().try_fold(U256::ZERO, |a, c| a.checked_add(c.amount));
    r.check(
        "total",
        sum == Some(file.total) && file.total <= U256::from(u128::MAX) && file.total <= file.cap,
        match sum {
            Some(sum) => format!("sum of amounts {sum}, file says {}, cap {}", file.total, file.cap),
            None => format!("sum of amounts overflows 256 bits, file says {}", file.total),
        },
    );
    r.check(
        "count",
        file.count as usize == file.claims.len(),
        format!("{} claims, file says {}", file.claims.len(), file.count),
    );
}

/// Root, the dump and every proof, against a tree rebuilt from the claims.
fn check_tree(r: &mut Verdict, file: &ClaimsFile) {
    let tree = match file.merkle_tree() {
        Ok(tree) => tree,
        Err(e) => return r.check("root", false, e.to_string()),
    };
    r.check("root", tree.root() == file.root, format!("rebuilt {}, file says {}", tree.root(), file.root));
    let dump_ok = tree.matches_dump(&file.tree);
    r.check("tree dump", dump_ok, "dump equals the rebuilt tree's standard-v1 dump");
    // Proofs are read from the dump, so they are right exactly when the dump is the tree of this root.
    let mut failures = Vec::new();
    if !(dump_ok && file.tree.tree.first() == Some(&file.root)) {
        failures.push(Failure {
            item: "every claim".into(),
            detail: "proofs are read from the dump, which is not the tree of this root".into(),
        });
    }
    let what = "proofs read from the dump lead to the root";
    r.checks.push(Check::family("proofs", file.claims.len(), what, failures));
}

/// [`verify`] on a file's exact bytes, plus a `canonical bytes` check: the bytes are exactly what this crate writes
/// for the parsed content, so the `metadataHash` (reported in the check's detail) is reproducible from the content.
pub fn verify_bytes(bytes: &[u8]) -> Result<Verdict, serde_json::Error> {
    let file: ClaimsFile = serde_json::from_slice(bytes)?;
    let mut report = verify(&file);
    report.check("canonical bytes", file.is_canonical(bytes), format!("metadataHash {}", metadata_hash(bytes)));
    Ok(report)
}
