//! Event-log scans that survive hosted RPCs. Providers refuse `eth_getLogs` over too many blocks or results (Infura:
//! -32005 "query returned more than 10000 results"; Alchemy: -32602 "Log response size exceeded … up to a 2K block
//! range"; QuickNode: "eth_getLogs is limited to a 10,000 range"; BSC/NodeReal: "exceed maximum block range:
//! 50000"; Ankr: "block range is too wide"). A scan therefore walks the range in chunks, halves the chunk when the
//! provider says it is too much, and keeps everything already read, so it resumes where it stopped instead of
//! starting over. Rate limits (HTTP 429 with `Retry-After`), timeouts and dropped connections are retried per
//! request by the client's retry layer ([`crate::client`]).

use crate::{client::Client, error::Result};
use alloy::{
    eips::BlockNumberOrTag,
    providers::Provider,
    rpc::types::{Filter, Log},
    transports::TransportError,
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
            Err(e) => return Err(e.into()),
        }
    }
    Ok(logs)
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

/// Whether an `eth_getLogs` error says the request covered too many blocks or results (by message: the codes
/// differ between providers and overlap with unrelated errors).
pub fn is_too_much(e: &TransportError) -> bool {
    const NEEDLES: [&str; 8] =
        ["more than", "too many", "range", "response size", "max results", "limit exceeded", "limited to", "too large"];
    e.as_error_resp().is_some_and(|payload| {
        let message = payload.message.to_lowercase();
        NEEDLES.iter().any(|n| message.contains(n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy::rpc::json_rpc::ErrorPayload;

    fn rpc_error(code: i64, message: &'static str) -> TransportError {
        TransportError::ErrorResp(ErrorPayload { code, message: message.into(), data: None })
    }

    #[test]
    fn recognises_the_hosted_providers_limits_and_nothing_else() {
        for (code, message) in [
            (-32005, "query returned more than 10000 results"),
            (
                -32602,
                "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no \
                 limit on the response size, or you can request any block range with a cap of 10K logs in the response.",
            ),
            (-32614, "eth_getLogs is limited to a 10,000 range"),
            (-32000, "exceed maximum block range: 50000"),
            (-32600, "block range is too wide"),
            (-32047, "block range too large"),
        ] {
            assert!(is_too_much(&rpc_error(code, message)), "{message}");
        }
        assert!(!is_too_much(&rpc_error(-32000, "execution reverted")));
        assert!(!is_too_much(&rpc_error(-32601, "the method eth_getLogs does not exist/is not available")));
    }
}
