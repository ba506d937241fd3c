//! Option groups shared by commands, spelled the way cast users know them and flattened into each command under a
//! help heading. They are data: where the chain is ([`RpcOpts`]), who signs ([`WalletOpts`]), how a transaction
//! leaves ([`SendOpts`] = [`TxOpts`] + [`SafeBatchOpts`] + the two above), how to print ([`OutputOpts`]), and values
//! typed on the command line ([`TokenAmount`], [`AddressOrName`]). `crate::connect` turns them into a wallet and a
//! connection; `crate::send` is the one path a transaction takes.

mod output;
mod rpc;
mod send;
mod values;
mod wallet;

pub(crate) use output::{OutputOpts, VaultOpt};
pub(crate) use rpc::RpcOpts;
pub(crate) use send::{EpochTxArgs, SafeBatchOpts, SendOpts, TxOpts};
pub(crate) use values::{address, AddressOrName, EpochArg, Seconds, TokenAmount};
pub(crate) use wallet::WalletOpts;
