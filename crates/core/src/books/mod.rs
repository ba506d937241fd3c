//! The books: every payment of a program — each `Claimed` event of its vault — joined to the published claims file
//! of its period, with the USD value at the period's recorded price. The join is strict: a payment that no claims
//! file explains (no file for its period, no such leaf, another account or amount) is an error, never a footnote,
//! because books that disagree with the payments are worse than none.
//!
//! Pure: the events come from the chain layer, the files from disk. The tax export is the "universal" CSV layout
//! most crypto tax tools import (Date, Sent/Received Amount and Currency, Fee, Net Worth, Label, Description,
//! TxHash), written with the `csv` crate.

use crate::{
    calendar::{EpochLabel, EpochNumber},
    claims::LoadedClaims,
    decimal::Decimal,
    twap::Window,
    units::{narrow, ten_pow, PRICE_DECIMALS},
};
use alloy_primitives::{Address, B256, U256, U512};
use serde::Serialize;
use std::{collections::HashMap, fmt, io::Write, path::PathBuf};

mod report;
pub use report::{Dispute, LineSummary, OnChain, PeriodReport, Scored, TermReport, Veto, PERIOD_REPORT_FORMAT};

/// How a payment reached the vault: which entry point the transaction called.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaidBy {
    /// `claim` / `claimOne`: paid to the account, sent by anyone.
    Claim,
    /// `claimTo`: the account sent it and named another recipient.
    ClaimTo,
    /// `claimWithSig`: a relayer sent the account's signed consent.
    Consent,
    /// `payBatch`: the payday push.
    Batch,
    /// Through a contract wallet (a Safe, a multisend): the outer call is not the vault's.
    Contract,
}

impl fmt::Display for PaidBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Claim => "claim",
            Self::ClaimTo => "claim to",
            Self::Consent => "relayed consent",
            Self::Batch => "payday batch",
            Self::Contract => "through a contract wallet",
        })
    }
}

/// One `Claimed` event as the chain layer reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Claimed {
    /// The on-chain epoch number.
    pub epoch: u64,
    /// The leaf's index.
    pub index: u64,
    /// Whose claim it was.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub account: Address,
    /// Who received the tokens.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub recipient: Address,
    /// Base units.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub amount: U256,
    /// The block and its time (unix seconds).
    pub block: u64,
    /// The block's time.
    pub timestamp: u64,
    /// The transaction.
    pub tx: B256,
    /// The entry point.
    pub paid_by: PaidBy,
}

/// A payment joined to its claims file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Payment {
    /// The event.
    #[serde(flatten)]
    pub claimed: Claimed,
    /// The period.
    pub label: EpochLabel,
    /// What each budget line paid in it (empty for a one-line program).
    pub lines: Vec<LineAmount>,
    /// The period's recorded price (18 decimals), if the program has one.
    #[serde(skip_serializing_if = "Option::is_none", with = "opt_display")]
    pub usd_per_token: Option<U256>,
    /// The amount's USD value at that price, exact to 18 decimals (floored).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usd: Option<Decimal>,
    /// With `bounty ledger --price-at-claim`: the token's price when the payment was made (a short TWAP ending at
    /// its block, from the period's price source), and the value at it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_claim: Option<AtClaim>,
}

/// A payment valued at the token's price when it was made, not at the period's price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AtClaim {
    /// 18-decimal USD per whole token over `window`.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub usd_per_token: U256,
    /// The payment's value at it, exact to 18 decimals (floored).
    pub usd: Decimal,
    /// The averaging window, ending at the payment's block.
    pub window: Window,
}

impl Payment {
    /// Values the payment at `price`, read over `window` (which ends at the payment's block).
    pub fn value_at_claim(&mut self, price: U256, window: Window, decimals: u8) {
        let usd = usd_value(self.claimed.amount, decimals, price);
        self.at_claim = Some(AtClaim { usd_per_token: price, usd, window });
    }

