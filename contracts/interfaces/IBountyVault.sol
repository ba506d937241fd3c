// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Long because this is the vault's specification: every type, error, event and function with its NatSpec, the
// one source the Rust bindings, the page's ABI and the revert sentences are checked against.

/// @title IBountyVault
/// @notice A recurring-bounty vault for one ERC-20 token. A threshold of signers (typically a 2-of-3 multisig of
/// community members) posts each period's Merkle root of (index, account, amount) claims; after a challenge period
/// in which any one signer or the guardian can veto it, helpers claim from their own wallets (or are paid in a
/// batch), until the epoch's claim window ends and its remainder can be swept back into the available budget.
/// @dev Leaves are OpenZeppelin StandardMerkleTree leaves of `abi.encode(uint256 index, address account,
/// uint256 amount)`; every threshold-signed message is EIP-712 typed data over domain
/// (name "BountyVault", version "1", chainId, this vault) and consumes the vault's single `nonce`.
///
/// Liveness: whatever one key does (any one signer or the guardian, compromised), the rest of the threshold restores
/// claims and removes that key within two challenge periods of first queueing its removal (plus the time it takes
/// to sign the second queue): a key may cancel a queued intent once (never the same intent twice, never after its
/// eta), may pause once per configuration, and its pause ends with the configuration that removes it; a pause never
/// ends a claim window or a dispute's deadline.
///
/// Lifetime of signed objects: a post, a resolution and a queue spend the governance nonce; a queued action is
/// executable from its eta for `ACTION_GRACE_PERIOD`, and a configuration change voids every action queued under the
/// previous one; an unpause names the pause it ends; a claim consent names the claims it pays and its deadline.
interface IBountyVault {
    // ---------------------------------------------------------------------------------------------------------------
    // Types
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice How often the vault pays, which fixes the scheme of its epoch numbers (see `EpochCalendar`):
    /// quarterly `YYYYQ` (20262 = 2026-Q2) or monthly `YYYYMM` (202606 = 2026-06).
    enum Cadence {
        Quarterly,
        Monthly
    }

    /// @notice What a queued threshold action does.
    enum ActionKind {
        UpdateConfig,
        Withdraw,
        Unpause
    }

    /// @notice Life cycle of a queued threshold action.
    enum ActionStatus {
        None,
        Queued,
        Executed,
        Cancelled
    }

    /// @notice A threshold action waiting out its delay.
    /// @param eta Wall-clock time from which anyone may execute it (and until which one signer or the guardian may
    /// cancel it).
    /// @param expiresAt Wall-clock time from which it can no longer be executed: `eta + ACTION_GRACE_PERIOD`.
    /// @param generation The configuration it was queued under (`configGeneration()`): any configuration change voids
    /// it, so no action outlives the signer set that authorized it and no older configuration can roll back a newer.
    /// @param intent What it does, without its nonce: `keccak256(abi.encode(generation, kind, data))` with `data` as in
    /// `ActionQueued`. A key cancels an intent once: the threshold re-queuing the same intent cannot be cancelled by
    /// the same key again.
    struct QueuedAction {
        uint40 eta;
        uint40 expiresAt;
        ActionStatus status;
        ActionKind kind;
        uint32 generation;
        bytes32 intent;
    }

    /// @notice Life cycle of an epoch. "Pending" and "Active" and "Expired" are all `Posted`, told apart by time.
    enum EpochStatus {
        None,
        Posted,
        Vetoed,
        Swept,
        Disputed
    }

