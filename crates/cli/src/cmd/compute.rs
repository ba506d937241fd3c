//! `bounty compute`: program config + shares CSV + epoch label (+ price) → the claims file.

use crate::{
    opts::{OutputOpts, RpcOpts},
    output::{amount, json, table, usd, utc, Steps, SUMMARY_ITEMS},
};
use bounty_chain::{vault::Vault, Client};
use bounty_core::tips::{TipMatch, TipRecord};
use bounty_core::{
    allocate,
    report::{read_adjustments, read_report_dir},
    shares::read_shares_named,
    Allocation, ClaimsFile, Intake, Money, PriceRecord, ProgramConfig, Schedule, Warning,
};
use chrono::SubsecRound;
use clap::Args;
use eyre::{bail, eyre, Result, WrapErr};
use std::path::{Path, PathBuf};

/// Arguments of `bounty compute`.
#[derive(Args, Clone, Debug)]
pub(crate) struct ComputeArgs {
    /// Program config (TOML).
    #[arg(long, short = 'c')]
    pub(crate) config: PathBuf,
    /// Shares CSV for the epoch (with --reports: the committee's rows for helpers without a wallet).
    #[arg(long, short = 's', required_unless_present = "reports")]
    pub(crate) shares: Option<PathBuf>,
    /// Folder of signed self-reports (`bounty report`): each verified, the latest per account kept.
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
        // Every input file is there before anything is read from the chain (a typo in a path should not wait behind
        // an RPC).
        let inputs = [("--shares", &self.shares), ("--reports", &self.reports), ("--adjustments", &self.adjustments)];
        for (option, path) in inputs.into_iter().chain([("--price-file", &self.price_file)]) {
            if let Some(path) = path.as_ref().filter(|p| !p.exists()) {
                bail!("{option} {}: no such file or folder (check the path)", path.display());
            }
        }
        let label = config.epoch_label(&self.epoch)?;
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
        let mut chain = None; // the program's chain, connected by the first step that reads it
                              // The files first, the chain after: a mistake in a CSV is reported without waiting for (or needing) an RPC.
        let steps = Steps::start("reading the shares");
        let measure = config.rule.measure();
        let committee = match &self.shares {
            Some(path) => {
                let names = self.resolve_names(path).await?;
                read_shares_named(path, measure, config.token.decimals, &names)?
            }
            None => Vec::new(),
        };
        let (rows, intake) = match &self.reports {
            Some(dir) => {
                steps.step("checking the signed reports");
                let mut intake = self.intake(&config, &schedule, dir, committee, &mut chain).await?;
                (std::mem::take(&mut intake.rows), Some(intake))
            }
            None => (committee, None),
        };
        let price = {
            steps.step("reading the price");
            self.price(&config, &schedule, &mut chain).await?
        };
        let mut params = config.allocation_params();
        let tips = match &config.budget.tip_match {
            Some(rule) => {
                steps.step("reading the period's tips (Funded events)");
                let record = self.tips(&config, &schedule, rule, &mut chain).await?;
                params.budget =
                    record.budget(config.token.decimals).ok_or_else(|| eyre!("the matched budget overflows"))?;
                Some(record)
            }
            None => None,
        };
        let allocation = {
            steps.step("applying the rule");
            allocate(&params, &rows, price)?
        };
        drop(rows); // the rows are dropped with the intake, and the awards once in the file: at 10^6 helpers each is ~150 MB
        steps.step("building the tree");
        let mut file = ClaimsFile::build(&config, &schedule, &allocation)?;
        if let Some(intake) = &intake {
            file.attach(intake);
        }
        file.tips = tips;
        file.computed_early = (now < schedule.compute_day).then_some(now.trunc_subsecs(0));
        let Allocation { warnings, .. } = allocation;
        let beside = self.shares.as_ref().or(self.reports.as_ref()).expect("clap requires one");
        let out = self.out.clone().unwrap_or_else(|| beside.with_file_name(format!("claims-{label}.json")));
        steps.step("writing the claims file");
        let hash = file.write_atomic(&out)?;
        drop(steps);
        if self.output.json {
            json(&serde_json::json!({
                "file": out, "epoch": file.epoch, "label": label.to_string(), "root": file.root,
                "total": file.total.to_string(), "count": file.count, "metadataHash": hash,
                "usdPerToken": file.usd_per_token().to_string(),
                "warnings": warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
            }))?;
        } else {
            print_summary(&config, &file, &warnings, &hash.to_string(), &out, self.output.verbose);
        }
        Ok(out)
    }

    /// The period's rows from the reports folder: this period's reports, each signed by its account (by key, or a
    /// contract wallet's through ERC-1271 on the program's chain), merged with the committee rows and adjustments.
    async fn intake(
        &self,
        config: &ProgramConfig,
        schedule: &Schedule,
        dir: &Path,
        committee: Vec<bounty_core::ShareRow>,
        chain: &mut Option<Client>,
    ) -> Result<Intake> {
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
        let adjustments = match &self.adjustments {
            Some(path) => read_adjustments(path, config.rule.measure(), config.token.decimals)?,
            None => Vec::new(),
        };
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
        let lump = config.budget.tokens.ok_or_else(|| eyre!("a tip match needs a token budget"))?;
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

/// The summary a signer reviews: the price, the claims (the first [`SUMMARY_ITEMS`] unless `verbose`: a table of
/// 10^5 rows helps nobody, and the file has them all), the totals and every warning.
fn print_summary(
    config: &ProgramConfig,
    file: &ClaimsFile,
    warnings: &[Warning],
    hash: &str,
    out: &Path,
    verbose: bool,
) {
    let d = config.token.decimals;
    let sym = &config.token.symbol;
    let budget = match file.allocation.budget {
        Money::Usd(d) => format!("${d}"),
        Money::Tokens(d) => format!("{d} {sym}"),
    };
    if let Some(t) = &file.tips {
        let counting = t.contributions.iter().filter(|c| !t.rule.exclude.contains(&c.from)).count();
        println!(
            "tips: {counting} contribution(s) of {} {sym} in the period, matched {}% up to {} {sym}: + {} {sym} on the {} {sym} lump",
            amount(t.rule.tips(&t.contributions), d),
            t.rule.percent,
            t.rule.cap,
            amount(t.matched, d),
            t.lump
        );
    }
    println!("{} {} — {} rule, budget {budget}", config.name, file.label, config.rule.kind());
    if let Some(p) = &file.price {
        let w = p.source.window();
        println!(
            "price: {} per {sym} (TWAP {} → {})",
            usd(p.usd_per_token),
            utc(w.start_timestamp),
            utc(w.end_timestamp)
        );
    }
    let mut t = table(&["#", "account", "handle", file.measure.column(), &format!("amount ({sym})"), "share"]);
    let shown = if verbose { file.claims.len() } else { file.claims.len().min(SUMMARY_ITEMS) };
    for c in &file.claims[..shown] {
        let share_bp = if file.total.is_zero() {
            0
        } else {
            (c.amount * alloy::primitives::U256::from(10_000u64) / file.total).to::<u64>()
        };
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
    if shown < file.claims.len() {
        println!(
            "… and {} more claims (--verbose lists them all; the claims file has them)",
            file.claims.len() - shown
        );
    }
    println!("root:          {}", file.root);
    println!("total:         {} {sym} ({} base units)", amount(file.total, d), file.total);
    println!("count:         {}", file.count);
    println!("cap:           {} {sym}", amount(file.cap, d));
    if file.cap > file.total {
        println!("left over:     {} {sym} (stays in the vault for later epochs)", amount(file.cap - file.total, d));
    }
    println!("metadata hash: {hash}");
    let shown = if verbose { file.dropped.len() } else { file.dropped.len().min(SUMMARY_ITEMS) };
    for dropped in &file.dropped[..shown] {
        let who = dropped.handle.clone().unwrap_or_default();
        println!("warning: {} {who} left out of the tree: {}", dropped.account, dropped.reason);
    }
    if shown < file.dropped.len() {
        println!("warning: … and {} more rows left out (--verbose lists them)", file.dropped.len() - shown);
    }
    for w in warnings {
        println!("warning: {w}");
    }
    println!("wrote {}", out.display());
}
