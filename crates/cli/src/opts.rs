//! Option groups shared by commands, spelled the way cast users know them and flattened into each command under a
//! help heading: where the chain is ([`RpcOpts`]), who signs ([`WalletOpts`]), what to do with a transaction
//! ([`TxOpts`]), how to print ([`OutputOpts`]), and token amounts ([`TokenAmount`]).

use alloy::primitives::{utils::format_units, Address, U256};
use bounty_chain::{vault::Vault, ChainError, Client, Wallet};
use bounty_core::Decimal;
use clap::Args;
use eyre::{bail, Result, WrapErr};
use std::{path::PathBuf, str::FromStr};

/// Where the chain is.
#[derive(Args, Clone, Debug)]
#[command(next_help_heading = "RPC options")]
pub(crate) struct RpcOpts {
    /// JSON-RPC endpoint.
    #[arg(long, env = "ETH_RPC_URL", default_value = "http://localhost:8545")]
    pub(crate) rpc_url: String,
    /// Refuse to do anything unless the RPC serves this chain (default: the chain the file names, if any).
    #[arg(long, env = "ETH_CHAIN_ID")]
    pub(crate) chain_id: Option<u64>,
}

impl RpcOpts {
    /// Connects, checking the chain id against `--chain-id` or else against `expected` (a file's chain).
    pub(crate) async fn connect(&self, expected: Option<u64>, wallet: Option<Wallet>) -> Result<Client> {
        Ok(Client::connect(&self.rpc_url, self.chain_id.or(expected), wallet).await?)
    }

    /// Connects and opens the vault at `address` (erroring if there is no contract there).
    pub(crate) async fn vault(&self, address: Address, expected: Option<u64>, wallet: Option<Wallet>) -> Result<Vault> {
        Ok(Vault::at(self.connect(expected, wallet).await?, address).await?)
    }
}

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

/// What to do with a transaction once it is simulated.
#[derive(Args, Clone, Copy, Debug, Default)]
#[command(next_help_heading = "Transaction options")]
pub(crate) struct TxOpts {
    /// Simulate only: print the gas estimate, `to` and the calldata, and send nothing (no wallet needed).
    #[arg(long)]
    pub(crate) dry_run: bool,
}

impl TxOpts {
    /// The wallet a sending command needs: required unless this is a dry run.
    pub(crate) async fn wallet(&self, wallet: &WalletOpts, action: &str) -> Result<Option<Wallet>> {
        if self.dry_run {
            wallet.resolve().await
        } else {
            wallet.require(action).await.map(Some)
        }
    }
}

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
    #[arg(long, env = "BOUNTY_VAULT")]
    pub(crate) vault: Address,
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
    #[arg(long, value_name = "FILE", requires = "from_safe", conflicts_with = "dry_run")]
    pub(crate) safe_batch: Option<PathBuf>,
    /// The Safe that will execute the batch; the first transaction is simulated from it.
    #[arg(long, value_name = "SAFE", requires = "safe_batch")]
    pub(crate) from_safe: Option<Address>,
}

impl SendOpts {
    /// The vault at `address` with the sender's wallet (none for a dry run or a Safe batch without one); `action`
    /// names what needs the wallet in the error when there is none.
    pub(crate) async fn vault(&self, address: Address, chain_id: Option<u64>, action: &str) -> Result<Vault> {
        let wallet = if self.safe.safe_batch.is_some() {
            self.wallet.resolve().await?
        } else {
            self.tx.wallet(&self.wallet, action).await?
        };
        self.rpc.vault(address, chain_id, wallet).await
    }

    /// Simulates `plan` and, unless `--dry-run` or `--safe-batch`, sends it; the mined transaction, if sent.
    pub(crate) async fn execute(
        &self,
        vault: &Vault,
        plan: &bounty_chain::TxPlan,
    ) -> Result<Option<bounty_chain::Sent>> {
        self.execute_all(vault, std::slice::from_ref(plan)).await
    }

    /// `plans` in order (an approval, then the call that spends it): each simulated and sent, or all written as one
    /// Safe batch. A plan that depends on an earlier one is only simulated once that one is mined, so a dry run
    /// and a batch simulate the first and list the others. The last mined transaction, if sent.
    pub(crate) async fn execute_all(
        &self,
        vault: &Vault,
        plans: &[bounty_chain::TxPlan],
    ) -> Result<Option<bounty_chain::Sent>> {
        if self.safe.write(vault, plans).await? {
            return Ok(None);
        }
        let mut last = None;
        for (i, plan) in plans.iter().enumerate() {
            if i > 0 && self.tx.dry_run {
                println!("  then {} (not simulated: it needs the transaction above mined)", plan.action);
                continue;
            }
            last = crate::output::execute(&vault.client, plan, self.tx.dry_run).await?;
        }
        Ok(last)
    }
}

