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

/// An address typed on the command line, with the sentence `parse_account` gives (what is wrong, what is expected),
/// not the hex library's ("odd number of digits"); mixed case is checked as EIP-55.
pub(crate) fn address(s: &str) -> Result<Address, String> {
    // The zero address is a value here (`--guardian 0x00…00`: none); whether it may be paid is the command's to say.
    if s.trim().parse::<Address>().is_ok_and(|a| a.is_zero()) {
        return Ok(Address::ZERO);
    }
    bounty_core::shares::parse_account(s).map_err(|e| e.to_string())
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
        if s.starts_with('-') {
            return Err(format!("`{s}` is negative: an amount is whole tokens or base units, 0 or more"));
        }
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

/// A span of time as typed: seconds (`1209600`) or a number with a unit, `s`, `m`, `h`, `d` or `w` (`14d`, `72h`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Seconds(pub(crate) u64);

impl FromStr for Seconds {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (number, unit) = t.split_at(split);
        let per = match unit.trim() {
            "" | "s" => 1,
            "m" => 60,
            "h" => 3_600,
            "d" => 86_400,
            "w" => 7 * 86_400,
            other => {
                return Err(format!(
                    "`{s}`: unknown unit `{other}` (give seconds, or a number with s, m, h, d or w: `14d`, `72h`)"
                ))
            }
        };
        let n: u64 = number.parse().map_err(|_| {
            format!("`{s}`: give a whole number of seconds, or one with a unit: `1209600`, `14d`, `72h`")
        })?;
        n.checked_mul(per).map(Self).ok_or_else(|| format!("`{s}` is too long"))
    }
}

impl Seconds {
    /// As the vault's `uint32` seconds, or a sentence naming the option.
    pub(crate) fn to_u32(self, option: &str) -> Result<u32> {
        u32::try_from(self.0).map_err(|_| eyre::eyre!("{option} {} s does not fit the vault's uint32 seconds", self.0))
    }
}

/// An epoch as typed: the vault's number (`20262`) or its label (`2026-Q2`, `2026-06`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct EpochArg(pub(crate) u64);

impl FromStr for EpochArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            return t.parse().map(Self).map_err(|_| format!("`{s}` is too large for an epoch number"));
        }
        t.parse::<bounty_core::EpochLabel>()
            .map(|label| Self(label.epoch_number()))
            .map_err(|e| format!("{e} (give a label such as 2026-Q2 or 2026-06, or the vault's number, 20262)"))
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

    #[test]
    fn durations_take_units_and_epochs_take_labels() {
        assert_eq!("1209600".parse::<Seconds>().unwrap(), Seconds(1_209_600));
        assert_eq!("14d".parse::<Seconds>().unwrap(), Seconds(1_209_600));
        assert_eq!("72h".parse::<Seconds>().unwrap(), Seconds(259_200));
        assert_eq!("2w".parse::<Seconds>().unwrap(), Seconds(1_209_600));
        for bad in ["14 days", "1.5d", "-3d", "d", ""] {
            assert!(bad.parse::<Seconds>().is_err(), "{bad}");
        }
        assert!("14y".parse::<Seconds>().unwrap_err().contains("unknown unit `y`"));
        assert_eq!("2026-Q4".parse::<EpochArg>().unwrap(), EpochArg(20264));
        assert_eq!("2026-06".parse::<EpochArg>().unwrap(), EpochArg(202606));
        assert_eq!("20262".parse::<EpochArg>().unwrap(), EpochArg(20262));
        assert!("2026-Q5".parse::<EpochArg>().unwrap_err().contains("quarter"));
    }
}
