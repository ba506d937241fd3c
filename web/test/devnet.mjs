// A program on a real anvil, set up the way its users set one up: `devnet up` (anvil with Multicall3 and the mock
// RPL), then `bounty deploy`, `fund`, `compute`, `sign` (two signers), `submit` for three quarters, with the
// challenge period passed on anvil's clock. Nothing here re-implements the vault or the CLI: the page is tested
// against exactly what they produce.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");

/** anvil's default accounts (mnemonic "test test … junk"): unlocked, so the injected test wallet can use them. */
export const KEYS = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
  "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
  "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
  "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdf4081b5a56",
];
export const ADDRESSES = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
  "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
  "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
  "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
];
/** Roles: 0 deploys and funds and relays; 1, 2, 3 are the signers; 4…7 are helpers, one per browser flow. */
export const HELPERS = ADDRESSES.slice(4);

export const DAY = 86_400;
export const CHALLENGE = 14 * DAY;
export const WINDOW = 30 * DAY;
/** Whole RPL anyone bonds to dispute a pending root. */
export const DISPUTE_BOND = "5";
/** Helper 0's quality bonus each period, in whole tokens: the `bonus` line beside the `hours` line pays a base of
 * 50 scaled by the KPI targets met, here 1 of 2 (a 3 h first reply misses the 2 h target; 95 % CSAT meets 90 %). */
export const BONUS = "25";
/** 2026-07-02 00:00 UTC: inside 2026-Q3, so 2026-Q1, -Q2 and -Q3 may all be posted. */
export const GENESIS = Date.UTC(2026, 6, 2) / 1000;

/** Where cargo put the `bounty` or `devnet` binary (both built by `script/test` before this runs). */
export function binary(name = "bounty") {
  const meta = JSON.parse(
    execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps", "--locked"], { cwd: ROOT, encoding: "utf8" }),
  );
  const bin = path.join(meta.target_directory, "debug", name);
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run \`cargo build -p bounty-cli -p bounty-devnet\` first`);
  return bin;
}

/** `devnet up`'s `DEVNET_…=value` lines as an object. */
function readEnv(file) {
  return Object.fromEntries(
    fs.readFileSync(file, "utf8").trim().split("\n").map((line) => line.split("=", 2)),
  );
}

