// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Script, console} from "forge-std/Script.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {BountyVault} from "../contracts/BountyVault.sol";
import {IBountyVault} from "../contracts/interfaces/IBountyVault.sol";

/// @notice Deploys a BountyVault from environment variables:
///   BOUNTY_TOKEN             the ERC-20 (a contract)
///   BOUNTY_CADENCE           quarterly (epochs 20262 = 2026-Q2) or monthly (202606 = 2026-06); default quarterly
///   BOUNTY_SIGNERS           comma-separated signer addresses
///   BOUNTY_THRESHOLD         signatures needed (e.g. 2)
///   BOUNTY_EPOCH_CAP         most one epoch may pay, token base units (0 = no cap)
///   BOUNTY_CHALLENGE_PERIOD  seconds a posted root waits before claims open (at most 90 days)
///   BOUNTY_CLAIM_WINDOW      seconds an epoch stays claimable after activation (1 s to 730 days)
///   BOUNTY_GUARDIAN          optional address that may veto and pause
///   BOUNTY_DISPUTE_BOND      optional: tokens (base units) a dispute bonds; default 0 (free disputes)
/// Usage: forge script script/Deploy.s.sol --rpc-url http://127.0.0.1:8545 --broadcast --private-key <key>
contract Deploy is Script {
    function _cadence() internal view returns (IBountyVault.Cadence) {
        bytes32 cadence = keccak256(bytes(vm.envOr("BOUNTY_CADENCE", string("quarterly"))));
        if (cadence == keccak256("quarterly")) return IBountyVault.Cadence.Quarterly;
        require(cadence == keccak256("monthly"), "BOUNTY_CADENCE must be quarterly or monthly");
        return IBountyVault.Cadence.Monthly;
    }

    function run() external returns (BountyVault vault) {
        // Range checks before the narrowing casts below, so that a typo fails loudly instead of wrapping.
        require(vm.envUint("BOUNTY_THRESHOLD") <= type(uint8).max, "BOUNTY_THRESHOLD too large");
        require(vm.envUint("BOUNTY_EPOCH_CAP") <= type(uint128).max, "BOUNTY_EPOCH_CAP too large");
        require(vm.envUint("BOUNTY_CHALLENGE_PERIOD") <= type(uint32).max, "BOUNTY_CHALLENGE_PERIOD too large");
        require(vm.envUint("BOUNTY_CLAIM_WINDOW") <= type(uint32).max, "BOUNTY_CLAIM_WINDOW too large");
        require(vm.envOr("BOUNTY_DISPUTE_BOND", uint256(0)) <= type(uint128).max, "BOUNTY_DISPUTE_BOND too large");
        IERC20 token = IERC20(vm.envAddress("BOUNTY_TOKEN"));
        IBountyVault.Config memory config = IBountyVault.Config({
            signers: vm.envAddress("BOUNTY_SIGNERS", ","),
            threshold: uint8(vm.envUint("BOUNTY_THRESHOLD")),
            epochCap: uint128(vm.envUint("BOUNTY_EPOCH_CAP")),
            challengePeriod: uint32(vm.envUint("BOUNTY_CHALLENGE_PERIOD")),
            claimWindow: uint32(vm.envUint("BOUNTY_CLAIM_WINDOW")),
            guardian: vm.envOr("BOUNTY_GUARDIAN", address(0)),
            disputeBond: uint128(vm.envOr("BOUNTY_DISPUTE_BOND", uint256(0)))
        });

        vm.startBroadcast();
        vault = new BountyVault(token, _cadence(), config);
        vm.stopBroadcast();

        console.log("BountyVault", address(vault));
        console.log("token", address(token));
        console.log("threshold", config.threshold, "of", config.signers.length);
    }
}
