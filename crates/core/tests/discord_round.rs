//! A Discord vote round from a DiscordChatExporter JSON export written from the documented format: a bot, a
//! self-vote, a helper under the minimum, a voter who never posted, a user who voted for two helpers, local time
//! offsets at the period's edges; and 10^5 messages.

use bounty_core::{
    sources::discord::{activity, count_round, next_round, read_export, DiscordConfig, NotCounted, RoundError},
    Error, ProgramConfig,
};
use chrono::{TimeZone, Utc};
use serde_json::{json, Value};

const FOX: &str = "111"; // helper patches
const OWL: &str = "222"; // helper object
const TURTLE: &str = "333"; // helper knoshua

fn user(id: &str, name: &str, bot: bool) -> Value {
    json!({ "id": id, "name": name, "discriminator": "0000", "nickname": name, "isBot": bot, "avatarUrl": "" })
}

fn message(id: &str, timestamp: &str, author: Value, reactions: Value) -> Value {
    json!({
        "id": id, "type": "Default", "timestamp": timestamp, "timestampEdited": null, "callEndedTimestamp": null,
        "isPinned": false, "content": "…", "author": author, "attachments": [], "embeds": [], "stickers": [],
        "reactions": reactions, "mentions": [],
    })
}

fn reaction(emoji: &str, users: Vec<Value>) -> Value {
    json!({
        "emoji": { "id": "", "name": emoji, "code": emoji, "isAnimated": false, "imageUrl": "" },
        "count": users.len(), "users": users,
    })
}

/// The channel: six voters posted during 2026-Q2 (one at 01:30 on 1 July in +02:00, which is still 30 June UTC);
/// `late` posted only after the quarter; the pinned message carries the three helpers' emojis and a stray one.
fn export(extra: Vec<Value>) -> Value {
    let voters: Vec<Value> = (1..=6).map(|i| user(&format!("90{i}"), &format!("voter{i}"), false)).collect();
    let mut messages = vec![message(
        "5000",
        "2026-04-01T09:00:00+00:00",
        user("999", "committee", false),
        json!([
            reaction(
                "🦊",
                vec![
                    voters[0].clone(),
                    voters[1].clone(),
                    voters[2].clone(),
                    voters[3].clone(),
                    voters[4].clone(),
                    user("42", "helperbot", true),
                    user(FOX, "patches", false)
                ]
            ),
            reaction(
                "🦉",
                vec![
                    voters[0].clone(),
                    voters[5].clone(),
                    user("800", "late", false),
                    voters[1].clone(),
                    voters[2].clone(),
                    voters[3].clone()
                ]
            ),
            reaction("🐢", vec![voters[4].clone()]),
            reaction("🎉", vec![voters[5].clone()]),
        ]),
    )];
    for (i, v) in voters.iter().enumerate() {
        let at =
            if i == 5 { "2026-07-01T01:30:00+02:00".to_string() } else { format!("2026-05-0{}T12:00:00-05:00", i + 1) };
        messages.push(message(&format!("60{i}"), &at, v.clone(), json!([])));
    }
    messages.push(message("700", "2026-07-01T00:00:00+00:00", user("800", "late", false), json!([])));
    messages.extend(extra);
    json!({
        "guild": { "id": "1", "name": "Rocket Pool", "iconUrl": "" },
        "channel": { "id": "2", "type": "GuildTextChat", "categoryId": "3", "category": "support", "name": "support", "topic": null },
        "dateRange": { "after": null, "before": null },
        "messages": messages,
        "messageCount": 0,
    })
}

fn config(require_posted: bool) -> DiscordConfig {
    let emojis = [("🦊", FOX), ("🦉", OWL), ("🐢", TURTLE)].map(|(e, h)| (e.to_string(), h.to_string())).into();
    DiscordConfig { emojis, require_posted }
}

fn q2() -> (chrono::DateTime<Utc>, chrono::DateTime<Utc>) {
    (Utc.with_ymd_and_hms(2026, 4, 1, 0, 0, 0).unwrap(), Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap())
}

fn parse(value: &Value) -> bounty_core::sources::discord::Export {
    serde_json::from_value(value.clone()).unwrap()
}

