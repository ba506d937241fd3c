//! Simulate-before-send: every transaction is first run with `eth_call` (a revert comes back as a sentence and
//! nothing is sent), its gas estimated and shown, and only then signed and sent. `--dry-run` stops after the
//! simulation and hands back `to` + calldata. A send whose answer is lost is found again by its hash, never re-sent.

use crate::{
    client::Client,
    error::{ChainError, Result},
    revert::Revert,
};
use alloy::{
    network::{Ethereum, EthereumWallet, NetworkTransactionBuilder, TransactionBuilder},
    primitives::{Address, Bytes, TxHash},
    providers::{PendingTransactionBuilder, Provider},
    rpc::types::{TransactionReceipt, TransactionRequest},
    sol_types::SolCall,
    transports::TransportError,
};

/// One transaction the user is about to send: what it does, where, and its calldata.
#[derive(Clone, Debug, serde::Serialize)]
pub struct TxPlan {
    /// Human name of the action, used in messages ("postRoot for epoch 20262 (2026-Q2)").
    pub action: String,
    /// The contract called.
    pub to: Address,
    /// The calldata.
    pub data: Bytes,
}

impl TxPlan {
    /// A plan to call `call` on `to`.
    pub fn new<C: SolCall>(action: impl Into<String>, to: Address, call: &C) -> Self {
        Self { action: action.into(), to, data: call.abi_encode().into() }
    }
}

/// The outcome of a simulation: the gas it needs and what the call returned.
#[derive(Clone, Debug)]
pub struct Simulation {
    /// `eth_estimateGas`.
    pub gas: u64,
    /// What the call returned.
    pub output: Bytes,
}

/// A mined, successful transaction.
#[derive(Clone, Debug)]
pub struct Sent {
    /// The transaction hash.
    pub hash: TxHash,
    /// Gas used.
    pub gas_used: u64,
    /// The block it was mined in.
    pub block: u64,
    /// The whole receipt.
    pub receipt: TransactionReceipt,
}

impl Client {
    /// Runs `plan` with `eth_call` and `eth_estimateGas` from `from` (the sender, or the account a `--calldata`
    /// user will send from). A revert becomes `ChainError::Reverted` with the decoded reason.
    pub async fn simulate(&self, plan: &TxPlan, from: Option<Address>) -> Result<Simulation> {
        let mut tx = TransactionRequest::default().with_to(plan.to).with_input(plan.data.clone());
        if let Some(from) = from.or(self.sender()) {
            tx = tx.with_from(from);
        }
        let output = self.provider.call(tx.clone()).await.map_err(|e| self.revert_or_rpc(e, &plan.action))?;
        let gas = self.provider.estimate_gas(tx).await.map_err(|e| self.revert_or_rpc(e, &plan.action))?;
        Ok(Simulation { gas, output })
    }

    /// Simulates `plans` in order as one sender's transactions, each seeing the state the ones before it leave (an
    /// `approve`, then the call that spends it), with `eth_simulateV1`: the gas each would use, or the first one's
    /// revert as a sentence. `Ok(None)` when the node does not offer `eth_simulateV1` (then only the first plan can
    /// be simulated before anything is mined).
    pub async fn simulate_sequence(&self, plans: &[TxPlan], from: Address) -> Result<Option<Vec<u64>>> {
        use alloy::rpc::types::simulate::{SimBlock, SimulatePayload};
        let calls = plans
            .iter()
            .map(|p| TransactionRequest::default().with_from(from).with_to(p.to).with_input(p.data.clone()))
            .collect();
        let payload = SimulatePayload {
            block_state_calls: vec![SimBlock { block_overrides: None, state_overrides: None, calls }],
            trace_transfers: false,
            validation: false,
            return_full_transactions: false,
        };
        let blocks = match self.provider.simulate(&payload).await {
            Ok(blocks) => blocks,
            // -32601 method not found; some nodes answer "not supported"/-32600 for methods they lack.
            Err(e) if e.as_error_resp().is_some_and(|r| r.code == -32601 || r.code == -32600) => return Ok(None),
            Err(e) => return Err(self.revert_or_rpc(e, plans.first().map_or("", |p| &p.action))),
        };
        let results = blocks.into_iter().flat_map(|b| b.calls).collect::<Vec<_>>();
        let mut gas = Vec::with_capacity(plans.len());
        for (plan, result) in plans.iter().zip(&results) {
            if !result.status {
                let data =
                    result.error.as_ref().and_then(|e| e.data.clone()).unwrap_or_else(|| result.return_data.clone());
                let revert = match &result.error {
                    Some(e) if data.is_empty() => Revert::Bare(e.message.clone()),
                    _ => Revert::decode(&data),
                };
                return Err(ChainError::Reverted { action: plan.action.clone(), revert });
            }
            gas.push(result.gas_used);
        }
        Ok(Some(gas))
    }

