//! Where the chain is.

use clap::Args;

/// Where the chain is.
#[derive(Args, Clone, Debug)]
#[command(next_help_heading = "RPC options")]
pub(crate) struct RpcOpts {
    /// JSON-RPC endpoint.
    #[arg(long, env = "ETH_RPC_URL", default_value = "http://localhost:8545")]
    pub(crate) rpc_url: String,
    /// Refuse to do anything unless the RPC serves this chain (default: the chain the file names, if any).
    #[arg(long, env = "ETH_CHAIN_ID")]
    pub(crate) chain_id: Option<u64>,
}
