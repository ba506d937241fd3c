// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test, console} from "forge-std/Test.sol";
import {deployVault} from "../utils/DeployVault.sol";
import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MockCallbackERC20} from "../mocks/MockCallbackERC20.sol";
import {VaultHandler} from "./VaultHandler.sol";

/// @notice Stateful invariants of the vault over random sequences of every action (see VaultHandler). Default
/// profile: 256 runs x depth 50; `FOUNDRY_PROFILE=deep`: 2 048 runs x depth 200.
contract BountyVaultInvariantTest is Test {
    /// @dev 2026-12-22: the campaign posts quarterly epochs from 2024-Q1 on, warping ahead when it catches up.
    uint256 internal constant START_TIME = 1_798_000_000;

    IBountyVault internal vault;
    MockERC20 internal token;
    VaultHandler internal handler;

    function setUp() public {
        address[3] memory signers;
        uint256[3] memory keys;
        string[3] memory names = ["inv-alice", "inv-bob", "inv-carol"];
        for (uint256 i; i < 3; ++i) {
            (signers[i], keys[i]) = makeAddrAndKey(names[i]);
        }
        for (uint256 i; i < 3; ++i) {
            for (uint256 j; j + 1 < 3 - i; ++j) {
                if (signers[j] > signers[j + 1]) {
                    (signers[j], signers[j + 1]) = (signers[j + 1], signers[j]);
                    (keys[j], keys[j + 1]) = (keys[j + 1], keys[j]);
                }
            }
        }
        address[] memory list = new address[](3);
        for (uint256 i; i < 3; ++i) {
            list[i] = signers[i];
        }
        address guardian = makeAddr("inv-guardian");
        token = _newToken();
        vm.warp(START_TIME);
        vault = deployVault(
            token,
            IBountyVault.Cadence.Quarterly,
            IBountyVault.Config({
                signers: list,
                threshold: 2,
                epochCap: 500_000e18,
                challengePeriod: 1 days,
                claimWindow: 30 days,
                guardian: guardian,
                disputeBond: 10e18
            })
        );
        handler = new VaultHandler(vault, token, guardian, signers, keys, _rogueSeat());
        _afterDeploy();
        handler.fund(1e24, false);
        targetContract(address(handler));
    }

    /// @dev Which key turns rogue: the guardian here, a signer in the callback campaign.
    function _rogueSeat() internal virtual returns (uint256) {
        return 3;
    }

    /// @dev The vault's token; the callback campaign swaps in one with transfer hooks.
    function _newToken() internal virtual returns (MockERC20) {
        return new MockERC20("Perpetual", "PERP", 18);
    }

    function _afterDeploy() internal virtual {}

    function invariant_balanceCoversReserved() public view {
        assertGe(token.balanceOf(address(vault)), vault.reserved() + vault.bondsHeld());
        assertEq(vault.bondsHeld(), handler.ghostBondsHeld());
    }

    /// @notice The live set is exactly the posted and disputed epochs (each once), within its bound, and `reserved`
    /// is what they may still pay.
    function invariant_reservedIsSumOfLiveRemainders() public view {
        uint64[] memory epochs = handler.epochs();
        uint64[] memory live = vault.liveEpochs();
        assertLe(live.length, vault.MAX_LIVE_EPOCHS());
        uint256 sum;
        uint256 liveCount;
        for (uint256 i; i < epochs.length; ++i) {
            IBountyVault.EpochInfo memory info = vault.epochInfo(epochs[i]);
            // a disputed root is still owed until its dispute ends
            if (info.status == IBountyVault.EpochStatus.Posted || info.status == IBountyVault.EpochStatus.Disputed) {
                sum += info.remaining;
                ++liveCount;
                uint256 seen;
                for (uint256 j; j < live.length; ++j) {
                    if (live[j] == epochs[i]) ++seen;
                }
                assertEq(seen, 1, "a posted or disputed epoch is in the live set once");
            } else {
                assertEq(info.remaining, 0);
            }
        }
        assertEq(live.length, liveCount, "nothing else is live");
        assertEq(vault.reserved(), sum);
    }

    function invariant_claimedNeverExceedsTotal() public view {
        uint64[] memory epochs = handler.epochs();
        for (uint256 i; i < epochs.length; ++i) {
            IBountyVault.EpochInfo memory info = vault.epochInfo(epochs[i]);
            uint256 claimed = handler.ghostClaimed(epochs[i]);
            assertLe(claimed, info.total);
            if (info.status == IBountyVault.EpochStatus.Posted) assertEq(claimed, info.total - info.remaining);
        }
    }

    /// @notice lastEpoch is the highest epoch ever posted; and no period is ever paid under two roots (a vetoed epoch
    /// may be posted again, corrected, but nothing that was ever claimable).
    function invariant_lastEpochIsHighestPostedAndOneRootPays() public view {
        uint64[] memory epochs = handler.epochs();
        uint64 highest;
        for (uint256 i; i < epochs.length; ++i) {
            if (epochs[i] > highest) highest = epochs[i];
        }
        assertEq(vault.lastEpoch(), highest);
        assertFalse(handler.paidUnderTwoRoots(), "a period was paid under two roots");
    }

    /// @notice No epoch is swept unless it has been claimable, unpaused, for its whole window, or had nothing left to
    /// pay anyone; and every live
    /// epoch's dates are its challenge period (restarted by a dismissed dispute) and claim window on the handler's
    /// unpaused clock: moved out by every paused second since its post, and while paused, as if it ended now.
    function invariant_pauseNeverCostsAClaimWindow() public view {
        assertFalse(handler.sweptEarly());
        uint64[] memory live = vault.liveEpochs();
        uint256 pausedSinceClock = block.timestamp - handler.ghostClock(); // wall time = ghost clock + this
        for (uint256 i; i < live.length; ++i) {
            IBountyVault.EpochInfo memory info = vault.epochInfo(live[i]);
            assertEq(info.activatesAt, handler.ghostActivatesAtClock(live[i]) + pausedSinceClock, "activation");
            assertEq(info.expiresAt, uint256(info.activatesAt) + handler.ghostWindowOf(live[i]), "expiry");
        }
    }

    /// @notice The nonce counts every threshold-authorized action (posts and queued actions), nothing else.
    function invariant_nonceCountsAuthorizedActions() public view {
        assertEq(vault.nonce(), handler.ghostAuthorized());
    }

    /// @notice No attack succeeds: removed signers have no powers, forged and replayed claims and early sweeps fail.
    function invariant_attacksFail() public view {
        assertFalse(handler.attackSucceeded());
    }

    /// @notice A vetoed epoch never paid anything.
    function invariant_vetoedEpochsPaidNothing() public view {
        uint64[] memory epochs = handler.epochs();
        for (uint256 i; i < epochs.length; ++i) {
            if (vault.epochInfo(epochs[i]).status == IBountyVault.EpochStatus.Vetoed) {
                assertEq(handler.ghostClaimed(epochs[i]), 0);
            }
        }
    }

    function invariant_noLeafPaidTwice() public view {
        assertFalse(handler.paidTwice());
    }

    function invariant_conservation() public view {
        uint256 balance = token.balanceOf(address(vault));
        // bonds held are the disputers' money, not the budget's; forfeited bonds were added to the funded total
        assertEq(
            handler.ghostPaid() + handler.ghostWithdrawn() + balance - handler.ghostBondsHeld(), handler.ghostFunded()
        );
        // and by the token's own books: the helpers hold exactly what was paid, the treasury what was withdrawn
        address[] memory actors = handler.actorList();
        uint256 held;
        for (uint256 i; i < actors.length; ++i) {
            held += token.balanceOf(actors[i]);
        }
        assertEq(held, handler.ghostPaid());
        assertEq(token.balanceOf(handler.treasury()), handler.ghostWithdrawn());
    }

    function invariant_rootsAndSignersOnlyByThreshold() public view {
        assertFalse(handler.forgedAccepted());
        uint64[] memory epochs = handler.epochs();
        for (uint256 i; i < epochs.length; ++i) {
            assertEq(vault.epochInfo(epochs[i]).root, handler.expectedRoot(epochs[i]));
        }
        address[3] memory expected = handler.expectedSigners();
        address[] memory actual = vault.config().signers;
        assertEq(actual.length, 3);
        for (uint256 i; i < 3; ++i) {
            assertEq(actual[i], expected[i]);
        }
        assertEq(vault.config().threshold, 2);
    }

    /// @notice Liveness, after every run: from whatever state the run reached, the honest threshold queues the rogue
    /// key's removal (and an unpause if paused); the rogue cancels each at the last moment it may, the threshold
    /// re-queues the same intent, which the rogue can no longer cancel, and pauses again if it may. Within two
    /// challenge periods the vault is unpaused and the key has no powers left.
    function _livenessProbe() internal {
        address rogue = handler.rogue();
        uint256 start = block.timestamp;
        uint256 challenge = vault.config().challengePeriod;
        IBountyVault.Config memory removal = _withoutRogue(rogue);
        bool paused = vault.paused();
        uint32 pause = vault.pauseCount();

        (bytes32 config, uint256 configNonce) = _queueRemoval(removal);
        (bytes32 unpause, uint256 unpauseNonce) = paused ? _queueUnpause(pause) : (bytes32(0), 0);
        vm.warp(start + (challenge == 0 ? 0 : challenge - 1)); // the last second it may cancel
        vm.startPrank(rogue);
        try vault.cancel(config) {
            (config, configNonce) = _queueRemoval(removal);
            vm.expectRevert(); // the same intent, re-queued: cancelled once, never twice
            vault.cancel(config);
        } catch {}
        if (paused) {
            try vault.cancel(unpause) {
                (unpause, unpauseNonce) = _queueUnpause(pause);
                vm.expectRevert();
                vault.cancel(unpause);
            } catch {}
        }
        vm.stopPrank();
        vm.warp(vault.queuedAction(config).eta > block.timestamp ? vault.queuedAction(config).eta : block.timestamp);
        if (paused && vault.queuedAction(unpause).eta > block.timestamp) vm.warp(vault.queuedAction(unpause).eta);
        if (paused) vault.executeUnpause(pause, unpauseNonce);
        vm.prank(rogue);
        try vault.pause() {} catch {} // one more pause if its budget allows: the removal ends it
        vault.executeUpdateConfig(removal, configNonce);

        assertFalse(vault.paused(), "liveness: still paused after the threshold's path");
        assertFalse(vault.isSigner(rogue), "liveness: the rogue key is still a signer");
        assertTrue(vault.config().guardian != rogue, "liveness: the rogue key is still the guardian");
        assertLe(block.timestamp - start, 2 * challenge, "liveness: longer than two challenge periods");
        vm.prank(rogue);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotSignerOrGuardian.selector, rogue));
        vault.pause();
    }

    function _withoutRogue(address rogue) internal returns (IBountyVault.Config memory c) {
        c = vault.config();
        if (c.guardian == rogue) c.guardian = makeAddr("probe: new guardian");
        for (uint256 i; i < c.signers.length; ++i) {
            if (c.signers[i] == rogue) c.signers[i] = makeAddr("probe: new signer");
        }
    }

    /// @dev Two honest signers' signatures (never the rogue's), ascending.
    function _honestQuorum(bytes32 digest) internal view returns (IBountyVault.SignerSignature[] memory sigs) {
        address[3] memory signers = handler.expectedSigners();
        sigs = new IBountyVault.SignerSignature[](2);
        uint256 k;
        for (uint256 i; i < 3 && k < 2; ++i) {
            if (signers[i] == handler.rogue()) continue;
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(handler.signerKey(signers[i]), digest);
            sigs[k++] = IBountyVault.SignerSignature(signers[i], abi.encodePacked(r, s, v));
        }
    }

    function _queueRemoval(IBountyVault.Config memory c) internal returns (bytes32 id, uint256 nonce) {
        nonce = vault.nonce();
        id = vault.queueUpdateConfig(c, nonce, _honestQuorum(vault.hashUpdateConfig(c, nonce)));
    }

    function _queueUnpause(uint32 pause) internal returns (bytes32 id, uint256 nonce) {
        nonce = vault.nonce();
        id = vault.queueUnpause(pause, nonce, _honestQuorum(vault.hashUnpause(pause, nonce)));
    }

    function afterInvariant() public virtual {
        _logCalls();
        _livenessProbe();
    }

    function _logCalls() internal view {
        string[28] memory names = [
            "fund",
            "post",
            "veto",
            "claim",
            "claimWhilePaused",
            "payBatch",
            "sweep",
            "sweepPaidOut",
            "withdraw",
            "pause",
            "queueUnpause",
            "unpause",
            "execute",
            "cancel",
            "rotateSigner",
            "attack",
            "dispute",
            "endDispute",
            "warp",
            "forgeGovernance",
            "postCorrected",
            "roguePause",
            "rogueCancel",
            "rogueDispute",
            "rogueVeto",
            "withdrawRefund",
            "executeVoided",
            "pauseLiftedByRemoval"
        ];
        string memory line = "calls:";
        for (uint256 i; i < names.length; ++i) {
            line = string.concat(line, " ", names[i], "=", vm.toString(handler.calls(keccak256(bytes(names[i])))));
        }
        console.log(line);
    }
}

