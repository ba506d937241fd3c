//! Time-weighted average prices from raw readings, in exact integer math. The chain layer reads the numbers; this
//! module turns them into `usdPerToken` (18-decimal USD per whole token) and keeps them as provenance so anyone can
//! re-derive the price from a claims file.

use crate::decimal::Decimal;
use crate::error::{Error, Result};
use crate::serde_helpers::display_str;
use alloy_primitives::{Address, U256, U512};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// 10^18: the fixed-point unit of prices.
pub const PRICE_ONE: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// The averaging window, in unix seconds (and the blocks the readings were taken at, when known).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub start_timestamp: u64,
    pub end_timestamp: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_block: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_block: Option<u64>,
}

/// One Uniswap V3 pool's tick cumulatives at both ends of the window (`observe([window, 0])` at the end block).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolObservation {
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub pool: Address,
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub token0: Address,
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub token1: Address,
    /// int56 tickCumulative at the window start (a string: may exceed 2^53).
    #[serde(with = "display_str")]
    pub tick_cumulative_start: i64,
    #[serde(with = "display_str")]
    pub tick_cumulative_end: i64,
}

/// One Chainlink round as `getRoundData` returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainlinkRound {
    /// Proxy round id: `phase << 64 | aggregator round`.
    #[serde(with = "display_str")]
    pub round_id: u128,
    /// int256 answer in the feed's decimals.
    #[serde(with = "display_str")]
    pub answer: i128,
    pub started_at: u64,
    pub updated_at: u64,
}

/// One point of an offline price series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricePoint {
    pub timestamp: u64,
    /// 18-decimal USD per whole token.
    #[serde(with = "display_str")]
    pub price: U256,
}

/// The raw readings a price was derived from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PriceProvenance {
    /// Uniswap V3 two-point TWAP chained through `pools` from `token` to `quote` (a USD stablecoin taken as $1).
    UniswapV3 {
        #[serde(with = "crate::serde_helpers::checksummed")]
        token: Address,
        token_decimals: u8,
        #[serde(with = "crate::serde_helpers::checksummed")]
        quote: Address,
        quote_symbol: String,
        quote_decimals: u8,
        window: Window,
        pools: Vec<PoolObservation>,
    },
    /// Chainlink round-weighted average over the window.
    Chainlink {
        #[serde(with = "crate::serde_helpers::checksummed")]
        feed: Address,
        feed_decimals: u8,
        window: Window,
        rounds: Vec<ChainlinkRound>,
    },
    /// A CSV series (timestamp, price), time-weighted over the window.
    Series { source: String, window: Window, points: Vec<PricePoint> },
}

impl PriceProvenance {
    /// Re-derives `usdPerToken` from the readings.
    pub fn usd_per_token(&self) -> Result<U256> {
        match self {
            Self::UniswapV3 { token, token_decimals, quote, quote_decimals, window, pools, .. } => {
                let seconds = window_seconds(window)?;
                let hops = pools
                    .iter()
                    .map(|p| Ok((p.token0, p.token1, mean_tick(p.tick_cumulative_start, p.tick_cumulative_end, seconds)?)))
                    .collect::<Result<Vec<_>>>()?;
                tick_to_usd_per_token(chain_ticks(*token, *quote, &hops)?, *token_decimals, *quote_decimals)
            }
            Self::Chainlink { feed_decimals, window, rounds, .. } => {
                chainlink_twap(rounds, *feed_decimals, window.start_timestamp, window.end_timestamp)
            }
            Self::Series { window, points, .. } => series_twap(points, window.start_timestamp, window.end_timestamp),
        }
    }

    /// The averaging window.
    pub fn window(&self) -> &Window {
        match self {
            Self::UniswapV3 { window, .. } | Self::Chainlink { window, .. } | Self::Series { window, .. } => window,
        }
    }
}

/// A price and where it came from, as stored in the claims file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceRecord {
    /// 18-decimal USD per whole token.
    #[serde(with = "display_str")]
    pub usd_per_token: U256,
    pub source: PriceProvenance,
}

impl PriceRecord {
    /// Derives the price from the readings and records both.
    pub fn derive(source: PriceProvenance) -> Result<Self> {
        Ok(Self { usd_per_token: source.usd_per_token()?, source })
    }
}

