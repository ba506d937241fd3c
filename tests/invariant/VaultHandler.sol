// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {IBountyVault} from "../../contracts/interfaces/IBountyVault.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MerkleHelper} from "../utils/MerkleHelper.sol";
import {EpochCalendar} from "../../contracts/libraries/EpochCalendar.sol";

/// @notice Drives a real vault through random but legitimate sequences (fund, post real trees over random
/// allocations, veto, claim, batch-pay, sweep, withdraw, pause, warp) and keeps ghost totals for the invariants.
/// Every action first checks its own preconditions, so that nothing here reverts (fail_on_revert is on): a revert
/// means the vault refused something it should have accepted. Forged governance attempts are try/caught and any
/// success is recorded.
contract VaultHandler is Test {
    using MerkleHelper for MerkleHelper.Tree;

    IBountyVault public immutable vault;
    MockERC20 public immutable token;
    address public immutable guardian;
    address public immutable treasury = makeAddr("treasury");
    address public immutable funder = makeAddr("handler funder");
    address[3] internal signers;
    uint256[3] internal keys;
    address[] internal actors;

    // ghost state
    uint256 public ghostFunded;
    uint256 public ghostPaid;
    uint256 public ghostWithdrawn;
    bool public paidTwice;
    bool public forgedAccepted;
    /// @dev Dispute bonds the vault should hold, and who bonds them (not one of the paid actors).
    uint256 public ghostBondsHeld;
    address public immutable disputer = makeAddr("handler disputer");
    /// @dev Threshold-authorized actions (posts and queued actions): the vault's nonce must equal this.
    uint256 public ghostAuthorized;

    /// @dev Queued threshold actions the handler has not executed or cancelled yet (`pause` for an unpause).
    struct Pending {
        IBountyVault.ActionKind kind;
        uint256 nonce;
        uint256 amount;
        uint32 pause;
        bool open;
    }

    Pending[] internal queue;
    bool internal unpauseQueued;
    /// @dev Signers rotated out by threshold-signed config changes, with their keys (the attacker holds them).
    address[] internal removedSigners;
    uint256[] internal removedKeys;
    uint256 internal rotations;
    /// @dev Set if any attack (a removed signer acting, a forged or replayed claim, an early sweep) succeeded.
    bool public attackSucceeded;
    /// @dev Set if an epoch was swept before it had been claimable, unpaused, for its whole window.
    bool public sweptEarly;
    /// @dev The root each epoch was first paid under; set if it was ever paid under another.
    mapping(uint64 epoch => bytes32) public paidRoot;
    bool public paidUnderTwoRoots;
    /// @dev The rogue key (signer `rogueSeat`, or the guardian for 3, compromised) and what it did; `cancelSpent`
    /// mirrors the vault's once-per-intent rule for every key.
    address public rogue;
    mapping(bytes32 intent => mapping(address key => bool)) internal cancelSpent;
    uint256 public roguePauses;
    uint256 public rogueCancels;
    /// @dev The handler's own account of the vault's clock: wall time less the paused seconds it has seen.
    uint256 public ghostPausedAt;
    uint256 public ghostPausedSeconds;
    /// @dev Each epoch's activation on the unpaused clock (`ghostClock`): its post's challenge period, restarted by a
    /// dismissed dispute; and its claim window as posted.
    mapping(uint64 epoch => uint256) public ghostActivatesAtClock;
    mapping(uint64 epoch => uint256) public ghostWindowOf;
    uint64[] internal postedEpochs; // every epoch ever posted (vetoed ones included)
    mapping(uint64 epoch => bytes32) public expectedRoot;
    mapping(uint64 epoch => uint256) public ghostClaimed;
    mapping(uint64 epoch => mapping(uint256 index => uint256)) public payCount;
    /// @dev The most leaves an epoch posted by `post` has.
    uint256 internal constant MAX_LEAVES = 56;

    mapping(uint64 epoch => address[]) internal accountsOf;
    mapping(uint64 epoch => uint256[]) internal amountsOf;
    mapping(bytes32 name => uint256) internal _calls;

    constructor(
        IBountyVault vault_,
        MockERC20 token_,
        address guardian_,
        address[3] memory signers_,
        uint256[3] memory keys_,
        uint256 rogueSeat
    ) {
        vault = vault_;
        token = token_;
        guardian = guardian_;
        signers = signers_;
        keys = keys_;
        for (uint256 i; i < 6; ++i) {
            actors.push(makeAddr(string.concat("actor", vm.toString(i))));
        }
        rogue = rogueSeat < 3 ? signers_[rogueSeat] : guardian_;
    }

    function signerKey(address signer) external view returns (uint256) {
        for (uint256 i; i < 3; ++i) {
            if (signers[i] == signer) return keys[i];
        }
        revert("not a signer the handler holds");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Views for the invariant test
    // ---------------------------------------------------------------------------------------------------------------

    function calls(bytes32 name) external view returns (uint256) {
        return _calls[name];
    }

    function epochs() external view returns (uint64[] memory) {
        return postedEpochs;
    }

    function actorList() external view returns (address[] memory) {
        return actors;
    }

    function expectedSigners() external view returns (address[3] memory) {
        return signers;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------------------------

    function fund(uint256 amount, bool plainTransfer) external {
        amount = bound(amount, 1, 1e24);
        token.mint(funder, amount);
        vm.startPrank(funder);
        if (plainTransfer) {
            token.transfer(address(vault), amount);
        } else {
            token.approve(address(vault), amount);
            vault.fund(amount);
        }
        vm.stopPrank();
        ghostFunded += amount;
        ++_calls[keccak256("fund")];
    }

    function post(uint256 seed, uint256 size, uint256 share) external {
        if (vault.paused()) return;
        // spend a random share of the budget, split randomly over 1 to 8 leaves (some may be zero); one epoch in five
        // has 49 to 56 leaves, past the 48 claim bits a claim word holds, so that both homes of claim bits are run
        size = seed % 5 == 0 ? bound(size, 49, MAX_LEAVES) : bound(size, 1, 8);
        (address[] memory accounts, uint256[] memory amounts, uint256 total) =
            _allocate(seed, size, bound(share, 0, _budget()));
        // One post in three corrects a vetoed epoch if there is one (even below later epochs); the rest go forward.
        (bool corrected, uint64 epoch) = seed % 3 == 0 ? _pick(seed, _isVetoed) : (false, uint64(0));
        if (!corrected) epoch = _nextQuarter(vault.lastEpoch(), seed % 2);
        if (vault.liveEpochs().length == vault.MAX_LIVE_EPOCHS()) return;
        _warpInto(epoch);
        IBountyVault.EpochRoot memory e = _epochRoot(epoch, accounts, amounts, total, seed);
        vault.postRoot(e, _quorum(vault.hashEpochRoot(e), seed));
        ++ghostAuthorized;

        ghostActivatesAtClock[epoch] = ghostClock() + vault.config().challengePeriod;
        ghostWindowOf[epoch] = vault.config().claimWindow;
        if (expectedRoot[epoch] == bytes32(0)) postedEpochs.push(epoch);
        expectedRoot[epoch] = e.root;
        accountsOf[epoch] = accounts;
        amountsOf[epoch] = amounts;
        ++_calls[keccak256(bytes(corrected ? "postCorrected" : "post"))];
    }

    /// @dev The most a post may spend now: what is available, up to the epoch cap.
    function _budget() internal view returns (uint256) {
        uint256 free = vault.available();
        uint256 cap = vault.config().epochCap;
        return cap != 0 && cap < free ? cap : free;
    }

    /// @dev Roots are posted for periods that have begun: time moves on to the epoch's quarter if needed.
    function _warpInto(uint64 epoch) internal {
        uint256 t = block.timestamp;
        while (EpochCalendar.current(t, IBountyVault.Cadence.Quarterly) < epoch) {
            t += 31 days;
        }
        vm.warp(t);
    }

    function _epochRoot(uint64 epoch, address[] memory accounts, uint256[] memory amounts, uint256 total, uint256 seed)
        internal
        view
        returns (IBountyVault.EpochRoot memory)
    {
        return IBountyVault.EpochRoot({
            epoch: epoch,
            root: MerkleHelper.build(accounts, amounts).root(),
            total: uint128(total),
            count: uint32(accounts.length),
            metadataHash: keccak256(abi.encode(accounts, amounts)),
            usdPerToken: seed % 3 == 0 ? 0 : bound(seed, 1e16, 1e21),
            nonce: vault.nonce()
        });
    }

    function _allocate(uint256 seed, uint256 size, uint256 spend)
        internal
        view
        returns (address[] memory accounts, uint256[] memory amounts, uint256 total)
    {
        accounts = new address[](size);
        amounts = new uint256[](size);
        for (uint256 i; i < size; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            accounts[i] = actors[r % actors.length];
            amounts[i] = i + 1 == size ? spend - total : (r >> 8) % (spend - total + 1);
            total += amounts[i];
        }
    }

    function veto(uint256 seed) external {
        (bool found, uint64 epoch) = _pick(seed, _isPending);
        if (!found) return;
        vm.prank(seed % 4 == 3 ? guardian : signers[seed % 3]);
        vault.veto(epoch);
        ++_calls[keccak256("veto")];
    }

    /// @notice One actor claims everything it can across all claimable epochs in one call (claim, claimTo, or
    /// claimOne for a single leaf); or,
    /// while the vault is paused, tries to, and must be refused.
    function claim(uint256 seed) external {
        _waitForClaimable(seed);
        address account = actors[seed % actors.length];
        uint256 n;
        IBountyVault.Claim[] memory claims = new IBountyVault.Claim[](MAX_LEAVES * postedEpochs.length);
        for (uint256 k; k < postedEpochs.length; ++k) {
            uint64 epoch = postedEpochs[k];
            if (!_isClaimable(epoch)) continue;
            address[] storage accounts = accountsOf[epoch];
            MerkleHelper.Tree memory tree;
            for (uint256 i; i < accounts.length; ++i) {
                if (accounts[i] != account || vault.isClaimed(epoch, i)) continue;
                if (tree.nodes.length == 0) tree = MerkleHelper.build(accounts, amountsOf[epoch]);
                claims[n++] = IBountyVault.Claim(epoch, expectedRoot[epoch], i, amountsOf[epoch][i], tree.getProof(i));
            }
        }
        if (n == 0) return;
        assembly ("memory-safe") {
            mstore(claims, n)
        }
        bool paused = vault.paused();
        if (paused) vm.expectRevert(IBountyVault.IsPaused.selector);
        vm.recordLogs();
        if (n == 1 && seed % 3 == 0) {
            vault.claimOne(account, claims[0]);
        } else if (seed % 2 == 0) {
            vault.claim(account, claims);
        } else {
            vm.prank(account);
            vault.claimTo(actors[(seed >> 8) % actors.length], claims);
        }
        _tally();
        ++_calls[keccak256(bytes(paused ? "claimWhilePaused" : "claim"))];
    }

    /// @notice The vault's clock as the handler counts it: wall time less every paused second, standing still while
    /// paused. The vault keeps no such clock; the invariants check its epochs' dates against this one.
    function ghostClock() public view returns (uint256) {
        return (vault.paused() ? ghostPausedAt : block.timestamp) - ghostPausedSeconds;
    }

    /// @notice Pays a random subset of one claimable epoch's leaves, already-claimed ones included (they are skipped).
    function payBatch(uint256 seed, uint256 mask) external {
        if (vault.paused()) return;
        _waitForClaimable(seed);
        (bool found, uint64 epoch) = _pick(seed, _isClaimable);
        if (!found) return;
        address[] memory accounts = accountsOf[epoch];
        uint256[] memory amounts = amountsOf[epoch];
        uint256 picked;
        for (uint256 i; i < accounts.length; ++i) {
            if ((mask >> i) & 1 == 1) ++picked;
        }
        uint256[] memory which = new uint256[](picked);
        uint256 k;
        for (uint256 i; i < accounts.length; ++i) {
            if ((mask >> i) & 1 == 1) which[k++] = i;
        }
        MerkleHelper.Tree memory tree = MerkleHelper.build(accounts, amounts);
        MerkleHelper.Batch memory b = tree.getBatch(accounts, amounts, which);
        vm.recordLogs();
        vault.payBatch(epoch, b.indices, b.accounts, b.amounts, b.proof, b.flags);
        _tally();
        ++_calls[keccak256("payBatch")];
    }

    function sweep(uint256 seed) external {
        if (vault.paused()) {
            // Nothing is swept while paused: a pause must never cost a helper their claim window.
            (bool any, uint64 live) = _pick(seed, _isPosted);
            if (!any) return;
            vm.expectRevert(IBountyVault.IsPaused.selector);
            vault.sweep(live);
            ++_calls[keccak256("sweepWhilePaused")];
            return;
        }
        (bool found, uint64 epoch) = _pick(seed, _isExpired);
        if (!found) (found, epoch) = _pick(seed, _isPaidOut); // closed as soon as it has nothing left to pay
        if (!found) {
            // a keeper waits for the next live epoch to expire
            (bool live, uint64 next) = _pick(seed, _isClaimable);
            if (!live) return;
            vm.warp(vault.epochInfo(next).expiresAt);
            (found, epoch) = (true, next);
        }
        uint256 left = vault.epochInfo(epoch).remaining;
        vault.sweep(epoch);
        // Swept only after the whole challenge period and claim window ran on the unpaused clock, unless it had
        // nothing left to pay anyone.
        if (left != 0 && ghostClock() < ghostActivatesAtClock[epoch] + ghostWindowOf[epoch]) sweptEarly = true;
        ++_calls[keccak256(bytes(left == 0 ? "sweepPaidOut" : "sweep"))];
    }

    /// @notice Queues a withdrawal of part of what is available now (it may no longer be available at execution).
    function withdraw(uint256 amount, uint256 seed) external {
        uint256 free = vault.available();
        if (free == 0) return;
        amount = bound(amount, 1, free);
        uint256 nonce = vault.nonce();
        vault.queueWithdraw(treasury, amount, nonce, _quorum(vault.hashWithdraw(treasury, amount, nonce), seed));
        ++ghostAuthorized;
        queue.push(
            Pending({kind: IBountyVault.ActionKind.Withdraw, nonce: nonce, amount: amount, pause: 0, open: true})
        );
        ++_calls[keccak256("withdraw")];
    }

    /// @notice Executes a queued action once its delay has passed (waiting for it if need be).
    function execute(uint256 seed) external {
        (bool found, uint256 k) = _openPending(seed);
        if (!found) return;
        Pending storage p = queue[k];
        bytes32 id = _idOf(p);
        IBountyVault.QueuedAction memory action = vault.queuedAction(id);
        if (block.timestamp < action.eta) vm.warp(action.eta);
        p.open = false;
        if (p.kind == IBountyVault.ActionKind.Unpause) unpauseQueued = false;
        // Dead actions stay dead: voided by a configuration change, or past their grace period.
        uint32 generation = vault.configGeneration();
        if (action.generation != generation) {
            vm.expectRevert(
                abi.encodeWithSelector(IBountyVault.ActionVoided.selector, id, action.generation, generation)
            );
            _executeCall(p);
            ++_calls[keccak256("executeVoided")];
            return;
        }
        if (block.timestamp >= action.expiresAt) {
            vm.expectRevert(abi.encodeWithSelector(IBountyVault.ActionExpired.selector, id, action.expiresAt));
            _executeCall(p);
            ++_calls[keccak256("executeExpired")];
            return;
        }
        if (p.kind == IBountyVault.ActionKind.Withdraw) {
            uint256 free = vault.available();
            if (p.amount > free) {
                vm.expectRevert(abi.encodeWithSelector(IBountyVault.InsufficientAvailable.selector, p.amount, free));
                vault.executeWithdraw(treasury, p.amount, p.nonce);
                return;
            }
            vault.executeWithdraw(treasury, p.amount, p.nonce);
            ghostWithdrawn += p.amount;
        } else {
            // Only the pause it was signed for (a later pause, begun after this one ended, needs its own).
            if (!vault.paused() || vault.pauseCount() != p.pause) {
                if (!vault.paused()) {
                    vm.expectRevert(IBountyVault.NotPaused.selector);
                } else {
                    vm.expectRevert(
                        abi.encodeWithSelector(IBountyVault.WrongPause.selector, p.pause, vault.pauseCount())
                    );
                }
                vault.executeUnpause(p.pause, p.nonce);
                ++_calls[keccak256("unpauseOfAnotherPause")];
                return;
            }
            vault.executeUnpause(p.pause, p.nonce);
            ghostPausedSeconds += block.timestamp - ghostPausedAt;
            ++_calls[keccak256("unpause")];
        }
        ++_calls[keccak256("execute")];
    }

    function _executeCall(Pending storage p) internal {
        if (p.kind == IBountyVault.ActionKind.Withdraw) vault.executeWithdraw(treasury, p.amount, p.nonce);
        else vault.executeUnpause(p.pause, p.nonce);
    }

    /// @notice One signer or the guardian cancels a queued action: before its eta, once per intent, under the
    /// configuration that queued it; anything else is refused.
    function cancel(uint256 seed) external {
        (bool found, uint256 k) = _openPending(seed);
        if (!found) return;
        _cancel(queue[k], seed % 4 == 0 ? guardian : signers[seed % 3], "cancel");
    }

    /// @dev `key` tries to cancel `p`; the handler predicts the vault's answer and checks it.
    function _cancel(Pending storage p, address key, string memory tally) internal returns (bool cancelled) {
        bytes32 id = _idOf(p);
        IBountyVault.QueuedAction memory action = vault.queuedAction(id);
        uint32 generation = vault.configGeneration();
        if (action.generation != generation) {
            vm.expectRevert(
                abi.encodeWithSelector(IBountyVault.ActionVoided.selector, id, action.generation, generation)
            );
        } else if (block.timestamp >= action.eta) {
            vm.expectRevert(abi.encodeWithSelector(IBountyVault.CancelTooLate.selector, id, action.eta));
        } else if (cancelSpent[action.intent][key]) {
            vm.expectRevert(abi.encodeWithSelector(IBountyVault.CancelSpent.selector, action.intent, key));
        } else {
            cancelled = true;
        }
        vm.prank(key);
        vault.cancel(id);
        if (!cancelled) return false;
        cancelSpent[action.intent][key] = true;
        if (p.kind == IBountyVault.ActionKind.Unpause) unpauseQueued = false;
        p.open = false;
        ++_calls[keccak256(bytes(tally))];
    }

    function pause(uint256 seed) external {
        if (vault.paused()) {
            if (unpauseQueued) return;
            _queueUnpause(seed);
        } else if (seed % 4 == 0) {
            // pause less often than unpause, so that most of the run is live; each key once per configuration
            address key = seed % 8 == 0 ? guardian : signers[seed % 3];
            if (key == rogue) return; // the rogue's pauses are its own action
            _pause(key, "pause");
        }
    }

    function _queueUnpause(uint256 seed) internal {
        uint256 nonce = vault.nonce();
        uint32 p = vault.pauseCount();
        vault.queueUnpause(p, nonce, _quorum(vault.hashUnpause(p, nonce), seed));
        ++ghostAuthorized;
        unpauseQueued = true;
        queue.push(Pending({kind: IBountyVault.ActionKind.Unpause, nonce: nonce, amount: 0, pause: p, open: true}));
        ++_calls[keccak256("queueUnpause")];
    }

    /// @dev `key` pauses if it may (not paused, its pause under this configuration unspent), else is refused.
    function _pause(address key, string memory tally) internal returns (bool paused) {
        if (vault.paused()) return false;
        bool spent = vault.pauseSpent(key);
        if (spent) vm.expectRevert(abi.encodeWithSelector(IBountyVault.PauseSpent.selector, key));
        vm.prank(key);
        vault.pause();
        if (spent) return false;
        ghostPausedAt = block.timestamp;
        ++_calls[keccak256(bytes(tally))];
        return true;
    }

    /// @notice The rogue key (one signer or the guardian, compromised) at random: pauses whenever it may, cancels
    /// every queued action it still can, disputes pending roots with its own bond, vetoes them.
    function rogueAct(uint256 seed) external {
        uint256 mode = seed % 4;
        if (mode == 0) {
            if (_pause(rogue, "roguePause")) ++roguePauses;
        } else if (mode == 1) {
            for (uint256 k; k < queue.length; ++k) {
                if (!queue[k].open) continue;
                if (_cancel(queue[k], rogue, "rogueCancel")) ++rogueCancels;
            }
        } else if (mode == 2) {
            (bool found, uint64 epoch) = _pick(seed, _isPending);
            if (!found) return;
            _disputeAs(rogue, epoch);
            ++_calls[keccak256("rogueDispute")];
        } else {
            (bool found, uint64 epoch) = _pick(seed, _isPending);
            if (!found || !vault.isSigner(rogue) && rogue != vault.config().guardian) return;
            vm.prank(rogue);
            vault.veto(epoch);
            ++_calls[keccak256("rogueVeto")];
        }
    }

    function warp(uint256 secondsForward) external {
        vm.warp(block.timestamp + bound(secondsForward, 0, 20 days));
        ++_calls[keccak256("warp")];
    }

    /// @notice A community member disputes a pending root, bonding the vault's dispute bond.
    function dispute(uint256 seed) external {
        (bool found, uint64 epoch) = _pick(seed, _isPending);
        if (!found) return;
        _disputeAs(disputer, epoch);
        ++_calls[keccak256("dispute")];
    }

    function _disputeAs(address who, uint64 epoch) internal {
        uint256 bond = vault.config().disputeBond;
        token.mint(who, bond);
        vm.startPrank(who);
        token.approve(address(vault), bond);
        vault.dispute(epoch, "handler dispute");
        vm.stopPrank();
        ghostBondsHeld += bond;
    }

    /// @notice A disputer whose bond was credited back withdraws it.
    function withdrawRefund(uint256 seed) external {
        address who = seed % 2 == 0 ? disputer : rogue;
        uint256 refund = vault.refundOf(who);
        if (refund == 0) return;
        vm.prank(who);
        vault.withdrawRefund(who);
        ghostBondsHeld -= refund;
        ++_calls[keccak256("withdrawRefund")];
    }

    /// @notice A dispute ends: the threshold upholds or dismisses it, one signer or the guardian vetoes, or (after
    /// waiting) anyone expires it.
    function endDispute(uint256 seed) external {
        (bool found, uint64 epoch) = _pick(seed, _isDisputed);
        if (!found) return;
        IBountyVault.DisputeInfo memory d = vault.disputeOf(epoch);
        uint256 refundBefore = vault.refundOf(d.disputer);
        uint256 mode = seed % 4;
        if (mode == 0 || mode == 1) {
            bool upheld = mode == 0;
            uint256 nonce = vault.nonce();
            vault.resolveDispute(epoch, upheld, nonce, _quorum(vault.hashResolveDispute(epoch, upheld, nonce), seed));
            ++ghostAuthorized;
            if (!upheld) {
                ghostBondsHeld -= d.bond; // forfeited: the bond joins the budget
                ghostFunded += d.bond;
                // a whole new challenge period from now (unless the first one ends later still)
                uint256 restart = ghostClock() + vault.config().challengePeriod;
                if (restart > ghostActivatesAtClock[epoch]) ghostActivatesAtClock[epoch] = restart;
            }
        } else if (mode == 2) {
            vm.prank(seed % 8 == 2 ? guardian : signers[seed % 3]);
            vault.veto(epoch);
        } else {
            // The deadline was fixed when the dispute opened and stands still while paused.
            if (vault.paused()) {
                if (ghostPausedAt < d.expiresAt) {
                    vm.warp(block.timestamp + 30 days); // no amount of waiting ends it during the pause
                    vm.expectRevert(abi.encodeWithSelector(IBountyVault.DisputeNotExpired.selector, epoch, d.expiresAt));
                    vault.expireDispute(epoch);
                    ++_calls[keccak256("expireDisputeWhilePaused")];
                    return;
                }
            } else if (block.timestamp < d.expiresAt) {
                vm.warp(d.expiresAt);
            }
            vault.expireDispute(epoch);
        }
        // upheld, vetoed or expired: the bond is credited back (still held until withdrawn)
        assertEq(vault.refundOf(d.disputer), refundBefore + (mode == 1 ? 0 : d.bond), "bond credited, never pushed");
        ++_calls[keccak256("endDispute")];
    }

    /// @notice The threshold rotates one signer out for a fresh key (queued, then executed after the delay).
    function rotateSigner(uint256 seed) external {
        uint256 j = seed % 3;
        (address fresh, uint256 freshKey) = makeAddrAndKey(string.concat("rotated signer ", vm.toString(++rotations)));
        address[] memory next = new address[](3);
        for (uint256 i; i < 3; ++i) {
            next[i] = i == j ? fresh : signers[i];
        }
        // ascending, as the handler keeps its own list
        for (uint256 a; a < 3; ++a) {
            for (uint256 b; b + 1 < 3 - a; ++b) {
                if (next[b] > next[b + 1]) (next[b], next[b + 1]) = (next[b + 1], next[b]);
            }
        }
        IBountyVault.Config memory c = IBountyVault.Config(
            next,
            2,
            vault.config().epochCap,
            vault.config().challengePeriod,
            vault.config().claimWindow,
            guardian,
            vault.config().disputeBond
        );
        uint256 nonce = vault.nonce();
        vault.queueUpdateConfig(c, nonce, _quorum(vault.hashUpdateConfig(c, nonce), seed));
        ++ghostAuthorized;
        vm.warp(block.timestamp + vault.config().challengePeriod);
        bool wasPaused = vault.paused();
        vault.executeUpdateConfig(c, nonce);
        // Every action queued before is void now; a pause begun by the removed signer ended with it.
        unpauseQueued = false;
        if (wasPaused && !vault.paused()) {
            ghostPausedSeconds += block.timestamp - ghostPausedAt;
            ++_calls[keccak256("pauseLiftedByRemoval")];
        }
        if (rogue == signers[j]) rogue = fresh; // the handler's rogue seat passes to the key's successor
        removedSigners.push(signers[j]);
        removedKeys.push(keys[j]);
        (signers[j], keys[j]) = (fresh, freshKey);
        // keep the handler's signers ascending, as quorums must be
        for (uint256 a; a < 3; ++a) {
            for (uint256 b; b + 1 < 3 - a; ++b) {
                if (signers[b] > signers[b + 1]) {
                    (signers[b], signers[b + 1]) = (signers[b + 1], signers[b]);
                    (keys[b], keys[b + 1]) = (keys[b + 1], keys[b]);
                }
            }
        }
        ++_calls[keccak256("rotateSigner")];
    }

    /// @notice An attacker's random move; each is allowed to revert and none may succeed: a removed signer vetoes,
    /// pauses or co-signs a post; a claim with a forged amount; a replayed claim; a leaf of another epoch's tree
    /// claimed under that tree's root for this epoch; a sweep before expiry.
    function attack(uint256 seed) external {
        uint256 mode = seed % 4;
        if (mode == 0 && removedSigners.length != 0) {
            address old = removedSigners[seed % removedSigners.length];
            (bool pendingFound, uint64 epoch) = _pick(seed, _isPending);
            vm.prank(old);
            if (pendingFound) {
                try vault.veto(epoch) {
                    attackSucceeded = true;
                } catch {}
            } else {
                try vault.pause() {
                    attackSucceeded = true;
                } catch {}
            }
        } else if (mode == 1 && removedSigners.length != 0) {
            uint256 k = seed % removedSigners.length;
            IBountyVault.EpochRoot memory e = IBountyVault.EpochRoot(
                _nextQuarter(vault.lastEpoch(), 0), keccak256("attack"), 0, 0, 0, 0, vault.nonce()
            );
            bytes32 digest = vault.hashEpochRoot(e);
            IBountyVault.SignerSignature[] memory sigs = new IBountyVault.SignerSignature[](2);
            sigs[0] = IBountyVault.SignerSignature(removedSigners[k], _sign(removedKeys[k], digest));
            sigs[1] = IBountyVault.SignerSignature(signers[0], _sign(keys[0], digest));
            if (sigs[1].signer < sigs[0].signer) (sigs[0], sigs[1]) = (sigs[1], sigs[0]);
            try vault.postRoot(e, sigs) {
                attackSucceeded = true;
            } catch {}
        } else {
            (bool found, uint64 epoch) = _pick(seed, _isClaimable);
            if (!found) return;
            address[] storage accounts = accountsOf[epoch];
            uint256 i = seed % accounts.length;
            uint256 amount = amountsOf[epoch][i];
            bool claimed = vault.isClaimed(epoch, i);
            // a forged amount for an unclaimed leaf, or the true amount for a claimed one (a replay)
            uint256 asked = claimed ? amount : amount + 1 + (seed % 1e18);
            bytes32[] memory proof = MerkleHelper.build(accounts, amountsOf[epoch]).getProof(i);
            IBountyVault.Claim[] memory claims = new IBountyVault.Claim[](1);
            claims[0] = IBountyVault.Claim(epoch, expectedRoot[epoch], i, asked, proof);
            try vault.claim(accounts[i], claims) {
                attackSucceeded = true;
            } catch {}
            // The true leaf and proof of another epoch's tree, claimed for this epoch under that tree's root: a
            // root the vault never posted for this epoch has no claim state here.
            uint64 other = postedEpochs[seed % postedEpochs.length];
            if (other != epoch && expectedRoot[other] != expectedRoot[epoch]) {
                address[] storage otherAccounts = accountsOf[other];
                uint256 j = seed % otherAccounts.length;
                claims[0] = IBountyVault.Claim(
                    epoch,
                    expectedRoot[other],
                    j,
                    amountsOf[other][j],
                    MerkleHelper.build(otherAccounts, amountsOf[other]).getProof(j)
                );
                try vault.claim(otherAccounts[j], claims) {
                    attackSucceeded = true;
                } catch {}
            }
            // an early sweep of an epoch that still owes someone (a paid-out one may close early: not an attack)
            if (vault.epochInfo(epoch).remaining != 0) {
                try vault.sweep(epoch) {
                    attackSucceeded = true;
                } catch {}
            }
        }
        ++_calls[keccak256("attack")];
    }

    /// @notice Attempts to change roots, signers or funds without a threshold of valid signatures. None may succeed.
    function forgeGovernance(uint256 seed, bytes32 root) external {
        uint256 nonce = vault.nonce();
        IBountyVault.EpochRoot memory e = IBountyVault.EpochRoot(
            _nextQuarter(vault.lastEpoch(), 0), root == 0 ? bytes32(uint256(1)) : root, 0, 0, 0, 0, nonce
        );
        bytes32 digest = vault.hashEpochRoot(e);
        IBountyVault.SignerSignature[] memory sigs = _quorum(digest, seed);
        uint256 mode = seed % 4;
        if (mode == 0) {
            // one signature short of the threshold
            IBountyVault.SignerSignature[] memory one = new IBountyVault.SignerSignature[](1);
            one[0] = sigs[0];
            sigs = one;
        } else if (mode == 1) {
            // the same signer twice
            sigs[1] = sigs[0];
        } else if (mode == 2) {
            // an outsider's signature in place of a signer's
            (address outsider, uint256 outsiderKey) = makeAddrAndKey("outsider");
            sigs[1] = IBountyVault.SignerSignature(outsider, _sign(outsiderKey, digest));
            if (outsider < sigs[0].signer) (sigs[0], sigs[1]) = (sigs[1], sigs[0]);
        } else {
            // a valid quorum for the previous nonce (replay)
            if (nonce == 0) return;
            e.nonce = nonce - 1;
            sigs = _quorum(vault.hashEpochRoot(e), seed);
        }
        try vault.postRoot(e, sigs) {
            forgedAccepted = true;
        } catch {}

        IBountyVault.Config memory c = IBountyVault.Config(new address[](1), 1, 0, 0, 0, address(this), 0);
        c.signers[0] = address(this);
        IBountyVault.SignerSignature[] memory single = new IBountyVault.SignerSignature[](1);
        single[0] =
            IBountyVault.SignerSignature(signers[seed % 3], _sign(keys[seed % 3], vault.hashUpdateConfig(c, nonce)));
        try vault.queueUpdateConfig(c, nonce, single) {
            forgedAccepted = true;
        } catch {}
        // Nobody can execute a config change that was never queued.
        try vault.executeUpdateConfig(c, nonce) {
            forgedAccepted = true;
        } catch {}
        ++_calls[keccak256("forgeGovernance")];
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev Two distinct signers chosen by `seed`, ascending.
    function _quorum(bytes32 digest, uint256 seed) internal view returns (IBountyVault.SignerSignature[] memory sigs) {
        uint256 skip = seed % 3;
        sigs = new IBountyVault.SignerSignature[](2);
        uint256 k;
        for (uint256 i; i < 3; ++i) {
            if (i == skip) continue;
            sigs[k++] = IBountyVault.SignerSignature(signers[i], _sign(keys[i], digest));
        }
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev The block's timestamp, read afresh (see `WallClock`).

    function _pick(uint256 seed, function(uint64) view returns (bool) accept) internal view returns (bool, uint64) {
        uint256 n = postedEpochs.length;
        for (uint256 k; k < n; ++k) {
            uint64 epoch = postedEpochs[(seed % n + k) % n];
            if (accept(epoch)) return (true, epoch);
        }
        return (false, 0);
    }

    /// @dev A helper who finds nothing to claim yet waits until the next pending epoch activates (so that random
    /// sequences reach the claim paths often); one that finds nothing at all does not wait.
    function _waitForClaimable(uint256 seed) internal {
        (bool claimable,) = _pick(seed, _isClaimable);
        if (claimable) return;
        (bool pending, uint64 epoch) = _pick(seed, _isPending);
        if (pending) vm.warp(vault.epochInfo(epoch).activatesAt);
    }

    /// @dev A queued action's id: its EIP-712 digest.
    function _idOf(Pending storage p) internal view returns (bytes32) {
        return p.kind == IBountyVault.ActionKind.Withdraw
            ? vault.hashWithdraw(treasury, p.amount, p.nonce)
            : vault.hashUnpause(p.pause, p.nonce);
    }

    function _openPending(uint256 seed) internal view returns (bool, uint256) {
        uint256 n = queue.length;
        for (uint256 i; i < n; ++i) {
            uint256 k = (seed % n + i) % n;
            if (queue[k].open) return (true, k);
        }
        return (false, 0);
    }

    /// @dev The quarter after `last` (2024-Q1 when nothing is live), `skip` more quarters further on.
    function _nextQuarter(uint64 last, uint256 skip) internal pure returns (uint64 next) {
        next = last == 0 ? 20241 : last;
        for (uint256 i; i <= skip; ++i) {
            if (last == 0 && i == 0) continue;
            next = next % 10 == 4 ? (next / 10 + 1) * 10 + 1 : next + 1;
        }
    }

    function _isPending(uint64 epoch) internal view returns (bool) {
        IBountyVault.EpochInfo memory info = vault.epochInfo(epoch);
        return info.status == IBountyVault.EpochStatus.Posted && block.timestamp < info.activatesAt;
    }

    function _isClaimable(uint64 epoch) internal view returns (bool) {
        IBountyVault.EpochInfo memory info = vault.epochInfo(epoch);
        return info.status == IBountyVault.EpochStatus.Posted && block.timestamp >= info.activatesAt
            && block.timestamp < info.expiresAt;
    }

    /// @dev Active, and everything it could pay is paid: closable before its window ends.
    function _isPaidOut(uint64 epoch) internal view returns (bool) {
        return _isClaimable(epoch) && vault.epochInfo(epoch).remaining == 0;
    }

    function _isDisputed(uint64 epoch) internal view returns (bool) {
        return vault.epochInfo(epoch).status == IBountyVault.EpochStatus.Disputed;
    }

    function _isVetoed(uint64 epoch) internal view returns (bool) {
        return vault.epochInfo(epoch).status == IBountyVault.EpochStatus.Vetoed;
    }

    function _isPosted(uint64 epoch) internal view returns (bool) {
        return vault.epochInfo(epoch).status == IBountyVault.EpochStatus.Posted;
    }

    function _isExpired(uint64 epoch) internal view returns (bool) {
        IBountyVault.EpochInfo memory info = vault.epochInfo(epoch);
        return info.status == IBountyVault.EpochStatus.Posted && block.timestamp >= info.expiresAt;
    }

    /// @dev Counts the vault's Claimed events since `vm.recordLogs()`.
    function _tally() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(vault) || logs[i].topics[0] != IBountyVault.Claimed.selector) continue;
            uint64 epoch = uint64(uint256(logs[i].topics[1]));
            (uint256 index, uint256 amount) = abi.decode(logs[i].data, (uint256, uint256));
            if (++payCount[epoch][index] > 1) paidTwice = true;
            // The handler claims under the epoch's current root only; the vault must never have paid another.
            if (paidRoot[epoch] == bytes32(0)) paidRoot[epoch] = expectedRoot[epoch];
            else if (paidRoot[epoch] != expectedRoot[epoch]) paidUnderTwoRoots = true;
            ghostClaimed[epoch] += amount;
            ghostPaid += amount;
        }
    }
}
