//! The per-epoch shares CSV: `account,<measure>[,handle][,note]`, one row per helper.
//!
//! Parsing is strict because a typo here is money paid to the wrong place: every error names the file, the line and
//! the column. Tolerated: a UTF-8 BOM, CRLF line endings, spaces around fields, blank lines, extra columns.

use crate::{
    config::USD_DECIMALS,
    decimal::Decimal,
    error::{Error, Result},
};
use alloy_primitives::Address;
use serde::{Deserialize, Serialize};
use std::{collections::HashMap, io::Read, path::Path, str::FromStr};

/// Hours carry at most this many decimals.
pub const HOURS_DECIMALS: u8 = 6;

/// Which column a rule reads: the "measure" of each helper's contribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Hours worked, up to 6 decimals.
    Hours,
    /// A USD amount, up to 6 decimals.
    Usd,
    /// Whole tokens, up to the token's decimals.
    Tokens,
    /// Emoji votes, a non-negative integer.
    Votes,
}

impl Measure {
    /// The CSV column name.
    pub fn column(&self) -> &'static str {
        match self {
            Self::Hours => "hours",
            Self::Usd => "usd",
            Self::Tokens => "tokens",
            Self::Votes => "votes",
        }
    }

    /// Most decimals a value of this measure may have.
    pub fn max_decimals(&self, token_decimals: u8) -> u8 {
        match self {
            Self::Hours => HOURS_DECIMALS,
            Self::Usd => USD_DECIMALS,
            Self::Tokens => token_decimals,
            Self::Votes => 0,
        }
    }
}

/// One helper's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareRow {
    /// 1-based line in the source file (the header is line 1); 0 when the row did not come from a file.
    #[serde(skip)]
    pub line: u64,
    pub account: Address,
    /// The measure value (hours, USD, tokens or votes, per the rule).
    pub value: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The columns we know; the measure columns are all optional here and checked against the rule afterwards.
#[derive(Deserialize)]
struct RawRow {
    account: Option<String>,
    hours: Option<String>,
    usd: Option<String>,
    tokens: Option<String>,
    votes: Option<String>,
    handle: Option<String>,
    note: Option<String>,
}

impl RawRow {
    fn measure(&self, m: Measure) -> Option<&str> {
        match m {
            Measure::Hours => self.hours.as_deref(),
            Measure::Usd => self.usd.as_deref(),
            Measure::Tokens => self.tokens.as_deref(),
            Measure::Votes => self.votes.as_deref(),
        }
    }
}

/// Reads a shares CSV file.
pub fn read_shares(path: impl AsRef<Path>, measure: Measure, token_decimals: u8) -> Result<Vec<ShareRow>> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    parse_shares(file, &path.display().to_string(), measure, token_decimals)
}

/// Parses shares CSV from any reader; `file` names the source in errors. Rows keep file order.
pub fn parse_shares(mut reader: impl Read, file: &str, measure: Measure, token_decimals: u8) -> Result<Vec<ShareRow>> {
    // Shares files are small; holding the bytes lets us report true line numbers (see `line_at`).
    let mut data = Vec::new();
    reader.read_to_end(&mut data).map_err(|e| Error::file(file, e.to_string()))?;
    let line_of = |p: Option<&csv::Position>| p.map_or(0, |p| line_at(&data, p.byte()));
    let mut csv = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(false).from_reader(&data[..]);
    let headers = csv
        .headers()
        .map_err(|e| Error::file(file, format!("cannot read the header: {e}")))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .collect::<csv::StringRecord>();
    if headers.iter().all(|h| h.is_empty()) {
        return Err(Error::file(file, "empty file: expected a header line such as `account,hours,handle,note`"));
    }
    if !headers.iter().any(|h| h == "account") {
        let first = headers.iter().collect::<Vec<_>>().join(",");
        return Err(Error::file(file, format!("missing header: line 1 (`{first}`) has no `account` column")));
    }
    if !headers.iter().any(|h| h == measure.column()) {
        return Err(Error::file(file, format!("missing measure column `{}` required by the rule", measure.column())));
    }
    csv.set_headers(headers.clone());

    let max_decimals = measure.max_decimals(token_decimals);
    let mut rows = Vec::new();
    let mut seen: HashMap<Address, u64> = HashMap::new();
    for record in csv.records() {
        let record = record.map_err(|e| Error::input(file, line_of(e.position()), "row", e.to_string()))?;
        let line = line_of(record.position());
        if record.iter().all(|f| f.is_empty()) {
            continue; // a line of only commas counts as blank
        }
        let raw: RawRow =
            record.deserialize(Some(&headers)).map_err(|e| Error::input(file, line, "row", e.to_string()))?;
        let account_text = raw.account.as_deref().unwrap_or("");
        let account = parse_account(account_text).map_err(|m| Error::input(file, line, "account", m))?;
        if let Some(&first_line) = seen.get(&account) {
            return Err(Error::DuplicateAccount { file: file.to_string(), account, first_line, second_line: line });
        }
        seen.insert(account, line);
        let value_text = raw.measure(measure).unwrap_or("");
        let value = Decimal::parse(value_text, max_decimals)
            .map_err(|e| Error::input(file, line, measure.column(), e.to_string()))?;
        let non_empty = |s: Option<String>| s.filter(|s| !s.is_empty());
        rows.push(ShareRow { line, account, value, handle: non_empty(raw.handle), note: non_empty(raw.note) });
    }
    if rows.is_empty() {
        return Err(Error::file(file, "no rows: the file has a header but no helpers"));
    }
    Ok(rows)
}

/// The 1-based line of the record whose parse started at `byte`.
///
/// The csv crate's own `Position::line` miscounts with CRLF endings and blank lines (csv 1.4 reports line 1 for the
/// third line of `a\r\n\r\nb`), and a record's byte offset points at the line ends skipped before it; so we skip
/// those and count `\n` ourselves.
pub(crate) fn line_at(data: &[u8], byte: u64) -> u64 {
    let mut start = (byte as usize).min(data.len());
    while start < data.len() && matches!(data[start], b'\r' | b'\n') {
        start += 1;
    }
    1 + data[..start].iter().filter(|&&b| b == b'\n').count() as u64
}

/// Parses an address: 0x + 40 hex digits, non-zero, and if it mixes cases the EIP-55 checksum must match.
pub fn parse_account(text: &str) -> std::result::Result<Address, String> {
    if text.is_empty() {
        return Err("missing address".into());
    }
    let hex = text.strip_prefix("0x").ok_or_else(|| format!("`{text}` is not an address: expected 0x followed by 40 hex digits"))?;
    if hex.len() != 40 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("`{text}` is not an address: expected 0x followed by 40 hex digits"));
    }
    let address = Address::from_str(text).map_err(|e| format!("`{text}`: {e}"))?;
    let has_upper = hex.bytes().any(|b| b.is_ascii_uppercase());
    let has_lower = hex.bytes().any(|b| b.is_ascii_lowercase());
    if has_upper && has_lower && address.to_checksum(None) != text {
        return Err(format!("`{text}` has a wrong EIP-55 checksum (expected {})", address.to_checksum(None)));
    }
    if address == Address::ZERO {
        return Err("the zero address cannot be paid".into());
    }
    Ok(address)
}
