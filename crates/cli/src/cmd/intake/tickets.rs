//! `bounty intake tickets`: helpdesk tickets (Zendesk API JSON or the generic CSV) into each agent's KPIs for the
//! period, joined to the plans of the program's quality line.

use super::WhoOpts;
use crate::opts::OutputOpts;
use bounty_core::{sources::identity::Identities, ProgramConfig};
use clap::Args;
use eyre::{eyre, Result};
use std::path::PathBuf;

/// `bounty intake tickets`.
#[derive(Args, Clone, Debug)]
pub(crate) struct TicketsArgs {
    /// Zendesk `incremental/tickets` pages (repeatable).
    #[arg(long = "zendesk-tickets", value_name = "PAGE.json", requires = "metrics")]
    pub(crate) tickets: Vec<PathBuf>,
    /// Zendesk `ticket_metrics` pages (repeatable).
    #[arg(long = "zendesk-metrics", value_name = "PAGE.json")]
    pub(crate) metrics: Vec<PathBuf>,
    /// Or a generic tickets CSV: `ticket_id,agent,created,first_reply,solved,rating`.
    #[arg(long, conflicts_with_all = ["tickets", "metrics"], required_unless_present = "tickets")]
    pub(crate) csv: Option<PathBuf>,
    /// The program config, with a `quality` line.
    #[arg(long, short = 'c')]
    pub(crate) config: PathBuf,
    /// The period: tickets solved in it count.
    #[arg(long, short = 'e')]
    pub(crate) epoch: String,
    /// The quality line (default: the program's only line with a `quality` rule).
    #[arg(long)]
    pub(crate) line: Option<String>,
    /// Each helper's base for the line (`account,usd` or `account,tokens`, as the line's rule reads).
    #[arg(long)]
    pub(crate) plans: PathBuf,
    #[command(flatten)]
    pub(crate) who: WhoOpts,
    /// The platform name agents are mapped under in `--ids`.
    #[arg(long, default_value = "zendesk")]
    pub(crate) platform: String,
    /// Where to write the line's rows (`account,<base>,first_reply_hours,resolution_hours,csat_percent,…`).
    #[arg(long, short = 'o')]
    pub(crate) out: PathBuf,
    #[command(flatten)]
    pub(crate) output: OutputOpts,
}

