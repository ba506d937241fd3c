//! `verify` against the chain: the core crate re-derives everything from the file's own inputs; this adds what
//! only the chain can confirm — the posted root, total, count, metadata hash and price, the cap, the funding, and
//! the TWAP readings re-read at the blocks the file records.

use crate::{
    bindings::{
        IBountyVault::{EpochInfo, EpochStatus},
        IERC20,
    },
    client::Client,
    error::Result,
    vault::Vault,
};
use alloy::primitives::U256;
use bounty_core::{claims::Check, twap::PriceProvenance, LoadedClaims};

fn check(name: &str, ok: bool, detail: impl Into<String>) -> Check {
    Check::new(name, ok, detail)
}

/// Every check, offline ones first. The caller prints one ✓/✗ line per check and fails on any ✗.
pub async fn verify(vault: &Vault, loaded: &LoadedClaims) -> Result<Vec<Check>> {
    let mut checks = loaded.verify().checks;
    let f = &loaded.file;
    recheck_contract_reports(vault, loaded, &mut checks).await?;
    checks.push(check(
        "vault",
        f.vault == vault.address && f.chain_id == vault.client.chain_id,
        format!(
            "file names vault {} on chain {}; checking vault {} on chain {}",
            f.vault, f.chain_id, vault.address, vault.client.chain_id
        ),
    ));
    let cadence = vault.cadence().await?;
    checks.push(check(
        "cadence",
        cadence == f.label.cadence().into(),
        format!("vault is {cadence:?}, the file's epoch {} is {:?}", f.label, f.label.cadence()),
    ));
    let info = vault.epoch_info(f.epoch).await?;
    checks.extend(posted_values(loaded, &info));
    checks.extend(budget(vault, loaded, &info).await?);
    if let Some(price) = &f.price {
        checks.push(reread_price(&vault.client, &price.source).await);
    }
    if let Some(tips) = crate::tips::recheck(&vault.client, vault.address, f).await? {
        checks.push(tips);
    }
    Ok(checks)
}

/// The offline `reports` check cannot run a contract wallet's ERC-1271 check: each report whose signature is not
/// its account key's is asked of the account on chain, and the check is made again with those the account vouched
/// for.
pub async fn recheck_contract_reports(vault: &Vault, loaded: &LoadedClaims, checks: &mut [Check]) -> Result<()> {
    let Some(check) = checks.iter_mut().find(|c| c.name == "reports") else { return Ok(()) };
    let f = &loaded.file;
    let mut by_contract = Vec::new();
    for i in bounty_core::claims::reports_not_by_key(f) {
        let Some((report, signature)) = f.report_of(&f.claims[i]) else { continue };
        if crate::report::erc1271_valid(&vault.client, report.account, report.signing_hash(), &signature).await? {
            by_contract.push(i);
        }
    }
    *check = bounty_core::claims::reports_check(f, Some(&by_contract));
    Ok(())
}

/// The epoch's posted root, total, count, metadata hash and price against the file's.
fn posted_values(loaded: &LoadedClaims, info: &EpochInfo) -> Vec<Check> {
    let f = &loaded.file;
    let mut checks = Vec::new();
    let posted = info.status != EpochStatus::None;
    let status = match info.status {
        EpochStatus::None => "not posted",
        EpochStatus::Posted => "posted",
        EpochStatus::Vetoed => "vetoed",
        EpochStatus::Swept => "swept",
        _ => "unknown",
    };
    checks.push(check(
        "posted root",
        posted && info.root == f.root,
        format!("vault: {} ({status}), file: {}", info.root, f.root),
    ));
    checks.push(check(
        "posted total",
        posted && U256::from(info.total) == f.total,
        format!("vault: {}, file: {}", info.total, f.total),
    ));
    checks.push(check(
        "posted count",
        posted && info.count == f.count,
        format!("vault: {}, file: {}", info.count, f.count),
    ));
    let hash = loaded.metadata_hash();
    checks.push(check(
        "metadata hash",
        posted && info.metadataHash == hash,
        format!("vault: {}, keccak256(file): {}", info.metadataHash, hash),
    ));
    checks.push(check(
        "posted price",
        posted && info.usdPerToken == f.usd_per_token(),
        format!("vault: {}, file: {}", info.usdPerToken, f.usd_per_token()),
    ));
    checks
}

