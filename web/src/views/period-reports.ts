// The period reports the committee published beside the claims files (`bounty ledger --report --json`): each
// period's Markdown exactly as posted in the forum, when it was read from the chain, and a check of what it says
// was allocated against the period's claims file on this page. The report is a dated snapshot: "paid so far" is as
// of its block, and the Claim and History tabs read the chain now.
import { formatUnits, getAddress, isAddress } from "viem";
import { byId, h } from "../dom";
import { when } from "../format";
import { page } from "../state";

const FORMAT = "support-bounty-period-report-v1";

interface Published {
  source: string;
  asOf: { block: number; timestamp: number };
  periods: { label: string; allocated: bigint; markdown: string }[];
  term?: string;
}

/** The published report in `json`, or a sentence naming what is wrong with it. */
function parse(source: string, json: unknown): Published | string {
  const r = json as Record<string, unknown> | null;
  if (typeof r !== "object" || r === null || r.format !== FORMAT) return `${source}: \`format\` should be "${FORMAT}"`;
  const vault = typeof r.vault === "string" && isAddress(r.vault, { strict: false }) ? getAddress(r.vault) : undefined;
  if (vault !== page?.manifest.vault || r.chain_id !== page?.manifest.chainId) {
    return `${source} is a report for vault ${String(r.vault)} on chain ${String(r.chain_id)}, not this page's`;
  }
  const asOf = r.as_of as { block?: unknown; timestamp?: unknown } | undefined;
  if (!Array.isArray(r.periods) || !Number.isSafeInteger(asOf?.block) || !Number.isSafeInteger(asOf?.timestamp)) {
    return `${source}: \`periods\` and \`as_of\` {block, timestamp} are needed`;
  }
  const periods = [];
  for (const [i, p] of (r.periods as Record<string, unknown>[]).entries()) {
    if (typeof p.label !== "string" || typeof p.markdown !== "string" || typeof p.allocated !== "string" || !/^\d+$/.test(p.allocated)) {
      return `${source}: periods[${i}] needs \`label\`, \`markdown\` and \`allocated\` (base units as a decimal string)`;
    }
    periods.push({ label: p.label, allocated: BigInt(p.allocated), markdown: p.markdown });
  }
  const term = (r.term as { markdown?: unknown } | null)?.markdown;
  return {
    source,
    asOf: { block: asOf!.block as number, timestamp: asOf!.timestamp as number },
    periods,
    term: typeof term === "string" ? term : undefined,
  };
}

/** The check a reader can trust without the forum: the allocation matches the claims file the vault's root is from. */
function allocationCheck(label: string, allocated: bigint): HTMLElement {
  const file = page!.files.find((f) => f.label === label);
  const { symbol, decimals } = page!.manifest.token;
  if (!file) return h("span", { class: "muted", "data-check": "none" }, `no claims file for ${label} on this page`);
  if (file.total !== allocated) {
    return h(
      "span",
      { class: "phase phase-mismatch", "data-check": "mismatch" },
      `✗ says ${formatUnits(allocated, decimals)} ${symbol} allocated; ${file.source} allocates ${formatUnits(file.total, decimals)}`,
    );
  }
  return h("span", { class: "phase phase-claimable", "data-check": "ok" }, `✓ allocation matches ${file.source}`);
}

/** Fills the Reports tab's period-report section. */
export function renderPeriodReports(): void {
  if (!page) return;
  const blocks: HTMLElement[] = [];
  for (const { source, json } of page.periodReports) {
    const published = parse(source, json);
    if (typeof published === "string") {
      blocks.push(h("p", { role: "alert", "data-kind": "error" }, published));
      continue;
    }
    const asOf = `as of ${when(published.asOf.timestamp)} (block ${published.asOf.block})`;
    for (const p of published.periods) {
      blocks.push(
        h(
          "article",
          { class: "period-report", "data-label": p.label },
          h("div", {}, allocationCheck(p.label, p.allocated), h("span", { class: "muted" }, ` · ${asOf} · ${source}`)),
          h("pre", { class: "mono report-text" }, p.markdown),
        ),
      );
    }
    if (published.term) blocks.push(h("pre", { class: "mono report-text", "data-term": "true" }, published.term));
  }
  byId("period-reports").replaceChildren(...blocks);
  byId("period-reports-box").hidden = false;
}
