// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBountyVault} from "../interfaces/IBountyVault.sol";

/// @title VaultMessages
/// @notice EIP-712 struct hashes of the vault's signed messages: the type strings follow the structs in IBountyVault
/// field for field. The vault wraps each in its domain (`_hashTypedDataV4`); the Rust `sol!` bindings, the page and
/// `tests/vectors/eip712.json` hash the same types independently.
/// @dev Internal functions, inlined into the vault: moving them here costs no gas.
library VaultMessages {
    bytes32 internal constant EPOCH_ROOT_TYPEHASH = keccak256(
        "EpochRoot(uint64 epoch,bytes32 root,uint128 total,uint32 count,bytes32 metadataHash,uint256 usdPerToken,uint256 nonce)"
    );
    bytes32 internal constant CONFIG_TYPEHASH = keccak256(
        "Config(address[] signers,uint8 threshold,uint128 epochCap,uint32 challengePeriod,uint32 claimWindow,address guardian,uint128 disputeBond)"
    );
    bytes32 internal constant UPDATE_CONFIG_TYPEHASH = keccak256(
        "UpdateConfig(Config config,uint256 nonce)Config(address[] signers,uint8 threshold,uint128 epochCap,uint32 challengePeriod,uint32 claimWindow,address guardian,uint128 disputeBond)"
    );
    bytes32 internal constant RESOLVE_DISPUTE_TYPEHASH =
        keccak256("ResolveDispute(uint64 epoch,bool upheld,uint256 nonce)");
    bytes32 internal constant WITHDRAW_TYPEHASH = keccak256("Withdraw(address to,uint256 amount,uint256 nonce)");
    bytes32 internal constant UNPAUSE_TYPEHASH = keccak256("Unpause(uint32 pause,uint256 nonce)");
    bytes32 internal constant CLAIM_REF_TYPEHASH = keccak256("ClaimRef(uint64 epoch,bytes32 root,uint256 index)");
    bytes32 internal constant CLAIM_CONSENT_TYPEHASH = keccak256(
        "ClaimConsent(address account,address recipient,ClaimRef[] claims,uint256 nonce,uint256 deadline)ClaimRef(uint64 epoch,bytes32 root,uint256 index)"
    );

    function epochRoot(IBountyVault.EpochRoot calldata e) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(EPOCH_ROOT_TYPEHASH, e.epoch, e.root, e.total, e.count, e.metadataHash, e.usdPerToken, e.nonce)
        );
    }

    /// @notice The `Config` struct hash; `updateConfig` hashes it with the nonce, and queued actions' intents use it.
    function config(IBountyVault.Config calldata c) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                CONFIG_TYPEHASH,
                keccak256(abi.encodePacked(c.signers)),
                c.threshold,
                c.epochCap,
                c.challengePeriod,
                c.claimWindow,
                c.guardian,
                c.disputeBond
            )
        );
    }

    function updateConfig(bytes32 configHash, uint256 nonce) internal pure returns (bytes32) {
        return keccak256(abi.encode(UPDATE_CONFIG_TYPEHASH, configHash, nonce));
    }

    function withdraw(address to, uint256 amount, uint256 nonce) internal pure returns (bytes32) {
        return keccak256(abi.encode(WITHDRAW_TYPEHASH, to, amount, nonce));
    }

    function resolveDispute(uint64 epoch, bool upheld, uint256 nonce) internal pure returns (bytes32) {
        return keccak256(abi.encode(RESOLVE_DISPUTE_TYPEHASH, epoch, upheld, nonce));
    }

    function unpause(uint32 pause, uint256 nonce) internal pure returns (bytes32) {
        return keccak256(abi.encode(UNPAUSE_TYPEHASH, pause, nonce));
    }

    /// @notice The consent for `claims` as a relayer submits them: each claim's (epoch, root, index) is the
    /// `ClaimRef` the account signed, in order (EIP-712 arrays hash the concatenation of their members' hashes).
    function claimConsent(
        address account,
        address recipient,
        IBountyVault.Claim[] calldata claims,
        uint256 nonce,
        uint256 deadline
    ) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(CLAIM_CONSENT_TYPEHASH, account, recipient, _claimRefsHash(claims), nonce, deadline)
        );
    }

    /// @dev The `ClaimRef[]` hash of `claims`, read straight from calldata into one scratch buffer: the high-level
    /// version (an array of hashes, `abi.encode` per claim) cost a relayed claim about 1 500 gas more (measured in
    /// `tests/gas`). A claim's fields are read raw here; a value with dirty high bits only yields another hash (the
    /// signature then fails), and the claim itself reads them through Solidity's checked decoder anyway. The
    /// equivalence with `claimConsent(ClaimConsent)` is tested on every relayed claim of the suite.
    function _claimRefsHash(IBountyVault.Claim[] calldata claims) private pure returns (bytes32 refsHash) {
        bytes32 typehash = CLAIM_REF_TYPEHASH;
        assembly ("memory-safe") {
            let n := claims.length
            let refs := mload(0x40) // n struct hashes, then one ClaimRef encoding as scratch
            let buf := add(refs, shl(5, n))
            mstore(buf, typehash)
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                // Claim has a dynamic member (the proof), so each element is an offset from the array's start.
                let c := add(claims.offset, calldataload(add(claims.offset, shl(5, i))))
                calldatacopy(add(buf, 0x20), c, 0x60) // epoch, root, index: the struct's first three words
                mstore(add(refs, shl(5, i)), keccak256(buf, 0x80))
            }
            refsHash := keccak256(refs, shl(5, n))
        }
    }

    /// @notice The same hash from the signed struct itself (for `hashClaimConsent`, what wallets display).
    function claimConsent(IBountyVault.ClaimConsent calldata c) internal pure returns (bytes32) {
        bytes32[] memory refs = new bytes32[](c.claims.length);
        for (uint256 i; i < c.claims.length; ++i) {
            refs[i] = keccak256(abi.encode(CLAIM_REF_TYPEHASH, c.claims[i].epoch, c.claims[i].root, c.claims[i].index));
        }
        return _claimConsent(c.account, c.recipient, refs, c.nonce, c.deadline);
    }

    function _claimConsent(address account, address recipient, bytes32[] memory refs, uint256 nonce, uint256 deadline)
        private
        pure
        returns (bytes32)
    {
        return keccak256(
            abi.encode(CLAIM_CONSENT_TYPEHASH, account, recipient, keccak256(abi.encodePacked(refs)), nonce, deadline)
        );
    }
}
