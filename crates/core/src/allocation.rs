//! The allocation rules and their math: shares rows → integer token amounts per account.
//!
//! Every rule computes each account's exact rational amount `num_i / den`, then rounds with the largest-remainder
//! method: floor every share, hand the leftover out one base unit at a time by largest fractional remainder, ties
//! by ascending address. Rows are sorted by address first, so the same inputs in any order give the same result.

use crate::{
    decimal::Decimal,
    error::AllocationError,
    merkle::ClaimLeaf,
    quality::Targets,
    shares::{Columns, ShareRow},
    twap::PriceRecord,
    units::{narrow, ten_pow, FixedUnit, Measure, Money, MoneyError, HOURS_DECIMALS, PRICE_DECIMALS, USD_DECIMALS},
};
use alloy_primitives::{U256, U512};
use serde::{Deserialize, Serialize};
use std::fmt;

type Result<T, E = AllocationError> = std::result::Result<T, E>;

/// The allocation rules from the forum threads. In TOML: `[rule]` with `kind = "..."` and the rule's keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Rule {
    /// The whole budget split in proportion to hours (CSV column `hours`).
    ProRata,
    /// `rate × hours` (CSV column `hours`); scaled down in proportion when the sum exceeds the budget.
    Hourly {
        /// Pay per hour, in USD or tokens.
        rate: Money,
    },
    /// Per-account amounts (CSV column `usd` or `tokens`). Over the budget is an error unless `scale_to_cap`.
    Fixed {
        /// Whether the plans are in USD or tokens.
        unit: FixedUnit,
        /// Scale every plan down in proportion when they exceed the cap, instead of refusing.
        #[serde(default)]
        scale_to_cap: bool,
    },
    /// The whole budget split in proportion to votes (CSV column `votes`); accounts under `min_votes` are dropped.
    Votes {
        /// Fewer votes than this get nothing (the Rocket Pool thread's 5-vote minimum).
        min_votes: u64,
    },
    /// Per-account bases (CSV column `usd` or `tokens`, like `fixed`) each paid in proportion to the account's
    /// quality score, the share of `targets` its KPI columns meet. Over the budget is an error unless `scale_to_cap`.
    Quality {
        /// Whether the bases are in USD or tokens.
        base: FixedUnit,
        /// The KPI targets; at least one.
        targets: Targets,
        /// Scale every amount down in proportion when they exceed the cap, instead of refusing.
        #[serde(default)]
        scale_to_cap: bool,
    },
}

impl Rule {
    /// The CSV measure column this rule reads.
    pub fn measure(&self) -> Measure {
        match self {
            Self::ProRata | Self::Hourly { .. } => Measure::Hours,
            Self::Fixed { unit: FixedUnit::Usd, .. } | Self::Quality { base: FixedUnit::Usd, .. } => Measure::Usd,
            Self::Fixed { unit: FixedUnit::Tokens, .. } | Self::Quality { base: FixedUnit::Tokens, .. } => {
                Measure::Tokens
            }
            Self::Votes { .. } => Measure::Votes,
        }
    }

    /// Whether the rule always hands out the whole budget (then amounts sum to it exactly).
    pub fn distributes_budget(&self) -> bool {
        matches!(self, Self::ProRata | Self::Votes { .. })
    }

    /// Whether the rule itself is priced in USD.
    pub fn is_usd(&self) -> bool {
        matches!(
            self,
            Self::Hourly { rate: Money::Usd(_) }
                | Self::Fixed { unit: FixedUnit::Usd, .. }
                | Self::Quality { base: FixedUnit::Usd, .. }
        )
    }

    /// The CSV columns the rule reads: its measure and, for `quality`, each target's KPI column.
    pub fn columns(&self) -> Columns {
        let kpis = self.targets().map(|t| t.declared().map(|(kpi, _)| (kpi, kpi.target_key())).collect());
        Columns { measure: self.measure(), kpis: kpis.unwrap_or_default() }
    }

    /// The quality targets, for the `quality` rule.
    pub fn targets(&self) -> Option<&Targets> {
        match self {
            Self::Quality { targets, .. } => Some(targets),
            _ => None,
        }
    }

    /// The rule's `kind` as written in TOML (`pro-rata`, `hourly`, `fixed`, `votes`, `quality`).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::ProRata => "pro-rata",
            Self::Hourly { .. } => "hourly",
            Self::Fixed { .. } => "fixed",
            Self::Votes { .. } => "votes",
            Self::Quality { .. } => "quality",
        }
    }
}

