//! The claims file: the published, immutable artifact of one epoch. It holds every input needed to re-derive the
//! amounts, the price and the root, so anyone can check a posted root with [`verify`]. Its keccak256 over the exact
//! bytes is the `metadataHash` posted on chain with the root.

use crate::{
    allocation::{allocate, Allocation, AllocationParams, DropReason},
    calendar::{EpochLabel, Schedule},
    config::{ProgramConfig, TokenInfo},
    decimal::Decimal,
    error::{AllocationError, Error, Result},
    files::{write_atomic, Existing},
    merkle::{verify_proof, ClaimLeaf, LeafValue, StandardMerkleTree, TreeDump},
    serde_helpers::display_str,
    shares::ShareRow,
    twap::PriceRecord,
    units::Measure,
};
use alloy_primitives::{keccak256, Address, B256, U256};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The `format` field of every claims file this version writes.
pub const CLAIMS_FORMAT: &str = "support-bounty-claims-v1";

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
    /// Rule, budget, cap and token decimals: the allocation inputs besides the rows.
    pub allocation: AllocationParams,
    /// The CSV column the rule read.
    pub measure: Measure,
    /// The token cap that applied, in base units.
    #[serde(with = "display_str")]
    pub cap: U256,
    /// The price (None for token-denominated programs; `usdPerToken` = 0 on chain then).
    pub price: Option<PriceRecord>,
    /// The paid accounts, sorted by address; `index` = position.
    pub claims: Vec<ClaimEntry>,
    /// Rows that got nothing, and why.
    pub dropped: Vec<DroppedEntry>,
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
    /// The measure value (hours, USD, tokens or votes, per `measure`).
    pub value: Decimal,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// What the helper did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The leaf's proof, so a helper can claim from the file alone.
    pub proof: Vec<B256>,
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
    /// Why it gets nothing.
    #[serde(flatten)]
    pub reason: DropReason,
}

/// An account's claim in one epoch with its proof: what a helper (or `payBatch`) submits to the vault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpochClaim {
    /// The on-chain epoch number.
    pub epoch: u64,
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

    /// The row the entry was computed from (for re-running the rule).
    fn row(&self) -> ShareRow {
        recorded_row(self.account, self.value, &self.handle, &self.note)
    }
}

impl DroppedEntry {
    /// The row that got nothing (for re-running the rule).
    fn row(&self) -> ShareRow {
        recorded_row(self.account, self.value, &self.handle, &self.note)
    }
}

/// A shares row as a claims file records it (line 0: it does not come from a CSV).
fn recorded_row(account: Address, value: Decimal, handle: &Option<String>, note: &Option<String>) -> ShareRow {
    ShareRow { line: 0, account, value, handle: handle.clone(), note: note.clone() }
}

/// One named check of [`verify`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Short name (`root`, `total`, `amount #2 0x…`).
    pub name: String,
    /// Whether it passed.
    pub ok: bool,
    /// What was compared.
    pub detail: String,
}

/// Every check [`verify`] ran, each reported separately.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// In the order they ran.
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
            .zip(tree.all_proofs())
            .map(|(a, proof)| ClaimEntry {
                index: a.leaf.index,
                account: a.leaf.account,
                amount: a.leaf.amount,
                value: a.row.value,
                handle: a.row.handle.clone(),
                note: a.row.note.clone(),
                proof,
            })
            .collect();
        let dropped = allocation
            .dropped
            .iter()
            .map(|d| DroppedEntry {
                account: d.row.account,
                value: d.row.value,
                handle: d.row.handle.clone(),
                note: d.row.note.clone(),
                reason: d.reason.clone(),
            })
            .collect();
        Ok(Self {
            format: CLAIMS_FORMAT.into(),
            program: config.name.clone(),
            chain_id: config.chain_id,
            vault: config.vault,
            token: config.token.clone(),
            epoch: schedule.epoch,
            label: schedule.label,
            period_start: schedule.period_start,
            period_end: schedule.period_end,
            allocation: allocation.params.clone(),
            measure: allocation.params.rule.measure(),
            cap: allocation.cap,
            price: allocation.price.clone(),
            claims,
            dropped,
            root: tree.root(),
            total: allocation.total,
            count,
            tree: tree.dump(),
        })
    }

    /// The exact bytes this crate writes: pretty JSON (2-space indent) plus a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a claims file always serialises");
        bytes.push(b'\n');
        bytes
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

    /// `account`'s claim in this epoch with its proof, if it is paid.
    pub fn claim_of(&self, account: Address) -> Option<EpochClaim> {
        // Claims are sorted by account (checked by `verify`), so this is a binary search.
        let i = self.claims.binary_search_by_key(&account, |c| c.account).ok()?;
        let entry = &self.claims[i];
        Some(EpochClaim { epoch: self.epoch, leaf: entry.leaf(), proof: entry.proof.clone() })
    }

    /// Writes the file atomically and returns its metadataHash. Claims files are immutable: an existing file with
    /// different bytes is an error, identical bytes are fine.
    pub fn write_atomic(&self, path: impl AsRef<Path>) -> Result<B256> {
        let bytes = self.to_bytes();
        write_atomic(path.as_ref(), &bytes, Existing::Keep)?;
        Ok(metadata_hash(&bytes))
    }

    /// Reads a claims file, returning it with its exact bytes (for [`metadata_hash`]).
    pub fn read(path: impl AsRef<Path>) -> Result<(Self, Vec<u8>)> {
        let loaded = LoadedClaims::read(path.as_ref())?;
        Ok((loaded.file, loaded.bytes))
    }
}

