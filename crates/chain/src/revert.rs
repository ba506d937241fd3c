//! The vault's custom errors, `Error(string)` and `Panic(uint256)` decoded into [`Revert`], whose `Display` is the
//! sentence a signer or helper can act on ("epoch 20262 (2026-Q2) is still pending: claimable from 2026-07-04 00:00
//! UTC"). The sentences state the fact; which command fixes it is the binary's to say.

use crate::bindings::IBountyVault::IBountyVaultErrors;
use alloy::{
    primitives::{Bytes, U256},
    sol_types::{Panic, Revert as StringRevert, SolError, SolInterface},
};
use bounty_core::EpochLabel;
use std::fmt;

/// Why a call reverted, decoded from its revert data.
#[derive(Clone, Debug)]
pub enum Revert {
    /// One of the vault's custom errors.
    Vault(IBountyVaultErrors),
    /// `Error(string)`.
    Message(String),
    /// `Panic(uint256)`.
    Panic(U256),
    /// Data nobody here can decode.
    Unknown(Bytes),
    /// A node that reports a bare revert without data (the node's message).
    Bare(String),
}

impl Revert {
    /// Decodes revert data: the vault's custom errors, `Error(string)`, `Panic(uint256)`, or the raw bytes.
    pub fn decode(data: &[u8]) -> Self {
        if let Ok(e) = IBountyVaultErrors::abi_decode(data) {
            return Self::Vault(e);
        }
        if let Ok(r) = StringRevert::abi_decode(data) {
            return Self::Message(r.reason);
        }
        if let Ok(p) = Panic::abi_decode(data) {
            return Self::Panic(p.code);
        }
        Self::Unknown(Bytes::copy_from_slice(data))
    }
}

impl fmt::Display for Revert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Vault(e) => f.write_str(&describe_vault_error(e)),
            Self::Message(m) => write!(f, "reverted with \"{m}\""),
            Self::Panic(code) => {
                let panic = Panic { code: *code };
                match panic.kind() {
                    Some(kind) => write!(f, "panicked ({kind})"),
                    None => write!(f, "panicked ({code})"),
                }
            }
            Self::Unknown(data) if data.is_empty() => f.write_str("reverted without a reason"),
            Self::Unknown(data) => write!(f, "reverted with unknown data {data}"),
            Self::Bare(message) => f.write_str(message),
        }
    }
}

/// Turns revert data into a sentence (see [`Revert`]).
pub fn decode_revert(data: &[u8]) -> String {
    Revert::decode(data).to_string()
}

/// "20262 (2026-Q2)", "202606 (2026-06)", or the bare number for anything that is no period's number.
pub fn epoch_name(epoch: u64) -> String {
    match EpochLabel::from_any_epoch_number(epoch) {
        Some(label) => format!("{epoch} ({label})"),
        None => epoch.to_string(),
    }
}

/// A unix timestamp as "2026-07-04 00:00 UTC".
pub fn utc(ts: U256) -> String {
    let secs = i64::try_from(ts).unwrap_or(i64::MAX);
    match chrono::DateTime::from_timestamp(secs, 0) {
        Some(t) => t.format("%Y-%m-%d %H:%M UTC").to_string(),
        None => format!("timestamp {ts}"),
    }
}

