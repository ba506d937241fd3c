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
    todo!()
}

/// Converts a USD amount (micro-dollars) to token base units: `floor(usd × 10^decimals × 10^18 / usdPerToken)`.
pub fn usd_to_tokens(usd_micros: U256, token_decimals: u8, usd_per_token: U256) -> Result<U256> {
    todo!()
}
