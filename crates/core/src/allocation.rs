//! Allocation rules: shares rows → integer token amounts per account.
//!
//! Every rule computes each account's exact rational amount `num_i / den`, then rounds with the largest-remainder
//! method: floor every share, hand the leftover out one base unit at a time by largest fractional remainder, ties
//! by ascending address. Rows are sorted by address first, so the same inputs in any order give the same result.

use crate::{
    config::{FixedUnit, Money, Rule, USD_DECIMALS},
    decimal::Decimal,
    error::{Error, Result},
    shares::{ShareRow, HOURS_DECIMALS},
};
use alloy_primitives::{Address, U256, U512};
use serde::{Deserialize, Serialize};

/// What an allocation needs besides the rows: also stored in the claims file so `verify` can re-run it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationParams {
    pub token_decimals: u8,
    pub budget: Money,
    pub rule: Rule,
    /// The vault's `epochCap` in whole tokens, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epoch_cap: Option<Decimal>,
}

/// One paid account. `index` is its position in the claims list, which is sorted by address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub index: u64,
    pub account: Address,
    /// Token base units.
    pub amount: U256,
    /// The row that produced it (measure value, handle, note).
    pub row: ShareRow,
}

/// Why a row is not in the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum DropReason {
    /// Fewer votes than the rule's `min_votes`.
    BelowMinVotes { min_votes: u64 },
    /// The account's amount rounded down to zero base units (or its measure was zero).
    ZeroAmount,
}

/// A row left out of the tree, reported rather than silently discarded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    pub row: ShareRow,
    pub reason: DropReason,
}

/// The outcome of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allocation {
    /// Paid accounts, sorted by address, `index` = position.
    pub claims: Vec<Claim>,
    /// Rows left out, sorted by address.
    pub dropped: Vec<Dropped>,
    /// Sum of `claims` amounts.
    pub total: U256,
    /// The token cap that applied: min(budget in tokens, epoch cap).
    pub cap: U256,
    /// Human-readable notes (e.g. "hourly amounts scaled down to the cap").
    pub warnings: Vec<String>,
}

/// Runs `params.rule` over `rows`. `usd_per_token` (18-decimal USD per whole token) is required when the budget or
/// rule is in USD. Rows must have distinct accounts (the CSV parser guarantees it).
pub fn allocate(params: &AllocationParams, rows: &[ShareRow], usd_per_token: Option<U256>) -> Result<Allocation> {
    let decimals = params.token_decimals;
    let price = || usd_per_token.filter(|p| !p.is_zero()).ok_or(Error::MissingPrice);
    let units = |d: &Decimal, scale: u8, what: &str| {
        d.to_units(scale).map_err(|e| Error::Allocation(format!("{what}: {e}")))
    };
    let money_to_tokens = |m: &Money, what: &str| -> Result<U256> {
        match m {
            Money::Tokens(d) => units(d, decimals, what),
            Money::Usd(d) => usd_to_tokens(units(d, USD_DECIMALS, what)?, decimals, price()?),
        }
    };

    // The cap: the budget in tokens, and never more than the vault's epoch cap.
    let mut cap = money_to_tokens(&params.budget, "budget")?;
    if let Some(epoch_cap) = &params.epoch_cap {
        cap = cap.min(units(epoch_cap, decimals, "epoch_cap")?);
    }

    let mut sorted: Vec<&ShareRow> = rows.iter().collect();
    sorted.sort_by_key(|r| r.account);
    if let Some(w) = sorted.windows(2).find(|w| w[0].account == w[1].account) {
        return Err(Error::Allocation(format!("account {} appears twice", w[0].account)));
    }

    let mut dropped = Vec::new();
    let mut warnings = Vec::new();
    if let Rule::Votes { min_votes } = params.rule {
        let min = U256::from(min_votes);
        sorted.retain(|r| {
            let keep = r.value.to_units(0).map(|v| v >= min).unwrap_or(false);
            if !keep {
                dropped.push(Dropped { row: (*r).clone(), reason: DropReason::BelowMinVotes { min_votes } });
            }
            keep
        });
    }

    // Each rule's exact amounts as num_i / den, in U512 so products of U256 inputs fit (overflow is still checked).
    let wide = |x: U256| U512::from(x);
    let ten = |e: u32| U512::from(10u8).pow(U512::from(e));
    let measure_scale = params.rule.measure().max_decimals(decimals);
    let weights: Vec<U512> = sorted
        .iter()
        .map(|r| units(&r.value, measure_scale, &format!("{} of {}", params.rule.measure().column(), r.account)).map(wide))
        .collect::<Result<_>>()?;
    let amounts: Vec<U256> = match params.rule {
        Rule::ProRata | Rule::Votes { .. } => split(cap, &weights)?,
        Rule::Hourly { rate } => {
            // hours are micro-hours; a token rate is base units per hour; a USD rate is micro-dollars per hour.
            let (per_weight, den) = match rate {
                Money::Tokens(d) => (wide(units(&d, decimals, "rule.rate")?), ten(HOURS_DECIMALS as u32)),
                Money::Usd(d) => (
                    wide(units(&d, USD_DECIMALS, "rule.rate")?) * ten(decimals as u32 + 18),
                    ten(HOURS_DECIMALS as u32 + USD_DECIMALS as u32) * wide(price()?),
                ),
            };
            let nums: Vec<U512> = weights.iter().map(|w| checked_mul(*w, per_weight)).collect::<Result<_>>()?;
            match floor_under_cap(&nums, den, cap)? {
                Some(amounts) => amounts,
                None => {
                    warnings.push(format!(
                        "hourly amounts exceed the cap of {cap} base units; every amount scaled down in proportion"
                    ));
                    split(cap, &nums)?
                }
            }
        }
        Rule::Fixed { unit, scale_to_cap } => {
            let (per_weight, den) = match unit {
                FixedUnit::Tokens => (U512::from(1u8), U512::from(1u8)),
                FixedUnit::Usd => (ten(decimals as u32 + 18), ten(USD_DECIMALS as u32) * wide(price()?)),
            };
            let nums: Vec<U512> = weights.iter().map(|w| checked_mul(*w, per_weight)).collect::<Result<_>>()?;
            match floor_under_cap(&nums, den, cap)? {
                Some(amounts) => amounts,
                None if scale_to_cap => {
                    warnings.push(format!("fixed amounts exceed the cap of {cap} base units; scaled down in proportion"));
                    split(cap, &nums)?
                }
                None => {
                    let total = nums.iter().map(|n| *n / den).fold(U512::ZERO, |a, b| a + b);
                    let total = narrow(total)?;
                    return Err(Error::OverCap { total, cap, excess: total - cap, decimals });
                }
            }
        }
    };

    let mut claims = Vec::new();
    let mut total = U256::ZERO;
    for (row, amount) in sorted.into_iter().zip(amounts) {
        if amount.is_zero() {
            dropped.push(Dropped { row: row.clone(), reason: DropReason::ZeroAmount });
            continue;
        }
        total += amount;
        claims.push(Claim { index: claims.len() as u64, account: row.account, amount, row: row.clone() });
    }
    dropped.sort_by_key(|d| d.row.account);
    if claims.is_empty() {
        warnings.push("no account receives anything this epoch".into());
    }
    debug_assert!(total <= cap);
    Ok(Allocation { claims, dropped, total, cap, warnings })
}

