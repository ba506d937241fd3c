// The Claim view: a helper connects a wallet and sees each period's status, claims every open period in one
// transaction (to the account or, confirmed by name, to another address), or signs a consent for a relayer.
import { formatEther, getAddress, isAddress, type Address, type PublicClient } from "viem";
import { normalize } from "viem/ens";
import { byId, h, say } from "../dom";
import { sentence } from "../errors";
import { tokens, usd, when, short } from "../format";
import { accountLeaves, claimCall, claimsOf, vaultAbi, type AccountLeaf, type VaultState } from "../vault";
import { connect } from "../wallet";
import { page } from "../state";
import { renderHistory } from "./history";
import { transact } from "../transact";

/** The longest a consent may last (the vault's `MAX_CONSENT_LIFETIME`). */
const MAX_CONSENT_DAYS = 90;

export async function onConnect(): Promise<void> {
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
  void renderHistory();
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
              l.entry.lines.length > 0
                ? h(
                    "div",
                    { class: "muted lines", "data-lines": l.entry.lines.map((p) => p.line).join(" ") },
                    l.entry.lines
                      .map((p) => {
                        const met = p.score ? ` (${p.score.met} of ${p.score.of} targets)` : "";
                        return `${p.line} ${tokens(p.amount, decimals)}${met}`;
                      })
                      .join(" + "),
                  )
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
    // Narrowed per entry point, so viem checks the arguments against the typed ABI.
    const call = claimCall(connected.account, open);
    const on = { address: manifest.vault, abi: vaultAbi, account: connected.account } as const;
    const estimate =
      call.functionName === "claimOne"
        ? client.estimateContractGas({ ...on, functionName: "claimOne", args: call.args })
        : client.estimateContractGas({ ...on, functionName: "claim", args: call.args });
    const [gas, price] = await Promise.all([estimate, client.getGasPrice()]);
    gasLine.textContent = `gas ≈ ${formatEther(gas * price).slice(0, 10)} ${page.chain.nativeCurrency.symbol} (${gas} gas)`;
  } catch (e) {
    gasLine.textContent = sentence(e, "estimating the gas");
  }
}

async function send(what: string, functionName: "claim" | "claimOne" | "claimTo", args: readonly unknown[]): Promise<void> {
  if (!page) return;
  await transact(what, { address: page.manifest.vault, abi: vaultAbi, functionName, args }, "claim-message");
  await refresh().catch((e) => say("claim-message", sentence(e, "reading the vault")));
}

export async function onClaim(): Promise<void> {
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

export async function onRecipientInput(): Promise<void> {
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

export function updateClaimToButton(): void {
  const ready =
    recipient !== undefined &&
    byId<HTMLInputElement>("recipient-confirm").checked &&
    page?.state !== undefined &&
    claimable(page.state).length > 0 &&
    !page.state.paused;
  byId<HTMLButtonElement>("claim-to").disabled = !ready;
}

export async function onClaimTo(): Promise<void> {
  if (!page?.connected || !page.state || !recipient) return;
  const to = recipient;
  await send(`Claiming to ${to}`, "claimTo", [to, claimsOf(claimable(page.state))]);
}

export async function onConsent(): Promise<void> {
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
