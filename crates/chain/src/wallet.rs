//! Who signs: a local key (raw, prompted or from an encrypted keystore) or a Ledger. Typed data is always signed
//! through `sign_typed_data`, never `sign_hash`, because that is the only EIP-712 path a Ledger offers (and the
//! device then shows the fields, not an opaque digest).

use crate::error::{ChainError, Result};
use alloy::{
    network::EthereumWallet,
    primitives::{Address, Signature},
    signers::{local::PrivateKeySigner, Signer},
    sol_types::{Eip712Domain, SolStruct},
};
use std::path::Path;
#[cfg(feature = "ledger")]
use std::sync::Arc;

/// A signer for transactions and EIP-712 messages.
#[derive(Clone, Debug)]
pub enum Wallet {
    Local(PrivateKeySigner),
    #[cfg(feature = "ledger")]
    Ledger(Arc<alloy::signers::ledger::LedgerSigner>),
}

impl Wallet {
    /// From a hex private key (with or without 0x). The key is never echoed in errors.
    pub fn from_private_key(key: &str) -> Result<Self> {
        key.trim()
            .parse::<PrivateKeySigner>()
            .map(Wallet::Local)
            .map_err(|_| ChainError::Invalid("the private key is not 32 bytes of hex".into()))
    }

    /// From an encrypted JSON keystore (geth / cast `wallet new` format).
    pub fn from_keystore(path: &Path, password: &str) -> Result<Self> {
        PrivateKeySigner::decrypt_keystore(path, password).map(Wallet::Local).map_err(|e| ChainError::Keystore {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    }

    /// The Ledger's account at `index` on the Ledger Live derivation path.
    #[cfg(feature = "ledger")]
    pub async fn ledger(index: usize, chain_id: Option<u64>) -> Result<Self> {
        use alloy::signers::ledger::{HDPath, LedgerSigner};
        // coins-ledger panics (inside a lazy static) when the machine has no USB HID access at all; run it on its
        // own task with a silent panic hook so that becomes an error message instead of a backtrace.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let opened = tokio::spawn(LedgerSigner::new(HDPath::LedgerLive(index), chain_id)).await;
        std::panic::set_hook(hook);
        let no_device = |why: String| {
            ChainError::Signer(alloy::signers::Error::other(format!(
                "no Ledger available ({why}): connect and unlock it and open the Ethereum app"
            )))
        };
        match opened {
            Ok(Ok(signer)) => Ok(Wallet::Ledger(Arc::new(signer))),
            Ok(Err(e)) => Err(no_device(e.to_string())),
            Err(_) => Err(no_device("the USB HID interface could not be opened".into())),
        }
    }

    pub fn address(&self) -> Address {
        match self {
            Wallet::Local(s) => s.address(),
            #[cfg(feature = "ledger")]
            Wallet::Ledger(s) => s.address(),
        }
    }

    /// Signs an EIP-712 message (on a Ledger: the device's typed-data path).
    pub async fn sign_typed<T: SolStruct + Send + Sync>(&self, message: &T, domain: &Eip712Domain) -> Result<Signature> {
        Ok(match self {
            Wallet::Local(s) => s.sign_typed_data(message, domain).await?,
            #[cfg(feature = "ledger")]
            Wallet::Ledger(s) => s.sign_typed_data(message, domain).await?,
        })
    }
}

impl From<Wallet> for EthereumWallet {
    fn from(w: Wallet) -> Self {
        match w {
            Wallet::Local(s) => EthereumWallet::new(s),
            #[cfg(feature = "ledger")]
            Wallet::Ledger(s) => EthereumWallet::new(s),
        }
    }
}