/// @notice The same campaign over a token that, on every transfer the vault makes, calls back into the vault with
/// every state-changing function (post, veto, sweep, claim, claimOne, claimTo, claimWithSig, payBatch, fund, queue and
/// execute of withdraw, updateConfig and unpause, cancel, pause, revokeConsents, dispute, resolveDispute, expireDispute,
/// withdrawRefund). Every such call must be refused by the shared reentrancy guard,
/// and every invariant above must still hold.
contract BountyVaultCallbackInvariantTest is BountyVaultInvariantTest {
    MockCallbackERC20 internal hooked;

    function _newToken() internal override returns (MockERC20) {
        hooked = new MockCallbackERC20();
        return hooked;
    }

    function _rogueSeat() internal pure override returns (uint256) {
        return 1;
    }

    function _afterDeploy() internal override {
        IBountyVault.SignerSignature[] memory none = new IBountyVault.SignerSignature[](0);
        IBountyVault.Claim[] memory claims = new IBountyVault.Claim[](0);
        IBountyVault.Claim memory one;
        IBountyVault.EpochRoot memory e = IBountyVault.EpochRoot(type(uint32).max, bytes32(uint256(1)), 0, 0, 0, 0, 0);
        IBountyVault.Config memory config;
        bytes[] memory calls = new bytes[](23);
        calls[0] = abi.encodeCall(IBountyVault.postRoot, (e, none));
        calls[1] = abi.encodeCall(IBountyVault.veto, (1));
        calls[2] = abi.encodeCall(IBountyVault.sweep, (1));
        calls[3] = abi.encodeCall(IBountyVault.claim, (address(1), claims));
        calls[4] = abi.encodeCall(IBountyVault.claimTo, (address(1), claims));
        calls[5] = abi.encodeCall(IBountyVault.claimWithSig, (address(1), address(1), 0, claims, ""));
        calls[6] = abi.encodeCall(
            IBountyVault.payBatch,
            (1, new uint256[](0), new address[](0), new uint256[](0), new bytes32[](0), new bool[](0))
        );
        calls[7] = abi.encodeCall(IBountyVault.fund, (1));
        calls[8] = abi.encodeCall(IBountyVault.queueWithdraw, (address(1), 1, 0, none));
        calls[9] = abi.encodeCall(IBountyVault.executeWithdraw, (address(1), 1, 0));
        calls[10] = abi.encodeCall(IBountyVault.queueUpdateConfig, (config, 0, none));
        calls[11] = abi.encodeCall(IBountyVault.executeUpdateConfig, (config, 0));
        calls[12] = abi.encodeCall(IBountyVault.pause, ());
        calls[13] = abi.encodeCall(IBountyVault.queueUnpause, (1, 0, none));
        calls[14] = abi.encodeCall(IBountyVault.executeUnpause, (1, 0));
        calls[15] = abi.encodeCall(IBountyVault.cancel, (bytes32(0)));
        calls[16] = abi.encodeCall(IBountyVault.revokeConsents, ());
        calls[17] = abi.encodeCall(IBountyVault.fund, (2));
        calls[18] = abi.encodeCall(IBountyVault.dispute, (1, "callback"));
        calls[19] = abi.encodeCall(IBountyVault.resolveDispute, (1, true, 0, none));
        calls[20] = abi.encodeCall(IBountyVault.expireDispute, (1));
        calls[21] = abi.encodeCall(IBountyVault.claimOne, (address(1), one));
        calls[22] = abi.encodeCall(IBountyVault.withdrawRefund, (address(1)));
        hooked.setCallbacks(address(vault), calls);
    }

    function invariant_everyCallbackIsRefusedByTheGuard() public view {
        assertEq(hooked.unguardedCall(), "", "a vault function accepted a call from inside a token transfer");
    }

    function afterInvariant() public override {
        super.afterInvariant();
        // The campaign did reach the hooks (payouts and fund pulls happened).
        assertGt(hooked.callbacks(), 0, "no callback ran");
    }
}
