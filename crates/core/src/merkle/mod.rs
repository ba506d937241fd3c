//! An OpenZeppelin `StandardMerkleTree` (npm `@openzeppelin/merkle-tree` 1.0.8), byte for byte: same leaf hash,
//! same array layout, same proofs and multiproofs, same JSON dump.
//!
//! Written on alloy primitives rather than using `merkrs`: that crate is byte-compatible but young and holds the
//! values as JSON, so a 10^6-leaf tree would allocate millions of small objects; here leaves are fixed-size values
//! hashed from a stack buffer, in parallel with rayon.

use alloy_primitives::B256;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

type Result<T, E = MerkleError> = std::result::Result<T, E>;

mod leaf;
mod proof;
pub use leaf::{ClaimLeaf, LeafValue};
pub use proof::{hash_pair, process_multiproof, process_proof, verify_multiproof, verify_proof};

/// Below this many nodes per level, hashing runs on one thread (rayon's split overhead would dominate).
const PARALLEL_MIN: usize = 4096;

/// A multiproof in the exact shape `getMultiProof` returns and `payBatch` takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultiProof<V> {
    /// The proven values in the order the proof consumes them.
    pub leaves: Vec<V>,
    /// Sibling hashes the proof needs.
    pub proof: Vec<B256>,
    /// For each step, whether the second node comes from the leaves/stack (true) or the proof (false).
    pub proof_flags: Vec<bool>,
}

/// The npm library's `dump()` format (`standard-v1`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TreeDump {
    /// Always `standard-v1`.
    pub format: String,
    /// The Solidity types of a leaf.
    pub leaf_encoding: Vec<String>,
    /// Every node, heap-ordered, root first.
    pub tree: Vec<B256>,
    /// Every value with its leaf's tree index.
    pub values: Vec<DumpValue>,
}

impl TreeDump {
    /// The proof of value `i` read straight from the dump's nodes (its leaf's siblings up to the root), without
    /// rebuilding or re-validating the tree: what a helper's tool needs from a published file. Trust it as far as
    /// the dump: check the result with [`verify_proof`] against the posted root, or validate the dump with
    /// [`StandardMerkleTree::load`] first.
    pub fn proof(&self, i: usize) -> Result<Vec<B256>> {
        let value = self.values.get(i).ok_or(MerkleError::IndexOutOfBounds(i))?;
        if value.tree_index >= self.tree.len() || value.tree_index < self.tree.len() / 2 {
            return Err(MerkleError::ValueMismatch { value: i, tree_index: value.tree_index });
        }
        Ok(proof_at(&self.tree, value.tree_index))
    }
}

/// One value of a dump and where its leaf sits in `tree`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DumpValue {
    /// The leaf's values as JSON (numbers as decimal strings).
    pub value: Vec<serde_json::Value>,
    /// Where its leaf sits in `tree`.
    pub tree_index: usize,
}

/// A StandardMerkleTree over values of type `V`.
#[derive(Clone, Debug)]
pub struct StandardMerkleTree<V> {
    /// Heap-ordered nodes: `tree[0]` is the root, children of `i` are `2i+1`, `2i+2`, leaves at the end.
    tree: Vec<B256>,
    values: Vec<V>,
    /// For each value (in input order), the index of its leaf in `tree`.
    tree_index: Vec<usize>,
    /// The inverse: for leaf position `k` (tree index `len-1-k`), the value's input index.
    leaf_value: Vec<u32>,
}

impl<V: LeafValue> StandardMerkleTree<V> {
    /// Builds the tree like `StandardMerkleTree.of(values, leafEncoding)` (leaves sorted by hash).
    pub fn of(values: Vec<V>) -> Result<Self> {
        if values.is_empty() {
            return Err(MerkleError::Empty);
        }
        if values.len() > u32::MAX as usize {
            return Err(MerkleError::TooManyLeaves);
        }
        let n = values.len();
        // Hash every leaf; keep (hash, input position) so the sort is deterministic like the npm library's stable
        // sort (equal hashes keep input order).
        let mut hashed: Vec<(B256, u32)> = if n >= PARALLEL_MIN {
            values.par_iter().enumerate().map(|(i, v)| (v.leaf_hash(), i as u32)).collect()
        } else {
            values.iter().enumerate().map(|(i, v)| (v.leaf_hash(), i as u32)).collect()
        };
        if n >= PARALLEL_MIN {
            hashed.par_sort_unstable();
        } else {
            hashed.sort_unstable();
        }
        // Leaves fill the end of the array in reverse sorted order: sorted leaf k sits at len-1-k.
        let len = 2 * n - 1;
        let mut tree = vec![B256::ZERO; len];
        let mut tree_index = vec![0usize; n];
        let mut leaf_value = vec![0u32; n];
        for (k, (hash, value_index)) in hashed.into_iter().enumerate() {
            tree[len - 1 - k] = hash;
            tree_index[value_index as usize] = len - 1 - k;
            leaf_value[k] = value_index;
        }
        build_internal_nodes(&mut tree, n);
        Ok(Self { tree, values, tree_index, leaf_value })
    }

