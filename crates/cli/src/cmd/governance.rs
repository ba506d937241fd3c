//! `bounty governance`: writes a proposal (config change, withdraw, unpause) that then goes through the same
//! `bounty sign` → `bounty submit` path as a root, which queues it for the challenge period; `bounty execute` runs it
//! afterwards and `bounty cancel` stops it until then. `pause` is immediate: any one signer or the guardian.

use crate::{
    opts::{EpochArg, RpcOpts, Seconds, TokenAmount, TxOpts, VaultOpt, WalletOpts},
    send::send,
};
use alloy::primitives::Address;
use bounty_chain::{
    bindings::IBountyVault::{self, Config},
    vault::Vault,
    Proposal, VaultMessage,
};
use clap::{Args, Subcommand};
use eyre::Result;
use std::path::PathBuf;

/// Arguments of `bounty governance`.
#[derive(Args, Clone, Debug)]
pub(crate) struct GovernanceArgs {
    #[command(subcommand)]
    pub(crate) action: GovernanceAction,
    #[command(flatten)]
    pub(crate) vault: VaultOpt,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
}

/// One governance action.
#[derive(Subcommand, Clone, Debug)]
pub(crate) enum GovernanceAction {
    /// Propose a new configuration; unspecified fields keep their current values.
    Config {
        /// The new signer set, comma-separated.
        #[arg(value_parser = crate::opts::address, long, value_delimiter = ',')]
        signers: Option<Vec<Address>>,
        /// Signatures needed.
        #[arg(long)]
        threshold: Option<u8>,
        /// Most one epoch may pay, in whole tokens (or base units with a `units` suffix); 0 = only the hard cap of 2^96-1 base units.
        #[arg(long, allow_hyphen_values = true)]
        epoch_cap: Option<TokenAmount>,
        /// How long a posted root waits before it can be claimed (`14d`, `72h`, or seconds; at most 90 days).
        #[arg(long)]
        challenge_period: Option<Seconds>,
        /// How long an epoch stays claimable after activation (`365d`, or seconds; 1 s to 730 days).
        #[arg(long)]
        claim_window: Option<Seconds>,
        /// The guardian (may veto and pause); 0x0000000000000000000000000000000000000000 for none.
        #[arg(value_parser = crate::opts::address, long)]
        guardian: Option<Address>,
        /// Tokens a dispute bonds, in whole tokens (or base units with a `units` suffix); 0 = free disputes.
        #[arg(long, allow_hyphen_values = true)]
        dispute_bond: Option<TokenAmount>,
        /// Where to write the proposal.
        #[arg(long, short = 'o')]
        out: PathBuf,
    },
    /// Propose withdrawing part of the available (never the reserved) balance.
    Withdraw {
        /// Recipient.
        #[arg(value_parser = crate::opts::address, long)]
        to: Address,
        /// Amount in whole tokens (`2000`, `2000.5`), or base units with a `units` suffix.
        #[arg(long, allow_hyphen_values = true)]
        amount: TokenAmount,
        /// Where to write the proposal.
        #[arg(long, short = 'o')]
        out: PathBuf,
    },
    /// Propose resolving a dispute: `--uphold` vetoes the root and returns the bond; `--dismiss` forfeits the bond
    /// to the budget and restarts the root's challenge period.
    ResolveDispute {
        /// The disputed epoch: its label (2026-Q2) or number (20262).
        #[arg(long)]
        epoch: EpochArg,
        /// Uphold the dispute.
        #[arg(long, conflicts_with = "dismiss", required_unless_present = "dismiss")]
        uphold: bool,
        /// Dismiss the dispute.
        #[arg(long)]
        dismiss: bool,
        /// Where to write the proposal.
        #[arg(long, short = 'o')]
        out: PathBuf,
    },
    /// Propose resuming a paused vault.
    Unpause {
        /// Where to write the proposal.
        #[arg(long, short = 'o')]
        out: PathBuf,
    },
    /// Pause posting and claiming now (one signer or the guardian; no proposal needed).
    Pause {
        #[command(flatten)]
        tx: TxOpts,
        /// A Safe that is a signer or the guardian pauses through a Transaction Builder batch.
        #[command(flatten)]
        safe: crate::opts::SafeBatchOpts,
        #[command(flatten)]
        wallet: WalletOpts,
    },
}