fn describe_vault_error(e: &IBountyVaultErrors) -> String {
    use IBountyVaultErrors as E;
    match e {
        E::InvalidToken(_) => "the token address has no contract code (is it a token on this chain?)".into(),
        E::ZeroSigner(_) => "a signer in the configuration is the zero address".into(),
        E::DuplicateSigner(x) => format!("signer {} is listed twice in the configuration", x.signer),
        E::TooManySigners(x) => format!("{} signers are configured, the vault allows at most {}", x.count, x.max),
        E::InvalidThreshold(x) => {
            format!("threshold {} is impossible with {} signers (need 1 ≤ m ≤ n)", x.threshold, x.signerCount)
        }
        E::InvalidChallengePeriod(x) => format!(
            "a challenge period of {} s is longer than the vault allows ({} s, {} days)",
            x.challengePeriod,
            x.max,
            x.max / U256::from(86_400)
        ),
        E::InvalidClaimWindow(x) if x.claimWindow.is_zero() => format!(
            "a claim window of 0 is not allowed: every epoch must expire, within {} s ({} days)",
            x.max,
            x.max / U256::from(86_400)
        ),
        E::InvalidClaimWindow(x) => format!(
            "a claim window of {} s is longer than the vault allows ({} s, {} days)",
            x.claimWindow,
            x.max,
            x.max / U256::from(86_400)
        ),
        E::TooManyLiveEpochs(x) => format!(
            "the vault already has {} live epochs, the most it keeps: sweep an expired or paid-out one first \
             (`bounty status` lists them, `bounty sweep EPOCH` closes one)",
            x.max
        ),
        E::UnknownRoot(x) => format!(
            "epoch {} has no posted root {}: it was never posted, or this claims file is not the one that was",
            epoch_name(x.epoch),
            x.root
        ),
        E::NotSigner(x) => format!("{} is not one of the vault's current signers", x.signer),
        E::SignersNotAscending(x) => format!(
            "signatures must be sorted by ascending signer address without duplicates ({} came before {})",
            x.previous, x.next
        ),
        E::InvalidSignature(x) => format!(
            "the signature attributed to {} does not match the message (wrong vault, chain, nonce or data?)",
            x.signer
        ),
        E::NotEnoughSignatures(x) => format!("{} signature(s) given but the threshold is {}", x.given, x.threshold),
        E::WrongNonce(x) => format!(
            "the message was signed for nonce {} but the vault is at nonce {} (another action was signed and sent \
             since; sign again)",
            x.given, x.expected
        ),
        E::ZeroRoot(_) => "the Merkle root is zero".into(),
        E::EmptyTree(_) => "the tree has no leaves but the total is not zero".into(),
        E::EpochAlreadyPosted(x) => format!(
            "epoch {} already has a root that is pending, active, expired or swept; only a vetoed epoch can be posted \
             again",
            epoch_name(x.epoch)
        ),
        E::MalformedEpoch(x) => match x.cadence {
            crate::bindings::IBountyVault::Cadence::Monthly => format!(
                "{} is not a monthly epoch number: this vault is monthly and takes YYYYMM (202606 for 2026-06)",
                x.epoch
            ),
            _ => format!(
                "{} is not a quarterly epoch number: this vault is quarterly and takes YYYYQ (20262 for 2026-Q2)",
                x.epoch
            ),
        },
        E::EpochInFuture(x) => format!(
            "epoch {} has not begun: the vault takes roots for periods up to the current one, {}",
            epoch_name(x.epoch),
            epoch_name(x.current)
        ),
        E::OverEpochCap(x) => format!("the total {} is over the vault's epoch cap {}", x.total, x.cap),
        E::InsufficientAvailable(x) => format!(
            "the vault is not funded for this: needs {} but only {} is available (fund it first)",
            x.needed, x.available
        ),
        E::NotSignerOrGuardian(x) => format!("{} is neither a signer nor the guardian", x.caller),
        E::NotPending(x) => {
            format!("epoch {} is not pending (already active, vetoed or never posted)", epoch_name(x.epoch))
        }
        E::NotExpired(x) => format!(
            "epoch {} has not expired yet and still has something to pay: sweepable from {}",
            epoch_name(x.epoch),
            utc(x.expiresAt)
        ),
        E::IsPaused(_) => "the vault is paused".into(),
        E::NotPaused(_) => "the vault is not paused".into(),
        E::EpochNotLive(x) => format!("epoch {} is not live (never posted, vetoed, or swept)", epoch_name(x.epoch)),
        E::EpochPending(x) => {
            format!("epoch {} is still pending: claimable from {}", epoch_name(x.epoch), utc(x.activatesAt))
        }
        E::EpochExpired(x) => {
            format!("epoch {} expired at {}: its claim window is over", epoch_name(x.epoch), utc(x.expiredAt))
        }
        E::IndexOutOfRange(x) => {
            format!("index {} is out of range for epoch {} ({} leaves)", x.index, epoch_name(x.epoch), x.count)
        }
        E::AlreadyClaimed(x) => format!("leaf {} of epoch {} was already claimed", x.index, epoch_name(x.epoch)),
        E::InvalidProof(x) => format!(
            "the Merkle proof for leaf {} of epoch {} does not match the posted root (wrong claims file?)",
            x.index,
            epoch_name(x.epoch)
        ),
        E::ExceedsEpochTotal(x) => {
            format!("paying {} would exceed what is left of epoch {} ({})", x.amount, epoch_name(x.epoch), x.remaining)
        }
        E::SignatureExpired(x) => format!("the claim consent expired at {}", utc(x.deadline)),
        E::ConsentTooLong(x) => format!(
            "the claim consent runs until {}, but consents may run until {} at the latest (90 days): sign a shorter one",
            utc(x.deadline),
            utc(x.latest)
        ),
        E::ZeroRecipient(_) => "the recipient is the zero address".into(),
        E::LengthMismatch(_) => "the batch arrays have different lengths".into(),
        E::ZeroAmount(_) => "the amount is zero".into(),
        E::NotDisputable(x) => format!(
            "epoch {} cannot be disputed: only a pending root (posted, in its challenge period, not already disputed) can",
            epoch_name(x.epoch)
        ),
        E::NotDisputed(x) => format!("epoch {} has no open dispute", epoch_name(x.epoch)),
        E::DisputeNotExpired(x) => format!(
            "the dispute of epoch {} is still open to the signers: anyone may expire it from {}",
            epoch_name(x.epoch),
            utc(x.expiresAt)
        ),
        E::EpochDisputed(x) => format!(
            "epoch {} is disputed: it pays nothing until the signers resolve the dispute or it expires",
            epoch_name(x.epoch)
        ),
        E::NotQueued(x) => format!("action {} is not queued (never queued, already executed, or cancelled)", x.id),
        E::NotReady(x) => format!(
            "action {} is queued and may be executed from {} (the challenge period); until then one signer or the \
             guardian can cancel it",
            x.id,
            utc(x.eta)
        ),
        E::ActionExpired(x) => format!(
            "action {} could be executed until {} only: its grace period is over, so it must be signed and queued again",
            x.id,
            utc(x.expiredAt)
        ),
        E::ActionVoided(x) => format!(
            "action {} was queued under configuration {} and the vault is at configuration {}: a configuration change \
             voids what the previous signers queued, so it must be signed and queued again",
            x.id, x.queuedUnder, x.current
        ),
        E::CancelTooLate(x) => {
            format!("action {} reached its eta {}: it can no longer be cancelled, only executed", x.id, utc(x.eta))
        }
        E::CancelSpent(x) => format!(
            "{} already cancelled this action once under this configuration; a key cancels the same intent only once",
            x.by
        ),
        E::PauseSpent(x) => format!(
            "{} already paused the vault under this configuration; a key pauses once per configuration (another \
             signer or the guardian still can)",
            x.by
        ),
        E::WrongPause(x) => format!(
            "the unpause names pause {} but the vault is in pause {} (0: not paused); an unpause ends only the pause it \
             was signed for",
            x.given, x.current
        ),
        E::DisputesClosed(_) => {
            "disputes are closed: the vault's dispute bond is 0, so only a signer or the guardian can stop a root (veto)"
                .into()
        }
        E::NoRefund(x) => format!("{} has no credited dispute refund to withdraw", x.account),
        E::NothingToClaim(_) => "the claim consent would pay nothing (no claims, or only zero amounts)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings::IBountyVault as V;
    use alloy::primitives::address;
    use std::collections::BTreeSet;

    #[test]
    fn every_vault_error_reads_as_the_right_sentence() {
        let a = address!("0x1111111111111111111111111111111111111111");
        let b = address!("0x2222222222222222222222222222222222222222");
        let u = U256::from;
        let at = u(1_783_123_200); // 2026-07-04 00:00 UTC
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (V::InvalidToken {}.abi_encode(), "the token address has no contract code (is it a token on this chain?)"),
            (V::ZeroSigner {}.abi_encode(), "a signer in the configuration is the zero address"),
            (V::DuplicateSigner { signer: a }.abi_encode(), "signer 0x1111111111111111111111111111111111111111 is listed twice in the configuration"),
            (V::TooManySigners { count: u(33), max: u(32) }.abi_encode(), "33 signers are configured, the vault allows at most 32"),
            (V::InvalidThreshold { threshold: u(3), signerCount: u(2) }.abi_encode(), "threshold 3 is impossible with 2 signers (need 1 ≤ m ≤ n)"),
            (V::NotSigner { signer: a }.abi_encode(), "0x1111111111111111111111111111111111111111 is not one of the vault's current signers"),
            (V::SignersNotAscending { previous: b, next: a }.abi_encode(), "signatures must be sorted by ascending signer address without duplicates (0x2222222222222222222222222222222222222222 came before 0x1111111111111111111111111111111111111111)"),
            (V::InvalidSignature { signer: a }.abi_encode(), "the signature attributed to 0x1111111111111111111111111111111111111111 does not match the message (wrong vault, chain, nonce or data?)"),
            (V::NotEnoughSignatures { given: u(1), threshold: u(2) }.abi_encode(), "1 signature(s) given but the threshold is 2"),
            (V::WrongNonce { given: u(3), expected: u(4) }.abi_encode(), "the message was signed for nonce 3 but the vault is at nonce 4 (another action was signed and sent since; sign again)"),
            (V::ZeroRoot {}.abi_encode(), "the Merkle root is zero"),
            (V::EmptyTree {}.abi_encode(), "the tree has no leaves but the total is not zero"),
            (V::EpochAlreadyPosted { epoch: 202606 }.abi_encode(), "epoch 202606 (2026-06) already has a root that is pending, active, expired or swept; only a vetoed epoch can be posted again"),
            (V::OverEpochCap { total: u(5), cap: u(4) }.abi_encode(), "the total 5 is over the vault's epoch cap 4"),
            (V::InsufficientAvailable { needed: u(5), available: u(4) }.abi_encode(), "the vault is not funded for this: needs 5 but only 4 is available (fund it first)"),
            (V::NotSignerOrGuardian { caller: a }.abi_encode(), "0x1111111111111111111111111111111111111111 is neither a signer nor the guardian"),
            (V::NotPending { epoch: 7 }.abi_encode(), "epoch 7 is not pending (already active, vetoed or never posted)"),
            (V::NotExpired { epoch: 20262, expiresAt: at }.abi_encode(), "epoch 20262 (2026-Q2) has not expired yet and still has something to pay: sweepable from 2026-07-04 00:00 UTC"),
            (V::IsPaused {}.abi_encode(), "the vault is paused"),
            (V::NotPaused {}.abi_encode(), "the vault is not paused"),
            (V::EpochNotLive { epoch: 20262 }.abi_encode(), "epoch 20262 (2026-Q2) is not live (never posted, vetoed, or swept)"),
            (V::EpochPending { epoch: 20262, activatesAt: at }.abi_encode(), "epoch 20262 (2026-Q2) is still pending: claimable from 2026-07-04 00:00 UTC"),
            (V::EpochExpired { epoch: 20262, expiredAt: at }.abi_encode(), "epoch 20262 (2026-Q2) expired at 2026-07-04 00:00 UTC: its claim window is over"),
            (V::IndexOutOfRange { epoch: 20262, index: u(9), count: u(6) }.abi_encode(), "index 9 is out of range for epoch 20262 (2026-Q2) (6 leaves)"),
            (V::AlreadyClaimed { epoch: 20262, index: u(2) }.abi_encode(), "leaf 2 of epoch 20262 (2026-Q2) was already claimed"),
            (V::InvalidProof { epoch: 20262, index: u(2) }.abi_encode(), "the Merkle proof for leaf 2 of epoch 20262 (2026-Q2) does not match the posted root (wrong claims file?)"),
            (V::ExceedsEpochTotal { epoch: 20262, amount: u(5), remaining: u(4) }.abi_encode(), "paying 5 would exceed what is left of epoch 20262 (2026-Q2) (4)"),
            (V::SignatureExpired { deadline: at }.abi_encode(), "the claim consent expired at 2026-07-04 00:00 UTC"),
            (
                V::ConsentTooLong { deadline: U256::MAX, latest: at }.abi_encode(),
                "the claim consent runs until timestamp 115792089237316195423570985008687907853269984665640564039457584007913129639935, \
                 but consents may run until 2026-07-04 00:00 UTC at the latest (90 days): sign a shorter one",
            ),
            (
                V::MalformedEpoch { epoch: 202606, cadence: V::Cadence::Quarterly }.abi_encode(),
                "202606 is not a quarterly epoch number: this vault is quarterly and takes YYYYQ (20262 for 2026-Q2)",
            ),
            (
                V::MalformedEpoch { epoch: 20262, cadence: V::Cadence::Monthly }.abi_encode(),
                "20262 is not a monthly epoch number: this vault is monthly and takes YYYYMM (202606 for 2026-06)",
            ),
            (
                V::EpochInFuture { epoch: 20271, current: 20264 }.abi_encode(),
                "epoch 20271 (2027-Q1) has not begun: the vault takes roots for periods up to the current one, 20264 (2026-Q4)",
            ),
            (V::ZeroRecipient {}.abi_encode(), "the recipient is the zero address"),
            (
                V::InvalidChallengePeriod { challengePeriod: u(7_776_001), max: u(7_776_000) }.abi_encode(),
                "a challenge period of 7776001 s is longer than the vault allows (7776000 s, 90 days)",
            ),
            (
                V::InvalidClaimWindow { claimWindow: u(0), max: u(63_072_000) }.abi_encode(),
                "a claim window of 0 is not allowed: every epoch must expire, within 63072000 s (730 days)",
            ),
            (
                V::InvalidClaimWindow { claimWindow: u(63_072_001), max: u(63_072_000) }.abi_encode(),
                "a claim window of 63072001 s is longer than the vault allows (63072000 s, 730 days)",
            ),
            (
                V::TooManyLiveEpochs { max: u(32) }.abi_encode(),
                "the vault already has 32 live epochs, the most it keeps: sweep an expired or paid-out one first \
                 (`bounty status` lists them, `bounty sweep EPOCH` closes one)",
            ),
            (
                V::UnknownRoot { epoch: 20262, root: alloy::primitives::B256::repeat_byte(0xab) }.abi_encode(),
                "epoch 20262 (2026-Q2) has no posted root 0xabababababababababababababababababababababababababababababababab: \
                 it was never posted, or this claims file is not the one that was",
            ),
            (V::LengthMismatch {}.abi_encode(), "the batch arrays have different lengths"),
            (V::ZeroAmount {}.abi_encode(), "the amount is zero"),
            (
                V::NotDisputable { epoch: 20262 }.abi_encode(),
                "epoch 20262 (2026-Q2) cannot be disputed: only a pending root (posted, in its challenge period, not already disputed) can",
            ),
            (V::NotDisputed { epoch: 20262 }.abi_encode(), "epoch 20262 (2026-Q2) has no open dispute"),
            (
                V::DisputeNotExpired { epoch: 20262, expiresAt: at }.abi_encode(),
                "the dispute of epoch 20262 (2026-Q2) is still open to the signers: anyone may expire it from 2026-07-04 00:00 UTC",
            ),
            (
                V::EpochDisputed { epoch: 20262 }.abi_encode(),
                "epoch 20262 (2026-Q2) is disputed: it pays nothing until the signers resolve the dispute or it expires",
            ),
            (
                V::NotQueued { id: alloy::primitives::B256::repeat_byte(0xab) }.abi_encode(),
                "action 0xabababababababababababababababababababababababababababababababab is not queued (never queued, already executed, or cancelled)",
            ),
            (
                V::NotReady { id: alloy::primitives::B256::repeat_byte(0xab), eta: at }.abi_encode(),
                "action 0xabababababababababababababababababababababababababababababababab is queued and may be executed from 2026-07-04 00:00 UTC (the challenge period); until then one signer or the guardian can cancel it",
            ),
            (
                V::ActionExpired { id: alloy::primitives::B256::repeat_byte(0xab), expiredAt: at }.abi_encode(),
                "action 0xabababababababababababababababababababababababababababababababab could be executed until 2026-07-04 00:00 UTC only: its grace period is over, so it must be signed and queued again",
            ),
            (
                V::ActionVoided { id: alloy::primitives::B256::repeat_byte(0xab), queuedUnder: 1, current: 2 }.abi_encode(),
                "action 0xabababababababababababababababababababababababababababababababab was queued under configuration 1 and the vault is at configuration 2: a configuration change voids what the previous signers queued, so it must be signed and queued again",
            ),
            (
                V::CancelTooLate { id: alloy::primitives::B256::repeat_byte(0xab), eta: at }.abi_encode(),
                "action 0xabababababababababababababababababababababababababababababababab reached its eta 2026-07-04 00:00 UTC: it can no longer be cancelled, only executed",
            ),
            (
                V::CancelSpent { intent: alloy::primitives::B256::repeat_byte(0xcd), by: a }.abi_encode(),
                "0x1111111111111111111111111111111111111111 already cancelled this action once under this configuration; a key cancels the same intent only once",
            ),
            (
                V::PauseSpent { by: a }.abi_encode(),
                "0x1111111111111111111111111111111111111111 already paused the vault under this configuration; a key pauses once per configuration (another signer or the guardian still can)",
            ),
            (
                V::WrongPause { given: 1, current: 2 }.abi_encode(),
                "the unpause names pause 1 but the vault is in pause 2 (0: not paused); an unpause ends only the pause it was signed for",
            ),
            (
                V::DisputesClosed {}.abi_encode(),
                "disputes are closed: the vault's dispute bond is 0, so only a signer or the guardian can stop a root (veto)",
            ),
            (V::NoRefund { account: a }.abi_encode(), "0x1111111111111111111111111111111111111111 has no credited dispute refund to withdraw"),
            (V::NothingToClaim {}.abi_encode(), "the claim consent would pay nothing (no claims, or only zero amounts)"),
        ];
        for (data, sentence) in &cases {
            assert_eq!(decode_revert(data), *sentence);
        }
        // Every custom error of the interface has a case above.
        let covered: BTreeSet<[u8; 4]> = cases.iter().map(|(d, _)| d[..4].try_into().unwrap()).collect();
        let all: BTreeSet<[u8; 4]> = IBountyVaultErrors::SELECTORS.iter().copied().collect();
        assert_eq!(covered, all, "a vault error has no sentence test");
    }

    #[test]
    fn string_reverts_panics_and_unknown_data() {
        assert_eq!(decode_revert(&StringRevert::from("OLD").abi_encode()), "reverted with \"OLD\"");
        assert_eq!(
            decode_revert(&Panic { code: U256::from(0x11) }.abi_encode()),
            "panicked (arithmetic underflow or overflow)"
        );
        assert_eq!(decode_revert(&[]), "reverted without a reason");
        assert!(decode_revert(&[1, 2, 3, 4]).contains("0x01020304"));
    }

    #[test]
    fn epoch_names() {
        assert_eq!(epoch_name(20262), "20262 (2026-Q2)");
        assert_eq!(epoch_name(202606), "202606 (2026-06)");
        assert_eq!(epoch_name(7), "7");
    }
}
