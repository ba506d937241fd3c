//! `bounty twap`: the 7-day TWAP for the window the calendar gives (or `--start/--end`), from Uniswap V3 pools
//! (two-point `observe`, archive RPC), a Chainlink feed (round-weighted) or a CSV series. Prints the price and its
//! provenance; `--out` writes the record `bounty compute --price-file` takes.

use crate::{
    opts::{OutputOpts, RpcOpts},
    output::{json, usd, utc},
};
use alloy::primitives::Address;
use bounty_core::files::{write_atomic, Existing};
use bounty_core::{
    twap::{read_price_csv, PriceProvenance, Window},
    EpochLabel, PriceRecord, ProgramConfig, Schedule, ScheduleConfig,
};
use clap::Args;
use eyre::{bail, eyre, Result};
use std::path::PathBuf;

/// Arguments of this command.
#[derive(Args, Clone, Debug)]
pub(crate) struct TwapArgs {
    /// Epoch label whose TWAP window to use (2026-Q2, 2026-06).
    #[arg(long, short = 'e', conflicts_with_all = ["start", "end"])]
    pub(crate) epoch: Option<String>,
    /// Program config: its calendar and, if no source flag is given, its price source.
    #[arg(long, short = 'c')]
    pub(crate) config: Option<PathBuf>,
    /// Window start: unix seconds or RFC 3339.
    #[arg(long, requires = "end")]
    pub(crate) start: Option<String>,
    /// Window end: unix seconds or RFC 3339.
    #[arg(long, requires = "start")]
    pub(crate) end: Option<String>,
    /// Uniswap V3 pools from the token to the quote stablecoin, comma-separated (token/WETH,WETH/USDC).
    #[arg(value_parser = crate::opts::address, long = "uniswap-v3", value_delimiter = ',', requires_all = ["token", "quote"])]
    pub(crate) uniswap_v3: Vec<Address>,
    /// The priced token (Uniswap).
    #[arg(value_parser = crate::opts::address, long)]
    pub(crate) token: Option<Address>,
    /// The USD stablecoin the route ends in (Uniswap).
    #[arg(value_parser = crate::opts::address, long)]
    pub(crate) quote: Option<Address>,
    /// A Chainlink USD feed (proxy address).
    #[arg(value_parser = crate::opts::address, long)]
    pub(crate) chainlink: Option<Address>,
    /// A `timestamp,price` CSV series.
    #[arg(long)]
    pub(crate) csv: Option<PathBuf>,
    /// Write the price record here (for `bounty compute --price-file`).
    #[arg(long, short = 'o')]
    pub(crate) out: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) output: OutputOpts,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
}

fn parse_time(s: &str) -> Result<u64> {
    if let Ok(n) = s.parse::<u64>() {
        return Ok(n);
    }
    let t = chrono::DateTime::parse_from_rfc3339(s)
        .map_err(|e| eyre!("`{s}` is neither unix seconds nor RFC 3339: {e}"))?;
    Ok(t.timestamp() as u64)
}

impl TwapArgs {
    pub(crate) async fn run(self) -> Result<PriceRecord> {
        let config = self.config.as_ref().map(ProgramConfig::load).transpose()?;
        let (start, end) = self.window(config.as_ref())?;
        let record = self.read(config.as_ref(), start, end).await?;
        if let Some(out) = &self.out {
            write_atomic(out, &serde_json::to_vec_pretty(&record)?, Existing::Replace)?;
        }
        if self.output.json {
            json(&record)?;
        } else {
            print_record(&record);
            if let Some(out) = &self.out {
                println!("wrote {}", out.display());
            }
        }
        Ok(record)
    }

    /// `--start/--end`, or the TWAP window of `--epoch` under the config's calendar (or the default one).
    fn window(&self, config: Option<&ProgramConfig>) -> Result<(u64, u64)> {
        match (&self.start, &self.end, &self.epoch) {
            (Some(s), Some(e), _) => Ok((parse_time(s)?, parse_time(e)?)),
            (_, _, Some(label)) => {
                let schedule = match config {
                    Some(c) => c.schedule_for(c.epoch_label(label)?),
                    None => Schedule::new(label.parse::<EpochLabel>()?, &ScheduleConfig::default()),
                };
                Ok((schedule.twap_start.timestamp() as u64, schedule.twap_end.timestamp() as u64))
            }
            _ => bail!("give --epoch LABEL or --start and --end"),
        }
    }

    /// The price from the source flag given, or else the config's source.
    async fn read(&self, config: Option<&ProgramConfig>, start: u64, end: u64) -> Result<PriceRecord> {
        let chain = || self.rpc.connect(None, None);
        if !self.uniswap_v3.is_empty() {
            let (token, quote) =
                (self.token.expect("clap requires --token"), self.quote.expect("clap requires --quote"));
            derive(chain().await?.uniswap_provenance(token, quote, &self.uniswap_v3, start, end).await?)
        } else if let Some(feed) = self.chainlink {
            derive(chain().await?.chainlink_provenance(feed, start, end).await?)
        } else if let Some(csv) = &self.csv {
            derive(PriceProvenance::Series {
                source: csv.display().to_string(),
                window: Window { start_timestamp: start, end_timestamp: end, start_block: None, end_block: None },
                points: read_price_csv(csv)?,
            })
        } else if let Some(config) = config {
            let dir = self.config.as_ref().and_then(|p| p.parent()).map(PathBuf::from).unwrap_or_default();
            let needs_chain = config.price.as_ref().is_some_and(|p| p.is_on_chain());
            let c = if needs_chain { Some(chain().await?) } else { None };
            Ok(bounty_chain::twap::program_price(c.as_ref(), config, &dir, start, end).await?)
        } else {
            bail!("no price source: give --uniswap-v3, --chainlink, --csv or --config");
        }
    }
}

fn print_record(record: &PriceRecord) {
    let w = record.source.window();
    println!(
        "TWAP {} → {}: {} per token (usdPerToken {})",
        utc(w.start_timestamp),
        utc(w.end_timestamp),
        usd(record.usd_per_token),
        record.usd_per_token
    );
    match &record.source {
        PriceProvenance::UniswapV3 { pools, .. } => {
            for p in pools {
                println!(
                    "  pool {}: tickCumulative {} @ block {} → {} @ block {}",
                    p.pool,
                    p.tick_cumulative_start,
                    w.start_block.unwrap_or_default(),
                    p.tick_cumulative_end,
                    w.end_block.unwrap_or_default()
                );
            }
        }
        PriceProvenance::Chainlink { feed, rounds, .. } => {
            println!("  feed {feed}: {} round(s)", rounds.len());
            for r in rounds {
                println!(
                    "    round {} (phase {}): {} at {}",
                    r.round_id,
                    r.round_id >> 64,
                    r.answer,
                    utc(r.updated_at)
                );
            }
        }
        PriceProvenance::Series { source, points, .. } => println!("  series {source}: {} point(s)", points.len()),
    }
}

fn derive(provenance: PriceProvenance) -> Result<PriceRecord> {
    Ok(PriceRecord::derive(provenance).map_err(bounty_core::Error::from)?)
}
