//! Platform users become payout addresses only through links their wallets signed (`--links`, from `bounty link`)
//! or the committee's mapping file (`--ids`, every row with its reason).
//!
//! `bounty intake discourse`: the self-reports helpers pasted into the period's forum thread, each checked as
//! `bounty reports` checks a file, written into a reports folder.
//!
//! `bounty intake tickets`: helpdesk tickets (Zendesk API JSON or the generic CSV) into each agent's KPIs for the
//! period, joined to the plans of the program's quality line.
//!
//! `bounty intake discord`: a Discord vote round, from a DiscordChatExporter JSON export, into the votes rows the
//! `votes` rule reads, an audit file (every counted voter, every vote not counted and why, each helper's mapping
//! and its reason) and the next round's helper list. Discord users become payout addresses only through the
//! committee's identity mapping (`--ids`); a helper without one is listed as not paid, never dropped silently.

use crate::opts::{OutputOpts, RpcOpts};
use bounty_core::{
    files::{write_atomic, Existing},
    sources::{
        discord::{count_round, next_round, read_export, Round},
        identity::Identities,
    },
    ProgramConfig, Rule,
};
use clap::{Args, Subcommand};
use eyre::{eyre, Result};
use std::path::{Path, PathBuf};

/// Arguments of this command.
#[derive(Args, Clone, Debug)]
pub(crate) struct IntakeArgs {
    #[command(subcommand)]
    pub(crate) source: IntakeSource,
}

/// The sources.
#[derive(Subcommand, Clone, Debug)]
pub(crate) enum IntakeSource {
    /// A vote round: the pinned message's emoji reactions, one emoji per helper (the config's `[discord]` table).
    Discord(DiscordArgs),
    /// Helpdesk tickets (Zendesk API JSON, or the generic CSV): each agent's KPIs for the period, joined to the
    /// plans of the program's quality line.
    Tickets(TicketsArgs),
    /// The forum thread (Discourse topic JSON and further post pages): the self-reports helpers pasted, checked
    /// and written into a reports folder.
    Discourse(DiscourseArgs),
}

/// `bounty intake discourse`.
#[derive(Args, Clone, Debug)]
pub(crate) struct DiscourseArgs {
    /// The topic JSON (`/t/{id}.json`), then any further pages of posts (`/t/{id}/posts.json?post_ids[]=…`).
    #[arg(required = true)]
    pub(crate) pages: Vec<PathBuf>,
    /// The program config.
    #[arg(long, short = 'c')]
    pub(crate) config: PathBuf,
    /// The period whose reports to take.
    #[arg(long, short = 'e')]
    pub(crate) epoch: String,
    /// The reports folder to write them into (created if missing; a report already there is kept).
    #[arg(long, short = 'o')]
    pub(crate) out: PathBuf,
    /// Checks contract wallets' signatures (ERC-1271).
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
}

/// Where platform users are paid: the links their wallets signed, and the committee's mapping file.
#[derive(Args, Clone, Debug)]
pub(crate) struct WhoOpts {
    /// A folder of signed identity links (`bounty link`); a link wins over a committee row for the same user.
    #[arg(long)]
    pub(crate) links: Option<PathBuf>,
    /// The committee's identity mapping (`platform,id,account,reason`).
    #[arg(long)]
    pub(crate) ids: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
}

