//! `bounty deploy`: deploys a BountyVault with the same parameters as `script/Deploy.s.sol`; `bounty fund`
//! approves and funds it.

use crate::{
    opts::{RpcOpts, VaultOpt, WalletOpts},
    output::execute,
};
use alloy::primitives::{Address, U256};
use bounty_chain::{bindings::IBountyVault::Config, deploy::deploy_vault, vault::Vault};
use clap::Args;
use eyre::Result;

#[derive(Args, Clone, Debug)]
pub struct DeployArgs {
    /// The ERC-20 the vault pays.
    #[arg(long)]
    pub token: Address,
    /// Signer addresses, comma-separated.
    #[arg(long, value_delimiter = ',', required = true)]
    pub signers: Vec<Address>,
    /// Signatures needed.
    #[arg(long, default_value_t = 2)]
    pub threshold: u8,
    /// Most one epoch may pay, in base units (0 = no cap).
    #[arg(long, default_value_t = 0)]
    pub epoch_cap: u128,
    /// Seconds a posted root waits before it can be claimed.
    #[arg(long, default_value_t = 14 * 24 * 3600)]
    pub challenge_period: u32,
    /// Seconds an epoch stays claimable after activation (0 = forever).
    #[arg(long, default_value_t = 0)]
    pub claim_window: u32,
    /// Guardian (may veto and pause); zero for none.
    #[arg(long, default_value_t = Address::ZERO)]
    pub guardian: Address,
    #[command(flatten)]
    pub rpc: RpcOpts,
    #[command(flatten)]
    pub wallet: WalletOpts,
}

pub async fn run(args: &DeployArgs) -> Result<Address> {
    let chain = args.rpc.connect(Some(args.wallet.require("deploy").await?)).await?;
    let config = Config {
        signers: args.signers.clone(),
        threshold: args.threshold,
        epochCap: args.epoch_cap,
        challengePeriod: args.challenge_period,
        claimWindow: args.claim_window,
        guardian: args.guardian,
    };
    let vault = deploy_vault(&chain, args.token, config).await?;
    println!("deployed BountyVault at {vault} (chain {})", chain.chain_id);
    Ok(vault)
}

#[derive(Args, Clone, Debug)]
pub struct FundArgs {
    /// Amount in base units.
    #[arg(long)]
    pub amount: U256,
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub vault: VaultOpt,
    #[command(flatten)]
    pub rpc: RpcOpts,
    #[command(flatten)]
    pub wallet: WalletOpts,
}

pub async fn run_fund(args: &FundArgs) -> Result<()> {
    let chain = args.rpc.connect(Some(args.wallet.require("fund").await?)).await?;
    let vault = Vault::at(chain, args.vault.vault).await?;
    execute(&vault.chain, &vault.approve_token(args.amount).await?, args.dry_run).await?;
    if !args.dry_run {
        execute(&vault.chain, &vault.fund(args.amount), false).await?;
    }
    Ok(())
}
