// The History view: every payment to the connected account with the columns `bounty ledger` prints — date, period,
// leaf, amount, USD value at the period's price, how it was paid, the transaction — and the same tax CSV to
// download. Read from the vault's `Claimed` events and joined to the loaded claims files.
import { formatUnits } from "viem";
import { paidByText, payments, toCsv } from "../books";
import { byId, h, say } from "../dom";
import { sentence } from "../errors";
import { short, tokens, when } from "../format";
import { page } from "../state";

let csvUrl: string | undefined;

/** Redraws the History tab for the connected account. */
export async function renderHistory(): Promise<void> {
  if (!page?.connected) return;
  const { client, manifest, files, connected } = page;
  const body = byId("history").querySelector("tbody")!;
  const link = byId<HTMLAnchorElement>("history-csv");
  try {
    const rows = await payments(client, manifest.vault, files, connected.account, manifest.deployBlock ?? 0);
    const { decimals, symbol } = manifest.token;
    body.replaceChildren(
      ...(rows.length === 0
        ? [h("tr", {}, h("td", { colspan: "6" }, "No payment to this account yet."))]
        : rows.map((p) =>
            h(
              "tr",
              { "data-epoch": p.file.label, "data-index": String(p.index), "data-paid-by": p.paidBy, "data-tx": p.tx },
              h("td", {}, when(p.timestamp)),
              h("td", {}, p.file.label, h("div", { class: "muted" }, `leaf #${p.index}`)),
              h("td", {}, h("strong", { "data-amount": p.amount.toString() }, `${tokens(p.amount, decimals)} ${symbol}`)),
              h("td", {}, p.usd === undefined ? "—" : `$${dollars(p.usd)}`),
              h(
                "td",
                {},
                paidByText(p.paidBy),
                p.recipient !== p.account ? h("div", { class: "mono muted" }, `to ${p.recipient}`) : null,
              ),
              h("td", { class: "mono" }, short(p.tx)),
            ),
          )),
    );
    if (csvUrl) URL.revokeObjectURL(csvUrl);
    csvUrl = URL.createObjectURL(new Blob([toCsv(rows)], { type: "text/csv" }));
    link.href = csvUrl;
    link.download = `${manifest.program}-${connected.account}-income.csv`;
    link.hidden = rows.length === 0;
    const total = rows.reduce((s, p) => s + p.amount, 0n);
    byId("history-totals").textContent = `${rows.length} payment${rows.length === 1 ? "" : "s"}: ${tokens(total, decimals)} ${symbol}`;
    say("history-message", "");
  } catch (e) {
    body.replaceChildren();
    link.hidden = true;
    say("history-message", sentence(e, "reading this account's payments"));
  }
}

/** 18-decimal dollars floored to the cent. */
function dollars(usd18: bigint): string {
  const [int, frac = ""] = formatUnits((usd18 / 10n ** 16n) * 10n ** 16n, 18).split(".");
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, " ")}.${frac.padEnd(2, "0").slice(0, 2)}`;
}