/// A claims file as read from disk, with its path and exact bytes (their keccak256 is the on-chain `metadataHash`):
/// the one reader every command uses.
#[derive(Clone, Debug)]
pub struct LoadedClaims {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its content.
    pub file: ClaimsFile,
    /// Its exact bytes.
    pub bytes: Vec<u8>,
}

impl LoadedClaims {
    /// Reads and parses a claims file. A malformed one is reported with the JSON path of the bad field
    /// (`claims[2].amount`), via `serde_path_to_error`, so the publisher knows exactly what to fix.
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        let file: ClaimsFile = serde_path_to_error::deserialize(&mut de).map_err(|e| Error::Json {
            path: path.to_path_buf(),
            field: e.path().to_string(),
            source: e.into_inner(),
        })?;
        Ok(Self { path: path.to_path_buf(), file, bytes })
    }

    /// keccak256 of the file's exact bytes.
    pub fn metadata_hash(&self) -> B256 {
        metadata_hash(&self.bytes)
    }
}

impl VerifyReport {
    fn check(&mut self, name: impl Into<String>, ok: bool, detail: impl Into<String>) {
        self.checks.push(Check { name: name.into(), ok, detail: detail.into() });
    }
}

/// `metadataHash` = keccak256 of the claims file's exact bytes.
pub fn metadata_hash(bytes: &[u8]) -> B256 {
    keccak256(bytes)
}

/// Re-derives everything from the file's own inputs — price from readings, each amount from the rule, total,
/// count, indices, root, proofs and dump — and reports each check separately.
pub fn verify(file: &ClaimsFile) -> VerifyReport {
    let mut r = VerifyReport::default();
    check_header(&mut r, file);
    let price = check_price(&mut r, file);
    check_allocation(&mut r, file, price);
    check_sums(&mut r, file);
    check_tree(&mut r, file);
    r
}

/// Format, epoch number, period, measure and decimals agree with each other.
fn check_header(r: &mut VerifyReport, file: &ClaimsFile) {
    r.check("format", file.format == CLAIMS_FORMAT, format!("`{}`", file.format));
    r.check(
        "epoch",
        file.label.epoch_number() == file.epoch,
        format!("label {} is epoch {}, file says {}", file.label, file.label.epoch_number(), file.epoch),
    );
    r.check(
        "period",
        file.period_start == file.label.start() && file.period_end == file.label.end(),
        format!("{} .. {}", file.period_start, file.period_end),
    );
    r.check(
        "measure",
        file.measure == file.allocation.rule.measure(),
        format!("rule reads `{}`, file says `{}`", file.allocation.rule.measure().column(), file.measure.column()),
    );
    r.check(
        "token decimals",
        file.allocation.token_decimals == file.token.decimals,
        format!("{} vs {}", file.allocation.token_decimals, file.token.decimals),
    );
}

/// The price, re-derived from the raw readings. Returns the record when it checks out (or there is none).
fn check_price(r: &mut VerifyReport, file: &ClaimsFile) -> Option<PriceRecord> {
    let Some(p) = &file.price else {
        r.check("price", true, "no price (token-denominated)");
        return None;
    };
    match p.source.usd_per_token() {
        Ok(derived) => {
            r.check(
                "price",
                derived == p.usd_per_token,
                format!("readings give {derived}, file says {}", p.usd_per_token),
            );
        }
        Err(e) => r.check("price", false, e.to_string()),
    }
    Some(p.clone())
}

