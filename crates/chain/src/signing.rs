//! The vault's EIP-712 messages and the signature files that carry them from each signer to whoever submits.
//!
//! A signature file is one JSON per signer, written next to the claims file (`<claims>.sig-<signer>.json`): the
//! full EIP-712 typed data (domain, types, message — what a wallet shows), its digest, the signer and the
//! signature. Reading one back recomputes the digest from the typed data and recovers the signer, so a file that
//! was edited, signed for another vault or chain, or signed by someone else is refused before anything is sent.

use crate::{
    bindings::IBountyVault::{self, SignerSignature},
    error::{ChainError, Result},
    wallet::Wallet,
};
use alloy::{
    dyn_abi::TypedData,
    primitives::{Address, Bytes, Signature, B256},
    sol_types::{eip712_domain, Eip712Domain, SolStruct},
};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The vault's EIP-712 domain: name "BountyVault", version "1", the chain and the vault itself.
pub fn vault_domain(chain_id: u64, vault: Address) -> Eip712Domain {
    eip712_domain! {
        name: "BountyVault",
        version: "1",
        chain_id: chain_id,
        verifying_contract: vault,
    }
}

/// A threshold-signed action: every one consumes the vault's single nonce. On disk it is
/// `{"kind": "EpochRoot", "message": {...}}` with the EIP-712 message JSON (integers as decimal strings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VaultMessage {
    EpochRoot(IBountyVault::EpochRoot),
    UpdateConfig(IBountyVault::UpdateConfig),
    Withdraw(IBountyVault::Withdraw),
    Unpause(IBountyVault::Unpause),
}

impl VaultMessage {
    pub fn signing_hash(&self, domain: &Eip712Domain) -> B256 {
        match self {
            VaultMessage::EpochRoot(m) => m.eip712_signing_hash(domain),
            VaultMessage::UpdateConfig(m) => m.eip712_signing_hash(domain),
            VaultMessage::Withdraw(m) => m.eip712_signing_hash(domain),
            VaultMessage::Unpause(m) => m.eip712_signing_hash(domain),
        }
    }

    /// The typed data as a wallet (or `cast wallet sign --data`) takes it.
    pub fn typed_data(&self, domain: &Eip712Domain) -> TypedData {
        match self {
            VaultMessage::EpochRoot(m) => typed(m, domain, self.message_json()),
            VaultMessage::UpdateConfig(m) => typed(m, domain, self.message_json()),
            VaultMessage::Withdraw(m) => typed(m, domain, self.message_json()),
            VaultMessage::Unpause(m) => typed(m, domain, self.message_json()),
        }
    }

