//! One vault on one chain: its state (what `bounty status` shows), each epoch's life cycle, claimed bits, and the
//! transactions that change it, built as [`TxPlan`]s so every one goes through simulate-before-send.

use crate::{
    bindings::{
        IBountyVault::{self, Claim, Config, EpochInfo, EpochRoot, EpochStatus, SignerSignature},
        IERC20,
    },
    client::Client,
    error::{Result, TwapError},
    message::{vault_domain, VaultMessage},
    revert::epoch_name,
    tx::TxPlan,
};
use alloy::{
    eips::{BlockId, BlockNumberOrTag},
    primitives::{Address, Bytes, B256, U256},
    providers::{MulticallBuilder, Provider},
    rpc::types::Filter,
    sol_types::{Eip712Domain, SolEvent},
};
use serde::Serialize;

/// A vault at an address on a connected chain.
#[derive(Clone, Debug)]
pub struct Vault {
    /// The connection.
    pub client: Client,
    /// The vault's address.
    pub address: Address,
}

/// Calls per multicall: keeps each `eth_call` well under node gas and response-size limits.
const MULTICALL_CHUNK: usize = 500;

/// The most an epoch's total can be whatever `epochCap` says, 2^96 - 1 base units: the width of the remainder in
/// the vault's claim word (`ClaimWords.MAX_REMAINING` in `contracts/libraries/ClaimWord.sol`).
pub const MAX_EPOCH_TOTAL: U256 = U256::from_limbs([u64::MAX, u32::MAX as u64, 0, 0]);

/// The cap `postRoot` applies: the configured `epochCap`, or the hard cap when that is zero or larger.
pub fn effective_epoch_cap(epoch_cap: U256) -> U256 {
    if epoch_cap.is_zero() {
        MAX_EPOCH_TOTAL
    } else {
        epoch_cap.min(MAX_EPOCH_TOTAL)
    }
}

/// Reads several view calls at once: one Multicall3 `eth_call` where the chain has Multicall3 (every public chain),
/// else the same calls one by one, concurrently (a bare anvil, a young chain). The calls are written once and
/// expanded into both forms; the fallback costs nothing until a multicall comes back empty.
macro_rules! read_all {
    ($vault:expr; $($call:expr),+ $(,)?) => {{
        let vault: &Vault = $vault;
        match vault.client.provider.multicall()$(.add($call))+.aggregate().await {
            Ok(values) => Ok(values),
            Err(e) => match vault.without_multicall(e).await {
                Ok(()) => tokio::try_join!($(async { Ok::<_, crate::error::ChainError>($call.call().await?) }),+),
                Err(err) => Err(err),
            },
        }
    }};
}

/// Where an epoch is in its life, at a given time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EpochPhase {
    /// No root yet.
    NotPosted,
    /// Posted, inside the challenge period: can be vetoed, cannot be claimed.
    Pending,
    /// Claimable.
    Active,
    /// Past its claim window; the remainder can be swept.
    Expired,
    /// Disputed in its challenge period: cannot activate until the dispute ends.
    Disputed,
    /// Stopped in its challenge period.
    Vetoed,
    /// Expired and its remainder returned to the budget.
    Swept,
}

impl EpochPhase {
    /// The phase of an epoch with `info` at time `now`.
    pub fn of(info: &EpochInfo, now: u64) -> Self {
        match info.status {
            EpochStatus::None => EpochPhase::NotPosted,
            EpochStatus::Vetoed => EpochPhase::Vetoed,
            EpochStatus::Swept => EpochPhase::Swept,
            EpochStatus::Disputed => EpochPhase::Disputed,
            _ if now < info.activatesAt.to::<u64>() => EpochPhase::Pending,
            _ if now >= info.expiresAt.to::<u64>() => EpochPhase::Expired,
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
            EpochPhase::Disputed => "disputed",
            EpochPhase::Vetoed => "vetoed",
            EpochPhase::Swept => "swept",
        })
    }
}

