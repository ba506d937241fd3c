//! RPC failures, classified by the error's type (connect, timeout, HTTP status, JSON-RPC error code), never by
//! matching message text — except a log query refused as too large, which only its message tells apart.

use alloy::transports::{http::reqwest, RpcError, TransportError, TransportErrorKind};

/// An RPC failure, classified by the error's type.
#[derive(Debug, thiserror::Error)]
pub enum RpcFailure {
    /// The TCP/TLS connection failed (refused, reset, DNS).
    #[error("cannot connect: {0}")]
    Connect(#[source] reqwest::Error),
    /// The request timed out.
    #[error("timed out: {0}")]
    Timeout(#[source] reqwest::Error),
    /// The server answered with an HTTP error status.
    #[error("HTTP {status}: {}", describe_body(body))]
    Http {
        /// The status code (429 = rate limited).
        status: u16,
        /// The body, as sent.
        body: String,
    },
    /// The node answered with a JSON-RPC error.
    #[error("JSON-RPC error {code}: {message}")]
    JsonRpc {
        /// The JSON-RPC error code.
        code: i64,
        /// The node's message.
        message: String,
    },
    /// Anything else the transport reported.
    #[error(transparent)]
    Other(TransportError),
}

impl RpcFailure {
    /// Classifies a transport error by its type.
    pub fn classify(e: TransportError) -> Self {
        match e {
            RpcError::ErrorResp(payload) => Self::JsonRpc { code: payload.code, message: payload.message.to_string() },
            RpcError::Transport(TransportErrorKind::HttpError(h)) => Self::Http { status: h.status, body: h.body },
            RpcError::Transport(TransportErrorKind::HttpErrorWithRetryAfter { error, .. }) => {
                Self::Http { status: error.status, body: error.body }
            }
            RpcError::Transport(TransportErrorKind::Custom(err)) => match err.downcast::<reqwest::Error>() {
                Ok(e) if e.is_timeout() => Self::Timeout(*e),
                Ok(e) if e.is_connect() || e.is_request() => Self::Connect(*e),
                Ok(e) => Self::Other(TransportErrorKind::custom(*e)),
                Err(other) => Self::Other(RpcError::Transport(TransportErrorKind::Custom(other))),
            },
            other => Self::Other(other),
        }
    }

    /// Whether the connection itself failed (as opposed to an RPC that answered).
    pub fn is_connection(&self) -> bool {
        matches!(self, Self::Connect(_) | Self::Timeout(_))
    }
}

/// An HTTP error body as a sentence: a web page given as the RPC URL says so instead of printing its HTML, and a long
/// body is cut.
fn describe_body(body: &str) -> String {
    let trimmed = body.trim_start();
    if trimmed.starts_with('<') {
        return "the server answered with a web page, not JSON-RPC (is this the node's RPC URL?)".into();
    }
    match trimmed.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &trimmed[..cut]),
        None => trimmed.to_string(),
    }
}

/// Whether a transport error is a failure of the connection itself (retried by the client's policy).
pub(crate) fn is_connection_failure(e: &TransportError) -> bool {
    match e {
        RpcError::Transport(TransportErrorKind::BackendGone) => true,
        RpcError::Transport(TransportErrorKind::Custom(err)) => {
            err.downcast_ref::<reqwest::Error>().is_some_and(|e| e.is_connect() || e.is_timeout() || e.is_request())
        }
        _ => false,
    }
}

/// Whether an `eth_getLogs` error says the request covered too many blocks or results (by message: the codes
/// differ between providers and overlap with unrelated errors).
/// The one classification by message: Infura answers a rate limit and a too-large log query alike (-32005), and
/// only the first passes by waiting, so [`crate::client`]'s retries skip what this recognises.
pub fn is_too_much(e: &TransportError) -> bool {
    const NEEDLES: [&str; 8] =
        ["more than", "too many", "range", "response size", "max results", "limit exceeded", "limited to", "too large"];
    const RATE: [&str; 4] = ["too many requests", "rate limit", "request rate", "requests per second"];
    e.as_error_resp().is_some_and(|payload| {
        let message = payload.message.to_lowercase();
        NEEDLES.iter().any(|n| message.contains(n)) && !RATE.iter().any(|n| message.contains(n))
    })
}

/// A JSON-RPC error answer as alloy surfaces it, for the tests of what is retried and what is narrowed.
#[cfg(test)]
pub(crate) fn rpc_error(code: i64, message: &'static str) -> TransportError {
    TransportError::ErrorResp(alloy::rpc::json_rpc::ErrorPayload { code, message: message.into(), data: None })
}

#[cfg(test)]
mod log_limit_tests {
    use super::*;

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
        // Rate limits pass by waiting: they stay with the client's retries.
        assert!(!is_too_much(&rpc_error(-32005, "daily request count exceeded, request rate limited")));
        assert!(!is_too_much(&rpc_error(-32005, "Too many requests, please slow down")));
    }
}