    /// The message as EIP-712 JSON. Written by hand because alloy's `TypedData::from_struct` goes through
    /// `serde_json::Value`, which cannot hold a uint128 total above 2^64; integers are decimal strings here, as
    /// wallets expect for anything beyond 2^53.
    fn message_json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            VaultMessage::EpochRoot(m) => json!({
                "epoch": m.epoch.to_string(),
                "root": m.root,
                "total": m.total.to_string(),
                "count": m.count.to_string(),
                "metadataHash": m.metadataHash,
                "usdPerToken": m.usdPerToken.to_string(),
                "nonce": m.nonce.to_string(),
            }),
            VaultMessage::UpdateConfig(m) => json!({
                "config": {
                    "signers": m.config.signers,
                    "threshold": m.config.threshold.to_string(),
                    "epochCap": m.config.epochCap.to_string(),
                    "challengePeriod": m.config.challengePeriod.to_string(),
                    "claimWindow": m.config.claimWindow.to_string(),
                    "guardian": m.config.guardian,
                },
                "nonce": m.nonce.to_string(),
            }),
            VaultMessage::Withdraw(m) => json!({
                "to": m.to,
                "amount": m.amount.to_string(),
                "nonce": m.nonce.to_string(),
            }),
            VaultMessage::Unpause(m) => json!({ "nonce": m.nonce.to_string() }),
        }
    }

    pub fn nonce(&self) -> alloy::primitives::U256 {
        match self {
            VaultMessage::EpochRoot(m) => m.nonce,
            VaultMessage::UpdateConfig(m) => m.nonce,
            VaultMessage::Withdraw(m) => m.nonce,
            VaultMessage::Unpause(m) => m.nonce,
        }
    }

    /// Short name for file names and messages.
    pub fn kind(&self) -> &'static str {
        match self {
            VaultMessage::EpochRoot(_) => "EpochRoot",
            VaultMessage::UpdateConfig(_) => "UpdateConfig",
            VaultMessage::Withdraw(_) => "Withdraw",
            VaultMessage::Unpause(_) => "Unpause",
        }
    }

    async fn sign(&self, wallet: &Wallet, domain: &Eip712Domain) -> Result<Signature> {
        match self {
            VaultMessage::EpochRoot(m) => wallet.sign_typed(m, domain).await,
            VaultMessage::UpdateConfig(m) => wallet.sign_typed(m, domain).await,
            VaultMessage::Withdraw(m) => wallet.sign_typed(m, domain).await,
            VaultMessage::Unpause(m) => wallet.sign_typed(m, domain).await,
        }
    }
}

impl Serialize for VaultMessage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serde_json::json!({ "kind": self.kind(), "message": self.message_json() }).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for VaultMessage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(deserializer)?;
        VaultMessage::from_json(&v).map_err(serde::de::Error::custom)
    }
}

impl VaultMessage {
    /// Parses `{"kind", "message"}` as written by `Serialize`; errors name the missing or bad field.
    fn from_json(v: &serde_json::Value) -> std::result::Result<Self, String> {
        use std::str::FromStr;
        let m = v.get("message").ok_or("missing `message`")?;
        fn field<'a>(m: &'a serde_json::Value, name: &str) -> std::result::Result<&'a serde_json::Value, String> {
            m.get(name).ok_or_else(|| format!("message: missing `{name}`"))
        }
        fn num<T: FromStr>(m: &serde_json::Value, name: &str) -> std::result::Result<T, String> {
            let value = field(m, name)?;
            let text = value.as_str().map(str::to_string).unwrap_or_else(|| value.to_string());
            text.parse().map_err(|_| format!("message: `{name}` is not a valid number: {text}"))
        }
        fn parse<T: serde::de::DeserializeOwned>(m: &serde_json::Value, name: &str) -> std::result::Result<T, String> {
            serde_json::from_value(field(m, name)?.clone()).map_err(|e| format!("message: `{name}`: {e}"))
        }
        match v.get("kind").and_then(|k| k.as_str()) {
            Some("EpochRoot") => Ok(VaultMessage::EpochRoot(IBountyVault::EpochRoot {
                epoch: num(m, "epoch")?,
                root: parse(m, "root")?,
                total: num(m, "total")?,
                count: num(m, "count")?,
                metadataHash: parse(m, "metadataHash")?,
                usdPerToken: num(m, "usdPerToken")?,
                nonce: num(m, "nonce")?,
            })),
            Some("UpdateConfig") => {
                let c = field(m, "config")?;
                Ok(VaultMessage::UpdateConfig(IBountyVault::UpdateConfig {
                    config: IBountyVault::Config {
                        signers: parse(c, "signers")?,
                        threshold: num(c, "threshold")?,
                        epochCap: num(c, "epochCap")?,
                        challengePeriod: num(c, "challengePeriod")?,
                        claimWindow: num(c, "claimWindow")?,
                        guardian: parse(c, "guardian")?,
                    },
                    nonce: num(m, "nonce")?,
                }))
            }
            Some("Withdraw") => Ok(VaultMessage::Withdraw(IBountyVault::Withdraw {
                to: parse(m, "to")?,
                amount: num(m, "amount")?,
                nonce: num(m, "nonce")?,
            })),
            Some("Unpause") => Ok(VaultMessage::Unpause(IBountyVault::Unpause { nonce: num(m, "nonce")? })),
            other => Err(format!("unknown kind {other:?}")),
        }
    }
}

