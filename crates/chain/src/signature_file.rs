//! The signature files that carry each signer's signature to whoever submits.
//!
//! One JSON per signer, written next to the claims file or proposal (`<file>.sig-<signer>.json`): the full EIP-712
//! typed data (domain, types, message — what a wallet shows), its digest, the signer and the signature. Reading one
//! back recomputes the digest from the typed data and recovers the signer, so a file that was edited, signed for
//! another vault or chain, or signed by someone else is refused before anything is sent.

use crate::{
    bindings::IBountyVault::SignerSignature,
    error::{ChainError, Result, SignatureFileProblem},
    message::{vault_domain, VaultMessage},
    wallet::Wallet,
};
use alloy::{
    dyn_abi::TypedData,
    primitives::{Address, Bytes, Signature, B256},
};
use bounty_core::files::{write_atomic, Existing};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One signer's signature over one vault message, as written to disk.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignatureFile {
    /// The vault's chain.
    pub chain_id: u64,
    /// The vault.
    pub vault: Address,
    /// Who signed.
    pub signer: Address,
    /// The action signed (`{"kind": "EpochRoot", "message": {...}}`).
    pub message: VaultMessage,
    /// The EIP-712 digest, for eyeballing against a hardware wallet's screen or `hashEpochRoot` on the vault.
    pub digest: B256,
    /// The signature (65 bytes for an EOA).
    pub signature: Bytes,
    /// The complete typed data (domain, types, primaryType, message).
    pub typed_data: TypedData,
    /// When `signer` is a Safe: the owner who signed, and what they signed — the SafeMessage of `digest` — so
    /// `signature` is that owner's part of the Safe's signature ([`crate::safe`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safe_owner: Option<SafeOwnerApproval>,
}

/// One Safe owner's approval of a vault digest.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SafeOwnerApproval {
    /// The owner who signed.
    pub owner: Address,
    /// The SafeMessage hash the owner signed (what the Safe checks).
    pub safe_message_hash: B256,
    /// The SafeMessage typed data (what the owner's wallet shows).
    pub safe_typed_data: TypedData,
}

impl SafeOwnerApproval {
    /// What `owner` of `safe` signs to approve the vault `digest`.
    fn new(chain_id: u64, safe: Address, owner: Address, digest: B256) -> Self {
        let (safe_typed_data, safe_message_hash) = crate::safe::safe_message(chain_id, safe, digest);
        Self { owner, safe_message_hash, safe_typed_data }
    }
}

impl SignatureFile {
    /// Signs `message` for `vault` on `chain_id` with `wallet` (typed-data signing; works on a Ledger).
    pub async fn sign(wallet: &Wallet, chain_id: u64, vault: Address, message: VaultMessage) -> Result<Self> {
        let domain = vault_domain(chain_id, vault);
        let typed_data = message.typed_data(&domain);
        let signature = wallet.sign_typed_data(&typed_data).await?;
        Ok(Self {
            chain_id,
            vault,
            signer: wallet.address(),
            digest: message.signing_hash(&domain),
            signature: signature.as_bytes().to_vec().into(),
            typed_data,
            message,
            safe_owner: None,
        })
    }

    /// Signs `message` as one owner (`wallet`) of the Safe `safe`, which is the vault signer: the owner signs the
    /// SafeMessage of the vault's digest, as typed data.
    pub async fn sign_for_safe(
        wallet: &Wallet,
        chain_id: u64,
        vault: Address,
        safe: Address,
        message: VaultMessage,
    ) -> Result<Self> {
        let domain = vault_domain(chain_id, vault);
        let digest = message.signing_hash(&domain);
        let approval = SafeOwnerApproval::new(chain_id, safe, wallet.address(), digest);
        let signature = wallet.sign_typed_data(&approval.safe_typed_data).await?;
        Ok(Self {
            chain_id,
            vault,
            signer: safe,
            digest,
            signature: signature.as_bytes().to_vec().into(),
            typed_data: message.typed_data(&domain),
            message,
            safe_owner: Some(approval),
        })
    }

    /// Who signed this file: the signer, or for a Safe the owner.
    pub fn signed_by(&self) -> Address {
        self.safe_owner.as_ref().map_or(self.signer, |o| o.owner)
    }

