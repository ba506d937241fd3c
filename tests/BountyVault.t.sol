// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {deployVault} from "./utils/DeployVault.sol";
import {IBountyVault} from "../contracts/interfaces/IBountyVault.sol";
import {MockERC20} from "./mocks/MockERC20.sol";
import {MockFeeOnTransferERC20} from "./mocks/MockFeeOnTransferERC20.sol";
import {MockReentrantERC20} from "./mocks/MockReentrantERC20.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";
import {VaultTestBase} from "./utils/VaultTestBase.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Unit tests: every path and every revert of BountyVault, with real StandardMerkleTrees.
contract BountyVaultTest is VaultTestBase {
    using MerkleHelper for MerkleHelper.Tree;

    uint64 internal constant EPOCH = 20262;
    address[] internal accounts;
    uint256[] internal amounts;
    MerkleHelper.Tree internal tree;

    function setUp() public override {
        super.setUp();
        (accounts, amounts) = _allocation("helper", 7, 100e18); // 100 + 200 + ... + 700 = 2 800
    }

    function _postDefault() internal returns (MerkleHelper.Tree memory t) {
        t = _postTree(EPOCH, accounts, amounts);
        tree = t;
    }

    /// @dev The claim of leaf `i` of tree `t` for `epoch`, under `t`'s root (as a claims file gives it).
    function _claimOf(uint64 epoch, MerkleHelper.Tree memory t, uint256 i)
        internal
        view
        returns (IBountyVault.Claim[] memory claims)
    {
        claims = new IBountyVault.Claim[](1);
        claims[0] = IBountyVault.Claim(epoch, t.root(), i, amounts[i], t.getProof(i));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Construction and views
    // ---------------------------------------------------------------------------------------------------------------

    function test_constructor_setsConfig() public view {
        assertEq(vault.token(), address(token));
        assertEq(vault.config().signers.length, 3);
        for (uint256 i; i < 3; ++i) {
            assertEq(vault.config().signers[i], signerAddrs[i]);
            assertTrue(vault.isSigner(signerAddrs[i]));
        }
        assertFalse(vault.isSigner(guardian));
        assertEq(vault.config().threshold, 2);
        assertEq(vault.config().epochCap, EPOCH_CAP);
        assertEq(vault.config().challengePeriod, CHALLENGE_PERIOD);
        assertEq(vault.config().claimWindow, CLAIM_WINDOW);
        assertEq(vault.config().guardian, guardian);
        assertFalse(vault.paused());
        assertEq(vault.nonce(), 0);
        assertEq(vault.lastEpoch(), 0);
        assertEq(vault.reserved(), 0);
        assertEq(vault.available(), FUNDING);
    }

    function test_constructor_emitsConfigUpdated() public {
        IBountyVault.Config memory c = _config(2, 0, 1, CLAIM_WINDOW);
        vm.expectEmit();
        emit IBountyVault.ConfigUpdated(c.signers, 2, 0, 1, CLAIM_WINDOW, guardian, DISPUTE_BOND, 0, 1);
        deployVault(token, IBountyVault.Cadence.Quarterly, c);
    }

    function test_constructor_revertsOnTokenWithoutCode() public {
        vm.expectRevert(IBountyVault.InvalidToken.selector);
        deployVault(IERC20(address(0)), IBountyVault.Cadence.Quarterly, _config(2, 0, 0, CLAIM_WINDOW));
        vm.expectRevert(IBountyVault.InvalidToken.selector);
        deployVault(IERC20(makeAddr("eoa")), IBountyVault.Cadence.Quarterly, _config(2, 0, 0, CLAIM_WINDOW));
    }

    function test_constructor_revertsOnBadThreshold() public {
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidThreshold.selector, 0, 3));
        deployVault(token, IBountyVault.Cadence.Quarterly, _config(0, 0, 0, CLAIM_WINDOW));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidThreshold.selector, 4, 3));
        deployVault(token, IBountyVault.Cadence.Quarterly, _config(4, 0, 0, CLAIM_WINDOW));
        IBountyVault.Config memory c = _config(1, 0, 0, CLAIM_WINDOW);
        c.signers = new address[](0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidThreshold.selector, 1, 0));
        deployVault(token, IBountyVault.Cadence.Quarterly, c);
    }

    function test_constructor_revertsOnZeroOrDuplicateSigner() public {
        IBountyVault.Config memory c = _config(2, 0, 0, CLAIM_WINDOW);
        c.signers[1] = address(0);
        vm.expectRevert(IBountyVault.ZeroSigner.selector);
        deployVault(token, IBountyVault.Cadence.Quarterly, c);
        c.signers[1] = c.signers[2];
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.DuplicateSigner.selector, c.signers[2]));
        deployVault(token, IBountyVault.Cadence.Quarterly, c);
    }

    function test_constructor_revertsOnMoreThan32Signers() public {
        IBountyVault.Config memory c = _config(2, 0, 0, CLAIM_WINDOW);
        c.signers = new address[](33);
        for (uint256 i; i < 33; ++i) {
            c.signers[i] = address(uint160(0x1000 + i));
        }
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.TooManySigners.selector, 33, 32));
        deployVault(token, IBountyVault.Cadence.Quarterly, c);
        // 32 is fine
        address[] memory s32 = new address[](32);
        for (uint256 i; i < 32; ++i) {
            s32[i] = c.signers[i];
        }
        c.signers = s32;
        assertEq(deployVault(token, IBountyVault.Cadence.Quarterly, c).config().signers.length, 32);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Funding
    // ---------------------------------------------------------------------------------------------------------------

    function test_fund_pullsAndEmits() public {
        token.mint(address(this), 10e18);
        token.approve(address(vault), 10e18);
        vm.expectEmit(address(vault));
        emit IBountyVault.Funded(address(this), 10e18);
        vault.fund(10e18);
        assertEq(token.balanceOf(address(vault)), FUNDING + 10e18);
        assertEq(vault.available(), FUNDING + 10e18);
    }

    function test_fund_revertsOnZero() public {
        vm.expectRevert(IBountyVault.ZeroAmount.selector);
        vault.fund(0);
    }

    function test_fund_revertsWithoutAllowance() public {
        token.mint(address(this), 10e18);
        vm.expectRevert();
        vault.fund(10e18);
    }

    function test_plainTransferCountsAsAvailable() public {
        token.mint(address(this), 7e18);
        token.transfer(address(vault), 7e18);
        assertEq(vault.available(), FUNDING + 7e18);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Posting
    // ---------------------------------------------------------------------------------------------------------------

    function test_postRoot_storesEpochAndReserves() public {
        tree = MerkleHelper.build(accounts, amounts);
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, tree.root(), 2800e18, 7);
        e.usdPerToken = 4.25e18;
        vm.expectEmit(address(vault));
        emit IBountyVault.RootPosted(
            EPOCH,
            e.root,
            2800e18,
            7,
            e.metadataHash,
            4.25e18,
            uint40(block.timestamp + CHALLENGE_PERIOD),
            uint40(block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW),
            0
        );
        _post(e);

        IBountyVault.EpochInfo memory info = vault.epochInfo(EPOCH);
        assertEq(uint8(info.status), uint8(IBountyVault.EpochStatus.Posted));
        assertEq(info.root, e.root);
        assertEq(info.total, 2800e18);
        assertEq(info.remaining, 2800e18);
        assertEq(info.count, 7);
        assertEq(info.postedAt, block.timestamp);
        assertEq(info.activatesAt, block.timestamp + CHALLENGE_PERIOD);
        assertEq(info.expiresAt, block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW);
        assertEq(info.metadataHash, e.metadataHash);
        assertEq(info.usdPerToken, 4.25e18);
        assertEq(vault.lastEpoch(), EPOCH);
        assertEq(vault.nonce(), 1);
        assertEq(vault.reserved(), 2800e18);
        assertEq(vault.available(), FUNDING - 2800e18);
    }

    function test_postRoot_emptyEpochIsAllowed() public {
        _post(_epochRoot(EPOCH, bytes32(uint256(1)), 0, 0));
        assertEq(vault.lastEpoch(), EPOCH);
        assertEq(vault.reserved(), 0);
    }

    function test_postRoot_anyoneMaySubmit() public {
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), 1, 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.prank(makeAddr("relayer"));
        vault.postRoot(e, sigs);
        assertEq(vault.lastEpoch(), EPOCH);
    }

    /// @notice Every epoch expires, within bounds: so the live set a pause freezes always empties in time.
    function test_config_boundsTheScheduleSoEveryEpochExpires() public {
        uint256 maxWindow = vault.MAX_CLAIM_WINDOW();
        uint256 maxChallenge = vault.MAX_CHALLENGE_PERIOD();
        assertEq(maxWindow, 730 days);
        assertEq(maxChallenge, 90 days);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidClaimWindow.selector, 0, maxWindow));
        deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, 0, CHALLENGE_PERIOD, 0));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidClaimWindow.selector, maxWindow + 1, maxWindow));
        deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, 0, CHALLENGE_PERIOD, uint32(maxWindow + 1)));
        vm.expectRevert(
            abi.encodeWithSelector(IBountyVault.InvalidChallengePeriod.selector, maxChallenge + 1, maxChallenge)
        );
        deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, 0, uint32(maxChallenge + 1), CLAIM_WINDOW));
        IBountyVault longest =
            deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, 0, uint32(maxChallenge), uint32(maxWindow)));
        assertEq(longest.config().claimWindow, maxWindow);
        // A queued change is checked when it is queued.
        IBountyVault.Config memory never = _config(2, 0, CHALLENGE_PERIOD, 0);
        uint256 n = vault.nonce();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashUpdateConfig(never, n));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidClaimWindow.selector, 0, maxWindow));
        vault.queueUpdateConfig(never, n, sigs);
    }

    function test_postRoot_revertsOnZeroRoot() public {
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(0), 1, 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(IBountyVault.ZeroRoot.selector);
        vault.postRoot(e, sigs);
    }

    function test_postRoot_revertsOnEmptyTreeWithTotal() public {
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), 1, 0);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(IBountyVault.EmptyTree.selector);
        vault.postRoot(e, sigs);
    }

    function test_postRoot_revertsOnAnEpochAlreadyPostedAndTakesAnEarlierUnpostedOne() public {
        _post(_epochRoot(EPOCH, bytes32(uint256(1)), 1, 1));
        IBountyVault.EpochRoot memory again = _epochRoot(EPOCH, bytes32(uint256(2)), 1, 1);
        IBountyVault.SignerSignature[] memory againSigs = _sigs2(vault.hashEpochRoot(again));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochAlreadyPosted.selector, EPOCH));
        vault.postRoot(again, againSigs);
        // A period that was never posted may still be (a late post); lastEpoch stays the highest posted.
        _post(_epochRoot(EPOCH - 1, bytes32(uint256(2)), 1, 1));
        assertEq(vault.lastEpoch(), EPOCH);
        // epoch 0 can never be posted (it is no period's number)
        vault = deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, 0, 0, CLAIM_WINDOW));
        IBountyVault.EpochRoot memory zero = _epochRoot(0, bytes32(uint256(2)), 0, 0);
        IBountyVault.SignerSignature[] memory zeroSigs = _sigs2(vault.hashEpochRoot(zero));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.MalformedEpoch.selector, 0, IBountyVault.Cadence.Quarterly));
        vault.postRoot(zero, zeroSigs);
    }

    function test_postRoot_revertsOverEpochCap() public {
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), EPOCH_CAP + 1, 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.OverEpochCap.selector, EPOCH_CAP + 1, EPOCH_CAP));
        vault.postRoot(e, sigs);
        // exactly the cap is fine
        _post(_epochRoot(EPOCH, bytes32(uint256(1)), EPOCH_CAP, 1));
    }

    /// @dev A zero epochCap, or one above 2^96 - 1, leaves the hard cap: the width of an epoch's remainder.
    function test_postRoot_zeroCapMeansTheHardCap() public {
        uint128 hardCap = type(uint96).max;
        for (uint128 cap; cap <= 1; ++cap) {
            vault = deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, cap * 1e30, 0, CLAIM_WINDOW));
            token.mint(address(vault), uint256(hardCap) + 1);
            IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), hardCap + 1, 1);
            IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
            vm.expectRevert(abi.encodeWithSelector(IBountyVault.OverEpochCap.selector, hardCap + 1, hardCap));
            vault.postRoot(e, sigs);
            _post(_epochRoot(EPOCH, bytes32(uint256(1)), hardCap, 1));
            assertEq(vault.reserved(), hardCap);
            assertEq(vault.epochInfo(EPOCH).remaining, hardCap);
        }
    }

    function test_postRoot_revertsWhenNotFullyFunded() public {
        vault = deployVault(token, IBountyVault.Cadence.Quarterly, _config(2, 0, 0, CLAIM_WINDOW));
        token.mint(address(vault), 100);
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), 101, 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InsufficientAvailable.selector, 101, 100));
        vault.postRoot(e, sigs);
        // a second epoch cannot draw on the first one's reserve
        _post(_epochRoot(EPOCH, bytes32(uint256(1)), 60, 1));
        e = _epochRoot(EPOCH + 1, bytes32(uint256(2)), 41, 1);
        sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InsufficientAvailable.selector, 41, 40));
        vault.postRoot(e, sigs);
    }

    function test_postRoot_revertsWhenPaused() public {
        vm.prank(guardian);
        vault.pause();
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), 1, 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.postRoot(e, sigs);
    }

    function test_postRoot_revertsOnWrongNonce() public {
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), 1, 1);
        e.nonce = 1;
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.WrongNonce.selector, 1, 0));
        vault.postRoot(e, sigs);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Signature rules (postRoot stands for every threshold-signed action: they share one checker)
    // ---------------------------------------------------------------------------------------------------------------

    function _rootAndDigest() internal view returns (IBountyVault.EpochRoot memory e, bytes32 digest) {
        e = _epochRoot(EPOCH, bytes32(uint256(1)), 1, 1);
        digest = vault.hashEpochRoot(e);
    }

    function test_signatures_allThreeAccepted() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        uint256[] memory which = new uint256[](3);
        (which[0], which[1], which[2]) = (0, 1, 2);
        vault.postRoot(e, _sigs(digest, which));
        assertEq(vault.lastEpoch(), EPOCH);
    }

    function test_signatures_revertOnTooFew() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        uint256[] memory which = new uint256[](1);
        IBountyVault.SignerSignature[] memory sigs = _sigs(digest, which);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotEnoughSignatures.selector, 1, 2));
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnDescendingOrder() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        uint256[] memory which = new uint256[](2);
        (which[0], which[1]) = (1, 0);
        IBountyVault.SignerSignature[] memory sigs = _sigs(digest, which);
        vm.expectRevert(
            abi.encodeWithSelector(IBountyVault.SignersNotAscending.selector, signerAddrs[1], signerAddrs[0])
        );
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnDuplicate() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        uint256[] memory which = new uint256[](2);
        (which[0], which[1]) = (2, 2);
        IBountyVault.SignerSignature[] memory sigs = _sigs(digest, which);
        vm.expectRevert(
            abi.encodeWithSelector(IBountyVault.SignersNotAscending.selector, signerAddrs[2], signerAddrs[2])
        );
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnNonSigner() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        (address mallory, uint256 malloryKey) = makeAddrAndKey("mallory");
        IBountyVault.SignerSignature[] memory sigs = new IBountyVault.SignerSignature[](2);
        sigs[0] = IBountyVault.SignerSignature(signerAddrs[0], _sign(signerKeys[0], digest));
        sigs[1] = IBountyVault.SignerSignature(mallory, _sign(malloryKey, digest));
        if (mallory < signerAddrs[0]) (sigs[0], sigs[1]) = (sigs[1], sigs[0]);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotSigner.selector, mallory));
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnZeroSignerEntry() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(digest);
        sigs[0].signer = address(0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.SignersNotAscending.selector, address(0), address(0)));
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnSignatureOfOtherSigner() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(digest);
        sigs[1].signature = _sign(signerKeys[2], digest);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[1]));
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnOtherMessage() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(digest);
        e.total = 2; // signed 1
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[0]));
        vault.postRoot(e, sigs);
    }

    function test_signatures_revertOnHighS() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(digest);
        sigs[1].signature = _malleate(sigs[1].signature);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[1]));
        vault.postRoot(e, sigs);
    }

    function test_signatures_acceptEip2098CompactForm() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(digest);
        (bytes32 r, bytes32 vs) = vm.signCompact(signerKeys[1], digest);
        sigs[1].signature = abi.encodePacked(r, vs);
        vault.postRoot(e, sigs);
        assertEq(vault.lastEpoch(), EPOCH);
    }

    function test_signatures_revertOnGarbageLength() public {
        (IBountyVault.EpochRoot memory e, bytes32 digest) = _rootAndDigest();
        IBountyVault.SignerSignature[] memory sigs = _sigs2(digest);
        sigs[0].signature = hex"1234";
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[0]));
        vault.postRoot(e, sigs);
    }

    // ERC-1271 signers and consents: with a real Safe, in BountyVault.safe.t.sol.

    // ---------------------------------------------------------------------------------------------------------------
    // Veto
    // ---------------------------------------------------------------------------------------------------------------

    function test_veto_bySignerReleasesReserve() public {
        _postDefault();
        vm.expectEmit(address(vault));
        emit IBountyVault.RootVetoed(EPOCH, signerAddrs[2], 2800e18);
        vm.prank(signerAddrs[2]);
        vault.veto(EPOCH);
        IBountyVault.EpochInfo memory info = vault.epochInfo(EPOCH);
        assertEq(uint8(info.status), uint8(IBountyVault.EpochStatus.Vetoed));
        assertEq(info.remaining, 0);
        assertEq(vault.reserved(), 0);
        assertEq(vault.lastEpoch(), EPOCH, "the highest epoch ever posted");
        assertEq(vault.available(), FUNDING);
    }

    function test_veto_byGuardian() public {
        _postDefault();
        vm.prank(guardian);
        vault.veto(EPOCH);
        assertEq(uint8(vault.epochInfo(EPOCH).status), uint8(IBountyVault.EpochStatus.Vetoed));
    }

    function test_veto_revertsForOthers() public {
        _postDefault();
        address mallory = makeAddr("mallory");
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotSignerOrGuardian.selector, mallory));
        vault.veto(EPOCH);
    }

    function test_veto_revertsOnceActiveOrUnposted() public {
        _postDefault();
        _activate();
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotPending.selector, EPOCH));
        vault.veto(EPOCH);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotPending.selector, EPOCH + 1));
        vault.veto(EPOCH + 1);
    }

    function test_veto_revertsTwice() public {
        _postDefault();
        vm.startPrank(guardian);
        vault.veto(EPOCH);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotPending.selector, EPOCH));
        vault.veto(EPOCH);
        vm.stopPrank();
    }

    function test_veto_worksWhilePaused() public {
        _postDefault();
        vm.startPrank(guardian);
        vault.pause();
        vault.veto(EPOCH);
        vm.stopPrank();
        assertEq(vault.reserved(), 0);
    }

    function test_veto_oldSignaturesCannotRepostButFreshOnesCan() public {
        tree = MerkleHelper.build(accounts, amounts);
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, tree.root(), 2800e18, 7);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(e));
        vault.postRoot(e, sigs);
        vm.prank(guardian);
        vault.veto(EPOCH);

        // Replaying the vetoed root's signatures: its nonce is spent.
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.WrongNonce.selector, 0, 1));
        vault.postRoot(e, sigs);
        // The same content with the current nonce needs new signatures...
        e.nonce = 1;
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[0]));
        vault.postRoot(e, sigs);
        // ...which repost the epoch.
        amounts[0] = 50e18;
        tree = MerkleHelper.build(accounts, amounts);
        _post(_epochRoot(EPOCH, tree.root(), 2750e18, 7));
        assertEq(vault.lastEpoch(), EPOCH);
        assertEq(vault.reserved(), 2750e18);
        assertEq(uint8(vault.epochInfo(EPOCH).status), uint8(IBountyVault.EpochStatus.Posted));
        _activate();
        vault.claim(accounts[0], _claimOf(EPOCH, tree, 0));
        assertEq(token.balanceOf(accounts[0]), 50e18);
    }

    /// @notice Finding 7 (design): a vetoed epoch could never be corrected once a later one existed. Any vetoed
    /// epoch may be posted again, in any order; lastEpoch is the highest ever posted.
    function test_veto_anyVetoedEpochMayBePostedAgainInAnyOrder() public {
        (uint64 q1, uint64 q2, uint64 q3) = (_quarter(0), _quarter(1), _quarter(2));
        _post(_epochRoot(q1, bytes32(uint256(1)), 1, 1));
        _post(_epochRoot(q2, bytes32(uint256(2)), 1, 1));
        _post(_epochRoot(q3, bytes32(uint256(3)), 1, 1));
        vm.startPrank(guardian);
        vault.veto(q2);
        vault.veto(q3);
        vault.veto(q1);
        vm.stopPrank();
        assertEq(vault.lastEpoch(), q3);
        assertEq(vault.reserved(), 0);
        _post(_epochRoot(q2, bytes32(uint256(22)), 1, 1));
        _post(_epochRoot(q1, bytes32(uint256(11)), 1, 1));
        assertEq(vault.epochInfo(q1).root, bytes32(uint256(11)));
        assertEq(vault.lastEpoch(), q3);
    }

    function test_veto_aSweptEpochIsNeverPostedAgain() public {
        _postDefault();
        vm.warp(block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW);
        vault.sweep(EPOCH);
        IBountyVault.EpochRoot memory again = _epochRoot(EPOCH, bytes32(uint256(9)), 1, 1);
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashEpochRoot(again));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochAlreadyPosted.selector, EPOCH));
        vault.postRoot(again, sigs);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Claims
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev Epochs of at most 48 leaves keep their claim bits in their claim word, larger ones in the bitmap: on both
    /// sides of the boundary every leaf is paid once (half by claim, half by payBatch), the bits read back, replays
    /// are refused or skipped, and the remainder ends at zero without touching the neighbouring epoch.
    function test_claimBits_smallAndLargeEpochsAcrossTheBoundary() public {
        for (uint256 n = 48; n <= 49; ++n) {
            (address[] memory who, uint256[] memory much) = _allocation(string.concat("edge", vm.toString(n)), n, 1e18);
            MerkleHelper.Tree memory t = _postTree(_quarter(n - 47), who, much);
            uint64 epoch = _quarter(n - 47);
            _activate();
            uint256[] memory rest = new uint256[](n / 2);
            for (uint256 i; i < n; ++i) {
                assertFalse(vault.isClaimed(epoch, i));
                if (i % 2 == 0) vault.claim(who[i], _oneClaim(epoch, i, much[i], t.getProof(i)));
                else rest[i / 2] = i;
            }
            MerkleHelper.Batch memory b = t.getBatch(who, much, rest);
            assertEq(vault.payBatch(epoch, b.indices, b.accounts, b.amounts, b.proof, b.flags), n / 2);
            for (uint256 i; i < n; ++i) {
                assertTrue(vault.isClaimed(epoch, i));
                assertEq(token.balanceOf(who[i]), much[i]);
            }
            assertFalse(vault.isClaimed(epoch, n)); // past the leaves, and past the inline bits for n = 48
            assertEq(vault.epochInfo(epoch).remaining, 0);
            vm.expectRevert(abi.encodeWithSelector(IBountyVault.AlreadyClaimed.selector, epoch, n - 1));
            vault.claim(who[n - 1], _oneClaim(epoch, n - 1, much[n - 1], t.getProof(n - 1)));
            assertEq(vault.payBatch(epoch, b.indices, b.accounts, b.amounts, b.proof, b.flags), 0);
        }
        assertFalse(vault.isClaimed(_quarter(3), 0)); // never posted
    }

    function test_claim_paysAccountAndEmits() public {
        _postDefault();
        _activate();
        address relayer = makeAddr("relayer");
        vm.expectEmit(address(vault));
        emit IBountyVault.Claimed(EPOCH, 4, accounts[4], accounts[4], amounts[4]);
        vm.prank(relayer);
        vault.claim(accounts[4], _claimOf(EPOCH, tree, 4));
        assertEq(token.balanceOf(accounts[4]), amounts[4]);
        assertTrue(vault.isClaimed(EPOCH, 4));
        assertFalse(vault.isClaimed(EPOCH, 3));
        assertEq(vault.epochInfo(EPOCH).remaining, 2800e18 - amounts[4]);
        assertEq(vault.reserved(), 2800e18 - amounts[4]);
        assertEq(vault.available(), FUNDING - 2800e18);
    }

    function test_claim_everyLeafOfEveryTreeSize() public {
        uint256[5] memory sizes = [uint256(1), 2, 3, 7, 16];
        for (uint256 s; s < sizes.length; ++s) {
            (address[] memory accs, uint256[] memory amts) =
                _allocation(string.concat("size", vm.toString(sizes[s]), "-"), sizes[s], 1e18);
            uint64 epoch = _quarter(s);
            MerkleHelper.Tree memory t = _postTree(epoch, accs, amts);
            _activate();
            for (uint256 i; i < sizes[s]; ++i) {
                vault.claim(accs[i], _oneClaim(epoch, i, amts[i], t.getProof(i)));
                assertEq(token.balanceOf(accs[i]), amts[i]);
            }
            assertEq(vault.epochInfo(epoch).remaining, 0);
        }
        assertEq(vault.reserved(), 0);
    }

    function test_claim_multiEpochOneTransfer() public {
        _postDefault();
        uint256[] memory amounts2 = new uint256[](7);
        for (uint256 i; i < 7; ++i) {
            amounts2[i] = 1e18 + i;
        }
        MerkleHelper.Tree memory tree2 = _postTree(EPOCH + 1, accounts, amounts2);
        _activate();

        IBountyVault.Claim[] memory claims = new IBountyVault.Claim[](2);
        claims[0] = _claimOf(EPOCH, 2, amounts[2], tree.getProof(2));
        claims[1] = _claimOf(EPOCH + 1, 2, amounts2[2], tree2.getProof(2));
        vault.claim(accounts[2], claims);
        assertEq(token.balanceOf(accounts[2]), amounts[2] + amounts2[2]);
        assertTrue(vault.isClaimed(EPOCH, 2));
        assertTrue(vault.isClaimed(EPOCH + 1, 2));
        assertEq(vault.reserved(), 2800e18 + (7e18 + 21) - amounts[2] - amounts2[2]);
    }

    function test_claim_multiEpochEmitsOneTransfer() public {
        _postDefault();
        MerkleHelper.Tree memory tree2 = _postTree(EPOCH + 1, accounts, amounts);
        _activate();
        IBountyVault.Claim[] memory claims = new IBountyVault.Claim[](2);
        claims[0] = _claimOf(EPOCH, 1, amounts[1], tree.getProof(1));
        claims[1] = _claimOf(EPOCH + 1, 1, amounts[1], tree2.getProof(1));
        vm.recordLogs();
        vault.claim(accounts[1], claims);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 transfers;
        uint256 claimed;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == IERC20.Transfer.selector) ++transfers;
            if (logs[i].topics[0] == IBountyVault.Claimed.selector) ++claimed;
        }
        assertEq(transfers, 1);
        assertEq(claimed, 2);
        assertEq(token.balanceOf(accounts[1]), 2 * amounts[1]);
    }

    function test_claim_emptyListIsNoop() public {
        vault.claim(accounts[0], new IBountyVault.Claim[](0));
        assertEq(token.balanceOf(accounts[0]), 0);
    }

    function test_claim_zeroAmountLeaf() public {
        amounts[5] = 0;
        tree = _postTree(EPOCH, accounts, amounts);
        _activate();
        vault.claim(accounts[5], _claimOf(EPOCH, tree, 5));
        assertTrue(vault.isClaimed(EPOCH, 5));
        assertEq(token.balanceOf(accounts[5]), 0);
    }

    function test_claim_revertsOnZeroAccount() public {
        vm.expectRevert(IBountyVault.ZeroRecipient.selector);
        vault.claim(address(0), new IBountyVault.Claim[](0));
    }

    function test_claim_revertsTwice() public {
        _postDefault();
        _activate();
        vault.claim(accounts[0], _claimOf(EPOCH, tree, 0));
        IBountyVault.Claim[] memory again = _claimOf(EPOCH, tree, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.AlreadyClaimed.selector, EPOCH, 0));
        vault.claim(accounts[0], again);
    }

    function test_claim_revertsOnSameLeafTwiceInOneCall() public {
        _postDefault();
        _activate();
        IBountyVault.Claim[] memory claims = new IBountyVault.Claim[](2);
        claims[0] = _claimOf(EPOCH, 0, amounts[0], tree.getProof(0));
        claims[1] = claims[0];
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.AlreadyClaimed.selector, EPOCH, 0));
        vault.claim(accounts[0], claims);
    }

    function test_claim_revertsBeforeActivation() public {
        _postDefault();
        uint256 activatesAt = block.timestamp + CHALLENGE_PERIOD;
        vm.warp(activatesAt - 1);
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochPending.selector, EPOCH, activatesAt));
        vault.claim(accounts[0], claims);
        vm.warp(activatesAt);
        vault.claim(accounts[0], claims);
    }

    function test_claim_revertsAtExpiry() public {
        _postDefault();
        uint256 expiresAt = block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW;
        vm.warp(expiresAt - 1);
        vault.claim(accounts[0], _claimOf(EPOCH, tree, 0));
        vm.warp(expiresAt);
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 1);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochExpired.selector, EPOCH, expiresAt));
        vault.claim(accounts[1], claims);
    }

    function test_claim_revertsOnUnpostedVetoedOrSweptEpoch() public {
        _postDefault();
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH + 1, tree, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.UnknownRoot.selector, EPOCH + 1, tree.root()));
        vault.claim(accounts[0], claims);

        vm.prank(guardian);
        vault.veto(EPOCH);
        _activate();
        claims = _claimOf(EPOCH, tree, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochNotLive.selector, EPOCH));
        vault.claim(accounts[0], claims);

        tree = _postTree(EPOCH + 2, accounts, amounts);
        vm.warp(block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW);
        vault.sweep(EPOCH + 2);
        claims = _claimOf(EPOCH + 2, tree, 0);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochNotLive.selector, EPOCH + 2));
        vault.claim(accounts[0], claims);
    }

    function test_claim_revertsOnIndexOutOfRange() public {
        // The tree has 7 leaves but the signers posted count 6: leaf 6 is out of range even with a valid proof.
        tree = MerkleHelper.build(accounts, amounts);
        _post(_epochRoot(EPOCH, tree.root(), 2800e18, 6));
        _activate();
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 6);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.IndexOutOfRange.selector, EPOCH, 6, 6));
        vault.claim(accounts[6], claims);
    }

    function test_claim_revertsOnInvalidProof() public {
        _postDefault();
        _activate();
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 3);
        claims[0].amount += 1; // wrong amount
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidProof.selector, EPOCH, 3));
        vault.claim(accounts[3], claims);
        claims = _claimOf(EPOCH, tree, 3);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidProof.selector, EPOCH, 3));
        vault.claim(accounts[2], claims); // wrong account
        claims[0].proof[0] = bytes32(uint256(claims[0].proof[0]) ^ 1);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidProof.selector, EPOCH, 3));
        vault.claim(accounts[3], claims); // tampered proof
    }

    function test_claim_revertsWhenTreeExceedsPostedTotal() public {
        // A faulty tree whose leaves sum to more than the posted total cannot draw on other money.
        tree = MerkleHelper.build(accounts, amounts);
        _post(_epochRoot(EPOCH, tree.root(), 1000e18, 7));
        _activate();
        vault.claim(accounts[6], _claimOf(EPOCH, tree, 6)); // 700, 300 left
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 3); // 400
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.ExceedsEpochTotal.selector, EPOCH, 400e18, 300e18));
        vault.claim(accounts[3], claims);
    }

    function test_claim_revertsWhenPaused() public {
        _postDefault();
        _activate();
        vm.prank(signerAddrs[0]);
        vault.pause();
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 0);
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.claim(accounts[0], claims);
        vm.prank(accounts[0]);
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.claimTo(accounts[1], claims);
    }

    function test_claimTo_paysCallersClaimElsewhere() public {
        _postDefault();
        _activate();
        address cold = makeAddr("cold wallet");
        vm.expectEmit(address(vault));
        emit IBountyVault.Claimed(EPOCH, 2, accounts[2], cold, amounts[2]);
        vm.prank(accounts[2]);
        vault.claimTo(cold, _claimOf(EPOCH, tree, 2));
        assertEq(token.balanceOf(cold), amounts[2]);
        assertEq(token.balanceOf(accounts[2]), 0);
    }

    function test_claimTo_cannotTakeSomeoneElsesClaim() public {
        _postDefault();
        _activate();
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 2);
        vm.prank(accounts[1]);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidProof.selector, EPOCH, 2));
        vault.claimTo(accounts[1], claims);
    }

    function test_claimTo_revertsOnZeroRecipient() public {
        vm.expectRevert(IBountyVault.ZeroRecipient.selector);
        vault.claimTo(address(0), new IBountyVault.Claim[](0));
    }

    function _consentFor(string memory name, uint256 index) internal returns (uint256 key) {
        address account;
        (account, key) = makeAddrAndKey(name);
        accounts[index] = account;
    }

    function test_claimWithSig_eoaConsent() public {
        uint256 key = _consentFor("gasless helper", 5);
        _postDefault();
        _activate();
        address recipient = makeAddr("new wallet");
        uint256 deadline = block.timestamp + 1 days;
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 5);
        bytes memory sig = _consent(key, accounts[5], recipient, claims, deadline);
        vm.prank(makeAddr("relayer"));
        vault.claimWithSig(accounts[5], recipient, deadline, claims, sig);
        assertEq(token.balanceOf(recipient), amounts[5]);
    }

    function test_claimWithSig_revertsAfterDeadline() public {
        uint256 key = _consentFor("late helper", 1);
        _postDefault();
        _activate();
        uint256 deadline = block.timestamp - 1;
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 1);
        bytes memory sig = _consent(key, accounts[1], accounts[1], claims, deadline);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.SignatureExpired.selector, deadline));
        vault.claimWithSig(accounts[1], accounts[1], deadline, claims, sig);
    }

    function test_claimWithSig_revertsOnOtherRecipientOrSigner() public {
        uint256 key = _consentFor("careful helper", 1);
        _postDefault();
        _activate();
        uint256 deadline = block.timestamp + 1;
        address recipient = makeAddr("recipient");
        IBountyVault.Claim[] memory claims = _claimOf(EPOCH, tree, 1);
        bytes memory sig = _consent(key, accounts[1], recipient, claims, deadline);
        address thief = makeAddr("thief");
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, accounts[1]));
        vault.claimWithSig(accounts[1], thief, deadline, claims, sig);
        bytes memory otherSig = _consent(signerKeys[0], accounts[1], recipient, claims, deadline);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, accounts[1]));
        vault.claimWithSig(accounts[1], recipient, deadline, claims, otherSig);
        vm.expectRevert(IBountyVault.ZeroRecipient.selector);
        vault.claimWithSig(accounts[1], address(0), deadline, claims, sig);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // payBatch
    // ---------------------------------------------------------------------------------------------------------------

    function _batch(MerkleHelper.Tree memory t, uint256[] memory which)
        internal
        view
        returns (MerkleHelper.Batch memory)
    {
        return t.getBatch(accounts, amounts, which);
    }

    function _payBatch(uint64 epoch, MerkleHelper.Batch memory b) internal returns (uint256) {
        return vault.payBatch(epoch, b.indices, b.accounts, b.amounts, b.proof, b.flags);
    }

    function _range(uint256 from, uint256 to) internal pure returns (uint256[] memory r) {
        r = new uint256[](to - from);
        for (uint256 i; i < r.length; ++i) {
            r[i] = from + i;
        }
    }

    function test_payBatch_paysEveryLeaf() public {
        _postDefault();
        _activate();
        assertEq(_payBatch(EPOCH, _batch(tree, _range(0, 7))), 7);
        for (uint256 i; i < 7; ++i) {
            assertEq(token.balanceOf(accounts[i]), amounts[i]);
            assertTrue(vault.isClaimed(EPOCH, i));
        }
        assertEq(vault.reserved(), 0);
        assertEq(vault.epochInfo(EPOCH).remaining, 0);
    }

    function test_payBatch_subsetThenResumeSkipsPaid() public {
        _postDefault();
        _activate();
        uint256[] memory some = new uint256[](3);
        (some[0], some[1], some[2]) = (1, 4, 6);
        assertEq(_payBatch(EPOCH, _batch(tree, some)), 3);
        // one helper claims by themselves in between
        vault.claim(accounts[0], _claimOf(EPOCH, tree, 0));
        // the re-run pays only the 3 leaves still unpaid, and does not revert
        assertEq(_payBatch(EPOCH, _batch(tree, _range(0, 7))), 3);
        for (uint256 i; i < 7; ++i) {
            assertEq(token.balanceOf(accounts[i]), amounts[i]);
        }
        assertEq(_payBatch(EPOCH, _batch(tree, _range(0, 7))), 0);
        assertEq(vault.reserved(), 0);
    }

    function test_payBatch_emptyIsNoop() public {
        _postDefault();
        _activate();
        MerkleHelper.Batch memory b = _batch(tree, new uint256[](0));
        assertEq(b.proof.length, 1); // [root]: OpenZeppelin would accept it, the vault pays nothing
        assertEq(_payBatch(EPOCH, b), 0);
        assertEq(vault.reserved(), 2800e18);
    }

    function test_payBatch_revertsOnLengthMismatch() public {
        _postDefault();
        _activate();
        MerkleHelper.Batch memory b = _batch(tree, _range(0, 2));
        b.amounts = new uint256[](1);
        vm.expectRevert(IBountyVault.LengthMismatch.selector);
        _payBatch(EPOCH, b);
        b = _batch(tree, _range(0, 2));
        b.accounts = new address[](3);
        vm.expectRevert(IBountyVault.LengthMismatch.selector);
        _payBatch(EPOCH, b);
    }

    function test_payBatch_revertsOnInvalidMultiproof() public {
        _postDefault();
        _activate();
        MerkleHelper.Batch memory b = _batch(tree, _range(2, 5));
        b.amounts[1] += 1;
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidProof.selector, EPOCH, b.indices[0]));
        _payBatch(EPOCH, b);
        b = _batch(tree, _range(2, 5));
        b.flags[0] = !b.flags[0];
        vm.expectRevert(); // malformed multiproof: InvalidProof or OpenZeppelin's MerkleProofInvalidMultiproof
        _payBatch(EPOCH, b);
    }

    function test_payBatch_revertsOnIndexOutOfRange() public {
        tree = MerkleHelper.build(accounts, amounts);
        _post(_epochRoot(EPOCH, tree.root(), 2800e18, 6));
        _activate();
        MerkleHelper.Batch memory b = _batch(tree, _range(0, 7));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.IndexOutOfRange.selector, EPOCH, 6, 6));
        _payBatch(EPOCH, b);
    }

    function test_payBatch_revertsWhenOverTotal() public {
        tree = MerkleHelper.build(accounts, amounts);
        _post(_epochRoot(EPOCH, tree.root(), 2000e18, 7));
        _activate();
        // Leaves are paid one by one in the multiproof's order; the first that would exceed the remainder reverts the
        // whole batch, and nothing of it is paid.
        vm.expectPartialRevert(IBountyVault.ExceedsEpochTotal.selector);
        _payBatch(EPOCH, _batch(tree, _range(0, 7)));
        assertEq(vault.epochInfo(EPOCH).remaining, 2000e18);
        assertEq(token.balanceOf(accounts[0]), 0);
    }

    function test_payBatch_revertsWhenPausedPendingExpiredOrNotLive() public {
        _postDefault();
        MerkleHelper.Batch memory b = _batch(tree, _range(0, 7));
        vm.expectRevert(
            abi.encodeWithSelector(IBountyVault.EpochPending.selector, EPOCH, block.timestamp + CHALLENGE_PERIOD)
        );
        _payBatch(EPOCH, b);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.UnknownRoot.selector, EPOCH + 1, bytes32(0)));
        _payBatch(EPOCH + 1, b);
        uint256 expiresAt = block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW;
        _activate();
        vm.prank(guardian);
        vault.pause();
        vm.expectRevert(IBountyVault.IsPaused.selector);
        _payBatch(EPOCH, b);
        _unpause();
        // The pause (the unpause's delay) did not count: the window ends that much later.
        assertEq(vault.epochInfo(EPOCH).expiresAt, expiresAt + CHALLENGE_PERIOD);
        expiresAt += CHALLENGE_PERIOD;
        vm.warp(expiresAt);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochExpired.selector, EPOCH, expiresAt));
        _payBatch(EPOCH, b);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sweep
    // ---------------------------------------------------------------------------------------------------------------

    function test_sweep_returnsExactlyThatEpochsRemainder() public {
        _postDefault();
        MerkleHelper.Tree memory later = _postTree(EPOCH + 1, accounts, amounts);
        _activate();
        vault.claim(accounts[6], _claimOf(EPOCH, tree, 6));
        vm.warp(block.timestamp + CLAIM_WINDOW - 1 days); // epoch 1 expires, epoch 2 was posted at the same time
        vm.expectRevert(
            abi.encodeWithSelector(IBountyVault.NotExpired.selector, EPOCH, vault.epochInfo(EPOCH).expiresAt)
        );
        vault.sweep(EPOCH);
        vm.warp(vault.epochInfo(EPOCH).expiresAt);
        vm.expectEmit(address(vault));
        emit IBountyVault.Swept(EPOCH, 2100e18);
        vm.prank(makeAddr("anyone"));
        vault.sweep(EPOCH);
        assertEq(uint8(vault.epochInfo(EPOCH).status), uint8(IBountyVault.EpochStatus.Swept));
        assertEq(vault.reserved(), 2800e18);
        assertEq(vault.available(), FUNDING - 700e18 - 2800e18);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochNotLive.selector, EPOCH));
        vault.sweep(EPOCH);
        later; // the later epoch (posted in the same block) expired too; sweeping one leaves the other alone
        assertEq(uint8(vault.epochInfo(EPOCH + 1).status), uint8(IBountyVault.EpochStatus.Posted));
    }

    function test_sweep_otherEpochsStayClaimable() public {
        _postDefault();
        vm.warp(block.timestamp + 30 days);
        MerkleHelper.Tree memory later = _postTree(EPOCH + 1, accounts, amounts);
        vm.warp(vault.epochInfo(EPOCH).expiresAt);
        vault.sweep(EPOCH);
        vault.claim(accounts[0], _claimOf(EPOCH + 1, later, 0));
        assertEq(token.balanceOf(accounts[0]), amounts[0]);
    }

    function test_sweep_revertsOnUnpostedOrVetoed() public {
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochNotLive.selector, EPOCH));
        vault.sweep(EPOCH);
        _postDefault();
        vm.prank(guardian);
        vault.veto(EPOCH);
        vm.warp(block.timestamp + 365 days);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.EpochNotLive.selector, EPOCH));
        vault.sweep(EPOCH);
    }

    function test_sweep_revertsWhilePausedAndThePauseDoesNotCount() public {
        _postDefault();
        uint256 reserved = vault.reserved();
        vm.warp(block.timestamp + CHALLENGE_PERIOD + CLAIM_WINDOW - 1 hours);
        vm.prank(guardian);
        vault.pause();
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.sweep(EPOCH);
        _unpause();
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotExpired.selector, EPOCH, block.timestamp + 1 hours));
        vault.sweep(EPOCH);
        vm.warp(block.timestamp + 1 hours);
        vault.sweep(EPOCH);
        assertEq(vault.reserved(), reserved - vault.epochInfo(EPOCH).total);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------------------------

    function test_pause_bySignerOrGuardianAndUnpauseByThreshold() public {
        vm.expectEmit(address(vault));
        emit IBountyVault.Paused(signerAddrs[1], 1);
        vm.prank(signerAddrs[1]);
        vault.pause();
        assertTrue(vault.paused());
        assertEq(vault.pauseCount(), 1);
        assertTrue(vault.pauseSpent(signerAddrs[1]));
        vm.prank(guardian);
        vm.expectRevert(IBountyVault.IsPaused.selector);
        vault.pause();

        vault.queueUnpause(1, 0, _sigs2(vault.hashUnpause(1, 0)));
        assertTrue(vault.paused()); // queued, then executed after the challenge period
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vm.expectEmit(address(vault));
        emit IBountyVault.Unpaused(1, 0, CHALLENGE_PERIOD);
        vault.executeUnpause(1, 0);
        assertFalse(vault.paused());
        assertEq(vault.nonce(), 1);

        vm.prank(guardian);
        vault.pause();
        assertTrue(vault.paused());
        assertEq(vault.pauseCount(), 2);
    }

    function test_pause_revertsForOthers() public {
        vm.prank(funder);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotSignerOrGuardian.selector, funder));
        vault.pause();
    }

    function test_unpause_reverts() public {
        IBountyVault.SignerSignature[] memory quorum = _sigs2(vault.hashUnpause(1, 0));
        vm.expectRevert(IBountyVault.NotPaused.selector);
        vault.queueUnpause(1, 0, quorum);
        vm.prank(guardian);
        vault.pause();
        uint256[] memory one = new uint256[](1);
        IBountyVault.SignerSignature[] memory sigs = _sigs(vault.hashUnpause(1, 0), one);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotEnoughSignatures.selector, 1, 2));
        vault.queueUnpause(1, 0, sigs);
        sigs = _sigs2(vault.hashUnpause(1, 1));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.WrongNonce.selector, 1, 0));
        vault.queueUnpause(1, 1, sigs);
        sigs = _sigs2(vault.hashUnpause(2, 0));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.WrongPause.selector, 2, 1));
        vault.queueUnpause(2, 0, sigs);
    }

    function test_withdraw_onlyFromAvailable() public {
        _postDefault();
        address treasury = makeAddr("treasury");
        uint256 free = FUNDING - 2800e18;
        // Queued for more than is available: refused when queued (nothing is left armed for a later fund).
        IBountyVault.SignerSignature[] memory tooMuch = _sigs2(vault.hashWithdraw(treasury, free + 1, 1));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InsufficientAvailable.selector, free + 1, free));
        vault.queueWithdraw(treasury, free + 1, 1, tooMuch);

        vault.queueWithdraw(treasury, free, 1, _sigs2(vault.hashWithdraw(treasury, free, 1)));
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vm.expectEmit(address(vault));
        emit IBountyVault.Withdrawn(treasury, free, 1);
        vault.executeWithdraw(treasury, free, 1);
        assertEq(token.balanceOf(treasury), free);
        assertEq(vault.available(), 0);
        assertEq(vault.reserved(), 2800e18);
        assertEq(vault.nonce(), 2);
        // reserved claims still pay out in full
        _payBatch(EPOCH, _batch(tree, _range(0, 7)));
        assertEq(token.balanceOf(address(vault)), 0);
    }

    function test_withdraw_worksWhilePausedAndIsSingleUse() public {
        vm.prank(guardian);
        vault.pause();
        address treasury = makeAddr("treasury");
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashWithdraw(treasury, 1e18, 0));
        bytes32 id = vault.queueWithdraw(treasury, 1e18, 0, sigs);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.WrongNonce.selector, 0, 1));
        vault.queueWithdraw(treasury, 1e18, 0, sigs);
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vault.executeWithdraw(treasury, 1e18, 0);
        assertEq(token.balanceOf(treasury), 1e18);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotQueued.selector, id));
        vault.executeWithdraw(treasury, 1e18, 0);
    }

    function test_withdraw_revertsOnZeroRecipientOrAmount() public {
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashWithdraw(address(0), 1, 0));
        vm.expectRevert(IBountyVault.ZeroRecipient.selector);
        vault.queueWithdraw(address(0), 1, 0, sigs);
        sigs = _sigs2(vault.hashWithdraw(funder, 0, 0));
        vm.expectRevert(IBountyVault.ZeroAmount.selector);
        vault.queueWithdraw(funder, 0, 0, sigs);
    }

    function test_queue_waitsOutTheChallengePeriodAndAnyOneCanCancel() public {
        address treasury = makeAddr("treasury");
        bytes32 digest = vault.hashWithdraw(treasury, 1e18, 0);
        vm.expectEmit(address(vault));
        emit IBountyVault.ActionQueued(
            digest,
            IBountyVault.ActionKind.Withdraw,
            0,
            uint40(block.timestamp + CHALLENGE_PERIOD),
            uint40(block.timestamp + CHALLENGE_PERIOD + 14 days),
            1,
            abi.encode(treasury, 1e18)
        );
        bytes32 id = vault.queueWithdraw(treasury, 1e18, 0, _sigs2(digest));
        assertEq(id, digest);
        IBountyVault.QueuedAction memory queued = vault.queuedAction(id);
        assertEq(queued.eta, block.timestamp + CHALLENGE_PERIOD);
        assertEq(uint8(queued.kind), uint8(IBountyVault.ActionKind.Withdraw));

        vm.warp(block.timestamp + CHALLENGE_PERIOD - 1);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotReady.selector, id, queued.eta));
        vault.executeWithdraw(treasury, 1e18, 0);
        vm.prank(funder);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotSignerOrGuardian.selector, funder));
        vault.cancel(id);
        // One signer who did not sign it stops it.
        vm.expectEmit(address(vault));
        emit IBountyVault.ActionCancelled(id, signerAddrs[2]);
        vm.prank(signerAddrs[2]);
        vault.cancel(id);
        vm.warp(block.timestamp + 1);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotQueued.selector, id));
        vault.executeWithdraw(treasury, 1e18, 0);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotQueued.selector, id));
        vault.cancel(id);
        assertEq(token.balanceOf(treasury), 0);
        assertEq(queued.expiresAt, queued.eta + vault.ACTION_GRACE_PERIOD());
        assertEq(queued.generation, 1);
    }

    function test_queue_disarmingTheVetoIsDelayedByTheOldDelay() public {
        // A stolen quorum tries to remove the guardian and set a zero challenge period, then drain: each step waits
        // the old challenge period, during which the guardian cancels the first.
        IBountyVault.Config memory c = _config(2, 0, 0, CLAIM_WINDOW);
        c.guardian = address(0);
        bytes32 id = vault.queueUpdateConfig(c, 0, _sigs2(vault.hashUpdateConfig(c, 0)));
        assertEq(vault.queuedAction(id).eta, block.timestamp + CHALLENGE_PERIOD);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotReady.selector, id, block.timestamp + CHALLENGE_PERIOD));
        vault.executeUpdateConfig(c, 0);
        vm.prank(guardian);
        vault.cancel(id);
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotQueued.selector, id));
        vault.executeUpdateConfig(c, 0);
        assertEq(vault.config().guardian, guardian);
        assertEq(vault.config().challengePeriod, CHALLENGE_PERIOD);
    }

    function test_updateConfig_replacesEverything() public {
        (address dave, uint256 daveKey) = makeAddrAndKey("dave");
        address[] memory newSigners = new address[](2);
        (newSigners[0], newSigners[1]) = dave < signerAddrs[2] ? (dave, signerAddrs[2]) : (signerAddrs[2], dave);
        IBountyVault.Config memory c = IBountyVault.Config({
            signers: newSigners,
            threshold: 1,
            epochCap: 5e18,
            challengePeriod: 1 days,
            claimWindow: 7 days,
            guardian: address(0),
            disputeBond: 0
        });
        vault.queueUpdateConfig(c, 0, _sigs2(vault.hashUpdateConfig(c, 0)));
        vm.warp(block.timestamp + CHALLENGE_PERIOD);
        vm.expectEmit(address(vault));
        emit IBountyVault.ConfigUpdated(newSigners, 1, 5e18, 1 days, 7 days, address(0), 0, 0, 2);
        vault.executeUpdateConfig(c, 0);

        assertEq(vault.config().signers, newSigners);
        assertFalse(vault.isSigner(signerAddrs[0]));
        assertFalse(vault.isSigner(signerAddrs[1]));
        assertTrue(vault.isSigner(signerAddrs[2]));
        assertTrue(vault.isSigner(dave));
        assertEq(vault.config().threshold, 1);
        assertEq(vault.config().epochCap, 5e18);
        assertEq(vault.config().challengePeriod, 1 days);
        assertEq(vault.config().claimWindow, 7 days);
        assertEq(vault.config().guardian, address(0));
        assertEq(vault.nonce(), 1);

        // the old quorum is gone, dave alone can post now
        IBountyVault.EpochRoot memory e = _epochRoot(EPOCH, bytes32(uint256(1)), 5e18, 1);
        bytes32 digest = vault.hashEpochRoot(e);
        IBountyVault.SignerSignature[] memory old = _sigs2(digest);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotSigner.selector, signerAddrs[0]));
        vault.postRoot(e, old);
        IBountyVault.SignerSignature[] memory daves = new IBountyVault.SignerSignature[](1);
        daves[0] = IBountyVault.SignerSignature(dave, _sign(daveKey, digest));
        vault.postRoot(e, daves);
        assertEq(vault.epochInfo(EPOCH).activatesAt, block.timestamp + 1 days);
        // the old guardian lost its powers
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.NotSignerOrGuardian.selector, guardian));
        vault.pause();
    }

    function test_updateConfig_doesNotChangePostedEpochs() public {
        _postDefault();
        IBountyVault.EpochInfo memory before = vault.epochInfo(EPOCH);
        IBountyVault.Config memory c = _config(2, 0, 0, 1);
        _updateConfig(c); // takes the 3-day challenge period, which is also the epoch's
        IBountyVault.EpochInfo memory afterwards = vault.epochInfo(EPOCH);
        assertEq(afterwards.activatesAt, before.activatesAt);
        assertEq(afterwards.expiresAt, before.expiresAt);
        vm.warp(before.expiresAt - 1);
        vault.claim(accounts[0], _claimOf(EPOCH, tree, 0)); // the old 90-day window, not the new 1-second one
    }

    function test_updateConfig_revertsOnInvalidConfigOrSignatures() public {
        IBountyVault.Config memory c = _config(3, 0, 0, CLAIM_WINDOW);
        c.signers[2] = c.signers[0];
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashUpdateConfig(c, 0));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.DuplicateSigner.selector, c.signers[0]));
        vault.queueUpdateConfig(c, 0, sigs);

        c = _config(4, 0, 0, CLAIM_WINDOW);
        sigs = _sigs2(vault.hashUpdateConfig(c, 0));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidThreshold.selector, 4, 3));
        vault.queueUpdateConfig(c, 0, sigs);

        c = _config(2, 0, 0, CLAIM_WINDOW);
        c.signers[1] = address(0);
        sigs = _sigs2(vault.hashUpdateConfig(c, 0));
        vm.expectRevert(IBountyVault.ZeroSigner.selector);
        vault.queueUpdateConfig(c, 0, sigs);

        c = _config(2, 0, 0, CLAIM_WINDOW);
        IBountyVault.Config memory other = _config(1, 0, 0, CLAIM_WINDOW);
        sigs = _sigs2(vault.hashUpdateConfig(other, 0));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.InvalidSignature.selector, signerAddrs[0]));
        vault.queueUpdateConfig(c, 0, sigs);

        // the failed attempts left everything as it was
        assertEq(vault.config().threshold, 2);
        assertEq(vault.config().signers, _signerList());
        assertEq(vault.nonce(), 0);
    }

    function test_updateConfig_worksWhilePaused() public {
        vm.prank(guardian);
        vault.pause();
        _updateConfig(_config(3, 0, 0, CLAIM_WINDOW));
        assertEq(vault.config().threshold, 3);
        assertTrue(vault.paused());
    }

    function test_nonce_sharedAcrossActions() public {
        // a Withdraw signed for nonce 0 dies when a root is posted with nonce 0
        address treasury = makeAddr("treasury");
        IBountyVault.SignerSignature[] memory sigs = _sigs2(vault.hashWithdraw(treasury, 1e18, 0));
        _post(_epochRoot(EPOCH, bytes32(uint256(1)), 1, 1));
        vm.expectRevert(abi.encodeWithSelector(IBountyVault.WrongNonce.selector, 0, 1));
        vault.queueWithdraw(treasury, 1e18, 0, sigs);
    }
}