#[test]
fn votes_are_distinct_people_who_were_helped_never_bots_or_self() {
    let export = parse(&export(vec![]));
    let round = count_round("support.json", &export, "5000", &config(true), q2()).unwrap();
    let by = |h: &str| round.helpers.iter().find(|v| v.helper == h).unwrap();
    let fox = by(FOX);
    assert_eq!(fox.counted.len(), 5);
    let reasons: Vec<_> = fox.not_counted.iter().map(|(u, r)| (u.name.as_str(), *r)).collect();
    assert_eq!(reasons, [("helperbot", NotCounted::Bot), ("patches", NotCounted::SelfVote)]);
    // voter1 voted for both helpers: one vote each. `late` posted only after the quarter ended; voter6's message at
    // 01:30 +02:00 on 1 July is 23:30 UTC on 30 June, inside the quarter.
    let owl = by(OWL);
    assert_eq!(
        owl.counted.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(),
        ["voter1", "voter6", "voter2", "voter3", "voter4"]
    );
    assert_eq!(
        owl.not_counted.iter().map(|(u, r)| (u.name.as_str(), *r)).collect::<Vec<_>>(),
        [("late", NotCounted::NotPosted)]
    );
    assert_eq!(by(TURTLE).counted.len(), 1);
    assert_eq!(round.other_emojis, [("🎉".to_string(), 1)]);
    // The thread's rule: under 5 this round, off the next round's message.
    let next: Vec<_> = next_round(&round, 5).iter().map(|h| h.helper.as_str()).collect();
    assert_eq!(next, [OWL, FOX]); // the table's order: 🐢 🦉 🦊
                                  // Without the "posted in the period" test, `late` counts.
    let open = count_round("support.json", &export, "5000", &config(false), q2()).unwrap();
    assert_eq!(open.helpers.iter().find(|v| v.helper == OWL).unwrap().counted.len(), 6);
}

#[test]
fn activity_is_evidence_per_author_and_the_channel_engagement() {
    let active = activity(&parse(&export(vec![])), q2());
    // The committee's pinned message and the six voters' posts are inside the quarter (voter6's 01:30 +02:00 on
    // 1 July is still 30 June UTC); `late` posted after it.
    assert_eq!((active.messages, active.authors, active.days), (7, 7, 91));
    assert_eq!(active.per_author.get("906"), Some(&1));
    assert_eq!(active.per_author.get("800"), None);
    assert_eq!(active.weekly_per_author.to_string(), "0.07"); // 7 × 7 / (7 × 91) = 0.0769…, floored
}

#[test]
fn a_round_that_cannot_be_counted_says_why() {
    let export = parse(&export(vec![]));
    let e = count_round("support.json", &export, "5001", &config(true), q2()).unwrap_err().to_string();
    assert!(e.contains("support.json: message 5001 is not in this export of #support (8 messages)"), "{e}");
    let mut truncated = self::export(vec![]);
    truncated["messages"][0]["reactions"][0]["count"] = json!(9);
    let e = count_round("support.json", &parse(&truncated), "5000", &config(true), q2()).unwrap_err();
    assert!(matches!(e, RoundError::MissingUsers { count: 9, listed: 7, .. }), "{e}");
    assert!(e.to_string().contains("messages[0].reactions[0] (🦊)"), "{e}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    let mut bad = self::export(vec![]);
    bad["messages"][3]["timestamp"] = json!("2026-05-02 12:00");
    std::fs::write(&path, bad.to_string()).unwrap();
    let e = read_export(&path).unwrap_err();
    assert!(matches!(&e, Error::Json { field, .. } if field == "messages[3].timestamp"), "{e}");
    std::fs::write(&path, "{\"guild\": {}, \"messages\": [").unwrap();
    assert!(read_export(&path).is_err());
}

#[test]
fn the_emoji_table_is_checked() {
    let base =
        "name = \"p\"\nchain_id = 1\nvault = \"0x1000000000000000000000000000000000000001\"\ncadence = \"quarterly\"\n\
        [token]\naddress = \"0x9e1028F5F1D5eDE59748FFceE5532509976840E0\"\nsymbol = \"RPL\"\ndecimals = 18\n\
        [budget]\ntokens = \"1\"\n[rule]\nkind = \"votes\"\nmin_votes = 5\n";
    let twice = format!("{base}[discord]\nemojis = {{ \"🦊\" = \"111\", \"🦉\" = \"111\" }}\n");
    let e = ProgramConfig::from_toml_str(&twice, "p.toml").unwrap_err().to_string();
    assert!(e.contains("discord.emojis.🦊") && e.contains("helper 111 already has emoji 🦉"), "{e}"); // the table is read in emoji order
    let name = format!("{base}[discord]\nemojis = {{ \"🦊\" = \"patches\" }}\n");
    let e = ProgramConfig::from_toml_str(&name, "p.toml").unwrap_err().to_string();
    assert!(e.contains("`patches` is not a Discord user id"), "{e}");
    let ok = format!("{base}[discord]\nemojis = {{ \"🦊\" = \"111\" }}\nrequire_posted = true\n");
    assert!(ProgramConfig::from_toml_str(&ok, "p.toml").unwrap().discord.unwrap().require_posted);
}

#[test]
fn a_hundred_thousand_messages_are_counted() {
    let extra: Vec<Value> = (0..100_000)
        .map(|i| {
            message(
                &format!("{}", 10_000 + i),
                "2026-05-10T10:00:00+00:00",
                user(&format!("{}", 50_000 + i % 5_000), "someone", false),
                json!([]),
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    std::fs::write(&path, export(extra).to_string()).unwrap();
    let export = read_export(&path).unwrap();
    assert_eq!(export.messages.len(), 100_008);
    let round = count_round("big.json", &export, "5000", &config(true), q2()).unwrap();
    assert_eq!(round.helpers.iter().find(|h| h.helper == FOX).unwrap().counted.len(), 5);
}
