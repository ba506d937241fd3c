//! Hand-computed TWAP vectors: Uniswap mean ticks (negative ticks round toward −∞), chained pools, tick → price,
//! Chainlink rounds across a phase change, and a CSV series.

use alloy_primitives::{address, Address, U256};
use bounty_core::twap::*;

const ONE: u128 = 1_000_000_000_000_000_000;

#[test]
fn mean_tick_rounds_toward_negative_infinity() {
    assert_eq!(mean_tick(0, 7, 2).unwrap(), 3);
    assert_eq!(mean_tick(0, -7, 2).unwrap(), -4); // -3.5 → -4, as OracleLibrary.consult
    assert_eq!(mean_tick(0, -6, 2).unwrap(), -3); // exact: no extra decrement
    assert_eq!(mean_tick(1_000, -1_000, 604_800).unwrap(), -1);
    // A 7-day window at tick -260226 throughout, from a large negative cumulative.
    let w = 604_800i64;
    assert_eq!(mean_tick(-9_000_000_000_000, -9_000_000_000_000 - 260_226 * w, w as u64).unwrap(), -260_226);
    assert!(mean_tick(0, 1, 0).is_err());
    assert!(mean_tick(0, 900_000 * 10, 10).is_err()); // beyond MAX_TICK
}

const RPL: Address = address!("D33526068D116cE69F19A9ee46F0bd304F21A51f");
const WETH: Address = address!("C02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
const USDC: Address = address!("A0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48");

#[test]
fn chains_ticks_by_token_order() {
    // RPL/WETH pool: token0 = WETH (0xC0.. < 0xD3..), tick 59915 = log1.0001(400 RPL per WETH).
    // WETH/USDC pool: token0 = USDC, tick 200311 = log1.0001(WETH-wei per USDC unit at $2000).
    // RPL is token1 → subtract; WETH is token1 → subtract: USDC-units per RPL-wei at tick -260226.
    let hops = [(WETH, RPL, 59_915), (USDC, WETH, 200_311)];
    assert_eq!(chain_ticks(RPL, USDC, &hops).unwrap(), -260_226);
    // Reversed orientation adds.
    assert_eq!(chain_ticks(WETH, RPL, &[(WETH, RPL, 59_915)]).unwrap(), 59_915);
    // A route that does not end at the quote, or a pool that does not hold the token, is an error.
    assert!(chain_ticks(RPL, USDC, &hops[..1]).is_err());
    assert!(chain_ticks(RPL, USDC, &[(USDC, WETH, 1)]).is_err());
}

#[test]
fn tick_to_price() {
    // Tick 0 with equal decimals: exactly 1 quote per token.
    assert_eq!(tick_to_usd_per_token(0, 18, 18).unwrap(), U256::from(ONE));
    // Tick 0, 18-decimal token, 6-decimal quote: 1 raw unit per raw unit = 10^12 USD per token.
    assert_eq!(tick_to_usd_per_token(0, 18, 6).unwrap(), U256::from(ONE) * U256::from(10u64.pow(12)));
    // Tick -260226 (RPL ≈ $5): 1.0001^-260226 = 5.00142143580445450066e-12 (60-digit decimal arithmetic), so
    // usdPerToken = 5.001421435804454500 × 10^18, up to the last few units of TickMath's sqrt rounding.
    let p = tick_to_usd_per_token(-260_226, 18, 6).unwrap();
    let expected = U256::from(5_001_421_435_804_454_500u128);
    let diff = if p > expected { p - expected } else { expected - p };
    assert!(diff < U256::from(1_000u64), "{p}");
    // Monotone in the tick.
    assert!(tick_to_usd_per_token(-260_225, 18, 6).unwrap() > p);
    assert!(tick_to_usd_per_token(MAX_TICK + 1, 18, 18).is_err());
}

#[test]
fn uniswap_provenance_end_to_end() {
    let w = 604_800i64;
    let source = PriceProvenance::UniswapV3 {
        token: RPL,
        token_decimals: 18,
        quote: USDC,
        quote_symbol: "USDC".into(),
        quote_decimals: 6,
        window: Window {
            start_timestamp: 1_782_259_200,
            end_timestamp: 1_782_259_200 + w as u64,
            start_block: None,
            end_block: None,
        },
        pools: vec![
            PoolObservation {
                pool: Address::repeat_byte(1),
                token0: WETH,
                token1: RPL,
                tick_cumulative_start: 123_456,
                tick_cumulative_end: 123_456 + 59_915 * w,
            },
            PoolObservation {
                pool: Address::repeat_byte(2),
                token0: USDC,
                token1: WETH,
                tick_cumulative_start: -5,
                tick_cumulative_end: -5 + 200_311 * w,
            },
        ],
    };
    let record = PriceRecord::derive(source).unwrap();
    assert_eq!(record.usd_per_token, tick_to_usd_per_token(-260_226, 18, 6).unwrap());
}

fn round(phase: u128, aggregator_round: u128, answer: i128, updated_at: u64) -> ChainlinkRound {
    ChainlinkRound { round_id: (phase << 64) | aggregator_round, answer, started_at: updated_at, updated_at }
}

#[test]
fn chainlink_window_straddles_a_phase_change() {
    // Window [1000, 2000), 8-decimal feed.
    //   phase 1 round 41: $2.00 since 500  → live 1000..1300 (straddles the start): 300 s × 2.00 = 600
    //   phase 1 round 42: answer 0 (invalid) → skipped, $2.00 stays live
    //   phase 1 round 43: $2.10 since 1300 → 1300..1600: 300 s × 2.10 = 630
    //   phase 2 round 1:  $2.20 since 1600 → 1600..1900: 300 s × 2.20 = 660  (new aggregator, id 2<<64|1)
    //   phase 2 round 2:  updatedAt 0 (incomplete) → skipped
    //   phase 2 round 3:  $2.30 since 1900 → 1900..2000: 100 s × 2.30 = 230
    //   phase 2 round 4:  after the window → ignored
    // TWAP = 2120 / 1000 = $2.12.
    let rounds = vec![
        round(1, 40, 190_000_000, 100),
        round(1, 41, 200_000_000, 500),
        round(1, 42, 0, 1_200),
        round(1, 43, 210_000_000, 1_300),
        round(2, 1, 220_000_000, 1_600),
        round(2, 2, 999_900_000_000, 0),
        round(2, 3, 230_000_000, 1_900),
        round(2, 4, 999_900_000_000, 2_100),
    ];
    assert_eq!(chainlink_twap(&rounds, 8, 1_000, 2_000).unwrap(), U256::from(2_120_000_000_000_000_000u128));
    // Out of id order (phase 2 before phase 1) is refused.
    let mut swapped = rounds.clone();
    swapped.swap(3, 4);
    assert!(chainlink_twap(&swapped, 8, 1_000, 2_000).is_err());
    // No valid round before the window start.
    assert!(chainlink_twap(&rounds[3..], 8, 1_000, 2_000).is_err());
    // Floors: $1 for 2 s and $2 for 1 s over 3 s = $1.333…
    let r = vec![round(1, 1, 100_000_000, 1), round(1, 2, 200_000_000, 3)];
    assert_eq!(chainlink_twap(&r, 8, 1, 4).unwrap(), U256::from(1_333_333_333_333_333_333u128));
    // Negative answers are invalid.
    let r = vec![round(1, 1, 100_000_000, 1), round(1, 2, -5, 2)];
    assert_eq!(chainlink_twap(&r, 8, 1, 4).unwrap(), U256::from(ONE));
}

#[test]
fn csv_series() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prices.csv");
    std::fs::write(&path, "\u{feff}timestamp,price\r\n200,3\r\n100, 2.5 \r\n\r\n300,4\r\n").unwrap();
    let points = read_price_csv(&path).unwrap();
    assert_eq!(points.iter().map(|p| p.timestamp).collect::<Vec<_>>(), [100, 200, 300]);
    // [150, 350): 50 s × 2.5 + 100 s × 3 + 50 s × 4 = 625 over 200 s = 3.125.
    assert_eq!(series_twap(&points, 150, 350).unwrap(), U256::from(3_125_000_000_000_000_000u128));
    std::fs::write(&path, "timestamp,price\n100,2.5\n200,-1\n").unwrap();
    let err = read_price_csv(&path).unwrap_err().to_string();
    assert!(err.contains(":3:") && err.contains("price"), "{err}");
}
