// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {deployVault} from "../utils/DeployVault.sol";
import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {MockFeeOnTransferERC20} from "../mocks/MockFeeOnTransferERC20.sol";
import {MockReentrantERC20} from "../mocks/MockReentrantERC20.sol";
import {MerkleHelper} from "../utils/MerkleHelper.sol";
import {VaultTestBase} from "../utils/VaultTestBase.sol";

/// @notice The vault against unusual tokens: fee-on-transfer (fund counts what arrived) and a token that calls back
/// into the vault during a payout (the reentrancy guard stops it).
contract BountyVaultTokenEdgeTest is VaultTestBase {
    using MerkleHelper for MerkleHelper.Tree;

    function test_fund_emitsAmountActuallyReceived() public {
        MockFeeOnTransferERC20 feeToken = new MockFeeOnTransferERC20();
        IBountyVault feeVault = deployVault(feeToken, IBountyVault.Cadence.Quarterly, _config(2, 0, 0, CLAIM_WINDOW));
        feeToken.mint(address(this), 1000e18);
        feeToken.approve(address(feeVault), 1000e18);
        vm.expectEmit(address(feeVault));
        emit IBountyVault.Funded(address(this), 990e18);
        feeVault.fund(1000e18);
        assertEq(feeVault.available(), 990e18);
    }

    function test_claim_reentryDuringPayoutIsBlocked() public {
        MockReentrantERC20 hookToken = new MockReentrantERC20();
        vault = deployVault(hookToken, IBountyVault.Cadence.Quarterly, _config(2, 0, CHALLENGE_PERIOD, CLAIM_WINDOW));
        hookToken.mint(address(vault), 1000e18);
        (address[] memory accounts, uint256[] memory amounts) = _allocation("reentry", 2, 100e18);
        MerkleHelper.Tree memory tree = _postTree(E1, accounts, amounts);
        _activate();

        // During the payout of leaf 0, the token tries to claim leaf 1 through the vault.
        hookToken.setCallback(
            address(vault),
            abi.encodeCall(IBountyVault.claim, (accounts[1], _oneClaim(E1, 1, amounts[1], tree.getProof(1))))
        );
        vault.claim(accounts[0], _oneClaim(E1, 0, amounts[0], tree.getProof(0)));

        assertTrue(hookToken.callbackAttempted());
        assertFalse(hookToken.callbackSucceeded());
        assertEq(hookToken.callbackRevertData(), abi.encodeWithSignature("ReentrancyGuardReentrantCall()"));
        assertEq(hookToken.balanceOf(accounts[0]), amounts[0]);
        assertEq(hookToken.balanceOf(accounts[1]), 0);
        assertEq(vault.reserved(), amounts[1]);
    }
}
