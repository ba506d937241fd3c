//! The transactions that change a vault, each built as a [`TxPlan`] (simulated before anything is sent).

use crate::{
    bindings::{
        IBountyVault::{self, Claim, EpochRoot, SignerSignature},
        IERC20,
    },
    error::Result,
    message::VaultMessage,
    tx::TxPlan,
    vault::Vault,
};
use alloy::primitives::{Address, Bytes, B256, U256};
use bounty_core::EpochNumber;

impl Vault {
    /// `postRoot`.
    pub fn post_root(&self, root: EpochRoot, signatures: Vec<SignerSignature>) -> TxPlan {
        let action = format!("postRoot for epoch {}", EpochNumber(root.epoch));
        TxPlan::new(action, self.address, &IBountyVault::postRootCall { e: root, signatures })
    }

    /// `dispute`: anyone stops a pending root, bonding the vault's dispute bond, for `reason`.
    pub fn dispute(&self, epoch: u64, reason: String) -> TxPlan {
        TxPlan::new(
            format!("dispute of epoch {}", EpochNumber(epoch)),
            self.address,
            &IBountyVault::disputeCall { epoch, reason },
        )
    }

    /// `expireDispute`: anyone ends an unanswered dispute after twice the challenge period.
    pub fn expire_dispute(&self, epoch: u64) -> TxPlan {
        let action = format!("expireDispute of epoch {}", EpochNumber(epoch));
        TxPlan::new(action, self.address, &IBountyVault::expireDisputeCall { epoch })
    }

    /// `withdrawRefund`: the sender's credited dispute refunds to `to`.
    pub fn withdraw_refund(&self, to: Address) -> TxPlan {
        TxPlan::new(format!("withdrawRefund to {to}"), self.address, &IBountyVault::withdrawRefundCall { to })
    }

    /// `veto`.
    pub fn veto(&self, epoch: u64) -> TxPlan {
        TxPlan::new(format!("veto of epoch {}", EpochNumber(epoch)), self.address, &IBountyVault::vetoCall { epoch })
    }

    /// `sweep`.
    pub fn sweep(&self, epoch: u64) -> TxPlan {
        TxPlan::new(format!("sweep of epoch {}", EpochNumber(epoch)), self.address, &IBountyVault::sweepCall { epoch })
    }

    /// Pays the account its claims: one leaf through `claimOne` (about 1 300 gas less, the common case of a helper
    /// with one period open), several through `claim` (one transfer for all).
    pub fn claim(&self, account: Address, claims: Vec<Claim>) -> TxPlan {
        let what = format!("claim for {account}");
        match <[Claim; 1]>::try_from(claims) {
            Ok([claim]) => TxPlan::new(what, self.address, &IBountyVault::claimOneCall { account, claim }),
            Err(claims) => TxPlan::new(what, self.address, &IBountyVault::claimCall { account, claims }),
        }
    }

    /// `claimTo`: the sender's claims to `recipient`.
    pub fn claim_to(&self, recipient: Address, claims: Vec<Claim>) -> TxPlan {
        TxPlan::new(format!("claim to {recipient}"), self.address, &IBountyVault::claimToCall { recipient, claims })
    }

    /// `claimWithSig`: a relayed claim on the account's consent.
    pub fn claim_with_sig(
        &self,
        account: Address,
        recipient: Address,
        deadline: U256,
        claims: Vec<Claim>,
        signature: Bytes,
    ) -> TxPlan {
        TxPlan::new(
            format!("claim for {account} to {recipient} (relayed)"),
            self.address,
            &IBountyVault::claimWithSigCall { account, recipient, deadline, claims, signature },
        )
    }

    /// `payBatch`: many leaves of one epoch with one multiproof.
    pub fn pay_batch(
        &self,
        epoch: u64,
        indices: Vec<U256>,
        accounts: Vec<Address>,
        amounts: Vec<U256>,
        proof: Vec<B256>,
        proof_flags: Vec<bool>,
    ) -> TxPlan {
        let action = format!("payBatch of {} leaves in epoch {}", indices.len(), EpochNumber(epoch));
        TxPlan::new(
            action,
            self.address,
            &IBountyVault::payBatchCall { epoch, indices, accounts, amounts, proof, proofFlags: proof_flags },
        )
    }

    /// `revokeConsents`: voids the sender's unused claim consents.
    pub fn revoke_consents(&self) -> TxPlan {
        TxPlan::new("revokeConsents", self.address, &IBountyVault::revokeConsentsCall {})
    }

    /// `fund`.
    pub fn fund(&self, amount: U256) -> TxPlan {
        TxPlan::new(format!("fund {amount}"), self.address, &IBountyVault::fundCall { amount })
    }

    /// The transaction a signed threshold action takes: a post or a dispute resolution runs at once (a dismissal
    /// restarts the root's challenge period); the others are queued (`queueUpdateConfig` / `queueWithdraw` /
    /// `queueUnpause`).
    pub fn submit(&self, message: VaultMessage, signatures: Vec<SignerSignature>) -> TxPlan {
        match message {
            VaultMessage::EpochRoot(root) => self.post_root(root, signatures),
            VaultMessage::UpdateConfig(u) => TxPlan::new(
                "queueUpdateConfig",
                self.address,
                &IBountyVault::queueUpdateConfigCall { config: u.config, nonce: u.nonce, signatures },
            ),
            VaultMessage::Withdraw(w) => TxPlan::new(
                format!("queueWithdraw of {} to {}", w.amount, w.to),
                self.address,
                &IBountyVault::queueWithdrawCall { to: w.to, amount: w.amount, nonce: w.nonce, signatures },
            ),
            VaultMessage::Unpause(u) => TxPlan::new(
                format!("queueUnpause of pause {}", u.pause),
                self.address,
                &IBountyVault::queueUnpauseCall { pause: u.pause, nonce: u.nonce, signatures },
            ),
            VaultMessage::ResolveDispute(r) => TxPlan::new(
                format!("resolveDispute of epoch {}", EpochNumber(r.epoch)),
                self.address,
                &IBountyVault::resolveDisputeCall { epoch: r.epoch, upheld: r.upheld, nonce: r.nonce, signatures },
            ),
        }
    }

    /// `cancel`: one signer or the guardian stops a queued action.
    pub fn cancel(&self, id: B256) -> TxPlan {
        TxPlan::new(format!("cancel of action {id}"), self.address, &IBountyVault::cancelCall { id })
    }

    /// `pause`.
    pub fn pause(&self) -> TxPlan {
        TxPlan::new("pause", self.address, &IBountyVault::pauseCall {})
    }

    /// `approve(vault, amount)` on the vault's token, the step before `fund`.
    pub async fn approve_token(&self, amount: U256) -> Result<TxPlan> {
        let token = self.token().await?;
        Ok(TxPlan::new(
            format!("approve {amount} to the vault"),
            token,
            &IERC20::approveCall { spender: self.address, amount },
        ))
    }
}
