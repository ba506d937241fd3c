//! The period report the DAO posts: per budget line what was budgeted and how (price, window, tips and their
//! match), allocated, paid, still claimable, expired or swept; how many helpers; vetoes and disputes with their
//! reasons; each helper's quality score where a line scores one. And the term report: the periods so far against
//! what the DAO approved. Markdown ready to paste into a forum post, and JSON.
//!
//! Built from the same claims files and the same payments as [`super::join`]'s ledger, so the report and the
//! ledger cannot disagree; what only the chain knows (the epoch's phase, vetoes, disputes, sweeps) comes in as
//! [`OnChain`], read by the chain layer.

use super::{cents, Payment};
use crate::{claims::ClaimsFile, decimal::Decimal, units::Money};
use alloy_primitives::{Address, U256};
use serde::Serialize;
use std::fmt::Write as _;

/// The `format` of `bounty ledger --report --json`: a period report as published beside the claims files.
pub const PERIOD_REPORT_FORMAT: &str = "support-bounty-period-report-v1";

/// What the chain says about one period's epoch.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OnChain {
    /// The epoch's phase now (`pending`, `active`, `expired`, `swept`, `vetoed`, `disputed`, `not posted`).
    pub phase: String,
    /// Whether the vault's root for the epoch is this file's.
    pub posted: bool,
    /// Unclaimed base units still in the epoch.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub remaining: U256,
    /// When the claim window ends (unix seconds; 0 if not posted).
    pub expires_at: u64,
    /// Base units returned to the budget by a sweep.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub swept: U256,
    /// Each veto: who, and what it released.
    pub vetoes: Vec<Veto>,
    /// Each dispute: who, why, how it ended.
    pub disputes: Vec<Dispute>,
}

/// A veto of the period's root.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Veto {
    /// The signer or guardian.
    pub by: Address,
    /// The vetoed total, base units.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub released: U256,
}

/// A dispute of the period's root.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dispute {
    /// Who disputed.
    pub disputer: Address,
    /// Their reason, as posted.
    pub reason: String,
    /// `Some(true)`: upheld (the root was vetoed); `Some(false)`: rejected; `None`: open or expired.
    pub upheld: Option<bool>,
}

/// One budget line of the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LineSummary {
    /// The line (`main` for a one-line program).
    pub name: String,
    /// The rule, as it reads.
    pub rule: String,
    /// The budget as the config states it (`$8000`, `1000 tokens`), after any tip match.
    pub budget: String,
    /// Its token cap, base units.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub cap: U256,
    /// Allocated, base units.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub allocated: U256,
    /// Paid so far, base units.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub paid: U256,
    /// Accounts it pays.
    pub helpers: usize,
    /// Rows it left out.
    pub dropped: usize,
}

/// One helper's quality score in a line that scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scored {
    /// The line.
    pub line: String,
    /// The account.
    pub account: Address,
    /// Its handle, if any.
    pub handle: Option<String>,
    /// `2/3 (first reply 1.5 ≤ 2 h ✓, …)`, or why it got nothing.
    pub score: String,
}

/// Everything one period's report says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PeriodReport {
    /// The program.
    pub program: String,
    /// The period.
    pub label: String,
    /// `period 2 of 6`, when the program has a term.
    pub term: Option<String>,
    /// The token.
    pub symbol: String,
    /// Its decimals.
    pub decimals: u8,
    /// The price and its source, if the program has one: `$1.0285… per PERP, Chainlink TWAP 2026-06-24 → 07-01`.
    pub price: Option<String>,
    /// The period's recorded price, 18 decimals.
    #[serde(with = "opt_str")]
    pub usd_per_token: Option<U256>,
    /// The tips and their match: `3 tips of 125 RPL, matched 200 %: +250 RPL`.
    pub tips: Option<String>,
    /// Per line.
    pub lines: Vec<LineSummary>,
    /// Accounts paid by any line.
    pub helpers: usize,
    /// Allocated in all, base units.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub allocated: U256,
    /// Paid so far (the ledger's payments of the period), base units.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub paid: U256,
    /// Payments so far.
    pub payments: usize,
    /// The chain's side.
    pub on_chain: OnChain,
    /// Quality scores, where a line scores.
    pub scores: Vec<Scored>,
    /// Where intake-derived lines' rows came from: `tips: the vote round in support.json`.
    pub intakes: Vec<String>,
    /// The support channel's engagement, where an intake recorded it: `#support: 412 message(s) from 37 author(s)
    /// over 91 days, 0.87 a week per author (from support.json, line tips)`.
    pub engagement: Vec<String>,
}