    /// The root.
    pub fn root(&self) -> B256 {
        self.tree[0]
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Never true: a tree has at least one leaf.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The values in input order.
    pub fn values(&self) -> &[V] {
        &self.values
    }

    /// The leaf hash of value `i`.
    pub fn leaf_hash(&self, i: usize) -> B256 {
        self.tree[self.tree_index[i]]
    }

    /// The proof of value `i` (input order), like `getProof(i)`.
    pub fn proof(&self, i: usize) -> Result<Vec<B256>> {
        let &leaf = self.tree_index.get(i).ok_or(MerkleError::IndexOutOfBounds(i))?;
        Ok(proof_at(&self.tree, leaf))
    }

    /// Every value's proof, in input order (computed in parallel).
    pub fn all_proofs(&self) -> Vec<Vec<B256>> {
        self.tree_index.par_iter().with_min_len(1024).map(|&t| proof_at(&self.tree, t)).collect()
    }

    /// A multiproof of the values at `indices` (input order), like `getMultiProof(indices)`.
    pub fn multiproof(&self, indices: &[usize]) -> Result<MultiProof<V>> {
        let mut tree_indices = Vec::with_capacity(indices.len());
        for &i in indices {
            let &t = self.tree_index.get(i).ok_or(MerkleError::IndexOutOfBounds(i))?;
            tree_indices.push(t);
        }
        // Same walk as core.getMultiProof: leaves sorted by descending tree index, then a queue of nodes whose
        // parents are pushed as siblings are consumed (flag = true) or taken from the proof (flag = false).
        tree_indices.sort_unstable_by(|a, b| b.cmp(a));
        if tree_indices.windows(2).any(|w| w[0] == w[1]) {
            return Err(MerkleError::DuplicateIndex);
        }
        let mut stack: VecDeque<usize> = tree_indices.iter().copied().collect();
        let mut proof = Vec::new();
        let mut proof_flags = Vec::new();
        while let Some(&j) = stack.front() {
            if j == 0 {
                break;
            }
            stack.pop_front();
            let s = sibling(j);
            let p = (j - 1) / 2;
            if stack.front() == Some(&s) {
                proof_flags.push(true);
                stack.pop_front();
            } else {
                proof_flags.push(false);
                proof.push(self.tree[s]);
            }
            stack.push_back(p);
        }
        if tree_indices.is_empty() {
            proof.push(self.tree[0]);
        }
        // The npm library maps each leaf hash back to its value; `leaf_value` is that map by position.
        let len = self.tree.len();
        let leaves = tree_indices.iter().map(|&t| self.values[self.leaf_value[len - 1 - t] as usize].clone()).collect();
        Ok(MultiProof { leaves, proof, proof_flags })
    }

    /// The `standard-v1` JSON dump.
    pub fn dump(&self) -> TreeDump {
        TreeDump {
            format: "standard-v1".into(),
            leaf_encoding: V::leaf_encoding(),
            tree: self.tree.clone(),
            values: self
                .values
                .iter()
                .zip(&self.tree_index)
                .map(|(v, &tree_index)| DumpValue { value: v.to_json(), tree_index })
                .collect(),
        }
    }

    /// Whether `dump` is exactly this tree's [`dump`](Self::dump), compared in place: at 10^6 leaves building
    /// the dump to compare against would allocate millions of JSON strings. Values are compared parsed, so a dump
    /// value is accepted in any spelling the npm library would hash the same way.
    pub fn matches_dump(&self, dump: &TreeDump) -> bool {
        dump.format == "standard-v1"
            && dump.leaf_encoding == V::leaf_encoding()
            && dump.tree == self.tree
            && dump.values.len() == self.values.len()
            && dump
                .values
                .iter()
                .zip(&self.values)
                .zip(&self.tree_index)
                .all(|((d, v), &t)| d.tree_index == t && V::from_json(&d.value).is_ok_and(|parsed| parsed == *v))
    }

    /// Loads and fully validates a dump, like `StandardMerkleTree.load`: format, leaf encoding, every value's leaf
    /// hash at its tree index, and every internal node.
    pub fn load(dump: &TreeDump) -> Result<Self> {
        if dump.format != "standard-v1" {
            return Err(MerkleError::UnknownFormat(dump.format.clone()));
        }
        if dump.leaf_encoding != V::leaf_encoding() {
            return Err(MerkleError::LeafEncoding { found: dump.leaf_encoding.clone(), expected: V::leaf_encoding() });
        }
        let tree = dump.tree.clone();
        if tree.is_empty() || tree.len() % 2 == 0 {
            return Err(MerkleError::NodeCount(tree.len()));
        }
        let first_leaf = tree.len() / 2;
        if dump.values.len() != tree.len() - first_leaf {
            return Err(MerkleError::ValueCount { values: dump.values.len(), leaves: tree.len() - first_leaf });
        }
        let mut values = Vec::with_capacity(dump.values.len());
        let mut tree_index = Vec::with_capacity(dump.values.len());
        let mut leaf_value = vec![u32::MAX; dump.values.len()];
        for (i, entry) in dump.values.iter().enumerate() {
            let value = V::from_json(&entry.value)?;
            let t = entry.tree_index;
            if t < first_leaf || t >= tree.len() || tree[t] != value.leaf_hash() {
                return Err(MerkleError::ValueMismatch { value: i, tree_index: t });
            }
            if leaf_value[tree.len() - 1 - t] != u32::MAX {
                return Err(MerkleError::SharedLeaf(t));
            }
            leaf_value[tree.len() - 1 - t] = i as u32;
            values.push(value);
            tree_index.push(t);
        }
        for i in 0..first_leaf {
            if tree[i] != hash_pair(&tree[2 * i + 1], &tree[2 * i + 2]) {
                return Err(MerkleError::BadNode(i));
            }
        }
        Ok(Self { tree, values, tree_index, leaf_value })
    }

    /// Hashes `(leaf_encoding, value)` as `StandardMerkleTree.verify` does and checks the proof against `root`.
    pub fn verify(root: B256, value: &V, proof: &[B256]) -> bool {
        verify_proof(root, value.leaf_hash(), proof)
    }
}

/// Fills the internal nodes `tree[0..n-1]` from the leaves at the end, one heap level at a time (deepest first)
/// so each level's nodes can be hashed in parallel: level `d` holds indices `[2^d-1, 2^(d+1)-1)` and its children
/// all lie at or beyond `2^(d+1)-1`.
fn build_internal_nodes(tree: &mut [B256], n: usize) {
    let internal = n - 1;
    if internal == 0 {
        return;
    }
    let mut levels = Vec::new();
    let mut lo = 0usize;
    while lo < internal {
        let hi = (2 * lo + 1).min(internal);
        levels.push((lo, hi));
        lo = 2 * lo + 1;
    }
    for &(lo, hi) in levels.iter().rev() {
        let split = 2 * lo + 1; // first index of the next level; all children of [lo, hi) are >= split
        let (parents, children) = tree.split_at_mut(split);
        let parents = &mut parents[lo..hi];
        let node = |(k, out): (usize, &mut B256)| {
            let i = lo + k;
            let left = 2 * i + 1 - split;
            *out = hash_pair(&children[left], &children[left + 1]);
        };
        if parents.len() >= PARALLEL_MIN {
            parents.par_iter_mut().enumerate().with_min_len(1024).for_each(node);
        } else {
            parents.iter_mut().enumerate().for_each(node);
        }
    }
}

/// Index of the sibling of node `i > 0`.
fn sibling(i: usize) -> usize {
    if i % 2 == 1 {
        i + 1
    } else {
        i - 1
    }
}

/// The sibling path from tree index `leaf` to the root.
fn proof_at(tree: &[B256], mut index: usize) -> Vec<B256> {
    let mut proof = Vec::with_capacity(usize::BITS as usize - tree.len().leading_zeros() as usize);
    while index > 0 {
        proof.push(tree[sibling(index)]);
        index = (index - 1) / 2;
    }
    proof
}

/// Why a Merkle tree, proof or dump is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MerkleError {
    /// No leaves.
    #[error("expected a non-zero number of leaves")]
    Empty,
    /// More than 2^32 leaves.
    #[error("more than 2^32 leaves")]
    TooManyLeaves,
    /// A value index past the end.
    #[error("index {0} out of bounds")]
    IndexOutOfBounds(usize),
    /// A multiproof asked for the same value twice.
    #[error("cannot prove duplicated index")]
    DuplicateIndex,
    /// A dump whose `format` is not `standard-v1`.
    #[error("unknown format `{0}`")]
    UnknownFormat(String),
    /// A dump for another leaf encoding.
    #[error("leaf encoding {found:?}, expected {expected:?}")]
    LeafEncoding {
        /// In the dump.
        found: Vec<String>,
        /// For this leaf type.
        expected: Vec<String>,
    },
    /// A node count no complete tree has.
    #[error("a tree cannot have {0} nodes")]
    NodeCount(usize),
    /// Values and leaves differ in number.
    #[error("{values} values for {leaves} leaves")]
    ValueCount {
        /// Values in the dump.
        values: usize,
        /// Leaves in the tree.
        leaves: usize,
    },
    /// A value that does not hash to the leaf at its tree index.
    #[error("value {value} does not match the leaf at tree index {tree_index}")]
    ValueMismatch {
        /// The value's position in the dump.
        value: usize,
        /// Its claimed tree index.
        tree_index: usize,
    },
    /// Two values claim the same leaf.
    #[error("two values at tree index {0}")]
    SharedLeaf(usize),
    /// An internal node that is not the hash of its children.
    #[error("node {0} is not the hash of its children")]
    BadNode(usize),
    /// A dump value with the wrong number of fields.
    #[error("expected {expected} values, got {found}")]
    ValueArity {
        /// For this leaf type.
        expected: usize,
        /// In the dump.
        found: usize,
    },
    /// A dump field that is not the Solidity type it should be.
    #[error("{field}: expected {expected}, got {found}")]
    ValueType {
        /// The field (`index`, `account`, `amount`).
        field: &'static str,
        /// The Solidity type.
        expected: &'static str,
        /// As found.
        found: String,
    },
    /// Leaves, proof and flags of a multiproof do not add up.
    #[error("leaves and multiproof are not compatible")]
    IncompatibleMultiproof,
    /// A multiproof that runs out of nodes or leaves some over.
    #[error("invalid multiproof")]
    InvalidMultiproof,
    /// A root that differs from the one expected.
    #[error("root {found} is not the expected {expected}")]
    RootMismatch {
        /// The root expected (e.g. posted on chain).
        expected: B256,
        /// The root found.
        found: B256,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{Address, U256};

    fn tree(n: usize) -> StandardMerkleTree<ClaimLeaf> {
        let leaves = (0..n)
            .map(|i| ClaimLeaf {
                index: i as u64,
                account: Address::with_last_byte(i as u8 + 1),
                amount: U256::from(7 * i + 1),
            })
            .collect();
        StandardMerkleTree::of(leaves).unwrap()
    }

    #[test]
    fn load_rejects_tampered_dumps() {
        let t = tree(5);
        let good = t.dump();
        assert_eq!(StandardMerkleTree::<ClaimLeaf>::load(&good).unwrap().root(), t.root());

        let mut d = good.clone();
        d.format = "standard-v2".into();
        assert!(StandardMerkleTree::<ClaimLeaf>::load(&d).is_err());
        assert!(StandardMerkleTree::<(Address, U256)>::load(&good).is_err()); // wrong leaf encoding
        let mut d = good.clone();
        d.tree[1] = B256::repeat_byte(1); // an internal node
        assert!(StandardMerkleTree::<ClaimLeaf>::load(&d).is_err());
        let mut d = good.clone();
        d.values[0].value[2] = "999".into(); // a value that does not hash to its leaf
        assert!(StandardMerkleTree::<ClaimLeaf>::load(&d).is_err());
        let mut d = good.clone();
        d.values[1].tree_index = d.values[0].tree_index; // two values on one leaf
        assert!(StandardMerkleTree::<ClaimLeaf>::load(&d).is_err());
        let mut d = good;
        d.tree.pop();
        assert!(StandardMerkleTree::<ClaimLeaf>::load(&d).is_err());
    }

    #[test]
    fn proofs_and_multiproofs_reject_bad_input() {
        let t = tree(6);
        assert!(t.proof(6).is_err());
        assert!(t.multiproof(&[1, 1]).is_err());
        assert!(t.multiproof(&[9]).is_err());
        let mp = t.multiproof(&[0, 4]).unwrap();
        let leaves: Vec<B256> = mp.leaves.iter().map(LeafValue::leaf_hash).collect();
        assert!(verify_multiproof(t.root(), &leaves, &mp.proof, &mp.proof_flags));
        assert!(!verify_multiproof(t.root(), &leaves[..1], &mp.proof, &mp.proof_flags));
        let mut flags = mp.proof_flags.clone();
        flags[0] = !flags[0];
        assert!(!verify_multiproof(t.root(), &leaves, &mp.proof, &flags));
        // A proof for one leaf does not prove another.
        let p = t.proof(2).unwrap();
        assert!(verify_proof(t.root(), t.leaf_hash(2), &p));
        assert!(!verify_proof(t.root(), t.leaf_hash(3), &p));
        assert!(StandardMerkleTree::<ClaimLeaf>::of(vec![]).is_err());
    }

    #[test]
    fn a_dump_gives_every_proof_without_a_rebuild() {
        for n in [1, 2, 3, 7, 64, 100] {
            let t = tree(n);
            let dump = t.dump();
            for i in 0..n {
                assert_eq!(dump.proof(i).unwrap(), t.proof(i).unwrap(), "n={n} i={i}");
            }
            assert!(dump.proof(n).is_err());
        }
        let mut d = tree(4).dump();
        d.values[0].tree_index = 0; // the root is no leaf
        assert!(d.proof(0).is_err());
    }
}
