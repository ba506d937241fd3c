//! `bounty compute`: program config + each line's shares CSV (and signed reports) + epoch label (+ price) → the
//! claims file.

mod summary;

use crate::{
    opts::{OutputOpts, RpcOpts},
    output::{json, Steps},
};
use bounty_chain::{vault::Vault, Client};
use bounty_core::sources::record::{audit_path, read_record, IntakeRecord};
use bounty_core::{
    allocate,
    lines::{LineAllocation, LineConfig},
    report::{read_adjustments, read_report_dir, ReportFile},
    shares::read_shares_named,
    tips::{TipMatch, TipRecord},
    ClaimsFile, Intake, PriceRecord, ProgramConfig, Schedule,
};
use chrono::SubsecRound;
use clap::Args;
use eyre::{bail, eyre, Result, WrapErr};
use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

/// Arguments of `bounty compute`.
#[derive(Args, Clone, Debug)]
pub(crate) struct ComputeArgs {
    /// Program config (TOML).
    #[arg(long, short = 'c')]
    pub(crate) config: PathBuf,
    /// Shares CSV for the epoch (with --reports: the committee's rows for helpers without a wallet). With budget
    /// lines, one per line as `LINE=PATH` (repeat the option); a line without one pays nothing.
    #[arg(long, short = 's', value_name = "[LINE=]PATH", required_unless_present = "reports")]
    pub(crate) shares: Vec<String>,
    /// Folder of signed self-reports (`bounty report`): each verified, the latest per account kept; they feed the
    /// lines whose rule measures hours (a one-line program's line, whatever it measures).
    #[arg(long)]
    pub(crate) reports: Option<PathBuf>,
    /// The committee's changes to reported values: CSV `account,value,reason` (a reason on every line).
    #[arg(long, requires = "reports")]
    pub(crate) adjustments: Option<PathBuf>,
    /// Epoch label: 2026-Q2 (quarterly) or 2026-06 (monthly).
    #[arg(long, short = 'e')]
    pub(crate) epoch: String,
    /// Compute before the period's compute day, while helpers may still report and tips still count (recorded in
    /// the claims file as `computed_early`, so verifiers see it).
    #[arg(long)]
    pub(crate) early: bool,
    /// Price record written by `bounty twap --out` (otherwise the config's price source is read on the spot).
    #[arg(long)]
    pub(crate) price_file: Option<PathBuf>,
    /// Where to write the claims file (default: claims-<label>.json next to the shares CSV).
    #[arg(long, short = 'o')]
    pub(crate) out: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) output: OutputOpts,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
}