    /// @notice The root the signers post for one epoch (EIP-712 type `EpochRoot`).
    /// @param epoch Epoch number: well-formed for the vault's cadence (20262 for 2026-Q2 in a quarterly vault,
    /// 202606 for 2026-06 in a monthly one), not ahead of the period that contains the post's block time, and never
    /// claimable before: never posted, or posted and vetoed (a corrected root), never active, expired or swept.
    /// @param root StandardMerkleTree root of the epoch's claims.
    /// @param total Sum of all amounts in the tree, in token base units (at most 2^96 - 1); reserved from the available
    /// balance.
    /// @param count Number of leaves; every claimed index must be below it.
    /// @param metadataHash keccak256 of the published claims file's exact bytes.
    /// @param usdPerToken Price used to convert USD budgets, 18-decimal fixed point; 0 for token budgets.
    /// @param nonce Must equal the vault's current `nonce()`; consumed by the post.
    struct EpochRoot {
        uint64 epoch;
        bytes32 root;
        uint128 total;
        uint32 count;
        bytes32 metadataHash;
        uint256 usdPerToken;
        uint256 nonce;
    }

    /// @notice The whole mutable configuration (EIP-712 type `Config`, signed with a nonce as `UpdateConfig`).
    /// @param signers The new signer set: unique, non-zero, at most 32 (`ZeroSigner`, `DuplicateSigner`,
    /// `TooManySigners` otherwise).
    /// @param threshold Signatures needed: 1 <= threshold <= signers.length.
    /// @param epochCap Most one epoch may pay; 0, or anything above 2^96 - 1 base units, leaves the hard cap of
    /// 2^96 - 1 (the width of an epoch's remainder in its claim word).
    /// @param challengePeriod Seconds a posted root waits before it can be claimed, at most `MAX_CHALLENGE_PERIOD`
    /// (applies to later posts).
    /// @param claimWindow Seconds after activation an epoch can be claimed, 1 to `MAX_CLAIM_WINDOW` (later posts):
    /// every epoch expires, so the set of live epochs a pause must freeze stays small.
    /// @param guardian Optional address (e.g. the DAO's own multisig) that may veto, cancel and pause; zero for none.
    /// @param disputeBond Tokens (base units) anyone must bond to dispute a pending root; 0 closes disputes to the
    /// public (one signer or the guardian can still veto): a free dispute would let anyone delay every root.
    struct Config {
        address[] signers;
        uint8 threshold;
        uint128 epochCap;
        uint32 challengePeriod;
        uint32 claimWindow;
        address guardian;
        uint128 disputeBond;
    }

    /// @notice An open dispute of a pending root.
    /// @param expiresAt From when anyone may end it unanswered (`expireDispute`): fixed when it opens at twice the
    /// challenge period in force then, and moved out by every pause it spans (like the epochs' dates).
    struct DisputeInfo {
        address disputer;
        uint40 openedAt;
        uint40 expiresAt;
        uint128 bond;
    }

    /// @notice EIP-712 message for `resolveDispute`: the threshold upholds (vetoes the root, returns the bond) or
    /// dismisses (the bond goes to the budget, the root's challenge period starts again) a dispute.
    struct ResolveDispute {
        uint64 epoch;
        bool upheld;
        uint256 nonce;
    }

    /// @notice One signer's signature over a typed-data digest: an ECDSA signature (65 bytes, or 64-byte EIP-2098)
    /// for an EOA, or whatever the signer's ERC-1271 `isValidSignature` accepts for a contract wallet.
    struct SignerSignature {
        address signer;
        bytes signature;
    }

    /// @notice EIP-712 message for `updateConfig`: `UpdateConfig(Config config,uint256 nonce)Config(...)`.
    struct UpdateConfig {
        Config config;
        uint256 nonce;
    }

    /// @notice EIP-712 message for `withdraw`.
    struct Withdraw {
        address to;
        uint256 amount;
        uint256 nonce;
    }

    /// @notice EIP-712 message for `queueUnpause`: ends the pause numbered `pause` (`pauseCount()` while it runs) and
    /// no other.
    struct Unpause {
        uint32 pause;
        uint256 nonce;
    }

    /// @notice A leaf a claim consent names: the claims file's epoch, root and leaf index.
    struct ClaimRef {
        uint64 epoch;
        bytes32 root;
        uint256 index;
    }