/// @notice The vault against unusual tokens: fee-on-transfer (fund counts what arrived) and a token that calls back
/// into the vault during a payout (the reentrancy guard stops it).
contract BountyVaultTokenEdgeTest is VaultTestBase {
    using MerkleHelper for MerkleHelper.Tree;

    function test_fund_emitsAmountActuallyReceived() public {
        MockFeeOnTransferERC20 feeToken = new MockFeeOnTransferERC20();
        IBountyVault feeVault = deployVault(feeToken, IBountyVault.Cadence.Quarterly, _config(2, 0, 0, CLAIM_WINDOW));
        feeToken.mint(address(this), 1000e18);
        feeToken.approve(address(feeVault), 1000e18);
        vm.expectEmit(address(feeVault));
        emit IBountyVault.Funded(address(this), 990e18);
        feeVault.fund(1000e18);
        assertEq(feeVault.available(), 990e18);
    }

    function test_claim_reentryDuringPayoutIsBlocked() public {
        MockReentrantERC20 hookToken = new MockReentrantERC20();
        vault = deployVault(hookToken, IBountyVault.Cadence.Quarterly, _config(2, 0, CHALLENGE_PERIOD, CLAIM_WINDOW));
        hookToken.mint(address(vault), 1000e18);
        (address[] memory accounts, uint256[] memory amounts) = _allocation("reentry", 2, 100e18);
        MerkleHelper.Tree memory tree = _postTree(E1, accounts, amounts);
        _activate();

        // During the payout of leaf 0, the token tries to claim leaf 1 through the vault.
        hookToken.setCallback(
            address(vault),
            abi.encodeCall(IBountyVault.claim, (accounts[1], _oneClaim(E1, 1, amounts[1], tree.getProof(1))))
        );
        vault.claim(accounts[0], _oneClaim(E1, 0, amounts[0], tree.getProof(0)));

        assertTrue(hookToken.callbackAttempted());
        assertFalse(hookToken.callbackSucceeded());
        assertEq(hookToken.callbackRevertData(), abi.encodeWithSignature("ReentrancyGuardReentrantCall()"));
        assertEq(hookToken.balanceOf(accounts[0]), amounts[0]);
        assertEq(hookToken.balanceOf(accounts[1]), 0);
        assertEq(vault.reserved(), amounts[1]);
    }
}
