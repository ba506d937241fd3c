//! Reading TWAP inputs from chain, as the provenance the claims file records (the math lives in `bounty-core`):
//! - Uniswap V3, two-point method: `observe([0])` at the window's start block and at its end block (an archive
//!   node for anything older than ~128 blocks); needs no observation cardinality.
//! - Chainlink: rounds walked back from the round live at the window's end to the one live at its start, across
//!   proxy phase boundaries (round id = `phase << 64 | aggregator round`).

use crate::{
    bindings::{IChainlinkAggregator, IChainlinkFeed, IUniswapV3Pool, IERC20},
    client::Client,
    error::{ChainError, Result, TwapError},
};
use alloy::{
    eips::{BlockId, BlockNumberOrTag},
    primitives::{aliases::U80, Address},
    providers::Provider,
};
use bounty_core::twap::{ChainlinkRound, PoolObservation, PriceProvenance, PriceRecord, Window};

/// More rounds than any 7-day window of a real feed has (heartbeats are ≥ 1 per hour): stops a runaway walk.
const MAX_ROUNDS: usize = 20_000;

/// A block and its timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockTime {
    /// Block number.
    pub number: u64,
    /// Its timestamp.
    pub timestamp: u64,
}

impl Client {
    async fn block_time(&self, number: BlockNumberOrTag) -> Result<BlockTime> {
        let b = self.provider.get_block_by_number(number).await?.ok_or(TwapError::NoBlock(number))?;
        Ok(BlockTime { number: b.header.number, timestamp: b.header.timestamp })
    }

