//! Identity links meet wallets and the chain: a link signed by any wallet option, its typed data for a browser
//! wallet or a Safe app, and the check that a link is its account's — by key, or by the account's own code
//! (ERC-1271), exactly as for a self-report.

use crate::{error::Result, report::erc1271_valid, Client, Wallet};
use alloy::{dyn_abi::TypedData, primitives::Bytes};
use bounty_core::sources::link::{IdentityLink, LinkFile, LINK_FORMAT};

/// Signs `link` with `wallet` (the account must be the wallet's).
pub async fn sign(wallet: &Wallet, link: IdentityLink) -> Result<LinkFile> {
    let signature = wallet.sign_typed(&link.typed(), &link.domain()).await?;
    Ok(LinkFile { format: LINK_FORMAT.into(), link, signature: Bytes::from(signature.as_bytes().to_vec()) })
}

/// The `eth_signTypedData_v4` payload of `link`.
pub fn typed_data(link: &IdentityLink) -> TypedData {
    crate::message::typed_data(&link.typed(), &link.domain())
}

/// Whether a link file is signed by its account: by key offline, else by ERC-1271 on `chain` (when given).
pub async fn is_signed(chain: Option<&Client>, file: &LinkFile) -> Result<bool> {
    if file.signed_by_key() {
        return Ok(true);
    }
    match chain {
        Some(chain) => erc1271_valid(chain, file.link.account, file.link.signing_hash(), &file.signature).await,
        None => Ok(false),
    }
}
