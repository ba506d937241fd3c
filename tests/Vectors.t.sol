// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBountyVault} from "../contracts/interfaces/IBountyVault.sol";
import {deployVault} from "./utils/DeployVault.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";
import {VaultTestBase} from "./utils/VaultTestBase.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

/// @notice The shared vectors (tests/vectors/*.json, made by script/vectors/) against the real vault: trees and
/// proofs from the JavaScript OpenZeppelin merkle-tree library, digests and signatures from cast.
contract MerkleVectorsTest is VaultTestBase {
    using MerkleHelper for MerkleHelper.Tree;

    string internal json;

    function setUp() public override {
        super.setUp();
        json = vm.readFile(string.concat(vm.projectRoot(), "/tests/vectors/merkle.json"));
    }

    function _key(uint256 t, string memory field) internal pure returns (string memory) {
        return string.concat(".trees[", vm.toString(t), "].", field);
    }

    function _uints(string memory key) internal view returns (uint256[] memory values) {
        string[] memory raw = vm.parseJsonStringArray(json, key);
        values = new uint256[](raw.length);
        for (uint256 i; i < raw.length; ++i) {
            values[i] = vm.parseUint(raw[i]);
        }
    }

    function _bools(string memory key) internal view returns (bool[] memory) {
        return vm.parseJsonBoolArray(json, key);
    }

    function _treeCount() internal view returns (uint256) {
        return vm.parseJsonUintArray(json, ".sizes").length;
    }

    /// @notice The Solidity test helper builds exactly the JavaScript library's trees, proofs and multiproofs.
    function test_vectors_merkleHelperMatchesJsLibrary() public view {
        for (uint256 t; t < _treeCount(); ++t) {
            address[] memory accounts = vm.parseJsonAddressArray(json, _key(t, "accounts"));
            uint256[] memory amounts = _uints(_key(t, "amounts"));
            MerkleHelper.Tree memory tree = MerkleHelper.build(accounts, amounts);

            assertEq(tree.root(), vm.parseJsonBytes32(json, _key(t, "root")), "root");
            assertEq(tree.nodes, vm.parseJsonBytes32Array(json, _key(t, "dump.tree")), "dump.tree");
            bytes32[] memory leafHashes = vm.parseJsonBytes32Array(json, _key(t, "leafHashes"));
            for (uint256 i; i < accounts.length; ++i) {
                assertEq(MerkleHelper.leafHash(i, accounts[i], amounts[i]), leafHashes[i], "leaf hash");
                assertEq(
                    tree.getProof(i),
                    vm.parseJsonBytes32Array(json, _key(t, string.concat("proofs[", vm.toString(i), "]"))),
                    "proof"
                );
            }

            uint256[] memory multiIndices = _uints(_key(t, "multiProof.indices"));
            // The JS subset is "every third value from the end"; ask the helper for the same set in another order.
            uint256[] memory subset = new uint256[](multiIndices.length);
            for (uint256 i; i < subset.length; ++i) {
                subset[i] = multiIndices[subset.length - 1 - i];
            }
            (uint256[] memory ordered, bytes32[] memory proof, bool[] memory flags) = tree.getMultiProof(subset);
            assertEq(ordered, multiIndices, "multiproof order");
            assertEq(proof, vm.parseJsonBytes32Array(json, _key(t, "multiProof.proof")), "multiproof");
            bool[] memory expectedFlags = _bools(_key(t, "multiProof.proofFlags"));
            assertEq(flags.length, expectedFlags.length, "flags length");
            for (uint256 i; i < flags.length; ++i) {
                assertEq(flags[i], expectedFlags[i], "flag");
            }
        }
    }

    /// @notice Every tree is posted to the vault; every leaf is claimed with the library's proof, except the
    /// multiproof subset, which is paid first with payBatch.
    function test_vectors_claimEveryLeafWithLibraryProofs() public {
        for (uint256 t; t < _treeCount(); ++t) {
            uint64 epoch = _quarter(t);
            address[] memory accounts = vm.parseJsonAddressArray(json, _key(t, "accounts"));
            uint256[] memory amounts = _uints(_key(t, "amounts"));
            uint256 total = vm.parseUint(vm.parseJsonString(json, _key(t, "total")));
            _post(
                _epochRoot(epoch, vm.parseJsonBytes32(json, _key(t, "root")), uint128(total), uint32(accounts.length))
            );
            _activate();

            uint256 paid = vault.payBatch(
                epoch,
                _uints(_key(t, "multiProof.indices")),
                vm.parseJsonAddressArray(json, _key(t, "multiProof.accounts")),
                _uints(_key(t, "multiProof.amounts")),
                vm.parseJsonBytes32Array(json, _key(t, "multiProof.proof")),
                _bools(_key(t, "multiProof.proofFlags"))
            );
            assertEq(paid, _uints(_key(t, "multiProof.indices")).length);

            for (uint256 i; i < accounts.length; ++i) {
                if (vault.isClaimed(epoch, i)) continue;
                bytes32[] memory proof =
                    vm.parseJsonBytes32Array(json, _key(t, string.concat("proofs[", vm.toString(i), "]")));
                vault.claim(accounts[i], _oneClaim(epoch, i, amounts[i], proof));
            }
            for (uint256 i; i < accounts.length; ++i) {
                assertEq(token.balanceOf(accounts[i]), amounts[i]);
            }
            assertEq(vault.epochInfo(epoch).remaining, 0);
        }
        assertEq(vault.reserved(), 0);
    }
}

