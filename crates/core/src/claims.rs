//! The claims file: the published, immutable artifact of one epoch. It holds every input needed to re-derive the
//! amounts, the price and the root, so anyone can check a posted root with [`verify`]. Its keccak256 over the exact
//! bytes is the `metadataHash` posted on chain with the root.

use crate::{
    allocation::{allocate, Allocation, AllocationParams, DropReason},
    calendar::{EpochLabel, Schedule},
    config::{ProgramConfig, TokenInfo},
    decimal::Decimal,
    error::{AllocationError, Error, Result},
    files::{write_atomic_with, CompareWriter, Existing, HashingWriter},
    merkle::{ClaimLeaf, StandardMerkleTree, TreeDump},
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
    /// The measure value (hours, USD, tokens or votes, per `measure`).
    pub value: Decimal,
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

/// One named check of [`verify`]: a single comparison (`root`), or a family over every claim (`amounts`), which
/// passes when every item does and lists only the items that failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Short name (`root`, `total`, `amounts`).
    pub name: String,
    /// Whether it passed.
    pub ok: bool,
    /// What was compared (for a family: how many items passed).
    pub detail: String,
    /// The family's failed items, all of them; empty for a single comparison.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<Failure>,
}

/// One failed item of a family check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// Which item (`#2 0x…`).
    pub item: String,
    /// What was wrong with it.
    pub detail: String,
}

impl Check {
    /// A single comparison.
    pub fn new(name: impl Into<String>, ok: bool, detail: impl Into<String>) -> Self {
        Self { name: name.into(), ok, detail: detail.into(), failures: Vec::new() }
    }

    /// A family over `total` items, of which `failures` failed; `what` completes "N of M …".
    pub fn family(name: &str, total: usize, what: &str, failures: Vec<Failure>) -> Self {
        let detail = format!("{} of {total} {what}", total.saturating_sub(failures.len()));
        Self { name: name.into(), ok: failures.is_empty(), detail, failures }
    }
}

/// Every check [`verify`] ran, each reported separately.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// In the order they ran.
    pub checks: Vec<Check>,
}

