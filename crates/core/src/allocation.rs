//! The allocation rules and their math: shares rows → integer token amounts per account.
//!
//! Every rule computes each account's exact rational amount `num_i / den`, then rounds with the largest-remainder
//! method: floor every share, hand the leftover out one base unit at a time by largest fractional remainder, ties
//! by ascending address. Rows are sorted by address first, so the same inputs in any order give the same result.

use crate::{
    decimal::Decimal,
    error::AllocationError,
    merkle::ClaimLeaf,
    shares::ShareRow,
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
}

impl Rule {
    /// The CSV measure column this rule reads.
    pub fn measure(&self) -> Measure {
        match self {
            Self::ProRata | Self::Hourly { .. } => Measure::Hours,
            Self::Fixed { unit: FixedUnit::Usd, .. } => Measure::Usd,
            Self::Fixed { unit: FixedUnit::Tokens, .. } => Measure::Tokens,
            Self::Votes { .. } => Measure::Votes,
        }
    }

    /// Whether the rule always hands out the whole budget (then amounts sum to it exactly).
    pub fn distributes_budget(&self) -> bool {
        matches!(self, Self::ProRata | Self::Votes { .. })
    }

    /// Whether the rule itself is priced in USD.
    pub fn is_usd(&self) -> bool {
        matches!(self, Self::Hourly { rate: Money::Usd(_) } | Self::Fixed { unit: FixedUnit::Usd, .. })
    }

    /// The rule's `kind` as written in TOML (`pro-rata`, `hourly`, `fixed`, `votes`).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::ProRata => "pro-rata",
            Self::Hourly { .. } => "hourly",
            Self::Fixed { .. } => "fixed",
            Self::Votes { .. } => "votes",
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
                let unit = match unit {
                    FixedUnit::Usd => "USD",
                    FixedUnit::Tokens => "token",
                };
                let over = if *scale_to_cap { "scaled down to the cap" } else { "refused over the cap" };
                write!(f, "fixed {unit} amounts, {over}")
            }
            Self::Votes { min_votes } => write!(f, "votes (at least {min_votes} to be paid)"),
        }
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
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BelowMinVotes { min_votes } => write!(f, "fewer than {min_votes} votes"),
            Self::ZeroAmount => f.write_str("its amount rounds down to zero"),
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
            dropped.push(Dropped { row: row.clone(), reason: DropReason::ZeroAmount });
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

