//! A period's votes line from a Discord export: `bounty intake discord` counts the pinned message's round, maps the
//! helpers to wallets through the committee's identity file (one helper has none: listed as not paid), writes the
//! votes rows and the audit; links signed by a helper's key or by a Safe (ERC-1271) map the rest; `compute` pays the
//! line from the rows, and the round is posted, paid and verified.

use crate::common::{strs, Setup, World, DAY};
use alloy::primitives::U256;
use serde_json::{json, Value};

pub(crate) fn user(id: &str, name: &str, bot: bool) -> Value {
    json!({ "id": id, "name": name, "discriminator": "0000", "nickname": name, "isBot": bot, "avatarUrl": "" })
}

pub(crate) fn message(id: &str, timestamp: &str, author: Value, reactions: Value) -> Value {
    json!({
        "id": id, "type": "Default", "timestamp": timestamp, "timestampEdited": null, "callEndedTimestamp": null,
        "isPinned": true, "content": "React for who helped you", "author": author, "attachments": [], "embeds": [],
        "stickers": [], "reactions": reactions, "mentions": [],
    })
}

pub(crate) fn reaction(emoji: &str, users: &[Value]) -> Value {
    json!({ "emoji": { "id": "", "name": emoji, "code": emoji, "isAnimated": false, "imageUrl": "" }, "count": users.len(), "users": users })
}

