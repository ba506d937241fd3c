//! `bounty intake discourse`: the self-reports helpers pasted into the period's forum thread, each checked as
//! `bounty reports` checks a file, written into a reports folder.

use crate::opts::RpcOpts;
use bounty_core::ProgramConfig;
use clap::Args;
use eyre::{eyre, Result};
use std::path::{Path, PathBuf};

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

pub(super) async fn run(args: &DiscourseArgs) -> Result<()> {
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
        if chain.is_none() {
            chain = args.rpc.for_signature(file.signed_by_key(), config.chain_id).await?;
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