impl Verdict {
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
            .map(|a| ClaimEntry {
                index: a.leaf.index,
                account: a.leaf.account,
                amount: a.leaf.amount,
                value: a.row.value,
                handle: a.row.handle.clone(),
                note: a.row.note.clone(),
                report: None,
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
            deploy_block: config.deploy_block,
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
            measure: self.measure,
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

    /// [`verify`] plus the `canonical bytes` check, with the metadataHash in its detail.
    pub fn verify(&self) -> Verdict {
        let mut report = verify(&self.file);
        report.check("canonical bytes", self.canonical, format!("metadataHash {}", self.metadata_hash));
        report
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

impl Verdict {
    fn check(&mut self, name: impl Into<String>, ok: bool, detail: impl Into<String>) {
        self.checks.push(Check::new(name, ok, detail));
    }
}

/// `metadataHash` = keccak256 of the claims file's exact bytes.
pub fn metadata_hash(bytes: &[u8]) -> B256 {
    keccak256(bytes)
}

/// Re-derives everything from the file's own inputs — price from readings, each amount from the rule, total,
/// count, indices, root, proofs and dump — and reports each check separately.
pub fn verify(file: &ClaimsFile) -> Verdict {
    let mut r = Verdict::default();
    check_header(&mut r, file);
    let price = check_price(&mut r, file);
    check_allocation(&mut r, file, price);
    check_sums(&mut r, file);
    check_tree(&mut r, file);
    check_reports(&mut r, file);
    check_tips(&mut r, file);
    r
}

/// For a matched budget: the match is `min(Σ tips × percent, cap)` of the recorded contributions, every one inside
/// the period, and the budget the rule ran on is the lump plus the match. (`bounty verify` also re-reads the
/// contributions from the chain.)
fn check_tips(r: &mut Verdict, file: &ClaimsFile) {
    let Some(t) = &file.tips else { return };
    let d = file.token.decimals;
    let (start, end) = (file.period_start.timestamp(), file.period_end.timestamp());
    let outside =
        t.contributions.iter().filter(|c| (c.timestamp as i64) < start || (c.timestamp as i64) >= end).count();
    let matched = t.rule.matched(&t.contributions, d);
    r.check(
        "tips",
        outside == 0 && matched == Some(t.matched) && t.budget(d) == Some(file.allocation.budget),
        format!(
            "{} contribution(s), {} counting ({} base units); match {}% of them, capped at {} tokens: {} (file says {}); \
             budget: lump {} + match = {}{}",
            t.contributions.len(),
            t.contributions.iter().filter(|c| !t.rule.exclude.contains(&c.from)).count(),
            t.rule.tips(&t.contributions),
            t.rule.percent,
            t.rule.cap,
            matched.map_or("malformed".into(), |m| m.to_string()),
            t.matched,
            t.lump,
            match file.allocation.budget {
                crate::units::Money::Tokens(d) => format!("{d} tokens"),
                crate::units::Money::Usd(d) => format!("${d} (a tip match needs a token budget)"),
            },
            if outside > 0 { format!("; {outside} outside the period") } else { String::new() },
        ),
    );
}

/// For files with signed reports: every report signature is the account's (`reports_check`, offline: by its key),
/// and every value that differs from what was signed has an adjustment with a reason.
fn check_reports(r: &mut Verdict, file: &ClaimsFile) {
    if file.claims.iter().all(|c| c.report.is_none()) && file.adjustments.is_empty() {
        return;
    }
    r.checks.push(reports_check(file, None));
    let mut failures = Vec::new();
    let adjusted: std::collections::HashMap<Address, &crate::report::AdjustmentRecord> =
        file.adjustments.iter().map(|a| (a.account, a)).collect();
    for (i, c) in file.claims.iter().enumerate() {
        let Some(proof) = &c.report else { continue };
        let item = format!("#{i} {}", c.account);
        match adjusted.get(&c.account) {
            None if c.value != proof.value => failures.push(Failure {
                item,
                detail: format!("counts {} but the signed report says {}, with no adjustment", c.value, proof.value),
            }),
            Some(a) if a.reported != proof.value || a.value != c.value => failures.push(Failure {
                item,
                detail: format!(
                    "the adjustment ({} → {}) does not match the report and the claim",
                    a.reported, a.value
                ),
            }),
            _ => {}
        }
    }
    for a in &file.adjustments {
        let item = a.account.to_string();
        if a.reason.trim().is_empty() {
            failures.push(Failure { item: item.clone(), detail: "an adjustment without a reason".into() });
        }
        let paid = file.claims.iter().any(|c| c.account == a.account && c.report.is_some());
        let dropped = file.dropped.iter().any(|d| d.account == a.account && d.value == a.value);
        if !paid && !dropped {
            failures.push(Failure { item, detail: "adjusts no reported claim".into() });
        }
    }
    r.checks.push(Check::family(
        "adjustments",
        file.adjustments.len(),
        "each with a reason, matching its report",
        failures,
    ));
}

/// The claims (by position) whose signed report does not recover to the account's key. A contract wallet's
/// signature (ERC-1271) may still be its own, which only the chain can tell: `bounty-chain` asks the account.
pub fn reports_not_by_key(file: &ClaimsFile) -> Vec<usize> {
    let by_key = |c: &ClaimEntry| {
        file.report_of(c).is_none_or(|(report, signature)| report.recover(&signature) == Some(c.account))
    };
    file.claims.iter().enumerate().filter(|(_, c)| !by_key(c)).map(|(i, _)| i).collect()
}

/// The `reports` check: every signed report is the paid account's, by its key, or for the claims at the positions
/// in `by_contract` by the contract wallet itself, confirmed on chain with ERC-1271. Offline (`None`), a contract
/// wallet's report is a failure that says it is checked on chain.
pub fn reports_check(file: &ClaimsFile, by_contract: Option<&[usize]>) -> Check {
    let reported = file.claims.iter().filter(|c| c.report.is_some()).count();
    let vouched = by_contract.unwrap_or_default();
    let failures = reports_not_by_key(file)
        .into_iter()
        .filter(|i| !vouched.contains(i))
        .map(|i| Failure {
            item: format!("#{i} {}", file.claims[i].account),
            detail: "the signature is not the account key's (a contract wallet's is checked on chain)".into(),
        })
        .collect();
    let what = match by_contract {
        None => "signed by the paid account".to_string(),
        Some(v) => format!("signed by the paid account ({} by a contract wallet, checked with ERC-1271)", v.len()),
    };
    Check::family("reports", reported, &what, failures)
}

/// Format, epoch number, period, measure and decimals agree with each other.
fn check_header(r: &mut Verdict, file: &ClaimsFile) {
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
fn check_price(r: &mut Verdict, file: &ClaimsFile) -> Option<PriceRecord> {
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
fn check_allocation(r: &mut Verdict, file: &ClaimsFile, price: Option<PriceRecord>) {
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
    let mut failures = Vec::new();
    for (i, c) in file.claims.iter().enumerate() {
        let expected =
            a.awards.binary_search_by_key(&c.account, |x| x.leaf.account).ok().map(|k| a.awards[k].leaf.amount);
        if expected != Some(c.amount) {
            failures.push(Failure {
                item: format!("#{i} {}", c.account),
                detail: match expected {
                    Some(e) => format!("rule gives {e}, file says {}", c.amount),
                    None => "the rule pays this account nothing".into(),
                },
            });
        }
    }
    r.checks.push(Check::family("amounts", file.claims.len(), "re-derived", failures));
}

/// Indices, total and count.
fn check_sums(r: &mut Verdict, file: &ClaimsFile) {
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

/// Root, the dump and every proof, against a tree rebuilt from the claims.
fn check_tree(r: &mut Verdict, file: &ClaimsFile) {
    let tree = match file.merkle_tree() {
        Ok(tree) => tree,
        Err(e) => return r.check("root", false, e.to_string()),
    };
    r.check("root", tree.root() == file.root, format!("rebuilt {}, file says {}", tree.root(), file.root));
    let dump_ok = tree.matches_dump(&file.tree);
    r.check("tree dump", dump_ok, "dump equals the rebuilt tree's standard-v1 dump");
    // Proofs are read from the dump, so they are right exactly when the dump is the tree of this root.
    let mut failures = Vec::new();
    if !(dump_ok && file.tree.tree.first() == Some(&file.root)) {
        failures.push(Failure {
            item: "every claim".into(),
            detail: "proofs are read from the dump, which is not the tree of this root".into(),
        });
    }
    let what = "proofs read from the dump lead to the root";
    r.checks.push(Check::family("proofs", file.claims.len(), what, failures));
}

/// [`verify`] on a file's exact bytes, plus a `canonical bytes` check: the bytes are exactly what this crate writes
/// for the parsed content, so the `metadataHash` (reported in the check's detail) is reproducible from the content.
pub fn verify_bytes(bytes: &[u8]) -> std::result::Result<Verdict, serde_json::Error> {
    let file: ClaimsFile = serde_json::from_slice(bytes)?;
    let mut report = verify(&file);
    report.check("canonical bytes", file.is_canonical(bytes), format!("metadataHash {}", metadata_hash(bytes)));
    Ok(report)
}
