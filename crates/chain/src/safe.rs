//! A Safe (v1.4.1) as one of the vault's signers. The vault checks a contract signer with ERC-1271, and a Safe's
//! `isValidSignature(digest, sig)` (through its `CompatibilityFallbackHandler`) accepts only its owners' signatures
//! over the **SafeMessage** hash of the digest — EIP-712 `SafeMessage(bytes message)` with `message =
//! abi.encode(digest)` in the Safe's domain `{chainId, verifyingContract: safe}` — concatenated in ascending owner
//! order, at least the Safe's own threshold of them. Owners' signatures over the raw digest revert `GS026`.
//!
//! So each owner signs the SafeMessage typed data (a hardware wallet shows a SafeMessage for the Safe, not the
//! vault's message: `bounty sign --safe` prints both hashes), and `bounty submit` assembles the owners' signatures
//! into the Safe's once its threshold is met.

use crate::{
    bindings::{IBountyVault::SignerSignature, ISafe},
    client::Client,
    error::Result,
};
use alloy::{
    dyn_abi::TypedData,
    primitives::{Address, Bytes, B256},
    sol,
    sol_types::{eip712_domain, SolStruct, SolValue},
};

sol! {
    /// The message type a Safe v1.4.1 signs for ERC-1271 (`SAFE_MSG_TYPEHASH`).
    #[derive(serde::Serialize)]
    struct SafeMessage {
        bytes message;
    }
}

/// What a Safe owner signs to approve `digest` for `safe`: the SafeMessage typed data and its hash.
pub fn safe_message(chain_id: u64, safe: Address, digest: B256) -> (TypedData, B256) {
    let domain = eip712_domain! { chain_id: chain_id, verifying_contract: safe, };
    let message = SafeMessage { message: digest.abi_encode().into() };
    let hash = message.eip712_signing_hash(&domain);
    (TypedData::from_struct(&message, Some(domain)), hash)
}

/// A Safe's owners and threshold, read now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeOwners {
    /// The owners.
    pub owners: Vec<Address>,
    /// How many must sign.
    pub threshold: usize,
}

impl Client {
    /// `safe`'s owners and threshold (an error if `safe` is not a Safe).
    pub async fn safe_owners(&self, safe: Address) -> Result<SafeOwners> {
        let s = ISafe::new(safe, &self.provider);
        let owners = s.getOwners().call().await?;
        let threshold: usize = s.getThreshold().call().await?.to();
        Ok(SafeOwners { owners, threshold })
    }
}

/// The Safe's ERC-1271 signature from its owners' signatures over the SafeMessage hash: sorted by owner and
/// concatenated, as `checkSignatures` walks them.
pub fn assemble(safe: Address, mut owner_signatures: Vec<(Address, Bytes)>) -> SignerSignature {
    owner_signatures.sort_by_key(|(owner, _)| *owner);
    let signature: Vec<u8> = owner_signatures.iter().flat_map(|(_, sig)| sig.iter().copied()).collect();
    SignerSignature { signer: safe, signature: signature.into() }
}
