// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VaultTestBase} from "./VaultTestBase.sol";

/// @notice The reviewed findings' fixture (each behaviour file's `*ReviewTest`): the funded 2-of-3 vault and four
/// helpers of 100, 200, 300 and 400 tokens, for each proof of concept to post as it needs.
abstract contract VaultReviewBase is VaultTestBase {
    address[] internal accounts;
    uint256[] internal amounts;

    function setUp() public virtual override {
        super.setUp();
        (accounts, amounts) = _allocation("helper", 4, 100e18);
    }
}