    /// @notice EIP-712 message an account signs so a relayer can pay exactly `claims` to `recipient` once, until
    /// `deadline` (at most `MAX_CONSENT_LIFETIME` ahead). `nonce` must be the account's current `nonces(account)`;
    /// using the consent spends it, and `revokeConsents` spends it without a claim. A consent whose claims pay
    /// nothing is refused, so it is never spent for nothing.
    struct ClaimConsent {
        address account;
        address recipient;
        ClaimRef[] claims;
        uint256 nonce;
        uint256 deadline;
    }

    /// @notice One claim in one epoch, as published in the claims file. `root` is the epoch's posted root (the claims
    /// file's `root`): the vault keeps an epoch's claim state under (epoch, root), so a claim built from any other
    /// file finds none (`UnknownRoot`), and a claim reads no stored root.
    struct Claim {
        uint64 epoch;
        bytes32 root;
        uint256 index;
        uint256 amount;
        bytes32[] proof;
    }

    /// @notice Everything the vault stores for an epoch. `activatesAt` and `expiresAt` are wall-clock times as of the
    /// read: a pause moves every live epoch's dates out by its length (while paused, as if it ended now).
    struct EpochInfo {
        EpochStatus status;
        bytes32 root;
        uint128 total;
        uint128 remaining;
        uint32 count;
        uint40 postedAt;
        uint40 activatesAt;
        uint40 expiresAt;
        bytes32 metadataHash;
        uint256 usdPerToken;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Events: enough to rebuild the vault's state from logs (plus the token's Transfer events for plain transfers)
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Tokens arrived through `fund` (`amount` is what the balance grew by, so fee-on-transfer tokens are
    /// counted for what arrived). Plain transfers emit only the token's `Transfer`.
    event Funded(address indexed from, uint256 amount);
    /// @notice A root was posted for `epoch` with the threshold's signatures at `nonce`; `total` is now reserved.
    /// `activatesAt` and `expiresAt` are wall-clock times as of the post; each later `Unpaused` moves them out by
    /// its `pausedFor`.
    event RootPosted(
        uint64 indexed epoch,
        bytes32 root,
        uint128 total,
        uint32 count,
        bytes32 metadataHash,
        uint256 usdPerToken,
        uint40 activatesAt,
        uint40 expiresAt,
        uint256 nonce
    );
    /// @notice A pending root was vetoed by one signer or the guardian; its reserve (`released`) is available again.
    event RootVetoed(uint64 indexed epoch, address indexed by, uint128 released);
    /// @notice Leaf `index` of `epoch` was paid: `amount` of `account`'s claim went to `recipient`.
    event Claimed(
        uint64 indexed epoch, uint256 index, address indexed account, address indexed recipient, uint256 amount
    );
    /// @notice An epoch was closed (expired, or paid out in full): its unclaimed remainder (`amount`, 0 if paid out)
    /// returned to the available budget.
    event Swept(uint64 indexed epoch, uint128 amount);
    /// @notice The threshold withdrew `amount` of the available budget to `to` at `nonce`.
    event Withdrawn(address indexed to, uint256 amount, uint256 nonce);
    /// @notice The whole configuration as it now stands, numbered `generation` (emitted at construction with nonce 0
    /// and generation 1, then by every executed `UpdateConfig` with the nonce it consumed). Every action queued under
    /// an earlier generation is void from here on.
    event ConfigUpdated(
        address[] signers,
        uint8 threshold,
        uint128 epochCap,
        uint32 challengePeriod,
        uint32 claimWindow,
        address guardian,
        uint128 disputeBond,
        uint256 nonce,
        uint32 generation
    );
    /// @notice A threshold action was authorized at `nonce` under configuration `generation` and queued as `id` (its
    /// EIP-712 digest): executable from `eta` until `expiresAt`. `data` is the action's parameters: `abi.encode(Config)`
    /// for UpdateConfig, `abi.encode(to, amount)` for Withdraw, `abi.encode(uint32 pause)` for Unpause.
    event ActionQueued(
        bytes32 indexed id, ActionKind kind, uint256 nonce, uint40 eta, uint40 expiresAt, uint32 generation, bytes data
    );
    /// @notice The queued action `id` was executed.
    event ActionExecuted(bytes32 indexed id);
    /// @notice The queued action `id` was cancelled by one signer or the guardian (`by`).
    event ActionCancelled(bytes32 indexed id, address indexed by);
    /// @notice Anyone (`disputer`) disputed `epoch`'s pending root, bonding `bond`, for `reason` (a URI or the hash of
    /// a verify report). The root cannot activate until the dispute ends; anyone may end it unanswered from
    /// `expiresAt` (moved out by each later `Unpaused.pausedFor`).
    event Disputed(uint64 indexed epoch, address indexed disputer, uint256 bond, uint40 expiresAt, string reason);
    /// @notice The dispute of `epoch` ended: `upheld` (root vetoed, bond credited back) by the threshold or by one
    /// signer's or the guardian's veto (`by`), or dismissed by the threshold (bond to the budget, challenge period
    /// restarted).
    event DisputeResolved(uint64 indexed epoch, bool upheld, address by);
    /// @notice Nobody resolved the dispute of `epoch` in time: the root is vetoed and the bond credited back.
    event DisputeExpired(uint64 indexed epoch);
    /// @notice A dispute bond of `amount` was credited to `account`, who withdraws it with `withdrawRefund` (pulled,
    /// never pushed: a disputer that cannot receive tokens cannot block the end of its dispute).
    event RefundCredited(address indexed account, uint256 amount);
    /// @notice `account` withdrew its credited refunds, `amount`, to `to`.
    event RefundWithdrawn(address indexed account, address indexed to, uint256 amount);
    /// @notice Posting, claiming and sweeping stopped, by one signer or the guardian (`by`), as pause number `pause`;
    /// every live epoch is frozen. `by` may not pause again under this configuration.
    event Paused(address indexed by, uint32 pause);
    /// @notice Pause number `pause` was lifted by the threshold action at `nonce` (an `Unpause`, or an `UpdateConfig`
    /// that removed the key that paused), after `pausedFor` seconds; every live epoch's activation and expiry, and
    /// every open dispute's deadline, moved out by `pausedFor`.
    event Unpaused(uint32 pause, uint256 nonce, uint40 pausedFor);
    /// @notice `account` revoked its outstanding claim consents; its consents must now carry `nonce`.
    event ConsentsRevoked(address indexed account, uint256 nonce);

    // ---------------------------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------------------------

    // configuration
    /// @notice The token address has no contract code.
    error InvalidToken();
    /// @notice A signer in a configuration is the zero address.
    error ZeroSigner();
    /// @notice `signer` is listed twice in a configuration.
    error DuplicateSigner(address signer);
    /// @notice A configuration lists `count` signers, more than the vault's `max`.
    error TooManySigners(uint256 count, uint256 max);
    /// @notice `threshold` is 0 or more than the `signerCount` signers.
    error InvalidThreshold(uint256 threshold, uint256 signerCount);
    /// @notice `challengePeriod` is more than `max`.
    error InvalidChallengePeriod(uint256 challengePeriod, uint256 max);
    /// @notice `claimWindow` is 0 or more than `max`.
    error InvalidClaimWindow(uint256 claimWindow, uint256 max);
    // signatures
    /// @notice `signer` signed but is not one of the vault's current signers.
    error NotSigner(address signer);
    /// @notice Signatures must be sorted by strictly ascending signer address (this also refuses duplicates).
    error SignersNotAscending(address previous, address next);
    /// @notice The signature attributed to `signer` is not valid for the message (EOA or ERC-1271).
    error InvalidSignature(address signer);
    /// @notice Only `given` signatures, fewer than the `threshold`.
    error NotEnoughSignatures(uint256 given, uint256 threshold);
    /// @notice The message was signed for nonce `given`; the vault is at `expected`.
    error WrongNonce(uint256 given, uint256 expected);
    // posting
    /// @notice A root of zero cannot be posted.
    error ZeroRoot();
    /// @notice A root with `count == 0` must have `total == 0`.
    error EmptyTree();
    /// @notice `epoch` was posted and not vetoed: it is pending, active, expired or swept, and only a vetoed epoch
    /// may be posted again.
    error EpochAlreadyPosted(uint64 epoch);
    /// @notice `epoch` is not a well-formed epoch number of the vault's `cadence`.
    error MalformedEpoch(uint64 epoch, Cadence cadence);
    /// @notice `epoch` names a period after the `current` one: roots are posted for periods that have begun.
    error EpochInFuture(uint64 epoch, uint64 current);
    /// @notice The root's `total` is over the vault's per-epoch `cap`.
    error OverEpochCap(uint256 total, uint256 cap);
    /// @notice `needed` is more than the `available` (unreserved) balance.
    error InsufficientAvailable(uint256 needed, uint256 available);
    /// @notice `max` epochs are live (posted or disputed, not yet vetoed or swept): sweep an expired or paid-out one
    /// first.
    error TooManyLiveEpochs(uint256 max);
    // veto / sweep / pause
    /// @notice Only a signer or the guardian may call this; `caller` is neither.
    error NotSignerOrGuardian(address caller);
    /// @notice `epoch` is not pending (never posted, vetoed, swept, or already past its challenge period).
    error NotPending(uint64 epoch);
    /// @notice `epoch` has not reached `expiresAt` yet, and still has something to pay.
    error NotExpired(uint64 epoch, uint256 expiresAt);
    /// @notice The vault is paused.
    error IsPaused();
    /// @notice The vault is not paused.
    error NotPaused();
    // disputes
    /// @notice `epoch` is not a pending root that can be disputed (not posted, already disputed, or active).
    error NotDisputable(uint64 epoch);
    /// @notice `epoch` has no open dispute.
    error NotDisputed(uint64 epoch);
    /// @notice `epoch`'s dispute is unresolved but may be expired only from `expiresAt`.
    error DisputeNotExpired(uint64 epoch, uint256 expiresAt);
    /// @notice The dispute bond is 0, which closes disputes to the public: ask a signer or the guardian to veto.
    error DisputesClosed();
    /// @notice `account` has no credited refund to withdraw.
    error NoRefund(address account);
    // claiming
    /// @notice `epoch` is disputed: it cannot be claimed until the dispute is dismissed and its challenge period ends.
    error EpochDisputed(uint64 epoch);
    /// @notice `epoch` was vetoed or swept.
    error EpochNotLive(uint64 epoch);
    /// @notice `epoch` has no posted root `root`: it was never posted, or its posted root is another (a claims file
    /// that is not the published one).
    error UnknownRoot(uint64 epoch, bytes32 root);
    /// @notice `epoch` is still in its challenge period, claimable from `activatesAt`.
    error EpochPending(uint64 epoch, uint256 activatesAt);
    /// @notice `epoch`'s claim window ended at `expiredAt`.
    error EpochExpired(uint64 epoch, uint256 expiredAt);
    /// @notice Leaf `index` is not below the epoch's leaf `count`.
    error IndexOutOfRange(uint64 epoch, uint256 index, uint256 count);
    /// @notice Leaf `index` of `epoch` was already paid.
    error AlreadyClaimed(uint64 epoch, uint256 index);
    /// @notice The proof for leaf `index` (the first leaf of a batch) does not match `epoch`'s root.
    error InvalidProof(uint64 epoch, uint256 index);
    /// @notice Paying `amount` would exceed what is left of `epoch` (`remaining`).
    error ExceedsEpochTotal(uint64 epoch, uint256 amount, uint256 remaining);
    /// @notice The claim consent's `deadline` has passed.
    error SignatureExpired(uint256 deadline);
    /// @notice The claim consent's `deadline` is further ahead than `latest` (now + `MAX_CONSENT_LIFETIME`).
    error ConsentTooLong(uint256 deadline, uint256 latest);
    /// @notice The recipient is the zero address.
    error ZeroRecipient();
    /// @notice A claim consent was used for claims that pay nothing (none listed, or only zero amounts).
    error NothingToClaim();
    /// @notice `payBatch`'s arrays have different lengths.
    error LengthMismatch();
    // withdraw
    /// @notice The amount is zero.
    error ZeroAmount();
    // queued actions
    /// @notice `id` is not a queued action (never queued, already executed, or cancelled).
    error NotQueued(bytes32 id);
    /// @notice The queued action `id` may be executed from `eta` only.
    error NotReady(bytes32 id, uint256 eta);
    /// @notice The queued action `id` could be executed until `expiredAt` only: queue it again.
    error ActionExpired(bytes32 id, uint256 expiredAt);
    /// @notice The queued action `id` was queued under configuration `queuedUnder`; the vault is now at `current`, so
    /// the action is void: queue it again under the current signers.
    error ActionVoided(bytes32 id, uint32 queuedUnder, uint32 current);
    /// @notice The queued action `id` reached its eta `eta`: it can no longer be cancelled.
    error CancelTooLate(bytes32 id, uint256 eta);
    /// @notice `by` already cancelled this intent once under this configuration; the threshold re-queued it.
    error CancelSpent(bytes32 intent, address by);
    /// @notice `by` already paused the vault under this configuration; a configuration change re-arms it.
    error PauseSpent(address by);
    /// @notice The unpause names pause `given`; the vault is in pause `current` (or not paused).
    error WrongPause(uint32 given, uint32 current);

    // ---------------------------------------------------------------------------------------------------------------
    // Funding
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Pulls `amount` tokens from the caller (who must have approved the vault). Plain transfers count too.
    function fund(uint256 amount) external;

    // ---------------------------------------------------------------------------------------------------------------
    // Roots
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Posts an epoch's root, signed by at least `threshold` current signers in ascending address order.
    /// Anyone may submit. Reserves `e.total` from the available balance; claimable after the challenge period.
    function postRoot(EpochRoot calldata e, SignerSignature[] calldata signatures) external;

    /// @notice Disputes a pending root: anyone, bonding `config().disputeBond` tokens (approved to the vault; a bond of
    /// 0 closes disputes). The root cannot activate until the threshold resolves the dispute (`resolveDispute`), one
    /// signer or the guardian vetoes it, or the dispute expires unanswered after twice the challenge period
    /// (`expireDispute`; the deadline is fixed now and stands still during a pause).
    /// @param reason A URI or the hash of a verify report, recorded in the `Disputed` event.
    function dispute(uint64 epoch, string calldata reason) external;

    /// @notice Ends a dispute, signed as `ResolveDispute(uint64 epoch,bool upheld,uint256 nonce)` by the threshold:
    /// upheld → the root is vetoed and the bond credited back to the disputer; dismissed → the bond goes to the budget
    /// and the root's challenge period starts again (so one signer can still veto it).
    function resolveDispute(uint64 epoch, bool upheld, uint256 nonce, SignerSignature[] calldata signatures) external;

    /// @notice From the dispute's `expiresAt` with no resolution, anyone ends it: the root is vetoed (a corrected one
    /// can be posted) and the bond credited back. A dispute can thus never freeze the vault, and a bond can never be
    /// taken without the threshold dismissing the dispute.
    function expireDispute(uint64 epoch) external;

    /// @notice Vetoes a pending (not yet active) or disputed root and releases its reserve (a disputed root's bond is
    /// credited back to its disputer). Any one signer or the guardian.
    /// A corrected root for the same epoch may be posted, even after later epochs, with fresh signatures (the old
    /// ones used a spent nonce).
    function veto(uint64 epoch) external;

    /// @notice Closes an epoch after its claim window, returning its unclaimed remainder to the available balance;
    /// or earlier, once it is active and has nothing left to pay. It leaves the live set. Anyone.
    function sweep(uint64 epoch) external;

    // ---------------------------------------------------------------------------------------------------------------
    // Claims
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Pays `account` its claims (one or several epochs) in one transfer. Anyone may call: the pay always goes
    /// to the account the claims file lists, so a helper whose listed key is lost must ask for a corrected root
    /// (veto while pending) rather than wait, since anyone may push its pay to that account.
    function claim(address account, Claim[] calldata claims) external;

    /// @notice `claim` of a single leaf: the common case, without the array (about 1 200 gas less).
    function claimOne(address account, Claim calldata claim) external;

    /// @notice Pays the caller's own claims to `recipient`.
    function claimTo(address recipient, Claim[] calldata claims) external;

    /// @notice Pays `account`'s claims to `recipient` on the account's EIP-712 `ClaimConsent` signature
    /// (EOA or ERC-1271), so that a relayer can pay the gas. The consent names `claims` (their epoch, root and index,
    /// in order) and the account's current nonce, which this call spends: one consent, exactly the claims it names,
    /// before `deadline`; a call that would pay nothing reverts `NothingToClaim` and spends nothing.
    function claimWithSig(
        address account,
        address recipient,
        uint256 deadline,
        Claim[] calldata claims,
        bytes calldata signature
    ) external;

    /// @notice Spends the caller's current consent nonce, so that any consent it signed and nobody used yet is void.
    function revokeConsents() external;

    /// @notice The payday push: pays many leaves of one epoch with one OpenZeppelin multiproof. Leaves that were
    /// already claimed are skipped, not reverted, so a payout can be re-run after a failure without paying twice.
    /// @param indices, accounts, amounts The leaves, in the order `getMultiProof` returns them.
    /// @return paid Number of leaves paid by this call.
    function payBatch(
        uint64 epoch,
        uint256[] calldata indices,
        address[] calldata accounts,
        uint256[] calldata amounts,
        bytes32[] calldata proof,
        bool[] calldata proofFlags
    ) external returns (uint256 paid);

    // ---------------------------------------------------------------------------------------------------------------
    // Governance (threshold signatures) and emergency pause
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Queues a replacement of the whole configuration, signed as `UpdateConfig(Config config,uint256 nonce)`
    /// by the current threshold. Executable by anyone after the current challenge period; cancellable until then.
    /// @return id The action's id (its EIP-712 digest).
    function queueUpdateConfig(Config calldata config, uint256 nonce, SignerSignature[] calldata signatures)
        external
        returns (bytes32 id);

    /// @notice Executes a queued configuration change whose delay has passed. Anyone.
    function executeUpdateConfig(Config calldata config, uint256 nonce) external;

    /// @notice Queues a withdrawal of `amount` of the available (never the reserved) balance to `to`, signed as
    /// `Withdraw`. Executable by anyone after the current challenge period; cancellable until then.
    function queueWithdraw(address to, uint256 amount, uint256 nonce, SignerSignature[] calldata signatures)
        external
        returns (bytes32 id);

    /// @notice Executes a queued withdrawal whose delay has passed (the amount must still be available). Anyone.
    function executeWithdraw(address to, uint256 amount, uint256 nonce) external;

    /// @notice Queues the end of pause number `pause` (the running one), signed as `Unpause(uint32 pause,uint256
    /// nonce)`. Executable by anyone after the current challenge period (wall clock); cancellable until then. The
    /// paused time does not count against any epoch or dispute.
    function queueUnpause(uint32 pause, uint256 nonce, SignerSignature[] calldata signatures)
        external
        returns (bytes32 id);

    /// @notice Executes a queued unpause whose delay has passed, while the pause it names still runs. Anyone.
    function executeUnpause(uint32 pause, uint256 nonce) external;

    /// @notice Cancels a queued action before its eta. The guardian or any one signer, once per intent under one
    /// configuration: the threshold re-queuing the same intent (with a new nonce) cannot be cancelled by the same key.
    function cancel(bytes32 id) external;

    /// @notice Stops posting, claiming and sweeping, and freezes every live epoch (no challenge period, claim window
    /// or dispute deadline runs while paused: the unpause moves them out by the pause's length). The guardian or any
    /// one signer, once per configuration each (a configuration change re-arms every key). Costs about 7 000 gas per
    /// live epoch, at most `MAX_LIVE_EPOCHS`.
    function pause() external;

    /// @notice Sends the caller's credited dispute refunds to `to`.
    function withdrawRefund(address to) external;

    // ---------------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice The ERC-20 this vault pays.
    function token() external view returns (address);
    /// @notice How often the vault pays (fixed at deployment): the scheme of its epoch numbers.
    function cadence() external view returns (Cadence);
    /// @notice The whole configuration in force (signers in the order configured).
    function config() external view returns (Config memory);
    /// @notice The number of the configuration in force: 1 at deployment, one more per executed `UpdateConfig`.
    function configGeneration() external view returns (uint32);
    /// @notice Whether `account` is a current signer.
    function isSigner(address account) external view returns (bool);
    /// @notice Whether posting and claiming are stopped.
    function paused() external view returns (bool);
    /// @notice How many pauses began so far: while paused, the running pause's number (what `Unpause` names).
    function pauseCount() external view returns (uint32);
    /// @notice Whether `account` has already paused under the configuration in force (so may not pause again).
    function pauseSpent(address account) external view returns (bool);
    /// @notice The queued action `id` (all zero if never queued).
    function queuedAction(bytes32 id) external view returns (QueuedAction memory);
    /// @notice The nonce the next threshold-signed action must carry.
    function nonce() external view returns (uint256);
    /// @notice The nonce `account`'s next claim consent must carry.
    function nonces(address account) external view returns (uint256);
    /// @notice How far ahead a claim consent's deadline may be (90 days).
    function MAX_CONSENT_LIFETIME() external view returns (uint256);
    /// @notice How long after its eta a queued action may be executed (14 days).
    function ACTION_GRACE_PERIOD() external view returns (uint256);
    /// @notice The most epochs that may be live at once (posted or disputed, not yet vetoed or swept): a pause and an
    /// unpause touch each of them, and `reserved` sums them.
    function MAX_LIVE_EPOCHS() external view returns (uint256);
    /// @notice The longest challenge period a configuration may set.
    function MAX_CHALLENGE_PERIOD() external view returns (uint256);
    /// @notice The longest claim window a configuration may set.
    function MAX_CLAIM_WINDOW() external view returns (uint256);
    /// @notice The live epochs (posted or disputed, not yet vetoed or swept), in no particular order.
    function liveEpochs() external view returns (uint64[] memory);
    /// @notice Highest epoch ever posted (0 before the first post).
    function lastEpoch() external view returns (uint64);
    /// @notice Sum over live epochs of what they may still pay (total - claimed).
    function reserved() external view returns (uint256);
    /// @notice Token balance minus reserved and minus dispute bonds held (0 if the balance ever fell below).
    function available() external view returns (uint256);
    /// @notice Dispute bonds held: those of open disputes and the refunds credited and not yet withdrawn.
    function bondsHeld() external view returns (uint256);
    /// @notice `account`'s credited dispute refunds, waiting for `withdrawRefund`.
    function refundOf(address account) external view returns (uint256);
    /// @notice `epoch`'s open dispute (all zero if none).
    function disputeOf(uint64 epoch) external view returns (DisputeInfo memory);
    /// @notice Everything the vault stores for `epoch` (all zero if never posted).
    function epochInfo(uint64 epoch) external view returns (EpochInfo memory);
    /// @notice Whether leaf `index` of `epoch` has been paid.
    function isClaimed(uint64 epoch, uint256 index) external view returns (bool);
    /// @notice EIP-712 digests, for signers and tools to check what they sign.
    function hashEpochRoot(EpochRoot calldata e) external view returns (bytes32);
    function hashUpdateConfig(Config calldata config, uint256 nonce) external view returns (bytes32);
    function hashWithdraw(address to, uint256 amount, uint256 nonce) external view returns (bytes32);
    function hashUnpause(uint32 pause, uint256 nonce) external view returns (bytes32);
    function hashResolveDispute(uint64 epoch, bool upheld, uint256 nonce) external view returns (bytes32);
    function hashClaimConsent(ClaimConsent calldata consent) external view returns (bytes32);
}
