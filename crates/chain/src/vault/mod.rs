//! One vault on one chain: its state (what `bounty status` shows), each epoch's life cycle, claimed bits, and the
//! transactions that change it, built as [`TxPlan`]s so every one goes through simulate-before-send.

use crate::{
    bindings::{
        IBountyVault::{self, Config, EpochInfo, EpochRoot},
        IERC20,
    },
    client::Client,
    error::{ChainError, Result, TwapError},
    message::{vault_domain, VaultMessage},
    tx::TxPlan,
};
use alloy::{
    eips::{BlockId, BlockNumberOrTag},
    primitives::{Address, B256, U256},
    providers::{MulticallBuilder, Provider},
    rpc::types::Filter,
    sol_types::{Eip712Domain, SolEvent},
};

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

impl Vault {
    /// The vault at `address`; errors if there is no contract there.
    pub async fn at(client: Client, address: Address) -> Result<Self> {
        // One probe beside the code read: a token or a Safe given as the vault would otherwise surface later as
        // "reverted without a reason" from whichever read came first.
        let probe = IBountyVault::new(address, &client.provider);
        let probe = probe.MAX_LIVE_EPOCHS();
        let (code, answer) = tokio::join!(client.require_code(address), probe.call());
        code?;
        match answer {
            Ok(_) => {}
            // An RPC failure is that, not a verdict on the contract.
            Err(alloy::contract::Error::TransportError(e))
                if e.as_error_resp().and_then(|r| r.as_revert_data()).is_none() =>
            {
                return Err(e.into())
            }
            // A revert, or an answer that does not decode as the vault's.
            Err(_) => return Err(ChainError::NotAVault { address, chain_id: client.chain_id }),
        }
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

    /// Every `E` event of this vault since `from_block`, decoded, in chain order (logs that do not decode as `E`
    /// are skipped). One range-limited scan, as every event read.
    pub async fn events<E: SolEvent>(&self, from_block: u64) -> Result<Vec<E>> {
        let filter = Filter::new().address(self.address).event_signature(E::SIGNATURE_HASH);
        let logs = crate::logs::scan_logs(&self.client, &filter, from_block).await?;
        Ok(logs.iter().filter_map(|l| E::decode_log(&l.inner).ok().map(|e| e.data)).collect())
    }

    /// Every epoch ever posted (from `RootPosted` logs since `from_block`), ascending, without repeats.
    pub async fn posted_epochs(&self, from_block: u64) -> Result<Vec<u64>> {
        let mut epochs: Vec<u64> =
            self.events::<IBountyVault::RootPosted>(from_block).await?.into_iter().map(|e| e.epoch).collect();
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

    /// A queued action by id (its EIP-712 digest).
    pub async fn queued_action(&self, id: B256) -> Result<IBountyVault::QueuedAction> {
        Ok(self.contract().queuedAction(id).call().await?)
    }
}

/// A multicall that failed: its transport error classified like any other RPC failure; an answer that does not
/// decode is what an address without Multicall3 returns (empty data), and says so.
fn multicall_error(e: alloy::providers::MulticallError) -> ChainError {
    match e {
        alloy::providers::MulticallError::TransportError(t) => t.into(),
        alloy::providers::MulticallError::DecodeError(d) => ChainError::NoMulticall3 { detail: d.to_string() },
        other => {
            ChainError::Rpc(crate::transport::RpcFailure::Other(alloy::transports::TransportErrorKind::custom(other)))
        }
    }
}

mod calls;
mod status;
pub use status::{DisputeSummary, EpochPhase, EpochSummary, PeriodFunding, QueuedSummary, RefundSummary, VaultState};

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