fn typed<S: SolStruct>(_: &S, domain: &Eip712Domain, message: serde_json::Value) -> TypedData {
    let mut resolver = alloy::dyn_abi::eip712::Resolver::from_struct::<S>();
    resolver.ingest_string(domain.encode_type()).expect("the domain type string is valid");
    TypedData { domain: domain.clone(), resolver, primary_type: S::NAME.into(), message }
}

/// One signer's signature over one vault message, as written to disk.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignatureFile {
    pub chain_id: u64,
    pub vault: Address,
    pub signer: Address,
    /// The action signed (`{"kind": "EpochRoot", "message": {...}}`).
    pub message: VaultMessage,
    /// The EIP-712 digest, for eyeballing against a hardware wallet's screen or `hashEpochRoot` on the vault.
    pub digest: B256,
    pub signature: Bytes,
    /// The complete typed data (domain, types, primaryType, message).
    pub typed_data: TypedData,
}

impl SignatureFile {
    /// Signs `message` for `vault` on `chain_id` with `wallet` (typed-data signing; works on a Ledger).
    pub async fn sign(wallet: &Wallet, chain_id: u64, vault: Address, message: VaultMessage) -> Result<Self> {
        let domain = vault_domain(chain_id, vault);
        let signature = message.sign(wallet, &domain).await?;
        Ok(Self {
            chain_id,
            vault,
            signer: wallet.address(),
            digest: message.signing_hash(&domain),
            signature: signature.as_bytes().to_vec().into(),
            typed_data: message.typed_data(&domain),
            message,
        })
    }

    /// Where a signer's file for `base` (usually the claims file) goes: `<base>.sig-<signer>.json`.
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
        let entries = std::fs::read_dir(&dir).map_err(|source| ChainError::Io { path: dir.display().to_string(), source })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".json"))
            })
            .collect();
        found.sort();
        Ok(found)
    }

    /// Writes the file atomically (temp file + rename), so a crash never leaves half a signature behind.
    pub fn write(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_string_pretty(self).expect("signature files serialize");
        write_atomically(path, json.as_bytes())
    }

    /// Reads a signature file and checks it is self-consistent: the typed data hashes to the recorded digest, that
    /// digest is what the message and domain give, and the signature recovers to the recorded signer (skipped for
    /// contract signers, whose ERC-1271 check only the vault can run).
    pub fn read(path: &Path) -> Result<Self> {
        let bad = |reason: String| ChainError::SignatureFile { path: path.display().to_string(), reason };
        let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
        let file: SignatureFile = serde_json::from_str(&text).map_err(|e| bad(format!("not a signature file: {e}")))?;
        let domain = vault_domain(file.chain_id, file.vault);
        let digest = file.message.signing_hash(&domain);
        if digest != file.digest {
            return Err(bad(format!("the message hashes to {digest}, not the recorded digest {}", file.digest)));
        }
        let typed = file.typed_data.eip712_signing_hash().map_err(|e| bad(format!("typedData: {e}")))?;
        if typed != digest {
            return Err(bad("typedData does not match the message".into()));
        }
        if file.signature.len() == 65 {
            let sig = Signature::try_from(file.signature.as_ref()).map_err(|e| bad(format!("signature: {e}")))?;
            let recovered = sig.recover_address_from_prehash(&digest).map_err(|e| bad(format!("signature: {e}")))?;
            if recovered != file.signer {
                return Err(bad(format!("signed by {recovered}, not by the recorded signer {}", file.signer)));
            }
        }
        Ok(file)
    }

    pub fn as_signer_signature(&self) -> SignerSignature {
        SignerSignature { signer: self.signer, signature: self.signature.clone() }
    }
}