/// @notice EIP-712 digests computed by script/vectors/eip712.sh from primitives and signed by `cast wallet sign`.
contract Eip712VectorsTest is VaultTestBase {
    string internal json;
    address internal vectorSigner;
    uint256 internal constant ANVIL_KEY_0 = 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80;

    function setUp() public override {
        super.setUp();
        json = vm.readFile(string.concat(vm.projectRoot(), "/tests/vectors/eip712.json"));
        vectorSigner = vm.parseJsonAddress(json, ".signer");
        assertEq(vectorSigner, vm.addr(ANVIL_KEY_0));
        vm.chainId(vm.parseJsonUint(json, ".domain.chainId"));
        address at = vm.parseJsonAddress(json, ".domain.verifyingContract");
        IBountyVault.Config memory config = _config(1, 0, 0, CLAIM_WINDOW);
        config.signers = new address[](1);
        config.signers[0] = vectorSigner;
        deployCodeTo("BountyVault.sol:BountyVault", abi.encode(token, IBountyVault.Cadence.Quarterly, config), at);
        vault = IBountyVault(at);
    }

    function _u(string memory key) internal view returns (uint256) {
        return vm.parseUint(vm.parseJsonString(json, key));
    }

    function _check(string memory kind, bytes32 digest) internal view {
        assertEq(digest, vm.parseJsonBytes32(json, string.concat(".", kind, ".digest")), kind);
        bytes memory signature = vm.parseJsonBytes(json, string.concat(".", kind, ".signature"));
        assertEq(ECDSA.recover(digest, signature), vectorSigner, kind);
        assertEq(
            keccak256(bytes(vm.parseJsonString(json, string.concat(".", kind, ".typeString")))),
            vm.parseJsonBytes32(json, string.concat(".", kind, ".typeHash"))
        );
    }

    function test_vectors_domainSeparator() public view {
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            IERC5267(address(vault)).eip712Domain();
        bytes32 separator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifyingContract
            )
        );
        assertEq(separator, vm.parseJsonBytes32(json, ".domainSeparator"));
    }

    function test_vectors_epochRoot() public view {
        string memory m = ".EpochRoot.typedData.message.";
        IBountyVault.EpochRoot memory e = IBountyVault.EpochRoot({
            epoch: uint64(_u(string.concat(m, "epoch"))),
            root: vm.parseJsonBytes32(json, string.concat(m, "root")),
            total: uint128(_u(string.concat(m, "total"))),
            count: uint32(_u(string.concat(m, "count"))),
            metadataHash: vm.parseJsonBytes32(json, string.concat(m, "metadataHash")),
            usdPerToken: _u(string.concat(m, "usdPerToken")),
            nonce: _u(string.concat(m, "nonce"))
        });
        _check("EpochRoot", vault.hashEpochRoot(e));
    }

    function test_vectors_updateConfig() public view {
        string memory m = ".UpdateConfig.typedData.message.";
        IBountyVault.Config memory c = IBountyVault.Config({
            signers: vm.parseJsonAddressArray(json, string.concat(m, "config.signers")),
            threshold: uint8(_u(string.concat(m, "config.threshold"))),
            epochCap: uint128(_u(string.concat(m, "config.epochCap"))),
            challengePeriod: uint32(_u(string.concat(m, "config.challengePeriod"))),
            claimWindow: uint32(_u(string.concat(m, "config.claimWindow"))),
            guardian: vm.parseJsonAddress(json, string.concat(m, "config.guardian")),
            disputeBond: uint128(_u(string.concat(m, "config.disputeBond")))
        });
        _check("UpdateConfig", vault.hashUpdateConfig(c, _u(string.concat(m, "nonce"))));
    }

    function test_vectors_resolveDispute() public view {
        string memory m = ".ResolveDispute.typedData.message.";
        _check(
            "ResolveDispute",
            vault.hashResolveDispute(
                uint64(_u(string.concat(m, "epoch"))),
                vm.parseJsonBool(json, string.concat(m, "upheld")),
                _u(string.concat(m, "nonce"))
            )
        );
    }

    function test_vectors_withdraw() public view {
        string memory m = ".Withdraw.typedData.message.";
        _check(
            "Withdraw",
            vault.hashWithdraw(
                vm.parseJsonAddress(json, string.concat(m, "to")),
                _u(string.concat(m, "amount")),
                _u(string.concat(m, "nonce"))
            )
        );
    }

    function test_vectors_unpause() public view {
        _check(
            "Unpause",
            vault.hashUnpause(uint32(_u(".Unpause.typedData.message.pause")), _u(".Unpause.typedData.message.nonce"))
        );
    }

    function test_vectors_claimConsent() public view {
        _check("ClaimConsent", vault.hashClaimConsent(_vectorConsent()));
    }

    /// @dev The vector's ClaimConsent message (one ClaimRef).
    function _vectorConsent() internal view returns (IBountyVault.ClaimConsent memory c) {
        string memory m = ".ClaimConsent.typedData.message.";
        c.account = vm.parseJsonAddress(json, string.concat(m, "account"));
        c.recipient = vm.parseJsonAddress(json, string.concat(m, "recipient"));
        c.nonce = _u(string.concat(m, "nonce"));
        c.deadline = _u(string.concat(m, "deadline"));
        c.claims = new IBountyVault.ClaimRef[](1);
        c.claims[0] = IBountyVault.ClaimRef(
            uint64(_u(string.concat(m, "claims[0].epoch"))),
            vm.parseJsonBytes32(json, string.concat(m, "claims[0].root")),
            _u(string.concat(m, "claims[0].index"))
        );
    }

    /// @notice The cast-made consent signature pays out through the vault itself.
    function test_vectors_claimConsentSignaturePaysThroughVault() public {
        string memory m = ".ClaimConsent.typedData.message.";
        address account = vm.parseJsonAddress(json, string.concat(m, "account"));
        address recipient = vm.parseJsonAddress(json, string.concat(m, "recipient"));
        uint256 deadline = _u(string.concat(m, "deadline"));

        address[] memory accounts = new address[](2);
        uint256[] memory amounts = new uint256[](2);
        (accounts[0], accounts[1]) = (account, makeAddr("other"));
        (amounts[0], amounts[1]) = (5e18, 6e18);
        MerkleHelper.Tree memory tree = MerkleHelper.build(accounts, amounts);
        assertEq(MerkleHelper.root(tree), _vectorConsent().claims[0].root, "the vector names this tree's leaf 0");
        token.mint(address(vault), 11e18);
        IBountyVault.EpochRoot memory e = _epochRoot(E1, MerkleHelper.root(tree), 11e18, 2);
        IBountyVault.SignerSignature[] memory sigs = new IBountyVault.SignerSignature[](1);
        sigs[0] = IBountyVault.SignerSignature(vectorSigner, _sign(ANVIL_KEY_0, vault.hashEpochRoot(e)));
        vault.postRoot(e, sigs);

        vm.warp(deadline);
        vault.claimWithSig(
            account,
            recipient,
            deadline,
            _oneClaim(E1, MerkleHelper.root(tree), 0, 5e18, MerkleHelper.getProof(tree, 0)),
            vm.parseJsonBytes(json, ".ClaimConsent.signature")
        );
        assertEq(token.balanceOf(recipient), 5e18);
    }
}

