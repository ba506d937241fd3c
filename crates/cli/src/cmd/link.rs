//! `bounty link`: a helper signs, from the wallet that is paid, that a platform user is them (EIP-712, bound to the
//! program's vault and chain); intake then pays that user's votes or tickets to the wallet, with no address copied
//! by hand. A browser wallet or a Safe signs through `--typed-data` and `--import`, as for a self-report.

use crate::opts::{RpcOpts, WalletOpts};
use alloy::primitives::{Address, Bytes};
use bounty_core::{
    sources::link::{IdentityLink, LinkFile, LINK_FORMAT},
    ProgramConfig,
};
use clap::Args;
use eyre::{bail, Result, WrapErr};
use std::path::PathBuf;

/// Arguments of `bounty link`.
#[derive(Args, Clone, Debug)]
pub(crate) struct LinkArgs {
    /// Program config (TOML).
    #[arg(long, short = 'c')]
    pub(crate) config: PathBuf,
    /// The platform: discord, zendesk, discourse.
    #[arg(long)]
    pub(crate) platform: String,
    /// Your user id there (Discord: Developer Mode → Copy User ID).
    #[arg(long)]
    pub(crate) id: String,
    /// Your name there, for people reading the file.
    #[arg(long)]
    pub(crate) handle: Option<String>,
    /// Link sequence (default: the unix time now): a higher one replaces your earlier link.
    #[arg(long)]
    pub(crate) sequence: Option<u64>,
    /// The linked account (default: the wallet's); needed with --typed-data and --import.
    #[arg(value_parser = crate::opts::address, long)]
    pub(crate) account: Option<Address>,
    /// Print the EIP-712 JSON for a browser wallet (`eth_signTypedData_v4`) and stop.
    #[arg(long, conflicts_with = "import")]
    pub(crate) typed_data: bool,
    /// A signature made elsewhere (a browser wallet, a Safe app): checked against the link, then written.
    #[arg(long, value_name = "0xSIGNATURE", requires_all = ["account", "sequence"])]
    pub(crate) import: Option<Bytes>,
    /// Output file (default: link-<platform>-<id>-<sequence>.json in the current directory).
    #[arg(long, short = 'o')]
    pub(crate) out: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
    #[command(flatten)]
    pub(crate) wallet: WalletOpts,
}

impl LinkArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let config = ProgramConfig::load(&self.config)?;
        let platform = self.platform.to_ascii_lowercase();
        if self.id.trim().is_empty() {
            bail!("--id: give your user id on {platform}");
        }
        let sequence = self.sequence.unwrap_or_else(|| chrono::Utc::now().timestamp().max(0) as u64);
        let (wallet, account) = crate::connect::statement_signer(
            &self.wallet,
            self.typed_data || self.import.is_some(),
            self.account,
            "link",
        )
        .await?;
        let link = IdentityLink {
            program: config.name.clone(),
            chain_id: config.chain_id,
            vault: config.vault,
            platform: platform.clone(),
            platform_id: self.id.clone(),
            handle: self.handle.clone().unwrap_or_default(),
            account,
            sequence,
        };
        if self.typed_data {
            println!("{}", serde_json::to_string_pretty(&bounty_chain::link::typed_data(&link))?);
            eprintln!(
                "sign this with eth_signTypedData_v4 from {account}, then:\n  bounty link -c {} --platform {platform} \
                 --id {} --sequence {sequence} --account {account} --import 0xSIGNATURE{}",
                self.config.display(),
                self.id,
                self.handle.as_ref().map(|h| format!(" --handle {h:?}")).unwrap_or_default(),
            );
            return Ok(());
        }
        let file = match (&wallet, &self.import) {
            (Some(w), _) => bounty_chain::link::sign(w, link).await?,
            (None, Some(signature)) => {
                let file = LinkFile { format: LINK_FORMAT.into(), link, signature: signature.clone() };
                let chain = self.rpc.for_signature(file.signed_by_key(), config.chain_id).await?;
                if !bounty_chain::link::is_signed(chain.as_ref(), &file).await? {
                    bail!("the signature is not {account}'s for this link (same platform, id, handle and --sequence {sequence} as the typed data you signed?)");
                }
                file
            }
            (None, None) => unreachable!("a wallet unless --typed-data or --import"),
        };
        let path = self.out.clone().unwrap_or_else(|| PathBuf::from(file.file_name()));
        file.write(&path).wrap_err_with(|| format!("writing {}", path.display()))?;
        println!(
            "{account} is {platform} user {} for {} (sequence {sequence}): wrote {}",
            self.id,
            config.name,
            path.display()
        );
        println!("give it to the committee (or the period's thread); a later link replaces this one");
        Ok(())
    }
}
