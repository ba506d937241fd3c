//! Proofs and multiproofs checked the way OpenZeppelin's `MerkleProof` checks them: sorted pairs, hashed up.

use super::MerkleError;
use alloy_primitives::{keccak256, B256};
use std::collections::VecDeque;

type Result<T, E = MerkleError> = std::result::Result<T, E>;

/// Hashes a sorted pair, the `MerkleProof` node rule: `keccak256(min(a,b) ‖ max(a,b))`.
pub fn hash_pair(a: &B256, b: &B256) -> B256 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut buf = [0u8; 64];
    buf[..32].copy_from_slice(lo.as_slice());
    buf[32..].copy_from_slice(hi.as_slice());
    keccak256(buf)
}

/// Folds a proof onto a leaf hash, as `MerkleProof.processProof` does.
pub fn process_proof(leaf: B256, proof: &[B256]) -> B256 {
    proof.iter().fold(leaf, |acc, p| hash_pair(&acc, p))
}

/// Whether `proof` proves `leaf` under `root` (the vault's check).
pub fn verify_proof(root: B256, leaf: B256, proof: &[B256]) -> bool {
    process_proof(leaf, proof) == root
}

/// Recomputes the root from a multiproof over leaf hashes, as `MerkleProof.processMultiProof` does.
pub fn process_multiproof(leaves: &[B256], proof: &[B256], proof_flags: &[bool]) -> Result<B256> {
    if leaves.len() + proof.len() != proof_flags.len() + 1 {
        return Err(MerkleError::IncompatibleMultiproof);
    }
    let mut stack: VecDeque<B256> = leaves.iter().copied().collect();
    let mut proof = proof.iter().copied();
    for &flag in proof_flags {
        let a = stack.pop_front();
        let b = if flag { stack.pop_front() } else { proof.next() };
        let (Some(a), Some(b)) = (a, b) else {
            return Err(MerkleError::InvalidMultiproof);
        };
        stack.push_back(hash_pair(&a, &b));
    }
    match (stack.pop_back(), proof.next()) {
        (Some(root), None) if stack.is_empty() => Ok(root),
        (None, Some(root)) if proof.len() == 0 => Ok(root),
        _ => Err(MerkleError::InvalidMultiproof),
    }
}

/// Whether a multiproof of `leaves` (leaf hashes) is valid under `root`.
pub fn verify_multiproof(root: B256, leaves: &[B256], proof: &[B256], proof_flags: &[bool]) -> bool {
    process_multiproof(leaves, proof, proof_flags).is_ok_and(|r| r == root)
}
