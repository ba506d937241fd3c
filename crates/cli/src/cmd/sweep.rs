//! `bounty sweep`: anyone returns an expired epoch's unclaimed remainder to the available budget.

use crate::opts::EpochTxArgs;
use clap::Args;
use eyre::Result;

/// Arguments of `bounty sweep`.
#[derive(Args, Clone, Debug)]
pub(crate) struct SweepArgs {
    #[command(flatten)]
    pub(crate) target: EpochTxArgs,
}

impl SweepArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let epoch = self.target.epoch.0;
        if crate::send::epoch_tx(&self.target, "sweep", |vault| vault.sweep(epoch)).await? {
            println!(
                "epoch {} swept: its unclaimed remainder is available for later epochs",
                bounty_core::EpochNumber(epoch)
            );
        }
        Ok(())
    }
}
