//! How to print, and the vault for commands without a claims file.

use alloy::primitives::Address;
use clap::Args;

/// How to print.
#[derive(Args, Clone, Copy, Debug, Default)]
#[command(next_help_heading = "Output options")]
pub(crate) struct OutputOpts {
    /// Print the result as JSON on stdout (and nothing else).
    #[arg(long)]
    pub(crate) json: bool,
    /// List every item (every claim, every failed check item) instead of a summary and the first few.
    #[arg(long, short = 'v')]
    pub(crate) verbose: bool,
}

/// The vault, for commands that have no claims file to take it from.
#[derive(Args, Clone, Debug)]
pub(crate) struct VaultOpt {
    /// BountyVault address.
    #[arg(value_parser = crate::opts::address, long, env = "BOUNTY_VAULT")]
    pub(crate) vault: Address,
}
