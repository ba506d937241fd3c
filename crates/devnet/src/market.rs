//! The market `devnet up` deploys: mock RPL, WETH and USDC, and the two Uniswap V3 pools the Rocket Pool example
//! prices RPL through (RPL/WETH 0.3 %, USDC/WETH 0.05 %), at mainnet-like prices: RPL ≈ $5, ETH ≈ $3 000; and mock
//! PERP with a PERP / USD Chainlink feed (8 decimals, no rounds yet), which the Perp example prices PERP through.

use crate::deploy::{deploy_mock_feed, deploy_mock_pool, deploy_mock_token};
use alloy::primitives::Address;
use bounty_chain::Client;
use eyre::Result;

/// |tick| of 600 RPL per WETH (RPL ≈ $5 at $3 000 per ETH).
pub const RPL_WETH_TICK: i32 = 63_972;
/// |tick| of 3 000 USDC per WETH in base units (10^-9·3).
const WETH_USDC_TICK: i32 = 196_256;

/// The deployed market.
#[derive(Clone, Copy, Debug)]
pub struct Market {
    /// Mock RPL (18 decimals, public mint).
    pub rpl: Address,
    /// Mock WETH (18 decimals).
    pub weth: Address,
    /// Mock USDC (6 decimals).
    pub usdc: Address,
    /// The RPL/WETH pool.
    pub pool_rpl: Address,
    /// The USDC/WETH pool.
    pub pool_usdc: Address,
    /// Mock PERP (18 decimals, public mint).
    pub perp: Address,
    /// The PERP / USD feed (a Chainlink aggregator proxy's interface; rounds are pushed by whoever runs the clock).
    pub feed_perp_usd: Address,
}

impl Market {
    /// Deploys the four tokens, two pools and the feed.
    pub async fn deploy(client: &Client) -> Result<Self> {
        let rpl = deploy_mock_token(client, "Rocket Pool Protocol", "RPL", 18).await?;
        let weth = deploy_mock_token(client, "Wrapped Ether", "WETH", 18).await?;
        let usdc = deploy_mock_token(client, "USD Coin", "USDC", 6).await?;
        let usdc_tick = signed_tick(usdc, weth, -WETH_USDC_TICK);
        let pool_rpl = deploy_mock_pool(client, rpl, weth, 3000, signed_tick(rpl, weth, RPL_WETH_TICK)).await?;
        let pool_usdc = deploy_mock_pool(client, usdc, weth, 500, usdc_tick).await?;
        let perp = deploy_mock_token(client, "Perpetual", "PERP", 18).await?;
        let feed_perp_usd = deploy_mock_feed(client, 8, "PERP / USD").await?;
        Ok(Self { rpl, weth, usdc, pool_rpl, pool_usdc, perp, feed_perp_usd })
    }

    /// The RPL/WETH pool's tick for a price of `magnitude` (|tick|, RPL per WETH), signed by the pool's token
    /// order (a pool's tick prices token0 in token1).
    pub fn rpl_tick(&self, magnitude: i32) -> i32 {
        signed_tick(self.rpl, self.weth, magnitude)
    }
}

/// `magnitude` as the tick of the pool of `base` and `weth`: negated when `base` sorts first (is token0).
fn signed_tick(base: Address, weth: Address, magnitude: i32) -> i32 {
    if base < weth {
        -magnitude
    } else {
        magnitude
    }
}
