//! `bounty deploy`: deploys a BountyVault with the same parameters as `script/Deploy.s.sol`.

use crate::opts::TokenAmount;
use crate::opts::{RpcOpts, Seconds, WalletOpts};
use alloy::primitives::Address;
use bounty_chain::{
    bindings::{IBountyVault::Config, IERC20},
    deploy::deploy_vault,
};
use bounty_core::Cadence;
use clap::Args;
use eyre::Result;

/// A vault's cadence as typed on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub(crate) enum CadenceArg {
    /// Calendar quarters.
    Quarterly,
    /// Calendar months.
    Monthly,
}

/// Arguments of `bounty deploy`.
#[derive(Args, Clone, Debug)]
pub(crate) struct DeployArgs {
    /// The ERC-20 the vault pays.
    #[arg(value_parser = crate::opts::address, long)]
    pub(crate) token: Address,
    /// How often the vault pays, fixed for good: quarterly epochs are YYYYQ (20262), monthly ones YYYYMM (202606).
    #[arg(long, value_enum, default_value_t = CadenceArg::Quarterly)]
    pub(crate) cadence: CadenceArg,
    /// Signer addresses, comma-separated.
    #[arg(value_parser = crate::opts::address, long, value_delimiter = ',', required = true)]
    pub(crate) signers: Vec<Address>,
    /// Signatures needed.
    #[arg(long, default_value_t = 2)]
    pub(crate) threshold: u8,
    /// Most one epoch may pay, in whole tokens (or base units with a `units` suffix); 0 = only the hard cap of 2^96-1 base units.
    #[arg(long, default_value = "0", allow_hyphen_values = true)]
    pub(crate) epoch_cap: TokenAmount,
    /// How long a posted root waits before it can be claimed, in seconds or with a unit (`14d`, `72h`; at most 90
    /// days).
    #[arg(long, default_value = "14d")]
    pub(crate) challenge_period: Seconds,
    /// How long an epoch stays claimable after activation (`365d`; 1 s to 730 days); every epoch expires, and its
    /// remainder can then be swept back into the budget.
    #[arg(long, default_value = "365d")]
    pub(crate) claim_window: Seconds,
    /// Guardian (may veto and pause); zero for none.
    #[arg(value_parser = crate::opts::address, long, default_value_t = Address::ZERO)]
    pub(crate) guardian: Address,
    /// Tokens anyone must bond to dispute a pending root, in whole tokens (or base units with a `units` suffix).
    #[arg(long, default_value = "0", allow_hyphen_values = true)]
    pub(crate) dispute_bond: TokenAmount,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
    #[command(flatten)]
    pub(crate) wallet: WalletOpts,
}

impl DeployArgs {
    pub(crate) async fn run(self) -> Result<Address> {
        check_signer_set(&self.signers, self.threshold)?;
        let chain = self.rpc.connect(None, Some(self.wallet.require("deploy").await?)).await?;
        let decimals = IERC20::new(self.token, &chain.provider).decimals().call().await?;
        let cap = self.epoch_cap.to_units(decimals)?;
        let cap =
            u128::try_from(cap).map_err(|_| eyre::eyre!("the epoch cap {cap} does not fit the vault's uint128"))?;
        let bond = self.dispute_bond.to_units(decimals)?;
        let bond = u128::try_from(bond)
            .map_err(|_| eyre::eyre!("the dispute bond {bond} does not fit the vault's uint128"))?;
        let config = Config {
            signers: self.signers,
            threshold: self.threshold,
            epochCap: cap,
            challengePeriod: self.challenge_period.to_u32("--challenge-period")?,
            claimWindow: self.claim_window.to_u32("--claim-window")?,
            guardian: self.guardian,
            disputeBond: bond,
        };
        let cadence = match self.cadence {
            CadenceArg::Quarterly => Cadence::Quarterly,
            CadenceArg::Monthly => Cadence::Monthly,
        };
        let deployed = deploy_vault(&chain, self.token, cadence, config).await?;
        let (vault, block) = (deployed.address, deployed.block);
        println!("deployed a {cadence:?} BountyVault at {vault} in block {block} (chain {})", chain.chain_id);
        println!("  in program.toml:  vault = \"{vault}\"  and  deploy_block = {block}");
        println!("  for bounty status: export BOUNTY_VAULT={vault} BOUNTY_DEPLOY_BLOCK={block}");
        Ok(vault)
    }
}

/// The vault's rules for a signer set (`ZeroSigner`, `DuplicateSigner`, `TooManySigners`, `InvalidThreshold`),
/// checked before a wallet is opened or anything is signed, so a typo is not found by a revert.
pub(crate) fn check_signer_set(signers: &[Address], threshold: u8) -> Result<()> {
    const MAX_SIGNERS: usize = 32; // BountyVault.MAX_SIGNERS
    if let Some(i) = signers.iter().position(|s| s.is_zero()) {
        eyre::bail!("--signers: signer {} is the zero address; every signer must be a real key or Safe", i + 1);
    }
    for (i, s) in signers.iter().enumerate() {
        if signers[..i].contains(s) {
            eyre::bail!("--signers: {s} is listed twice; each signer counts once");
        }
    }
    if signers.len() > MAX_SIGNERS {
        eyre::bail!("--signers: {} signers, but a vault holds at most {MAX_SIGNERS}", signers.len());
    }
    if threshold == 0 || usize::from(threshold) > signers.len() {
        eyre::bail!(
            "--threshold {threshold} with {} signer(s): the threshold must be between 1 and the number of signers",
            signers.len()
        );
    }
    Ok(())
}
