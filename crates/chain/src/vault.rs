//! One vault on one chain: its state (what `bounty status` shows), each epoch's life cycle, claimed bits, and the
//! transactions that change it, built as [`TxPlan`]s so every one goes through simulate-before-send.

use crate::{
    bindings::{
        IBountyVault::{self, Claim, Config, EpochInfo, EpochRoot, EpochStatus, SignerSignature},
        IERC20,
    },
    client::Chain,
    error::{epoch_name, ChainError, Result},
    signing::vault_domain,
    tx::TxPlan,
};
use alloy::{
    eips::BlockId,
    primitives::{Address, Bytes, U256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::{Eip712Domain, SolEvent},
};
use serde::Serialize;

/// A vault at an address on a connected chain.
#[derive(Clone, Debug)]
pub struct Vault {
    pub chain: Chain,
    pub address: Address,
}

/// Where an epoch is in its life, at a given time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EpochPhase {
    NotPosted,
    /// Posted, inside the challenge period: can be vetoed, cannot be claimed.
    Pending,
    Active,
    /// Past its claim window; the remainder can be swept.
    Expired,
    Vetoed,
    Swept,
}

impl EpochPhase {
    pub fn of(info: &EpochInfo, now: u64) -> Self {
        match info.status {
            EpochStatus::None => EpochPhase::NotPosted,
            EpochStatus::Vetoed => EpochPhase::Vetoed,
            EpochStatus::Swept => EpochPhase::Swept,
            _ if now < info.activatesAt.to::<u64>() => EpochPhase::Pending,
            _ if info.expiresAt.to::<u64>() != 0 && now >= info.expiresAt.to::<u64>() => EpochPhase::Expired,
            _ => EpochPhase::Active,
        }
    }
}

impl std::fmt::Display for EpochPhase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EpochPhase::NotPosted => "not posted",
            EpochPhase::Pending => "pending",
            EpochPhase::Active => "active",
            EpochPhase::Expired => "expired",
            EpochPhase::Vetoed => "vetoed",
            EpochPhase::Swept => "swept",
        })
    }
}

/// One epoch as `status` reports it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EpochSummary {
    pub epoch: u64,
    pub phase: EpochPhase,
    pub root: alloy::primitives::B256,
    pub total: U256,
    pub remaining: U256,
    pub claimed: U256,
    pub count: u32,
    pub posted_at: u64,
    pub activates_at: u64,
    pub expires_at: u64,
    pub metadata_hash: alloy::primitives::B256,
    pub usd_per_token: U256,
}

impl EpochSummary {
    fn new(epoch: u64, info: &EpochInfo, now: u64) -> Self {
        let total = U256::from(info.total);
        let remaining = U256::from(info.remaining);
        Self {
            epoch,
            phase: EpochPhase::of(info, now),
            root: info.root,
            total,
            remaining,
            claimed: total.saturating_sub(remaining),
            count: info.count,
            posted_at: info.postedAt.to(),
            activates_at: info.activatesAt.to(),
            expires_at: info.expiresAt.to(),
            metadata_hash: info.metadataHash,
            usd_per_token: info.usdPerToken,
        }
    }
}

/// Everything `bounty status` shows.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultState {
    pub vault: Address,
    pub chain_id: u64,
    pub block: u64,
    pub now: u64,
    pub token: Address,
    pub symbol: String,
    pub decimals: u8,
    pub balance: U256,
    pub reserved: U256,
    pub available: U256,
    pub signers: Vec<Address>,
    pub threshold: u8,
    pub epoch_cap: U256,
    pub challenge_period: u32,
    pub claim_window: u32,
    pub guardian: Address,
    pub paused: bool,
    pub nonce: U256,
    pub last_epoch: u64,
    pub epochs: Vec<EpochSummary>,
}

impl Vault {
    /// The vault at `address`; errors if there is no contract there.
    pub async fn at(chain: Chain, address: Address) -> Result<Self> {
        chain.require_code(address).await?;
        Ok(Self { chain, address })
    }

