//! The claims file: the published, immutable artifact of one epoch. It holds every input needed to re-derive the
//! amounts, the price and the root, so anyone can check a posted root with [`verify`]. Its keccak256 over the exact
//! bytes is the `metadataHash` posted on chain with the root.

use crate::{
    allocation::{Allocation, AllocationParams, DropReason},
    calendar::{EpochLabel, Schedule},
    config::{ProgramConfig, TokenInfo},
    decimal::Decimal,
    error::{AllocationError, Error, Result},
    files::{write_atomic_with, CompareWriter, Existing, HashingWriter},
    merkle::{ClaimLeaf, StandardMerkleTree, TreeDump},
    quality::Kpis,
    serde_helpers::display_str,
    shares::ShareRow,
    twap::PriceRecord,
    units::Measure,
};
use alloy_primitives::{keccak256, Address, B256, U256};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::{
    io::Write,
    path::{Path, PathBuf},
};

/// The `format` field of a claims file: no per-claim proofs (each is read from the tree dump on demand, see
/// [`TreeDump::proof`]) and the one-line-per-item layout of [`crate::layout`]. (`-v1`, with a proof on every
/// claim, was never published and is not read.)
pub const CLAIMS_FORMAT: &str = "support-bounty-claims-v2";

/// The `format` of a claims file of a program with several budget lines: v2's layout, where the rule, budget and
/// measure move from the top into `lines` (one record per line) and each claim lists its amount per line.
pub const CLAIMS_FORMAT_LINES: &str = "support-bounty-claims-v3";

/// The claims file (JSON). Field order here is the order in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
    /// [`CLAIMS_FORMAT`].
    pub format: String,
    /// The program's name.
    pub program: String,
    /// The vault's chain.
    pub chain_id: u64,
    /// The vault.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub vault: Address,
    /// The vault's deployment block, from the program config (where a reader's event scans start), if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deploy_block: Option<u64>,
    /// The paid token.
    pub token: TokenInfo,
    /// On-chain epoch number (20262 for 2026-Q2, 202606 for 2026-06).
    pub epoch: u64,
    /// The period's label.
    pub label: EpochLabel,
    /// First instant of the period.
    pub period_start: DateTime<Utc>,
    /// First instant after it.
    pub period_end: DateTime<Utc>,
    /// When it was computed, if that was before the period's compute day (`bounty compute --early`): reports and
    /// tips after this instant are not in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub computed_early: Option<DateTime<Utc>>,
    /// The program's term, when it has one: signers refuse a period outside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<crate::lines::Term>,
    /// Rule, budget, cap and token decimals: the allocation inputs besides the rows (v2; in v3 per line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation: Option<AllocationParams>,
    /// The CSV column the rule read (v2; in v3 per line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    /// The budget lines (v3): each one's inputs besides the rows, its cap, total and dropped rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LineRecord>,
    /// The token cap that applied, in base units.
    #[serde(with = "display_str")]
    pub cap: U256,
    /// The price (None for token-denominated programs; `usdPerToken` = 0 on chain then).
    pub price: Option<PriceRecord>,
    /// The paid accounts, sorted by address; `index` = position.
    pub claims: Vec<ClaimEntry>,
    /// Rows that got nothing, and why.
    pub dropped: Vec<DroppedEntry>,
    /// Every committee change to a reported value, with its reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<crate::report::AdjustmentRecord>,
    /// The tip match that sized the budget: the period's contributions and what they added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tips: Option<crate::tips::TipRecord>,
    /// The Merkle root posted on chain.
    pub root: B256,
    /// Sum of the amounts, base units.
    #[serde(with = "display_str")]
    pub total: U256,
    /// Number of claims (leaves).
    pub count: u32,
    /// The OpenZeppelin `standard-v1` dump of the tree; `StandardMerkleTree.load()` accepts it.
    pub tree: TreeDump,
}

/// One paid account with the inputs that produced its amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimEntry {
    /// The leaf's index (position in `claims`).
    pub index: u64,
    /// Who is paid.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub account: Address,
    /// Token base units, decimal string.
    #[serde(with = "display_str")]
    pub amount: U256,
    /// The measure value (hours, USD, tokens or votes, per `measure`; v2 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    /// What each line pays the account, with the value it was computed from (v3 only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LinePart>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// What the helper did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The account's signed self-report this claim came from (absent: from the committee CSV).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<crate::report::ReportProof>,
}

/// A row left out of the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedEntry {
    /// The row's account.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub account: Address,
    /// Its measure value.
    pub value: Decimal,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// What the helper did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Its KPI measures, in a `quality` line.
    #[serde(default, skip_serializing_if = "Kpis::is_empty")]
    pub kpis: Kpis,
    /// Why it gets nothing.
    #[serde(flatten)]
    pub reason: DropReason,
}

