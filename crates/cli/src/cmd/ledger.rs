//! `bounty ledger`: every payment of a program — each `Claimed` event from the vault's deployment — joined to its
//! period's claims file: period, lines, account, recipient, exact amount, USD value at the period's recorded price,
//! time, transaction and how it was paid. A table, `--json`, or `--csv FILE` in the universal tax-import layout (a
//! helper's income records). A payment the files do not explain is an error: the books never disagree with the
//! chain silently. `--report` prints each period's report instead (Markdown for a forum post, or `--json`), from
//! the same files and payments, and the term so far.

use crate::{
    opts::{AddressOrName, OutputOpts, RpcOpts, Seconds},
    output::{amount, json, short_address, table, Steps},
};
use alloy::{eips::BlockNumberOrTag, providers::Provider};
use bounty_core::{
    books::{self, cents, Payment, PeriodReport, TermReport, Totals},
    files::{write_atomic, Existing},
    EpochLabel, LoadedClaims,
};
use chrono::{NaiveDate, TimeZone, Utc};
use clap::Args;
use eyre::{eyre, Result};
use std::{
    collections::{hash_map::Entry, HashMap},
    path::PathBuf,
};

/// Arguments of this command.
#[derive(Args, Clone, Debug)]
pub(crate) struct LedgerArgs {
    /// The program's published claims files (one per period), all for the same vault.
    #[arg(required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// Only this account's payments (an address or ENS name): a helper's own records.
    #[arg(long)]
    pub(crate) account: Option<AddressOrName>,
    /// Only these periods (2026-Q2, 2026-07; repeatable). Periods left out need no claims file.
    #[arg(long = "period")]
    pub(crate) periods: Vec<String>,
    /// Only payments on or after this day (YYYY-MM-DD, UTC).
    #[arg(long)]
    pub(crate) since: Option<NaiveDate>,
    /// Only payments on or before this day (YYYY-MM-DD, UTC).
    #[arg(long)]
    pub(crate) until: Option<NaiveDate>,
    /// Also write the payments to this CSV in the universal tax-import layout (Date, Received Amount, Received
    /// Currency, Net Worth Amount, Net Worth Currency, Label, Description, TxHash, …). An existing different file
    /// is never replaced.
    #[arg(long, value_name = "FILE")]
    pub(crate) csv: Option<PathBuf>,
    /// Also value each payment at the token's price when it was made: a short TWAP ending at its block, from the
    /// period's price source (the same pools or feed; an archive RPC for old blocks). The CSV's Net Worth then
    /// uses it.
    #[arg(long)]
    pub(crate) price_at_claim: bool,
    /// The TWAP window that ends at each payment's block, for --price-at-claim (`1h`, `30m`, `1d`).
    #[arg(long, value_name = "DURATION", default_value = "1h", requires = "price_at_claim")]
    pub(crate) price_window: Seconds,
    /// Print each period's report instead of the payments: budget per line and how it was set, allocated, paid,
    /// still claimable, expired or swept, helpers, vetoes and disputes, quality scores; then the term so far.
    #[arg(long, conflicts_with_all = ["account", "since", "until", "csv", "price_at_claim"])]
    pub(crate) report: bool,
    #[command(flatten)]
    pub(crate) output: OutputOpts,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
}

impl LedgerArgs {
    pub(crate) async fn run(self) -> Result<()> {
        run(&self).await
    }
}

