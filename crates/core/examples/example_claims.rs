//! Builds the example claims files in `examples/` from the example configs and each line's shares CSV, with synthetic
//! but realistic price readings and tips (the chain layer reads real ones at run time):
//!
//! ```sh
//! cargo run -p bounty-core --example example_claims            # writes examples/claims-2026-Q2.json, claims-2026-06.json
//! ```
//!
//! `tests/examples.rs` rebuilds both in memory and checks they equal the committed files byte for byte.

use alloy_primitives::{keccak256, U256};
use bounty_core::{
    allocate,
    config::PriceSource,
    lines::{LineAllocation, LineConfig},
    shares::read_shares,
    tips::{Contribution, TipRecord},
    twap::{ChainlinkRound, PoolObservation, PriceProvenance, PriceRecord, Window},
    ClaimsFile, ProgramConfig, Result, Schedule,
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

/// Synthetic tips for a line with a match: three community tips and one excluded treasury top-up inside the period.
fn tip_record(config: &ProgramConfig, line: &LineConfig, schedule: &Schedule) -> Option<TipRecord> {
    let rule = line.budget.tip_match.clone()?;
    let start = schedule.period_start.timestamp() as u64;
    let whole = |n: u64| U256::from(n) * U256::from(10u64).pow(U256::from(config.token.decimals));
    let tippers = ["0x27a8baBd48ec2dF5bdD1C9Bdb8E09fC1Dd8efc4D", "0x5A0b54D5dc17e0AadC383d2db43B0a0D3E029c4c"];
    let mut contributions: Vec<Contribution> = [(tippers[0], 40), (tippers[1], 25), (tippers[0], 60)]
        .iter()
        .enumerate()
        .map(|(i, (from, tokens))| Contribution {
            tx: keccak256(format!("example tip {i}")),
            block: 25_000_000 + i as u64 * 90_000,
            timestamp: start + 86_400 * (10 + 25 * i as u64),
            from: from.parse().unwrap(),
            amount: whole(*tokens),
        })
        .collect();
    if let Some(treasury) = rule.exclude.first() {
        let tx = keccak256("example treasury top-up");
        let (block, timestamp) = (25_100_000, start + 86_400 * 40);
        contributions.push(Contribution { tx, block, timestamp, from: *treasury, amount: whole(2_000) });
    }
    contributions.sort_by_key(|c| c.block);
    let matched = rule.matched(&contributions, config.token.decimals)?;
    Some(TipRecord { lump: line.budget.tokens?, rule, contributions, matched })
}

/// Builds one example claims file from `program` and each line's shares CSV (`(line, file)`) for `label`.
pub(crate) fn build(program: &str, shares: &[(&str, &str)], label: &str) -> Result<ClaimsFile> {
    let dir = examples_dir();
    let config = ProgramConfig::load(dir.join(program))?;
    let schedule = config.schedule_for(config.epoch_label(label)?);
    let window = Window {
        start_timestamp: schedule.twap_start.timestamp() as u64,
        end_timestamp: schedule.twap_end.timestamp() as u64,
        start_block: None,
        end_block: None,
    };
    let price = PriceRecord::derive(readings(&config, window)).map_err(bounty_core::Error::from)?;
    let (mut lines, mut tips) = (Vec::new(), None);
    for line in config.lines() {
        let rows = match shares.iter().find(|(name, _)| *name == line.name) {
            Some((_, file)) => read_shares(dir.join(file), line.rule.columns(), config.token.decimals)?,
            None => Vec::new(),
        };
        let mut params = config.line_params(&line);
        if let Some(record) = tip_record(&config, &line, &schedule) {
            params.budget = record.budget(config.token.decimals).expect("small example amounts");
            tips = Some((line.name.clone(), record));
        }
        let allocation = allocate(&params, &rows, Some(price.clone()))?;
        lines.push(LineAllocation { name: line.name, allocation });
    }
    let mut file = match lines.as_slice() {
        [only] if only.allocation.params.rule.targets().is_none() => {
            ClaimsFile::build(&config, &schedule, &only.allocation)?
        }
        _ => {
            let matched = tips.as_ref().map(|(name, _)| name.as_str());
            ClaimsFile::build_lines(&config, &schedule, &lines, Some(price), matched)?
        }
    };
    file.tips = tips.map(|(_, record)| record);
    Ok(file)
}

/// An example: config, each line's shares CSV, label, output.
pub(crate) type Example = (&'static str, &'static [(&'static str, &'static str)], &'static str, &'static str);

/// The two examples.
pub(crate) const EXAMPLES: [Example; 2] = [
    (
        "program.toml",
        &[("hours", "shares-2026-Q2.csv"), ("tips", "votes-2026-Q2.csv")],
        "2026-Q2",
        "claims-2026-Q2.json",
    ),
    (
        "program-perp.toml",
        &[("educators", "shares-2026-06.csv"), ("initiatives", "initiatives-2026-06.csv")],
        "2026-06",
        "claims-2026-06.json",
    ),
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
