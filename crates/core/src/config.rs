//! The program config (TOML): which chain, vault and token, how often, how much, by which rule, priced how.
//!
//! Every field is public so tools (e.g. the devnet demo) can load an example and override addresses in code.
//! The format is documented key by key in `docs/formats.md`.

use crate::{
    allocation::{AllocationParams, Rule},
    calendar::{Cadence, EpochLabel, Schedule, ScheduleConfig},
    calendar::{LabelError, LabelProblem},
    decimal::Decimal,
    error::{ConfigProblem, Error, Result},
    lines::{LineConfig, Term, MAIN_LINE},
};
use alloy_primitives::{Address, U256};
use serde::{Deserialize, Serialize};
use std::{collections::HashMap, path::Path};

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
    /// The block the vault was deployed in (printed by `bounty deploy`): where every scan of its events starts,
    /// since hosted RPCs refuse to scan a chain from block 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deploy_block: Option<u64>,
    /// The token the vault pays.
    pub token: TokenInfo,
    /// Quarterly or monthly.
    pub cadence: Cadence,
    /// The periods the program was approved for (absent: open-ended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<Term>,
    /// Per-epoch budget of a one-line program: distributed in full by `pro-rata` and `votes`, a cap for `hourly`
    /// and `fixed`; a lump sum in tokens or USD, optionally plus a match of the period's community tips. Either
    /// this and `rule`, or `[[line]]` tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<crate::tips::Budget>,
    /// How shares become amounts, in a one-line program.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    /// Budget lines (`[[line]]`), each computed on its own and summed per account.
    #[serde(default, rename = "line", skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LineConfig>,
    /// Where the USD price comes from; required when anything is in USD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<PriceSource>,
    /// The vault's per-epoch cap in whole tokens (`epochCap`), if any; allocations never exceed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epoch_cap: Option<Decimal>,
    /// Reporting calendar (defaults: reports 15th..29th of the last month, 7-day TWAP ending at payday).
    #[serde(default)]
    pub schedule: ScheduleConfig,
    /// The Discord vote round's emoji table (`bounty intake discord`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discord: Option<DiscordConfig>,
}

/// The paid ERC-20 token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenInfo {
    /// The token contract.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub address: Address,
    /// Its symbol (RPL, PERP), for display.
    pub symbol: String,
    /// Its decimals (18 for RPL and PERP).
    pub decimals: u8,
}

/// Where the chain layer reads the USD price over the TWAP window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum PriceSource {
    /// Uniswap V3 two-point TWAP, chained through `pools` from the token to `quote` (a USD stablecoin taken as $1).
    UniswapV3 {
        /// The route, token first: `RPL/WETH`, `WETH/USDC`.
        #[serde(with = "crate::serde_helpers::checksummed_vec")]
        pools: Vec<Address>,
        /// The stablecoin the route ends in.
        quote: QuoteToken,
    },
    /// A Chainlink USD feed (proxy address), round-weighted over the window.
    Chainlink {
        /// The feed's proxy address.
        #[serde(with = "crate::serde_helpers::checksummed")]
        feed: Address,
    },
    /// An offline CSV series `timestamp,price` (price in USD, up to 18 decimals), relative to the config file.
    Csv {
        /// Path of the series, relative to the config file.
        path: String,
    },
}

/// The USD stablecoin at the end of a Uniswap route.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteToken {
    /// The stablecoin contract.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub address: Address,
    /// Its symbol (USDC).
    pub symbol: String,
    /// Its decimals (6 for USDC).
    pub decimals: u8,
}