impl WhoOpts {
    /// The identities: the committee's rows, then every link of this program checked to be its account's (by key,
    /// or a contract wallet's by ERC-1271 through the RPC, connected only when a link needs it).
    async fn read(&self, config: &ProgramConfig) -> Result<Identities> {
        if self.links.is_none() && self.ids.is_none() {
            return Err(eyre!(
                "who is paid? give --links DIR (the links helpers signed with `bounty link`) and/or --ids FILE (the \
                 committee's mapping, `platform,id,account,reason`)"
            ));
        }
        let mut ids = match &self.ids {
            Some(path) => Identities::read(path)?,
            None => Identities::default(),
        };
        let Some(dir) = &self.links else { return Ok(ids) };
        let links = bounty_core::sources::link::read_link_dir(dir)?;
        let mut chain = None;
        for (path, file) in &links {
            file.require_program(path, &config.name, config.vault, config.chain_id)?;
            if !file.signed_by_key() && chain.is_none() {
                chain = Some(self.rpc.connect(Some(config.chain_id), None).await?);
            }
            if !bounty_chain::link::is_signed(chain.as_ref(), file).await? {
                return Err(bounty_core::sources::link::LinkError::NotSigned {
                    path: path.clone(),
                    account: file.link.account,
                }
                .into());
            }
            ids.add_link(path, file);
        }
        Ok(ids)
    }
}

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

/// `bounty intake discord`.
#[derive(Args, Clone, Debug)]
pub(crate) struct DiscordArgs {
    /// The channel's DiscordChatExporter JSON export (with reactions).
    pub(crate) export: PathBuf,
    /// The program config, with its `[discord]` emoji table.
    #[arg(long, short = 'c')]
    pub(crate) config: PathBuf,
    /// The period (2026-Q2): whose votes these are, and the window a voter must have posted in.
    #[arg(long, short = 'e')]
    pub(crate) epoch: String,
    /// The pinned vote message's id.
    #[arg(long)]
    pub(crate) message: String,
    #[command(flatten)]
    pub(crate) who: WhoOpts,
    /// Where to write the votes rows (`account,votes,handle,note`), for `compute --shares LINE=FILE`.
    #[arg(long, short = 'o')]
    pub(crate) out: PathBuf,
    /// The audit file (default: beside --out, `<out>.audit.json`).
    #[arg(long)]
    pub(crate) audit: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) output: OutputOpts,
}

impl IntakeArgs {
    pub(crate) async fn run(self) -> Result<()> {
        match self.source {
            IntakeSource::Discord(a) => {
                let config = ProgramConfig::load(&a.config)?;
                let ids = a.who.read(&config).await?;
                discord(&a, config, &ids)
            }
            IntakeSource::Discourse(a) => discourse(&a).await,
            IntakeSource::Tickets(a) => {
                let config = ProgramConfig::load(&a.config)?;
                let ids = a.who.read(&config).await?;
                tickets(&a, config, &ids)
            }
        }
    }
}

