//! The vault's threshold-signed messages and their EIP-712 encoding.
//!
//! One generic path, on `alloy-dyn-abi`, turns any `sol!` struct into EIP-712 typed data and back: the struct is
//! ABI-encoded and decoded as the `DynSolType` its own type string resolves to, then written as JSON with every
//! integer as a decimal string (wallets expect that for anything beyond 2^53, and `serde_json::Value` cannot hold a
//! uint128 above 2^64, which is why alloy's `TypedData::from_struct` is not used); reading coerces the JSON with the
//! same resolver and decodes the ABI bytes back into the struct.

use crate::bindings::IBountyVault;
use alloy::{
    dyn_abi::{eip712::Resolver, DynSolType, DynSolValue, TypedData},
    primitives::{Address, B256, U256},
    sol_types::{eip712_domain, Eip712Domain, SolStruct, SolValue},
};
use serde::{Deserialize, Serialize};

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
    /// Post an epoch's root.
    EpochRoot(IBountyVault::EpochRoot),
    /// Replace the configuration.
    UpdateConfig(IBountyVault::UpdateConfig),
    /// Withdraw available budget.
    Withdraw(IBountyVault::Withdraw),
    /// Resume a paused vault.
    Unpause(IBountyVault::Unpause),
    /// Uphold or dismiss a dispute.
    ResolveDispute(IBountyVault::ResolveDispute),
}

/// Applies one generic expression to whichever struct a [`VaultMessage`] holds.
macro_rules! each {
    ($message:expr, $m:ident => $body:expr) => {
        match $message {
            VaultMessage::EpochRoot($m) => $body,
            VaultMessage::UpdateConfig($m) => $body,
            VaultMessage::Withdraw($m) => $body,
            VaultMessage::Unpause($m) => $body,
            VaultMessage::ResolveDispute($m) => $body,
        }
    };
}

impl VaultMessage {
    /// The EIP-712 digest the signers sign and the vault checks.
    pub fn signing_hash(&self, domain: &Eip712Domain) -> B256 {
        each!(self, m => m.eip712_signing_hash(domain))
    }

    /// The typed data as a wallet (or `cast wallet sign --data`) takes it.
    pub fn typed_data(&self, domain: &Eip712Domain) -> TypedData {
        each!(self, m => typed_data(m, domain))
    }

    /// The nonce the message was signed at.
    pub fn nonce(&self) -> U256 {
        match self {
            Self::EpochRoot(m) => m.nonce,
            Self::UpdateConfig(m) => m.nonce,
            Self::Withdraw(m) => m.nonce,
            Self::Unpause(m) => m.nonce,
            Self::ResolveDispute(m) => m.nonce,
        }
    }

    /// The EIP-712 primary type (`EpochRoot`, …), also the on-disk `kind`.
    pub fn kind(&self) -> &'static str {
        each!(self, m => struct_name(m))
    }

    /// The message part of the typed data (integers as decimal strings).
    fn message_json(&self) -> serde_json::Value {
        each!(self, m => to_json(&as_dyn(m)))
    }

    /// Parses a message of `kind` from its EIP-712 JSON.
    fn from_json(kind: &str, message: serde_json::Value) -> Result<Self, alloy::dyn_abi::Error> {
        Ok(match kind {
            "EpochRoot" => Self::EpochRoot(from_json(message)?),
            "UpdateConfig" => Self::UpdateConfig(from_json(message)?),
            "Withdraw" => Self::Withdraw(from_json(message)?),
            "Unpause" => Self::Unpause(from_json(message)?),
            "ResolveDispute" => Self::ResolveDispute(from_json(message)?),
            other => return Err(alloy::dyn_abi::Error::MissingType(other.to_string())),
        })
    }
}

fn struct_name<S: SolStruct>(_: &S) -> &'static str {
    S::NAME
}

/// The struct as a `DynSolValue` of its own EIP-712 type (a `CustomStruct` with field names).
fn as_dyn<S: SolStruct + SolValue>(m: &S) -> DynSolValue {
    let ty = resolver::<S>().resolve(S::NAME).expect("a sol! struct's type string resolves");
    ty.abi_decode(&m.abi_encode()).expect("a struct decodes as its own type")
}

fn resolver<S: SolStruct>() -> Resolver {
    Resolver::from_struct::<S>()
}

/// EIP-712 typed data for `m` under `domain`.
pub fn typed_data<S: SolStruct + SolValue>(m: &S, domain: &Eip712Domain) -> TypedData {
    let mut resolver = resolver::<S>();
    resolver.ingest_string(domain.encode_type()).expect("the domain type string is valid");
    TypedData { domain: domain.clone(), resolver, primary_type: S::NAME.into(), message: to_json(&as_dyn(m)) }
}

