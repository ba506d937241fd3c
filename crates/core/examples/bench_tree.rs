//! One-shot timing of tree build and all proofs for N leaves, for `script/bench-merkle` (which also records peak
//! memory with `/usr/bin/time -v` and runs the npm library on the same inputs). Criterion numbers are in
//! `benches/merkle.rs`; this exists because peak memory needs one process per size.
//!
//! ```sh
//! cargo run --release -p bounty-core --example bench_tree -- 1000000 [--no-proofs]
//! ```

use alloy_primitives::{Address, U256};
use bounty_core::{ClaimLeaf, StandardMerkleTree};
use std::time::Instant;

/// The same deterministic leaves `script/bench-merkle.mjs` builds: index i, account = 0x…(i+1) in the low bytes
/// of a fixed prefix, amount = (i + 1) × 10^15.
pub fn leaves(n: usize) -> Vec<ClaimLeaf> {
    (0..n)
        .map(|i| {
            let mut a = [0xabu8; 20];
            a[12..].copy_from_slice(&(i as u64 + 1).to_be_bytes());
            ClaimLeaf {
                index: i as u64,
                account: Address::from(a),
                amount: U256::from(i as u64 + 1) * U256::from(1_000_000_000_000_000u64),
            }
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let proofs = !args.iter().any(|a| a == "--no-proofs");
    let values = leaves(n);
    let t = Instant::now();
    let tree = StandardMerkleTree::of(values).expect("non-empty");
    let build = t.elapsed();
    let mut line = format!(
        "{{\"impl\":\"bounty-core\",\"n\":{n},\"root\":\"{}\",\"build_ms\":{:.1}",
        tree.root(),
        build.as_secs_f64() * 1e3
    );
    if proofs {
        let t = Instant::now();
        let all = tree.all_proofs();
        line += &format!(
            ",\"proofs_ms\":{:.1},\"proof_nodes\":{}",
            t.elapsed().as_secs_f64() * 1e3,
            all.iter().map(Vec::len).sum::<usize>()
        );
    }
    println!("{line}}}");
}