/// Uniswap's tick bounds (TickMath.MIN_TICK / MAX_TICK).
pub const MAX_TICK: i32 = 887_272;

fn window_seconds(window: &Window) -> Result<u64> {
    match window.end_timestamp.checked_sub(window.start_timestamp) {
        Some(s) if s > 0 => Ok(s),
        _ => Err(Error::Price(format!(
            "empty window: start {} is not before end {}",
            window.start_timestamp, window.end_timestamp
        ))),
    }
}

/// Arithmetic mean tick over a window, rounded toward negative infinity exactly like `OracleLibrary.consult`.
pub fn mean_tick(tick_cumulative_start: i64, tick_cumulative_end: i64, seconds: u64) -> Result<i32> {
    if seconds == 0 || seconds > i64::MAX as u64 {
        return Err(Error::Price(format!("invalid window of {seconds} seconds")));
    }
    let delta = tick_cumulative_end
        .checked_sub(tick_cumulative_start)
        .ok_or_else(|| Error::Price("tick cumulative difference overflows".into()))?;
    // div_euclid with a positive divisor is floor division: -7 / 2 = -4, as consult's `arithmeticMeanTick--`.
    let tick = delta.div_euclid(seconds as i64);
    if tick.abs() > MAX_TICK as i64 {
        return Err(Error::Price(format!("mean tick {tick} outside ±{MAX_TICK}")));
    }
    Ok(tick as i32)
}

/// Chains per-pool mean ticks from `token` to `quote`: a tick is added when the current token is the pool's token0
/// and subtracted when it is token1. `hops` are `(token0, token1, mean tick)`. Returns the tick of "quote per token".
pub fn chain_ticks(token: Address, quote: Address, hops: &[(Address, Address, i32)]) -> Result<i32> {
    if hops.is_empty() {
        return Err(Error::Price("no pools to price through".into()));
    }
    let mut current = token;
    let mut tick: i64 = 0;
    for (i, &(token0, token1, t)) in hops.iter().enumerate() {
        if current == token0 {
            tick += t as i64;
            current = token1;
        } else if current == token1 {
            tick -= t as i64;
            current = token0;
        } else {
            return Err(Error::Price(format!("pool {i} ({token0}/{token1}) does not contain {current}")));
        }
    }
    if current != quote {
        return Err(Error::Price(format!("the pool route ends at {current}, not at the quote token {quote}")));
    }
    if tick.abs() > MAX_TICK as i64 {
        return Err(Error::Price(format!("chained tick {tick} outside ±{MAX_TICK}")));
    }
    Ok(tick as i32)
}

/// `usdPerToken` at a "quote per token" tick: `floor(sqrtRatioX96² × 10^(tokenDecimals+18) / (2^192 × 10^quoteDecimals))`,
/// with TickMath's `getSqrtRatioAtTick` from `uniswap_v3_math` (same alloy `U256`, no conversion needed). The
/// square is taken in 512 bits, so unlike `OracleLibrary.getQuoteAtTick` no intermediate rounding occurs.
pub fn tick_to_usd_per_token(tick: i32, token_decimals: u8, quote_decimals: u8) -> Result<U256> {
    let sqrt = uniswap_v3_math::tick_math::get_sqrt_ratio_at_tick(tick)
        .map_err(|e| Error::Price(format!("tick {tick}: {e}")))?;
    let ten = |e: u32| U512::from(10u8).pow(U512::from(e));
    let sqrt = U512::from(sqrt);
    let num = sqrt * sqrt * ten(token_decimals as u32 + 18);
    let den = (U512::from(1u8) << 192) * ten(quote_decimals as u32);
    narrow(num / den)
}

fn narrow(x: U512) -> Result<U256> {
    U256::checked_from_limbs_slice(x.as_limbs()).ok_or_else(|| Error::Price("price exceeds uint256".into()))
}

