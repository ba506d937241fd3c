//! The claims file: the published, immutable artifact of one epoch. It holds every input needed to re-derive the
//! amounts, the price and the root, so anyone can check a posted root with [`verify`]. Its keccak256 over the exact
//! bytes is the `metadataHash` posted on chain with the root.

use crate::{
    allocation::{Allocation, AllocationParams, DropReason},
    calendar::{EpochLabel, Schedule},
    config::{ProgramConfig, TokenInfo},
    decimal::Decimal,
    error::{Error, Result},
    merkle::{ClaimLeaf, StandardMerkleTree, TreeDump},
    serde_helpers::display_str,
    shares::Measure,
    twap::PriceRecord,
};
use alloy_primitives::{keccak256, Address, B256, U256};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The `format` field of every claims file this version writes.
pub const CLAIMS_FORMAT: &str = "support-bounty-claims-v1";

/// The claims file (JSON). Field order here is the order in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
    pub format: String,
    pub program: String,
    pub chain_id: u64,
    pub vault: Address,
    pub token: TokenInfo,
    /// On-chain epoch number (20262 for 2026-Q2, 202606 for 2026-06).
    pub epoch: u64,
    pub label: EpochLabel,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    /// Rule, budget, cap and token decimals: the allocation inputs besides the rows.
    pub allocation: AllocationParams,
    /// The CSV column the rule read.
    pub measure: Measure,
    /// The token cap that applied, in base units.
    #[serde(with = "display_str")]
    pub cap: U256,
    /// The price (None for token-denominated programs; `usdPerToken` = 0 on chain then).
    pub price: Option<PriceRecord>,
    pub claims: Vec<ClaimEntry>,
    /// Rows that got nothing, and why.
    pub dropped: Vec<DroppedEntry>,
    pub root: B256,
    #[serde(with = "display_str")]
    pub total: U256,
    pub count: u32,
    /// The OpenZeppelin `standard-v1` dump of the tree; `StandardMerkleTree.load()` accepts it.
    pub tree: TreeDump,
}

/// One paid account with the inputs that produced its amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimEntry {
    pub index: u64,
    pub account: Address,
    /// Token base units, decimal string.
    #[serde(with = "display_str")]
    pub amount: U256,
    /// The measure value (hours, USD, tokens or votes, per `measure`).
    pub value: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The leaf's proof, so a helper can claim from the file alone.
    pub proof: Vec<B256>,
}

/// A row left out of the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DroppedEntry {
    pub account: Address,
    pub value: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub reason: DropReason,
}

/// One named check of [`verify`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub name: String,
    pub ok: bool,
    pub detail: String,
}

/// Every check [`verify`] ran, each reported separately.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    pub checks: Vec<Check>,
}

impl VerifyReport {
    /// True when every check passed.
    pub fn is_ok(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }

    /// The failed checks.
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.ok)
    }
}

impl ClaimsFile {
    /// Assembles the file for one epoch from a config, its schedule, an allocation and the price used.
    pub fn build(
        config: &ProgramConfig,
        schedule: &Schedule,
        allocation: &Allocation,
        price: Option<PriceRecord>,
    ) -> Result<Self> {
        todo!()
    }

    /// The exact bytes this crate writes: pretty JSON (2-space indent) plus a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        todo!()
    }

    /// `usdPerToken` for the on-chain post: the price, or 0 for token-denominated programs.
    pub fn usd_per_token(&self) -> U256 {
        self.price.as_ref().map_or(U256::ZERO, |p| p.usd_per_token)
    }

    /// Rebuilds the Merkle tree from the claims.
    pub fn merkle_tree(&self) -> Result<StandardMerkleTree<ClaimLeaf>> {
        todo!()
    }

    /// Writes the file atomically (temp file in the same directory, then rename) and returns its metadataHash.
    /// Claims files are immutable: an existing file with different bytes is an error, identical bytes are fine.
    pub fn write_atomic(&self, path: impl AsRef<Path>) -> Result<B256> {
        todo!()
    }

    /// Reads a claims file, returning it with its exact bytes (for [`metadata_hash`]).
    pub fn read(path: impl AsRef<Path>) -> Result<(Self, Vec<u8>)> {
        todo!()
    }
}

/// `metadataHash` = keccak256 of the claims file's exact bytes.
pub fn metadata_hash(bytes: &[u8]) -> B256 {
    keccak256(bytes)
}

/// Re-derives everything from the file's own inputs — price from readings, each amount from the rule, total,
/// count, indices, root, proofs and dump — and reports each check separately.
pub fn verify(file: &ClaimsFile) -> VerifyReport {
    todo!()
}
