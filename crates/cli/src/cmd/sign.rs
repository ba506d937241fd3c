//! `bounty sign`: shows exactly what will be signed, asks, signs the EIP-712 payload (typed data: Ledger-safe) and
//! writes `<file>.sig-<signer>.json` next to the claims file or proposal.

use crate::{
    opts::{RpcOpts, WalletOpts},
    output::{amount, usd},
};
use bounty_chain::{signable::Signable, SignatureFile, VaultMessage, Wallet};
use clap::Args;
use eyre::{bail, Result};
use std::{io::Write, path::PathBuf};

/// Arguments of this command.
#[derive(Args, Clone, Debug)]
pub(crate) struct SignArgs {
    /// Claims file (signs its EpochRoot) or governance proposal.
    pub(crate) file: PathBuf,
    /// Sign as an owner of this Safe, which is the vault signer: you sign the Safe's SafeMessage of the vault's
    /// digest; `bounty submit` assembles the owners' signatures once the Safe's threshold has signed.
    #[arg(value_parser = crate::opts::address, long, value_name = "SAFE")]
    pub(crate) safe: Option<alloy::primitives::Address>,
    /// Print the EIP-712 typed data to sign (JSON for `eth_signTypedData_v4`: a browser wallet, MetaMask, Rabby,
    /// Frame, or `cast wallet sign --data`) and stop; bring the signature back with `--import`.
    #[arg(long, conflicts_with = "import")]
    pub(crate) typed_data: bool,
    /// A signature made elsewhere over the `--typed-data` JSON (0x… 65 bytes): checked to recover to `--signer`
    /// (for `--safe`, the owner) and written as this signer's signature file.
    #[arg(long, value_name = "SIGNATURE", requires = "signer")]
    pub(crate) import: Option<alloy::primitives::Bytes>,
    /// Who made the imported signature.
    #[arg(value_parser = crate::opts::address, long, value_name = "ADDRESS")]
    pub(crate) signer: Option<alloy::primitives::Address>,
    /// Sign without asking.
    #[arg(long, short = 'y')]
    pub(crate) yes: bool,
    #[command(flatten)]
    pub(crate) rpc: RpcOpts,
    #[command(flatten)]
    pub(crate) wallet: WalletOpts,
}

impl SignArgs {
    pub(crate) async fn run(self) -> Result<Option<PathBuf>> {
        if self.typed_data || self.import.is_some() {
            return elsewhere(&self).await;
        }
        // The file first: a missing or broken one is said before a Ledger or a keystore password is asked for.
        Signable::read(&self.file)?;
        let wallet = self.wallet.require("sign").await?;
        sign(&self, wallet).await.map(Some)
    }
}

/// `--typed-data` prints what a browser wallet must sign; `--import` brings its signature back as a signature file.
async fn elsewhere(args: &SignArgs) -> Result<Option<PathBuf>> {
    let signable = Signable::read(&args.file)?;
    let vault = args.rpc.vault(signable.vault(), Some(signable.chain_id()), None).await?;
    let message = signable.message(&vault).await?;
    let (chain_id, address) = (vault.client.chain_id, vault.address);
    let Some(signature) = args.import.clone() else {
        let typed = SignatureFile::typed_data_to_sign(chain_id, address, &message, args.safe);
        println!("{}", serde_json::to_string_pretty(&typed)?);
        return Ok(None);
    };
    let signer = args.signer.expect("clap requires --signer with --import");
    let file = SignatureFile::import(chain_id, address, message, signer, args.safe, signature)
        .map_err(|problem| eyre::eyre!("the imported signature is refused: {problem}"))?;
    let path = file.path(signable.path());
    file.write(&path)?;
    println!("imported the signature of {signer}: wrote {}", path.display());
    Ok(Some(path))
}

