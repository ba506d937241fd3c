// The books in the browser: every payment to an account — each `Claimed` event of the vault with it as the account
// — joined to its period's claims file, with its USD value at the period's recorded price, and the same tax CSV
// `bounty ledger --csv` writes (`bounty-core`'s `books`), byte for byte. A payment no loaded file explains is an
// error, not a row. Integer arithmetic only.
import { decodeFunctionData, formatUnits, type Address, type Hash, type PublicClient } from "viem";
import type { ClaimsFile } from "./claims";
import { claimedLogs, vaultAbi } from "./vault";

/** How a payment reached the vault, named as `bounty ledger --json` names it. */
export type PaidBy = "claim" | "claim-to" | "consent" | "batch" | "contract";

const PAID_BY_TEXT: Record<PaidBy, string> = {
  claim: "claim",
  "claim-to": "claim to",
  consent: "relayed consent",
  batch: "payday batch",
  contract: "through a contract wallet",
};

export interface Payment {
  file: ClaimsFile;
  epoch: number;
  index: number;
  account: Address;
  recipient: Address;
  amount: bigint;
  /** Unix seconds. */
  timestamp: number;
  tx: Hash;
  paidBy: PaidBy;
  /** USD at the period's price in 10^-18 dollars (floored); undefined without a price. */
  usd?: bigint;
}

/** "claim to", "payday batch", … */
export function paidByText(p: PaidBy): string {
  return PAID_BY_TEXT[p];
}

/** Every payment to `account` from `fromBlock`, in chain order, joined to `files`. */
export async function payments(
  client: PublicClient,
  vault: Address,
  files: ClaimsFile[],
  account: Address,
  fromBlock: number,
): Promise<Payment[]> {
  const latest = await client.getBlockNumber();
  const logs = await claimedLogs(client, vault, account, fromBlock, latest);
  const kinds = new Map<Hash, Promise<PaidBy>>();
  const times = new Map<bigint, Promise<number>>();
  const rows = logs.map(async (log) => {
    const { epoch, index, recipient, amount } = log.args;
    const file = files.find((f) => f.epoch === Number(epoch));
    if (!file) {
      throw new Error(
        `the vault paid leaf #${index} of epoch ${epoch} to ${account} (tx ${log.transactionHash}), but no loaded claims file is for that period`,
      );
    }
    const entry = file.claims[Number(index)];
    if (!entry || entry.account !== account || entry.amount !== amount) {
      throw new Error(
        `${file.label}: the vault paid leaf #${index} to ${account} (${amount} base units) in tx ${log.transactionHash}, but the file's leaf #${index} is ${entry ? `${entry.account} for ${entry.amount}` : "missing"}: this is not the file whose root was posted`,
      );
    }
    if (!kinds.has(log.transactionHash)) kinds.set(log.transactionHash, entryPoint(client, vault, log.transactionHash));
    if (!times.has(log.blockNumber)) {
      times.set(log.blockNumber, client.getBlock({ blockNumber: log.blockNumber }).then((b) => Number(b.timestamp)));
    }
    return {
      file,
      epoch: Number(epoch),
      index: Number(index),
      account,
      recipient,
      amount,
      timestamp: await times.get(log.blockNumber)!,
      tx: log.transactionHash,
      paidBy: await kinds.get(log.transactionHash)!,
      usd: file.usdPerToken > 0n ? (amount * file.usdPerToken) / 10n ** BigInt(file.token.decimals) : undefined,
    } satisfies Payment;
  });
  return Promise.all(rows);
}

/** Which of the vault's entry points the transaction called (a Safe's or a multisend's call is "contract"). */
async function entryPoint(client: PublicClient, vault: Address, hash: Hash): Promise<PaidBy> {
  const tx = await client.getTransaction({ hash });
  if (tx.to?.toLowerCase() !== vault.toLowerCase()) return "contract";
  try {
    const { functionName } = decodeFunctionData({ abi: vaultAbi, data: tx.input });
    switch (functionName) {
      case "claim":
      case "claimOne":
        return "claim";
      case "claimTo":
        return "claim-to";
      case "claimWithSig":
        return "consent";
      case "payBatch":
        return "batch";
      default:
        return "contract";
    }
  } catch {
    return "contract";
  }
}

/** The universal tax-import layout, as `bounty ledger --csv` writes it. */
export const CSV_COLUMNS = [
  "Date",
  "Sent Amount",
  "Sent Currency",
  "Received Amount",
  "Received Currency",
  "Fee Amount",
  "Fee Currency",
  "Net Worth Amount",
  "Net Worth Currency",
  "Label",
  "Description",
  "TxHash",
];

/** One income row per payment, received by the account, valued at the period's price. */
export function toCsv(rows: Payment[]): string {
  const lines = [CSV_COLUMNS];
  for (const p of rows) {
    const { decimals, symbol } = p.file.token;
    const date = new Date(p.timestamp * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
    let description = `${p.file.program} ${p.file.label} leaf #${p.index} of ${p.account}, ${paidByText(p.paidBy)}`;
    if (p.recipient !== p.account) description += `, paid to ${p.recipient}`;
    const entry = p.file.claims[p.index];
    if (entry.lines.length > 0) {
      description += ` (${entry.lines.map((l) => `${l.line} ${formatUnits(l.amount, decimals)}`).join(" + ")})`;
    }
    lines.push([
      date,
      "",
      "",
      formatUnits(p.amount, decimals),
      symbol,
      "",
      "",
      p.usd === undefined ? "" : formatUnits(p.usd, 18),
      p.usd === undefined ? "" : "USD",
      "income",
      description,
      p.tx,
    ]);
  }
  return lines.map((fields) => fields.map(quote).join(",")).join("\n") + "\n";
}

/** RFC 4180 quoting where needed, as Rust's `csv` writer does it. */
function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
