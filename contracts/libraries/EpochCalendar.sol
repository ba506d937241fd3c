// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBountyVault} from "../interfaces/IBountyVault.sol";

/// @title EpochCalendar
/// @notice The vault's epoch numbers: a quarterly vault's epochs are `YYYYQ` (20262 = 2026-Q2), a monthly vault's
/// `YYYYMM` (202606 = 2026-06), years 2000 to 9999. Numbers sort like the periods they name, so "strictly after the
/// last epoch" is numeric order, and the period containing a timestamp bounds how far ahead a post may run.
/// @dev The civil date of a unix day is Howard Hinnant's `civil_from_days` (public domain, the algorithm behind C++20
/// `<chrono>`), for days on or after 1970-01-01 only. Written here because OpenZeppelin has no calendar.
library EpochCalendar {
    uint256 private constant FIRST_YEAR = 2000;
    uint256 private constant LAST_YEAR = 9999;

    /// @notice Whether `epoch` is a well-formed epoch number of `cadence`.
    function isWellFormed(uint64 epoch, IBountyVault.Cadence cadence) internal pure returns (bool) {
        (uint256 year, uint256 part, uint256 parts) =
            cadence == IBountyVault.Cadence.Quarterly ? (epoch / 10, epoch % 10, 4) : (epoch / 100, epoch % 100, 12);
        return year >= FIRST_YEAR && year <= LAST_YEAR && part >= 1 && part <= parts;
    }

    /// @notice The epoch number of the period (quarter or month, UTC) that contains `timestamp`.
    function current(uint256 timestamp, IBountyVault.Cadence cadence) internal pure returns (uint64) {
        (uint256 year, uint256 month) = yearMonth(timestamp);
        // Casting is safe: year < 2^32 for any timestamp below 2^40 seconds.
        // forge-lint: disable-next-line(unsafe-typecast)
        return
            cadence == IBountyVault.Cadence.Quarterly ? uint64(year * 10 + (month + 2) / 3) : uint64(year * 100 + month);
    }

    /// @notice The UTC calendar year and month (1..12) of a unix timestamp.
    // Civil-date arithmetic floors on purpose (whole days, eras, years): divide-before-multiply is the algorithm.
    // slither-disable-start divide-before-multiply
    function yearMonth(uint256 timestamp) internal pure returns (uint256 year, uint256 month) {
        uint256 z = timestamp / 86_400 + 719_468; // days since 0000-03-01
        uint256 era = z / 146_097;
        uint256 doe = z - era * 146_097; // day of era, 0..146096
        uint256 yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // year of era, 0..399
        uint256 doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of year from March 1, 0..365
        uint256 mp = (5 * doy + 2) / 153; // month from March, 0..11
        month = mp < 10 ? mp + 3 : mp - 9;
        year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    }
    // slither-disable-end divide-before-multiply
}
