//! The chain layer's typed errors: [`ChainError`] and the problems it carries. RPC failures are classified in
//! [`crate::transport`]; reverts are decoded into sentences in [`crate::revert`].

use crate::{bindings::IBountyVault::IBountyVaultErrors, revert::Revert, transport::RpcFailure};
use alloy::{
    primitives::{Address, TxHash},
    transports::{http::reqwest, TransportError, TransportErrorKind},
};
use bounty_core::EpochNumber;
use std::path::PathBuf;

/// Shorthand used throughout the crate.
pub type Result<T, E = ChainError> = std::result::Result<T, E>;

/// Everything that can go wrong talking to a chain.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
    /// The RPC could not be reached when connecting (after the retries).
    #[error("RPC unreachable at {url}: {failure}")]
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
    #[error("wrong chain: expected chain id {expected} but the RPC at {url} serves chain {actual}")]
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
    /// The RPC URL is not an HTTP(S) URL.
    #[error("invalid RPC URL {url:?}: it must start with http:// or https:// (for example http://localhost:8545)")]
    NotHttp {
        /// As given.
        url: String,
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
    /// There is a contract at the address, but it does not answer as a bounty vault (a token or a Safe given as the
    /// vault, say).
    #[error(
        "the contract at {address} on chain {chain_id} is not a bounty vault (it does not answer `MAX_LIVE_EPOCHS()`)"
    )]
    NotAVault {
        /// The address.
        address: Address,
        /// The chain.
        chain_id: u64,
    },
    /// A transaction needs a wallet and none was given.
    #[error("{action} sends a transaction, and no wallet was given")]
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
    /// The password does not decrypt the keystore (its MAC does not match).
    #[error("keystore {}: the password does not open it (wrong password, or the file was changed)", path.display())]
    WrongPassword {
        /// The keystore file.
        path: PathBuf,
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
        SignatureCheck::lines(checks)
    )]
    NotEnoughSignatures {
        /// The message kind (`EpochRoot`, `Withdraw`, ...).
        kind: &'static str,
        /// Usable signatures found.
        valid: usize,
        /// The vault's threshold.
        threshold: u8,
        /// One verdict per file.
        checks: Vec<SignatureCheck>,
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
        path.display(), EpochNumber(*epoch)
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
    Merkle(#[from] bounty_core::merkle::MerkleError),
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
    /// A recorded price series ends before the time it is asked to price (its last point would be a stale price).
    #[error(
        "the price series {series} recorded in the claims file ends at {last} (unix), before the window from {start}: \
         a series cannot price a later time (an on-chain [price] source can)"
    )]
    SeriesEnds {
        /// The series' file, as recorded.
        series: String,
        /// Its last point's time.
        last: u64,
        /// The window's start.
        start: u64,
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
    #[error("this price source is on chain, and no RPC was given")]
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

/// What was found in one signature file.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SignatureCheck {
    /// The file.
    pub path: PathBuf,
    /// Its signer, if the file could be read.
    pub signer: Option<Address>,
    /// `None` if usable; otherwise why it is not.
    pub problem: Option<String>,
}

impl SignatureCheck {
    /// One line per file ("  path: ok" / "  path: why not").
    pub fn lines(checks: &[Self]) -> String {
        if checks.is_empty() {
            return "  (no signature files found)".to_string();
        }
        let line = |c: &Self| format!("  {}: {}", c.path.display(), c.problem.as_deref().unwrap_or("ok"));
        checks.iter().map(line).collect::<Vec<_>>().join("\n")
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