fn discord(args: &DiscordArgs, config: ProgramConfig, ids: &Identities) -> Result<()> {
    let table = config.discord.as_ref().ok_or_else(|| {
        eyre!(
            "{}: no `[discord]` table: add `[discord]` with `emojis = {{ \"🦊\" = \"<helper's Discord user id>\", … }}`",
            args.config.display()
        )
    })?;
    let label = config.epoch_label(&args.epoch)?;
    let schedule = config.schedule_for(label);
    let export = read_export(&args.export)?;
    let file = args.export.display().to_string();
    let round = count_round(&file, &export, &args.message, table, (schedule.period_start, schedule.period_end))?;
    // The `votes` rule's minimum is a pay threshold; the thread's 5-vote rule decides the next round's message.
    let min_votes = config
        .lines()
        .iter()
        .find_map(|l| match l.rule {
            Rule::Votes { min_votes } => Some(min_votes),
            _ => None,
        })
        .unwrap_or(0);
    let mut csv = String::from("account,votes,handle,note\n");
    let mut unpaid = Vec::new();
    let mut helpers = Vec::new();
    for h in &round.helpers {
        let mapping = ids.get("discord", &h.helper);
        let handle = round_name(&export, &h.helper);
        if let (Some(m), false) = (mapping, h.counted.is_empty()) {
            csv.push_str(&format!("{},{},{},discord {}\n", m.account, h.counted.len(), handle, h.helper));
        } else if mapping.is_none() && !h.counted.is_empty() {
            unpaid.push(format!("{} ({handle}, {} votes): not paid: no linked wallet", h.helper, h.counted.len()));
        }
        helpers.push(serde_json::json!({
            "emoji": h.emoji, "helper": h.helper, "handle": handle, "votes": h.counted.len(),
            "account": mapping.map(|m| m.account.to_string()), "mapping_reason": mapping.map(|m| m.reason.clone()),
            "counted": h.counted,
            "not_counted": h.not_counted.iter().map(|(u, why)| serde_json::json!({
                "id": u.id, "name": u.name, "reason": why, "why": why.to_string(),
            })).collect::<Vec<_>>(),
        }));
    }
    let next: Vec<_> = next_round(&round, min_votes).iter().map(|h| h.helper.clone()).collect();
    let bytes = std::fs::read(&args.export)?;
    let audit = serde_json::json!({
        "source": { "file": file, "keccak256": alloy::primitives::keccak256(&bytes).to_string(), "format": "DiscordChatExporter JSON" },
        "program": config.name, "period": label.to_string(), "message": round.message, "channel": round.channel,
        "require_posted": table.require_posted, "min_votes_next_round": min_votes,
        "helpers": helpers, "other_emojis": round.other_emojis, "next_round": next,
    });
    let audit_path = args.audit.clone().unwrap_or_else(|| with_suffix(&args.out, "audit.json"));
    // Both files are checked writable before either is written: nothing half-written.
    for path in [&args.out, &audit_path] {
        if path.exists() {
            return Err(eyre!(
                "{} already exists; nothing was written: choose another --out/--audit (or move it away)",
                path.display()
            ));
        }
    }
    write_atomic(&args.out, csv.as_bytes(), Existing::Keep)?;
    write_atomic(&audit_path, &serde_json::to_vec_pretty(&audit)?, Existing::Keep)?;
    if args.output.json {
        return crate::output::json(&audit);
    }
    print_round(&round, &export, min_votes);
    for line in &unpaid {
        println!("warning: {line}");
    }
    println!("wrote {} and {}", args.out.display(), audit_path.display());
    Ok(())
}

