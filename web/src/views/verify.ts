// The Verify view: anyone checks a claims file, the page's own or one they open, offline and against the vault,
// one line per check with `bounty verify`'s names; a pending root that fails can be disputed from here.
import { getAddress, isAddress, type PublicClient } from "viem";
import { ClaimsFileError, parseClaimsFile, type ClaimsFile } from "../claims";
import { byId, h, say } from "../dom";
import { sentence } from "../errors";
import { epochInfo, type EpochInfo } from "../vault";
import { chainChecks, offlineChecks, type Check } from "../verify";
import { chainFor, publicClientFor } from "../wallet";
import { page } from "../state";
import { disputeForm, isPending } from "./dispute";

export async function onVerify(): Promise<void> {
  const results = byId("verify-results");
  results.replaceChildren();
  say("verify-message", "");
  const rpcUrl = byId<HTMLInputElement>("rpc-url").value.trim() || undefined;
  const vaultText = byId<HTMLInputElement>("verify-vault").value.trim();
  const chainId = Number(byId<HTMLInputElement>("verify-chain").value);
  if (!isAddress(vaultText, { strict: false })) return say("verify-message", `Vault: \`${vaultText}\` is not an address.`);
  if (!Number.isSafeInteger(chainId) || chainId <= 0) return say("verify-message", "Chain id: enter the vault's chain id.");
  const vault = { address: getAddress(vaultText), chainId };
  const files: (ClaimsFile | Error)[] = [...(page?.files ?? [])];
  for (const f of Array.from(byId<HTMLInputElement>("verify-files").files ?? [])) {
    try {
      files.push(parseClaimsFile(f.name, new Uint8Array(await f.arrayBuffer())));
    } catch (e) {
      files.push(e instanceof ClaimsFileError ? e : new Error(`${f.name}: ${(e as Error).message}`));
    }
  }
  if (files.length === 0) return say("verify-message", "Open at least one claims file.");
  let client: PublicClient;
  try {
    client = publicClientFor(chainFor(chainId, rpcUrl), rpcUrl);
    const served = await client.getChainId();
    if (served !== chainId) return say("verify-message", `The RPC at ${rpcUrl} serves chain ${served}, not chain ${chainId}.`);
  } catch (e) {
    return say("verify-message", sentence(e, "reading the chain"));
  }
  let failed = 0;
  for (const file of files) {
    const box = h("article", { class: "verdict" });
    results.append(box);
    if (file instanceof Error) {
      failed++;
      box.dataset.ok = "false";
      box.append(h("h3", {}, "✗ not checked"), h("p", { role: "alert", "data-kind": "error" }, file.message));
      continue;
    }
    let checks: Check[] = offlineChecks(file);
    let info: EpochInfo | undefined;
    try {
      info = await epochInfo(client, vault.address, file.epoch);
      checks = checks.concat(chainChecks(file, vault, info));
    } catch (e) {
      checks.push({ name: "vault", ok: false, detail: sentence(e, `reading epoch ${file.epoch} from the vault`) });
    }
    const ok = checks.every((c) => c.ok);
    if (!ok) failed++;
    if (info && (await isPending(client, info)) && file.vault === vault.address && page?.manifest.vault === vault.address) {
      box.append(disputeForm(file, checks));
    }
    box.dataset.ok = String(ok);
    box.dataset.file = file.source;
    box.append(
      h("h3", {}, `${ok ? "✓" : "✗"} ${file.label} — ${file.source}`),
      h(
        "ul",
        { class: "checks mono" },
        ...checks.map((c) =>
          h("li", { "data-check": c.name, "data-ok": String(c.ok) }, `${c.ok ? "✓" : "✗"} ${c.name.padEnd(14)} ${c.detail}`),
        ),
      ),
    );
  }
  say(
    "verify-message",
    failed === 0 ? `All ${files.length} file(s) verified against the vault.` : `${failed} of ${files.length} file(s) failed verification.`,
    failed === 0 ? "ok" : "error",
  );
}

/** Exact sum of decimal strings ("12.5" + "7.25"), as integers at the finest scale: no floating point. */
