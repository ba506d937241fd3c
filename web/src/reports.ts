// The public ledger of a period's signed self-reports (`bounty report`), as `bounty reports` prints it: each
// report's signature checked in the browser against its account — a key's by recovery, a contract wallet's (a Safe)
// through ERC-1271, both by viem's `verifyTypedData` — the latest per account standing, the others superseded.
import { getAddress, type Address, type Hex, type PublicClient } from "viem";

/** The EIP-712 type `bounty-core` signs (crates/core/src/report.rs). */
const SELF_REPORT = [
  { name: "program", type: "string" },
  { name: "chainId", type: "uint256" },
  { name: "vault", type: "address" },
  { name: "epoch", type: "uint64" },
  { name: "account", type: "address" },
  { name: "handle", type: "string" },
  { name: "measure", type: "string" },
  { name: "value", type: "string" },
  { name: "note", type: "string" },
  { name: "sequence", type: "uint64" },
] as const;

export interface LedgerLine {
  source: string;
  epoch: string;
  account: Address;
  handle: string;
  measure: string;
  value: string;
  note: string;
  sequence: number;
  signed: "key or contract wallet" | "not the account's" | "unreadable";
  superseded: boolean;
}

/** `2026-Q2` → 20262, `2026-06` → 202606: the on-chain epoch number the report signs. */
export function epochNumber(label: string): bigint {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) return BigInt(`${quarter[1]}${quarter[2]}`);
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return BigInt(`${month[1]}${month[2]}`);
  throw new Error(`\`${label}\` is not a period label (2026-Q2 or 2026-06)`);
}

/** Every report, checked; `raw` as loaded from the manifest's files. */
export async function ledger(client: PublicClient, raw: { source: string; json: unknown }[]): Promise<LedgerLine[]> {
  const lines = await Promise.all(
    raw.map(async ({ source, json }): Promise<LedgerLine> => {
      const file = json as { report: Record<string, unknown>; signature: Hex };
      const r = file.report;
      const line: LedgerLine = {
        source,
        epoch: String(r.epoch),
        account: getAddress(String(r.account)),
        handle: String(r.handle ?? ""),
        measure: String(r.measure),
        value: String(r.value),
        note: String(r.note ?? ""),
        sequence: Number(r.sequence),
        signed: "unreadable",
        superseded: false,
      };
      try {
        const ok = await client.verifyTypedData({
          address: line.account,
          domain: {
            name: "support-bounty report",
            version: "1",
            chainId: Number(r.chain_id),
            verifyingContract: getAddress(String(r.vault)),
          },
          types: { SelfReport: SELF_REPORT },
          primaryType: "SelfReport",
          message: {
            program: String(r.program),
            chainId: BigInt(Number(r.chain_id)),
            vault: getAddress(String(r.vault)),
            epoch: epochNumber(line.epoch),
            account: line.account,
            handle: line.handle,
            measure: line.measure,
            value: line.value,
            note: line.note,
            sequence: BigInt(line.sequence),
          },
          signature: file.signature,
        });
        line.signed = ok ? "key or contract wallet" : "not the account's";
      } catch {
        line.signed = "unreadable";
      }
      return line;
    }),
  );
  // Only a report its account really signed can supersede another.
  const latest = new Map<string, number>();
  for (const l of lines.filter((l) => l.signed === "key or contract wallet")) {
    const key = `${l.epoch}:${l.account}`;
    latest.set(key, Math.max(latest.get(key) ?? 0, l.sequence));
  }
  for (const l of lines) {
    l.superseded = l.signed === "key or contract wallet" && latest.get(`${l.epoch}:${l.account}`) !== l.sequence;
  }
  return lines.sort((a, b) => a.epoch.localeCompare(b.epoch) || a.account.localeCompare(b.account) || a.sequence - b.sequence);
}
