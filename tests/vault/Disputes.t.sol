// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {MerkleHelper} from "../utils/MerkleHelper.sol";
import {VaultTestBase} from "../utils/VaultTestBase.sol";
import {deployVault} from "../utils/DeployVault.sol";
import {MockBlocklistERC20} from "../mocks/MockBlocklistERC20.sol";

/// @notice A contract that can hold and approve tokens but rejects every plain call: a disputer nobody can push to.
contract RevertingReceiver {
    fallback() external payable {
        revert("no");
    }
}

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

    // ---------------------------------------------------------------------------------------------------------------
    // Review of v2, finding 5 (low): a dispute's deadline ran through a pause and followed later config changes
    // (`openedAt + 2 x the challenge period in force now`). Now it is fixed when the dispute opens and moves out by
    // every pause it spans.
    // ---------------------------------------------------------------------------------------------------------------

    function test_v2finding5_aDisputesDeadlineIsFixedWhenItOpensAndStandsStillInAPause() public {
        _dispute();
        uint40 deadline = vault.disputeOf(E1).expiresAt;
        assertEq(deadline, block.timestamp + 2 * CHALLENGE_PERIOD);
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vm.prank(guardian);
        vault.pause();
        vm.warp(block.timestamp + 10 * CHALLENGE_PERIOD); // far past the deadline, on the wall clock
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.DisputeNotExpired.selector, E1, deadline));
        vault.expireDispute(E1);
        uint256 pausedFor = 10 * CHALLENGE_PERIOD + CHALLENGE_PERIOD; // the unpause's own delay runs paused too
        _unpause();
        assertEq(vault.disputeOf(E1).expiresAt, deadline + pausedFor, "moved out by the pause");

        // A later config change (a shorter challenge period) does not move it.
        IBountyVault.Config memory shorter = _config(2, EPOCH_CAP, 1 hours, CLAIM_WINDOW);
        uint256 n = vault.nonce();
        vault.queueUpdateConfig(shorter, n, _sigs2(vault.hashUpdateConfig(shorter, n)));
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vault.executeUpdateConfig(shorter, n);
        assertEq(vault.disputeOf(E1).expiresAt, deadline + pausedFor);
        vm.warp(deadline + pausedFor - 1);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.DisputeNotExpired.selector, E1, deadline + pausedFor));
        vault.expireDispute(E1);
        vm.warp(deadline + pausedFor);
        vault.expireDispute(E1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Review of v2, finding 6 (low): a disputer that refused its refund blocked its own dispute's end (veto, uphold
    // and expiry pushed the bond in the same transaction). Now the bond is credited and pulled.
    // ---------------------------------------------------------------------------------------------------------------

    function test_v2finding6_aDisputerWhoseReceiptRevertsCannotBlockTheVeto() public {
        MockBlocklistERC20 usd = new MockBlocklistERC20("Blocklist USD", "BUSD", 6);
        vault = deployVault(usd, IBountyVault.Cadence.Quarterly, _config(2, 0, CHALLENGE_PERIOD, CLAIM_WINDOW));
        usd.mint(address(vault), 10_000e6);
        _postTree(E1, accounts, new uint256[](4));
        usd.mint(community, DISPUTE_BOND);
        vm.startPrank(community);
        usd.approve(address(vault), DISPUTE_BOND);
        vault.dispute(E1, "ipfs://report");
        vm.stopPrank();
        usd.blocklist(community);

        vm.prank(guardian);
        vault.veto(E1); // completes: nothing is pushed to the blocklisted disputer
        assertEq(uint8(vault.epochInfo(E1).status), uint8(IBountyVault.EpochStatus.Vetoed));
        assertEq(vault.refundOf(community), DISPUTE_BOND);
        vm.prank(community);
        vm.expectRevert("Blacklistable: account is blacklisted");
        vault.withdrawRefund(community);
        assertEq(vault.refundOf(community), DISPUTE_BOND, "still credited after a failed withdrawal");
        // It names another wallet of its own.
        address fresh = makeAddr("disputer's other wallet");
        vm.prank(community);
        vault.withdrawRefund(fresh);
        assertEq(usd.balanceOf(fresh), DISPUTE_BOND);
        assertEq(vault.bondsHeld(), 0);
    }

    function test_v2finding6_upholdAndExpiryCompleteWhateverTheDisputer() public {
        // A disputer contract that reverts on any call: a refund pushed to it could never arrive.
        address wall = address(new RevertingReceiver());
        token.mint(wall, 2 * DISPUTE_BOND);
        vm.prank(wall);
        token.approve(address(vault), type(uint256).max);
        vm.prank(wall);
        vault.dispute(E1, "by a contract");
        uint256 n = vault.nonce();
        vault.resolveDispute(E1, true, n, _sigs2(vault.hashResolveDispute(E1, true, n)));
        assertEq(vault.refundOf(wall), DISPUTE_BOND);

        _postTree(E1, accounts, amounts); // the corrected root
        vm.prank(wall);
        vault.dispute(E1, "again");
        vm.warp(block.timestamp + 2 * CHALLENGE_PERIOD);
        vault.expireDispute(E1);
        assertEq(vault.refundOf(wall), 2 * DISPUTE_BOND);
        vm.prank(wall);
        vault.withdrawRefund(wall);
        assertEq(token.balanceOf(wall), 2 * DISPUTE_BOND);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Review of v2, finding 8 (part): a zero dispute bond let anyone delay every root by a challenge period per
    // dismissal at no cost. Now a zero bond closes disputes to the public.
    // ---------------------------------------------------------------------------------------------------------------

    function test_v2finding8_aZeroBondClosesDisputes() public {
        IBountyVault.Config memory free = _config(2, EPOCH_CAP, CHALLENGE_PERIOD, CLAIM_WINDOW);
        free.disputeBond = 0;
        vault = deployVault(token, IBountyVault.Cadence.Quarterly, free);
        token.mint(address(vault), 10_000e18);
        _postTree(E1, accounts, amounts);
        vm.prank(community);
        vm.expectRevert(IBountyVault.DisputesClosed.selector);
        vault.dispute(E1, "free griefing");
        vm.prank(guardian); // the keys can still stop a bad root
        vault.veto(E1);
    }
}