/// How a rule reads in a report: `hourly at $30 per hour`, `votes (at least 5)`.
impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ProRata => f.write_str("pro-rata by hours"),
            Self::Hourly { rate: Money::Usd(r) } => write!(f, "hourly at ${r} per hour"),
            Self::Hourly { rate: Money::Tokens(r) } => write!(f, "hourly at {r} tokens per hour"),
            Self::Fixed { unit, scale_to_cap } => {
                write!(f, "fixed {} amounts, {}", unit_name(unit), over(*scale_to_cap))
            }
            Self::Votes { min_votes } => write!(f, "votes (at least {min_votes} to be paid)"),
            Self::Quality { base, targets, scale_to_cap } => {
                write!(f, "{} bases scaled by quality ({targets}), {}", unit_name(base), over(*scale_to_cap))
            }
        }
    }
}

fn unit_name(unit: &FixedUnit) -> &'static str {
    match unit {
        FixedUnit::Usd => "USD",
        FixedUnit::Tokens => "token",
    }
}

fn over(scale_to_cap: bool) -> &'static str {
    if scale_to_cap {
        "scaled down to the cap"
    } else {
        "refused over the cap"
    }
}

/// What an allocation needs besides the rows and the price: also stored in the claims file so `verify` can re-run it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationParams {
    /// The paid token's decimals.
    pub token_decimals: u8,
    /// The epoch's budget.
    pub budget: Money,
    /// How shares become amounts.
    pub rule: Rule,
    /// The vault's `epochCap` in whole tokens, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epoch_cap: Option<Decimal>,
}

impl AllocationParams {
    /// Whether a USD price is needed to compute amounts.
    pub fn needs_price(&self) -> bool {
        self.budget.is_usd() || self.rule.is_usd()
    }
}

/// One paid account: its leaf in the epoch's tree and the row that produced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Award {
    /// `(index, account, amount)`; `index` is the position in the claims list, which is sorted by address.
    pub leaf: ClaimLeaf,
    /// The row that produced it (measure value, handle, note).
    pub row: ShareRow,
}

/// Why a row is not in the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum DropReason {
    /// Fewer votes than the rule's `min_votes`.
    BelowMinVotes {
        /// The rule's minimum.
        min_votes: u64,
    },
    /// The account's amount rounded down to zero base units (or its measure was zero).
    ZeroAmount,
    /// The account's KPI measures met none of the `quality` rule's targets.
    NoTargetMet {
        /// How many targets the line declares.
        targets: u32,
    },
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BelowMinVotes { min_votes } => write!(f, "fewer than {min_votes} votes"),
            Self::ZeroAmount => f.write_str("its amount rounds down to zero"),
            Self::NoTargetMet { targets } => write!(f, "its measures met none of the {targets} quality target(s)"),
        }
    }
}

/// A row left out of the tree, reported rather than silently discarded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// The row.
    pub row: ShareRow,
    /// Why it gets nothing.
    pub reason: DropReason,
}

/// Something the committee should know about an allocation that is still valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// Hourly or fixed amounts exceeded the cap and were all scaled down in proportion.
    ScaledToCap {
        /// The cap, in base units.
        cap: U256,
    },
    /// Nobody receives anything.
    NothingPaid,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ScaledToCap { cap } => {
                write!(f, "amounts exceed the cap of {cap} base units; every amount scaled down in proportion")
            }
            Self::NothingPaid => f.write_str("no account receives anything this epoch"),
        }
    }
}

/// The outcome of a rule, with the inputs it was computed from: the claims file is built from this alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allocation {
    /// Rule, budget, cap and decimals.
    pub params: AllocationParams,
    /// The price the amounts were computed at, with its readings (None for token-only programs).
    pub price: Option<PriceRecord>,
    /// Paid accounts, sorted by address, `leaf.index` = position.
    pub awards: Vec<Award>,
    /// Rows left out, sorted by address.
    pub dropped: Vec<Dropped>,
    /// Sum of the awards' amounts.
    pub total: U256,
    /// The token cap that applied: min(budget in tokens, epoch cap).
    pub cap: U256,
    /// Notes for the committee.
    pub warnings: Vec<Warning>,
}

impl Allocation {
    /// The leaves of the epoch's tree, in index order.
    pub fn leaves(&self) -> impl ExactSizeIterator<Item = ClaimLeaf> + '_ {
        self.awards.iter().map(|a| a.leaf)
    }
}

