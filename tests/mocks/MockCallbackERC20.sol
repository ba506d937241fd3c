// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockERC20} from "./MockERC20.sol";

/// @notice A token with transfer hooks, as an attacker's or an ERC-777-style token would have: on every transfer the
/// vault itself makes (payouts, withdrawals, `fund`'s pull), it calls back into the vault with each of a list of
/// calls, one per state-changing function, and records any that was not refused by the reentrancy guard. Tests only.
contract MockCallbackERC20 is MockERC20 {
    bytes4 private constant REENTRANT_CALL = bytes4(keccak256("ReentrancyGuardReentrantCall()"));

    address public target;
    bytes[] private _calls;
    uint256 public callbacks;
    /// @notice The first call that got past the guard (empty if none did).
    bytes public unguardedCall;

    constructor() MockERC20("Hooked Token", "HOOK", 18) {}

    function setCallbacks(address target_, bytes[] calldata calls) external {
        target = target_;
        delete _calls;
        for (uint256 i; i < calls.length; ++i) {
            _calls.push(calls[i]);
        }
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (target == address(0) || msg.sender != target) return; // only transfers the vault makes, mid-call
        for (uint256 i; i < _calls.length; ++i) {
            (bool ok, bytes memory ret) = target.call(_calls[i]);
            ++callbacks;
            if ((ok || ret.length < 4 || bytes4(ret) != REENTRANT_CALL) && unguardedCall.length == 0) {
                unguardedCall = _calls[i];
            }
        }
    }
}
