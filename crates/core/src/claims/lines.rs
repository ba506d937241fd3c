//! The claims file of a program with budget lines (format v3): per line its inputs, cap, total and dropped rows;
//! per claim its amount and value in each line that pays it. Both formats are read through [`LineView`], so
//! `verify` re-runs a v2 file's one rule and a v3 file's every line the same way.

use super::{ClaimEntry, ClaimsFile, DroppedEntry, CLAIMS_FORMAT_LINES};
use crate::{
    allocation::AllocationParams,
    calendar::Schedule,
    config::ProgramConfig,
    decimal::Decimal,
    error::{AllocationError, Result},
    lines::{combine, LineAllocation, MAIN_LINE},
    merkle::StandardMerkleTree,
    quality::{Kpis, Score},
    serde_helpers::display_str,
    shares::ShareRow,
    twap::PriceRecord,
    units::Measure,
};
use alloy_primitives::{Address, U256};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One budget line of a v3 claims file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineRecord {
    /// The line's name in the program config.
    pub name: String,
    /// Its rule, budget (after any tip match), cap and the token's decimals.
    pub allocation: AllocationParams,
    /// The CSV column its rule read.
    pub measure: Measure,
    /// Whether its budget is the lump plus the period's matched tips (the file's `tips`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub matches_tips: bool,
    /// The token cap that applied to it, base units.
    #[serde(with = "display_str")]
    pub cap: U256,
    /// What it pays in all, base units.
    #[serde(with = "display_str")]
    pub total: U256,
    /// Its rows that got nothing, and why.
    pub dropped: Vec<DroppedEntry>,
    /// Where its rows came from, when an intake derived them (a Discord vote round, a helpdesk's tickets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intake: Option<crate::sources::record::IntakeRecord>,
}

/// One line's part of a claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinePart {
    /// The line.
    pub line: String,
    /// The measure value the line read for the account.
    pub value: Decimal,
    /// What the line pays the account, base units.
    #[serde(with = "display_str")]
    pub amount: U256,
    /// In a `quality` line: each target with the account's measure and whether it was met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
}

impl LinePart {
    /// The KPI measures the part's score records (none outside a `quality` line).
    pub fn kpis(&self) -> Kpis {
        let mut kpis = Kpis::default();
        for result in self.score.iter().flat_map(|s| &s.results) {
            kpis.set(result.kpi, result.value);
        }
        kpis
    }
}

/// A line as verification reads it, from either format.
#[derive(Clone, Debug)]
pub struct LineView<'a> {
    /// `main` for a v2 file.
    pub name: &'a str,
    /// The allocation inputs.
    pub params: &'a AllocationParams,
    /// The column read.
    pub measure: Measure,
    /// The cap recorded for it.
    pub cap: U256,
    /// Whether the tips sized its budget.
    pub matches_tips: bool,
    /// The claims it pays: the claim's index, the row it read and the amount recorded for it.
    pub paid: Vec<(u64, ShareRow, U256)>,
    /// In a `quality` line, each paid claim's recorded score (None where the file has none), as `paid` is ordered.
    pub scores: Vec<Option<&'a Score>>,
    /// Its dropped rows.
    pub dropped: &'a [DroppedEntry],
}

impl LineView<'_> {
    /// What the line pays in all, as the file records it per claim.
    pub fn total(&self) -> U256 {
        self.paid.iter().fold(U256::ZERO, |sum, (_, _, amount)| sum.saturating_add(*amount))
    }
}

