//! A connection to one chain: an alloy provider with retry/backoff, the chain id checked against the user's
//! `--chain-id`, and the optional wallet that signs transactions and typed data.

use crate::{
    error::{ChainError, Result},
    transport::{is_connection_failure, RpcFailure},
    wallet::Wallet,
};
use alloy::{
    network::EthereumWallet,
    primitives::Address,
    providers::{DynProvider, Provider, ProviderBuilder},
    rpc::client::ClientBuilder,
    transports::{
        http::reqwest::Url,
        layers::{RateLimitRetryPolicy, RetryBackoffLayer, RetryPolicy},
    },
};

/// How often a failed request is retried, and the base pause between tries (ms). Rate limits (429, honouring
/// `Retry-After`) and dropped connections are transient on public RPCs; a few quick retries ride them out without
/// hiding a dead endpoint.
const MAX_RETRIES: u32 = 4;
const BACKOFF_MS: u64 = 250;

/// alloy's rate-limit policy (429, `Retry-After`, the providers' rate-limit codes) and dropped connections, but never
/// a log query refused as too large: Infura gives that the rate limit's code (-32005), and waiting cannot fix it,
/// while the log scan ([`crate::logs`]) narrows the query at once.
#[derive(Clone, Copy, Debug)]
struct Retries;

impl RetryPolicy for Retries {
    fn should_retry(&self, error: &alloy::transports::TransportError) -> bool {
        !crate::transport::is_too_much(error)
            && (RateLimitRetryPolicy::default().should_retry(error) || is_connection_failure(error))
    }

    fn backoff_hint(&self, error: &alloy::transports::TransportError) -> Option<std::time::Duration> {
        RateLimitRetryPolicy::default().backoff_hint(error)
    }
}

/// A connected chain: the provider, its verified chain id, and who sends (if anyone).
#[derive(Clone)]
pub struct Client {
    /// The provider (with retries, and the wallet's filler when there is a wallet).
    pub provider: DynProvider,
    /// The chain id the RPC serves (checked against the expected one at connect).
    pub chain_id: u64,
    /// The RPC URL.
    pub url: String,
    wallet: Option<Wallet>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("url", &self.url)
            .field("chain_id", &self.chain_id)
            .field("sender", &self.sender())
            .finish()
    }
}

impl Client {
    /// Connects to `url`, checks that it answers and that its chain id equals `expected_chain_id` (when given).
    pub async fn connect(url: &str, expected_chain_id: Option<u64>, wallet: Option<Wallet>) -> Result<Self> {
        let parsed: Url = url.parse().map_err(|source| ChainError::BadUrl { url: url.to_string(), source })?;
        // `localhost:8545` parses as a URL of scheme "localhost"; only HTTP is spoken here.
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(ChainError::NotHttp { url: url.to_string() });
        }
        let policy = Retries;
        debug_assert!(policy.should_retry(&alloy::transports::TransportErrorKind::BackendGone.into()));
        let client = ClientBuilder::default()
            .layer(RetryBackoffLayer::new_with_policy(MAX_RETRIES, BACKOFF_MS, u64::MAX, policy))
            .http(parsed);
        // The recommended fillers but with nonces asked of the node each time (alloy's default caches them): a
        // transaction sent by `Client::send_simulated`, which signs itself to know the hash before sending, or by
        // another process with the same key must not leave a stale nonce behind.
        let builder = ProviderBuilder::new()
            .disable_recommended_fillers()
            .with_gas_estimation()
            .with_simple_nonce_management()
            .fetch_chain_id();
        let provider = match &wallet {
            Some(w) => builder.wallet(EthereumWallet::from(w.clone())).connect_client(client).erased(),
            None => builder.connect_client(client).erased(),
        };
        let chain_id = provider
            .get_chain_id()
            .await
            .map_err(|e| ChainError::Unreachable { url: url.to_string(), failure: RpcFailure::classify(e) })?;
        if let Some(expected) = expected_chain_id {
            if expected != chain_id {
                return Err(ChainError::WrongChain { expected, actual: chain_id, url: url.to_string() });
            }
        }
        Ok(Self { provider, chain_id, url: url.to_string(), wallet })
    }

    /// The address that signs and sends, if a wallet was given.
    pub fn sender(&self) -> Option<Address> {
        self.wallet.as_ref().map(Wallet::address)
    }

    /// The wallet, or a clear error naming the action that needs one.
    pub fn wallet(&self, action: &str) -> Result<&Wallet> {
        self.wallet.as_ref().ok_or_else(|| ChainError::NoWallet { action: action.to_string() })
    }

    /// Errors unless there is contract code at `address` (a typo'd vault address would otherwise read as zeros).
    pub async fn require_code(&self, address: Address) -> Result<()> {
        let code = self.provider.get_code_at(address).await?;
        if code.is_empty() {
            return Err(ChainError::NoContract { address, chain_id: self.chain_id });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::rpc_error;

    #[test]
    fn a_too_large_log_query_is_not_retried_but_a_rate_limit_is() {
        // Infura gives both the same code: only the message tells them apart.
        assert!(!Retries.should_retry(&rpc_error(-32005, "query returned more than 10000 results")));
        assert!(Retries.should_retry(&rpc_error(-32005, "daily request count exceeded, request rate limited")));
        assert!(Retries.should_retry(&rpc_error(429, "Too Many Requests")));
        assert!(Retries.should_retry(&alloy::transports::TransportErrorKind::BackendGone.into()));
        assert!(!Retries.should_retry(&rpc_error(3, "execution reverted")));
    }
}
