//! `bounty governance`: writes a proposal (config change, withdraw, unpause) that then goes through the same
//! `bounty sign` → `bounty submit` path as a root. `pause` is immediate: any one signer or the guardian.

use crate::{
    opts::{RpcOpts, VaultOpt, WalletOpts},
    output::execute,
};
use alloy::primitives::{Address, U256};
use bounty_chain::{
    bindings::IBountyVault::{self, Config},
    signing::Proposal,
    vault::Vault,
    VaultMessage,
};
use clap::{Args, Subcommand};
use eyre::Result;
use std::path::PathBuf;

#[derive(Args, Clone, Debug)]
pub struct GovernanceArgs {
    #[command(subcommand)]
    pub action: GovernanceAction,
    #[command(flatten)]
    pub vault: VaultOpt,
    #[command(flatten)]
    pub rpc: RpcOpts,
}

#[derive(Subcommand, Clone, Debug)]
pub enum GovernanceAction {
    /// Propose a new configuration; unspecified fields keep their current values.
    Config {
        #[arg(long, value_delimiter = ',')]
        signers: Option<Vec<Address>>,
        #[arg(long)]
        threshold: Option<u8>,
        #[arg(long)]
        epoch_cap: Option<u128>,
        #[arg(long)]
        challenge_period: Option<u32>,
        #[arg(long)]
        claim_window: Option<u32>,
        #[arg(long)]
        guardian: Option<Address>,
        #[arg(long, short = 'o')]
        out: PathBuf,
    },
    /// Propose withdrawing `amount` base units of the available (never the reserved) balance.
    Withdraw {
        #[arg(long)]
        to: Address,
        #[arg(long)]
        amount: U256,
        #[arg(long, short = 'o')]
        out: PathBuf,
    },
    /// Propose resuming a paused vault.
    Unpause {
        #[arg(long, short = 'o')]
        out: PathBuf,
    },
    /// Pause posting and claiming now (one signer or the guardian; no proposal needed).
    Pause {
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        wallet: WalletOpts,
    },
}

pub async fn run(args: &GovernanceArgs) -> Result<()> {
    let wallet = match &args.action {
        GovernanceAction::Pause { wallet, .. } => wallet.resolve().await?,
        _ => None,
    };
    let chain = args.rpc.connect(wallet).await?;
    let vault = Vault::at(chain, args.vault.vault).await?;
    let nonce = vault.nonce().await?;
    let (message, out) = match &args.action {
        GovernanceAction::Config { signers, threshold, epoch_cap, challenge_period, claim_window, guardian, out } => {
            let v = IBountyVault::new(vault.address, &vault.chain.provider);
            let config = Config {
                signers: match signers {
                    Some(s) => s.clone(),
                    None => v.signers().call().await?,
                },
                threshold: match threshold {
                    Some(t) => *t,
                    None => v.threshold().call().await?,
                },
                epochCap: match epoch_cap {
                    Some(c) => *c,
                    None => v.epochCap().call().await?,
                },
                challengePeriod: match challenge_period {
                    Some(c) => *c,
                    None => v.challengePeriod().call().await?,
                },
                claimWindow: match claim_window {
                    Some(c) => *c,
                    None => v.claimWindow().call().await?,
                },
                guardian: match guardian {
                    Some(g) => *g,
                    None => v.guardian().call().await?,
                },
            };
            (VaultMessage::UpdateConfig(IBountyVault::UpdateConfig { config, nonce }), out)
        }
        GovernanceAction::Withdraw { to, amount, out } => {
            (VaultMessage::Withdraw(IBountyVault::Withdraw { to: *to, amount: *amount, nonce }), out)
        }
        GovernanceAction::Unpause { out } => (VaultMessage::Unpause(IBountyVault::Unpause { nonce }), out),
        GovernanceAction::Pause { dry_run, .. } => {
            execute(&vault.chain, &vault.pause(), *dry_run).await?;
            return Ok(());
        }
    };
    let kind = message.kind();
    Proposal::new(vault.chain.chain_id, vault.address, message).write(out)?;
    println!("wrote {kind} proposal at nonce {nonce} to {}", out.display());
    println!("next: each signer runs `bounty sign {}`, then anyone runs `bounty submit {}`", out.display(), out.display());
    Ok(())
}
