//! Signed self-reports: a helper states their own hours (or USD, tokens, votes) for a period from the wallet that
//! is paid, as EIP-712 typed data, so nobody copies numbers or addresses by hand and anyone can later show that each
//! paid address attested its own value. The committee merges the reports (the latest per account), the committee
//! CSV for people without a wallet, and adjustments that always carry a reason; the claims file keeps each report's
//! signature and every adjustment, and `verify` re-checks both.

use crate::{
    calendar::{EpochLabel, Schedule},
    config::ProgramConfig,
    decimal::Decimal,
    error::{Error, FieldProblem},
    files::{write_atomic, Existing},
    units::Measure,
};
use alloy_primitives::{Address, Bytes, Signature, B256, U256};
use alloy_sol_types::{eip712_domain, Eip712Domain, SolStruct};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The `format` of a report file.
pub const REPORT_FORMAT: &str = "support-bounty-report-v1";

/// The EIP-712 struct, named as wallets show it; [`SelfReport`] is its typed, serialisable twin.
pub mod eip712 {
    #![allow(missing_docs)]
    alloy_sol_types::sol! {
        /// What a helper signs (EIP-712 primary type `SelfReport`). The epoch is the on-chain number (20262); the value
        /// is the decimal text as typed, so the wallet shows exactly what is attested.
        #[derive(Debug)]
        struct SelfReport {
            string program;
            uint256 chainId;
            address vault;
            uint64 epoch;
            address account;
            string handle;
            string measure;
            string value;
            string note;
            uint64 sequence;
        }
    }
}

/// One helper's statement for one period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfReport {
    /// The program's name.
    pub program: String,
    /// The vault's chain.
    pub chain_id: u64,
    /// The vault.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub vault: Address,
    /// The period.
    pub epoch: EpochLabel,
    /// Who reports, and is paid.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub account: Address,
    /// Display name ("" for none).
    #[serde(default)]
    pub handle: String,
    /// What `value` measures (the program rule's column).
    pub measure: Measure,
    /// The reported value.
    pub value: Decimal,
    /// What they did ("" for none).
    #[serde(default)]
    pub note: String,
    /// A later report (higher sequence) of the same account supersedes an earlier one. `bounty report` uses the
    /// unix time of signing, so it also says when the report was made.
    pub sequence: u64,
}

/// A report with its signature, as written to disk and pasted into a forum post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFile {
    /// [`REPORT_FORMAT`].
    pub format: String,
    /// What is signed.
    pub report: SelfReport,
    /// The account's signature over [`SelfReport::signing_hash`] (65 bytes for a key; any length for ERC-1271).
    pub signature: Bytes,
}

impl SelfReport {
    /// The EIP-712 domain: reports are bound to one vault on one chain, never valid for another program.
    pub fn domain(&self) -> Eip712Domain {
        eip712_domain! {
            name: "support-bounty report",
            version: "1",
            chain_id: self.chain_id,
            verifying_contract: self.vault,
        }
    }

    /// The typed struct.
    pub fn typed(&self) -> eip712::SelfReport {
        eip712::SelfReport {
            program: self.program.clone(),
            chainId: U256::from(self.chain_id),
            vault: self.vault,
            epoch: self.epoch.epoch_number(),
            account: self.account,
            handle: self.handle.clone(),
            measure: self.measure.column().to_string(),
            value: self.value.to_string(),
            note: self.note.clone(),
            sequence: self.sequence,
        }
    }

    /// The digest the account signs (and an ERC-1271 wallet is asked about).
    pub fn signing_hash(&self) -> B256 {
        self.typed().eip712_signing_hash(&self.domain())
    }

    /// The address a 65-byte key signature over this report recovers to, if it is one.
    pub fn recover(&self, signature: &[u8]) -> Option<Address> {
        let sig = Signature::try_from(signature).ok()?;
        sig.recover_address_from_prehash(&self.signing_hash()).ok()
    }
}

impl ReportFile {
    /// Reads a report file; errors name the file and the JSON field.
    pub fn read(path: &Path) -> Result<Self> {
        let file: Self = crate::files::read_json(path)?;
        if file.format != REPORT_FORMAT {
            return Err(report_error(path, ReportProblem::Format(file.format)));
        }
        Ok(file)
    }

    /// Writes it atomically. A report is a signed statement: rewriting the same name with other bytes is refused.
    pub fn write(&self, path: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(self).expect("reports serialize");
        text.push('\n');
        write_atomic(path, text.as_bytes(), Existing::Keep)?;
        Ok(())
    }

    /// `report-<label>-<account>-<sequence>.json`: a superseding report never overwrites the one before.
    pub fn file_name(&self) -> String {
        format!("report-{}-{}-{}.json", self.report.epoch, self.report.account, self.report.sequence)
    }

    /// Whether the signature is the account's own key's (a contract wallet's needs the chain: ERC-1271).
    pub fn signed_by_key(&self) -> bool {
        self.report.recover(&self.signature) == Some(self.report.account)
    }
}

