//! ENS names where people type addresses (`--to alice.eth`, a shares CSV's `account`): normalised per ENSIP-15
//! (the `ens-normalize-rs` crate, as the ENS app and viem do) and resolved through the RPC given, by the registry's
//! resolver for the name and that resolver's `addr`. This is the on-chain path every name with an on-chain
//! resolver takes; names that need CCIP-read (offchain resolvers, wildcards) are refused with a sentence rather
//! than resolved by a gateway this tool would have to trust.

use crate::{
    bindings::ens::{IAddrResolver, IEnsRegistry},
    error::{ChainError, Result},
    Client,
};
use alloy::{
    ens::{namehash, ENS_ADDRESS},
    primitives::Address,
    providers::Provider,
};

/// Whether `text` is meant as a name rather than an address: no `0x` prefix and at least one dot.
pub fn is_name(text: &str) -> bool {
    let t = text.trim();
    !t.starts_with("0x") && !t.starts_with("0X") && t.contains('.')
}

/// The ENSIP-15 normal form of `name`, or why it has none.
pub fn normalize(name: &str) -> Result<String> {
    ens_normalize_rs::normalize(name.trim())
        .map_err(|e| ChainError::Ens { name: name.trim().to_string(), problem: format!("not a valid ENS name ({e})") })
}

/// The address `name` resolves to on `chain`.
pub async fn resolve(chain: &Client, name: &str) -> Result<Address> {
    let normal = normalize(name)?;
    let node = namehash(&normal);
    let bad = |problem: String| ChainError::Ens { name: normal.clone(), problem };
    // A chain without the registry (a devnet, most L2s) would otherwise answer the read with empty data, which
    // decodes into a library error that means nothing to the user.
    if chain.provider.get_code_at(ENS_ADDRESS).await?.is_empty() {
        return Err(bad(format!(
            "cannot be resolved: chain {} has no ENS registry at {ENS_ADDRESS}; give the address itself",
            chain.chain_id
        )));
    }
    let resolver = IEnsRegistry::new(ENS_ADDRESS, &chain.provider)
        .resolver(node)
        .call()
        .await
        .map_err(|e| bad(format!("the ENS registry could not be read on chain {} ({e})", chain.chain_id)))?;
    if resolver.is_zero() {
        return Err(bad(format!(
            "has no resolver on chain {} (ENS names resolve on Ethereum mainnet)",
            chain.chain_id
        )));
    }
    let address = IAddrResolver::new(resolver, &chain.provider).addr(node).call().await.map_err(|e| {
        bad(format!("its resolver {resolver} has no readable address ({e}); offchain names are not supported"))
    })?;
    if address.is_zero() {
        return Err(bad("resolves to no address".into()));
    }
    Ok(address)
}