/// Re-runs the rule on the recorded inputs (paid and dropped rows) and compares every outcome.
fn check_allocation(r: &mut VerifyReport, file: &ClaimsFile, price: Option<PriceRecord>) {
    let rows: Vec<ShareRow> =
        file.claims.iter().map(ClaimEntry::row).chain(file.dropped.iter().map(DroppedEntry::row)).collect();
    let a = match allocate(&file.allocation, &rows, price) {
        Ok(a) => a,
        Err(e) => return r.check("rule", false, e.to_string()),
    };
    r.check("rule", true, format!("{} re-run on {} rows", file.allocation.rule, rows.len()));
    r.check("cap", a.cap == file.cap, format!("re-derived {}, file says {}", a.cap, file.cap));
    r.check(
        "claim list",
        a.awards.len() == file.claims.len()
            && a.awards.iter().zip(&file.claims).all(|(x, y)| x.leaf.account == y.account),
        format!("{} paid accounts re-derived, {} in the file", a.awards.len(), file.claims.len()),
    );
    let dropped_ok = a.dropped.len() == file.dropped.len()
        && a.dropped.iter().zip(&file.dropped).all(|(x, y)| x.row.account == y.account && x.reason == y.reason);
    r.check(
        "dropped",
        dropped_ok,
        format!("{} dropped re-derived, {} in the file", a.dropped.len(), file.dropped.len()),
    );
    for (i, c) in file.claims.iter().enumerate() {
        let expected =
            a.awards.binary_search_by_key(&c.account, |x| x.leaf.account).ok().map(|k| a.awards[k].leaf.amount);
        r.check(
            format!("amount #{i} {}", c.account),
            expected == Some(c.amount),
            match expected {
                Some(e) => format!("rule gives {e}, file says {}", c.amount),
                None => "the rule pays this account nothing".into(),
            },
        );
    }
}

/// Indices, total and count.
fn check_sums(r: &mut VerifyReport, file: &ClaimsFile) {
    let sorted = file.claims.windows(2).all(|w| w[0].account < w[1].account);
    let indexed = file.claims.iter().enumerate().all(|(i, c)| c.index == i as u64);
    r.check("indices", sorted && indexed, "claims sorted by address, index = position");
    let sum = file.claims.iter().try_fold(U256::ZERO, |a, c| a.checked_add(c.amount));
    r.check(
        "total",
        sum == Some(file.total) && file.total <= U256::from(u128::MAX) && file.total <= file.cap,
        match sum {
            Some(sum) => format!("sum of amounts {sum}, file says {}, cap {}", file.total, file.cap),
            None => format!("sum of amounts overflows 256 bits, file says {}", file.total),
        },
    );
    r.check(
        "count",
        file.count as usize == file.claims.len(),
        format!("{} claims, file says {}", file.claims.len(), file.count),
    );
}

/// Root, every proof and the dump, against a tree rebuilt from the claims.
fn check_tree(r: &mut VerifyReport, file: &ClaimsFile) {
    let tree = match file.merkle_tree() {
        Ok(tree) => tree,
        Err(e) => return r.check("root", false, e.to_string()),
    };
    r.check("root", tree.root() == file.root, format!("rebuilt {}, file says {}", tree.root(), file.root));
    let proofs = tree.all_proofs();
    let bad = file
        .claims
        .iter()
        .zip(&proofs)
        .filter(|(c, p)| c.proof != **p || !verify_proof(file.root, c.leaf().leaf_hash(), &c.proof))
        .count();
    r.check("proofs", bad == 0, format!("{bad} of {} proofs wrong", file.claims.len()));
    r.check("tree dump", tree.dump() == file.tree, "dump equals the rebuilt tree's standard-v1 dump");
}

/// [`verify`] on a file's exact bytes, plus a `canonical bytes` check: the bytes are exactly what this crate writes
/// for the parsed content, so the `metadataHash` (reported in the check's detail) is reproducible from the content.
pub fn verify_bytes(bytes: &[u8]) -> std::result::Result<VerifyReport, serde_json::Error> {
    let file: ClaimsFile = serde_json::from_slice(bytes)?;
    let mut report = verify(&file);
    report.check("canonical bytes", file.to_bytes() == bytes, format!("metadataHash {}", metadata_hash(bytes)));
    Ok(report)
}
