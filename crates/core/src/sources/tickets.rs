//! Helpdesk tickets, from Zendesk's API JSON (pages of `incremental/tickets` and of `ticket_metrics`) or from a
//! documented generic CSV any helpdesk export can be mapped to (`ticket_id,agent,created,first_reply,solved,rating`),
//! turned into each agent's KPI measures for a period: tickets solved in it, the median hours to first reply and to
//! resolution, and satisfaction (good of rated). These are the columns the `quality` rule reads.
//!
//! Hours are exact minutes / 60 rounded **against** the agent at the 6th decimal (up), and satisfaction rounded
//! down: a measure never looks better than the tickets show.

use crate::{
    decimal::Decimal,
    error::{FieldProblem, Result},
    quality::{Kpis, KPI_DECIMALS},
    shares::CsvTable,
};
use alloy_primitives::{Address, B256, U256};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::{collections::BTreeMap, path::Path};

/// One ticket, as either source gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticket {
    /// The helpdesk's ticket id.
    pub id: String,
    /// The assigned agent's id (None: unassigned).
    pub agent: Option<String>,
    /// Minutes from creation to the first agent reply.
    pub first_reply_minutes: Option<u64>,
    /// Minutes from creation to the final resolution.
    pub resolution_minutes: Option<u64>,
    /// When it was (last) solved.
    pub solved_at: Option<DateTime<Utc>>,
    /// The requester's rating, if they gave one.
    pub rating: Option<bool>,
}

#[derive(Deserialize)]
struct TicketsPage {
    tickets: Vec<ZendeskTicket>,
}

#[derive(Deserialize)]
struct ZendeskTicket {
    id: u64,
    assignee_id: Option<u64>,
    #[serde(default)]
    satisfaction_rating: Option<ZendeskRating>,
}

#[derive(Deserialize)]
struct ZendeskRating {
    score: String,
}

#[derive(Deserialize)]
struct MetricsPage {
    ticket_metrics: Vec<ZendeskMetric>,
}

#[derive(Deserialize)]
struct ZendeskMetric {
    ticket_id: u64,
    reply_time_in_minutes: Minutes,
    full_resolution_time_in_minutes: Minutes,
    solved_at: Option<DateTime<Utc>>,
}

/// Zendesk's `{calendar, business}` minutes; calendar time is what a user waits.
#[derive(Deserialize)]
struct Minutes {
    calendar: Option<u64>,
}

/// The role of a Zendesk `incremental/tickets` page among a tickets intake's exports.
pub const ZENDESK_TICKETS: &str = "zendesk-tickets";
/// The role of a Zendesk `ticket_metrics` page.
pub const ZENDESK_METRICS: &str = "zendesk-metrics";
/// The role of a generic tickets CSV.
pub const TICKETS_CSV: &str = "tickets-csv";

/// One export file of a tickets intake, read once: parsed from these bytes and recorded by their hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    /// [`ZENDESK_TICKETS`], [`ZENDESK_METRICS`] or [`TICKETS_CSV`].
    pub role: String,
    /// Where it was read from (named in errors).
    pub path: std::path::PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl Export {
    /// Reads `path` for `role`.
    pub fn read(role: &str, path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|source| crate::Error::Io { path: path.to_path_buf(), source })?;
        Ok(Self { role: role.to_string(), path: path.to_path_buf(), bytes })
    }

    /// How the claims file records it: role, file name and keccak256.
    pub fn source_file(&self) -> SourceFile {
        SourceFile {
            role: self.role.clone(),
            file: self.path.file_name().map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into()),
            keccak256: alloy_primitives::keccak256(&self.bytes),
        }
    }
}

/// The exports, read: the tickets, and (for Zendesk) what did not pair up — the committee should know when the
/// metrics pages given do not match the ticket pages (a page left out, an export of another period), since a
/// missing metric changes a median.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TicketsRead {
    /// Every ticket, with its metrics where a metrics page had them.
    pub tickets: Vec<Ticket>,
    /// Ticket ids that have metrics but are on no tickets page given.
    pub metrics_without_ticket: Vec<u64>,
    /// Ticket ids on a tickets page with no metrics on any metrics page given.
    pub tickets_without_metrics: Vec<u64>,
}

