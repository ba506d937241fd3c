// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";

/// @notice The parts of Safe v1.4.1 the tests call (the contracts themselves come from the npm artifacts).
interface ISafe {
    function setup(
        address[] calldata owners,
        uint256 threshold,
        address to,
        bytes calldata data,
        address fallbackHandler,
        address paymentToken,
        uint256 payment,
        address payable paymentReceiver
    ) external;
    function getOwners() external view returns (address[] memory);
    function getThreshold() external view returns (uint256);
}

interface ISafeProxyFactory {
    function createProxyWithNonce(address singleton, bytes memory initializer, uint256 saltNonce)
        external
        returns (address proxy);
}

interface ICompatibilityFallbackHandler {
    function getMessageHashForSafe(address safe, bytes memory message) external view returns (bytes32);
}

/// @notice Deploys the real Safe v1.4.1 — singleton, proxy factory and `CompatibilityFallbackHandler` — from the
/// build artifacts of the pinned npm package safe-global/safe-contracts (whose runtime code is the canonical
/// deployments'), creates Safes through the factory as the Safe app does, and has owners sign for a Safe the way
/// the Safe checks it: each owner's ECDSA signature over the SafeMessage hash of the digest, concatenated in
/// ascending owner order. The SafeMessage hash is asked of the Safe's own handler, not recomputed here.
library SafeHelper {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    string private constant ARTIFACTS = "node_modules/@safe-global/safe-contracts/build/artifacts/contracts/";

    struct Deployment {
        address singleton;
        ISafeProxyFactory factory;
        ICompatibilityFallbackHandler handler;
    }

    function deploy() internal returns (Deployment memory d) {
        d.singleton = _create(vm.getCode(string.concat(ARTIFACTS, "Safe.sol/Safe.json")));
        d.factory = ISafeProxyFactory(
            _create(vm.getCode(string.concat(ARTIFACTS, "proxies/SafeProxyFactory.sol/SafeProxyFactory.json")))
        );
        d.handler = ICompatibilityFallbackHandler(
            _create(
                vm.getCode(
                    string.concat(
                        ARTIFACTS, "handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json"
                    )
                )
            )
        );
    }

    /// @notice A `threshold`-of-`owners.length` Safe with the compatibility handler (what the Safe app sets up).
    function createSafe(Deployment memory d, address[] memory owners, uint256 threshold, uint256 saltNonce)
        internal
        returns (address)
    {
        bytes memory init = abi.encodeCall(
            ISafe.setup, (owners, threshold, address(0), "", address(d.handler), address(0), 0, payable(address(0)))
        );
        return d.factory.createProxyWithNonce(d.singleton, init, saltNonce);
    }

    /// @notice The Safe's ERC-1271 signature of `digest` by the owners holding `keys`: their signatures over the
    /// SafeMessage hash, sorted by owner address.
    function sign(Deployment memory d, address safe, bytes32 digest, uint256[] memory keys)
        internal
        view
        returns (bytes memory signature)
    {
        return signHash(d.handler.getMessageHashForSafe(safe, abi.encode(digest)), keys);
    }

    /// @notice Owners' signatures over `hash` exactly, sorted by owner address (raw-digest signatures, say, which a
    /// Safe must refuse).
    function signHash(bytes32 hash, uint256[] memory keys) internal pure returns (bytes memory signature) {
        uint256[] memory sorted = _sortByAddress(keys);
        for (uint256 i; i < sorted.length; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(sorted[i], hash);
            signature = bytes.concat(signature, abi.encodePacked(r, s, v));
        }
    }

    function _create(bytes memory code) private returns (address deployed) {
        assembly ("memory-safe") {
            deployed := create(0, add(code, 0x20), mload(code))
        }
        require(deployed != address(0), "SafeHelper: deployment failed");
    }

    function _sortByAddress(uint256[] memory keys) private pure returns (uint256[] memory sorted) {
        sorted = new uint256[](keys.length);
        for (uint256 i; i < keys.length; ++i) {
            sorted[i] = keys[i];
        }
        // Insertion sort: a handful of owners.
        for (uint256 i = 1; i < sorted.length; ++i) {
            uint256 key = sorted[i];
            uint256 j = i;
            while (j > 0 && vm.addr(sorted[j - 1]) > vm.addr(key)) {
                sorted[j] = sorted[j - 1];
                --j;
            }
            sorted[j] = key;
        }
    }
}
