//! Who signs. Resolving the choice into a wallet (prompting, reading a keystore, finding a Ledger) is
//! `crate::connect`'s.

use clap::Args;
use std::path::PathBuf;

/// Who signs. One of these at most; `--private-key` has no environment binding on purpose.
#[derive(Args, Clone, Debug, Default)]
#[command(next_help_heading = "Wallet options")]
pub(crate) struct WalletOpts {
    /// Raw private key (hex). Visible in shell history and `ps`: prefer --interactive or --keystore.
    #[arg(long, value_name = "HEX", conflicts_with_all = ["interactive", "keystore", "ledger"])]
    pub(crate) private_key: Option<String>,
    /// Prompt for the private key (not echoed).
    #[arg(long, short = 'i', conflicts_with_all = ["keystore", "ledger"])]
    pub(crate) interactive: bool,
    /// Encrypted JSON keystore (as written by `cast wallet new`).
    #[arg(long, value_name = "PATH", conflicts_with = "ledger")]
    pub(crate) keystore: Option<PathBuf>,
    /// File holding the keystore password (otherwise prompted).
    #[arg(long, value_name = "PATH", requires = "keystore")]
    pub(crate) password_file: Option<PathBuf>,
    /// Sign with a Ledger (Ethereum app; EIP-712 typed data is shown on the device).
    #[arg(long)]
    pub(crate) ledger: bool,
    /// Ledger Live account index.
    #[arg(long, default_value_t = 0, requires = "ledger")]
    pub(crate) hd_index: usize,
}
