//! Collecting signature files for one threshold action and checking them against the vault before anything is
//! sent: each must be for this chain, this vault and exactly this message (same nonce), from a current signer.

use crate::safe::{assemble, SafeOwners};
use crate::{
    bindings::IBountyVault::SignerSignature,
    error::{ChainError, Result, SignatureCheck},
    message::VaultMessage,
    signature_file::{sorted_signatures, SignatureFile},
    vault::Vault,
};
use alloy::primitives::{Address, Bytes};
use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

/// The usable signatures (sorted for the vault) and a line per file.
#[derive(Clone, Debug)]
pub struct CollectedSignatures {
    /// Sorted by signer, as the vault requires.
    pub signatures: Vec<SignerSignature>,
    /// One verdict per file.
    pub checks: Vec<SignatureCheck>,
    /// The vault's threshold.
    pub threshold: u8,
}

/// Reads `paths` and keeps the signatures that can post `expected` on `vault`. Errors (listing every file's
/// verdict) when fewer than the threshold remain.
pub async fn collect(vault: &Vault, expected: &VaultMessage, paths: &[PathBuf]) -> Result<CollectedSignatures> {
    let signers = vault.signers().await?;
    let threshold = vault.threshold().await?;
    let mut good = Vec::new();
    let mut safe_owners: BTreeMap<Address, Vec<(usize, SignatureFile)>> = BTreeMap::new();
    let mut checks = Vec::new();
    for path in paths {
        match check_one(vault, expected, &signers, path) {
            Ok(file) => {
                checks.push(SignatureCheck { path: path.clone(), signer: Some(file.signed_by()), problem: None });
                match file.safe_owner {
                    Some(_) => safe_owners.entry(file.signer).or_default().push((checks.len() - 1, file)),
                    None => good.push(file),
                }
            }
            Err((signer, problem)) => {
                checks.push(SignatureCheck { path: path.clone(), signer, problem: Some(problem) })
            }
        }
    }
    // Two files from one signer count once.
    good.sort_by_key(|f| f.signer);
    good.dedup_by_key(|f| f.signer);
    let mut signatures = sorted_signatures(&good)?;
    for (safe, files) in safe_owners {
        if let Some(signature) = safe_signature(vault, safe, files, &mut checks).await? {
            signatures.push(signature);
        }
    }
    signatures.sort_by_key(|s| s.signer);
    if signatures.len() < usize::from(threshold) {
        return Err(ChainError::NotEnoughSignatures {
            kind: expected.kind(),
            valid: signatures.len(),
            threshold,
            checks,
        });
    }
    Ok(CollectedSignatures { signatures, checks, threshold })
}

/// A Safe's signature from its owners' files, once the Safe's own threshold of current owners has signed; until
/// then `None`, and each of those files says how many more owners are needed.
async fn safe_signature(
    vault: &Vault,
    safe: Address,
    files: Vec<(usize, SignatureFile)>,
    checks: &mut [SignatureCheck],
) -> Result<Option<SignerSignature>> {
    let SafeOwners { owners, threshold } = vault.client.safe_owners(safe).await?;
    let mut approvals: Vec<(Address, Bytes)> = Vec::new();
    let mut counted = Vec::new();
    for (i, file) in files {
        let owner = file.signed_by();
        if !owners.contains(&owner) {
            checks[i].problem = Some(format!("{owner} is not an owner of the Safe {safe}"));
        } else if !approvals.iter().any(|(o, _)| *o == owner) {
            approvals.push((owner, file.signature.clone()));
            counted.push(i);
        }
    }
    if approvals.len() < threshold {
        for i in counted {
            checks[i].problem = Some(format!(
                "the Safe {safe} needs {threshold} of its owners' signatures and has {}: {} more owner(s) must sign \
                 for it",
                approvals.len(),
                threshold - approvals.len()
            ));
        }
        return Ok(None);
    }
    Ok(Some(assemble(safe, approvals)))
}

fn check_one(
    vault: &Vault,
    expected: &VaultMessage,
    signers: &[Address],
    path: &Path,
) -> std::result::Result<SignatureFile, (Option<Address>, String)> {
    let file = SignatureFile::read(path).map_err(|e| (None, e.to_string()))?;
    let who = Some(file.signer);
    if file.chain_id != vault.client.chain_id || file.vault != vault.address {
        return Err((
            who,
            format!(
                "signed for vault {} on chain {}, not vault {} on chain {} (a replay from elsewhere)",
                file.vault, file.chain_id, vault.address, vault.client.chain_id
            ),
        ));
    }
    if &file.message != expected {
        let reason = if file.message.kind() == expected.kind() && file.message.nonce() != expected.nonce() {
            format!(
                "signed at nonce {} but the vault is at nonce {}: sign again",
                file.message.nonce(),
                expected.nonce()
            )
        } else {
            "signed a different message than the one being submitted".to_string()
        };
        return Err((who, reason));
    }
    if !signers.contains(&file.signer) {
        return Err((who, format!("{} is not a current signer of the vault", file.signer)));
    }
    Ok(file)
}
