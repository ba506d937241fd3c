// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {MerkleHelper} from "./MerkleHelper.sol";
import {VaultTestBase} from "./VaultTestBase.sol";

/// @notice The unit tests' shared fixture: a funded 2-of-3 vault (VaultTestBase) and a seven-helper allocation
/// (100 + 200 + ... + 700 = 2 800 tokens) posted as `EPOCH` by `_postDefault`.
abstract contract VaultUnitBase is VaultTestBase {
    using MerkleHelper for MerkleHelper.Tree;

    uint64 internal constant EPOCH = 20262;
    address[] internal accounts;
    uint256[] internal amounts;
    MerkleHelper.Tree internal tree;

    function setUp() public override {
        super.setUp();
        (accounts, amounts) = _allocation("helper", 7, 100e18); // 100 + 200 + ... + 700 = 2 800
    }

    function _postDefault() internal returns (MerkleHelper.Tree memory t) {
        t = _postTree(EPOCH, accounts, amounts);
        tree = t;
    }

    /// @dev The claim of leaf `i` of tree `t` for `epoch`, under `t`'s root (as a claims file gives it).
    function _claimOf(uint64 epoch, MerkleHelper.Tree memory t, uint256 i)
        internal
        view
        returns (IBountyVault.Claim[] memory claims)
    {
        claims = new IBountyVault.Claim[](1);
        claims[0] = IBountyVault.Claim(epoch, t.root(), i, amounts[i], t.getProof(i));
    }

    function _batch(MerkleHelper.Tree memory t, uint256[] memory which)
        internal
        view
        returns (MerkleHelper.Batch memory)
    {
        return t.getBatch(accounts, amounts, which);
    }

    function _payBatch(uint64 epoch, MerkleHelper.Batch memory b) internal returns (uint256) {
        return vault.payBatch(epoch, b.indices, b.accounts, b.amounts, b.proof, b.flags);
    }

    function _range(uint256 from, uint256 to) internal pure returns (uint256[] memory r) {
        r = new uint256[](to - from);
        for (uint256 i; i < r.length; ++i) {
            r[i] = from + i;
        }
    }
}
