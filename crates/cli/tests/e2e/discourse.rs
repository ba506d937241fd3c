//! The forum thread: helpers paste their signed reports into the period's Discourse topic; `bounty intake
//! discourse` finds them in the topic JSON and a further page of posts, writes the valid ones into the reports
//! folder, and lists a forged one, another period's and a code block that is not a report, each with its reason;
//! a post the topic lists but no file contains is named. `compute --reports` then pays from the folder.

use crate::common::{Setup, World, EPOCH};
use serde_json::{json, Value};

/// 2026-06-20 00:00 UTC: inside 2026-Q2's reporting window.
const IN_WINDOW: u64 = 1_781_913_600;

pub(crate) fn post(id: u64, number: u64, username: &str, raw: &str) -> Value {
    json!({
        "id": id, "name": username, "username": username, "created_at": "2026-06-20T10:00:00.000Z",
        "cooked": "<p>…</p>", "raw": raw, "post_number": number, "post_type": 1, "reply_count": 0,
    })
}

#[tokio::test]
async fn reports_pasted_in_the_thread_are_found_checked_and_filed() {
    let w = World::new(Setup::default()).await;
    let signed = |key: usize, hours: &str, sequence: u64| {
        let out = w.dir.path().join(format!("signed-{key}-{sequence}.json"));
        let seq = sequence.to_string();
        w.ok(&[
            "report",
            "-c",
            &w.path(&w.config),
            "-e",
            EPOCH,
            "--hours",
            hours,
            "--sequence",
            &seq,
            "--private-key",
            &w.key_hex(key),
            "-o",
            &w.path(&out),
        ]);
        std::fs::read_to_string(out).unwrap()
    };
    let alice = signed(5, "12.5", IN_WINDOW);
    let bob = signed(6, "8", IN_WINDOW + 60);
    // A forgery: bob's report with more hours.
    let forged = bob.replace("\"value\": \"8\"", "\"value\": \"80\"");
    assert_ne!(forged, bob);
    let fenced = |text: &str| format!("My hours this quarter:\n\n```json\n{text}\n```\n");
    // The topic: alice's report in Markdown; a forgery; a code block with the marker that is not a report. Bob's
    // genuine report is on a second page (posts.json); post 14 is listed in the stream but in neither file.
    let topic = json!({
        "id": 42, "title": "Support bounty 2026-Q2: post your hours",
        "post_stream": {
            "posts": [
                post(10, 1, "committee", "Post your signed report (the JSON `bounty report` prints) below."),
                post(11, 2, "alice", &fenced(&alice)),
                post(12, 3, "mallory", &fenced(&forged)),
                post(13, 4, "confused", "```\nsupport-bounty-report-v1 is the format, right?\n```"),
            ],
            "stream": [10, 11, 12, 13, 14, 15],
        },
    });
    let cooked_bob = format!(
        "<p>hours</p><pre><code class=\"lang-json\">{}</code></pre>",
        bob.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
    );
    let page = json!({ "post_stream": { "posts": [
        { "id": 15, "name": "bob", "username": "bob", "created_at": "2026-06-21T10:00:00.000Z", "cooked": cooked_bob, "post_number": 6 },
    ] } });
    let (topic_path, page_path) = (w.dir.path().join("topic.json"), w.dir.path().join("posts.json"));
    std::fs::write(&topic_path, topic.to_string()).unwrap();
    std::fs::write(&page_path, page.to_string()).unwrap();
    let reports = w.dir.path().join("reports");
    let out = w.ok(&[
        "intake",
        "discourse",
        &w.path(&topic_path),
        &w.path(&page_path),
        "-c",
        &w.path(&w.config),
        "-e",
        EPOCH,
        "-o",
        &w.path(&reports),
    ]);
    assert!(out.contains(&format!("✓ post #2 by alice: {} reports 12.5 hours", w.address(5))), "{out}");
    assert!(out.contains(&format!("✓ post #6 by bob: {} reports 8 hours", w.address(6))), "{out}");
    assert!(out.contains(&format!("✗ post #3 by mallory: the signature is not {}'s", w.address(6))), "{out}");
    assert!(out.contains("✗ post #4 by confused: not a report file"), "{out}");
    assert!(out.contains("the topic lists 1 post(s) the given files do not contain (14)"), "{out}");
    assert!(out.contains("2 report(s) of 2026-Q2 written"), "{out}");
    assert_eq!(std::fs::read_dir(&reports).unwrap().count(), 2);
    // Idempotent: the same reports again are fine.
    w.ok(&[
        "intake",
        "discourse",
        &w.path(&topic_path),
        &w.path(&page_path),
        "-c",
        &w.path(&w.config),
        "-e",
        EPOCH,
        "-o",
        &w.path(&reports),
    ]);
    // The folder feeds compute exactly as report files dropped there by hand.
    let computed = w.ok(&[
        "compute",
        "-c",
        &w.path(&w.config),
        "--reports",
        &w.path(&reports),
        "-e",
        EPOCH,
        "-o",
        &w.path(&w.claims),
    ]);
    assert!(computed.contains("12.5") && computed.contains("wrote"), "{computed}");
    assert_eq!(w.loaded().file.claims.len(), 2);
}
