//! What `bounty compute` prints for the signers to review.

use crate::output::{amount, table, usd, utc, SUMMARY_ITEMS};
use bounty_core::{ClaimsFile, Money, ProgramConfig};
use std::path::Path;

/// The summary a signer reviews: the price, each line's rule, budget and total, the claims (the first
/// [`SUMMARY_ITEMS`] unless `verbose`: a table of 10^5 rows helps nobody, and the file has them all), the totals and
/// every warning.
pub(super) fn print(
    config: &ProgramConfig,
    file: &ClaimsFile,
    warnings: &[String],
    hash: &str,
    out: &Path,
    verbose: bool,
) {
    let d = config.token.decimals;
    let sym = &config.token.symbol;
    let money = |m: &Money| m.describe(sym);
    if let Some(t) = &file.tips {
        let counting = t.contributions.iter().filter(|c| !t.rule.exclude.contains(&c.from)).count();
        println!(
            "tips: {counting} contribution(s) of {} {sym} in the period, matched {}% up to {} {sym}: + {} {sym} on the {} {sym} lump",
            amount(t.rule.tips(&t.contributions), d),
            t.rule.percent,
            t.rule.cap,
            amount(t.matched, d),
            t.lump
        );
    }
    let views = file.line_views();
    match views.as_slice() {
        [only] => println!(
            "{} {} — {} rule, budget {}",
            config.name,
            file.label,
            only.params.rule.kind(),
            money(&only.params.budget)
        ),
        _ => {
            println!("{} {} — {} budget lines", config.name, file.label, views.len());
            for line in &views {
                let total = line.total();
                println!(
                    "  {}: {} rule, budget {}, cap {} {sym}: pays {} {sym} to {} account(s)",
                    line.name,
                    line.params.rule.kind(),
                    money(&line.params.budget),
                    amount(line.cap, d),
                    amount(total, d),
                    line.paid.len()
                );
                if let Some(targets) = line.params.rule.targets() {
                    println!("    scored against {targets}: a helper's pay is its base × the targets it met");
                }
            }
        }
    }
    if let Some(p) = &file.price {
        let w = p.source.window();
        println!(
            "price: {} per {sym} (TWAP {} → {})",
            usd(p.usd_per_token),
            utc(w.start_timestamp),
            utc(w.end_timestamp)
        );
    }
    // One line: its measure's column; several: each line's amount.
    let mut header = vec!["#".to_string(), "account".into(), "handle".into()];
    match file.measure {
        Some(measure) => header.push(measure.column().into()),
        None => header.extend(views.iter().map(|l| format!("{} ({sym})", l.name))),
    }
    header.extend([format!("amount ({sym})"), "share".into()]);
    let mut t = table(&header.iter().map(String::as_str).collect::<Vec<_>>());
    let shown = if verbose { file.claims.len() } else { file.claims.len().min(SUMMARY_ITEMS) };
    for c in &file.claims[..shown] {
        let share_bp = if file.total.is_zero() {
            0
        } else {
            (c.amount * alloy::primitives::U256::from(10_000u64) / file.total).to::<u64>()
        };
        let mut row = vec![c.index.to_string(), c.account.to_string(), c.handle.clone().unwrap_or_default()];
        match c.value {
            Some(value) => row.push(value.to_string()),
            None => row.extend(views.iter().map(|l| {
                let part = c.lines.iter().find(|p| p.line == l.name);
                part.map_or_else(
                    || "—".into(),
                    |p| match &p.score {
                        Some(score) => format!("{} ({}/{})", amount(p.amount, d), score.met(), score.of()),
                        None => amount(p.amount, d),
                    },
                )
            })),
        }
        row.extend([amount(c.amount, d), format!("{}.{:02}%", share_bp / 100, share_bp % 100)]);
        t.add_row(row);
    }
    println!("{t}");
    if shown < file.claims.len() {
        println!(
            "… and {} more claims (--verbose lists them all; the claims file has them)",
            file.claims.len() - shown
        );
    }
    println!("root:          {}", file.root);
    println!("total:         {} {sym} ({} base units)", amount(file.total, d), file.total);
    println!("count:         {}", file.count);
    println!("cap:           {} {sym}", amount(file.cap, d));
    if file.cap > file.total {
        println!("left over:     {} {sym} (stays in the vault for later epochs)", amount(file.cap - file.total, d));
    }
    println!("metadata hash: {hash}");
    let dropped: Vec<_> = views.iter().flat_map(|l| l.dropped.iter().map(move |entry| (l.name, entry))).collect();
    let shown = if verbose { dropped.len() } else { dropped.len().min(SUMMARY_ITEMS) };
    for (line, entry) in &dropped[..shown] {
        let who = entry.handle.clone().unwrap_or_default();
        let of = if views.len() > 1 { format!(" by line `{line}`") } else { String::new() };
        println!("warning: {} {who} left out{of}: {}", entry.account, entry.reason);
    }
    if shown < dropped.len() {
        println!("warning: … and {} more rows left out (--verbose lists them)", dropped.len() - shown);
    }
    for w in warnings {
        println!("warning: {w}");
    }
    println!("wrote {}", out.display());
}
