//! The per-epoch shares CSV: `account,<measure>[,handle][,note]`, one row per helper.
//!
//! Parsing is strict because a typo here is money paid to the wrong place: every error names the file, the line and
//! the column. Tolerated: a UTF-8 BOM, CRLF line endings, spaces around fields, blank lines, extra columns.

use crate::{
    decimal::Decimal,
    error::{AddressProblem, CsvProblem, Error, FieldProblem, Result},
    quality::{Kpi, Kpis, KPI_DECIMALS},
    units::Measure,
};
use alloy_primitives::Address;
use serde::{Deserialize, Serialize};
use std::{collections::HashMap, io::Read, path::Path, str::FromStr};

/// One helper's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareRow {
    /// 1-based line in the source file (the header is line 1); 0 when the row did not come from a file.
    #[serde(skip)]
    pub line: u64,
    /// Who is paid.
    pub account: Address,
    /// The measure value (hours, USD, tokens or votes, per the rule).
    pub value: Decimal,
    /// A display name (Discord handle); never used for payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// What the helper did, as reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The helper's KPI measures, from the optional columns `first_reply_hours`, `resolution_hours`,
    /// `csat_percent` (read by the `quality` rule).
    #[serde(default, skip_serializing_if = "Kpis::is_empty")]
    pub kpis: Kpis,
}

/// The columns a line's rule reads: its measure and the KPI columns its quality targets need
/// (`Rule::columns`; a bare [`Measure`] converts for rules without targets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    /// The measure column.
    pub measure: Measure,
    /// KPI columns that must be in the header, each with the config key of the target that reads it.
    pub kpis: Vec<(Kpi, &'static str)>,
}

impl From<Measure> for Columns {
    fn from(measure: Measure) -> Self {
        Self { measure, kpis: Vec::new() }
    }
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
    first_reply_hours: Option<String>,
    resolution_hours: Option<String>,
    csat_percent: Option<String>,
}

impl RawRow {
    fn kpi(&self, kpi: Kpi) -> Option<&str> {
        match kpi {
            Kpi::FirstReplyHours => self.first_reply_hours.as_deref(),
            Kpi::ResolutionHours => self.resolution_hours.as_deref(),
            Kpi::CsatPercent => self.csat_percent.as_deref(),
        }
    }

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
pub fn read_shares(path: impl AsRef<Path>, columns: impl Into<Columns>, token_decimals: u8) -> Result<Vec<ShareRow>> {
    read_shares_named(path, columns, token_decimals, &HashMap::new())
}

/// [`read_shares`] where some `account` cells are ENS names, already resolved (by the chain layer) into `names`:
/// such a row is paid at the resolved address and, without a handle of its own, gets the name as its handle.
pub fn read_shares_named(
    path: impl AsRef<Path>,
    columns: impl Into<Columns>,
    token_decimals: u8,
    names: &HashMap<String, Address>,
) -> Result<Vec<ShareRow>> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    parse_shares_named(file, &path.display().to_string(), columns, token_decimals, names)
}

