// Disputing a pending root from the Verify view: the bond approved first if needed, then `dispute(epoch, reason)`.
import { erc20Abi, type PublicClient } from "viem";
import { type ClaimsFile } from "../claims";
import { h, say } from "../dom";
import { sentence } from "../errors";
import { tokens } from "../format";
import { EpochStatus, vaultAbi, type EpochInfo } from "../vault";
import { type Check } from "../verify";
import { connect } from "../wallet";
import { page } from "../state";
import { transact } from "../transact";

export async function isPending(client: PublicClient, info: EpochInfo): Promise<boolean> {
  if (info.status !== EpochStatus.Posted) return false;
  const block = await client.getBlock({ blockTag: "latest" });
  return Number(block.timestamp) < info.activatesAt;
}

/** "Dispute this root": for a pending epoch of this page's vault. The reason starts with the failing checks; the
 * bond (`config().disputeBond`, credited back when the dispute is upheld or left unanswered) is approved first when
 * needed. */
export function disputeForm(file: ClaimsFile, checks: Check[]): HTMLElement {
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
