// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBountyVault} from "../contracts/interfaces/IBountyVault.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";
import {VaultTestBase} from "./utils/VaultTestBase.sol";

/// @notice "Anyone can file a dispute within two weeks of the announcement of recipients": a bonded dispute stops a
/// pending root until the threshold resolves it, one signer vetoes it, or it expires unanswered.
contract BountyVaultDisputesTest is VaultTestBase {
    using MerkleHelper for MerkleHelper.Tree;

    address internal community = makeAddr("community member");
    address[] internal accounts;
    uint256[] internal amounts;
    MerkleHelper.Tree internal tree;
    uint256 internal total;

    function setUp() public override {
        super.setUp();
        (accounts, amounts) = _allocation("disputed helper", 4, 100e18);
        tree = _postTree(E1, accounts, amounts);
        total = 1000e18;
        token.mint(community, 1000e18);
        vm.prank(community);
        token.approve(address(vault), type(uint256).max);
    }

    function _dispute() internal {
        vm.prank(community);
        vault.dispute(E1, "ipfs://verify-report");
    }

    function test_anyoneDisputesAPendingRootWithABond() public {
        uint256 availableBefore = vault.available();
        vm.expectEmit(address(vault));
        emit IBountyVault.Disputed(
            E1, community, DISPUTE_BOND, uint40(block.timestamp + 2 * CHALLENGE_PERIOD), "ipfs://verify-report"
        );
        _dispute();
        assertEq(uint8(vault.epochInfo(E1).status), uint8(IBountyVault.EpochStatus.Disputed));
        assertEq(vault.bondsHeld(), DISPUTE_BOND);
        assertEq(token.balanceOf(community), 1000e18 - DISPUTE_BOND);
        assertEq(vault.available(), availableBefore, "a bond is never budget while its dispute is open");
        IBountyVault.DisputeInfo memory d = vault.disputeOf(E1);
        assertEq(d.disputer, community);
        assertEq(d.bond, DISPUTE_BOND);
        // It cannot activate while disputed.
        _activate();
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochDisputed.selector, E1));
        vault.claim(accounts[0], _oneClaim(E1, 0, amounts[0], tree.getProof(0)));
    }

    function test_onlyPendingRootsCanBeDisputedAndOnlyOnce() public {
        _dispute();
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotDisputable.selector, E1));
        _dispute();
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotDisputable.selector, E2));
        vault.dispute(E2, "never posted");
        _postTree(E2, accounts, amounts);
        _activate();
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotDisputable.selector, E2));
        vault.dispute(E2, "already active");
    }

    /// @dev The credited bond reaches the disputer only when it withdraws it.
    function _withdrawRefund() internal {
        assertEq(token.balanceOf(community), 1000e18 - DISPUTE_BOND, "credited, not pushed");
        assertEq(vault.refundOf(community), DISPUTE_BOND);
        assertEq(vault.bondsHeld(), DISPUTE_BOND, "held until withdrawn");
        vm.expectEmit(address(vault));
        emit IBountyVault.RefundWithdrawn(community, community, DISPUTE_BOND);
        vm.prank(community);
        vault.withdrawRefund(community);
        assertEq(vault.refundOf(community), 0);
        vm.prank(community);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NoRefund.selector, community));
        vault.withdrawRefund(community);
    }

    function test_theThresholdUpholds_rootVetoedBondReturned() public {
        _dispute();
        uint256 reserved = vault.reserved();
        uint256 n = vault.nonce();
        vm.expectEmit(address(vault));
        emit IBountyVault.DisputeResolved(E1, true, address(this));
        vault.resolveDispute(E1, true, n, _sigs2(vault.hashResolveDispute(E1, true, n)));
        assertEq(uint8(vault.epochInfo(E1).status), uint8(IBountyVault.EpochStatus.Vetoed));
        assertEq(vault.reserved(), reserved - total);
        _withdrawRefund();
        assertEq(token.balanceOf(community), 1000e18);
        assertEq(vault.bondsHeld(), 0);
        // A corrected root can be posted with fresh signatures.
        _postTree(E1, accounts, amounts);
    }

    function test_theThresholdDismisses_bondToBudgetChallengeRestarts() public {
        vm.warp(block.timestamp + CHALLENGE_PERIOD - 1 hours);
        _dispute();
        uint256 availableBefore = vault.available();
        vm.warp(block.timestamp + 2 days);
        uint256 n = vault.nonce();
        vault.resolveDispute(E1, false, n, _sigs2(vault.hashResolveDispute(E1, false, n)));
        assertEq(uint8(vault.epochInfo(E1).status), uint8(IBountyVault.EpochStatus.Posted));
        assertEq(vault.available(), availableBefore + DISPUTE_BOND, "the forfeited bond joins the budget");
        assertEq(vault.bondsHeld(), 0);
        // A whole new challenge period, during which one signer can still stop the root.
        assertEq(vault.epochInfo(E1).activatesAt, block.timestamp + CHALLENGE_PERIOD);
        vm.warp(block.timestamp + CHALLENGE_PERIOD - 1);
        vm.prank(signerAddrs[2]);
        vault.veto(E1);
        assertEq(uint8(vault.epochInfo(E1).status), uint8(IBountyVault.EpochStatus.Vetoed));
    }

    function test_aDismissedRootPaysAfterItsNewChallengePeriod() public {
        _dispute();
        uint256 n = vault.nonce();
        vault.resolveDispute(E1, false, n, _sigs2(vault.hashResolveDispute(E1, false, n)));
        _activate();
        vault.claim(accounts[1], _oneClaim(E1, 1, amounts[1], tree.getProof(1)));
        assertEq(token.balanceOf(accounts[1]), amounts[1]);
    }

    function test_oneSignerOrTheGuardianUpholdsByVetoing() public {
        _dispute();
        _activate(); // a disputed root can be vetoed after its original challenge period too
        vm.expectEmit(address(vault));
        emit IBountyVault.DisputeResolved(E1, true, guardian);
        vm.prank(guardian);
        vault.veto(E1);
        _withdrawRefund();
        assertEq(token.balanceOf(community), 1000e18);
        assertEq(vault.bondsHeld(), 0);
    }

    function test_anUnansweredDisputeExpires_rootVetoedBondReturned() public {
        _dispute();
        uint256 expiresAt = block.timestamp + 2 * CHALLENGE_PERIOD;
        vm.warp(expiresAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.DisputeNotExpired.selector, E1, expiresAt));
        vault.expireDispute(E1);
        vm.warp(expiresAt);
        vm.expectEmit(address(vault));
        emit IBountyVault.DisputeExpired(E1);
        vault.expireDispute(E1);
        assertEq(uint8(vault.epochInfo(E1).status), uint8(IBountyVault.EpochStatus.Vetoed));
        _withdrawRefund();
        assertEq(token.balanceOf(community), 1000e18);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotDisputed.selector, E1));
        vault.expireDispute(E1);
    }

    function test_aDisputeFreezesNothingElse() public {
        _dispute();
        // Later epochs post and pay while E1 is disputed.
        MerkleHelper.Tree memory t2 = _postTree(E2, accounts, amounts);
        _activate();
        vault.claim(accounts[2], _oneClaim(E2, 2, amounts[2], t2.getProof(2)));
        assertEq(token.balanceOf(accounts[2]), amounts[2]);
    }

    function test_resolvingNeedsTheThreshold() public {
        _dispute();
        uint256 n = vault.nonce();
        uint256[] memory one = new uint256[](1);
        IBountyVault.SignerSignature[] memory sigs = _sigs(vault.hashResolveDispute(E1, false, n), one);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotEnoughSignatures.selector, 1, 2));
        vault.resolveDispute(E1, false, n, sigs);
        sigs = _sigs2(vault.hashResolveDispute(E2, false, n));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotDisputed.selector, E2));
        vault.resolveDispute(E2, false, n, sigs);
    }
}
