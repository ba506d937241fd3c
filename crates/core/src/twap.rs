//! Time-weighted average prices from raw readings, in exact integer math. The chain layer reads the numbers; this
//! module turns them into `usdPerToken` (18-decimal USD per whole token) and keeps them as provenance so anyone can
//! re-derive the price from a claims file.

use crate::{
    decimal::Decimal,
    error::{CsvProblem, Error, FieldProblem, PriceError},
    serde_helpers::display_str,
    shares::LineCounter,
    units::{narrow, ten_pow, PRICE_DECIMALS},
};
use alloy_primitives::{Address, U256, U512};
use serde::{Deserialize, Serialize};
use std::path::Path;

type Result<T, E = PriceError> = std::result::Result<T, E>;

/// The averaging window, in unix seconds (and the blocks the readings were taken at, when known).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// Start, unix seconds.
    pub start_timestamp: u64,
    /// End, unix seconds.
    pub end_timestamp: u64,
    /// The block the start reading was taken at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_block: Option<u64>,
    /// The block the end reading was taken at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_block: Option<u64>,
}

/// One Uniswap V3 pool's tick cumulatives at both ends of the window (`observe([window, 0])` at the end block).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolObservation {
    /// The pool.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub pool: Address,
    /// Its token0.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub token0: Address,
    /// Its token1.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub token1: Address,
    /// int56 tickCumulative at the window start (a string: may exceed 2^53).
    #[serde(with = "display_str")]
    pub tick_cumulative_start: i64,
    /// int56 tickCumulative at the window end.
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
    /// When the round started.
    pub started_at: u64,
    /// When its answer was last updated (0 = incomplete round).
    pub updated_at: u64,
}

/// One point of an offline price series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricePoint {
    /// From this time (unix seconds) until the next point.
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
        /// The priced token.
        #[serde(with = "crate::serde_helpers::checksummed")]
        token: Address,
        /// Its decimals.
        token_decimals: u8,
        /// The stablecoin the route ends in.
        #[serde(with = "crate::serde_helpers::checksummed")]
        quote: Address,
        /// Its symbol.
        quote_symbol: String,
        /// Its decimals.
        quote_decimals: u8,
        /// The averaging window.
        window: Window,
        /// Each pool's readings, in route order.
        pools: Vec<PoolObservation>,
    },
    /// Chainlink round-weighted average over the window.
    Chainlink {
        /// The feed's proxy.
        #[serde(with = "crate::serde_helpers::checksummed")]
        feed: Address,
        /// Its decimals.
        feed_decimals: u8,
        /// The averaging window.
        window: Window,
        /// The rounds live in the window, ascending.
        rounds: Vec<ChainlinkRound>,
    },
    /// A CSV series (timestamp, price), time-weighted over the window.
    Series {
        /// Where the series came from (the CSV path).
        source: String,
        /// The averaging window.
        window: Window,
        /// The points, ascending.
        points: Vec<PricePoint>,
    },
}

