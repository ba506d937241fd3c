#!/usr/bin/env node
// Generates tests/vectors/merkle.json: OpenZeppelin StandardMerkleTrees of ["uint256","address","uint256"]
// (index, account, amount) claims, built by the real @openzeppelin/merkle-tree, for the forge and Rust tests.
// Deterministic: accounts are sha256-derived, amounts follow a formula; re-running must reproduce the file exactly
// (`node script/vectors/merkle.mjs && git diff --exit-code tests/vectors/merkle.json`).
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

const ENCODING = ["uint256", "address", "uint256"];
const SIZES = [1, 2, 3, 7, 16, 33];
const ONE_TOKEN = 10n ** 18n;

function account(size, i) {
  return "0x" + createHash("sha256").update(`support-bounty vector ${size}/${i}`).digest("hex").slice(0, 40);
}

// Amounts with some spread (and 18-decimal dust) so that sorted leaf order differs from value order.
function amount(size, i) {
  return ((BigInt(i) + 1n) * ONE_TOKEN * BigInt(1 + ((i * 7 + size) % 5)) + BigInt(i * 12345)).toString();
}

// Every third value, from the end: a subset whose multiproof needs both proof nodes and merged branches.
function subset(size) {
  const picked = [];
  for (let i = size - 1; i >= 0; i -= 3) picked.push(i);
  return picked;
}

const trees = SIZES.map((size) => {
  const values = Array.from({ length: size }, (_, i) => [String(i), account(size, i), amount(size, i)]);
  const tree = StandardMerkleTree.of(values, ENCODING);
  const total = values.reduce((sum, v) => sum + BigInt(v[2]), 0n).toString();
  const multi = tree.getMultiProof(subset(size));
  return {
    size,
    root: tree.root,
    total,
    indices: values.map((v) => v[0]),
    accounts: values.map((v) => v[1]),
    amounts: values.map((v) => v[2]),
    leafHashes: values.map((v) => tree.leafHash(v)),
    proofs: values.map((_, i) => tree.getProof(i)),
    multiProof: {
      indices: multi.leaves.map((v) => v[0]),
      accounts: multi.leaves.map((v) => v[1]),
      amounts: multi.leaves.map((v) => v[2]),
      proof: multi.proof,
      proofFlags: multi.proofFlags,
    },
    dump: tree.dump(),
  };
});

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tests", "vectors", "merkle.json");
writeFileSync(out, JSON.stringify({ leafEncoding: ENCODING, sizes: SIZES, trees }, null, 2) + "\n");
console.log(`wrote ${out}`);