/// Time-weights `(since, value)` steps over `[start, end)`: each value holds from its time until the next step's.
/// The last step at or before `start` must exist (it is the one live when the window opens). Returns
/// `Σ value × seconds live / window`, floored, in the values' own units scaled by `scale_num / scale_den`.
fn time_weighted(steps: &[(u64, U256)], start: u64, end: u64, scale_num: U512, scale_den: U512) -> Result<U256> {
    if end <= start {
        return Err(Error::Price(format!("empty window: start {start} is not before end {end}")));
    }
    if let Some(w) = steps.windows(2).find(|w| w[1].0 < w[0].0) {
        return Err(Error::Price(format!("readings go back in time: {} after {}", w[1].0, w[0].0)));
    }
    if steps.first().is_none_or(|s| s.0 > start) {
        return Err(Error::Price(format!("no valid reading at or before the window start {start}")));
    }
    let mut sum = U512::ZERO;
    for (i, &(since, value)) in steps.iter().enumerate() {
        let from = since.max(start);
        let to = steps.get(i + 1).map_or(end, |next| next.0).min(end);
        if to > from {
            sum += U512::from(value) * U512::from(to - from);
        }
    }
    narrow(sum * scale_num / (U512::from(end - start) * scale_den))
}

/// Chainlink round-weighted TWAP over `[start, end)`, as 18-decimal fixed point. Rounds must be in ascending round
/// id order (phases included: a new phase's ids, `phase << 64 | 1…`, sort after the old phase's); invalid rounds
/// (answer ≤ 0 or updatedAt = 0) are skipped, so the previous valid answer stays live; the round live at `start`
/// (the last valid one updated at or before it) counts from `start`.
pub fn chainlink_twap(rounds: &[ChainlinkRound], feed_decimals: u8, start: u64, end: u64) -> Result<U256> {
    if let Some(w) = rounds.windows(2).find(|w| w[1].round_id <= w[0].round_id) {
        return Err(Error::Price(format!(
            "rounds not in ascending id order: {} (phase {}) after {} (phase {})",
            w[1].round_id,
            w[1].round_id >> 64,
            w[0].round_id,
            w[0].round_id >> 64
        )));
    }
    let steps: Vec<(u64, U256)> = rounds
        .iter()
        .filter(|r| r.answer > 0 && r.updated_at != 0)
        .map(|r| (r.updated_at, U256::from(r.answer as u128)))
        .collect();
    let ten = |e: u32| U512::from(10u8).pow(U512::from(e));
    time_weighted(&steps, start, end, ten(18), ten(feed_decimals as u32))
}

/// Time-weighted average of a step series over `[start, end)`: each point's price holds until the next point.
pub fn series_twap(points: &[PricePoint], start: u64, end: u64) -> Result<U256> {
    let steps: Vec<(u64, U256)> = points.iter().map(|p| (p.timestamp, p.price)).collect();
    time_weighted(&steps, start, end, U512::from(1u8), U512::from(1u8))
}

#[derive(serde::Deserialize)]
struct RawPoint {
    timestamp: String,
    price: String,
}

/// Reads a `timestamp,price` CSV (unix seconds; price in USD, up to 18 decimals) into points sorted by time.
pub fn read_price_csv(path: impl AsRef<Path>) -> Result<Vec<PricePoint>> {
    let path = path.as_ref();
    let file = path.display().to_string();
    let data = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    let line_of = |p: Option<&csv::Position>| p.map_or(0, |p| crate::shares::line_at(&data, p.byte()));
    let mut csv = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(&data[..]);
    let mut points = Vec::new();
    let headers = csv.headers().map_err(|e| Error::file(&file, e.to_string()))?.clone();
    for record in csv.records() {
        let record = record.map_err(|e| Error::input(&file, line_of(e.position()), "row", e.to_string()))?;
        let line = line_of(record.position());
        let record: RawPoint =
            record.deserialize(Some(&headers)).map_err(|e| Error::input(&file, line, "row", e.to_string()))?;
        let timestamp = record
            .timestamp
            .parse::<u64>()
            .map_err(|_| Error::input(&file, line, "timestamp", format!("`{}` is not unix seconds", record.timestamp)))?;
        let price = Decimal::parse(&record.price, 18)
            .and_then(|d| d.to_units(18))
            .map_err(|e| Error::input(&file, line, "price", e.to_string()))?;
        points.push(PricePoint { timestamp, price });
    }
    if points.is_empty() {
        return Err(Error::file(&file, "no price points"));
    }
    points.sort_by_key(|p| p.timestamp);
    if let Some(w) = points.windows(2).find(|w| w[0].timestamp == w[1].timestamp) {
        return Err(Error::file(&file, format!("two prices for timestamp {}", w[0].timestamp)));
    }
    Ok(points)
}
