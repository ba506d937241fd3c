//! The epoch calendar: labels (`2026-Q2`, `2026-06`), on-chain epoch numbers, and each period's schedule.
//!
//! Epoch numbers sort like the periods they name (the vault compares them with the current period), so labels map
//! to numbers that sort the same way: quarterly `2026-Q2` → `20262` (year × 10 + quarter), monthly `2026-06` → `202606`
//! (year × 100 + month).
//! A program keeps one cadence for its lifetime, so the two schemes never mix within one vault.
//! All times are UTC.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::{fmt, str::FromStr};

/// The first and last years of an epoch label, as the vault's `EpochCalendar` accepts them.
pub const FIRST_YEAR: u16 = 2000;
/// See [`FIRST_YEAR`].
pub const LAST_YEAR: u16 = 9999;

/// How often a program pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cadence {
    /// Calendar quarters (Rocket Pool's reward periods).
    Quarterly,
    /// Calendar months (Perpetual Protocol's monthly payouts).
    Monthly,
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Quarterly => "quarterly",
            Self::Monthly => "monthly",
        })
    }
}

/// One period of a program: a calendar quarter or month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EpochLabel {
    /// `YYYY-Qn`, quarter 1..=4.
    Quarter {
        /// Calendar year.
        year: u16,
        /// 1..=4.
        quarter: u8,
    },
    /// `YYYY-MM`, month 1..=12.
    Month {
        /// Calendar year.
        year: u16,
        /// 1..=12.
        month: u8,
    },
}

/// An epoch as the vault numbers it (`20262`, `202606`): the one type for an on-chain epoch, shown with its label
/// where it has one, "20262 (2026-Q2)", and as the bare number otherwise (a malformed number in a revert).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EpochNumber(pub u64);

impl EpochNumber {
    /// The period it names, if it is a well-formed number of either cadence.
    pub fn label(self) -> Option<EpochLabel> {
        EpochLabel::from_any_epoch_number(self.0)
    }
}

impl fmt::Display for EpochNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.label() {
            Some(label) => write!(f, "{} ({label})", self.0),
            None => write!(f, "{}", self.0),
        }
    }
}

impl From<EpochLabel> for EpochNumber {
    fn from(label: EpochLabel) -> Self {
        Self(label.epoch_number())
    }
}

impl EpochLabel {
    /// The on-chain epoch number: `year*10+quarter` or `year*100+month`.
    pub fn epoch_number(&self) -> u64 {
        match *self {
            Self::Quarter { year, quarter } => year as u64 * 10 + quarter as u64,
            Self::Month { year, month } => year as u64 * 100 + month as u64,
        }
    }

    /// Inverse of [`epoch_number`](Self::epoch_number) for a given cadence.
    pub fn from_epoch_number(number: u64, cadence: Cadence) -> Result<Self, LabelError> {
        let label = match cadence {
            Cadence::Quarterly => Self::Quarter { year: (number / 10) as u16, quarter: (number % 10) as u8 },
            Cadence::Monthly => Self::Month { year: (number / 100) as u16, month: (number % 100) as u8 },
        };
        let back = label.to_string();
        back.parse::<Self>()
            .ok()
            .filter(|l| l.epoch_number() == number)
            .ok_or_else(|| LabelError { label: number.to_string(), problem: LabelProblem::NotAnEpochNumber(cadence) })
    }

    /// The label of an epoch number of either cadence: quarterly numbers (`20262`) and monthly ones (`202606`) never
    /// overlap, so a number alone (as in a revert or a log) names its period. `None` for any other number.
    pub fn from_any_epoch_number(number: u64) -> Option<Self> {
        Self::from_epoch_number(number, Cadence::Quarterly)
            .or_else(|_| Self::from_epoch_number(number, Cadence::Monthly))
            .ok()
    }

    /// The cadence this label belongs to.
    pub fn cadence(&self) -> Cadence {
        match self {
            Self::Quarter { .. } => Cadence::Quarterly,
            Self::Month { .. } => Cadence::Monthly,
        }
    }

    /// The period containing `at`.
    pub fn containing(at: DateTime<Utc>, cadence: Cadence) -> Self {
        let (year, month) = (at.year() as u16, at.month() as u8);
        match cadence {
            Cadence::Quarterly => Self::Quarter { year, quarter: (month - 1) / 3 + 1 },
            Cadence::Monthly => Self::Month { year, month },
        }
    }

    /// The period after this one.
    pub fn next(&self) -> Self {
        match *self {
            Self::Quarter { year, quarter: 4 } => Self::Quarter { year: year + 1, quarter: 1 },
            Self::Quarter { year, quarter } => Self::Quarter { year, quarter: quarter + 1 },
            Self::Month { year, month: 12 } => Self::Month { year: year + 1, month: 1 },
            Self::Month { year, month } => Self::Month { year, month: month + 1 },
        }
    }

    /// First (year, month) of the period.
    fn first_month(&self) -> (i32, u32) {
        match *self {
            Self::Quarter { year, quarter } => (year as i32, (quarter as u32 - 1) * 3 + 1),
            Self::Month { year, month } => (year as i32, month as u32),
        }
    }