/// Converts a USD amount (micro-dollars) to token base units: `floor(usd × 10^decimals × 10^18 / usdPerToken)`.
pub fn usd_to_tokens(usd_micros: U256, token_decimals: u8, usd_per_token: U256) -> Result<U256> {
    if usd_per_token.is_zero() {
        return Err(Error::MissingPrice);
    }
    let num = U512::from(usd_micros) * U512::from(10u8).pow(U512::from(token_decimals as u32 + 18));
    let den = U512::from(10u8).pow(U512::from(USD_DECIMALS as u32)) * U512::from(usd_per_token);
    narrow(num / den)
}

fn checked_mul(a: U512, b: U512) -> Result<U512> {
    a.checked_mul(b).ok_or_else(|| Error::Allocation("amount too large".into()))
}

fn narrow(x: U512) -> Result<U256> {
    U256::checked_from_limbs_slice(x.as_limbs()).ok_or_else(|| Error::Allocation("amount exceeds uint256".into()))
}

/// Floors every `num_i / den` if their exact sum fits under `cap`; `None` if it does not (the caller scales).
fn floor_under_cap(nums: &[U512], den: U512, cap: U256) -> Result<Option<Vec<U256>>> {
    let sum = nums.iter().try_fold(U512::ZERO, |a, n| a.checked_add(*n)).ok_or_else(|| Error::Allocation("amount too large".into()))?;
    if sum > checked_mul(U512::from(cap), den)? {
        return Ok(None);
    }
    nums.iter().map(|n| narrow(*n / den)).collect::<Result<_>>().map(Some)
}

