// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {deployVault} from "../utils/DeployVault.sol";
import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {VaultTestBase} from "../utils/VaultTestBase.sol";
import {MerkleHelper} from "../utils/MerkleHelper.sol";
import {SafeHelper, ISafe} from "../utils/SafeHelper.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";

/// @notice The vault with a real Safe v1.4.1 (deployed from the npm artifacts, 2-of-3, compatibility fallback
/// handler) as a vault signer and as a helper: a Safe co-signs a root with an EOA, a Safe one owner short or signed
/// over the raw digest is refused, and a Safe consents to a relayed claim.
contract BountyVaultSafeTest is VaultTestBase {
    using MerkleHelper for MerkleHelper.Tree;

    SafeHelper.Deployment internal safes;
    address internal safe;
    uint256[] internal ownerKeys;

    function setUp() public override {
        super.setUp();
        safes = SafeHelper.deploy();
        address[] memory owners = new address[](3);
        for (uint256 i; i < 3; ++i) {
            (address owner, uint256 key) = makeAddrAndKey(string.concat("safe owner ", vm.toString(i)));
            owners[i] = owner;
            ownerKeys.push(key);
        }
        safe = SafeHelper.createSafe(safes, owners, 2, 0);
        assertEq(ISafe(safe).getThreshold(), 2);
        assertEq(ISafe(safe).getOwners().length, 3);
    }

    /// @dev A vault whose signers are the Safe and two EOAs, threshold 2.
    function _vaultWithSafeSigner() internal {
        address[] memory list = new address[](3);
        (list[0], list[1], list[2]) = (safe, signerAddrs[0], signerAddrs[1]);
        _sortAddresses(list);
        IBountyVault.Config memory c = _config(2, EPOCH_CAP, CHALLENGE_PERIOD, CLAIM_WINDOW);
        c.signers = list;
        vault = deployVault(token, IBountyVault.Cadence.Quarterly, c);
        token.mint(address(vault), 2800e18);
    }

    function _owners(uint256 a, uint256 b) internal view returns (uint256[] memory keys) {
        keys = new uint256[](2);
        (keys[0], keys[1]) = (ownerKeys[a], ownerKeys[b]);
    }

    /// @dev The Safe's signature and the first EOA's, in ascending signer order.
    function _safeAndEoa(bytes32 digest, bytes memory safeSignature)
        internal
        view
        returns (IBountyVault.SignerSignature[] memory sigs)
    {
        IBountyVault.SignerSignature memory s = IBountyVault.SignerSignature(safe, safeSignature);
        IBountyVault.SignerSignature memory e =
            IBountyVault.SignerSignature(signerAddrs[0], _sign(signerKeys[0], digest));
        sigs = new IBountyVault.SignerSignature[](2);
        (sigs[0], sigs[1]) = safe < signerAddrs[0] ? (s, e) : (e, s);
    }

    function test_safe_coSignsARootWithAnEoa() public {
        _vaultWithSafeSigner();
        (address[] memory accounts, uint256[] memory amounts) = _allocation("helper", 7, 100e18);
        MerkleHelper.Tree memory tree = MerkleHelper.build(accounts, amounts);
        IBountyVault.EpochRoot memory e = _epochRoot(E1, tree.root(), 2800e18, 7);
        bytes32 digest = vault.hashEpochRoot(e);

        vault.postRoot(e, _safeAndEoa(digest, SafeHelper.sign(safes, safe, digest, _owners(0, 2))));
        assertEq(vault.lastEpoch(), E1);
        _activate();
        vault.claim(accounts[3], _oneClaim(E1, tree.root(), 3, amounts[3], tree.getProof(3)));
        assertEq(token.balanceOf(accounts[3]), amounts[3]);
    }

    function test_safe_oneOwnerShortIsRefused() public {
        _vaultWithSafeSigner();
        IBountyVault.EpochRoot memory e = _epochRoot(E1, keccak256("root"), 2800e18, 7);
        bytes32 digest = vault.hashEpochRoot(e);
        uint256[] memory one = new uint256[](1);
        one[0] = ownerKeys[1];
        bytes memory short = SafeHelper.sign(safes, safe, digest, one);
        vm.expectRevert(bytes("GS020"));
        IERC1271(safe).isValidSignature(digest, short);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, safe));
        vault.postRoot(e, _safeAndEoa(digest, short));
    }

    function test_safe_ownersSigningTheRawDigestAreRefused() public {
        _vaultWithSafeSigner();
        IBountyVault.EpochRoot memory e = _epochRoot(E1, keccak256("root"), 2800e18, 7);
        bytes32 digest = vault.hashEpochRoot(e);
        // What a mock wallet would accept and a real Safe does not (GS026): the SafeMessage hash is what owners sign.
        bytes memory raw = SafeHelper.signHash(digest, _owners(0, 1));
        vm.expectRevert(bytes("GS026"));
        IERC1271(safe).isValidSignature(digest, raw);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, safe));
        vault.postRoot(e, _safeAndEoa(digest, raw));
    }

    function test_safe_helperConsentsToARelayedClaim() public {
        (address[] memory accounts, uint256[] memory amounts) = _allocation("helper", 7, 100e18);
        accounts[0] = safe;
        MerkleHelper.Tree memory tree = _postTree(E1, accounts, amounts);
        _activate();
        address recipient = makeAddr("recipient");
        uint256 deadline = block.timestamp + 1 days;
        IBountyVault.Claim[] memory claims = _oneClaim(E1, 0, amounts[0], tree.getProof(0));
        bytes32 consent = vault.hashClaimConsent(_consentOf(safe, recipient, claims, vault.nonces(safe), deadline));
        bytes memory sig = SafeHelper.sign(safes, safe, consent, _owners(1, 2));
        vm.prank(makeAddr("relayer"));
        vault.claimWithSig(safe, recipient, deadline, claims, sig);
        assertEq(token.balanceOf(recipient), amounts[0]);
        assertEq(vault.nonces(safe), 1, "single-use");
    }

    function _sortAddresses(address[] memory list) internal pure {
        for (uint256 i = 1; i < list.length; ++i) {
            address a = list[i];
            uint256 j = i;
            while (j > 0 && list[j - 1] > a) {
                list[j] = list[j - 1];
                --j;
            }
            list[j] = a;
        }
    }
}
