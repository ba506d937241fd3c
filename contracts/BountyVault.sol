// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Long because one contract holds one state machine: its storage, and the checks that must see all of it, stay
// together; what stands alone (the claim word, the calendar, signatures, EIP-712 messages) is in libraries/.

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {MerkleProofLib} from "solady/utils/MerkleProofLib.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IBountyVault} from "./interfaces/IBountyVault.sol";
import {EpochCalendar} from "./libraries/EpochCalendar.sol";
import {ClaimWord, ClaimWords} from "./libraries/ClaimWord.sol";
import {ThresholdSignatures} from "./libraries/ThresholdSignatures.sol";
import {VaultMessages} from "./libraries/VaultMessages.sol";

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
/// Claim consents carry a per-account nonce (OpenZeppelin `Nonces`): single-use, revocable, bounded in time, and
/// bound to the claims they pay.
/// Liveness against one rogue key (see IBountyVault): it may pause once per configuration, cancel an intent once and
/// only before its eta; queued actions expire and die with the configuration that queued them; dispute bonds are
/// credited, never pushed, so no disputer can block a veto.
contract BountyVault is IBountyVault, EIP712, Nonces, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

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

    /// @inheritdoc IBountyVault
    /// @dev Compound's Timelock uses the same: long enough for signers in several time zones, short enough that an
    /// action nobody executed does not wait armed for a change of circumstances (a later `fund`).
    uint256 public constant ACTION_GRACE_PERIOD = 14 days;

    // ---------------------------------------------------------------------------------------------------------------
    // Storage, packed for the claim hot path
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev One slot for posts, vetoes, sweeps, the pause and queued actions; no claim reads it. `lastEpoch` is stored
    /// in 32 bits (well-formed epoch numbers are at most 999912); `pausedAt` is the wall time the vault paused (0 = not
    /// paused); `pauseCount` numbers pauses (the running one while paused); `generation` numbers configurations.
    struct Global {
        uint32 lastEpoch;
        uint8 threshold;
        uint40 pausedAt;
        uint32 pauseCount;
        uint32 generation;
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
    /// @dev Claim bits of epochs of more than `ClaimWords.INLINE_BITS` leaves: bit `index & 255` of word `index >> 8`.
    mapping(uint64 epoch => mapping(uint256 bucket => uint256 bits)) private _claimed;
    /// @dev Posted or disputed epochs, not yet vetoed or swept: what a pause freezes and `reserved` sums.
    uint64[] private _live;

    /// @dev Dispute bonds: what is held now (never available to posts or withdrawals) and what a dispute takes.
    struct Bonds {
        uint128 held;
        uint128 bond;
    }

    Bonds private _bonds;
    mapping(uint64 epoch => DisputeInfo) private _disputes;
    /// @dev Bonds credited back to disputers (part of `_bonds.held` until withdrawn).
    mapping(address account => uint128) private _refunds;
    /// @dev Queued threshold actions by id (their EIP-712 digest, unique because each consumed a nonce).
    mapping(bytes32 id => QueuedAction) private _queued;
    /// @dev Which keys cancelled which intent (an intent names its configuration, so a change re-arms every key).
    mapping(bytes32 intent => mapping(address key => bool)) private _cancelledBy;
    /// @dev The configuration under which each key last paused (0 = never): one pause per key per configuration.
    mapping(address key => uint32 generation) private _pausedUnder;
    /// @dev Who began the running pause: a configuration that removes that key lifts it.
    address private _pausedBy;

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
        // Only an epoch that was never claimable: never posted, or vetoed while pending (a corrected root, even after
        // later epochs). A pending, active, expired or swept one keeps its root, so no period is paid under two roots.
        EpochStatus status = _stateOf(e.epoch).status();
        if (status != EpochStatus.None && status != EpochStatus.Vetoed) revert EpochAlreadyPosted(e.epoch);
        uint256 cap = _governance.epochCap;
        if (cap == 0 || cap > ClaimWords.MAX_REMAINING) cap = ClaimWords.MAX_REMAINING;
        if (e.total > cap) revert OverEpochCap(e.total, cap);

        _authorize(e.nonce, _hashTypedDataV4(VaultMessages.epochRoot(e)), signatures);

        if (_live.length >= MAX_LIVE_EPOCHS) revert TooManyLiveEpochs(MAX_LIVE_EPOCHS);
        uint256 free = _available();
        if (e.total > free) revert InsufficientAvailable(e.total, free);

        // Casting is safe: well-formed numbers are at most 999912.
        // forge-lint: disable-next-line(unsafe-typecast)
        if (e.epoch > global.lastEpoch) _global.lastEpoch = uint32(e.epoch);
        _live.push(e.epoch);
        _recordEpoch(e);
    }

    /// @inheritdoc IBountyVault
    function veto(uint64 epochNumber) external nonReentrant {
        _requireSignerOrGuardian();
        ClaimWord state = _stateOf(epochNumber);
        if (state.status() == EpochStatus.Disputed) {
            // One signer or the guardian upholds a dispute on the spot.
            emit DisputeResolved(epochNumber, true, msg.sender);
            _vetoEpoch(epochNumber);
            _creditBond(epochNumber);
            return;
        }
        // A paused vault's clock stands at the pause, so a pending root stays vetoable through a pause.
        if (state.status() != EpochStatus.Posted || _now() >= state.activatesAt()) revert NotPending(epochNumber);
        _vetoEpoch(epochNumber);
    }

    /// @inheritdoc IBountyVault
    function dispute(uint64 epochNumber, string calldata reason) external nonReentrant {
        // A free dispute would let anyone hold every root for a challenge period per dismissal at no cost.
        uint128 bond = _bonds.bond;
        if (bond == 0) revert DisputesClosed();
        ClaimWord state = _stateOf(epochNumber);
        uint40 now_ = _now();
        if (state.status() != EpochStatus.Posted || now_ >= state.activatesAt()) revert NotDisputable(epochNumber);
        // The bond is counted as what arrived (fee-on-transfer tokens); every entry point is locked meanwhile.
        uint256 balanceBefore = _token.balanceOf(address(this));
        _token.safeTransferFrom(msg.sender, address(this), bond);
        // Casting is safe: what arrived is at most the bond, a uint128.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint128 received = uint128(_token.balanceOf(address(this)) - balanceBefore);
        _setStateOf(epochNumber, state.withStatus(EpochStatus.Disputed));
        // Fixed now, on the vault's clock (which stands still while paused; an unpause moves it out like the epochs').
        uint40 expiresAt = now_ + 2 * _schedule.challengePeriod;
        _disputes[epochNumber] = DisputeInfo(msg.sender, uint40(block.timestamp), expiresAt, received);
        _bonds.held += received;
        emit Disputed(epochNumber, msg.sender, received, expiresAt, reason);
    }

    /// @inheritdoc IBountyVault
    function resolveDispute(uint64 epochNumber, bool upheld, uint256 nonce_, SignerSignature[] calldata signatures)
        external
        nonReentrant
    {
        ClaimWord state = _stateOf(epochNumber);
        if (state.status() != EpochStatus.Disputed) revert NotDisputed(epochNumber);
        _authorize(nonce_, _hashTypedDataV4(VaultMessages.resolveDispute(epochNumber, upheld, nonce_)), signatures);
        emit DisputeResolved(epochNumber, upheld, msg.sender);
        if (upheld) {
            _vetoEpoch(epochNumber);
            _creditBond(epochNumber);
            return;
        }
        // Dismissed: the root goes back to pending for a whole new challenge period (so one signer can still stop
        // it: a dismissal is a threshold action too), and the bond joins the budget.
        // While paused, _now() is the pause's start, and the unpause moves the restart out by the pause's length, like
        // every live epoch's dates.
        uint40 restart = _now() + _schedule.challengePeriod;
        if (restart > state.activatesAt()) state = state.withActivatesAt(restart); // the claim window moves with it
        _setStateOf(epochNumber, state.withStatus(EpochStatus.Posted));
        _bonds.held -= _disputes[epochNumber].bond;
        delete _disputes[epochNumber];
    }

    /// @inheritdoc IBountyVault
    function expireDispute(uint64 epochNumber) external nonReentrant {
        if (_stateOf(epochNumber).status() != EpochStatus.Disputed) revert NotDisputed(epochNumber);
        // The deadline fixed when the dispute opened, on the vault's clock: it does not run during a pause.
        uint40 expiresAt = _disputes[epochNumber].expiresAt;
        if (_now() < expiresAt) revert DisputeNotExpired(epochNumber, expiresAt);
        emit DisputeExpired(epochNumber);
        _vetoEpoch(epochNumber);
        _creditBond(epochNumber);
    }

    /// @inheritdoc IBountyVault
    /// @dev Never while paused: the pause would otherwise let a window that was stopped run out from under a helper.
    /// An active epoch with nothing left to pay can pay no one anything more, so it may close before its window ends:
    /// the live set then holds only epochs that may still pay someone.
    function sweep(uint64 epochNumber) external nonReentrant {
        if (_global.pausedAt != 0) revert IsPaused();
        ClaimWord state = _stateOf(epochNumber);
        if (state.status() != EpochStatus.Posted) revert EpochNotLive(epochNumber);
        uint40 expiresAt = state.expiresAt();
        bool paidOut = state.remaining() == 0 && block.timestamp >= state.activatesAt();
        if (!paidOut && block.timestamp < expiresAt) revert NotExpired(epochNumber, expiresAt);

        uint96 amount = state.remaining();
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
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        if (deadline > block.timestamp + MAX_CONSENT_LIFETIME) {
            revert ConsentTooLong(deadline, block.timestamp + MAX_CONSENT_LIFETIME);
        }
        if (recipient == address(0)) revert ZeroRecipient();
        // The consent names the claims it pays and the account's current nonce, which this use spends: single-use,
        // revocable by spending it first (`revokeConsents`), and never spent on claims other than those it names.
        bytes32 digest =
            _hashTypedDataV4(VaultMessages.claimConsent(account, recipient, claims, _useNonce(account), deadline));
        if (!ThresholdSignatures.isValidNow(account, digest, signature)) revert InvalidSignature(account);
        // A consent that pays nothing would be spent for nothing (by anyone who saw it): refused, nonce kept.
        if (_claim(account, recipient, claims) == 0) revert NothingToClaim();
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
    // anyone from the end of the challenge period in force at queueing (wall clock, so an unpause can run while
    // paused) for ACTION_GRACE_PERIOD, and only under the configuration that queued it. Until its eta any one signer
    // or the guardian may cancel it, once per intent: a stolen threshold of keys can thus take nothing and disarm
    // nothing before each honest key has had a challenge period to react, and one rogue key cannot hold the
    // threshold off for longer than one re-queue. Lowering the delay or removing the guardian is itself a config
    // change, delayed by the old delay.

    /// @inheritdoc IBountyVault
    function queueUpdateConfig(Config calldata config_, uint256 nonce_, SignerSignature[] calldata signatures)
        external
        nonReentrant
        returns (bytes32 id)
    {
        _validateConfig(config_);
        id = _hashTypedDataV4(VaultMessages.updateConfig(VaultMessages.config(config_), nonce_));
        _authorize(nonce_, id, signatures);
        _queue(id, ActionKind.UpdateConfig, nonce_, abi.encode(config_));
    }

    /// @inheritdoc IBountyVault
    /// @dev The new set takes over for the next nonce. The new challengePeriod and claimWindow apply to roots posted
    /// (and actions queued) afterwards only. A pause begun by a key that the new configuration removes (neither a
    /// signer nor the guardian any more) ends with it: the key's alarm goes with the key, so removing a rogue key also
    /// restores claims, whichever order the threshold's unpause and removal run in.
    function executeUpdateConfig(Config calldata config_, uint256 nonce_) external nonReentrant {
        _execute(_hashTypedDataV4(VaultMessages.updateConfig(VaultMessages.config(config_), nonce_)));
        address[] storage oldSigners = _signers;
        for (uint256 i = oldSigners.length; i > 0; --i) {
            delete _isSigner[oldSigners[i - 1]];
            oldSigners.pop();
        }
        _setConfig(config_, nonce_);
        Global memory global = _global;
        if (global.pausedAt != 0 && !_isSigner[_pausedBy] && _pausedBy != config_.guardian) {
            _lift(global, nonce_);
        }
    }

    /// @inheritdoc IBountyVault
    function queueWithdraw(address to, uint256 amount, uint256 nonce_, SignerSignature[] calldata signatures)
        external
        nonReentrant
        returns (bytes32 id)
    {
        if (to == address(0)) revert ZeroRecipient();
        if (amount == 0) revert ZeroAmount();
        // Checked now as well as at execution: a withdrawal that cannot run yet is not left armed for the next `fund`.
        uint256 free = _available();
        if (amount > free) revert InsufficientAvailable(amount, free);
        id = _hashTypedDataV4(VaultMessages.withdraw(to, amount, nonce_));
        _authorize(nonce_, id, signatures);
        _queue(id, ActionKind.Withdraw, nonce_, abi.encode(to, amount));
    }

    /// @inheritdoc IBountyVault
    function executeWithdraw(address to, uint256 amount, uint256 nonce_) external nonReentrant {
        _execute(_hashTypedDataV4(VaultMessages.withdraw(to, amount, nonce_)));
        uint256 free = _available();
        if (amount > free) revert InsufficientAvailable(amount, free);
        emit Withdrawn(to, amount, nonce_);
        _token.safeTransfer(to, amount);
    }

    /// @inheritdoc IBountyVault
    function queueUnpause(uint32 pause_, uint256 nonce_, SignerSignature[] calldata signatures)
        external
        nonReentrant
        returns (bytes32 id)
    {
        _requirePause(pause_);
        id = _hashTypedDataV4(VaultMessages.unpause(pause_, nonce_));
        _authorize(nonce_, id, signatures);
        _queue(id, ActionKind.Unpause, nonce_, abi.encode(pause_));
    }

    /// @inheritdoc IBountyVault
    function executeUnpause(uint32 pause_, uint256 nonce_) external nonReentrant {
        _execute(_hashTypedDataV4(VaultMessages.unpause(pause_, nonce_)));
        // An unpause ends the pause it was signed for and no other (a later pause needs its own).
        _requirePause(pause_);
        _lift(_global, nonce_);
    }

    /// @inheritdoc IBountyVault
    function cancel(bytes32 id) external nonReentrant {
        _requireSignerOrGuardian();
        QueuedAction storage action = _queued[id];
        _requireLive(id, action);
        if (block.timestamp >= action.eta) revert CancelTooLate(id, action.eta);
        bytes32 intent = action.intent;
        if (_cancelledBy[intent][msg.sender]) revert CancelSpent(intent, msg.sender);
        _cancelledBy[intent][msg.sender] = true;
        action.status = ActionStatus.Cancelled;
        emit ActionCancelled(id, msg.sender);
    }

    /// @inheritdoc IBountyVault
    function pause() external nonReentrant {
        _requireSignerOrGuardian();
        Global memory global = _global;
        if (global.pausedAt != 0) revert IsPaused();
        // One pause per key per configuration: a rogue key cannot pause again after the threshold lifts its pause,
        // and the configuration that removes it re-arms the others.
        if (_pausedUnder[msg.sender] == global.generation) revert PauseSpent(msg.sender);
        _pausedUnder[msg.sender] = global.generation;
        _pausedBy = msg.sender;
        global.pausedAt = uint40(block.timestamp);
        ++global.pauseCount;
        _global = global;
        uint64[] storage live = _live;
        for (uint256 i; i < live.length; ++i) {
            _setStateOf(live[i], _stateOf(live[i]).frozen());
        }
        emit Paused(msg.sender, global.pauseCount);
    }

    /// @inheritdoc IBountyVault
    function withdrawRefund(address to) external nonReentrant {
        if (to == address(0)) revert ZeroRecipient();
        uint128 amount = _refunds[msg.sender];
        if (amount == 0) revert NoRefund(msg.sender);
        delete _refunds[msg.sender];
        _bonds.held -= amount;
        emit RefundWithdrawn(msg.sender, to, amount);
        _token.safeTransfer(to, amount);
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

    /// @inheritdoc IBountyVault
    function config() external view returns (Config memory) {
        Schedule memory schedule = _schedule;
        return Config({
            signers: _signers,
            threshold: _global.threshold,
            epochCap: _governance.epochCap,
            challengePeriod: schedule.challengePeriod,
            claimWindow: schedule.claimWindow,
            guardian: schedule.guardian,
            disputeBond: _bonds.bond
        });
    }

    /// @inheritdoc IBountyVault
    function configGeneration() external view returns (uint32) {
        return _global.generation;
    }

    function paused() external view returns (bool) {
        return _global.pausedAt != 0;
    }

    /// @inheritdoc IBountyVault
    function pauseCount() external view returns (uint32) {
        return _global.pauseCount;
    }

    /// @inheritdoc IBountyVault
    function pauseSpent(address account) external view returns (bool) {
        return _pausedUnder[account] == _global.generation;
    }

    /// @inheritdoc IBountyVault
    function bondsHeld() external view returns (uint256) {
        return _bonds.held;
    }

    /// @inheritdoc IBountyVault
    function refundOf(address account) external view returns (uint256) {
        return _refunds[account];
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
        uint40 pausedSoFar = state.isFrozen() ? uint40(block.timestamp) - _now() : 0;
        info.status = state.status();
        info.root = epoch.root;
        info.total = epoch.total;
        info.remaining = state.remaining();
        info.count = state.count();
        info.postedAt = epoch.postedAt;
        if (info.status != EpochStatus.None) {
            info.activatesAt = state.activatesAt() + pausedSoFar;
            info.expiresAt = state.expiresAt() + pausedSoFar;
        }
        info.metadataHash = epoch.metadataHash;
        info.usdPerToken = epoch.usdPerToken;
    }

    function isClaimed(uint64 epochNumber, uint256 index) external view returns (bool) {
        ClaimWord state = _stateOf(epochNumber);
        return state.isSmall() ? state.isClaimed(index) : (_claimed[epochNumber][index >> 8] >> (index & 0xff)) & 1 == 1;
    }

    /// @inheritdoc IBountyVault
    function hashEpochRoot(EpochRoot calldata e) external view returns (bytes32) {
        return _hashTypedDataV4(VaultMessages.epochRoot(e));
    }

    function hashUpdateConfig(Config calldata config_, uint256 nonce_) external view returns (bytes32) {
        return _hashTypedDataV4(VaultMessages.updateConfig(VaultMessages.config(config_), nonce_));
    }

    function hashWithdraw(address to, uint256 amount, uint256 nonce_) external view returns (bytes32) {
        return _hashTypedDataV4(VaultMessages.withdraw(to, amount, nonce_));
    }

    function hashUnpause(uint32 pause_, uint256 nonce_) external view returns (bytes32) {
        return _hashTypedDataV4(VaultMessages.unpause(pause_, nonce_));
    }

    function hashResolveDispute(uint64 epochNumber, bool upheld, uint256 nonce_) external view returns (bytes32) {
        return _hashTypedDataV4(VaultMessages.resolveDispute(epochNumber, upheld, nonce_));
    }

    function hashClaimConsent(ClaimConsent calldata consent) external view returns (bytes32) {
        return _hashTypedDataV4(VaultMessages.claimConsent(consent));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev Stores a posted epoch, fixing its schedule from the current configuration, and emits `RootPosted`.
    function _recordEpoch(EpochRoot calldata e) private {
        Schedule memory schedule = _schedule;
        uint40 activatesAt = uint40(block.timestamp) + schedule.challengePeriod;
        // Casting is safe: postRoot checked the total against the cap, at most MAX_REMAINING (2^96 - 1).
        // forge-lint: disable-next-line(unsafe-typecast)
        ClaimWord state = ClaimWords.posted(uint96(e.total), activatesAt, schedule.claimWindow, e.count);
        _claimWords[e.epoch][e.root] = state;
        _epochs[e.epoch] = Epoch({
            root: e.root,
            total: e.total,
            postedAt: uint40(block.timestamp),
            metadataHash: e.metadataHash,
            usdPerToken: e.usdPerToken
        });
        emit RootPosted(
            e.epoch, e.root, e.total, e.count, e.metadataHash, e.usdPerToken, activatesAt, state.expiresAt(), e.nonce
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

    /// @dev Sets `index`'s bit and returns true, or returns false if it was already set: one read of the word serves
    /// both, in the hot loop of a payout.
    function _setClaimedBit(mapping(uint256 bucket => uint256 bits) storage claimed, uint256 index)
        private
        returns (bool)
    {
        uint256 bucket = index >> 8;
        // The bit for `index` within its 256-bit word (shift order is right: 1 moved left by the bit position).
        // forge-lint: disable-next-line(incorrect-shift)
        uint256 mask = 1 << (index & 0xff);
        uint256 word = claimed[bucket];
        if (word & mask != 0) return false;
        claimed[bucket] = word | mask;
        return true;
    }

    /// @dev Verifies and pays `claims` of `account` to `recipient` with one transfer, and returns what it paid.
    /// Effects before the transfer.
    function _claim(address account, address recipient, Claim[] calldata claims) private returns (uint256 payout) {
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
        uint40 activatesAt = state.activatesAt();
        if (block.timestamp < activatesAt) revert EpochPending(epochNumber, activatesAt);
        uint40 expiresAt = state.expiresAt();
        if (block.timestamp >= expiresAt) revert EpochExpired(epochNumber, expiresAt);
    }

    /// @dev The vault's clock: wall time, standing still at the pause's start while paused. Live epochs' stored dates
    /// and open disputes' deadlines are on it (an unpause moves them out by the pause's length), so comparing the two
    /// is right paused or not.
    function _now() private view returns (uint40) {
        uint40 pausedAt = _global.pausedAt;
        return pausedAt == 0 ? uint40(block.timestamp) : pausedAt;
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
    function _authorize(uint256 nonce_, bytes32 digest, SignerSignature[] calldata signatures) private {
        _useGovernanceNonce(nonce_);
        ThresholdSignatures.check(_isSigner, digest, signatures, _global.threshold);
    }

    /// @dev Consumes the vault's governance nonce, which `nonce_` must equal (the per-account claim-consent nonces
    /// are OpenZeppelin's `Nonces`, a separate counter per account).
    function _useGovernanceNonce(uint256 nonce_) private {
        uint128 expected = _governance.nonce;
        if (nonce_ != expected) revert WrongNonce(nonce_, expected);
        _governance.nonce = expected + 1;
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

    /// @dev Vetoes a pending or disputed epoch: releases its reserve; the epoch may then be posted again (corrected).
    function _vetoEpoch(uint64 epochNumber) private {
        ClaimWord state = _stateOf(epochNumber);
        uint96 released = state.remaining(); // == total: nothing can be claimed before activation
        _setStateOf(epochNumber, state.closed(EpochStatus.Vetoed));
        _removeLive(epochNumber);
        emit RootVetoed(epochNumber, msg.sender, released);
    }

    /// @dev Credits an upheld or expired dispute's bond back to its disputer, who withdraws it (`withdrawRefund`).
    /// Never pushed: a disputer whose receipt reverts (a blocklist, a receive hook) must not block the veto.
    function _creditBond(uint64 epochNumber) private {
        DisputeInfo memory info = _disputes[epochNumber];
        delete _disputes[epochNumber];
        if (info.bond == 0) return; // a fee-on-transfer token can deliver nothing of a bond
        _refunds[info.disputer] += info.bond; // still part of _bonds.held until withdrawn
        emit RefundCredited(info.disputer, info.bond);
    }

    /// @dev Ends the running pause (`global` is `_global` as read by the caller) on the authority of the threshold
    /// action at `nonce_`. Every live epoch was frozen by the pause (nothing is posted while paused); each gets the
    /// paused time back, and so does a disputed one's deadline.
    function _lift(Global memory global, uint256 nonce_) private {
        uint40 pausedFor = uint40(block.timestamp) - global.pausedAt;
        global.pausedAt = 0;
        _global = global;
        delete _pausedBy;
        uint64[] storage live = _live;
        for (uint256 i; i < live.length; ++i) {
            uint64 epochNumber = live[i];
            ClaimWord state = _stateOf(epochNumber);
            _setStateOf(epochNumber, state.thawed(pausedFor));
            if (state.status() == EpochStatus.Disputed) _disputes[epochNumber].expiresAt += pausedFor;
        }
        emit Unpaused(global.pauseCount, nonce_, pausedFor);
    }

    /// @dev Reverts unless the vault is in pause number `pause_`.
    function _requirePause(uint32 pause_) private view {
        Global memory global = _global;
        uint32 current = global.pausedAt == 0 ? 0 : global.pauseCount;
        if (current == 0) revert NotPaused();
        if (pause_ != current) revert WrongPause(pause_, current);
    }

    /// @dev Queues an authorized action for the challenge period in force now, on the wall clock, under the current
    /// configuration. Its intent (what it does, without the nonce) is what a key may cancel once.
    function _queue(bytes32 id, ActionKind kind, uint256 nonce_, bytes memory data) private {
        uint32 generation = _global.generation;
        uint40 eta = uint40(block.timestamp) + _schedule.challengePeriod;
        uint40 expiresAt = eta + uint40(ACTION_GRACE_PERIOD);
        _queued[id] = QueuedAction({
            eta: eta,
            expiresAt: expiresAt,
            status: ActionStatus.Queued,
            kind: kind,
            generation: generation,
            intent: keccak256(abi.encode(generation, kind, data))
        });
        emit ActionQueued(id, kind, nonce_, eta, expiresAt, generation, data);
    }

    /// @dev Reverts unless `action` is queued under the configuration in force.
    function _requireLive(bytes32 id, QueuedAction storage action) private view {
        if (action.status != ActionStatus.Queued) revert NotQueued(id);
        uint32 current = _global.generation;
        if (action.generation != current) revert ActionVoided(id, action.generation, current);
    }

    /// @dev Marks a queued action executed, if it is queued under the configuration in force and within
    /// [eta, expiresAt).
    function _execute(bytes32 id) private {
        QueuedAction storage action = _queued[id];
        _requireLive(id, action);
        uint40 eta = action.eta;
        if (block.timestamp < eta) revert NotReady(id, eta);
        uint40 expiresAt = action.expiresAt;
        if (block.timestamp >= expiresAt) revert ActionExpired(id, expiresAt);
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

    /// @dev Stores a validated configuration (the caller has cleared the previous signer set) as the next generation,
    /// which voids every action queued under the previous one, and emits `ConfigUpdated` with the nonce the change
    /// consumed (0 at construction).
    function _setConfig(Config memory config_, uint256 nonce_) private {
        for (uint256 i; i < config_.signers.length; ++i) {
            _isSigner[config_.signers[i]] = true;
            _signers.push(config_.signers[i]);
        }
        uint32 generation = _global.generation + 1;
        _global.generation = generation;
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
            nonce_,
            generation
        );
    }
}
