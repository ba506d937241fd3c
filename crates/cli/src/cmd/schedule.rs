//! `bounty schedule 2026-Q3`: the epoch's dates — reporting window, compute day, TWAP window, payday.

use crate::{opts::OutputOpts, output::json};
use bounty_core::{EpochLabel, ProgramConfig, Schedule, ScheduleConfig};
use clap::Args;
use eyre::Result;
use std::path::PathBuf;

/// Arguments of this command.
#[derive(Args, Clone, Debug)]
pub(crate) struct ScheduleArgs {
    /// 2026-Q3 (quarterly) or 2026-07 (monthly).
    pub(crate) label: String,
    /// Take the calendar settings from this program config (default: the Rocket Pool schedule).
    #[arg(long, short = 'c')]
    pub(crate) config: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) output: OutputOpts,
}

impl ScheduleArgs {
    pub(crate) fn run(self) -> Result<()> {
        run(&self)
    }
}

fn run(args: &ScheduleArgs) -> Result<()> {
    let schedule = match &args.config {
        Some(path) => {
            let config = ProgramConfig::load(path)?;
            config.schedule_for(config.epoch_label(&args.label)?)
        }
        None => Schedule::new(args.label.parse::<EpochLabel>()?, &ScheduleConfig::default()),
    };
    if args.output.json {
        return json(&schedule);
    }
    let f = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d %H:%M UTC").to_string();
    println!("epoch {} (on-chain number {})", schedule.label, schedule.epoch);
    println!("  period:          {} → {}", f(schedule.period_start), f(schedule.period_end));
    println!("  reports open:    {}", f(schedule.reports_open));
    println!("  reports close:   {}", f(schedule.reports_close));
    println!("  compute day:     {}", f(schedule.compute_day));
    println!("  TWAP window:     {} → {}", f(schedule.twap_start), f(schedule.twap_end));
    println!("  payday:          {}", f(schedule.payday));
    Ok(())
}