    /// The last block with `timestamp <= ts` (binary search over block numbers: ~log2(height) requests).
    pub async fn block_at_or_before(&self, ts: u64) -> Result<BlockTime> {
        let latest = self.block_time(BlockNumberOrTag::Latest).await?;
        if latest.timestamp <= ts {
            return Ok(latest);
        }
        let genesis = self.block_time(BlockNumberOrTag::Number(0)).await?;
        if genesis.timestamp > ts {
            return Err(TwapError::BeforeGenesis(ts).into());
        }
        let (mut lo, mut hi) = (genesis, latest); // lo.timestamp <= ts < hi.timestamp
        while hi.number - lo.number > 1 {
            let mid = self.block_time(BlockNumberOrTag::Number(lo.number + (hi.number - lo.number) / 2)).await?;
            if mid.timestamp <= ts {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Ok(lo)
    }

    /// The blocks that bound `[start, end]`: the last block at or before each end.
    pub async fn window_blocks(&self, start: u64, end: u64) -> Result<(BlockTime, BlockTime)> {
        if end <= start {
            return Err(TwapError::EmptyWindow { start, end }.into());
        }
        let s = self.block_at_or_before(start).await?;
        let e = self.block_at_or_before(end).await?;
        if e.timestamp <= s.timestamp {
            return Err(TwapError::NoBlockInWindow.into());
        }
        Ok((s, e))
    }

    /// `observe([0])` on each pool at the window's start and end blocks. The window recorded is the two blocks'
    /// timestamps: the cumulatives are exact there.
    pub async fn uniswap_observations(
        &self,
        pools: &[Address],
        start: u64,
        end: u64,
    ) -> Result<(Window, Vec<PoolObservation>)> {
        let (s, e) = self.window_blocks(start, end).await?;
        let mut out = Vec::with_capacity(pools.len());
        for &pool in pools {
            let p = IUniswapV3Pool::new(pool, &self.provider);
            let token0 = p.token0().call().await?;
            let token1 = p.token1().call().await?;
            let at = |b: BlockTime| {
                let p = p.clone();
                async move {
                    let r = p
                        .observe(vec![0])
                        .block(BlockId::number(b.number))
                        .call()
                        .await
                        .map_err(|err| TwapError::read_at("observe([0])", pool, b.number, err.into()))?;
                    let cumulative = r.tickCumulatives.first().copied().ok_or(TwapError::EmptyObservation(pool))?;
                    Ok::<i64, ChainError>(cumulative.as_i64())
                }
            };
            out.push(PoolObservation {
                pool,
                token0,
                token1,
                tick_cumulative_start: at(s).await?,
                tick_cumulative_end: at(e).await?,
            });
        }
        let window = Window {
            start_timestamp: s.timestamp,
            end_timestamp: e.timestamp,
            start_block: Some(s.number),
            end_block: Some(e.number),
        };
        Ok((window, out))
    }

    /// The provenance of a Uniswap V3 price of `token` in `quote` (a USD stablecoin) through `pools`.
    pub async fn uniswap_provenance(
        &self,
        token: Address,
        quote: Address,
        pools: &[Address],
        start: u64,
        end: u64,
    ) -> Result<PriceProvenance> {
        let (window, pools) = self.uniswap_observations(pools, start, end).await?;
        let t = IERC20::new(token, &self.provider);
        let q = IERC20::new(quote, &self.provider);
        Ok(PriceProvenance::UniswapV3 {
            token,
            token_decimals: t.decimals().call().await?,
            quote,
            quote_symbol: q.symbol().call().await?,
            quote_decimals: q.decimals().call().await?,
            window,
            pools,
        })
    }

    /// Chainlink rounds covering `[start, end]`, ascending: from the round live at `start` (updated at or before
    /// it) to the last round at the end block. Crosses phase boundaries through `phaseAggregators(p).latestRound()`.
    pub async fn chainlink_provenance(&self, feed: Address, start: u64, end: u64) -> Result<PriceProvenance> {
        let (s, e) = self.window_blocks(start, end).await?;
        let f = IChainlinkFeed::new(feed, &self.provider);
        let at_end = BlockId::number(e.number);
        let read_at = |call: &str, err: alloy::contract::Error| TwapError::read_at(call, feed, e.number, err.into());
        let feed_decimals = f.decimals().block(at_end).call().await.map_err(|err| read_at("decimals", err))?;
        let latest = f.latestRoundData().block(at_end).call().await.map_err(|err| read_at("latestRoundData", err))?;
        let mut rounds = vec![round(latest.roundId, latest.answer, latest.startedAt, latest.updatedAt)];
        let mut id: u128 = latest.roundId.to();
        while rounds.last().is_some_and(|r| r.updated_at > s.timestamp || r.updated_at == 0) {
            if rounds.len() >= MAX_ROUNDS {
                return Err(TwapError::TooManyRounds(MAX_ROUNDS).into());
            }
            let (phase, aggregator_round) = ((id >> 64) as u16, id as u64);
            id = if aggregator_round > 1 {
                id - 1
            } else {
                // First round of this phase: continue at the previous phase's last round.
                if phase <= 1 {
                    break; // the feed's first round: the window starts before the feed existed
                }
                let previous = f.phaseAggregators(phase - 1).block(at_end).call().await?;
                let last: u64 =
                    IChainlinkAggregator::new(previous, &self.provider).latestRound().block(at_end).call().await?.to();
                (u128::from(phase - 1) << 64) | u128::from(last)
            };
            let r = f
                .getRoundData(U80::from(id))
                .block(at_end)
                .call()
                .await
                .map_err(|err| read_at(&format!("getRoundData({id})"), err))?;
            rounds.push(round(r.roundId, r.answer, r.startedAt, r.updatedAt));
        }
        rounds.reverse();
        let window = Window {
            start_timestamp: s.timestamp,
            end_timestamp: e.timestamp,
            start_block: Some(s.number),
            end_block: Some(e.number),
        };
        Ok(PriceProvenance::Chainlink { feed, feed_decimals, window, rounds })
    }
}

fn round(
    id: U80,
    answer: alloy::primitives::I256,
    started_at: alloy::primitives::U256,
    updated_at: alloy::primitives::U256,
) -> ChainlinkRound {
    ChainlinkRound {
        round_id: id.to(),
        // Real feeds answer far below 2^127; saturate rather than wrap if one ever does not.
        answer: i128::try_from(answer).unwrap_or(if answer.is_negative() { i128::MIN } else { i128::MAX }),
        started_at: started_at.saturating_to(),
        updated_at: updated_at.saturating_to(),
    }
}

impl Client {
    /// `observe([0])` again at a recorded window's blocks (for `verify`).
    pub async fn uniswap_observations_at(&self, pools: &[Address], window: &Window) -> Result<Vec<PoolObservation>> {
        let (Some(start), Some(end)) = (window.start_block, window.end_block) else {
            return Err(TwapError::NoBlocksRecorded.into());
        };
        let mut out = Vec::with_capacity(pools.len());
        for &pool in pools {
            let p = IUniswapV3Pool::new(pool, &self.provider);
            let observe = |block: u64| {
                let p = p.clone();
                async move {
                    let r = p
                        .observe(vec![0])
                        .block(BlockId::number(block))
                        .call()
                        .await
                        .map_err(|err| TwapError::read_at("observe([0])", pool, block, err.into()))?;
                    Ok::<i64, ChainError>(r.tickCumulatives.first().map(|c| c.as_i64()).unwrap_or_default())
                }
            };
            out.push(PoolObservation {
                pool,
                token0: p.token0().call().await?,
                token1: p.token1().call().await?,
                tick_cumulative_start: observe(start).await?,
                tick_cumulative_end: observe(end).await?,
            });
        }
        Ok(out)
    }

    /// `getRoundData` again for recorded round ids (for `verify`), at `block` if known.
    pub async fn chainlink_rounds_at(
        &self,
        feed: Address,
        ids: impl Iterator<Item = u128>,
        block: Option<u64>,
    ) -> Result<Vec<ChainlinkRound>> {
        let f = IChainlinkFeed::new(feed, &self.provider);
        let at = block.map(BlockId::number).unwrap_or(BlockId::latest());
        let mut out = Vec::new();
        for id in ids {
            let r = f.getRoundData(U80::from(id)).block(at).call().await.map_err(|err| match block {
                Some(b) => TwapError::read_at(format!("getRoundData({id})"), feed, b, err.into()).into(),
                None => ChainError::from(err),
            })?;
            out.push(round(r.roundId, r.answer, r.startedAt, r.updatedAt));
        }
        Ok(out)
    }
}

/// The price over `[start, end]` from the source a period's price was read from (its recorded provenance): the
/// same pools or feed read again over another window, or the same recorded series. The books' price at a claim.
pub async fn price_like(client: &Client, recorded: &PriceProvenance, start: u64, end: u64) -> Result<PriceRecord> {
    let provenance = match recorded {
        PriceProvenance::UniswapV3 { token, quote, pools, .. } => {
            let pools: Vec<Address> = pools.iter().map(|p| p.pool).collect();
            client.uniswap_provenance(*token, *quote, &pools, start, end).await?
        }
        PriceProvenance::Chainlink { feed, .. } => client.chainlink_provenance(*feed, start, end).await?,
        PriceProvenance::Series { source, points, .. } if points.last().is_none_or(|p| p.timestamp < start) => {
            let last = points.last().map_or(0, |p| p.timestamp);
            return Err(TwapError::SeriesEnds { series: source.clone(), last, start }.into());
        }
        PriceProvenance::Series { source, points, .. } => PriceProvenance::Series {
            source: source.clone(),
            window: Window { start_timestamp: start, end_timestamp: end, start_block: None, end_block: None },
            points: points.clone(),
        },
    };
    Ok(PriceRecord::derive(provenance).map_err(bounty_core::Error::from)?)
}

/// The price a program's config asks for over `[start, end)`: read from chain (Uniswap V3, Chainlink) through
/// `chain`, or from the config's offline CSV series (resolved relative to `config_dir`).
pub async fn program_price(
    chain: Option<&Client>,
    config: &bounty_core::ProgramConfig,
    config_dir: &std::path::Path,
    start: u64,
    end: u64,
) -> Result<PriceRecord> {
    use bounty_core::PriceSource;
    let source = config.price.as_ref().ok_or_else(|| TwapError::NoPriceSource(config.name.clone()))?;
    let need_chain = || chain.ok_or(TwapError::NeedsRpc);
    let provenance = match source {
        PriceSource::UniswapV3 { pools, quote } => {
            need_chain()?.uniswap_provenance(config.token.address, quote.address, pools, start, end).await?
        }
        PriceSource::Chainlink { feed } => need_chain()?.chainlink_provenance(*feed, start, end).await?,
        PriceSource::Csv { path } => {
            let points = bounty_core::twap::read_price_csv(config_dir.join(path))?;
            PriceProvenance::Series {
                source: path.clone(),
                window: Window { start_timestamp: start, end_timestamp: end, start_block: None, end_block: None },
                points,
            }
        }
    };
    Ok(PriceRecord::derive(provenance).map_err(bounty_core::Error::from)?)
}