mod opt_str {
    use alloy_primitives::U256;
    use serde::Serializer;

    pub(super) fn serialize<S: Serializer>(value: &Option<U256>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }
}

impl PeriodReport {
    /// The report of `file`'s period from its payments (the ledger's, of this period only) and the chain's side.
    pub fn new(file: &ClaimsFile, payments: &[Payment], on_chain: OnChain) -> Self {
        let d = file.token.decimals;
        let symbol = file.token.symbol.clone();
        let ours: Vec<&Payment> = payments.iter().filter(|p| p.label == file.label).collect();
        let views = file.line_views();
        let lines = views
            .iter()
            .map(|view| {
                let paid = if views.len() == 1 {
                    ours.iter().fold(U256::ZERO, |a, p| a.saturating_add(p.claimed.amount))
                } else {
                    ours.iter()
                        .flat_map(|p| p.lines.iter().filter(|l| l.line == view.name))
                        .fold(U256::ZERO, |a, l| a.saturating_add(l.amount))
                };
                LineSummary {
                    name: view.name.to_string(),
                    rule: view.params.rule.to_string(),
                    budget: view.params.budget.describe(&symbol),
                    cap: view.cap,
                    allocated: view.total(),
                    paid,
                    helpers: view.paid.len(),
                    dropped: view.dropped.len(),
                }
            })
            .collect();
        let scores = views
            .iter()
            .filter(|v| !v.scores.is_empty())
            .flat_map(|v| {
                let paid = v.paid.iter().zip(&v.scores).map(|((_, row, _), score)| Scored {
                    line: v.name.to_string(),
                    account: row.account,
                    handle: row.handle.clone(), // the claim's own, carried by its row
                    score: score.map_or_else(|| "no score recorded".into(), ToString::to_string),
                });
                let dropped = v.dropped.iter().map(|e| Scored {
                    line: v.name.to_string(),
                    account: e.account,
                    handle: e.handle.clone(),
                    score: format!("nothing: {}", e.reason),
                });
                paid.chain(dropped).collect::<Vec<_>>()
            })
            .collect();
        let price = file.price.as_ref().map(|p| {
            let w = p.source.window();
            let day = |t: u64| {
                chrono::DateTime::from_timestamp(t as i64, 0)
                    .map(|t| t.format("%Y-%m-%d").to_string())
                    .unwrap_or_default()
            };
            let source = match &p.source {
                crate::twap::PriceProvenance::UniswapV3 { .. } => "Uniswap V3 TWAP",
                crate::twap::PriceProvenance::Chainlink { .. } => "Chainlink TWAP",
                crate::twap::PriceProvenance::Series { .. } => "price series",
            };
            let usd = Decimal::from_units(p.usd_per_token, 18);
            format!("${usd} per {symbol} ({source}, {} → {})", day(w.start_timestamp), day(w.end_timestamp))
        });
        let tips = file.tips.as_ref().map(|t| {
            let counting = t.contributions.iter().filter(|c| !t.rule.exclude.contains(&c.from)).count();
            format!(
                "{counting} tip(s) of {} {symbol} ({} contribution(s) in all), matched {} %, at most {} {symbol}: +{} {symbol}",
                Decimal::from_units(t.rule.tips(&t.contributions), d),
                t.contributions.len(),
                t.rule.percent,
                t.rule.cap,
                Decimal::from_units(t.matched, d)
            )
        });
        let intakes = file
            .lines
            .iter()
            .filter_map(|l| l.intake.as_ref().map(|r| format!("{}: {}", l.name, r.describe())))
            .collect();
        let engagement = file
            .lines
            .iter()
            .filter_map(|l| l.intake.as_ref().map(|r| (l, r)))
            .filter_map(|(l, r)| match r {
                crate::sources::record::IntakeRecord::Votes(v) => v.engagement.as_ref().map(|e| (l, v, e)),
                crate::sources::record::IntakeRecord::Tickets(_) => None,
            })
            .map(|(l, r, e)| {
                format!(
                    "#{}: {} message(s) from {} author(s) over {} days, {} a week per author (from {}, line {})",
                    e.channel, e.messages, e.authors, e.days, e.weekly_per_author, r.source, l.name
                )
            })
            .collect();
        Self {
            program: file.program.clone(),
            label: file.label.to_string(),
            term: file.term.and_then(|t| t.position(file.label).map(|n| format!("period {n} of {}", t.periods))),
            symbol,
            decimals: d,
            price,
            usd_per_token: file.price.as_ref().map(|p| p.usd_per_token),
            tips,
            lines,
            helpers: file.claims.len(),
            allocated: file.total,
            paid: ours.iter().fold(U256::ZERO, |a, p| a.saturating_add(p.claimed.amount)),
            payments: ours.len(),
            on_chain,
            scores,
            intakes,
            engagement,
        }
    }