/// The tickets in `exports`: a generic CSV when one is given, else Zendesk's API pages — every `tickets` page and
/// every `ticket_metrics` page (in any order; a ticket seen on two pages keeps its last). A ticket without metrics
/// has no reply or resolution time.
pub fn parse_exports(exports: &[Export]) -> Result<TicketsRead> {
    if let Some(csv) = exports.iter().find(|e| e.role == TICKETS_CSV) {
        return Ok(TicketsRead { tickets: parse_tickets_csv(&csv.path, csv.bytes.clone())?, ..TicketsRead::default() });
    }
    let mut tickets: BTreeMap<u64, Ticket> = BTreeMap::new();
    for page in exports.iter().filter(|e| e.role == ZENDESK_TICKETS) {
        for t in crate::files::parse_json::<TicketsPage>(&page.path, &page.bytes)?.tickets {
            let rating = t.satisfaction_rating.and_then(|r| match r.score.as_str() {
                "good" => Some(true),
                "bad" => Some(false),
                _ => None, // "offered", "unoffered": not rated
            });
            let ticket = Ticket {
                id: t.id.to_string(),
                agent: t.assignee_id.map(|a| a.to_string()),
                first_reply_minutes: None,
                resolution_minutes: None,
                solved_at: None,
                rating,
            };
            tickets.insert(t.id, ticket);
        }
    }
    let mut metrics_without_ticket = Vec::new();
    let mut measured = std::collections::BTreeSet::new();
    for page in exports.iter().filter(|e| e.role == ZENDESK_METRICS) {
        for m in crate::files::parse_json::<MetricsPage>(&page.path, &page.bytes)?.ticket_metrics {
            match tickets.get_mut(&m.ticket_id) {
                Some(t) => {
                    t.first_reply_minutes = m.reply_time_in_minutes.calendar;
                    t.resolution_minutes = m.full_resolution_time_in_minutes.calendar;
                    t.solved_at = m.solved_at;
                    measured.insert(m.ticket_id);
                }
                None => metrics_without_ticket.push(m.ticket_id),
            }
        }
    }
    let tickets_without_metrics = tickets.keys().filter(|id| !measured.contains(id)).copied().collect();
    Ok(TicketsRead { tickets: tickets.into_values().collect(), metrics_without_ticket, tickets_without_metrics })
}

/// The generic tickets CSV: `ticket_id,agent,created,first_reply,solved,rating`, times in RFC 3339 with a
/// zone (`2026-05-01T10:00:00Z`, `…+02:00`), `first_reply`/`solved`/`agent` empty when there is none, `rating`
/// `good`, `bad` or empty.
fn parse_tickets_csv(path: &Path, data: Vec<u8>) -> Result<Vec<Ticket>> {
    let table = CsvTable::parse(path, data, &["ticket_id", "agent", "created", "first_reply", "solved", "rating"])?;
    let at = |name: &str| table.column(name).expect("required above");
    let mut out = Vec::new();
    for (line, record) in table.rows()? {
        let field = |field: &str, problem: FieldProblem| table.field(line, field, problem);
        let cell = |name: &str| record.get(at(name)).unwrap_or("").to_string();
        let time = |name: &str| -> Result<Option<DateTime<Utc>>> {
            let text = cell(name);
            if text.is_empty() {
                return Ok(None);
            }
            DateTime::parse_from_rfc3339(&text)
                .map(|t| Some(t.with_timezone(&Utc)))
                .map_err(|_| field(name, FieldProblem::NotATime(text)))
        };
        let id = cell("ticket_id");
        if id.is_empty() {
            return Err(field("ticket_id", FieldProblem::Empty));
        }
        let created = time("created")?.ok_or_else(|| field("created", FieldProblem::Empty))?;
        let minutes = |end: Option<DateTime<Utc>>| end.map(|e| (e - created).num_minutes().max(0) as u64);
        let rating = match cell("rating").to_ascii_lowercase().as_str() {
            "good" => Some(true),
            "bad" => Some(false),
            "" => None,
            other => return Err(field("rating", FieldProblem::NotARating(other.to_string()))),
        };
        let solved = time("solved")?;
        let agent = Some(cell("agent")).filter(|a| !a.is_empty());
        out.push(Ticket {
            id,
            agent,
            first_reply_minutes: minutes(time("first_reply")?),
            resolution_minutes: minutes(solved),
            solved_at: solved,
            rating,
        });
    }
    Ok(out)
}

/// One agent's KPIs for a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgentKpis {
    /// The helpdesk's agent id.
    pub agent: String,
    /// Tickets solved in the period.
    pub solved: u64,
    /// Of those, how many were rated, and rated good.
    pub rated: u64,
    /// Rated good.
    pub good: u64,
    /// The measures the `quality` rule reads.
    pub kpis: Kpis,
}

