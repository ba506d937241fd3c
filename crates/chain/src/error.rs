//! The chain layer's error type, and the decoding of the vault's custom errors into sentences a signer or helper
//! can act on ("epoch 20262 (2026-Q2) is still pending: claimable from 2026-07-04 00:00 UTC"), not a hex blob.

use crate::bindings::IBountyVault::IBountyVaultErrors;
use alloy::{
    primitives::{Bytes, U256},
    sol_types::{Panic, Revert, SolInterface},
    transports::{RpcError, TransportError, TransportErrorKind},
};

/// Everything that can go wrong talking to a chain.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
    /// No answer from the RPC (connection refused, DNS, timeout) after the retries.
    #[error("RPC unreachable at {url}: {reason} (check --rpc-url / ETH_RPC_URL)")]
    RpcUnreachable { url: String, reason: String },
    /// `--chain-id` disagrees with what the RPC serves: refuse before signing or sending anything.
    #[error("wrong chain: expected chain id {expected} (--chain-id) but the RPC at {url} serves chain {actual}")]
    WrongChain { expected: u64, actual: u64, url: String },
    /// The RPC URL does not parse.
    #[error("invalid RPC URL {url:?}: {reason}")]
    BadUrl { url: String, reason: String },
    /// The simulation (or the mined transaction) reverted; the reason is already a sentence.
    #[error("{action} would revert: {reason}")]
    Reverted { action: String, reason: String },
    /// A sent transaction was mined but failed.
    #[error("{action}: transaction {tx} reverted on chain")]
    FailedOnChain { action: String, tx: String },
    /// There is no contract at the address.
    #[error("no contract at {address} on chain {chain_id}")]
    NoContract { address: String, chain_id: u64 },
    /// A transaction needs a wallet and none was given.
    #[error("{0} sends a transaction: give a wallet (--private-key, --interactive, --keystore or --ledger)")]
    NoWallet(String),
    /// Signing failed (wrong password, device refused, ...).
    #[error("signing failed: {0}")]
    Signer(#[from] alloy::signers::Error),
    /// A keystore could not be opened.
    #[error("keystore {path}: {reason}")]
    Keystore { path: String, reason: String },
    /// A signature file is unreadable, malformed, or does not match what it claims.
    #[error("signature file {path}: {reason}")]
    SignatureFile { path: String, reason: String },
    /// A TWAP source answered something unusable.
    #[error("TWAP: {0}")]
    Twap(String),
    /// Input that this layer refuses (explained in the message).
    #[error("{0}")]
    Invalid(String),
    /// A claims file, config or shares file failed the core crate's checks (names file, line and field).
    #[error(transparent)]
    Core(#[from] bounty_core::Error),
    /// Anything else the RPC said.
    #[error("RPC error: {0}")]
    Rpc(TransportError),
    /// A local I/O problem (reading or writing a file).
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
}

pub type Result<T, E = ChainError> = std::result::Result<T, E>;

impl From<TransportError> for ChainError {
    fn from(e: TransportError) -> Self {
        match &e {
            RpcError::Transport(kind) if is_connection_failure(kind) => {
                ChainError::RpcUnreachable { url: String::new(), reason: kind.to_string() }
            }
            _ => ChainError::Rpc(e),
        }
    }
}

impl From<alloy::contract::Error> for ChainError {
    fn from(e: alloy::contract::Error) -> Self {
        match e {
            alloy::contract::Error::TransportError(t) => {
                if let Some(data) = t.as_error_resp().and_then(|r| r.as_revert_data()) {
                    return ChainError::Reverted { action: "the call".into(), reason: decode_revert(&data) };
                }
                t.into()
            }
            other => ChainError::Invalid(other.to_string()),
        }
    }
}

impl ChainError {
    /// Names the action in a revert message ("postRoot would revert: …").
    pub fn for_action(self, action: &str) -> Self {
        match self {
            ChainError::Reverted { reason, .. } => ChainError::Reverted { action: action.to_string(), reason },
            ChainError::FailedOnChain { tx, .. } => ChainError::FailedOnChain { action: action.to_string(), tx },
            other => other,
        }
    }

    /// Fills in the URL of an `RpcUnreachable` raised deep inside a call.
    pub fn at_url(self, url: &str) -> Self {
        match self {
            ChainError::RpcUnreachable { url: u, reason } if u.is_empty() => {
                ChainError::RpcUnreachable { url: url.to_string(), reason }
            }
            other => other,
        }
    }
}

/// True for failures of the connection itself (as opposed to an RPC that answered with an error).
pub(crate) fn is_connection_failure(kind: &TransportErrorKind) -> bool {
    match kind {
        TransportErrorKind::BackendGone | TransportErrorKind::PubsubUnavailable => true,
        TransportErrorKind::HttpError(_) => false,
        // reqwest's "error sending request" covers connect refused / DNS / timeouts; alloy wraps it as Custom.
        TransportErrorKind::Custom(err) => {
            let text = format!("{err:?}").to_lowercase();
            text.contains("connect") || text.contains("dns") || text.contains("timed out") || text.contains("sending request")
        }
        _ => false,
    }
}

/// Turns revert data into a sentence: the vault's custom errors, `Error(string)`, `Panic(uint256)`, or the hex.
pub fn decode_revert(data: &[u8]) -> String {
    if let Ok(e) = IBountyVaultErrors::abi_decode(data) {
        return describe_vault_error(&e);
    }
    if let Ok(r) = <Revert as alloy::sol_types::SolError>::abi_decode(data) {
        return format!("reverted with \"{}\"", r.reason);
    }
    if let Ok(p) = <Panic as alloy::sol_types::SolError>::abi_decode(data) {
        return format!("panicked ({})", p.kind().map(|k| k.to_string()).unwrap_or_else(|| p.code.to_string()));
    }
    if data.is_empty() {
        "reverted without a reason".into()
    } else {
        format!("reverted with unknown data {}", Bytes::copy_from_slice(data))
    }
}

/// Labels an epoch number the way the CLI writes it: quarterly `year*10+q` → "2026-Q2", monthly `year*100+m` →
/// "2026-06"; anything else is shown as the bare number.
pub fn epoch_label(epoch: u64) -> Option<String> {
    match epoch {
        10_001..=99_994 if (1..=4).contains(&(epoch % 10)) => Some(format!("{}-Q{}", epoch / 10, epoch % 10)),
        100_001..=999_912 if (1..=12).contains(&(epoch % 100)) => Some(format!("{}-{:02}", epoch / 100, epoch % 100)),
        _ => None,
    }
}

/// "20262 (2026-Q2)" or "7".
pub fn epoch_name(epoch: u64) -> String {
    match epoch_label(epoch) {
        Some(label) => format!("{epoch} ({label})"),
        None => epoch.to_string(),
    }
}

/// A unix timestamp as "2026-07-04 00:00 UTC".
pub fn utc(ts: U256) -> String {
    let secs = i64::try_from(ts).unwrap_or(i64::MAX);
    match chrono::DateTime::from_timestamp(secs, 0) {
        Some(t) => t.format("%Y-%m-%d %H:%M UTC").to_string(),
        None => format!("timestamp {ts}"),
    }
}

fn describe_vault_error(e: &IBountyVaultErrors) -> String {
    use IBountyVaultErrors as E;
    match e {
        E::InvalidToken(_) => "the token address is zero".into(),
        E::InvalidSigner(x) => format!("signer {} is zero or listed twice", x.signer),
        E::InvalidThreshold(x) => {
            format!("threshold {} is impossible with {} signers (need 1 ≤ m ≤ n)", x.threshold, x.signerCount)
        }
        E::NotSigner(x) => format!("{} is not one of the vault's current signers", x.signer),
        E::SignersNotAscending(x) => format!(
            "signatures must be sorted by ascending signer address without duplicates ({} came before {})",
            x.previous, x.next
        ),
        E::InvalidSignature(x) => {
            format!("the signature attributed to {} does not match the message (wrong vault, chain, nonce or data?)", x.signer)
        }
        E::NotEnoughSignatures(x) => format!("{} signature(s) given but the threshold is {}", x.given, x.threshold),
        E::WrongNonce(x) => format!(
            "the message was signed for nonce {} but the vault is at nonce {} (another action was signed and sent since; sign again)",
            x.given, x.expected
        ),
        E::ZeroRoot(_) => "the Merkle root is zero".into(),
        E::EmptyTree(_) => "the tree has no leaves but the total is not zero".into(),
        E::EpochNotAfterLast(x) => format!(
            "epoch {} is not after the last live epoch {}",
            epoch_name(x.epoch),
            epoch_name(x.lastEpoch)
        ),
        E::EpochAlreadyPosted(x) => format!("epoch {} already has a root", epoch_name(x.epoch)),
        E::OverEpochCap(x) => format!("the total {} is over the vault's epoch cap {}", x.total, x.cap),
        E::InsufficientAvailable(x) => format!(
            "the vault is not funded for this: needs {} but only {} is available (fund it first)",
            x.needed, x.available
        ),
        E::NotSignerOrGuardian(x) => format!("{} is neither a signer nor the guardian", x.caller),
        E::NotPending(x) => format!("epoch {} is not pending (already active, vetoed or never posted)", epoch_name(x.epoch)),
        E::NotExpired(x) => format!("epoch {} has not expired yet: sweepable from {}", epoch_name(x.epoch), utc(x.expiresAt)),
        E::IsPaused(_) => "the vault is paused".into(),
        E::NotPaused(_) => "the vault is not paused".into(),
        E::EpochNotLive(x) => format!("epoch {} is not live (never posted, vetoed, or swept)", epoch_name(x.epoch)),
        E::EpochPending(x) => {
            format!("epoch {} is still pending: claimable from {}", epoch_name(x.epoch), utc(x.activatesAt))
        }
        E::EpochExpired(x) => {
            format!("epoch {} expired at {}: its claim window is over", epoch_name(x.epoch), utc(x.expiredAt))
        }
        E::IndexOutOfRange(x) => {
            format!("index {} is out of range for epoch {} ({} leaves)", x.index, epoch_name(x.epoch), x.count)
        }
        E::AlreadyClaimed(x) => format!("leaf {} of epoch {} was already claimed", x.index, epoch_name(x.epoch)),
        E::InvalidProof(x) => format!(
            "the Merkle proof for leaf {} of epoch {} does not match the posted root (wrong claims file?)",
            x.index,
            epoch_name(x.epoch)
        ),
        E::ExceedsEpochTotal(x) => format!(
            "paying {} would exceed what is left of epoch {} ({})",
            x.amount,
            epoch_name(x.epoch),
            x.remaining
        ),
        E::SignatureExpired(x) => format!("the claim consent expired at {}", utc(x.deadline)),
        E::ZeroRecipient(_) => "the recipient is the zero address".into(),
        E::LengthMismatch(_) => "the batch arrays have different lengths".into(),
        E::ZeroAmount(_) => "the amount is zero".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings::IBountyVault;
    use alloy::sol_types::SolError;

    #[test]
    fn pending_epoch_reads_as_a_sentence() {
        let data = IBountyVault::EpochPending { epoch: 20262, activatesAt: U256::from(1_783_123_200u64) }.abi_encode();
        assert_eq!(decode_revert(&data), "epoch 20262 (2026-Q2) is still pending: claimable from 2026-07-04 00:00 UTC");
    }

    #[test]
    fn labels() {
        assert_eq!(epoch_label(20262).as_deref(), Some("2026-Q2"));
        assert_eq!(epoch_label(202606).as_deref(), Some("2026-06"));
        assert_eq!(epoch_label(7), None);
        assert_eq!(epoch_label(20265), None);
    }

    #[test]
    fn string_reverts_and_unknown_data() {
        let data = Revert::from("OLD").abi_encode();
        assert_eq!(decode_revert(&data), "reverted with \"OLD\"");
        assert_eq!(decode_revert(&[]), "reverted without a reason");
        assert!(decode_revert(&[1, 2, 3, 4]).contains("0x01020304"));
    }
}
