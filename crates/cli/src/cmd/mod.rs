//! One module per command; each is a thin call into `bounty-chain` / `bounty-core` plus printing.

pub mod claim;
pub mod claim_sig;
pub mod compute;
pub mod demo;
pub mod deploy;
pub mod governance;
pub mod payout;
pub mod schedule;
pub mod sign;
pub mod status;
pub mod submit;
pub mod twap;
pub mod verify;
pub mod veto;