async fn run(args: &LedgerArgs) -> Result<()> {
    let (since, until) = (args.since.map(start_of), args.until.map(|d| start_of(d) + 86_400));
    if let (Some(s), Some(u)) = (args.since, args.until) {
        if s > u {
            return Err(books::BooksError::Reversed { since: s.to_string(), until: u.to_string() }.into());
        }
    }
    let periods = args
        .periods
        .iter()
        .map(|p| p.parse::<EpochLabel>().map_err(|e| eyre!("--period {p}: {e}")))
        .collect::<Result<Vec<_>>>()?;
    let steps = Steps::start("reading the claims files");
    let files = args.files.iter().map(|p| LoadedClaims::read(p)).collect::<Result<Vec<_>, _>>()?;
    books::index_files(&files)?;
    let first = &files[0].file;
    let vault = args.rpc.vault(first.vault, Some(first.chain_id), None).await?;
    let account = match &args.account {
        Some(a) => Some(a.resolve(&vault.client).await?),
        None => None,
    };
    steps.step("reading the vault's payments (Claimed events)");
    let from_block = files.iter().filter_map(|f| f.file.deploy_block).min().unwrap_or(0);
    let events = bounty_chain::ledger::payments(&vault.client, vault.address, from_block).await?;
    let all = books::join(&files, events, (!periods.is_empty()).then_some(&periods[..]))?;
    if args.report {
        steps.step("reading each period's vetoes, disputes and sweeps");
        let reported: Vec<&LoadedClaims> =
            files.iter().filter(|f| periods.is_empty() || periods.contains(&f.file.label)).collect();
        let sides =
            bounty_chain::ledger::on_chain(&vault, &reported.iter().map(|f| &f.file).collect::<Vec<_>>(), from_block)
                .await?;
        let latest = vault.client.provider.get_block_by_number(BlockNumberOrTag::Latest).await?;
        let as_of = latest.map(|b| (b.header.number, b.header.timestamp)).unwrap_or_default();
        drop(steps);
        return print_reports(args, &reported, &all, sides, as_of);
    }
    let mut shown: Vec<Payment> = all
        .into_iter()
        .filter(|p| account.is_none_or(|a| p.claimed.account == a))
        .filter(|p| since.is_none_or(|s| p.claimed.timestamp as i64 >= s))
        .filter(|p| until.is_none_or(|u| (p.claimed.timestamp as i64) < u))
        .collect();
    let (symbol, decimals) = (&first.token.symbol, first.token.decimals);
    if args.price_at_claim {
        steps.step("reading the token's price at each payment's block");
        price_at_claim(&vault.client, &files, &mut shown, args.price_window.0, decimals).await?;
    }
    drop(steps);
    if let Some(path) = &args.csv {
        let mut bytes = Vec::new();
        books::write_csv(&mut bytes, &first.program, symbol, decimals, &shown)?;
        write_atomic(path, &bytes, Existing::Keep).map_err(|e| match e {
            bounty_core::Error::AlreadyPublished { path } => eyre!(
                "{} already holds different records; nothing was written: choose another file (or move that one away)",
                path.display()
            ),
            other => other.into(),
        })?;
    }
    let totals = Totals::of(&shown);
    if args.output.json {
        return json(&serde_json::json!({
            "program": first.program, "vault": first.vault.to_checksum(None), "chain_id": first.chain_id,
            "token": { "symbol": symbol, "decimals": decimals },
            "payments": shown,
            "totals": {
                "count": totals.count, "amount": totals.amount.to_string(),
                "usd": totals.usd.map(|u| bounty_core::Decimal::from_units(u, 18).to_string()),
                "usd_at_claim": totals.usd_at_claim.filter(|_| args.price_at_claim)
                    .map(|u| bounty_core::Decimal::from_units(u, 18).to_string()),
            },
        }));
    }
    print(args, &shown, &totals, symbol, decimals);
    Ok(())
}

/// Values each payment at the token's price over the `window` seconds that end at its block, read from its
/// period's price source: once per (period, block), since a payday batch pays hundreds of leaves in one block.
async fn price_at_claim(
    client: &bounty_chain::client::Client,
    files: &[LoadedClaims],
    payments: &mut [Payment],
    window: u64,
    decimals: u8,
) -> Result<()> {
    let mut read: HashMap<(u64, u64), bounty_core::PriceRecord> = HashMap::new();
    for p in payments {
        let c = &p.claimed;
        let file = files.iter().find(|f| f.file.epoch == c.epoch).expect("joined payments have a file");
        let Some(recorded) = &file.file.price else {
            return Err(eyre!(
                "--price-at-claim: {} records no price (its budget is in tokens and the program names no [price] \
                 source), so there is no source to read at the payment's block; leave --price-at-claim out for \
                 this period (--period)",
                file.path.display()
            ));
        };
        let key = (c.epoch, c.block);
        if let Entry::Vacant(slot) = read.entry(key) {
            let end = c.timestamp;
            let record = bounty_chain::twap::price_like(client, &recorded.source, end.saturating_sub(window), end)
                .await
                .map_err(|e| {
                    eyre!(
                        "--price-at-claim: reading {}'s price at block {} (tx {}) failed; nothing was printed: {e}",
                        p.label,
                        c.block,
                        c.tx
                    )
                })?;
            slot.insert(record);
        }
        let record = &read[&key];
        p.value_at_claim(record.usd_per_token, record.source.window().clone(), decimals);
    }
    Ok(())
}