/// The `account` cells of a shares CSV that are names rather than addresses (no `0x`, a dot), to resolve before
/// [`read_shares_named`]. A file that does not parse yields none: [`read_shares_named`] reports it properly.
pub fn account_names(path: &Path) -> Result<Vec<String>> {
    let data = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    let mut csv = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(true).from_reader(&data[..]);
    let Ok(headers) = csv.headers() else { return Ok(Vec::new()) };
    let Some(column) =
        headers.iter().position(|h| h.trim_start_matches('\u{feff}').trim().eq_ignore_ascii_case("account"))
    else {
        return Ok(Vec::new());
    };
    let mut names: Vec<String> = csv
        .records()
        .filter_map(|r| r.ok().and_then(|r| r.get(column).map(str::to_string)))
        .filter(|cell| !cell.starts_with("0x") && !cell.starts_with("0X") && cell.contains('.'))
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

/// Parses shares CSV from any reader; `file` names the source in errors. Rows keep file order.
pub fn parse_shares(
    reader: impl Read,
    file: &str,
    columns: impl Into<Columns>,
    token_decimals: u8,
) -> Result<Vec<ShareRow>> {
    parse_shares_named(reader, file, columns, token_decimals, &HashMap::new())
}

/// [`parse_shares`] with resolved ENS names (see [`read_shares_named`]).
pub fn parse_shares_named(
    mut reader: impl Read,
    file: &str,
    columns: impl Into<Columns>,
    token_decimals: u8,
    names: &HashMap<String, Address>,
) -> Result<Vec<ShareRow>> {
    let Columns { measure, kpis: required } = columns.into();
    // Holding the bytes lets us report true line numbers (see `LineCounter`); a 10^6-row file is ~60 MB.
    let mut data = Vec::new();
    reader.read_to_end(&mut data).map_err(|source| Error::Io { path: file.into(), source })?;
    let csv_error = |problem| Error::Csv { file: file.to_string(), problem };
    let mut csv = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(false).from_reader(&data[..]);
    let headers = csv
        .headers()
        .map_err(|e| csv_error(CsvProblem::Header(e)))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .collect::<csv::StringRecord>();
    if headers.iter().all(|h| h.is_empty()) {
        return Err(csv_error(CsvProblem::Empty));
    }
    if !headers.iter().any(|h| h == "account") {
        return Err(csv_error(CsvProblem::NoAccountColumn { header: headers.iter().collect::<Vec<_>>().join(",") }));
    }
    if !headers.iter().any(|h| h == measure.column()) {
        return Err(csv_error(CsvProblem::NoMeasureColumn { column: measure.column() }));
    }
    if let Some((kpi, target)) = required.iter().find(|(kpi, _)| !headers.iter().any(|h| h == kpi.column())) {
        return Err(csv_error(CsvProblem::NoKpiColumn { column: kpi.column(), target }));
    }
    csv.set_headers(headers.clone());

    let max_decimals = measure.max_decimals(token_decimals);
    let field = |line, field: &str, problem: FieldProblem| Error::Field {
        file: file.to_string(),
        line,
        field: field.to_string(),
        problem,
    };
    let mut lines = LineCounter::new(&data);
    let mut rows = Vec::new();
    let mut seen: HashMap<Address, u64> = HashMap::new();
    for record in csv.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
            field(line, "row", e.into())
        })?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.iter().all(str::is_empty) {
            continue; // a line of only commas counts as blank
        }
        let raw: RawRow = record.deserialize(Some(&headers)).map_err(|e| field(line, "row", e.into()))?;
        let cell = raw.account.as_deref().unwrap_or("");
        let ens_name = names.get(cell).map(|_| cell.to_string());
        let account = match names.get(cell) {
            Some(address) => *address,
            None => parse_account(cell).map_err(|problem| field(line, "account", problem.into()))?,
        };
        if let Some(&first_line) = seen.get(&account) {
            return Err(Error::DuplicateAccount { file: file.to_string(), account, first_line, second_line: line });
        }
        seen.insert(account, line);
        let value = Decimal::parse(raw.measure(measure).unwrap_or(""), max_decimals)
            .map_err(|e| field(line, measure.column(), e.into()))?;
        let mut kpis = Kpis::default();
        for kpi in Kpi::ALL {
            let cell = raw.kpi(kpi).filter(|c| !c.is_empty());
            let value = cell.map(|c| Decimal::parse(c, KPI_DECIMALS)).transpose();
            kpis.set(kpi, value.map_err(|e| field(line, kpi.column(), e.into()))?);
        }
        let non_empty = |s: Option<String>| s.filter(|s| !s.is_empty());
        let handle = non_empty(raw.handle).or(ens_name);
        rows.push(ShareRow { line, account, value, handle, note: non_empty(raw.note), kpis });
    }
    if rows.is_empty() {
        return Err(csv_error(CsvProblem::NoRows));
    }
    Ok(rows)
}

/// A small CSV input read whole (an identity file, a tickets export), strict as the shares CSV: its header
/// lower-cased (a BOM tolerated) with the required columns checked, and its non-blank rows with their true line
/// numbers, so every error names the file, the line and the column.
pub(crate) struct CsvTable {
    /// The file as the user named it.
    pub(crate) file: String,
    data: Vec<u8>,
    headers: Vec<String>,
}

