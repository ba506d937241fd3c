//! Signed self-reports meet wallets and the chain: a report signed by any wallet option, its typed data for a
//! browser wallet, and the check that a report is its account's — by key, or for a contract wallet such as a Safe,
//! by asking the account itself (ERC-1271).

use crate::{bindings::IERC1271, error::Result, Client, Wallet};
use alloy::{
    dyn_abi::TypedData,
    primitives::{Address, Bytes, B256},
    providers::Provider,
};
use bounty_core::report::{ReportFile, SelfReport, REPORT_FORMAT};

/// ERC-1271's "valid" answer: `isValidSignature.selector`.
const ERC1271_MAGIC: [u8; 4] = [0x16, 0x26, 0xba, 0x7e];

/// Signs `report` with `wallet` (the account must be the wallet's).
pub async fn sign(wallet: &Wallet, report: SelfReport) -> Result<ReportFile> {
    let signature = wallet.sign_typed(&report.typed(), &report.domain()).await?;
    Ok(ReportFile { format: REPORT_FORMAT.into(), report, signature: Bytes::from(signature.as_bytes().to_vec()) })
}

/// The `eth_signTypedData_v4` payload of `report`, for a browser wallet or a Safe app.
pub fn typed_data(report: &SelfReport) -> TypedData {
    crate::message::typed_data(&report.typed(), &report.domain())
}

/// Whether `signature` over `digest` is `account`'s according to the account's own code (false for an address
/// without code, and for a wallet that refuses by reverting, as a Safe does).
pub async fn erc1271_valid(chain: &Client, account: Address, digest: B256, signature: &Bytes) -> Result<bool> {
    if chain.provider.get_code_at(account).await?.is_empty() {
        return Ok(false);
    }
    match IERC1271::new(account, &chain.provider).isValidSignature(digest, signature.clone()).call().await {
        Ok(magic) => Ok(magic.0 == ERC1271_MAGIC),
        Err(e) if e.as_revert_data().is_some() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Whether a report file is signed by its account: by key offline, else by ERC-1271 on `chain` (when given).
pub async fn is_signed(chain: Option<&Client>, file: &ReportFile) -> Result<bool> {
    if file.signed_by_key() {
        return Ok(true);
    }
    match chain {
        Some(chain) => erc1271_valid(chain, file.report.account, file.report.signing_hash(), &file.signature).await,
        None => Ok(false),
    }
}
