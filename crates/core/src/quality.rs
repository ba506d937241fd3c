//! Pay tied to quality: each account's KPI measures (median first reply, median resolution, satisfaction) scored
//! against the targets a budget line declares. The score is the share of the line's targets the account met, an
//! exact fraction `met / targets` in [0, 1]; the `quality` rule pays `base × score`.
//!
//! Pass-or-miss per target, equally weighted, on purpose: it is what Perp's proposal states ("median response time
//! < 2 hours, median time to resolution < 1 day, customer satisfaction > 90 %") and anyone can re-check a claim by
//! reading three numbers. A leaf module (it depends on [`crate::decimal`] only).

use crate::decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Most decimals a KPI measure or target may carry (hours and percentages to the micro-unit).
pub const KPI_DECIMALS: u8 = 6;

/// A measure of support quality, one CSV column each (as the tickets intake writes them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kpi {
    /// Median hours from a ticket's creation to the helper's first reply; lower is better.
    FirstReplyHours,
    /// Median hours from creation to resolution; lower is better.
    ResolutionHours,
    /// Percentage of rated tickets rated good; higher is better.
    CsatPercent,
}

impl Kpi {
    /// Every KPI, in the order they are recorded and shown.
    pub const ALL: [Self; 3] = [Self::FirstReplyHours, Self::ResolutionHours, Self::CsatPercent];

    /// The CSV column (and JSON key) of the measure.
    pub fn column(self) -> &'static str {
        match self {
            Self::FirstReplyHours => "first_reply_hours",
            Self::ResolutionHours => "resolution_hours",
            Self::CsatPercent => "csat_percent",
        }
    }

    /// Whether a higher measure is better (then the target is a minimum).
    pub fn higher_is_better(self) -> bool {
        matches!(self, Self::CsatPercent)
    }

    /// The config key of its target in a `quality` rule's `targets`.
    pub fn target_key(self) -> &'static str {
        match self {
            Self::FirstReplyHours => "max_first_reply_hours",
            Self::ResolutionHours => "max_resolution_hours",
            Self::CsatPercent => "min_csat_percent",
        }
    }
}

/// An account's KPI measures for the period; a missing one (a helper with no rated tickets) meets no target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kpis {
    /// Median hours to first reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_reply_hours: Option<Decimal>,
    /// Median hours to resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution_hours: Option<Decimal>,
    /// Satisfaction, percent good of rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csat_percent: Option<Decimal>,
}

impl Kpis {
    /// The measure of `kpi`, if the account has one.
    pub fn get(&self, kpi: Kpi) -> Option<Decimal> {
        match kpi {
            Kpi::FirstReplyHours => self.first_reply_hours,
            Kpi::ResolutionHours => self.resolution_hours,
            Kpi::CsatPercent => self.csat_percent,
        }
    }

    /// Sets the measure of `kpi`.
    pub fn set(&mut self, kpi: Kpi, value: Option<Decimal>) {
        match kpi {
            Kpi::FirstReplyHours => self.first_reply_hours = value,
            Kpi::ResolutionHours => self.resolution_hours = value,
            Kpi::CsatPercent => self.csat_percent = value,
        }
    }

    /// Whether no measure is present.
    pub fn is_empty(&self) -> bool {
        Kpi::ALL.iter().all(|k| self.get(*k).is_none())
    }

    /// Only the measures `targets` reads (what a quality line's scores record).
    pub fn read_by(&self, targets: &Targets) -> Kpis {
        let mut out = Kpis::default();
        for (kpi, _) in targets.declared() {
            out.set(kpi, self.get(kpi));
        }
        out
    }
}

/// `first_reply_hours 1.5, resolution_hours —, csat_percent 100`: every measure, by its column name.
impl fmt::Display for Kpis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = Kpi::ALL
            .iter()
            .map(|k| format!("{} {}", k.column(), self.get(*k).map_or("—".to_string(), |v| v.to_string())))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

/// The targets a `quality` line declares: `targets = { max_first_reply_hours = "2", max_resolution_hours = "24",
/// min_csat_percent = "90" }`. A target is met at its bound (2 hours meets "at most 2").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// First reply within this many hours (median).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_first_reply_hours: Option<Decimal>,
    /// Resolution within this many hours (median).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_resolution_hours: Option<Decimal>,
    /// At least this percentage of rated tickets rated good.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_csat_percent: Option<Decimal>,
}

