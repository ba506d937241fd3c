// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {deployVault} from "../utils/DeployVault.sol";
import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {MerkleHelper} from "../utils/MerkleHelper.sol";
import {VaultUnitBase} from "../utils/VaultUnitBase.sol";
import {VaultReviewBase} from "../utils/VaultReviewBase.sol";

/// @notice Posting roots (the calendar, caps, the live set), the threshold-signature rules every signed action shares, and vetoes.
contract PostingTest is VaultUnitBase {
    using MerkleHelper for MerkleHelper.Tree;

    // ---------------------------------------------------------------------------------------------------------------
    // Posting
    // ---------------------------------------------------------------------------------------------------------------

    function test_postRoot_storesEpochAndReserves() public {
        tree = MerkleHelper.build(accounts, amounts);
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, tree.root(), 2800e18, 7);
        e.usdPerToken = 4.25e18;
        vm.expectEmit(address(vault));
        emit IBountyVault.RootPosted(
            EPOCH,
            e.root,
            2800e18,
            7,
            e.metadataHash,
            4.25e18,
            uint40(block.timestamp + CHALLENGE_PERIOD),
            uint40(block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW),
            0
        );
        _post(e);

        IBountyVault.EpochInfo memory info = vault.epochInfo(EPOCH);
        assertEq(uint8(info.status), uint8(IBountyVault.EpochStatus.Posted));
        assertEq(info.root, e.root);
        assertEq(info.total, 2800e18);
        assertEq(info.remaining, 2800e18);
        assertEq(info.count, 7);
        assertEq(info.postedAt, block.timestamp);
        assertEq(info.activatesAt, block.timestamp + CHALLENGE_PERIOD);
        assertEq(info.expiresAt, block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW);
        assertEq(info.metadataHash, e.metadataHash);
        assertEq(info.usdPerToken, 4.25e18);
        assertEq(vault.lastEpoch(), EPOCH);
        assertEq(vault.nonce(), 1);
        assertEq(vault.reserved(), 2800e18);
        assertEq(vault.available(), FUNDING - 2800e18);
    }

    function test_postRoot_emptyEpochIsAllowed() public {
        _post(_epochRoot(EPOCH, bytes32(uint256(1)), 0, 0));
        assertEq(vault.lastEpoch(), EPOCH);
        assertEq(vault.reserved(), 0);
    }

    function test_postRoot_anyoneMaySubmit() public {
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), 1, 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.prank(makeAddr("relayer"));
        vault.postRoot(e, sigs);
        assertEq(vault.lastEpoch(), EPOCH);
    }

    /// @notice Every epoch expires, within bounds: so the live set a pause freezes always empties in time.
    function test_config_boundsTheScheduleSoEveryEpochExpires() public {
        uint256 maxWindow = vault.MAX_CLAIM_WINDOW();
        uint256 maxChallenge = vault.MAX_CHALLENGE_PERIOD();
        assertEq(maxWindow, 730 days);
        assertEq(maxChallenge, 90 days);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidClaimWindow.selector, 0, maxWindow));
        deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, 0, CHALLENGE_PERIOD, 0));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidClaimWindow.selector, maxWindow + 1, maxWindow));
        deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, 0, CHALLENGE_PERIOD, uint32(maxWindow + 1)));
        vm.expectRevert(
            abi.encodeWithSelector(IBountyVault.InvalidChallengePeriod.selector, maxChallenge + 1, maxChallenge)
        );
        deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, 0, uint32(maxChallenge + 1), CLAIM_WINDOW));
        IBountyVault longest =
            deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, 0, uint32(maxChallenge), uint32(maxWindow)));
        assertEq(longest.config().claimWindow, maxWindow);
        // A queued change is checked when it is queued.
        IBountyVault.Config memory never = _config(2, 0, CHALLENGE_PERIOD, 0);
        uint256 n = vault.nonce();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashUpdateConfig(never, n));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidClaimWindow.selector, 0, maxWindow));
        vault.queueUpdateConfig(never, n, sigs);
    }

    function test_postRoot_revertsOnZeroRoot() public {
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(0), 1, 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(IBountyVault.ZeroRoot.selector);
        vault.postRoot(e, sigs);
    }

    function test_postRoot_revertsOnEmptyTreeWithTotal() public {
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), 1, 0);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(IBountyVault.EmptyTree.selector);
        vault.postRoot(e, sigs);
    }

    function test_postRoot_revertsOnAnEpochAlreadyPostedAndTakesAnEarlierUnpostedOne() public {
        _post(_epochRoot(EPOCH, bytes32(uint256(1)), 1, 1));
        IBountyVault.EpochRoot memory again = _epochRoot(EPOCH, bytes32(uint256(2)), 1, 1);
        IBountyVault.SignerSignature[] memory againSigs = _sigs2(vault.hashEpochRoot(again));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochAlreadyPosted.selector, EPOCH));
        vault.postRoot(again, againSigs);
        // A period that was never posted may still be (a late post); lastEpoch stays the highest posted.
        _post(_epochRoot(EPOCH - 1, bytes32(uint256(2)), 1, 1));
        assertEq(vault.lastEpoch(), EPOCH);
        // epoch 0 can never be posted (it is no period's number)
        vault = deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, 0, 0, CLAIM_WINDOW));
        IBountyVault.EpochRoot memory zero = _epochRoot(0, bytes32(uint256(2)), 0, 0);
        IBountyVault.SignerSignature[] memory zeroSigs = _sigs2(vault.hashEpochRoot(zero));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.MalformedEpoch.selector, 0, IBountyVault.Cadence.Quarterly));
        vault.postRoot(zero, zeroSigs);
    }

    function test_postRoot_revertsOverEpochCap() public {
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), EPOCH_CAP + 1, 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.OverEpochCap.selector, EPOCH_CAP + 1, EPOCH_CAP));
        vault.postRoot(e, sigs);
        // exactly the cap is fine
        _post(_epochRoot(EPOCH, bytes32(uint256(1)), EPOCH_CAP, 1));
    }

    /// @dev A zero epochCap, or one above 2^96 - 1, leaves the hard cap: the width of an epoch's remainder.
    function test_postRoot_zeroCapMeansTheHardCap() public {
        uint128 hardCap = type(uint96).max;
        for (uint128 cap; cap <= 1; ++cap) {
            vault = deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, cap * 1e30, 0, CLAIM_WINDOW));
            token.mint(address(vault), uint256(hardCap) + 1);
            IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), hardCap + 1, 1);
            IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
            vm.expectRevert(abi.encodeWithSelector(IBountyVault.OverEpochCap.selector, hardCap + 1, hardCap));
            vault.postRoot(e, sigs);
            _post(_epochRoot(EPOCH, bytes32(uint256(1)), hardCap, 1));
            assertEq(vault.reserved(), hardCap);
            assertEq(vault.epochInfo(EPOCH).remaining, hardCap);
        }
    }

    function test_postRoot_revertsWhenNotFullyFunded() public {
        vault = deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, 0, 0, CLAIM_WINDOW));
        token.mint(address(vault), 100);
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), 101, 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InsufficientAvailable.selector, 101, 100));
        vault.postRoot(e, sigs);
        // a second epoch cannot draw on the first one's reserve
        _post(_epochRoot(EPOCH, bytes32(uint256(1)), 60, 1));
        e = _epochRoot(EPOCH + 1, bytes32(uint256(2)), 41, 1);
        sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InsufficientAvailable.selector, 41, 40));
        vault.postRoot(e, sigs);
    }

    function test_postRoot_revertsWhenPaused() public {
        vm.prank(guardian);
        vault.pause();
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), 1, 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.postRoot(e, sigs);
    }

    function test_postRoot_revertsOnWrongNonce() public {
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), 1, 1);
        e.nonce = 1;
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.WrongNonce.selector, 1, 0));
        vault.postRoot(e, sigs);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Signature rules (postRoot stands for every threshold-signed action: they share one checker)
    // ---------------------------------------------------------------------------------------------------------------

    function _rootAndDigest() internal view returns (IBountyVault.EpochRoot memory e, bytes32 digest) {
        e = _epochRoot(EPOCH, bytes32(uint256(1)), 1, 1);
        digest = vault.hashEpochRoot(e);
    }

    function test_signatures_allThreeAccepted() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        uint256[] memory which = new uint256[](3);
        (which[0], which[1], which[2]) = (0, 1, 2);
        vault.postRoot(e, _sigs(digest, which));
        assertEq(vault.lastEpoch(), EPOCH);
    }

    function test_signatures_revertOnTooFew() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        uint256[] memory which = new uint256[](1);
        IBountyVault.SignerSignature[] memory sigs = _sigs(digest, which);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotEnoughSignatures.selector, 1, 2));
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnDescendingOrder() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        uint256[] memory which = new uint256[](2);
        (which[0], which[1]) = (1, 0);
        IBountyVault.SignerSignature[] memory sigs = _sigs(digest, which);
        vm.expectRevert(
            abi.encodeWithSelector(IBountyVault.SignersNotAscending.selector, signerAddrs[1], signerAddrs[0])
        );
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnDuplicate() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        uint256[] memory which = new uint256[](2);
        (which[0], which[1]) = (2, 2);
        IBountyVault.SignerSignature[] memory sigs = _sigs(digest, which);
        vm.expectRevert(
            abi.encodeWithSelector(IBountyVault.SignersNotAscending.selector, signerAddrs[2], signerAddrs[2])
        );
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnNonSigner() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        (address mallory, uint256 malloryKey) = makeAddrAndKey("mallory");
        IBountyVault.SignerSignature[] memory sigs = new IBountyVault.SignerSignature[](2);
        sigs[0] = IBountyVault.SignerSignature(signerAddrs[0], _sign(signerKeys[0], digest));
        sigs[1] = IBountyVault.SignerSignature(mallory, _sign(malloryKey, digest));
        if (mallory < signerAddrs[0]) (sigs[0], sigs[1]) = (sigs[1], sigs[0]);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotSigner.selector, mallory));
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnZeroSignerEntry() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(digest);
        sigs[0].signer = address(0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.SignersNotAscending.selector, address(0), address(0)));
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnSignatureOfOtherSigner() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(digest);
        sigs[1].signature = _sign(signerKeys[2], digest);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[1]));
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnOtherMessage() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(digest);
        e.total = 2; // signed 1
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[0]));
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnHighS() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(digest);
        sigs[1].signature = _malleate(sigs[1].signature);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[1]));
        vault.postRoot(e, sigs);
    }

    function test_signatures_acceptEip2098CompactForm() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(digest);
        (bytes32 r, bytes32 vs) = vm.signCompact(signerKeys[1], digest);
        sigs[1].signature = abi.encodePacked(r, vs);
        vault.postRoot(e, sigs);
        assertEq(vault.lastEpoch(), EPOCH);
    }

    function test_signatures_revertOnGarbageLength() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(digest);
        sigs[0].signature = hex"1234";
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[0]));
        vault.postRoot(e, sigs);
    }

    // ERC-1271 signers and consents: with a real Safe, in BountyVault.safe.t.sol.

    // ---------------------------------------------------------------------------------------------------------------
    // Veto
    // ---------------------------------------------------------------------------------------------------------------

    function test_veto_bySignerReleasesReserve() public {
        _postDefault();
        vm.expectEmit(address(vault));
        emit IBountyVault.RootVetoed(EPOCH, signerAddrs[2], 2800e18);
        vm.prank(signerAddrs[2]);
        vault.veto(EPOCH);
        IBountyVault.EpochInfo memory info = vault.epochInfo(EPOCH);
        assertEq(uint8(info.status), uint8(IBountyVault.EpochStatus.Vetoed));
        assertEq(info.remaining, 0);
        assertEq(vault.reserved(), 0);
        assertEq(vault.lastEpoch(), EPOCH, "the highest epoch ever posted");
        assertEq(vault.available(), FUNDING);
    }

    function test_veto_byGuardian() public {
        _postDefault();
        vm.prank(guardian);
        vault.veto(EPOCH);
        assertEq(uint8(vault.epochInfo(EPOCH).status), uint8(IBountyVault.EpochStatus.Vetoed));
    }

    function test_veto_revertsForOthers() public {
        _postDefault();
        address mallory = makeAddr("mallory");
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotSignerOrGuardian.selector, mallory));
        vault.veto(EPOCH);
    }

    function test_veto_revertsOnceActiveOrUnposted() public {
        _postDefault();
        _activate();
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotPending.selector, EPOCH));
        vault.veto(EPOCH);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotPending.selector, EPOCH + 1));
        vault.veto(EPOCH + 1);
    }

    function test_veto_revertsTwice() public {
        _postDefault();
        vm.startPrank(guardian);
        vault.veto(EPOCH);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotPending.selector, EPOCH));
        vault.veto(EPOCH);
        vm.stopPrank();
    }

    function test_veto_worksWhilePaused() public {
        _postDefault();
        vm.startPrank(guardian);
        vault.pause();
        vault.veto(EPOCH);
        vm.stopPrank();
        assertEq(vault.reserved(), 0);
    }

    function test_veto_oldSignaturesCannotRepostButFreshOnesCan() public {
        tree = MerkleHelper.build(accounts, amounts);
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, tree.root(), 2800e18, 7);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vault.postRoot(e, sigs);
        vm.prank(guardian);
        vault.veto(EPOCH);

        // Replaying the vetoed root's signatures: its nonce is spent.
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.WrongNonce.selector, 0, 1));
        vault.postRoot(e, sigs);
        // The same content with the current nonce needs new signatures...
        e.nonce = 1;
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[0]));
        vault.postRoot(e, sigs);
        // ...which repost the epoch.
        amounts[0] = 50e18;
        tree = MerkleHelper.build(accounts, amounts);
        _post(_epochRoot(EPOCH, tree.root(), 2750e18, 7));
        assertEq(vault.lastEpoch(), EPOCH);
        assertEq(vault.reserved(), 2750e18);
        assertEq(uint8(vault.epochInfo(EPOCH).status), uint8(IBountyVault.EpochStatus.Posted));
        _activate();
        vault.claim(accounts[0], _claimOf(EPOCH, tree, 0));
        assertEq(token.balanceOf(accounts[0]), 50e18);
    }

    /// @notice Finding 7 (design): a vetoed epoch could never be corrected once a later one existed. Any vetoed
    /// epoch may be posted again, in any order; lastEpoch is the highest ever posted.
    function test_veto_anyVetoedEpochMayBePostedAgainInAnyOrder() public {
        (uint64 q1, uint64 q2, uint64 q3) = (_quarter(0), _quarter(1), _quarter(2));
        _post(_epochRoot(q1, bytes32(uint256(1)), 1, 1));
        _post(_epochRoot(q2, bytes32(uint256(2)), 1, 1));
        _post(_epochRoot(q3, bytes32(uint256(3)), 1, 1));
        vm.startPrank(guardian);
        vault.veto(q2);
        vault.veto(q3);
        vault.veto(q1);
        vm.stopPrank();
        assertEq(vault.lastEpoch(), q3);
        assertEq(vault.reserved(), 0);
        _post(_epochRoot(q2, bytes32(uint256(22)), 1, 1));
        _post(_epochRoot(q1, bytes32(uint256(11)), 1, 1));
        assertEq(vault.epochInfo(q1).root, bytes32(uint256(11)));
        assertEq(vault.lastEpoch(), q3);
    }

    function test_veto_aSweptEpochIsNeverPostedAgain() public {
        _postDefault();
        vm.warp(block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW);
        vault.sweep(EPOCH);
        IBountyVault.EpochRoot memory again = _epochRoot(EPOCH, bytes32(uint256(9)), 1, 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(again));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochAlreadyPosted.selector, EPOCH));
        vault.postRoot(again, sigs);
    }
}

