// The claim page in a real Chromium (Debian's, driven by playwright-core), against a real anvil with the forge-built
// vault and three quarters posted through the `bounty` CLI, served from a loopback static server under a subpath.
//
// Timeline (anvil's clock): 2026-Q1 posted at t0, 2026-Q2 at t0+14d, 2026-Q3 at t0+35d; challenge 14 days, claim
// window 30 days. At t0+35d Q1 and Q2 are claimable and Q3 is pending; the expiry test moves to t0+45d, where Q1
// has expired, and the last test disputes Q3 (still pending until t0+49d). Each browser flow uses its own helper
// account, so the flows do not share leaves.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { toFunctionSelector } from "viem";
import { ADDRESSES, BONUS, CHALLENGE, DAY, Devnet, DISPUTE_BOND, HELPERS, KEYS, ROOT } from "./devnet.mjs";
import { injectWallet } from "./wallet.mjs";

const SUBPATH = "/programs/rocket-pool/";
const CLAIM_ONE = "claimOne(address,(uint64,bytes32,uint256,uint256,bytes32[]))";
/** 2026-12-20 00:00 UTC: inside 2026-Q4's reporting window. */
const DEC_20 = Date.UTC(2026, 11, 20) / 1000;
const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? path.join(ROOT, "web", "test-results");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
/** The flags a root user's headless Chromium needs on a machine with no outside network (see the env notes). */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let devnet;
let server;
let pageUrl;
/** The built page on disk. */
let site;
let browser;

/** Serves `dir` under SUBPATH on a loopback port, as any static host would. */
function serve(dir) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };
  return new Promise((resolve) => {
    const s = http.createServer((req, res) => {
      const url = new URL(req.url, "http://x");
      const rel = url.pathname.startsWith(SUBPATH) ? url.pathname.slice(SUBPATH.length) || "index.html" : null;
      const file = rel === null ? null : path.join(dir, decodeURIComponent(rel));
      if (!file || !file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404).end("not found");
        return;
      }
      res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    });
    s.listen(0, "127.0.0.1", () => resolve(s));
  });
}

