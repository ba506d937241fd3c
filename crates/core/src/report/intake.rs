//! The period's inputs merged: signed self-reports, the committee's CSV rows for helpers without a wallet, and
//! the committee's adjustments (each with a reason), into the rows the rule reads and a record of where each came
//! from.

use crate::{
    calendar::Schedule,
    config::ProgramConfig,
    decimal::Decimal,
    error::{Error, FieldProblem},
    report::{report_error, require_in_window, require_matches, ReportError, ReportFile, ReportProblem, ReportProof},
    shares::{parse_account, LineCounter, ShareRow},
    units::Measure,
};
use alloy_primitives::Address;
use serde::{Deserialize, Serialize};
use std::{
    collections::{BTreeMap, HashMap},
    path::{Path, PathBuf},
};

type Result<T, E = ReportError> = std::result::Result<T, E>;

/// A committee change to a reported value, as recorded in the claims file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentRecord {
    /// Whose report.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub account: Address,
    /// What they reported.
    pub reported: Decimal,
    /// What the committee counts instead.
    pub value: Decimal,
    /// Why (never empty).
    pub reason: String,
}

/// One line of an adjustments CSV (`account,value,reason[,line]`).
#[derive(Clone, Debug)]
pub struct Adjustment {
    /// 1-based line.
    pub line: u64,
    /// The budget line it adjusts (`line` column; required when several lines take reports).
    pub budget_line: Option<String>,
    /// Whose report.
    pub account: Address,
    /// The value to count.
    pub value: Decimal,
    /// Why.
    pub reason: String,
}

/// Reads an adjustments CSV: `account,value,reason` and an optional `line` (the budget line it adjusts), every
/// reason non-empty, one row per account and line.
pub fn read_adjustments(path: &Path, measure: Measure, token_decimals: u8) -> Result<Vec<Adjustment>> {
    let data = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    let file = path.display().to_string();
    let field = |line, field: &str, problem: FieldProblem| Error::Field {
        file: file.clone(),
        line,
        field: field.to_string(),
        problem,
    };
    let mut csv = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(&data[..]);
    let headers: Vec<String> = csv
        .headers()
        .map_err(|e| field(1, "header", e.into()))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let column =
        |name: &str| headers.iter().position(|h| h == name).ok_or_else(|| field(1, name, FieldProblem::MissingColumn));
    let (a, v, r) = (column("account")?, column("value")?, column("reason")?);
    let l = headers.iter().position(|h| h == "line");
    let mut lines = LineCounter::new(&data);
    let mut seen: HashMap<(Address, Option<String>), u64> = HashMap::new();
    let mut out = Vec::new();
    for record in csv.records() {
        let record = record.map_err(|e| field(0, "row", e.into()))?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.iter().all(str::is_empty) {
            continue;
        }
        let get = |i: usize| record.get(i).unwrap_or("");
        let account = parse_account(get(a)).map_err(|p| field(line, "account", p.into()))?;
        let budget_line = l.map(get).filter(|n| !n.is_empty()).map(str::to_string);
        if let Some(&first_line) = seen.get(&(account, budget_line.clone())) {
            return Err(Error::DuplicateAccount { file: file.clone(), account, first_line, second_line: line }.into());
        }
        seen.insert((account, budget_line.clone()), line);
        let value =
            Decimal::parse(get(v), measure.max_decimals(token_decimals)).map_err(|e| field(line, "value", e.into()))?;
        let reason = get(r).to_string();
        if reason.is_empty() {
            return Err(field(line, "reason", FieldProblem::MissingReason).into());
        }
        out.push(Adjustment { line, budget_line, account, value, reason });
    }
    Ok(out)
}

/// The period's inputs once merged: the rows the rule reads, and where each came from.
#[derive(Clone, Debug, Default)]
pub struct Intake {
    /// Every helper's row: reports (adjusted where the committee says so) and the committee CSV.
    pub rows: Vec<ShareRow>,
    /// The report behind each reported account's row.
    pub proofs: BTreeMap<Address, ReportProof>,
    /// The committee's adjustments, with reasons.
    pub adjustments: Vec<AdjustmentRecord>,
    /// Reports that a later one of the same account replaced: (file, account, sequence).
    pub superseded: Vec<(PathBuf, Address, u64)>,
}

impl Intake {
    /// Merges `reports` (each already checked to be signed by its account: by key here, by ERC-1271 on chain),
    /// the committee's CSV rows and the adjustments, for `label` of the program `config`.
    pub fn merge(
        config: &ProgramConfig,
        schedule: &Schedule,
        reports: Vec<(PathBuf, ReportFile)>,
        committee: Vec<ShareRow>,
        adjustments: &[Adjustment],
        adjustments_file: &Path,
    ) -> Result<Self> {
        let measure =
            config.reported_measure().ok_or_else(|| Error::NoReportedLine { program: config.name.clone() })?;
        let mut latest: BTreeMap<Address, (PathBuf, ReportFile)> = BTreeMap::new();
        let mut superseded = Vec::new();
        let label = schedule.label;
        for (path, file) in reports {
            require_matches(&path, &file.report, config, label, measure)?;
            require_in_window(&path, &file.report, schedule)?;
            let r = &file.report;
            Decimal::parse(&r.value.to_string(), measure.max_decimals(config.token.decimals))
                .map_err(|e| report_error(&path, ReportProblem::Value(e.into())))?;
            match latest.get(&r.account) {
                Some((other, prev)) if prev.report.sequence == r.sequence => {
                    if prev != &file {
                        return Err(report_error(
                            &path,
                            ReportProblem::SameSequence {
                                account: r.account,
                                sequence: r.sequence,
                                other: other.display().to_string(),
                            },
                        ));
                    }
                }
                Some((_, prev)) if prev.report.sequence > r.sequence => {
                    superseded.push((path.clone(), r.account, r.sequence));
                }
                Some((other, prev)) => {
                    superseded.push((other.clone(), prev.report.account, prev.report.sequence));
                    latest.insert(r.account, (path, file));
                }
                None => {
                    latest.insert(r.account, (path, file));
                }
            }
        }
        for row in &committee {
            if let Some((path, _)) = latest.get(&row.account) {
                return Err(report_error(path, ReportProblem::AlsoInCsv { account: row.account, line: row.line }));
            }
        }
        let by_account: HashMap<Address, &Adjustment> = adjustments.iter().map(|a| (a.account, a)).collect();
        for a in adjustments {
            if !latest.contains_key(&a.account) {
                return Err(Error::Field {
                    file: adjustments_file.display().to_string(),
                    line: a.line,
                    field: "account".into(),
                    problem: FieldProblem::NotReported(a.account),
                }
                .into());
            }
        }
        let mut intake = Intake { superseded, ..Self::default() };
        for (account, (_, file)) in &latest {
            let r = &file.report;
            let mut value = r.value;
            if let Some(a) = by_account.get(account) {
                intake.adjustments.push(AdjustmentRecord {
                    account: *account,
                    reported: r.value,
                    value: a.value,
                    reason: a.reason.clone(),
                });
                value = a.value;
            }
            let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
            intake.rows.push(ShareRow {
                line: 0,
                account: *account,
                value,
                handle: non_empty(&r.handle),
                note: non_empty(&r.note),
                kpis: Default::default(),
            });
            intake.proofs.insert(
                *account,
                ReportProof { value: r.value, sequence: r.sequence, signature: file.signature.clone() },
            );
        }
        intake.rows.extend(committee);
        Ok(intake)
    }
}
