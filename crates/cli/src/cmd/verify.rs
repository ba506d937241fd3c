//! `bounty verify`: re-derives a claims file from its own inputs and checks it against the vault and the TWAP
//! sources on chain. One ✓/✗ line per check — per family for the checks over every claim (`✓ amounts — 100000 of
//! 100000 re-derived`), with the failed items under it — and a non-zero exit on any ✗.

use crate::{
    opts::{OutputOpts, RpcOpts},
    output::{json, print_check, Steps},
};
use bounty_core::sources::record::IntakeRecord;
use bounty_core::{
    claims::{Check, Failure},
    ClaimsFile, LoadedClaims,
};
use clap::Args;
use eyre::Result;
use std::path::PathBuf;

/// Arguments of this command.
#[derive(Args, Clone, Debug)]
pub(crate) struct VerifyArgs {
    /// The published claims file.
    pub(crate) file: PathBuf,
    /// Only the offline checks (no RPC).
    #[arg(long)]
    pub(crate) offline: bool,
    /// A folder with the published platform exports an intake derived rows from (a Discord export): the intake
    /// is re-run from them and must give the recorded rows.
    #[arg(long, value_name = "DIR")]
    pub(crate) sources: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) output: OutputOpts,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
}

impl VerifyArgs {
    /// Returns whether every check passed.
    pub(crate) async fn run(self) -> Result<bool> {
        run(&self).await
    }
}

async fn run(args: &VerifyArgs) -> Result<bool> {
    let steps = Steps::start("reading the claims file");
    let loaded = LoadedClaims::read(&args.file)?;
    steps.step("re-deriving every amount, the tree and the dump");
    let checks = if args.offline {
        loaded.verify().checks
    } else {
        let vault = args.rpc.vault(loaded.file.vault, Some(loaded.file.chain_id), None).await?;
        bounty_chain::verify::verify(&vault, &loaded).await?
    };
    let mut checks = checks;
    checks.extend(source_checks(&loaded.file, args.sources.as_deref()));
    if let Some(dir) = &args.sources {
        checks.extend(thread_check(&loaded.file, dir)?);
    }
    drop(steps);
    let ok = checks.iter().all(|c| c.ok);
    if args.output.json {
        json(&serde_json::json!({ "file": args.file, "ok": ok, "checks": checks }))?;
    } else {
        println!("verifying {} (epoch {})", args.file.display(), loaded.file.label);
        for c in &checks {
            print_check(c, args.output.verbose);
        }
        let failed = checks.iter().filter(|c| !c.ok).count();
        let unchecked = checks.iter().filter(|c| c.unchecked).count();
        if ok && unchecked > 0 {
            println!(
                "all {} checks that could be made passed; {unchecked} could not be made (–), see above",
                checks.len() - unchecked
            );
        } else if ok {
            println!("all {} checks passed", checks.len());
        } else {
            println!("{failed} of {} checks FAILED", checks.len());
        }
    }
    Ok(ok)
}

/// Each intake-derived line's record derived again from the published exports in `sources` (unchecked without).
fn source_checks(file: &ClaimsFile, sources: Option<&std::path::Path>) -> Vec<Check> {
    let period = (file.period_start, file.period_end);
    file.lines
        .iter()
        .filter_map(|line| {
            let record = line.intake.as_ref()?;
            let name = format!("line {}: intake source", line.name);
            let files = record.source_files().join(", ");
            let Some(dir) = sources else {
                return Some(Check::unchecked(
                    name,
                    format!("not re-run: give --sources DIR holding the published {files}"),
                ));
            };
            // Each difference names its item first (`support.json: keccak256 …`, `agent 501: …`).
            let failures: Vec<Failure> = record
                .recheck(dir, period)
                .into_iter()
                .map(|sentence| match sentence.split_once(": ") {
                    Some((item, detail)) => Failure { item: item.to_string(), detail: detail.to_string() },
                    None => Failure { item: files.clone(), detail: sentence },
                })
                .collect();
            let what = match record {
                IntakeRecord::Votes(_) => "helpers' votes re-counted from the export",
                IntakeRecord::Tickets(_) => "agents' measures derived again from the tickets",
            };
            if failures.is_empty() {
                return Some(Check::family(&name, record.len(), what, failures));
            }
            // Not "1 of 2 re-counted": an export that differs from the recorded one re-counts nothing.
            let detail = format!("{} difference(s) from what the file records", failures.len());
            Some(Check { name, ok: false, detail, failures, unchecked: false })
        })
        .collect()
}

/// With the sources: every paid self-report is one a helper pasted in the period's thread (a Discourse topic JSON
/// among the sources), found by its account, sequence and signature. The honor system's point is that hours are
/// posted where everyone can read and dispute them; the signature alone does not show that.
fn thread_check(file: &ClaimsFile, dir: &std::path::Path) -> Result<Option<Check>> {
    let reported: Vec<_> = file.claims.iter().filter_map(|c| Some((c, c.report.as_ref()?))).collect();
    if reported.is_empty() {
        return Ok(None);
    }
    let name = "reports: posted in the thread";
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| bounty_core::Error::Io { path: dir.to_path_buf(), source })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    let Some(posted) = bounty_core::sources::discourse::posted_reports(&refs) else {
        return Ok(Some(Check::unchecked(
            name,
            format!("not looked for: {} holds no Discourse topic JSON of the period's thread", dir.display()),
        )));
    };
    let failures: Vec<Failure> = reported
        .iter()
        .filter(|(c, r)| !posted.contains_key(&(c.account, r.sequence, r.signature.clone())))
        .map(|(c, r)| Failure {
            item: format!("#{} {}", c.index, c.account),
            detail: format!("its signed report (sequence {}) is in no post of the thread's files", r.sequence),
        })
        .collect();
    Ok(Some(Check::family(name, reported.len(), "paid reports found in the thread's posts", failures)))
}