/// Sorts signatures by ascending signer address, as the vault requires, and refuses duplicates.
pub fn sorted_signatures(files: &[SignatureFile]) -> Result<Vec<SignerSignature>> {
    let mut sigs: Vec<SignerSignature> = files.iter().map(SignatureFile::as_signer_signature).collect();
    sigs.sort_by_key(|s| s.signer);
    if let Some(w) = sigs.windows(2).find(|w| w[0].signer == w[1].signer) {
        return Err(ChainError::Invalid(format!("two signature files from the same signer {}", w[0].signer)));
    }
    Ok(sigs)
}

/// Temp file in the same directory + rename: readers see the old file or the new one, never a torn write.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| ChainError::Io { path: path.display().to_string(), source };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("out"),
        std::process::id()
    ));
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy::{primitives::U256, signers::local::PrivateKeySigner};

    fn root(nonce: u64) -> VaultMessage {
        VaultMessage::EpochRoot(IBountyVault::EpochRoot {
            epoch: 20262,
            root: B256::repeat_byte(7),
            total: 1_000 * 10u128.pow(18), // above 2^64: the case serde_json::Value cannot hold
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

    #[test]
    fn the_typed_data_hash_is_the_struct_hash() {
        let domain = vault_domain(1, Address::repeat_byte(1));
        let config = IBountyVault::Config {
            signers: vec![Address::repeat_byte(1), Address::repeat_byte(2)],
            threshold: 2,
            epochCap: u128::MAX,
            challengePeriod: 1_209_600,
            claimWindow: 0,
            guardian: Address::ZERO,
        };
        for m in [
            root(4),
            VaultMessage::UpdateConfig(IBountyVault::UpdateConfig { config, nonce: U256::from(5u64) }),
            VaultMessage::Withdraw(IBountyVault::Withdraw { to: Address::repeat_byte(3), amount: U256::MAX, nonce: U256::ZERO }),
            VaultMessage::Unpause(IBountyVault::Unpause { nonce: U256::from(9u64) }),
        ] {
            assert_eq!(m.typed_data(&domain).eip712_signing_hash().unwrap(), m.signing_hash(&domain), "{}", m.kind());
            let text = serde_json::to_string(&m).unwrap();
            assert_eq!(serde_json::from_str::<VaultMessage>(&text).unwrap(), m, "{text}");
        }
    }
}

/// A governance change waiting for signatures: written by `bounty governance …`, signed and submitted like a
/// claims file. It pins the nonce it was made at, so it is spent by the first action that reaches the vault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    /// Always "BountyVault governance": tells a proposal from a claims file.
    pub proposal: String,
    pub chain_id: u64,
    pub vault: Address,
    pub message: VaultMessage,
}

impl Proposal {
    pub const TAG: &'static str = "BountyVault governance";

    pub fn new(chain_id: u64, vault: Address, message: VaultMessage) -> Self {
        Self { proposal: Self::TAG.to_string(), chain_id, vault, message }
    }

    pub fn write(&self, path: &Path) -> Result<()> {
        write_atomically(path, serde_json::to_string_pretty(self).expect("proposals serialize").as_bytes())
    }

    /// Reads a proposal; `Ok(None)` if the JSON is something else (a claims file).
    pub fn read(path: &Path) -> Result<Option<Self>> {
        let text = std::fs::read_to_string(path).map_err(|source| ChainError::Io { path: path.display().to_string(), source })?;
        let value: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| ChainError::Invalid(format!("{}: not JSON: {e}", path.display())))?;
        if value.get("proposal").and_then(|p| p.as_str()) != Some(Self::TAG) {
            return Ok(None);
        }
        serde_json::from_value(value)
            .map(Some)
            .map_err(|e| ChainError::Invalid(format!("{}: malformed proposal: {e}", path.display())))
    }
}