    /// Last (year, month) of the period.
    fn last_month(&self) -> (i32, u32) {
        let (y, m) = self.first_month();
        match self {
            Self::Quarter { .. } => (y, m + 2),
            Self::Month { .. } => (y, m),
        }
    }

    /// Start of the period (inclusive), 00:00 UTC on its first day.
    pub fn start(&self) -> DateTime<Utc> {
        let (y, m) = self.first_month();
        midnight(y, m, 1)
    }

    /// End of the period (exclusive): 00:00 UTC on the first day of the next period.
    pub fn end(&self) -> DateTime<Utc> {
        self.next().start()
    }
}

fn midnight(year: i32, month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, 0, 0, 0).single().expect("valid calendar date")
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    let first_next = NaiveDate::from_ymd_opt(ny, nm, 1).expect("valid date");
    first_next.pred_opt().expect("valid date").day()
}

impl fmt::Display for EpochLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Self::Month { year, month } => write!(f, "{year:04}-{month:02}"),
        }
    }
}

impl FromStr for EpochLabel {
    type Err = LabelError;

    /// Parses `YYYY-Qn` (n in 1..=4) or `YYYY-MM` (MM in 01..=12), years 2000..=9999 (the vault's range).
    fn from_str(s: &str) -> Result<Self, LabelError> {
        let bad = |problem| LabelError { label: s.to_string(), problem };
        let (y, rest) = s.trim().split_once('-').ok_or_else(|| bad(LabelProblem::Format))?;
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(LabelProblem::Year));
        }
        let year: u16 = y.parse().map_err(|_| bad(LabelProblem::Year))?;
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Err(bad(LabelProblem::YearOutOfRange));
        }
        if let Some(q) = rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')) {
            match q.parse::<u8>() {
                Ok(quarter @ 1..=4) if q.len() == 1 => Ok(Self::Quarter { year, quarter }),
                _ => Err(bad(LabelProblem::Quarter)),
            }
        } else {
            match rest.parse::<u8>() {
                Ok(month @ 1..=12) if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Self::Month { year, month })
                }
                _ => Err(bad(LabelProblem::Month)),
            }
        }
    }
}

impl Serialize for EpochLabel {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EpochLabel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

/// The days of the reporting cycle, configurable per program. Defaults follow the Rocket Pool proposal: the
/// reporting thread opens on the 15th of the period's last month, reports are accepted until the 29th, amounts are
/// computed on the last day, paid on the 1st, at a 7-day TWAP ending at payday.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScheduleConfig {
    /// Day of the period's last month the reporting thread opens (clamped to the month's length).
    pub reports_open_day: u32,
    /// Last day of the period's last month reports are accepted (inclusive; clamped to the month's length).
    pub reports_close_day: u32,
    /// Length of the TWAP window in days; the window ends at payday.
    pub twap_days: u32,
}

impl Default for ScheduleConfig {
    fn default() -> Self {
        Self { reports_open_day: 15, reports_close_day: 29, twap_days: 7 }
    }
}

/// Every date of one period, all UTC. Ends are exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// The period.
    pub label: EpochLabel,
    /// Its on-chain epoch number.
    pub epoch: u64,
    /// First instant of the period.
    pub period_start: DateTime<Utc>,
    /// First instant after the period (= payday).
    pub period_end: DateTime<Utc>,
    /// The reporting thread opens (00:00 on the open day).
    pub reports_open: DateTime<Utc>,
    /// Reports are no longer accepted from this instant (00:00 the day after the close day).
    pub reports_close: DateTime<Utc>,
    /// Start of the period's last day, when the committee computes the list.
    pub compute_day: DateTime<Utc>,
    /// TWAP window start (payday − `twap_days`).
    pub twap_start: DateTime<Utc>,
    /// TWAP window end (= payday).
    pub twap_end: DateTime<Utc>,
    /// The first day after the period, when the root is posted and helpers are paid.
    pub payday: DateTime<Utc>,
}

impl Schedule {
    /// Computes the schedule of `label` under `config`.
    pub fn new(label: EpochLabel, config: &ScheduleConfig) -> Self {
        let (y, m) = label.last_month();
        let dim = days_in_month(y, m);
        let period_end = label.end();
        let reports_open = midnight(y, m, config.reports_open_day.clamp(1, dim));
        let reports_close = midnight(y, m, config.reports_close_day.clamp(1, dim)) + Duration::days(1);
        Self {
            label,
            epoch: label.epoch_number(),
            period_start: label.start(),
            period_end,
            reports_open,
            reports_close: reports_close.min(period_end),
            compute_day: midnight(y, m, dim),
            twap_start: period_end - Duration::days(config.twap_days as i64),
            twap_end: period_end,
            payday: period_end,
        }
    }
}

/// An epoch label or number that is refused, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid epoch label `{label}`: {problem}")]
pub struct LabelError {
    /// The label or epoch number as given.
    pub label: String,
    /// Why it is refused.
    pub problem: LabelProblem,
}