/// An account's claim in one epoch with its proof: what a helper (or `payBatch`) submits to the vault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpochClaim {
    /// The on-chain epoch number.
    pub epoch: u64,
    /// The epoch's root, under which the vault keeps the epoch's claim state (a claim brings it).
    pub root: B256,
    /// `(index, account, amount)`.
    pub leaf: ClaimLeaf,
    /// The leaf's Merkle proof.
    pub proof: Vec<B256>,
}

impl ClaimEntry {
    /// The entry's leaf.
    pub fn leaf(&self) -> ClaimLeaf {
        ClaimLeaf { index: self.index, account: self.account, amount: self.amount }
    }

    /// The row the entry was computed from (for re-running a rule), with `value` and `kpis` as one line read them.
    fn row_with(&self, value: Decimal, kpis: Kpis) -> ShareRow {
        recorded_row(self.account, value, &self.handle, &self.note, kpis)
    }
}

impl DroppedEntry {
    /// The row that got nothing (for re-running the rule).
    pub(crate) fn row(&self) -> ShareRow {
        recorded_row(self.account, self.value, &self.handle, &self.note, self.kpis)
    }
}

/// A shares row as a claims file records it (line 0: it does not come from a CSV).
fn recorded_row(
    account: Address,
    value: Decimal,
    handle: &Option<String>,
    note: &Option<String>,
    kpis: Kpis,
) -> ShareRow {
    ShareRow { line: 0, account, value, handle: handle.clone(), note: note.clone(), kpis }
}

impl ClaimsFile {
    /// Assembles the file for one epoch: the program's identity from `config`, the dates from `schedule`, and
    /// everything computed (rule, budget, price, amounts, dropped rows) from `allocation`.
    pub fn build(config: &ProgramConfig, schedule: &Schedule, allocation: &Allocation) -> Result<Self> {
        if allocation.params.needs_price() && allocation.price.is_none() {
            return Err(AllocationError::MissingPrice.into());
        }
        let count = u32::try_from(allocation.awards.len())
            .map_err(|_| AllocationError::TooManyClaims(allocation.awards.len()))?;
        if allocation.total > U256::from(u128::MAX) {
            return Err(AllocationError::TotalTooLarge(allocation.total).into());
        }
        if allocation.awards.is_empty() {
            return Err(AllocationError::NothingToPay.into());
        }
        let tree = StandardMerkleTree::of(allocation.leaves().collect())?;
        let claims = allocation
            .awards
            .iter()
            .map(|a| ClaimEntry {
                index: a.leaf.index,
                account: a.leaf.account,
                amount: a.leaf.amount,
                value: Some(a.row.value),
                lines: Vec::new(),
                handle: a.row.handle.clone(),
                note: a.row.note.clone(),
                report: None,
            })
            .collect();
        let dropped = allocation.dropped.iter().map(DroppedEntry::from).collect();
        Ok(Self {
            format: CLAIMS_FORMAT.into(),
            program: config.name.clone(),
            chain_id: config.chain_id,
            vault: config.vault,
            deploy_block: config.deploy_block,
            token: config.token.clone(),
            epoch: schedule.epoch,
            label: schedule.label,
            period_start: schedule.period_start,
            period_end: schedule.period_end,
            computed_early: None,
            term: config.term,
            allocation: Some(allocation.params.clone()),
            measure: Some(allocation.params.rule.measure()),
            lines: Vec::new(),
            cap: allocation.cap,
            price: allocation.price.clone(),
            claims,
            dropped,
            adjustments: Vec::new(),
            tips: None,
            root: tree.root(),
            total: allocation.total,
            count,
            tree: tree.dump(),
        })
    }

    /// Records where the rows came from: each reported account's report (signature and value as signed) on its
    /// claim, and the committee's adjustments. Nothing here changes the tree: provenance is for `verify`.
    pub fn attach(&mut self, intake: &crate::report::Intake) {
        for claim in &mut self.claims {
            claim.report = intake.proofs.get(&claim.account).cloned();
        }
        self.adjustments = intake.adjustments.clone();
    }

    /// The report a claim says it came from, rebuilt from the file (program, chain, vault, period, measure) and the
    /// claim (handle, note), with its signature.
    pub fn report_of(&self, claim: &ClaimEntry) -> Option<(crate::report::SelfReport, alloy_primitives::Bytes)> {
        let proof = claim.report.as_ref()?;
        let report = crate::report::SelfReport {
            program: self.program.clone(),
            chain_id: self.chain_id,
            vault: self.vault,
            epoch: self.label,
            account: claim.account,
            handle: claim.handle.clone().unwrap_or_default(),
            measure: self.reported_measure()?,
            value: proof.value,
            note: claim.note.clone().unwrap_or_default(),
            sequence: proof.sequence,
        };
        Some((report, proof.signature.clone()))
    }