/// @notice Reviewed findings about posting, each a proof of concept kept as the regression test that proves it fixed.
contract PostingReviewTest is VaultReviewBase {
    using MerkleHelper for MerkleHelper.Tree;

    // ---------------------------------------------------------------------------------------------------------------
    // Review of v1 (issue 8), flaw 4 (low): epoch numbers were unbounded. A posted root with a huge number, or a monthly id in a quarterly
    // vault, that passed its challenge period blocked every later post for good.
    // ---------------------------------------------------------------------------------------------------------------

    function test_flaw4_aRunawayEpochNumberCannotBePosted() public {
        // v1 accepted both of these, and then no real quarter (20263, 20264, ...) could ever be posted again.
        uint64[4] memory runaway = [uint64(202606), type(uint64).max, 20265, 19991];
        for (uint256 i; i < runaway.length; ++i) {
            IBountyVault.EpochRoot memory e = _epochRoot(runaway[i], keccak256("typo"), 1, 1);
            IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
            vm.expectRevert(
                abi.encodeWithSelector(IBountyVault.MalformedEpoch.selector, runaway[i], IBountyVault.Cadence.Quarterly)
            );
            vault.postRoot(e, sigs);
        }
        // A well-formed number for a quarter that has not begun is refused too: 2026-Q4 is the current quarter.
        IBountyVault.EpochRoot memory ahead = _epochRoot(20271, keccak256("next year"), 1, 1);
        IBountyVault.SignerSignature[] memory aheadSigs = _sigs2(vault.hashEpochRoot(ahead));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochInFuture.selector, 20271, 20264));
        vault.postRoot(ahead, aheadSigs);
        // So the worst mistaken post is the current quarter, and the next quarter can always follow it.
        _postTree(20264, accounts, amounts);
        _activate();
        vm.warp(block.timestamp + 92 days);
        _postTree(20271, accounts, amounts);
        assertEq(vault.lastEpoch(), 20271);
    }

    function test_flaw4_aMonthlyVaultTakesMonthlyNumbersOnly() public {
        IBountyVault monthly =
            deployVault(token, IBountyVault.Cadence.Monthly, _config(2, 0, CHALLENGE_PERIOD, CLAIM_WINDOW));
        token.mint(address(monthly), 10);
        assertEq(uint8(monthly.cadence()), uint8(IBountyVault.Cadence.Monthly));
        IBountyVault.EpochRoot memory e = _epochRoot(20264, keccak256("quarterly id"), 1, 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(monthly.hashEpochRoot(e));
        vm.expectRevert(
            abi.encodeWithSelector(IBountyVault.MalformedEpoch.selector, 20264, IBountyVault.Cadence.Monthly)
        );
        monthly.postRoot(e, sigs);
        e = _epochRoot(202612, keccak256("december"), 1, 1);
        monthly.postRoot(e, _sigs2(monthly.hashEpochRoot(e)));
        assertEq(monthly.lastEpoch(), 202612);
    }
}
