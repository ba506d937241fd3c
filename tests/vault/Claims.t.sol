// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {deployVault} from "../utils/DeployVault.sol";
import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {MockReentrantERC20} from "../mocks/MockReentrantERC20.sol";
import {MerkleHelper} from "../utils/MerkleHelper.sol";
import {VaultUnitBase} from "../utils/VaultUnitBase.sol";
import {VaultReviewBase} from "../utils/VaultReviewBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Claims (claim, claimOne, claimTo, relayed consents), the payday batch and sweeps.
contract ClaimsTest is VaultUnitBase {
    using MerkleHelper for MerkleHelper.Tree;

    // ---------------------------------------------------------------------------------------------------------------
    // Claims
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev Epochs of at most 48 leaves keep their claim bits in their claim word, larger ones in the bitmap: on both
    /// sides of the boundary every leaf is paid once (half by claim, half by payBatch), the bits read back, replays
    /// are refused or skipped, and the remainder ends at zero without touching the neighbouring epoch.
    function test_claimBits_smallAndLargeEpochsAcrossTheBoundary() public {
        for (uint256 n = 48; n <= 49; ++n) {
            (address[] memory who, uint256[] memory much) = _allocation(string.concat("edge", vm.toString(n)), n, 1e18);
            MerkleHelper.Tree memory t = _postTree(_quarter(n - 47), who, much);
            uint64 epoch = _quarter(n - 47);
            _activate();
            uint256[] memory rest = new uint256[](n / 2);
            for (uint256 i; i < n; ++i) {
                assertFalse(vault.isClaimed(epoch, i));
                if (i % 2 == 0) vault.claim(who[i], _oneClaim(epoch, i, much[i], t.getProof(i)));
                else rest[i / 2] = i;
            }
            MerkleHelper.Batch memory b = t.getBatch(who, much, rest);
            assertEq(vault.payBatch(epoch, b.indices, b.accounts, b.amounts, b.proof, b.flags), n / 2);
            for (uint256 i; i < n; ++i) {
                assertTrue(vault.isClaimed(epoch, i));
                assertEq(token.balanceOf(who[i]), much[i]);
            }
            assertFalse(vault.isClaimed(epoch, n)); // past the leaves, and past the inline bits for n = 48
            assertEq(vault.epochInfo(epoch).remaining, 0);
            vm.expectRevert(abi.encodeWithSelector(IBountyVault.AlreadyClaimed.selector, epoch, n - 1));
            vault.claim(who[n - 1], _oneClaim(epoch, n - 1, much[n - 1], t.getProof(n - 1)));
            assertEq(vault.payBatch(epoch, b.indices, b.accounts, b.amounts, b.proof, b.flags), 0);
        }
        assertFalse(vault.isClaimed(_quarter(3), 0)); // never posted
    }

    function test_claim_paysAccountAndEmits() public {
        _postDefault();
        _activate();
        address relayer = makeAddr("relayer");
        vm.expectEmit(address(vault));
        emit IBountyVault.Claimed(EPOCH, 4, accounts[4], accounts[4], amounts[4]);
        vm.prank(relayer);
        vault.claim(accounts[4], _claimOf(EPOCH, tree, 4));
        assertEq(token.balanceOf(accounts[4]), amounts[4]);
        assertTrue(vault.isClaimed(EPOCH, 4));
        assertFalse(vault.isClaimed(EPOCH, 3));
        assertEq(vault.epochInfo(EPOCH).remaining, 2800e18 - amounts[4]);
        assertEq(vault.reserved(), 2800e18 - amounts[4]);
        assertEq(vault.available(), FUNDING - 2800e18);
    }

    function test_claim_everyLeafOfEveryTreeSize() public {
        uint256[5] memory sizes = [uint256(1), 2, 3, 7, 16];
        for (uint256 s; s < sizes.length; ++s) {
            (address[] memory accs, uint256[] memory amts) =
                _allocation(string.concat("size", vm.toString(sizes[s]), "-"), sizes[s], 1e18);
            uint64 epoch = _quarter(s);
            MerkleHelper.Tree memory t = _postTree(epoch, accs, amts);
            _activate();
            for (uint256 i; i < sizes[s]; ++i) {
                vault.claim(accs[i], _oneClaim(epoch, i, amts[i], t.getProof(i)));
                assertEq(token.balanceOf(accs[i]), amts[i]);
            }
            assertEq(vault.epochInfo(epoch).remaining, 0);
        }
        assertEq(vault.reserved(), 0);
    }

    function test_claim_multiEpochOneTransfer() public {
        _postDefault();
        uint256[] memory amounts2 = new uint256[](7);
        for (uint256 i; i < 7; ++i) {
            amounts2[i] = 1e18 + i;
        }
        MerkleHelper.Tree memory tree2 = _postTree(EPOCH + 1, accounts, amounts2);
        _activate();

        IBountyVault.Claim[] memory claims = new IBountyVault.Claim[](2);
        claims[0] = _claimOf(EPOCH, 2, amounts[2], tree.getProof(2));
        claims[1] = _claimOf(EPOCH + 1, 2, amounts2[2], tree2.getProof(2));
        vault.claim(accounts[2], claims);
        assertEq(token.balanceOf(accounts[2]), amounts[2] + amounts2[2]);
        assertTrue(vault.isClaimed(EPOCH, 2));
        assertTrue(vault.isClaimed(EPOCH + 1, 2));
        assertEq(vault.reserved(), 2800e18 + (7e18 + 21) - amounts[2] - amounts2[2]);
    }

    function test_claim_multiEpochEmitsOneTransfer() public {
        _postDefault();
        MerkleHelper.Tree memory tree2 = _postTree(EPOCH + 1, accounts, amounts);
        _activate();
        IBountyVault.Claim[] memory claims = new IBountyVault.Claim[](2);
        claims[0] = _claimOf(EPOCH, 1, amounts[1], tree.getProof(1));
        claims[1] = _claimOf(EPOCH + 1, 1, amounts[1], tree2.getProof(1));
        vm.recordLogs();
        vault.claim(accounts[1], claims);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 transfers;
        uint256 claimed;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == IERC20.Transfer.selector) ++transfers;
            if (logs[i].topics[0] == IBountyVault.Claimed.selector) ++claimed;
        }
        assertEq(transfers, 1);
        assertEq(claimed, 2);
        assertEq(token.balanceOf(accounts[1]), 2 * amounts[1]);
    }

    function test_claim_emptyListIsNoop() public {
        vault.claim(accounts[0], new IBountyVault.Claim[](0));
        assertEq(token.balanceOf(accounts[0]), 0);
    }

    function test_claim_zeroAmountLeaf() public {
        amounts[5] = 0;
        tree = _postTree(EPOCH, accounts, amounts);
        _activate();
        vault.claim(accounts[5], _claimOf(EPOCH, tree, 5));
        assertTrue(vault.isClaimed(EPOCH, 5));
        assertEq(token.balanceOf(accounts[5]), 0);
    }

    function test_claim_revertsOnZeroAccount() public {
        vm.expectRevert(IBountyVault.ZeroRecipient.selector);
        vault.claim(address(0), new IBountyVault.Claim[](0));
    }

    function test_claim_revertsTwice() public {
        _postDefault();
        _activate();
        vault.claim(accounts[0], _claimOf(EPOCH, tree, 0));
        IBountyVault.Claim[] memory again = _claimOf(EPOCH, tree, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.AlreadyClaimed.selector, EPOCH, 0));
        vault.claim(accounts[0], again);
    }

    function test_claim_revertsOnSameLeafTwiceInOneCall() public {
        _postDefault();
        _activate();
        IBountyVault.Claim[] memory claims = new IBountyVault.Claim[](2);
        claims[0] = _claimOf(EPOCH, 0, amounts[0], tree.getProof(0));
        claims[1] = claims[0];
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.AlreadyClaimed.selector, EPOCH, 0));
        vault.claim(accounts[0], claims);
    }

    function test_claim_revertsBeforeActivation() public {
        _postDefault();
        uint256 activatesAt = block.timestamp + CHALLENGE_PERIOD;
        vm.warp(activatesAt - 1);
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochPending.selector, EPOCH, activatesAt));
        vault.claim(accounts[0], claims);
        vm.warp(activatesAt);
        vault.claim(accounts[0], claims);
    }

    function test_claim_revertsAtExpiry() public {
        _postDefault();
        uint256 expiresAt = block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW;
        vm.warp(expiresAt - 1);
        vault.claim(accounts[0], _claimOf(EPOCH, tree, 0));
        vm.warp(expiresAt);
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 1);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochExpired.selector, EPOCH, expiresAt));
        vault.claim(accounts[1], claims);
    }

    function test_claim_revertsOnUnpostedVetoedOrSweptEpoch() public {
        _postDefault();
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH + 1, tree, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.UnknownRoot.selector, EPOCH + 1, tree.root()));
        vault.claim(accounts[0], claims);

        vm.prank(guardian);
        vault.veto(EPOCH);
        _activate();
        claims = _claimOf(EPOCH, tree, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochNotLive.selector, EPOCH));
        vault.claim(accounts[0], claims);

        tree = _postTree(EPOCH + 2, accounts, amounts);
        vm.warp(block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW);
        vault.sweep(EPOCH + 2);
        claims = _claimOf(EPOCH + 2, tree, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochNotLive.selector, EPOCH + 2));
        vault.claim(accounts[0], claims);
    }

    function test_claim_revertsOnIndexOutOfRange() public {
        // The tree has 7 leaves but the signers posted count 6: leaf 6 is out of range even with a valid proof.
        tree = MerkleHelper.build(accounts, amounts);
        _post(_epochRoot(EPOCH, tree.root(), 2800e18, 6));
        _activate();
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 6);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.IndexOutOfRange.selector, EPOCH, 6, 6));
        vault.claim(accounts[6], claims);
    }

    function test_claim_revertsOnInvalidProof() public {
        _postDefault();
        _activate();
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 3);
        claims[0].amount += 1; // wrong amount
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidProof.selector, EPOCH, 3));
        vault.claim(accounts[3], claims);
        claims = _claimOf(EPOCH, tree, 3);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidProof.selector, EPOCH, 3));
        vault.claim(accounts[2], claims); // wrong account
        claims[0].proof[0] = bytes32(uint256(claims[0].proof[0]) ^ 1);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidProof.selector, EPOCH, 3));
        vault.claim(accounts[3], claims); // tampered proof
    }

    function test_claim_revertsWhenTreeExceedsPostedTotal() public {
        // A faulty tree whose leaves sum to more than the posted total cannot draw on other money.
        tree = MerkleHelper.build(accounts, amounts);
        _post(_epochRoot(EPOCH, tree.root(), 1000e18, 7));
        _activate();
        vault.claim(accounts[6], _claimOf(EPOCH, tree, 6)); // 700, 300 left
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 3); // 400
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.ExceedsEpochTotal.selector, EPOCH, 400e18, 300e18));
        vault.claim(accounts[3], claims);
    }

    function test_claim_revertsWhenPaused() public {
        _postDefault();
        _activate();
        vm.prank(signerAddrs[0]);
        vault.pause();
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 0);
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.claim(accounts[0], claims);
        vm.prank(accounts[0]);
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.claimTo(accounts[1], claims);
    }

    function test_claimTo_paysCallersClaimElsewhere() public {
        _postDefault();
        _activate();
        address cold = makeAddr("cold wallet");
        vm.expectEmit(address(vault));
        emit IBountyVault.Claimed(EPOCH, 2, accounts[2], cold, amounts[2]);
        vm.prank(accounts[2]);
        vault.claimTo(cold, _claimOf(EPOCH, tree, 2));
        assertEq(token.balanceOf(cold), amounts[2]);
        assertEq(token.balanceOf(accounts[2]), 0);
    }

    function test_claimTo_cannotTakeSomeoneElsesClaim() public {
        _postDefault();
        _activate();
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 2);
        vm.prank(accounts[1]);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidProof.selector, EPOCH, 2));
        vault.claimTo(accounts[1], claims);
    }

    function test_claimTo_revertsOnZeroRecipient() public {
        vm.expectRevert(IBountyVault.ZeroRecipient.selector);
        vault.claimTo(address(0), new IBountyVault.Claim[](0));
    }

    function _consentFor(string memory name, uint256 index) internal returns (uint256 key) {
        address account;
        (account, key) = makeAddrAndKey(name);
        accounts[index] = account;
    }

    function test_claimWithSig_eoaConsent() public {
        uint256 key = _consentFor("gasless helper", 5);
        _postDefault();
        _activate();
        address recipient = makeAddr("new wallet");
        uint256 deadline = block.timestamp + 1 days;
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 5);
        bytes memory sig = _consent(key, accounts[5], recipient, claims, deadline);
        vm.prank(makeAddr("relayer"));
        vault.claimWithSig(accounts[5], recipient, deadline, claims, sig);
        assertEq(token.balanceOf(recipient), amounts[5]);
    }

    function test_claimWithSig_revertsAfterDeadline() public {
        uint256 key = _consentFor("late helper", 1);
        _postDefault();
        _activate();
        uint256 deadline = block.timestamp - 1;
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 1);
        bytes memory sig = _consent(key, accounts[1], accounts[1], claims, deadline);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.SignatureExpired.selector, deadline));
        vault.claimWithSig(accounts[1], accounts[1], deadline, claims, sig);
    }

    function test_claimWithSig_revertsOnOtherRecipientOrSigner() public {
        uint256 key = _consentFor("careful helper", 1);
        _postDefault();
        _activate();
        uint256 deadline = block.timestamp + 1;
        address recipient = makeAddr("recipient");
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 1);
        bytes memory sig = _consent(key, accounts[1], recipient, claims, deadline);
        address thief = makeAddr("thief");
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, accounts[1]));
        vault.claimWithSig(accounts[1], thief, deadline, claims, sig);
        bytes memory otherSig = _consent(signerKeys[0], accounts[1], recipient, claims, deadline);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, accounts[1]));
        vault.claimWithSig(accounts[1], recipient, deadline, claims, otherSig);
        vm.expectRevert(IBountyVault.ZeroRecipient.selector);
        vault.claimWithSig(accounts[1], address(0), deadline, claims, sig);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // payBatch
    // ---------------------------------------------------------------------------------------------------------------

    function test_payBatch_paysEveryLeaf() public {
        _postDefault();
        _activate();
        assertEq(_payBatch(EPOCH, _batch(tree, _range(0, 7))), 7);
        for (uint256 i; i < 7; ++i) {
            assertEq(token.balanceOf(accounts[i]), amounts[i]);
            assertTrue(vault.isClaimed(EPOCH, i));
        }
        assertEq(vault.reserved(), 0);
        assertEq(vault.epochInfo(EPOCH).remaining, 0);
    }

    function test_payBatch_subsetThenResumeSkipsPaid() public {
        _postDefault();
        _activate();
        uint256[] memory some = new uint256[](3);
        (some[0], some[1], some[2]) = (1, 4, 6);
        assertEq(_payBatch(EPOCH, _batch(tree, some)), 3);
        // one helper claims by themselves in between
        vault.claim(accounts[0], _claimOf(EPOCH, tree, 0));
        // the re-run pays only the 3 leaves still unpaid, and does not revert
        assertEq(_payBatch(EPOCH, _batch(tree, _range(0, 7))), 3);
        for (uint256 i; i < 7; ++i) {
            assertEq(token.balanceOf(accounts[i]), amounts[i]);
        }
        assertEq(_payBatch(EPOCH, _batch(tree, _range(0, 7))), 0);
        assertEq(vault.reserved(), 0);
    }

    function test_payBatch_emptyIsNoop() public {
        _postDefault();
        _activate();
        MerkleHelper.Batch memory b = _batch(tree, new uint256[](0));
        assertEq(b.proof.length, 1); // [root]: OpenZeppelin would accept it, the vault pays nothing
        assertEq(_payBatch(EPOCH, b), 0);
        assertEq(vault.reserved(), 2800e18);
    }

    function test_payBatch_revertsOnLengthMismatch() public {
        _postDefault();
        _activate();
        MerkleHelper.Batch memory b = _batch(tree, _range(0, 2));
        b.amounts = new uint256[](1);
        vm.expectRevert(IBountyVault.LengthMismatch.selector);
        _payBatch(EPOCH, b);
        b = _batch(tree, _range(0, 2));
        b.accounts = new address[](3);
        vm.expectRevert(IBountyVault.LengthMismatch.selector);
        _payBatch(EPOCH, b);
    }

    function test_payBatch_revertsOnInvalidMultiproof() public {
        _postDefault();
        _activate();
        MerkleHelper.Batch memory b = _batch(tree, _range(2, 5));
        b.amounts[1] += 1;
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidProof.selector, EPOCH, b.indices[0]));
        _payBatch(EPOCH, b);
        b = _batch(tree, _range(2, 5));
        b.flags[0] = !b.flags[0];
        vm.expectRevert(); // malformed multiproof: InvalidProof or OpenZeppelin's MerkleProofInvalidMultiproof
        _payBatch(EPOCH, b);
    }

    function test_payBatch_revertsOnIndexOutOfRange() public {
        tree = MerkleHelper.build(accounts, amounts);
        _post(_epochRoot(EPOCH, tree.root(), 2800e18, 6));
        _activate();
        MerkleHelper.Batch memory b = _batch(tree, _range(0, 7));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.IndexOutOfRange.selector, EPOCH, 6, 6));
        _payBatch(EPOCH, b);
    }

    function test_payBatch_revertsWhenOverTotal() public {
        tree = MerkleHelper.build(accounts, amounts);
        _post(_epochRoot(EPOCH, tree.root(), 2000e18, 7));
        _activate();
        // Leaves are paid one by one in the multiproof's order; the first that would exceed the remainder reverts the
        // whole batch, and nothing of it is paid.
        vm.expectPartialRevert(IBountyVault.ExceedsEpochTotal.selector);
        _payBatch(EPOCH, _batch(tree, _range(0, 7)));
        assertEq(vault.epochInfo(EPOCH).remaining, 2000e18);
        assertEq(token.balanceOf(accounts[0]), 0);
    }

    function test_payBatch_revertsWhenPausedPendingExpiredOrNotLive() public {
        _postDefault();
        MerkleHelper.Batch memory b = _batch(tree, _range(0, 7));
        vm.expectRevert(
            abi.encodeWithSelector(IBountyVault.EpochPending.selector, EPOCH, block.timestamp + CHALLENGE_PERIOD)
        );
        _payBatch(EPOCH, b);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.UnknownRoot.selector, EPOCH + 1, bytes32(0)));
        _payBatch(EPOCH + 1, b);
        uint256 expiresAt = block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW;
        _activate();
        vm.prank(guardian);
        vault.pause();
        vm.expectRevert(IBountyVault.IsPaused.selector);
        _payBatch(EPOCH, b);
        _unpause();
        // The pause (the unpause's delay) did not count: the window ends that much later.
        assertEq(vault.epochInfo(EPOCH).expiresAt, expiresAt + CHALLENGE_PERIOD);
        expiresAt += CHALLENGE_PERIOD;
        vm.warp(expiresAt);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochExpired.selector, EPOCH, expiresAt));
        _payBatch(EPOCH, b);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sweep
    // ---------------------------------------------------------------------------------------------------------------

    function test_sweep_returnsExactlyThatEpochsRemainder() public {
        _postDefault();
        MerkleHelper.Tree memory later = _postTree(EPOCH + 1, accounts, amounts);
        _activate();
        vault.claim(accounts[6], _claimOf(EPOCH, tree, 6));
        vm.warp(block.timestamp + CLAIM_WINDOW - 1 days); // epoch 1 expires, epoch 2 was posted at the same time
        vm.expectRevert(
            abi.encodeWithSelector(IBountyVault.NotExpired.selector, EPOCH, vault.epochInfo(EPOCH).expiresAt)
        );
        vault.sweep(EPOCH);
        vm.warp(vault.epochInfo(EPOCH).expiresAt);
        vm.expectEmit(address(vault));
        emit IBountyVault.Swept(EPOCH, 2100e18);
        vm.prank(makeAddr("anyone"));
        vault.sweep(EPOCH);
        assertEq(uint8(vault.epochInfo(EPOCH).status), uint8(IBountyVault.EpochStatus.Swept));
        assertEq(vault.reserved(), 2800e18);
        assertEq(vault.available(), FUNDING - 700e18 - 2800e18);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochNotLive.selector, EPOCH));
        vault.sweep(EPOCH);
        later; // the later epoch (posted in the same block) expired too; sweeping one leaves the other alone
        assertEq(uint8(vault.epochInfo(EPOCH + 1).status), uint8(IBountyVault.EpochStatus.Posted));
    }

    function test_sweep_otherEpochsStayClaimable() public {
        _postDefault();
        vm.warp(block.timestamp + 30 days);
        MerkleHelper.Tree memory later = _postTree(EPOCH + 1, accounts, amounts);
        vm.warp(vault.epochInfo(EPOCH).expiresAt);
        vault.sweep(EPOCH);
        vault.claim(accounts[0], _claimOf(EPOCH + 1, later, 0));
        assertEq(token.balanceOf(accounts[0]), amounts[0]);
    }

    function test_sweep_revertsOnUnpostedOrVetoed() public {
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochNotLive.selector, EPOCH));
        vault.sweep(EPOCH);
        _postDefault();
        vm.prank(guardian);
        vault.veto(EPOCH);
        vm.warp(block.timestamp + 365 days);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochNotLive.selector, EPOCH));
        vault.sweep(EPOCH);
    }

    function test_sweep_revertsWhilePausedAndThePauseDoesNotCount() public {
        _postDefault();
        uint256 reserved = vault.reserved();
        vm.warp(block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW - 1 hours);
        vm.prank(guardian);
        vault.pause();
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.sweep(EPOCH);
        _unpause();
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotExpired.selector, EPOCH, block.timestamp + 1 hours));
        vault.sweep(EPOCH);
        vm.warp(block.timestamp + 1 hours);
        vault.sweep(EPOCH);
        assertEq(vault.reserved(), reserved - vault.epochInfo(EPOCH).total);
    }
}

