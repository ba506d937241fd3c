//! Tip-jar matching: community members tip the support pool (the vault's `fund`), and the DAO's budget for the
//! period adds a percentage of those tips, up to a cap. The contributions are the vault's `Funded` events inside the
//! period from senders not excluded (the DAO's own treasury funding is not a tip); the claims file records each one
//! (transaction, sender, amount) and the arithmetic, so `verify` can redo both, and re-read the events on chain.

use crate::{decimal::Decimal, units::Money};
use alloy_primitives::{Address, B256, U256};
use serde::{Deserialize, Serialize};

/// `budget.match` in the program config.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TipMatch {
    /// Percent of the period's tips the DAO adds (`"100"` doubles them), up to 2 decimals.
    pub percent: Decimal,
    /// Most the match adds, in whole tokens.
    pub cap: Decimal,
    /// Senders whose funding is not a tip (the DAO's treasury, the committee's multisig).
    #[serde(default, with = "crate::serde_helpers::checksummed_vec")]
    pub exclude: Vec<Address>,
}

/// The budget table: a lump sum in tokens or USD, optionally plus a tip match.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Whole tokens per period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Decimal>,
    /// USD per period (converted at the period's price).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd: Option<Decimal>,
    /// Matching of community tips (token budgets only).
    #[serde(default, rename = "match", skip_serializing_if = "Option::is_none")]
    pub tip_match: Option<TipMatch>,
}

impl Budget {
    /// The lump sum; `None` unless exactly one of `tokens` and `usd` is set.
    pub fn base(&self) -> Option<Money> {
        match (self.tokens, self.usd) {
            (Some(t), None) => Some(Money::Tokens(t)),
            (None, Some(u)) => Some(Money::Usd(u)),
            _ => None,
        }
    }
}

impl From<Money> for Budget {
    fn from(m: Money) -> Self {
        match m {
            Money::Tokens(t) => Self { tokens: Some(t), usd: None, tip_match: None },
            Money::Usd(u) => Self { tokens: None, usd: Some(u), tip_match: None },
        }
    }
}

/// One tip: a `Funded` event of the vault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    /// The funding transaction.
    pub tx: B256,
    /// Its block.
    pub block: u64,
    /// The block's time (unix seconds): inside the period.
    pub timestamp: u64,
    /// Who funded.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub from: Address,
    /// What arrived, base units.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub amount: U256,
}

/// The match as the claims file records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TipRecord {
    /// The lump sum, whole tokens.
    pub lump: Decimal,
    /// The config's match.
    #[serde(flatten)]
    pub rule: TipMatch,
    /// Every `Funded` event of the period, excluded senders included (they count for nothing).
    pub contributions: Vec<Contribution>,
    /// What the match adds, base units: `min(Σ tips × percent / 100, cap)`, rounded down.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub matched: U256,
}

/// Percent values carry at most this many decimals.
pub const PERCENT_DECIMALS: u8 = 2;

impl TipMatch {
    /// Σ of the tips that count (senders not excluded), base units.
    pub fn tips(&self, contributions: &[Contribution]) -> U256 {
        contributions.iter().filter(|c| !self.exclude.contains(&c.from)).fold(U256::ZERO, |s, c| s + c.amount)
    }

    /// What the match adds for `contributions`, base units; `None` when the percent or cap is malformed.
    pub fn matched(&self, contributions: &[Contribution], token_decimals: u8) -> Option<U256> {
        let percent = self.percent.to_units(PERCENT_DECIMALS).ok()?;
        let cap = self.cap.to_units(token_decimals).ok()?;
        let scaled = self.tips(contributions).checked_mul(percent)? / U256::from(100u64 * 100);
        Some(scaled.min(cap))
    }
}

impl TipRecord {
    /// The period's budget: lump plus match, whole tokens.
    pub fn budget(&self, token_decimals: u8) -> Option<Money> {
        let lump = self.lump.to_units(token_decimals).ok()?;
        Some(Money::Tokens(Decimal::from_units(lump.checked_add(self.matched)?, token_decimals)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tip(from: u8, whole: u64) -> Contribution {
        Contribution {
            tx: B256::repeat_byte(from),
            block: 1,
            timestamp: 1,
            from: Address::repeat_byte(from),
            amount: U256::from(whole) * U256::from(10u64).pow(U256::from(18u64)),
        }
    }

    #[test]
    fn the_match_is_a_percentage_of_the_tips_that_count_up_to_the_cap() {
        let m = TipMatch {
            percent: "50".parse().unwrap(),
            cap: "100".parse().unwrap(),
            exclude: vec![Address::repeat_byte(9)],
        };
        let whole = |n: u64| U256::from(n) * U256::from(10u64).pow(U256::from(18u64));
        assert_eq!(m.matched(&[tip(1, 40), tip(2, 20), tip(9, 1000)], 18), Some(whole(30)));
        assert_eq!(m.matched(&[tip(1, 400)], 18), Some(whole(100)), "capped");
        assert_eq!(m.matched(&[], 18), Some(U256::ZERO));
    }
}
