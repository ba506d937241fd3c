// A published claims file (docs/formats.md, written by `bounty compute`), read in the browser: its fields checked
// with a sentence that names the file and the field, its exact bytes kept for the metadataHash, and the Merkle tree
// from the npm library the vault's proofs are checked against.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getAddress, isAddress, isHex, keccak256, type Address, type Hex } from "viem";

/** A program of one line writes v2; a program with budget lines writes v3 (per-line records and per-claim parts). */
export const CLAIMS_FORMATS = ["support-bounty-claims-v2", "support-bounty-claims-v3"] as const;
/** The leaf the vault hashes: `(index, account, amount)` in a StandardMerkleTree. */
export const LEAF_ENCODING = ["uint256", "address", "uint256"] as const;

export type Leaf = [string, string, string];

/** One budget line's part of a claim (v3): the value it read and what it pays. */
export interface LinePart {
  line: string;
  value: string;
  amount: bigint;
  /** In a quality line: how many of its KPI targets the account met, of how many. */
  score?: { met: number; of: number };
}

export interface ClaimEntry {
  index: number;
  account: Address;
  amount: bigint;
  value?: string;
  /** v3: each line that pays the account; `amount` is their sum. */
  lines: LinePart[];
  handle?: string;
  note?: string;
}

export interface ClaimsFile {
  /** Where it came from (a file name or URL), for sentences. */
  source: string;
  format: string;
  program: string;
  chainId: number;
  vault: Address;
  token: { address: Address; symbol: string; decimals: number };
  epoch: number;
  label: string;
  periodStart: string;
  periodEnd: string;
  usdPerToken: bigint;
  /** v3: the budget lines, in the program's order, with what each pays in all (empty in v2). */
  lines: { name: string; total: bigint }[];
  claims: ClaimEntry[];
  root: Hex;
  total: bigint;
  count: number;
  /** The OpenZeppelin standard-v1 tree dump. */
  tree: unknown;
  /** keccak256 of the exact bytes: what the signers post as `metadataHash`. */
  metadataHash: Hex;
}

/** Bad input, as a sentence for the page. */
export class ClaimsFileError extends Error {}

type Json = Record<string, unknown>;

