//! ENS names where people type addresses, against the real ENS registry and public resolver (npm
//! `@ensdomains/ens`, `@ensdomains/resolver`) deployed on anvil at the registry's mainnet address: a shares CSV row
//! by name (paid at the resolved address, the name kept as its handle), `claim --to NAME`, `claim-sig --recipient
//! NAME`; an unknown or malformed name is a sentence and nothing is sent.

use crate::common::{Setup, World, DAY};

#[tokio::test]
async fn names_resolve_where_addresses_are_typed() {
    let w = World::new(Setup::default()).await;
    let (helper, friend) = (w.address(5), w.address(4));
    bounty_devnet::deploy::deploy_ens(&w.client, &[("helper5.eth", helper), ("friend.eth", friend)]).await.unwrap();

    let csv = std::fs::read_to_string(&w.shares).unwrap().replace(&format!("{helper},40,helper5"), "Helper5.ETH,40,");
    assert!(csv.contains("Helper5.ETH"), "{csv}");
    std::fs::write(&w.shares, csv).unwrap();
    let computed = w.compute();
    assert!(computed.contains(&format!("Helper5.ETH → {helper}")), "{computed}");
    let file = w.loaded().file;
    let claim = file.claims.iter().find(|c| c.account == helper).expect("paid at the resolved address");
    assert_eq!(claim.handle.as_deref(), Some("Helper5.ETH"));
    w.sign(&w.claims.clone(), 1);
    w.sign(&w.claims.clone(), 2);
    assert!(w.submit(&w.claims).status.success());
    w.warp(u64::from(DAY) + 1).await;

    let claims = w.path(&w.claims);
    let before = w.balance(friend).await;
    let out = w.ok(&["claim", &claims, "--to", "friend.eth", "--private-key", &w.key_hex(5)]);
    assert!(out.contains(&format!("friend.eth → {friend}")), "{out}");
    assert_eq!(w.balance(friend).await - before, claim.amount);

    let consent = w.dir.path().join("consent.json");
    w.ok(&["claim-sig", &claims, "--recipient", "friend.eth", "--private-key", &w.key_hex(6), "-o", &w.path(&consent)]);
    let signed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&consent).unwrap()).unwrap();
    assert!(signed["recipient"].as_str().unwrap().eq_ignore_ascii_case(&friend.to_string()));

    let unknown = w.fails(&["claim", &claims, "--to", "nobody.eth", "--private-key", &w.key_hex(7)]);
    assert!(unknown.contains("ENS name `nobody.eth` has no resolver"), "{unknown}");
    let malformed = w.fails(&["claim", &claims, "--to", "no_thing!.eth", "--private-key", &w.key_hex(7)]);
    assert!(malformed.contains("not a valid ENS name"), "{malformed}");
    assert_eq!(w.balance(w.address(7)).await, alloy::primitives::U256::ZERO, "nothing was sent");
}
