//! `bounty intake discord`: a Discord vote round, from a DiscordChatExporter JSON export, into the votes rows the
//! `votes` rule reads, an audit file (every counted voter, every vote not counted and why, each helper's mapping
//! and its reason) and the next round's helper list.

use super::WhoOpts;
use crate::opts::OutputOpts;
use bounty_core::{
    sources::{
        discord::{
            activity, audit_path, count_round, next_round, parse_export, Export, PaidHelper, Round, VoteRoundRecord,
        },
        identity::Identities,
    },
    ProgramConfig, Rule,
};
use clap::Args;
use eyre::{eyre, Result};
use std::path::PathBuf;

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

pub(super) fn run(args: &DiscordArgs, config: ProgramConfig, ids: &Identities) -> Result<()> {
    let table = config.discord.as_ref().ok_or_else(|| {
        eyre!(
            "{}: no `[discord]` table: add `[discord]` with `emojis = {{ \"🦊\" = \"<helper's Discord user id>\", … }}`",
            args.config.display()
        )
    })?;
    let label = config.epoch_label(&args.epoch)?;
    let schedule = config.schedule_for(label);
    // One read: the export is parsed and hashed from the same bytes (10^5 messages are ~60 MB).
    let bytes =
        std::fs::read(&args.export).map_err(|source| bounty_core::Error::Io { path: args.export.clone(), source })?;
    let export = parse_export(&args.export, &bytes)?;
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
    let mut paid = Vec::new();
    let active = activity(&export, (schedule.period_start, schedule.period_end));
    for h in &round.helpers {
        let mapping = ids.get("discord", &h.helper);
        let handle = round_name(&export, &h.helper);
        if let (Some(m), false) = (mapping, h.counted.is_empty()) {
            csv.push_str(&format!("{},{},{},discord {}\n", m.account, h.counted.len(), handle, h.helper));
            paid.push(PaidHelper {
                discord_id: h.helper.clone(),
                account: m.account,
                votes: h.counted.len() as u64,
                mapping: m.reason.clone(),
            });
        } else if mapping.is_none() && !h.counted.is_empty() {
            unpaid.push(format!("{} ({handle}, {} votes): not paid: no linked wallet", h.helper, h.counted.len()));
        }
        helpers.push(serde_json::json!({
            "emoji": h.emoji, "helper": h.helper, "handle": handle, "votes": h.counted.len(),
            "messages": active.per_author.get(&h.helper).copied().unwrap_or(0),
            "account": mapping.map(|m| m.account.to_string()), "mapping_reason": mapping.map(|m| m.reason.clone()),
            "counted": h.counted,
            "not_counted": h.not_counted.iter().map(|(u, why)| serde_json::json!({
                "id": u.id, "name": u.name, "reason": why, "why": why.to_string(),
            })).collect::<Vec<_>>(),
        }));
    }
    let next: Vec<_> = next_round(&round, min_votes).iter().map(|h| h.helper.clone()).collect();
    // What `compute` copies into the claims file, for `verify --sources` to re-run.
    let record = VoteRoundRecord {
        source: args.export.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| file.clone()),
        source_keccak256: alloy::primitives::keccak256(&bytes),
        message: round.message.clone(),
        require_posted: table.require_posted,
        emojis: table.emojis.clone(),
        helpers: paid,
        engagement: Some(active.engagement(&round.channel)),
    };
    let audit = serde_json::json!({
        "record": record,
        "source": { "file": file, "keccak256": record.source_keccak256.to_string(), "format": "DiscordChatExporter JSON" },
        "program": config.name, "period": label.to_string(), "message": round.message, "channel": round.channel,
        "require_posted": table.require_posted, "min_votes_next_round": min_votes,
        "helpers": helpers, "other_emojis": round.other_emojis, "next_round": next,
        "engagement": {
            "messages": active.messages, "authors": active.authors, "days": active.days,
            "weekly_messages_per_author": active.weekly_per_author.to_string(),
        },
    });
    let audit_path = args.audit.clone().unwrap_or_else(|| audit_path(&args.out));
    super::write_rows_and_audit(&args.out, csv.as_bytes(), &audit_path, &audit)?;
    if args.output.json {
        return crate::output::json(&audit);
    }
    print_round(&round, &export, min_votes);
    println!(
        "  #{}: {} message(s) from {} author(s) in the period, {} a week per author (evidence, not pay)",
        round.channel, active.messages, active.authors, active.weekly_per_author
    );
    for line in &unpaid {
        println!("warning: {line}");
    }
    println!("wrote {} and {}", args.out.display(), audit_path.display());
    Ok(())
}

fn print_round(round: &Round, export: &Export, min_votes: u64) {
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
fn round_name(export: &Export, id: &str) -> String {
    let authors = export.messages.iter().map(|m| &m.author);
    let reactors = export.messages.iter().flat_map(|m| m.reactions.iter().flat_map(|r| r.users.iter().flatten()));
    authors.chain(reactors).find(|u| u.id == id).map_or_else(|| id.to_string(), |u| u.name.clone())
}
