// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {EpochCalendar} from "../contracts/libraries/EpochCalendar.sol";
import {IBountyVault} from "../contracts/interfaces/IBountyVault.sol";

/// @notice The vault's calendar against the shared vectors (tests/vectors/calendar.json), which the Rust calendar
/// reads too, so both sides name the same period for the same second.
contract EpochCalendarTest is Test {
    string internal json;

    function setUp() public {
        json = vm.readFile(string.concat(vm.projectRoot(), "/tests/vectors/calendar.json"));
    }

    function test_periodOfEveryVectorTimestamp() public view {
        uint256 n = vm.parseJsonUint(json, ".count");
        for (uint256 i; i < n; ++i) {
            string memory p = string.concat(".periods[", vm.toString(i), "].");
            uint256 ts = vm.parseJsonUint(json, string.concat(p, "timestamp"));
            assertEq(
                EpochCalendar.current(ts, IBountyVault.Cadence.Quarterly),
                vm.parseJsonUint(json, string.concat(p, "quarterly")),
                vm.parseJsonString(json, string.concat(p, "utc"))
            );
            assertEq(
                EpochCalendar.current(ts, IBountyVault.Cadence.Monthly),
                vm.parseJsonUint(json, string.concat(p, "monthly")),
                vm.parseJsonString(json, string.concat(p, "utc"))
            );
        }
    }

    function test_wellFormedNumbers() public view {
        _checkWellFormed("quarterly", IBountyVault.Cadence.Quarterly);
        _checkWellFormed("monthly", IBountyVault.Cadence.Monthly);
    }

    function _checkWellFormed(string memory name, IBountyVault.Cadence cadence) internal view {
        uint256[] memory valid = vm.parseJsonUintArray(json, string.concat(".wellFormed.", name, ".valid"));
        uint256[] memory invalid = vm.parseJsonUintArray(json, string.concat(".wellFormed.", name, ".invalid"));
        for (uint256 i; i < valid.length; ++i) {
            assertTrue(EpochCalendar.isWellFormed(uint64(valid[i]), cadence), vm.toString(valid[i]));
        }
        for (uint256 i; i < invalid.length; ++i) {
            assertFalse(EpochCalendar.isWellFormed(uint64(invalid[i]), cadence), vm.toString(invalid[i]));
        }
    }

    /// @notice Every second from 2000 to 2999 falls in a well-formed period, and periods never go backwards.
    function testFuzz_currentIsWellFormedAndMonotone(uint256 a, uint256 b) public pure {
        a = bound(a, 946_684_800, 32_503_680_000 - 1);
        b = bound(b, a, 32_503_680_000 - 1);
        for (uint256 c; c < 2; ++c) {
            IBountyVault.Cadence cadence = IBountyVault.Cadence(c);
            assertTrue(EpochCalendar.isWellFormed(EpochCalendar.current(a, cadence), cadence));
            assertLe(EpochCalendar.current(a, cadence), EpochCalendar.current(b, cadence));
        }
    }
}
