//! Tip-jar contributions from the chain: the vault's `Funded` events whose blocks fall in a period, read with the
//! same range-limited scan as every other event read, from the vault's deployment block.

use crate::{
    bindings::IBountyVault,
    client::Client,
    error::Result,
    logs::{block_times, scan_logs},
};
use alloy::{primitives::Address, rpc::types::Filter, sol_types::SolEvent};
use bounty_core::{claims::Check, tips::Contribution, ClaimsFile};

/// Every `Funded` event of `vault` in blocks whose time is in `[start, end)` (unix seconds), in chain order.
pub async fn contributions(
    client: &Client,
    vault: Address,
    from_block: u64,
    start: i64,
    end: i64,
) -> Result<Vec<Contribution>> {
    let filter = Filter::new().address(vault).event_signature(IBountyVault::Funded::SIGNATURE_HASH);
    let logs = scan_logs(client, &filter, from_block).await?;
    let times = block_times(client, &logs).await?;
    let mut out = Vec::new();
    for log in logs {
        let (Some(block), Some(tx)) = (log.block_number, log.transaction_hash) else { continue };
        let timestamp = times[&block];
        if (timestamp as i64) < start || (timestamp as i64) >= end {
            continue;
        }
        let event = IBountyVault::Funded::decode_log(&log.inner)?;
        out.push(Contribution { tx, block, timestamp, from: event.data.from, amount: event.data.amount });
    }
    Ok(out)
}

/// `verify`'s on-chain half of the tip match: the file's contributions are exactly the vault's `Funded` events of
/// the period (none invented, none left out).
pub async fn recheck(client: &Client, vault: Address, file: &ClaimsFile) -> Result<Option<Check>> {
    let Some(t) = &file.tips else { return Ok(None) };
    let read = contributions(
        client,
        vault,
        file.deploy_block.unwrap_or(0),
        file.period_start.timestamp(),
        file.period_end.timestamp(),
    )
    .await?;
    let ok = read == t.contributions;
    let detail = if ok {
        format!("{} Funded event(s) of the period re-read on chain, as recorded", read.len())
    } else {
        let missing = read.iter().filter(|c| !t.contributions.contains(c)).count();
        let invented = t.contributions.iter().filter(|c| !read.contains(c)).count();
        format!(
            "on chain {} Funded event(s) in the period; the file has {invented} not on chain and misses {missing}",
            read.len()
        )
    };
    Ok(Some(Check::new("tips on chain", ok, detail)))
}
