//! Time-weighted average prices from raw readings, in exact integer math. The chain layer reads the numbers; this
//! module turns them into `usdPerToken` (18-decimal USD per whole token) and keeps them as provenance so anyone can
//! re-derive the price from a claims file.

use crate::error::{Error, Result};
use crate::serde_helpers::display_str;
use alloy_primitives::{Address, U256};
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
    pub pool: Address,
    pub token0: Address,
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
        token: Address,
        token_decimals: u8,
        quote: Address,
        quote_symbol: String,
        quote_decimals: u8,
        window: Window,
        pools: Vec<PoolObservation>,
    },
    /// Chainlink round-weighted average over the window.
    Chainlink { feed: Address, feed_decimals: u8, window: Window, rounds: Vec<ChainlinkRound> },
    /// A CSV series (timestamp, price), time-weighted over the window.
    Series { source: String, window: Window, points: Vec<PricePoint> },
}

impl PriceProvenance {
    /// Re-derives `usdPerToken` from the readings.
    pub fn usd_per_token(&self) -> Result<U256> {
        todo!()
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

/// Arithmetic mean tick over a window, rounded toward negative infinity exactly like `OracleLibrary.consult`.
pub fn mean_tick(tick_cumulative_start: i64, tick_cumulative_end: i64, seconds: u64) -> Result<i32> {
    todo!()
}

/// Chains per-pool mean ticks from `token` to `quote`: a tick is added when the current token is the pool's token0
/// and subtracted when it is token1. Returns the tick of "quote per token".
pub fn chain_ticks(token: Address, quote: Address, hops: &[(Address, Address, i32)]) -> Result<i32> {
    todo!()
}

/// `usdPerToken` at a "quote per token" tick: `floor(sqrtRatioX96² × 10^(tokenDecimals+18) / (2^192 × 10^quoteDecimals))`,
/// with TickMath's `getSqrtRatioAtTick` from `uniswap_v3_math`.
pub fn tick_to_usd_per_token(tick: i32, token_decimals: u8, quote_decimals: u8) -> Result<U256> {
    todo!()
}

/// Chainlink round-weighted TWAP over `[start, end)`, as 18-decimal fixed point. Rounds must be in ascending round
/// id order (phases included); invalid rounds (answer ≤ 0 or updatedAt = 0) are skipped, so the previous valid
/// answer stays live; the round live at `start` counts from `start`.
pub fn chainlink_twap(rounds: &[ChainlinkRound], feed_decimals: u8, start: u64, end: u64) -> Result<U256> {
    todo!()
}

/// Time-weighted average of a step series over `[start, end)`: each point's price holds until the next point.
pub fn series_twap(points: &[PricePoint], start: u64, end: u64) -> Result<U256> {
    todo!()
}

/// Reads a `timestamp,price` CSV (price in USD, up to 18 decimals) into points sorted by time.
pub fn read_price_csv(path: impl AsRef<Path>) -> Result<Vec<PricePoint>> {
    todo!()
}