    /// `amount` in whole tokens, and its USD value at the period's price when there is one.
    fn tokens(&self, amount: U256) -> String {
        let tokens = format!("{} {}", Decimal::from_units(amount, self.decimals), self.symbol);
        match self.usd_per_token {
            Some(price) => format!("{tokens} (${})", cents(super::usd_value(amount, self.decimals, price))),
            None => tokens,
        }
    }

    /// The report as Markdown, ready to paste into a forum post.
    pub fn markdown(&self) -> String {
        let mut s = String::new();
        let term = self.term.as_ref().map(|t| format!(" ({t})")).unwrap_or_default();
        let _ = writeln!(s, "## {} — {}{term}\n", self.program, self.label);
        if let Some(price) = &self.price {
            let _ = writeln!(s, "- **Price:** {price}");
        }
        if let Some(tips) = &self.tips {
            let _ = writeln!(s, "- **Tips:** {tips}");
        }
        if !self.intakes.is_empty() {
            let _ =
                writeln!(s, "- **Read from:** {} (re-derivable: `bounty verify --sources`)", self.intakes.join("; "));
        }
        let _ = writeln!(s, "- **Helpers paid:** {}", self.helpers);
        let _ = writeln!(s, "- **Allocated:** {}", self.tokens(self.allocated));
        let _ = writeln!(s, "- **Paid so far:** {} in {} payment(s)", self.tokens(self.paid), self.payments);
        let c = &self.on_chain;
        let unpaid = self.allocated.saturating_sub(self.paid);
        match c.phase.as_str() {
            _ if !c.posted => {
                let _ =
                    writeln!(s, "- **On chain:** this file's root is not the vault's for {} ({})", self.label, c.phase);
            }
            "vetoed" => {
                let _ = writeln!(s, "- **On chain:** vetoed; nothing of it was claimable");
            }
            "swept" => {
                let _ = writeln!(s, "- **Expired and swept back to the budget:** {}", self.tokens(c.swept));
            }
            "expired" => {
                let _ = writeln!(s, "- **Expired, not yet swept:** {}", self.tokens(c.remaining));
            }
            phase => {
                let until = chrono::DateTime::from_timestamp(c.expires_at as i64, 0)
                    .map(|t| t.format("%Y-%m-%d").to_string())
                    .unwrap_or_default();
                let _ = writeln!(s, "- **Still claimable:** {} ({phase}, until {until})", self.tokens(unpaid));
            }
        }
        let _ = writeln!(s, "\n| line | rule | budget | allocated | paid | helpers | left out |");
        let _ = writeln!(s, "|---|---|---|---|---|---|---|");
        for l in &self.lines {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} |",
                l.name,
                l.rule,
                l.budget,
                self.tokens(l.allocated),
                self.tokens(l.paid),
                l.helpers,
                l.dropped
            );
        }
        if !c.vetoes.is_empty() || !c.disputes.is_empty() {
            let _ = writeln!(s, "\n**Vetoes and disputes**\n");
            for v in &c.vetoes {
                let _ = writeln!(s, "- vetoed by {} (released {})", v.by, self.tokens(v.released));
            }
            for d in &c.disputes {
                let outcome = match d.upheld {
                    Some(true) => "upheld",
                    Some(false) => "rejected",
                    None => "open or expired",
                };
                let _ = writeln!(s, "- disputed by {}: \"{}\" ({outcome})", d.disputer, d.reason.replace('\n', " "));
            }
        }
        if !self.engagement.is_empty() {
            let _ = writeln!(s, "\n**Engagement** (evidence, not pay)\n");
            for e in &self.engagement {
                let _ = writeln!(s, "- {e}");
            }
        }
        if !self.scores.is_empty() {
            let _ = writeln!(s, "\n**Quality scores**\n");
            for q in &self.scores {
                let who = q.handle.clone().unwrap_or_else(|| q.account.to_string());
                let _ = writeln!(s, "- {who} ({}): {}", q.line, q.score);
            }
        }
        s
    }
}

