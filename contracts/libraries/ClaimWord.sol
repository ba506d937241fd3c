// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBountyVault} from "../interfaces/IBountyVault.sol";

/// @notice The one storage word a claim checks and writes for its epoch, packed by hand: a Solidity struct read into
/// memory and written back costs about a thousand gas more per claim through the IR pipeline (measured), and a claim
/// is what helpers with little ETH pay for.
/// @dev Layout, low bits first:
///
///     bits   0..95   remaining      what the epoch's tree may still pay (its cap); starts at the total
///     bits  96..135  activatesAt    end of the challenge period, wall-clock seconds (see `frozen`)
///     bits 136..167  claimWindow    the epoch expires at activatesAt + claimWindow (never 0)
///     bits 168..174  status         IBountyVault.EpochStatus
///     bit  175       frozen         set while the vault is paused
///     bits 176..207  count          number of leaves; every claimed index is below it
///     bits 208..255  inline bits    bit i: leaf i claimed, for epochs of at most INLINE_BITS leaves
///
/// `remaining` starts at the total, so no claim pays a zero-to-nonzero write; and a small epoch's claim bits live
/// here, so its claims touch this word alone.
///
/// A pause sets `frozen` in every live epoch's word and an unpause clears it and moves `activatesAt` (and with it the
/// expiry) out by the pause's length: so a claim learns everything, the pause included, from this one word, and its
/// times are wall-clock times whenever it is not frozen.
///
/// Accessors return each field at its own width (`remaining` uint96, times uint40, `count` uint32), so the vault
/// stores and emits them without casts. Times stay below 2^40 seconds (the year 36812): the vault's dates are the
/// block time plus bounded periods.
type ClaimWord is uint256;

using ClaimWords for ClaimWord global;

