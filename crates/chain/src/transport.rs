//! RPC failures, classified by the error's type (connect, timeout, HTTP status, JSON-RPC error code), never by
//! matching message text.

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
