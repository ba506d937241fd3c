//! Claims files meet the chain: is this file the one the vault posted, and which of an account's leaves are
//! claimable now, as the vault's `Claim` structs.

use crate::{
    bindings::IBountyVault::{self, Claim, EpochInfo},
    error::{ChainError, Result},
    vault::{EpochPhase, Vault},
};
use alloy::primitives::{Address, U256};
use bounty_core::{EpochClaim, LoadedClaims};

impl From<EpochClaim> for Claim {
    fn from(c: EpochClaim) -> Self {
        Claim { epoch: c.epoch, root: c.root, index: U256::from(c.leaf.index), amount: c.leaf.amount, proof: c.proof }
    }
}

/// Errors unless `loaded` was made for this vault on this chain.
pub fn require_same_vault(loaded: &LoadedClaims, vault: &Vault) -> Result<()> {
    if loaded.file.vault != vault.address || loaded.file.chain_id != vault.client.chain_id {
        return Err(ChainError::WrongVault {
            path: loaded.path.clone(),
            file_vault: loaded.file.vault,
            file_chain_id: loaded.file.chain_id,
            vault: vault.address,
            chain_id: vault.client.chain_id,
        });
    }
    Ok(())
}

/// Errors if the vault holds a root for the file's epoch that is not the file's root (the file is not the one that
/// was posted). An epoch with no root yet passes: the file may simply not be posted yet.
pub fn require_posted_root(loaded: &LoadedClaims, info: &EpochInfo) -> Result<()> {
    if info.status != IBountyVault::EpochStatus::None && info.root != loaded.file.root {
        return Err(ChainError::RootMismatch {
            path: loaded.path.clone(),
            epoch: loaded.file.epoch,
            posted: info.root,
            file: loaded.file.root,
        });
    }
    Ok(())
}

/// One of an account's leaves and where it stands on chain.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountLeaf {
    /// The epoch number.
    pub epoch: u64,
    /// Its label (`2026-Q2`).
    pub label: String,
    /// The leaf's index.
    pub index: u64,
    /// Base units.
    #[serde(with = "bounty_core::serde_helpers::display_str")]
    pub amount: U256,
    /// The epoch's phase now.
    pub phase: EpochPhase,
    /// Whether the leaf was paid.
    pub claimed: bool,
    /// When the epoch becomes (or became) claimable.
    pub activates_at: u64,
    #[serde(skip)]
    claim: EpochClaim,
}

impl AccountLeaf {
    /// Claimable now: active and not yet paid.
    pub fn claimable(&self) -> bool {
        self.phase == EpochPhase::Active && !self.claimed
    }

    /// The vault's `Claim` for this leaf.
    pub fn as_claim(&self) -> Claim {
        self.claim.clone().into()
    }
}

/// Every leaf of `account` in `files`, with its on-chain phase and claimed bit, ordered by epoch.
pub async fn account_leaves(vault: &Vault, files: &[LoadedClaims], account: Address) -> Result<Vec<AccountLeaf>> {
    let (_, now) = vault.now().await?;
    let mut out = Vec::new();
    for loaded in files {
        require_same_vault(loaded, vault)?;
        let f = &loaded.file;
        let Some(claim) = f.claim_of(account)? else { continue };
        let info = vault.epoch_info(f.epoch).await?;
        require_posted_root(loaded, &info)?;
        let phase = EpochPhase::of(&info, now);
        let claimed = phase != EpochPhase::NotPosted && vault.is_claimed(f.epoch, claim.leaf.index).await?;
        out.push(AccountLeaf {
            epoch: f.epoch,
            label: f.label.to_string(),
            index: claim.leaf.index,
            amount: claim.leaf.amount,
            phase,
            claimed,
            activates_at: info.activatesAt.to(),
            claim,
        });
    }
    out.sort_by_key(|l| l.epoch);
    Ok(out)
}