/// Splits `cap` in proportion to `weights` with the largest-remainder method. The amounts sum to exactly `cap`
/// (when any weight is non-zero); rows are already sorted by address, so a stable sort on the remainder breaks
/// ties by ascending address. A zero weight always gets zero.
fn split(cap: U256, weights: &[U512]) -> Result<Vec<U256>> {
    let total = weights.iter().try_fold(U512::ZERO, |a, w| a.checked_add(*w));
    let total = total.ok_or_else(|| Error::Allocation("amount too large".into()))?;
    if total.is_zero() {
        return Ok(vec![U256::ZERO; weights.len()]);
    }
    let cap_wide = U512::from(cap);
    let mut amounts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for w in weights {
        let p = checked_mul(cap_wide, *w)?;
        amounts.push(narrow(p / total)?); // ≤ cap, so it fits
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

    fn row(byte: u8, value: &str) -> ShareRow {
        ShareRow { line: 0, account: Address::repeat_byte(byte), value: value.parse().unwrap(), handle: None, note: None }
    }

    fn params(budget: Money, rule: Rule) -> AllocationParams {
        AllocationParams { token_decimals: 18, budget, rule, epoch_cap: None }
    }

    fn tokens(s: &str) -> Money {
        Money::Tokens(s.parse().unwrap())
    }

    #[test]
    fn pro_rata_hands_out_the_whole_budget() {
        // 1 base unit split three ways by equal hours: 1 goes to the lowest address.
        let p = AllocationParams { token_decimals: 0, ..params(tokens("1"), Rule::ProRata) };
        let a = allocate(&p, &[row(3, "1"), row(1, "1"), row(2, "1")], None).unwrap();
        assert_eq!(a.claims.len(), 1);
        assert_eq!(a.claims[0].account, Address::repeat_byte(1));
        assert_eq!(a.dropped.len(), 2);
        // 1000 RPL by 10 / 20 / 30 hours (hand-computed): 166.66.., 333.33.., 500.
        let a = allocate(&params(tokens("1000"), Rule::ProRata), &[row(1, "10"), row(2, "20"), row(3, "30")], None).unwrap();
        let amounts: Vec<String> = a.claims.iter().map(|c| c.amount.to_string()).collect();
        assert_eq!(amounts, ["166666666666666666667", "333333333333333333333", "500000000000000000000"]);
        assert_eq!(a.total, U256::from(1000u64) * U256::from(10u64).pow(U256::from(18)));
    }

    #[test]
    fn hourly_usd_rate_is_capped_and_scaled() {
        // $25/h at $10/RPL: 10 h → 25 RPL, 4.5 h → 11.25 RPL, under a 1000 RPL cap.
        let p = params(tokens("1000"), Rule::Hourly { rate: Money::Usd("25".parse().unwrap()) });
        let price = U256::from(10u64) * PRICE;
        let a = allocate(&p, &[row(1, "10"), row(2, "4.5")], Some(price)).unwrap();
        assert_eq!(a.claims[0].amount, U256::from(25u64) * PRICE);
        assert_eq!(a.claims[1].amount, U256::from(1125u64) * PRICE / U256::from(100u64));
        assert!(a.warnings.is_empty());
        // 500 h → 1250 RPL, 300 h → 750 RPL: over the cap, scaled to 625 + 375.
        let a = allocate(&p, &[row(1, "500"), row(2, "300")], Some(price)).unwrap();
        assert_eq!(a.total, U256::from(1000u64) * PRICE);
        assert_eq!(a.claims[0].amount, U256::from(625u64) * PRICE);
        assert_eq!(a.warnings.len(), 1);
        assert!(matches!(allocate(&p, &[row(1, "1")], None), Err(Error::MissingPrice)));
    }

    #[test]
    fn fixed_over_cap_is_an_error_unless_scaling() {
        let rule = Rule::Fixed { unit: FixedUnit::Usd, scale_to_cap: false };
        let p = params(Money::Usd("1000".parse().unwrap()), rule);
        let price = U256::from(2u64) * PRICE; // $2 per PERP
        let err = allocate(&p, &[row(1, "800"), row(2, "400")], Some(price)).unwrap_err();
        match err {
            Error::OverCap { total, cap, excess, .. } => {
                assert_eq!(total, U256::from(600u64) * PRICE);
                assert_eq!(cap, U256::from(500u64) * PRICE);
                assert_eq!(excess, U256::from(100u64) * PRICE);
            }
            e => panic!("{e}"),
        }
        let p = params(Money::Usd("1000".parse().unwrap()), Rule::Fixed { unit: FixedUnit::Usd, scale_to_cap: true });
        let a = allocate(&p, &[row(1, "800"), row(2, "400")], Some(price)).unwrap();
        assert_eq!(a.total, U256::from(500u64) * PRICE);
    }

    #[test]
    fn votes_drop_below_minimum() {
        let p = params(tokens("90"), Rule::Votes { min_votes: 5 });
        let a = allocate(&p, &[row(1, "4"), row(2, "5"), row(3, "10")], None).unwrap();
        assert_eq!(a.claims.len(), 2);
        assert_eq!(a.claims[0].amount, U256::from(30u64) * PRICE);
        assert_eq!(a.dropped[0].reason, DropReason::BelowMinVotes { min_votes: 5 });
    }

    #[test]
    fn epoch_cap_limits_the_budget() {
        let mut p = params(tokens("1000"), Rule::ProRata);
        p.epoch_cap = Some("600".parse().unwrap());
        let a = allocate(&p, &[row(1, "1"), row(2, "2")], None).unwrap();
        assert_eq!(a.total, U256::from(600u64) * PRICE);
    }

    #[test]
    fn usd_conversion_floors() {
        // $1 at $3/token = 0.333.. tokens.
        let t = usd_to_tokens(U256::from(1_000_000u64), 18, U256::from(3u64) * PRICE).unwrap();
        assert_eq!(t.to_string(), "333333333333333333");
    }

    const PRICE: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);
}
