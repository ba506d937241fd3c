//! `bounty veto`: any one signer or the guardian stops a pending root during its challenge period.

use crate::opts::EpochTxArgs;
use clap::Args;
use eyre::Result;

/// Arguments of `bounty veto`.
#[derive(Args, Clone, Debug)]
pub(crate) struct VetoArgs {
    #[command(flatten)]
    pub(crate) target: EpochTxArgs,
}

impl VetoArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let epoch = self.target.epoch.0;
        if crate::send::epoch_tx(&self.target, "veto", |vault| vault.veto(epoch)).await? {
            println!(
                "epoch {epoch} vetoed: its reserve is available again; post a corrected root with fresh signatures"
            );
        }
        Ok(())
    }
}
