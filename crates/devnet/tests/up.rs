//! `devnet up` as the demo and the browser tests run it: it writes its `DEVNET_…` lines once the market is deployed,
//! the RPC it names serves chain 31337 with the mock RPL at the address it names, and SIGTERM stops it (and anvil).
//! (Being an integration test, this also has `cargo test` build the `devnet` binary the browser tests use.)

use alloy::{
    primitives::Address,
    providers::{Provider, ProviderBuilder},
};
use std::{collections::HashMap, process::Command, time::Duration};

#[tokio::test]
async fn up_writes_its_addresses_serves_them_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let env_file = dir.path().join("devnet.env");
    let mut child = Command::new(env!("CARGO_BIN_EXE_devnet"))
        .args(["up", "--timestamp", "1782000000", "--env-file"])
        .arg(&env_file)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..300 {
        if env_file.exists() {
            break;
        }
        assert!(child.try_wait().unwrap().is_none(), "devnet up exited before writing its addresses");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let text = std::fs::read_to_string(&env_file).unwrap();
    let env: HashMap<&str, &str> = text.lines().filter_map(|l| l.split_once('=')).collect();
    for key in
        ["DEVNET_RPC_URL", "DEVNET_RPL", "DEVNET_POOL_RPL_WETH", "DEVNET_PERP", "DEVNET_FEED_PERP_USD", "DEVNET_KEY_0"]
    {
        assert!(env.contains_key(key), "{key} missing from:\n{text}");
    }
    let provider = ProviderBuilder::new().connect_http(env["DEVNET_RPC_URL"].parse().unwrap());
    assert_eq!(provider.get_chain_id().await.unwrap(), 31337);
    let rpl: Address = env["DEVNET_RPL"].parse().unwrap();
    assert!(!provider.get_code_at(rpl).await.unwrap().is_empty(), "the mock RPL is deployed");
    let multicall = provider.get_code_at(alloy::providers::MULTICALL3_ADDRESS).await.unwrap();
    assert!(!multicall.is_empty(), "Multicall3 is at its canonical address");

    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "devnet up ends cleanly on SIGTERM: {status}");
    assert!(provider.get_chain_id().await.is_err(), "anvil stopped with it");
}
