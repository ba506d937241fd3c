// `bounty verify` in the browser, for a community member with nothing but the file and an RPC: the tree rebuilt
// with the npm library, every proof, the total and count, and the file's keccak256 against what the vault holds.
// Check names are those `bounty verify` prints, so a ✗ here reads the same as a ✗ there. The allocation rules
// (re-deriving every amount from the shares) are the CLI's; this page says so under its checks.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { Address } from "viem";
import {
  LEAF_ENCODING,
  leaves,
  proofOf,
  treeOf,
  type ClaimsFile,
} from "./claims";
import { EpochStatus, type EpochInfo } from "./vault";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** At most this many failing items are named in a family check's detail. */
const NAMED_FAILURES = 5;

function family(name: string, n: number, failures: string[], what: string): Check {
  if (failures.length === 0) return { name, ok: true, detail: `${n} ${what}` };
  const named = failures.slice(0, NAMED_FAILURES).join("; ");
  const more = failures.length > NAMED_FAILURES ? ` and ${failures.length - NAMED_FAILURES} more` : "";
  return { name, ok: false, detail: `${failures.length} of ${n} fail: ${named}${more}` };
}

/** What the file says about itself, with no chain. */
export function offlineChecks(file: ClaimsFile): Check[] {
  const checks: Check[] = [];
  checks.push({
    name: "format",
    ok: true,
    detail: `\`${file.format}\``,
  });
  if (file.lines.length > 0) checks.push(lineSums(file));
  const misplaced = file.claims.flatMap((c, i) => (c.index === i ? [] : [`claims[${i}] has index ${c.index}`]));
  const seen = new Set<string>();
  for (const c of file.claims) {
    if (seen.has(c.account)) misplaced.push(`${c.account} appears twice`);
    seen.add(c.account);
  }
  checks.push(family("indices", file.claims.length, misplaced, "claims, index = position, one per account"));
  const sum = file.claims.reduce((s, c) => s + c.amount, 0n);
  checks.push({ name: "total", ok: sum === file.total, detail: `sum of amounts ${sum}, file says ${file.total}` });
  checks.push({
    name: "count",
    ok: file.claims.length === file.count,
    detail: `${file.claims.length} claims, file says ${file.count}`,
  });
  let rebuilt: string;
  try {
    rebuilt = StandardMerkleTree.of(leaves(file), [...LEAF_ENCODING]).root;
  } catch (e) {
    checks.push({ name: "root", ok: false, detail: `the tree cannot be built: ${(e as Error).message}` });
    return checks;
  }
  checks.push({
    name: "root",
    ok: rebuilt === file.root.toLowerCase(),
    detail: `rebuilt ${rebuilt}, file says ${file.root}`,
  });
  const failures: string[] = [];
  try {
    const tree = treeOf(file);
    for (const c of file.claims) {
      const leaf = [String(c.index), c.account, c.amount.toString()];
      let ok = false;
      try {
        ok = StandardMerkleTree.verify(file.root, [...LEAF_ENCODING], leaf, proofOf(tree, c));
      } catch {
        ok = false;
      }
      if (!ok) failures.push(`index ${c.index} (${c.account})`);
    }
    checks.push(family("proofs", file.claims.length, failures, "proofs verify against the file's root"));
  } catch (e) {
    checks.push({ name: "proofs", ok: false, detail: (e as Error).message });
  }
  return checks;
}

/** v3: every claim is the sum of its lines' parts, each part names a line of the file, and each line's recorded
 * total is the sum of its parts (`bounty verify` also re-derives each line's rule; this page does not). */
function lineSums(file: ClaimsFile): Check {
  const names = new Set(file.lines.map((l) => l.name));
  const totals = new Map(file.lines.map((l) => [l.name, 0n]));
  const failures: string[] = [];
  for (const c of file.claims) {
    const sum = c.lines.reduce((s, p) => s + p.amount, 0n);
    if (sum !== c.amount) failures.push(`#${c.index} ${c.account}: lines sum to ${sum}, claim says ${c.amount}`);
    for (const p of c.lines) {
      if (!names.has(p.line)) failures.push(`#${c.index} ${c.account}: no line \`${p.line}\` in the file`);
      else totals.set(p.line, totals.get(p.line)! + p.amount);
    }
  }
  for (const l of file.lines) {
    if (totals.get(l.name) !== l.total) failures.push(`line ${l.name}: parts sum to ${totals.get(l.name)}, line says ${l.total}`);
  }
  const all = file.lines.reduce((s, l) => s + l.total, 0n);
  if (all !== file.total) failures.push(`lines: totals sum to ${all}, file says ${file.total}`);
  return family("line sums", file.claims.length, failures, `claims, each the sum of its parts in ${file.lines.length} lines`);
}

/** The file against the vault's posted values for its epoch. */
export function chainChecks(
  file: ClaimsFile,
  vault: { address: Address; chainId: number },
  info: EpochInfo,
): Check[] {
  const posted = info.status !== EpochStatus.None;
  const status =
    ["not posted", "posted", "vetoed", "swept", "disputed"][info.status] ?? `status ${info.status}`;
  return [
    {
      name: "vault",
      ok: file.vault === vault.address && file.chainId === vault.chainId,
      detail: `file names vault ${file.vault} on chain ${file.chainId}; checking vault ${vault.address} on chain ${vault.chainId}`,
    },
    {
      name: "posted root",
      ok: posted && info.root.toLowerCase() === file.root.toLowerCase(),
      detail: `vault: ${info.root} (${status}), file: ${file.root}`,
    },
    { name: "posted total", ok: posted && info.total === file.total, detail: `vault: ${info.total}, file: ${file.total}` },
    { name: "posted count", ok: posted && info.count === file.count, detail: `vault: ${info.count}, file: ${file.count}` },
    {
      name: "metadata hash",
      ok: posted && info.metadataHash.toLowerCase() === file.metadataHash.toLowerCase(),
      detail: `vault: ${info.metadataHash}, keccak256(file): ${file.metadataHash}`,
    },
    {
      name: "posted price",
      ok: posted && info.usdPerToken === file.usdPerToken,
      detail: `vault: ${info.usdPerToken}, file: ${file.usdPerToken}`,
    },
  ];
}
