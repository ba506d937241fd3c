//! The payday push: every unclaimed leaf of an epoch, paid with `payBatch` multiproofs in batches sized to the
//! block gas limit. Resumable by construction: the unpaid set is re-read from the vault's claimed bits before each
//! run, and the vault itself skips leaves already claimed, so a re-run after a crash never pays twice.
//!
//! One bad recipient does not block payday: a batch reverts whole when one transfer reverts (a blocklisted address,
//! a contract that refuses tokens), so a batch whose simulation reverts for a reason other than the vault's own is
//! bisected until the leaves whose own transfer reverts are found; they are left for their helpers to claim (to
//! another address with `claimTo`) and everyone else is paid.

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
/// Gas charged per leaf when every probe leaf's transfer reverts, so nothing could be measured: above what a leaf of
/// a depth-20 tree costs in a batch (about 40 000).
const FALLBACK_GAS_PER_LEAF: u64 = 60_000;

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
    #[serde(with = "bounty_core::serde_helpers::display_str")]
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

/// A leaf the payout left for its helper to claim, because its own transfer reverts.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkippedLeaf {
    /// The leaf's index.
    pub index: u64,
    /// Its account.
    pub account: Address,
    /// Its amount, base units.
    #[serde(with = "bounty_core::serde_helpers::display_str")]
    pub amount: U256,
    /// Why its transfer reverts (the token's reason).
    pub reason: String,
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
        .client
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
        let (payable_probe, _) = payable(vault, loaded, &tree, probe).await?;
        let per_leaf = if payable_probe.is_empty() {
            FALLBACK_GAS_PER_LEAF
        } else {
            let probe_plan = batch_plan(vault, loaded, &tree, &payable_probe)?;
            let sim = vault.client.simulate(&probe_plan, vault.client.sender()).await?;
            (sim.gas / payable_probe.len() as u64).max(1)
        };
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

/// What a run did: the batches sent and the leaves it left for a claim.
#[derive(Clone, Debug, Default)]
pub struct PayoutRun {
    /// The batches sent, in order.
    pub batches: Vec<BatchDone>,
    /// Leaves whose own transfer reverts, left for their helpers to claim.
    pub skipped: Vec<SkippedLeaf>,
}

/// Sends the planned batches, calling `on_batch` after each one (for a progress bar). A batch that would revert
/// because of one recipient is paid without that recipient's leaf (see the module's note).
pub async fn run(
    vault: &Vault,
    loaded: &LoadedClaims,
    plan: &PayoutPlan,
    options: &PayoutOptions,
    mut on_batch: impl FnMut(&BatchDone),
) -> Result<PayoutRun> {
    let mut done = PayoutRun::default();
    let tree = loaded.file.merkle_tree()?;
    for (i, chunk) in plan.unpaid_positions.chunks(plan.batch_size.max(1)).enumerate() {
        if options.max_batches.is_some_and(|m| i >= m) {
            break;
        }
        let (chunk, skipped) = payable(vault, loaded, &tree, chunk).await?;
        done.skipped.extend(skipped);
        if chunk.is_empty() {
            continue;
        }
        let tx = batch_plan(vault, loaded, &tree, &chunk)?;
        let sim = vault.client.simulate(&tx, None).await?;
        let paid =
            alloy::sol_types::SolValue::abi_decode(&sim.output).map(|p: U256| p.saturating_to::<usize>()).unwrap_or(0);
        let sent = vault.client.send_simulated(&tx, &sim).await?;
        let amount = chunk.iter().map(|&p| loaded.file.claims[p].amount).fold(U256::ZERO, |a, b| a + b);
        let batch = BatchDone { batch: done.batches.len() + 1, leaves: chunk.len(), paid, amount, sent };
        on_batch(&batch);
        done.batches.push(batch);
    }
    Ok(done)
}

/// Splits `positions` into the leaves that pay together and those whose own transfer reverts, by simulating and
/// bisecting any failing batch (about 2·log2(n) simulations per bad leaf). A revert the vault raises itself (paused,
/// not active, a wrong proof) concerns every leaf alike and is returned as the error; an RPC failure too.
async fn payable(
    vault: &Vault,
    loaded: &LoadedClaims,
    tree: &Tree,
    positions: &[usize],
) -> Result<(Vec<usize>, Vec<SkippedLeaf>)> {
    let mut good = Vec::with_capacity(positions.len());
    let mut skipped = Vec::new();
    let mut todo = vec![positions.to_vec()];
    while let Some(set) = todo.pop() {
        match vault.client.simulate(&batch_plan(vault, loaded, tree, &set)?, vault.client.sender()).await {
            Ok(_) => good.extend(set),
            Err(e) if e.vault_error().is_some() => return Err(e),
            Err(crate::error::ChainError::Reverted { revert, .. }) if set.len() == 1 => {
                let c = &loaded.file.claims[set[0]];
                skipped.push(SkippedLeaf {
                    index: c.index,
                    account: c.account,
                    amount: c.amount,
                    reason: revert.to_string(),
                });
            }
            Err(crate::error::ChainError::Reverted { .. }) => {
                let (left, right) = set.split_at(set.len() / 2);
                todo.push(right.to_vec());
                todo.push(left.to_vec());
            }
            Err(e) => return Err(e),
        }
    }
    good.sort_unstable();
    Ok((good, skipped))
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
