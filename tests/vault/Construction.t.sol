// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {deployVault} from "../utils/DeployVault.sol";
import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {MerkleHelper} from "../utils/MerkleHelper.sol";
import {VaultUnitBase} from "../utils/VaultUnitBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Construction, configuration bounds, views and funding.
contract ConstructionTest is VaultUnitBase {
    using MerkleHelper for MerkleHelper.Tree;

    // ---------------------------------------------------------------------------------------------------------------
    // Construction and views
    // ---------------------------------------------------------------------------------------------------------------

    function test_constructor_setsConfig() public view {
        assertEq(vault.token(), address(token));
        assertEq(vault.config().signers.length, 3);
        for (uint256 i; i < 3; ++i) {
            assertEq(vault.config().signers[i], signerAddrs[i]);
            assertTrue(vault.isSigner(signerAddrs[i]));
        }
        assertFalse(vault.isSigner(guardian));
        assertEq(vault.config().threshold, 2);
        assertEq(vault.config().epochCap, EPOCH_CAP);
        assertEq(vault.config().challengePeriod, CHALLENGE_PERIOD);
        assertEq(vault.config().claimWindow, CLAIM_WINDOW);
        assertEq(vault.config().guardian, guardian);
        assertFalse(vault.paused());
        assertEq(vault.nonce(), 0);
        assertEq(vault.lastEpoch(), 0);
        assertEq(vault.reserved(), 0);
        assertEq(vault.available(), FUNDING);
    }

    function test_constructor_emitsConfigUpdated() public {
        IBountyVault.Config memory c = _config(2, 0, 1, CLAIM_WINDOW);
        vm.expectEmit();
        emit IBountyVault.ConfigUpdated(c.signers, 2, 0, 1, CLAIM_WINDOW, guardian, DISPUTE_BOND, 0, 1);
        deployVault(token, IBountyVault.Cadence.Quarterly, c);
    }

    function test_constructor_revertsOnTokenWithoutCode() public {
        vm.expectRevert(IBountyVault.InvalidToken.selector);
        deployVault(IERC20(address(0)), IBountyVault.Cadence.Quarterly, _config(2, 0, 0, CLAIM_WINDOW));
        vm.expectRevert(IBountyVault.InvalidToken.selector);
        deployVault(IERC20(makeAddr("eoa")), IBountyVault.Cadence.Quarterly, _config(2, 0, 0, CLAIM_WINDOW));
    }

    function test_constructor_revertsOnBadThreshold() public {
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidThreshold.selector, 0, 3));
        deployVault(token, IBountyVault.Cadence.Quarterly, _config(0, 0, 0, CLAIM_WINDOW));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidThreshold.selector, 4, 3));
        deployVault(token, IBountyVault.Cadence.Quarterly, _config(4, 0, 0, CLAIM_WINDOW));
        IBountyVault.Config memory c = _config(1, 0, 0, CLAIM_WINDOW);
        c.signers = new address[](0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidThreshold.selector, 1, 0));
        deployVault(token, IBountyVault.Cadence.Quarterly, c);
    }

    function test_constructor_revertsOnZeroOrDuplicateSigner() public {
        IBountyVault.Config memory c = _config(2, 0, 0, CLAIM_WINDOW);
        c.signers[1] = address(0);
        vm.expectRevert(IBountyVault.ZeroSigner.selector);
        deployVault(token, IBountyVault.Cadence.Quarterly, c);
        c.signers[1] = c.signers[2];
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.DuplicateSigner.selector, c.signers[2]));
        deployVault(token, IBountyVault.Cadence.Quarterly, c);
    }

    function test_constructor_revertsOnMoreThan32Signers() public {
        IBountyVault.Config memory c = _config(2, 0, 0, CLAIM_WINDOW);
        c.signers = new address[](33);
        for (uint256 i; i < 33; ++i) {
            c.signers[i] = address(uint160(0x1000 + i));
        }
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.TooManySigners.selector, 33, 32));
        deployVault(token, IBountyVault.Cadence.Quarterly, c);
        // 32 is fine
        address[] memory s32 = new address[](32);
        for (uint256 i; i < 32; ++i) {
            s32[i] = c.signers[i];
        }
        c.signers = s32;
        assertEq(deployVault(token, IBountyVault.Cadence.Quarterly, c).config().signers.length, 32);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Funding
    // ---------------------------------------------------------------------------------------------------------------

    function test_fund_pullsAndEmits() public {
        token.mint(address(this), 10e18);
        token.approve(address(vault), 10e18);
        vm.expectEmit(address(vault));
        emit IBountyVault.Funded(address(this), 10e18);
        vault.fund(10e18);
        assertEq(token.balanceOf(address(vault)), FUNDING + 10e18);
        assertEq(vault.available(), FUNDING + 10e18);
    }

    function test_fund_revertsOnZero() public {
        vm.expectRevert(IBountyVault.ZeroAmount.selector);
        vault.fund(0);
    }

    function test_fund_revertsWithoutAllowance() public {
        token.mint(address(this), 10e18);
        vm.expectRevert();
        vault.fund(10e18);
    }

    function test_plainTransferCountsAsAvailable() public {
        token.mint(address(this), 7e18);
        token.transfer(address(vault), 7e18);
        assertEq(vault.available(), FUNDING + 7e18);
    }
}