impl PriceProvenance {
    /// Re-derives `usdPerToken` from the readings.
    pub fn usd_per_token(&self) -> Result<U256> {
        match self {
            Self::UniswapV3 { token, token_decimals, quote, quote_decimals, window, pools, .. } => {
                let seconds = window_seconds(window)?;
                let hops = pools
                    .iter()
                    .map(|p| {
                        Ok((p.token0, p.token1, mean_tick(p.tick_cumulative_start, p.tick_cumulative_end, seconds)?))
                    })
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
    /// The readings it was derived from.
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
        _ => Err(PriceError::EmptyWindow { start: window.start_timestamp, end: window.end_timestamp }),
    }
}

/// Arithmetic mean tick over a window, rounded toward negative infinity exactly like `OracleLibrary.consult`.
pub fn mean_tick(tick_cumulative_start: i64, tick_cumulative_end: i64, seconds: u64) -> Result<i32> {
    let Ok(seconds @ 1..) = i64::try_from(seconds) else {
        return Err(PriceError::EmptyWindow { start: 0, end: seconds });
    };
    let delta = tick_cumulative_end.checked_sub(tick_cumulative_start).ok_or(PriceError::TickOverflow)?;
    // div_euclid with a positive divisor is floor division: -7 / 2 = -4, as consult's `arithmeticMeanTick--`.
    let tick = delta.div_euclid(seconds);
    if tick.abs() > i64::from(MAX_TICK) {
        return Err(PriceError::TickOutOfRange(tick));
    }
    Ok(tick as i32)
}

/// Chains per-pool mean ticks from `token` to `quote`: a tick is added when the current token is the pool's token0
/// and subtracted when it is token1. `hops` are `(token0, token1, mean tick)`. Returns the tick of "quote per token".
pub fn chain_ticks(token: Address, quote: Address, hops: &[(Address, Address, i32)]) -> Result<i32> {
    if hops.is_empty() {
        return Err(PriceError::NoPools);
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
            return Err(PriceError::PoolMismatch { index: i, token0, token1, current });
        }
    }
    if current != quote {
        return Err(PriceError::RouteEnd { end: current, quote });
    }
    if tick.abs() > i64::from(MAX_TICK) {
        return Err(PriceError::TickOutOfRange(tick));
    }
    Ok(tick as i32)
}

/// `usdPerToken` at a "quote per token" tick: `floor(sqrtRatioX96² × 10^(tokenDecimals+18) / (2^192 × 10^quoteDecimals))`,
/// with TickMath's `getSqrtRatioAtTick` from `uniswap_v3_math` (same alloy `U256`, no conversion needed). The
/// square is taken in 512 bits, so unlike `OracleLibrary.getQuoteAtTick` no intermediate rounding occurs.
pub fn tick_to_usd_per_token(tick: i32, token_decimals: u8, quote_decimals: u8) -> Result<U256> {
    // The library refuses exactly the ticks outside ±MAX_TICK.
    let sqrt = uniswap_v3_math::tick_math::get_sqrt_ratio_at_tick(tick)
        .map_err(|_| PriceError::TickOutOfRange(i64::from(tick)))?;
    let sqrt = U512::from(sqrt);
    let num = sqrt * sqrt * ten_pow(u32::from(token_decimals) + u32::from(PRICE_DECIMALS));
    let den = (U512::from(1u8) << 192) * ten_pow(u32::from(quote_decimals));
    narrow(num / den).ok_or(PriceError::Overflow)
}

/// Time-weights `(since, value)` steps over `[start, end)`: each value holds from its time until the next step's.
/// The last step at or before `start` must exist (it is the one live when the window opens). Returns
/// `Σ value × seconds live / window`, floored, in the values' own units scaled by `scale_num / scale_den`.
fn time_weighted(steps: &[(u64, U256)], start: u64, end: u64, scale_num: U512, scale_den: U512) -> Result<U256> {
    if end <= start {
        return Err(PriceError::EmptyWindow { start, end });
    }
    if let Some(w) = steps.windows(2).find(|w| w[1].0 < w[0].0) {
        return Err(PriceError::BackInTime { earlier: w[0].0, later: w[1].0 });
    }
    if steps.first().is_none_or(|s| s.0 > start) {
        return Err(PriceError::NoReadingAtStart(start));
    }
    let mut sum = U512::ZERO;
    for (i, &(since, value)) in steps.iter().enumerate() {
        let from = since.max(start);
        let to = steps.get(i + 1).map_or(end, |next| next.0).min(end);
        if to > from {
            sum += U512::from(value) * U512::from(to - from);
        }
    }
    narrow(sum * scale_num / (U512::from(end - start) * scale_den)).ok_or(PriceError::Overflow)
}

/// Chainlink round-weighted TWAP over `[start, end)`, as 18-decimal fixed point. Rounds must be in ascending round
/// id order (phases included: a new phase's ids, `phase << 64 | 1…`, sort after the old phase's); invalid rounds
/// (answer ≤ 0 or updatedAt = 0) are skipped, so the previous valid answer stays live; the round live at `start`
/// (the last valid one updated at or before it) counts from `start`.
pub fn chainlink_twap(rounds: &[ChainlinkRound], feed_decimals: u8, start: u64, end: u64) -> Result<U256> {
    if let Some(w) = rounds.windows(2).find(|w| w[1].round_id <= w[0].round_id) {
        return Err(PriceError::RoundsOutOfOrder { earlier: w[0].round_id, later: w[1].round_id });
    }
    let steps: Vec<(u64, U256)> = rounds
        .iter()
        .filter(|r| r.answer > 0 && r.updated_at != 0)
        .map(|r| (r.updated_at, U256::from(r.answer as u128)))
        .collect();
    time_weighted(&steps, start, end, ten_pow(u32::from(PRICE_DECIMALS)), ten_pow(u32::from(feed_decimals)))
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
pub fn read_price_csv(path: impl AsRef<Path>) -> Result<Vec<PricePoint>, Error> {
    let path = path.as_ref();
    let file = path.display().to_string();
    let data = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    let field = |line, field: &str, problem: FieldProblem| Error::Field {
        file: file.clone(),
        line,
        field: field.to_string(),
        problem,
    };
    let csv_error = |problem| Error::Csv { file: file.clone(), problem };
    let mut lines = LineCounter::new(&data);
    let mut csv = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(&data[..]);
    let headers = csv.headers().map_err(|e| csv_error(CsvProblem::Header(e)))?.clone();
    let mut points = Vec::new();
    for record in csv.records() {
        let record = record.map_err(|e| field(e.position().map_or(0, |p| lines.line_at(p.byte())), "row", e.into()))?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        let raw: RawPoint = record.deserialize(Some(&headers)).map_err(|e| field(line, "row", e.into()))?;
        let timestamp = raw
            .timestamp
            .parse::<u64>()
            .map_err(|_| field(line, "timestamp", FieldProblem::NotUnixSeconds(raw.timestamp.clone())))?;
        let price = Decimal::parse(&raw.price, PRICE_DECIMALS)
            .and_then(|d| d.to_units(PRICE_DECIMALS))
            .map_err(|e| field(line, "price", e.into()))?;
        points.push(PricePoint { timestamp, price });
    }
    if points.is_empty() {
        return Err(csv_error(CsvProblem::NoPricePoints));
    }
    points.sort_by_key(|p| p.timestamp);
    if let Some(w) = points.windows(2).find(|w| w[0].timestamp == w[1].timestamp) {
        return Err(csv_error(CsvProblem::DuplicateTimestamp(w[0].timestamp)));
    }
    Ok(points)
}
