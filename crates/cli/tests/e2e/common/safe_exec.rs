//! What a Safe's owners do with a Transaction Builder batch in the Safe app, done with the real Safe v1.4.1 on anvil:
//! one transaction is a plain call; several go through `MultiSendCallOnly` (delegatecalled, as the app does); the
//! owners sign the SafeTx hash the Safe itself computes (`getTransactionHash`), and `execTransaction` runs it.

use alloy::{
    primitives::{Address, Bytes, U256},
    signers::{local::PrivateKeySigner, SignerSync},
    sol_types::SolEvent,
};
use bounty_chain::Client;
use bounty_devnet::contracts::{MultiSendCallOnly, Safe};
use serde_json::Value;

/// Executes the batch file at `path` through `safe`, signed by `owners` (at least its threshold).
pub(crate) async fn execute_batch(chain: &Client, safe: Address, owners: &[&PrivateKeySigner], path: &std::path::Path) {
    let batch: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(bounty_chain::safe_batch::checksum_matches(&batch), "the Safe app would warn about the checksum");
    assert_eq!(batch["meta"]["createdFromSafeAddress"].as_str().unwrap().parse::<Address>().unwrap(), safe);
    assert_eq!(batch["chainId"].as_str().unwrap(), chain.chain_id.to_string());
    let calls: Vec<(Address, U256, Bytes)> = batch["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["to"].as_str().unwrap().parse().unwrap(),
                t["value"].as_str().unwrap().parse().unwrap(),
                t["data"].as_str().unwrap().parse().unwrap(),
            )
        })
        .collect();
    let (to, value, data, operation) = if calls.len() == 1 {
        let (to, value, data) = calls[0].clone();
        (to, value, data, 0u8)
    } else {
        // MultiSend's packed list: operation (0 = call), to, value, data length, data.
        let mut packed = Vec::new();
        for (to, value, data) in &calls {
            packed.push(0u8);
            packed.extend_from_slice(to.as_slice());
            packed.extend_from_slice(&value.to_be_bytes::<32>());
            packed.extend_from_slice(&U256::from(data.len()).to_be_bytes::<32>());
            packed.extend_from_slice(data);
        }
        let multisend = MultiSendCallOnly::deploy(&chain.provider).await.unwrap();
        let call = MultiSendCallOnly::multiSendCall { transactions: packed.into() };
        (*multisend.address(), U256::ZERO, alloy::sol_types::SolCall::abi_encode(&call).into(), 1u8)
    };
    let s = Safe::new(safe, &chain.provider);
    let nonce = s.nonce().call().await.unwrap();
    let zero = U256::ZERO;
    let hash = s
        .getTransactionHash(to, value, data.clone(), operation, zero, zero, zero, Address::ZERO, Address::ZERO, nonce)
        .call()
        .await
        .unwrap();
    let mut owners = owners.to_vec();
    owners.sort_by_key(|o| o.address());
    let mut signatures = Vec::new();
    for owner in owners {
        signatures.extend_from_slice(&owner.sign_hash_sync(&hash).unwrap().as_bytes());
    }
    let receipt = s
        .execTransaction(to, value, data, operation, zero, zero, zero, Address::ZERO, Address::ZERO, signatures.into())
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert!(receipt.status(), "execTransaction reverted");
    let failed = receipt.inner.logs().iter().any(|l| l.topic0() == Some(&Safe::ExecutionFailure::SIGNATURE_HASH));
    assert!(!failed, "the Safe ran the batch and it failed");
}
