//! Budget lines and the term: a period's pay as the DAOs wrote it — several lines (Perp's $8 000 of educators'
//! plans and $2 000 of initiatives; Rocket Pool's hourly pay and its matched tip jar), each computed exactly as a
//! one-line program with its own budget, rule, rows, rounding and cap, then summed per account into the period's
//! one tree. The sum may not exceed the vault's epoch cap: nothing is scaled across lines.

use crate::{
    allocation::{Allocation, Rule},
    calendar::EpochLabel,
    decimal::Decimal,
    error::OverEpochCap,
    merkle::ClaimLeaf,
    tips::Budget,
};
use alloy_primitives::{Address, U256};
use serde::{Deserialize, Serialize};
use std::{collections::BTreeMap, fmt};

/// The name of the one line of a program written with a single `[budget]` and `[rule]`.
pub const MAIN_LINE: &str = "main";

/// One `[[line]]` of the program config.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineConfig {
    /// Lower-case, unique: what `--shares NAME=PATH`, adjustments and the claims file call it.
    pub name: String,
    /// The line's budget, in the forms `[budget]` takes (`tokens`, `usd`, `match`).
    pub budget: Budget,
    /// The line's rule, with the keys `[rule]` takes.
    pub rule: Rule,
    /// The most the line pays in a period, in whole tokens (besides its budget and the vault's epoch cap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Decimal>,
}

impl LineConfig {
    /// Whether `name` is a usable line name: lower-case letters, digits and `-`, starting with a letter.
    pub fn is_valid_name(name: &str) -> bool {
        name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    }
}

/// `term = { first = "2023-06", periods = 6 }`: the periods a program was approved for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The first paid period.
    pub first: EpochLabel,
    /// How many periods, the first included.
    pub periods: u32,
}

impl Term {
    /// `label`'s place in the term, 1-based, or `None` outside it (before the first or after the last).
    pub fn position(&self, label: EpochLabel) -> Option<u32> {
        let mut at = self.first;
        for n in 1..=self.periods {
            if at == label {
                return Some(n);
            }
            at = at.next();
        }
        None
    }

    /// The term's last period.
    pub fn last(&self) -> EpochLabel {
        (1..self.periods).fold(self.first, |at, _| at.next())
    }

    /// Whether every period of the term has ended by `label` (the term's last period is before `label`).
    pub fn ended_before(&self, label: EpochLabel) -> bool {
        self.last() < label
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} periods from {} to {}", self.periods, self.first, self.last())
    }
}

/// One line's outcome for a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineAllocation {
    /// The line's name.
    pub name: String,
    /// What its rule computed, as a one-line program would.
    pub allocation: Allocation,
}

/// The lines summed per account: the period's leaves, and each account's amount per line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Combined {
    /// `(index, account, Σ lines)`, sorted by account; `index` = position.
    pub leaves: Vec<ClaimLeaf>,
    /// Per leaf, the lines that pay it and how much (in the lines' order).
    pub breakdown: Vec<Vec<(String, U256)>>,
    /// Sum of every line's total.
    pub total: U256,
}

/// Sums the lines per account. `epoch_cap` (base units) bounds the sum; over it is an error naming each line.
pub fn combine(lines: &[LineAllocation], epoch_cap: Option<U256>) -> Result<Combined, OverEpochCap> {
    let mut per_account: BTreeMap<Address, Vec<(String, U256)>> = BTreeMap::new();
    let mut total = U256::ZERO;
    for line in lines {
        total += line.allocation.total;
        for award in &line.allocation.awards {
            per_account.entry(award.leaf.account).or_default().push((line.name.clone(), award.leaf.amount));
        }
    }
    if let Some(cap) = epoch_cap.filter(|cap| total > *cap) {
        let totals = lines.iter().map(|l| (l.name.clone(), l.allocation.total)).collect();
        return Err(OverEpochCap { lines: totals, total, cap, excess: total - cap });
    }
    let (mut leaves, mut breakdown) = (Vec::with_capacity(per_account.len()), Vec::with_capacity(per_account.len()));
    for (index, (account, parts)) in per_account.into_iter().enumerate() {
        let amount = parts.iter().fold(U256::ZERO, |a, (_, x)| a + *x);
        leaves.push(ClaimLeaf { index: index as u64, account, amount });
        breakdown.push(parts);
    }
    Ok(Combined { leaves, breakdown, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_counts_its_periods() {
        let term = Term { first: "2023-06".parse().unwrap(), periods: 6 };
        assert_eq!(term.position("2023-06".parse().unwrap()), Some(1));
        assert_eq!(term.position("2023-08".parse().unwrap()), Some(3));
        assert_eq!(term.position("2023-11".parse().unwrap()), Some(6));
        assert_eq!(term.position("2023-12".parse().unwrap()), None);
        assert_eq!(term.position("2023-05".parse().unwrap()), None);
        assert_eq!(term.last().to_string(), "2023-11");
        let quarters = Term { first: "2025-Q4".parse().unwrap(), periods: 2 };
        assert_eq!(quarters.last().to_string(), "2026-Q1");
        assert!(quarters.ended_before("2026-Q2".parse().unwrap()));
    }

    #[test]
    fn line_names() {
        for ok in ["main", "educators", "kpi-initiatives", "line2"] {
            assert!(LineConfig::is_valid_name(ok), "{ok}");
        }
        for bad in ["", "Main", "2nd", "tip jar", "-x"] {
            assert!(!LineConfig::is_valid_name(bad), "{bad}");
        }
    }
}
