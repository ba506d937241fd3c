//! The vault's payments from the chain: every `Claimed` event from the deployment block (the range-limited scan),
//! with its block time and the entry point its transaction called, for [`bounty_core::books`] to join to the
//! claims files.

use crate::{
    bindings::IBountyVault,
    client::Client,
    error::Result,
    logs::{block_times, scan_logs},
};
use alloy::{
    primitives::{Address, B256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::{SolCall, SolEvent},
};
use bounty_core::books::{Claimed, PaidBy};
use std::collections::HashMap;

/// Every `Claimed` event of `vault` from `from_block`, in chain order.
pub async fn payments(client: &Client, vault: Address, from_block: u64) -> Result<Vec<Claimed>> {
    let filter = Filter::new().address(vault).event_signature(IBountyVault::Claimed::SIGNATURE_HASH);
    let logs = scan_logs(client, &filter, from_block).await?;
    let times = block_times(client, &logs).await?;
    // One lookup per transaction: a payday batch pays hundreds of leaves in one.
    let mut kinds: HashMap<B256, PaidBy> = HashMap::new();
    let mut out = Vec::with_capacity(logs.len());
    for log in logs {
        let (Some(block), Some(tx)) = (log.block_number, log.transaction_hash) else { continue };
        let paid_by = match kinds.get(&tx) {
            Some(kind) => *kind,
            None => {
                let kind = entry_point(client, vault, tx).await?;
                kinds.insert(tx, kind);
                kind
            }
        };
        let event = IBountyVault::Claimed::decode_log(&log.inner)?.data;
        out.push(Claimed {
            epoch: event.epoch,
            index: u64::try_from(event.index).unwrap_or(u64::MAX),
            account: event.account,
            recipient: event.recipient,
            amount: event.amount,
            block,
            timestamp: times[&block],
            tx,
            paid_by,
        });
    }
    Ok(out)
}

/// Which of the vault's entry points `tx` called: read from its calldata's selector when it called the vault
/// directly; a contract wallet's call (a Safe's `execTransaction`, a multisend) is [`PaidBy::Contract`].
async fn entry_point(client: &Client, vault: Address, tx: B256) -> Result<PaidBy> {
    use alloy::consensus::Transaction as _;
    let Some(found) = client.provider.get_transaction_by_hash(tx).await? else { return Ok(PaidBy::Contract) };
    if found.inner.to() != Some(vault) {
        return Ok(PaidBy::Contract);
    }
    let input = found.inner.input();
    let selector: [u8; 4] = match input.get(..4).and_then(|s| s.try_into().ok()) {
        Some(s) => s,
        None => return Ok(PaidBy::Contract),
    };
    Ok(match selector {
        IBountyVault::claimCall::SELECTOR | IBountyVault::claimOneCall::SELECTOR => PaidBy::Claim,
        IBountyVault::claimToCall::SELECTOR => PaidBy::ClaimTo,
        IBountyVault::claimWithSigCall::SELECTOR => PaidBy::Consent,
        IBountyVault::payBatchCall::SELECTOR => PaidBy::Batch,
        _ => PaidBy::Contract,
    })
}