/// @notice Reviewed findings about claims and consents, each a proof of concept kept as the regression test that proves it fixed.
contract ClaimsReviewTest is VaultReviewBase {
    using MerkleHelper for MerkleHelper.Tree;

    // ---------------------------------------------------------------------------------------------------------------
    // Review of v1 (issue 8), flaw 2 (low; medium for tokens with transfer hooks): a callback in the middle of payBatch saw `available`
    // inflated by the batch's not-yet-sent transfers, and postRoot had no reentrancy guard, so a root could be posted
    // against money already owed; the vault then held less than it had reserved.
    // ---------------------------------------------------------------------------------------------------------------

    function test_flaw2_aTokenCallbackCannotPostAgainstOwedMoney() public {
        MockReentrantERC20 hookToken = new MockReentrantERC20();
        vault = deployVault(hookToken, IBountyVault.Cadence.Quarterly, _config(2, 0, CHALLENGE_PERIOD, CLAIM_WINDOW));
        uint256 funding = 1_500e18;
        hookToken.mint(address(vault), funding);
        MerkleHelper.Tree memory tree = _postTree(E1, accounts, amounts); // 1 000 reserved, 500 available
        _activate();

        // The post a hook would make during the first transfer of a batch paying leaves 0..3: in v1 `available`
        // read 500 + (1 000 - 100) there, so a root of 1 400 passed the funding check.
        IBountyVault.EpochRoot memory e = _epochRoot(E2, keccak256("callback root"), 1_400e18, 1);
        hookToken.setCallback(
            address(vault), abi.encodeCall(IBountyVault.postRoot, (e, _sigs2(vault.hashEpochRoot(e))))
        );
        uint256[] memory all = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            all[i] = i;
        }
        MerkleHelper.Batch memory b = tree.getBatch(accounts, amounts, all);
        vault.payBatch(E1, b.indices, b.accounts, b.amounts, b.proof, b.flags);

        assertTrue(hookToken.callbackAttempted());
        assertFalse(hookToken.callbackSucceeded(), "a callback posted a root mid-batch");
        assertEq(hookToken.callbackRevertData(), abi.encodeWithSignature("ReentrancyGuardReentrantCall()"));
        assertGe(hookToken.balanceOf(address(vault)), vault.reserved(), "the vault owes more than it holds");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Review of v1 (issue 8), flaw 3 (low): a claim consent could not be revoked and could be replayed for later epochs until its deadline.
    // ---------------------------------------------------------------------------------------------------------------

    function test_flaw3_aConsentIsSingleUseAndRevocable() public {
        (address account, uint256 key) = makeAddrAndKey("consenting helper");
        address relayerRecipient = makeAddr("recipient chosen in the consent");
        accounts[0] = account;
        MerkleHelper.Tree memory tree = _postTree(E1, accounts, amounts);
        _activate();
        uint256 deadline = block.timestamp + 30 days;
        IBountyVault.Claim[] memory first = _oneClaim(E1, 0, amounts[0], tree.getProof(0));
        bytes memory consent = _consent(key, account, relayerRecipient, first, deadline);
        vault.claimWithSig(account, relayerRecipient, deadline, first, consent);

        // A later epoch: the same consent replayed must not move the helper's new pay.
        MerkleHelper.Tree memory tree2 = _postTree(E2, accounts, amounts);
        _activate();
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, account));
        vault.claimWithSig(
            account, relayerRecipient, deadline, _oneClaim(E2, 0, amounts[0], tree2.getProof(0)), consent
        );
        assertEq(token.balanceOf(relayerRecipient), amounts[0]);
    }

    function test_flaw3_aHelperCanRevokeAConsentBeforeItIsUsed() public {
        (address account, uint256 key) = makeAddrAndKey("revoking helper");
        address recipient = makeAddr("recipient");
        accounts[0] = account;
        MerkleHelper.Tree memory tree = _postTree(E1, accounts, amounts);
        _activate();
        uint256 deadline = block.timestamp + 7 days;
        IBountyVault.Claim[] memory claims = _oneClaim(E1, 0, amounts[0], tree.getProof(0));
        bytes memory consent = _consent(key, account, recipient, claims, deadline);
        vm.expectEmit(address(vault));
        emit IBountyVault.ConsentsRevoked(account, 1);
        vm.prank(account);
        vault.revokeConsents();
        assertEq(vault.nonces(account), 1);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, account));
        vault.claimWithSig(account, recipient, deadline, claims, consent);
        // A consent signed for the new nonce works.
        vault.claimWithSig(account, recipient, deadline, claims, _consent(key, account, recipient, claims, deadline));
        assertEq(token.balanceOf(recipient), amounts[0]);
    }

    function test_flaw3_aConsentsDeadlineIsBounded() public {
        (address account, uint256 key) = makeAddrAndKey("forever helper");
        accounts[0] = account;
        MerkleHelper.Tree memory tree = _postTree(E1, accounts, amounts);
        _activate();
        IBountyVault.Claim[] memory claims = _oneClaim(E1, 0, amounts[0], tree.getProof(0));
        uint256 latest = block.timestamp + vault.MAX_CONSENT_LIFETIME();
        for (uint256 deadline = latest + 1; deadline != 0; deadline = deadline == latest + 1 ? type(uint256).max : 0) {
            bytes memory consent = _consent(key, account, account, claims, deadline);
            vm.expectRevert(abi.encodeWithSelector(IBountyVault.ConsentTooLong.selector, deadline, latest));
            vault.claimWithSig(account, account, deadline, claims, consent);
        }
        vault.claimWithSig(account, account, latest, claims, _consent(key, account, account, claims, latest));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Review of v2, finding 4 (low): a claim consent named no claims. `claimWithSig` spent the account's nonce
    // whatever `claims` held, an empty list included, so anyone who saw a consent could burn it, or spend it on one
    // epoch when the helper meant several. Now the consent names its (epoch, root, index) list, and a call that pays
    // nothing spends nothing.
    // ---------------------------------------------------------------------------------------------------------------

    function test_v2finding4_aConsentPaysExactlyTheClaimsItNames() public {
        (address account, uint256 key) = makeAddrAndKey("helper who consents to two epochs");
        address recipient = makeAddr("recipient");
        accounts[0] = account;
        MerkleHelper.Tree memory t1 = _postTree(E1, accounts, amounts);
        MerkleHelper.Tree memory t2 = _postTree(E2, accounts, amounts);
        _activate();
        IBountyVault.Claim[] memory both = new IBountyVault.Claim[](2);
        both[0] = IBountyVault.Claim(E1, t1.root(), 0, amounts[0], t1.getProof(0));
        both[1] = IBountyVault.Claim(E2, t2.root(), 0, amounts[0], t2.getProof(0));
        uint256 deadline = block.timestamp + 1 days;
        bytes memory consent = _consent(key, account, recipient, both, deadline);

        // Burning it with an empty list, or spending it on one epoch of the two: refused, nonce unspent.
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, account));
        vault.claimWithSig(account, recipient, deadline, new IBountyVault.Claim[](0), consent);
        IBountyVault.Claim[] memory justOne = new IBountyVault.Claim[](1);
        justOne[0] = both[0];
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, account));
        vault.claimWithSig(account, recipient, deadline, justOne, consent);
        assertEq(vault.nonces(account), 0);

        vault.claimWithSig(account, recipient, deadline, both, consent);
        assertEq(token.balanceOf(recipient), 2 * amounts[0]);
        assertEq(vault.nonces(account), 1);
    }

    function test_v2finding4_aConsentThatWouldPayNothingIsNeverSpent() public {
        (address account, uint256 key) = makeAddrAndKey("helper with a zero leaf");
        (accounts[0], amounts[0]) = (account, 0);
        MerkleHelper.Tree memory t = _postTree(E1, accounts, amounts);
        _activate();
        IBountyVault.Claim[] memory zero = _oneClaim(E1, 0, 0, t.getProof(0));
        uint256 deadline = block.timestamp + 1 days;
        bytes memory consent = _consent(key, account, account, zero, deadline);
        vm.expectRevert(IBountyVault.NothingToClaim.selector);
        vault.claimWithSig(account, account, deadline, zero, consent);
        assertEq(vault.nonces(account), 0, "the consent is still unspent");
        // An empty consent (signed for no claims at all) is refused the same way.
        IBountyVault.Claim[] memory none = new IBountyVault.Claim[](0);
        bytes memory emptyConsent = _consent(key, account, account, none, deadline);
        vm.expectRevert(IBountyVault.NothingToClaim.selector);
        vault.claimWithSig(account, account, deadline, none, emptyConsent);
    }
}
