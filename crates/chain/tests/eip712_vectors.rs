//! The shared EIP-712 vectors (`tests/vectors/eip712.json`, made with `cast` and checked by the forge suite against
//! the vault's `hash*` views): the Rust side must produce the same type hashes and digests from the `sol!` structs
//! of `contracts/interfaces/IBountyVault.sol`, the wallet-facing typed data must hash to the same digest, and the recorded
//! `cast wallet sign --data` signatures must recover the vector's signer.

use alloy::{
    dyn_abi::TypedData,
    primitives::{Address, Signature, B256, U256},
    sol_types::{Eip712Domain, SolStruct},
};
use bounty_chain::{bindings::IBountyVault, vault_domain};
use serde_json::Value;
use std::path::Path;

fn vectors() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/eip712.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn field<'a>(v: &'a Value, name: &str) -> &'a Value {
    v.get(name).unwrap_or_else(|| panic!("vector has no field `{name}`: {v}"))
}

fn string(v: &Value, name: &str) -> String {
    field(v, name).as_str().unwrap_or_else(|| panic!("`{name}` is not a string")).to_owned()
}

fn parsed<T: std::str::FromStr>(v: &Value, name: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    let s = match field(v, name) {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    s.parse().unwrap_or_else(|e| panic!("`{name}` = {s}: {e:?}"))
}

fn domain(v: &Value) -> Eip712Domain {
    let d = field(v, "domain");
    vault_domain(parsed(d, "chainId"), parsed(d, "verifyingContract"))
}

/// Checks one message: type hash, digest from the `sol!` struct, digest from the JSON typed data, signature.
fn check<S: SolStruct>(all: &Value, name: &str, build: impl Fn(&Value) -> S) {
    let entry = field(all, name);
    let typed = field(entry, "typedData");
    let message = build(field(typed, "message"));
    let domain = domain(all);

    assert_eq!(message.eip712_type_hash(), parsed::<B256>(entry, "typeHash"), "{name}: type hash");
    assert_eq!(S::eip712_encode_type(), string(entry, "typeString"), "{name}: type string");
    let digest: B256 = parsed(entry, "digest");
    assert_eq!(message.eip712_signing_hash(&domain), digest, "{name}: digest from the sol! struct");

    // What a wallet or `cast wallet sign --data` is given must hash to the same digest.
    let wallet_view: TypedData = serde_json::from_value(typed.clone()).expect("typed data parses");
    assert_eq!(wallet_view.eip712_signing_hash().expect("typed data hashes"), digest, "{name}: digest from JSON");

    let signature: Signature = parsed(entry, "signature");
    let signer: Address = parsed(all, "signer");
    assert_eq!(signature.recover_address_from_prehash(&digest).expect("recovers"), signer, "{name}: signer");
}

#[test]
fn domain_separator_matches() {
    let all = vectors();
    assert_eq!(domain(&all).separator(), parsed::<B256>(&all, "domainSeparator"));
}

#[test]
fn epoch_root_matches_the_vault() {
    check(&vectors(), "EpochRoot", |m| IBountyVault::EpochRoot {
        epoch: parsed(m, "epoch"),
        root: parsed(m, "root"),
        total: parsed(m, "total"),
        count: parsed(m, "count"),
        metadataHash: parsed(m, "metadataHash"),
        usdPerToken: parsed(m, "usdPerToken"),
        nonce: parsed(m, "nonce"),
    });
}

#[test]
fn update_config_matches_the_vault() {
    check(&vectors(), "UpdateConfig", |m| {
        let c = field(m, "config");
        let signers = field(c, "signers")
            .as_array()
            .expect("signers is an array")
            .iter()
            .map(|s| s.as_str().expect("signer is a string").parse().expect("signer is an address"))
            .collect();
        IBountyVault::UpdateConfig {
            config: IBountyVault::Config {
                signers,
                threshold: parsed(c, "threshold"),
                epochCap: parsed(c, "epochCap"),
                challengePeriod: parsed(c, "challengePeriod"),
                claimWindow: parsed(c, "claimWindow"),
                guardian: parsed(c, "guardian"),
                disputeBond: parsed(c, "disputeBond"),
            },
            nonce: parsed(m, "nonce"),
        }
    });
}

#[test]
fn withdraw_matches_the_vault() {
    check(&vectors(), "Withdraw", |m| IBountyVault::Withdraw {
        to: parsed(m, "to"),
        amount: parsed::<U256>(m, "amount"),
        nonce: parsed(m, "nonce"),
    });
}

#[test]
fn unpause_matches_the_vault() {
    check(&vectors(), "Unpause", |m| IBountyVault::Unpause { pause: parsed(m, "pause"), nonce: parsed(m, "nonce") });
}

#[test]
fn resolve_dispute_matches_the_vault() {
    check(&vectors(), "ResolveDispute", |m| IBountyVault::ResolveDispute {
        epoch: parsed(m, "epoch"),
        upheld: m["upheld"].as_bool().expect("upheld is a bool"),
        nonce: parsed(m, "nonce"),
    });
}

#[test]
fn claim_consent_matches_the_vault() {
    check(&vectors(), "ClaimConsent", |m| IBountyVault::ClaimConsent {
        account: parsed(m, "account"),
        recipient: parsed(m, "recipient"),
        claims: field(m, "claims")
            .as_array()
            .expect("claims is an array")
            .iter()
            .map(|r| IBountyVault::ClaimRef {
                epoch: parsed(r, "epoch"),
                root: parsed(r, "root"),
                index: parsed(r, "index"),
            })
            .collect(),
        nonce: parsed(m, "nonce"),
        deadline: parsed(m, "deadline"),
    });
}