impl ComputeArgs {
    /// Computes, writes and prints; returns the path written.
    pub(crate) async fn run(self) -> Result<PathBuf> {
        let config = ProgramConfig::load(&self.config)?;
        let shares = shares_by_line(&config, &self.shares)?;
        // Every input file is there before anything is read from the chain (a typo in a path should not wait behind
        // an RPC).
        let inputs =
            [("--reports", &self.reports), ("--adjustments", &self.adjustments), ("--price-file", &self.price_file)];
        let named =
            shares.values().map(|p| ("--shares", p)).chain(inputs.iter().filter_map(|(o, p)| Some((*o, p.as_ref()?))));
        for (option, path) in named {
            if !path.exists() {
                bail!("{option} {}: no such file or folder (check the path)", path.display());
            }
        }
        let label = config.epoch_label(&self.epoch)?;
        config.check_term(label)?;
        let schedule = config.schedule_for(label);
        // The claims file is immutable once written: computed before the compute day, it would leave out the reports
        // and tips that come later, unless its root were vetoed. The clock is this machine's.
        let now = chrono::Utc::now();
        if now < schedule.compute_day && !self.early {
            bail!(
                "{label} is computed on {} (its reporting window runs {} to {}); it is now {}, and a claims file \
                 written now is final and would leave out later reports and tips. Wait until the compute day, or pass \
                 --early (the file then records when it was computed)",
                schedule.compute_day.format("%Y-%m-%d %H:%M UTC"),
                schedule.reports_open.format("%Y-%m-%d"),
                schedule.reports_close.format("%Y-%m-%d"),
                now.format("%Y-%m-%d %H:%M UTC"),
            );
        }
        let lines = config.lines();
        let reported = config.reported_measure();
        if self.reports.is_some() && !lines.iter().any(|l| Some(l.rule.measure()) == reported) {
            bail!("--reports: no line of program `{}` takes reports (none measures hours)", config.name);
        }
        let mut chain = None; // the program's chain, connected by the first step that reads it
                              // The files first, the chain after: a mistake in a CSV is reported without waiting for (or needing) an RPC.
        let steps = Steps::start("reading the shares");
        let mut committee = Vec::with_capacity(lines.len());
        let mut intakes = Vec::with_capacity(lines.len());
        for line in &lines {
            committee.push(match shares.get(&line.name) {
                Some(path) => {
                    let names = self.resolve_names(path).await?;
                    let rows = read_shares_named(path, line.rule.columns(), config.token.decimals, &names)?;
                    intakes.push(intake_record(path, &rows)?);
                    rows
                }
                None => {
                    intakes.push(None);
                    Vec::new()
                }
            });
        }
        let reports = match &self.reports {
            Some(dir) => {
                steps.step("checking the signed reports");
                Some(self.signed_reports(&config, &schedule, dir, &mut chain).await?)
            }
            None => None,
        };
        let price = {
            steps.step("reading the price");
            self.price(&config, &schedule, &mut chain).await?
        };
        let (mut allocations, mut intake, mut tips, mut warnings) = (Vec::new(), None, None, Vec::new());
        for (line, committee) in lines.iter().zip(committee) {
            let mut params = config.line_params(line);
            let fed = Some(line.rule.measure()) == reported;
            let rows = match &reports {
                Some(reports) if fed => {
                    let fed_lines: Vec<&str> =
                        lines.iter().filter(|l| Some(l.rule.measure()) == reported).map(|l| l.name.as_str()).collect();
                    let merged = self.intake(&config, &schedule, reports.clone(), committee, &line.name, &fed_lines)?;
                    let rows = merged.rows.clone();
                    intake.get_or_insert(merged);
                    rows
                }
                _ => committee,
            };
            let several = lines.len() > 1;
            if rows.is_empty() && several {
                warnings.push(format!(
                    "line `{}` has no rows this period (no --shares {}=PATH{}): it pays nothing",
                    line.name,
                    line.name,
                    if fed { " and no reports" } else { "" }
                ));
            }
            if let Some(rule) = &line.budget.tip_match {
                steps.step("reading the period's tips (Funded events)");
                let record = self.tips(&config, &schedule, line, rule, &mut chain).await?;
                params.budget =
                    record.budget(config.token.decimals).ok_or_else(|| eyre!("the matched budget overflows"))?;
                tips = Some((line.name.clone(), record));
            }
            steps.step(if several { "applying the lines' rules" } else { "applying the rule" });
            let allocation = allocate(&params, &rows, price.clone())?;
            let prefix = if several { format!("line `{}`: ", line.name) } else { String::new() };
            warnings.extend(allocation.warnings.iter().map(|w| format!("{prefix}{w}")));
            allocations.push(LineAllocation { name: line.name.clone(), allocation });
        }
        steps.step("building the tree");
        let mut file = match allocations.as_slice() {
            // A quality line records each claim's score, which only the lines layout (v3) has room for.
            [only] if only.allocation.params.rule.targets().is_none() && intakes.iter().all(Option::is_none) => {
                ClaimsFile::build(&config, &schedule, &only.allocation)?
            }
            _ => {
                let matched = tips.as_ref().map(|(name, _)| name.as_str());
                ClaimsFile::build_lines(&config, &schedule, &allocations, price, matched)?
            }
        };
        for (record, intake) in file.lines.iter_mut().zip(intakes) {
            record.intake = intake;
        }
        drop(allocations); // at 10^6 helpers each line's awards are ~150 MB, and the file has them now
        if let Some(intake) = &intake {
            file.attach(intake);
        }
        file.tips = tips.map(|(_, record)| record);
        file.computed_early = (now < schedule.compute_day).then_some(now.trunc_subsecs(0));
        let beside = shares.values().next().or(self.reports.as_ref()).expect("clap requires one");
        let out = self.out.clone().unwrap_or_else(|| beside.with_file_name(format!("claims-{label}.json")));
        steps.step("writing the claims file");
        let hash = file.write_atomic(&out)?;
        drop(steps);
        if self.output.json {
            json(&serde_json::json!({
                "file": out, "epoch": file.epoch, "label": label.to_string(), "root": file.root,
                "total": file.total.to_string(), "count": file.count, "metadataHash": hash,
                "usdPerToken": file.usd_per_token().to_string(),
                "lines": file.line_views().iter().map(|l| serde_json::json!({
                    "name": l.name, "total": l.total().to_string(),
                })).collect::<Vec<_>>(),
                "warnings": warnings,
            }))?;
        } else {
            summary::print(&config, &file, &warnings, &hash.to_string(), &out, self.output.verbose);
        }
        Ok(out)
    }