    pub fn domain(&self) -> Eip712Domain {
        vault_domain(self.chain.chain_id, self.address)
    }

    fn contract(&self) -> IBountyVault::IBountyVaultInstance<&alloy::providers::DynProvider> {
        IBountyVault::new(self.address, &self.chain.provider)
    }

    pub async fn nonce(&self) -> Result<U256> {
        Ok(self.contract().nonce().call().await?)
    }

    pub async fn signers(&self) -> Result<Vec<Address>> {
        Ok(self.contract().signers().call().await?)
    }

    pub async fn threshold(&self) -> Result<u8> {
        Ok(self.contract().threshold().call().await?)
    }

    pub async fn token(&self) -> Result<Address> {
        Ok(self.contract().token().call().await?)
    }

    pub async fn epoch_info(&self, epoch: u64) -> Result<EpochInfo> {
        Ok(self.contract().epochInfo(epoch).call().await?)
    }

    pub async fn is_claimed(&self, epoch: u64, index: U256) -> Result<bool> {
        Ok(self.contract().isClaimed(epoch, index).call().await?)
    }

    pub async fn available(&self) -> Result<U256> {
        Ok(self.contract().available().call().await?)
    }

    /// The vault's own digest of an `EpochRoot` (cross-checks our EIP-712 encoding against the contract's).
    pub async fn hash_epoch_root(&self, root: &EpochRoot) -> Result<alloy::primitives::B256> {
        Ok(self.contract().hashEpochRoot(root.clone()).call().await?)
    }

    /// The latest block's number and timestamp (the chain's "now", which on a devnet may run ahead of the clock).
    pub async fn now(&self) -> Result<(u64, u64)> {
        let block = self
            .chain
            .provider
            .get_block(BlockId::latest())
            .await
            .map_err(|e| self.chain.rpc(e))?
            .ok_or_else(|| ChainError::Invalid("the RPC has no latest block".into()))?;
        Ok((block.header.number, block.header.timestamp))
    }

    /// Every epoch ever posted (from `RootPosted` logs since `from_block`), ascending, without repeats.
    pub async fn posted_epochs(&self, from_block: u64) -> Result<Vec<u64>> {
        let filter = Filter::new()
            .address(self.address)
            .event_signature(IBountyVault::RootPosted::SIGNATURE_HASH)
            .from_block(from_block);
        let logs = self.chain.provider.get_logs(&filter).await.map_err(|e| self.chain.rpc(e))?;
        let mut epochs: Vec<u64> = logs
            .iter()
            .filter_map(|l| IBountyVault::RootPosted::decode_log(&l.inner).ok().map(|e| e.data.epoch))
            .collect();
        epochs.sort_unstable();
        epochs.dedup();
        Ok(epochs)
    }

    /// One epoch's summary at the chain's current time.
    pub async fn epoch_summary(&self, epoch: u64) -> Result<EpochSummary> {
        let (_, now) = self.now().await?;
        Ok(EpochSummary::new(epoch, &self.epoch_info(epoch).await?, now))
    }

    /// The whole state, with every epoch posted since `from_block`.
    pub async fn state(&self, from_block: u64) -> Result<VaultState> {
        let v = self.contract();
        let (block, now) = self.now().await?;
        let token = v.token().call().await?;
        let erc20 = IERC20::new(token, &self.chain.provider);
        let (signers, threshold, epoch_cap, challenge_period, claim_window, guardian, paused, nonce, last_epoch) = tokio::try_join!(
            async { v.signers().call().await },
            async { v.threshold().call().await },
            async { v.epochCap().call().await },
            async { v.challengePeriod().call().await },
            async { v.claimWindow().call().await },
            async { v.guardian().call().await },
            async { v.paused().call().await },
            async { v.nonce().call().await },
            async { v.lastEpoch().call().await },
        )?;
        let (reserved, available, balance, symbol, decimals) = tokio::try_join!(
            async { v.reserved().call().await },
            async { v.available().call().await },
            async { erc20.balanceOf(self.address).call().await },
            async { erc20.symbol().call().await },
            async { erc20.decimals().call().await },
        )?;
        let mut epochs = Vec::new();
        for epoch in self.posted_epochs(from_block).await? {
            epochs.push(EpochSummary::new(epoch, &v.epochInfo(epoch).call().await?, now));
        }
        Ok(VaultState {
            vault: self.address,
            chain_id: self.chain.chain_id,
            block,
            now,
            token,
            symbol,
            decimals,
            balance,
            reserved,
            available,
            signers,
            threshold,
            epoch_cap: U256::from(epoch_cap),
            challenge_period,
            claim_window,
            guardian,
            paused,
            nonce,
            last_epoch,
            epochs,
        })
    }

