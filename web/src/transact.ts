// One wallet transaction, the way every view sends one: simulated first (a call the vault would refuse is
// explained from the simulation and never reaches the wallet), then sent and waited for, each step said in an alert.
import { type Abi, type Address } from "viem";
import { byId, say } from "./dom";
import { sentence } from "./errors";
import { page } from "./state";

/** Simulates, sends through the wallet and waits for one transaction, telling the visitor each step in the alert
 * `messageId`. A call the contract would refuse is explained from the simulation and never reaches the wallet. */
export async function transact(
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
