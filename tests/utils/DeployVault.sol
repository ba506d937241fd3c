// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Vm} from "forge-std/Vm.sol";
import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";

Vm constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

/// @notice Deploys the vault from its compiled artifact. Tests reach the vault through `IBountyVault` and never import
/// its source: a test file that imports it is compiled through the IR pipeline with it (foundry.toml), and the whole
/// suite took 3.4 minutes to compile that way with solc-js instead of seconds.
function deployVault(IERC20 token, IBountyVault.Cadence cadence, IBountyVault.Config memory config)
    returns (IBountyVault)
{
    return IBountyVault(VM.deployCode("BountyVault.sol:BountyVault", abi.encode(address(token), cadence, config)));
}

/// @notice As `deployVault`, with CREATE2 and `salt`.
function deployVaultWithSalt(
    IERC20 token,
    IBountyVault.Cadence cadence,
    IBountyVault.Config memory config,
    bytes32 salt
) returns (IBountyVault) {
    return IBountyVault(VM.deployCode("BountyVault.sol:BountyVault", abi.encode(address(token), cadence, config), salt));
}