    // ----- transactions, as plans (simulate → show gas → send) -----

    pub fn post_root(&self, root: EpochRoot, signatures: Vec<SignerSignature>) -> TxPlan {
        let action = format!("postRoot for epoch {}", epoch_name(root.epoch));
        TxPlan::new(action, self.address, &IBountyVault::postRootCall { e: root, signatures })
    }

    pub fn veto(&self, epoch: u64) -> TxPlan {
        TxPlan::new(format!("veto of epoch {}", epoch_name(epoch)), self.address, &IBountyVault::vetoCall { epoch })
    }

    pub fn sweep(&self, epoch: u64) -> TxPlan {
        TxPlan::new(format!("sweep of epoch {}", epoch_name(epoch)), self.address, &IBountyVault::sweepCall { epoch })
    }

    pub fn claim(&self, account: Address, claims: Vec<Claim>) -> TxPlan {
        TxPlan::new(format!("claim for {account}"), self.address, &IBountyVault::claimCall { account, claims })
    }

    pub fn claim_to(&self, recipient: Address, claims: Vec<Claim>) -> TxPlan {
        TxPlan::new(format!("claim to {recipient}"), self.address, &IBountyVault::claimToCall { recipient, claims })
    }

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

    #[allow(clippy::too_many_arguments)]
    pub fn pay_batch(
        &self,
        epoch: u64,
        indices: Vec<U256>,
        accounts: Vec<Address>,
        amounts: Vec<U256>,
        proof: Vec<alloy::primitives::B256>,
        proof_flags: Vec<bool>,
    ) -> TxPlan {
        let action = format!("payBatch of {} leaves in epoch {}", indices.len(), epoch_name(epoch));
        TxPlan::new(
            action,
            self.address,
            &IBountyVault::payBatchCall { epoch, indices, accounts, amounts, proof, proofFlags: proof_flags },
        )
    }

    pub fn fund(&self, amount: U256) -> TxPlan {
        TxPlan::new(format!("fund {amount}"), self.address, &IBountyVault::fundCall { amount })
    }

    pub fn update_config(&self, config: Config, nonce: U256, signatures: Vec<SignerSignature>) -> TxPlan {
        TxPlan::new("updateConfig", self.address, &IBountyVault::updateConfigCall { config, nonce, signatures })
    }

    pub fn withdraw(&self, to: Address, amount: U256, nonce: U256, signatures: Vec<SignerSignature>) -> TxPlan {
        TxPlan::new(format!("withdraw {amount} to {to}"), self.address, &IBountyVault::withdrawCall { to, amount, nonce, signatures })
    }

    pub fn pause(&self) -> TxPlan {
        TxPlan::new("pause", self.address, &IBountyVault::pauseCall {})
    }

    pub fn unpause(&self, nonce: U256, signatures: Vec<SignerSignature>) -> TxPlan {
        TxPlan::new("unpause", self.address, &IBountyVault::unpauseCall { nonce, signatures })
    }

    /// `approve(vault, amount)` on the vault's token, the step before `fund`.
    pub async fn approve_token(&self, amount: U256) -> Result<TxPlan> {
        let token = self.token().await?;
        Ok(TxPlan::new(format!("approve {amount} to the vault"), token, &IERC20::approveCall { spender: self.address, amount }))
    }
}
