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
