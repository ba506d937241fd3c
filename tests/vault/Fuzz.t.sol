// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {deployVault, deployVaultWithSalt} from "../utils/DeployVault.sol";
import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {MerkleHelper} from "../utils/MerkleHelper.sol";
import {VaultTestBase} from "../utils/VaultTestBase.sol";

/// @notice Fuzz tests for the signature rules and the claim math.
contract BountyVaultFuzzTest is VaultTestBase {
    using MerkleHelper for MerkleHelper.Tree;

    uint256 internal constant N_SIGNERS = 5;
    address[] internal fiveSigners;
    uint256[] internal fiveKeys;

    /// @dev A vault with 5 signers (ascending) and threshold `threshold`.
    function _fiveSignerVault(uint8 threshold) internal returns (IBountyVault v) {
        fiveSigners = new address[](N_SIGNERS);
        fiveKeys = new uint256[](N_SIGNERS);
        for (uint256 i; i < N_SIGNERS; ++i) {
            (fiveSigners[i], fiveKeys[i]) = makeAddrAndKey(string.concat("signer", vm.toString(i)));
        }
        for (uint256 i = 1; i < N_SIGNERS; ++i) {
            for (uint256 j = i; j > 0 && fiveSigners[j - 1] > fiveSigners[j]; --j) {
                (fiveSigners[j - 1], fiveSigners[j]) = (fiveSigners[j], fiveSigners[j - 1]);
                (fiveKeys[j - 1], fiveKeys[j]) = (fiveKeys[j], fiveKeys[j - 1]);
            }
        }
        IBountyVault.Config memory c = _config(threshold, 0, CHALLENGE_PERIOD, CLAIM_WINDOW);
        c.signers = fiveSigners;
        v = deployVault(token, IBountyVault.Cadence.Quarterly, c);
        token.mint(address(v), 1e24);
    }

    /// @notice Any subset of signers in any order: accepted exactly when the list is strictly ascending and at least
    /// `threshold` long; otherwise the first broken rule is reported.
    function testFuzz_signatures_anySubsetAnyOrder(uint8 threshold, uint256 picks, uint256 shuffleSeed) public {
        threshold = uint8(bound(threshold, 1, N_SIGNERS));
        IBountyVault v = _fiveSignerVault(threshold);
        IBountyVault.EpochRoot memory e = _epochRoot(E1, bytes32(uint256(7)), 1e18, 3);
        e.nonce = v.nonce();
        bytes32 digest = v.hashEpochRoot(e);

        // Up to 6 picks from the 5 signers, repetitions allowed (duplicates must be caught).
        uint256 count = bound(picks, 0, 6);
        uint256[] memory order = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            order[i] = uint256(keccak256(abi.encode(picks, i))) % N_SIGNERS;
        }
        // Half of the time, sort the picks so that valid lists occur often.
        if (shuffleSeed % 2 == 0) {
            for (uint256 i = 1; i < count; ++i) {
                for (uint256 j = i; j > 0 && order[j - 1] > order[j]; --j) {
                    (order[j - 1], order[j]) = (order[j], order[j - 1]);
                }
            }
        }
        IBountyVault.SignerSignature[] memory sigs = new IBountyVault.SignerSignature[](count);
        for (uint256 i; i < count; ++i) {
            sigs[i] = IBountyVault.SignerSignature(fiveSigners[order[i]], _sign(fiveKeys[order[i]], digest));
        }

        if (count < threshold) {
            vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotEnoughSignatures.selector, count, threshold));
        } else {
            for (uint256 i = 1; i < count; ++i) {
                if (order[i] <= order[i - 1]) {
                    vm.expectRevert(
                        abi.encodeWithSelector(
                            IBountyVault.SignersNotAscending.selector, fiveSigners[order[i - 1]], fiveSigners[order[i]]
                        )
                    );
                    break;
                }
            }
        }
        v.postRoot(e, sigs);
    }

    /// @notice A high-s twin of a valid signature is rejected; the original is accepted.
    function testFuzz_signatures_malleatedHighSRejected(uint256 key, bytes32 root, uint128 total) public {
        key = bound(key, 1, 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364140);
        vm.assume(root != bytes32(0));
        address signer = vm.addr(key);
        IBountyVault.Config memory c = _config(1, 0, 0, CLAIM_WINDOW);
        c.signers = new address[](1);
        c.signers[0] = signer;
        IBountyVault v = deployVault(token, IBountyVault.Cadence.Quarterly, c);
        total = uint128(bound(total, 0, type(uint96).max));
        token.mint(address(v), total);
        IBountyVault.EpochRoot memory e = _epochRoot(E1, root, total, 1);
        e.nonce = 0;
        bytes32 digest = v.hashEpochRoot(e);

        IBountyVault.SignerSignature[] memory sigs = new IBountyVault.SignerSignature[](1);
        sigs[0] = IBountyVault.SignerSignature(signer, _malleate(_sign(key, digest)));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signer));
        v.postRoot(e, sigs);

        sigs[0].signature = _sign(key, digest);
        v.postRoot(e, sigs);
        assertEq(v.lastEpoch(), E1);
    }

    /// @notice Signatures made for another vault (same signers) or another chain are rejected.
    /// @dev anvil's and forge's default chain id.
    uint256 private constant HOME_CHAIN_ID = 31337;

    function testFuzz_signatures_crossDomainRejected(uint64 otherChainId, bytes32 salt) public {
        vm.assume(otherChainId != block.chainid && otherChainId != 0);
        IBountyVault.EpochRoot memory e = _epochRoot(E1, bytes32(uint256(1)), 1e18, 1);

        IBountyVault other =
            deployVaultWithSalt(token, IBountyVault.Cadence.Quarterly, _config(2, 0, 0, CLAIM_WINDOW), salt);
        IBountyVault.SignerSignature[] memory otherVaultSigs = _sigs2(other.hashEpochRoot(e));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[0]));
        vault.postRoot(e, otherVaultSigs);

        // A constant, not a local copy of `block.chainid`: under via-IR the optimizer may re-read `block.chainid`
        // after `vm.chainId` (it assumes the value cannot change within a transaction).
        uint256 home = HOME_CHAIN_ID;
        vm.chainId(otherChainId);
        IBountyVault.SignerSignature[] memory otherChainSigs = _sigs2(vault.hashEpochRoot(e));
        vm.chainId(home);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[0]));
        vault.postRoot(e, otherChainSigs);

        // and the home-chain signatures are rejected after a fork to another chain id
        IBountyVault.SignerSignature[] memory homeSigs = _sigs2(vault.hashEpochRoot(e));
        vm.chainId(otherChainId);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[0]));
        vault.postRoot(e, homeSigs);
        vm.chainId(home);
        vault.postRoot(e, homeSigs);
    }

    /// @notice Claim math over random allocations: paying a random subset in a random way (single claims or a batch)
    /// moves exactly the claimed amounts, and reserved/remaining/available stay exact.
    function testFuzz_claims_exactAccounting(uint256[16] memory rawAmounts, uint8 size, uint256 mask, bool useBatch)
        public
    {
        uint256 n = bound(size, 1, 16);
        address[] memory accounts = new address[](n);
        uint256[] memory amounts = new uint256[](n);
        uint256 total;
        for (uint256 i; i < n; ++i) {
            accounts[i] = address(uint160(uint256(keccak256(abi.encode("fuzz account", i)))));
            amounts[i] = bound(rawAmounts[i], 0, EPOCH_CAP / 16);
            total += amounts[i];
        }
        MerkleHelper.Tree memory tree = _postTree(E1, accounts, amounts);
        uint256 availableBefore = vault.available();
        _activate();

        uint256 picked;
        for (uint256 i; i < n; ++i) {
            if ((mask >> i) & 1 == 1) ++picked;
        }
        uint256[] memory which = new uint256[](picked);
        uint256 k;
        uint256 claimedSum;
        for (uint256 i; i < n; ++i) {
            if ((mask >> i) & 1 == 1) {
                which[k++] = i;
                claimedSum += amounts[i];
            }
        }
        if (useBatch) {
            MerkleHelper.Batch memory b = tree.getBatch(accounts, amounts, which);
            assertEq(vault.payBatch(E1, b.indices, b.accounts, b.amounts, b.proof, b.flags), picked);
        } else {
            for (uint256 i; i < picked; ++i) {
                vault.claim(accounts[which[i]], _oneClaim(E1, which[i], amounts[which[i]], tree.getProof(which[i])));
            }
        }

        for (uint256 i; i < n; ++i) {
            bool claimed = (mask >> i) & 1 == 1;
            assertEq(vault.isClaimed(E1, i), claimed);
            assertEq(token.balanceOf(accounts[i]), claimed ? amounts[i] : 0);
        }
        assertEq(vault.epochInfo(E1).remaining, total - claimedSum);
        assertEq(vault.reserved(), total - claimedSum);
        assertEq(vault.available(), availableBefore);
        assertEq(token.balanceOf(address(vault)), FUNDING - claimedSum);
    }

    /// @notice A claim succeeds exactly in [activatesAt, expiresAt).
    function testFuzz_claims_onlyInsideTheWindow(uint256 delay) public {
        (address[] memory accounts, uint256[] memory amounts) = _allocation("window", 3, 1e18);
        MerkleHelper.Tree memory tree = _postTree(E1, accounts, amounts);
        IBountyVault.EpochInfo memory info = vault.epochInfo(E1);
        delay = bound(delay, 0, CHALLENGE_PERIOD + CLAIM_WINDOW + 10 days);
        vm.warp(block.timestamp + delay);
        IBountyVault.Claim[] memory claims = _oneClaim(E1, 1, amounts[1], tree.getProof(1));
        if (block.timestamp < info.activatesAt) {
            vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochPending.selector, E1, info.activatesAt));
        } else if (block.timestamp >= info.expiresAt) {
            vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochExpired.selector, E1, info.expiresAt));
        }
        vault.claim(accounts[1], claims);
    }
}
