#!/usr/bin/env node
// `script/page --claims DIR --out DIR [--reports DIR] [--evidence AUDIT.json] [--rpc-url URL] [--deploy-block N]`: the claim page, built, with a program's
// published claims files and a manifest (chain, vault, token, files) beside it. The result is a folder of static
// files to upload anywhere (a web host, a subpath, IPFS). Every claims file must name the same vault, chain and
// token; the folder is written under a temporary name and renamed, so a failure leaves no half-written page.
// `--out` must be a new or empty folder, or (with `--force`) one holding an earlier page of this builder, recognised
// by its manifest: a folder of anything else (keys, the published claims and signatures) is never replaced.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const usage =
  "usage: script/page --claims DIR --out DIR [--force] [--reports DIR] [--evidence AUDIT.json] [--rpc-url URL] [--deploy-block N]";
const { values } = parseArgs({
  options: {
    claims: { type: "string" },
    reports: { type: "string" },
    evidence: { type: "string" },
    out: { type: "string" },
    force: { type: "boolean", default: false },
    "rpc-url": { type: "string", default: process.env.BOUNTY_PAGE_RPC_URL },
    "deploy-block": { type: "string", default: process.env.BOUNTY_DEPLOY_BLOCK },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const fail = (message) => {
  console.error(`page: ${message}`);
  process.exit(1);
};
if (!values.claims || !values.out) fail(usage);

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const claimsDir = path.resolve(values.claims);
const out = path.resolve(values.out);
checkOut(out, values.force);

/** Refuses any `--out` but a new folder, an empty one, or (with `--force`) an earlier page of this builder. */
function checkOut(dir, force) {
  let entries;
  try {
    if (!fs.statSync(dir).isDirectory()) fail(`--out ${dir} is a file, not a folder: name a new or empty folder`);
    entries = fs.readdirSync(dir);
  } catch (e) {
    if (e.code === "ENOENT") return;
    throw e;
  }
  if (entries.length === 0) return;
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  } catch {
    manifest = undefined;
  }
  if (manifest?.format !== "support-bounty-page-v1") {
    fail(`--out ${dir} holds ${entries.length} file(s) and is not a page this builder wrote (no page manifest.json): nothing was changed; name a new or empty folder`);
  }
  if (!force) fail(`--out ${dir} holds an earlier page: add --force to replace it, or name a new folder`);
}

// The program's claims files: every JSON file in the folder whose `format` says so (signature and consent files
// that live beside them are skipped); and the period reports published beside them (`bounty ledger --report
// --json`), which the page shows as posted.
const files = [];
const periodReports = [];
if (!fs.existsSync(claimsDir) || !fs.statSync(claimsDir).isDirectory()) {
  fail(`--claims ${claimsDir} is not a folder: give the folder that holds the published claims files`);
}
for (const name of fs.readdirSync(claimsDir).sort()) {
  if (!name.endsWith(".json")) continue;
  const file = path.join(claimsDir, name);
  let json;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    fail(`${file}: not JSON (${e.message})`);
  }
  if (json.format === "support-bounty-period-report-v1") periodReports.push({ name, file, json });
  if (typeof json.format !== "string" || !json.format.startsWith("support-bounty-claims-")) continue;
  files.push({ name, file, json });
}
if (files.length === 0) fail(`${claimsDir} holds no claims file (JSON with "format": "support-bounty-claims-v2" or "-v3")`);
const [first] = files;
for (const f of files) {
  for (const [what, a, b] of [
    ["chain_id", f.json.chain_id, first.json.chain_id],
    ["vault", String(f.json.vault).toLowerCase(), String(first.json.vault).toLowerCase()],
    ["token.address", String(f.json.token?.address).toLowerCase(), String(first.json.token?.address).toLowerCase()],
  ]) {
    if (a !== b) fail(`${f.file}: field \`${what}\` is ${a}, but ${first.name} says ${b}: one page shows one vault, so give --claims a folder that holds only this vault's claims files`);
  }
  const twin = files.find((g) => g !== f && g.json.epoch === f.json.epoch);
  // Never say which to delete: only the chain knows which root was posted, and `bounty verify` asks it.
  if (twin) {
    fail(
      `${f.name} (root ${f.json.root}) and ${twin.name} (root ${twin.json.root}) are both epoch ${f.json.label}: ` +
        `run \`bounty verify FILE\` on each to see which root the vault holds, and move the other out of ${claimsDir}`,
    );
  }
}
for (const r of periodReports) {
  if (String(r.json.vault).toLowerCase() !== String(first.json.vault).toLowerCase() || r.json.chain_id !== first.json.chain_id) {
    fail(`${r.file}: a period report for vault ${r.json.vault} on chain ${r.json.chain_id}, not this page's: move it out of ${claimsDir}`);
  }
}
// Signed self-reports (`bounty report`) of the program, for the page's public ledger of an open period.
const reports = [];
if (values.reports) {
  const dir = path.resolve(values.reports);
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith(".json")) continue;
    let json;
    try {
      json = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
    } catch (e) {
      fail(`${path.join(dir, name)}: not JSON (${e.message})`);
    }
    if (json.format !== "support-bounty-report-v1") continue;
    if (String(json.report?.vault).toLowerCase() !== String(first.json.vault).toLowerCase() || json.report?.chain_id !== first.json.chain_id) {
      fail(`${path.join(dir, name)}: a report for vault ${json.report?.vault} on chain ${json.report?.chain_id}, not this page's`);
    }
    reports.push({ name, file: path.join(dir, name) });
  }
}
// Activity evidence for the Reports tab: a `bounty intake discord` audit file (each helper's messages in the
// channel during the period), shown beside the signed reports as `bounty reports --evidence` shows it.
let evidence;
if (values.evidence) {
  const file = path.resolve(values.evidence);
  let json;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    fail(`--evidence ${file}: ${e.code === "ENOENT" ? "no such file" : `not JSON (${e.message})`}`);
  }
  if (typeof json.period !== "string" || typeof json.channel !== "string" || !Array.isArray(json.helpers)) {
    fail(`--evidence ${file}: not a \`bounty intake discord\` audit file (it needs \`period\`, \`channel\` and \`helpers\`)`);
  }
  evidence = { name: path.basename(file), file };
}
const deployBlock = values["deploy-block"] === undefined ? undefined : Number(values["deploy-block"]);
if (deployBlock !== undefined && !Number.isSafeInteger(deployBlock)) fail(`--deploy-block: \`${values["deploy-block"]}\` is not a block number`);

