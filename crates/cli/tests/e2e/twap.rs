//! TWAP readings from the devnet mocks (which reproduce the Uniswap V3 oracle and Chainlink proxy interfaces)
//! checked against hand-computed values, through the chain layer and through `bounty twap`.

use alloy::primitives::{
    aliases::{I24, U80},
    I256, U256,
};
use bounty_chain::{
    bindings::{IChainlinkFeed, IUniswapV3Pool},
    Client, Wallet,
};
use bounty_core::twap::{mean_tick, PriceProvenance};
use bounty_devnet::{
    contracts::{MockChainlinkAggregator, MockUniswapV3Pool},
    deploy::{deploy_mock_feed, deploy_mock_pool, deploy_mock_token, push_chainlink_round},
    mine_at, set_next_timestamp, Devnet,
};
use std::process::Command;

const T0: u64 = 1_780_000_000;

async fn devnet() -> (Devnet, Client) {
    let devnet = Devnet::spawn(Some(T0)).await.unwrap();
    let chain = Client::connect(&devnet.url, Some(31337), Some(Wallet::Local(devnet.keys[0].clone()))).await.unwrap();
    (devnet, chain)
}

fn bounty(url: &str, args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_bounty")).args(args).env("ETH_RPC_URL", url).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test]
async fn uniswap_two_point_readings_match_hand_computed_cumulatives() {
    let (devnet, chain) = devnet().await;
    let a = deploy_mock_token(&chain, "A", "A", 18).await.unwrap();
    let b = deploy_mock_token(&chain, "B", "B", 6).await.unwrap();
    let deployed_at = T0 + 100;
    set_next_timestamp(&chain.provider, deployed_at).await.unwrap();
    let pool = deploy_mock_pool(&chain, a, b, 3000, 100).await.unwrap();
    let flat = deploy_mock_pool(&chain, a, b, 500, 0).await.unwrap();

    // Window [S, E] of 5 000 s: tick 100 for 1 000 s, −50 for 3 000 s, 19 for 1 000 s.
    let s = T0 + 1_000;
    let e = s + 5_000;
    mine_at(&chain.provider, s).await.unwrap();
    let p = MockUniswapV3Pool::new(pool, &chain.provider);
    for (at, tick) in [(s + 1_000, -50), (s + 4_000, 19)] {
        set_next_timestamp(&chain.provider, at).await.unwrap();
        p.setTick(I24::try_from(tick).unwrap()).send().await.unwrap().get_receipt().await.unwrap();
    }
    mine_at(&chain.provider, e).await.unwrap();

    let (window, obs) = chain.uniswap_observations(&[pool], s, e).await.unwrap();
    assert_eq!((window.start_timestamp, window.end_timestamp), (s, e));
    let start = 100 * (s - deployed_at) as i64; // tickCumulative += tick × elapsed since deployment
    assert_eq!(obs[0].tick_cumulative_start, start);
    assert_eq!(obs[0].tick_cumulative_end, start + 100 * 1_000 - 50 * 3_000 + 19 * 1_000);
    // −31 000 / 5 000 = −6.2 rounds toward negative infinity, as OracleLibrary.consult does.
    assert_eq!(mean_tick(obs[0].tick_cumulative_start, obs[0].tick_cumulative_end, e - s).unwrap(), -7);
    assert_eq!((obs[0].token0, obs[0].token1), if a < b { (a, b) } else { (b, a) });

    // observe() with secondsAgos interpolates inside the history like the real oracle; slot0 reports the tick
    // and TickMath's sqrt price (2^96 at tick 0).
    let r = IUniswapV3Pool::new(pool, &chain.provider).observe(vec![2_500]).call().await.unwrap();
    assert_eq!(r.tickCumulatives[0].as_i64(), start + 100 * 1_000 - 50 * 1_500);
    assert_eq!(IUniswapV3Pool::new(pool, &chain.provider).slot0().call().await.unwrap().tick.as_i32(), 19);
    let sqrt = IUniswapV3Pool::new(flat, &chain.provider).slot0().call().await.unwrap().sqrtPriceX96;
    assert_eq!(U256::from(sqrt), U256::from(1u64) << 96);

    // The same readings through the CLI, as the record `compute --price-file` takes.
    let record = bounty(
        &devnet.url,
        &[
            "twap",
            "--uniswap-v3",
            &pool.to_string(),
            "--token",
            &a.to_string(),
            "--quote",
            &b.to_string(),
            "--start",
            &s.to_string(),
            "--end",
            &e.to_string(),
            "--json",
        ],
    );
    assert_eq!(record["source"]["kind"], "uniswap-v3");
    assert_eq!(record["source"]["pools"][0]["tick_cumulative_end"], (start - 31_000).to_string());
    let PriceProvenance::UniswapV3 { .. } = serde_json::from_value::<bounty_core::PriceRecord>(record).unwrap().source
    else {
        panic!("wrong provenance kind");
    };
}

#[tokio::test]
async fn chainlink_rounds_are_walked_back_across_a_phase_boundary() {
    let (devnet, chain) = devnet().await;
    let feed = deploy_mock_feed(&chain, 8, "RPL / USD").await.unwrap();
    let f = MockChainlinkAggregator::new(feed, &chain.provider);
    let s = T0 + 1_000;
    let e = s + 5_000;
    // Phase 1: $10 from S−500, $12 from S+1 000. Phase 2 (a feed upgrade): $11 from S+3 000.
    let push = |at: u64, answer: i64| {
        let chain = chain.clone();
        async move { push_chainlink_round(&chain, feed, at, answer).await.unwrap() }
    };
    push(s - 500, 10_0000_0000).await;
    mine_at(&chain.provider, s).await.unwrap();
    push(s + 1_000, 12_0000_0000).await;
    set_next_timestamp(&chain.provider, s + 2_000).await.unwrap();
    f.startNewPhase().send().await.unwrap().get_receipt().await.unwrap();
    push(s + 3_000, 11_0000_0000).await;
    mine_at(&chain.provider, e).await.unwrap();

    // Proxy round ids: phase << 64 | aggregator round.
    let latest = IChainlinkFeed::new(feed, &chain.provider).latestRoundData().call().await.unwrap();
    assert_eq!(latest.roundId, U80::from((2u128 << 64) | 1));
    let old =
        IChainlinkFeed::new(feed, &chain.provider).getRoundData(U80::from((1u128 << 64) | 2)).call().await.unwrap();
    assert_eq!(old.answer, I256::try_from(12_0000_0000i64).unwrap());

    let PriceProvenance::Chainlink { rounds, feed_decimals, .. } =
        chain.chainlink_provenance(feed, s, e).await.unwrap()
    else {
        panic!("chainlink provenance expected");
    };
    assert_eq!(feed_decimals, 8);
    let ids: Vec<u128> = rounds.iter().map(|r| r.round_id).collect();
    assert_eq!(ids, vec![(1 << 64) | 1, (1 << 64) | 2, (2 << 64) | 1]);
    let answers: Vec<i128> = rounds.iter().map(|r| r.answer).collect();
    assert_eq!(answers, vec![10_0000_0000, 12_0000_0000, 11_0000_0000]);

    // (10 × 1 000 + 12 × 2 000 + 11 × 2 000) / 5 000 = $11.2
    let record = bounty(
        &devnet.url,
        &["twap", "--chainlink", &feed.to_string(), "--start", &s.to_string(), "--end", &e.to_string(), "--json"],
    );
    assert_eq!(record["usd_per_token"], "11200000000000000000");
}