pub(super) fn run(args: &TicketsArgs, config: ProgramConfig, ids: &Identities) -> Result<()> {
    use bounty_core::sources::{
        record::audit_path,
        tickets::{
            agent_kpis, parse_exports, Export, RecordedAgent, TicketsRecord, TICKETS_CSV, ZENDESK_METRICS,
            ZENDESK_TICKETS,
        },
    };
    let lines = config.lines();
    let line = match &args.line {
        Some(name) => lines
            .iter()
            .find(|l| &l.name == name)
            .ok_or_else(|| eyre!("{}: no line `{name}` (its lines: {})", args.config.display(), names(&lines)))?,
        None => {
            let quality: Vec<_> = lines.iter().filter(|l| l.rule.targets().is_some()).collect();
            match quality.as_slice() {
                [only] => *only,
                [] => return Err(eyre!("{}: no line has a `quality` rule to feed", args.config.display())),
                _ => return Err(eyre!("{}: several quality lines; say which with --line", args.config.display())),
            }
        }
    };
    let label = config.epoch_label(&args.epoch)?;
    let schedule = config.schedule_for(label);
    let plans = bounty_core::shares::read_shares(&args.plans, line.rule.measure(), config.token.decimals)?;
    let mut warnings = Vec::new();
    // Each export is read once: parsed, and recorded by the hash of the same bytes.
    let csv_list: Vec<PathBuf> = args.csv.iter().cloned().collect();
    let exports = [(ZENDESK_TICKETS, &args.tickets), (ZENDESK_METRICS, &args.metrics), (TICKETS_CSV, &csv_list)]
        .into_iter()
        .flat_map(|(role, paths)| paths.iter().map(move |p| Export::read(role, p)))
        .collect::<Result<Vec<_>, _>>()?;
    let read = parse_exports(&exports)?;
    if !read.metrics_without_ticket.is_empty() {
        warnings.push(format!(
            "{} ticket metric(s) are for tickets on no --tickets page ({}): a tickets page left out?",
            read.metrics_without_ticket.len(),
            first_ids(&read.metrics_without_ticket)
        ));
    }
    if !read.tickets_without_metrics.is_empty() {
        warnings.push(format!(
            "{} ticket(s) have no metrics on any --metrics page ({}): their reply and resolution times are missing \
             from the medians; add the metrics pages that hold them",
            read.tickets_without_metrics.len(),
            first_ids(&read.tickets_without_metrics)
        ));
    }
    let tickets = read.tickets;
    let agents = agent_kpis(&tickets, schedule.period_start, schedule.period_end);
    let mut by_account = std::collections::HashMap::new();
    for a in &agents {
        match ids.get(&args.platform, &a.agent) {
            Some(m) => {
                by_account.insert(m.account, (a, m.reason.clone()));
            }
            None => warnings.push(format!("agent {} ({} solved): not paid: no linked wallet", a.agent, a.solved)),
        }
    }
    let column = line.rule.measure().column();
    let mut rows = csv::Writer::from_writer(Vec::new());
    rows.write_record(["account", column, "first_reply_hours", "resolution_hours", "csat_percent", "handle", "note"])?;
    let cell = |d: Option<bounty_core::Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut recorded = Vec::new();
    for plan in &plans {
        let mapped = by_account.remove(&plan.account);
        if let Some((a, reason)) = &mapped {
            recorded.push(RecordedAgent {
                agent: a.agent.clone(),
                account: plan.account,
                mapping: reason.clone(),
                solved: a.solved,
                kpis: a.kpis,
            });
        }
        let agent = mapped.map(|(a, _)| a);
        let kpis = agent.map(|a| a.kpis).unwrap_or_default();
        let note = agent.map_or("no tickets solved in the period".to_string(), |a| {
            format!("{} agent {}: {} solved, {} of {} rated good", args.platform, a.agent, a.solved, a.good, a.rated)
        });
        rows.write_record([
            plan.account.to_string(),
            plan.value.to_string(),
            cell(kpis.first_reply_hours),
            cell(kpis.resolution_hours),
            cell(kpis.csat_percent),
            plan.handle.clone().unwrap_or_default(),
            note,
        ])?;
    }
    let csv = rows.into_inner().map_err(|e| eyre!("writing the rows: {e}"))?;
    for (account, (a, _)) in by_account {
        warnings.push(format!(
            "agent {} ({account}) has no plan in {}: not paid by line `{}`",
            a.agent,
            args.plans.display(),
            line.name
        ));
    }
    // What `compute` copies into the claims file, for `verify --sources` to derive again: each export by name and
    // hash, and each agent with a row.
    let sources = exports.iter().map(Export::source_file).collect();
    let record = TicketsRecord { platform: args.platform.clone(), sources, agents: recorded };
    let audit = serde_json::json!({
        "record": record, "program": config.name, "period": label.to_string(), "line": line.name,
        "agents": agents, "warnings": warnings,
    });
    let audit_path = audit_path(&args.out);
    super::write_rows_and_audit(&args.out, &csv, &audit_path, &audit)?;
    if args.output.json {
        return crate::output::json(&serde_json::json!({ "agents": agents, "warnings": warnings, "file": args.out }));
    }
    println!("{} ticket(s) read; {} agent(s) solved tickets in {label}", tickets.len(), agents.len());
    for a in &agents {
        let show = |d: Option<bounty_core::Decimal>| d.map_or("—".to_string(), |d| d.to_string());
        println!(
            "  agent {}: {} solved, median first reply {} h, median resolution {} h, CSAT {} % ({} of {} rated good)",
            a.agent,
            a.solved,
            show(a.kpis.first_reply_hours),
            show(a.kpis.resolution_hours),
            show(a.kpis.csat_percent),
            a.good,
            a.rated
        );
    }
    for w in &warnings {
        println!("warning: {w}");
    }
    println!("wrote {} for line `{}`, and its record {}", args.out.display(), line.name, audit_path.display());
    Ok(())
}

fn names(lines: &[bounty_core::lines::LineConfig]) -> String {
    lines.iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// The first few ids of a list, for a warning that stays one line.
fn first_ids(ids: &[u64]) -> String {
    let shown: Vec<String> = ids.iter().take(5).map(u64::to_string).collect();
    let more = ids.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}