/// One epoch as `status` reports it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EpochSummary {
    /// The epoch number.
    pub epoch: u64,
    /// Its phase now.
    pub phase: EpochPhase,
    /// The posted root.
    pub root: B256,
    /// Its total, base units.
    pub total: U256,
    /// What is left to claim.
    pub remaining: U256,
    /// What was claimed.
    pub claimed: U256,
    /// Its leaf count.
    pub count: u32,
    /// When it was posted.
    pub posted_at: u64,
    /// When it becomes claimable.
    pub activates_at: u64,
    /// When its claim window ends (0 = never).
    pub expires_at: u64,
    /// keccak256 of its claims file.
    pub metadata_hash: B256,
    /// Its price (0 for token budgets).
    pub usd_per_token: U256,
}

impl EpochSummary {
    fn new(epoch: u64, info: &EpochInfo, now: u64) -> Self {
        let total = U256::from(info.total);
        let remaining = U256::from(info.remaining);
        let phase = EpochPhase::of(info, now);
        Self {
            epoch,
            phase,
            root: info.root,
            total,
            remaining,
            // A vetoed epoch was never claimable, so it paid nothing (its remainder reads 0 because it was released,
            // not claimed).
            claimed: if phase == EpochPhase::Vetoed { U256::ZERO } else { total.saturating_sub(remaining) },
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
    /// The vault.
    pub vault: Address,
    /// Its chain.
    pub chain_id: u64,
    /// The block read at.
    pub block: u64,
    /// That block's timestamp.
    pub now: u64,
    /// The paid token.
    pub token: Address,
    /// Its symbol.
    pub symbol: String,
    /// Its decimals.
    pub decimals: u8,
    /// The vault's token balance.
    pub balance: U256,
    /// Owed to live epochs.
    pub reserved: U256,
    /// Balance minus reserved.
    pub available: U256,
    /// Current signers.
    pub signers: Vec<Address>,
    /// Signatures needed.
    pub threshold: u8,
    /// Per-epoch cap as configured (0 = only the hard cap, `MAX_EPOCH_TOTAL`).
    pub epoch_cap: U256,
    /// Seconds before a posted root is claimable.
    pub challenge_period: u32,
    /// Seconds an epoch stays claimable after activation.
    pub claim_window: u32,
    /// The guardian (zero = none).
    pub guardian: Address,
    /// Whether posting and claiming are stopped.
    pub paused: bool,
    /// The next threshold action's nonce.
    pub nonce: U256,
    /// Highest epoch ever posted.
    pub last_epoch: u64,
    /// The live epochs (posted or disputed, not yet vetoed or swept), ascending: what a pause freezes.
    pub live_epochs: Vec<u64>,
    /// The most epochs the vault keeps live; a post beyond waits for a sweep.
    pub max_live_epochs: U256,
    /// Every epoch posted since the scan's first block.
    pub epochs: Vec<EpochSummary>,
    /// Every governance action queued since the scan's first block, with its state now.
    pub queued: Vec<QueuedSummary>,
    /// The open disputes (of epochs in the `Disputed` phase).
    pub disputes: Vec<DisputeSummary>,
    /// Dispute bonds credited back and not yet withdrawn.
    pub refunds: Vec<RefundSummary>,
    /// What was funded (`fund`, so tips included) during the period that contains `now`.
    pub this_period: PeriodFunding,
}

/// The current period's funding: the contributions a tip match would count (before its `exclude` list).
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodFunding {
    /// The period (2026-Q4).
    pub label: String,
    /// Every `Funded` event in it so far.
    pub contributions: Vec<bounty_core::tips::Contribution>,
    /// Their sum, base units.
    pub total: U256,
}

/// An open dispute as `status` reports it.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DisputeSummary {
    /// The disputed epoch.
    pub epoch: u64,
    /// Who disputed it.
    pub disputer: Address,
    /// The bond held, base units.
    pub bond: U256,
    /// When it was opened (unix seconds).
    pub opened_at: u64,
    /// From when anyone may expire it, unanswered (the root is then vetoed and the bond credited back): fixed when
    /// it opened, moved out by every pause since.
    pub expirable_at: u64,
}

/// A dispute bond credited back to its disputer and not yet withdrawn (`withdrawRefund`).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundSummary {
    /// Who may withdraw it.
    pub account: Address,
    /// What is credited now, base units.
    pub amount: U256,
}

