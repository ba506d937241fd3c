// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {MerkleHelper} from "../utils/MerkleHelper.sol";
import {VaultTestBase} from "../utils/VaultTestBase.sol";

/// @notice The claim path that reads no vault-wide slot: a claim finds its epoch's claim word by the (epoch, root) it
/// brings; `claimOne` claims a single leaf; a pause freezes every live epoch and the unpause moves their dates out;
/// and the live set that a pause walks is bounded.
contract BountyVaultLiveEpochsTest is VaultTestBase {
    using MerkleHelper for MerkleHelper.Tree;

    address[] internal accounts;
    uint256[] internal amounts;

    function setUp() public override {
        super.setUp();
        (accounts, amounts) = _allocation("helper", 5, 100e18);
    }

    function _claimUnder(uint64 epoch, MerkleHelper.Tree memory t, uint256 i)
        internal
        view
        returns (IBountyVault.Claim memory)
    {
        return IBountyVault.Claim(epoch, t.root(), i, amounts[i], t.getProof(i));
    }

    function _one(IBountyVault.Claim memory c) internal pure returns (IBountyVault.Claim[] memory claims) {
        claims = new IBountyVault.Claim[](1);
        claims[0] = c;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // A claim's state is found by (epoch, root)
    // ---------------------------------------------------------------------------------------------------------------

    function test_claim_underARootNeverPostedForTheEpochFindsNoState() public {
        MerkleHelper.Tree memory posted = _postTree(E1, accounts, amounts);
        _activate();
        // Another tree of the same helpers (a claims file that is not the published one): a valid proof for its own
        // root, which the vault never posted.
        amounts[0] += 1;
        MerkleHelper.Tree memory other = MerkleHelper.build(accounts, amounts);
        IBountyVault.Claim memory c = _claimUnder(E1, other, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.UnknownRoot.selector, E1, other.root()));
        vault.claimOne(accounts[0], c);
        amounts[0] -= 1;
        vault.claimOne(accounts[0], _claimUnder(E1, posted, 0));
        assertEq(token.balanceOf(accounts[0]), amounts[0]);
    }

    function test_claim_replayedUnderAnotherEpochsRootFindsNoState() public {
        MerkleHelper.Tree memory t1 = _postTree(E1, accounts, amounts);
        amounts[1] = 0;
        _postTree(E2, accounts, amounts);
        amounts[1] = 200e18;
        _activate();
        // Leaf 1 of E1's tree, with E1's root and a proof valid against it, claimed as E2's (where leaf 1 is 0).
        IBountyVault.Claim memory replay = _claimUnder(E2, t1, 1);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.UnknownRoot.selector, E2, t1.root()));
        vault.claimOne(accounts[1], replay);
    }

    function test_claim_underAVetoedRootIsRefusedAndTheCorrectedRootPays() public {
        MerkleHelper.Tree memory wrong = _postTree(E1, accounts, amounts);
        vm.prank(guardian);
        vault.veto(E1);
        amounts[4] = 50e18;
        MerkleHelper.Tree memory corrected = _postTree(E1, accounts, amounts);
        _activate();
        IBountyVault.Claim memory stale = _claimUnder(E1, wrong, 2);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochNotLive.selector, E1));
        vault.claimOne(accounts[2], stale);
        vault.claimOne(accounts[2], _claimUnder(E1, corrected, 2));
        assertEq(token.balanceOf(accounts[2]), amounts[2]);
        assertEq(vault.epochInfo(E1).root, corrected.root());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // claimOne
    // ---------------------------------------------------------------------------------------------------------------

    function test_claimOne_paysLikeClaimAndEmits() public {
        MerkleHelper.Tree memory t = _postTree(E1, accounts, amounts);
        _activate();
        address relayer = makeAddr("relayer");
        vm.expectEmit();
        emit IBountyVault.Claimed(E1, 3, accounts[3], accounts[3], amounts[3]);
        vm.prank(relayer); // anyone may claim for the account; the account is paid
        vault.claimOne(accounts[3], _claimUnder(E1, t, 3));
        assertEq(token.balanceOf(accounts[3]), amounts[3]);
        assertTrue(vault.isClaimed(E1, 3));
        assertEq(vault.epochInfo(E1).remaining, 1500e18 - amounts[3]);
        assertEq(vault.reserved(), 1500e18 - amounts[3]);
    }

    function test_claimOne_refusesWhatClaimRefuses() public {
        MerkleHelper.Tree memory t = _postTree(E1, accounts, amounts);
        IBountyVault.Claim memory c = _claimUnder(E1, t, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochPending.selector, E1, block.timestamp + 3 days));
        vault.claimOne(accounts[0], c);
        _activate();
        vm.expectRevert(IBountyVault.ZeroRecipient.selector);
        vault.claimOne(address(0), c);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidProof.selector, E1, 0));
        vault.claimOne(accounts[1], c); // someone else's leaf
        vault.claimOne(accounts[0], c);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.AlreadyClaimed.selector, E1, 0));
        vault.claimOne(accounts[0], c);
        // the array entry point sees the same bit
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.AlreadyClaimed.selector, E1, 0));
        vault.claim(accounts[0], _one(c));
    }

    function test_claimOne_inAnEpochOfMoreThanInlineBits() public {
        (address[] memory many, uint256[] memory each) = _allocation("crowd", 60, 1e18);
        MerkleHelper.Tree memory t = _postTree(E1, many, each);
        _activate();
        vault.claimOne(many[59], IBountyVault.Claim(E1, t.root(), 59, each[59], t.getProof(59)));
        assertTrue(vault.isClaimed(E1, 59));
        assertFalse(vault.isClaimed(E1, 58));
        IBountyVault.Claim memory again = IBountyVault.Claim(E1, t.root(), 59, each[59], t.getProof(59));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.AlreadyClaimed.selector, E1, 59));
        vault.claimOne(many[59], again);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // A pause freezes every live epoch; the unpause moves their dates out by its length
    // ---------------------------------------------------------------------------------------------------------------

    function test_pause_freezesEveryLiveEpochAndTheUnpauseGivesThePausedTimeBack() public {
        MerkleHelper.Tree memory active = _postTree(E1, accounts, amounts);
        _activate();
        MerkleHelper.Tree memory pending = _postTree(E2, accounts, amounts);
        uint64 e3 = 20264;
        _postTree(e3, accounts, amounts); // vetoed during the pause below
        IBountyVault.EpochInfo memory before1 = vault.epochInfo(E1);
        IBountyVault.EpochInfo memory before2 = vault.epochInfo(E2);
        IBountyVault.EpochInfo memory before3 = vault.epochInfo(e3);
        assertEq(vault.liveEpochs().length, 3);

        vm.prank(guardian);
        vault.pause();
        uint256 pausedAt = block.timestamp;
        vm.warp(block.timestamp + 10 days);
        // Every way to pay is refused, by each epoch's own frozen word.
        IBountyVault.Claim memory c = _claimUnder(E1, active, 0);
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.claimOne(accounts[0], c);
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.claim(accounts[0], _one(c));
        MerkleHelper.Batch memory b = active.getBatch(accounts, amounts, _indices(2));
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.payBatch(E1, b.indices, b.accounts, b.amounts, b.proof, b.flags);
        // While paused, the dates read as if the vault unpaused now.
        assertEq(vault.epochInfo(E1).expiresAt, before1.expiresAt + 10 days);
        // A pending epoch stays vetoable through the pause; it leaves the live set and its dates stop moving.
        vm.prank(signerAddrs[1]);
        vault.veto(e3);
        assertEq(vault.liveEpochs().length, 2);

        _unpause();
        uint256 pausedFor = block.timestamp - pausedAt;
        assertEq(vault.epochInfo(E1).activatesAt, before1.activatesAt + pausedFor);
        assertEq(vault.epochInfo(E1).expiresAt, before1.expiresAt + pausedFor);
        assertEq(vault.epochInfo(E2).activatesAt, before2.activatesAt + pausedFor);
        assertEq(vault.epochInfo(E2).expiresAt, before2.expiresAt + pausedFor);
        assertEq(vault.epochInfo(e3).activatesAt, before3.activatesAt, "a vetoed epoch is not moved");
        // Claims work again; the pending epoch's challenge period still has what was left at the pause.
        vault.claimOne(accounts[0], c);
        assertEq(token.balanceOf(accounts[0]), amounts[0]);
        IBountyVault.Claim memory early = _claimUnder(E2, pending, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochPending.selector, E2, before2.activatesAt + pausedFor));
        vault.claimOne(accounts[0], early);
    }

    function test_pause_aDisputeDismissedWhilePausedRestartsFromThePause() public {
        _postTree(E1, accounts, amounts);
        uint256 firstActivation = block.timestamp + CHALLENGE_PERIOD;
        vm.warp(block.timestamp + 2 days);
        address disputer = makeAddr("disputer");
        token.mint(disputer, DISPUTE_BOND);
        vm.startPrank(disputer);
        token.approve(address(vault), DISPUTE_BOND);
        vault.dispute(E1, "ipfs://report");
        vm.stopPrank();
        vm.prank(guardian);
        vault.pause();
        uint256 pausedAt = block.timestamp;
        vm.warp(block.timestamp + 5 days);
        uint256 n = vault.nonce();
        vault.resolveDispute(E1, false, n, _sigs2(vault.hashResolveDispute(E1, false, n)));
        vm.warp(block.timestamp + 1 days);
        _unpause();
        // A whole new challenge period from the vault's stopped clock (later than the first one would have ended),
        // moved out by the whole pause.
        assertGt(pausedAt + CHALLENGE_PERIOD, firstActivation);
        assertEq(vault.epochInfo(E1).activatesAt, pausedAt + CHALLENGE_PERIOD + (block.timestamp - pausedAt));
    }

    function _indices(uint256 n) internal pure returns (uint256[] memory r) {
        r = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            r[i] = i;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The live set is bounded, and every epoch leaves it
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice An epoch paid out in full (payday's payout) may be closed at once; one with anything left may not.
    function test_sweep_anEpochPaidOutInFullClosesBeforeItsWindowEnds() public {
        MerkleHelper.Tree memory t = _postTree(E1, accounts, amounts);
        uint64 empty = E2;
        _post(_epochRoot(empty, keccak256("no leaves"), 0, 0));
        uint256 expiresAt = vault.epochInfo(E1).expiresAt;
        // Before activation nothing is closed early, not even an epoch with nothing to pay (it is still vetoable).
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotExpired.selector, empty, expiresAt));
        vault.sweep(empty);
        _activate();
        MerkleHelper.Batch memory b = t.getBatch(accounts, amounts, _indices(4));
        vault.payBatch(E1, b.indices, b.accounts, b.amounts, b.proof, b.flags);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotExpired.selector, E1, expiresAt));
        vault.sweep(E1); // leaf 4 is still owed
        vault.claimOne(accounts[4], _claimUnder(E1, t, 4));
        uint256 available = vault.available();
        vm.expectEmit();
        emit IBountyVault.Swept(E1, 0);
        vault.sweep(E1);
        vault.sweep(empty);
        assertEq(vault.liveEpochs().length, 0);
        assertEq(uint8(vault.epochInfo(E1).status), uint8(IBountyVault.EpochStatus.Swept));
        assertEq(vault.available(), available, "nothing was left to return");
    }

    /// @notice 32 quarters posted at once (a DAO catching up 2019-Q1 to 2026-Q4): the 33rd post waits until one of
    /// them is swept; `reserved` sums them all; a pause and an unpause walk them all.
    function test_liveEpochs_areBoundedAndASweepFreesASlot() public {
        uint256 max = vault.MAX_LIVE_EPOCHS();
        assertEq(max, 32);
        uint64[] memory quarters = new uint64[](max);
        for (uint256 k; k < max; ++k) {
            quarters[k] = uint64((2019 + k / 4) * 10 + k % 4 + 1);
            _post(_epochRoot(quarters[k], keccak256(abi.encode("tree", k)), 10e18, 3));
        }
        assertEq(quarters[max - 1], 20264);
        assertEq(vault.liveEpochs().length, max);
        assertEq(vault.reserved(), max * 10e18);

        vm.prank(guardian);
        vault.pause();
        _unpause();

        vm.warp(block.timestamp + 90 days); // 2027-Q1 has begun
        IBountyVault.EpochRoot memory next = _epochRoot(20271, keccak256("2027-Q1"), 10e18, 3);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(next));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.TooManyLiveEpochs.selector, max));
        vault.postRoot(next, sigs);

        vm.warp(vault.epochInfo(quarters[7]).expiresAt);
        vault.sweep(quarters[7]);
        assertEq(vault.liveEpochs().length, max - 1);
        assertEq(vault.reserved(), (max - 1) * 10e18);
        _post(_epochRoot(20271, keccak256("2027-Q1"), 10e18, 3));
        assertEq(vault.liveEpochs().length, max);
    }
}