impl GovernanceArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let wallet = match &self.action {
            GovernanceAction::Pause { wallet, safe, .. } if safe.safe_batch.is_some() => wallet.resolve().await?,
            GovernanceAction::Pause { wallet, tx, .. } => tx.wallet(wallet, "pause").await?,
            _ => None,
        };
        let vault = self.rpc.vault(self.vault.vault, None, wallet).await?;
        let nonce = vault.nonce().await?;
        let (message, out) = match self.action {
            GovernanceAction::Pause { tx, safe, .. } => {
                let plan = vault.pause();
                send(&vault, &[plan], &tx, &safe, None).await?;
                return Ok(());
            }
            GovernanceAction::Config {
                signers,
                threshold,
                epoch_cap,
                challenge_period,
                claim_window,
                guardian,
                dispute_bond,
                out,
            } => {
                let current = vault.config().await?;
                let config = Config {
                    signers: signers.unwrap_or(current.signers),
                    threshold: threshold.unwrap_or(current.threshold),
                    epochCap: match epoch_cap {
                        Some(cap) => cap_units(&vault, cap).await?,
                        None => current.epochCap,
                    },
                    challengePeriod: match challenge_period {
                        Some(s) => s.to_u32("--challenge-period")?,
                        None => current.challengePeriod,
                    },
                    claimWindow: match claim_window {
                        Some(s) => s.to_u32("--claim-window")?,
                        None => current.claimWindow,
                    },
                    guardian: guardian.unwrap_or(current.guardian),
                    disputeBond: match dispute_bond {
                        Some(bond) => cap_units(&vault, bond).await?,
                        None => current.disputeBond,
                    },
                };
                super::deploy::check_signer_set(&config.signers, config.threshold)?;
                (VaultMessage::UpdateConfig(IBountyVault::UpdateConfig { config, nonce }), out)
            }
            GovernanceAction::Withdraw { to, amount, out } => {
                let amount = amount.resolve(&vault).await?;
                // The vault refuses to queue more than is available: say so before anyone signs.
                let available = vault.available().await?;
                if amount > available {
                    let (decimals, symbol) = vault.token_metadata().await?;
                    eyre::bail!(
                        "a withdrawal of {} {symbol} is more than the vault has available ({} {symbol}: the balance \
                         less what live epochs and dispute bonds hold); nothing was written",
                        crate::output::amount(amount, decimals),
                        crate::output::amount(available, decimals)
                    );
                }
                (VaultMessage::Withdraw(IBountyVault::Withdraw { to, amount, nonce }), out)
            }
            GovernanceAction::Unpause { out } => {
                let Some(pause) = vault.running_pause().await? else {
                    eyre::bail!("the vault is not paused: there is no pause for an unpause to end");
                };
                (VaultMessage::Unpause(IBountyVault::Unpause { pause, nonce }), out)
            }
            GovernanceAction::ResolveDispute { epoch, uphold, out, .. } => {
                let message = IBountyVault::ResolveDispute { epoch: epoch.0, upheld: uphold, nonce };
                (VaultMessage::ResolveDispute(message), out)
            }
        };
        let kind = message.kind();
        Proposal::new(vault.client.chain_id, vault.address, message).write(&out)?;
        println!("wrote {kind} proposal at nonce {nonce} to {}", out.display());
        let file = out.display();
        println!("next: each signer runs `bounty sign {file}`, then anyone runs `bounty submit {file}` (queues it),");
        println!("and after the challenge period `bounty execute {file}`");
        Ok(())
    }
}

/// An amount of the vault's token in base units, as the vault's `uint128` (epoch cap, dispute bond).
async fn cap_units(vault: &Vault, cap: TokenAmount) -> Result<u128> {
    let (decimals, _) = vault.token_metadata().await?;
    let units = cap.to_units(decimals)?;
    u128::try_from(units).map_err(|_| eyre::eyre!("the epoch cap {units} does not fit the vault's uint128"))
}
