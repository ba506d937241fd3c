//! Where a line's rows came from when an intake derived them, as the claims file records it (`lines[].intake`): a
//! Discord vote round ([`VoteRoundRecord`]) or a helpdesk's tickets ([`TicketsRecord`]). The intake writes the
//! record into an audit file beside the rows (`<rows>.audit.json`); `compute` copies it into the claims file only
//! when the rows still say what the record says; `verify` checks it against the line's rows, and with the
//! published exports (`--sources DIR`) derives it again.
//!
//! (The forum intake needs no record: the reports it finds are signed, and carry their own proof.)

use super::{discord::VoteRoundRecord, tickets::TicketsRecord};
use crate::{decimal::Decimal, error::Result, quality::Targets, shares::ShareRow};
use alloy_primitives::{Address, U256};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// An intake's record of a line's rows. Untagged: a vote round's fields and a tickets intake's do not overlap, and
/// files written before tickets were recorded read unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum IntakeRecord {
    /// `bounty intake discord`: a vote round.
    Votes(VoteRoundRecord),
    /// `bounty intake tickets`: agents' KPI measures.
    Tickets(TicketsRecord),
}

/// A row as an intake record states it: the account, and the value or measures that came from the platform.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RowFact {
    /// Votes, the row's value.
    Votes(Address, Decimal),
    /// KPI measures, in `Kpi::ALL` order.
    Kpis(Address, [Option<Decimal>; 3]),
}

impl RowFact {
    /// Whether the fact says anything: a row with no measure (an agent with no tickets) is no intake's fact.
    fn has_measure(&self) -> bool {
        !matches!(self, Self::Kpis(_, m) if m.iter().all(Option::is_none))
    }
}

impl IntakeRecord {
    /// `the vote round in support.json`, `the tickets in tickets-1.json, metrics.json`.
    pub fn describe(&self) -> String {
        match self {
            Self::Votes(r) => format!("the vote round in {}", r.source),
            Self::Tickets(r) => {
                let files: Vec<&str> = r.sources.iter().map(|s| s.file.as_str()).collect();
                format!("the tickets in {}", files.join(", "))
            }
        }
    }

    /// The export files `verify --sources` needs.
    pub fn source_files(&self) -> Vec<String> {
        match self {
            Self::Votes(r) => vec![r.source.clone()],
            Self::Tickets(r) => r.sources.iter().map(|s| s.file.clone()).collect(),
        }
    }

    /// How many helpers or agents it records.
    pub fn len(&self) -> usize {
        match self {
            Self::Votes(r) => r.helpers.len(),
            Self::Tickets(r) => r.agents.len(),
        }
    }

    /// Whether it records nobody.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What the record says each row is, sorted; for tickets only the measures `targets` reads (all three when
    /// `None`, as the intake's CSV carries them).
    pub fn facts(&self, targets: Option<&Targets>) -> Vec<RowFact> {
        let mut facts: Vec<RowFact> = match self {
            Self::Votes(r) => r
                .helpers
                .iter()
                .map(|h| RowFact::Votes(h.account, Decimal::from_units(U256::from(h.votes), 0)))
                .collect(),
            Self::Tickets(r) => {
                r.agents.iter().map(|a| kpi_fact(a.account, &a.kpis, targets)).filter(RowFact::has_measure).collect()
            }
        };
        facts.sort();
        facts
    }

    /// The same facts of `rows` (a tickets record: only the rows with a measure; the plan's other rows had no
    /// tickets), sorted, to compare with [`Self::facts`].
    pub fn facts_of<'a>(
        &self,
        rows: impl IntoIterator<Item = &'a ShareRow>,
        targets: Option<&Targets>,
    ) -> Vec<RowFact> {
        let mut facts: Vec<RowFact> = match self {
            Self::Votes(_) => rows.into_iter().map(|r| RowFact::Votes(r.account, r.value)).collect(),
            Self::Tickets(_) => {
                rows.into_iter().map(|r| kpi_fact(r.account, &r.kpis, targets)).filter(RowFact::has_measure).collect()
            }
        };
        facts.sort();
        facts
    }

    /// Derives the record again from the published exports in `dir`: the differences, one sentence each.
    pub fn recheck(&self, dir: &Path, period: (DateTime<Utc>, DateTime<Utc>)) -> Vec<String> {
        match self {
            Self::Votes(r) => match std::fs::read(dir.join(&r.source)) {
                Ok(bytes) => r.recheck(&bytes, period),
                Err(e) => vec![format!("{}: {e}", dir.join(&r.source).display())],
            },
            Self::Tickets(r) => r.recheck(dir, period),
        }
    }
}

fn kpi_fact(account: Address, kpis: &crate::quality::Kpis, targets: Option<&Targets>) -> RowFact {
    let kpis = targets.map_or(*kpis, |t| kpis.read_by(t));
    RowFact::Kpis(account, crate::quality::Kpi::ALL.map(|k| kpis.get(k)))
}

/// Where an intake writes a rows file's audit: beside it, `<rows file>.audit.json`. `compute` looks there for the
/// record to copy into the claims file.
pub fn audit_path(rows: &Path) -> PathBuf {
    let mut name = rows.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".audit.json");
    rows.with_file_name(name)
}

#[derive(Deserialize)]
struct RecordOnly {
    record: IntakeRecord,
}

/// The record in an audit file; errors name the file and the JSON path.
pub fn read_record(path: &Path) -> Result<IntakeRecord> {
    Ok(crate::files::read_json::<RecordOnly>(path)?.record)
}
