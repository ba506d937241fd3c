//! Criterion benchmarks of the Merkle tree (build, all proofs, multiproof) and of the raw keccak256 it is made of,
//! so `docs/design/merkle-bench.md` can compare our build time with the ~3N hashes it needs. Run by hand:
//!
//! ```sh
//! cargo bench -p bounty-core --bench merkle
//! ```

use alloy_primitives::{keccak256, B256};
use bounty_core::StandardMerkleTree;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

/// The same deterministic leaves as `script/bench-merkle.mjs` (one definition, in the example).
#[path = "../examples/bench_tree.rs"]
#[allow(dead_code, unreachable_pub)]
mod bench_tree;
use bench_tree::leaves;

fn keccak(c: &mut Criterion) {
    let mut g = c.benchmark_group("keccak256");
    let pair = [7u8; 64];
    g.bench_function("64 bytes (node)", |b| b.iter(|| keccak256(black_box(&pair))));
    let leaf = [9u8; 96];
    g.bench_function("96 bytes (leaf encoding)", |b| b.iter(|| keccak256(black_box(&leaf))));
    g.finish();
}

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("tree build");
    for n in [1_000usize, 10_000, 100_000, 1_000_000] {
        let values = leaves(n);
        g.throughput(Throughput::Elements(n as u64));
        if n >= 100_000 {
            g.sample_size(10);
        }
        g.bench_with_input(BenchmarkId::from_parameter(n), &values, |b, v| {
            b.iter(|| StandardMerkleTree::of(black_box(v.clone())).unwrap())
        });
    }
    g.finish();
}

fn proofs(c: &mut Criterion) {
    let mut g = c.benchmark_group("all proofs");
    for n in [1_000usize, 10_000, 100_000, 1_000_000] {
        let tree = StandardMerkleTree::of(leaves(n)).unwrap();
        g.throughput(Throughput::Elements(n as u64));
        if n >= 100_000 {
            g.sample_size(10);
        }
        g.bench_with_input(BenchmarkId::from_parameter(n), &tree, |b, t| b.iter(|| t.all_proofs()));
    }
    g.finish();

    let mut g = c.benchmark_group("multiproof of 256 leaves");
    for n in [10_000usize, 1_000_000] {
        let tree = StandardMerkleTree::of(leaves(n)).unwrap();
        let picks: Vec<usize> = (0..256).map(|k| k * (n / 256)).collect();
        g.bench_with_input(BenchmarkId::from_parameter(n), &tree, |b, t| {
            b.iter(|| t.multiproof(black_box(&picks)).unwrap())
        });
    }
    g.finish();
    black_box(B256::ZERO);
}

criterion_group!(benches, keccak, build, proofs);
criterion_main!(benches);