    /// Where this file goes for `base` (a claims file or proposal): `<base>.sig-<signer>.json`, or for a Safe
    /// owner `<base>.sig-<safe>-<owner>.json`.
    pub fn path(&self, base: &Path) -> PathBuf {
        let Some(o) = &self.safe_owner else { return Self::path_for(base, self.signer) };
        let mut name = base.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(format!(".sig-{}-{}.json", self.signer, o.owner));
        base.with_file_name(name)
    }

    /// Where a signer's file for `base` goes: `<base>.sig-<signer>.json`.
    pub fn path_for(base: &Path, signer: Address) -> PathBuf {
        let mut name = base.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(format!(".sig-{signer}.json"));
        base.with_file_name(name)
    }

    /// Every signature file for `base` (`<base>.sig-*.json`), sorted by name.
    pub fn find_for(base: &Path) -> Result<Vec<PathBuf>> {
        let dir = match base.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let prefix = format!("{}.sig-", base.file_name().and_then(|n| n.to_str()).unwrap_or_default());
        let entries = std::fs::read_dir(&dir).map_err(|source| ChainError::Io { path: dir.clone(), source })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".json"))
            })
            .collect();
        found.sort();
        Ok(found)
    }

    /// Writes the file atomically; a re-sign (say, at a new nonce after a veto) replaces the signer's old file.
    pub fn write(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).expect("signature files serialize");
        write_atomic(path, &json, Existing::Replace)?;
        Ok(())
    }

    /// Reads a signature file and checks it is self-consistent: the typed data hashes to the recorded digest, that
    /// digest is what the message and domain give, and the signature recovers to the recorded signer (skipped for
    /// contract signers, whose ERC-1271 check only the vault can run).
    pub fn read(path: &Path) -> Result<Self> {
        let bad = |problem| ChainError::SignatureFile { path: path.to_path_buf(), problem };
        let text = std::fs::read(path).map_err(|source| ChainError::Io { path: path.to_path_buf(), source })?;
        let file: SignatureFile = serde_json::from_slice(&text)
            .map_err(|source| bad(SignatureFileProblem::Malformed { expected: "signature file", source }))?;
        file.check().map_err(bad)?;
        Ok(file)
    }

    /// A signature made elsewhere — a browser wallet's `eth_signTypedData_v4` over [`Self::typed_data_to_sign`] —
    /// as a signature file, refused unless it recovers to `signer` (for a Safe, to the owner `signer` over the
    /// SafeMessage).
    pub fn import(
        chain_id: u64,
        vault: Address,
        message: VaultMessage,
        signer: Address,
        safe: Option<Address>,
        signature: Bytes,
    ) -> std::result::Result<Self, SignatureFileProblem> {
        let domain = vault_domain(chain_id, vault);
        let digest = message.signing_hash(&domain);
        let safe_owner = safe.map(|safe| SafeOwnerApproval::new(chain_id, safe, signer, digest));
        let file = Self {
            chain_id,
            vault,
            signer: safe.unwrap_or(signer),
            digest,
            signature,
            typed_data: message.typed_data(&domain),
            message,
            safe_owner,
        };
        if file.signature.len() != 65 {
            return Err(SignatureFileProblem::BadSignature(alloy::primitives::SignatureError::FromBytes(
                "an imported signature must be 65 bytes (r, s, v)",
            )));
        }
        file.check()?;
        Ok(file)
    }

    /// The typed data the signer's wallet must sign for this message: the vault's, or for a Safe owner the Safe's
    /// SafeMessage of the vault's digest.
    pub fn typed_data_to_sign(
        chain_id: u64,
        vault: Address,
        message: &VaultMessage,
        safe: Option<Address>,
    ) -> TypedData {
        let domain = vault_domain(chain_id, vault);
        match safe {
            Some(safe) => crate::safe::safe_message(chain_id, safe, message.signing_hash(&domain)).0,
            None => message.typed_data(&domain),
        }
    }

    /// The file is self-consistent: digests re-derive and the signature recovers to whoever it says signed.
    fn check(&self) -> std::result::Result<(), SignatureFileProblem> {
        let file = self;
        let digest = file.message.signing_hash(&vault_domain(file.chain_id, file.vault));
        if digest != file.digest {
            return Err(SignatureFileProblem::DigestMismatch { computed: digest, recorded: file.digest });
        }
        let typed = file.typed_data.eip712_signing_hash()?;
        if typed != digest {
            return Err(SignatureFileProblem::DigestMismatch { computed: typed, recorded: file.digest });
        }
        // What the signature signs: the digest, or for a Safe owner the SafeMessage of the digest.
        let signed = match &file.safe_owner {
            Some(o) => {
                let (_, expected) = crate::safe::safe_message(file.chain_id, file.signer, digest);
                let shown = o.safe_typed_data.eip712_signing_hash()?;
                for computed in [expected, shown] {
                    if computed != o.safe_message_hash {
                        return Err(SignatureFileProblem::DigestMismatch { computed, recorded: o.safe_message_hash });
                    }
                }
                o.safe_message_hash
            }
            None => digest,
        };
        if file.signature.len() == 65 {
            let sig = Signature::try_from(file.signature.as_ref())?;
            let recovered = sig.recover_address_from_prehash(&signed)?;
            if recovered != file.signed_by() {
                return Err(SignatureFileProblem::WrongSigner { recovered, recorded: file.signed_by() });
            }
        }
        Ok(())
    }
}