impl Targets {
    /// The target bound of `kpi`, if declared.
    pub fn get(&self, kpi: Kpi) -> Option<Decimal> {
        match kpi {
            Kpi::FirstReplyHours => self.max_first_reply_hours,
            Kpi::ResolutionHours => self.max_resolution_hours,
            Kpi::CsatPercent => self.min_csat_percent,
        }
    }

    /// The declared targets, in [`Kpi::ALL`] order.
    pub fn declared(&self) -> impl Iterator<Item = (Kpi, Decimal)> + '_ {
        Kpi::ALL.into_iter().filter_map(|k| self.get(k).map(|bound| (k, bound)))
    }

    /// How many targets are declared (the score's denominator).
    pub fn count(&self) -> u32 {
        self.declared().count() as u32
    }

    /// Scores `kpis`: each declared target with the measure, the bound and whether it was met.
    pub fn score(&self, kpis: &Kpis) -> Score {
        let results = self
            .declared()
            .map(|(kpi, bound)| {
                let value = kpis.get(kpi);
                let met = value.is_some_and(|v| if kpi.higher_is_better() { v >= bound } else { v <= bound });
                TargetResult { kpi, value, bound, met }
            })
            .collect();
        Score { results }
    }
}

/// Reads as `first reply ≤ 2 h, resolution ≤ 24 h, CSAT ≥ 90 %`.
impl fmt::Display for Targets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.declared().map(|(kpi, bound)| describe(kpi, bound, "")).collect();
        f.write_str(&parts.join(", "))
    }
}

/// `first reply ≤ 2 h`, or with the account's measure `first reply 1.5 ≤ 2 h` (`value` is " 1.5").
fn describe(kpi: Kpi, bound: Decimal, value: &str) -> String {
    match kpi {
        Kpi::FirstReplyHours => format!("first reply{value} ≤ {bound} h"),
        Kpi::ResolutionHours => format!("resolution{value} ≤ {bound} h"),
        Kpi::CsatPercent => format!("CSAT{value} ≥ {bound} %"),
    }
}

/// One target as scored for one account; recorded per claim in the claims file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetResult {
    /// The measure.
    pub kpi: Kpi,
    /// The account's measure (absent: no measure, not met).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    /// The target's bound (a maximum for hours, a minimum for CSAT).
    pub bound: Decimal,
    /// Whether the measure meets the bound.
    pub met: bool,
}

/// An account's score: every declared target with its outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// Per target, in [`Kpi::ALL`] order.
    pub results: Vec<TargetResult>,
}

impl Score {
    /// Targets met (the score's numerator).
    pub fn met(&self) -> u32 {
        self.results.iter().filter(|r| r.met).count() as u32
    }

    /// Targets declared (the score's denominator).
    pub fn of(&self) -> u32 {
        self.results.len() as u32
    }
}

/// `2/3 (first reply 1.5 ≤ 2 h ✓, resolution 30 ≤ 24 h ✗, CSAT 95 ≥ 90 % ✓)`.
impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .results
            .iter()
            .map(|r| {
                let value = r.value.map_or_else(|| " none".to_string(), |v| format!(" {v}"));
                let mark = if r.met { '✓' } else { '✗' };
                format!("{} {mark}", describe(r.kpi, r.bound, &value))
            })
            .collect();
        write!(f, "{}/{} ({})", self.met(), self.of(), parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn perp() -> Targets {
        Targets {
            max_first_reply_hours: Some(d("2")),
            max_resolution_hours: Some(d("24")),
            min_csat_percent: Some(d("90")),
        }
    }

    #[test]
    fn a_target_is_met_at_its_bound_and_a_missing_measure_meets_none() {
        let kpis = Kpis { first_reply_hours: Some(d("2")), resolution_hours: Some(d("24.000001")), csat_percent: None };
        let score = perp().score(&kpis);
        assert_eq!((score.met(), score.of()), (1, 3));
        assert_eq!(score.to_string(), "1/3 (first reply 2 ≤ 2 h ✓, resolution 24.000001 ≤ 24 h ✗, CSAT none ≥ 90 % ✗)");
        let all =
            Kpis { first_reply_hours: Some(d("0.5")), resolution_hours: Some(d("3")), csat_percent: Some(d("90")) };
        assert_eq!(perp().score(&all).met(), 3);
    }

    #[test]
    fn only_declared_targets_count() {
        let targets = Targets { min_csat_percent: Some(d("90")), ..Targets::default() };
        let score = targets.score(&Kpis { csat_percent: Some(d("89.9")), ..Kpis::default() });
        assert_eq!((score.met(), score.of()), (0, 1));
        assert_eq!(targets.to_string(), "CSAT ≥ 90 %");
    }
}