    /// The value the tax CSV reports: at the claim's price when it was read, else at the period's.
    fn net_worth(&self) -> Option<Decimal> {
        self.at_claim.as_ref().map(|a| a.usd).or(self.usd)
    }
}

/// One budget line's part of a payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LineAmount {
    /// The line.
    pub line: String,
    /// Base units.
    #[serde(with = "crate::serde_helpers::display_str")]
    pub amount: U256,
}

mod opt_display {
    use alloy_primitives::U256;
    use serde::Serializer;

    pub(super) fn serialize<S: Serializer>(value: &Option<U256>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }
}

/// Why the payments and the claims files disagree, or the files do not belong together.
#[derive(Debug, thiserror::Error)]
pub enum BooksError {
    /// No claims files at all.
    #[error("no claims files: give the program's published claims files (one per period)")]
    NoFiles,
    /// Files of different vaults or chains.
    #[error("{file} is for vault {vault} on chain {chain_id}, the others for vault {expected} on chain {expected_chain}: give one program's files")]
    OtherVault {
        /// The odd file.
        file: PathBuf,
        /// Its vault.
        vault: Address,
        /// Its chain.
        chain_id: u64,
        /// The first file's vault.
        expected: Address,
        /// The first file's chain.
        expected_chain: u64,
    },
    /// Two files for one period.
    #[error("{first} and {second} are both for {label}: give the published one only")]
    TwoFiles {
        /// The period.
        label: EpochLabel,
        /// One file.
        first: PathBuf,
        /// The other.
        second: PathBuf,
    },
    /// A payment of a period whose file was not given.
    #[error("the vault paid leaf #{index} of epoch {epoch} (tx {tx}), but no claims file for that period was given: add it (or leave the period out with --period)")]
    NoFile {
        /// The epoch.
        epoch: EpochNumber,
        /// The leaf.
        index: u64,
        /// The transaction.
        tx: B256,
    },
    /// A payment the file does not explain.
    #[error("{0}")]
    Disagrees(Box<Disagreement>),
    /// A date range the wrong way round.
    #[error("--since {since} is after --until {until}: swap them")]
    Reversed {
        /// The start.
        since: String,
        /// The end.
        until: String,
    },
}

/// A paid leaf the claims file does not have (boxed in [`BooksError`]: it is the largest variant).
#[derive(Debug, thiserror::Error)]
#[error("{file}: the vault paid leaf #{index} to {paid_account} ({paid_amount} base units) in tx {tx}, but the file's leaf #{index} is {file_leaf}: this is not the file whose root was posted")]
pub struct Disagreement {
    /// The claims file.
    pub file: PathBuf,
    /// The leaf.
    pub index: u64,
    /// What the event says.
    pub paid_account: Address,
    /// What the event says.
    pub paid_amount: U256,
    /// The file's leaf, or "missing".
    pub file_leaf: String,
    /// The transaction.
    pub tx: B256,
}

/// Checks that `files` are one vault's, one per period; returns them by epoch number.
pub fn index_files(files: &[LoadedClaims]) -> Result<HashMap<u64, &LoadedClaims>, BooksError> {
    let first = files.first().ok_or(BooksError::NoFiles)?;
    let mut by_epoch: HashMap<u64, &LoadedClaims> = HashMap::new();
    for loaded in files {
        let f = &loaded.file;
        if (f.vault, f.chain_id) != (first.file.vault, first.file.chain_id) {
            return Err(BooksError::OtherVault {
                file: loaded.path.clone(),
                vault: f.vault,
                chain_id: f.chain_id,
                expected: first.file.vault,
                expected_chain: first.file.chain_id,
            });
        }
        if let Some(other) = by_epoch.insert(f.epoch, loaded) {
            return Err(BooksError::TwoFiles {
                label: f.label,
                first: other.path.clone(),
                second: loaded.path.clone(),
            });
        }
    }
    Ok(by_epoch)
}