/// Runs `params.rule` over `rows` at `price` (required when the budget or rule is in USD). Rows must have
/// distinct accounts (the CSV parser guarantees it).
pub fn allocate(params: &AllocationParams, rows: &[ShareRow], price: Option<PriceRecord>) -> Result<Allocation> {
    let usd_per_token = price.as_ref().map(|p| p.usd_per_token);
    let cap = cap_of(params, usd_per_token)?;
    let mut sorted: Vec<&ShareRow> = rows.iter().collect();
    sorted.sort_by_key(|r| r.account);
    if let Some(w) = sorted.windows(2).find(|w| w[0].account == w[1].account) {
        return Err(AllocationError::DuplicateAccount(w[0].account));
    }
    let mut dropped = Vec::new();
    if let Rule::Votes { min_votes } = params.rule {
        let (kept, below): (Vec<&ShareRow>, Vec<&ShareRow>) =
            sorted.into_iter().partition(|r| r.value.to_units(0).is_ok_and(|v| v >= U256::from(min_votes)));
        sorted = kept;
        let reason = DropReason::BelowMinVotes { min_votes };
        dropped.extend(below.into_iter().map(|r| Dropped { row: r.clone(), reason: reason.clone() }));
    }

    let mut warnings = Vec::new();
    let weights = weights(params, &sorted)?;
    let amounts = amounts(params, &weights, cap, usd_per_token, &mut warnings)?;

    let mut awards = Vec::new();
    let mut total = U256::ZERO;
    for (row, amount) in sorted.into_iter().zip(amounts) {
        if amount.is_zero() {
            let reason = match params.rule.targets() {
                Some(targets) if targets.score(&row.kpis).met() == 0 => {
                    DropReason::NoTargetMet { targets: targets.count() }
                }
                _ => DropReason::ZeroAmount,
            };
            dropped.push(Dropped { row: row.clone(), reason });
            continue;
        }
        total += amount;
        let leaf = ClaimLeaf { index: awards.len() as u64, account: row.account, amount };
        awards.push(Award { leaf, row: row.clone() });
    }
    dropped.sort_by_key(|d| d.row.account);
    if awards.is_empty() {
        warnings.push(Warning::NothingPaid);
    }
    debug_assert!(total <= cap);
    Ok(Allocation { params: params.clone(), price, awards, dropped, total, cap, warnings })
}

/// The token cap: the budget in tokens, and never more than the vault's epoch cap.
fn cap_of(params: &AllocationParams, usd_per_token: Option<U256>) -> Result<U256> {
    let money = |field| move |source| money_error(field, source);
    let mut cap = params.budget.to_tokens(params.token_decimals, usd_per_token).map_err(money("budget"))?;
    if let Some(epoch_cap) = &params.epoch_cap {
        let epoch_cap = epoch_cap.to_units(params.token_decimals).map_err(|e| money("epoch_cap")(e.into()))?;
        cap = cap.min(epoch_cap);
    }
    Ok(cap)
}

/// A missing price is its own error wherever it shows up; anything else names the config key.
fn money_error(field: &'static str, source: MoneyError) -> AllocationError {
    match source {
        MoneyError::MissingPrice => AllocationError::MissingPrice,
        source => AllocationError::Money { field, source },
    }
}

/// Each row's measure in its smallest unit (micro-hours, micro-dollars, base units, votes), widened to 512 bits;
/// for the `quality` rule times the targets the row met (the score's denominator is applied in [`amounts`]).
fn weights(params: &AllocationParams, rows: &[&ShareRow]) -> Result<Vec<U512>> {
    let measure = params.rule.measure();
    let scale = measure.max_decimals(params.token_decimals);
    rows.iter()
        .map(|r| {
            let units = r.value.to_units(scale).map(U512::from).map_err(|source| AllocationError::Measure {
                column: measure.column(),
                account: r.account,
                source,
            })?;
            Ok(match params.rule.targets() {
                Some(targets) => units * U512::from(targets.score(&r.kpis).met()),
                None => units,
            })
        })
        .collect()
}

