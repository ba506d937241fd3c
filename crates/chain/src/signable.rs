//! What signers sign: an epoch's claims file (→ `EpochRoot` at the vault's current nonce) or a governance
//! proposal (→ `UpdateConfig` / `Withdraw` / `Unpause` at the nonce it pinned).

use crate::{
    bindings::IBountyVault::EpochRoot, error::Result, message::VaultMessage, proposal::Proposal, vault::Vault,
};
use alloy::primitives::Address;
use bounty_core::{error::AllocationError, LoadedClaims};
use std::path::{Path, PathBuf};

/// A file whose message signers sign and anyone submits.
// One value per command run: boxing the claims file would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Signable {
    /// An epoch's claims file (posts its root).
    Claims(LoadedClaims),
    /// A governance proposal.
    Proposal {
        /// Where it was read from.
        path: PathBuf,
        /// Its content.
        proposal: Proposal,
    },
}

impl Signable {
    /// Reads a proposal, or else a claims file.
    pub fn read(path: &Path) -> Result<Self> {
        match Proposal::read(path)? {
            Some(proposal) => Ok(Signable::Proposal { path: path.to_path_buf(), proposal }),
            None => Ok(Signable::Claims(LoadedClaims::read(path)?)),
        }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        match self {
            Signable::Claims(c) => &c.path,
            Signable::Proposal { path, .. } => path,
        }
    }

    /// The chain it names.
    pub fn chain_id(&self) -> u64 {
        match self {
            Signable::Claims(c) => c.file.chain_id,
            Signable::Proposal { proposal, .. } => proposal.chain_id,
        }
    }

    /// The vault it names.
    pub fn vault(&self) -> Address {
        match self {
            Signable::Claims(c) => c.file.vault,
            Signable::Proposal { proposal, .. } => proposal.vault,
        }
    }

    /// The exact message to sign or submit now.
    pub async fn message(&self, vault: &Vault) -> Result<VaultMessage> {
        match self {
            Signable::Claims(c) => Ok(VaultMessage::EpochRoot(epoch_root(c, vault.nonce().await?)?)),
            Signable::Proposal { proposal, .. } => Ok(proposal.message.clone()),
        }
    }
}

/// The `EpochRoot` a claims file posts at `nonce`.
pub fn epoch_root(c: &LoadedClaims, nonce: alloy::primitives::U256) -> Result<EpochRoot> {
    let f = &c.file;
    let total: u128 =
        f.total.try_into().map_err(|_| bounty_core::Error::from(AllocationError::TotalTooLarge(f.total)))?;
    Ok(EpochRoot {
        epoch: f.epoch,
        root: f.root,
        total,
        count: f.count,
        metadataHash: c.metadata_hash(),
        usdPerToken: f.usd_per_token(),
        nonce,
    })
}
