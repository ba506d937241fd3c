//! `bounty compute`: program config + shares CSV + epoch label (+ price) → the claims file.

use crate::{
    opts::RpcOpts,
    output::{amount, json, table, usd},
};
use bounty_chain::Chain;
use bounty_core::{
    allocation::allocate, claims::ClaimsFile, shares::read_shares, PriceRecord, ProgramConfig,
};
use clap::Args;
use eyre::{Result, WrapErr};
use std::path::PathBuf;

#[derive(Args, Clone, Debug)]
pub struct ComputeArgs {
    /// Program config (TOML).
    #[arg(long, short = 'c')]
    pub config: PathBuf,
    /// Shares CSV for the epoch.
    #[arg(long, short = 's')]
    pub shares: PathBuf,
    /// Epoch label: 2026-Q2 (quarterly) or 2026-06 (monthly).
    #[arg(long, short = 'e')]
    pub epoch: String,
    /// Price record written by `bounty twap --out` (otherwise the config's price source is read on the spot).
    #[arg(long)]
    pub price_file: Option<PathBuf>,
    /// Where to write the claims file (default: claims-<label>.json next to the shares CSV).
    #[arg(long, short = 'o')]
    pub out: Option<PathBuf>,
    /// Print the claims file summary as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub rpc: RpcOpts,
}

/// Computes, writes and prints; returns the path written.
pub async fn run(args: &ComputeArgs) -> Result<PathBuf> {
    let config = ProgramConfig::load(&args.config)?;
    let label = config.epoch_label(&args.epoch)?;
    let schedule = config.schedule_for(label);
    let rows = read_shares(&args.shares, config.rule.measure(), config.token.decimals)?;
    let price: Option<PriceRecord> = if !config.needs_price() {
        None
    } else if let Some(path) = &args.price_file {
        let text = std::fs::read_to_string(path).wrap_err_with(|| format!("reading {}", path.display()))?;
        Some(serde_json::from_str(&text).wrap_err_with(|| format!("{}: not a price record from `bounty twap --out`", path.display()))?)
    } else {
        let chain = if matches!(config.price, Some(bounty_core::config::PriceSource::Csv { .. })) {
            None
        } else {
            Some(Chain::connect(&args.rpc.rpc_url, args.rpc.chain_id.or(Some(config.chain_id)), None).await?)
        };
        let dir = args.config.parent().map(PathBuf::from).unwrap_or_default();
        let (start, end) = (schedule.twap_start.timestamp() as u64, schedule.twap_end.timestamp() as u64);
        Some(bounty_chain::twap::program_price(chain.as_ref(), &config, &dir, start, end).await?)
    };
    let allocation = allocate(&config.allocation_params(), &rows, price.as_ref().map(|p| p.usd_per_token))?;
    let file = ClaimsFile::build(&config, &schedule, &allocation, price)?;
    let out = args.out.clone().unwrap_or_else(|| {
        args.shares.with_file_name(format!("claims-{label}.json"))
    });
    let hash = file.write_atomic(&out)?;

    if args.json {
        json(&serde_json::json!({
            "file": out, "epoch": file.epoch, "label": label.to_string(), "root": file.root,
            "total": file.total.to_string(), "count": file.count, "metadataHash": hash,
            "usdPerToken": file.usd_per_token().to_string(), "warnings": allocation.warnings,
        }))?;
        return Ok(out);
    }
    let d = config.token.decimals;
    let sym = &config.token.symbol;
    let budget = match config.budget {
        bounty_core::Money::Usd(d) => format!("${d}"),
        bounty_core::Money::Tokens(d) => format!("{d} {sym}"),
    };
    println!("{} {} — {} rule, budget {budget}", config.name, label, rule_name(&config));
    if let Some(p) = &file.price {
        let w = p.source.window();
        println!(
            "price: {} per {sym} (TWAP {} → {})",
            usd(p.usd_per_token),
            crate::output::utc(w.start_timestamp),
            crate::output::utc(w.end_timestamp)
        );
    }
    let mut t = table(&["#", "account", "handle", file.measure.column(), &format!("amount ({sym})"), "share"]);
    for c in &file.claims {
        let share_bp = if file.total.is_zero() { 0 } else { (c.amount * alloy::primitives::U256::from(10_000u64) / file.total).to::<u64>() };
        t.add_row(vec![
            c.index.to_string(),
            c.account.to_string(),
            c.handle.clone().unwrap_or_default(),
            c.value.to_string(),
            amount(c.amount, d),
            format!("{}.{:02}%", share_bp / 100, share_bp % 100),
        ]);
    }
    println!("{t}");
    println!("root:          {}", file.root);
    println!("total:         {} {sym} ({} base units)", amount(file.total, d), file.total);
    println!("count:         {}", file.count);
    println!("cap:           {} {sym}", amount(file.cap, d));
    if file.cap > file.total {
        println!("left over:     {} {sym} (stays in the vault for later epochs)", amount(file.cap - file.total, d));
    }
    println!("metadata hash: {hash}");
    for dropped in &file.dropped {
        let why = match &dropped.reason {
            bounty_core::allocation::DropReason::BelowMinVotes { min_votes } => format!("fewer than {min_votes} votes"),
            bounty_core::allocation::DropReason::ZeroAmount => "its amount rounds down to zero".to_string(),
        };
        let who = dropped.handle.clone().unwrap_or_default();
        println!("warning: {} {who} left out of the tree: {why}", dropped.account);
    }
    for w in &allocation.warnings {
        println!("warning: {w}");
    }
    println!("wrote {}", out.display());
    Ok(out)
}

fn rule_name(config: &ProgramConfig) -> String {
    serde_json::to_value(config.rule)
        .ok()
        .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(String::from))
        .unwrap_or_else(|| format!("{:?}", config.rule))
}
