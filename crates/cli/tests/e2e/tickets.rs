//! A quality line fed by helpdesk tickets: Zendesk API pages written from the documented format (two pages of
//! tickets — unrated, reopened, unassigned and out-of-period ones among them — and a page of metrics) become each
//! agent's KPIs, joined to the plans through the committee's identity file; `compute` scores them and the line is
//! posted, paid and verified. Also the generic CSV's refusal of a time without a zone.

use crate::common::{strs, Setup, World, DAY};
use serde_json::{json, Value};

pub(crate) fn ticket(id: u64, agent: Option<u64>, rating: &str) -> Value {
    json!({
        "id": id, "url": format!("https://example.zendesk.com/api/v2/tickets/{id}.json"), "assignee_id": agent,
        "status": "solved", "created_at": "2026-05-01T08:00:00Z", "updated_at": "2026-05-03T08:00:00Z",
        "satisfaction_rating": { "score": rating },
    })
}

pub(crate) fn metric(ticket: u64, reply: u64, resolution: u64, solved: &str, reopens: u64) -> Value {
    json!({
        "id": 9000 + ticket, "ticket_id": ticket, "reopens": reopens, "replies": 2, "solved_at": solved,
        "reply_time_in_minutes": { "calendar": reply, "business": reply },
        "full_resolution_time_in_minutes": { "calendar": resolution, "business": resolution },
    })
}

