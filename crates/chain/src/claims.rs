//! Claims files meet the chain: which of an account's leaves are claimable now, as the vault's `Claim` structs.

use crate::{
    bindings::IBountyVault::Claim,
    error::{ChainError, Result},
    vault::{EpochPhase, Vault},
};
use alloy::primitives::{Address, B256, U256};
use bounty_core::ClaimsFile;
use std::path::{Path, PathBuf};

/// A claims file as read from disk, with its exact bytes (their keccak256 is the on-chain `metadataHash`).
#[derive(Clone, Debug)]
pub struct LoadedClaims {
    pub path: PathBuf,
    pub file: ClaimsFile,
    pub bytes: Vec<u8>,
}

impl LoadedClaims {
    /// Reads and parses a claims file. A malformed one is reported with the JSON path of the bad field
    /// (`claims[2].amount`), via `serde_path_to_error`, so the publisher knows exactly what to fix.
    pub fn read(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|source| ChainError::Io { path: path.display().to_string(), source })?;
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        let file: ClaimsFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            ChainError::Invalid(format!("{}: malformed claims file: field `{}`: {}", path.display(), e.path(), e.inner()))
        })?;
        Ok(Self { path: path.to_path_buf(), file, bytes })
    }

    pub fn metadata_hash(&self) -> B256 {
        bounty_core::metadata_hash(&self.bytes)
    }

    /// Errors unless the file was made for this vault on this chain.
    pub fn check_vault(&self, vault: &Vault) -> Result<()> {
        if self.file.vault != vault.address || self.file.chain_id != vault.chain.chain_id {
            return Err(ChainError::Invalid(format!(
                "{} is for vault {} on chain {}, not vault {} on chain {}",
                self.path.display(),
                self.file.vault,
                self.file.chain_id,
                vault.address,
                vault.chain.chain_id
            )));
        }
        Ok(())
    }
}

/// One of an account's leaves and where it stands on chain.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountLeaf {
    pub epoch: u64,
    pub label: String,
    pub index: u64,
    pub amount: U256,
    pub phase: EpochPhase,
    pub claimed: bool,
    /// When the epoch becomes (or became) claimable.
    pub activates_at: u64,
    #[serde(skip)]
    pub proof: Vec<B256>,
}

impl AccountLeaf {
    pub fn claimable(&self) -> bool {
        self.phase == EpochPhase::Active && !self.claimed
    }

    pub fn as_claim(&self) -> Claim {
        Claim { epoch: self.epoch, index: U256::from(self.index), amount: self.amount, proof: self.proof.clone() }
    }
}

/// Every leaf of `account` in `files`, with its on-chain phase and claimed bit, ordered by epoch.
pub async fn account_leaves(vault: &Vault, files: &[LoadedClaims], account: Address) -> Result<Vec<AccountLeaf>> {
    let (_, now) = vault.now().await?;
    let mut out = Vec::new();
    for loaded in files {
        loaded.check_vault(vault)?;
        let f = &loaded.file;
        let Some(entry) = f.claims.iter().find(|c| c.account == account) else { continue };
        let info = vault.epoch_info(f.epoch).await?;
        // A root on chain that is not this file's root means the file is not the published one.
        let phase = if info.root != f.root && EpochPhase::of(&info, now) != EpochPhase::NotPosted {
            return Err(ChainError::Invalid(format!(
                "{}: epoch {} on chain has root {}, but this file's root is {} (not the posted claims file)",
                loaded.path.display(),
                f.epoch,
                info.root,
                f.root
            )));
        } else {
            EpochPhase::of(&info, now)
        };
        let claimed = phase != EpochPhase::NotPosted && vault.is_claimed(f.epoch, U256::from(entry.index)).await?;
        out.push(AccountLeaf {
            epoch: f.epoch,
            label: f.label.to_string(),
            index: entry.index,
            amount: entry.amount,
            phase,
            claimed,
            activates_at: info.activatesAt.to(),
            proof: entry.proof.clone(),
        });
    }
    out.sort_by_key(|l| l.epoch);
    Ok(out)
}
