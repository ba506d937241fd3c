//! The payday push: every unclaimed leaf of an epoch, paid with `payBatch` multiproofs in batches sized to the
//! block gas limit. Resumable by construction: the unpaid set is re-read from the vault's claimed bits before each
//! run, and the vault itself skips leaves already claimed, so a re-run after a crash never pays twice.

use crate::{
    claims::{require_posted_root, require_same_vault},
    error::Result,
    tx::{Sent, TxPlan},
    vault::Vault,
};
use alloy::{
    eips::BlockNumberOrTag,
    primitives::{Address, U256},
    providers::Provider,
};
use bounty_core::LoadedClaims;

/// A batch may use at most this fraction of the block gas limit (leaves room for other transactions in the block,
/// and for the estimate to be off).
const BLOCK_SHARE_NUM: u64 = 1;
const BLOCK_SHARE_DEN: u64 = 2;
/// Leaves in the probe batch that measures the gas per leaf.
const PROBE_LEAVES: usize = 8;

type Tree = bounty_core::StandardMerkleTree<bounty_core::ClaimLeaf>;

/// Options for a payout run.
#[derive(Clone, Debug, Default)]
pub struct PayoutOptions {
    /// Most leaves per transaction (default: what fits in half a block).
    pub max_batch: Option<usize>,
    /// Stop after this many transactions (an interrupted run; re-run to continue).
    pub max_batches: Option<usize>,
}

/// What a run will do, before it does it.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PayoutPlan {
    /// The epoch.
    pub epoch: u64,
    /// Leaves in the file.
    pub leaves: usize,
    /// Leaves already paid (by claims or earlier runs).
    pub already_paid: usize,
    /// Leaves this run will pay.
    pub unpaid: usize,
    /// Their sum, base units.
    pub unpaid_amount: U256,
    /// Leaves per transaction.
    pub batch_size: usize,
    /// Transactions.
    pub batches: usize,
    /// Measured gas per leaf (overhead included).
    pub gas_per_leaf: u64,
    /// The latest block's gas limit.
    pub block_gas_limit: u64,
    #[serde(skip)]
    unpaid_positions: Vec<usize>,
}

/// One batch sent.
#[derive(Clone, Debug)]
pub struct BatchDone {
    /// 1-based batch number.
    pub batch: usize,
    /// Leaves in the batch.
    pub leaves: usize,
    /// Leaves the vault newly paid (the rest were paid meanwhile).
    pub paid: usize,
    /// Sum of the batch's leaves, base units.
    pub amount: U256,
    /// The mined transaction.
    pub sent: Sent,
}

/// Reads which leaves are still unpaid and sizes the batches.
pub async fn plan(vault: &Vault, loaded: &LoadedClaims, options: &PayoutOptions) -> Result<PayoutPlan> {
    require_same_vault(loaded, vault)?;
    let f = &loaded.file;
    let info = vault.epoch_info(f.epoch).await?;
    require_posted_root(loaded, &info)?;
    // One multicall per chunk of leaves, not one call per leaf.
    let claimed = vault.claimed_bits(f.epoch, f.claims.iter().map(|c| c.index)).await?;
    let mut unpaid_positions = Vec::new();
    let mut unpaid_amount = U256::ZERO;
    for (pos, (c, paid)) in f.claims.iter().zip(claimed).enumerate() {
        if !paid {
            unpaid_positions.push(pos);
            unpaid_amount += c.amount;
        }
    }
    let block_gas_limit = vault
        .chain
        .provider
        .get_block_by_number(BlockNumberOrTag::Latest)
        .await?
        .map(|b| b.header.gas_limit)
        .unwrap_or(30_000_000);
    let (batch_size, gas_per_leaf) = if unpaid_positions.is_empty() {
        (0, 0)
    } else {
        // Measure: simulate a small batch and charge its whole cost (overhead included) to its leaves — an
        // overestimate per leaf, so the batches come out safely under the budget.
        let probe = &unpaid_positions[..unpaid_positions.len().min(PROBE_LEAVES)];
        let tree = loaded.file.merkle_tree()?;
        let sim = vault.chain.simulate(&batch_plan(vault, loaded, &tree, probe)?, vault.chain.sender()).await?;
        let per_leaf = (sim.gas / probe.len() as u64).max(1);
        let budget = block_gas_limit * BLOCK_SHARE_NUM / BLOCK_SHARE_DEN;
        let fit = ((budget / per_leaf) as usize).max(1);
        (options.max_batch.map_or(fit, |m| m.min(fit)).max(1), per_leaf)
    };
    let batches = if batch_size == 0 { 0 } else { unpaid_positions.len().div_ceil(batch_size) };
    Ok(PayoutPlan {
        epoch: f.epoch,
        leaves: f.claims.len(),
        already_paid: f.claims.len() - unpaid_positions.len(),
        unpaid: unpaid_positions.len(),
        unpaid_amount,
        batch_size,
        batches,
        gas_per_leaf,
        block_gas_limit,
        unpaid_positions,
    })
}

/// Sends the planned batches, calling `on_batch` after each one (for a progress bar).
pub async fn run(
    vault: &Vault,
    loaded: &LoadedClaims,
    plan: &PayoutPlan,
    options: &PayoutOptions,
    mut on_batch: impl FnMut(&BatchDone),
) -> Result<Vec<BatchDone>> {
    let mut done = Vec::new();
    let tree = loaded.file.merkle_tree()?;
    for (i, chunk) in plan.unpaid_positions.chunks(plan.batch_size.max(1)).enumerate() {
        if options.max_batches.is_some_and(|m| i >= m) {
            break;
        }
        let tx = batch_plan(vault, loaded, &tree, chunk)?;
        let sim = vault.chain.simulate(&tx, None).await?;
        let paid =
            alloy::sol_types::SolValue::abi_decode(&sim.output).map(|p: U256| p.saturating_to::<usize>()).unwrap_or(0);
        let sent = vault.chain.send_simulated(&tx, &sim).await?;
        let amount = chunk.iter().map(|&p| loaded.file.claims[p].amount).fold(U256::ZERO, |a, b| a + b);
        let batch = BatchDone { batch: i + 1, leaves: chunk.len(), paid, amount, sent };
        on_batch(&batch);
        done.push(batch);
    }
    Ok(done)
}

/// The planned batches as transactions, without sending them (for a Safe to execute them as one batch).
pub fn transactions(
    vault: &Vault,
    loaded: &LoadedClaims,
    plan: &PayoutPlan,
    options: &PayoutOptions,
) -> Result<Vec<TxPlan>> {
    let tree = loaded.file.merkle_tree()?;
    plan.unpaid_positions
        .chunks(plan.batch_size.max(1))
        .take(options.max_batches.unwrap_or(usize::MAX))
        .map(|chunk| batch_plan(vault, loaded, &tree, chunk))
        .collect()
}

/// The `payBatch` call for the claims at `positions` (positions in the file's claim list = tree value order).
fn batch_plan(vault: &Vault, loaded: &LoadedClaims, tree: &Tree, positions: &[usize]) -> Result<TxPlan> {
    let mp = tree.multiproof(positions)?;
    let indices: Vec<U256> = mp.leaves.iter().map(|l| U256::from(l.index)).collect();
    let accounts: Vec<Address> = mp.leaves.iter().map(|l| l.account).collect();
    let amounts: Vec<U256> = mp.leaves.iter().map(|l| l.amount).collect();
    Ok(vault.pay_batch(loaded.file.epoch, indices, accounts, amounts, mp.proof, mp.proof_flags))
}
