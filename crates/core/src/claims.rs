//! The claims file: the published, immutable artifact of one epoch. It holds every input needed to re-derive the
//! amounts, the price and the root, so anyone can check a posted root with [`verify`]. Its keccak256 over the exact
//! bytes is the `metadataHash` posted on chain with the root.

use crate::{
    allocation::{allocate, Allocation, AllocationParams, DropReason},
    merkle::{verify_proof, LeafValue},
    shares::ShareRow,
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
    #[serde(with = "crate::serde_helpers::checksummed")]
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
    #[serde(with = "crate::serde_helpers::checksummed")]
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
pub struct DroppedEntry {
    #[serde(with = "crate::serde_helpers::checksummed")]
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
        if config.needs_price() && price.is_none() {
            return Err(Error::MissingPrice);
        }
        let count = u32::try_from(allocation.claims.len())
            .map_err(|_| Error::Allocation("more than 2^32 claims".into()))?;
        if allocation.total > U256::from(u128::MAX) {
            return Err(Error::Allocation(format!("total {} does not fit the vault's uint128", allocation.total)));
        }
        if allocation.claims.is_empty() {
            return Err(Error::Allocation("no account receives anything: there is no tree to post".into()));
        }
        let tree = StandardMerkleTree::of(leaves(allocation.claims.iter().map(|c| (c.index, c.account, c.amount))))?;
        let proofs = tree.all_proofs();
        let claims = allocation
            .claims
            .iter()
            .zip(proofs)
            .map(|(c, proof)| ClaimEntry {
                index: c.index,
                account: c.account,
                amount: c.amount,
                value: c.row.value,
                handle: c.row.handle.clone(),
                note: c.row.note.clone(),
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
            allocation: config.allocation_params(),
            measure: config.rule.measure(),
            cap: allocation.cap,
            price,
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

    /// Rebuilds the Merkle tree from the claims.
    pub fn merkle_tree(&self) -> Result<StandardMerkleTree<ClaimLeaf>> {
        StandardMerkleTree::of(leaves(self.claims.iter().map(|c| (c.index, c.account, c.amount))))
    }

    /// Writes the file atomically (temp file in the same directory, then rename) and returns its metadataHash.
    /// Claims files are immutable: an existing file with different bytes is an error, identical bytes are fine.
    pub fn write_atomic(&self, path: impl AsRef<Path>) -> Result<B256> {
        let path = path.as_ref();
        let bytes = self.to_bytes();
        let io = |source| Error::Io { path: path.to_path_buf(), source };
        if let Ok(existing) = std::fs::read(path) {
            return if existing == bytes {
                Ok(metadata_hash(&bytes))
            } else {
                Err(Error::file(
                    &path.display().to_string(),
                    "already exists with different contents; claims files are immutable (write a new file)",
                ))
            };
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
        std::io::Write::write_all(&mut tmp, &bytes).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        // No-clobber: if another writer got there first, we fail rather than replace a published file.
        tmp.persist_noclobber(path).map_err(|e| io(e.error))?;
        Ok(metadata_hash(&bytes))
    }

    /// Reads a claims file, returning it with its exact bytes (for [`metadata_hash`]).
    pub fn read(path: impl AsRef<Path>) -> Result<(Self, Vec<u8>)> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        let file = serde_json::from_slice(&bytes).map_err(|source| Error::Json { path: path.to_path_buf(), source })?;
        Ok((file, bytes))
    }
}

fn leaves(claims: impl Iterator<Item = (u64, Address, U256)>) -> Vec<ClaimLeaf> {
    claims.map(|(index, account, amount)| ClaimLeaf { index: U256::from(index), account, amount }).collect()
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

    // Price: re-derived from the raw readings.
    let price = file.price.as_ref().map(|p| p.usd_per_token);
    match &file.price {
        Some(p) => match p.source.usd_per_token() {
            Ok(derived) => r.check(
                "price",
                derived == p.usd_per_token,
                format!("readings give {derived}, file says {}", p.usd_per_token),
            ),
            Err(e) => r.check("price", false, e.to_string()),
        },
        None => r.check("price", true, "no price (token-denominated)"),
    }

    // Rule: re-run the allocation on the recorded inputs (paid and dropped rows).
    let rows: Vec<ShareRow> = file
        .claims
        .iter()
        .map(|c| (c.account, c.value, &c.handle, &c.note))
        .chain(file.dropped.iter().map(|d| (d.account, d.value, &d.handle, &d.note)))
        .map(|(account, value, handle, note)| ShareRow { line: 0, account, value, handle: handle.clone(), note: note.clone() })
        .collect();
    match allocate(&file.allocation, &rows, price) {
        Ok(a) => {
            r.check("rule", true, format!("{} re-run on {} rows", file.allocation.rule, rows.len()));
            r.check("cap", a.cap == file.cap, format!("re-derived {}, file says {}", a.cap, file.cap));
            r.check(
                "claim list",
                a.claims.len() == file.claims.len()
                    && a.claims.iter().zip(&file.claims).all(|(x, y)| x.account == y.account),
                format!("{} paid accounts re-derived, {} in the file", a.claims.len(), file.claims.len()),
            );
            let dropped_ok = a.dropped.len() == file.dropped.len()
                && a.dropped.iter().zip(&file.dropped).all(|(x, y)| x.row.account == y.account && x.reason == y.reason);
            r.check("dropped", dropped_ok, format!("{} dropped re-derived, {} in the file", a.dropped.len(), file.dropped.len()));
            for (i, c) in file.claims.iter().enumerate() {
                let expected = a.claims.iter().find(|x| x.account == c.account).map(|x| x.amount);
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
        Err(e) => r.check("rule", false, e.to_string()),
    }

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
    r.check("count", file.count as usize == file.claims.len(), format!("{} claims, file says {}", file.claims.len(), file.count));

    match file.merkle_tree() {
        Ok(tree) => {
            r.check("root", tree.root() == file.root, format!("rebuilt {}, file says {}", tree.root(), file.root));
            let proofs = tree.all_proofs();
            let bad = file
                .claims
                .iter()
                .zip(&proofs)
                .filter(|(c, p)| c.proof != **p || !verify_proof(file.root, leaf_of(c).leaf_hash(), &c.proof))
                .count();
            r.check("proofs", bad == 0, format!("{bad} of {} proofs wrong", file.claims.len()));
            r.check("tree dump", tree.dump() == file.tree, "dump equals the rebuilt tree's standard-v1 dump");
        }
        Err(e) => r.check("root", false, e.to_string()),
    }
    r
}

fn leaf_of(c: &ClaimEntry) -> ClaimLeaf {
    ClaimLeaf { index: U256::from(c.index), account: c.account, amount: c.amount }
}

/// [`verify`] on a file's exact bytes, plus a `canonical bytes` check: the bytes are exactly what this crate writes
/// for the parsed content, so the `metadataHash` (reported in the check's detail) is reproducible from the content.
pub fn verify_bytes(bytes: &[u8]) -> std::result::Result<VerifyReport, serde_json::Error> {
    let file: ClaimsFile = serde_json::from_slice(bytes)?;
    let mut report = verify(&file);
    report.check(
        "canonical bytes",
        file.to_bytes() == bytes,
        format!("metadataHash {}", metadata_hash(bytes)),
    );
    Ok(report)
}
