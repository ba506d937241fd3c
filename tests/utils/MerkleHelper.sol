// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice An OpenZeppelin StandardMerkleTree (the npm merkle-tree 1.x, leaf encoding
/// `["uint256","address","uint256"]`, leaves sorted) rebuilt in Solidity, so that tests can post and claim real trees
/// over random allocations. Hand-written because no Solidity library builds these trees; the vectors test checks it
/// against the JavaScript library's output byte for byte.
/// @dev Layout as in the JS library: a complete binary tree in an array, node i has children 2i+1 and 2i+2, the
/// sorted leaf hashes are stored at the end in reverse, internal nodes hash the sorted pair.
library MerkleHelper {
    struct Tree {
        bytes32[] nodes; // nodes[0] is the root
        uint256[] treePosOf; // value index => position in `nodes`
        uint256[] valueAt; // position in `nodes` - (nodes.length - leafCount) => value index (leaf slots only)
    }

    /// @notice The StandardMerkleTree leaf of `abi.encode(index, account, amount)`.
    function leafHash(uint256 index, address account, uint256 amount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
    }

    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /// @notice Builds the tree of values (i, accounts[i], amounts[i]); the leaf index is the value's position.
    function build(address[] memory accounts, uint256[] memory amounts) internal pure returns (Tree memory tree) {
        uint256 n = accounts.length;
        require(n > 0 && amounts.length == n, "MerkleHelper: bad values");
        bytes32[] memory hashes = new bytes32[](n);
        uint256[] memory order = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            hashes[i] = leafHash(i, accounts[i], amounts[i]);
            order[i] = i;
        }
        _sortByHash(order, hashes, 0, int256(n) - 1);

        tree.nodes = new bytes32[](2 * n - 1);
        tree.treePosOf = new uint256[](n);
        tree.valueAt = new uint256[](n);
        uint256 last = tree.nodes.length - 1;
        for (uint256 i; i < n; ++i) {
            uint256 pos = last - i;
            tree.nodes[pos] = hashes[order[i]];
            tree.treePosOf[order[i]] = pos;
            tree.valueAt[pos - (tree.nodes.length - n)] = order[i];
        }
        for (uint256 i = tree.nodes.length - n; i > 0; --i) {
            uint256 node = i - 1;
            tree.nodes[node] = hashPair(tree.nodes[2 * node + 1], tree.nodes[2 * node + 2]);
        }
    }

    function root(Tree memory tree) internal pure returns (bytes32) {
        return tree.nodes[0];
    }

    function leafCount(Tree memory tree) internal pure returns (uint256) {
        return tree.treePosOf.length;
    }

    /// @notice The proof of value `valueIndex`, bottom-up, as `getProof` returns it.
    function getProof(Tree memory tree, uint256 valueIndex) internal pure returns (bytes32[] memory proof) {
        uint256 pos = tree.treePosOf[valueIndex];
        uint256 depth;
        for (uint256 p = pos; p > 0; p = (p - 1) / 2) {
            ++depth;
        }
        proof = new bytes32[](depth);
        for (uint256 k; pos > 0; ++k) {
            proof[k] = tree.nodes[_sibling(pos)];
            pos = (pos - 1) / 2;
        }
    }

    /// @notice `payBatch`'s arguments for the values at `valueIndices`: the leaves in the order the multiproof
    /// consumes them, and the multiproof itself. The one place tests marshal a batch.
    struct Batch {
        uint256[] indices;
        address[] accounts;
        uint256[] amounts;
        bytes32[] proof;
        bool[] flags;
    }

    /// @notice The batch of values `(i, accounts[i], amounts[i])` for `i` in `valueIndices`.
    function getBatch(
        Tree memory tree,
        address[] memory accounts,
        uint256[] memory amounts,
        uint256[] memory valueIndices
    ) internal pure returns (Batch memory b) {
        (b.indices, b.proof, b.flags) = getMultiProof(tree, valueIndices);
        b.accounts = new address[](b.indices.length);
        b.amounts = new uint256[](b.indices.length);
        for (uint256 i; i < b.indices.length; ++i) {
            b.accounts[i] = accounts[b.indices[i]];
            b.amounts[i] = amounts[b.indices[i]];
        }
    }

    /// @notice A multiproof of distinct `valueIndices`, as `getMultiProof` builds it. Returns the value indices in
    /// the order the multiproof consumes the leaves (the order payBatch's arrays must follow).
    function getMultiProof(Tree memory tree, uint256[] memory valueIndices)
        internal
        pure
        returns (uint256[] memory ordered, bytes32[] memory proof, bool[] memory flags)
    {
        uint256 k = valueIndices.length;
        uint256[] memory positions = new uint256[](k);
        for (uint256 i; i < k; ++i) {
            positions[i] = tree.treePosOf[valueIndices[i]];
        }
        _sortDescending(positions);
        for (uint256 i = 1; i < k; ++i) {
            require(positions[i] != positions[i - 1], "MerkleHelper: duplicate index");
        }

        // The JS library's stack: pop the front, push the parent at the back.
        uint256[] memory queue = new uint256[](k + tree.nodes.length);
        uint256 head;
        uint256 tail = k;
        for (uint256 i; i < k; ++i) {
            queue[i] = positions[i];
        }
        proof = new bytes32[](tree.nodes.length);
        flags = new bool[](tree.nodes.length);
        uint256 proofLength;
        uint256 flagLength;
        while (tail > head && queue[head] > 0) {
            uint256 j = queue[head++];
            uint256 s = _sibling(j);
            if (tail > head && queue[head] == s) {
                flags[flagLength++] = true;
                ++head;
            } else {
                flags[flagLength++] = false;
                proof[proofLength++] = tree.nodes[s];
            }
            queue[tail++] = (j - 1) / 2;
        }
        if (k == 0) proof[proofLength++] = tree.nodes[0];
        assembly ("memory-safe") {
            mstore(proof, proofLength)
            mstore(flags, flagLength)
        }

        ordered = new uint256[](k);
        uint256 firstLeaf = tree.nodes.length - tree.treePosOf.length;
        for (uint256 i; i < k; ++i) {
            ordered[i] = tree.valueAt[positions[i] - firstLeaf];
        }
    }

    function _sibling(uint256 pos) private pure returns (uint256) {
        return pos % 2 == 1 ? pos + 1 : pos - 1;
    }

    /// @dev Quicksort of `order` by `hashes[order[i]]`, ascending (the JS library's `compare` of the hashes).
    function _sortByHash(uint256[] memory order, bytes32[] memory hashes, int256 lo, int256 hi) private pure {
        if (lo >= hi) return;
        bytes32 pivot = hashes[order[uint256(lo + (hi - lo) / 2)]];
        int256 i = lo;
        int256 j = hi;
        while (i <= j) {
            while (hashes[order[uint256(i)]] < pivot) ++i;
            while (hashes[order[uint256(j)]] > pivot) --j;
            if (i <= j) {
                (order[uint256(i)], order[uint256(j)]) = (order[uint256(j)], order[uint256(i)]);
                ++i;
                --j;
            }
        }
        _sortByHash(order, hashes, lo, j);
        _sortByHash(order, hashes, i, hi);
    }

    function _sortDescending(uint256[] memory a) private pure {
        for (uint256 i = 1; i < a.length; ++i) {
            uint256 v = a[i];
            uint256 j = i;
            while (j > 0 && a[j - 1] < v) {
                a[j] = a[j - 1];
                --j;
            }
            a[j] = v;
        }
    }
}