    /// The exact bytes this crate writes ([`crate::layout`]), plus a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        self.write_to(&mut bytes).expect("a claims file always serialises to memory");
        bytes
    }

    /// Streams [`to_bytes`](Self::to_bytes)' bytes into `w`.
    pub fn write_to(&self, mut w: impl Write) -> std::io::Result<()> {
        crate::layout::to_writer(&mut w, self)?;
        w.write_all(b"\n")
    }

    /// Whether `bytes` are exactly what this crate writes for this content, checked without a second copy.
    pub fn is_canonical(&self, bytes: &[u8]) -> bool {
        let mut compare = CompareWriter::new(bytes);
        self.write_to(&mut compare).is_ok() && compare.matched()
    }

    /// `usdPerToken` for the on-chain post: the price, or 0 for token-denominated programs.
    pub fn usd_per_token(&self) -> U256 {
        self.price.as_ref().map_or(U256::ZERO, |p| p.usd_per_token)
    }

    /// The tree's leaves, in index order.
    pub fn leaves(&self) -> Vec<ClaimLeaf> {
        self.claims.iter().map(ClaimEntry::leaf).collect()
    }

    /// Rebuilds the Merkle tree from the claims.
    pub fn merkle_tree(&self) -> Result<StandardMerkleTree<ClaimLeaf>> {
        Ok(StandardMerkleTree::of(self.leaves())?)
    }

    /// `account`'s claim in this epoch with its proof, if it is paid: a binary search (claims are sorted by
    /// account, which `verify` checks) and, in v2, the proof read from the dump — O(log n), no tree rebuilt. The
    /// proof is only as good as the file: the vault checks it against the posted root.
    pub fn claim_of(&self, account: Address) -> Result<Option<EpochClaim>> {
        let Ok(i) = self.claims.binary_search_by_key(&account, |c| c.account) else { return Ok(None) };
        let entry = &self.claims[i];
        let proof = self.tree.proof(i)?;
        Ok(Some(EpochClaim { epoch: self.epoch, root: self.root, leaf: entry.leaf(), proof }))
    }

    /// Writes the file atomically and returns its metadataHash. Claims files are immutable: an existing file with
    /// different bytes is an error, identical bytes are fine.
    pub fn write_atomic(&self, path: impl AsRef<Path>) -> Result<B256> {
        let mut hash = B256::ZERO;
        write_atomic_with(path.as_ref(), Existing::Keep, |w| {
            let mut hashing = HashingWriter::new(w);
            self.write_to(&mut hashing)?;
            hash = hashing.finalize();
            Ok(())
        })?;
        Ok(hash)
    }

    /// Reads a claims file, returning it with its exact bytes (for [`metadata_hash`]).
    pub fn read(path: impl AsRef<Path>) -> Result<(Self, Vec<u8>)> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        Ok((parse(path, &bytes)?, bytes))
    }
}

/// A claims file as read from disk: the one reader every command uses. It keeps what the bytes prove (their
/// keccak256 is the on-chain `metadataHash`; whether they are canonical) rather than the bytes themselves, which
/// at 10^6 claims would double the memory a verification needs.
#[derive(Clone, Debug)]
pub struct LoadedClaims {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its content.
    pub file: ClaimsFile,
    /// keccak256 of its exact bytes.
    metadata_hash: B256,
    /// Whether the bytes are exactly what this crate writes for the content.
    canonical: bool,
}

impl LoadedClaims {
    /// Reads and parses a claims file. A malformed one is reported with the JSON path of the bad field
    /// (`claims[2].amount`), via `serde_path_to_error`, so the publisher knows exactly what to fix.
    pub fn read(path: &Path) -> Result<Self> {
        let (file, bytes) = ClaimsFile::read(path)?;
        let canonical = file.is_canonical(&bytes);
        Ok(Self { path: path.to_path_buf(), metadata_hash: metadata_hash(&bytes), canonical, file })
    }

    /// keccak256 of the file's exact bytes.
    pub fn metadata_hash(&self) -> B256 {
        self.metadata_hash
    }
}

/// Parses a claims file's bytes, naming the bad field's JSON path on error.
fn parse(path: &Path, bytes: &[u8]) -> Result<ClaimsFile> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| Error::Json {
        path: path.to_path_buf(),
        field: e.path().to_string(),
        source: e.into_inner(),
    })
}

/// `metadataHash` = keccak256 of the claims file's exact bytes.
pub fn metadata_hash(bytes: &[u8]) -> B256 {
    keccak256(bytes)
}

mod lines;
mod verify;
pub use lines::{LinePart, LineRecord, LineView};
pub use verify::{reports_check, reports_not_by_key, verify, verify_bytes, Check, Failure, Verdict};
