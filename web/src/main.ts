// Long because the views (claim, verify, reports, dispute) still share the page state declared here; they move to
// views/ once that state has a module of its own.
// The page's wiring: load the manifest and its claims files, then the views. "Claim" is for a helper with a
// browser wallet; "Verify" for anyone with an RPC URL, "Reports" the signed self-reports. Every state shown is read from the chain after each action.
import {
  erc20Abi,
  formatEther,
  formatUnits,
  getAddress,
  isAddress,
  type Abi,
  type Address,
  type Chain,
  type PublicClient,
} from "viem";
import { normalize } from "viem/ens";
import { ClaimsFileError, parseClaimsFile, type ClaimsFile } from "./claims";
import { byId, h, say } from "./dom";
import { sentence } from "./errors";
import { tokens, usd, when, short } from "./format";
import { loadManifest, type Manifest } from "./manifest";
import {
  accountLeaves,
  claimCall,
  claimsOf,
  epochInfo,
  EpochStatus,
  vaultAbi,
  type AccountLeaf,
  type EpochInfo,
  type VaultState,
} from "./vault";
import { ledger } from "./reports";
import { chainChecks, offlineChecks, type Check } from "./verify";
import { chainFor, connect, describeChain, publicClientFor, type Connected } from "./wallet";

interface Page {
  manifest: Manifest;
  files: ClaimsFile[];
  reports: { source: string; json: unknown }[];
  chain: Chain;
  client: PublicClient;
  connected?: Connected;
  state?: VaultState;
}

let page: Page | undefined;

/** The longest a consent may last (the vault's `MAX_CONSENT_LIFETIME`). */
const MAX_CONSENT_DAYS = 90;