impl ClaimsFile {
    /// Assembles a v3 file from each line's allocation: the leaves are the lines summed per account, over
    /// `epoch_cap` (base units) an error naming each line. `price` is the period's, shared by every line.
    pub fn build_lines(
        config: &ProgramConfig,
        schedule: &Schedule,
        lines: &[LineAllocation],
        price: Option<PriceRecord>,
        matched_line: Option<&str>,
    ) -> Result<Self> {
        if lines.iter().any(|l| l.allocation.params.needs_price()) && price.is_none() {
            return Err(AllocationError::MissingPrice.into());
        }
        let epoch_cap = config.epoch_cap_units();
        let combined = combine(lines, epoch_cap).map_err(|e| AllocationError::OverEpochCap(Box::new(e)))?;
        if combined.leaves.is_empty() {
            return Err(AllocationError::NothingToPay.into());
        }
        let count =
            u32::try_from(combined.leaves.len()).map_err(|_| AllocationError::TooManyClaims(combined.leaves.len()))?;
        if combined.total > U256::from(u128::MAX) {
            return Err(AllocationError::TotalTooLarge(combined.total).into());
        }
        // The first row seen for an account gives its handle and note (the lines' CSVs may disagree on them).
        let mut rows: HashMap<Address, &ShareRow> = HashMap::new();
        let mut read: HashMap<(&str, Address), &ShareRow> = HashMap::new();
        for line in lines {
            for award in &line.allocation.awards {
                rows.entry(award.leaf.account).or_insert(&award.row);
                read.insert((line.name.as_str(), award.leaf.account), &award.row);
            }
        }
        let targets: HashMap<&str, _> =
            lines.iter().filter_map(|l| Some((l.name.as_str(), l.allocation.params.rule.targets()?))).collect();
        let claims = combined
            .leaves
            .iter()
            .zip(&combined.breakdown)
            .map(|(leaf, parts)| {
                let row = rows[&leaf.account];
                ClaimEntry {
                    index: leaf.index,
                    account: leaf.account,
                    amount: leaf.amount,
                    value: None,
                    lines: parts
                        .iter()
                        .map(|(name, amount)| {
                            let row = read[&(name.as_str(), leaf.account)];
                            LinePart {
                                line: name.clone(),
                                value: row.value,
                                amount: *amount,
                                score: targets.get(name.as_str()).map(|t| t.score(&row.kpis)),
                            }
                        })
                        .collect(),
                    handle: row.handle.clone(),
                    note: row.note.clone(),
                    report: None,
                }
            })
            .collect();
        let records = lines
            .iter()
            .map(|l| LineRecord {
                name: l.name.clone(),
                allocation: l.allocation.params.clone(),
                measure: l.allocation.params.rule.measure(),
                matches_tips: matched_line == Some(l.name.as_str()),
                cap: l.allocation.cap,
                total: l.allocation.total,
                dropped: l.allocation.dropped.iter().map(DroppedEntry::from).collect(),
                intake: None,
            })
            .collect();
        let line_caps = lines.iter().fold(U256::ZERO, |a, l| a.saturating_add(l.allocation.cap));
        let tree = StandardMerkleTree::of(combined.leaves)?;
        Ok(Self {
            format: CLAIMS_FORMAT_LINES.into(),
            program: config.name.clone(),
            chain_id: config.chain_id,
            vault: config.vault,
            deploy_block: config.deploy_block,
            token: config.token.clone(),
            epoch: schedule.epoch,
            label: schedule.label,
            period_start: schedule.period_start,
            period_end: schedule.period_end,
            computed_early: None,
            term: config.term,
            allocation: None,
            measure: None,
            lines: records,
            cap: epoch_cap.map_or(line_caps, |cap| cap.min(line_caps)),
            price,
            claims,
            dropped: Vec::new(),
            adjustments: Vec::new(),
            tips: None,
            root: tree.root(),
            total: combined.total,
            count,
            tree: tree.dump(),
        })
    }

    /// The file's lines as verification reads them: a v2 file's one rule as the line `main`, or a v3 file's lines
    /// with each claim's part in them.
    pub fn line_views(&self) -> Vec<LineView<'_>> {
        if let (Some(params), Some(measure)) = (&self.allocation, self.measure) {
            let paid = self
                .claims
                .iter()
                .map(|c| (c.index, c.row_with(c.value.unwrap_or_default(), Kpis::default()), c.amount))
                .collect();
            let matches_tips = self.tips.is_some();
            return vec![LineView {
                name: MAIN_LINE,
                params,
                measure,
                cap: self.cap,
                matches_tips,
                paid,
                scores: Vec::new(),
                dropped: &self.dropped,
            }];
        }
        self.lines
            .iter()
            .map(|line| {
                let parts: Vec<(&ClaimEntry, &LinePart)> = self
                    .claims
                    .iter()
                    .filter_map(|c| Some((c, c.lines.iter().find(|p| p.line == line.name)?)))
                    .collect();
                LineView {
                    name: &line.name,
                    params: &line.allocation,
                    measure: line.measure,
                    cap: line.cap,
                    matches_tips: line.matches_tips,
                    paid: parts.iter().map(|(c, p)| (c.index, c.row_with(p.value, p.kpis()), p.amount)).collect(),
                    scores: match line.allocation.rule.targets() {
                        Some(_) => parts.iter().map(|(_, p)| p.score.as_ref()).collect(),
                        None => Vec::new(),
                    },
                    dropped: &line.dropped,
                }
            })
            .collect()
    }

    /// The measure signed self-reports carry in this file: v2's, or in v3 `hours` when a line reads hours.
    pub fn reported_measure(&self) -> Option<Measure> {
        match self.measure {
            Some(m) => Some(m),
            None => self.lines.iter().map(|l| l.measure).find(|m| *m == Measure::Hours),
        }
    }

    /// The value a claim counted for the reported measure (what a signed report is compared with).
    pub fn counted_value(&self, claim: &ClaimEntry) -> Option<Decimal> {
        if self.measure.is_some() {
            return claim.value;
        }
        let measure = self.reported_measure()?;
        let line = self.lines.iter().find(|l| l.measure == measure)?;
        claim.lines.iter().find(|p| p.line == line.name).map(|p| p.value)
    }

    /// The budget the tips sized: the v2 file's, or the matching line's.
    pub fn matched_budget(&self) -> Option<crate::units::Money> {
        match &self.allocation {
            Some(a) => Some(a.budget),
            None => self.lines.iter().find(|l| l.matches_tips).map(|l| l.allocation.budget),
        }
    }
}

impl From<&crate::allocation::Dropped> for DroppedEntry {
    fn from(d: &crate::allocation::Dropped) -> Self {
        DroppedEntry {
            account: d.row.account,
            value: d.row.value,
            handle: d.row.handle.clone(),
            note: d.row.note.clone(),
            kpis: d.row.kpis,
            reason: d.reason.clone(),
        }
    }
}
