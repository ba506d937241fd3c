#!/usr/bin/env node
// The node side of the Merkle cross-check: runs the pinned @openzeppelin/merkle-tree (node_modules) on cases read
// as JSON from stdin and prints what the library computes, so crates/core/tests/oz_cross_check.rs can compare it
// with bounty-core byte for byte.
//
// stdin:  {"cases": [{"leafEncoding": ["uint256","address","uint256"], "values": [["0","0xAb…","5"], …],
//                     "multiproof": [0, 3, 4], "ourDump": {…optional: bounty-core's dump of the same tree…}}, …]}
// stdout: {"results": [{"root", "proofs": [[…] per value, in input order], "multiproof": {"leaves", "proof",
//          "proofFlags"}, "dump", "reloadedRoot", "verified", "ours": {"root", "proofs"} if ourDump was given}, …]}
import pkg from '@openzeppelin/merkle-tree';

const { StandardMerkleTree } = pkg;

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { cases } = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const results = cases.map(({ leafEncoding, values, multiproof, ourDump }) => {
  const tree = StandardMerkleTree.of(values, leafEncoding);
  const proofs = values.map((_, i) => tree.getProof(i));
  const verified = values.every((v, i) => StandardMerkleTree.verify(tree.root, leafEncoding, v, proofs[i]));
  const mp = tree.getMultiProof(multiproof ?? []);
  const dump = tree.dump();
  // Round-trip through JSON text, as a published file would be, and reload.
  const reloaded = StandardMerkleTree.load(JSON.parse(JSON.stringify(dump)));
  // StandardMerkleTree.load must accept bounty-core's dump (it validates every leaf and node) and give the same
  // root and proofs.
  let ours;
  if (ourDump !== undefined) {
    const loaded = StandardMerkleTree.load(ourDump);
    ours = { root: loaded.root, proofs: values.map((_, i) => loaded.getProof(i)) };
  }
  return {
    ours,
    root: tree.root,
    proofs,
    multiproof: mp,
    multiproofVerified: StandardMerkleTree.verifyMultiProof(tree.root, leafEncoding, mp),
    dump,
    reloadedRoot: reloaded.root,
    verified,
  };
});

process.stdout.write(JSON.stringify({ results }));
