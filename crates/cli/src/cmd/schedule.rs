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
    let (schedule, term) = match &args.config {
        Some(path) => {
            let config = ProgramConfig::load(path)?;
            let label = config.epoch_label(&args.label)?;
            // The term's place and its last payday: a date outside the term is still shown, with that said.
            let term = config.term.map(|term| (term, term.position(label), config.schedule_for(term.last()).payday));
            (config.schedule_for(label), term)
        }
        None => (Schedule::new(args.label.parse::<EpochLabel>()?, &ScheduleConfig::default()), None),
    };
    if args.output.json {
        let mut value = serde_json::to_value(&schedule)?;
        if let Some((term, position, last_payday)) = term {
            value["term"] = serde_json::json!({
                "first": term.first.to_string(), "periods": term.periods, "period": position, "last_payday": last_payday,
            });
        }
        return json(&value);
    }
    let f = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d %H:%M UTC").to_string();
    println!("epoch {} (on-chain number {})", schedule.label, schedule.epoch);
    match term {
        Some((term, Some(n), last_payday)) => {
            println!("  term:            period {n} of {} (last payday {})", term.periods, f(last_payday))
        }
        Some((term, None, _)) => println!("  term:            outside the program's term ({term}): nothing is paid"),
        None => {}
    }
    println!("  period:          {} → {}", f(schedule.period_start), f(schedule.period_end));
    println!("  reports open:    {}", f(schedule.reports_open));
    println!("  reports close:   {}", f(schedule.reports_close));
    println!("  compute day:     {}", f(schedule.compute_day));
    println!("  TWAP window:     {} → {}", f(schedule.twap_start), f(schedule.twap_end));
    println!("  payday:          {}", f(schedule.payday));
    Ok(())
}