/// Each rule's exact amounts as `num_i / den`, in U512 so products of U256 inputs fit; then floored under the cap
/// or split by largest remainder.
fn amounts(
    params: &AllocationParams,
    weights: &[U512],
    cap: U256,
    usd_per_token: Option<U256>,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<U256>> {
    let decimals = u32::from(params.token_decimals);
    let price = || usd_per_token.filter(|p| !p.is_zero()).map(U512::from).ok_or(AllocationError::MissingPrice);
    let scaled = |per_weight: U512| weights.iter().map(|w| checked_mul(*w, per_weight)).collect::<Result<Vec<_>>>();
    let (nums, den, scale_to_cap) = match params.rule {
        Rule::ProRata | Rule::Votes { .. } => return split(cap, weights),
        // Hours are micro-hours; a token rate is base units per hour; a USD rate is micro-dollars per hour.
        Rule::Hourly { rate: Money::Tokens(d) } => {
            let rate = d.to_units(params.token_decimals).map_err(|e| money_error("rule.rate", e.into()))?;
            (scaled(U512::from(rate))?, ten_pow(u32::from(HOURS_DECIMALS)), true)
        }
        Rule::Hourly { rate: Money::Usd(d) } => {
            let rate = d.to_units(USD_DECIMALS).map_err(|e| money_error("rule.rate", e.into()))?;
            let den = ten_pow(u32::from(HOURS_DECIMALS) + u32::from(USD_DECIMALS)) * price()?;
            (scaled(U512::from(rate) * ten_pow(decimals + u32::from(PRICE_DECIMALS)))?, den, true)
        }
        Rule::Fixed { unit: FixedUnit::Tokens, scale_to_cap } => (weights.to_vec(), U512::from(1u8), scale_to_cap),
        Rule::Fixed { unit: FixedUnit::Usd, scale_to_cap } => {
            let den = ten_pow(u32::from(USD_DECIMALS)) * price()?;
            (scaled(ten_pow(decimals + u32::from(PRICE_DECIMALS)))?, den, scale_to_cap)
        }
        // The weights are `base × met`: dividing by the number of targets makes the score `met / targets`.
        Rule::Quality { base, targets, scale_to_cap } => {
            let count = U512::from(targets.count().max(1));
            match base {
                FixedUnit::Tokens => (weights.to_vec(), count, scale_to_cap),
                FixedUnit::Usd => {
                    let den = ten_pow(u32::from(USD_DECIMALS)) * price()? * count;
                    (scaled(ten_pow(decimals + u32::from(PRICE_DECIMALS)))?, den, scale_to_cap)
                }
            }
        }
    };
    if let Some(amounts) = floor_under_cap(&nums, den, cap)? {
        return Ok(amounts);
    }
    if !scale_to_cap {
        let total = nums.iter().fold(U512::ZERO, |a, n| a + *n / den);
        let total = narrow(total).ok_or(AllocationError::Overflow)?;
        return Err(AllocationError::OverCap { total, cap, excess: total - cap, decimals: params.token_decimals });
    }
    warnings.push(Warning::ScaledToCap { cap });
    split(cap, &nums)
}

fn checked_mul(a: U512, b: U512) -> Result<U512> {
    a.checked_mul(b).ok_or(AllocationError::Overflow)
}

fn checked_sum(values: &[U512]) -> Result<U512> {
    values.iter().try_fold(U512::ZERO, |a, n| a.checked_add(*n)).ok_or(AllocationError::Overflow)
}

/// Floors every `num_i / den` if their exact sum fits under `cap`; `None` if it does not (the caller scales).
fn floor_under_cap(nums: &[U512], den: U512, cap: U256) -> Result<Option<Vec<U256>>> {
    if checked_sum(nums)? > checked_mul(U512::from(cap), den)? {
        return Ok(None);
    }
    nums.iter().map(|n| narrow(*n / den).ok_or(AllocationError::Overflow)).collect::<Result<_>>().map(Some)
}

/// Splits `cap` in proportion to `weights` with the largest-remainder method. The amounts sum to exactly `cap`
/// (when any weight is non-zero); rows are already sorted by address, so a stable sort on the remainder breaks
/// ties by ascending address. A zero weight always gets zero.
fn split(cap: U256, weights: &[U512]) -> Result<Vec<U256>> {
    let total = checked_sum(weights)?;
    if total.is_zero() {
        return Ok(vec![U256::ZERO; weights.len()]);
    }
    let cap_wide = U512::from(cap);
    let mut amounts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for w in weights {
        let p = checked_mul(cap_wide, *w)?;
        amounts.push(narrow(p / total).ok_or(AllocationError::Overflow)?); // ≤ cap, so it fits
        remainders.push(p % total);
    }
    let handed: U256 = amounts.iter().fold(U256::ZERO, |a, x| a + *x);
    let leftover = (cap - handed).to::<usize>(); // < number of weights
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| remainders[b].cmp(&remainders[a])); // stable: equal remainders keep address order
    for &i in order.iter().take(leftover) {
        amounts[i] += U256::from(1u8);
    }
    Ok(amounts)
}
