// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {deployVault} from "./utils/DeployVault.sol";
import {IBountyVault} from "../contracts/interfaces/IBountyVault.sol";
import {MockReentrantERC20} from "./mocks/MockReentrantERC20.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";
import {VaultTestBase} from "./utils/VaultTestBase.sol";

/// @notice One proof-of-concept per flaw of the v1 vault found in review (issue 8), each written against v1 first
/// (where it failed) and kept as the regression test that proves the flaw fixed.
contract BountyVaultFlawsTest is VaultTestBase {
    using MerkleHelper for MerkleHelper.Tree;

    address[] internal accounts;
    uint256[] internal amounts;

    function setUp() public override {
        super.setUp();
        (accounts, amounts) = _allocation("helper", 4, 100e18);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Flaw 1 (medium): a pause ate claim windows. One signer or the guardian pausing shortly before an epoch
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
    // Flaw 2 (low; medium for tokens with transfer hooks): a callback in the middle of payBatch saw `available`
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
    // Flaw 3 (low): a claim consent could not be revoked and could be replayed for later epochs until its deadline.
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
    // Flaw 4 (low): epoch numbers were unbounded. A posted root with a huge number, or a monthly id in a quarterly
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

    // ---------------------------------------------------------------------------------------------------------------
    // Flaw 5 (design): "one stops, two act" covered roots only. withdraw and updateConfig executed at once, even while
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
}
