// The page builder never destroys a folder it did not write: `--out` must be new, empty, or (with `--force`) an
// earlier page of its own, recognised by its manifest. These refusals happen before any build, so they run in
// milliseconds; the browser tests build real pages.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const PAGE = path.join(ROOT, "web", "scripts", "page.mjs");

function page(...args) {
  const run = spawnSync(process.execPath, [PAGE, ...args], { encoding: "utf8" });
  return { status: run.status, stderr: run.stderr };
}

/** A scratch folder holding `files` (name → contents). */
function folder(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "page-out-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

test("a folder of the user's files is refused and left as it was", () => {
  const dir = folder({ "keystore.json": "{\"crypto\":{}}", "claims-2026-Q2.json": "{}", "claims-2026-Q2.sig-0xabc.json": "{}" });
  for (const args of [[], ["--force"]]) {
    const { status, stderr } = page("--claims", dir, "--out", dir, ...args);
    assert.equal(status, 1);
    assert.match(stderr, /holds 3 file\(s\) and is not a page this builder wrote/);
    assert.match(stderr, /nothing was changed/);
  }
  assert.deepEqual(fs.readdirSync(dir).sort(), ["claims-2026-Q2.json", "claims-2026-Q2.sig-0xabc.json", "keystore.json"]);
  assert.equal(fs.readFileSync(path.join(dir, "keystore.json"), "utf8"), "{\"crypto\":{}}");
});

test("an earlier page is replaced only with --force", () => {
  const dir = folder({ "manifest.json": JSON.stringify({ format: "support-bounty-page-v1" }), "index.html": "<p>old</p>" });
  const { status, stderr } = page("--claims", dir, "--out", dir);
  assert.equal(status, 1);
  assert.match(stderr, /holds an earlier page: add --force to replace it/);
  assert.equal(fs.readFileSync(path.join(dir, "index.html"), "utf8"), "<p>old</p>");
});

test("a file given as --out is refused", () => {
  const dir = folder({ "notes.txt": "mine" });
  const file = path.join(dir, "notes.txt");
  const { status, stderr } = page("--claims", dir, "--out", file);
  assert.equal(status, 1);
  assert.match(stderr, /is a file, not a folder/);
  assert.equal(fs.readFileSync(file, "utf8"), "mine");
});

/** A claims file's identifying fields (what the builder checks before it builds). */
function claims(fields = {}) {
  return JSON.stringify({
    format: "support-bounty-claims-v2",
    chain_id: 31337,
    vault: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    token: { address: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" },
    epoch: 20262,
    label: "2026-Q2",
    root: "0x" + "11".repeat(32),
    ...fields,
  });
}

test("mistakes in the inputs are refused with a sentence, before anything is built or written", () => {
  const other = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
  const cases = [
    [{}, ["--out", "OUT"], /usage: script\/page --claims DIR --out DIR/],
    [null, [], /--claims .*missing-folder is not a folder: give the folder that holds the published claims files/],
    [{ "notes.json": "{\"a\":1}" }, [], /holds no claims file/],
    [{ "claims-2026-Q2.json": "{ not json" }, [], /claims-2026-Q2\.json: not JSON/],
    [
      { "a.json": claims(), "b.json": claims({ vault: other, epoch: 20263, label: "2026-Q3" }) },
      [],
      /b\.json: field `vault` is 0x9fe4.*one page shows one vault, so give --claims a folder that holds only this vault's/,
    ],
    [
      { "a.json": claims(), "b.json": claims({ chain_id: 10, epoch: 20263 }) },
      [],
      /field `chain_id` is 10, but a\.json says 31337/,
    ],
    [
      { "a.json": claims(), "b.json": claims({ root: "0x" + "22".repeat(32) }) },
      [],
      /a\.json \(root 0x1111.*\) and b\.json \(root 0x2222.*\) are both epoch 2026-Q2: run `bounty verify FILE` on each/,
    ],
    [{ "a.json": claims() }, ["--deploy-block", "soon"], /--deploy-block: `soon` is not a block number/],
    [{ "a.json": claims() }, ["--reports", "REPORTS"], /a report for vault 0x9fE4.* not this page's/],
    [{ "a.json": claims() }, ["--evidence", "REPORT_FILE"], /--evidence .*r\.json: not a `bounty intake discord` audit file/],
    [{ "a.json": claims() }, ["--evidence", "nope.json"], /--evidence .*nope\.json: no such file/],
    [
      { "a.json": claims(), "report.json": JSON.stringify({ format: "support-bounty-period-report-v1", vault: other, chain_id: 31337 }) },
      [],
      /report\.json: a period report for vault 0x9fE4.* not this page's/,
    ],
  ];
  for (const [files, extra, expected] of cases) {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "page-in-"));
    const claimsDir = path.join(scratch, files === null ? "missing-folder" : "claims");
    if (files !== null) {
      fs.mkdirSync(claimsDir);
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(claimsDir, name), text);
    }
    const reports = path.join(scratch, "reports");
    fs.mkdirSync(reports);
    const report = { format: "support-bounty-report-v1", report: { vault: other, chain_id: 31337 } };
    fs.writeFileSync(path.join(reports, "r.json"), JSON.stringify(report));
    const out = path.join(scratch, "out");
    const named = { OUT: out, REPORTS: reports, REPORT_FILE: path.join(reports, "r.json") };
    const args = extra.map((a) => named[a] ?? a);
    const withClaims = extra[0] === "--out" ? args : ["--claims", claimsDir, "--out", out, ...args];
    const { status, stderr } = page(...withClaims);
    assert.equal(status, 1, `${withClaims.join(" ")}: ${stderr}`);
    assert.match(stderr, expected);
    assert.doesNotMatch(stderr, /at file:|node:internal/, "a sentence, not a stack trace");
    assert.equal(fs.existsSync(out), false, "nothing written");
    assert.deepEqual(
      fs.readdirSync(scratch).filter((n) => n.startsWith("out")),
      [],
      "no staging folder left",
    );
  }
});
