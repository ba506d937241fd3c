//! Values typed on the command line: token amounts and addresses or ENS names, parsed here and resolved
//! against the chain in `crate::connect`.

use alloy::primitives::{Address, U256};
use bounty_core::Decimal;
use eyre::{Result, WrapErr};
use std::str::FromStr;

/// An address as typed, or an ENS name (`alice.eth`) resolved through the command's RPC once connected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AddressOrName {
    /// `0x…` (EIP-55 checked when mixed case).
    Address(Address),
    /// A name, resolved later.
    Name(String),
}

impl FromStr for AddressOrName {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        if bounty_chain::ens::is_name(s) {
            return Ok(Self::Name(s.trim().to_string()));
        }
        bounty_core::shares::parse_account(s).map(Self::Address).map_err(|e| e.to_string())
    }
}

/// A token amount as typed: whole tokens by default (`2000`, `2000.5`, converted with the token's decimals), or
/// base units with an explicit `units` suffix (`2000000000000000000000units`). Never silently truncated: more
/// decimals than the token has is an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenAmount {
    /// Whole tokens.
    Tokens(Decimal),
    /// Base units.
    Units(U256),
}

impl FromStr for TokenAmount {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim().replace('_', "");
        if let Some(units) = s.strip_suffix("units") {
            return units
                .trim()
                .parse::<U256>()
                .map(Self::Units)
                .map_err(|_| format!("`{s}`: base units must be a whole number, e.g. 1500000000000000000units"));
        }
        s.parse::<Decimal>().map(Self::Tokens).map_err(|e| {
            format!("{e} (give whole tokens such as `2000` or `2000.5`, or base units such as `2000000units`)")
        })
    }
}

impl TokenAmount {
    /// The amount in base units for a token with `decimals`; an amount with more decimals is refused.
    pub(crate) fn to_units(self, decimals: u8) -> Result<U256> {
        match self {
            Self::Units(u) => Ok(u),
            Self::Tokens(d) => d.to_units(decimals).wrap_err_with(|| format!("the token has {decimals} decimals")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_amounts_are_whole_tokens_unless_suffixed() {
        let t = |s: &str| s.parse::<TokenAmount>().unwrap();
        assert_eq!(t("2000").to_units(18).unwrap(), U256::from(2000u64) * U256::from(10u64).pow(U256::from(18)));
        assert_eq!(t("2000.5").to_units(6).unwrap(), U256::from(2_000_500_000u64));
        assert_eq!(t("1_000units").to_units(18).unwrap(), U256::from(1000u64));
        assert!(t("0.0000001").to_units(6).is_err(), "never truncated");
        for bad in ["-1", "1e18", "abc", "1.5units", ""] {
            assert!(bad.parse::<TokenAmount>().is_err(), "{bad}");
        }
    }
}
