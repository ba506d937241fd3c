// Every failure the page can meet, as one sentence for the visitor: a wallet's refusal, a revert decoded from the
// vault's custom errors, an RPC that does not answer. The stack stays in the console.
import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  HttpRequestError,
  parseAbi,
  UserRejectedRequestError,
} from "viem";
import reverts from "../../abi/reverts.json";
import { revertSentence } from "./reverts";

/** The vault's errors as sentences: `abi/reverts.json`, the table `bounty` reads too. */
const SENTENCES: Record<string, string> = { ...reverts.sentences, ...tokenSentences() };

/** The standard ERC-20 errors the vault passes through from its token, declared in the same table. */
const TOKEN_ERRORS = parseAbi(Object.keys(reverts.token));

function tokenSentences(): Record<string, string> {
  return Object.fromEntries(Object.entries(reverts.token).map(([declaration, s]) => [/error (\w+)/.exec(declaration)![1], s]));
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
    if (revert instanceof ContractFunctionRevertedError && !revert.data && revert.raw) {
      // Not one of the vault's own errors: perhaps its token's, passed through.
      try {
        const { errorName, args = [], abiItem } = decodeErrorResult({ abi: TOKEN_ERRORS, data: revert.raw });
        const words = revertSentence(SENTENCES, errorName, "inputs" in abiItem ? abiItem.inputs : [], args);
        if (words) return `The vault refused ${doing}: ${words}. Nothing was sent.`;
      } catch {
        // Unknown data: the generic sentence below.
      }
    }
    if (revert instanceof ContractFunctionRevertedError && revert.data?.errorName) {
      const { errorName, args = [], abiItem } = revert.data;
      const inputs = "inputs" in abiItem ? abiItem.inputs : [];
      const words = revertSentence(SENTENCES, errorName, inputs, args) ?? `${errorName}(${args.map(String).join(", ")})`;
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
