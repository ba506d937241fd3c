//! The vault's payments from the chain: every `Claimed` event from the deployment block (the range-limited scan),
//! with its block time and the entry point its transaction called, for [`bounty_core::books`] to join to the
//! claims files; and each period's side of the report only the chain knows (phase, vetoes, disputes, sweeps).

use crate::{
    bindings::IBountyVault,
    client::Client,
    error::Result,
    logs::{block_times, scan_logs},
};
use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::{SolCall, SolEvent},
};
use bounty_core::books::{Claimed, Dispute, OnChain, PaidBy, Veto};
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

/// What the chain says about each file's epoch, for the period report: its phase and remainder now, whether the
/// vault's root is the file's, and every veto, dispute (with its outcome) and sweep of it since `from_block`, read
/// in one scan so that each dispute meets its own outcome in chain order.
pub async fn on_chain(
    vault: &crate::vault::Vault,
    files: &[&bounty_core::ClaimsFile],
    from_block: u64,
) -> Result<Vec<OnChain>> {
    use IBountyVault::{DisputeExpired, DisputeResolved, Disputed, RootVetoed, Swept};
    let topics = vec![
        RootVetoed::SIGNATURE_HASH,
        Disputed::SIGNATURE_HASH,
        DisputeResolved::SIGNATURE_HASH,
        DisputeExpired::SIGNATURE_HASH,
        Swept::SIGNATURE_HASH,
    ];
    let filter = Filter::new().address(vault.address).event_signature(topics);
    let logs = scan_logs(&vault.client, &filter, from_block).await?;
    let mut sides: HashMap<u64, OnChain> = HashMap::new();
    for file in files {
        let summary = vault.epoch_summary(file.epoch).await?;
        let side = OnChain {
            phase: summary.phase.to_string(),
            posted: summary.root == file.root,
            remaining: summary.remaining,
            expires_at: summary.expires_at,
            ..OnChain::default()
        };
        sides.insert(file.epoch, side);
    }
    for log in &logs {
        let data = &log.inner;
        if let Ok(e) = RootVetoed::decode_log(data) {
            if let Some(side) = sides.get_mut(&e.epoch) {
                side.vetoes.push(Veto { by: e.by, released: U256::from(e.released) });
            }
        } else if let Ok(e) = Disputed::decode_log(data) {
            if let Some(side) = sides.get_mut(&e.epoch) {
                side.disputes.push(Dispute { disputer: e.disputer, reason: e.reason.clone(), upheld: None });
            }
        } else if let Ok(e) = DisputeResolved::decode_log(data) {
            // An epoch has at most one open dispute: the outcome is the latest dispute's.
            if let Some(last) = sides.get_mut(&e.epoch).and_then(|s| s.disputes.last_mut()) {
                last.upheld = Some(e.upheld);
            }
        } else if let Ok(e) = Swept::decode_log(data) {
            if let Some(side) = sides.get_mut(&e.epoch) {
                side.swept += U256::from(e.amount);
            }
        }
    }
    Ok(files.iter().map(|f| sides.remove(&f.epoch).unwrap_or_default()).collect())
}
