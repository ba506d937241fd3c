//! Cross-check against the real `@openzeppelin/merkle-tree` (pinned in node_modules): `script/merkle-oracle.mjs`
//! builds the same trees in node and we compare root, every proof, a multiproof and the dump byte for byte.

use alloy_primitives::{Address, B256, U256};
use bounty_core::merkle::{process_multiproof, verify_proof, LeafValue, StandardMerkleTree, TreeDump};
use bounty_core::ClaimLeaf;
use serde_json::{json, Value};
use std::{io::Write, path::PathBuf, process::Command};

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// Deterministic generator (splitmix64) so failures reproduce; no extra dependency needed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    fn address(&mut self) -> Address {
        let mut b = [0u8; 20];
        for chunk in b.chunks_mut(8) {
            let r = self.next().to_be_bytes();
            chunk.copy_from_slice(&r[..chunk.len()]);
        }
        Address::from(b)
    }
    fn amount(&mut self) -> U256 {
        match self.next() % 4 {
            0 => U256::from(self.next() % 1000),
            1 => U256::from(self.next()) * U256::from(1_000_000_000u64),
            2 => U256::MAX - U256::from(self.next() % 7),
            _ => U256::from_limbs([self.next(), self.next(), 0, 0]),
        }
    }
}

fn claim_leaves(rng: &mut Rng, n: usize) -> Vec<ClaimLeaf> {
    (0..n).map(|i| ClaimLeaf { index: i as u64, account: rng.address(), amount: rng.amount() }).collect()
}

fn run_oracle(cases: &[Value]) -> Vec<Value> {
    let root = workspace_root();
    let script = root.join("script/merkle-oracle.mjs");
    let mut child = Command::new("node")
        .arg(&script)
        .current_dir(&root)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node must be installed (run ./script/bootstrap) to cross-check against @openzeppelin/merkle-tree");
    let input = serde_json::to_vec(&json!({ "cases": cases })).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "merkle-oracle.mjs failed (is node_modules installed? `npm ci`)");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["results"].as_array().unwrap().clone()
}

fn hashes(v: &Value) -> Vec<B256> {
    v.as_array().unwrap().iter().map(|h| h.as_str().unwrap().parse().unwrap()).collect()
}

/// Compares one of our trees with the node result for the same values and multiproof request.
fn compare<V: LeafValue + PartialEq + std::fmt::Debug>(tree: &StandardMerkleTree<V>, request: &[usize], node: &Value) {
    let n = tree.len();
    let root: B256 = node["root"].as_str().unwrap().parse().unwrap();
    assert_eq!(tree.root(), root, "root, n={n}");
    assert_eq!(node["verified"], true);
    assert_eq!(node["multiproofVerified"], true);

    let node_proofs = node["proofs"].as_array().unwrap();
    let ours = tree.all_proofs();
    for i in 0..n {
        assert_eq!(ours[i], hashes(&node_proofs[i]), "proof {i}, n={n}");
        assert_eq!(tree.proof(i).unwrap(), ours[i]);
        // The vault's MerkleProof rule accepts it.
        assert!(verify_proof(tree.root(), tree.leaf_hash(i), &ours[i]), "verify {i}, n={n}");
    }

    let mp = tree.multiproof(request).unwrap();
    let node_mp = &node["multiproof"];
    let node_leaves: Vec<Value> = node_mp["leaves"].as_array().unwrap().clone();
    let our_leaves: Vec<Value> = mp.leaves.iter().map(|l| Value::from(l.to_json())).collect();
    assert_eq!(our_leaves, node_leaves, "multiproof leaves, n={n}");
    assert_eq!(mp.proof, hashes(&node_mp["proof"]), "multiproof proof, n={n}");
    let flags: Vec<bool> = node_mp["proofFlags"].as_array().unwrap().iter().map(|b| b.as_bool().unwrap()).collect();
    assert_eq!(mp.proof_flags, flags, "multiproof flags, n={n}");
    let leaf_hashes: Vec<B256> = mp.leaves.iter().map(|l| l.leaf_hash()).collect();
    assert_eq!(process_multiproof(&leaf_hashes, &mp.proof, &mp.proof_flags).unwrap(), tree.root());

    // The dump is identical as JSON, and each side loads the other's.
    let ours_dump = serde_json::to_value(tree.dump()).unwrap();
    assert_eq!(ours_dump, node["dump"], "dump, n={n}");
    // The npm library loads our dump and proves the same.
    let ours_loaded = &node["ours"];
    assert_eq!(
        ours_loaded["root"].as_str().unwrap().parse::<B256>().unwrap(),
        tree.root(),
        "npm load of our dump, n={n}"
    );
    let loaded_proofs = ours_loaded["proofs"].as_array().unwrap();
    for i in 0..n {
        assert_eq!(hashes(&loaded_proofs[i]), ours[i], "npm proof {i} from our dump, n={n}");
    }
    let reloaded_root: B256 = node["reloadedRoot"].as_str().unwrap().parse().unwrap();
    assert_eq!(reloaded_root, tree.root());
    let node_dump: TreeDump = serde_json::from_value(node["dump"].clone()).unwrap();
    let loaded = StandardMerkleTree::<V>::load(&node_dump).unwrap();
    assert_eq!(loaded.root(), tree.root());
    assert_eq!(loaded.values(), tree.values());
}

