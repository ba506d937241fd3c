//! Serde adapters for numbers that JSON readers must not round: JavaScript loses integers above 2^53, so every
//! amount, round id and tick cumulative in a claims file is a decimal string. Hand-written (a dozen lines) rather
//! than pulling in `serde_with` for one adapter. [`display_str`] is public: `bounty`'s `--json` output uses it too.

/// Serialises any `Display + FromStr` value as a string (`U256` as decimal, `i64`, `u128`, ...).
pub mod display_str {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};
    use std::{fmt::Display, str::FromStr};

    /// Writes `value` as a JSON string.
    pub fn serialize<T: Display, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }

    /// Reads a JSON string back.
    pub fn deserialize<'de, T, D>(d: D) -> Result<T, D::Error>
    where
        T: FromStr,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        let s = String::deserialize(d)?;
        s.parse().map_err(|e| D::Error::custom(format!("`{s}`: {e}")))
    }
}

/// Addresses as EIP-55 checksummed strings (alloy's default serde writes lower case); any case is read back.
pub(crate) mod checksummed {
    use alloy_primitives::Address;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(a: &Address, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&a.to_checksum(None))
    }

    /// Reads `0x` + 40 hex digits; anything else is refused with that sentence (the library's own says
    /// "invalid string length" or "odd number of digits", which names neither the value nor the form).
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Address, D::Error> {
        let text = String::deserialize(d)?;
        parse(&text).map_err(serde::de::Error::custom)
    }

    pub(crate) fn parse(text: &str) -> Result<Address, String> {
        text.trim().parse().map_err(|_| format!("`{text}` is not an address: expected 0x followed by 40 hex digits"))
    }
}

/// A list of addresses, each as [`checksummed`].
pub(crate) mod checksummed_vec {
    use alloy_primitives::Address;
    use serde::{ser::SerializeSeq, Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(list: &[Address], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(list.len()))?;
        for a in list {
            seq.serialize_element(&a.to_checksum(None))?;
        }
        seq.end()
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Address>, D::Error> {
        let texts = Vec::<String>::deserialize(d)?;
        texts.iter().map(|t| super::checksummed::parse(t).map_err(serde::de::Error::custom)).collect()
    }
}