/// The vault's cap and funding for the epoch.
async fn budget(vault: &Vault, loaded: &LoadedClaims, info: &EpochInfo) -> Result<Vec<Check>> {
    let f = &loaded.file;
    let mut checks = Vec::new();
    let posted = info.status != EpochStatus::None;
    let v = crate::bindings::IBountyVault::new(vault.address, &vault.client.provider);
    let configured = U256::from(v.config().call().await?.epochCap);
    let cap = crate::vault::effective_epoch_cap(configured);
    let which = if cap == configured { "cap" } else { "hard cap 2^96-1" };
    checks.push(check("epoch cap", f.total <= cap, format!("total {} ≤ {which} {cap}", f.total)));
    let reserved = v.reserved().call().await?;
    let available = v.available().call().await?;
    let balance = IERC20::new(v.token().call().await?, &vault.client.provider).balanceOf(vault.address).call().await?;
    let funding = if posted {
        check(
            "funding",
            balance >= reserved && U256::from(info.remaining) <= reserved,
            format!("balance {balance} covers reserved {reserved} (this epoch's remaining {})", info.remaining),
        )
    } else {
        check("funding", available >= f.total, format!("available {available}, needed {}", f.total))
    };
    checks.push(funding);
    Ok(checks)
}

/// Why the readings could not be re-read; for a pruned RPC, that every other check still ran.
fn unreadable(e: crate::error::ChainError) -> String {
    match e {
        crate::error::ChainError::Twap(e @ crate::error::TwapError::NoStateAt { .. }) => {
            format!("{e}; every other check ran")
        }
        e => e.to_string(),
    }
}

/// Re-reads the raw TWAP readings at the recorded blocks and compares them with the file's.
pub async fn reread_price(chain: &Client, source: &PriceProvenance) -> Check {
    const NAME: &str = "twap readings on chain";
    match source {
        PriceProvenance::UniswapV3 { window, pools, .. } => {
            let (Some(_), Some(_)) = (window.start_block, window.end_block) else {
                return check(NAME, false, "the file records no blocks to re-read");
            };
            let addresses: Vec<_> = pools.iter().map(|p| p.pool).collect();
            match chain.uniswap_observations_at(&addresses, window).await {
                Ok(read) if &read == pools => check(
                    NAME,
                    true,
                    format!(
                        "{} pool(s) re-read at blocks {}–{}",
                        pools.len(),
                        window.start_block.unwrap_or_default(),
                        window.end_block.unwrap_or_default()
                    ),
                ),
                Ok(read) => check(NAME, false, format!("re-read {read:?}, file has {pools:?}")),
                Err(e) => check(NAME, false, unreadable(e)),
            }
        }
        PriceProvenance::Chainlink { feed, rounds, window, .. } => {
            match chain.chainlink_rounds_at(*feed, rounds.iter().map(|r| r.round_id), window.end_block).await {
                Ok(read) if &read == rounds => {
                    check(NAME, true, format!("{} round(s) of feed {feed} re-read", rounds.len()))
                }
                Ok(_) => check(NAME, false, format!("feed {feed} answers differently for the recorded rounds")),
                Err(e) => check(NAME, false, unreadable(e)),
            }
        }
        PriceProvenance::Series { source, .. } => Check::unchecked(
            NAME,
            format!(
                "not checked: the price comes from the offline series {source}, which nothing on chain can \
                     confirm; compare it with the source yourself"
            ),
        ),
    }
}