export class Devnet {
  /** `devnet up` at GENESIS: anvil with Multicall3 and the mock RPL; stopped with `stop()`. */
  static async start() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bounty-devnet-"));
    const envFile = path.join(dir, "devnet.env");
    const proc = spawn(binary("devnet"), ["up", "--timestamp", String(GENESIS), "--env-file", envFile], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    proc.stderr.on("data", (d) => (stderr += d));
    for (let i = 0; !fs.existsSync(envFile); i++) {
      if (proc.exitCode !== null || i > 300) throw new Error(`devnet up did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const env = readEnv(envFile);
    const net = new Devnet(env.DEVNET_RPC_URL, proc);
    net.token = env.DEVNET_RPL;
    return net;
  }

  constructor(url, anvil) {
    this.url = url;
    this.anvil = anvil;
    this.bounty = binary("bounty");
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "bounty-web-"));
  }

  stop() {
    this.anvil.kill("SIGTERM");
  }

  async rpc(method, params) {
    const response = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = await response.json();
    if (body.error) {
      const error = new Error(body.error.message);
      error.code = body.error.code;
      error.data = body.error.data;
      throw error;
    }
    return body.result;
  }

  /** Runs `bounty ARGS` against this devnet; returns its stdout. */
  run(...args) {
    return execFileSync(this.bounty, args, {
      cwd: this.dir,
      encoding: "utf8",
      env: { ...process.env, ETH_RPC_URL: this.url, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  /** `cast SUBCOMMAND --rpc-url … ARGS`. */
  cast(subcommand, ...args) {
    return execFileSync("cast", [subcommand, "--rpc-url", this.url, ...args], { encoding: "utf8" }).trim();
  }

  async warp(seconds) {
    await this.rpc("evm_increaseTime", [seconds]);
    await this.rpc("evm_mine", []);
  }

  async now() {
    return Number((await this.rpc("eth_getBlockByNumber", ["latest", false])).timestamp);
  }

  balance(account) {
    return BigInt(this.cast("call", this.token, "balanceOf(address)(uint256)", account).split(" ")[0]);
  }

  /** Mints `whole` RPL to `account`. */
  mint(account, whole) {
    this.cast("send", "--private-key", KEYS[0], this.token, "mint(address,uint256)", account, `${whole}000000000000000000`);
  }

  /** A 2-of-3 quarterly vault of the devnet's mock RPL with a 30-day claim window and a 5 RPL dispute bond, funded
   * with 10 000 RPL. */
  deploy() {
    const deployed = this.run(
      "deploy",
      "--token", this.token,
      "--signers", ADDRESSES.slice(1, 4).join(","),
      "--threshold", "2",
      "--challenge-period", String(CHALLENGE),
      "--claim-window", String(WINDOW),
      "--dispute-bond", DISPUTE_BOND,
      "--private-key", KEYS[0],
    );
    const match = /BountyVault at (0x[0-9a-fA-F]{40}) in block (\d+)/.exec(deployed);
    if (!match) throw new Error(`bounty deploy printed no address:\n${deployed}`);
    [, this.vault, this.deployBlock] = match;
    this.mint(ADDRESSES[0], 10_000);
    this.run("fund", "--vault", this.vault, "--amount", "10000", "--private-key", KEYS[0]);
    fs.mkdirSync(path.join(this.dir, "claims"));
    fs.writeFileSync(
      path.join(this.dir, "program.toml"),
      [
        `name = "rocket-pool-support"`,
        `chain_id = 31337`,
        `vault = "${this.vault}"`,
        `deploy_block = ${this.deployBlock}`,
        `cadence = "quarterly"`,
        ``,
        `[token]`,
        `address = "${this.token}"`,
        `symbol = "RPL"`,
        `decimals = 18`,
        ``,
        // Two budget lines, so the page reads format v3: the hours split pro rata, and a quality-weighted bonus.
        `[[line]]`,
        `name = "hours"`,
        `budget = { tokens = "1000" }`,
        `rule = { kind = "pro-rata" }`,
        ``,
        `[[line]]`,
        `name = "bonus"`,
        `budget = { tokens = "100" }`,
        `rule = { kind = "quality", base = "tokens", targets = { max_first_reply_hours = "2", min_csat_percent = "90" } }`,
        ``,
      ].join("\n"),
    );
  }

  /** compute → sign ×2 → submit for `label`, with `hours[i]` for helper i and a bonus of `BONUS` tokens for helper
   * 0. Returns the claims file's path. */
  post(label, hours) {
    const shares = path.join(this.dir, `shares-${label}.csv`);
    fs.writeFileSync(shares, ["account,hours,handle", ...HELPERS.map((a, i) => `${a},${hours[i]},helper${i + 4}`)].join("\n") + "\n");
    const bonus = path.join(this.dir, `bonus-${label}.csv`);
    fs.writeFileSync(bonus, `account,tokens,first_reply_hours,csat_percent,handle\n${HELPERS[0]},50,3,95,helper4\n`);
    const claims = path.join(this.dir, "claims", `claims-${label}.json`);
    this.run(
      "compute", "--config", "program.toml", "--shares", `hours=${shares}`, "--shares", `bonus=${bonus}`,
      "--epoch", label, "--out", claims,
    );
    this.run("sign", claims, "--yes", "--private-key", KEYS[1]);
    this.run("sign", claims, "--yes", "--private-key", KEYS[2]);
    this.run("submit", claims, "--private-key", KEYS[0]);
    return claims;
  }

  /** `bounty report` by helper key `key` for `label` into the reports folder. */
  report(key, label, hours, sequence, note) {
    fs.mkdirSync(path.join(this.dir, "reports"), { recursive: true });
    this.run(
      "report", "-c", "program.toml", "-e", label, "--hours", hours, "--handle", `helper${key}`, "--note", note,
      "--sequence", String(sequence), "--private-key", KEYS[key],
      "-o", path.join(this.dir, "reports", `report-${key}-${sequence}.json`),
    );
  }

  /** The claims file of `label`, parsed (amounts as bigint). */
  claims(label) {
    const json = JSON.parse(fs.readFileSync(path.join(this.dir, "claims", `claims-${label}.json`), "utf8"));
    return { ...json, amountOf: (a) => BigInt(json.claims.find((c) => c.account.toLowerCase() === a.toLowerCase()).amount) };
  }
}
