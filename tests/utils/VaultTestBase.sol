// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {deployVault} from "../utils/DeployVault.sol";
import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MerkleHelper} from "./MerkleHelper.sol";

/// @notice Shared setup: a 2-of-3 vault over an 18-decimal token, signers sorted by address, and helpers to sign,
/// post real trees and claim them.
abstract contract VaultTestBase is Test {
    using MerkleHelper for MerkleHelper.Tree;

    uint32 internal constant CHALLENGE_PERIOD = 3 days;
    uint32 internal constant CLAIM_WINDOW = 90 days;
    uint128 internal constant EPOCH_CAP = 1_000_000e18;
    uint256 internal constant FUNDING = 5_000_000e18;
    uint128 internal constant DISPUTE_BOND = 100e18;
    /// @dev Tests run on 2026-12-22 (2026-Q4): quarterly epochs up to 20264 may be posted.
    uint256 internal constant START_TIME = 1_798_000_000;
    /// @dev Two consecutive quarters for tests that need one or two epochs.
    uint64 internal constant E1 = 20262;
    uint64 internal constant E2 = 20263;

    MockERC20 internal token;
    IBountyVault internal vault;
    /// @dev The root `_post` last posted for each epoch, for `_claimOf`. Kept here rather than read from the vault,
    /// because a view call while building a claim's arguments would take a pending `vm.prank` or `vm.expectRevert`.
    mapping(uint64 epoch => bytes32) internal postedRoot;
    address internal funder = makeAddr("funder");
    address internal guardian = makeAddr("guardian");
    /// @dev Ascending by address, so signer i's signature sorts before signer i+1's.
    address[3] internal signerAddrs;
    uint256[3] internal signerKeys;

    function setUp() public virtual {
        vm.warp(START_TIME);
        _makeSigners();
        token = new MockERC20("Rocket Pool Protocol", "RPL", 18);
        vault =
            deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, EPOCH_CAP, CHALLENGE_PERIOD, CLAIM_WINDOW));
        token.mint(funder, FUNDING);
        vm.startPrank(funder);
        token.approve(address(vault), type(uint256).max);
        vault.fund(FUNDING);
        vm.stopPrank();
    }

    function _makeSigners() internal {
        string[3] memory names = ["alice", "bob", "carol"];
        for (uint256 i; i < 3; ++i) {
            (signerAddrs[i], signerKeys[i]) = makeAddrAndKey(names[i]);
        }
        // Sort ascending by address (three elements: a small bubble sort).
        for (uint256 i; i < 3; ++i) {
            for (uint256 j; j + 1 < 3 - i; ++j) {
                if (signerAddrs[j] > signerAddrs[j + 1]) {
                    (signerAddrs[j], signerAddrs[j + 1]) = (signerAddrs[j + 1], signerAddrs[j]);
                    (signerKeys[j], signerKeys[j + 1]) = (signerKeys[j + 1], signerKeys[j]);
                }
            }
        }
    }

    function _signerList() internal view returns (address[] memory list) {
        list = new address[](3);
        for (uint256 i; i < 3; ++i) {
            list[i] = signerAddrs[i];
        }
    }

    function _config(uint8 threshold, uint128 cap, uint32 challenge, uint32 window)
        internal
        view
        returns (IBountyVault.Config memory)
    {
        return IBountyVault.Config({
            signers: _signerList(),
            threshold: threshold,
            epochCap: cap,
            challengePeriod: challenge,
            claimWindow: window,
            guardian: guardian,
            disputeBond: DISPUTE_BOND
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Signing
    // ---------------------------------------------------------------------------------------------------------------

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev Signatures of the signers at `which` (indices into signerAddrs, ascending) over `digest`.
    function _sigs(bytes32 digest, uint256[] memory which)
        internal
        view
        returns (IBountyVault.SignerSignature[] memory sigs)
    {
        sigs = new IBountyVault.SignerSignature[](which.length);
        for (uint256 i; i < which.length; ++i) {
            sigs[i] = IBountyVault.SignerSignature(signerAddrs[which[i]], _sign(signerKeys[which[i]], digest));
        }
    }

    /// @dev The first two signers' signatures: the standard 2-of-3 quorum.
    function _sigs2(bytes32 digest) internal view returns (IBountyVault.SignerSignature[] memory) {
        uint256[] memory which = new uint256[](2);
        which[0] = 0;
        which[1] = 1;
        return _sigs(digest, which);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Posting and claiming
    // ---------------------------------------------------------------------------------------------------------------

    function _epochRoot(uint64 epoch, bytes32 root, uint128 total, uint32 count)
        internal
        view
        returns (IBountyVault.EpochRoot memory)
    {
        return IBountyVault.EpochRoot({
            epoch: epoch,
            root: root,
            total: total,
            count: count,
            metadataHash: keccak256(abi.encode("claims", epoch)),
            usdPerToken: 0,
            nonce: vault.nonce()
        });
    }

    function _post(IBountyVault.EpochRoot memory e) internal {
        vault.postRoot(e, _sigs2(vault.hashEpochRoot(e)));
        postedRoot[e.epoch] = e.root;
    }

    /// @dev Builds the tree of (i, accounts[i], amounts[i]) and posts it as `epoch`. Returns the tree.
    function _postTree(uint64 epoch, address[] memory accounts, uint256[] memory amounts)
        internal
        returns (MerkleHelper.Tree memory tree)
    {
        tree = MerkleHelper.build(accounts, amounts);
        uint256 total;
        for (uint256 i; i < amounts.length; ++i) {
            total += amounts[i];
        }
        _post(_epochRoot(epoch, tree.root(), uint128(total), uint32(accounts.length)));
    }

    /// @dev `n` fresh accounts, amount (i + 1) * unit each.
    function _allocation(string memory prefix, uint256 n, uint256 unit)
        internal
        returns (address[] memory accounts, uint256[] memory amounts)
    {
        accounts = new address[](n);
        amounts = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            accounts[i] = makeAddr(string.concat(prefix, vm.toString(i)));
            amounts[i] = (i + 1) * unit;
        }
    }

    /// @dev One claim of leaf `index` against the root `_post` posted for `epoch`.
    function _oneClaim(uint64 epoch, uint256 index, uint256 amount, bytes32[] memory proof)
        internal
        view
        returns (IBountyVault.Claim[] memory claims)
    {
        claims = new IBountyVault.Claim[](1);
        claims[0] = _claimOf(epoch, index, amount, proof);
    }

    /// @dev One claim of leaf `index` against `root`.
    function _oneClaim(uint64 epoch, bytes32 root, uint256 index, uint256 amount, bytes32[] memory proof)
        internal
        pure
        returns (IBountyVault.Claim[] memory claims)
    {
        claims = new IBountyVault.Claim[](1);
        claims[0] = IBountyVault.Claim(epoch, root, index, amount, proof);
    }

    /// @dev The claim of leaf `index` against the root `_post` posted for `epoch`.
    function _claimOf(uint64 epoch, uint256 index, uint256 amount, bytes32[] memory proof)
        internal
        view
        returns (IBountyVault.Claim memory)
    {
        bytes32 root = postedRoot[epoch];
        require(root != bytes32(0), "_claimOf: no root posted through _post for this epoch");
        return IBountyVault.Claim(epoch, root, index, amount, proof);
    }

    /// @dev The same (r, s) with s' = n - s and the other v: valid for raw ecrecover, rejected by OpenZeppelin.
    function _malleate(bytes memory sig) internal pure returns (bytes memory) {
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(sig, 0x20))
            s := mload(add(sig, 0x40))
            v := byte(0, mload(add(sig, 0x60)))
        }
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        return abi.encodePacked(r, bytes32(n - uint256(s)), v == 27 ? uint8(28) : uint8(27));
    }

    /// @dev The `k`-th quarter from 2024-Q1 (k = 0), as an epoch number: 20241, 20242, 20243, 20244, 20251, ...
    function _quarter(uint256 k) internal pure returns (uint64) {
        // Casting is safe: tests use small k.
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint64((2024 + k / 4) * 10 + k % 4 + 1);
    }

    /// @dev Queues an unpause of the running pause with the 2-of-3 quorum and executes it once the challenge period
    /// has passed.
    function _unpause() internal {
        uint256 n = vault.nonce();
        uint32 p = vault.pauseCount();
        vault.queueUnpause(p, n, _sigs2(vault.hashUnpause(p, n)));
        vm.warp(block.timestamp + vault.config().challengePeriod);
        vault.executeUnpause(p, n);
    }

    /// @dev The claim consent `account` signs with `key` for exactly `claims`, to `recipient`, at its current nonce.
    function _consent(
        uint256 key,
        address account,
        address recipient,
        IBountyVault.Claim[] memory claims,
        uint256 deadline
    ) internal view returns (bytes memory) {
        return _sign(
            key, vault.hashClaimConsent(_consentOf(account, recipient, claims, vault.nonces(account), deadline))
        );
    }

    /// @dev The `ClaimConsent` message naming `claims`' (epoch, root, index) in order.
    function _consentOf(
        address account,
        address recipient,
        IBountyVault.Claim[] memory claims,
        uint256 nonce,
        uint256 deadline
    ) internal pure returns (IBountyVault.ClaimConsent memory c) {
        c.account = account;
        c.recipient = recipient;
        c.nonce = nonce;
        c.deadline = deadline;
        c.claims = new IBountyVault.ClaimRef[](claims.length);
        for (uint256 i; i < claims.length; ++i) {
            c.claims[i] = IBountyVault.ClaimRef(claims[i].epoch, claims[i].root, claims[i].index);
        }
    }

    /// @dev Queues a config change with the 2-of-3 quorum and executes it once the challenge period has passed.
    function _updateConfig(IBountyVault.Config memory c) internal {
        uint256 n = vault.nonce();
        vault.queueUpdateConfig(c, n, _sigs2(vault.hashUpdateConfig(c, n)));
        vm.warp(block.timestamp + vault.config().challengePeriod);
        vault.executeUpdateConfig(c, n);
    }

    function _activate() internal {
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
    }
}
