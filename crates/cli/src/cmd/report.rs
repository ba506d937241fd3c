//! `bounty report`: a helper signs their own hours (or USD, tokens, votes) for a period from the wallet that is
//! paid; `bounty reports DIR`: the public ledger of a period's reports, for the community to read and contest.

use crate::{
    opts::{OutputOpts, RpcOpts, WalletOpts},
    output::{json, table},
};
use alloy::primitives::{Address, Bytes};
use bounty_core::{
    report::{read_report_dir, require_in_window, ReportFile, SelfReport},
    Decimal, Measure, ProgramConfig,
};
use clap::Args;
use eyre::{bail, eyre, Result, WrapErr};
use std::path::PathBuf;

/// Arguments of `bounty report`.
#[derive(Args, Clone, Debug)]
pub(crate) struct ReportArgs {
    /// Program config (TOML).
    #[arg(long, short = 'c')]
    pub(crate) config: PathBuf,
    /// The period: 2026-Q2 (quarterly) or 2026-06 (monthly).
    #[arg(long, short = 'e')]
    pub(crate) epoch: String,
    /// Hours worked (for an hours rule).
    #[arg(long, group = "measure", allow_hyphen_values = true)]
    pub(crate) hours: Option<String>,
    /// USD (for a fixed USD rule).
    #[arg(long, group = "measure", allow_hyphen_values = true)]
    pub(crate) usd: Option<String>,
    /// Whole tokens (for a fixed token rule).
    #[arg(long, group = "measure", allow_hyphen_values = true)]
    pub(crate) tokens: Option<String>,
    /// Votes (for a votes rule).
    #[arg(long, group = "measure", allow_hyphen_values = true)]
    pub(crate) votes: Option<String>,
    /// Your name in the community (Discord or forum handle).
    #[arg(long)]
    pub(crate) handle: Option<String>,
    /// What you did.
    #[arg(long)]
    pub(crate) note: Option<String>,
    /// Report sequence (default: the unix time now): a higher one replaces your earlier report. It must fall in the
    /// period's reporting window (`bounty schedule`).
    #[arg(long)]
    pub(crate) sequence: Option<u64>,
    /// The reporting account (default: the wallet's); needed with --typed-data and --import.
    #[arg(value_parser = crate::opts::address, long)]
    pub(crate) account: Option<Address>,
    /// Print the EIP-712 JSON for a browser wallet (`eth_signTypedData_v4`) and stop.
    #[arg(long, conflicts_with = "import")]
    pub(crate) typed_data: bool,
    /// A signature made elsewhere (a browser wallet, a Safe app): checked against the report, then written.
    #[arg(long, value_name = "0xSIGNATURE", requires = "account")]
    pub(crate) import: Option<Bytes>,
    /// Output file (default: report-<period>-<account>-<sequence>.json in the current directory).
    #[arg(long, short = 'o')]
    pub(crate) out: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
    #[command(flatten)]
    pub(crate) wallet: WalletOpts,
}

impl ReportArgs {
    fn value(&self, measure: Measure, token_decimals: u8) -> Result<Decimal> {
        let given = [
            (Measure::Hours, &self.hours),
            (Measure::Usd, &self.usd),
            (Measure::Tokens, &self.tokens),
            (Measure::Votes, &self.votes),
        ];
        let (m, text) = given
            .iter()
            .find_map(|(m, v)| v.as_ref().map(|v| (*m, v)))
            .ok_or_else(|| eyre!("give your value: this program counts --{}", measure.column()))?;
        if m != measure {
            bail!(
                "this program's rule counts `{}`, not `{}`: give --{}",
                measure.column(),
                m.column(),
                measure.column()
            );
        }
        Decimal::parse(text, measure.max_decimals(token_decimals))
            .map_err(|e| eyre!("--{}: {e} (the same rules as the shares CSV)", measure.column()))
    }

