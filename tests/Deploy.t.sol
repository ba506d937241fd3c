// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Deploy} from "../script/Deploy.s.sol";
import {IBountyVault} from "../contracts/interfaces/IBountyVault.sol";
import {MockERC20} from "./mocks/MockERC20.sol";

/// @notice The deploy script reads its environment variables into the vault's configuration. The only test that
/// sets BOUNTY_* variables.
contract DeployScriptTest is Test {
    MockERC20 internal token = new MockERC20("Rocket Pool Protocol", "RPL", 18);

    function _setEnv(string memory threshold) internal {
        vm.setEnv("BOUNTY_TOKEN", vm.toString(address(token)));
        vm.setEnv(
            "BOUNTY_SIGNERS",
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8,0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC,0x90F79bf6EB2c4f870365E785982E1f101E93b906"
        );
        vm.setEnv("BOUNTY_THRESHOLD", threshold);
        vm.setEnv("BOUNTY_EPOCH_CAP", "25000000000000000000000");
        vm.setEnv("BOUNTY_CHALLENGE_PERIOD", "259200");
        vm.setEnv("BOUNTY_CLAIM_WINDOW", "7776000");
    }

    function test_deploy_readsEnvironment() public {
        _setEnv("2");
        vm.setEnv("BOUNTY_GUARDIAN", "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65");
        IBountyVault vault = IBountyVault(address(new Deploy().run()));
        assertEq(vault.token(), address(token));
        assertEq(vault.config().signers.length, 3);
        assertEq(vault.config().signers[2], 0x90F79bf6EB2c4f870365E785982E1f101E93b906);
        assertEq(vault.config().threshold, 2);
        assertEq(vault.config().epochCap, 25_000e18);
        assertEq(vault.config().challengePeriod, 3 days);
        assertEq(vault.config().claimWindow, 90 days);
        assertEq(vault.config().guardian, 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65);
        assertEq(uint8(vault.cadence()), uint8(IBountyVault.Cadence.Quarterly)); // the default

        vm.setEnv("BOUNTY_CADENCE", "monthly");
        assertEq(uint8(new Deploy().run().cadence()), uint8(IBountyVault.Cadence.Monthly));
        vm.setEnv("BOUNTY_CADENCE", "weekly");
        Deploy weekly = new Deploy();
        vm.expectRevert(bytes("BOUNTY_CADENCE must be quarterly or monthly"));
        weekly.run();
        vm.setEnv("BOUNTY_CADENCE", "quarterly");

        // Out of range values fail before anything is deployed. (One test function: the environment is
        // process-wide and tests run in parallel.)
        _setEnv("256");
        Deploy deploy = new Deploy();
        vm.expectRevert(bytes("BOUNTY_THRESHOLD too large"));
        deploy.run();
    }
}
