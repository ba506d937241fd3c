//! What `bounty status` shows: the vault's state, each epoch's phase and what is left in it, disputes, refunds and
//! queued actions, read in as few calls as the chain allows.

use crate::{
    bindings::{
        IBountyVault::{self, EpochInfo, EpochStatus},
        IERC20,
    },
    error::Result,
    vault::{Vault, MULTICALL_CHUNK},
};
use alloy::{
    primitives::{Address, B256, U256},
    providers::{MulticallBuilder, Provider},
};
use serde::Serialize;

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
    #[serde(with = "bounty_core::serde_helpers::display_str")]
    pub total: U256,
    /// What is left to claim.
    #[serde(with = "bounty_core::serde_helpers::display_str")]
    pub remaining: U256,
    /// What was claimed.
    #[serde(with = "bounty_core::serde_helpers::display_str")]
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
    #[serde(with = "bounty_core::serde_helpers::display_str")]
    pub usd_per_token: U256,
}

impl EpochSummary {
    pub(super) fn new(epoch: u64, info: &EpochInfo, now: u64) -> Self {
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
    #[serde(with = "bounty_core::serde_helpers::display_str")]
    pub balance: U256,
    /// Owed to live epochs.
    #[serde(with = "bounty_core::serde_helpers::display_str")]
    pub reserved: U256,
    /// Balance minus reserved.
    #[serde(with = "bounty_core::serde_helpers::display_str")]
    pub available: U256,
    /// Current signers.
    pub signers: Vec<Address>,
    /// Signatures needed.
    pub threshold: u8,
    /// Per-epoch cap as configured (0 = only the hard cap, `MAX_EPOCH_TOTAL`).
    #[serde(with = "bounty_core::serde_helpers::display_str")]
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
    #[serde(with = "bounty_core::serde_helpers::display_str")]
    pub nonce: U256,
    /// Highest epoch ever posted.
    pub last_epoch: u64,
    /// The live epochs (posted or disputed, not yet vetoed or swept), ascending: what a pause freezes.
    pub live_epochs: Vec<u64>,
    /// The most epochs the vault keeps live; a post beyond waits for a sweep.
    #[serde(with = "bounty_core::serde_helpers::display_str")]
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
    #[serde(with = "bounty_core::serde_helpers::display_str")]
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
    #[serde(with = "bounty_core::serde_helpers::display_str")]
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
    #[serde(with = "bounty_core::serde_helpers::display_str")]
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
    #[serde(with = "bounty_core::serde_helpers::display_str")]
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
        for swept in self.events::<IBountyVault::Swept>(from_block).await? {
            if let Some(e) = epochs.iter_mut().find(|e| e.epoch == swept.epoch && e.phase == EpochPhase::Swept) {
                e.claimed = e.total.saturating_sub(U256::from(swept.amount));
            }
        }
        Ok(())
    }

    /// Every dispute bond credited back since `from_block` and not yet withdrawn: the accounts of `RefundCredited`
    /// logs, each with what `refundOf` says now.
    pub async fn refunds(&self, from_block: u64) -> Result<Vec<RefundSummary>> {
        let mut accounts: Vec<Address> =
            self.events::<IBountyVault::RefundCredited>(from_block).await?.into_iter().map(|e| e.account).collect();
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
        let events = self.events::<IBountyVault::ActionQueued>(from_block).await?;
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
}
