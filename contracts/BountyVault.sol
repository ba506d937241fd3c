// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {MerkleProofLib} from "solady/utils/MerkleProofLib.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IBountyVault} from "./IBountyVault.sol";
import {EpochCalendar} from "./EpochCalendar.sol";
import {ClaimWord, ClaimWords} from "./ClaimWord.sol";

/// @title BountyVault
/// @notice A recurring-bounty vault for one ERC-20 token: a threshold of signers posts each epoch's Merkle root of
/// (index, account, amount) claims, any one signer or the guardian can veto it during the challenge period, then
/// helpers claim (or are paid in a batch) until the epoch's claim window ends and its remainder can be swept back.
/// @dev Every threshold-signed action (post, updateConfig, withdraw, unpause) consumes the single `nonce`, Safe-style,
/// so a vetoed root's signatures can never be replayed and every governance message is single-use.
/// A root is fully reserved when posted: no epoch can ever pay out of another epoch's money.
/// `challengePeriod` and `claimWindow` are copied into each epoch at post time (as `activatesAt` and its own
/// `claimWindow`), so a configuration change never changes the schedule of an epoch that is already posted.
/// A pause freezes every live epoch and the unpause moves their dates out by its length: a pause never eats a
/// challenge period or a claim window, and nothing activates, expires or is swept while paused. Live epochs are
/// bounded (`MAX_LIVE_EPOCHS`, and every epoch expires), so a pause costs a bounded amount of gas; in exchange a claim
/// reads no vault-wide slot at all, only its epoch's claim word (found by the root it brings).
/// Every state-changing function shares one transient reentrancy guard, so a token callback can read the vault but
/// never act on it; payouts update storage leaf by leaf before each transfer.
/// Claim consents carry a per-account nonce (OpenZeppelin `Nonces`): single-use, revocable, and bounded in time.
contract BountyVault is IBountyVault, EIP712, Nonces, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using BitMaps for BitMaps.BitMap;

    // ---------------------------------------------------------------------------------------------------------------
    // EIP-712 type hashes (the strings follow the structs in IBountyVault field for field)
    // ---------------------------------------------------------------------------------------------------------------

    bytes32 private constant EPOCH_ROOT_TYPEHASH = keccak256(
        "EpochRoot(uint64 epoch,bytes32 root,uint128 total,uint32 count,bytes32 metadataHash,uint256 usdPerToken,uint256 nonce)"
    );
    bytes32 private constant CONFIG_TYPEHASH = keccak256(
        "Config(address[] signers,uint8 threshold,uint128 epochCap,uint32 challengePeriod,uint32 claimWindow,address guardian,uint128 disputeBond)"
    );
    bytes32 private constant UPDATE_CONFIG_TYPEHASH = keccak256(
        "UpdateConfig(Config config,uint256 nonce)Config(address[] signers,uint8 threshold,uint128 epochCap,uint32 challengePeriod,uint32 claimWindow,address guardian,uint128 disputeBond)"
    );
    bytes32 private constant RESOLVE_DISPUTE_TYPEHASH =
        keccak256("ResolveDispute(uint64 epoch,bool upheld,uint256 nonce)");
    bytes32 private constant WITHDRAW_TYPEHASH = keccak256("Withdraw(address to,uint256 amount,uint256 nonce)");
    bytes32 private constant UNPAUSE_TYPEHASH = keccak256("Unpause(uint256 nonce)");
    bytes32 private constant CLAIM_CONSENT_TYPEHASH =
        keccak256("ClaimConsent(address account,address recipient,uint256 nonce,uint256 deadline)");

    /// @dev Bounds the signature loop and the signer-set rewrite in `updateConfig`.
    uint256 private constant MAX_SIGNERS = 32;

    /// @inheritdoc IBountyVault
    uint256 public constant MAX_CONSENT_LIFETIME = 90 days;

    /// @inheritdoc IBountyVault
    /// @dev A monthly vault with the longest challenge period and claim window has at most 31 epochs live at once.
    uint256 public constant MAX_LIVE_EPOCHS = 32;

    /// @inheritdoc IBountyVault
    uint256 public constant MAX_CHALLENGE_PERIOD = 90 days;

    /// @inheritdoc IBountyVault
    uint256 public constant MAX_CLAIM_WINDOW = 730 days;

    // ---------------------------------------------------------------------------------------------------------------
    // Storage, packed for the claim hot path
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev One slot for posts, vetoes, sweeps and the pause; no claim reads it. `lastEpoch` is stored in 32 bits
    /// (well-formed epoch numbers are at most 999912); `pausedAt` is the wall time the vault paused (0 = not paused).
    struct Global {
        uint32 lastEpoch;
        uint8 threshold;
        uint40 pausedAt;
    }

    /// @dev One slot read by postRoot only.
    struct Schedule {
        address guardian;
        uint32 challengePeriod;
        uint32 claimWindow;
    }

    /// @dev One slot read and written by every threshold-signed action. `nonce` is uint128 so that it packs with the
    /// cap; 2^128 governance actions cannot happen.
    struct Governance {
        uint128 nonce;
        uint128 epochCap;
    }

    /// @dev What was posted for an epoch: written at post time, read by views and by the epoch's own vetoes, sweeps
    /// and payouts. A claim reads none of it: it brings the root, and its state is the claim word under that root.
    struct Epoch {
        bytes32 root;
        // slot 1
        uint128 total;
        uint40 postedAt;
        uint32 previousLive; // the live epoch below this one when it was posted (restores lastEpoch after a veto)
        // slots 2, 3
        bytes32 metadataHash;
        uint256 usdPerToken;
    }

    IERC20 private immutable _token;
    Cadence private immutable _cadence;

    Global private _global;
    Schedule private _schedule;
    Governance private _governance;
    address[] private _signers;
    mapping(address account => bool) private _isSigner;
    mapping(uint64 epoch => Epoch) private _epochs;
    /// @dev Each posted epoch's claim word (see ClaimWord.sol) under its root: everything a claim checks and writes.
    /// A claim for a root that was never posted for the epoch finds an empty word.
    mapping(uint64 epoch => mapping(bytes32 root => ClaimWord)) private _claimWords;
    /// @dev Claim bits of epochs of more than `ClaimWords.INLINE_BITS` leaves.
    mapping(uint64 epoch => BitMaps.BitMap) private _claimed;
    /// @dev Posted or disputed epochs, not yet vetoed or swept: what a pause freezes and `reserved` sums.
    uint64[] private _live;

    /// @dev Dispute bonds: what is held now (never available to posts or withdrawals) and what a dispute takes.
    struct Bonds {
        uint128 held;
        uint128 bond;
    }

    Bonds private _bonds;
    mapping(uint64 epoch => DisputeInfo) private _disputes;
    /// @dev Queued threshold actions by id (their EIP-712 digest, unique because each consumed a nonce).
    mapping(bytes32 id => QueuedAction) private _queued;

    // ---------------------------------------------------------------------------------------------------------------
    // Construction
    // ---------------------------------------------------------------------------------------------------------------

    /// @param token_ The ERC-20 this vault pays out (must be a contract).
    /// @param cadence_ Quarterly or monthly: the scheme of the epoch numbers the vault accepts, for good.
    /// @param config_ The initial configuration, validated like `updateConfig`.
    constructor(IERC20 token_, Cadence cadence_, Config memory config_) EIP712("BountyVault", "1") {
        if (address(token_).code.length == 0) revert InvalidToken();
        _token = token_;
        _cadence = cadence_;
        _validateConfig(config_);
        _setConfig(config_, 0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Funding
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IBountyVault
    /// @dev Emits the balance delta, not `amount`, so that fee-on-transfer tokens are accounted for what arrived.
    function fund(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        uint256 balanceBefore = _token.balanceOf(address(this));
        _token.safeTransferFrom(msg.sender, address(this), amount);
        emit Funded(msg.sender, _token.balanceOf(address(this)) - balanceBefore);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Roots
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IBountyVault
    function postRoot(EpochRoot calldata e, SignerSignature[] calldata signatures) external nonReentrant {
        Global memory global = _global;
        if (global.pausedAt != 0) revert IsPaused();
        // A well-formed number of this vault's cadence, for a period that has begun: a typo'd or runaway number can
        // never be posted, so no post can block later ones (and any mistaken one is still vetoable while pending).
        if (!EpochCalendar.isWellFormed(e.epoch, _cadence)) revert MalformedEpoch(e.epoch, _cadence);
        uint64 currentPeriod = EpochCalendar.current(block.timestamp, _cadence);
        if (e.epoch > currentPeriod) revert EpochInFuture(e.epoch, currentPeriod);
        if (e.root == bytes32(0)) revert ZeroRoot();
        if (e.count == 0 && e.total != 0) revert EmptyTree();
        if (e.epoch <= global.lastEpoch) revert EpochNotAfterLast(e.epoch, global.lastEpoch);
        // Unreachable while lastEpoch is the highest live epoch (anything above it is None or Vetoed); kept as a
        // guard because overwriting a live epoch would strand its claims.
        EpochStatus status = _stateOf(e.epoch).status();
        if (status != EpochStatus.None && status != EpochStatus.Vetoed) revert EpochAlreadyPosted(e.epoch);
        uint256 cap = _governance.epochCap;
        if (cap == 0 || cap > ClaimWords.MAX_REMAINING) cap = ClaimWords.MAX_REMAINING;
        if (e.total > cap) revert OverEpochCap(e.total, cap);

        _authorize(e.nonce, _epochRootDigest(e), signatures, global.threshold);

        if (_live.length >= MAX_LIVE_EPOCHS) revert TooManyLiveEpochs(MAX_LIVE_EPOCHS);
        uint256 free = _available();
        if (e.total > free) revert InsufficientAvailable(e.total, free);

        uint32 previousLive = global.lastEpoch;
        global.lastEpoch = uint32(e.epoch); // well-formed numbers are at most 999912
        _global = global;
        _live.push(e.epoch);
        _recordEpoch(e, previousLive);
    }

    /// @inheritdoc IBountyVault
    function veto(uint64 epochNumber) external nonReentrant {
        _requireSignerOrGuardian();
        ClaimWord state = _stateOf(epochNumber);
        if (state.status() == EpochStatus.Disputed) {
            // One signer or the guardian upholds a dispute on the spot.
            emit DisputeResolved(epochNumber, true, msg.sender);
            _vetoEpoch(epochNumber);
            _returnBond(epochNumber);
            return;
        }
        // A paused vault's clock stands at the pause, so a pending root stays vetoable through a pause.
        if (state.status() != EpochStatus.Posted || _now() >= state.activatesAt()) revert NotPending(epochNumber);
        _vetoEpoch(epochNumber);
    }

    /// @inheritdoc IBountyVault
    function dispute(uint64 epochNumber, string calldata reason) external nonReentrant {
        ClaimWord state = _stateOf(epochNumber);
        if (state.status() != EpochStatus.Posted || _now() >= state.activatesAt()) revert NotDisputable(epochNumber);
        uint256 received = 0;
        uint128 bond = _bonds.bond;
        if (bond != 0) {
            // The bond is counted as what arrived (fee-on-transfer tokens); every entry point is locked meanwhile.
            uint256 balanceBefore = _token.balanceOf(address(this));
            _token.safeTransferFrom(msg.sender, address(this), bond);
            received = _token.balanceOf(address(this)) - balanceBefore;
        }
        _setStateOf(epochNumber, state.withStatus(EpochStatus.Disputed));
        // Casting is safe: received <= bond, a uint128.
        // forge-lint: disable-next-line(unsafe-typecast)
        _disputes[epochNumber] = DisputeInfo(msg.sender, uint40(block.timestamp), uint128(received));
        // forge-lint: disable-next-line(unsafe-typecast)
        _bonds.held += uint128(received);
        emit Disputed(epochNumber, msg.sender, received, reason);
    }

    /// @inheritdoc IBountyVault
    function resolveDispute(uint64 epochNumber, bool upheld, uint256 nonce_, SignerSignature[] calldata signatures)
        external
        nonReentrant
    {
        ClaimWord state = _stateOf(epochNumber);
        if (state.status() != EpochStatus.Disputed) revert NotDisputed(epochNumber);
        _authorize(nonce_, _resolveDisputeDigest(epochNumber, upheld, nonce_), signatures, _global.threshold);
        emit DisputeResolved(epochNumber, upheld, msg.sender);
        if (upheld) {
            _vetoEpoch(epochNumber);
            _returnBond(epochNumber);
            return;
        }
        // Dismissed: the root goes back to pending for a whole new challenge period (so one signer can still stop
        // it: a dismissal is a threshold action too), and the bond joins the budget.
        // Casting is safe: _now() never exceeds block.timestamp, far below 2^40. (While paused it is the pause's
        // start, and the unpause moves the restart out by the pause's length, like every live epoch's dates.)
        // forge-lint: disable-next-line(unsafe-typecast)
        uint40 restart = uint40(_now()) + _schedule.challengePeriod;
        if (restart > state.activatesAt()) state = state.withActivatesAt(restart); // the claim window moves with it
        _setStateOf(epochNumber, state.withStatus(EpochStatus.Posted));
        _bonds.held -= _disputes[epochNumber].bond;
        delete _disputes[epochNumber];
    }

    /// @inheritdoc IBountyVault
    function expireDispute(uint64 epochNumber) external nonReentrant {
        if (_stateOf(epochNumber).status() != EpochStatus.Disputed) revert NotDisputed(epochNumber);
        uint256 expiresAt = uint256(_disputes[epochNumber].openedAt) + 2 * uint256(_schedule.challengePeriod);
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < expiresAt) revert DisputeNotExpired(epochNumber, expiresAt);
        emit DisputeExpired(epochNumber);
        _vetoEpoch(epochNumber);
        _returnBond(epochNumber);
    }

    /// @inheritdoc IBountyVault
    /// @dev Never while paused: the pause would otherwise let a window that was stopped run out from under a helper.
    /// An active epoch with nothing left to pay can pay no one anything more, so it may close before its window ends:
    /// the live set then holds only epochs that may still pay someone.
    function sweep(uint64 epochNumber) external nonReentrant {
        if (_global.pausedAt != 0) revert IsPaused();
        ClaimWord state = _stateOf(epochNumber);
        if (state.status() != EpochStatus.Posted) revert EpochNotLive(epochNumber);
        uint256 expiresAt = state.expiresAt();
        // forge-lint: disable-next-line(block-timestamp)
        bool paidOut = state.remaining() == 0 && block.timestamp >= state.activatesAt();
        // forge-lint: disable-next-line(block-timestamp)
        if (!paidOut && block.timestamp < expiresAt) revert NotExpired(epochNumber, expiresAt);

        // Casting is safe: a remainder is at most MAX_REMAINING.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint128 amount = uint128(state.remaining());
        _setStateOf(epochNumber, state.closed(EpochStatus.Swept));
        _removeLive(epochNumber);
        emit Swept(epochNumber, amount);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Claims
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IBountyVault
    function claim(address account, Claim[] calldata claims) external nonReentrant {
        if (account == address(0)) revert ZeroRecipient();
        _claim(account, account, claims);
    }

    /// @inheritdoc IBountyVault
    function claimOne(address account, Claim calldata c) external nonReentrant {
        if (account == address(0)) revert ZeroRecipient();
        uint256 amount = _claimLeaf(account, account, c);
        if (amount != 0) _token.safeTransfer(account, amount);
    }

    /// @inheritdoc IBountyVault
    function claimTo(address recipient, Claim[] calldata claims) external nonReentrant {
        if (recipient == address(0)) revert ZeroRecipient();
        _claim(msg.sender, recipient, claims);
    }

    /// @inheritdoc IBountyVault
    function claimWithSig(
        address account,
        address recipient,
        uint256 deadline,
        Claim[] calldata claims,
        bytes calldata signature
    ) external nonReentrant {
        // Timestamps: consents last days; a validator's few seconds of leeway do not matter.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        // forge-lint: disable-next-line(block-timestamp)
        if (deadline > block.timestamp + MAX_CONSENT_LIFETIME) {
            revert ConsentTooLong(deadline, block.timestamp + MAX_CONSENT_LIFETIME);
        }
        if (recipient == address(0)) revert ZeroRecipient();
        // The consent names the account's current nonce, which this use spends: single-use, and revocable by
        // spending it first (`revokeConsents`).
        if (!_isValidSignature(
                account, _claimConsentDigest(account, recipient, _useNonce(account), deadline), signature
            )) {
            revert InvalidSignature(account);
        }
        _claim(account, recipient, claims);
    }

    /// @inheritdoc IBountyVault
    function revokeConsents() external nonReentrant {
        emit ConsentsRevoked(msg.sender, _useNonce(msg.sender) + 1);
    }

    /// @inheritdoc IBountyVault
    /// @dev Leaf by leaf, effects before the leaf's transfer (bit, epoch remainder, `reserved`, event), so that at
    /// every external call the vault's storage says exactly what has been paid. Zero-amount leaves are marked claimed
    /// but transfer nothing.
    function payBatch(
        uint64 epochNumber,
        uint256[] calldata indices,
        address[] calldata accounts,
        uint256[] calldata amounts,
        bytes32[] calldata proof,
        bool[] calldata proofFlags
    ) external nonReentrant returns (uint256 paid) {
        if (accounts.length != indices.length || amounts.length != indices.length) {
            revert LengthMismatch();
        }
        bytes32[] memory leaves = _batchLeaves(epochNumber, indices, accounts, amounts);
        // An empty leaf set "verifies" against proof[0] == root in OpenZeppelin's multiproof: nothing to pay.
        if (leaves.length == 0) return 0;
        _verifyBatch(epochNumber, indices[0], proof, proofFlags, leaves);
        paid = _payLeaves(epochNumber, indices, accounts, amounts);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Governance and emergency pause
    // ---------------------------------------------------------------------------------------------------------------

    // Every threshold action but a post is queued: signed and authorized now (consuming the nonce), executable by
    // anyone once the challenge period in force at queueing has passed on the wall clock (so an unpause can run while
    // paused), and cancellable until then by any one signer or the guardian. A stolen threshold of keys can thus take
    // nothing and disarm nothing before someone can react; lowering the delay or removing the guardian is itself a
    // config_ change, delayed by the old delay.

    /// @inheritdoc IBountyVault
    function queueUpdateConfig(Config calldata config_, uint256 nonce_, SignerSignature[] calldata signatures)
        external
        nonReentrant
        returns (bytes32 id)
    {
        _validateConfig(config_);
        id = _updateConfigDigest(config_, nonce_);
        _authorize(nonce_, id, signatures, _global.threshold);
        _queue(id, ActionKind.UpdateConfig, nonce_, abi.encode(config_));
    }

    /// @inheritdoc IBountyVault
    /// @dev The new set takes over for the next nonce. The new challengePeriod and claimWindow apply to roots posted
    /// (and actions queued) afterwards only.
    function executeUpdateConfig(Config calldata config_, uint256 nonce_) external nonReentrant {
        _execute(_updateConfigDigest(config_, nonce_));
        address[] storage oldSigners = _signers;
        for (uint256 i = oldSigners.length; i > 0; --i) {
            delete _isSigner[oldSigners[i - 1]];
            oldSigners.pop();
        }
        _setConfig(config_, nonce_);
    }

    /// @inheritdoc IBountyVault
    function queueWithdraw(address to, uint256 amount, uint256 nonce_, SignerSignature[] calldata signatures)
        external
        nonReentrant
        returns (bytes32 id)
    {
        if (to == address(0)) revert ZeroRecipient();
        if (amount == 0) revert ZeroAmount();
        id = _withdrawDigest(to, amount, nonce_);
        _authorize(nonce_, id, signatures, _global.threshold);
        _queue(id, ActionKind.Withdraw, nonce_, abi.encode(to, amount));
    }

    /// @inheritdoc IBountyVault
    function executeWithdraw(address to, uint256 amount, uint256 nonce_) external nonReentrant {
        _execute(_withdrawDigest(to, amount, nonce_));
        uint256 free = _available();
        if (amount > free) revert InsufficientAvailable(amount, free);
        emit Withdrawn(to, amount, nonce_);
        _token.safeTransfer(to, amount);
    }

    /// @inheritdoc IBountyVault
    function queueUnpause(uint256 nonce_, SignerSignature[] calldata signatures)
        external
        nonReentrant
        returns (bytes32 id)
    {
        if (_global.pausedAt == 0) revert NotPaused();
        id = _unpauseDigest(nonce_);
        _authorize(nonce_, id, signatures, _global.threshold);
        _queue(id, ActionKind.Unpause, nonce_, "");
    }

    /// @inheritdoc IBountyVault
    function executeUnpause(uint256 nonce_) external nonReentrant {
        _execute(_unpauseDigest(nonce_));
        uint40 pausedAt = _global.pausedAt;
        if (pausedAt == 0) revert NotPaused();
        uint40 pausedFor = uint40(block.timestamp) - pausedAt;
        _global.pausedAt = 0;
        // Every live epoch was frozen by the pause (nothing is posted while paused); each gets the paused time back.
        uint64[] storage live = _live;
        for (uint256 i; i < live.length; ++i) {
            _setStateOf(live[i], _stateOf(live[i]).thawed(pausedFor));
        }
        emit Unpaused(nonce_, pausedFor);
    }

    /// @inheritdoc IBountyVault
    function cancel(bytes32 id) external nonReentrant {
        _requireSignerOrGuardian();
        QueuedAction storage action = _queued[id];
        if (action.status != ActionStatus.Queued) revert NotQueued(id);
        action.status = ActionStatus.Cancelled;
        emit ActionCancelled(id, msg.sender);
    }

    /// @inheritdoc IBountyVault
    function pause() external nonReentrant {
        _requireSignerOrGuardian();
        if (_global.pausedAt != 0) revert IsPaused();
        _global.pausedAt = uint40(block.timestamp);
        uint64[] storage live = _live;
        for (uint256 i; i < live.length; ++i) {
            _setStateOf(live[i], _stateOf(live[i]).frozen());
        }
        emit Paused(msg.sender);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    function token() external view returns (address) {
        return address(_token);
    }

    function cadence() external view returns (Cadence) {
        return _cadence;
    }

    function isSigner(address account) external view returns (bool) {
        return _isSigner[account];
    }

    function signers() external view returns (address[] memory) {
        return _signers;
    }

    function threshold() external view returns (uint8) {
        return _global.threshold;
    }

    function epochCap() external view returns (uint128) {
        return _governance.epochCap;
    }

    function challengePeriod() external view returns (uint32) {
        return _schedule.challengePeriod;
    }

    function claimWindow() external view returns (uint32) {
        return _schedule.claimWindow;
    }

    function guardian() external view returns (address) {
        return _schedule.guardian;
    }

    /// @inheritdoc IBountyVault
    function disputeBond() external view returns (uint128) {
        return _bonds.bond;
    }

    function paused() external view returns (bool) {
        return _global.pausedAt != 0;
    }

    /// @inheritdoc IBountyVault
    function bondsHeld() external view returns (uint256) {
        return _bonds.held;
    }

    /// @inheritdoc IBountyVault
    function disputeOf(uint64 epochNumber) external view returns (DisputeInfo memory) {
        return _disputes[epochNumber];
    }

    /// @inheritdoc IBountyVault
    function queuedAction(bytes32 id) external view returns (QueuedAction memory) {
        return _queued[id];
    }

    /// @inheritdoc IBountyVault
    function nonces(address account) public view override(IBountyVault, Nonces) returns (uint256) {
        return super.nonces(account);
    }

    /// @inheritdoc IBountyVault
    function liveEpochs() external view returns (uint64[] memory) {
        return _live;
    }

    function nonce() external view returns (uint256) {
        return _governance.nonce;
    }

    /// @inheritdoc IBountyVault
    function lastEpoch() external view returns (uint64) {
        return _global.lastEpoch;
    }

    /// @inheritdoc IBountyVault
    function reserved() external view returns (uint256) {
        return _reserved();
    }

    /// @inheritdoc IBountyVault
    function available() external view returns (uint256) {
        return _available();
    }

    /// @inheritdoc IBountyVault
    function epochInfo(uint64 epochNumber) external view returns (EpochInfo memory info) {
        Epoch storage epoch = _epochs[epochNumber];
        ClaimWord state = _stateOf(epochNumber);
        // A frozen epoch's dates move out with the pause: shown as if the vault unpaused now.
        uint256 pausedSoFar = state.isFrozen() ? block.timestamp - _now() : 0;
        info.status = state.status();
        info.root = epoch.root;
        info.total = epoch.total;
        // forge-lint: disable-next-line(unsafe-typecast)
        info.remaining = uint128(state.remaining());
        info.count = state.count();
        info.postedAt = epoch.postedAt;
        if (info.status != EpochStatus.None) {
            // Casting is safe: times stay far below 2^40 seconds (year 36812).
            // forge-lint: disable-next-line(unsafe-typecast)
            info.activatesAt = uint40(state.activatesAt() + pausedSoFar);
            // forge-lint: disable-next-line(unsafe-typecast)
            info.expiresAt = uint40(state.expiresAt() + pausedSoFar);
        }
        info.metadataHash = epoch.metadataHash;
        info.usdPerToken = epoch.usdPerToken;
    }

    function isClaimed(uint64 epochNumber, uint256 index) external view returns (bool) {
        ClaimWord state = _stateOf(epochNumber);
        return state.isSmall() ? state.isClaimed(index) : _claimed[epochNumber].get(index);
    }

    /// @inheritdoc IBountyVault
    function hashEpochRoot(EpochRoot calldata e) external view returns (bytes32) {
        return _epochRootDigest(e);
    }

    function hashUpdateConfig(Config calldata config_, uint256 nonce_) external view returns (bytes32) {
        return _updateConfigDigest(config_, nonce_);
    }

    function hashWithdraw(address to, uint256 amount, uint256 nonce_) external view returns (bytes32) {
        return _withdrawDigest(to, amount, nonce_);
    }

    function hashUnpause(uint256 nonce_) external view returns (bytes32) {
        return _unpauseDigest(nonce_);
    }

    function hashResolveDispute(uint64 epochNumber, bool upheld, uint256 nonce_) external view returns (bytes32) {
        return _resolveDisputeDigest(epochNumber, upheld, nonce_);
    }

    function hashClaimConsent(address account, address recipient, uint256 nonce_, uint256 deadline)
        external
        view
        returns (bytes32)
    {
        return _claimConsentDigest(account, recipient, nonce_, deadline);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev Stores a posted epoch, fixing its schedule from the current configuration, and emits `RootPosted`.
    function _recordEpoch(EpochRoot calldata e, uint32 previousLive) private {
        Schedule memory schedule = _schedule;
        // Casting is safe: times stay far below 2^40 seconds (year 36812).
        // forge-lint: disable-next-line(unsafe-typecast)
        uint40 activatesAt = uint40(block.timestamp) + schedule.challengePeriod;
        ClaimWord state = ClaimWords.posted(e.total, activatesAt, schedule.claimWindow, e.count); // total checked
        _claimWords[e.epoch][e.root] = state;
        _epochs[e.epoch] = Epoch({
            root: e.root,
            total: e.total,
            postedAt: uint40(block.timestamp),
            previousLive: previousLive,
            metadataHash: e.metadataHash,
            usdPerToken: e.usdPerToken
        });
        emit RootPosted(
            e.epoch,
            e.root,
            e.total,
            e.count,
            e.metadataHash,
            e.usdPerToken,
            activatesAt,
            // forge-lint: disable-next-line(unsafe-typecast)
            uint40(state.expiresAt()),
            e.nonce
        );
    }

    /// @dev payBatch's checks before the proof: not paused, epoch claimable, every index in range. Returns the leaves.
    function _batchLeaves(
        uint64 epochNumber,
        uint256[] calldata indices,
        address[] calldata accounts,
        uint256[] calldata amounts
    ) private view returns (bytes32[] memory leaves) {
        ClaimWord state = _stateOf(epochNumber);
        _requireClaimable(state, epochNumber, _epochs[epochNumber].root);
        uint32 count = state.count();
        leaves = new bytes32[](indices.length);
        for (uint256 i; i < indices.length; ++i) {
            if (indices[i] >= count) revert IndexOutOfRange(epochNumber, indices[i], count);
            leaves[i] = _leaf(indices[i], accounts[i], amounts[i]);
        }
    }

    function _verifyBatch(
        uint64 epochNumber,
        uint256 firstIndex,
        bytes32[] calldata proof,
        bool[] calldata proofFlags,
        bytes32[] memory leaves
    ) private view {
        if (!MerkleProof.multiProofVerifyCalldata(proof, proofFlags, _epochs[epochNumber].root, leaves)) {
            revert InvalidProof(epochNumber, firstIndex);
        }
    }

    /// @dev payBatch's effects and interactions, leaf by leaf: an unclaimed leaf gets its bit, comes off the epoch's
    /// remainder and `reserved`, emits `Claimed`, and only then is transferred; a claimed one is skipped. A leaf that
    /// would exceed the epoch's remainder reverts the whole batch.
    function _payLeaves(
        uint64 epochNumber,
        uint256[] calldata indices,
        address[] calldata accounts,
        uint256[] calldata amounts
    ) private returns (uint256 paid) {
        mapping(bytes32 root => ClaimWord) storage words = _claimWords[epochNumber];
        bytes32 root = _epochs[epochNumber].root;
        ClaimWord state = words[root]; // this loop is the only writer while it runs (all entry points locked)
        for (uint256 i; i < indices.length; ++i) {
            bool taken;
            (taken, state) = _takeClaimBit(state, epochNumber, indices[i]);
            if (!taken) continue; // already paid: skipped, so payouts resume
            uint256 amount = amounts[i];
            uint256 remaining = state.remaining();
            if (amount > remaining) revert ExceedsEpochTotal(epochNumber, amount, remaining);
            state = state.withPaid(amount);
            words[root] = state;
            ++paid;
            emit Claimed(epochNumber, indices[i], accounts[i], accounts[i], amount);
            if (amount != 0) _token.safeTransfer(accounts[i], amount);
        }
    }

    /// @dev Marks leaf `index` of `epochNumber` claimed and returns true, or returns false if it already was: in the
    /// claim word `state` (returned as `next`, which the caller stores) for a small epoch, in `_claimed` for a large
    /// one. The callers have checked `index < count`.
    function _takeClaimBit(ClaimWord state, uint64 epochNumber, uint256 index)
        private
        returns (bool taken, ClaimWord next)
    {
        if (!state.isSmall()) return (_setClaimedBit(_claimed[epochNumber], index), state);
        if (state.isClaimed(index)) return (false, state);
        return (true, state.withClaimed(index));
    }

    /// @dev Sets `index`'s bit and returns true, or returns false if it was already set. BitMaps' `get` then `set`
    /// reads the word twice; one read serves both here, in the hot loop of a payout.
    function _setClaimedBit(BitMaps.BitMap storage claimed, uint256 index) private returns (bool) {
        uint256 bucket = index >> 8;
        // The bit for `index` within its 256-bit word (shift order is right: 1 moved left by the bit position).
        // forge-lint: disable-next-line(incorrect-shift)
        uint256 mask = 1 << (index & 0xff);
        uint256 word = claimed._data[bucket];
        if (word & mask != 0) return false;
        claimed._data[bucket] = word | mask;
        return true;
    }

    /// @dev Verifies and pays `claims` of `account` to `recipient` with one transfer. Effects before the transfer.
    function _claim(address account, address recipient, Claim[] calldata claims) private {
        uint256 payout = 0;
        for (uint256 i; i < claims.length; ++i) {
            // Cannot overflow: each amount is at most its epoch's remainder, below 2^96.
            unchecked {
                payout += _claimLeaf(account, recipient, claims[i]);
            }
        }
        if (payout != 0) _token.safeTransfer(recipient, payout);
    }

    /// @dev Checks and records one claim, and returns its amount for the caller to transfer. It touches one slot (two
    /// in an epoch of more than INLINE_BITS leaves): the claim word under the claim's (epoch, root), read once and
    /// written once. The word answers everything: whether the root was posted (an unknown root finds an empty word),
    /// its status, the pause, the schedule, the leaf count, the claim bit and the epoch's remainder.
    function _claimLeaf(address account, address recipient, Claim calldata c) private returns (uint256) {
        uint64 epochNumber = c.epoch;
        bytes32 root = c.root;
        uint256 index = c.index;
        uint256 amount = c.amount;
        mapping(bytes32 root => ClaimWord) storage words = _claimWords[epochNumber];
        ClaimWord state = words[root];
        _requireClaimable(state, epochNumber, root);
        uint32 count = state.count();
        if (index >= count) revert IndexOutOfRange(epochNumber, index, count);
        bool taken;
        (taken, state) = _takeClaimBit(state, epochNumber, index);
        if (!taken) revert AlreadyClaimed(epochNumber, index);
        // Solady's verification hashes sorted pairs like OpenZeppelin's StandardMerkleTree (tests/vectors/merkle.json
        // is claimed leaf by leaf through it) for about 160 gas less per proof level: 1 900 at depth 16, on the call
        // helpers pay for. (payBatch keeps OpenZeppelin's multiproof, whose calldata proof and memory leaves it fits.)
        if (!MerkleProofLib.verifyCalldata(c.proof, root, _leaf(index, account, amount))) {
            revert InvalidProof(epochNumber, index);
        }
        uint256 remaining = state.remaining();
        if (amount > remaining) revert ExceedsEpochTotal(epochNumber, amount, remaining);
        words[root] = state.withPaid(amount);
        emit Claimed(epochNumber, index, account, recipient, amount);
        return amount;
    }

    /// @dev Reverts unless `state` (`epochNumber`'s claim word under `root`) is posted, not frozen by a pause, past its
    /// challenge period and within its claim window. An unfrozen word's times are wall-clock times. One check on the
    /// way to a claim; which revert it is, only when it fails.
    function _requireClaimable(ClaimWord state, uint64 epochNumber, bytes32 root) private view {
        if (state.isClaimableAt(block.timestamp)) return;
        EpochStatus status = state.status();
        if (status != EpochStatus.Posted) {
            if (status == EpochStatus.None) revert UnknownRoot(epochNumber, root);
            if (status == EpochStatus.Disputed) revert EpochDisputed(epochNumber);
            revert EpochNotLive(epochNumber);
        }
        if (state.isFrozen()) revert IsPaused();
        uint256 activatesAt = state.activatesAt();
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < activatesAt) revert EpochPending(epochNumber, activatesAt);
        uint256 expiresAt = state.expiresAt();
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp >= expiresAt) revert EpochExpired(epochNumber, expiresAt);
    }

    /// @dev The vault's clock: wall time, standing still at the pause's start while paused. Live epochs' stored dates
    /// are on it (an unpause moves them out by the pause's length), so comparing the two is right paused or not.
    function _now() private view returns (uint256) {
        uint40 pausedAt = _global.pausedAt;
        return pausedAt == 0 ? block.timestamp : pausedAt;
    }

    /// @dev OpenZeppelin StandardMerkleTree leaf of `abi.encode(index, account, amount)` (double keccak, so that an
    /// inner node can never pass as a leaf): `keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))))`.
    /// Hashed in scratch memory, because that expression allocates two buffers per leaf, and a claim of several epochs
    /// or a payout of a hundred leaves paid for every one of them (about 250 gas a leaf).
    function _leaf(uint256 index, address account, uint256 amount) private pure returns (bytes32 leaf) {
        assembly ("memory-safe") {
            // abi.encode(index, account, amount) at the free memory pointer, which is not moved: nothing is kept.
            let encoded := mload(0x40)
            mstore(encoded, index)
            mstore(add(encoded, 0x20), account)
            mstore(add(encoded, 0x40), amount)
            // The inner hash in the scratch space (0x00-0x20), hashed again.
            mstore(0x00, keccak256(encoded, 0x60))
            leaf := keccak256(0x00, 0x20)
        }
    }

    /// @dev A threshold-signed action: consumes `nonce_` (which must be the current nonce) and checks the signatures.
    function _authorize(uint256 nonce_, bytes32 digest, SignerSignature[] calldata signatures, uint8 requiredThreshold)
        private
    {
        _useGovernanceNonce(nonce_);
        _checkSignatures(digest, signatures, requiredThreshold);
    }

    /// @dev Consumes the vault's governance nonce, which `nonce_` must equal (the per-account claim-consent nonces
    /// are OpenZeppelin's `Nonces`, a separate counter per account).
    function _useGovernanceNonce(uint256 nonce_) private {
        uint128 expected = _governance.nonce;
        if (nonce_ != expected) revert WrongNonce(nonce_, expected);
        _governance.nonce = expected + 1;
    }

    /// @dev Reverts unless at least `requiredThreshold` current signers, in strictly ascending address order, each
    /// signed `digest`.
    function _checkSignatures(bytes32 digest, SignerSignature[] calldata signatures, uint8 requiredThreshold)
        private
        view
    {
        if (signatures.length < requiredThreshold) {
            revert NotEnoughSignatures(signatures.length, requiredThreshold);
        }
        address previous = address(0);
        for (uint256 i; i < signatures.length; ++i) {
            address signer = signatures[i].signer;
            if (signer <= previous) revert SignersNotAscending(previous, signer);
            if (!_isSigner[signer]) revert NotSigner(signer);
            if (!_isValidSignature(signer, digest, signatures[i].signature)) revert InvalidSignature(signer);
            previous = signer;
        }
    }

    /// @dev SignatureChecker (ECDSA for EOAs, rejecting high-s; ERC-1271 for contracts), plus EIP-2098 64-byte
    /// signatures for EOAs, which OpenZeppelin 5's bytes overload no longer decodes.
    function _isValidSignature(address signer, bytes32 digest, bytes calldata signature) private view returns (bool) {
        if (signature.length == 64 && signer.code.length == 0) {
            // The third return value only details `err`, which is checked.
            // slither-disable-next-line unused-return
            (address recovered, ECDSA.RecoverError err,) =
                ECDSA.tryRecover(digest, bytes32(signature[0:32]), bytes32(signature[32:64]));
            return err == ECDSA.RecoverError.NoError && recovered == signer;
        }
        return SignatureChecker.isValidSignatureNow(signer, digest, signature);
    }

    function _requireSignerOrGuardian() private view {
        if (!_isSigner[msg.sender] && msg.sender != _schedule.guardian) revert NotSignerOrGuardian(msg.sender);
    }

    /// @dev What live epochs may still pay: the sum of their remainders (at most MAX_LIVE_EPOCHS words). Summed when
    /// needed (posts, withdrawals, views) instead of kept in a counter that every claim would have to write.
    function _reserved() private view returns (uint256 sum) {
        uint64[] storage live = _live;
        for (uint256 i; i < live.length; ++i) {
            sum += _stateOf(live[i]).remaining();
        }
    }

    /// @dev The balance that no live epoch and no dispute bond may claim: what a post or a withdrawal can take.
    function _available() private view returns (uint256) {
        uint256 balance = _token.balanceOf(address(this));
        uint256 owed = _reserved() + _bonds.held;
        return balance > owed ? balance - owed : 0;
    }

    /// @dev `epochNumber`'s claim word under its posted root (empty if it was never posted).
    function _stateOf(uint64 epochNumber) private view returns (ClaimWord) {
        return _claimWords[epochNumber][_epochs[epochNumber].root];
    }

    function _setStateOf(uint64 epochNumber, ClaimWord state) private {
        _claimWords[epochNumber][_epochs[epochNumber].root] = state;
    }

    /// @dev Takes `epochNumber` out of the live set. Only live epochs are vetoed or swept; for any other the scan
    /// runs off the end of the array and reverts.
    function _removeLive(uint64 epochNumber) private {
        uint64[] storage live = _live;
        uint256 i;
        while (live[i] != epochNumber) {
            ++i;
        }
        live[i] = live[live.length - 1];
        live.pop();
    }

    /// @dev Vetoes a pending or disputed epoch: releases its reserve and walks `lastEpoch` back if it was the latest.
    function _vetoEpoch(uint64 epochNumber) private {
        Epoch storage epoch = _epochs[epochNumber];
        ClaimWord state = _stateOf(epochNumber);
        // == total: nothing can be claimed before activation. Casting is safe: a remainder is at most MAX_REMAINING.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint128 released = uint128(state.remaining());
        _setStateOf(epochNumber, state.closed(EpochStatus.Vetoed));
        _removeLive(epochNumber);

        if (_global.lastEpoch == epochNumber) {
            // Walk down past epochs that were vetoed while they were not the latest one.
            uint32 previous = epoch.previousLive;
            while (previous != 0 && _stateOf(previous).status() == EpochStatus.Vetoed) {
                previous = _epochs[previous].previousLive;
            }
            _global.lastEpoch = previous;
        }
        emit RootVetoed(epochNumber, msg.sender, released);
    }

    /// @dev Returns an upheld or expired dispute's bond to its disputer (effects first, the transfer last).
    function _returnBond(uint64 epochNumber) private {
        DisputeInfo memory info = _disputes[epochNumber];
        delete _disputes[epochNumber];
        _bonds.held -= info.bond;
        if (info.bond != 0) _token.safeTransfer(info.disputer, info.bond);
    }

    /// @dev Queues an authorized action for the challenge period in force now, on the wall clock.
    function _queue(bytes32 id, ActionKind kind, uint256 nonce_, bytes memory data) private {
        uint40 eta = uint40(block.timestamp) + _schedule.challengePeriod;
        _queued[id] = QueuedAction({eta: eta, status: ActionStatus.Queued, kind: kind});
        emit ActionQueued(id, kind, nonce_, eta, data);
    }

    /// @dev Marks a queued action executed, if it is queued and its delay has passed.
    function _execute(bytes32 id) private {
        QueuedAction storage action = _queued[id];
        if (action.status != ActionStatus.Queued) revert NotQueued(id);
        uint40 eta = action.eta;
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < eta) revert NotReady(id, eta);
        action.status = ActionStatus.Executed;
        emit ActionExecuted(id);
    }

    /// @dev Reverts unless `config_` could be set: at most 32 signers, none zero, none twice, 1 <= threshold <= n; a
    /// challenge period of at most MAX_CHALLENGE_PERIOD and a claim window of 1 to MAX_CLAIM_WINDOW seconds, so that
    /// every epoch leaves the live set in bounded time. Checked when a change is queued (and at construction);
    /// executing a queued change sets what was checked.
    function _validateConfig(Config memory config_) private pure {
        if (config_.challengePeriod > MAX_CHALLENGE_PERIOD) {
            revert InvalidChallengePeriod(config_.challengePeriod, MAX_CHALLENGE_PERIOD);
        }
        if (config_.claimWindow == 0 || config_.claimWindow > MAX_CLAIM_WINDOW) {
            revert InvalidClaimWindow(config_.claimWindow, MAX_CLAIM_WINDOW);
        }
        uint256 signerCount = config_.signers.length;
        if (signerCount > MAX_SIGNERS) revert TooManySigners(signerCount, MAX_SIGNERS);
        if (config_.threshold == 0 || config_.threshold > signerCount) {
            revert InvalidThreshold(config_.threshold, signerCount);
        }
        for (uint256 i; i < signerCount; ++i) {
            if (config_.signers[i] == address(0)) revert ZeroSigner();
            for (uint256 j; j < i; ++j) {
                if (config_.signers[j] == config_.signers[i]) revert DuplicateSigner(config_.signers[i]);
            }
        }
    }

    /// @dev Stores a validated configuration (the caller has cleared the previous signer set) and emits
    /// `ConfigUpdated` with the nonce the change consumed (0 at construction).
    function _setConfig(Config memory config_, uint256 nonce_) private {
        for (uint256 i; i < config_.signers.length; ++i) {
            _isSigner[config_.signers[i]] = true;
            _signers.push(config_.signers[i]);
        }
        _global.threshold = config_.threshold;
        _governance.epochCap = config_.epochCap;
        _bonds.bond = config_.disputeBond;
        _schedule = Schedule({
            guardian: config_.guardian, challengePeriod: config_.challengePeriod, claimWindow: config_.claimWindow
        });
        emit ConfigUpdated(
            config_.signers,
            config_.threshold,
            config_.epochCap,
            config_.challengePeriod,
            config_.claimWindow,
            config_.guardian,
            config_.disputeBond,
            nonce_
        );
    }

    // EIP-712 digests: one helper per signed message, used by the action and by its `hash*` view alike.

    function _epochRootDigest(EpochRoot calldata e) private view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    EPOCH_ROOT_TYPEHASH, e.epoch, e.root, e.total, e.count, e.metadataHash, e.usdPerToken, e.nonce
                )
            )
        );
    }

    function _updateConfigDigest(Config calldata config_, uint256 nonce_) private view returns (bytes32) {
        bytes32 configHash = keccak256(
            abi.encode(
                CONFIG_TYPEHASH,
                keccak256(abi.encodePacked(config_.signers)),
                config_.threshold,
                config_.epochCap,
                config_.challengePeriod,
                config_.claimWindow,
                config_.guardian,
                config_.disputeBond
            )
        );
        return _hashTypedDataV4(keccak256(abi.encode(UPDATE_CONFIG_TYPEHASH, configHash, nonce_)));
    }

    function _withdrawDigest(address to, uint256 amount, uint256 nonce_) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(WITHDRAW_TYPEHASH, to, amount, nonce_)));
    }

    function _resolveDisputeDigest(uint64 epochNumber, bool upheld, uint256 nonce_) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(RESOLVE_DISPUTE_TYPEHASH, epochNumber, upheld, nonce_)));
    }

    function _unpauseDigest(uint256 nonce_) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(UNPAUSE_TYPEHASH, nonce_)));
    }

    function _claimConsentDigest(address account, address recipient, uint256 nonce_, uint256 deadline)
        private
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(CLAIM_CONSENT_TYPEHASH, account, recipient, nonce_, deadline)));
    }
}
