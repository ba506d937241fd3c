// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {ClaimWord, ClaimWords} from "../../contracts/libraries/ClaimWord.sol";
import {EpochCalendar} from "../../contracts/libraries/EpochCalendar.sol";

/// @notice Symbolic proofs (halmos, `script/prove`) of what is small enough to prove outright: the claim word's fields
/// never disturb each other, a claim bit once set is never cleared and refuses a second payment, and the calendar
/// numbers only well-formed periods. Each `check_` holds for every input, not just sampled ones. forge runs none of
/// these (it runs `test_` functions only); `script/prove` does.
contract ClaimWordSymbolicTest is Test {
    uint256 internal constant STATUS_MASK = uint256(0xff) << 168; // status (7 bits) and the frozen bit
    uint256 internal constant INLINE_MASK = type(uint256).max << 208;
    uint256 internal constant ACTIVATES_MASK = uint256(type(uint40).max) << 96;

    /// @notice A new word reads back exactly what it was built from.
    function check_postedReadsBack(uint96 remaining, uint40 activatesAt, uint32 window, uint32 count) public pure {
        ClaimWord w = ClaimWords.posted(remaining, activatesAt, window, count);
        assertEq(w.remaining(), remaining);
        assertEq(w.activatesAt(), activatesAt);
        assertEq(w.claimWindow(), window);
        assertEq(w.count(), count);
        assertEq(uint8(w.status()), uint8(IBountyVault.EpochStatus.Posted));
        assertFalse(w.isFrozen());
        assertEq(ClaimWord.unwrap(w) & INLINE_MASK, 0, "nothing claimed");
    }

    /// @notice Paying `amount <= remaining` changes the remainder by exactly `amount` and no other bit.
    function check_paymentTouchesOnlyTheRemainder(uint256 raw, uint256 amount) public pure {
        ClaimWord w = ClaimWord.wrap(raw);
        vm.assume(amount <= w.remaining());
        ClaimWord paid = w.withPaid(amount);
        assertEq(uint256(paid.remaining()), uint256(w.remaining()) - amount);
        assertEq(ClaimWord.unwrap(paid) >> 96, ClaimWord.unwrap(w) >> 96, "no borrow into other fields");
    }

    /// @notice Setting claim bit `index` sets that bit only; the bit then refuses a second payment.
    function check_claimBitSetsOneBitAndRefusesASecondPayment(uint256 raw, uint256 index, uint256 other) public pure {
        vm.assume(index < ClaimWords.INLINE_BITS);
        ClaimWord w = ClaimWord.wrap(raw);
        ClaimWord claimed = w.withClaimed(index);
        assertTrue(claimed.isClaimed(index), "set");
        assertEq(ClaimWord.unwrap(claimed) & ~INLINE_MASK, raw & ~INLINE_MASK, "no other field moved");
        if (other != index) assertEq(claimed.isClaimed(other), w.isClaimed(other), "no other bit moved");
    }

    /// @notice No operation but `withClaimed` writes the claim bits, and none clears one: a claim bit, once set, stays.
    function check_noOperationClearsAClaimBit(uint256 raw, uint8 statusRaw, uint40 at, uint40 pausedFor, uint256 paid)
        public
        pure
    {
        vm.assume(statusRaw <= uint8(type(IBountyVault.EpochStatus).max));
        IBountyVault.EpochStatus status = IBountyVault.EpochStatus(statusRaw);
        ClaimWord w = ClaimWord.wrap(raw);
        uint256 bits = raw & INLINE_MASK;
        assertEq(ClaimWord.unwrap(w.withStatus(status)) & INLINE_MASK, bits);
        assertEq(ClaimWord.unwrap(w.closed(status)) & INLINE_MASK, bits);
        assertEq(ClaimWord.unwrap(w.frozen()) & INLINE_MASK, bits);
        assertEq(ClaimWord.unwrap(w.withActivatesAt(at)) & INLINE_MASK, bits);
        vm.assume(uint256(w.activatesAt()) + pausedFor <= type(uint40).max);
        assertEq(ClaimWord.unwrap(w.thawed(pausedFor)) & INLINE_MASK, bits);
        vm.assume(paid <= w.remaining());
        assertEq(ClaimWord.unwrap(w.withPaid(paid)) & INLINE_MASK, bits);
    }

    /// @notice The status, pause and schedule setters each touch their own field only.
    function check_settersTouchTheirFieldOnly(uint256 raw, uint8 statusRaw, uint40 at, uint40 pausedFor) public pure {
        vm.assume(statusRaw <= uint8(type(IBountyVault.EpochStatus).max));
        IBountyVault.EpochStatus status = IBountyVault.EpochStatus(statusRaw);
        ClaimWord w = ClaimWord.wrap(raw);
        uint256 statusBits = uint256(0x7f) << 168;
        assertEq(ClaimWord.unwrap(w.withStatus(status)) & ~statusBits, raw & ~statusBits);
        assertEq(uint8(w.withStatus(status).status()), statusRaw);
        assertEq(ClaimWord.unwrap(w.withActivatesAt(at)) & ~ACTIVATES_MASK, raw & ~ACTIVATES_MASK);
        assertEq(w.withActivatesAt(at).activatesAt(), at);
        assertEq(ClaimWord.unwrap(w.frozen()) & ~(uint256(1) << 175), raw & ~(uint256(1) << 175));
        assertTrue(w.frozen().isFrozen());
        vm.assume(uint256(w.activatesAt()) + pausedFor <= type(uint40).max);
        ClaimWord thawed = w.frozen().thawed(pausedFor);
        assertFalse(thawed.isFrozen());
        assertEq(thawed.activatesAt(), w.activatesAt() + pausedFor, "the paused time is given back");
        assertEq(thawed.claimWindow(), w.claimWindow(), "the window is a length: unchanged");
    }

    /// @notice A frozen word is never claimable, whatever its dates.
    function check_aFrozenWordIsNeverClaimable(uint256 raw, uint256 time) public pure {
        assertFalse(ClaimWord.wrap(raw).frozen().isClaimableAt(time));
    }

    /// @notice Every well-formed epoch number fits the 32 bits the vault stores `lastEpoch` in, and names a year from
    /// 2000 to 9999 and a quarter or month that exists. (That `current` names only well-formed periods needs the
    /// civil-date divisions of `EpochCalendar.yearMonth`, which halmos could not decide within 11 minutes here; the
    /// fuzz and vector tests in `tests/EpochCalendar.t.sol` cover it instead.)
    function check_wellFormedEpochsFitTheirStorage(uint64 epoch, bool monthly) public pure {
        IBountyVault.Cadence cadence = monthly ? IBountyVault.Cadence.Monthly : IBountyVault.Cadence.Quarterly;
        vm.assume(EpochCalendar.isWellFormed(epoch, cadence));
        assertLe(epoch, type(uint32).max);
        (uint64 year, uint64 part) = monthly ? (epoch / 100, epoch % 100) : (epoch / 10, epoch % 10);
        assertTrue(year >= 2000 && year <= 9999 && part >= 1 && part <= (monthly ? 12 : 4));
    }
}