/// One queued governance action as `status` reports it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueuedSummary {
    /// Its id (the EIP-712 digest).
    pub id: B256,
    /// `UpdateConfig`, `Withdraw` or `Unpause`.
    pub kind: String,
    /// The nonce it consumed.
    pub nonce: U256,
    /// When anyone may execute it (and until when one signer or the guardian may cancel it).
    pub eta: u64,
    /// From when it can no longer be executed (its eta plus the vault's grace period).
    pub expires_at: u64,
    /// The configuration it was queued under.
    pub generation: u32,
    /// `queued`, `executed`, `cancelled`, `expired` (past `expires_at`) or `void` (queued under an earlier
    /// configuration).
    pub state: String,
}

impl Vault {
    /// The vault at `address`; errors if there is no contract there.
    pub async fn at(client: Client, address: Address) -> Result<Self> {
        client.require_code(address).await?;
        Ok(Self { client, address })
    }

    /// The vault's EIP-712 domain.
    pub fn domain(&self) -> Eip712Domain {
        vault_domain(self.client.chain_id, self.address)
    }

    fn contract(&self) -> IBountyVault::IBountyVaultInstance<&alloy::providers::DynProvider> {
        IBountyVault::new(self.address, &self.client.provider)
    }

    /// The next threshold action's nonce.
    pub async fn nonce(&self) -> Result<U256> {
        Ok(self.contract().nonce().call().await?)
    }

    /// The current signers.
    pub async fn signers(&self) -> Result<Vec<Address>> {
        Ok(self.config().await?.signers)
    }

    /// Signatures needed.
    pub async fn threshold(&self) -> Result<u8> {
        Ok(self.config().await?.threshold)
    }

    /// The number of the running pause (what an `Unpause` names), or `None` when not paused.
    pub async fn running_pause(&self) -> Result<Option<u32>> {
        let v = self.contract();
        let (paused, count) = read_all!(self; v.paused(), v.pauseCount())?;
        Ok(paused.then_some(count))
    }

    /// The paid token.
    pub async fn token(&self) -> Result<Address> {
        Ok(self.contract().token().call().await?)
    }

    /// Everything the vault stores for `epoch`.
    pub async fn epoch_info(&self, epoch: u64) -> Result<EpochInfo> {
        Ok(self.contract().epochInfo(epoch).call().await?)
    }

    /// Whether leaf `index` of `epoch` was paid.
    pub async fn is_claimed(&self, epoch: u64, index: u64) -> Result<bool> {
        Ok(self.contract().isClaimed(epoch, U256::from(index)).call().await?)
    }

    /// The claimed bits of many leaves of `epoch`, in order: one Multicall3 `eth_call` per
    /// [`MULTICALL_CHUNK`] leaves rather than one call per leaf.
    pub async fn claimed_bits(&self, epoch: u64, indices: impl IntoIterator<Item = u64>) -> Result<Vec<bool>> {
        let contract = self.contract();
        let calls: Vec<_> = indices.into_iter().map(|i| contract.isClaimed(epoch, U256::from(i))).collect();
        let mut bits = Vec::with_capacity(calls.len());
        for chunk in calls.chunks(MULTICALL_CHUNK) {
            let multicall = MulticallBuilder::new_dynamic(&self.client.provider).extend(chunk.iter().cloned());
            match multicall.aggregate().await {
                Ok(values) => bits.extend(values),
                Err(e) => {
                    self.without_multicall(e).await?;
                    for call in chunk {
                        bits.push(call.call().await?);
                    }
                }
            }
        }
        Ok(bits)
    }