    /// This period's signed reports in `dir`, each checked to be signed by its account (by key, or a contract
    /// wallet's through ERC-1271 on the program's chain).
    async fn signed_reports(
        &self,
        config: &ProgramConfig,
        schedule: &Schedule,
        dir: &Path,
        chain: &mut Option<Client>,
    ) -> Result<Vec<(PathBuf, ReportFile)>> {
        let reports: Vec<_> =
            read_report_dir(dir)?.into_iter().filter(|(_, f)| f.report.epoch == schedule.label).collect();
        let chain = if reports.iter().any(|(_, f)| !f.signed_by_key()) {
            Some(self.program_chain(config, chain).await?)
        } else {
            None
        };
        for (path, f) in &reports {
            if !bounty_chain::report::is_signed(chain, f).await? {
                bail!(
                    "{}: the signature is not {}'s (by key, or by its wallet contract)",
                    path.display(),
                    f.report.account
                );
            }
        }
        Ok(reports)
    }

    /// A reported line's rows: the signed reports (the latest per account) merged with the line's committee rows
    /// and the adjustments.
    fn intake(
        &self,
        config: &ProgramConfig,
        schedule: &Schedule,
        reports: Vec<(PathBuf, ReportFile)>,
        committee: Vec<bounty_core::ShareRow>,
        line: &str,
        fed_lines: &[&str],
    ) -> Result<Intake> {
        let measure = config.reported_measure().expect("checked: a line takes reports");
        let adjustments = match &self.adjustments {
            Some(path) => read_adjustments(path, measure, config.token.decimals)?,
            None => Vec::new(),
        };
        // An adjustment names the line it changes; with one line taking reports, it may leave that unsaid.
        let path = self.adjustments.clone().unwrap_or_default();
        for a in &adjustments {
            match &a.budget_line {
                Some(name) if !fed_lines.contains(&name.as_str()) => bail!(
                    "{}:{}: field `line`: `{name}` is not a line that takes reports (those are: {})",
                    path.display(),
                    a.line,
                    fed_lines.join(", ")
                ),
                None if fed_lines.len() > 1 => bail!(
                    "{}:{}: field `line`: several lines take reports ({}); add a `line` column naming the one this \
                     adjustment changes",
                    path.display(),
                    a.line,
                    fed_lines.join(", ")
                ),
                _ => {}
            }
        }
        let adjustments: Vec<_> =
            adjustments.into_iter().filter(|a| a.budget_line.as_deref().is_none_or(|n| n == line)).collect();
        let source = self.adjustments.clone().unwrap_or_default();
        Ok(Intake::merge(config, schedule, reports, committee, &adjustments, &source)?)
    }

    /// The ENS names in the CSV's `account` column, resolved through `--rpc-url` (each printed with its address);
    /// the claims file then holds the address, with the name as the handle. Its own connection, without the program's
    /// chain check: ENS names live on Ethereum mainnet whichever chain the program pays on.
    async fn resolve_names(
        &self,
        path: &Path,
    ) -> Result<std::collections::HashMap<String, alloy::primitives::Address>> {
        let names = bounty_core::shares::account_names(path)?;
        let mut resolved = std::collections::HashMap::new();
        if names.is_empty() {
            return Ok(resolved);
        }
        let chain = self.rpc.connect(None, None).await?;
        for name in names {
            let address = bounty_chain::ens::resolve(&chain, &name)
                .await
                .wrap_err_with(|| format!("{}: field `account`", path.display()))?;
            println!("{name} → {address}");
            resolved.insert(name, address);
        }
        Ok(resolved)
    }

