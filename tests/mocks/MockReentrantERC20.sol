// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice An OpenZeppelin ERC-20 that, on every transfer, calls back into `target` with preset calldata (as a
/// malicious or hook-bearing token would) and records how that call ended. Tests only.
contract MockReentrantERC20 is ERC20 {
    address public target;
    bytes public callbackData;
    bool public callbackAttempted;
    bool public callbackSucceeded;
    bytes public callbackRevertData;

    constructor() ERC20("Reentrant Token", "REENTER") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setCallback(address target_, bytes calldata data) external {
        target = target_;
        callbackData = data;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (target != address(0) && from == target && !callbackAttempted) {
            callbackAttempted = true;
            bytes memory result;
            (callbackSucceeded, result) = target.call(callbackData);
            callbackRevertData = result;
        }
    }
}
