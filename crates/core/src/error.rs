//! One typed error for the whole crate. Every variant that comes from a file names the file, and where it can the
//! line and the field, because the people fixing a bad shares CSV are committee members, not programmers.

use crate::decimal::Decimal;
use alloy_primitives::{Address, U256};
use std::path::PathBuf;

/// Shorthand used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in `bounty-core`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, #[source] source: std::io::Error },

    /// A value in an input file is invalid. `line` is 1-based (the header is line 1 in a CSV).
    #[error("{file}:{line}: field `{field}`: {message}")]
    Input { file: String, line: u64, field: String, message: String },

    /// An input file as a whole is unusable (empty, no header, missing column, bad TOML).
    #[error("{file}: {message}")]
    File { file: String, message: String },

    /// The same account appears on two lines of a shares file; rows are never merged silently.
    #[error("{file}: account {account} appears twice, on line {first_line} and line {second_line}")]
    DuplicateAccount { file: String, account: Address, first_line: u64, second_line: u64 },

    /// A string is not a valid epoch label such as `2026-Q2` or `2026-06`.
    #[error("invalid epoch label `{label}`: {reason}")]
    Label { label: String, reason: String },

    /// Fixed amounts add up to more than the cap and the config does not ask for scaling. Amounts are base units;
    /// the message also shows whole tokens.
    #[error(
        "fixed amounts total {} tokens, over the cap of {} tokens by {} tokens (base units: {total} > {cap}); \
         lower the plans, raise the budget, or set `scale_to_cap = true`",
        Decimal::from_units(*total, *decimals), Decimal::from_units(*cap, *decimals), Decimal::from_units(*excess, *decimals)
    )]
    OverCap { total: U256, cap: U256, excess: U256, decimals: u8 },

    /// The rule or budget is in USD but no price (usdPerToken) was given, or it is zero.
    #[error("a USD-denominated rule or budget needs a non-zero usdPerToken price")]
    MissingPrice,

    /// The allocation cannot be computed (e.g. nothing to split).
    #[error("allocation: {0}")]
    Allocation(String),

    /// Merkle tree construction, proof or load failed.
    #[error("merkle tree: {0}")]
    Merkle(String),

    /// TWAP inputs are inconsistent (empty window, no valid round, tick out of range, ...).
    #[error("price: {0}")]
    Price(String),

    /// A claims file is not valid JSON for the schema.
    #[error("{}: {source}", path.display())]
    Json { path: PathBuf, #[source] source: serde_json::Error },
}

impl Error {
    /// Builds an [`Error::Input`]; keeps call sites short.
    pub fn input(file: &str, line: u64, field: &str, message: impl Into<String>) -> Self {
        Self::Input { file: file.to_string(), line, field: field.to_string(), message: message.into() }
    }

    /// Builds an [`Error::File`].
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Self::File { file: file.to_string(), message: message.into() }
    }
}