/// Signs with a key, a keystore, a Ledger or an owner of a Safe signer.
async fn sign(args: &SignArgs, wallet: Wallet) -> Result<PathBuf> {
    let signable = Signable::read(&args.file)?;
    let vault = args.rpc.vault(signable.vault(), Some(signable.chain_id()), None).await?;
    if let Signable::Claims(c) = &signable {
        let mut report = bounty_core::verify(&c.file);
        bounty_chain::verify::recheck_contract_reports(&vault, c, &mut report.checks).await?;
        if !report.is_ok() {
            let failed: Vec<String> = report.failures().map(|f| format!("  ✗ {} — {}", f.name, f.detail)).collect();
            bail!("{} does not verify; refusing to sign:\n{}", c.path.display(), failed.join("\n"));
        }
    }
    let message = signable.message(&vault).await?;
    let signer = wallet.address();
    let vault_signer = args.safe.unwrap_or(signer);
    let signers = vault.signers().await?;
    if !signers.contains(&vault_signer) {
        let list: Vec<String> = signers.iter().map(alloy::primitives::Address::to_string).collect();
        bail!(
            "{vault_signer} is not a signer of the vault {} (its signers: {}); the vault would not count this \
             signature, so nothing was signed or written. Sign with a signer's key{}",
            vault.address,
            list.join(", "),
            if args.safe.is_some() { "" } else { ", or with --safe SAFE as an owner of a Safe that is one" }
        );
    }
    if let Some(safe) = args.safe {
        let owners = vault.client.safe_owners(safe).await?;
        if !owners.owners.contains(&signer) {
            bail!("{signer} is not an owner of the Safe {safe} (owners: {:?})", owners.owners);
        }
        println!("You are about to sign, as {signer}, one of {} signatures the Safe {safe} needs:", owners.threshold);
    } else {
        println!("You are about to sign, as {signer}:");
    }
    println!("  chain:         {}", vault.client.chain_id);
    println!("  vault:         {}", vault.address);
    describe(&message, &signable);
    let digest = message.signing_hash(&vault.domain());
    if let VaultMessage::EpochRoot(root) = &message {
        let on_chain = vault.hash_epoch_root(root).await?;
        if on_chain != digest {
            bail!("the vault hashes this EpochRoot to {on_chain}, we hash it to {digest}: refusing to sign");
        }
    }
    println!("  EIP-712 digest: {digest}");
    let shown = match args.safe {
        Some(safe) => {
            let (typed, safe_hash) = bounty_chain::safe::safe_message(vault.client.chain_id, safe, digest);
            println!("  SafeMessage:    {safe_hash} (what the Safe checks: SafeMessage(bytes message) with");
            println!("                  message = abi.encode(the digest above), in the Safe's domain)");
            typed
        }
        None => message.typed_data(&vault.domain()),
    };
    // A Ledger signs typed data in hashed mode and shows only these two hashes: compare them with its screen. They
    // must be the two halves of the digest being signed (checked here, so what is printed is what is signed).
    let (domain_hash, message_hash) =
        (shown.domain.hash_struct(), shown.hash_struct().map_err(bounty_chain::ChainError::from)?);
    let signed = shown.eip712_signing_hash().map_err(bounty_chain::ChainError::from)?;
    if alloy::primitives::keccak256([&[0x19, 0x01][..], &domain_hash[..], &message_hash[..]].concat()) != signed {
        bail!("the device hashes do not make up the digest being signed: refusing to sign");
    }
    println!("  device shows:   Domain hash  {domain_hash}");
    println!("                  Message hash {message_hash}");
    if wallet.is_ledger() {
        println!(
            "  On the Ledger: the Ethereum app must have Blind signing enabled (Settings → Blind signing); it shows \
             'Domain hash' and 'Message hash': sign only if both equal the two lines above."
        );
    }
    if !args.yes && !confirm("Sign this? [y/N] ")? {
        bail!("not signed");
    }
    let (chain_id, address) = (vault.client.chain_id, vault.address);
    let file = match args.safe {
        Some(safe) => SignatureFile::sign_for_safe(&wallet, chain_id, address, safe, message).await?,
        None => SignatureFile::sign(&wallet, chain_id, address, message).await?,
    };
    let path = file.path(signable.path());
    file.write(&path)?;
    println!("signed by {signer}: wrote {}", path.display());
    Ok(path)
}

fn describe(message: &VaultMessage, signable: &Signable) {
    match message {
        VaultMessage::EpochRoot(r) => {
            let (d, sym) = match signable {
                Signable::Claims(c) => (c.file.token.decimals, c.file.token.symbol.clone()),
                _ => (18, String::new()),
            };
            println!("  action:        post the root of epoch {}", bounty_core::EpochNumber(r.epoch));
            println!("  root:          {}", r.root);
            println!("  total:         {} {sym}", amount(alloy::primitives::U256::from(r.total), d));
            println!("  count:         {}", r.count);
            println!(
                "  price:         {}",
                if r.usdPerToken.is_zero() { "none (token budget)".into() } else { usd(r.usdPerToken) }
            );
            println!("  metadata hash: {}", r.metadataHash);
            println!("  nonce:         {}", r.nonce);
        }
        VaultMessage::UpdateConfig(u) => {
            let c = &u.config;
            println!("  action:        replace the configuration");
            println!("  signers:       {:?} (threshold {})", c.signers, c.threshold);
            println!("  epoch cap:     {}", c.epochCap);
            println!("  periods:       challenge {} s, claim window {} s", c.challengePeriod, c.claimWindow);
            println!("  guardian:      {}", c.guardian);
            println!("  dispute bond:  {} base units", c.disputeBond);
            println!("  nonce:         {}", u.nonce);
            println!("  (queued for the challenge period once submitted; one signer or the guardian can cancel it)");
        }
        VaultMessage::Withdraw(w) => {
            println!("  action:        withdraw {} base units to {}", w.amount, w.to);
            println!("  nonce:         {}", w.nonce);
        }
        VaultMessage::Unpause(u) => {
            println!("  action:        unpause");
            println!("  nonce:         {}", u.nonce);
        }
        VaultMessage::ResolveDispute(r) => {
            let verdict = if r.upheld {
                "uphold (veto the root, return the bond)"
            } else {
                "dismiss (bond to the budget, restart the challenge period)"
            };
            println!("  action:        resolve the dispute of epoch {}: {verdict}", bounty_core::EpochNumber(r.epoch));
            println!("  nonce:         {}", r.nonce);
        }
    }
}

fn confirm(prompt: &str) -> Result<bool> {
    print!("{prompt}");
    std::io::stdout().flush()?;
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes"))
}