before(async () => {
  devnet = await Devnet.start();
  devnet.deploy();
  // Helpers 4…7 in every quarter.
  devnet.post("2026-Q1", ["10", "20", "30", "40"]);
  await devnet.warp(CHALLENGE);
  devnet.post("2026-Q2", ["12.5", "7.5", "5", "2.5"]);
  await devnet.warp(21 * DAY);
  devnet.post("2026-Q3", ["1", "1", "1", "1"]);
  // 2026-Q4's reporting thread (December 15–29): helper 4 corrects a typo, helper 5 reports once, and a copy of
  // helper 5's report with its value raised keeps the old signature (a forgery).
  devnet.report(4, "2026-Q4", "1.5", DEC_20, "typo");
  devnet.report(4, "2026-Q4", "15", DEC_20 + 60, "#support, EU mornings");
  devnet.report(5, "2026-Q4", "7.25", DEC_20, "docs");
  const genuine = JSON.parse(fs.readFileSync(path.join(devnet.dir, "reports", `report-5-${DEC_20}.json`), "utf8"));
  genuine.report.value = "70.25";
  genuine.report.sequence = DEC_20 + 120;
  fs.writeFileSync(path.join(devnet.dir, "reports", "forged.json"), JSON.stringify(genuine, null, 2));
  // The committee publishes the period reports beside the claims files; a second copy misstates Q1's allocation.
  const claimsDir = path.join(devnet.dir, "claims");
  const files = ["2026-Q1", "2026-Q2", "2026-Q3"].map((l) => path.join(claimsDir, `claims-${l}.json`));
  const published = devnet.run("ledger", ...files, "--report", "--json");
  fs.writeFileSync(path.join(claimsDir, "report-2026-Q3.json"), published);
  const misstated = JSON.parse(published);
  misstated.periods[0].allocated = String(BigInt(misstated.periods[0].allocated) + 10n ** 18n);
  fs.writeFileSync(path.join(claimsDir, "report-misstated.json"), JSON.stringify(misstated, null, 2));
  // The Discord intake's audit of 2026-Q4 (its format as `bounty intake discord` writes it): helper 4 posted 12
  // messages in #support; helper 5 is not in the round.
  const audit = {
    record: {
      source: "support.json", source_keccak256: `0x${"00".repeat(32)}`, message: "5000", require_posted: false,
      emojis: { "🦊": "111" }, helpers: [],
    },
    program: "rocket-pool-support", period: "2026-Q4", channel: "support",
    helpers: [{ emoji: "🦊", helper: "111", handle: "helper4", votes: 0, messages: 12, account: ADDRESSES[4] }],
  };
  fs.writeFileSync(path.join(devnet.dir, "support-2026-Q4.audit.json"), JSON.stringify(audit, null, 2));
  const out = path.join(devnet.dir, "site");
  execFileSync(
    "node",
    [
      path.join(ROOT, "web/scripts/page.mjs"), "--claims", path.join(devnet.dir, "claims"), "--reports",
      path.join(devnet.dir, "reports"), "--evidence", path.join(devnet.dir, "support-2026-Q4.audit.json"),
      "--out", out, "--rpc-url", devnet.url,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  site = out;
  server = await serve(out);
  pageUrl = `http://127.0.0.1:${server.address().port}${SUBPATH}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
  devnet?.stop();
});

/** A fresh page with the test wallet for `account`. */
async function open(account, walletOptions = {}, viewport = { width: 1100, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  const wallet = await injectWallet(page, devnet, { account, ...walletOptions });
  await page.goto(pageUrl);
  await loaded(page);
  return { page, wallet, errors, close: () => context.close() };
}

/** Waits until the page has loaded its program (or said why not): only then are its buttons wired. */
async function loaded(page) {
  await page.waitForFunction(() => !document.getElementById("where").textContent.startsWith("Loading"));
}

/** A reload, waited for as `open` waits for the first load. */
async function reload(page) {
  await page.reload();
  await loaded(page);
}

async function connect(page) {
  await page.click("#connect");
  await page.waitForSelector("#epochs tbody tr[data-epoch]");
}

async function phases(page) {
  return page.$$eval("#epochs tbody tr[data-epoch]", (rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.epoch, r.dataset.phase])),
  );
}

test("connect: every period with its status read from the vault, and the total claimable now", async () => {
  const { page, errors, close } = await open(HELPERS[0]);
  await connect(page);
  assert.deepEqual(await phases(page), { "2026-Q1": "claimable", "2026-Q2": "claimable", "2026-Q3": "pending" });
  const q1 = devnet.claims("2026-Q1").amountOf(HELPERS[0]);
  const q2 = devnet.claims("2026-Q2").amountOf(HELPERS[0]);
  const total = await page.textContent("#total");
  assert.match(total, /Claimable now: .* RPL in 2 periods/);
  // The shown total is the exact sum, cut to 4 decimals (never rounded up).
  const whole = (q1 + q2) / 10n ** 18n;
  assert.ok(total.replace(/ /g, "").includes(`${whole}.`), `${total} shows ${whole}`);
  assert.match(await page.textContent('tr[data-epoch="2026-Q3"]'), /claimable from 2026-08-/);
  // Each period's budget lines for this account: its share of the hours and its quality bonus with the targets it
  // met, which sum to the amount.
  const lines = await page.textContent('tr[data-epoch="2026-Q1"] .lines');
  const hours = devnet.claims("2026-Q1").claims.find((c) => c.account === HELPERS[0]).lines[0];
  assert.equal(hours.line, "hours");
  // Under 1 000, so no thousands separator; a whole amount shows no decimals.
  const shown = new RegExp(`^hours ${BigInt(hours.amount) / 10n ** 18n}(\\.\\d+)? \\+ bonus ${BONUS} \\(1 of 2 targets\\)$`);
  assert.match(lines, shown);
  await page.waitForSelector("#gas:has-text('gas')");
  assert.match(await page.textContent("#gas"), /gas ≈ 0\.\d+ ETH \(\d+ gas\)/);
  await page.screenshot({ path: path.join(SCREENSHOTS, "claim-desktop.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await close();
});

test("claim all: one transaction pays both open periods; statuses and balance are read back", async () => {
  const { page, wallet, close } = await open(HELPERS[0]);
  await connect(page);
  const before = devnet.balance(HELPERS[0]);
  await page.click("#claim-all");
  await page.waitForSelector('#claim-message[data-kind="ok"]');
  assert.equal(wallet.requests.filter((m) => m === "eth_sendTransaction").length, 1);
  const expected = devnet.claims("2026-Q1").amountOf(HELPERS[0]) + devnet.claims("2026-Q2").amountOf(HELPERS[0]);
  assert.equal(devnet.balance(HELPERS[0]) - before, expected);
  await page.waitForSelector('tr[data-epoch="2026-Q2"][data-phase="claimed"]');
  assert.deepEqual(await phases(page), { "2026-Q1": "claimed", "2026-Q2": "claimed", "2026-Q3": "pending" });
  const tx = await page.getAttribute("#claim-message", "data-tx");
  assert.match(await page.textContent('tr[data-epoch="2026-Q1"]'), new RegExp(`in ${tx.slice(0, 6)}`));
  assert.equal(await page.isDisabled("#claim-all"), true);
  // A reload reads the same from the chain.
  await reload(page);
  await connect(page);
  assert.deepEqual(await phases(page), { "2026-Q1": "claimed", "2026-Q2": "claimed", "2026-Q3": "pending" });
  await close();
});

test("claim to another address: the recipient is shown large and must be confirmed; the tokens go there", async () => {
  const account = HELPERS[1];
  const recipient = ADDRESSES[0];
  const { page, close } = await open(account, {}, { width: 390, height: 844 });
  await connect(page);
  // On a phone nothing is wider than the screen: the vault's address and the table wrap or scroll inside.
  const widest = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(widest <= 390, `the page is ${widest} px wide on a 390 px screen`);
  await page.click("#claim-to-box summary");
  // A mistyped checksum is refused before anything else.
  await page.fill("#recipient", recipient.slice(0, 41) + (recipient[41] === "6" ? "7" : "6"));
  await page.waitForSelector('#recipient-resolved[data-kind="error"]');
  await page.fill("#recipient", recipient.replace("f39Fd", "F39fD"));
  await page.waitForSelector('#recipient-resolved[data-kind="error"]:has-text("checksum")');
  await page.fill("#recipient", recipient);
  await page.waitForSelector('#recipient-resolved[data-kind="ok"]');
  assert.equal(await page.textContent("#recipient-resolved"), recipient);
  assert.match(await page.textContent("#recipient-confirm-text"), /NOT my connected wallet/);
  assert.equal(await page.isDisabled("#claim-to"), true, "needs the confirmation first");
  await page.check("#recipient-confirm");
  await page.screenshot({ path: path.join(SCREENSHOTS, "claim-to-phone.png"), fullPage: true });
  const before = [devnet.balance(account), devnet.balance(recipient)];
  await page.click("#claim-to");
  await page.waitForSelector('#claim-message[data-kind="ok"]');
  const expected = devnet.claims("2026-Q1").amountOf(account) + devnet.claims("2026-Q2").amountOf(account);
  assert.equal(devnet.balance(account), before[0]);
  assert.equal(devnet.balance(recipient) - before[1], expected);
  await page.waitForSelector('tr[data-epoch="2026-Q1"][data-phase="claimed"]');
  await close();
});

test("gasless consent: signed in the page, relayed by `bounty claim --consent`", async () => {
  const account = HELPERS[2];
  const recipient = ADDRESSES[3];
  const { page, close } = await open(account);
  await connect(page);
  await page.click("#consent-box summary");
  await page.fill("#consent-recipient", recipient);
  await page.fill("#consent-days", "3");
  await page.click("#consent-sign");
  await page.waitForSelector('#claim-message[data-kind="ok"]');
  const consent = JSON.parse(await page.inputValue("#consent-json"));
  assert.equal(consent.account, account);
  assert.equal(consent.recipient, recipient);
  assert.equal(consent.deadline, (await devnet.now()) + 3 * DAY);
  const file = path.join(devnet.dir, "consent.json");
  // What the Download link holds is what the text area shows.
  const download = await page.evaluate(async () => {
    const link = document.getElementById("consent-download");
    return { name: link.download, text: await (await fetch(link.href)).text() };
  });
  assert.equal(download.name, `consent-${account}.json`);
  fs.writeFileSync(file, download.text);
  const before = devnet.balance(recipient);
  devnet.run("claim", path.join(devnet.dir, "claims/claims-2026-Q1.json"), path.join(devnet.dir, "claims/claims-2026-Q2.json"), "--consent", file, "--private-key", KEYS[0]);
  const expected = devnet.claims("2026-Q1").amountOf(account) + devnet.claims("2026-Q2").amountOf(account);
  assert.equal(devnet.balance(recipient) - before, expected);
  // The page reads the claim back from the chain on the next look.
  await reload(page);
  await connect(page);
  assert.deepEqual(await phases(page), { "2026-Q1": "claimed", "2026-Q2": "claimed", "2026-Q3": "pending" });
  await close();
});

test("history: the account's payments, the same rows and the same tax CSV as `bounty ledger`", async () => {
  // Helper 2's two periods were paid to another address through the consent a relayer sent (the test above).
  const account = HELPERS[2];
  const { page, errors, close } = await open(account);
  await connect(page);
  await page.click("#tab-history");
  await page.waitForSelector("#history tbody tr[data-tx]");
  const rows = await page.$$eval("#history tbody tr[data-tx]", (trs) =>
    trs.map((tr) => ({
      label: tr.dataset.epoch,
      index: Number(tr.dataset.index),
      paidBy: tr.dataset.paidBy,
      tx: tr.dataset.tx,
      amount: tr.querySelector("[data-amount]").dataset.amount,
    })),
  );
  const dir = path.join(devnet.dir, "claims");
  const files = fs.readdirSync(dir).filter((f) => /^claims-\d{4}-(Q\d|\d\d)\.json$/.test(f)).map((f) => path.join(dir, f));
  const cli = JSON.parse(devnet.run("ledger", ...files, "--account", account, "--json"));
  const expected = cli.payments.map((p) => ({ label: p.label, index: p.index, paidBy: p.paid_by, tx: p.tx, amount: p.amount }));
  assert.deepEqual(rows, expected);
  assert.deepEqual(rows.map((r) => [r.label, r.paidBy]), [["2026-Q1", "consent"], ["2026-Q2", "consent"]]);
  assert.match(await page.textContent("#history tbody tr[data-epoch='2026-Q1']"), new RegExp(`relayed consent\\s*to ${ADDRESSES[3]}`));
  // The download is byte for byte the CLI's CSV for the same account.
  const csv = path.join(devnet.dir, "history-helper2.csv");
  devnet.run("ledger", ...files, "--account", account, "--csv", csv);
  const download = await page.evaluate(async () => {
    const link = document.getElementById("history-csv");
    return { name: link.download, text: await (await fetch(link.href)).text() };
  });
  assert.equal(download.text, fs.readFileSync(csv, "utf8"));
  assert.equal(download.name, `${cli.program}-${account}-income.csv`);
  await page.locator("#history-view").screenshot({ path: path.join(SCREENSHOTS, "history.png") });
  assert.deepEqual(errors, []);
  await close();
});

test("wrong chain: a wallet that will not switch gets a sentence, and nothing is shown as claimable", async () => {
  const { page, errors, close } = await open(HELPERS[3], { chainId: 1, allowSwitch: false });
  await page.click("#connect");
  await page.waitForSelector('#claim-message[data-kind="error"]');
  assert.match(await page.textContent("#claim-message"), /Your wallet is on chain 1; this vault is on chain 31337/);
  assert.equal(await page.isHidden("#epochs-box"), true);
  assert.deepEqual(errors, []);
  await close();
});

test("a wallet that switches when asked is moved to the vault's chain", async () => {
  const { page, wallet, close } = await open(HELPERS[3], { chainId: 10 });
  await connect(page);
  assert.equal(wallet.chainId, 31337);
  assert.ok(wallet.requests.includes("wallet_switchEthereumChain"));
  await close();
});

test("rejected transaction: a sentence, nothing sent, the periods still claimable", async () => {
  const account = HELPERS[3];
  const { page, close } = await open(account, { approve: false });
  await connect(page);
  const before = devnet.balance(account);
  await page.click("#claim-all");
  await page.waitForSelector('#claim-message[data-kind="error"]');
  assert.equal(await page.textContent("#claim-message"), "You rejected the request in your wallet; nothing was sent.");
  assert.equal(devnet.balance(account), before);
  assert.equal((await phases(page))["2026-Q1"], "claimable");
  await close();
});

test("verify: ✓ for the published files; ✗ for an amount, a root or a vault changed", async () => {
  const { page, errors, close } = await open(HELPERS[3]);
  await page.click("#tab-verify");
  await page.click("#verify-run");
  await page.waitForSelector('#verify-message[data-kind="ok"]');
  assert.equal(await page.locator('article.verdict[data-ok="true"]').count(), 3);
  assert.match(await page.textContent("#verify-results"), /line sums/, "the budget lines are checked");
  await page.screenshot({ path: path.join(SCREENSHOTS, "verify-desktop.png"), fullPage: true });

  const text = fs.readFileSync(path.join(devnet.dir, "claims/claims-2026-Q2.json"), "utf8");
  const q2 = JSON.parse(text);
  const amount = q2.claims[0].amount;
  const tampered = {
    "amount.json": text.replaceAll(`"${amount}"`, `"${BigInt(amount) + 1n}"`),
    "root.json": text.replace(`"root": "${q2.root}"`, `"root": "0x${"ab".repeat(32)}"`),
    "vault.json": text.replace(`"vault": "${q2.vault}"`, `"vault": "${ADDRESSES[7]}"`),
  };
  for (const [name, body] of Object.entries(tampered)) assert.notEqual(body, text, `${name} is tampered`);
  await page.setInputFiles(
    "#verify-files",
    Object.entries(tampered).map(([name, body]) => ({ name, mimeType: "application/json", buffer: Buffer.from(body) })),
  );
  await page.click("#verify-run");
  await page.waitForSelector('#verify-message[data-kind="error"]');
  assert.match(await page.textContent("#verify-message"), /3 of 6 file\(s\) failed/);
  const failing = async (file) =>
    page.$$eval(`article.verdict[data-file="${file}"] li[data-ok="false"]`, (lis) => lis.map((li) => li.dataset.check));
  // The amount (in the claims and the tree dump alike) no longer hashes to the posted tree or file,
  // nor is it the sum of the account's budget lines.
  assert.deepEqual(await failing("amount.json"), ["line sums", "total", "root", "proofs", "metadata hash"]);
  assert.deepEqual(await failing("root.json"), ["root", "proofs", "posted root", "metadata hash"]);
  assert.deepEqual(await failing("vault.json"), ["vault", "metadata hash"]);
  await page.locator('article.verdict[data-file="root.json"]').screenshot({ path: path.join(SCREENSHOTS, "verify-tampered.png") });
  assert.deepEqual(errors, []);
  await close();
});

test("not a claims file, or one for another vault: a sentence naming the file", async () => {
  const { page, close } = await open(HELPERS[3]);
  await page.click("#tab-verify");
  await page.setInputFiles("#verify-files", [
    { name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"hello": 1}') },
    { name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{") },
  ]);
  await page.click("#verify-run");
  await page.waitForSelector('#verify-message[data-kind="error"]');
  const alerts = await page.$$eval("article.verdict > p[role=alert]", (ps) => ps.map((p) => p.textContent));
  assert.equal(alerts.length, 2);
  assert.match(alerts[0], /^notes\.json is not a claims file: `format` is nothing/);
  assert.match(alerts[1], /^broken\.json is not a claims file: it is not JSON/);
  await close();
});

test("after Q1's window: its unclaimed leaf shows expired with the date; Q2 is still open, Q3 still pending", async () => {
  await devnet.warp(10 * DAY);
  const { page, close } = await open(HELPERS[3], {}, { width: 390, height: 844 });
  await connect(page);
  assert.deepEqual(await phases(page), { "2026-Q1": "expired", "2026-Q2": "claimable", "2026-Q3": "pending" });
  assert.match(await page.textContent('tr[data-epoch="2026-Q1"]'), /window closed 2026-/);
  await page.screenshot({ path: path.join(SCREENSHOTS, "claim-phone.png"), fullPage: true });
  // One open period: the page claims it through the single-leaf entry point.
  const before = devnet.balance(HELPERS[3]);
  await page.click("#claim-all");
  await page.waitForSelector('#claim-message[data-kind="ok"]');
  const sent = await devnet.rpc("eth_getTransactionByHash", [await page.getAttribute("#claim-message", "data-tx")]);
  assert.equal(sent.input.slice(0, 10), toFunctionSelector(CLAIM_ONE));
  assert.equal(devnet.balance(HELPERS[3]) - before, devnet.claims("2026-Q2").amountOf(HELPERS[3]));
  await close();
});

test("reports: the period's signed self-reports, each checked against its account; a forgery is marked", async () => {
  const { page, close } = await open(HELPERS[3]);
  await page.click("#tab-reports");
  await page.waitForSelector("#reports tbody tr[data-signed]");
  const rows = await page.$$eval("#reports tbody tr", (trs) =>
    trs.map((tr) => ({ account: tr.dataset.account, signed: tr.dataset.signed, superseded: tr.dataset.superseded, text: tr.textContent })),
  );
  assert.equal(rows.length, 4);
  const forged = rows.filter((r) => r.signed !== "key or contract wallet");
  assert.equal(forged.length, 1);
  assert.match(forged[0].text, /70\.25 hours/);
  assert.equal(forged[0].superseded, "false", "a forgery supersedes nothing, and is not superseded");
  const superseded = rows.filter((r) => r.superseded === "true");
  assert.equal(superseded.length, 1);
  assert.match(superseded[0].text, /1\.5 hours/);
  assert.equal(await page.textContent("#reports-totals"), "2026-Q4: 22.25 hours from 2 helpers");
  // Beside each report, the helper's messages in the channel: the figures `bounty reports --evidence` prints.
  assert.equal(await page.textContent("#reports-evidence-head"), "Messages in #support");
  const shown = await page.$$eval("#reports tbody tr", (trs) =>
    trs.map((tr) => `${tr.dataset.account.toLowerCase()} ${tr.querySelector("[data-messages]").textContent}`),
  );
  const cli = JSON.parse(
    devnet.run("reports", path.join(devnet.dir, "reports"), "--evidence", path.join(devnet.dir, "support-2026-Q4.audit.json"), "--json"),
  );
  assert.deepEqual(shown.sort(), cli.map((l) => `${l.account.toLowerCase()} ${l.messages}`).sort());
  assert.ok(shown.includes(`${ADDRESSES[4].toLowerCase()} 12`), shown.join("; "));
  await page.screenshot({ path: path.join(SCREENSHOTS, "reports-desktop.png"), fullPage: true });
  await close();
});

test("period reports: each period as published, its allocation checked against the claims file", async () => {
  const { page, errors, close } = await open(HELPERS[3]);
  await page.click("#tab-reports");
  await page.waitForSelector("#period-reports article");
  const articles = await page.$$eval("#period-reports article", (as) =>
    as.map((a) => ({ label: a.dataset.label, check: a.querySelector("[data-check]").dataset.check, text: a.textContent })),
  );
  const published = JSON.parse(fs.readFileSync(path.join(devnet.dir, "claims", "report-2026-Q3.json"), "utf8"));
  // Files in name order: the genuine one, then the misstated copy; each period's Markdown shown exactly as printed.
  assert.deepEqual(articles.map((a) => [a.label, a.check]), [
    ["2026-Q1", "ok"], ["2026-Q2", "ok"], ["2026-Q3", "ok"],
    ["2026-Q1", "mismatch"], ["2026-Q2", "ok"], ["2026-Q3", "ok"],
  ]);
  const shown = await page.$$eval("#period-reports article pre", (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(shown.slice(0, 3), published.periods.map((p) => p.markdown));
  assert.match(articles[3].text, /✗ says .* allocated; claims\/claims-2026-Q1\.json allocates/);
  assert.match(articles[0].text, new RegExp(`as of .* UTC \\(block ${published.as_of.block}\\)`));
  assert.equal(published.term, null, "the devnet program has no term");
  assert.equal(await page.$("#period-reports pre[data-term]"), null);
  await page.locator("#period-reports-box").screenshot({ path: path.join(SCREENSHOTS, "period-reports.png") });
  assert.deepEqual(errors, []);
  await close();
});

test("an RPC that does not answer: a sentence that names it, not a stack trace", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await injectWallet(page, devnet, { account: HELPERS[3] });
  await page.goto(`${pageUrl}?rpc=${encodeURIComponent("http://127.0.0.1:9")}`);
  await loaded(page); // the manifest comes from the page's server: the buttons are wired once it is read
  await page.click("#tab-verify");
  await page.click("#verify-run");
  await page.waitForSelector('#verify-message[data-kind="error"]');
  assert.match(await page.textContent("#verify-message"), /The RPC at http:\/\/127\.0\.0\.1:9\/? did not answer/);
  await context.close();
});

test("dispute from the Verify tab: the bond is approved, the root is disputed, the helper sees it", async () => {
  const disputer = HELPERS[3];
  devnet.mint(disputer, 10);
  const { page, wallet, close } = await open(disputer);
  await page.click("#tab-verify");
  await page.click("#verify-run");
  await page.waitForSelector('#verify-message[data-kind="ok"]');
  // Only the pending quarter can be disputed.
  assert.equal(await page.locator(".dispute-box").count(), 1);
  const q3 = page.locator('article.verdict[data-file="claims/claims-2026-Q3.json"]');
  await q3.locator(".dispute-reason").fill("helper6's hours were never posted in the thread");
  const before = devnet.balance(disputer);
  await q3.locator("button.dispute").click();
  await q3.locator('[role=alert][data-kind="ok"]').waitFor();
  assert.equal(wallet.requests.filter((m) => m === "eth_sendTransaction").length, 2, "approve, then dispute");
  assert.equal(before - devnet.balance(disputer), BigInt(DISPUTE_BOND) * 10n ** 18n);
  await page.click("#tab-claim");
  await connect(page);
  assert.equal((await phases(page))["2026-Q3"], "disputed");
  await close();
});

test("opened from disk, the page says it must be served over HTTP, and how", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`file://${path.join(site, "index.html")}`);
  await loaded(page);
  const where = await page.textContent("#where");
  assert.match(where, /only works when served over HTTP/);
  assert.match(where, /python3 -m http\.server/);
  await context.close();
});