/// Each row's measure in its smallest unit (micro-hours, micro-dollars, base units, votes), widened to 512 bits.
fn weights(params: &AllocationParams, rows: &[&ShareRow]) -> Result<Vec<U512>> {
    let measure = params.rule.measure();
    let scale = measure.max_decimals(params.token_decimals);
    rows.iter()
        .map(|r| {
            r.value.to_units(scale).map(U512::from).map_err(|source| AllocationError::Measure {
                column: measure.column(),
                account: r.account,
                source,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        twap::{PricePoint, PriceProvenance, Window},
        units::PRICE_ONE,
    };
    use alloy_primitives::Address;

    fn row(byte: u8, value: &str) -> ShareRow {
        ShareRow {
            line: 0,
            account: Address::repeat_byte(byte),
            value: value.parse().unwrap(),
            handle: None,
            note: None,
        }
    }

    fn params(budget: Money, rule: Rule) -> AllocationParams {
        AllocationParams { token_decimals: 18, budget, rule, epoch_cap: None }
    }

    fn tokens(s: &str) -> Money {
        Money::Tokens(s.parse().unwrap())
    }

    /// A flat price series at `usd_per_token`.
    fn price(usd_per_token: U256) -> Option<PriceRecord> {
        let window = Window { start_timestamp: 0, end_timestamp: 1, start_block: None, end_block: None };
        let points = vec![PricePoint { timestamp: 0, price: usd_per_token }];
        Some(PriceRecord::derive(PriceProvenance::Series { source: "test".into(), window, points }).unwrap())
    }

    fn amounts(a: &Allocation) -> Vec<String> {
        a.awards.iter().map(|c| c.leaf.amount.to_string()).collect()
    }

    #[test]
    fn pro_rata_hands_out_the_whole_budget() {
        // 1 base unit split three ways by equal hours: 1 goes to the lowest address.
        let p = AllocationParams { token_decimals: 0, ..params(tokens("1"), Rule::ProRata) };
        let a = allocate(&p, &[row(3, "1"), row(1, "1"), row(2, "1")], None).unwrap();
        assert_eq!(a.awards.len(), 1);
        assert_eq!(a.awards[0].leaf.account, Address::repeat_byte(1));
        assert_eq!(a.dropped.len(), 2);
        // 1000 RPL by 10 / 20 / 30 hours (hand-computed): 166.66.., 333.33.., 500.
        let a = allocate(&params(tokens("1000"), Rule::ProRata), &[row(1, "10"), row(2, "20"), row(3, "30")], None)
            .unwrap();
        assert_eq!(amounts(&a), ["166666666666666666667", "333333333333333333333", "500000000000000000000"]);
        assert_eq!(a.total, U256::from(1000u64) * PRICE_ONE);
    }

    #[test]
    fn hourly_usd_rate_is_capped_and_scaled() {
        // $25/h at $10/RPL: 10 h → 25 RPL, 4.5 h → 11.25 RPL, under a 1000 RPL cap.
        let p = params(tokens("1000"), Rule::Hourly { rate: Money::Usd("25".parse().unwrap()) });
        let at_10 = price(U256::from(10u64) * PRICE_ONE);
        let a = allocate(&p, &[row(1, "10"), row(2, "4.5")], at_10.clone()).unwrap();
        assert_eq!(a.awards[0].leaf.amount, U256::from(25u64) * PRICE_ONE);
        assert_eq!(a.awards[1].leaf.amount, U256::from(1125u64) * PRICE_ONE / U256::from(100u64));
        assert!(a.warnings.is_empty());
        // 500 h → 1250 RPL, 300 h → 750 RPL: over the cap, scaled to 625 + 375.
        let a = allocate(&p, &[row(1, "500"), row(2, "300")], at_10).unwrap();
        assert_eq!(a.total, U256::from(1000u64) * PRICE_ONE);
        assert_eq!(a.awards[0].leaf.amount, U256::from(625u64) * PRICE_ONE);
        assert_eq!(a.warnings, [Warning::ScaledToCap { cap: a.cap }]);
        assert!(matches!(allocate(&p, &[row(1, "1")], None), Err(AllocationError::MissingPrice)));
    }

    #[test]
    fn fixed_over_cap_is_an_error_unless_scaling() {
        let rule = Rule::Fixed { unit: FixedUnit::Usd, scale_to_cap: false };
        let p = params(Money::Usd("1000".parse().unwrap()), rule);
        let at_2 = price(U256::from(2u64) * PRICE_ONE); // $2 per PERP
        match allocate(&p, &[row(1, "800"), row(2, "400")], at_2.clone()).unwrap_err() {
            AllocationError::OverCap { total, cap, excess, .. } => {
                assert_eq!(total, U256::from(600u64) * PRICE_ONE);
                assert_eq!(cap, U256::from(500u64) * PRICE_ONE);
                assert_eq!(excess, U256::from(100u64) * PRICE_ONE);
            }
            e => panic!("{e}"),
        }
        let p = params(Money::Usd("1000".parse().unwrap()), Rule::Fixed { unit: FixedUnit::Usd, scale_to_cap: true });
        let a = allocate(&p, &[row(1, "800"), row(2, "400")], at_2).unwrap();
        assert_eq!(a.total, U256::from(500u64) * PRICE_ONE);
    }

    #[test]
    fn votes_drop_below_minimum() {
        let p = params(tokens("90"), Rule::Votes { min_votes: 5 });
        let a = allocate(&p, &[row(1, "4"), row(2, "5"), row(3, "10")], None).unwrap();
        assert_eq!(a.awards.len(), 2);
        assert_eq!(a.awards[0].leaf.amount, U256::from(30u64) * PRICE_ONE);
        assert_eq!(a.dropped[0].reason, DropReason::BelowMinVotes { min_votes: 5 });
    }

    #[test]
    fn epoch_cap_limits_the_budget() {
        let mut p = params(tokens("1000"), Rule::ProRata);
        p.epoch_cap = Some("600".parse().unwrap());
        let a = allocate(&p, &[row(1, "1"), row(2, "2")], None).unwrap();
        assert_eq!(a.total, U256::from(600u64) * PRICE_ONE);
    }
}