    pub(crate) async fn run(self) -> Result<()> {
        let config = ProgramConfig::load(&self.config)?;
        let label = config.epoch_label(&self.epoch)?;
        config.check_term(label)?;
        let schedule = config.schedule_for(label);
        let measure = config.reported_measure().ok_or_else(|| {
            eyre!("program `{}` takes no reports: none of its lines measures hours (ask its committee)", config.name)
        })?;
        let value = self.value(measure, config.token.decimals)?;
        let sequence = self.sequence.unwrap_or_else(|| chrono::Utc::now().timestamp().max(0) as u64);
        let (wallet, account) = crate::connect::statement_signer(
            &self.wallet,
            self.typed_data || self.import.is_some(),
            self.account,
            "report",
        )
        .await?;
        let report = SelfReport {
            program: config.name.clone(),
            chain_id: config.chain_id,
            vault: config.vault,
            epoch: label,
            account,
            handle: self.handle.clone().unwrap_or_default(),
            measure,
            value,
            note: self.note.clone().unwrap_or_default(),
            sequence,
        };
        let out = |file: &ReportFile| self.out.clone().unwrap_or_else(|| PathBuf::from(file.file_name()));
        require_in_window(&out(&unsigned(&report)), &report, &schedule)?;
        if self.typed_data {
            let typed = bounty_chain::report::typed_data(&report);
            println!("{}", serde_json::to_string_pretty(&typed)?);
            eprintln!(
                "sign this with eth_signTypedData_v4 from {account}, then:\n  bounty report -c {} -e {label} --{} {value} \
                 --sequence {sequence} --account {account} --import 0xSIGNATURE{}{}",
                self.config.display(),
                measure.column(),
                self.handle.as_ref().map(|h| format!(" --handle {h:?}")).unwrap_or_default(),
                self.note.as_ref().map(|n| format!(" --note {n:?}")).unwrap_or_default(),
            );
            return Ok(());
        }
        let file = match (&wallet, &self.import) {
            (Some(w), _) => bounty_chain::report::sign(w, report).await?,
            (None, Some(signature)) => {
                let file = ReportFile { signature: signature.clone(), ..unsigned(&report) };
                let chain = self.rpc.for_signature(file.signed_by_key(), config.chain_id).await?;
                if !bounty_chain::report::is_signed(chain.as_ref(), &file).await? {
                    bail!(
                        "the signature is not {account}'s for this report (same period, value, handle, note and \
                         --sequence {sequence} as the typed data you signed?)"
                    );
                }
                file
            }
            (None, None) => unreachable!("a wallet unless --typed-data or --import"),
        };
        let path = out(&file);
        file.write(&path).wrap_err_with(|| format!("writing {}", path.display()))?;
        println!(
            "{account} reports {value} {} for {label} of {} (sequence {sequence}): wrote {}",
            measure.column(),
            config.name,
            path.display()
        );
        println!("post it in the period's thread or drop it in the reports folder; a later report replaces this one");
        println!("{}", serde_json::to_string(&file)?);
        Ok(())
    }
}

fn unsigned(report: &SelfReport) -> ReportFile {
    ReportFile { format: bounty_core::report::REPORT_FORMAT.into(), report: report.clone(), signature: Bytes::new() }
}

/// Arguments of `bounty reports`.
#[derive(Args, Clone, Debug)]
pub(crate) struct ReportsArgs {
    /// The folder of report files.
    pub(crate) dir: PathBuf,
    /// Only this period's reports (2026-Q2).
    #[arg(long, short = 'e')]
    pub(crate) epoch: Option<String>,
    /// Activity evidence: a `bounty intake discord` audit file; each helper's messages in the channel during the
    /// period are shown beside their report (evidence for the community, never pay by itself).
    #[arg(long, value_name = "AUDIT.json")]
    pub(crate) evidence: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) output: OutputOpts,
    /// Checks contract wallets' signatures (ERC-1271) when given.
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
}

/// Whose signature a report carries, as far as this run could tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
enum Signed {
    /// Recovered to the account's key.
    Key,
    /// The account is a contract wallet that accepted it (ERC-1271, read on chain).
    Erc1271,
    /// Not the account's key, and no RPC was given to ask a contract wallet.
    NeedsRpc,
    /// Neither the account's key nor its contract wallet.
    NotTheAccount,
}

impl Signed {
    fn valid(self) -> bool {
        matches!(self, Self::Key | Self::Erc1271)
    }

    /// How the table shows it.
    fn shown(self) -> &'static str {
        match self {
            Self::Key => "✓ key",
            Self::Erc1271 => "✓ ERC-1271",
            Self::NeedsRpc => "? needs --rpc-url",
            Self::NotTheAccount => "✗ not the account's",
        }
    }
}

/// At most `n` characters of `text`, with `…` when cut (the table fits 100 columns; `--json` has it all).
fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    text.chars().take(n - 1).chain(std::iter::once('…')).collect()
}

/// One line of the ledger.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct LedgerLine {
    file: PathBuf,
    epoch: String,
    account: Address,
    handle: String,
    measure: &'static str,
    value: String,
    note: String,
    signed_at: String,
    sequence: u64,
    signature: Signed,
    superseded: bool,
    /// Messages in the channel during the period (with `--evidence`).
    #[serde(skip_serializing_if = "Option::is_none")]
    messages: Option<u64>,
}

