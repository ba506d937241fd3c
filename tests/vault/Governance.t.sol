// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {deployVault} from "../utils/DeployVault.sol";
import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {MockFeeOnTransferERC20} from "../mocks/MockFeeOnTransferERC20.sol";
import {MockReentrantERC20} from "../mocks/MockReentrantERC20.sol";
import {MerkleHelper} from "../utils/MerkleHelper.sol";
import {VaultUnitBase} from "../utils/VaultUnitBase.sol";
import {VaultReviewBase} from "../utils/VaultReviewBase.sol";

/// @notice The pause, queued threshold actions (withdraw, config, unpause) and their lifetime.
contract GovernanceTest is VaultUnitBase {
    using MerkleHelper for MerkleHelper.Tree;

    // ---------------------------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------------------------

    function test_pause_bySignerOrGuardianAndUnpauseByThreshold() public {
        vm.expectEmit(address(vault));
        emit IBountyVault.Paused(signerAddrs[1], 1);
        vm.prank(signerAddrs[1]);
        vault.pause();
        assertTrue(vault.paused());
        assertEq(vault.pauseCount(), 1);
        assertTrue(vault.pauseSpent(signerAddrs[1]));
        vm.prank(guardian);
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.pause();

        vault.queueUnpause(1, 0, _sigs2(vault.hashUnpause(1, 0)));
        assertTrue(vault.paused()); // queued, then executed after the challenge period
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vm.expectEmit(address(vault));
        emit IBountyVault.Unpaused(1, 0, CHALLENGE_PERIOD);
        vault.executeUnpause(1, 0);
        assertFalse(vault.paused());
        assertEq(vault.nonce(), 1);

        vm.prank(guardian);
        vault.pause();
        assertTrue(vault.paused());
        assertEq(vault.pauseCount(), 2);
    }

    function test_pause_revertsForOthers() public {
        vm.prank(funder);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotSignerOrGuardian.selector, funder));
        vault.pause();
    }

    function test_unpause_reverts() public {
        IBountyVault.SignerSignature[] memory quorum = _sigs2(vault.hashUnpause(1, 0));
        vm.expectRevert(IBountyVault.NotPaused.selector);
        vault.queueUnpause(1, 0, quorum);
        vm.prank(guardian);
        vault.pause();
        uint256[] memory one = new uint256[](1);
        IBountyVault.SignerSignature[] memory sigs = _sigs(vault.hashUnpause(1, 0), one);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotEnoughSignatures.selector, 1, 2));
        vault.queueUnpause(1, 0, sigs);
        sigs = _sigs2(vault.hashUnpause(1, 1));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.WrongNonce.selector, 1, 0));
        vault.queueUnpause(1, 1, sigs);
        sigs = _sigs2(vault.hashUnpause(2, 0));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.WrongPause.selector, 2, 1));
        vault.queueUnpause(2, 0, sigs);
    }

    function test_withdraw_onlyFromAvailable() public {
        _postDefault();
        address treasury = makeAddr("treasury");
        uint256 free = FUNDING - 2800e18;
        // Queued for more than is available: refused when queued (nothing is left armed for a later fund).
        IBountyVault.SignerSignature[] memory tooMuch = _sigs2(vault.hashWithdraw(treasury, free + 1, 1));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InsufficientAvailable.selector, free + 1, free));
        vault.queueWithdraw(treasury, free + 1, 1, tooMuch);

        vault.queueWithdraw(treasury, free, 1, _sigs2(vault.hashWithdraw(treasury, free, 1)));
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vm.expectEmit(address(vault));
        emit IBountyVault.Withdrawn(treasury, free, 1);
        vault.executeWithdraw(treasury, free, 1);
        assertEq(token.balanceOf(treasury), free);
        assertEq(vault.available(), 0);
        assertEq(vault.reserved(), 2800e18);
        assertEq(vault.nonce(), 2);
        // reserved claims still pay out in full
        _payBatch(EPOCH, _batch(tree, _range(0, 7)));
        assertEq(token.balanceOf(address(vault)), 0);
    }

    function test_withdraw_worksWhilePausedAndIsSingleUse() public {
        vm.prank(guardian);
        vault.pause();
        address treasury = makeAddr("treasury");
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashWithdraw(treasury, 1e18, 0));
        bytes32 id = vault.queueWithdraw(treasury, 1e18, 0, sigs);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.WrongNonce.selector, 0, 1));
        vault.queueWithdraw(treasury, 1e18, 0, sigs);
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vault.executeWithdraw(treasury, 1e18, 0);
        assertEq(token.balanceOf(treasury), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotQueued.selector, id));
        vault.executeWithdraw(treasury, 1e18, 0);
    }

    function test_withdraw_revertsOnZeroRecipientOrAmount() public {
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashWithdraw(address(0), 1, 0));
        vm.expectRevert(IBountyVault.ZeroRecipient.selector);
        vault.queueWithdraw(address(0), 1, 0, sigs);
        sigs = _sigs2(vault.hashWithdraw(funder, 0, 0));
        vm.expectRevert(IBountyVault.ZeroAmount.selector);
        vault.queueWithdraw(funder, 0, 0, sigs);
    }

    function test_queue_waitsOutTheChallengePeriodAndAnyOneCanCancel() public {
        address treasury = makeAddr("treasury");
        bytes32 digest = vault.hashWithdraw(treasury, 1e18, 0);
        vm.expectEmit(address(vault));
        emit IBountyVault.ActionQueued(
            digest,
            IBountyVault.ActionKind.Withdraw,
            0,
            uint40(block.timestamp + CHALLENGE_PERIOD),
            uint40(block.timestamp + CHALLENGE_PERIOD + 14 days),
            1,
            abi.encode(treasury, 1e18)
        );
        bytes32 id = vault.queueWithdraw(treasury, 1e18, 0, _sigs2(digest));
        assertEq(id, digest);
        IBountyVault.QueuedAction memory queued = vault.queuedAction(id);
        assertEq(queued.eta, block.timestamp + CHALLENGE_PERIOD);
        assertEq(uint8(queued.kind), uint8(IBountyVault.ActionKind.Withdraw));

        vm.warp(block.timestamp + CHALLENGE_PERIOD - 1);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotReady.selector, id, queued.eta));
        vault.executeWithdraw(treasury, 1e18, 0);
        vm.prank(funder);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotSignerOrGuardian.selector, funder));
        vault.cancel(id);
        // One signer who did not sign it stops it.
        vm.expectEmit(address(vault));
        emit IBountyVault.ActionCancelled(id, signerAddrs[2]);
        vm.prank(signerAddrs[2]);
        vault.cancel(id);
        vm.warp(block.timestamp + 1);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotQueued.selector, id));
        vault.executeWithdraw(treasury, 1e18, 0);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotQueued.selector, id));
        vault.cancel(id);
        assertEq(token.balanceOf(treasury), 0);
        assertEq(queued.expiresAt, queued.eta + vault.ACTION_GRACE_PERIOD());
        assertEq(queued.generation, 1);
    }

    function test_queue_disarmingTheVetoIsDelayedByTheOldDelay() public {
        // A stolen quorum tries to remove the guardian and set a zero challenge period, then drain: each step waits
        // the old challenge period, during which the guardian cancels the first.
        IBountyVault.Config memory c = _config(2, 0, 0, CLAIM_WINDOW);
        c.guardian = address(0);
        bytes32 id = vault.queueUpdateConfig(c, 0, _sigs2(vault.hashUpdateConfig(c, 0)));
        assertEq(vault.queuedAction(id).eta, block.timestamp + CHALLENGE_PERIOD);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotReady.selector, id, block.timestamp + CHALLENGE_PERIOD));
        vault.executeUpdateConfig(c, 0);
        vm.prank(guardian);
        vault.cancel(id);
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotQueued.selector, id));
        vault.executeUpdateConfig(c, 0);
        assertEq(vault.config().guardian, guardian);
        assertEq(vault.config().challengePeriod, CHALLENGE_PERIOD);
    }

    function test_updateConfig_replacesEverything() public {
        (address dave, uint256 daveKey) = makeAddrAndKey("dave");
        address[] memory newSigners = new address[](2);
        (newSigners[0], newSigners[1]) = dave < signerAddrs[2] ? (dave, signerAddrs[2]) : (signerAddrs[2], dave);
        IBountyVault.Config memory c = IBountyVault.Config({
            signers: newSigners,
            threshold: 1,
            epochCap: 5e18,
            challengePeriod: 1 days,
            claimWindow: 7 days,
            guardian: address(0),
            disputeBond: 0
        });
        vault.queueUpdateConfig(c, 0, _sigs2(vault.hashUpdateConfig(c, 0)));
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vm.expectEmit(address(vault));
        emit IBountyVault.ConfigUpdated(newSigners, 1, 5e18, 1 days, 7 days, address(0), 0, 0, 2);
        vault.executeUpdateConfig(c, 0);

        assertEq(vault.config().signers, newSigners);
        assertFalse(vault.isSigner(signerAddrs[0]));
        assertFalse(vault.isSigner(signerAddrs[1]));
        assertTrue(vault.isSigner(signerAddrs[2]));
        assertTrue(vault.isSigner(dave));
        assertEq(vault.config().threshold, 1);
        assertEq(vault.config().epochCap, 5e18);
        assertEq(vault.config().challengePeriod, 1 days);
        assertEq(vault.config().claimWindow, 7 days);
        assertEq(vault.config().guardian, address(0));
        assertEq(vault.nonce(), 1);

        // the old quorum is gone, dave alone can post now
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), 5e18, 1);
        bytes32 digest = vault.hashEpochRoot(e);
        IBountyVault.SignerSignature[] memory old = _sigs2(digest);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotSigner.selector, signerAddrs[0]));
        vault.postRoot(e, old);
        IBountyVault.SignerSignature[] memory daves = new IBountyVault.SignerSignature[](1);
        daves[0] = IBountyVault.SignerSignature(dave, _sign(daveKey, digest));
        vault.postRoot(e, daves);
        assertEq(vault.epochInfo(EPOCH).activatesAt, block.timestamp + 1 days);
        // the old guardian lost its powers
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotSignerOrGuardian.selector, guardian));
        vault.pause();
    }

    function test_updateConfig_doesNotChangePostedEpochs() public {
        _postDefault();
        IBountyVault.EpochInfo memory before = vault.epochInfo(EPOCH);
        IBountyVault.Config memory c = _config(2, 0, 0, 1);
        _updateConfig(c); // takes the 3-day challenge period, which is also the epoch's
        IBountyVault.EpochInfo memory afterwards = vault.epochInfo(EPOCH);
        assertEq(afterwards.activatesAt, before.activatesAt);
        assertEq(afterwards.expiresAt, before.expiresAt);
        vm.warp(before.expiresAt - 1);
        vault.claim(accounts[0], _claimOf(EPOCH, tree, 0)); // the old 90-day window, not the new 1-second one
    }

    function test_updateConfig_revertsOnInvalidConfigOrSignatures() public {
        IBountyVault.Config memory c = _config(3, 0, 0, CLAIM_WINDOW);
        c.signers[2] = c.signers[0];
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashUpdateConfig(c, 0));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.DuplicateSigner.selector, c.signers[0]));
        vault.queueUpdateConfig(c, 0, sigs);

        c = _config(4, 0, 0, CLAIM_WINDOW);
        sigs = _sigs2(vault.hashUpdateConfig(c, 0));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidThreshold.selector, 4, 3));
        vault.queueUpdateConfig(c, 0, sigs);

        c = _config(2, 0, 0, CLAIM_WINDOW);
        c.signers[1] = address(0);
        sigs = _sigs2(vault.hashUpdateConfig(c, 0));
        vm.expectRevert(IBountyVault.ZeroSigner.selector);
        vault.queueUpdateConfig(c, 0, sigs);

        c = _config(2, 0, 0, CLAIM_WINDOW);
        IBountyVault.Config memory other = _config(1, 0, 0, CLAIM_WINDOW);
        sigs = _sigs2(vault.hashUpdateConfig(other, 0));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[0]));
        vault.queueUpdateConfig(c, 0, sigs);

        // the failed attempts left everything as it was
        assertEq(vault.config().threshold, 2);
        assertEq(vault.config().signers, _signerList());
        assertEq(vault.nonce(), 0);
    }

    function test_updateConfig_worksWhilePaused() public {
        vm.prank(guardian);
        vault.pause();
        _updateConfig(_config(3, 0, 0, CLAIM_WINDOW));
        assertEq(vault.config().threshold, 3);
        assertTrue(vault.paused());
    }

    function test_nonce_sharedAcrossActions() public {
        // a Withdraw signed for nonce 0 dies when a root is posted with nonce 0
        address treasury = makeAddr("treasury");
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashWithdraw(treasury, 1e18, 0));
        _post(_epochRoot(EPOCH, bytes32(uint256(1)), 1, 1));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.WrongNonce.selector, 0, 1));
        vault.queueWithdraw(treasury, 1e18, 0, sigs);
    }
}

