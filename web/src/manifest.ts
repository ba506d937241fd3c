// The page's manifest (`manifest.json` beside index.html, written by `script/page`): which vault on which chain,
// and the program's published claims files, relative to the manifest. Every file is fetched and parsed here and
// checked to belong to the manifest's vault, so the rest of the page can trust `vault` and `chainId`.
import { getAddress, isAddress, type Address } from "viem";
import { ClaimsFileError, parseClaimsFile, type ClaimsFile } from "./claims";

export const MANIFEST_FORMAT = "support-bounty-page-v1";

export interface Manifest {
  program: string;
  chainId: number;
  vault: Address;
  token: { address: Address; symbol: string; decimals: number };
  /** A public RPC for reads before (or without) a wallet; the visitor can replace it. */
  rpcUrl?: string;
  /** The vault's deployment block: where `Claimed` log scans start. */
  deployBlock?: number;
  files: string[];
  /** Signed self-reports (`bounty report`), for the public ledger of a period. */
  reports: string[];
  /** Period reports as published (`bounty ledger --report --json`). */
  periodReports: string[];
  /** A Discord intake's audit file: each helper's messages in the channel, beside the signed reports. */
  evidence?: string;
}

export class ManifestError extends Error {}

export function parseManifest(source: string, json: unknown): Manifest {
  const bad = (what: string) => new ManifestError(`${source}: ${what}`);
  if (typeof json !== "object" || json === null) throw bad("not a JSON object");
  const m = json as Record<string, unknown>;
  if (m.format !== MANIFEST_FORMAT) throw bad(`\`format\` should be "${MANIFEST_FORMAT}"`);
  if (!Number.isSafeInteger(m.chainId)) throw bad("`chainId` should be a number");
  if (typeof m.vault !== "string" || !isAddress(m.vault, { strict: false })) throw bad("`vault` should be an address");
  const t = m.token as Record<string, unknown> | undefined;
  if (!t || typeof t.address !== "string" || !isAddress(t.address, { strict: false })) {
    throw bad("`token.address` should be an address");
  }
  if (!Array.isArray(m.files) || !m.files.every((f) => typeof f === "string")) {
    throw bad("`files` should be a list of file names");
  }
  return {
    program: String(m.program ?? ""),
    chainId: m.chainId as number,
    vault: getAddress(m.vault),
    token: { address: getAddress(t.address), symbol: String(t.symbol ?? ""), decimals: Number(t.decimals ?? 18) },
    rpcUrl: typeof m.rpcUrl === "string" && m.rpcUrl !== "" ? m.rpcUrl : undefined,
    deployBlock: Number.isSafeInteger(m.deployBlock) ? (m.deployBlock as number) : undefined,
    files: m.files as string[],
    reports: names(m.reports),
    periodReports: names(m.periodReports),
    evidence: typeof m.evidence === "string" ? m.evidence : undefined,
  };
}

function names(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((r): r is string => typeof r === "string") : [];
}

/** What the manifest lists, fetched. */
export interface Loaded {
  manifest: Manifest;
  files: ClaimsFile[];
  reports: { source: string; json: unknown }[];
  periodReports: { source: string; json: unknown }[];
  evidence?: { source: string; json: unknown };
}

/** Fetches the manifest at `url` and every file it lists. */
export async function loadManifest(url: URL): Promise<Loaded> {
  const manifest = parseManifest(url.pathname.split("/").pop() || "manifest.json", await fetchJson(url));
  const files = await Promise.all(
    manifest.files.map(async (name) => {
      const bytes = await fetchBytes(new URL(name, url));
      return parseClaimsFile(name, bytes);
    }),
  );
  for (const f of files) requireSameVault(manifest, f);
  const fetchAll = (list: string[]) =>
    Promise.all(list.map(async (name) => ({ source: name, json: JSON.parse(new TextDecoder().decode(await fetchBytes(new URL(name, url)))) })));
  const [reports, periodReports, evidence] = await Promise.all([
    fetchAll(manifest.reports),
    fetchAll(manifest.periodReports),
    fetchAll(manifest.evidence ? [manifest.evidence] : []),
  ]);
  return { manifest, files: files.sort((a, b) => a.epoch - b.epoch), reports, periodReports, evidence: evidence[0] };
}

/** A file for another vault or chain is refused with a sentence, never shown as claimable. */
export function requireSameVault(manifest: Pick<Manifest, "vault" | "chainId">, file: ClaimsFile): void {
  if (file.vault !== manifest.vault || file.chainId !== manifest.chainId) {
    throw new ClaimsFileError(
      `${file.source} is for vault ${file.vault} on chain ${file.chainId}; this page is for vault ` +
        `${manifest.vault} on chain ${manifest.chainId}`,
    );
  }
}

async function fetchBytes(url: URL): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-cache" });
  } catch (e) {
    throw new ManifestError(`could not fetch ${url.href}: ${(e as Error).message}`);
  }
  if (!response.ok) throw new ManifestError(`could not fetch ${url.href}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function fetchJson(url: URL): Promise<unknown> {
  const bytes = await fetchBytes(url);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ManifestError(`${url.href} is not JSON`);
  }
}
