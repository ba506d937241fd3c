//! What a Ledger shows for typed data in hashed mode — "Domain hash" and "Message hash" — for every message a
//! signer or helper signs (the five vault messages and the claim consent from the shared vectors, a Safe owner's
//! SafeMessage, a self-report), computed by this code and independently by ethers v5's `_TypedDataEncoder`
//! (`script/vectors/device-hashes.mjs`), and checked to make up the digest that is signed.

use alloy::{
    dyn_abi::TypedData,
    primitives::{keccak256, Address, B256},
};
use bounty_core::{report::SelfReport, Decimal, Measure};
use serde_json::Value;
use std::{
    io::Write,
    path::Path,
    process::{Command, Stdio},
};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn payloads() -> Vec<(String, TypedData)> {
    let text = std::fs::read_to_string(root().join("tests/vectors/eip712.json")).unwrap();
    let vectors: Value = serde_json::from_str(&text).unwrap();
    let mut out: Vec<(String, TypedData)> =
        ["EpochRoot", "UpdateConfig", "Withdraw", "Unpause", "ResolveDispute", "ClaimConsent"]
            .iter()
            .map(|name| (name.to_string(), serde_json::from_value(vectors[name]["typedData"].clone()).unwrap()))
            .collect();
    let digest: B256 = vectors["EpochRoot"]["digest"].as_str().unwrap().parse().unwrap();
    let (safe_message, _) = bounty_chain::safe::safe_message(1, Address::repeat_byte(0x5a), digest);
    out.push(("SafeMessage".into(), safe_message));
    let report = SelfReport {
        program: "rocket-pool-support".into(),
        chain_id: 1,
        vault: Address::repeat_byte(0x11),
        epoch: "2026-Q2".parse().unwrap(),
        account: Address::repeat_byte(0x22),
        handle: "patches".into(),
        measure: Measure::Hours,
        value: Decimal::parse("12.5", 6).unwrap(),
        note: "#support, EU mornings — ünïcode".into(),
        sequence: 1_781_913_600,
    };
    out.push(("SelfReport".into(), bounty_chain::report::typed_data(&report)));
    out
}

#[test]
fn the_device_hashes_agree_with_ethers_and_make_up_the_digest() {
    let payloads = payloads();
    let json = serde_json::to_string(&payloads.iter().map(|(_, t)| t).collect::<Vec<_>>()).unwrap();
    let mut child = Command::new("node")
        .arg(root().join("script/vectors/device-hashes.mjs"))
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    child.stdin.take().unwrap().write_all(json.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "device-hashes.mjs failed");
    let theirs: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    for ((name, typed), independent) in payloads.iter().zip(&theirs) {
        let domain = typed.domain.hash_struct();
        let message = typed.hash_struct().unwrap();
        assert_eq!(domain.to_string(), independent["domainHash"].as_str().unwrap(), "{name}: domain hash");
        assert_eq!(message.to_string(), independent["messageHash"].as_str().unwrap(), "{name}: message hash");
        let digest = keccak256([&[0x19, 0x01][..], &domain[..], &message[..]].concat());
        assert_eq!(digest, typed.eip712_signing_hash().unwrap(), "{name}: the two hashes make up the digest");
    }
}
