//! Deploying the vault (same parameters as `script/Deploy.s.sol`) and the devnet stand-ins for the token, the
//! Uniswap V3 pools and a Chainlink feed, from the committed forge artifacts.

use crate::{
    bindings::{
        deployable::{MockChainlinkAggregator, MockERC20, MockUniswapV3Pool},
        IBountyVault::{Cadence as VaultCadence, Config},
    },
    client::Client,
    error::{ChainError, Result},
};
use alloy::{
    network::TransactionBuilder,
    primitives::{Address, Bytes},
    providers::Provider,
    rpc::types::TransactionRequest,
    sol_types::SolValue,
};
use bounty_core::Cadence;

/// The vault's creation bytecode, exported from forge's out/ by `script/artifacts`.
const VAULT_ARTIFACT: &str = include_str!("../artifacts/BountyVault.json");

/// The creation bytecode of a committed artifact (`{"bytecode": {"object": "0x…"}}`, as `script/artifacts` writes).
pub(crate) fn creation_code(artifact: &str) -> Bytes {
    #[derive(serde::Deserialize)]
    struct Artifact {
        bytecode: Code,
    }
    #[derive(serde::Deserialize)]
    struct Code {
        object: Bytes,
    }
    serde_json::from_str::<Artifact>(artifact).expect("committed artifact is valid JSON").bytecode.object
}

/// A deployed vault: its address and the block it was deployed in (where scans of its events start).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deployment {
    /// The vault.
    pub address: Address,
    /// Its deployment block.
    pub block: u64,
}

/// Deploys a `BountyVault(token, cadence, config)`, simulating first.
pub async fn deploy_vault(chain: &Client, token: Address, cadence: Cadence, config: Config) -> Result<Deployment> {
    let from = chain.wallet("deploy")?.address();
    let mut code = creation_code(VAULT_ARTIFACT).to_vec();
    code.extend_from_slice(&(token, VaultCadence::from(cadence), config).abi_encode_params());
    let tx = TransactionRequest::default().with_from(from).with_deploy_code(code);
    chain.provider.call(tx.clone()).await.map_err(|e| chain.revert_or_rpc(e, "deploying the vault"))?;
    let receipt = chain
        .provider
        .send_transaction(tx)
        .await
        .map_err(|e| chain.revert_or_rpc(e, "deploying the vault"))?
        .get_receipt()
        .await
        .map_err(|source| ChainError::NoReceipt { action: "deploying the vault".into(), source })?;
    let address = receipt
        .contract_address
        .filter(|_| receipt.status())
        .ok_or(ChainError::FailedOnChain { action: "deploying the vault".into(), tx: receipt.transaction_hash })?;
    Ok(Deployment { address, block: receipt.block_number.unwrap_or_default() })
}

/// Deploys the real Safe v1.4.1 (singleton, proxy factory, compatibility handler) and creates a
/// `threshold`-of-`owners` Safe through the factory, set up the way the Safe app does it. Returns the Safe.
pub async fn deploy_safe(chain: &Client, owners: Vec<Address>, threshold: u64) -> Result<Address> {
    use crate::bindings::safe::{CompatibilityFallbackHandler, Safe, SafeProxyFactory};
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
    create
        .send()
        .await?
        .get_receipt()
        .await
        .map_err(|source| ChainError::NoReceipt { action: "creating the Safe".into(), source })?;
    Ok(safe)
}

/// The real ENS registry at its mainnet address and a public resolver on the devnet, with `names` (full names such
/// as `alice.eth`, one label under a top-level label) pointing at their addresses. The registry is deployed normally
/// (its constructor makes the deployer the root's owner), then its code is placed at `ENS_ADDRESS` with the root's
/// owner written into the same storage slot (`records[0x0].owner`, mapping slot 0).
pub async fn deploy_ens(chain: &Client, names: &[(&str, Address)]) -> Result<()> {
    use crate::bindings::ens::{IAddrResolver, IEnsRegistry};
    use alloy::{
        ens::{namehash, ENS_ADDRESS},
        primitives::{keccak256, B256, U256},
        providers::ext::AnvilApi,
    };
    let deployer = chain.wallet("deploy ENS")?.address();
    let deploy = |code: Bytes| async {
        let tx = TransactionRequest::default().with_from(deployer).with_deploy_code(code);
        let receipt = chain
            .provider
            .send_transaction(tx)
            .await?
            .get_receipt()
            .await
            .map_err(|source| ChainError::NoReceipt { action: "deploying ENS".into(), source })?;
        Ok::<_, ChainError>(receipt.contract_address.expect("a creation receipt names the contract"))
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
    let mined = |what: &str| {
        let action = format!("ENS: {what}");
        move |source| ChainError::NoReceipt { action, source }
    };
    for (name, address) in names {
        let (label, parent) = name.split_once('.').expect("a name under a top-level label");
        ens.setSubnodeOwner(B256::ZERO, keccak256(parent), deployer)
            .send()
            .await?
            .get_receipt()
            .await
            .map_err(mined(parent))?;
        let sub = ens.setSubnodeOwner(namehash(parent), keccak256(label), deployer).send().await?;
        sub.get_receipt().await.map_err(mined(name))?;
        let node = namehash(name);
        ens.setResolver(node, resolver).send().await?.get_receipt().await.map_err(mined(name))?;
        public.setAddr(node, *address).send().await?.get_receipt().await.map_err(mined(name))?;
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
        .map_err(|_| bounty_core::Error::from(bounty_core::error::PriceError::TickOutOfRange(initial_tick.into())))?;
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
    let vault = crate::vault::Vault::at(chain.clone(), vault).await?;
    let token = MockERC20::new(vault.token().await?, &chain.provider);
    token
        .mint(chain.wallet("mint")?.address(), amount)
        .send()
        .await?
        .get_receipt()
        .await
        .map_err(|source| ChainError::NoReceipt { action: "mint".into(), source })?;
    chain.send(&vault.approve_token(amount).await?).await?;
    chain.send(&vault.fund(amount)).await?;
    Ok(())
}

/// Pushes a round answering `answer` on the devnet Chainlink feed, mined at `at`.
pub async fn push_chainlink_round(chain: &Client, feed: Address, at: u64, answer: i64) -> Result<()> {
    crate::devnet::set_next_timestamp(&chain.provider, at).await?;
    let answer = alloy::primitives::I256::try_from(answer).expect("an i64 fits int256");
    MockChainlinkAggregator::new(feed, &chain.provider)
        .pushRoundAt(answer, alloy::primitives::U256::from(at))
        .send()
        .await?
        .get_receipt()
        .await
        .map_err(|source| ChainError::NoReceipt { action: "pushRoundAt".into(), source })?;
    Ok(())
}
