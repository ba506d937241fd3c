//! Option groups shared by commands, spelled the way cast users know them.

use alloy::primitives::Address;
use bounty_chain::{Chain, Wallet};
use clap::Args;
use eyre::{bail, Result, WrapErr};
use std::path::PathBuf;

/// Where the chain is.
#[derive(Args, Clone, Debug)]
pub struct RpcOpts {
    /// JSON-RPC endpoint.
    #[arg(long, env = "ETH_RPC_URL", default_value = "http://localhost:8545")]
    pub rpc_url: String,
    /// Refuse to do anything unless the RPC serves this chain.
    #[arg(long, env = "ETH_CHAIN_ID")]
    pub chain_id: Option<u64>,
}

impl RpcOpts {
    pub async fn connect(&self, wallet: Option<Wallet>) -> Result<Chain> {
        Ok(Chain::connect(&self.rpc_url, self.chain_id, wallet).await?)
    }
}

/// Who signs. One of these at most; `--private-key` has no environment binding on purpose.
#[derive(Args, Clone, Debug, Default)]
pub struct WalletOpts {
    /// Raw private key (hex). Visible in shell history and `ps`: prefer --interactive or --keystore.
    #[arg(long, value_name = "HEX", hide_default_value = true, conflicts_with_all = ["interactive", "keystore", "ledger"])]
    pub private_key: Option<String>,
    /// Prompt for the private key (not echoed).
    #[arg(long, short = 'i', conflicts_with_all = ["keystore", "ledger"])]
    pub interactive: bool,
    /// Encrypted JSON keystore (as written by `cast wallet new`).
    #[arg(long, value_name = "PATH", conflicts_with = "ledger")]
    pub keystore: Option<PathBuf>,
    /// File holding the keystore password (otherwise prompted).
    #[arg(long, value_name = "PATH", requires = "keystore")]
    pub password_file: Option<PathBuf>,
    /// Sign with a Ledger (Ethereum app; EIP-712 typed data is shown on the device).
    #[arg(long)]
    pub ledger: bool,
    /// Ledger Live account index.
    #[arg(long, default_value_t = 0, requires = "ledger")]
    pub hd_index: usize,
}

impl WalletOpts {
    /// The wallet, if one was given.
    pub async fn resolve(&self) -> Result<Option<Wallet>> {
        if let Some(key) = &self.private_key {
            eprintln!("warning: --private-key on the command line ends up in shell history and `ps`; prefer --interactive or --keystore");
            return Ok(Some(Wallet::from_private_key(key)?));
        }
        if self.interactive {
            let key = rpassword::prompt_password("Private key: ").wrap_err("reading the private key")?;
            return Ok(Some(Wallet::from_private_key(&key)?));
        }
        if let Some(path) = &self.keystore {
            let password = match &self.password_file {
                Some(p) => std::fs::read_to_string(p)
                    .wrap_err_with(|| format!("reading password file {}", p.display()))?
                    .trim_end_matches(['\n', '\r'])
                    .to_string(),
                None => rpassword::prompt_password(format!("Password for {}: ", path.display()))?,
            };
            return Ok(Some(Wallet::from_keystore(path, &password)?));
        }
        if self.ledger {
            #[cfg(feature = "ledger")]
            return Ok(Some(Wallet::ledger(self.hd_index, None).await?));
            #[cfg(not(feature = "ledger"))]
            bail!("this build has no Ledger support: rebuild with `cargo build -p bounty-cli --features ledger` (needs libudev-dev)");
        }
        Ok(None)
    }

    /// The wallet, or an error naming the command that needs it.
    pub async fn require(&self, what: &str) -> Result<Wallet> {
        match self.resolve().await? {
            Some(w) => Ok(w),
            None => bail!("{what} needs a wallet: --private-key, --interactive, --keystore or --ledger"),
        }
    }
}

/// The vault, for commands that have no claims file to take it from.
#[derive(Args, Clone, Debug)]
pub struct VaultOpt {
    /// BountyVault address.
    #[arg(long, env = "BOUNTY_VAULT")]
    pub vault: Address,
}