/// Joins every event to its file's leaf: the account and amount must be the file's, else an error. Events of
/// epochs outside `periods` (when given) are skipped before the check, so a period left out needs no file.
pub fn join(
    files: &[LoadedClaims],
    events: Vec<Claimed>,
    periods: Option<&[EpochLabel]>,
) -> Result<Vec<Payment>, BooksError> {
    let by_epoch = index_files(files)?;
    let mut payments = Vec::with_capacity(events.len());
    for claimed in events {
        let wanted = periods.is_none_or(|p| p.iter().any(|l| l.epoch_number() == claimed.epoch));
        if !wanted {
            continue;
        }
        let loaded = by_epoch.get(&claimed.epoch).ok_or(BooksError::NoFile {
            epoch: EpochNumber(claimed.epoch),
            index: claimed.index,
            tx: claimed.tx,
        })?;
        let file = &loaded.file;
        let entry = usize::try_from(claimed.index).ok().and_then(|i| file.claims.get(i));
        let entry = match entry {
            Some(e) if e.account == claimed.account && e.amount == claimed.amount => e,
            other => {
                return Err(BooksError::Disagrees(Box::new(Disagreement {
                    file: loaded.path.clone(),
                    index: claimed.index,
                    paid_account: claimed.account,
                    paid_amount: claimed.amount,
                    file_leaf: other.map_or("missing".into(), |e| format!("{} for {}", e.account, e.amount)),
                    tx: claimed.tx,
                })))
            }
        };
        let usd_per_token = file.price.as_ref().map(|p| p.usd_per_token);
        let usd = usd_per_token.map(|price| usd_value(claimed.amount, file.token.decimals, price));
        let lines = entry.lines.iter().map(|p| LineAmount { line: p.line.clone(), amount: p.amount }).collect();
        payments.push(Payment { claimed, label: file.label, lines, usd_per_token, usd, at_claim: None });
    }
    Ok(payments)
}

/// `amount × usdPerToken / 10^decimals`, exact to 18 decimals (floored): what the tokens were worth at the price the
/// period was computed at.
pub fn usd_value(amount: U256, decimals: u8, usd_per_token: U256) -> Decimal {
    let value = U512::from(amount) * U512::from(usd_per_token) / ten_pow(u32::from(decimals));
    Decimal::from_units(narrow(value).unwrap_or(U256::MAX), PRICE_DECIMALS)
}

/// Dollars floored to the cent with thousands separators (`1,234.56`), for tables and reports; the exact values
/// (18 decimals) are in the JSON and the CSV.
pub fn cents(d: Decimal) -> String {
    let units = d.to_units(PRICE_DECIMALS).unwrap_or(U256::MAX) / U256::from(10u64).pow(U256::from(16u64));
    let (whole, cents) = (units / U256::from(100u64), units % U256::from(100u64));
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{grouped}.{cents:02}")
}

/// The sum of some payments: base units and, where every payment has a price, USD (exact).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// How many payments.
    pub count: usize,
    /// Base units.
    pub amount: U256,
    /// USD at each period's price, in 10^-18 dollars; `None` if a payment has no price.
    pub usd: Option<U256>,
    /// USD at each claim's price (`--price-at-claim`), in 10^-18 dollars; `None` unless every payment has one.
    pub usd_at_claim: Option<U256>,
}

impl Totals {
    /// Sums `payments`.
    pub fn of<'a>(payments: impl IntoIterator<Item = &'a Payment>) -> Self {
        let mut t = Totals { usd: Some(U256::ZERO), usd_at_claim: Some(U256::ZERO), ..Default::default() };
        let add = |sum: Option<U256>, value: Option<Decimal>| {
            sum.zip(value.and_then(|d| d.to_units(PRICE_DECIMALS).ok())).map(|(a, b)| a.saturating_add(b))
        };
        for p in payments {
            t.count += 1;
            t.amount = t.amount.saturating_add(p.claimed.amount);
            t.usd = add(t.usd, p.usd);
            t.usd_at_claim = add(t.usd_at_claim, p.at_claim.as_ref().map(|a| a.usd));
        }
        t
    }
}

