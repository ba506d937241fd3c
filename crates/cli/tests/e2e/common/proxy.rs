//! A fault-injecting JSON-RPC proxy on loopback, in front of the real anvil: it misbehaves the way hosted RPCs do,
//! with their error shapes, so the end-to-end tests can show each command still gets the same answer.
//!
//! - `eth_getLogs` over more than `max_log_range` blocks: Alchemy's -32602 "Log response size exceeded…"; more than
//!   `max_log_results` logs: Infura's -32005 "query returned more than N results".
//! - every `rate_limit_every`-th request: HTTP 429 with `Retry-After: 1`, nothing forwarded.
//! - every `drop_every`-th request: the connection is closed without an answer — before forwarding, or for
//!   `eth_sendRawTransaction` after forwarding (the transaction is in the pool, the sender never hears so);
//!   `lose_send_answers` does the latter to the first sending of every transaction.
//! - `delay` before every answer.
//! - `pruned_after`: state reads (`eth_call`, `eth_getBalance`, `eth_getStorageAt`, `eth_getCode`) at a block more
//!   than this many blocks below the head get geth's -32000 "missing trie node … (path …)".
//!
//! Hand-written HTTP/1.1 (keep-alive, `Content-Length` bodies: what reqwest sends) on tokio, since the tests need
//! control over the socket itself (a dropped connection, a 429 status) that a JSON-RPC library hides.

use alloy::transports::http::reqwest;
use serde_json::{json, Value};
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};
use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

/// Which faults to inject.
#[derive(Clone, Debug, Default)]
pub(crate) struct Faults {
    pub(crate) max_log_range: Option<u64>,
    pub(crate) max_log_results: Option<usize>,
    pub(crate) rate_limit_every: Option<u64>,
    pub(crate) drop_every: Option<u64>,
    pub(crate) delay: Option<Duration>,
    pub(crate) pruned_after: Option<u64>,
    /// Drop the answer to every `eth_sendRawTransaction` after forwarding it, the first time that transaction is
    /// seen: the worst case for a sender, who cannot tell whether it went out.
    pub(crate) lose_send_answers: bool,
}

/// What the proxy did, for the tests to assert that each fault was really hit.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    pub(crate) requests: AtomicU64,
    pub(crate) logs_refused: AtomicU64,
    pub(crate) rate_limited: AtomicU64,
    pub(crate) dropped: AtomicU64,
    pub(crate) pruned: AtomicU64,
    /// Every raw transaction forwarded, with how many times: a payment sent twice shows up here.
    pub(crate) sent: Mutex<HashMap<String, u32>>,
}

/// A running proxy; stops with the test's runtime.
pub(crate) struct Proxy {
    pub(crate) url: String,
    pub(crate) stats: Arc<Stats>,
}

impl Proxy {
    /// Starts a proxy to `upstream` on a free loopback port.
    pub(crate) async fn start(upstream: &str, faults: Faults) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let stats = Arc::new(Stats::default());
        let state = Arc::new(State {
            upstream: upstream.to_string(),
            faults,
            stats: stats.clone(),
            http: reqwest::Client::new(),
        });
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, state.clone()));
            }
        });
        Self { url, stats }
    }

    pub(crate) fn count(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::SeqCst)
    }
}

struct State {
    upstream: String,
    faults: Faults,
    stats: Arc<Stats>,
    http: reqwest::Client,
}

enum Answer {
    Json(Value),
    RateLimited,
    Drop,
}

/// One connection: requests one after the other (keep-alive) until the client closes it or we drop it.
async fn serve(socket: TcpStream, state: Arc<State>) {
    let mut socket = BufReader::new(socket);
    loop {
        let Some(body) = read_request(&mut socket).await else { return };
        let answer = answer(&state, body).await;
        if let Some(delay) = state.faults.delay {
            tokio::time::sleep(delay).await;
        }
        let response = match answer {
            Answer::Drop => return, // closes the socket with no answer
            Answer::RateLimited => {
                "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Type: application/json\r\n\
                 Content-Length: 44\r\n\r\n{\"error\":\"rate limit exceeded, retry later\"}"
                    .to_string()
            }
            Answer::Json(v) => {
                let body = v.to_string();
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                )
            }
        };
        if socket.get_mut().write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// Reads one HTTP request's body (headers up to the blank line, then `Content-Length` bytes).
async fn read_request(socket: &mut BufReader<TcpStream>) -> Option<Vec<u8>> {
    let mut length = 0usize;
    let mut first = true;
    loop {
        let mut line = String::new();
        if socket.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        if first {
            first = false;
            continue; // the request line
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok()?;
            }
        }
    }
    let mut body = vec![0; length];
    socket.read_exact(&mut body).await.ok()?;
    Some(body)
}

