//! Event-log scans that survive hosted RPCs. Providers refuse `eth_getLogs` over too many blocks or results (Infura:
//! -32005 "query returned more than 10000 results"; Alchemy: -32602 "Log response size exceeded … up to a 2K block
//! range"; QuickNode: "eth_getLogs is limited to a 10,000 range"; BSC/NodeReal: "exceed maximum block range:
//! 50000"; Ankr: "block range is too wide"). A scan therefore walks the range in chunks, halves the chunk when the
//! provider says it is too much, and keeps everything already read, so it resumes where it stopped instead of
//! starting over; a single block with more matching logs than the provider returns is read from its receipts. Rate limits (HTTP 429 with `Retry-After`), timeouts and dropped connections are retried per
//! request by the client's retry layer ([`crate::client`]).

use crate::{client::Client, error::Result, transport::is_too_much};
use alloy::{
    eips::{BlockId, BlockNumberOrTag},
    providers::Provider,
    rpc::types::{Filter, Log},
};
use std::collections::HashMap;

/// The widest chunk asked for at once. Most hosted providers accept 10 000 blocks (Alchemy's free tier 2 000: the
/// scan finds that out by halving).
pub const MAX_CHUNK: u64 = 10_000;

/// Every log matching `filter` from block `from` to the current head, in chain order.
///
/// The chunk only ever shrinks: a provider's limit is learned once and not re-probed on every chunk. A limit that
/// depends on how many results a dense stretch holds may thus leave the rest of the scan with smaller chunks than
/// needed — more requests, never a wrong answer.
pub async fn scan_logs(chain: &Client, filter: &Filter, from: u64) -> Result<Vec<Log>> {
    let head = chain.provider.get_block_number().await?;
    let mut logs = Vec::new();
    let mut start = from;
    let mut chunk = MAX_CHUNK;
    while start <= head {
        let end = head.min(start.saturating_add(chunk - 1));
        match chain.provider.get_logs(&filter.clone().from_block(start).to_block(end)).await {
            Ok(mut batch) => {
                logs.append(&mut batch);
                start = end + 1;
            }
            Err(e) if is_too_much(&e) && end > start => chunk = (end - start).div_ceil(2), // half the span
            // One block holds more matching logs than the provider returns at once (a payday batch against a
            // small result cap): halving cannot help, so read that block's receipts and filter them here.
            Err(e) if is_too_much(&e) => {
                logs.append(&mut block_logs(chain, filter, start).await?);
                start = end + 1;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(logs)
}

/// The logs of block `number` that match `filter`, from its receipts (`eth_getBlockReceipts`), in chain order.
async fn block_logs(chain: &Client, filter: &Filter, number: u64) -> Result<Vec<Log>> {
    let receipts = chain.provider.get_block_receipts(BlockId::number(number)).await?;
    let receipts = receipts.ok_or(crate::error::TwapError::NoBlock(BlockNumberOrTag::Number(number)))?;
    Ok(receipts.into_iter().flat_map(|r| r.inner.logs().to_vec()).filter(|log| filter.matches(&log.inner)).collect())
}

/// The time (unix seconds) of each block `logs` come from: the log's own `blockTimestamp` where the node gives it
/// (recent nodes do), else the block's header, read once per block.
pub async fn block_times(chain: &Client, logs: &[Log]) -> Result<HashMap<u64, u64>> {
    let mut times = HashMap::new();
    for log in logs {
        let Some(block) = log.block_number else { continue };
        if times.contains_key(&block) {
            continue;
        }
        let time = match log.block_timestamp {
            Some(t) => t,
            None => {
                let number = BlockNumberOrTag::Number(block);
                let found = chain.provider.get_block_by_number(number).await?;
                found.ok_or(crate::error::TwapError::NoBlock(number))?.header.timestamp
            }
        };
        times.insert(block, time);
    }
    Ok(times)
}
