//! One module per command: its clap arguments and a `run(self)` that calls into `bounty-chain` / `bounty-core`
//! and prints.

pub(crate) mod claim;
pub(crate) mod claim_sig;
pub(crate) mod compute;
pub(crate) mod deploy;
pub(crate) mod dispute;
pub(crate) mod fund;
pub(crate) mod governance;
pub(crate) mod intake;
pub(crate) mod ledger;
pub(crate) mod link;
pub(crate) mod payout;
pub(crate) mod queued;
pub(crate) mod report;
pub(crate) mod schedule;
pub(crate) mod sign;
pub(crate) mod status;
pub(crate) mod submit;
pub(crate) mod sweep;
pub(crate) mod twap;
pub(crate) mod verify;
pub(crate) mod veto;