async fn answer(state: &State, body: Vec<u8>) -> Answer {
    let n = state.stats.requests.fetch_add(1, Ordering::SeqCst) + 1;
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let method = request["method"].as_str().unwrap_or_default().to_string();
    let f = &state.faults;
    if f.rate_limit_every.is_some_and(|k| n % k == 0) {
        state.stats.rate_limited.fetch_add(1, Ordering::SeqCst);
        return Answer::RateLimited;
    }
    let drop = f.drop_every.is_some_and(|k| n % k == 0);
    if drop && method != "eth_sendRawTransaction" {
        state.stats.dropped.fetch_add(1, Ordering::SeqCst);
        return Answer::Drop;
    }
    if method == "eth_getLogs" {
        if let Some(refusal) = refuse_logs(state, &request).await {
            state.stats.logs_refused.fetch_add(1, Ordering::SeqCst);
            return Answer::Json(refusal);
        }
    }
    if let Some(pruned) = f.pruned_after {
        if let Some(refusal) = refuse_old_state(state, &request, &method, pruned).await {
            state.stats.pruned.fetch_add(1, Ordering::SeqCst);
            return Answer::Json(refusal);
        }
    }
    let mut first_send = false;
    if method == "eth_sendRawTransaction" {
        let raw = request["params"][0].as_str().unwrap_or_default().to_string();
        let mut sent = state.stats.sent.lock().unwrap();
        let count = sent.entry(raw).or_default();
        *count += 1;
        first_send = *count == 1;
    }
    let forwarded = forward(state, &request).await;
    if drop || (first_send && f.lose_send_answers) {
        // The transaction reached the node; the sender's connection dies before it hears so.
        state.stats.dropped.fetch_add(1, Ordering::SeqCst);
        return Answer::Drop;
    }
    Answer::Json(forwarded)
}

async fn forward(state: &State, request: &Value) -> Value {
    state.http.post(&state.upstream).json(request).send().await.unwrap().json().await.unwrap()
}

fn error(request: &Value, code: i64, message: String) -> Value {
    json!({"jsonrpc": "2.0", "id": request["id"], "error": {"code": code, "message": message}})
}

async fn block_number(state: &State, tag: &Value) -> u64 {
    match tag.as_str() {
        Some(hex) if hex.starts_with("0x") => u64::from_str_radix(&hex[2..], 16).unwrap(),
        _ => {
            let head =
                forward(state, &json!({"jsonrpc": "2.0", "id": 0, "method": "eth_blockNumber", "params": []})).await;
            u64::from_str_radix(&head["result"].as_str().unwrap()[2..], 16).unwrap()
        }
    }
}

/// Alchemy's range refusal and Infura's result-count refusal, as they word them.
async fn refuse_logs(state: &State, request: &Value) -> Option<Value> {
    let filter = &request["params"][0];
    if let Some(max) = state.faults.max_log_range {
        let from = block_number(state, &filter["fromBlock"]).await;
        let to = block_number(state, &filter["toBlock"]).await;
        if to.saturating_sub(from) + 1 > max {
            return Some(error(
                request,
                -32602,
                format!(
                    "Log response size exceeded. You can make eth_getLogs requests with up to a {max} block range and \
                     no limit on the response size, or you can request any block range with a cap of 10K logs in the \
                     response."
                ),
            ));
        }
    }
    if let Some(max) = state.faults.max_log_results {
        let answer = forward(state, request).await;
        if answer["result"].as_array().is_some_and(|logs| logs.len() > max) {
            return Some(error(request, -32005, format!("query returned more than {max} results")));
        }
    }
    None
}

/// geth's answer for state a pruned (non-archive) node no longer has.
async fn refuse_old_state(state: &State, request: &Value, method: &str, keep: u64) -> Option<Value> {
    let position = match method {
        "eth_call" | "eth_getBalance" | "eth_getCode" => 1,
        "eth_getStorageAt" => 2,
        _ => return None,
    };
    let tag = &request["params"][position];
    let at = tag.as_str().filter(|t| t.starts_with("0x"))?;
    let at = u64::from_str_radix(&at[2..], 16).ok()?;
    let head = block_number(state, &Value::Null).await;
    (head.saturating_sub(at) > keep).then(|| {
        error(
            request,
            -32000,
            "missing trie node 0f2c7f1c7e1e4ab0ddad5df4b4c2a2ed3f4e8b0d9a0b5b2bb2c2d3e4f5a6b7c8 (path ) state \
             0x0f2c7f1c7e1e4ab0ddad5df4b4c2a2ed3f4e8b0d9a0b5b2bb2c2d3e4f5a6b7c8 is not available"
                .into(),
        )
    })
}
