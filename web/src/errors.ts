// Every failure the page can meet, as one sentence for the visitor: a wallet's refusal, a revert decoded from the
// vault's custom errors, an RPC that does not answer. The stack stays in the console.
import {
  BaseError,
  ContractFunctionRevertedError,
  HttpRequestError,
  UserRejectedRequestError,
} from "viem";

/** The vault's errors a helper can meet, in words. Others are named as the vault names them. */
const REVERTS: Record<string, (args: readonly unknown[]) => string> = {
  AlreadyClaimed: ([epoch, index]) => `leaf ${index} of epoch ${epoch} is already claimed`,
  EpochPending: ([epoch, at]) => `epoch ${epoch} is still in its challenge period until ${date(at)}`,
  EpochExpired: ([epoch, at]) => `epoch ${epoch}'s claim window closed on ${date(at)}`,
  EpochNotLive: ([epoch]) => `epoch ${epoch} has no live root (vetoed, swept or never posted)`,
  EpochDisputed: ([epoch]) => `epoch ${epoch} is disputed and cannot be claimed until the dispute ends`,
  InvalidProof: ([epoch, index]) =>
    `the proof for leaf ${index} of epoch ${epoch} does not match the posted root: this claims file is not the one the signers posted`,
  IsPaused: () => "the vault is paused; claims resume when the signers unpause it, and no claim window runs meanwhile",
  InvalidSignature: ([account]) => `the signature is not ${account}'s`,
  SignatureExpired: ([deadline]) => `the consent expired on ${date(deadline)}`,
  ConsentTooLong: () => "a consent may last at most 90 days",
  ZeroRecipient: () => "the recipient cannot be the zero address",
  NotDisputable: ([epoch]) => `epoch ${epoch} is not pending, so it cannot be disputed any more`,
  DisputesClosed: () => "this vault's dispute bond is 0, which closes disputes to the public: ask a signer or the guardian to veto",
  NothingToClaim: () => "the consent would pay nothing: it names no claimable leaf",
};

function date(seconds: unknown): string {
  return new Date(Number(seconds) * 1000).toUTCString();
}

/** The sentence for `error`, with `doing` ("claiming", "reading the vault") as its context. The page's own errors
 * (`ClaimsFileError`, `WrongChainError`, …) are already sentences and pass through. */
export function sentence(error: unknown, doing: string): string {
  console.error(error);
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError) || code(error) === 4001) {
      return `You rejected the request in your wallet; nothing was sent.`;
    }
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError && revert.data?.errorName) {
      const { errorName, args = [] } = revert.data;
      const words = REVERTS[errorName]?.(args) ?? `${errorName}(${args.map(String).join(", ")})`;
      return `The vault refused ${doing}: ${words}. Nothing was sent.`;
    }
    const http = error.walk((e) => e instanceof HttpRequestError);
    if (http instanceof HttpRequestError) {
      return `The RPC at ${http.url} did not answer while ${doing} (${http.shortMessage}). Try again, or use another RPC URL.`;
    }
    return `Something failed while ${doing}: ${error.shortMessage}`;
  }
  if (code(error) === 4001) return `You rejected the request in your wallet; nothing was sent.`;
  // The page's own errors (a bad file, a wrong chain, no wallet) are sentences already.
  if (error instanceof Error) return error.message;
  return `Something failed while ${doing}: ${String(error)}`;
}

function code(error: unknown): number | undefined {
  let e = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 8; depth++) {
    if (typeof e.code === "number") return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}
