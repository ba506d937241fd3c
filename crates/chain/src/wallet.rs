//! Who signs: a local key (raw, prompted or from an encrypted keystore) or a Ledger. Typed data is always signed
//! through `sign_typed_data`, never `sign_hash`, because that is the only EIP-712 path a Ledger offers (and the
//! device then shows the fields, not an opaque digest).

use crate::error::{ChainError, Result};
use alloy::{
    dyn_abi::TypedData,
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
    /// A key held in memory (from `--private-key`, `--interactive` or `--keystore`).
    Local(PrivateKeySigner),
    /// A Ledger's account.
    #[cfg(feature = "ledger")]
    Ledger(Arc<alloy::signers::ledger::LedgerSigner>),
}

impl Wallet {
    /// From a hex private key (with or without 0x). The key is never echoed in errors.
    pub fn from_private_key(key: &str) -> Result<Self> {
        key.trim().parse::<PrivateKeySigner>().map(Wallet::Local).map_err(|_| ChainError::BadPrivateKey)
    }

    /// From an encrypted JSON keystore (geth / cast `wallet new` format).
    pub fn from_keystore(path: &Path, password: &str) -> Result<Self> {
        PrivateKeySigner::decrypt_keystore(path, password).map(Wallet::Local).map_err(|source| match source {
            alloy::signers::local::LocalSignerError::EthKeystoreError(eth_keystore::KeystoreError::MacMismatch) => {
                ChainError::WrongPassword { path: path.to_path_buf() }
            }
            source => ChainError::Keystore { path: path.to_path_buf(), source },
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
        let no_device = |reason: String| ChainError::NoLedger { reason };
        match opened {
            Ok(Ok(signer)) => Ok(Wallet::Ledger(Arc::new(signer))),
            Ok(Err(e)) => Err(no_device(e.to_string())),
            Err(_) => Err(no_device("the USB HID interface could not be opened".into())),
        }
    }

    /// The account's address.
    pub fn address(&self) -> Address {
        match self {
            Wallet::Local(s) => s.address(),
            #[cfg(feature = "ledger")]
            Wallet::Ledger(s) => s.address(),
        }
    }

    /// Whether the key is on a Ledger (which shows only the domain and message hashes of typed data).
    pub fn is_ledger(&self) -> bool {
        match self {
            Wallet::Local(_) => false,
            #[cfg(feature = "ledger")]
            Wallet::Ledger(_) => true,
        }
    }

    /// Signs EIP-712 typed data given as JSON-shaped types and message (on a Ledger: the device's typed-data path).
    pub async fn sign_typed_data(&self, payload: &TypedData) -> Result<Signature> {
        Ok(match self {
            Wallet::Local(s) => s.sign_dynamic_typed_data(payload).await?,
            #[cfg(feature = "ledger")]
            Wallet::Ledger(s) => s
                .sign_dynamic_typed_data(payload)
                .await
                .map_err(|e| ledger_refusal(&e.to_string()).unwrap_or(e.into()))?,
        })
    }

    /// Signs an EIP-712 message (on a Ledger: the device's typed-data path).
    pub async fn sign_typed<T: SolStruct + Send + Sync>(
        &self,
        message: &T,
        domain: &Eip712Domain,
    ) -> Result<Signature> {
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

/// What the Ethereum app on a Ledger meant, for the APDU status words it answers typed-data signing with: `0x6a80`
/// ("invalid data": hashed EIP-712 with blind signing off), `0x6985` (the person rejected it on the device).
pub fn ledger_refusal(device_error: &str) -> Option<ChainError> {
    let text = device_error.to_ascii_lowercase();
    if text.contains("6a80") || text.contains("blind") {
        Some(ChainError::LedgerBlindSigning)
    } else if text.contains("6985") || text.contains("denied") || text.contains("rejected") {
        Some(ChainError::LedgerRejected)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ledger_status_words_become_sentences() {
        let blind = ledger_refusal("Ledger device: Code 6a80 (Invalid data)").unwrap().to_string();
        assert!(blind.contains("Blind signing"), "{blind}");
        let no = ledger_refusal("APDU error 0x6985: conditions of use not satisfied").unwrap().to_string();
        assert!(no.contains("rejected on the device"), "{no}");
        assert!(ledger_refusal("timeout").is_none());
    }
}
