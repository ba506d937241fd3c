//! Builds the example claims files in `examples/` from the example configs and shares CSVs, with synthetic but
//! realistic price readings (the chain layer reads real ones at run time):
//!
//! ```sh
//! cargo run -p bounty-core --example example_claims            # writes examples/claims-2026-Q2.json, claims-2026-06.json
//! ```
//!
//! `tests/examples.rs` rebuilds both in memory and checks they equal the committed files byte for byte.

use bounty_core::{
    allocate,
    config::PriceSource,
    shares::read_shares,
    twap::{ChainlinkRound, PoolObservation, PriceProvenance, PriceRecord, Window},
    ClaimsFile, ProgramConfig, Result,
};
use std::path::{Path, PathBuf};

/// The repository's `examples/` directory.
pub(crate) fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Synthetic readings for the configured source over the epoch's TWAP window.
fn readings(config: &ProgramConfig, window: Window) -> PriceProvenance {
    let seconds = (window.end_timestamp - window.start_timestamp) as i64;
    match config.price.as_ref().expect("the examples are USD-priced") {
        PriceSource::UniswapV3 { pools, quote } => {
            let weth = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2".parse().unwrap();
            // RPL/WETH averages tick 59 915 (400 RPL per WETH) with a fractional part the floor drops; USDC/WETH
            // averages 200 311 (WETH at ~$2 000): RPL ≈ $5.
            let start0 = 17_283_511_234i64;
            let start1 = -4_120_558_901_777i64;
            PriceProvenance::UniswapV3 {
                token: config.token.address,
                token_decimals: config.token.decimals,
                quote: quote.address,
                quote_symbol: quote.symbol.clone(),
                quote_decimals: quote.decimals,
                pools: vec![
                    PoolObservation {
                        pool: pools[0],
                        token0: weth,
                        token1: config.token.address,
                        tick_cumulative_start: start0,
                        tick_cumulative_end: start0 + 59_915 * seconds + seconds / 3,
                    },
                    PoolObservation {
                        pool: pools[1],
                        token0: quote.address,
                        token1: weth,
                        tick_cumulative_start: start1,
                        tick_cumulative_end: start1 + 200_311 * seconds + 17,
                    },
                ],
                window: Window { start_block: Some(25_412_950), end_block: Some(25_463_350), ..window },
            }
        }
        PriceSource::Chainlink { feed } => {
            // PERP/USD (8 decimals) moving between $0.48 and $0.52, with a round live before the window opens.
            let start = window.start_timestamp;
            let answers = [50_120_000i128, 48_900_000, 51_030_000, 52_000_000, 49_750_000];
            let rounds = answers
                .iter()
                .enumerate()
                .map(|(i, &answer)| {
                    let at = start - 3_600 + i as u64 * 151_200;
                    ChainlinkRound {
                        round_id: (3u128 << 64) | (1_200 + i as u128),
                        answer,
                        started_at: at,
                        updated_at: at,
                    }
                })
                .collect();
            PriceProvenance::Chainlink { feed: *feed, feed_decimals: 8, window, rounds }
        }
        PriceSource::Csv { path } => panic!("example uses on-chain sources, not {path}"),
    }
}

/// Builds one example claims file from `program` and `shares` for `label`.
pub(crate) fn build(program: &str, shares: &str, label: &str) -> Result<ClaimsFile> {
    let dir = examples_dir();
    let config = ProgramConfig::load(dir.join(program))?;
    let schedule = config.schedule_for(config.epoch_label(label)?);
    let rows = read_shares(dir.join(shares), config.rule.measure(), config.token.decimals)?;
    let window = Window {
        start_timestamp: schedule.twap_start.timestamp() as u64,
        end_timestamp: schedule.twap_end.timestamp() as u64,
        start_block: None,
        end_block: None,
    };
    let price = PriceRecord::derive(readings(&config, window)).map_err(bounty_core::Error::from)?;
    let allocation = allocate(&config.allocation_params(), &rows, Some(price))?;
    ClaimsFile::build(&config, &schedule, &allocation)
}

/// The two examples: (config, shares, label, output).
pub(crate) const EXAMPLES: [(&str, &str, &str, &str); 2] = [
    ("program.toml", "shares-2026-Q2.csv", "2026-Q2", "claims-2026-Q2.json"),
    ("program-perp.toml", "shares-2026-06.csv", "2026-06", "claims-2026-06.json"),
];

#[allow(dead_code)]
fn main() -> Result<()> {
    for (program, shares, label, out) in EXAMPLES {
        let file = build(program, shares, label)?;
        let path = examples_dir().join(out);
        let _ = std::fs::remove_file(&path); // regenerating the examples is the one time we replace a claims file
        let hash = file.write_atomic(&path)?;
        println!(
            "{}: epoch {} root {} total {} metadataHash {hash}",
            path.display(),
            file.epoch,
            file.root,
            file.total
        );
    }
    Ok(())
}
