//! The option groups turned into live things: a wallet (prompting for a key or a keystore's password, finding a
//! Ledger), a connection checked against the expected chain, the vault, and typed values resolved on chain (an ENS
//! name, a token amount in the token's decimals).

use crate::opts::{AddressOrName, RpcOpts, SendOpts, TokenAmount, TxOpts, WalletOpts};
use alloy::primitives::{utils::format_units, Address, U256};
use bounty_chain::{vault::Vault, ChainError, Client, Wallet};
use eyre::{bail, Result, WrapErr};

impl RpcOpts {
    /// Connects, checking the chain id against `--chain-id` or else against `expected` (a file's chain).
    pub(crate) async fn connect(&self, expected: Option<u64>, wallet: Option<Wallet>) -> Result<Client> {
        Ok(Client::connect(&self.rpc_url, self.chain_id.or(expected), wallet).await?)
    }

    /// The chain a signature check needs: none for a key's signature (recovered offline), the program's chain
    /// `chain_id` for a contract wallet's (ERC-1271), connected only then.
    pub(crate) async fn for_signature(&self, by_key: bool, chain_id: u64) -> Result<Option<Client>> {
        if by_key {
            return Ok(None);
        }
        Ok(Some(self.connect(Some(chain_id), None).await?))
    }

    /// Connects and opens the vault at `address` (erroring if there is no contract there).
    pub(crate) async fn vault(&self, address: Address, expected: Option<u64>, wallet: Option<Wallet>) -> Result<Vault> {
        Ok(Vault::at(self.connect(expected, wallet).await?, address).await?)
    }
}

impl WalletOpts {
    /// The wallet, if one was given.
    pub(crate) async fn resolve(&self) -> Result<Option<Wallet>> {
        if let Some(key) = &self.private_key {
            eprintln!(
                "warning: --private-key on the command line ends up in shell history and `ps`; prefer --interactive \
                 or --keystore"
            );
            return Ok(Some(Wallet::from_private_key(key)?));
        }
        if self.interactive {
            let key = rpassword::prompt_password("Private key: ")
                .wrap_err("cannot ask for the private key (no terminal): use --keystore with --password-file")?;
            return Ok(Some(Wallet::from_private_key(&key)?));
        }
        if let Some(path) = &self.keystore {
            // The file before the password: a typo in the path should not be asked for a password first.
            if !path.is_file() {
                bail!(
                    "--keystore {}: no such file (check the path; foundry keeps keystores in ~/.foundry/keystores)",
                    path.display()
                );
            }
            let password = match &self.password_file {
                Some(p) => std::fs::read_to_string(p)
                    .wrap_err_with(|| format!("reading password file {}", p.display()))?
                    .trim_end_matches(['\n', '\r'])
                    .to_string(),
                None => {
                    rpassword::prompt_password(format!("Password for {}: ", path.display())).wrap_err_with(|| {
                        format!(
                            "cannot ask for the password of {} (no terminal): give --password-file FILE",
                            path.display()
                        )
                    })?
                }
            };
            return Ok(Some(Wallet::from_keystore(path, &password)?));
        }
        if self.ledger {
            #[cfg(feature = "ledger")]
            return Ok(Some(Wallet::ledger(self.hd_index, None).await?));
            #[cfg(not(feature = "ledger"))]
            bail!("this build has no Ledger support: rebuild with `cargo build -p bounty-cli --features ledger`");
        }
        Ok(None)
    }

    /// The wallet, or the one "needs a wallet" error naming the action.
    pub(crate) async fn require(&self, action: &str) -> Result<Wallet> {
        match self.resolve().await? {
            Some(w) => Ok(w),
            None => Err(ChainError::NoWallet { action: action.to_string() }.into()),
        }
    }
}

/// Who signs a statement (a self-report, an identity link): the wallet, or — when it is signed elsewhere
/// (`--typed-data`, `--import`) — the `--account` given; a wallet and an `--account` that differ are refused.
pub(crate) async fn statement_signer(
    wallet: &WalletOpts,
    signed_elsewhere: bool,
    account: Option<Address>,
    action: &str,
) -> Result<(Option<Wallet>, Address)> {
    let wallet = if signed_elsewhere { None } else { Some(wallet.require(action).await?) };
    let account = match (&wallet, account) {
        (Some(w), Some(a)) if w.address() != a => bail!("--account {a} is not the wallet's address {}", w.address()),
        (Some(w), _) => w.address(),
        (None, Some(a)) => a,
        (None, None) => bail!("whose {action}? give --account with --typed-data"),
    };
    Ok((wallet, account))
}

impl TxOpts {
    /// The wallet a sending command needs: required unless nothing is sent from it (`--dry-run`, `--calldata`).
    pub(crate) async fn wallet(&self, wallet: &WalletOpts, action: &str) -> Result<Option<Wallet>> {
        if self.dry_run || self.calldata {
            wallet.resolve().await
        } else {
            wallet.require(action).await.map(Some)
        }
    }
}

impl SendOpts {
    /// The vault at `address` with the sender's wallet (optional when nothing is sent from it); `action`
    /// names what needs the wallet in the error when there is none.
    pub(crate) async fn vault(&self, address: Address, chain_id: Option<u64>, action: &str) -> Result<Vault> {
        let wallet = if self.safe.safe_batch.is_some() || self.tx.calldata {
            self.wallet.resolve().await?
        } else {
            self.tx.wallet(&self.wallet, action).await?
        };
        self.rpc.vault(address, chain_id, wallet).await
    }
}

impl AddressOrName {
    /// The address: as given, or the name resolved on `chain` (printed with its address, so it can be checked).
    pub(crate) async fn resolve(&self, chain: &Client) -> Result<Address> {
        match self {
            Self::Address(a) => Ok(*a),
            Self::Name(name) => {
                let address = bounty_chain::ens::resolve(chain, name).await?;
                println!("{name} → {address}");
                Ok(address)
            }
        }
    }
}

impl TokenAmount {
    /// The amount in base units for the vault's token, printing the conversion before anything is sent.
    pub(crate) async fn resolve(self, vault: &Vault) -> Result<U256> {
        let (decimals, symbol) = vault.token_metadata().await?;
        let units = self.to_units(decimals)?;
        if units.is_zero() {
            bail!("the amount is zero");
        }
        let whole = format_units(units, decimals).unwrap_or_else(|_| units.to_string());
        println!("amount: {} {symbol} = {units} base units ({decimals} decimals)", crate::output::trim_zeros(&whole));
        Ok(units)
    }
}