/// Why a report, or a report set, is refused.
#[derive(Debug, thiserror::Error)]
pub enum ReportProblem {
    /// Not a report file.
    #[error("`format` is `{0}`, expected `{REPORT_FORMAT}`")]
    Format(String),
    /// For another program, vault, chain, period or measure than the one being computed.
    #[error("field `{field}` is `{found}`, but this is {expected}")]
    OtherProgram {
        /// The report's field.
        field: &'static str,
        /// What the report says.
        found: String,
        /// What the computation is for.
        expected: String,
    },
    /// The value breaks the measure's rules (the same as the CSV's).
    #[error("field `value`: {0}")]
    Value(FieldProblem),
    /// The signature is not the account's.
    #[error("the signature is not {0}'s: it recovers to {1} (a contract wallet's is checked with ERC-1271 on chain)")]
    NotSigned(Address, String),
    /// Two different reports of one account carry the same sequence.
    #[error("{account} has two different reports with sequence {sequence} (the other is {other}): which one stands?")]
    SameSequence {
        /// The account.
        account: Address,
        /// The sequence.
        sequence: u64,
        /// The other file.
        other: String,
    },
    /// Signed (by its sequence, the unix time of signing) outside the period's reporting window.
    #[error("signed at {at}, outside the reporting window {open} .. {close} (see `bounty schedule`)")]
    OutsideWindow {
        /// When, by the report's sequence.
        at: String,
        /// The window's first instant.
        open: String,
        /// The first instant after it.
        close: String,
    },
    /// The account reported and is also in the committee CSV.
    #[error("{account} signed a report and is also on line {line} of the committee CSV: one source per helper")]
    AlsoInCsv {
        /// The account.
        account: Address,
        /// The CSV line.
        line: u64,
    },
}

/// Why reading or using self-reports failed: a problem any input file can have, or a report that is refused.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Unreadable, not JSON of the report shape, a bad field.
    #[error(transparent)]
    File(#[from] Error),
    /// A readable report this computation refuses.
    #[error("{file}: {problem}")]
    Refused {
        /// The report file.
        file: String,
        /// What is wrong with it.
        problem: ReportProblem,
    },
}

type Result<T, E = ReportError> = std::result::Result<T, E>;

fn report_error(path: &Path, problem: ReportProblem) -> ReportError {
    ReportError::Refused { file: path.display().to_string(), problem }
}

/// The proof a claim came from a signed report: what was reported (before any adjustment) and the signature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportProof {
    /// The value as reported and signed.
    pub value: Decimal,
    /// The report's sequence.
    pub sequence: u64,
    /// The account's signature.
    pub signature: Bytes,
}

/// A report for another program, vault, chain, period or measure is refused with the field that differs.
pub fn require_matches(
    path: &Path,
    r: &SelfReport,
    config: &ProgramConfig,
    label: EpochLabel,
    measure: Measure,
) -> Result<()> {
    let differs = |field, found: String, expected: String| {
        Err(report_error(path, ReportProblem::OtherProgram { field, found, expected }))
    };
    if r.program != config.name {
        return differs("program", r.program.clone(), format!("program `{}`", config.name));
    }
    if r.chain_id != config.chain_id {
        return differs("chain_id", r.chain_id.to_string(), format!("chain {}", config.chain_id));
    }
    if r.vault != config.vault {
        return differs("vault", r.vault.to_string(), format!("vault {}", config.vault));
    }
    if r.epoch != label {
        return differs("epoch", r.epoch.to_string(), format!("period {label}"));
    }
    if r.measure != measure {
        return differs("measure", r.measure.column().into(), format!("a `{}` rule", measure.column()));
    }
    Ok(())
}

/// A report's sequence (the unix time `bounty report` signed it at) must fall in the period's reporting window.
/// A sequence is what the helper states, so this catches mistakes (last quarter's report, a typo'd period), not
/// someone who lies about the time: that is what the public ledger and disputes are for.
pub fn require_in_window(path: &Path, r: &SelfReport, schedule: &Schedule) -> Result<()> {
    let (open, close) = (schedule.reports_open.timestamp(), schedule.reports_close.timestamp());
    let at = i64::try_from(r.sequence).unwrap_or(i64::MAX);
    if at < open || at >= close {
        let when = |t: i64| {
            chrono::DateTime::from_timestamp(t, 0)
                .map_or_else(|| t.to_string(), |d| d.format("%Y-%m-%d %H:%M UTC").to_string())
        };
        return Err(report_error(
            path,
            ReportProblem::OutsideWindow { at: when(at), open: when(open), close: when(close) },
        ));
    }
    Ok(())
}

/// Every `*.json` report file in `dir`, sorted by name; other JSON files (claims, signatures) are skipped.
pub fn read_report_dir(dir: &Path) -> Result<Vec<(PathBuf, ReportFile)>> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path).map_err(|source| Error::Io { path: path.clone(), source })?;
        let is_report = serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| v.get("format").and_then(|f| f.as_str()).map(|f| f == REPORT_FORMAT))
            .unwrap_or(false);
        if is_report {
            out.push((path.clone(), ReportFile::read(&path)?));
        }
    }
    Ok(out)
}

mod intake;
pub use intake::{read_adjustments, Adjustment, AdjustmentRecord, Intake};

#[cfg(test)]
mod tests {
    use super::*;

    fn report(value: &str, sequence: u64) -> SelfReport {
        SelfReport {
            program: "p".into(),
            chain_id: 1,
            vault: Address::repeat_byte(1),
            epoch: "2026-Q2".parse().unwrap(),
            account: Address::repeat_byte(2),
            handle: "sam".into(),
            measure: Measure::Hours,
            value: Decimal::parse(value, 6).unwrap(),
            note: String::new(),
            sequence,
        }
    }

    #[test]
    fn the_digest_covers_every_field() {
        let base = report("12.5", 1);
        let mut other = base.clone();
        other.value = Decimal::parse("12.6", 6).unwrap();
        assert_ne!(base.signing_hash(), other.signing_hash());
        let mut other = base.clone();
        other.vault = Address::repeat_byte(9);
        assert_ne!(base.signing_hash(), other.signing_hash());
        let mut other = base.clone();
        other.sequence = 2;
        assert_ne!(base.signing_hash(), other.signing_hash());
    }
}