impl PriceSource {
    /// Whether reading this source needs an RPC (Uniswap and Chainlink do; a CSV series does not).
    pub fn is_on_chain(&self) -> bool {
        !matches!(self, Self::Csv { .. })
    }
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
        let config: Self = toml::from_str(text).map_err(|source| Error::Toml { file: origin.to_string(), source })?;
        config.validate(origin)?;
        Ok(config)
    }

    /// Checks what serde cannot: amounts fit their denominations, the price source exists when needed, etc.
    pub fn validate(&self, origin: &str) -> Result<()> {
        let bad = |field: &str, problem: ConfigProblem| Error::Config {
            file: origin.to_string(),
            field: field.to_string(),
            problem,
        };
        if self.name.trim().is_empty() {
            return Err(bad("name", ConfigProblem::Empty));
        }
        if self.token.decimals > 36 {
            return Err(bad("token.decimals", ConfigProblem::AtMost(36)));
        }
        if self.token.address == Address::ZERO {
            return Err(bad("token.address", ConfigProblem::ZeroAddress));
        }
        let lines = match (&self.budget, &self.rule, self.lines.is_empty()) {
            (Some(_), Some(_), true) => self.lines(),
            (None, None, false) => self.lines(),
            (None, None, true) => return Err(bad("line", ConfigProblem::NoLines)),
            (Some(_), None, true) => return Err(bad("rule", ConfigProblem::Missing)),
            (None, Some(_), true) => return Err(bad("budget", ConfigProblem::Missing)),
            (_, _, false) => return Err(bad("line", ConfigProblem::LinesAndBudget)),
        };
        let mut matched = None;
        for (i, line) in lines.iter().enumerate() {
            let at = |key: &str| match self.lines.is_empty() {
                true => key.to_string(),
                false => format!("line.{}.{key}", line.name),
            };
            let bad_at = |key: &str, problem| Error::Config { file: origin.to_string(), field: at(key), problem };
            if !self.lines.is_empty() {
                if !LineConfig::is_valid_name(&line.name) {
                    return Err(bad(&format!("line[{i}].name"), ConfigProblem::LineName(line.name.clone())));
                }
                if let Some(j) = lines[..i].iter().position(|l| l.name == line.name) {
                    return Err(bad(&format!("line[{i}].name"), ConfigProblem::DuplicateLine(line.name.clone(), j)));
                }
            }
            let base = line.budget.base().ok_or(bad_at("budget", ConfigProblem::OneOf("tokens", "usd")))?;
            base.units(self.token.decimals).map_err(|e| bad_at("budget", e.into()))?;
            if let Some(m) = &line.budget.tip_match {
                if base.is_usd() {
                    return Err(bad_at("budget.match", ConfigProblem::MatchNeedsTokens));
                }
                if let Some(first) = matched.replace(i) {
                    return Err(bad_at("budget.match", ConfigProblem::MatchedTwice(lines[first].name.clone())));
                }
                let percent = m.percent.to_units(crate::tips::PERCENT_DECIMALS);
                percent.map_err(|e| bad_at("budget.match.percent", e.into()))?;
                m.cap.to_units(self.token.decimals).map_err(|e| bad_at("budget.match.cap", e.into()))?;
            }
            if let Rule::Hourly { rate } = &line.rule {
                rate.units(self.token.decimals).map_err(|e| bad_at("rule.rate", e.into()))?;
            }
            if let Some(targets) = line.rule.targets() {
                if targets.count() == 0 {
                    return Err(bad_at("rule.targets", ConfigProblem::NoTargets));
                }
                for (kpi, bound) in targets.declared() {
                    let key = format!("rule.targets.{}", kpi.target_key());
                    bound.to_units(crate::quality::KPI_DECIMALS).map_err(|e| bad_at(&key, e.into()))?;
                }
            }
            if let Some(cap) = &line.cap {
                cap.to_units(self.token.decimals).map_err(|e| bad_at("cap", e.into()))?;
            }
        }
        if let Some(discord) = &self.discord {
            if discord.emojis.is_empty() {
                return Err(bad("discord.emojis", ConfigProblem::Empty));
            }
            let mut seen: HashMap<&str, &str> = HashMap::new();
            for (emoji, helper) in &discord.emojis {
                if helper.is_empty() || !helper.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad(&format!("discord.emojis.{emoji}"), ConfigProblem::NotSnowflake(helper.clone())));
                }
                if let Some(first) = seen.insert(helper, emoji) {
                    let problem = ConfigProblem::TwoEmojis(helper.clone(), first.to_string());
                    return Err(bad(&format!("discord.emojis.{emoji}"), problem));
                }
            }
        }
        if let Some(term) = &self.term {
            if term.first.cadence() != self.cadence {
                return Err(bad("term.first", ConfigProblem::TermCadence(term.first.to_string(), self.cadence)));
            }
            if term.periods == 0 {
                return Err(bad("term.periods", ConfigProblem::AtLeast(1)));
            }
        }
        if let Some(cap) = &self.epoch_cap {
            cap.to_units(self.token.decimals).map_err(|e| bad("epoch_cap", e.into()))?;
        }
        if self.needs_price() && self.price.is_none() {
            return Err(bad("price", ConfigProblem::PriceSourceRequired));
        }
        if let Some(PriceSource::UniswapV3 { pools, quote }) = &self.price {
            if pools.is_empty() {
                return Err(bad("price.pools", ConfigProblem::AtLeast(1)));
            }
            if quote.decimals > 36 {
                return Err(bad("price.quote.decimals", ConfigProblem::AtMost(36)));
            }
        }
        if self.schedule.twap_days == 0 {
            return Err(bad("schedule.twap_days", ConfigProblem::AtLeast(1)));
        }
        for (field, day) in [
            ("schedule.reports_open_day", self.schedule.reports_open_day),
            ("schedule.reports_close_day", self.schedule.reports_close_day),
        ] {
            if !(1..=31).contains(&day) {
                return Err(bad(field, ConfigProblem::DayOfMonth(day)));
            }
        }
        if self.schedule.reports_open_day > self.schedule.reports_close_day {
            return Err(bad("schedule.reports_open_day", ConfigProblem::OpensAfterClose));
        }
        Ok(())
    }

    /// Whether a USD price is needed to compute amounts (by any line).
    pub fn needs_price(&self) -> bool {
        self.lines().iter().any(|line| self.line_params(line).needs_price())
    }

    /// The program's budget lines: its `[[line]]` tables, or the one line `main` of `[budget]` and `[rule]`.
    pub fn lines(&self) -> Vec<LineConfig> {
        match (&self.budget, self.rule) {
            (Some(budget), Some(rule)) if self.lines.is_empty() => {
                vec![LineConfig { name: MAIN_LINE.into(), budget: budget.clone(), rule, cap: None }]
            }
            _ => self.lines.clone(),
        }
    }

    /// The line called `name`.
    pub fn line(&self, name: &str) -> Option<LineConfig> {
        self.lines().into_iter().find(|l| l.name == name)
    }

    /// The measure signed self-reports carry: the one line's, or, with several lines, `hours` when a line reads
    /// hours (reports feed the lines that measure hours); `None` when no line takes reports.
    pub fn reported_measure(&self) -> Option<crate::units::Measure> {
        let lines = self.lines();
        match lines.as_slice() {
            [only] => Some(only.rule.measure()),
            _ => lines.iter().map(|l| l.rule.measure()).find(|m| *m == crate::units::Measure::Hours),
        }
    }

    /// Refuses a period outside the program's term, naming the term.
    pub fn check_term(&self, label: EpochLabel) -> Result<Option<u32>> {
        let Some(term) = &self.term else { return Ok(None) };
        match term.position(label) {
            Some(n) => Ok(Some(n)),
            None => Err(Error::OutsideTerm { program: self.name.clone(), label, term: term.to_string() }),
        }
    }

    /// Parses an epoch label and checks it matches the program's cadence.
    pub fn epoch_label(&self, label: &str) -> Result<EpochLabel> {
        let parsed: EpochLabel = label.parse()?;
        if parsed.cadence() != self.cadence {
            let problem = LabelProblem::WrongCadence { program: self.name.clone(), cadence: self.cadence };
            return Err(LabelError { label: label.to_string(), problem }.into());
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

    /// The allocation inputs of one line: its budget and rule, capped by the line's cap and the vault's epoch cap
    /// (the lower), exactly as a one-line program with that budget and rule would have them.
    pub fn line_params(&self, line: &LineConfig) -> AllocationParams {
        // Both validated to fit the token's decimals, so comparing their base units compares the amounts.
        let units = |cap: Decimal| cap.to_units(self.token.decimals).unwrap_or(U256::MAX);
        let epoch_cap = match (line.cap, self.epoch_cap) {
            (Some(line_cap), Some(vault_cap)) => {
                Some(if units(line_cap) <= units(vault_cap) { line_cap } else { vault_cap })
            }
            (line_cap, vault_cap) => line_cap.or(vault_cap),
        };
        AllocationParams {
            token_decimals: self.token.decimals,
            budget: line.budget.base().expect("validated: exactly one of tokens and usd"),
            rule: line.rule,
            epoch_cap,
        }
    }
}

/// The program config's `[discord]` table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscordConfig {
    /// Which emoji stands for which helper: the emoji as the export names it (`🦊`, or a custom emoji's name) →
    /// the helper's Discord user id.
    pub emojis: std::collections::BTreeMap<String, String>,
    /// Count only voters who posted in the exported channel during the period.
    #[serde(default)]
    pub require_posted: bool,
}