impl ReportsArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let mut reports = read_report_dir(&self.dir)?;
        if let Some(epoch) = &self.epoch {
            reports.retain(|(_, f)| f.report.epoch.to_string() == *epoch);
        }
        let chain = if reports.iter().any(|(_, f)| !f.signed_by_key()) {
            self.rpc.connect(Some(reports[0].1.report.chain_id), None).await.ok()
        } else {
            None
        };
        let mut statuses = Vec::with_capacity(reports.len());
        for (_, f) in &reports {
            statuses.push(if f.signed_by_key() {
                Signed::Key
            } else if bounty_chain::report::is_signed(chain.as_ref(), f).await.unwrap_or(false) {
                Signed::Erc1271
            } else if chain.is_none() {
                Signed::NeedsRpc
            } else {
                Signed::NotTheAccount
            });
        }
        // The latest sequence per (period, account) among reports its account really signed stands; the others
        // are superseded (a forged later report supersedes nothing).
        let mut latest = std::collections::HashMap::new();
        for ((_, f), status) in reports.iter().zip(&statuses) {
            if status.valid() {
                let e = latest.entry((f.report.epoch, f.report.account)).or_insert(f.report.sequence);
                *e = (*e).max(f.report.sequence);
            }
        }
        let evidence = match &self.evidence {
            Some(path) => messages_by_account(path)?,
            None => Default::default(),
        };
        let mut lines = Vec::new();
        for ((path, f), &signature) in reports.iter().zip(&statuses) {
            let r = &f.report;
            let signed_at = chrono::DateTime::from_timestamp(r.sequence as i64, 0)
                .map_or_else(|| r.sequence.to_string(), |d| d.format("%Y-%m-%d %H:%M UTC").to_string());
            lines.push(LedgerLine {
                file: path.clone(),
                epoch: r.epoch.to_string(),
                account: r.account,
                handle: r.handle.clone(),
                measure: r.measure.column(),
                value: r.value.to_string(),
                note: r.note.clone(),
                signed_at,
                sequence: r.sequence,
                signature,
                superseded: signature.valid() && latest.get(&(r.epoch, r.account)).is_some_and(|&s| s != r.sequence),
                messages: self.evidence.as_ref().map(|_| evidence.get(&r.account).copied().unwrap_or(0)),
            });
        }
        if self.output.json {
            return json(&lines);
        }
        // 100 columns: the account as 0x1234…abcd, handles and notes clipped; `--json` has every field whole.
        let mut t = table(&["period", "account", "handle", "value", "note", "signed (UTC)", "signature", ""]);
        t.set_content_arrangement(comfy_table::ContentArrangement::Dynamic).set_width(100);
        let mut values: std::collections::BTreeMap<(String, &str), Vec<Decimal>> = Default::default();
        for l in &lines {
            t.add_row(vec![
                l.epoch.clone(),
                crate::output::short_address(l.account),
                clip(&l.handle, 12),
                format!("{} {}", l.value, l.measure),
                clip(&l.note, 22),
                l.signed_at.trim_end_matches(" UTC").to_string(),
                l.signature.shown().to_string(),
                match (l.superseded, l.messages) {
                    (true, _) => "superseded".into(),
                    (false, Some(n)) => format!("{n} msgs"),
                    (false, None) => String::new(),
                },
            ]);
            if !l.superseded && l.signature.valid() {
                values.entry((l.epoch.clone(), l.measure)).or_default().push(l.value.parse()?);
            }
        }
        println!("{t}");
        for ((epoch, measure), values) in values {
            // Exact: summed as integers at the finest scale among them.
            let scale = values.iter().map(Decimal::scale).max().unwrap_or(0);
            let mut units = alloy::primitives::U256::ZERO;
            for v in &values {
                units += v.to_units(scale).map_err(|e| eyre!("{e}"))?;
            }
            let total = Decimal::from_units(units, scale);
            let helpers = lines.iter().filter(|l| l.epoch == epoch && !l.superseded).count();
            println!("{epoch}: {total} {measure} from {helpers} helper(s) (current, signed reports)");
        }
        Ok(())
    }
}

/// Messages per paid account from an intake audit file (`helpers[].account`, `helpers[].messages`).
fn messages_by_account(path: &std::path::Path) -> Result<std::collections::HashMap<Address, u64>> {
    let audit = bounty_core::sources::discord::read_audit(path)?;
    Ok(audit.helpers.iter().filter_map(|h| Some((h.account?, h.messages))).collect())
}
