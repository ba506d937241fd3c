//! Identity links: a wallet's own signed statement that a platform user is it — EIP-712 typed data bound to one
//! program's vault on one chain, the same shape and checks as a self-report. A later link (higher sequence) of the
//! same platform user supersedes an earlier one. With links, nobody copies an address from a chat by hand.

use crate::{
    error::Error,
    files::{write_atomic, Existing},
};
use alloy_primitives::{Address, Bytes, Signature, B256, U256};
use alloy_sol_types::{eip712_domain, Eip712Domain, SolStruct};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The `format` of a link file.
pub const LINK_FORMAT: &str = "support-bounty-link-v1";

/// The EIP-712 struct, named as wallets show it.
pub mod eip712 {
    #![allow(missing_docs)]
    alloy_sol_types::sol! {
        /// What a helper signs (EIP-712 primary type `IdentityLink`): "my user `platformId` on `platform` is paid at
        /// `account`".
        #[derive(Debug)]
        struct IdentityLink {
            string program;
            uint256 chainId;
            address vault;
            string platform;
            string platformId;
            string handle;
            address account;
            uint64 sequence;
        }
    }
}

/// A helper's link of a platform user to their wallet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityLink {
    /// The program's name.
    pub program: String,
    /// The vault's chain.
    pub chain_id: u64,
    /// The vault.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub vault: Address,
    /// `discord`, `zendesk`, `discourse`.
    pub platform: String,
    /// The user's id there.
    pub platform_id: String,
    /// The user's name there, for people reading the file ("" for none).
    #[serde(default)]
    pub handle: String,
    /// The wallet that signs, and is paid.
    #[serde(with = "crate::serde_helpers::checksummed")]
    pub account: Address,
    /// A later link (higher sequence) of the same platform user supersedes this one.
    pub sequence: u64,
}

/// A link with its signature, as written to disk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkFile {
    /// [`LINK_FORMAT`].
    pub format: String,
    /// What is signed.
    pub link: IdentityLink,
    /// The account's signature over [`IdentityLink::signing_hash`].
    pub signature: Bytes,
}

impl IdentityLink {
    /// The EIP-712 domain: a link holds for one vault on one chain.
    pub fn domain(&self) -> Eip712Domain {
        eip712_domain! {
            name: "support-bounty link",
            version: "1",
            chain_id: self.chain_id,
            verifying_contract: self.vault,
        }
    }

    /// The typed struct.
    pub fn typed(&self) -> eip712::IdentityLink {
        eip712::IdentityLink {
            program: self.program.clone(),
            chainId: U256::from(self.chain_id),
            vault: self.vault,
            platform: self.platform.clone(),
            platformId: self.platform_id.clone(),
            handle: self.handle.clone(),
            account: self.account,
            sequence: self.sequence,
        }
    }

    /// The digest the account signs.
    pub fn signing_hash(&self) -> B256 {
        self.typed().eip712_signing_hash(&self.domain())
    }
}

/// Why a link file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// The file cannot be read or is not JSON of this shape (names the file and the JSON path).
    #[error(transparent)]
    File(#[from] Error),
    /// Not a link file of this format.
    #[error("{0}: not a support-bounty link file (format `{1}`)")]
    Format(PathBuf, String),
    /// A link of another program, vault or chain.
    #[error("{path}: a link for program `{program}` (vault {vault} on chain {chain_id}), not for `{expected}`: links hold for one program only")]
    OtherProgram {
        /// The file.
        path: PathBuf,
        /// Its program.
        program: String,
        /// Its vault.
        vault: Address,
        /// Its chain.
        chain_id: u64,
        /// The program being computed.
        expected: String,
    },
    /// The signature is not the account's.
    #[error("{path}: the signature is not {account}'s (by key, or by its wallet contract): the link was signed by another key or edited after signing")]
    NotSigned {
        /// The file.
        path: PathBuf,
        /// The linked account.
        account: Address,
    },
}

impl LinkFile {
    /// Reads a link file; errors name the file and the JSON field.
    pub fn read(path: &Path) -> Result<Self, LinkError> {
        let file: Self = crate::files::read_json(path)?;
        if file.format != LINK_FORMAT {
            return Err(LinkError::Format(path.to_path_buf(), file.format));
        }
        Ok(file)
    }

    /// Writes it atomically, never over another link.
    pub fn write(&self, path: &Path) -> Result<(), Error> {
        let mut text = serde_json::to_string_pretty(self).expect("links serialize");
        text.push('\n');
        write_atomic(path, text.as_bytes(), Existing::Keep)?;
        Ok(())
    }

    /// `link-<platform>-<id>-<sequence>.json`.
    pub fn file_name(&self) -> String {
        format!("link-{}-{}-{}.json", self.link.platform, self.link.platform_id, self.link.sequence)
    }

    /// Whether the signature is the account's own key's (a contract wallet's needs the chain: ERC-1271).
    pub fn signed_by_key(&self) -> bool {
        let Ok(sig) = Signature::try_from(&self.signature[..]) else { return false };
        sig.recover_address_from_prehash(&self.link.signing_hash()).ok() == Some(self.link.account)
    }

    /// Refuses a link of another program, vault or chain than `program`'s `vault` on `chain_id`.
    pub fn require_program(&self, path: &Path, program: &str, vault: Address, chain_id: u64) -> Result<(), LinkError> {
        let l = &self.link;
        if (l.program.as_str(), l.vault, l.chain_id) != (program, vault, chain_id) {
            return Err(LinkError::OtherProgram {
                path: path.to_path_buf(),
                program: l.program.clone(),
                vault: l.vault,
                chain_id: l.chain_id,
                expected: program.to_string(),
            });
        }
        Ok(())
    }
}

/// Every `*.json` link file in `dir`, sorted by name.
pub fn read_link_dir(dir: &Path) -> Result<Vec<(PathBuf, LinkFile)>, LinkError> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths.into_iter().map(|p| LinkFile::read(&p).map(|f| (p, f))).collect()
}