fn tickets(args: &TicketsArgs, config: ProgramConfig, ids: &Identities) -> Result<()> {
    use bounty_core::sources::tickets::{agent_kpis, read_tickets_csv, read_zendesk};
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
    let tickets = match &args.csv {
        Some(csv) => read_tickets_csv(csv)?,
        None => {
            let pages: Vec<&Path> = args.tickets.iter().map(PathBuf::as_path).collect();
            let metrics: Vec<&Path> = args.metrics.iter().map(PathBuf::as_path).collect();
            read_zendesk(&pages, &metrics)?
        }
    };
    let agents = agent_kpis(&tickets, schedule.period_start, schedule.period_end);
    let mut by_account = std::collections::HashMap::new();
    let mut warnings = Vec::new();
    for a in &agents {
        match ids.get(&args.platform, &a.agent) {
            Some(m) => {
                by_account.insert(m.account, a);
            }
            None => warnings.push(format!("agent {} ({} solved): not paid: no linked wallet", a.agent, a.solved)),
        }
    }
    let column = line.rule.measure().column();
    let mut rows = csv::Writer::from_writer(Vec::new());
    rows.write_record(["account", column, "first_reply_hours", "resolution_hours", "csat_percent", "handle", "note"])?;
    let cell = |d: Option<bounty_core::Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
    for plan in &plans {
        let agent = by_account.remove(&plan.account);
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
    for (account, a) in by_account {
        warnings.push(format!(
            "agent {} ({account}) has no plan in {}: not paid by line `{}`",
            a.agent,
            args.plans.display(),
            line.name
        ));
    }
    if args.out.exists() {
        return Err(eyre!(
            "{} already exists; nothing was written: choose another --out (or move it away)",
            args.out.display()
        ));
    }
    write_atomic(&args.out, &csv, Existing::Keep)?;
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
    println!("wrote {} for line `{}`", args.out.display(), line.name);
    Ok(())
}

async fn discourse(args: &DiscourseArgs) -> Result<()> {
    use bounty_core::{
        report::require_matches,
        sources::discourse::{pasted_reports, read_thread},
    };
    let config = ProgramConfig::load(&args.config)?;
    let label = config.epoch_label(&args.epoch)?;
    let measure = config
        .reported_measure()
        .ok_or_else(|| eyre!("program `{}` takes no reports: none of its lines measures hours", config.name))?;
    let pages: Vec<&Path> = args.pages.iter().map(PathBuf::as_path).collect();
    let thread = read_thread(&pages)?;
    let found = pasted_reports(&thread);
    let mut chain = None;
    let (mut good, mut refused) = (Vec::new(), Vec::new());
    for pasted in found {
        let at = format!("post #{} by {}", pasted.post_number, pasted.username);
        let file = match pasted.report {
            Ok(file) => file,
            Err(why) => {
                refused.push(format!("{at}: {why}"));
                continue;
            }
        };
        let source = PathBuf::from(format!("{} post #{}", args.pages[0].display(), pasted.post_number));
        if let Err(e) = require_matches(&source, &file.report, &config, label, measure) {
            refused.push(format!("{at}: {e}"));
            continue;
        }
        if !file.signed_by_key() && chain.is_none() {
            chain = Some(args.rpc.connect(Some(config.chain_id), None).await?);
        }
        if !bounty_chain::report::is_signed(chain.as_ref(), &file).await? {
            refused.push(format!(
                "{at}: the signature is not {}'s (by key, or by its wallet contract)",
                file.report.account
            ));
            continue;
        }
        good.push((at, file));
    }
    // Every report is checked before any is written: nothing half-written.
    std::fs::create_dir_all(&args.out)?;
    for (at, file) in &good {
        let path = args.out.join(file.file_name());
        file.write(&path)?;
        println!(
            "✓ {at}: {} reports {} {} (sequence {}) → {}",
            file.report.account,
            file.report.value,
            measure.column(),
            file.report.sequence,
            path.display()
        );
    }
    for line in &refused {
        println!("✗ {line}");
    }
    if !thread.missing.is_empty() {
        let ids: Vec<String> = thread.missing.iter().map(u64::to_string).collect();
        println!(
            "warning: the topic lists {} post(s) the given files do not contain ({}): fetch them (`/t/ID/posts.json?post_ids[]=…`) and run again",
            ids.len(),
            ids.join(", ")
        );
    }
    println!("{} report(s) of {label} written to {}, {} refused", good.len(), args.out.display(), refused.len());
    Ok(())
}

fn names(lines: &[bounty_core::lines::LineConfig]) -> String {
    lines.iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join(", ")
}

fn print_round(round: &Round, export: &bounty_core::sources::discord::Export, min_votes: u64) {
    println!("vote round: message {} in #{}", round.message, round.channel);
    for h in &round.helpers {
        let next = if h.counted.len() as u64 >= min_votes { "" } else { " — off the next round's list" };
        println!(
            "  {} {} ({}): {} vote(s) counted, {} not counted{next}",
            h.emoji,
            round_name(export, &h.helper),
            h.helper,
            h.counted.len(),
            h.not_counted.len()
        );
        for (user, why) in &h.not_counted {
            println!("      not counted: {} ({}): {why}", user.name, user.id);
        }
    }
    for (emoji, count) in &round.other_emojis {
        println!("  {emoji}: {count} reaction(s) for no helper (not in the config's table)");
    }
}

/// The helper's name as the export last shows it (its messages or reactions), else the id.
fn round_name(export: &bounty_core::sources::discord::Export, id: &str) -> String {
    let authors = export.messages.iter().map(|m| &m.author);
    let reactors = export.messages.iter().flat_map(|m| m.reactions.iter().flat_map(|r| r.users.iter().flatten()));
    authors.chain(reactors).find(|u| u.id == id).map_or_else(|| id.to_string(), |u| u.name.clone())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}