/// Parses a struct from its EIP-712 message JSON (numbers as strings or JSON numbers).
pub fn from_json<S: SolStruct + SolValue + From<<S::SolType as alloy::sol_types::SolType>::RustType>>(
    message: serde_json::Value,
) -> Result<S, alloy::dyn_abi::Error> {
    let ty: DynSolType = resolver::<S>().resolve(S::NAME)?;
    let value = ty.coerce_json(&message)?;
    Ok(<S as SolValue>::abi_decode(&value.abi_encode())?)
}

/// A `DynSolValue` as EIP-712 JSON: integers as decimal strings, addresses checksummed, bytes as hex.
fn to_json(value: &DynSolValue) -> serde_json::Value {
    use serde_json::Value;
    match value {
        DynSolValue::Bool(b) => Value::Bool(*b),
        DynSolValue::Int(i, _) => Value::String(i.to_string()),
        DynSolValue::Uint(u, _) => Value::String(u.to_string()),
        DynSolValue::Address(a) => Value::String(a.to_checksum(None)),
        DynSolValue::FixedBytes(word, size) => Value::String(alloy::hex::encode_prefixed(&word[..*size])),
        DynSolValue::Bytes(b) => Value::String(alloy::hex::encode_prefixed(b)),
        DynSolValue::String(s) => Value::String(s.clone()),
        DynSolValue::Array(items) | DynSolValue::FixedArray(items) | DynSolValue::Tuple(items) => {
            Value::Array(items.iter().map(to_json).collect())
        }
        DynSolValue::CustomStruct { prop_names, tuple, .. } => {
            Value::Object(prop_names.iter().cloned().zip(tuple.iter().map(to_json)).collect())
        }
        DynSolValue::Function(f) => Value::String(f.to_string()),
    }
}

impl Serialize for VaultMessage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_json::json!({ "kind": self.kind(), "message": self.message_json() }).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for VaultMessage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            kind: String,
            message: serde_json::Value,
        }
        let raw = Raw::deserialize(deserializer)?;
        Self::from_json(&raw.kind, raw.message).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn root(nonce: u64) -> VaultMessage {
        VaultMessage::EpochRoot(IBountyVault::EpochRoot {
            epoch: 20262,
            root: B256::repeat_byte(7),
            total: 1_000 * 10u128.pow(18), // above 2^64: the case serde_json::Value cannot hold as a number
            count: 3,
            metadataHash: B256::repeat_byte(9),
            usdPerToken: U256::from(10u64).pow(U256::from(19u64)),
            nonce: U256::from(nonce),
        })
    }

    #[test]
    fn typed_data_hashes_to_the_struct_hash_and_round_trips() {
        let domain = vault_domain(1, Address::repeat_byte(1));
        let config = IBountyVault::Config {
            signers: vec![Address::repeat_byte(1), Address::repeat_byte(2)],
            threshold: 2,
            epochCap: u128::MAX,
            challengePeriod: 1_209_600,
            claimWindow: 0,
            guardian: Address::ZERO,
            disputeBond: u128::MAX,
        };
        for m in [
            root(4),
            VaultMessage::UpdateConfig(IBountyVault::UpdateConfig { config, nonce: U256::from(5u64) }),
            VaultMessage::Withdraw(IBountyVault::Withdraw {
                to: Address::repeat_byte(3),
                amount: U256::MAX,
                nonce: U256::ZERO,
            }),
            VaultMessage::Unpause(IBountyVault::Unpause { pause: 2, nonce: U256::from(9u64) }),
            VaultMessage::ResolveDispute(IBountyVault::ResolveDispute {
                epoch: 20262,
                upheld: true,
                nonce: U256::from(3u64),
            }),
        ] {
            assert_eq!(m.typed_data(&domain).eip712_signing_hash().unwrap(), m.signing_hash(&domain), "{}", m.kind());
            let text = serde_json::to_string(&m).unwrap();
            assert_eq!(serde_json::from_str::<VaultMessage>(&text).unwrap(), m, "{text}");
        }
        let json = serde_json::to_value(root(0)).unwrap();
        assert_eq!(json["message"]["total"], "1000000000000000000000");
        assert_eq!(json["kind"], "EpochRoot");
    }

    #[test]
    fn unknown_kinds_and_bad_fields_are_refused() {
        assert!(serde_json::from_str::<VaultMessage>(r#"{"kind":"Steal","message":{}}"#).is_err());
        let err = serde_json::from_str::<VaultMessage>(r#"{"kind":"Unpause","message":{"nonce":"x"}}"#).unwrap_err();
        assert!(!err.to_string().is_empty());
    }
}
