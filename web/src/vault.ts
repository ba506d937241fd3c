// The vault as the page reads it: one account's leaves in every loaded epoch with the status the vault gives them,
// always read from the chain (never from a cached API), and the `Claim` structs to claim them.
import type { Address, Hash, Hex, PublicClient } from "viem";
import { bountyVaultAbi } from "../../abi/bountyVault";
import { proofOf, treeOf, type ClaimEntry, type ClaimsFile } from "./claims";

/** The ABI of the forge-built vault as a typed module, exported by `script/artifacts` from the one artifact Rust
 * reads too, so viem checks every call against it. */
export const vaultAbi = bountyVaultAbi;

/** `IBountyVault.EpochStatus`. */
export const EpochStatus = { None: 0, Posted: 1, Vetoed: 2, Swept: 3, Disputed: 4 } as const;

export interface EpochInfo {
  status: number;
  root: Hex;
  total: bigint;
  remaining: bigint;
  count: number;
  postedAt: number;
  activatesAt: number;
  expiresAt: number;
  metadataHash: Hex;
  usdPerToken: bigint;
}

/** What a helper sees for one leaf. */
export type Phase =
  | "not posted"
  | "pending"
  | "claimable"
  | "claimed"
  | "expired"
  | "vetoed"
  | "disputed"
  | "mismatch";

export interface AccountLeaf {
  file: ClaimsFile;
  entry: ClaimEntry;
  info: EpochInfo;
  phase: Phase;
  /** The transaction that claimed it, when the logs could be read. */
  claimedIn?: Hash;
  proof: Hex[];
}

export interface VaultState {
  now: number;
  paused: boolean;
  leaves: AccountLeaf[];
}

export async function epochInfo(client: PublicClient, vault: Address, epoch: number): Promise<EpochInfo> {
  const raw = (await client.readContract({
    address: vault,
    abi: vaultAbi,
    functionName: "epochInfo",
    args: [BigInt(epoch)],
  })) as Record<string, bigint | number | Hex>;
  return {
    status: Number(raw.status),
    root: raw.root as Hex,
    total: BigInt(raw.total),
    remaining: BigInt(raw.remaining),
    count: Number(raw.count),
    postedAt: Number(raw.postedAt),
    activatesAt: Number(raw.activatesAt),
    expiresAt: Number(raw.expiresAt),
    metadataHash: raw.metadataHash as Hex,
    usdPerToken: BigInt(raw.usdPerToken),
  };
}

/** The phase of a leaf, as the vault would judge a claim at chain time `now`. */
export function phaseOf(info: EpochInfo, file: ClaimsFile, claimed: boolean, now: number): Phase {
  switch (info.status) {
    case EpochStatus.None:
      return "not posted";
    case EpochStatus.Vetoed:
      return "vetoed";
    case EpochStatus.Disputed:
      return "disputed";
    case EpochStatus.Swept:
      return claimed ? "claimed" : "expired";
  }
  if (info.root.toLowerCase() !== file.root.toLowerCase()) return "mismatch";
  if (claimed) return "claimed";
  if (now < info.activatesAt) return "pending";
  if (info.expiresAt !== 0 && now >= info.expiresAt) return "expired";
  return "claimable";
}

/** Every leaf of `account` in `files`, with its status read from the vault at the latest block. */
export async function accountLeaves(
  client: PublicClient,
  vault: Address,
  files: ClaimsFile[],
  account: Address,
  deployBlock?: number,
): Promise<VaultState> {
  const block = await client.getBlock({ blockTag: "latest" });
  const now = Number(block.timestamp);
  const paused = (await client.readContract({ address: vault, abi: vaultAbi, functionName: "paused" })) as boolean;
  const mine = files.flatMap((file) =>
    file.claims.filter((c) => c.account === account).map((entry) => ({ file, entry })),
  );
  const leaves = await Promise.all(
    mine.map(async ({ file, entry }) => {
      const [info, claimed] = await Promise.all([
        epochInfo(client, vault, file.epoch),
        client.readContract({
          address: vault,
          abi: vaultAbi,
          functionName: "isClaimed",
          args: [BigInt(file.epoch), BigInt(entry.index)],
          blockNumber: block.number,
        }) as Promise<boolean>,
      ]);
      const proof = proofOf(treeOf(file), entry);
      return { file, entry, info, phase: phaseOf(info, file, claimed, now), proof } as AccountLeaf;
    }),
  );
  if (leaves.some((l) => l.phase === "claimed")) {
    const txs = await claimTransactions(client, vault, account, deployBlock ?? 0, block.number);
    for (const l of leaves) l.claimedIn = txs.get(`${l.file.epoch}:${l.entry.index}`);
  }
  return { now, paused, leaves };
}

/** `Claimed` logs of `account` (as the account, whoever received), keyed `epoch:index`; a failure only costs the
 * transaction links. */
async function claimTransactions(
  client: PublicClient,
  vault: Address,
  account: Address,
  from: number,
  to: bigint,
): Promise<Map<string, Hash>> {
  const found = new Map<string, Hash>();
  try {
    for (const log of await claimedLogs(client, vault, account, from, to)) {
      found.set(`${log.args.epoch}:${log.args.index}`, log.transactionHash);
    }
  } catch {
    // The links are a convenience: the statuses come from `isClaimed`.
  }
  return found;
}

/** One `Claimed` event. */
export interface ClaimedLog {
  args: { epoch: bigint; index: bigint; account: Address; recipient: Address; amount: bigint };
  blockNumber: bigint;
  transactionHash: Hash;
}

/** Every `Claimed` log of `account` from block `from` to `to`, in chain order. Scanned in ranges that halve when
 * the RPC refuses a range as too large, as `bounty-chain`'s log scanner does; any other failure is thrown. */
export async function claimedLogs(
  client: PublicClient,
  vault: Address,
  account: Address,
  from: number,
  to: bigint,
): Promise<ClaimedLog[]> {
  const found: ClaimedLog[] = [];
  let start = BigInt(from);
  let span = 50_000n;
  while (start <= to) {
    const end = start + span - 1n < to ? start + span - 1n : to;
    try {
      const logs = await client.getContractEvents({
        address: vault,
        abi: vaultAbi,
        eventName: "Claimed",
        args: { account },
        fromBlock: start,
        toBlock: end,
      });
      found.push(...(logs as unknown as ClaimedLog[]));
      start = end + 1n;
    } catch (e) {
      if (span === 1n) throw e;
      span /= 2n;
    }
  }
  return found;
}

/** The vault's `Claim` structs for the given leaves (each under its file's root, where the vault keeps the epoch's
 * claim state). */
export function claimsOf(leaves: AccountLeaf[]) {
  return leaves.map((l) => ({
    epoch: BigInt(l.file.epoch),
    root: l.file.root,
    index: BigInt(l.entry.index),
    amount: l.entry.amount,
    proof: l.proof,
  }));
}

/** How to pay `account` its open leaves: one leaf through `claimOne` (about 1 300 gas less), several through
 * `claim` (one transfer for all); as `bounty claim` does. */
export function claimCall(account: Address, leaves: AccountLeaf[]) {
  const claims = claimsOf(leaves);
  return claims.length === 1
    ? { functionName: "claimOne" as const, args: [account, claims[0]] as const }
    : { functionName: "claim" as const, args: [account, claims] as const };
}
