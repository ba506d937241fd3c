//! Exact non-negative decimals (`12.5` hours, `1000` RPL, `25.000001` USD).
//!
//! Hand-written on purpose: alloy's `parse_units` silently truncates digits beyond the unit and accepts a sign,
//! and general decimal crates (`rust_decimal`) cap the mantissa at 96 bits and convert from floats; we need strict
//! rejection of too many decimals, no sign, no exponent, no NaN, and a `U256` mantissa. The grammar is tiny:
//! `digits [ "." digits ]`.

use alloy_primitives::U256;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::{fmt, str::FromStr};

/// Most fraction digits any decimal may carry (token amounts with 18 decimals are the largest need).
pub const MAX_SCALE: u8 = 36;

/// An exact non-negative decimal number: `mantissa / 10^scale`, normalised (no trailing fraction zeros).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Decimal {
    mantissa: U256,
    scale: u8,
}

/// Why a string is not a valid decimal.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecimalError {
    /// Nothing but whitespace.
    #[error("empty value")]
    Empty,
    /// A leading minus sign.
    #[error("negative values are not allowed")]
    Negative,
    /// Not `digits[.digits]` (exponents, signs, commas, NaN and hex are refused).
    #[error("`{0}` is not a decimal number (digits with an optional `.` and fraction)")]
    NotANumber(String),
    /// More fraction digits than the unit allows (never rounded away).
    #[error("`{value}` has {found} decimals, at most {max} allowed")]
    TooManyDecimals {
        /// The value as written.
        value: String,
        /// Its fraction digits.
        found: usize,
        /// The unit's limit.
        max: u8,
    },
    /// Does not fit 256 bits.
    #[error("`{0}` is too large")]
    Overflow(String),
}

impl Decimal {
    /// Zero.
    pub const ZERO: Self = Self { mantissa: U256::ZERO, scale: 0 };

    /// Parses `digits[.digits]` (surrounding whitespace is trimmed) with at most `max_scale` fraction digits.
    pub fn parse(s: &str, max_scale: u8) -> Result<Self, DecimalError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(DecimalError::Empty);
        }
        if s.starts_with('-') {
            return Err(DecimalError::Negative);
        }
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, f),
            None => (s, ""),
        };
        let digits_ok = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty())
            || !digits_ok(int)
            || !digits_ok(frac)
            || (s.contains('.') && frac.is_empty())
        {
            return Err(DecimalError::NotANumber(s.to_string()));
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > max_scale.min(MAX_SCALE) as usize {
            return Err(DecimalError::TooManyDecimals { value: s.to_string(), found: frac.len(), max: max_scale });
        }
        let overflow = || DecimalError::Overflow(s.to_string());
        let mut mantissa = U256::ZERO;
        for b in int.bytes().chain(frac.bytes()) {
            mantissa = mantissa
                .checked_mul(U256::from(10))
                .and_then(|m| m.checked_add(U256::from(b - b'0')))
                .ok_or_else(overflow)?;
        }
        Ok(Self { mantissa, scale: frac.len() as u8 })
    }

    /// The value in units of `10^-decimals`, i.e. `self × 10^decimals`; fails if that is not an integer.
    pub fn to_units(&self, decimals: u8) -> Result<U256, DecimalError> {
        if self.scale > decimals {
            return Err(DecimalError::TooManyDecimals {
                value: self.to_string(),
                found: self.scale as usize,
                max: decimals,
            });
        }
        self.mantissa
            .checked_mul(U256::from(10).pow(U256::from(decimals - self.scale)))
            .ok_or_else(|| DecimalError::Overflow(self.to_string()))
    }

    /// The decimal `units / 10^decimals`, normalised.
    pub fn from_units(units: U256, decimals: u8) -> Self {
        let mut mantissa = units;
        let mut scale = decimals;
        let ten = U256::from(10);
        while scale > 0 && !mantissa.is_zero() && (mantissa % ten).is_zero() {
            mantissa /= ten;
            scale -= 1;
        }
        if mantissa.is_zero() {
            scale = 0;
        }
        Self { mantissa, scale }
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.mantissa.is_zero()
    }

    /// Number of fraction digits (after normalisation).
    pub fn scale(&self) -> u8 {
        self.scale
    }
}

/// Numeric order (`2.50` = `2.5` < `10`): both sides widened to the larger scale in 512 bits, where any two fit.
impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let scale = self.scale.max(other.scale);
        let widen = |d: &Self| {
            let factor = alloy_primitives::U512::from(10u8).pow(alloy_primitives::U512::from(scale - d.scale));
            alloy_primitives::U512::from(d.mantissa).saturating_mul(factor)
        };
        widen(self).cmp(&widen(other))
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return f.write_str(&digits);
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{int}.{frac}")
    }
}

impl FromStr for Decimal {
    type Err = DecimalError;
    /// Parses with up to [`MAX_SCALE`] decimals; callers with a tighter limit use [`Decimal::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s, MAX_SCALE)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    /// Accepts a string (`"12.5"`) or, for convenience in TOML, a non-negative integer (`1000`). Floats are refused
    /// so that no binary rounding can sneak into an amount.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Str(String),
            Int(u64),
        }
        match Raw::deserialize(d)
            .map_err(|_| serde::de::Error::custom("expected a decimal string such as \"12.5\" or an integer"))?
        {
            Raw::Str(s) => s.parse().map_err(serde::de::Error::custom),
            Raw::Int(i) => Ok(Self { mantissa: U256::from(i), scale: 0 }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        let d = Decimal::parse(" 12.500 ", 6).unwrap();
        assert_eq!(d.to_string(), "12.5");
        assert_eq!(d.to_units(6).unwrap(), U256::from(12_500_000u64));
        assert_eq!(Decimal::parse("0.000001", 6).unwrap().to_units(6).unwrap(), U256::from(1));
        assert_eq!(Decimal::parse("007", 0).unwrap().to_string(), "7");
        assert_eq!(Decimal::parse(".5", 6).unwrap().to_string(), "0.5");
        assert_eq!(Decimal::from_units(U256::from(1_500_000u64), 6).to_string(), "1.5");
        assert_eq!(Decimal::from_units(U256::ZERO, 18).to_string(), "0");
    }

    #[test]
    fn orders_by_value_whatever_the_scale() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert!(d("2") < d("10"));
        assert!(d("1.999999") < d("2"));
        assert_eq!(d("2.50").cmp(&d("2.5")), std::cmp::Ordering::Equal);
        let huge = Decimal::parse(&"9".repeat(77), 0).unwrap();
        assert!(d("0.000000000000000000000000000000000001") < huge);
    }

    #[test]
    fn rejects_bad_input() {
        assert_eq!(Decimal::parse("-1", 6), Err(DecimalError::Negative));
        assert_eq!(Decimal::parse("", 6), Err(DecimalError::Empty));
        for bad in ["NaN", "1e3", "1.", "1.2.3", "+1", "0x10", "1,5", "inf", "."] {
            assert!(matches!(Decimal::parse(bad, 6), Err(DecimalError::NotANumber(_))), "{bad}");
        }
        assert!(matches!(Decimal::parse("1.0000001", 6), Err(DecimalError::TooManyDecimals { found: 7, .. })));
        // Trailing zeros do not count as precision.
        assert!(Decimal::parse("1.0000000", 6).is_ok());
        assert!(matches!(Decimal::parse(&"9".repeat(80), 0), Err(DecimalError::Overflow(_))));
    }
}