    /// Simulates, then signs and sends `plan` with the estimate plus a 20 % margin, and waits for the receipt.
    pub async fn send(&self, plan: &TxPlan) -> Result<Sent> {
        let from = self.wallet(&plan.action)?.address();
        let sim = self.simulate(plan, Some(from)).await?;
        self.send_simulated(plan, &sim).await
    }

    /// Sends a plan that was just simulated (so the caller could show the estimate first).
    pub async fn send_simulated(&self, plan: &TxPlan, sim: &Simulation) -> Result<Sent> {
        let from = self.wallet(&plan.action)?.address();
        let tx = TransactionRequest::default()
            .with_from(from)
            .with_to(plan.to)
            .with_input(plan.data.clone())
            .with_gas_limit(sim.gas.saturating_mul(12) / 10);
        // Nonce, fees and signature filled here rather than by the provider's fillers inside `send_transaction`,
        // so the hash is known before anything is sent.
        let rpc = |e| self.revert_or_rpc(e, &plan.action);
        let nonce = self.provider.get_transaction_count(from).pending().await.map_err(rpc)?;
        let fees = self.provider.estimate_eip1559_fees().await.map_err(rpc)?;
        let tx = tx
            .with_nonce(nonce)
            .with_chain_id(self.chain_id)
            .with_max_fee_per_gas(fees.max_fee_per_gas)
            .with_max_priority_fee_per_gas(fees.max_priority_fee_per_gas);
        let signer = EthereumWallet::from(self.wallet(&plan.action)?.clone());
        let envelope = <TransactionRequest as NetworkTransactionBuilder<Ethereum>>::build(tx, &signer)
            .await
            .map_err(|e| ChainError::Signer(alloy::signers::Error::other(e)))?;
        let hash = *envelope.tx_hash();
        let pending = match self.provider.send_tx_envelope(envelope).await {
            Ok(pending) => pending,
            // The node may hold the transaction although we never heard so: the answer was lost with the
            // connection, and the retry of the same bytes got "nonce too low" or "already known". Look it up by hash
            // before calling it a failure, so nobody re-runs (and pays) what was already sent.
            Err(e) => match self.provider.get_transaction_by_hash(hash).await {
                Ok(Some(_)) => PendingTransactionBuilder::new(self.provider.root().clone(), hash),
                _ => return Err(self.revert_or_rpc(e, &plan.action)),
            },
        };
        let receipt = pending
            .get_receipt()
            .await
            .map_err(|source| ChainError::NoReceipt { action: plan.action.clone(), source })?;
        if !receipt.status() {
            return Err(ChainError::FailedOnChain { action: plan.action.clone(), tx: receipt.transaction_hash });
        }
        Ok(Sent {
            hash: receipt.transaction_hash,
            gas_used: receipt.gas_used,
            block: receipt.block_number.unwrap_or_default(),
            receipt,
        })
    }

    /// A JSON-RPC error that carries revert data is the contract speaking: decode it. Anything else is the RPC.
    pub(crate) fn revert_or_rpc(&self, e: TransportError, action: &str) -> ChainError {
        // Some nodes report a bare revert ("execution reverted", JSON-RPC code 3 or -32000) without data: that is the
        // contract speaking too, so it is named as a revert, with the node's message.
        let bare = e.as_error_resp().filter(|r| r.data.is_none() && r.message.contains("revert"));
        if let Some(resp) = bare {
            return ChainError::Reverted { action: action.to_string(), revert: Revert::Bare(resp.message.to_string()) };
        }
        ChainError::from(e).for_action(action)
    }
}
