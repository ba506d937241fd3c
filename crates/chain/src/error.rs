//! The chain layer's typed errors. RPC failures are classified by their type (connect, timeout, HTTP status,
//! JSON-RPC error code), never by matching message text, and the vault's custom errors are decoded into
//! [`Revert`], whose `Display` is the sentence a signer or helper can act on ("epoch 20262 (2026-Q2) is still
//! pending: claimable from 2026-07-04 00:00 UTC").

use crate::bindings::IBountyVault::IBountyVaultErrors;
use alloy::{
    primitives::{Address, Bytes, TxHash, U256},
    sol_types::{Panic, Revert as StringRevert, SolError, SolInterface},
    transports::{http::reqwest, RpcError, TransportError, TransportErrorKind},
};
use bounty_core::EpochLabel;
use std::{fmt, path::PathBuf};

/// Shorthand used throughout the crate.
pub type Result<T, E = ChainError> = std::result::Result<T, E>;

/// Everything that can go wrong talking to a chain.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
    /// The RPC could not be reached when connecting (after the retries).
    #[error("RPC unreachable at {url}: {failure} (check --rpc-url / ETH_RPC_URL)")]
    Unreachable {
        /// The URL given.
        url: String,
        /// What failed.
        failure: RpcFailure,
    },
    /// An RPC request failed after the connection was made.
    #[error("RPC error: {0}")]
    Rpc(RpcFailure),
    /// `--chain-id` disagrees with what the RPC serves: refuse before signing or sending anything.
    #[error("wrong chain: expected chain id {expected} (--chain-id) but the RPC at {url} serves chain {actual}")]
    WrongChain {
        /// The chain the user (or the file) named.
        expected: u64,
        /// The chain the RPC serves.
        actual: u64,
        /// The RPC.
        url: String,
    },
    /// A batched read through Multicall3 came back undecodable although Multicall3 is there (a chain without it is
    /// read call by call instead).
    #[error(
        "a batched read through Multicall3 (0xcA11bde05977b3631167028862bE2a173976CA11) returned nothing usable \
         ({detail})"
    )]
    NoMulticall3 {
        /// The decoder's complaint.
        detail: String,
    },
    /// The RPC URL does not parse.
    #[error("invalid RPC URL {url:?}: {source}")]
    BadUrl {
        /// As given.
        url: String,
        /// Why.
        #[source]
        source: UrlParseError,
    },
    /// The simulation (or the mined transaction) reverted.
    #[error("{action} would revert: {revert}")]
    Reverted {
        /// What was attempted ("postRoot for epoch 20262 (2026-Q2)").
        action: String,
        /// The decoded reason.
        revert: Revert,
    },
    /// A sent transaction was mined but failed.
    #[error("{action}: transaction {tx} reverted on chain")]
    FailedOnChain {
        /// What was attempted.
        action: String,
        /// The transaction.
        tx: TxHash,
    },
    /// A transaction was sent but its receipt could not be read.
    #[error("{action}: waiting for the receipt failed: {source}")]
    NoReceipt {
        /// What was attempted.
        action: String,
        /// Why.
        #[source]
        source: alloy::providers::PendingTransactionError,
    },
    /// There is no contract at the address.
    #[error("no contract at {address} on chain {chain_id}")]
    NoContract {
        /// The address.
        address: Address,
        /// The chain.
        chain_id: u64,
    },
    /// A transaction needs a wallet and none was given.
    #[error("{action} sends a transaction: give a wallet (--private-key, --interactive, --keystore or --ledger)")]
    NoWallet {
        /// What needs it.
        action: String,
    },
    /// A private key that is not 32 bytes of hex (the key itself is never echoed).
    #[error("the private key is not 32 bytes of hex")]
    BadPrivateKey,
    /// Signing failed (wrong password, device refused, ...).
    #[error("signing failed: {0}")]
    Signer(#[from] alloy::signers::Error),
    /// An ENS name could not be resolved.
    #[error("ENS name `{name}` {problem}")]
    Ens {
        /// The name (normalised when it could be).
        name: String,
        /// Why.
        problem: String,
    },
    /// The Ethereum app refused hashed typed data: blind signing is off.
    #[error(
        "the Ledger refused to sign: enable Blind signing in the Ethereum app (Ethereum app → Settings → Blind \
         signing), then sign again and compare the device's Domain hash and Message hash with the ones printed"
    )]
    LedgerBlindSigning,
    /// The person rejected the signature on the device.
    #[error("the signature was rejected on the device; nothing was signed")]
    LedgerRejected,
    /// No Ledger could be opened.
    #[error("no Ledger available ({reason}): connect and unlock it and open the Ethereum app")]
    NoLedger {
        /// What the device layer said.
        reason: String,
    },
    /// A keystore could not be opened.
    #[error("keystore {}: {source}", path.display())]
    Keystore {
        /// The keystore file.
        path: PathBuf,
        /// Why (wrong password, not a keystore).
        #[source]
        source: alloy::signers::local::LocalSignerError,
    },
    /// A signature file, proposal or consent is unreadable, malformed, or does not match what it claims.
    #[error("{}: {problem}", path.display())]
    SignatureFile {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        problem: SignatureFileProblem,
    },
    /// Two signature files from one signer were given for one submission.
    #[error("two signature files from the same signer {0}")]
    DuplicateSigner(Address),
    /// Fewer usable signatures than the vault's threshold; `checks` says why each file was refused.
    #[error(
        "{valid} valid signature(s) for this {kind}, the vault needs {threshold}:\n{}",
        crate::submit::SignatureCheck::lines(checks)
    )]
    NotEnoughSignatures {
        /// The message kind (`EpochRoot`, `Withdraw`, ...).
        kind: &'static str,
        /// Usable signatures found.
        valid: usize,
        /// The vault's threshold.
        threshold: u8,
        /// One verdict per file.
        checks: Vec<crate::submit::SignatureCheck>,
    },
    /// A claims file made for another vault or chain.
    #[error("{} is for vault {file_vault} on chain {file_chain_id}, not vault {vault} on chain {chain_id}", path.display())]
    WrongVault {
        /// The claims file.
        path: PathBuf,
        /// The vault it names.
        file_vault: Address,
        /// The chain it names.
        file_chain_id: u64,
        /// The vault in use.
        vault: Address,
        /// The chain in use.
        chain_id: u64,
    },
    /// The vault has a different root for the epoch: the file is not the published one.
    #[error(
        "{}: the vault's root for epoch {} is {posted}, not this file's {file} (not the posted claims file)",
        path.display(), epoch_name(*epoch)
    )]
    RootMismatch {
        /// The claims file.
        path: PathBuf,
        /// The epoch.
        epoch: u64,
        /// The root on chain.
        posted: alloy::primitives::B256,
        /// The file's root.
        file: alloy::primitives::B256,
    },
    /// A TWAP source answered something unusable.
    #[error("TWAP: {0}")]
    Twap(#[from] TwapError),
    /// A contract answer did not decode as its ABI says.
    #[error("decoding a contract answer: {0}")]
    Abi(#[from] alloy::sol_types::Error),
    /// A dynamically typed value did not decode or coerce.
    #[error("decoding a contract answer: {0}")]
    DynAbi(#[from] alloy::dyn_abi::Error),
    /// A claims file, config or shares file failed the core crate's checks (names file, line and field).
    #[error(transparent)]
    Core(#[from] bounty_core::Error),
    /// A Merkle tree, proof or multiproof could not be built.
    #[error("merkle tree: {0}")]
    Merkle(#[from] bounty_core::error::MerkleError),
    /// A local I/O problem (reading or writing a file).
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

/// `Url::parse`'s error type.
pub type UrlParseError = <reqwest::Url as std::str::FromStr>::Err;

/// What is wrong with a signature file, proposal or consent.
#[derive(Debug, thiserror::Error)]
pub enum SignatureFileProblem {
    /// Not JSON of the expected shape.
    #[error("not a {expected}: {source}")]
    Malformed {
        /// What the file should be.
        expected: &'static str,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// The typed data or message is not valid EIP-712 for the vault's types.
    #[error("typed data: {0}")]
    TypedData(#[from] alloy::dyn_abi::Error),
    /// The message hashes to something other than the recorded digest (edited, or moved to another vault).
    #[error("the message hashes to {computed}, not the recorded digest {recorded}")]
    DigestMismatch {
        /// Recomputed from the message and domain.
        computed: alloy::primitives::B256,
        /// As recorded.
        recorded: alloy::primitives::B256,
    },
    /// The signature bytes are not a signature.
    #[error("signature: {0}")]
    BadSignature(#[from] alloy::primitives::SignatureError),
    /// The signature recovers to someone else.
    #[error("signed by {recovered}, not by the recorded signer {recorded}")]
    WrongSigner {
        /// Who actually signed.
        recovered: Address,
        /// Who the file says signed.
        recorded: Address,
    },
}

/// Why a TWAP reading failed.
#[derive(Debug, thiserror::Error)]
pub enum TwapError {
    /// The RPC has no such block.
    #[error("the RPC has no block {0}")]
    NoBlock(alloy::eips::BlockNumberOrTag),
    /// The time is before the chain's genesis.
    #[error("{0} is before the chain's first block")]
    BeforeGenesis(u64),
    /// The window ends before it starts.
    #[error("the window ends ({end}) before it starts ({start})")]
    EmptyWindow {
        /// Start, unix seconds.
        start: u64,
        /// End, unix seconds.
        end: u64,
    },
    /// Both ends of the window fall in the same block.
    #[error("no block was mined inside the window")]
    NoBlockInWindow,
    /// A reading at an old block failed (often: the RPC is not an archive node).
    #[error("{call} on {contract} at block {block} failed (an archive RPC is needed for old blocks): {source}")]
    ReadAt {
        /// The call (`observe([0])`, `latestRoundData`, `getRoundData(…)`).
        call: String,
        /// The pool or feed.
        contract: Address,
        /// The block.
        block: u64,
        /// Why.
        #[source]
        source: Box<ChainError>,
    },
    /// The RPC is a pruned (full, not archive) node: it no longer has the state a re-reading needs.
    #[error(
        "this RPC has no state at block {block} ({call} on {contract}): re-reading the TWAP needs an archive node"
    )]
    NoStateAt {
        /// The call.
        call: String,
        /// The pool or feed.
        contract: Address,
        /// The block.
        block: u64,
    },
    /// `observe` returned no cumulatives.
    #[error("observe returned nothing on pool {0}")]
    EmptyObservation(Address),
    /// A runaway walk over a feed's rounds.
    #[error("more than {0} rounds in the window: refusing to walk further")]
    TooManyRounds(usize),
    /// The program has no `[price]` source.
    #[error("program `{0}` has no [price] source")]
    NoPriceSource(String),
    /// An on-chain source was asked for without an RPC.
    #[error("this price source is on chain: give --rpc-url")]
    NeedsRpc,
    /// A recorded window without blocks cannot be re-read.
    #[error("the window records no blocks")]
    NoBlocksRecorded,
}

impl TwapError {
    /// A failed read of `call` on `contract` at an old `block`: [`TwapError::NoStateAt`] when the node says it has
    /// pruned that state (geth: "missing trie node", "header not found"; erigon/reth: "historical state not
    /// available", "state … pruned"), else [`TwapError::ReadAt`] with the node's own error.
    pub fn read_at(call: impl Into<String>, contract: Address, block: u64, source: ChainError) -> Self {
        const PRUNED: [&str; 6] =
            ["missing trie node", "header not found", "historical state", "not available", "pruned", "state histories"];
        let pruned = match &source {
            ChainError::Rpc(RpcFailure::JsonRpc { message, .. }) => {
                let message = message.to_lowercase();
                PRUNED.iter().any(|n| message.contains(n))
            }
            _ => false,
        };
        let call = call.into();
        if pruned {
            Self::NoStateAt { call, contract, block }
        } else {
            Self::ReadAt { call, contract, block, source: Box::new(source) }
        }
    }
}

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
    #[error("HTTP {status}: {body}")]
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

impl From<TransportError> for ChainError {
    fn from(e: TransportError) -> Self {
        if let Some(data) = e.as_error_resp().and_then(|r| r.as_revert_data()) {
            return ChainError::Reverted { action: "the call".into(), revert: Revert::decode(&data) };
        }
        ChainError::Rpc(RpcFailure::classify(e))
    }
}

impl From<alloy::contract::Error> for ChainError {
    fn from(e: alloy::contract::Error) -> Self {
        match e {
            alloy::contract::Error::TransportError(t) => t.into(),
            alloy::contract::Error::AbiError(a) => ChainError::DynAbi(a),
            alloy::contract::Error::PendingTransactionError(source) => {
                ChainError::NoReceipt { action: "a transaction".into(), source }
            }
            other => ChainError::Rpc(RpcFailure::Other(TransportErrorKind::custom(other))),
        }
    }
}

impl ChainError {
    /// Names the action in a revert message ("postRoot would revert: …").
    pub fn for_action(self, action: &str) -> Self {
        match self {
            ChainError::Reverted { revert, .. } => ChainError::Reverted { action: action.to_string(), revert },
            ChainError::FailedOnChain { tx, .. } => ChainError::FailedOnChain { action: action.to_string(), tx },
            other => other,
        }
    }

    /// The vault's custom error, if this is one.
    pub fn vault_error(&self) -> Option<&IBountyVaultErrors> {
        match self {
            ChainError::Reverted { revert: Revert::Vault(e), .. } => Some(e),
            _ => None,
        }
    }
}

/// Why a call reverted, decoded from its revert data.
#[derive(Clone, Debug)]
pub enum Revert {
    /// One of the vault's custom errors.
    Vault(IBountyVaultErrors),
    /// `Error(string)`.
    Message(String),
    /// `Panic(uint256)`.
    Panic(U256),
    /// Data nobody here can decode.
    Unknown(Bytes),
    /// A node that reports a bare revert without data (the node's message).
    Bare(String),
}

impl Revert {
    /// Decodes revert data: the vault's custom errors, `Error(string)`, `Panic(uint256)`, or the raw bytes.
    pub fn decode(data: &[u8]) -> Self {
        if let Ok(e) = IBountyVaultErrors::abi_decode(data) {
            return Self::Vault(e);
        }
        if let Ok(r) = StringRevert::abi_decode(data) {
            return Self::Message(r.reason);
        }
        if let Ok(p) = Panic::abi_decode(data) {
            return Self::Panic(p.code);
        }
        Self::Unknown(Bytes::copy_from_slice(data))
    }
}

impl fmt::Display for Revert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Vault(e) => f.write_str(&describe_vault_error(e)),
            Self::Message(m) => write!(f, "reverted with \"{m}\""),
            Self::Panic(code) => {
                let panic = Panic { code: *code };
                match panic.kind() {
                    Some(kind) => write!(f, "panicked ({kind})"),
                    None => write!(f, "panicked ({code})"),
                }
            }
            Self::Unknown(data) if data.is_empty() => f.write_str("reverted without a reason"),
            Self::Unknown(data) => write!(f, "reverted with unknown data {data}"),
            Self::Bare(message) => f.write_str(message),
        }
    }
}

/// Turns revert data into a sentence (see [`Revert`]).
pub fn decode_revert(data: &[u8]) -> String {
    Revert::decode(data).to_string()
}

/// "20262 (2026-Q2)", "202606 (2026-06)", or the bare number for anything that is no period's number.
pub fn epoch_name(epoch: u64) -> String {
    match EpochLabel::from_any_epoch_number(epoch) {
        Some(label) => format!("{epoch} ({label})"),
        None => epoch.to_string(),
    }
}

/// A unix timestamp as "2026-07-04 00:00 UTC".
pub fn utc(ts: U256) -> String {
    let secs = i64::try_from(ts).unwrap_or(i64::MAX);
    match chrono::DateTime::from_timestamp(secs, 0) {
        Some(t) => t.format("%Y-%m-%d %H:%M UTC").to_string(),
        None => format!("timestamp {ts}"),
    }
}

fn describe_vault_error(e: &IBountyVaultErrors) -> String {
    use IBountyVaultErrors as E;
    match e {
        E::InvalidToken(_) => "the token address has no contract code (is it a token on this chain?)".into(),
        E::ZeroSigner(_) => "a signer in the configuration is the zero address".into(),
        E::DuplicateSigner(x) => format!("signer {} is listed twice in the configuration", x.signer),
        E::TooManySigners(x) => format!("{} signers are configured, the vault allows at most {}", x.count, x.max),
        E::InvalidThreshold(x) => {
            format!("threshold {} is impossible with {} signers (need 1 ≤ m ≤ n)", x.threshold, x.signerCount)
        }
        E::InvalidChallengePeriod(x) => format!(
            "a challenge period of {} s is longer than the vault allows ({} s, {} days)",
            x.challengePeriod,
            x.max,
            x.max / U256::from(86_400)
        ),
        E::InvalidClaimWindow(x) if x.claimWindow.is_zero() => format!(
            "a claim window of 0 is not allowed: every epoch must expire, within {} s ({} days)",
            x.max,
            x.max / U256::from(86_400)
        ),
        E::InvalidClaimWindow(x) => format!(
            "a claim window of {} s is longer than the vault allows ({} s, {} days)",
            x.claimWindow,
            x.max,
            x.max / U256::from(86_400)
        ),
        E::TooManyLiveEpochs(x) => format!(
            "the vault already has {} live epochs, the most it keeps: sweep an expired or paid-out one first \
             (`bounty status` lists them, `bounty sweep EPOCH` closes one)",
            x.max
        ),
        E::UnknownRoot(x) => format!(
            "epoch {} has no posted root {}: it was never posted, or this claims file is not the one that was",
            epoch_name(x.epoch),
            x.root
        ),
        E::NotSigner(x) => format!("{} is not one of the vault's current signers", x.signer),
        E::SignersNotAscending(x) => format!(
            "signatures must be sorted by ascending signer address without duplicates ({} came before {})",
            x.previous, x.next
        ),
        E::InvalidSignature(x) => format!(
            "the signature attributed to {} does not match the message (wrong vault, chain, nonce or data?)",
            x.signer
        ),
        E::NotEnoughSignatures(x) => format!("{} signature(s) given but the threshold is {}", x.given, x.threshold),
        E::WrongNonce(x) => format!(
            "the message was signed for nonce {} but the vault is at nonce {} (another action was signed and sent \
             since; sign again)",
            x.given, x.expected
        ),
        E::ZeroRoot(_) => "the Merkle root is zero".into(),
        E::EmptyTree(_) => "the tree has no leaves but the total is not zero".into(),
        E::EpochAlreadyPosted(x) => format!(
            "epoch {} already has a root that is pending, active, expired or swept; only a vetoed epoch can be posted \
             again",
            epoch_name(x.epoch)
        ),
        E::MalformedEpoch(x) => match x.cadence {
            crate::bindings::IBountyVault::Cadence::Monthly => format!(
                "{} is not a monthly epoch number: this vault is monthly and takes YYYYMM (202606 for 2026-06)",
                x.epoch
            ),
            _ => format!(
                "{} is not a quarterly epoch number: this vault is quarterly and takes YYYYQ (20262 for 2026-Q2)",
                x.epoch
            ),
        },
        E::EpochInFuture(x) => format!(
            "epoch {} has not begun: the vault takes roots for periods up to the current one, {}",
            epoch_name(x.epoch),
            epoch_name(x.current)
        ),
        E::OverEpochCap(x) => format!("the total {} is over the vault's epoch cap {}", x.total, x.cap),
        E::InsufficientAvailable(x) => format!(
            "the vault is not funded for this: needs {} but only {} is available (fund it first)",
            x.needed, x.available
        ),
        E::NotSignerOrGuardian(x) => format!("{} is neither a signer nor the guardian", x.caller),
        E::NotPending(x) => {
            format!("epoch {} is not pending (already active, vetoed or never posted)", epoch_name(x.epoch))
        }
        E::NotExpired(x) => format!(
            "epoch {} has not expired yet and still has something to pay: sweepable from {}",
            epoch_name(x.epoch),
            utc(x.expiresAt)
        ),
        E::IsPaused(_) => "the vault is paused".into(),
        E::NotPaused(_) => "the vault is not paused".into(),
        E::EpochNotLive(x) => format!("epoch {} is not live (never posted, vetoed, or swept)", epoch_name(x.epoch)),
        E::EpochPending(x) => {
            format!("epoch {} is still pending: claimable from {}", epoch_name(x.epoch), utc(x.activatesAt))
        }
        E::EpochExpired(x) => {
            format!("epoch {} expired at {}: its claim window is over", epoch_name(x.epoch), utc(x.expiredAt))
        }
        E::IndexOutOfRange(x) => {
            format!("index {} is out of range for epoch {} ({} leaves)", x.index, epoch_name(x.epoch), x.count)
        }
        E::AlreadyClaimed(x) => format!("leaf {} of epoch {} was already claimed", x.index, epoch_name(x.epoch)),
        E::InvalidProof(x) => format!(
            "the Merkle proof for leaf {} of epoch {} does not match the posted root (wrong claims file?)",
            x.index,
            epoch_name(x.epoch)
        ),
        E::ExceedsEpochTotal(x) => {
            format!("paying {} would exceed what is left of epoch {} ({})", x.amount, epoch_name(x.epoch), x.remaining)
        }
        E::SignatureExpired(x) => format!("the claim consent expired at {}", utc(x.deadline)),
        E::ConsentTooLong(x) => format!(
            "the claim consent runs until {}, but consents may run until {} at the latest (90 days): sign a shorter one",
            utc(x.deadline),
            utc(x.latest)
        ),
        E::ZeroRecipient(_) => "the recipient is the zero address".into(),
        E::LengthMismatch(_) => "the batch arrays have different lengths".into(),
        E::ZeroAmount(_) => "the amount is zero".into(),
        E::NotDisputable(x) => format!(
            "epoch {} cannot be disputed: only a pending root (posted, in its challenge period, not already disputed) can",
            epoch_name(x.epoch)
        ),
        E::NotDisputed(x) => format!("epoch {} has no open dispute", epoch_name(x.epoch)),
        E::DisputeNotExpired(x) => format!(
            "the dispute of epoch {} is still open to the signers: anyone may expire it from {}",
            epoch_name(x.epoch),
            utc(x.expiresAt)
        ),
        E::EpochDisputed(x) => format!(
            "epoch {} is disputed: it pays nothing until the signers resolve the dispute or it expires",
            epoch_name(x.epoch)
        ),
        E::NotQueued(x) => format!("action {} is not queued (never queued, already executed, or cancelled)", x.id),
        E::NotReady(x) => format!(
            "action {} is queued and may be executed from {} (the challenge period); until then one signer or the \
             guardian can cancel it",
            x.id,
            utc(x.eta)
        ),
        E::ActionExpired(x) => format!(
            "action {} could be executed until {} only: its grace period is over, so it must be signed and queued again",
            x.id,
            utc(x.expiredAt)
        ),
        E::ActionVoided(x) => format!(
            "action {} was queued under configuration {} and the vault is at configuration {}: a configuration change \
             voids what the previous signers queued, so it must be signed and queued again",
            x.id, x.queuedUnder, x.current
        ),
        E::CancelTooLate(x) => {
            format!("action {} reached its eta {}: it can no longer be cancelled, only executed", x.id, utc(x.eta))
        }
        E::CancelSpent(x) => format!(
            "{} already cancelled this action once under this configuration; a key cancels the same intent only once",
            x.by
        ),
        E::PauseSpent(x) => format!(
            "{} already paused the vault under this configuration; a key pauses once per configuration (another \
             signer or the guardian still can)",
            x.by
        ),
        E::WrongPause(x) => format!(
            "the unpause names pause {} but the vault is in pause {} (0: not paused); an unpause ends only the pause it \
             was signed for",
            x.given, x.current
        ),
        E::DisputesClosed(_) => {
            "disputes are closed: the vault's dispute bond is 0, so only a signer or the guardian can stop a root (veto)"
                .into()
        }
        E::NoRefund(x) => format!("{} has no credited dispute refund to withdraw", x.account),
        E::NothingToClaim(_) => "the claim consent would pay nothing (no claims, or only zero amounts)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings::IBountyVault as V;
    use alloy::primitives::address;
    use std::collections::BTreeSet;

    #[test]
    fn every_vault_error_reads_as_the_right_sentence() {
        let a = address!("0x1111111111111111111111111111111111111111");
        let b = address!("0x2222222222222222222222222222222222222222");
        let u = U256::from;
        let at = u(1_783_123_200); // 2026-07-04 00:00 UTC
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (V::InvalidToken {}.abi_encode(), "the token address has no contract code (is it a token on this chain?)"),
            (V::ZeroSigner {}.abi_encode(), "a signer in the configuration is the zero address"),
            (V::DuplicateSigner { signer: a }.abi_encode(), "signer 0x1111111111111111111111111111111111111111 is listed twice in the configuration"),
            (V::TooManySigners { count: u(33), max: u(32) }.abi_encode(), "33 signers are configured, the vault allows at most 32"),
            (V::InvalidThreshold { threshold: u(3), signerCount: u(2) }.abi_encode(), "threshold 3 is impossible with 2 signers (need 1 ≤ m ≤ n)"),
            (V::NotSigner { signer: a }.abi_encode(), "0x1111111111111111111111111111111111111111 is not one of the vault's current signers"),
            (V::SignersNotAscending { previous: b, next: a }.abi_encode(), "signatures must be sorted by ascending signer address without duplicates (0x2222222222222222222222222222222222222222 came before 0x1111111111111111111111111111111111111111)"),
            (V::InvalidSignature { signer: a }.abi_encode(), "the signature attributed to 0x1111111111111111111111111111111111111111 does not match the message (wrong vault, chain, nonce or data?)"),
            (V::NotEnoughSignatures { given: u(1), threshold: u(2) }.abi_encode(), "1 signature(s) given but the threshold is 2"),
            (V::WrongNonce { given: u(3), expected: u(4) }.abi_encode(), "the message was signed for nonce 3 but the vault is at nonce 4 (another action was signed and sent since; sign again)"),
            (V::ZeroRoot {}.abi_encode(), "the Merkle root is zero"),
            (V::EmptyTree {}.abi_encode(), "the tree has no leaves but the total is not zero"),
            (V::EpochAlreadyPosted { epoch: 202606 }.abi_encode(), "epoch 202606 (2026-06) already has a root that is pending, active, expired or swept; only a vetoed epoch can be posted again"),
            (V::OverEpochCap { total: u(5), cap: u(4) }.abi_encode(), "the total 5 is over the vault's epoch cap 4"),
            (V::InsufficientAvailable { needed: u(5), available: u(4) }.abi_encode(), "the vault is not funded for this: needs 5 but only 4 is available (fund it first)"),
            (V::NotSignerOrGuardian { caller: a }.abi_encode(), "0x1111111111111111111111111111111111111111 is neither a signer nor the guardian"),
            (V::NotPending { epoch: 7 }.abi_encode(), "epoch 7 is not pending (already active, vetoed or never posted)"),
            (V::NotExpired { epoch: 20262, expiresAt: at }.abi_encode(), "epoch 20262 (2026-Q2) has not expired yet and still has something to pay: sweepable from 2026-07-04 00:00 UTC"),
            (V::IsPaused {}.abi_encode(), "the vault is paused"),
            (V::NotPaused {}.abi_encode(), "the vault is not paused"),
            (V::EpochNotLive { epoch: 20262 }.abi_encode(), "epoch 20262 (2026-Q2) is not live (never posted, vetoed, or swept)"),
            (V::EpochPending { epoch: 20262, activatesAt: at }.abi_encode(), "epoch 20262 (2026-Q2) is still pending: claimable from 2026-07-04 00:00 UTC"),
            (V::EpochExpired { epoch: 20262, expiredAt: at }.abi_encode(), "epoch 20262 (2026-Q2) expired at 2026-07-04 00:00 UTC: its claim window is over"),
            (V::IndexOutOfRange { epoch: 20262, index: u(9), count: u(6) }.abi_encode(), "index 9 is out of range for epoch 20262 (2026-Q2) (6 leaves)"),
            (V::AlreadyClaimed { epoch: 20262, index: u(2) }.abi_encode(), "leaf 2 of epoch 20262 (2026-Q2) was already claimed"),
            (V::InvalidProof { epoch: 20262, index: u(2) }.abi_encode(), "the Merkle proof for leaf 2 of epoch 20262 (2026-Q2) does not match the posted root (wrong claims file?)"),
            (V::ExceedsEpochTotal { epoch: 20262, amount: u(5), remaining: u(4) }.abi_encode(), "paying 5 would exceed what is left of epoch 20262 (2026-Q2) (4)"),
            (V::SignatureExpired { deadline: at }.abi_encode(), "the claim consent expired at 2026-07-04 00:00 UTC"),
            (
                V::ConsentTooLong { deadline: U256::MAX, latest: at }.abi_encode(),
                "the claim consent runs until timestamp 115792089237316195423570985008687907853269984665640564039457584007913129639935, \
                 but consents may run until 2026-07-04 00:00 UTC at the latest (90 days): sign a shorter one",
            ),
            (
                V::MalformedEpoch { epoch: 202606, cadence: V::Cadence::Quarterly }.abi_encode(),
                "202606 is not a quarterly epoch number: this vault is quarterly and takes YYYYQ (20262 for 2026-Q2)",
            ),
            (
                V::MalformedEpoch { epoch: 20262, cadence: V::Cadence::Monthly }.abi_encode(),
                "20262 is not a monthly epoch number: this vault is monthly and takes YYYYMM (202606 for 2026-06)",
            ),
            (
                V::EpochInFuture { epoch: 20271, current: 20264 }.abi_encode(),
                "epoch 20271 (2027-Q1) has not begun: the vault takes roots for periods up to the current one, 20264 (2026-Q4)",
            ),
            (V::ZeroRecipient {}.abi_encode(), "the recipient is the zero address"),
            (
                V::InvalidChallengePeriod { challengePeriod: u(7_776_001), max: u(7_776_000) }.abi_encode(),
                "a challenge period of 7776001 s is longer than the vault allows (7776000 s, 90 days)",
            ),
            (
                V::InvalidClaimWindow { claimWindow: u(0), max: u(63_072_000) }.abi_encode(),
                "a claim window of 0 is not allowed: every epoch must expire, within 63072000 s (730 days)",
            ),
            (
                V::InvalidClaimWindow { claimWindow: u(63_072_001), max: u(63_072_000) }.abi_encode(),
                "a claim window of 63072001 s is longer than the vault allows (63072000 s, 730 days)",
            ),
            (
                V::TooManyLiveEpochs { max: u(32) }.abi_encode(),
                "the vault already has 32 live epochs, the most it keeps: sweep an expired or paid-out one first \
                 (`bounty status` lists them, `bounty sweep EPOCH` closes one)",
            ),
            (
                V::UnknownRoot { epoch: 20262, root: alloy::primitives::B256::repeat_byte(0xab) }.abi_encode(),
                "epoch 20262 (2026-Q2) has no posted root 0xabababababababababababababababababababababababababababababababab: \
                 it was never posted, or this claims file is not the one that was",
            ),
            (V::LengthMismatch {}.abi_encode(), "the batch arrays have different lengths"),
            (V::ZeroAmount {}.abi_encode(), "the amount is zero"),
            (
                V::NotDisputable { epoch: 20262 }.abi_encode(),
                "epoch 20262 (2026-Q2) cannot be disputed: only a pending root (posted, in its challenge period, not already disputed) can",
            ),
            (V::NotDisputed { epoch: 20262 }.abi_encode(), "epoch 20262 (2026-Q2) has no open dispute"),
            (
                V::DisputeNotExpired { epoch: 20262, expiresAt: at }.abi_encode(),
                "the dispute of epoch 20262 (2026-Q2) is still open to the signers: anyone may expire it from 2026-07-04 00:00 UTC",
            ),
            (
                V::EpochDisputed { epoch: 20262 }.abi_encode(),
                "epoch 20262 (2026-Q2) is disputed: it pays nothing until the signers resolve the dispute or it expires",
            ),
            (
                V::NotQueued { id: alloy::primitives::B256::repeat_byte(0xab) }.abi_encode(),
                "action 0xabababababababababababababababababababababababababababababababab is not queued (never queued, already executed, or cancelled)",
            ),
            (
                V::NotReady { id: alloy::primitives::B256::repeat_byte(0xab), eta: at }.abi_encode(),
                "action 0xabababababababababababababababababababababababababababababababab is queued and may be executed from 2026-07-04 00:00 UTC (the challenge period); until then one signer or the guardian can cancel it",
            ),
            (
                V::ActionExpired { id: alloy::primitives::B256::repeat_byte(0xab), expiredAt: at }.abi_encode(),
                "action 0xabababababababababababababababababababababababababababababababab could be executed until 2026-07-04 00:00 UTC only: its grace period is over, so it must be signed and queued again",
            ),
            (
                V::ActionVoided { id: alloy::primitives::B256::repeat_byte(0xab), queuedUnder: 1, current: 2 }.abi_encode(),
                "action 0xabababababababababababababababababababababababababababababababab was queued under configuration 1 and the vault is at configuration 2: a configuration change voids what the previous signers queued, so it must be signed and queued again",
            ),
            (
                V::CancelTooLate { id: alloy::primitives::B256::repeat_byte(0xab), eta: at }.abi_encode(),
                "action 0xabababababababababababababababababababababababababababababababab reached its eta 2026-07-04 00:00 UTC: it can no longer be cancelled, only executed",
            ),
            (
                V::CancelSpent { intent: alloy::primitives::B256::repeat_byte(0xcd), by: a }.abi_encode(),
                "0x1111111111111111111111111111111111111111 already cancelled this action once under this configuration; a key cancels the same intent only once",
            ),
            (
                V::PauseSpent { by: a }.abi_encode(),
                "0x1111111111111111111111111111111111111111 already paused the vault under this configuration; a key pauses once per configuration (another signer or the guardian still can)",
            ),
            (
                V::WrongPause { given: 1, current: 2 }.abi_encode(),
                "the unpause names pause 1 but the vault is in pause 2 (0: not paused); an unpause ends only the pause it was signed for",
            ),
            (
                V::DisputesClosed {}.abi_encode(),
                "disputes are closed: the vault's dispute bond is 0, so only a signer or the guardian can stop a root (veto)",
            ),
            (V::NoRefund { account: a }.abi_encode(), "0x1111111111111111111111111111111111111111 has no credited dispute refund to withdraw"),
            (V::NothingToClaim {}.abi_encode(), "the claim consent would pay nothing (no claims, or only zero amounts)"),
        ];
        for (data, sentence) in &cases {
            assert_eq!(decode_revert(data), *sentence);
        }
        // Every custom error of the interface has a case above.
        let covered: BTreeSet<[u8; 4]> = cases.iter().map(|(d, _)| d[..4].try_into().unwrap()).collect();
        let all: BTreeSet<[u8; 4]> = IBountyVaultErrors::SELECTORS.iter().copied().collect();
        assert_eq!(covered, all, "a vault error has no sentence test");
    }

    #[test]
    fn string_reverts_panics_and_unknown_data() {
        assert_eq!(decode_revert(&StringRevert::from("OLD").abi_encode()), "reverted with \"OLD\"");
        assert_eq!(
            decode_revert(&Panic { code: U256::from(0x11) }.abi_encode()),
            "panicked (arithmetic underflow or overflow)"
        );
        assert_eq!(decode_revert(&[]), "reverted without a reason");
        assert!(decode_revert(&[1, 2, 3, 4]).contains("0x01020304"));
    }

    #[test]
    fn epoch_names() {
        assert_eq!(epoch_name(20262), "20262 (2026-Q2)");
        assert_eq!(epoch_name(202606), "202606 (2026-06)");
        assert_eq!(epoch_name(7), "7");
    }
}