/// The columns of the tax export, in order.
pub const CSV_COLUMNS: [&str; 12] = [
    "Date",
    "Sent Amount",
    "Sent Currency",
    "Received Amount",
    "Received Currency",
    "Fee Amount",
    "Fee Currency",
    "Net Worth Amount",
    "Net Worth Currency",
    "Label",
    "Description",
    "TxHash",
];

/// Writes `payments` as income rows in the universal tax-import layout: one row per payment, received by the
/// account whose claim it was (a different recipient is named in the description), valued at the period's price.
pub fn write_csv(
    w: impl Write,
    program: &str,
    symbol: &str,
    decimals: u8,
    payments: &[Payment],
) -> Result<(), csv::Error> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(CSV_COLUMNS)?;
    for p in payments {
        let c = &p.claimed;
        let date = chrono::DateTime::from_timestamp(c.timestamp as i64, 0)
            .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
            .unwrap_or_default();
        let amount = Decimal::from_units(c.amount, decimals).to_string();
        let usd = p.net_worth().map(|d| d.to_string()).unwrap_or_default();
        let currency = if p.net_worth().is_some() { "USD" } else { "" };
        let mut description = format!("{program} {} leaf #{} of {}, {}", p.label, c.index, c.account, c.paid_by);
        if c.recipient != c.account {
            description.push_str(&format!(", paid to {}", c.recipient));
        }
        if !p.lines.is_empty() {
            let parts: Vec<String> =
                p.lines.iter().map(|l| format!("{} {}", l.line, Decimal::from_units(l.amount, decimals))).collect();
            description.push_str(&format!(" ({})", parts.join(" + ")));
        }
        // Which price the Net Worth column uses, when it is not the period's (the page writes the period's only).
        if let Some(a) = &p.at_claim {
            let minutes = a.window.end_timestamp.saturating_sub(a.window.start_timestamp) / 60;
            let block = a.window.end_block.map(|b| format!(" at block {b}")).unwrap_or_default();
            description.push_str(&format!(
                "; valued at ${} per {symbol}, the {minutes}-minute TWAP ending{block}",
                Decimal::from_units(a.usd_per_token, PRICE_DECIMALS)
            ));
        }
        let tx = c.tx.to_string();
        out.write_record([
            date.as_str(),
            "",
            "",
            &amount,
            symbol,
            "",
            "",
            &usd,
            currency,
            "income",
            &description,
            &tx,
        ])?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usd_value_is_exact_to_18_decimals_and_floored() {
        let price = U256::from(1_028_571_428_571_428_571u128); // $1.028571428571428571
        let one = U256::from(10u64).pow(U256::from(18u64));
        assert_eq!(usd_value(one, 18, price).to_string(), "1.028571428571428571");
        // 1.5 USDC-like units (6 decimals) at $2: $3 exactly.
        assert_eq!(usd_value(U256::from(1_500_000u64), 6, U256::from(2u64) * one).to_string(), "3");
        // A single base unit of an 18-decimal token at $0.5 is worth 0.5 × 10^-18 dollars: floored to zero.
        assert_eq!(usd_value(U256::from(1u8), 18, one / U256::from(2u8)).to_string(), "0");
    }

    #[test]
    fn cents_floor_and_group() {
        assert_eq!(cents("1234.5678".parse().unwrap()), "1,234.56");
        assert_eq!(cents("0.009".parse().unwrap()), "0.00");
        assert_eq!(cents("1000000".parse().unwrap()), "1,000,000.00");
    }

    #[test]
    fn no_files_is_a_sentence() {
        let e = join(&[], Vec::new(), None).unwrap_err().to_string();
        assert!(e.contains("give the program's published claims files"), "{e}");
    }
}
