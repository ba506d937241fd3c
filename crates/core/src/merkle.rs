//! An OpenZeppelin `StandardMerkleTree` (npm `@openzeppelin/merkle-tree` 1.0.8), byte for byte: same leaf hash,
//! same array layout, same proofs and multiproofs, same JSON dump.
//!
//! Written on alloy primitives rather than using `merkrs`: that crate is byte-compatible but young and holds the
//! values as JSON, so a 10^6-leaf tree would allocate millions of small objects; here leaves are fixed-size values
//! hashed from a stack buffer, in parallel with rayon.

use crate::error::{Error, Result};
use alloy_primitives::{Address, B256, U256};
use serde::{Deserialize, Serialize};

/// A value type that can be a StandardMerkleTree leaf: a fixed tuple of Solidity static types.
pub trait LeafValue: Clone + Send + Sync {
    /// The Solidity types, e.g. `["uint256", "address", "uint256"]`.
    fn leaf_encoding() -> Vec<String>;
    /// `keccak256(keccak256(abi.encode(values)))`.
    fn leaf_hash(&self) -> B256;
    /// The values as they appear in the JSON dump (uint256 as decimal strings, addresses EIP-55).
    fn to_json(&self) -> Vec<serde_json::Value>;
    /// Parses the values of a dump entry.
    fn from_json(values: &[serde_json::Value]) -> Result<Self>;
}

/// The vault's leaf: `(uint256 index, address account, uint256 amount)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClaimLeaf {
    pub index: U256,
    pub account: Address,
    pub amount: U256,
}

/// A multiproof in the exact shape `getMultiProof` returns and `payBatch` takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultiProof<V> {
    /// The proven values in the order the proof consumes them.
    pub leaves: Vec<V>,
    pub proof: Vec<B256>,
    pub proof_flags: Vec<bool>,
}

/// The npm library's `dump()` format (`standard-v1`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TreeDump {
    pub format: String,
    pub leaf_encoding: Vec<String>,
    pub tree: Vec<B256>,
    pub values: Vec<DumpValue>,
}

/// One value of a dump and where its leaf sits in `tree`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DumpValue {
    pub value: Vec<serde_json::Value>,
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
}

impl<V: LeafValue> StandardMerkleTree<V> {
    /// Builds the tree like `StandardMerkleTree.of(values, leafEncoding)` (leaves sorted by hash).
    pub fn of(values: Vec<V>) -> Result<Self> {
        todo!()
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
        todo!()
    }

    /// Every value's proof, in input order (computed in parallel).
    pub fn all_proofs(&self) -> Vec<Vec<B256>> {
        todo!()
    }

    /// A multiproof of the values at `indices` (input order), like `getMultiProof(indices)`.
    pub fn multiproof(&self, indices: &[usize]) -> Result<MultiProof<V>> {
        todo!()
    }

    /// The `standard-v1` JSON dump.
    pub fn dump(&self) -> TreeDump {
        todo!()
    }

    /// Loads and fully validates a dump, like `StandardMerkleTree.load`.
    pub fn load(dump: &TreeDump) -> Result<Self> {
        todo!()
    }
}

/// Hashes a sorted pair, the `MerkleProof` node rule: `keccak256(min(a,b) ‖ max(a,b))`.
pub fn hash_pair(a: &B256, b: &B256) -> B256 {
    todo!()
}

/// Folds a proof onto a leaf hash, as `MerkleProof.processProof` does.
pub fn process_proof(leaf: B256, proof: &[B256]) -> B256 {
    todo!()
}

/// Whether `proof` proves `leaf` under `root` (the vault's check).
pub fn verify_proof(root: B256, leaf: B256, proof: &[B256]) -> bool {
    process_proof(leaf, proof) == root
}

/// Recomputes the root from a multiproof over leaf hashes, as `MerkleProof.processMultiProof` does.
pub fn process_multiproof(leaves: &[B256], proof: &[B256], proof_flags: &[bool]) -> Result<B256> {
    todo!()
}