function field<T>(source: string, obj: Json, name: string, check: (v: unknown) => v is T, what: string): T {
  const v = obj[name];
  if (!check(v)) {
    throw new ClaimsFileError(`${source}: field \`${name}\` should be ${what}, found ${describe(v)}`);
  }
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isUint = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isDecimalString = (v: unknown): v is string => typeof v === "string" && /^[0-9]{1,78}$/.test(v);
const isAddressString = (v: unknown): v is string => typeof v === "string" && isAddress(v, { strict: false });
const isBytes32 = (v: unknown): v is Hex => typeof v === "string" && isHex(v) && v.length === 66;

/** Parses a claims file from its exact bytes. Every problem is a `ClaimsFileError` naming `source` and the field. */
export function parseClaimsFile(source: string, bytes: Uint8Array): ClaimsFile {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (e) {
    throw new ClaimsFileError(`${source} is not a claims file: it is not JSON (${(e as Error).message})`);
  }
  if (!isObject(json)) throw new ClaimsFileError(`${source} is not a claims file: it is not a JSON object`);
  const format = json.format;
  if (!CLAIMS_FORMATS.includes(format as (typeof CLAIMS_FORMATS)[number])) {
    throw new ClaimsFileError(
      `${source} is not a claims file: \`format\` is ${describe(format)}, expected one of ${CLAIMS_FORMATS.map((f) => `"${f}"`).join(", ")}`,
    );
  }
  const token = field(source, json, "token", isObject, "an object");
  const price = json.price;
  let usdPerToken = 0n;
  if (price !== null && price !== undefined) {
    if (!isObject(price)) throw new ClaimsFileError(`${source}: field \`price\` should be an object or null`);
    usdPerToken = BigInt(field(source, price, "usd_per_token", isDecimalString, "a decimal string"));
  }
  const rawClaims = field(source, json, "claims", Array.isArray, "an array");
  const claims = rawClaims.map((c, i) => parseEntry(`${source}: claims[${i}]`, c));
  const rawLines = json.lines === undefined ? [] : field(source, json, "lines", Array.isArray, "an array");
  const lines = rawLines.map((l, i) => {
    const where = `${source}: lines[${i}]`;
    if (!isObject(l)) throw new ClaimsFileError(`${where} should be an object`);
    return {
      name: field(where, l, "name", isString, "a line name"),
      total: BigInt(field(where, l, "total", isDecimalString, "a decimal string")),
    };
  });
  return {
    source,
    format: format as string,
    lines,
    program: field(source, json, "program", isString, "a string"),
    chainId: field(source, json, "chain_id", isUint, "a chain id"),
    vault: getAddress(field(source, json, "vault", isAddressString, "an address")),
    token: {
      address: getAddress(field(`${source}: token`, token, "address", isAddressString, "an address")),
      symbol: field(`${source}: token`, token, "symbol", isString, "a string"),
      decimals: field(`${source}: token`, token, "decimals", isUint, "a number"),
    },
    epoch: field(source, json, "epoch", isUint, "an epoch number"),
    label: field(source, json, "label", isString, "a string"),
    periodStart: field(source, json, "period_start", isString, "a date"),
    periodEnd: field(source, json, "period_end", isString, "a date"),
    usdPerToken,
    claims,
    root: field(source, json, "root", isBytes32, "a 32-byte hex root"),
    total: BigInt(field(source, json, "total", isDecimalString, "a decimal string")),
    count: field(source, json, "count", isUint, "a number"),
    tree: field(source, json, "tree", isObject, "a tree dump"),
    metadataHash: keccak256(bytes),
  };
}

function parseEntry(where: string, raw: unknown): ClaimEntry {
  if (!isObject(raw)) throw new ClaimsFileError(`${where} should be an object`);
  const optional = (name: string) => (isString(raw[name]) ? (raw[name] as string) : undefined);
  const entry: ClaimEntry = {
    index: field(where, raw, "index", isUint, "a number"),
    account: getAddress(field(where, raw, "account", isAddressString, "an address")),
    amount: BigInt(field(where, raw, "amount", isDecimalString, "a decimal string")),
    value: optional("value"),
    lines: (raw.lines === undefined ? [] : field(where, raw, "lines", Array.isArray, "an array")).map((p, i) => {
      const at = `${where}.lines[${i}]`;
      if (!isObject(p)) throw new ClaimsFileError(`${at} should be an object`);
      return {
        line: field(at, p, "line", isString, "a line name"),
        value: field(at, p, "value", isString, "a decimal string"),
        amount: BigInt(field(at, p, "amount", isDecimalString, "a decimal string")),
        score: p.score === undefined ? undefined : score(`${at}.score`, p.score),
      };
    }),
    handle: optional("handle"),
    note: optional("note"),
  };
  return entry;
}

/** A quality line's score: each target's `met` flag, counted (the measures and bounds are `bounty verify`'s). */
function score(at: string, raw: unknown): { met: number; of: number } {
  if (!isObject(raw)) throw new ClaimsFileError(`${at} should be an object`);
  const results = field(at, raw, "results", Array.isArray, "an array");
  const met = results.map((r, i) => {
    if (!isObject(r) || typeof r.met !== "boolean") throw new ClaimsFileError(`${at}.results[${i}].met should be true or false`);
    return r.met;
  });
  return { met: met.filter(Boolean).length, of: met.length };
}

/** The leaf values in index order, as the npm library takes them. */
export function leaves(file: ClaimsFile): Leaf[] {
  return file.claims.map((c) => [String(c.index), c.account, c.amount.toString()]);
}

const trees = new WeakMap<ClaimsFile, StandardMerkleTree<Leaf>>();

/** The file's own tree (once per file), loaded from its dump. */
export function treeOf(file: ClaimsFile): StandardMerkleTree<Leaf> {
  let tree = trees.get(file);
  if (!tree) {
    tree = buildTree(file);
    trees.set(file, tree);
  }
  return tree;
}

function buildTree(file: ClaimsFile): StandardMerkleTree<Leaf> {
  try {
    return StandardMerkleTree.load(file.tree as Parameters<typeof StandardMerkleTree.load<Leaf>>[0]);
  } catch (e) {
    throw new ClaimsFileError(`${file.source}: field \`tree\` is not a valid tree dump (${(e as Error).message})`);
  }
}

/** The proof of one claim, read from the file's tree. */
export function proofOf(tree: StandardMerkleTree<Leaf>, entry: ClaimEntry): Hex[] {
  return tree.getProof([String(entry.index), entry.account, entry.amount.toString()]) as Hex[];
}
