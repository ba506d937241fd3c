//! A period fed by all three places support happens, mapped to wallets only through links the wallets signed: the
//! forum thread's pasted reports feed the `hours` line (`bounty intake discourse`), the pinned Discord message's
//! votes the `tips` line (`intake discord`), the helpdesk's tickets the `quality` line (`intake tickets`). Computed,
//! signed, posted, claimed and verified with the published exports (`verify --sources` ✓, the paid reports found in
//! the thread's posts); then each export tampered with in turn fails its own check and no other.

use crate::{
    common::{Setup, World, DAY, EPOCH},
    discourse::post,
    intake::{message, reaction, user},
    tickets::{metric, ticket},
};
use serde_json::json;

/// 2026-06-20 00:00 UTC: inside 2026-Q2's reporting window.
const IN_WINDOW: u64 = 1_781_913_600;

#[tokio::test]
async fn the_forum_discord_and_the_helpdesk_feed_one_period() {
    let w = World::new(Setup::default()).await;
    let program = std::fs::read_to_string(&w.config).unwrap().replace(
        "[budget]\ntokens = \"1000\"\n\n[rule]\nkind = \"pro-rata\"\n",
        "[[line]]\nname = \"hours\"\nbudget = { tokens = \"500\" }\nrule = { kind = \"pro-rata\" }\n\n\
         [[line]]\nname = \"tips\"\nbudget = { tokens = \"250\" }\nrule = { kind = \"votes\", min_votes = 1 }\n\n\
         [[line]]\nname = \"quality\"\nbudget = { tokens = \"250\" }\n\
         rule = { kind = \"quality\", base = \"tokens\", targets = { max_first_reply_hours = \"2\", min_csat_percent = \"90\" } }\n\n\
         [discord]\nemojis = { \"🦊\" = \"111\", \"🦉\" = \"222\" }\n",
    );
    std::fs::write(&w.config, program).unwrap();
    let (dir, cfg) = (w.dir.path(), w.path(&w.config));
    let (alice, bob, cy) = (w.address(5), w.address(6), w.address(7));

    // Each helper links their own platform users to their wallet: alice (Discord 111, Zendesk agent 501), bob
    // (Discord 222), cy (Zendesk agent 502).
    let links = dir.join("links");
    std::fs::create_dir(&links).unwrap();
    for (key, platform, id) in
        [(5, "discord", "111"), (5, "zendesk", "501"), (6, "discord", "222"), (7, "zendesk", "502")]
    {
        let out = w.path(&links.join(format!("{platform}-{id}.json")));
        w.ok(&["link", "-c", &cfg, "--platform", platform, "--id", id, "--private-key", &w.key_hex(key), "-o", &out]);
    }
    let links = w.path(&links);

    // The forum thread: alice and bob paste their signed hours.
    let report = |key: usize, hours: &str| {
        let out = dir.join(format!("report-{key}.json"));
        let seq = IN_WINDOW.to_string();
        let args = ["report", "-c", &cfg, "-e", EPOCH, "--hours", hours, "--sequence", &seq, "--private-key"];
        w.ok(&[&args[..], &[&w.key_hex(key), "-o", &w.path(&out)]].concat());
        format!("My hours:\n\n```json\n{}\n```\n", std::fs::read_to_string(out).unwrap())
    };
    let topic = json!({
        "id": 42, "title": "Support bounty 2026-Q2: post your hours",
        "post_stream": {
            "posts": [post(10, 1, "alice", &report(5, "12")), post(11, 2, "bob", &report(6, "8"))],
            "stream": [10, 11],
        },
    });
    let exports = dir.join("exports");
    std::fs::create_dir(&exports).unwrap();
    std::fs::write(exports.join("topic.json"), topic.to_string()).unwrap();
    let reports = w.path(&dir.join("reports"));
    let said =
        w.ok(&["intake", "discourse", &w.path(&exports.join("topic.json")), "-c", &cfg, "-e", EPOCH, "-o", &reports]);
    assert!(said.contains("2 report(s) of 2026-Q2 written"), "{said}");

    // The pinned message in #support: three people thank alice, two thank bob.
    let voters: Vec<_> = (1..=5).map(|i| user(&format!("90{i}"), &format!("voter{i}"), false)).collect();
    let export = json!({
        "guild": { "id": "1", "name": "Rocket Pool", "iconUrl": "" },
        "channel": { "id": "2", "type": "GuildTextChat", "categoryId": "3", "category": "support", "name": "support", "topic": null },
        "dateRange": { "after": null, "before": null },
        "messages": [message("5000", "2026-04-01T09:00:00+02:00", user("999", "committee", false), json!([
            reaction("🦊", &voters[..3]),
            reaction("🦉", &voters[3..]),
        ]))],
        "messageCount": 1,
    });
    std::fs::write(exports.join("support.json"), serde_json::to_string_pretty(&export).unwrap()).unwrap();
    let votes = w.path(&dir.join("votes.csv"));
    let support = w.path(&exports.join("support.json"));
    let args = ["intake", "discord", &support, "-c", &cfg, "-e", EPOCH, "--message", "5000", "--links", &links];
    w.ok(&[&args[..], &["-o", &votes]].concat());

    // The helpdesk: alice answers within 1.25 h and is rated good twice; cy takes 5 h, rated good once.
    let tickets = json!({ "tickets": [ticket(1, Some(501), "good"), ticket(2, Some(501), "good"), ticket(3, Some(502), "good")], "next_page": null });
    let metrics = json!({ "ticket_metrics": [
        metric(1, 60, 600, "2026-05-02T08:00:00Z", 0), metric(2, 90, 700, "2026-05-03T08:00:00Z", 0),
        metric(3, 300, 900, "2026-05-04T08:00:00Z", 0),
    ], "next_page": null });
    std::fs::write(exports.join("tickets.json"), tickets.to_string()).unwrap();
    std::fs::write(exports.join("metrics.json"), metrics.to_string()).unwrap();
    let plans = dir.join("plans.csv");
    std::fs::write(&plans, format!("account,tokens\n{alice},150\n{cy},100\n")).unwrap();
    let quality = w.path(&dir.join("quality.csv"));
    let (t, m) = (w.path(&exports.join("tickets.json")), w.path(&exports.join("metrics.json")));
    let args = ["intake", "tickets", "--zendesk-tickets", &t, "--zendesk-metrics", &m, "-c", &cfg, "-e", EPOCH];
    w.ok(&[&args[..], &["--plans", &w.path(&plans), "--links", &links, "-o", &quality]].concat());

    // One claims file from the three: hours 500 as 12 : 8, tips 250 as 3 : 2, quality alice 150 × 2/2, cy 100 × 1/2.
    let claims = w.path(&w.claims);
    let shares = [format!("tips={votes}"), format!("quality={quality}")];
    w.ok(&[
        "compute",
        "-c",
        &cfg,
        "-e",
        EPOCH,
        "--reports",
        &reports,
        "-s",
        &shares[0],
        "-s",
        &shares[1],
        "-o",
        &claims,
    ]);
    w.sign(&w.claims.clone(), 1);
    w.sign(&w.claims.clone(), 2);
    assert!(w.submit(&w.claims).status.success());
    w.warp(u64::from(DAY) + 1).await;
    w.ok(&["claim", &claims, "--private-key", &w.key_hex(5)]);
    w.ok(&["payout", &claims, "--private-key", &w.key_hex(0)]);
    assert_eq!(w.balance(alice).await, World::whole(300 + 150 + 150));
    assert_eq!(w.balance(bob).await, World::whole(200 + 100));
    assert_eq!(w.balance(cy).await, World::whole(50));

    // With the published exports, every intake is derived again.
    let sources = w.path(&exports);
    let verified = w.ok(&["verify", &claims, "--sources", &sources]);
    assert!(!verified.contains('✗'), "{verified}");
    for line in ["✓ line tips: intake source", "✓ line quality: intake source", "✓ line tips: intake rows"] {
        assert!(verified.contains(line), "{line}: {verified}");
    }
    assert!(verified.contains("✓ reports"), "the forum's reports are checked by their signatures: {verified}");
    assert!(
        verified.contains("✓ reports: posted in the thread — 2 of 2 paid reports found in the thread's posts"),
        "{verified}"
    );

    // The period report says where each line's rows came from.
    let md = w.ok(&["ledger", &claims, "--report"]);
    assert!(
        md.contains(
            "- **Read from:** tips: the vote round in support.json; quality: the tickets in tickets.json, metrics.json"
        ),
        "{md}"
    );

    // Each export tampered with fails its own line's source check, and only that one.
    for (file, from, to, line) in [
        ("support.json", "voter1", "voter9", "tips"),
        ("metrics.json", "\"calendar\":300", "\"calendar\":30", "quality"),
    ] {
        let path = exports.join(file);
        let original = std::fs::read_to_string(&path).unwrap();
        assert!(original.contains(from), "{file}");
        std::fs::write(&path, original.replacen(from, to, 1)).unwrap();
        let out = w.run(&["verify", &claims, "--sources", &sources]);
        let text = String::from_utf8_lossy(&out.stdout);
        let failed: Vec<&str> = text.lines().filter(|l| l.trim_start().starts_with('✗')).collect();
        assert!(!out.status.success(), "{text}");
        assert_eq!(failed.len(), 1, "{text}");
        assert!(failed[0].contains(&format!("line {line}: intake source")), "{text}");
        assert!(text.contains(&format!("      {file}: keccak256 ")), "the export is named: {text}");
        std::fs::write(&path, original).unwrap();
    }
    // A report paid but no longer (or never) in the thread: bob's post is gone from the topic.
    let topic_path = exports.join("topic.json");
    let original = std::fs::read_to_string(&topic_path).unwrap();
    let mut edited: serde_json::Value = serde_json::from_str(&original).unwrap();
    edited["post_stream"]["posts"].as_array_mut().unwrap().pop();
    std::fs::write(&topic_path, edited.to_string()).unwrap();
    let out = w.run(&["verify", &claims, "--sources", &sources]);
    let text = String::from_utf8_lossy(&out.stdout);
    let failed: Vec<&str> = text.lines().filter(|l| l.trim_start().starts_with('✗')).collect();
    assert!(!out.status.success() && failed.len() == 1, "{text}");
    assert!(failed[0].contains("reports: posted in the thread — 1 of 2"), "{text}");
    assert!(text.contains(&format!("{bob}: its signed report (sequence {IN_WINDOW}) is in no post")), "{text}");
    std::fs::write(&topic_path, original).unwrap();
}