async function main(): Promise<void> {
  wireTabs();
  const manifestUrl = new URL(new URLSearchParams(location.search).get("manifest") ?? "manifest.json", location.href);
  try {
    const { manifest, files, reports } = await loadManifest(manifestUrl);
    const rpcUrl = new URLSearchParams(location.search).get("rpc") ?? manifest.rpcUrl;
    const chain = chainFor(manifest.chainId, rpcUrl);
    page = { manifest, files, reports, chain, client: publicClientFor(chain, rpcUrl) };
    if (reports.length > 0) {
      byId("tab-reports").hidden = false;
      void renderReports();
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

async function onConnect(): Promise<void> {
  if (!page) return say("claim-message", "No program is loaded, so there is nothing to claim on this page.");
  say("claim-message", "");
  try {
    page.connected = await connect(page.chain);
    byId("account").textContent = page.connected.account;
    byId("connect").textContent = "Connected";
    await refresh();
  } catch (e) {
    page.connected = undefined;
    byId("account").textContent = "";
    byId("epochs-box").hidden = true;
    say("claim-message", sentence(e, "connecting your wallet"));
  }
}

/** Reads every leaf of the connected account from the vault and redraws. */
async function refresh(): Promise<void> {
  if (!page?.connected) return;
  const { manifest, files, client, connected } = page;
  page.state = await accountLeaves(client, manifest.vault, files, connected.account, manifest.deployBlock);
  render(page.state);
}

function render(state: VaultState): void {
  if (!page) return;
  const { decimals, symbol } = page.manifest.token;
  byId("epochs-box").hidden = false;
  byId("paused").hidden = !state.paused;
  const body = byId("epochs").querySelector("tbody")!;
  body.replaceChildren(
    ...(state.leaves.length === 0
      ? [h("tr", {}, h("td", { colspan: "3" }, "This account has no claim in the loaded periods."))]
      : state.leaves.map((l) =>
          h(
            "tr",
            { "data-epoch": l.file.label, "data-phase": l.phase },
            h("td", {}, l.file.label),
            h(
              "td",
              {},
              h("strong", {}, `${tokens(l.entry.amount, decimals)} ${symbol}`),
              l.file.usdPerToken > 0n
                ? h("div", { class: "muted" }, `≈ ${usd(l.entry.amount, decimals, l.file.usdPerToken)} at the period's price`)
                : null,
            ),
            h("td", {}, h("span", { class: `phase phase-${l.phase.replace(" ", "-")}` }, l.phase), h("div", { class: "muted" }, phaseDetail(l))),
          ),
        )),
  );
  const open = claimable(state);
  const total = open.reduce((s, l) => s + l.entry.amount, 0n);
  byId("total").textContent =
    open.length === 0
      ? "Nothing to claim right now."
      : `Claimable now: ${tokens(total, decimals)} ${symbol} in ${open.length} period${open.length === 1 ? "" : "s"}.`;
  const button = byId<HTMLButtonElement>("claim-all");
  button.disabled = open.length === 0 || state.paused;
  button.textContent = open.length > 1 ? `Claim all ${open.length} periods` : "Claim";
  updateClaimToButton();
  void estimateGas(open);
}

function phaseDetail(l: AccountLeaf): string {
  switch (l.phase) {
    case "pending":
      return `claimable from ${when(l.info.activatesAt)}`;
    case "claimable":
      return l.info.expiresAt === 0 ? "no deadline" : `until ${when(l.info.expiresAt)}`;
    case "claimed":
      return l.claimedIn ? `in ${short(l.claimedIn)}` : "";
    case "expired":
      return l.info.expiresAt ? `window closed ${when(l.info.expiresAt)}` : "swept back to the budget";
    case "vetoed":
      return "the signers stopped this root; a corrected one may follow";
    case "disputed":
      return "a dispute is open; claims wait for its end";
    case "not posted":
      return "the signers have not posted this period yet";
    case "mismatch":
      return "this file is not the one posted: do not trust it, run Verify";
  }
}

function claimable(state: VaultState): AccountLeaf[] {
  return state.leaves.filter((l) => l.phase === "claimable");
}

async function estimateGas(open: AccountLeaf[]): Promise<void> {
  const gasLine = byId("gas");
  gasLine.textContent = "";
  if (!page?.connected || open.length === 0) return;
  const { client, manifest, connected } = page;
  try {
    const [gas, price] = await Promise.all([
      client.estimateContractGas({
        address: manifest.vault,
        abi: vaultAbi,
        ...claimCall(connected.account, open),
        account: connected.account,
      }),
      client.getGasPrice(),
    ]);
    gasLine.textContent = `gas ≈ ${formatEther(gas * price).slice(0, 10)} ${page.chain.nativeCurrency.symbol} (${gas} gas)`;
  } catch (e) {
    gasLine.textContent = sentence(e, "estimating the gas");
  }
}

/** Simulates, sends through the wallet and waits for one transaction, telling the visitor each step in the alert
 * `messageId`. A call the contract would refuse is explained from the simulation and never reaches the wallet. */
async function transact(
  what: string,
  call: { address: Address; abi: Abi; functionName: string; args: readonly unknown[] },
  messageId: string,
): Promise<boolean> {
  if (!page?.connected) return false;
  const { client, connected, chain } = page;
  say(messageId, `${what}: confirm in your wallet…`, "info");
  try {
    const { request } = await client.simulateContract({ ...call, account: connected.account, chain });
    const hash = await connected.wallet.writeContract(request);
    say(messageId, `${what}: sent ${hash}, waiting for it to be mined…`, "info");
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
    say(messageId, `${what}: done in ${hash} (block ${receipt.blockNumber}).`, "ok");
    byId(messageId).dataset.tx = hash;
    return true;
  } catch (e) {
    say(messageId, sentence(e, what.toLowerCase()));
    return false;
  }
}

async function send(what: string, functionName: "claim" | "claimOne" | "claimTo", args: readonly unknown[]): Promise<void> {
  if (!page) return;
  await transact(what, { address: page.manifest.vault, abi: vaultAbi, functionName, args }, "claim-message");
  await refresh().catch((e) => say("claim-message", sentence(e, "reading the vault")));
}

async function onClaim(): Promise<void> {
  if (!page?.connected || !page.state) return;
  const { functionName, args } = claimCall(page.connected.account, claimable(page.state));
  await send("Claiming", functionName, args);
}

/** The recipient typed in `inputId`, resolved (ENS where the chain has it), or a sentence. */
async function resolveRecipient(text: string): Promise<Address> {
  const value = text.trim();
  if (isAddress(value, { strict: false })) {
    if (/[A-F]/.test(value.slice(2)) && /[a-f]/.test(value.slice(2)) && !isAddress(value)) {
      throw new Error(`${value} has a wrong checksum: check every character, or paste it in lower case`);
    }
    return getAddress(value);
  }
  if (!value.includes(".")) throw new Error(`\`${value}\` is neither an address (0x + 40 hex digits) nor an ENS name`);
  if (!page) throw new Error("no program loaded");
  if (!page.chain.contracts?.ensUniversalResolver) {
    throw new Error(`ENS names resolve only on Ethereum mainnet; this vault is on ${page.chain.name}: paste the address`);
  }
  const address = await page.client.getEnsAddress({ name: normalize(value) });
  if (!address) throw new Error(`${value} has no address in ENS`);
  return address;
}

let recipient: Address | undefined;

async function onRecipientInput(): Promise<void> {
  const text = byId<HTMLInputElement>("recipient").value;
  const shown = byId("recipient-resolved");
  recipient = undefined;
  byId<HTMLInputElement>("recipient-confirm").checked = false;
  byId("recipient-confirm-label").hidden = true;
  if (text.trim() === "") {
    shown.hidden = true;
  } else {
    try {
      const resolved = await resolveRecipient(text);
      if (byId<HTMLInputElement>("recipient").value !== text) return; // typed on meanwhile
      recipient = resolved;
      shown.textContent = resolved;
      shown.dataset.kind = "ok";
      byId("recipient-confirm-text").textContent =
        `I checked every character: my tokens go to ${resolved}` +
        (resolved === page?.connected?.account ? " (my connected wallet)." : ", which is NOT my connected wallet.");
      byId("recipient-confirm-label").hidden = false;
    } catch (e) {
      shown.textContent = (e as Error).message;
      shown.dataset.kind = "error";
    }
    shown.hidden = false;
  }
  updateClaimToButton();
}

function updateClaimToButton(): void {
  const ready =
    recipient !== undefined &&
    byId<HTMLInputElement>("recipient-confirm").checked &&
    page?.state !== undefined &&
    claimable(page.state).length > 0 &&
    !page.state.paused;
  byId<HTMLButtonElement>("claim-to").disabled = !ready;
}

async function onClaimTo(): Promise<void> {
  if (!page?.connected || !page.state || !recipient) return;
  const to = recipient;
  await send(`Claiming to ${to}`, "claimTo", [to, claimsOf(claimable(page.state))]);
}

async function onConsent(): Promise<void> {
  if (!page?.connected) return say("claim-message", "Connect your wallet first: the consent is signed by the account that is paid.");
  const { client, manifest, connected, chain } = page;
  const days = Number(byId<HTMLInputElement>("consent-days").value);
  if (!Number.isInteger(days) || days < 1 || days > MAX_CONSENT_DAYS) {
    return say("claim-message", `A consent lasts 1 to ${MAX_CONSENT_DAYS} whole days; ${byId<HTMLInputElement>("consent-days").value || "nothing"} is not.`);
  }
  // The consent names exactly the leaves it pays (the vault refuses it for any other list, or for none).
  const claims = page.state ? claimsOf(claimable(page.state)).map(({ epoch, root, index }) => ({ epoch, root, index })) : [];
  if (claims.length === 0) return say("claim-message", "Nothing is claimable for this account right now, so a consent would pay nothing.");
  try {
    const text = byId<HTMLInputElement>("consent-recipient").value;
    const to = text.trim() === "" ? connected.account : await resolveRecipient(text);
    const [domain, nonce, block] = await Promise.all([
      client.getEip712Domain({ address: manifest.vault }),
      client.readContract({ address: manifest.vault, abi: vaultAbi, functionName: "nonces", args: [connected.account] }) as Promise<bigint>,
      client.getBlock({ blockTag: "latest" }),
    ]);
    const deadline = block.timestamp + BigInt(days * 86_400);
    say("claim-message", "Sign the consent in your wallet…", "info");
    const signature = await connected.wallet.signTypedData({
      account: connected.account,
      domain: eip712Domain(domain),
      types: {
        ClaimConsent: [
          { name: "account", type: "address" },
          { name: "recipient", type: "address" },
          { name: "claims", type: "ClaimRef[]" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
        ClaimRef: [
          { name: "epoch", type: "uint64" },
          { name: "root", type: "bytes32" },
          { name: "index", type: "uint256" },
        ],
      },
      primaryType: "ClaimConsent",
      message: { account: connected.account, recipient: to, claims, nonce, deadline },
    });
    // The file `bounty claim --consent` reads (docs/cli.md, "Consent file").
    const consent = {
      chainId: chain.id,
      vault: manifest.vault,
      account: connected.account,
      recipient: to,
      claims: claims.map(({ epoch, root, index }) => ({ epoch: Number(epoch), root, index: `0x${index.toString(16)}` })),
      nonce: Number(nonce),
      deadline: Number(deadline),
      signature,
    };
    const json = `${JSON.stringify(consent, null, 2)}\n`;
    const area = byId<HTMLTextAreaElement>("consent-json");
    area.value = json;
    area.hidden = false;
    const copy = byId("consent-copy");
    copy.hidden = false;
    copy.onclick = () => void navigator.clipboard?.writeText(json);
    const link = byId<HTMLAnchorElement>("consent-download");
    link.href = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    link.download = `consent-${connected.account}.json`;
    link.hidden = false;
    say("claim-message", `Consent signed: pays these ${claims.length} leaf(s) to ${to}, once, until ${when(Number(deadline))}. Give the file to a relayer.`, "ok");
  } catch (e) {
    say("claim-message", sentence(e, "signing the consent"));
  }
}

/** The vault's EIP-712 domain with only the fields its ERC-5267 `fields` bitmap names: viem returns all five, and
 * signing over a zero `salt` the vault does not use would give a signature the vault rejects. */
function eip712Domain({ domain, fields }: Awaited<ReturnType<PublicClient["getEip712Domain"]>>) {
  const has = (bit: number) => (Number.parseInt(fields, 16) & (1 << bit)) !== 0;
  return {
    ...(has(0) ? { name: domain.name } : {}),
    ...(has(1) ? { version: domain.version } : {}),
    ...(has(2) ? { chainId: Number(domain.chainId) } : {}),
    ...(has(3) ? { verifyingContract: domain.verifyingContract } : {}),
    ...(has(4) ? { salt: domain.salt } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Verify
// ---------------------------------------------------------------------------------------------------------------

async function onVerify(): Promise<void> {
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
function sumDecimals(values: string[]): string {
  const scale = Math.max(0, ...values.map((v) => (v.split(".")[1] ?? "").length));
  const units = values.reduce((s, v) => {
    const [int, frac = ""] = v.split(".");
    return s + BigInt(int || "0") * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, "0") || "0");
  }, 0n);
  return formatUnits(units, scale);
}

/** The Reports tab: the public ledger of the manifest's signed self-reports. */
async function renderReports(): Promise<void> {
  if (!page) return;
  const lines = await ledger(page.client, page.reports);
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

async function isPending(client: PublicClient, info: EpochInfo): Promise<boolean> {
  if (info.status !== EpochStatus.Posted) return false;
  const block = await client.getBlock({ blockTag: "latest" });
  return Number(block.timestamp) < info.activatesAt;
}

/** "Dispute this root": for a pending epoch of this page's vault. The reason starts with the failing checks; the
 * bond (`config().disputeBond`, credited back when the dispute is upheld or left unanswered) is approved first when
 * needed. */
function disputeForm(file: ClaimsFile, checks: Check[]): HTMLElement {
  const failing = checks.filter((c) => !c.ok).map((c) => c.name);
  const reason = h("input", {
    class: "dispute-reason",
    value: failing.length ? `page verify failed: ${failing.join(", ")}` : "",
    placeholder: "why: a link to your post, or what is wrong",
  });
  const button = h("button", { class: "dispute" }, `Dispute ${file.label}`);
  const message = `dispute-message-${file.epoch}`;
  button.addEventListener("click", () => void onDispute(file, reason.value, message));
  return h(
    "div",
    { class: "dispute-box" },
    h("p", { class: "muted" }, `${file.label} is still in its challenge period: anyone may dispute it by bonding the vault's dispute bond. A disputed root cannot be claimed until the signers resolve it.`),
    h("label", {}, "Reason", reason),
    button,
    h("p", { id: message, role: "alert", hidden: true }),
  );
}

async function onDispute(file: ClaimsFile, reason: string, messageId: string): Promise<void> {
  if (!page) return;
  if (reason.trim() === "") return say(messageId, "Give a reason: what is wrong, or a link to where you explain it.");
  try {
    if (!page.connected) page.connected = await connect(page.chain);
  } catch (e) {
    return say(messageId, sentence(e, "connecting your wallet"));
  }
  const { client, manifest, connected } = page;
  try {
    const config = (await client.readContract({ address: manifest.vault, abi: vaultAbi, functionName: "config" })) as { disputeBond: bigint };
    const bond = config.disputeBond;
    if (bond === 0n) {
      return say(messageId, "This vault's dispute bond is 0, which closes disputes to the public: ask a signer or the guardian to veto the root before it activates.");
    }
    const allowance = await client.readContract({
      address: manifest.token.address,
      abi: erc20Abi,
      functionName: "allowance",
      args: [connected.account, manifest.vault],
    });
    const { decimals, symbol } = manifest.token;
    if (bond > allowance) {
      const approved = await transact(
        `Approving the ${tokens(bond, decimals)} ${symbol} dispute bond`,
        { address: manifest.token.address, abi: erc20Abi, functionName: "approve", args: [manifest.vault, bond] },
        messageId,
      );
      if (!approved) return;
    }
    await transact(
      `Disputing ${file.label}`,
      { address: manifest.vault, abi: vaultAbi, functionName: "dispute", args: [BigInt(file.epoch), reason.trim()] },
      messageId,
    );
  } catch (e) {
    say(messageId, sentence(e, "disputing"));
  }
}

void main();
