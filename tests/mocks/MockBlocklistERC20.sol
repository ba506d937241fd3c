// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockERC20} from "./MockERC20.sol";

/// @notice An ERC-20 with a blocklist, as USDC and USDT keep one: any transfer from or to a listed address reverts,
/// with USDC's own revert string. For the tests of a recipient (or disputer) whose receipt reverts. Tests only.
contract MockBlocklistERC20 is MockERC20 {
    mapping(address account => bool) public isBlocklisted;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) MockERC20(name_, symbol_, decimals_) {}

    /// @notice Anyone may list an address: this token exists only on test chains.
    function blocklist(address account) external {
        isBlocklisted[account] = true;
    }

    function _update(address from, address to, uint256 value) internal override {
        require(!isBlocklisted[from] && !isBlocklisted[to], "Blacklistable: account is blacklisted");
        super._update(from, to, value);
    }
}