impl SafeBatchOpts {
    /// With `--safe-batch`: simulates the first of `plans` from the Safe and writes them all as one Transaction
    /// Builder batch; true when written (nothing is to be sent then), false without the option.
    pub(crate) async fn write(&self, vault: &Vault, plans: &[bounty_chain::TxPlan]) -> Result<bool> {
        let (Some(path), Some(safe)) = (&self.safe_batch, self.from_safe) else { return Ok(false) };
        let Some(first) = plans.first() else { return Ok(false) };
        let sim = vault.client.simulate(first, Some(safe)).await?;
        println!("  simulated {} from the Safe {safe}: ok, gas estimate {}", first.action, sim.gas);
        for plan in &plans[1..] {
            println!("  then {} (simulated by the Safe app with the batch)", plan.action);
        }
        let actions: Vec<&str> = plans.iter().map(|p| p.action.as_str()).collect();
        let name = if actions.len() > 3 {
            format!("{} and {} more", actions[..2].join(", "), actions.len() - 2)
        } else {
            actions.join(", ")
        };
        let batch = bounty_chain::safe_batch::SafeBatch {
            chain_id: vault.client.chain_id,
            safe,
            name,
            description: format!("support-bounty vault {}: {}", vault.address, actions.join("; then ")),
            created_at_ms: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
            transactions: plans.to_vec(),
        };
        batch.write(path)?;
        println!(
            "wrote {} ({} transaction{}) for the Safe {safe}: in the Safe app, open Transaction Builder and drop the \
             file in; the owners sign and execute it there",
            path.display(),
            plans.len(),
            if plans.len() == 1 { "" } else { "s, run atomically through MultiSendCallOnly" }
        );
        Ok(true)
    }
}

/// An address as typed, or an ENS name (`alice.eth`) resolved through the command's RPC once connected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AddressOrName {
    /// `0x…` (EIP-55 checked when mixed case).
    Address(Address),
    /// A name, resolved later.
    Name(String),
}

impl FromStr for AddressOrName {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        if bounty_chain::ens::is_name(s) {
            return Ok(Self::Name(s.trim().to_string()));
        }
        bounty_core::shares::parse_account(s).map(Self::Address).map_err(|e| e.to_string())
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

/// The arguments of the one-epoch transactions that need no threshold (`veto`, `sweep`).
#[derive(Args, Clone, Debug)]
pub(crate) struct EpochTxArgs {
    /// Epoch number (20262 for 2026-Q2, 202606 for 2026-06).
    pub(crate) epoch: u64,
    #[command(flatten)]
    pub(crate) vault: VaultOpt,
    #[command(flatten)]
    pub(crate) send: SendOpts,
}

impl EpochTxArgs {
    /// Simulates and (unless `--dry-run`) sends the transaction `plan` builds; true when it was sent.
    pub(crate) async fn execute(
        &self,
        action: &str,
        plan: impl FnOnce(&Vault) -> bounty_chain::TxPlan,
    ) -> Result<bool> {
        let vault = self.send.vault(self.vault.vault, None, action).await?;
        Ok(self.send.execute(&vault, &plan(&vault)).await?.is_some())
    }
}

/// A token amount as typed: whole tokens by default (`2000`, `2000.5`, converted with the token's decimals), or
/// base units with an explicit `units` suffix (`2000000000000000000000units`). Never silently truncated: more
/// decimals than the token has is an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenAmount {
    /// Whole tokens.
    Tokens(Decimal),
    /// Base units.
    Units(U256),
}

impl FromStr for TokenAmount {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim().replace('_', "");
        if let Some(units) = s.strip_suffix("units") {
            return units
                .trim()
                .parse::<U256>()
                .map(Self::Units)
                .map_err(|_| format!("`{s}`: base units must be a whole number, e.g. 1500000000000000000units"));
        }
        s.parse::<Decimal>().map(Self::Tokens).map_err(|e| {
            format!("{e} (give whole tokens such as `2000` or `2000.5`, or base units such as `2000000units`)")
        })
    }
}

impl TokenAmount {
    /// The amount in base units for a token with `decimals`; an amount with more decimals is refused.
    pub(crate) fn to_units(self, decimals: u8) -> Result<U256> {
        match self {
            Self::Units(u) => Ok(u),
            Self::Tokens(d) => d.to_units(decimals).wrap_err_with(|| format!("the token has {decimals} decimals")),
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_amounts_are_whole_tokens_unless_suffixed() {
        let t = |s: &str| s.parse::<TokenAmount>().unwrap();
        assert_eq!(t("2000").to_units(18).unwrap(), U256::from(2000u64) * U256::from(10u64).pow(U256::from(18)));
        assert_eq!(t("2000.5").to_units(6).unwrap(), U256::from(2_000_500_000u64));
        assert_eq!(t("1_000units").to_units(18).unwrap(), U256::from(1000u64));
        assert!(t("0.0000001").to_units(6).is_err(), "never truncated");
        for bad in ["-1", "1e18", "abc", "1.5units", ""] {
            assert!(bad.parse::<TokenAmount>().is_err(), "{bad}");
        }
    }
}
