//! Governance proposals: a config change, withdraw or unpause waiting for signatures, written by
//! `bounty governance …` and then signed and submitted like a claims file.

use crate::{
    error::{ChainError, Result, SignatureFileProblem},
    message::VaultMessage,
};
use alloy::primitives::Address;
use bounty_core::files::{write_atomic, Existing};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A governance change waiting for signatures. It pins the nonce it was made at, so it is spent by the first action
/// that reaches the vault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    /// Always [`Proposal::TAG`]: tells a proposal from a claims file.
    pub proposal: String,
    /// The vault's chain.
    pub chain_id: u64,
    /// The vault.
    pub vault: Address,
    /// The action, at the nonce it pinned.
    pub message: VaultMessage,
}

impl Proposal {
    /// The `proposal` field's value.
    pub const TAG: &'static str = "BountyVault governance";

    /// A proposal of `message` for `vault` on `chain_id`.
    pub fn new(chain_id: u64, vault: Address, message: VaultMessage) -> Self {
        Self { proposal: Self::TAG.to_string(), chain_id, vault, message }
    }

    /// Writes the proposal atomically (replacing an older draft of the same name).
    pub fn write(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).expect("proposals serialize");
        write_atomic(path, &json, Existing::Replace)?;
        Ok(())
    }

    /// Reads a proposal; `Ok(None)` if the JSON is something else (a claims file).
    pub fn read(path: &Path) -> Result<Option<Self>> {
        let bad = |source| ChainError::SignatureFile {
            path: path.to_path_buf(),
            problem: SignatureFileProblem::Malformed { expected: "proposal", source },
        };
        let bytes = std::fs::read(path).map_err(|source| ChainError::Io { path: path.to_path_buf(), source })?;
        let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(bad)?;
        if value.get("proposal").and_then(|p| p.as_str()) != Some(Self::TAG) {
            return Ok(None);
        }
        serde_json::from_value(value).map(Some).map_err(bad)
    }
}