/// @notice The vault's bounds (`tests/vectors/limits.json`), which the Rust side checks too.
contract LimitsVectorTest is VaultTestBase {
    function test_vectors_limits() public {
        string memory json = vm.readFile(string.concat(vm.projectRoot(), "/tests/vectors/limits.json"));
        uint256 maxTotal = vm.parseUint(vm.parseJsonString(json, ".maxEpochTotal"));
        assertEq(vault.MAX_LIVE_EPOCHS(), vm.parseUint(vm.parseJsonString(json, ".maxLiveEpochs")));
        assertEq(vault.MAX_CHALLENGE_PERIOD(), vm.parseUint(vm.parseJsonString(json, ".maxChallengePeriod")));
        assertEq(vault.MAX_CLAIM_WINDOW(), vm.parseUint(vm.parseJsonString(json, ".maxClaimWindow")));
        // The hard cap on a total applies whatever epochCap says (here: none).
        vault = deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, 0, CHALLENGE_PERIOD, CLAIM_WINDOW));
        IBountyVault.EpochRoot memory e = _epochRoot(E1, keccak256("over"), 0, 1);
        e.total = uint128(maxTotal + 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.OverEpochCap.selector, maxTotal + 1, maxTotal));
        vault.postRoot(e, sigs);
    }
}