/// Per agent, over the tickets solved in `[start, end)`: the medians and satisfaction. Unassigned tickets and
/// tickets not solved in the period count for nobody.
pub fn agent_kpis(tickets: &[Ticket], start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<AgentKpis> {
    let mut by_agent: BTreeMap<&str, Vec<&Ticket>> = BTreeMap::new();
    for t in tickets {
        if let (Some(agent), Some(solved)) = (&t.agent, t.solved_at) {
            if solved >= start && solved < end {
                by_agent.entry(agent).or_default().push(t);
            }
        }
    }
    by_agent
        .into_iter()
        .map(|(agent, ts)| {
            let rated = ts.iter().filter(|t| t.rating.is_some()).count() as u64;
            let good = ts.iter().filter(|t| t.rating == Some(true)).count() as u64;
            let hours = |minutes: Vec<u64>| median_half_minutes(minutes).map(half_minutes_to_hours);
            let kpis = Kpis {
                first_reply_hours: hours(ts.iter().filter_map(|t| t.first_reply_minutes).collect()),
                resolution_hours: hours(ts.iter().filter_map(|t| t.resolution_minutes).collect()),
                csat_percent: (rated > 0).then(|| percent_floor(good, rated)),
            };
            AgentKpis { agent: agent.to_string(), solved: ts.len() as u64, rated, good, kpis }
        })
        .collect()
}

/// The median in half-minutes (the mean of the two middle values of an even count is a whole half-minute).
fn median_half_minutes(mut values: Vec<u64>) -> Option<u64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] * 2 } else { values[n / 2 - 1] + values[n / 2] })
}

/// Half-minutes as hours, rounded up at [`KPI_DECIMALS`].
fn half_minutes_to_hours(half_minutes: u64) -> Decimal {
    let scale = U256::from(10u64).pow(U256::from(KPI_DECIMALS));
    let units = (U256::from(half_minutes) * scale).div_ceil(U256::from(120u64));
    Decimal::from_units(units, KPI_DECIMALS)
}

/// `good / rated` as a percentage, rounded down at [`KPI_DECIMALS`].
fn percent_floor(good: u64, rated: u64) -> Decimal {
    let scale = U256::from(10u64).pow(U256::from(KPI_DECIMALS));
    Decimal::from_units(U256::from(good) * U256::from(100u64) * scale / U256::from(rated), KPI_DECIMALS)
}

/// One input file of a tickets intake, by name and hash, as published beside the claims file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    /// `zendesk-tickets`, `zendesk-metrics` or `tickets-csv`.
    pub role: String,
    /// Its file name.
    pub file: String,
    /// keccak256 of its bytes.
    pub keccak256: B256,
}

/// One agent of a recorded tickets intake: who they are paid as, why, and the measures their row carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedAgent {
    /// The helpdesk's agent id.
    pub agent: String,
    /// The account their row pays.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub account: Address,
    /// Why the agent id is that account (a signed link, or the committee's row).
    pub mapping: String,
    /// Tickets solved in the period.
    pub solved: u64,
    /// The measures written into the row.
    pub kpis: Kpis,
}

/// Where a quality line's KPI columns came from, recorded in the claims file so anyone holding the published
/// exports can derive them again (`bounty verify --sources DIR`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketsRecord {
    /// The platform the agent ids belong to (`zendesk`).
    pub platform: String,
    /// The exports read, in the order given.
    pub sources: Vec<SourceFile>,
    /// Each agent with a row.
    pub agents: Vec<RecordedAgent>,
}

impl TicketsRecord {
    /// Reads the published exports in `dir` again for `period`: the differences from the record, one sentence
    /// each (empty: the exports give the recorded measures).
    pub fn recheck(&self, dir: &Path, period: (DateTime<Utc>, DateTime<Utc>)) -> Vec<String> {
        let mut problems = Vec::new();
        let mut exports = Vec::with_capacity(self.sources.len());
        for s in &self.sources {
            match Export::read(&s.role, &dir.join(&s.file)) {
                Ok(export) if export.source_file().keccak256 == s.keccak256 => exports.push(export),
                Ok(export) => problems.push(format!(
                    "{}: keccak256 {}, the file records {}",
                    s.file,
                    export.source_file().keccak256,
                    s.keccak256
                )),
                Err(e) => problems.push(e.to_string()),
            }
        }
        if !problems.is_empty() {
            return problems;
        }
        let derived = match parse_exports(&exports) {
            Ok(read) => agent_kpis(&read.tickets, period.0, period.1),
            Err(e) => return vec![e.to_string()],
        };
        for a in &self.agents {
            match derived.iter().find(|d| d.agent == a.agent) {
                Some(d) if d.kpis == a.kpis && d.solved == a.solved => {}
                Some(d) => problems.push(format!(
                    "agent {}: the exports give {} solved, {}; the file records {} solved, {}",
                    a.agent, d.solved, d.kpis, a.solved, a.kpis
                )),
                None => problems.push(format!("agent {}: solved no tickets in the period in these exports", a.agent)),
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_rounding_never_flatter_the_agent() {
        assert_eq!(median_half_minutes(vec![30, 10, 20]), Some(40));
        assert_eq!(median_half_minutes(vec![10, 25]), Some(35)); // 17.5 minutes
        assert_eq!(half_minutes_to_hours(35).to_string(), "0.291667"); // 17.5 / 60 = 0.2916…, up
        assert_eq!(half_minutes_to_hours(240).to_string(), "2");
        assert_eq!(percent_floor(2, 3).to_string(), "66.666666");
        assert_eq!(percent_floor(9, 10).to_string(), "90");
    }
}