    /// The tip match: the period's `Funded` events (from the deployment block, in range-limited scans), the tips
    /// among them, and what the match adds to the lump sum.
    async fn tips(
        &self,
        config: &ProgramConfig,
        schedule: &Schedule,
        line: &LineConfig,
        rule: &TipMatch,
        chain: &mut Option<Client>,
    ) -> Result<TipRecord> {
        let vault = Vault::at(self.program_chain(config, chain).await?.clone(), config.vault).await?;
        let contributions = bounty_chain::tips::contributions(
            &vault.client,
            vault.address,
            config.deploy_block.unwrap_or(0),
            schedule.period_start.timestamp(),
            schedule.period_end.timestamp(),
        )
        .await?;
        let matched =
            rule.matched(&contributions, config.token.decimals).ok_or_else(|| eyre!("the tip match overflows"))?;
        let lump = line.budget.tokens.ok_or_else(|| eyre!("line `{}`: a tip match needs a token budget", line.name))?;
        Ok(TipRecord { lump, rule: rule.clone(), contributions, matched })
    }

    /// The price the amounts need: none for token-only programs, else `--price-file`, else the config's source.
    async fn price(
        &self,
        config: &ProgramConfig,
        schedule: &Schedule,
        chain: &mut Option<Client>,
    ) -> Result<Option<PriceRecord>> {
        if !config.needs_price() {
            return Ok(None);
        }
        if let Some(path) = &self.price_file {
            let text = std::fs::read_to_string(path).wrap_err_with(|| format!("reading {}", path.display()))?;
            let record = serde_json::from_str(&text)
                .wrap_err_with(|| format!("{}: not a price record from `bounty twap --out`", path.display()))?;
            return Ok(Some(record));
        }
        let on_chain = config.price.as_ref().is_some_and(|p| p.is_on_chain());
        let chain = if on_chain { Some(self.program_chain(config, chain).await?) } else { None };
        let dir = self.config.parent().map(Path::to_path_buf).unwrap_or_default();
        let (start, end) = (schedule.twap_start.timestamp() as u64, schedule.twap_end.timestamp() as u64);
        Ok(Some(bounty_chain::twap::program_price(chain, config, &dir, start, end).await?))
    }

    /// The program's chain (`--rpc-url`, checked to be the program's `chain_id`), connected on first use and then
    /// shared by every step that reads it: the price, contract wallets' reports, the tips.
    async fn program_chain<'c>(&self, config: &ProgramConfig, slot: &'c mut Option<Client>) -> Result<&'c Client> {
        let chain = match slot.take() {
            Some(chain) => chain,
            None => self.rpc.connect(Some(config.chain_id), None).await?,
        };
        Ok(slot.insert(chain))
    }
}

/// `--shares` values by line: `LINE=PATH`, or a bare `PATH` for a one-line program. A path that itself holds `=`
/// is read as a path unless what comes before the first `=` names one of the program's lines.
fn shares_by_line(config: &ProgramConfig, values: &[String]) -> Result<BTreeMap<String, PathBuf>> {
    let lines = config.lines();
    let names = || lines.iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join(", ");
    let mut by_line = BTreeMap::new();
    for value in values {
        let (line, path) = match value.split_once('=') {
            Some((name, path)) if lines.iter().any(|l| l.name == name) => (name.to_string(), path),
            Some((name, _)) if LineConfig::is_valid_name(name) && !Path::new(value).exists() => {
                bail!("--shares {value}: program `{}` has no line `{name}` (its lines: {})", config.name, names())
            }
            _ if lines.len() == 1 => (lines[0].name.clone(), value.as_str()),
            _ => bail!(
                "--shares {value}: program `{}` has {} lines ({}); say which this file is for, e.g. --shares {}={value}",
                config.name,
                lines.len(),
                names(),
                lines[0].name
            ),
        };
        if by_line.insert(line.clone(), PathBuf::from(path)).is_some() {
            bail!("--shares: line `{line}` is given twice (one shares file per line)");
        }
    }
    Ok(by_line)
}

/// The intake record beside a shares file (`PATH.audit.json`, written by `bounty intake discord` or `tickets`), if
/// there is one. It must state exactly the file's rows: a CSV edited after the intake is refused, not recorded as
/// derived.
fn intake_record(path: &Path, rows: &[bounty_core::ShareRow]) -> Result<Option<IntakeRecord>> {
    let audit = audit_path(path);
    if !audit.exists() {
        return Ok(None);
    }
    let record = read_record(&audit)?;
    if record.facts(None) != record.facts_of(rows, None) {
        bail!(
            "{} differs from its intake record {}: it was edited after `bounty intake`; run the intake again (or move \
             the audit file away to compute from the CSV as the committee's own rows)",
            path.display(),
            audit.display()
        );
    }
    Ok(Some(record))
}
