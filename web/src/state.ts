// The page's one piece of shared state: the program loaded from the manifest, the read client, and the wallet once
// connected. Every view reads it through the live binding `page`; only `main` sets it.
import type { Chain, PublicClient } from "viem";
import type { ClaimsFile } from "./claims";
import type { Manifest } from "./manifest";
import type { VaultState } from "./vault";
import type { Connected } from "./wallet";

export interface Page {
  manifest: Manifest;
  files: ClaimsFile[];
  reports: { source: string; json: unknown }[];
  periodReports: { source: string; json: unknown }[];
  evidence?: { source: string; json: unknown };
  chain: Chain;
  client: PublicClient;
  connected?: Connected;
  state?: VaultState;
}

export let page: Page | undefined;

export function setPage(next: Page): void {
  page = next;
}