impl CsvTable {
    /// Reads `path`; a missing `required` column is an error naming it.
    pub(crate) fn read(path: &Path, required: &[&'static str]) -> Result<Self> {
        let data = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        Self::parse(path, data, required)
    }

    /// The table in `data`, read from `path` by the caller (named in errors).
    pub(crate) fn parse(path: &Path, data: Vec<u8>, required: &[&'static str]) -> Result<Self> {
        let file = path.display().to_string();
        let mut csv = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(&data[..]);
        let headers: Vec<String> = csv
            .headers()
            .map_err(|e| Error::Csv { file: file.clone(), problem: CsvProblem::Header(e) })?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect();
        if let Some(column) = required.iter().find(|c| !headers.iter().any(|h| h == *c)) {
            return Err(Error::Csv { file, problem: CsvProblem::MissingColumn { column } });
        }
        Ok(Self { file, data, headers })
    }

    /// The position of column `name`, if the header has it.
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// An error about `field` on `line`.
    pub(crate) fn field(&self, line: u64, field: &str, problem: FieldProblem) -> Error {
        Error::Field { file: self.file.clone(), line, field: field.to_string(), problem }
    }

    /// Every non-blank row with its 1-based line (the header is line 1).
    pub(crate) fn rows(&self) -> Result<Vec<(u64, csv::StringRecord)>> {
        let mut csv = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(&self.data[..]);
        let mut lines = LineCounter::new(&self.data);
        let mut out = Vec::new();
        for record in csv.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                self.field(line, "row", e.into())
            })?;
            let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
            if !record.iter().all(str::is_empty) {
                out.push((line, record));
            }
        }
        Ok(out)
    }
}

/// Turns the csv crate's record byte offsets into 1-based line numbers in one pass over the file.
///
/// The csv crate's own `Position::line` miscounts with CRLF endings and blank lines (csv 1.4 reports line 1 for the
/// third line of `a\r\n\r\nb`), and a record's byte offset points at the line ends skipped before it; so we skip
/// those and count `\n` ourselves. Records come in file order, so the count resumes where the last one stopped:
/// linear in the file, where counting from the start for every record was quadratic.
pub(crate) struct LineCounter<'a> {
    data: &'a [u8],
    /// Bytes before `offset` hold `newlines` line feeds.
    offset: usize,
    newlines: u64,
}

impl<'a> LineCounter<'a> {
    /// A counter at the start of `data`.
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Self { data, offset: 0, newlines: 0 }
    }

    /// The line of the record whose parse started at `byte`. Offsets must not decrease between calls (a smaller one
    /// restarts the count from the beginning, so the answer is still right).
    pub(crate) fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(self.data.len());
        while start < self.data.len() && matches!(self.data[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.offset {
            (self.offset, self.newlines) = (0, 0);
        }
        self.newlines += self.data[self.offset..start].iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset = start;
        1 + self.newlines
    }
}

/// Parses an address: 0x + 40 hex digits, non-zero, and if it mixes cases the EIP-55 checksum must match.
pub fn parse_account(text: &str) -> std::result::Result<Address, AddressProblem> {
    if text.is_empty() {
        return Err(AddressProblem::Missing);
    }
    let not_hex = || AddressProblem::NotHex(text.to_string());
    let hex = text.strip_prefix("0x").ok_or_else(not_hex)?;
    if hex.len() != 40 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(not_hex());
    }
    let address = Address::from_str(text).map_err(|_| not_hex())?;
    let has_upper = hex.bytes().any(|b| b.is_ascii_uppercase());
    let has_lower = hex.bytes().any(|b| b.is_ascii_lowercase());
    let expected = address.to_checksum(None);
    if has_upper && has_lower && expected != text {
        return Err(AddressProblem::BadChecksum { given: text.to_string(), expected });
    }
    if address == Address::ZERO {
        return Err(AddressProblem::Zero);
    }
    Ok(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counter_skips_blank_lines_and_restarts_when_asked_backwards() {
        let data = b"a\r\n\r\nb\nc\n";
        let mut lines = LineCounter::new(data);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(3), 3); // the record after the blank CRLF line
        assert_eq!(lines.line_at(7), 4);
        assert_eq!(lines.line_at(0), 1);
    }
}