console.error("page: building web/ (vite)");
execFileSync(path.join(root, "node_modules", ".bin", "vite"), ["build", path.join(root, "web"), "--logLevel", "warn"], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: "true" },
});

const staging = `${out}.tmp-${process.pid}`;
fs.rmSync(staging, { recursive: true, force: true });
fs.cpSync(path.join(root, "web", "dist"), staging, { recursive: true });
fs.mkdirSync(path.join(staging, "claims"));
for (const f of files) fs.copyFileSync(f.file, path.join(staging, "claims", f.name)); // exact bytes: metadataHash
if (reports.length > 0) {
  fs.mkdirSync(path.join(staging, "reports"));
  for (const r of reports) fs.copyFileSync(r.file, path.join(staging, "reports", r.name));
}
if (evidence) {
  fs.mkdirSync(path.join(staging, "evidence"));
  fs.copyFileSync(evidence.file, path.join(staging, "evidence", evidence.name));
}
if (periodReports.length > 0) {
  fs.mkdirSync(path.join(staging, "period-reports"));
  for (const r of periodReports) fs.copyFileSync(r.file, path.join(staging, "period-reports", r.name));
}
const manifest = {
  format: "support-bounty-page-v1",
  program: first.json.program,
  chainId: first.json.chain_id,
  vault: first.json.vault,
  token: first.json.token,
  ...(values["rpc-url"] ? { rpcUrl: values["rpc-url"] } : {}),
  ...(deployBlock !== undefined ? { deployBlock } : first.json.deploy_block ? { deployBlock: first.json.deploy_block } : {}),
  files: files.map((f) => `claims/${f.name}`),
  ...(reports.length > 0 ? { reports: reports.map((r) => `reports/${r.name}`) } : {}),
  ...(evidence ? { evidence: `evidence/${evidence.name}` } : {}),
  ...(periodReports.length > 0 ? { periodReports: periodReports.map((r) => `period-reports/${r.name}`) } : {}),
};
fs.writeFileSync(path.join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
fs.rmSync(out, { recursive: true, force: true });
fs.renameSync(staging, out);
console.log(`page: ${out} (${files.length} claims file(s): ${files.map((f) => f.json.label).join(", ")}; vault ${manifest.vault} on chain ${manifest.chainId})`);
