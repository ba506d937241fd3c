// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBountyVault} from "./IBountyVault.sol";

/// @notice The one storage word a claim checks and writes for its epoch, packed by hand: a Solidity struct read into
/// memory and written back costs about a thousand gas more per claim through the IR pipeline (measured), and a claim
/// is what helpers with little ETH pay for.
/// @dev Layout, low bits first:
///
///     bits   0..95   remaining      what the epoch's tree may still pay (its cap); starts at the total
///     bits  96..135  activatesAt    end of the challenge period, on the vault's clock
///     bits 136..167  claimWindow    0: never expires; otherwise expires at activatesAt + claimWindow
///     bits 168..175  status         IBountyVault.EpochStatus
///     bits 176..207  count          number of leaves; every claimed index is below it
///     bits 208..255  inline bits    bit i: leaf i claimed, for epochs of at most INLINE_BITS leaves
///
/// `remaining` starts at the total, so no claim pays a zero-to-nonzero write; and a small epoch's claim bits live
/// here, so its claims touch this word alone.
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
    uint256 private constant COUNT_SHIFT = 176;
    uint256 private constant INLINE_SHIFT = 208;

    /// @notice A newly posted epoch's word: nothing claimed. The caller checks `remaining <= MAX_REMAINING`.
    function posted(uint256 remaining_, uint40 activatesAt_, uint32 claimWindow_, uint32 count_)
        internal
        pure
        returns (ClaimWord)
    {
        return ClaimWord.wrap(
            remaining_ | uint256(activatesAt_) << ACTIVATES_AT_SHIFT | uint256(claimWindow_) << CLAIM_WINDOW_SHIFT
                | uint256(uint8(IBountyVault.EpochStatus.Posted)) << STATUS_SHIFT | uint256(count_) << COUNT_SHIFT
        );
    }

    function remaining(ClaimWord w) internal pure returns (uint256) {
        return ClaimWord.unwrap(w) & MAX_REMAINING;
    }

    function activatesAt(ClaimWord w) internal pure returns (uint256) {
        return uint40(ClaimWord.unwrap(w) >> ACTIVATES_AT_SHIFT);
    }

    /// @notice When the claim window ends, on the vault's clock; 0 if it never does.
    function expiresAt(ClaimWord w) internal pure returns (uint256) {
        uint256 window = uint32(ClaimWord.unwrap(w) >> CLAIM_WINDOW_SHIFT);
        return window == 0 ? 0 : activatesAt(w) + window;
    }

    function status(ClaimWord w) internal pure returns (IBountyVault.EpochStatus) {
        return IBountyVault.EpochStatus(uint8(ClaimWord.unwrap(w) >> STATUS_SHIFT));
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
        return index < INLINE_BITS && (ClaimWord.unwrap(w) >> (INLINE_SHIFT + index)) & 1 == 1;
    }

    /// @notice The word with leaf `index`'s inline bit set. Requires `index < INLINE_BITS`.
    function withClaimed(ClaimWord w, uint256 index) internal pure returns (ClaimWord) {
        return ClaimWord.wrap(ClaimWord.unwrap(w) | 1 << (INLINE_SHIFT + index));
    }

    /// @notice The word with `amount` taken off the remainder. Requires `amount <= remaining(w)`.
    function withPaid(ClaimWord w, uint256 amount) internal pure returns (ClaimWord) {
        return ClaimWord.wrap(ClaimWord.unwrap(w) - amount); // the low bits alone change: amount <= remaining
    }

    /// @notice The word with its remainder released (set to zero) and its status changed.
    function closed(ClaimWord w, IBountyVault.EpochStatus status_) internal pure returns (ClaimWord) {
        return withStatus(ClaimWord.wrap(ClaimWord.unwrap(w) & ~MAX_REMAINING), status_);
    }

    function withStatus(ClaimWord w, IBountyVault.EpochStatus status_) internal pure returns (ClaimWord) {
        uint256 cleared = ClaimWord.unwrap(w) & ~(uint256(0xff) << STATUS_SHIFT);
        return ClaimWord.wrap(cleared | uint256(uint8(status_)) << STATUS_SHIFT);
    }

    /// @notice The word with a later activation; the claim window, a length, moves with it.
    function withActivatesAt(ClaimWord w, uint40 activatesAt_) internal pure returns (ClaimWord) {
        uint256 cleared = ClaimWord.unwrap(w) & ~(uint256(type(uint40).max) << ACTIVATES_AT_SHIFT);
        return ClaimWord.wrap(cleared | uint256(activatesAt_) << ACTIVATES_AT_SHIFT);
    }
}