/// @notice Reviewed findings about the pause and queued actions, each a proof of concept kept as the regression test that proves it fixed (the finding named in its section).
contract GovernanceReviewTest is VaultReviewBase {
    using MerkleHelper for MerkleHelper.Tree;

    // ---------------------------------------------------------------------------------------------------------------
    // Review of v1 (issue 8), flaw 1 (medium): a pause ate claim windows. One signer or the guardian pausing shortly before an epoch
    // expired let anyone sweep it at expiry, and the helpers' unclaimed pay went back to the budget.
    // ---------------------------------------------------------------------------------------------------------------

    function test_flaw1_pauseNeverCostsAHelperTheirClaimWindow() public {
        MerkleHelper.Tree memory tree = _postTree(E1, accounts, amounts);
        _activate();
        IBountyVault.EpochInfo memory info = vault.epochInfo(E1);
        // One day before expiry, a (compromised) guardian pauses; two weeks pass.
        vm.warp(info.expiresAt - 1 days);
        vm.prank(guardian);
        vault.pause();
        vm.warp(info.expiresAt + 14 days);

        // v1: anyone could sweep here and the helpers' money became withdrawable. Now nothing is swept while paused.
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.sweep(E1);

        // After the threshold unpauses, the day the helpers had left is still theirs...
        _unpause();
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotExpired.selector, E1, block.timestamp + 1 days));
        vault.sweep(E1);
        vault.claim(accounts[2], _oneClaim(E1, 2, amounts[2], tree.getProof(2)));
        assertEq(token.balanceOf(accounts[2]), amounts[2]);

        // ...and only once that unpaused day has run out does the epoch expire.
        vm.warp(block.timestamp + 1 days);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochExpired.selector, E1, block.timestamp));
        vault.claim(accounts[3], _oneClaim(E1, 3, amounts[3], tree.getProof(3)));
        vault.sweep(E1);
    }

    function test_flaw1_pauseDuringTheChallengePeriodExtendsItForVetoes() public {
        _postTree(E1, accounts, amounts);
        vm.warp(block.timestamp + CHALLENGE_PERIOD - 1 hours);
        vm.prank(guardian);
        vault.pause();
        vm.warp(block.timestamp + 10 days);
        _unpause();
        // The hour of challenge period that was left when the vault paused is still there: a veto still works.
        assertEq(vault.epochInfo(E1).activatesAt, block.timestamp + 1 hours);
        vm.prank(signerAddrs[2]);
        vault.veto(E1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Review of v1 (issue 8), flaw 5 (design): "one stops, two act" covered roots only. withdraw and updateConfig executed at once, even while
    // paused, and one updateConfig could remove the guardian and zero the challenge period.
    // ---------------------------------------------------------------------------------------------------------------

    function test_flaw5_aStolenQuorumCanTakeAndDisarmNothingBeforeOneSignerReacts() public {
        address thief = makeAddr("thief");
        uint256 everything = vault.available();
        // The stolen quorum signs a withdrawal of everything and a config without guardian and challenge period.
        bytes32 drain = vault.queueWithdraw(thief, everything, 0, _sigs2(vault.hashWithdraw(thief, everything, 0)));
        IBountyVault.Config memory disarm = _config(2, 0, 0, CLAIM_WINDOW);
        disarm.guardian = address(0);
        bytes32 disarmId = vault.queueUpdateConfig(disarm, 1, _sigs2(vault.hashUpdateConfig(disarm, 1)));
        // v1 had moved the money and disarmed the veto by now. Both wait the challenge period...
        vm.expectRevert(
            abi.encodeWithSelector(IBountyVault.NotReady.selector, drain, block.timestamp + CHALLENGE_PERIOD)
        );
        vault.executeWithdraw(thief, everything, 0);
        // ...during which the guardian (or the one honest signer) cancels them.
        vm.startPrank(guardian);
        vault.cancel(drain);
        vault.cancel(disarmId);
        vm.stopPrank();
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotQueued.selector, drain));
        vault.executeWithdraw(thief, everything, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotQueued.selector, disarmId));
        vault.executeUpdateConfig(disarm, 1);
        assertEq(token.balanceOf(thief), 0);
        assertEq(vault.available(), everything);
        assertEq(vault.config().guardian, guardian);
        assertEq(vault.config().challengePeriod, CHALLENGE_PERIOD);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Review of v2, finding 1 (medium): one key could freeze all funds for good. `pause()` takes one key; that same
    // key could cancel every queued unpause and every config change that would remove it, without limit and even
    // after the eta. Now a key cancels an intent once and only before its eta, pauses once per configuration, and
    // the configuration that removes it lifts its pause.
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Finding 1: the threshold's path (unpause, remove the key) beats the rogue key within two challenge
    /// periods of its first queue, though the key cancels everything it still can.
    function test_v2finding1_aRogueKeyCannotHoldTheVaultAgainstTheThreshold() public {
        address rogue = signerAddrs[2]; // the default quorum is signers 0 and 1
        IBountyVault.Claim[] memory pay = _oneClaim(E1, 0, amounts[0], _postTree(E1, accounts, amounts).getProof(0));
        _activate();
        vm.prank(rogue);
        vault.pause();
        uint256 start = block.timestamp;
        uint32 p = vault.pauseCount();
        IBountyVault.Config memory removal = _replacing(rogue, makeAddr("new signer"));
        (bytes32 unpause,) = _queueUnpause(p);
        (bytes32 config,) = _queueConfig(removal);

        vm.warp(start + CHALLENGE_PERIOD - 1); // the last second a cancel is allowed
        vm.startPrank(rogue);
        vault.cancel(unpause);
        vault.cancel(config);
        vm.stopPrank();
        // The threshold re-queues the same intents: the rogue cannot cancel them again.
        uint256 unpauseNonce;
        uint256 configNonce;
        (unpause, unpauseNonce) = _queueUnpause(p);
        (config, configNonce) = _queueConfig(removal);
        _expectCancelSpent(unpause, rogue);
        _expectCancelSpent(config, rogue);

        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vault.executeUnpause(p, unpauseNonce);
        vm.prank(rogue); // nor can it pause again under this configuration
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.PauseSpent.selector, rogue));
        vault.pause();
        vault.executeUpdateConfig(removal, configNonce);

        assertFalse(vault.paused());
        assertFalse(vault.isSigner(rogue));
        assertLe(block.timestamp - start, 2 * CHALLENGE_PERIOD, "within two challenge periods");
        vault.claim(accounts[0], pay);
        assertEq(token.balanceOf(accounts[0]), amounts[0]);
    }

    function _expectCancelSpent(bytes32 id, address key) internal {
        bytes32 intent = vault.queuedAction(id).intent;
        vm.prank(key);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.CancelSpent.selector, intent, key));
        vault.cancel(id);
    }

    /// @notice Finding 1: removing the key that paused lifts its pause (so the removal alone restores claims), while
    /// a configuration that keeps the pauser leaves the pause to an unpause.
    function test_v2finding1_removingTheKeyThatPausedLiftsItsPause() public {
        vm.prank(signerAddrs[1]);
        vault.pause();
        IBountyVault.Config memory keepsIt = _config(2, EPOCH_CAP, CHALLENGE_PERIOD, CLAIM_WINDOW);
        keepsIt.epochCap = 1;
        (, uint256 n) = _queueConfig(keepsIt);
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vault.executeUpdateConfig(keepsIt, n);
        assertTrue(vault.paused(), "the pauser is still a signer: its pause stands");

        IBountyVault.Config memory removal = _replacing(signerAddrs[1], makeAddr("new signer"));
        (, n) = _queueConfig(removal);
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vm.expectEmit(address(vault));
        emit IBountyVault.Unpaused(1, n, 2 * CHALLENGE_PERIOD);
        vault.executeUpdateConfig(removal, n);
        assertFalse(vault.paused());
    }

    /// @notice Finding 1: `cancel` honours the eta its NatSpec promises.
    function test_v2finding1_nothingIsCancelledFromItsEta() public {
        address treasury = makeAddr("treasury");
        bytes32 id = vault.queueWithdraw(treasury, 1e18, 0, _sigs2(vault.hashWithdraw(treasury, 1e18, 0)));
        uint256 eta = vault.queuedAction(id).eta;
        vm.warp(eta);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.CancelTooLate.selector, id, eta));
        vault.cancel(id);
        vault.executeWithdraw(treasury, 1e18, 0);
        assertEq(token.balanceOf(treasury), 1e18);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Review of v2, finding 2 (low): a queued unpause was not tied to its pause. A second unpause queued during one
    // pause stayed armed and later ended the next emergency pause at once. Now an unpause names its pause.
    // ---------------------------------------------------------------------------------------------------------------

    function test_v2finding2_anUnpauseEndsOnlyThePauseItWasSignedFor() public {
        vm.prank(signerAddrs[0]);
        vault.pause();
        (, uint256 first) = _queueUnpause(1);
        (, uint256 spare) = _queueUnpause(1);
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vault.executeUnpause(1, first);
        vm.prank(guardian); // a later emergency
        vault.pause();
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.WrongPause.selector, 1, 2));
        vault.executeUnpause(1, spare);
        assertTrue(vault.paused(), "the spare unpause of pause 1 cannot end pause 2");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Review of v2, finding 3 (low): queued actions never expired and outlived the signer set that queued them; an
    // older queued config could be executed after a newer one and roll it back. Now an action expires
    // ACTION_GRACE_PERIOD after its eta, a configuration change voids every action queued under the previous one,
    // and a withdrawal that cannot run is refused when queued.
    // ---------------------------------------------------------------------------------------------------------------

    function test_v2finding3_aQueuedActionExpiresAfterItsGracePeriod() public {
        address treasury = makeAddr("treasury");
        bytes32 id = vault.queueWithdraw(treasury, 1e18, 0, _sigs2(vault.hashWithdraw(treasury, 1e18, 0)));
        IBountyVault.QueuedAction memory action = vault.queuedAction(id);
        assertEq(action.expiresAt, action.eta + 14 days);
        vm.warp(action.expiresAt);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.ActionExpired.selector, id, action.expiresAt));
        vault.executeWithdraw(treasury, 1e18, 0);
    }

    function test_v2finding3_aConfigurationChangeVoidsWhatTheOldSignersQueued() public {
        address treasury = makeAddr("treasury");
        bytes32 withdrawal = vault.queueWithdraw(treasury, 1e18, 0, _sigs2(vault.hashWithdraw(treasury, 1e18, 0)));
        IBountyVault.Config memory rotation = _replacing(signerAddrs[0], makeAddr("fresh key"));
        (, uint256 n) = _queueConfig(rotation);
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vault.executeUpdateConfig(rotation, n);
        assertEq(vault.configGeneration(), 2);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.ActionVoided.selector, withdrawal, 1, 2));
        vault.executeWithdraw(treasury, 1e18, 0);
        vm.prank(signerAddrs[2]);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.ActionVoided.selector, withdrawal, 1, 2));
        vault.cancel(withdrawal);
    }

    function test_v2finding3_anOlderConfigCannotRollBackANewerOne() public {
        IBountyVault.Config memory older = _config(2, 1e18, CHALLENGE_PERIOD, CLAIM_WINDOW);
        IBountyVault.Config memory newer = _config(2, 2e18, CHALLENGE_PERIOD, CLAIM_WINDOW);
        (bytes32 olderId, uint256 olderNonce) = _queueConfig(older);
        (, uint256 newerNonce) = _queueConfig(newer);
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vault.executeUpdateConfig(newer, newerNonce);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.ActionVoided.selector, olderId, 1, 2));
        vault.executeUpdateConfig(older, olderNonce);
        assertEq(vault.config().epochCap, 2e18);
    }

    function test_v2finding3_aWithdrawalThatCannotRunIsNotLeftArmedForTheNextFund() public {
        address thief = makeAddr("back-runner's friend");
        uint256 tooMuch = vault.available() + 1;
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashWithdraw(thief, tooMuch, 0));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InsufficientAvailable.selector, tooMuch, tooMuch - 1));
        vault.queueWithdraw(thief, tooMuch, 0, sigs);
        assertEq(vault.nonce(), 0, "nothing was queued and the nonce is unspent");
    }

    // Helpers for the v2 findings: the standard 2-of-3 quorum (signers 0 and 1) queues.

    function _queueConfig(IBountyVault.Config memory c) internal returns (bytes32 id, uint256 n) {
        n = vault.nonce();
        id = vault.queueUpdateConfig(c, n, _sigs2(vault.hashUpdateConfig(c, n)));
    }

    function _queueUnpause(uint32 p) internal returns (bytes32 id, uint256 n) {
        n = vault.nonce();
        id = vault.queueUnpause(p, n, _sigs2(vault.hashUnpause(p, n)));
    }

    /// @dev The current configuration with signer `out` replaced by `in_`, signers kept ascending.
    function _replacing(address out, address in_) internal view returns (IBountyVault.Config memory c) {
        c = vault.config();
        for (uint256 i; i < c.signers.length; ++i) {
            if (c.signers[i] == out) c.signers[i] = in_;
        }
        for (uint256 i = 1; i < c.signers.length; ++i) {
            for (uint256 j = i; j > 0 && c.signers[j - 1] > c.signers[j]; --j) {
                (c.signers[j - 1], c.signers[j]) = (c.signers[j], c.signers[j - 1]);
            }
        }
    }
}
