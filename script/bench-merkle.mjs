#!/usr/bin/env node
// npm side of the Merkle benchmark: builds a StandardMerkleTree of N claim leaves with the pinned
// @openzeppelin/merkle-tree and times the build and all proofs. Same leaves as
// crates/core/examples/bench_tree.rs, so the roots must match. Usage: node script/bench-merkle.mjs N [--no-proofs]
import pkg from '@openzeppelin/merkle-tree';

const { StandardMerkleTree } = pkg;
const n = Number(process.argv[2] ?? 1000);
const proofs = !process.argv.includes('--no-proofs');

const prefix = 'ab'.repeat(12);
const values = [];
for (let i = 0; i < n; i++) {
  const account = '0x' + prefix + (BigInt(i) + 1n).toString(16).padStart(16, '0');
  values.push([String(i), account, ((BigInt(i) + 1n) * 10n ** 15n).toString()]);
}

let t = performance.now();
const tree = StandardMerkleTree.of(values, ['uint256', 'address', 'uint256']);
const build = performance.now() - t;
const out = { impl: '@openzeppelin/merkle-tree', n, root: tree.root, build_ms: +build.toFixed(1) };
if (proofs) {
  t = performance.now();
  let nodes = 0;
  for (let i = 0; i < n; i++) nodes += tree.getProof(i).length;
  out.proofs_ms = +(performance.now() - t).toFixed(1);
  out.proof_nodes = nodes;
}
console.log(JSON.stringify(out));
