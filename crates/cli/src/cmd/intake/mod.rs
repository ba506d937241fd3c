//! `bounty intake`: a period's inputs from where support happens, read from export files — a Discord vote round
//! ([`discord`]), helpdesk tickets ([`tickets`]), the forum thread's pasted reports ([`discourse`]). Platform users
//! become payout addresses only through links their wallets signed (`--links`, from `bounty link`) or the
//! committee's mapping file (`--ids`, every row with its reason); a user with neither is listed as not paid.

mod discord;
mod discourse;
mod tickets;

use crate::opts::RpcOpts;
use bounty_core::files::{write_atomic, Existing};
use bounty_core::{sources::identity::Identities, ProgramConfig};
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
    Discord(discord::DiscordArgs),
    /// Helpdesk tickets (Zendesk API JSON, or the generic CSV): each agent's KPIs for the period, joined to the
    /// plans of the program's quality line.
    Tickets(tickets::TicketsArgs),
    /// The forum thread (Discourse topic JSON and further post pages): the self-reports helpers pasted, checked
    /// and written into a reports folder.
    Discourse(discourse::DiscourseArgs),
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
            if chain.is_none() {
                chain = self.rpc.for_signature(file.signed_by_key(), config.chain_id).await?;
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

impl IntakeArgs {
    pub(crate) async fn run(self) -> Result<()> {
        match self.source {
            IntakeSource::Discord(a) => {
                let config = ProgramConfig::load(&a.config)?;
                let ids = a.who.read(&config).await?;
                discord::run(&a, config, &ids)
            }
            IntakeSource::Discourse(a) => discourse::run(&a).await,
            IntakeSource::Tickets(a) => {
                let config = ProgramConfig::load(&a.config)?;
                let ids = a.who.read(&config).await?;
                tickets::run(&a, config, &ids)
            }
        }
    }
}

/// Writes an intake's rows and their audit (whose `record` `compute` copies into the claims file), or neither: both
/// paths are checked free first, and the audit is written first — rows without their record would compute without
/// provenance — then removed again if the rows cannot be written.
fn write_rows_and_audit(rows_path: &Path, rows: &[u8], audit_path: &Path, audit: &serde_json::Value) -> Result<()> {
    for path in [rows_path, audit_path] {
        if path.exists() {
            return Err(eyre!(
                "{} already exists; nothing was written: choose another output path (or move that file away)",
                path.display()
            ));
        }
    }
    write_atomic(audit_path, &serde_json::to_vec_pretty(audit)?, Existing::Keep)?;
    if let Err(e) = write_atomic(rows_path, rows, Existing::Keep) {
        let _ = std::fs::remove_file(audit_path);
        return Err(e.into());
    }
    Ok(())
}
