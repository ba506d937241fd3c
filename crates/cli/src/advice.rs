//! What to do next, for the errors a flag or another command fixes. The library's errors state the fact ("RPC
//! unreachable at …", "the vault already has 32 live epochs"); the flags and commands that fix it are this binary's,
//! so the hint is added here, under the error.

use bounty_chain::bindings::IBountyVault::IBountyVaultErrors;
use bounty_chain::{error::TwapError, revert::Revert, ChainError};

/// A hint for `error`, if one of its causes is an error a flag or a command fixes.
pub(crate) fn hint(error: &eyre::Report) -> Option<&'static str> {
    error.chain().find_map(|cause| cause.downcast_ref::<ChainError>()).and_then(for_chain_error)
}

fn for_chain_error(error: &ChainError) -> Option<&'static str> {
    Some(match error {
        ChainError::Unreachable { .. } => "check --rpc-url / ETH_RPC_URL, and that the node is up",
        ChainError::WrongChain { .. } => {
            "--chain-id (or the chain the file names) is not the chain this RPC serves: point --rpc-url at that chain"
        }
        ChainError::NoContract { .. } | ChainError::NotAVault { .. } => {
            "check --vault (or `vault` in the program config): it is the address `bounty deploy` printed, on the \
             chain --rpc-url serves"
        }
        ChainError::NoWallet { .. } => {
            "give a wallet: --private-key, --interactive, --keystore or --ledger (or --dry-run to only simulate)"
        }
        ChainError::WrongPassword { .. } => {
            "type the keystore's password again; with --password-file, the file holds the password alone (one \
             trailing newline is ignored)"
        }
        ChainError::Twap(TwapError::NeedsRpc) => "give --rpc-url (or set ETH_RPC_URL)",
        ChainError::NotEnoughSignatures { .. } => {
            "each missing signer runs `bounty sign FILE`; an owner of a Safe signer runs `bounty sign FILE --safe SAFE`"
        }
        ChainError::Reverted { revert: Revert::Vault(IBountyVaultErrors::TooManyLiveEpochs(_)), .. } => {
            "`bounty status` lists the live epochs; `bounty sweep EPOCH` closes an expired or paid-out one"
        }
        _ => return None,
    })
}
