// The Reports view: the period's public ledger of signed self-reports, each checked in the browser against its
// account (a key by recovery, a Safe by ERC-1271), superseded ones struck through, forgeries marked; with a Discord
// intake's audit, each helper's messages in the channel beside their hours (evidence, never pay).
import { formatUnits } from "viem";
import { byId, h } from "../dom";
import { when } from "../format";
import { ledger } from "../reports";
import { page } from "../state";

function sumDecimals(values: string[]): string {
  const scale = Math.max(0, ...values.map((v) => (v.split(".")[1] ?? "").length));
  const units = values.reduce((s, v) => {
    const [int, frac = ""] = v.split(".");
    return s + BigInt(int || "0") * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, "0") || "0");
  }, 0n);
  return formatUnits(units, scale);
}

/** Messages per account in the evidence's period, as `bounty reports --evidence` reads the audit file. */
function evidence(): { period: string; channel: string; messages: Map<string, number> } | undefined {
  const audit = page?.evidence?.json as { period?: unknown; channel?: unknown; helpers?: unknown } | undefined;
  if (!audit || typeof audit.period !== "string" || !Array.isArray(audit.helpers)) return undefined;
  const messages = new Map<string, number>();
  for (const h of audit.helpers as { account?: unknown; messages?: unknown }[]) {
    if (typeof h.account === "string" && typeof h.messages === "number") messages.set(h.account.toLowerCase(), h.messages);
  }
  return { period: audit.period, channel: String(audit.channel ?? ""), messages };
}

/** The Reports tab: the public ledger of the manifest's signed self-reports. */
export async function renderReports(): Promise<void> {
  if (!page) return;
  const lines = await ledger(page.client, page.reports);
  const activity = evidence();
  if (activity) {
    const head = byId("reports-evidence-head");
    head.hidden = false;
    head.textContent = `Messages in #${activity.channel}`;
    head.title = "Each helper's messages in the channel during the period: evidence beside the hours, never pay by itself";
  }
  byId("reports").querySelector("tbody")!.replaceChildren(
    ...lines.map((l) =>
      h(
        "tr",
        { "data-account": l.account, "data-signed": l.signed, "data-superseded": String(l.superseded) },
        h("td", {}, l.epoch),
        h("td", {}, h("strong", {}, l.handle || "—"), h("div", { class: "mono muted" }, l.account)),
        h(
          "td",
          {},
          h(l.superseded ? "s" : "strong", {}, `${l.value} ${l.measure}`),
          l.note ? h("div", { class: "muted" }, l.note) : null,
        ),
        h(
          "td",
          {},
          h("span", { class: `phase ${l.signed === "key or contract wallet" ? "phase-claimable" : "phase-mismatch"}` }, l.signed === "key or contract wallet" ? "✓ signed" : `✗ ${l.signed}`),
          h("div", { class: "muted" }, `${when(l.sequence)}${l.superseded ? " · superseded" : ""}`),
        ),
        activity
          ? h(
              "td",
              { "data-messages": "" },
              // The same figure as `bounty reports --evidence`: 0 for a helper the audit does not list.
              l.epoch === activity.period ? String(activity.messages.get(l.account.toLowerCase()) ?? 0) : "—",
            )
          : null,
      ),
    ),
  );
  const totals = new Map<string, { values: string[]; measure: string }>();
  for (const l of lines.filter((l) => !l.superseded && l.signed === "key or contract wallet")) {
    const t = totals.get(l.epoch) ?? { values: [], measure: l.measure };
    t.values.push(l.value);
    totals.set(l.epoch, t);
  }
  byId("reports-totals").textContent = [...totals]
    .map(([epoch, t]) => `${epoch}: ${sumDecimals(t.values)} ${t.measure} from ${t.values.length} helper${t.values.length === 1 ? "" : "s"}`)
    .join(" · ");
}