library ClaimWords {
    /// @notice Epochs of at most this many leaves keep their claim bits in the word.
    uint256 internal constant INLINE_BITS = 48;

    /// @notice The widest total an epoch can have (79 billion tokens of 18 decimals).
    uint256 internal constant MAX_REMAINING = type(uint96).max;

    uint256 private constant ACTIVATES_AT_SHIFT = 96;
    uint256 private constant CLAIM_WINDOW_SHIFT = 136;
    uint256 private constant STATUS_SHIFT = 168;
    uint256 private constant STATUS_MASK = 0x7f;
    uint256 private constant FROZEN_BIT = 1 << 175;
    uint256 private constant COUNT_SHIFT = 176;
    uint256 private constant INLINE_SHIFT = 208;

    /// @notice A newly posted epoch's word: nothing claimed. The caller checks `remaining <= MAX_REMAINING`.
    function posted(uint96 remaining_, uint40 activatesAt_, uint32 claimWindow_, uint32 count_)
        internal
        pure
        returns (ClaimWord)
    {
        return ClaimWord.wrap(
            remaining_ | uint256(activatesAt_) << ACTIVATES_AT_SHIFT | uint256(claimWindow_) << CLAIM_WINDOW_SHIFT
                | uint256(uint8(IBountyVault.EpochStatus.Posted)) << STATUS_SHIFT | uint256(count_) << COUNT_SHIFT
        );
    }

    function remaining(ClaimWord w) internal pure returns (uint96) {
        return uint96(ClaimWord.unwrap(w));
    }

    function activatesAt(ClaimWord w) internal pure returns (uint40) {
        return uint40(ClaimWord.unwrap(w) >> ACTIVATES_AT_SHIFT);
    }

    function claimWindow(ClaimWord w) internal pure returns (uint32) {
        return uint32(ClaimWord.unwrap(w) >> CLAIM_WINDOW_SHIFT);
    }

    /// @notice When the claim window ends.
    function expiresAt(ClaimWord w) internal pure returns (uint40) {
        unchecked {
            return activatesAt(w) + claimWindow(w); // below 2^40: see the type's note on times
        }
    }

    function status(ClaimWord w) internal pure returns (IBountyVault.EpochStatus) {
        return IBountyVault.EpochStatus((ClaimWord.unwrap(w) >> STATUS_SHIFT) & STATUS_MASK);
    }

    /// @notice Whether a claim may be paid at `time`: posted, not frozen, past activation and before expiry, in one
    /// comparison of the status byte (the frozen bit is its top bit) and two of the time.
    function isClaimableAt(ClaimWord w, uint256 time) internal pure returns (bool) {
        uint256 activates = activatesAt(w);
        return (ClaimWord.unwrap(w) >> STATUS_SHIFT) & 0xff == uint8(IBountyVault.EpochStatus.Posted)
            && time >= activates && time < expiresAt(w);
    }

    /// @notice Whether the vault is paused (set in every live epoch's word while it is).
    function isFrozen(ClaimWord w) internal pure returns (bool) {
        return ClaimWord.unwrap(w) & FROZEN_BIT != 0;
    }

    /// @notice The word as a pause leaves it: frozen, its times unchanged until the unpause.
    function frozen(ClaimWord w) internal pure returns (ClaimWord) {
        return ClaimWord.wrap(ClaimWord.unwrap(w) | FROZEN_BIT);
    }

    /// @notice The word as an unpause leaves it: no longer frozen, and activation (so expiry too) `pausedFor` seconds
    /// later, so that the pause cost the epoch none of its challenge period or claim window.
    function thawed(ClaimWord w, uint40 pausedFor) internal pure returns (ClaimWord) {
        return withActivatesAt(ClaimWord.wrap(ClaimWord.unwrap(w) & ~FROZEN_BIT), activatesAt(w) + pausedFor);
    }

    function count(ClaimWord w) internal pure returns (uint32) {
        return uint32(ClaimWord.unwrap(w) >> COUNT_SHIFT);
    }

    /// @notice Whether the epoch's claim bits are in this word (else in the vault's bitmap).
    function isSmall(ClaimWord w) internal pure returns (bool) {
        return count(w) <= INLINE_BITS;
    }

    /// @notice Whether leaf `index` of a small epoch is claimed (false past the inline bits).
    function isClaimed(ClaimWord w, uint256 index) internal pure returns (bool) {
        if (index >= INLINE_BITS) return false;
        unchecked {
            return (ClaimWord.unwrap(w) >> (INLINE_SHIFT + index)) & 1 == 1; // bit 208 + index, at most 255
        }
    }

    /// @notice The word with leaf `index`'s inline bit set. Requires `index < INLINE_BITS` (the callers have checked
    /// `index < count <= INLINE_BITS`).
    function withClaimed(ClaimWord w, uint256 index) internal pure returns (ClaimWord) {
        unchecked {
            return ClaimWord.wrap(ClaimWord.unwrap(w) | 1 << (INLINE_SHIFT + index)); // bit 208 + index, at most 255
        }
    }

    /// @notice The word with `amount` taken off the remainder. Requires `amount <= remaining(w)` (the callers check
    /// it and revert with `ExceedsEpochTotal` otherwise), so the subtraction borrows from no other field.
    function withPaid(ClaimWord w, uint256 amount) internal pure returns (ClaimWord) {
        unchecked {
            return ClaimWord.wrap(ClaimWord.unwrap(w) - amount);
        }
    }

    /// @notice The word of an epoch that leaves the live set (vetoed or swept): remainder released (set to zero),
    /// status changed, not frozen (a pause and an unpause touch live epochs only).
    function closed(ClaimWord w, IBountyVault.EpochStatus status_) internal pure returns (ClaimWord) {
        return withStatus(ClaimWord.wrap(ClaimWord.unwrap(w) & ~(MAX_REMAINING | FROZEN_BIT)), status_);
    }

    /// @notice The word with another status; the frozen bit is kept.
    function withStatus(ClaimWord w, IBountyVault.EpochStatus status_) internal pure returns (ClaimWord) {
        uint256 cleared = ClaimWord.unwrap(w) & ~(STATUS_MASK << STATUS_SHIFT);
        return ClaimWord.wrap(cleared | uint256(uint8(status_)) << STATUS_SHIFT);
    }

    /// @notice The word with a later activation; the claim window, a length, moves with it.
    function withActivatesAt(ClaimWord w, uint40 activatesAt_) internal pure returns (ClaimWord) {
        uint256 cleared = ClaimWord.unwrap(w) & ~(uint256(type(uint40).max) << ACTIVATES_AT_SHIFT);
        return ClaimWord.wrap(cleared | uint256(activatesAt_) << ACTIVATES_AT_SHIFT);
    }
}