    /// Whether a failed multicall means the chain has no Multicall3 (its address holds no code: read the calls one
    /// by one instead) or is a real failure (returned as the error).
    async fn without_multicall(&self, e: alloy::providers::MulticallError) -> Result<()> {
        if let alloy::providers::MulticallError::DecodeError(_) = &e {
            let code = self.client.provider.get_code_at(alloy::providers::MULTICALL3_ADDRESS).await?;
            if code.is_empty() {
                return Ok(());
            }
        }
        Err(multicall_error(e))
    }

    /// The token's decimals and symbol (one multicall).
    pub async fn token_metadata(&self) -> Result<(u8, String)> {
        let erc20 = IERC20::new(self.token().await?, &self.client.provider);
        read_all!(self; erc20.decimals(), erc20.symbol())
    }

    /// The vault's period (by its cadence) that contains the chain time `now`.
    pub async fn period_at(&self, now: u64) -> Result<bounty_core::EpochLabel> {
        let cadence = match self.cadence().await? {
            IBountyVault::Cadence::Monthly => bounty_core::Cadence::Monthly,
            _ => bounty_core::Cadence::Quarterly,
        };
        let at = chrono::DateTime::from_timestamp(now as i64, 0).unwrap_or_default();
        Ok(bounty_core::EpochLabel::containing(at, cadence))
    }

    /// How often the vault pays (its epoch-number scheme).
    pub async fn cadence(&self) -> Result<IBountyVault::Cadence> {
        Ok(self.contract().cadence().call().await?)
    }

    /// The nonce `account`'s next claim consent must carry.
    pub async fn consent_nonce(&self, account: Address) -> Result<u64> {
        Ok(self.contract().nonces(account).call().await?.saturating_to())
    }

    /// The unreserved balance.
    pub async fn available(&self) -> Result<U256> {
        Ok(self.contract().available().call().await?)
    }

    /// The vault's own digest of an `EpochRoot` (cross-checks our EIP-712 encoding against the contract's).
    pub async fn hash_epoch_root(&self, root: &EpochRoot) -> Result<B256> {
        Ok(self.contract().hashEpochRoot(root.clone()).call().await?)
    }

    /// The latest block's number and timestamp (the chain's "now", which on a devnet may run ahead of the clock).
    pub async fn now(&self) -> Result<(u64, u64)> {
        let block = self
            .client
            .provider
            .get_block(BlockId::latest())
            .await?
            .ok_or(TwapError::NoBlock(BlockNumberOrTag::Latest))?;
        Ok((block.header.number, block.header.timestamp))
    }