#[tokio::test]
async fn a_discord_vote_round_feeds_the_votes_line() {
    let w = World::new(Setup::default()).await;
    let program = std::fs::read_to_string(&w.config).unwrap().replace(
        "[rule]\nkind = \"pro-rata\"\n",
        "[rule]\nkind = \"votes\"\nmin_votes = 2\n\n[discord]\nemojis = { \"🦊\" = \"111\", \"🦉\" = \"222\", \"🐢\" = \"333\" }\n",
    );
    std::fs::write(&w.config, program).unwrap();
    let voters: Vec<Value> = (1..=4).map(|i| user(&format!("90{i}"), &format!("voter{i}"), false)).collect();
    let export = json!({
        "guild": { "id": "1", "name": "Rocket Pool", "iconUrl": "" },
        "channel": { "id": "2", "type": "GuildTextChat", "categoryId": "3", "category": "support", "name": "support", "topic": null },
        "dateRange": { "after": null, "before": null },
        "messages": [message("5000", "2026-04-01T09:00:00+02:00", user("999", "committee", false), json!([
            reaction("🦊", &[voters[0].clone(), voters[1].clone(), voters[2].clone(), user("42", "bot", true)]),
            reaction("🦉", &[voters[0].clone(), voters[3].clone(), user("222", "object", false)]),
            reaction("🐢", &[voters[1].clone(), voters[2].clone()]),
        ]))],
        "messageCount": 1,
    });
    let export_path = w.dir.path().join("support-2026-Q2.json");
    std::fs::write(&export_path, serde_json::to_string_pretty(&export).unwrap()).unwrap();
    let ids = w.dir.path().join("ids.csv");
    std::fs::write(
        &ids,
        format!(
            "platform,id,account,reason\ndiscord,111,{},posted the address in #support on 2026-04-02\ndiscord,222,{},signed it in the forum thread\n",
            w.address(5),
            w.address(6)
        ),
    )
    .unwrap();
    let votes = w.dir.path().join("votes-2026-Q2.csv");
    let (cfg, exp, idp, out) = (w.path(&w.config), w.path(&export_path), w.path(&ids), w.path(&votes));
    let intake =
        ["intake", "discord", &exp, "-c", &cfg, "-e", "2026-Q2", "--message", "5000", "--ids", &idp, "-o", &out];
    let said = w.ok(&intake);
    assert!(
        said.contains("not counted: bot (42): a bot")
            && said.contains("not counted: object (222): the helper's own vote"),
        "{said}"
    );
    assert!(said.contains("warning: 333 (333, 2 votes): not paid: no linked wallet"), "{said}");
    // The channel's engagement for the period report: the pinned message is its one message (evidence, not pay).
    assert!(said.contains("#support: 1 message(s) from 1 author(s) in the period, 0.07 a week per author"), "{said}");
    let rows = std::fs::read_to_string(&votes).unwrap();
    assert_eq!(
        rows,
        // In the table's order (🐢 🦉 🦊); the helper who never posted or reacted is named by id.
        format!(
            "account,votes,handle,note\n{},2,object,discord 222\n{},3,111,discord 111\n",
            w.address(6),
            w.address(5)
        )
    );
    let audit: Value =
        serde_json::from_str(&std::fs::read_to_string(w.dir.path().join("votes-2026-Q2.csv.audit.json")).unwrap())
            .unwrap();
    assert_eq!(
        audit["source"]["keccak256"],
        alloy::primitives::keccak256(std::fs::read(&export_path).unwrap()).to_string()
    );
    let fox = audit["helpers"].as_array().unwrap().iter().find(|h| h["helper"] == "111").unwrap();
    assert_eq!(
        (fox["votes"].as_u64(), fox["mapping_reason"].as_str()),
        (Some(3), Some("posted the address in #support on 2026-04-02"))
    );
    assert_eq!(fox["not_counted"][0]["reason"], "bot");
    assert_eq!(audit["next_round"], json!(["333", "222", "111"]));
    // Beside a helper's signed hours, the community sees their messages in the channel (0 here: evidence only).
    let reports = w.dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    let hours_cfg = w.dir.path().join("hours.toml");
    let hours_program =
        std::fs::read_to_string(&w.config).unwrap().replace("kind = \"votes\"\nmin_votes = 2", "kind = \"pro-rata\"");
    std::fs::write(&hours_cfg, hours_program).unwrap();
    w.ok(&[
        "report",
        "-c",
        &w.path(&hours_cfg),
        "-e",
        "2026-Q2",
        "--hours",
        "4",
        "--sequence",
        "1781913600",
        "--private-key",
        &w.key_hex(5),
        "-o",
        &w.path(&reports.join("r.json")),
    ]);
    let audit_path = w.path(&w.dir.path().join("votes-2026-Q2.csv.audit.json"));
    let shown = w.ok(&["reports", &w.path(&reports), "--evidence", &audit_path]);
    assert!(shown.contains("4 hours") && shown.contains("0 msgs"), "{shown}");
    let shown: Value =
        serde_json::from_str(&w.ok(&["reports", &w.path(&reports), "--evidence", &audit_path, "--json"])).unwrap();
    assert_eq!(shown[0]["messages"], 0);
    // A second run never overwrites the rows a committee may already have computed from.
    let again = w.fails(&intake);
    assert!(again.contains("already exists; nothing was written"), "{again}");

    // The third helper links their Discord user to their wallet themselves; with the links, their votes are paid.
    let links = w.dir.path().join("links");
    std::fs::create_dir(&links).unwrap();
    let link = |key: usize, id: &str, out: &str| {
        w.ok(&[
            "link",
            "-c",
            &cfg,
            "--platform",
            "discord",
            "--id",
            id,
            "--handle",
            "knoshua",
            "--sequence",
            "7",
            "--private-key",
            &w.key_hex(key),
            "-o",
            &w.path(&links.join(out)),
        ])
    };
    let said = link(7, "333", "knoshua.json");
    assert!(said.contains(&format!("{} is discord user 333", w.address(7))), "{said}");
    let linked = w.dir.path().join("votes-linked.csv");
    let with_links = [
        "intake",
        "discord",
        &exp,
        "-c",
        &cfg,
        "-e",
        "2026-Q2",
        "--message",
        "5000",
        "--ids",
        &idp,
        "--links",
        &w.path(&links),
        "-o",
        &w.path(&linked),
    ];
    let said = w.ok(&with_links);
    assert!(!said.contains("not paid"), "{said}");
    let rows = std::fs::read_to_string(&linked).unwrap();
    assert!(rows.contains(&format!("{},2,333,discord 333", w.address(7))), "{rows}");
    let audit: Value =
        serde_json::from_str(&std::fs::read_to_string(w.dir.path().join("votes-linked.csv.audit.json")).unwrap())
            .unwrap();
    let turtle = audit["helpers"].as_array().unwrap().iter().find(|h| h["helper"] == "333").unwrap();
    assert_eq!(turtle["mapping_reason"], "signed by the wallet: knoshua.json (sequence 7)");
    // A link edited after signing (another account), or one for another program: refused, naming the file.
    let edited = std::fs::read_to_string(links.join("knoshua.json"))
        .unwrap()
        .replace(&w.address(7).to_string(), &w.address(8).to_string());
    std::fs::write(links.join("knoshua.json"), edited).unwrap();
    let refused = w.fails(&[&with_links[..13], &["-o", &w.path(&w.dir.path().join("v2.csv"))]].concat());
    assert!(
        refused.contains("knoshua.json: the signature is not") && refused.contains("signed by another key or edited"),
        "{refused}"
    );
    std::fs::remove_file(links.join("knoshua.json")).unwrap();
    let other = w.dir.path().join("other.toml");
    std::fs::write(&other, std::fs::read_to_string(&w.config).unwrap().replace("name = \"e2e\"", "name = \"other\""))
        .unwrap();
    w.ok(&[
        "link",
        "-c",
        &w.path(&other),
        "--platform",
        "discord",
        "--id",
        "333",
        "--private-key",
        &w.key_hex(7),
        "-o",
        &w.path(&links.join("other.json")),
    ]);
    let refused = w.fails(&[&with_links[..13], &["-o", &w.path(&w.dir.path().join("v3.csv"))]].concat());
    assert!(
        refused.contains("other.json: a link for program `other`") && refused.contains("not for `e2e`"),
        "{refused}"
    );
    assert!(!w.dir.path().join("v2.csv").exists() && !w.dir.path().join("v3.csv").exists());
    std::fs::remove_file(links.join("other.json")).unwrap();

    // A helper paid to a Safe links it the way a Safe signs: the link's typed data, a SafeMessage of its digest
    // signed by two of the three owners, `--import` checked with ERC-1271. One owner's signature is refused.
    let owners = (6..=8).map(|i| w.address(i)).collect();
    let safe = bounty_devnet::deploy::deploy_safe(&w.client, owners, 2).await.unwrap();
    let safe_text = safe.to_string();
    let link_args = |extra: &[&str]| -> Vec<String> {
        let base = ["link", "-c", &cfg, "--platform", "discord", "--id", "333", "--sequence", "9", "--account"];
        [&base[..], &[safe_text.as_str()], extra].concat().into_iter().map(String::from).collect()
    };
    let typed: alloy::dyn_abi::TypedData = serde_json::from_str(&w.ok(&strs(&link_args(&["--typed-data"])))).unwrap();
    let (_, safe_hash) = bounty_chain::safe::safe_message(31337, safe, typed.eip712_signing_hash().unwrap());
    let signed_by = |keys: &[usize]| {
        use alloy::signers::SignerSync;
        let owners = keys
            .iter()
            .map(|&i| (w.address(i), w.key(i).sign_hash_sync(&safe_hash).unwrap().as_bytes().to_vec().into()))
            .collect();
        bounty_chain::safe::assemble(safe, owners).signature.to_string()
    };
    let safe_link = w.path(&links.join("safe.json"));
    let refused = w.fails(&strs(&link_args(&["--import", &signed_by(&[6]), "-o", &safe_link])));
    assert!(refused.contains("is not"), "{refused}");
    assert!(!links.join("safe.json").exists());
    w.ok(&strs(&link_args(&["--import", &signed_by(&[6, 8]), "-o", &safe_link])));
    let via_safe = w.path(&w.dir.path().join("votes-safe.csv"));
    w.ok(&[&with_links[..13], &["-o", &via_safe]].concat());
    let rows = std::fs::read_to_string(&via_safe).unwrap();
    assert!(rows.contains(&format!("{safe},2,333,discord 333")), "{rows}");
    let audit: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{via_safe}.audit.json")).unwrap()).unwrap();
    let turtle = audit["helpers"].as_array().unwrap().iter().find(|h| h["helper"] == "333").unwrap();
    assert_eq!(turtle["mapping_reason"], "signed by the wallet: safe.json (sequence 9)");

    // The line pays from the rows: 1000 RPL by votes 3 : 2 (the unmapped helper's votes pay nobody).
    w.ok(&["compute", "-c", &cfg, "-s", &out, "-e", "2026-Q2", "-o", &w.path(&w.claims)]);
    w.sign(&w.claims.clone(), 1);
    w.sign(&w.claims.clone(), 2);
    assert!(w.submit(&w.claims).status.success());
    w.warp(u64::from(DAY) + 1).await;
    w.ok(&["payout", &w.path(&w.claims), "--private-key", &w.key_hex(0)]);
    assert_eq!(w.balance(w.address(5)).await, World::whole(600));
    assert_eq!(w.balance(w.address(6)).await, World::whole(400));
    let verified = w.ok(&["verify", &w.path(&w.claims)]);
    assert!(!verified.contains('✗') && verified.contains("✓ line main: intake rows"), "{verified}");
    assert!(verified.contains("line main: intake source — not re-run: give --sources DIR"), "{verified}");
    // With the published export, the round is re-run and gives the recorded votes; an edited export does not.
    let dir = w.path(w.dir.path());
    let sourced = w.ok(&["verify", &w.path(&w.claims), "--sources", &dir]);
    assert!(sourced.contains("✓ line main: intake source — 2 of 2 helpers' votes re-counted"), "{sourced}");
    // The period report states the channel's engagement the intake recorded.
    let md = w.ok(&["ledger", &w.path(&w.claims), "--report"]);
    assert!(
        md.contains("**Engagement** (evidence, not pay)")
            && md.contains("- #support: 1 message(s) from 1 author(s) over 91 days, 0.07 a week per author (from support-2026-Q2.json, line main)"),
        "{md}"
    );
    // Rows that cannot be written leave no audit behind (an audit alone would pass for a finished intake).
    let lone_audit = w.dir.path().join("lone.audit.json");
    let no_dir = w.dir.path().join("no-such-dir").join("votes.csv");
    let mut failing = intake.map(String::from).to_vec();
    *failing.last_mut().unwrap() = w.path(&no_dir);
    failing.extend(["--audit".to_string(), w.path(&lone_audit)]);
    let failing: Vec<&str> = failing.iter().map(String::as_str).collect();
    let said = w.fails(&failing);
    assert!(said.contains("no-such-dir"), "{said}");
    assert!(!lone_audit.exists() && !no_dir.exists());
    let edited = serde_json::to_string(&export).unwrap(); // the same content, other bytes
    std::fs::write(&export_path, edited).unwrap();
    let tampered = w.fails(&["verify", &w.path(&w.claims), "--sources", &dir]);
    assert!(tampered.contains("✗ line main: intake source") && tampered.contains("the file records"), "{tampered}");
    // Rows edited after the intake are not passed off as derived from it.
    let votes_text = std::fs::read_to_string(&votes).unwrap().replace(",3,111,", ",30,111,");
    std::fs::write(&votes, votes_text).unwrap();
    let refused =
        w.fails(&["compute", "-c", &cfg, "-s", &out, "-e", "2026-Q2", "-o", &w.path(&w.dir.path().join("again.json"))]);
    assert!(
        refused.contains("differs from its intake record") && refused.contains("edited after `bounty intake`"),
        "{refused}"
    );
    assert_eq!(w.balance(w.address(7)).await, U256::ZERO);
}
