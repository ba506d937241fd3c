// The page's wiring: load the manifest and its claims files, then the views (`views/`). "Claim" is for a helper with
// a browser wallet; "Verify" for anyone with an RPC URL; "Reports" the signed self-reports; "History" the connected
// account's payments and their tax CSV. Every state shown is
// read from the chain after each action.
import { byId, say } from "./dom";
import { sentence } from "./errors";
import { loadManifest } from "./manifest";
import { chainFor, describeChain, publicClientFor } from "./wallet";
import { page, setPage } from "./state";
import { onClaim, onClaimTo, onConnect, onConsent, onRecipientInput, updateClaimToButton } from "./views/claim";
import { renderPeriodReports } from "./views/period-reports";
import { renderReports } from "./views/reports";
import { onVerify } from "./views/verify";

async function main(): Promise<void> {
  wireTabs();
  const manifestUrl = new URL(new URLSearchParams(location.search).get("manifest") ?? "manifest.json", location.href);
  try {
    const { manifest, files, reports, periodReports, evidence } = await loadManifest(manifestUrl);
    const rpcUrl = new URLSearchParams(location.search).get("rpc") ?? manifest.rpcUrl;
    const chain = chainFor(manifest.chainId, rpcUrl);
    setPage({ manifest, files, reports, periodReports, evidence, chain, client: publicClientFor(chain, rpcUrl) });
    if (reports.length > 0) {
      byId("tab-reports").hidden = false;
      byId("signed-reports").hidden = false;
      void renderReports();
    }
    if (periodReports.length > 0) {
      byId("tab-reports").hidden = false;
      renderPeriodReports();
    }
    byId("program").textContent = manifest.program;
    byId("where").textContent =
      `Vault ${manifest.vault} on ${describeChain(chain)}, paying ${manifest.token.symbol}. ` +
      `${files.length} period${files.length === 1 ? "" : "s"}: ${files.map((f) => f.label).join(", ")}.`;
    byId<HTMLInputElement>("rpc-url").value = rpcUrl ?? "";
    byId<HTMLInputElement>("verify-vault").value = manifest.vault;
    byId<HTMLInputElement>("verify-chain").value = String(manifest.chainId);
  } catch (e) {
    byId("where").textContent = "No program loaded: the Verify tab still checks claims files you open.";
    say("page-error", sentence(e, "loading the program"));
  }
  byId("connect").addEventListener("click", () => void onConnect());
  byId("claim-all").addEventListener("click", () => void onClaim());
  byId("recipient").addEventListener("input", () => void onRecipientInput());
  byId("recipient-confirm").addEventListener("change", updateClaimToButton);
  byId("claim-to").addEventListener("click", () => void onClaimTo());
  byId("consent-sign").addEventListener("click", () => void onConsent());
  byId("verify-run").addEventListener("click", () => void onVerify());
  window.ethereum?.on?.("accountsChanged", () => page?.connected && void onConnect());
  window.ethereum?.on?.("chainChanged", () => page?.connected && void onConnect());
}

function wireTabs(): void {
  const tabs = [
    ["tab-claim", "claim-view"],
    ["tab-verify", "verify-view"],
    ["tab-reports", "reports-view"],
    ["tab-history", "history-view"],
  ] as const;
  for (const [tab, view] of tabs) {
    byId(tab).addEventListener("click", () => {
      for (const [t, v] of tabs) {
        byId(t).setAttribute("aria-selected", String(t === tab));
        byId(v).hidden = v !== view;
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Claim
// ---------------------------------------------------------------------------------------------------------------

void main();