/// Why an epoch label or number is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LabelProblem {
    /// Neither `YYYY-Qn` nor `YYYY-MM`.
    #[error("expected YYYY-Qn or YYYY-MM")]
    Format,
    /// The year is not four digits.
    #[error("year must be four digits")]
    Year,
    /// Outside the vault's years, 2000 to 9999.
    #[error("year outside 2000..9999")]
    YearOutOfRange,
    /// Quarter outside 1..=4.
    #[error("quarter must be Q1..Q4")]
    Quarter,
    /// Month not two digits in 01..=12.
    #[error("month must be two digits, 01..12")]
    Month,
    /// An on-chain epoch number that is not a label of this cadence.
    #[error("not a {0:?} epoch number")]
    NotAnEpochNumber(Cadence),
    /// A well-formed label of the other cadence.
    #[error("program `{program}` is {}", match cadence {
        Cadence::Quarterly => "quarterly (labels like 2026-Q2)",
        Cadence::Monthly => "monthly (labels like 2026-06)",
    })]
    WrongCadence {
        /// The program's name.
        program: String,
        /// The program's cadence.
        cadence: Cadence,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_numbers_show_their_label() {
        assert_eq!(EpochNumber(20262).to_string(), "20262 (2026-Q2)");
        assert_eq!(EpochNumber(202606).to_string(), "202606 (2026-06)");
        assert_eq!(EpochNumber(7).to_string(), "7");
        assert_eq!(EpochNumber::from("2026-Q2".parse::<EpochLabel>().unwrap()), EpochNumber(20262));
    }

    #[test]
    fn labels_round_trip_and_number() {
        let q: EpochLabel = "2026-Q2".parse().unwrap();
        assert_eq!(q.epoch_number(), 20262);
        assert_eq!(q.to_string(), "2026-Q2");
        let m: EpochLabel = "2026-06".parse().unwrap();
        assert_eq!(m.epoch_number(), 202606);
        assert_eq!(m.to_string(), "2026-06");
        assert_eq!(EpochLabel::from_epoch_number(20262, Cadence::Quarterly).unwrap(), q);
        assert_eq!(EpochLabel::from_epoch_number(202606, Cadence::Monthly).unwrap(), m);
        assert!(EpochLabel::from_epoch_number(20265, Cadence::Quarterly).is_err());
        assert_eq!(EpochLabel::from_any_epoch_number(20262), Some(q));
        assert_eq!(EpochLabel::from_any_epoch_number(202606), Some(m));
        for odd in [7, 20265, 202613, 202600, 1_000_000_000] {
            assert_eq!(EpochLabel::from_any_epoch_number(odd), None, "{odd}");
        }
        for bad in ["2026-Q5", "2026-Q0", "2026-13", "2026-00", "26-Q1", "2026", "2026-6", "x-Q1"] {
            assert!(bad.parse::<EpochLabel>().is_err(), "{bad}");
        }
    }

    #[test]
    fn epoch_numbers_increase() {
        let mut l: EpochLabel = "2025-Q3".parse().unwrap();
        for _ in 0..12 {
            let n = l.next();
            assert!(n.epoch_number() > l.epoch_number());
            l = n;
        }
        let mut l: EpochLabel = "2025-11".parse().unwrap();
        for _ in 0..30 {
            let n = l.next();
            assert!(n.epoch_number() > l.epoch_number());
            l = n;
        }
    }

    #[test]
    fn quarterly_schedule() {
        let s = Schedule::new("2026-Q2".parse().unwrap(), &ScheduleConfig::default());
        assert_eq!(s.period_start.to_rfc3339(), "2026-04-01T00:00:00+00:00");
        assert_eq!(s.period_end.to_rfc3339(), "2026-07-01T00:00:00+00:00");
        assert_eq!(s.reports_open.to_rfc3339(), "2026-06-15T00:00:00+00:00");
        assert_eq!(s.reports_close.to_rfc3339(), "2026-06-30T00:00:00+00:00");
        assert_eq!(s.compute_day.to_rfc3339(), "2026-06-30T00:00:00+00:00");
        assert_eq!(s.twap_start.to_rfc3339(), "2026-06-24T00:00:00+00:00");
        assert_eq!(s.payday, s.twap_end);
        let q4 = Schedule::new("2026-Q4".parse().unwrap(), &ScheduleConfig::default());
        assert_eq!(q4.payday.to_rfc3339(), "2027-01-01T00:00:00+00:00");
    }

    #[test]
    fn monthly_schedule_clamps_february() {
        let s = Schedule::new("2026-02".parse().unwrap(), &ScheduleConfig::default());
        assert_eq!(s.reports_close.to_rfc3339(), "2026-03-01T00:00:00+00:00");
        assert_eq!(s.compute_day.to_rfc3339(), "2026-02-28T00:00:00+00:00");
        assert_eq!(s.twap_start.to_rfc3339(), "2026-02-22T00:00:00+00:00");
        let at = Utc.with_ymd_and_hms(2026, 5, 17, 12, 0, 0).unwrap();
        assert_eq!(EpochLabel::containing(at, Cadence::Quarterly).to_string(), "2026-Q2");
        assert_eq!(EpochLabel::containing(at, Cadence::Monthly).to_string(), "2026-05");
    }
}