/// The term so far: the periods reported against what the DAO approved for the whole term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TermReport {
    /// The program.
    pub program: String,
    /// Periods reported.
    pub periods: usize,
    /// Periods in the term.
    pub of: u32,
    /// Allocated over the periods reported, base units.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub allocated: U256,
    /// Their USD value at each period's price, 18 decimals (when every period has one).
    pub allocated_usd: Option<Decimal>,
    /// What the DAO approved for the whole term: `$60,000.00`, or `6000 RPL` (token lines' lump sums).
    pub approved: String,
}

impl TermReport {
    /// The term report over `reports` (one per period, of one program), with the term and per-period budget from
    /// the first file's lines.
    pub fn new(file: &ClaimsFile, reports: &[PeriodReport]) -> Option<Self> {
        let term = file.term?;
        let views = file.line_views();
        let usd: Option<Decimal> = views.iter().try_fold(Decimal::ZERO, |sum, v| match v.params.budget {
            Money::Usd(d) => add(sum, d),
            Money::Tokens(_) => None,
        });
        let approved = match usd {
            Some(per_period) => format!("${}", cents(times(per_period, term.periods))),
            None => {
                // Token lines; a USD line's tokens are not known for the whole term in advance.
                let tokens = views.iter().try_fold(Decimal::ZERO, |sum, v| match v.params.budget {
                    Money::Tokens(d) => add(sum, d),
                    Money::Usd(_) => None,
                });
                match tokens {
                    Some(per_period) => format!("{} {}", times(per_period, term.periods), file.token.symbol),
                    None => "a mix of USD and token lines (see each period)".into(),
                }
            }
        };
        let allocated = reports.iter().fold(U256::ZERO, |a, r| a.saturating_add(r.allocated));
        let allocated_usd = reports
            .iter()
            .try_fold(Decimal::ZERO, |sum, r| add(sum, super::usd_value(r.allocated, r.decimals, r.usd_per_token?)));
        Some(Self {
            program: file.program.clone(),
            periods: reports.len(),
            of: term.periods,
            allocated,
            allocated_usd,
            approved,
        })
    }

    /// One Markdown paragraph: `$19 999.99 of $60000 approved, 2 of 6 periods`.
    pub fn markdown(&self, symbol: &str, decimals: u8) -> String {
        let spent = match self.allocated_usd {
            Some(usd) => format!("${} ({} {symbol})", cents(usd), Decimal::from_units(self.allocated, decimals)),
            None => format!("{} {symbol}", Decimal::from_units(self.allocated, decimals)),
        };
        format!(
            "## {} — the term so far\n\n{spent} allocated of {} approved, {} of {} periods.\n",
            self.program, self.approved, self.periods, self.of
        )
    }
}

fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale().max(b.scale());
    Some(Decimal::from_units(a.to_units(scale).ok()?.checked_add(b.to_units(scale).ok()?)?, scale))
}

fn times(d: Decimal, n: u32) -> Decimal {
    let units = d.to_units(d.scale()).unwrap_or_default();
    Decimal::from_units(units.saturating_mul(U256::from(n)), d.scale())
}
