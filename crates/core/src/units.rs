//! Units and money: the denominations a program speaks in and the fixed decimal scales of each.
//!
//! A leaf module (it depends on [`crate::decimal`] only), so every other module can name an amount's unit without
//! pulling in the config or the allocation rules.

use crate::decimal::{Decimal, DecimalError};
use alloy_primitives::{U256, U512};
use serde::{Deserialize, Serialize};

/// USD amounts (rates, budgets, fixed plans) carry at most this many decimals (micro-dollars).
pub const USD_DECIMALS: u8 = 6;

/// Hours carry at most this many decimals (micro-hours).
pub const HOURS_DECIMALS: u8 = 6;

/// Prices (`usdPerToken`) are fixed point with this many decimals.
pub const PRICE_DECIMALS: u8 = 18;

/// 10^18: the fixed-point unit of prices.
pub const PRICE_ONE: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// `10^exponent` as a 512-bit integer (exact products of two `U256`s fit in 512 bits).
pub(crate) fn ten_pow(exponent: u32) -> U512 {
    U512::from(10u8).pow(U512::from(exponent))
}

/// Narrows an exact 512-bit result to `U256`; `None` if it does not fit.
pub(crate) fn narrow(x: U512) -> Option<U256> {
    U256::checked_from_limbs_slice(x.as_limbs())
}

/// An amount in USD or in whole tokens, written `{ usd = "5000" }` or `{ tokens = "1000" }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Money {
    /// US dollars, up to 6 decimals; converted to tokens at the epoch's `usdPerToken`.
    Usd(Decimal),
    /// Whole tokens, up to the token's decimals.
    Tokens(Decimal),
}

/// Why an amount of [`Money`] cannot become token base units.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// The amount has more decimals than its unit allows, or overflows 256 bits.
    #[error(transparent)]
    Decimal(#[from] DecimalError),
    /// The amount is in USD and no non-zero price was given.
    #[error("a USD amount needs a non-zero usdPerToken price")]
    MissingPrice,
    /// The converted amount does not fit 256 bits.
    #[error("the amount in base units exceeds uint256")]
    Overflow,
}

impl Money {
    /// Whether this amount needs a price to become tokens.
    pub fn is_usd(&self) -> bool {
        matches!(self, Self::Usd(_))
    }

    /// The amount in the smallest unit of its denomination: micro-dollars, or token base units.
    pub fn units(&self, token_decimals: u8) -> Result<U256, DecimalError> {
        match self {
            Self::Usd(d) => d.to_units(USD_DECIMALS),
            Self::Tokens(d) => d.to_units(token_decimals),
        }
    }

    /// The amount as a config states it: `$8000`, or `1000 RPL` with the token's `symbol`.
    pub fn describe(&self, symbol: &str) -> String {
        match self {
            Self::Usd(d) => format!("${d}"),
            Self::Tokens(d) => format!("{d} {symbol}"),
        }
    }

    /// The amount in token base units; USD is converted at `usd_per_token` (see [`usd_to_tokens`]).
    pub fn to_tokens(&self, token_decimals: u8, usd_per_token: Option<U256>) -> Result<U256, MoneyError> {
        let units = self.units(token_decimals)?;
        match self {
            Self::Tokens(_) => Ok(units),
            Self::Usd(_) => {
                let price = usd_per_token.filter(|p| !p.is_zero()).ok_or(MoneyError::MissingPrice)?;
                usd_to_tokens(units, token_decimals, price)
            }
        }
    }
}

/// Converts a USD amount (micro-dollars) to token base units: `floor(usd × 10^decimals × 10^18 / usdPerToken)`.
pub fn usd_to_tokens(usd_micros: U256, token_decimals: u8, usd_per_token: U256) -> Result<U256, MoneyError> {
    if usd_per_token.is_zero() {
        return Err(MoneyError::MissingPrice);
    }
    let num = U512::from(usd_micros) * ten_pow(u32::from(token_decimals) + u32::from(PRICE_DECIMALS));
    let den = ten_pow(u32::from(USD_DECIMALS)) * U512::from(usd_per_token);
    narrow(num / den).ok_or(MoneyError::Overflow)
}

/// Denomination of `fixed` amounts in the shares CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixedUnit {
    /// Fixed per-person plans in USD (Perpetual Protocol's educators).
    Usd,
    /// Fixed amounts in whole tokens.
    Tokens,
}

/// Which column a rule reads: the "measure" of each helper's contribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Hours worked, up to 6 decimals.
    Hours,
    /// A USD amount, up to 6 decimals.
    Usd,
    /// Whole tokens, up to the token's decimals.
    Tokens,
    /// Emoji votes, a non-negative integer.
    Votes,
}

impl Measure {
    /// The CSV column name.
    pub fn column(&self) -> &'static str {
        match self {
            Self::Hours => "hours",
            Self::Usd => "usd",
            Self::Tokens => "tokens",
            Self::Votes => "votes",
        }
    }

    /// Most decimals a value of this measure may have.
    pub fn max_decimals(&self, token_decimals: u8) -> u8 {
        match self {
            Self::Hours => HOURS_DECIMALS,
            Self::Usd => USD_DECIMALS,
            Self::Tokens => token_decimals,
            Self::Votes => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usd_conversion_floors() {
        // $1 at $3/token = 0.333.. tokens.
        let t = usd_to_tokens(U256::from(1_000_000u64), 18, U256::from(3u64) * PRICE_ONE).unwrap();
        assert_eq!(t.to_string(), "333333333333333333");
        let five = Money::Usd("5".parse().unwrap());
        assert_eq!(five.to_tokens(18, Some(U256::from(10u64) * PRICE_ONE)).unwrap(), PRICE_ONE / U256::from(2u64));
        assert_eq!(five.to_tokens(18, None), Err(MoneyError::MissingPrice));
        assert_eq!(five.to_tokens(18, Some(U256::ZERO)), Err(MoneyError::MissingPrice));
    }
}
