// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IBountyVault} from "../interfaces/IBountyVault.sol";

/// @title ThresholdSignatures
/// @notice Who signed what: one signature (an EOA's ECDSA, 65 or 64 bytes, or a contract wallet's ERC-1271) and a
/// threshold of current signers over one digest.
/// @dev Internal functions, inlined into the vault: moving them here costs no gas.
library ThresholdSignatures {
    /// @notice Reverts unless at least `threshold` signers of `isSigner`, in strictly ascending address order (which
    /// also refuses duplicates), each signed `digest`.
    function check(
        mapping(address account => bool) storage isSigner,
        bytes32 digest,
        IBountyVault.SignerSignature[] calldata signatures,
        uint8 threshold
    ) internal view {
        if (signatures.length < threshold) {
            revert IBountyVault.NotEnoughSignatures(signatures.length, threshold);
        }
        address previous = address(0);
        for (uint256 i; i < signatures.length; ++i) {
            address signer = signatures[i].signer;
            if (signer <= previous) revert IBountyVault.SignersNotAscending(previous, signer);
            if (!isSigner[signer]) revert IBountyVault.NotSigner(signer);
            if (!isValidNow(signer, digest, signatures[i].signature)) revert IBountyVault.InvalidSignature(signer);
            previous = signer;
        }
    }

    /// @notice OpenZeppelin's SignatureChecker (ECDSA for EOAs, rejecting high-s; ERC-1271 for contracts), plus
    /// EIP-2098 64-byte signatures for EOAs, which OpenZeppelin 5's bytes overload no longer decodes.
    function isValidNow(address signer, bytes32 digest, bytes calldata signature) internal view returns (bool) {
        if (signature.length == 64 && signer.code.length == 0) {
            // The third return value only details `err`, which is checked.
            // slither-disable-next-line unused-return
            (address recovered, ECDSA.RecoverError err,) =
                ECDSA.tryRecover(digest, bytes32(signature[0:32]), bytes32(signature[32:64]));
            return err == ECDSA.RecoverError.NoError && recovered == signer;
        }
        return SignatureChecker.isValidSignatureNow(signer, digest, signature);
    }
}