/// The random sizes and values come from a fixed seed so failures reproduce; set `ORACLE_SEED` to explore others.
fn seed() -> u64 {
    let seed = std::env::var("ORACLE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_b0a7);
    eprintln!("ORACLE_SEED={seed}");
    seed
}

#[test]
fn claim_trees_match_the_npm_library() {
    let mut rng = Rng(seed());
    let mut sizes = vec![1usize, 2, 3, 4, 5, 1000];
    sizes.extend((0..10).map(|_| 6 + (rng.next() % 250) as usize));
    let mut trees = Vec::new();
    let mut cases = Vec::new();
    for &n in &sizes {
        let leaves = claim_leaves(&mut rng, n);
        // A random subset to prove together, in random order (the library sorts it).
        let mut request: Vec<usize> = (0..n).filter(|_| rng.next() % 3 == 0).collect();
        if request.is_empty() {
            request.push((rng.next() % n as u64) as usize);
        }
        request.reverse();
        cases.push(json!({
            "leafEncoding": ClaimLeaf::leaf_encoding(),
            "values": leaves.iter().map(|l| l.to_json()).collect::<Vec<_>>(),
            "multiproof": request,
        }));
        let tree = StandardMerkleTree::of(leaves).unwrap();
        cases.last_mut().unwrap()["ourDump"] = serde_json::to_value(tree.dump()).unwrap();
        trees.push((tree, request));
    }
    let results = run_oracle(&cases);
    assert_eq!(results.len(), trees.len());
    for ((tree, request), node) in trees.iter().zip(&results) {
        compare(tree, request, node);
    }
}

#[test]
fn edge_multiproofs_match_the_npm_library() {
    // An empty multiproof (proof = [root]), every leaf at once, and duplicate values (equal leaf hashes).
    let mut rng = Rng(7);
    let leaves = claim_leaves(&mut rng, 9);
    let mut dup = leaves.clone();
    dup.push(leaves[4]);
    let cases = [(leaves.clone(), vec![]), (leaves.clone(), (0..9).collect::<Vec<_>>()), (dup.clone(), vec![1, 9])];
    let json_cases: Vec<Value> = cases
        .iter()
        .map(|(l, r)| {
            let dump = StandardMerkleTree::of(l.clone()).unwrap().dump();
            json!({"leafEncoding": ClaimLeaf::leaf_encoding(), "values": l.iter().map(|x| x.to_json()).collect::<Vec<_>>(), "multiproof": r, "ourDump": dump})
        })
        .collect();
    let results = run_oracle(&json_cases);
    for ((l, r), node) in cases.into_iter().zip(&results) {
        compare(&StandardMerkleTree::of(l).unwrap(), &r, node);
    }
}

#[test]
fn golden_vector_from_the_issue() {
    let a = |b: u8| Address::repeat_byte(b);
    let values = vec![
        (a(0x11), U256::from(5_000_000_000_000_000_000u128)),
        (a(0x22), U256::from(2_500_000_000_000_000_000u128)),
        (a(0x33), U256::from(1)),
    ];
    let tree = StandardMerkleTree::of(values.clone()).unwrap();
    assert_eq!(
        tree.root(),
        "0xd673f832e8ae578ea16450035956e30f27212b91d6cd26edbef07c90546302ff".parse::<B256>().unwrap()
    );
    let indices: Vec<usize> = tree.dump().values.iter().map(|v| v.tree_index).collect();
    assert_eq!(indices, [2, 4, 3]);
    let cases = [
        json!({"leafEncoding": ["address", "uint256"], "values": values.iter().map(|v| v.to_json()).collect::<Vec<_>>(), "multiproof": [2, 0], "ourDump": tree.dump()}),
    ];
    compare(&tree, &[2, 0], &run_oracle(&cases)[0]);
}

/// `tests/vectors/merkle.json` (generated from the npm library for the Solidity tests): our trees must agree.
#[test]
fn shared_vectors_agree() {
    let path = workspace_root().join("tests/vectors/merkle.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("{} not present; skipping", path.display());
        return;
    };
    let v: Value = serde_json::from_str(&text).unwrap();
    for t in v["trees"].as_array().unwrap() {
        let u = |x: &Value| x.as_str().unwrap().parse::<U256>().unwrap();
        let leaves: Vec<ClaimLeaf> = (0..t["indices"].as_array().unwrap().len())
            .map(|i| ClaimLeaf {
                index: u(&t["indices"][i]).to(),
                account: t["accounts"][i].as_str().unwrap().parse().unwrap(),
                amount: u(&t["amounts"][i]),
            })
            .collect();
        let tree = StandardMerkleTree::of(leaves.clone()).unwrap();
        let root: B256 = t["root"].as_str().unwrap().parse().unwrap();
        assert_eq!(tree.root(), root);
        for (i, p) in t["proofs"].as_array().unwrap().iter().enumerate() {
            assert_eq!(tree.proof(i).unwrap(), hashes(p));
            assert_eq!(tree.leaf_hash(i), t["leafHashes"][i].as_str().unwrap().parse::<B256>().unwrap());
        }
        // Multiproof: request the same leaves (by their index field) and compare the order and proof.
        let mp = &t["multiProof"];
        let request: Vec<usize> = mp["indices"].as_array().unwrap().iter().map(|x| u(x).to::<usize>()).collect();
        let ours = tree.multiproof(&request).unwrap();
        let order: Vec<usize> = ours.leaves.iter().map(|l| l.index as usize).collect();
        assert_eq!(order, request);
        assert_eq!(ours.proof, hashes(&mp["proof"]));
        let flags: Vec<bool> = mp["proofFlags"].as_array().unwrap().iter().map(|b| b.as_bool().unwrap()).collect();
        assert_eq!(ours.proof_flags, flags);
        // Their dump (lower-case addresses) loads and gives the same tree.
        let dump: TreeDump = serde_json::from_value(t["dump"].clone()).unwrap();
        let loaded = StandardMerkleTree::<ClaimLeaf>::load(&dump).unwrap();
        assert_eq!(loaded.root(), root);
        assert_eq!(loaded.values(), &leaves[..]);
        assert_eq!(dump.tree, tree.dump().tree);
    }
}

/// The published example claims files: the npm library loads their `tree` and gives the same root and proofs.
#[test]
fn example_claims_files_load_in_the_npm_library() {
    for name in ["claims-2026-Q2.json", "claims-2026-06.json"] {
        let (file, _) = bounty_core::ClaimsFile::read(workspace_root().join("examples").join(name)).unwrap();
        let tree = file.merkle_tree().unwrap();
        let request: Vec<usize> = (0..tree.len()).step_by(2).collect();
        let case = json!({
            "leafEncoding": ClaimLeaf::leaf_encoding(),
            "values": tree.values().iter().map(|v| v.to_json()).collect::<Vec<_>>(),
            "multiproof": request,
            "ourDump": file.tree,
        });
        compare(&tree, &request, &run_oracle(&[case])[0]);
        assert_eq!(tree.root(), file.root);
    }
}