/// The period reports in period order, then the term so far (when the program has a term).
fn print_reports(
    args: &LedgerArgs,
    files: &[&LoadedClaims],
    payments: &[Payment],
    sides: Vec<books::OnChain>,
    (block, timestamp): (u64, u64),
) -> Result<()> {
    let mut pairs: Vec<(&LoadedClaims, books::OnChain)> = files.iter().copied().zip(sides).collect();
    pairs.sort_by_key(|(f, _)| f.file.epoch);
    let reports: Vec<PeriodReport> =
        pairs.into_iter().map(|(f, side)| PeriodReport::new(&f.file, payments, side)).collect();
    let last = &files.iter().max_by_key(|f| f.file.epoch).expect("at least one file").file;
    let term = TermReport::new(last, &reports);
    if args.output.json {
        // A publishable snapshot: `script/page` lists it on the claim page, which shows each period's Markdown as
        // posted and checks it against the claims files it loads.
        let with_markdown = |mut value: serde_json::Value, markdown: String| {
            value["markdown"] = markdown.into();
            value
        };
        let periods: Vec<serde_json::Value> =
            reports.iter().map(|r| Ok(with_markdown(serde_json::to_value(r)?, r.markdown()))).collect::<Result<_>>()?;
        let term = match &term {
            Some(t) => with_markdown(serde_json::to_value(t)?, t.markdown(&last.token.symbol, last.token.decimals)),
            None => serde_json::Value::Null,
        };
        return json(&serde_json::json!({
            "format": books::PERIOD_REPORT_FORMAT,
            "program": last.program, "vault": last.vault.to_checksum(None), "chain_id": last.chain_id,
            "as_of": { "block": block, "timestamp": timestamp },
            "periods": periods, "term": term,
        }));
    }
    for r in &reports {
        println!("{}", r.markdown());
    }
    if let Some(term) = term {
        print!("{}", term.markdown(&last.token.symbol, last.token.decimals));
    }
    Ok(())
}

fn print(args: &LedgerArgs, shown: &[Payment], totals: &Totals, symbol: &str, decimals: u8) {
    let amount_header = format!("amount ({symbol})");
    let mut headers = vec!["date (UTC)", "period", "leaf", "account", &amount_header, "USD"];
    if args.price_at_claim {
        headers.push("USD at claim");
    }
    headers.extend(["paid by", "tx"]);
    let mut t = table(&headers);
    for p in shown {
        let c = &p.claimed;
        let mut how = c.paid_by.to_string();
        if c.recipient != c.account {
            how.push_str(&format!(" → {}", short_address(c.recipient)));
        }
        let mut row = vec![
            crate::output::utc(c.timestamp),
            p.label.to_string(),
            format!("#{}", c.index),
            short_address(c.account),
            amount(c.amount, decimals),
            p.usd.map_or_else(|| "—".into(), cents),
        ];
        if let Some(a) = &p.at_claim {
            row.push(cents(a.usd));
        }
        row.extend([how, short_tx(c.tx)]);
        t.add_row(row);
    }
    println!("{t}");
    let usd = totals
        .usd
        .filter(|_| totals.count > 0)
        .map(|u| format!(", ${} at each period's price", cents(bounty_core::Decimal::from_units(u, 18))));
    println!("{} payment(s): {} {symbol}{}", totals.count, amount(totals.amount, decimals), usd.unwrap_or_default());
    if let Some(at_claim) = totals.usd_at_claim.filter(|_| args.price_at_claim && totals.count > 0) {
        let minutes = args.price_window.0 / 60;
        println!(
            "USD: at each period's recorded price; USD at claim: ${} in all, at the {minutes}-minute TWAP ending at \
             each payment's block, from the same source (the CSV's Net Worth uses it)",
            cents(bounty_core::Decimal::from_units(at_claim, 18))
        );
    }
    println!("every payment matches its period's claims file (leaf, account and amount)");
    if let Some(path) = &args.csv {
        println!("wrote {} ({} row(s))", path.display(), shown.len());
    }
}

fn short_tx(tx: alloy::primitives::B256) -> String {
    let s = tx.to_string();
    format!("{}…{}", &s[..10], &s[s.len() - 4..])
}

/// Midnight UTC of `day`, unix seconds.
fn start_of(day: NaiveDate) -> i64 {
    Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight exists")).timestamp()
}
