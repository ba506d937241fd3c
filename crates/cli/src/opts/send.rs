//! How a transaction leaves: sent, simulated only, printed for another wallet, or written for a Safe
//! (`crate::send` is the one path that acts on these).

use super::{RpcOpts, VaultOpt, WalletOpts};
use alloy::primitives::Address;
use clap::Args;
use std::path::PathBuf;

/// What to do with a transaction once it is simulated.
#[derive(Args, Clone, Copy, Debug, Default)]
#[command(next_help_heading = "Transaction options")]
pub(crate) struct TxOpts {
    /// Simulate only: print the gas estimate, `to` and the calldata, and send nothing (no wallet needed).
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Print `to` and `data` of each transaction for your own wallet to send, and send nothing (no key needed).
    #[arg(long, conflicts_with = "dry_run")]
    pub(crate) calldata: bool,
}

/// What every command that sends a transaction takes: where (RPC), who signs (wallet), and whether to send at all
/// (`--dry-run`, which needs no wallet; `--safe-batch`, which writes the transactions for a Safe instead).
#[derive(Args, Clone, Debug)]
pub(crate) struct SendOpts {
    #[command(flatten)]
    pub(crate) tx: TxOpts,
    #[command(flatten)]
    pub(crate) safe: SafeBatchOpts,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
    #[command(flatten)]
    pub(crate) wallet: WalletOpts,
}

/// A Safe as the executor: the transactions go into a Safe Transaction Builder batch file for its owners to
/// import, sign and execute in the Safe app, instead of being sent from a key.
#[derive(Args, Clone, Debug, Default)]
#[command(next_help_heading = "Safe executor options")]
pub(crate) struct SafeBatchOpts {
    /// Write a Safe Transaction Builder batch to FILE instead of sending (import it in the Safe app).
    #[arg(long, value_name = "FILE", requires = "from_safe", conflicts_with_all = ["dry_run", "calldata"])]
    pub(crate) safe_batch: Option<PathBuf>,
    /// The Safe that will execute the batch; the first transaction is simulated from it.
    #[arg(value_parser = crate::opts::address, long, value_name = "SAFE", requires = "safe_batch")]
    pub(crate) from_safe: Option<Address>,
}

/// The arguments of the one-epoch transactions that need no threshold (`veto`, `sweep`).
#[derive(Args, Clone, Debug)]
pub(crate) struct EpochTxArgs {
    /// Epoch number (20262 for 2026-Q2, 202606 for 2026-06).
    pub(crate) epoch: super::EpochArg,
    #[command(flatten)]
    pub(crate) vault: VaultOpt,
    #[command(flatten)]
    pub(crate) send: SendOpts,
}
