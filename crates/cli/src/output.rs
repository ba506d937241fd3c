//! Printing for humans (tables, amounts in whole tokens, ✓/✗) and for scripts (`--json`).

use alloy::primitives::{utils::format_units, U256};
use bounty_core::Check;
use comfy_table::{presets::UTF8_BORDERS_ONLY, Table};
use eyre::Result;

/// `1234500000000000000000` with 18 decimals → `1234.5`.
pub(crate) fn amount(units: U256, decimals: u8) -> String {
    trim_zeros(&format_units(units, decimals).unwrap_or_else(|_| units.to_string()))
}

/// `1234.500` → `1234.5`, `1000.0` → `1000`.
pub(crate) fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// An 18-decimal price as dollars.
pub(crate) fn usd(price: U256) -> String {
    format!("${}", amount(price, 18))
}

/// A table with the house style.
pub(crate) fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_BORDERS_ONLY).set_header(header.to_vec());
    t
}

/// Prints a value as pretty JSON on stdout.
pub(crate) fn json<T: serde::Serialize>(value: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// "✓ name — detail" / "✗ name — detail".
pub(crate) fn check_line(ok: bool, name: &str, detail: &str) -> String {
    format!("{} {name} — {detail}", if ok { "✓" } else { "✗" })
}

/// `–`: a check with nothing to compare, neither passed nor failed.
fn unchecked_line(name: &str, detail: &str) -> String {
    format!("– {name} — {detail}")
}

/// A spinner on stderr naming the step a long job is in ("building the tree", "scanning logs"), with the time
/// spent. indicatif draws nothing when stderr is not a terminal, so piped and logged runs stay quiet; cleared when
/// dropped.
pub(crate) struct Steps(indicatif::ProgressBar);

impl Steps {
    pub(crate) fn start(first: &'static str) -> Self {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("static template"));
        bar.set_message(first);
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Self(bar)
    }

    pub(crate) fn step(&self, message: &'static str) {
        self.0.set_message(message);
    }
}

impl Drop for Steps {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// How many items of a long list a summary shows before "… and N more".
pub(crate) const SUMMARY_ITEMS: usize = 10;

/// Prints a check's ✓/✗ line and, under it, its failed items: the first [`SUMMARY_ITEMS`], or all with `verbose`.
pub(crate) fn print_check(c: &Check, verbose: bool) {
    let line = if c.unchecked { unchecked_line(&c.name, &c.detail) } else { check_line(c.ok, &c.name, &c.detail) };
    println!("  {line}");
    let shown = if verbose { c.failures.len() } else { c.failures.len().min(SUMMARY_ITEMS) };
    for f in &c.failures[..shown] {
        println!("      {}: {}", f.item, f.detail);
    }
    if shown < c.failures.len() {
        println!("      … and {} more (--verbose lists them all, --json too)", c.failures.len() - shown);
    }
}

/// `0x9965…C4dc`: an address short enough for a table (checksummed, so its case still checks it).
pub(crate) fn short_address(a: alloy::primitives::Address) -> String {
    let full = a.to_checksum(None);
    format!("{}…{}", &full[..6], &full[38..])
}

/// A timestamp as "2026-07-04 00:00 UTC".
pub(crate) fn utc(ts: u64) -> String {
    bounty_chain::revert::utc(U256::from(ts))
}