impl From<&SignatureFile> for SignerSignature {
    fn from(file: &SignatureFile) -> Self {
        SignerSignature { signer: file.signer, signature: file.signature.clone() }
    }
}

/// Sorts signatures by ascending signer address, as the vault requires, and refuses duplicates.
pub fn sorted_signatures(files: &[SignatureFile]) -> Result<Vec<SignerSignature>> {
    let mut sigs: Vec<SignerSignature> = files.iter().map(SignerSignature::from).collect();
    sigs.sort_by_key(|s| s.signer);
    if let Some(w) = sigs.windows(2).find(|w| w[0].signer == w[1].signer) {
        return Err(ChainError::DuplicateSigner(w[0].signer));
    }
    Ok(sigs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings::IBountyVault;
    use alloy::{primitives::U256, signers::local::PrivateKeySigner};

    fn root(nonce: u64) -> VaultMessage {
        VaultMessage::EpochRoot(IBountyVault::EpochRoot {
            epoch: 20262,
            root: B256::repeat_byte(7),
            total: 1_000 * 10u128.pow(18),
            count: 3,
            metadataHash: B256::repeat_byte(9),
            usdPerToken: U256::from(10u64).pow(U256::from(19u64)),
            nonce: U256::from(nonce),
        })
    }

    #[tokio::test]
    async fn signature_file_round_trips_and_detects_tampering() {
        let dir = tempfile::tempdir().unwrap();
        let wallet = Wallet::Local(PrivateKeySigner::random());
        let vault = Address::repeat_byte(0xaa);
        let file = SignatureFile::sign(&wallet, 31337, vault, root(0)).await.unwrap();
        let path = SignatureFile::path_for(&dir.path().join("claims.json"), wallet.address());
        file.write(&path).unwrap();
        let back = SignatureFile::read(&path).unwrap();
        assert_eq!(back.signer, wallet.address());
        assert_eq!(back.message, root(0));
        assert_eq!(SignatureFile::find_for(&dir.path().join("claims.json")).unwrap(), vec![path.clone()]);

        // Moving the signature to another vault breaks the digest check.
        let mut text: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        text["vault"] = serde_json::json!(Address::repeat_byte(0xbb));
        std::fs::write(&path, text.to_string()).unwrap();
        let err = SignatureFile::read(&path).unwrap_err().to_string();
        assert!(err.contains("recorded digest"), "{err}");
    }

    #[tokio::test]
    async fn a_safe_owners_file_round_trips_and_names_the_owner() {
        let dir = tempfile::tempdir().unwrap();
        let owner = Wallet::Local(PrivateKeySigner::random());
        let (vault, safe) = (Address::repeat_byte(0xaa), Address::repeat_byte(0x5a));
        let file = SignatureFile::sign_for_safe(&owner, 31337, vault, safe, root(0)).await.unwrap();
        assert_eq!((file.signer, file.signed_by()), (safe, owner.address()));
        let path = file.path(&dir.path().join("claims.json"));
        assert!(path.to_string_lossy().ends_with(&format!(".sig-{safe}-{}.json", owner.address())));
        file.write(&path).unwrap();
        let back = SignatureFile::read(&path).unwrap();
        assert_eq!(back.safe_owner.unwrap().safe_message_hash, crate::safe::safe_message(31337, safe, file.digest).1);

        // The owner's signature does not stand for another Safe.
        let mut text: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        text["signer"] = serde_json::json!(Address::repeat_byte(0x5b));
        std::fs::write(&path, text.to_string()).unwrap();
        assert!(SignatureFile::read(&path).is_err());
    }
}
