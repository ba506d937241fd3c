//! Deploying the vault (same parameters as `script/Deploy.s.sol`) from the committed artifact `abi/BountyVault.json`.

use crate::{
    bindings::IBountyVault::{Cadence as VaultCadence, Config},
    client::Client,
    error::{ChainError, Result},
};
use alloy::{
    network::TransactionBuilder,
    primitives::{Address, Bytes},
    providers::Provider,
    rpc::types::TransactionRequest,
    sol_types::SolValue,
};
use bounty_core::Cadence;

/// The vault's creation bytecode, exported from forge's out/ by `script/artifacts`.
const VAULT_ARTIFACT: &str = include_str!("../../../abi/BountyVault.json");

/// The creation bytecode of a committed artifact (`{"bytecode": {"object": "0x…"}}`, as `script/artifacts` writes).
pub fn creation_code(artifact: &str) -> Bytes {
    #[derive(serde::Deserialize)]
    struct Artifact {
        bytecode: Code,
    }
    #[derive(serde::Deserialize)]
    struct Code {
        object: Bytes,
    }
    serde_json::from_str::<Artifact>(artifact).expect("committed artifact is valid JSON").bytecode.object
}

/// A deployed vault: its address and the block it was deployed in (where scans of its events start).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deployment {
    /// The vault.
    pub address: Address,
    /// Its deployment block.
    pub block: u64,
}

/// Deploys a `BountyVault(token, cadence, config)`, simulating first.
pub async fn deploy_vault(chain: &Client, token: Address, cadence: Cadence, config: Config) -> Result<Deployment> {
    let from = chain.wallet("deploy")?.address();
    let mut code = creation_code(VAULT_ARTIFACT).to_vec();
    code.extend_from_slice(&(token, VaultCadence::from(cadence), config).abi_encode_params());
    let tx = TransactionRequest::default().with_from(from).with_deploy_code(code);
    chain.provider.call(tx.clone()).await.map_err(|e| chain.revert_or_rpc(e, "deploying the vault"))?;
    let receipt = chain
        .provider
        .send_transaction(tx)
        .await
        .map_err(|e| chain.revert_or_rpc(e, "deploying the vault"))?
        .get_receipt()
        .await
        .map_err(|source| ChainError::NoReceipt { action: "deploying the vault".into(), source })?;
    let address = receipt
        .contract_address
        .filter(|_| receipt.status())
        .ok_or(ChainError::FailedOnChain { action: "deploying the vault".into(), tx: receipt.transaction_hash })?;
    Ok(Deployment { address, block: receipt.block_number.unwrap_or_default() })
}
