//! The program config (TOML): which chain, vault and token, how often, how much, by which rule, priced how.
//!
//! Every field is public so tools (e.g. the devnet demo) can load an example and override addresses in code.
//! The format is documented key by key in `docs/formats.md`.

use crate::{
    calendar::{Cadence, EpochLabel, Schedule, ScheduleConfig},
    decimal::Decimal,
    error::{Error, Result},
    shares::Measure,
};
use alloy_primitives::{Address, U256};
use serde::{Deserialize, Serialize};
use std::{fmt, path::Path};

/// USD amounts (rates, budgets, fixed plans) carry at most this many decimals (micro-dollars).
pub const USD_DECIMALS: u8 = 6;

/// A whole program, as read from `program.toml`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramConfig {
    /// Short program name, copied into every claims file (e.g. `rocket-pool-support`).
    pub name: String,
    /// EVM chain id the vault lives on.
    pub chain_id: u64,
    /// The `BountyVault` address.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub vault: Address,
    /// The token the vault pays.
    pub token: TokenInfo,
    /// Quarterly or monthly.
    pub cadence: Cadence,
    /// Per-epoch budget: distributed in full by `pro-rata` and `votes`, a cap for `hourly` and `fixed`.
    pub budget: Money,
    /// How shares become amounts.
    pub rule: Rule,
    /// Where the USD price comes from; required when anything is in USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<PriceSource>,
    /// The vault's per-epoch cap in whole tokens (`epochCap`), if any; allocations never exceed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epoch_cap: Option<Decimal>,
    /// Reporting calendar (defaults: reports 15th..29th of the last month, 7-day TWAP ending at payday).
    #[serde(default)]
    pub schedule: ScheduleConfig,
}

/// The paid ERC-20 token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenInfo {
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub address: Address,
    pub symbol: String,
    pub decimals: u8,
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

impl Money {
    /// Whether this amount needs a price to become tokens.
    pub fn is_usd(&self) -> bool {
        matches!(self, Self::Usd(_))
    }
}

/// Denomination of `fixed` amounts in the shares CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixedUnit {
    Usd,
    Tokens,
}

/// The allocation rules from the forum threads. In TOML: `[rule]` with `kind = "..."` and the rule's keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Rule {
    /// The whole budget split in proportion to hours (CSV column `hours`).
    ProRata,
    /// `rate × hours` (CSV column `hours`); scaled down in proportion when the sum exceeds the budget.
    Hourly { rate: Money },
    /// Per-account amounts (CSV column `usd` or `tokens`). Over the budget is an error unless `scale_to_cap`.
    Fixed {
        unit: FixedUnit,
        #[serde(default)]
        scale_to_cap: bool,
    },
    /// The whole budget split in proportion to votes (CSV column `votes`); accounts under `min_votes` are dropped.
    Votes { min_votes: u64 },
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

/// Where the chain layer reads the USD price over the TWAP window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum PriceSource {
    /// Uniswap V3 two-point TWAP, chained through `pools` from the token to `quote` (a USD stablecoin taken as $1).
    UniswapV3 { pools: Vec<Address>, quote: QuoteToken },
    /// A Chainlink USD feed (proxy address), round-weighted over the window.
    Chainlink {
        #[serde(with = "crate::serde_helpers::checksummed")]
        feed: Address,
    },
    /// An offline CSV series `timestamp,price` (price in USD, up to 18 decimals), relative to the config file.
    Csv { path: String },
}

/// The USD stablecoin at the end of a Uniswap route.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteToken {
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub address: Address,
    pub symbol: String,
    pub decimals: u8,
}

impl ProgramConfig {
    /// Reads and validates a TOML config file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        Self::from_toml_str(&text, &path.display().to_string())
    }

    /// Parses and validates TOML text; `origin` names the source in errors.
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Self> {
        let config: Self = toml::from_str(text).map_err(|e| Error::file(origin, e.to_string()))?;
        config.validate(origin)?;
        Ok(config)
    }

    /// Checks what serde cannot: amounts fit their denominations, the price source exists when needed, etc.
    pub fn validate(&self, origin: &str) -> Result<()> {
        let bad = |field: &str, message: String| Error::file(origin, format!("field `{field}`: {message}"));
        if self.name.trim().is_empty() {
            return Err(bad("name", "must not be empty".into()));
        }
        if self.token.decimals > 36 {
            return Err(bad("token.decimals", "at most 36".into()));
        }
        if self.token.address == Address::ZERO {
            return Err(bad("token.address", "must not be the zero address".into()));
        }
        let check_money = |field: &str, m: &Money| -> Result<()> {
            let r = match m {
                Money::Usd(d) => d.to_units(USD_DECIMALS),
                Money::Tokens(d) => d.to_units(self.token.decimals),
            };
            r.map(|_| ()).map_err(|e| bad(field, e.to_string()))
        };
        check_money("budget", &self.budget)?;
        if let Rule::Hourly { rate } = &self.rule {
            check_money("rule.rate", rate)?;
        }
        if let Some(cap) = &self.epoch_cap {
            cap.to_units(self.token.decimals).map_err(|e| bad("epoch_cap", e.to_string()))?;
        }
        if self.needs_price() && self.price.is_none() {
            return Err(bad("price", "the budget or rule is in USD, so a [price] source is required".into()));
        }
        if let Some(PriceSource::UniswapV3 { pools, quote }) = &self.price {
            if pools.is_empty() {
                return Err(bad("price.pools", "at least one pool".into()));
            }
            if quote.decimals > 36 {
                return Err(bad("price.quote.decimals", "at most 36".into()));
            }
        }
        if self.schedule.twap_days == 0 {
            return Err(bad("schedule.twap_days", "must be at least 1".into()));
        }
        Ok(())
    }

    /// Whether a USD price is needed to compute amounts.
    pub fn needs_price(&self) -> bool {
        self.budget.is_usd()
            || matches!(self.rule, Rule::Hourly { rate: Money::Usd(_) } | Rule::Fixed { unit: FixedUnit::Usd, .. })
    }

    /// Parses an epoch label and checks it matches the program's cadence.
    pub fn epoch_label(&self, label: &str) -> Result<EpochLabel> {
        let parsed: EpochLabel = label.parse()?;
        if parsed.cadence() != self.cadence {
            return Err(Error::Label {
                label: label.to_string(),
                reason: format!("program `{}` is {}", self.name, match self.cadence {
                    Cadence::Quarterly => "quarterly (labels like 2026-Q2)",
                    Cadence::Monthly => "monthly (labels like 2026-06)",
                }),
            });
        }
        Ok(parsed)
    }

    /// The dates of one epoch under this program's schedule.
    pub fn schedule_for(&self, label: EpochLabel) -> Schedule {
        Schedule::new(label, &self.schedule)
    }

    /// The vault's epoch cap in base units, if any.
    pub fn epoch_cap_units(&self) -> Option<U256> {
        self.epoch_cap.and_then(|c| c.to_units(self.token.decimals).ok())
    }

    /// The allocation inputs taken from this config.
    pub fn allocation_params(&self) -> crate::allocation::AllocationParams {
        crate::allocation::AllocationParams {
            token_decimals: self.token.decimals,
            budget: self.budget,
            rule: self.rule,
            epoch_cap: self.epoch_cap,
        }
    }
}