    /// Every epoch ever posted (from `RootPosted` logs since `from_block`), ascending, without repeats.
    pub async fn posted_epochs(&self, from_block: u64) -> Result<Vec<u64>> {
        let filter = Filter::new().address(self.address).event_signature(IBountyVault::RootPosted::SIGNATURE_HASH);
        let logs = crate::logs::scan_logs(&self.client, &filter, from_block).await?;
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

    /// The current configuration (one call).
    pub async fn config(&self) -> Result<Config> {
        Ok(self.contract().config().call().await?)
    }

    /// The whole state, with every epoch posted since `from_block`: two multicalls (configuration and balances,
    /// then every epoch's info) instead of a call per field.
    pub async fn state(&self, from_block: u64) -> Result<VaultState> {
        let v = self.contract();
        let (block, now) = self.now().await?;
        let token = v.token().call().await?;
        let erc20 = IERC20::new(token, &self.client.provider);
        let (config, (paused, nonce, last_epoch, mut live_epochs, max_live_epochs)) =
            tokio::try_join!(self.config(), async {
                read_all!(self; v.paused(), v.nonce(), v.lastEpoch(), v.liveEpochs(), v.MAX_LIVE_EPOCHS())
            })?;
        live_epochs.sort_unstable();
        let (reserved, available, balance, symbol, decimals) = read_all!(self;
            v.reserved(),
            v.available(),
            erc20.balanceOf(self.address),
            erc20.symbol(),
            erc20.decimals(),
        )?;
        let numbers = self.posted_epochs(from_block).await?;
        let mut epochs = Vec::with_capacity(numbers.len());
        for chunk in numbers.chunks(MULTICALL_CHUNK) {
            let multicall =
                MulticallBuilder::new_dynamic(&self.client.provider).extend(chunk.iter().map(|&e| v.epochInfo(e)));
            let infos = match multicall.aggregate().await {
                Ok(infos) => infos,
                Err(e) => {
                    self.without_multicall(e).await?;
                    let mut infos = Vec::with_capacity(chunk.len());
                    for &e in chunk {
                        infos.push(v.epochInfo(e).call().await?);
                    }
                    infos
                }
            };
            epochs.extend(chunk.iter().zip(infos).map(|(&e, info)| EpochSummary::new(e, &info, now)));
        }
        self.correct_swept(&mut epochs, from_block).await?;
        let queued = self.queued_actions(from_block).await?;
        let mut disputes = Vec::new();
        for e in epochs.iter().filter(|e| e.phase == EpochPhase::Disputed) {
            let d = self.dispute_of(e.epoch).await?;
            disputes.push(DisputeSummary {
                epoch: e.epoch,
                disputer: d.disputer,
                bond: U256::from(d.bond),
                opened_at: d.openedAt.to(),
                expirable_at: d.expiresAt.to(),
            });
        }
        let label = self.period_at(now).await?;
        let contributions = crate::tips::contributions(
            &self.client,
            self.address,
            from_block,
            label.start().timestamp(),
            label.end().timestamp(),
        )
        .await?;
        let total = contributions.iter().fold(U256::ZERO, |s, c| s + c.amount);
        let this_period = PeriodFunding { label: label.to_string(), contributions, total };
        Ok(VaultState {
            vault: self.address,
            chain_id: self.client.chain_id,
            block,
            now,
            token,
            symbol,
            decimals,
            balance,
            reserved,
            available,
            signers: config.signers,
            threshold: config.threshold,
            epoch_cap: U256::from(config.epochCap),
            challenge_period: config.challengePeriod,
            claim_window: config.claimWindow,
            guardian: config.guardian,
            paused,
            nonce,
            last_epoch,
            live_epochs,
            max_live_epochs,
            epochs,
            queued,
            disputes,
            refunds: self.refunds(from_block).await?,
            this_period,
        })
    }

    /// A swept epoch's remainder reads 0 (it went back to the budget), so what it paid is its total less what its
    /// `Swept` event returned.
    async fn correct_swept(&self, epochs: &mut [EpochSummary], from_block: u64) -> Result<()> {
        if !epochs.iter().any(|e| e.phase == EpochPhase::Swept) {
            return Ok(());
        }
        let filter = Filter::new().address(self.address).event_signature(IBountyVault::Swept::SIGNATURE_HASH);
        for log in crate::logs::scan_logs(&self.client, &filter, from_block).await? {
            let Ok(swept) = IBountyVault::Swept::decode_log(&log.inner) else { continue };
            if let Some(e) = epochs.iter_mut().find(|e| e.epoch == swept.data.epoch && e.phase == EpochPhase::Swept) {
                e.claimed = e.total.saturating_sub(U256::from(swept.data.amount));
            }
        }
        Ok(())
    }

    /// Every dispute bond credited back since `from_block` and not yet withdrawn: the accounts of `RefundCredited`
    /// logs, each with what `refundOf` says now.
    pub async fn refunds(&self, from_block: u64) -> Result<Vec<RefundSummary>> {
        let filter = Filter::new().address(self.address).event_signature(IBountyVault::RefundCredited::SIGNATURE_HASH);
        let logs = crate::logs::scan_logs(&self.client, &filter, from_block).await?;
        let mut accounts: Vec<Address> = logs
            .iter()
            .filter_map(|l| IBountyVault::RefundCredited::decode_log(&l.inner).ok().map(|e| e.data.account))
            .collect();
        accounts.sort_unstable();
        accounts.dedup();
        let v = self.contract();
        let mut out = Vec::new();
        for account in accounts {
            let amount = v.refundOf(account).call().await?;
            if !amount.is_zero() {
                out.push(RefundSummary { account, amount });
            }
        }
        Ok(out)
    }

    /// Every action queued since `from_block` (from `ActionQueued` logs), with its state read now.
    pub async fn queued_actions(&self, from_block: u64) -> Result<Vec<QueuedSummary>> {
        let filter = Filter::new().address(self.address).event_signature(IBountyVault::ActionQueued::SIGNATURE_HASH);
        let logs = crate::logs::scan_logs(&self.client, &filter, from_block).await?;
        let events: Vec<IBountyVault::ActionQueued> =
            logs.iter().filter_map(|l| IBountyVault::ActionQueued::decode_log(&l.inner).ok().map(|e| e.data)).collect();
        let v = self.contract();
        let (_, now) = self.now().await?;
        let generation = v.configGeneration().call().await?;
        let mut out = Vec::with_capacity(events.len());
        for chunk in events.chunks(MULTICALL_CHUNK) {
            let multicall =
                MulticallBuilder::new_dynamic(&self.client.provider).extend(chunk.iter().map(|e| v.queuedAction(e.id)));
            // Like every batched read: one call per value on a chain without Multicall3.
            let states = match multicall.aggregate().await {
                Ok(states) => states,
                Err(e) => {
                    self.without_multicall(e).await?;
                    let mut states = Vec::with_capacity(chunk.len());
                    for e in chunk {
                        states.push(v.queuedAction(e.id).call().await?);
                    }
                    states
                }
            };
            out.extend(chunk.iter().zip(states).map(|(e, q)| {
                let expires_at: u64 = q.expiresAt.to();
                QueuedSummary {
                    id: e.id,
                    kind: format!("{:?}", e.kind),
                    nonce: e.nonce,
                    eta: e.eta.to(),
                    expires_at,
                    generation: e.generation,
                    state: match q.status {
                        IBountyVault::ActionStatus::Executed => "executed",
                        IBountyVault::ActionStatus::Cancelled => "cancelled",
                        _ if q.generation != generation => "void",
                        _ if now >= expires_at => "expired",
                        _ => "queued",
                    }
                    .into(),
                }
            }));
        }
        Ok(out)
    }

    // ----- transactions, as plans (simulate → show gas → send) -----

    /// `postRoot`.
    pub fn post_root(&self, root: EpochRoot, signatures: Vec<SignerSignature>) -> TxPlan {
        let action = format!("postRoot for epoch {}", epoch_name(root.epoch));
        TxPlan::new(action, self.address, &IBountyVault::postRootCall { e: root, signatures })
    }

    /// `dispute`: anyone stops a pending root, bonding the vault's dispute bond, for `reason`.
    pub fn dispute(&self, epoch: u64, reason: String) -> TxPlan {
        TxPlan::new(
            format!("dispute of epoch {}", epoch_name(epoch)),
            self.address,
            &IBountyVault::disputeCall { epoch, reason },
        )
    }

    /// `expireDispute`: anyone ends an unanswered dispute after twice the challenge period.
    pub fn expire_dispute(&self, epoch: u64) -> TxPlan {
        let action = format!("expireDispute of epoch {}", epoch_name(epoch));
        TxPlan::new(action, self.address, &IBountyVault::expireDisputeCall { epoch })
    }

    /// The vault's dispute bond and its open dispute of `epoch`, if any.
    pub async fn dispute_of(&self, epoch: u64) -> Result<IBountyVault::DisputeInfo> {
        Ok(self.contract().disputeOf(epoch).call().await?)
    }

    /// The bond a dispute takes now (0: disputes are closed to the public).
    pub async fn dispute_bond(&self) -> Result<u128> {
        Ok(self.config().await?.disputeBond)
    }

    /// `account`'s balance of the vault's token: what a `fund` or a dispute bond can draw on.
    pub async fn token_balance(&self, account: Address) -> Result<U256> {
        let token = self.token().await?;
        Ok(IERC20::new(token, &self.client.provider).balanceOf(account).call().await?)
    }

    /// What is credited to `account` from disputes that ended in its favour.
    pub async fn refund_of(&self, account: Address) -> Result<U256> {
        Ok(self.contract().refundOf(account).call().await?)
    }

    /// `withdrawRefund`: the sender's credited dispute refunds to `to`.
    pub fn withdraw_refund(&self, to: Address) -> TxPlan {
        TxPlan::new(format!("withdrawRefund to {to}"), self.address, &IBountyVault::withdrawRefundCall { to })
    }

    /// `veto`.
    pub fn veto(&self, epoch: u64) -> TxPlan {
        TxPlan::new(format!("veto of epoch {}", epoch_name(epoch)), self.address, &IBountyVault::vetoCall { epoch })
    }

    /// `sweep`.
    pub fn sweep(&self, epoch: u64) -> TxPlan {
        TxPlan::new(format!("sweep of epoch {}", epoch_name(epoch)), self.address, &IBountyVault::sweepCall { epoch })
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
        let action = format!("payBatch of {} leaves in epoch {}", indices.len(), epoch_name(epoch));
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
                format!("resolveDispute of epoch {}", epoch_name(r.epoch)),
                self.address,
                &IBountyVault::resolveDisputeCall { epoch: r.epoch, upheld: r.upheld, nonce: r.nonce, signatures },
            ),
        }
    }

    /// Executes a queued threshold action once its delay has passed (anyone). `None` for a root: posts need no
    /// second step.
    pub fn execute(&self, message: &VaultMessage) -> Option<TxPlan> {
        Some(match message.clone() {
            VaultMessage::EpochRoot(_) | VaultMessage::ResolveDispute(_) => return None,
            VaultMessage::UpdateConfig(u) => TxPlan::new(
                "executeUpdateConfig",
                self.address,
                &IBountyVault::executeUpdateConfigCall { config: u.config, nonce: u.nonce },
            ),
            VaultMessage::Withdraw(w) => TxPlan::new(
                format!("executeWithdraw of {} to {}", w.amount, w.to),
                self.address,
                &IBountyVault::executeWithdrawCall { to: w.to, amount: w.amount, nonce: w.nonce },
            ),
            VaultMessage::Unpause(u) => TxPlan::new(
                format!("executeUnpause of pause {}", u.pause),
                self.address,
                &IBountyVault::executeUnpauseCall { pause: u.pause, nonce: u.nonce },
            ),
        })
    }

    /// `cancel`: one signer or the guardian stops a queued action.
    pub fn cancel(&self, id: B256) -> TxPlan {
        TxPlan::new(format!("cancel of action {id}"), self.address, &IBountyVault::cancelCall { id })
    }

    /// A queued action by id (its EIP-712 digest).
    pub async fn queued_action(&self, id: B256) -> Result<IBountyVault::QueuedAction> {
        Ok(self.contract().queuedAction(id).call().await?)
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

/// A multicall that failed: its transport error classified like any other RPC failure; an answer that does not
/// decode is what an address without Multicall3 returns (empty data), and says so.
fn multicall_error(e: alloy::providers::MulticallError) -> crate::error::ChainError {
    match e {
        alloy::providers::MulticallError::TransportError(t) => t.into(),
        alloy::providers::MulticallError::DecodeError(d) => {
            crate::error::ChainError::NoMulticall3 { detail: d.to_string() }
        }
        other => crate::error::ChainError::Rpc(crate::transport::RpcFailure::Other(
            alloy::transports::TransportErrorKind::custom(other),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hard_cap_is_the_claim_words_remainder_width() {
        assert_eq!(MAX_EPOCH_TOTAL, (U256::from(1u8) << 96) - U256::from(1u8));
        // The same bound the forge suite holds the vault to (tests/vectors/limits.json).
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/limits.json");
        let limits: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(limits["maxEpochTotal"].as_str().unwrap().parse::<U256>().unwrap(), MAX_EPOCH_TOTAL);
        assert_eq!(effective_epoch_cap(U256::ZERO), MAX_EPOCH_TOTAL);
        assert_eq!(effective_epoch_cap(U256::from(1100u64)), U256::from(1100u64));
        assert_eq!(effective_epoch_cap(U256::MAX), MAX_EPOCH_TOTAL);
    }
}
