// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {console} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {MerkleHelper} from "../utils/MerkleHelper.sol";
import {VaultTestBase} from "../utils/VaultTestBase.sol";

/// @notice Gas benchmarks, not pass/fail tests. Run them as separate transactions to get whole-transaction figures
/// (21 000 intrinsic + calldata + execution, refunds applied), the way shared/anchors.md measured its anchors:
///
///     forge test --isolate --match-path 'tests/gas/*' -vv | grep GAS
///
/// Each measured call logs `GAS <name> <gas>`; docs/design/gas.md tabulates them. Recipients never held the token before.
contract VaultGasTest is VaultTestBase {
    using MerkleHelper for MerkleHelper.Tree;

    uint256 internal constant AMOUNT = 1234.5e18;

    /// @dev Whole-transaction gas of the last external call under --isolate (execution gas without it).
    function _report(string memory name) internal {
        Vm.Gas memory gas = vm.lastCallGas();
        console.log(string.concat("GAS ", name, " ", vm.toString(gas.gasTotalUsed)));
    }

    function _fresh(string memory name) internal returns (address) {
        return makeAddr(string.concat("gas recipient ", name));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Claims by proof depth: a real 4-leaf subtree at the bottom (so that indices 0, 1 and 256 have real proofs),
    // padded up to `depth` with arbitrary sibling hashes; the vault checks exactly what it would for a real tree of
    // 2^depth leaves (it never sees the other leaves).
    // ---------------------------------------------------------------------------------------------------------------

    struct DeepTree {
        bytes32 root;
        uint256[4] indices;
        address[4] accounts;
        bytes32[][4] proofs;
    }

    function _deepTree(uint256 depth, string memory tag) internal returns (DeepTree memory) {
        return _deepTreeWith(depth, tag, address(0));
    }

    /// @dev As `_deepTree`, with `second` (if not zero) as the account of the second leaf (index 1).
    function _deepTreeWith(uint256 depth, string memory tag, address second) internal returns (DeepTree memory t) {
        t.indices = [uint256(0), 1, 256, 257];
        bytes32[4] memory leaves;
        for (uint256 k; k < 4; ++k) {
            t.accounts[k] = k == 1 && second != address(0) ? second : _fresh(string.concat(tag, "-", vm.toString(k)));
            leaves[k] = MerkleHelper.leafHash(t.indices[k], t.accounts[k], AMOUNT);
        }
        uint256 bottom = depth == 1 ? 1 : 2; // levels covered by the real subtree
        bytes32 n01 = MerkleHelper.hashPair(leaves[0], leaves[1]);
        bytes32 n23 = MerkleHelper.hashPair(leaves[2], leaves[3]);
        bytes32 node = depth == 1 ? n01 : MerkleHelper.hashPair(n01, n23);
        for (uint256 k; k < 4; ++k) {
            t.proofs[k] = new bytes32[](depth);
            t.proofs[k][0] = leaves[k ^ 1];
            if (bottom == 2) t.proofs[k][1] = k < 2 ? n23 : n01;
        }
        for (uint256 level = bottom; level < depth; ++level) {
            bytes32 sibling = keccak256(abi.encode("sibling", depth, level));
            for (uint256 k; k < 4; ++k) {
                t.proofs[k][level] = sibling;
            }
            node = MerkleHelper.hashPair(node, sibling);
        }
        t.root = node;
    }

    function _claimDepth(uint64 epoch, uint256 depth) internal {
        string memory tag = string.concat("depth", vm.toString(depth));
        DeepTree memory t = _deepTree(depth, tag);
        uint256 claimable = depth == 1 ? 2 : 4;
        // post 4 leaves' worth plus one more leaf's, so that the epoch never empties (no refund in the figures)
        _post(_epochRoot(epoch, t.root, uint128((claimable + 1) * AMOUNT), uint32(1 << depth)));
        _activate();

        vault.claimOne(t.accounts[0], _claimOf(epoch, t.indices[0], AMOUNT, t.proofs[0]));
        _report(string.concat("claimOne.", tag, ".firstInEpoch"));
        vault.claimOne(t.accounts[1], _claimOf(epoch, t.indices[1], AMOUNT, t.proofs[1]));
        _report(string.concat("claimOne.", tag, ".laterSameWord"));
        if (depth >= 9) {
            vault.claimOne(t.accounts[2], _claimOf(epoch, t.indices[2], AMOUNT, t.proofs[2]));
            _report(string.concat("claimOne.", tag, ".firstInNewWord"));
            // the same claim through the array entry point, for comparison
            vault.claim(t.accounts[3], _oneClaim(epoch, t.indices[3], AMOUNT, t.proofs[3]));
            _report(string.concat("claim.", tag, ".laterInSecondWord"));
        }
        assertEq(token.balanceOf(t.accounts[1]), AMOUNT);
    }

    function test_gas_claim_depth01_2leaves() public {
        _claimDepth(E1, 1);
    }

    function test_gas_claim_depth04_16leaves() public {
        _claimDepth(E1, 4);
    }

    function test_gas_claim_depth10_1024leaves() public {
        _claimDepth(E1, 10);
    }

    function test_gas_claim_depth16_65536leaves() public {
        _claimDepth(E1, 16);
    }

    function test_gas_claim_depth20_1048576leaves() public {
        _claimDepth(E1, 20);
    }

    /// @notice The average over an epoch of 16 helpers who each claim once with `claimOne` (a real 16-leaf tree,
    /// depth 4): the figure issue 8 compares with Uniswap's average over the same 16 claims.
    function test_gas_claimOne_16helpersAverage() public {
        (address[] memory accounts, uint256[] memory amounts) = _allocation("sixteen-", 16, 1.5e18);
        MerkleHelper.Tree memory tree = _postTree(E1, accounts, amounts);
        _activate();
        uint256 sum;
        for (uint256 i; i < 16; ++i) {
            vault.claimOne(accounts[i], _claimOf(E1, i, amounts[i], tree.getProof(i)));
            sum += vm.lastCallGas().gasTotalUsed;
        }
        console.log(string.concat("GAS claimOne.16helpers.average ", vm.toString(sum / 16)));
        assertEq(token.balanceOf(accounts[15]), amounts[15]);
    }

    /// @notice claimTo and claimWithSig at depth 16, for comparison with claim.
    function test_gas_claimToAndWithSig_depth16() public {
        (address helper, uint256 helperKey) = makeAddrAndKey("gas helper with key");
        DeepTree memory t = _deepTreeWith(16, "variants", helper);
        _post(_epochRoot(E1, t.root, uint128(5 * AMOUNT), uint32(1 << 16)));
        _activate();
        vault.claim(t.accounts[0], _oneClaim(E1, t.indices[0], AMOUNT, t.proofs[0])); // the word is now touched

        address recipient = _fresh("withSig");
        uint256 deadline = block.timestamp + 1 days;
        IBountyVault.Claim[] memory claims = _oneClaim(E1, t.indices[1], AMOUNT, t.proofs[1]);
        bytes memory sig = _consent(helperKey, helper, recipient, claims, deadline);
        vault.claimWithSig(helper, recipient, deadline, claims, sig);
        _report("claimWithSig.depth16.laterSameWord");

        vm.prank(t.accounts[2]);
        vault.claimTo(_fresh("claimTo"), _oneClaim(E1, t.indices[2], AMOUNT, t.proofs[2]));
        _report("claimTo.depth16.firstInNewWord");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Multi-epoch claims: one account's leaves in 1 vs 8 epochs (depth 4 each), with each epoch's bitmap word untouched
    // (the account is the first claimer of every epoch) or already touched by another helper.
    // ---------------------------------------------------------------------------------------------------------------

    function test_gas_claim_multiEpoch() public {
        address p = _fresh("P");
        address q = _fresh("Q");
        address r = _fresh("R");
        address s = _fresh("S");
        MerkleHelper.Tree[10] memory trees;
        for (uint64 k = 1; k <= 9; ++k) {
            address[] memory accounts = new address[](16);
            uint256[] memory amounts = new uint256[](16);
            for (uint256 i; i < 16; ++i) {
                accounts[i] = makeAddr(string.concat("filler", vm.toString(k), "-", vm.toString(i)));
                amounts[i] = AMOUNT;
            }
            accounts[0] = k == 1 ? p : q;
            accounts[1] = k == 1 ? r : s;
            trees[k] = _postTree(_quarter(k), accounts, amounts);
        }
        _activate();

        vault.claim(p, _oneClaim(_quarter(1), 0, AMOUNT, trees[1].getProof(0)));
        _report("claim.multiEpoch.1epoch.firstInWord");
        vault.claim(q, _epochs(trees, 0));
        _report("claim.multiEpoch.8epochs.firstInWord");
        vault.claim(r, _oneClaim(_quarter(1), 1, AMOUNT, trees[1].getProof(1)));
        _report("claim.multiEpoch.1epoch.laterInWord");
        vault.claim(s, _epochs(trees, 1));
        _report("claim.multiEpoch.8epochs.laterInWord");
    }

    function _epochs(MerkleHelper.Tree[10] memory trees, uint256 index)
        internal
        view
        returns (IBountyVault.Claim[] memory claims)
    {
        claims = new IBountyVault.Claim[](8);
        for (uint64 k; k < 8; ++k) {
            claims[k] = _claimOf(_quarter(k + 2), index, AMOUNT, trees[k + 2].getProof(index));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // payBatch: 100 recipients with no prior balance, one multiproof; and a 1-leaf batch for the marginal cost.
    // ---------------------------------------------------------------------------------------------------------------

    function test_gas_payBatch_100recipients() public {
        (address[] memory accounts, uint256[] memory amounts) = _allocation("batch100-", 100, 1.5e18);
        MerkleHelper.Tree memory tree = _postTree(E1, accounts, amounts);
        (address[] memory accounts1, uint256[] memory amounts1) = _allocation("batch1-", 100, 1.5e18);
        MerkleHelper.Tree memory tree1 = _postTree(E2, accounts1, amounts1);
        _activate();

        _batch(E2, tree1, accounts1, amounts1, 1);
        _report("payBatch.1recipient");
        _batch(E1, tree, accounts, amounts, 100);
        _report("payBatch.100recipients");
        for (uint256 i; i < 100; ++i) {
            assertEq(token.balanceOf(accounts[i]), amounts[i]);
        }
        // re-running the same payout skips everything
        _batch(E1, tree, accounts, amounts, 100);
        _report("payBatch.100recipients.rerunAllSkipped");
    }

    function _batch(
        uint64 epoch,
        MerkleHelper.Tree memory tree,
        address[] memory accounts,
        uint256[] memory amounts,
        uint256 n
    ) internal {
        uint256[] memory which = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            which[i] = i;
        }
        MerkleHelper.Batch memory b = tree.getBatch(accounts, amounts, which);
        vault.payBatch(epoch, b.indices, b.accounts, b.amounts, b.proof, b.flags);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // postRoot with 2 EOA signatures
    // ---------------------------------------------------------------------------------------------------------------

    function test_gas_postRoot_2eoaSignatures() public {
        IBountyVault.EpochRoot memory e = _epochRoot(20262, keccak256("root 1"), 25_000e18, 40);
        _post(e);
        _report("postRoot.2sigs.firstEpoch.tokenBudget");
        e = _epochRoot(20263, keccak256("root 2"), 25_000e18, 40);
        e.usdPerToken = 0.85e18;
        _post(e);
        _report("postRoot.2sigs.laterEpoch.usdBudget");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What the claim path's design moved elsewhere: a pause and an unpause touch every live epoch, and a post (or a
    // withdrawal) sums their remainders. Measured with 1, 8 and 32 (the most) live epochs.
    // ---------------------------------------------------------------------------------------------------------------

    function test_gas_pauseUnpauseAndPostByLiveEpochs() public {
        uint256[3] memory counts = [uint256(1), 8, 32];
        uint256 posted;
        for (uint256 c; c < 3; ++c) {
            // quarters 2019-Q1 onwards, posted in order, until `counts[c]` are live
            for (; posted + 1 < counts[c]; ++posted) {
                _post(_epochRoot(_quarterFrom2019(posted), keccak256(abi.encode("live", posted)), 10e18, 3));
            }
            IBountyVault.EpochRoot memory e =
                _epochRoot(_quarterFrom2019(posted), keccak256(abi.encode("live", posted)), 10e18, 3);
            vault.postRoot(e, _sigs2(vault.hashEpochRoot(e)));
            _report(string.concat("postRoot.2sigs.liveEpochsBefore.", vm.toString(counts[c] - 1)));
            ++posted;
            // Each key pauses once per configuration: a different key each time.
            vm.prank(c == 0 ? guardian : signerAddrs[c - 1]);
            vault.pause();
            _report(string.concat("pause.liveEpochs.", vm.toString(counts[c])));
            uint256 n = vault.nonce();
            uint32 p = vault.pauseCount();
            vault.queueUnpause(p, n, _sigs2(vault.hashUnpause(p, n)));
            vm.warp(block.timestamp + vault.config().challengePeriod);
            vault.executeUnpause(p, n);
            _report(string.concat("executeUnpause.liveEpochs.", vm.toString(counts[c])));
        }
        assertEq(vault.liveEpochs().length, 32);
    }

    function _quarterFrom2019(uint256 k) internal pure returns (uint64) {
        // Casting is safe: k < 32.
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint64((2019 + k / 4) * 10 + k % 4 + 1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reference: a plain ERC-20 transfer to a new address, measured the same way (calibrates against the anchors).
    // ---------------------------------------------------------------------------------------------------------------

    function test_gas_reference_plainTransferToNewAddress() public {
        token.mint(address(this), 2 * AMOUNT); // the sender keeps a balance: no clearing refund, as in the vault
        token.transfer(_fresh("plain transfer"), AMOUNT);
        _report("reference.erc20TransferToNewAddress");
    }
}
