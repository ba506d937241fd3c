//! The devnet's stand-ins for what exists on mainnet (the token, Uniswap V3 pools, a Chainlink feed) and the real
//! Safe and ENS contracts, deployed from the committed artifacts in `crates/devnet/artifacts/`.

use crate::contracts::{MockChainlinkAggregator, MockERC20, MockUniswapV3Pool};
use alloy::{
    network::TransactionBuilder,
    primitives::{Address, Bytes},
    providers::Provider,
    rpc::types::TransactionRequest,
    sol_types::SolValue,
};
use bounty_chain::{deploy::creation_code, Client};
use eyre::{eyre, Result};

/// Deploys the real Safe v1.4.1 (singleton, proxy factory, compatibility handler) and creates a
/// `threshold`-of-`owners` Safe through the factory, set up the way the Safe app does it. Returns the Safe.
pub async fn deploy_safe(chain: &Client, owners: Vec<Address>, threshold: u64) -> Result<Address> {
    use crate::contracts::{CompatibilityFallbackHandler, Safe, SafeProxyFactory};
    use alloy::sol_types::SolCall;
    let singleton = *Safe::deploy(&chain.provider).await?.address();
    let factory = SafeProxyFactory::deploy(&chain.provider).await?;
    let handler = *CompatibilityFallbackHandler::deploy(&chain.provider).await?.address();
    let setup = Safe::setupCall {
        _owners: owners,
        _threshold: alloy::primitives::U256::from(threshold),
        to: Address::ZERO,
        data: Default::default(),
        fallbackHandler: handler,
        paymentToken: Address::ZERO,
        payment: alloy::primitives::U256::ZERO,
        paymentReceiver: Address::ZERO,
    };
    let create = factory.createProxyWithNonce(singleton, setup.abi_encode().into(), alloy::primitives::U256::ZERO);
    let safe = create.call().await?;
    create.send().await?.get_receipt().await?;
    Ok(safe)
}

/// The real ENS registry at its mainnet address and a public resolver on the devnet, with `names` (full names such
/// as `alice.eth`, one label under a top-level label) pointing at their addresses. The registry is deployed normally
/// (its constructor makes the deployer the root's owner), then its code is placed at `ENS_ADDRESS` with the root's
/// owner written into the same storage slot (`records[0x0].owner`, mapping slot 0).
pub async fn deploy_ens(chain: &Client, names: &[(&str, Address)]) -> Result<()> {
    use alloy::{
        ens::{namehash, ENS_ADDRESS},
        primitives::{keccak256, B256, U256},
        providers::ext::AnvilApi,
    };
    use bounty_chain::bindings::ens::{IAddrResolver, IEnsRegistry};
    let deployer = chain.wallet("deploy ENS")?.address();
    let deploy = |code: Bytes| async {
        let tx = TransactionRequest::default().with_from(deployer).with_deploy_code(code);
        let receipt = chain.provider.send_transaction(tx).await?.get_receipt().await?;
        Ok::<_, eyre::Report>(receipt.contract_address.expect("a creation receipt names the contract"))
    };
    let registry = deploy(creation_code(include_str!("../artifacts/ENSRegistry.json"))).await?;
    let code = chain.provider.get_code_at(registry).await?;
    chain.provider.anvil_set_code(ENS_ADDRESS, code).await?;
    let root_owner_slot = keccak256([[0u8; 32], [0u8; 32]].concat());
    chain
        .provider
        .anvil_set_storage_at(
            ENS_ADDRESS,
            U256::from_be_bytes(root_owner_slot.0),
            B256::left_padding_from(deployer.as_slice()),
        )
        .await?;
    let mut resolver_code = creation_code(include_str!("../artifacts/PublicResolver.json")).to_vec();
    resolver_code.extend_from_slice(&ENS_ADDRESS.abi_encode());
    let resolver = deploy(resolver_code.into()).await?;
    let ens = IEnsRegistry::new(ENS_ADDRESS, &chain.provider);
    let public = IAddrResolver::new(resolver, &chain.provider);
    for (name, address) in names {
        let (label, parent) = name.split_once('.').expect("a name under a top-level label");
        ens.setSubnodeOwner(B256::ZERO, keccak256(parent), deployer).send().await?.get_receipt().await?;
        let sub = ens.setSubnodeOwner(namehash(parent), keccak256(label), deployer).send().await?;
        sub.get_receipt().await?;
        let node = namehash(name);
        ens.setResolver(node, resolver).send().await?.get_receipt().await?;
        public.setAddr(node, *address).send().await?.get_receipt().await?;
    }
    Ok(())
}

/// Deploys the devnet ERC-20 (public mint).
pub async fn deploy_mock_token(chain: &Client, name: &str, symbol: &str, decimals: u8) -> Result<Address> {
    let c = MockERC20::deploy(&chain.provider, name.to_string(), symbol.to_string(), decimals).await?;
    Ok(*c.address())
}

/// Deploys a mock Uniswap V3 pool for the pair at `initial_tick`.
pub async fn deploy_mock_pool(
    chain: &Client,
    token_a: Address,
    token_b: Address,
    fee: u32,
    initial_tick: i32,
) -> Result<Address> {
    let tick = alloy::primitives::aliases::I24::try_from(initial_tick)
        .map_err(|_| eyre!("tick {initial_tick} is outside int24"))?;
    let fee = alloy::primitives::aliases::U24::from(fee);
    let c =
        MockUniswapV3Pool::deploy(&chain.provider, token_a, token_b, fee, tick, 1_000_000_000_000_000_000u128).await?;
    Ok(*c.address())
}

/// Deploys a mock Chainlink feed proxy (phase 1, no rounds yet).
pub async fn deploy_mock_feed(chain: &Client, decimals: u8, description: &str) -> Result<Address> {
    let c = MockChainlinkAggregator::deploy(&chain.provider, decimals, description.to_string()).await?;
    Ok(*c.address())
}

/// Mints `amount` of the devnet token to the chain's wallet, approves the vault and funds it.
pub async fn mint_and_fund(chain: &Client, vault: Address, amount: alloy::primitives::U256) -> Result<()> {
    let vault = bounty_chain::vault::Vault::at(chain.clone(), vault).await?;
    let token = MockERC20::new(vault.token().await?, &chain.provider);
    token.mint(chain.wallet("mint")?.address(), amount).send().await?.get_receipt().await?;
    chain.send(&vault.approve_token(amount).await?).await?;
    chain.send(&vault.fund(amount)).await?;
    Ok(())
}

/// Pushes a round answering `answer` on the devnet Chainlink feed, mined at `at`.
pub async fn push_chainlink_round(chain: &Client, feed: Address, at: u64, answer: i64) -> Result<()> {
    crate::anvil::set_next_timestamp(&chain.provider, at).await?;
    let answer = alloy::primitives::I256::try_from(answer).expect("an i64 fits int256");
    MockChainlinkAggregator::new(feed, &chain.provider)
        .pushRoundAt(answer, alloy::primitives::U256::from(at))
        .send()
        .await?
        .get_receipt()
        .await?;
    Ok(())
}