#[tokio::test]
async fn zendesk_tickets_feed_a_quality_line() {
    let w = World::new(Setup::default()).await;
    let program = std::fs::read_to_string(&w.config).unwrap().replace(
        "[rule]\nkind = \"pro-rata\"\n",
        "[rule]\nkind = \"quality\"\nbase = \"tokens\"\ntargets = { max_first_reply_hours = \"2\", max_resolution_hours = \"24\", min_csat_percent = \"90\" }\n",
    );
    std::fs::write(&w.config, program).unwrap();
    let page = |tickets: Vec<Value>, next: Value| json!({ "tickets": tickets, "next_page": next, "end_of_stream": next.is_null(), "count": 4 });
    let p1 = w.dir.path().join("tickets-1.json");
    let p2 = w.dir.path().join("tickets-2.json");
    let metrics = w.dir.path().join("metrics.json");
    std::fs::write(
        &p1,
        page(
            vec![
                ticket(1, Some(501), "good"),
                ticket(2, Some(501), "good"),
                ticket(3, Some(501), "unoffered"),
                ticket(4, Some(502), "good"),
            ],
            json!("https://example.zendesk.com/api/v2/incremental/tickets/cursor.json?cursor=abc"),
        )
        .to_string(),
    )
    .unwrap();
    std::fs::write(
        &p2,
        page(
            vec![
                ticket(5, Some(502), "bad"),
                ticket(6, Some(503), "good"),
                ticket(7, None, "offered"),
                ticket(8, Some(501), "bad"),
            ],
            Value::Null,
        )
        .to_string(),
    )
    .unwrap();
    let m = |t, r, f, s: &str| metric(t, r, f, s, 0);
    std::fs::write(
        &metrics,
        json!({ "ticket_metrics": [
            m(1, 60, 600, "2026-05-02T08:00:00Z"), m(2, 90, 1200, "2026-05-02T10:00:00Z"), m(3, 100, 2000, "2026-05-03T00:00:00Z"),
            metric(4, 200, 1000, "2026-05-04T00:00:00Z", 1), m(5, 300, 1400, "2026-05-05T00:00:00Z"),
            m(6, 10, 10, "2026-05-06T00:00:00Z"), m(7, 5, 5, "2026-05-06T00:00:00Z"), m(8, 9000, 9000, "2026-07-02T00:00:00Z"),
        ], "next_page": null, "count": 8 })
        .to_string(),
    )
    .unwrap();
    let ids = w.dir.path().join("ids.csv");
    std::fs::write(
        &ids,
        format!(
            "platform,id,account,reason\nzendesk,501,{},agent profile\nzendesk,502,{},agent profile\n",
            w.address(5),
            w.address(6)
        ),
    )
    .unwrap();
    let plans = w.dir.path().join("plans.csv");
    std::fs::write(
        &plans,
        format!("account,tokens,handle\n{},300,ana\n{},300,ben\n{},300,cy\n", w.address(5), w.address(6), w.address(7)),
    )
    .unwrap();
    let out = w.dir.path().join("quality-2026-Q2.csv");
    let (cfg, idp, pl, o) = (w.path(&w.config), w.path(&ids), w.path(&plans), w.path(&out));
    // `intake tickets` over these pages, with the plans and the identity file, into `out`.
    let intake = |pages: &[&std::path::Path], out: &str| -> Vec<String> {
        let mut args: Vec<String> = vec!["intake".into(), "tickets".into()];
        for page in pages {
            args.extend(["--zendesk-tickets".into(), w.path(page)]);
        }
        args.extend(["--zendesk-metrics".into(), w.path(&metrics)]);
        args.extend(["-c", &cfg, "-e", "2026-Q2", "--plans", &pl, "--ids", &idp, "-o", out].map(String::from));
        args
    };
    let said = w.ok(&strs(&intake(&[&p1, &p2], &o)));
    // 501: replies 60/90/100 → 1.5 h, resolutions 600/1200/2000 → 20 h, 2 of 2 rated good (ticket 8 is July's).
    assert!(
        said.contains(
            "agent 501: 3 solved, median first reply 1.5 h, median resolution 20 h, CSAT 100 % (2 of 2 rated good)"
        ),
        "{said}"
    );
    // 502: replies 200/300 → 250 min = 4.166667 h (rounded up), resolutions 1000 (reopened)/1400 → 20 h, 1 of 2 good.
    assert!(
        said.contains("agent 502: 2 solved, median first reply 4.166667 h, median resolution 20 h, CSAT 50 %"),
        "{said}"
    );
    assert!(said.contains("warning: agent 503 (1 solved): not paid: no linked wallet"), "{said}");
    let rows = std::fs::read_to_string(&out).unwrap();
    assert!(rows.starts_with("account,tokens,first_reply_hours,resolution_hours,csat_percent,handle,note\n"), "{rows}");
    assert!(rows.contains(&format!("{},300,,,,cy,no tickets solved in the period", w.address(7))), "{rows}");
    assert!(!said.contains("ticket metric(s)") && !said.contains("have no metrics"), "every metric paired: {said}");
    // A tickets page left out: the metrics it would pair with are named, not dropped without a word.
    let partial = w.dir.path().join("partial.csv");
    let said = w.ok(&strs(&intake(&[&p1], &w.path(&partial))));
    assert!(
        said.contains(
            "warning: 4 ticket metric(s) are for tickets on no --tickets page (5, 6, 7, 8): a tickets page left out?"
        ),
        "{said}"
    );

    // The line: ana 300 × 3/3, ben 300 × 1/3, cy nothing (no measures meet no target).
    w.ok(&["compute", "-c", &cfg, "-s", &o, "-e", "2026-Q2", "-o", &w.path(&w.claims)]);
    w.sign(&w.claims.clone(), 1);
    w.sign(&w.claims.clone(), 2);
    assert!(w.submit(&w.claims).status.success());
    w.warp(u64::from(DAY) + 1).await;
    w.ok(&["payout", &w.path(&w.claims), "--private-key", &w.key_hex(0)]);
    assert_eq!(w.balance(w.address(5)).await, World::whole(300));
    assert_eq!(w.balance(w.address(6)).await, World::whole(100));
    let verified = w.ok(&["verify", &w.path(&w.claims)]);
    assert!(verified.contains("✓ line main: scores — 2 of 2 scored against") && !verified.contains('✗'), "{verified}");
    // The measures' provenance: the claims file records the exports by hash and each agent's measures; the rows
    // are checked against it, and with the published exports the measures are derived again.
    assert!(
        verified.contains(
            "✓ line main: intake rows — 2 row(s) from the tickets in tickets-1.json, tickets-2.json, metrics.json"
        ),
        "{verified}"
    );
    let dir = w.path(w.dir.path());
    let sourced = w.ok(&["verify", &w.path(&w.claims), "--sources", &dir]);
    assert!(
        sourced.contains("✓ line main: intake source — 2 of 2 agents' measures derived again from the tickets"),
        "{sourced}"
    );
    // A metrics page changed after the fact: named, with the hash it should have.
    let edited = std::fs::read_to_string(&metrics).unwrap().replacen("\"calendar\":60", "\"calendar\":61", 1);
    std::fs::write(&metrics, &edited).unwrap();
    let tampered = w.fails(&["verify", &w.path(&w.claims), "--sources", &dir]);
    assert!(
        tampered.contains("✗ line main: intake source") && tampered.contains("metrics.json: keccak256"),
        "{tampered}"
    );
    // Rows edited after the intake (a better CSAT) are refused by compute, not recorded as derived.
    let rows_text = std::fs::read_to_string(&out).unwrap().replacen(",50,", ",95,", 1);
    std::fs::write(&out, rows_text).unwrap();
    let refused =
        w.fails(&["compute", "-c", &cfg, "-s", &o, "-e", "2026-Q2", "-o", &w.path(&w.dir.path().join("again.json"))]);
    assert!(refused.contains("differs from its intake record"), "{refused}");

    // The generic CSV: a time without a zone is refused with the line and column.
    let csv = w.dir.path().join("tickets.csv");
    std::fs::write(
        &csv,
        "ticket_id,agent,created,first_reply,solved,rating\n1,501,2026-05-01T08:00:00Z,2026-05-01 09:00,,good\n",
    )
    .unwrap();
    let refused = w.fails(&[
        "intake",
        "tickets",
        "--csv",
        &w.path(&csv),
        "-c",
        &cfg,
        "-e",
        "2026-Q2",
        "--plans",
        &pl,
        "--ids",
        &idp,
        "-o",
        &w.path(&w.dir.path().join("x.csv")),
    ]);
    assert!(
        refused.contains("tickets.csv:2: field `first_reply`: `2026-05-01 09:00` is not a time with a zone"),
        "{refused}"
    );
    assert!(!w.dir.path().join("x.csv").exists());
}
