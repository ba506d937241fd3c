//! `bounty demo`: one whole quarter on a local anvil devnet.
use clap::Args;
use eyre::Result;

#[derive(Args, Clone, Debug)]
pub struct DemoArgs {}

pub async fn run(_args: &DemoArgs) -> Result<()> {
    eyre::bail!("not yet")
}
