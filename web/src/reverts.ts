// A vault error's sentence from the table in `abi/reverts.json` (placeholders `{name}` and `{name:kind}`), filled
// exactly as `crates/chain/src/revert.rs` fills it; both are checked against `tests/vectors/reverts.json`. No
// imports, so the table's test runs it in plain node.

/** Fills a sentence's `{name}` and `{name:kind}` placeholders from the error's decoded arguments, as
 * `crates/chain/src/revert.rs` does; `undefined` if the table has no sentence or a placeholder cannot be filled. */
export function revertSentence(
  sentences: Record<string, string>,
  errorName: string,
  inputs: readonly { name?: string }[],
  args: readonly unknown[],
): string | undefined {
  const template = sentences[errorName];
  if (template === undefined) return undefined;
  let failed = false;
  const out = template.replace(/\{([A-Za-z0-9_]+)(?::([a-z-]+))?\}/g, (_, name: string, kind = "") => {
    const i = inputs.findIndex((p) => p.name === name);
    const shown = i < 0 ? undefined : show(args[i], kind);
    if (shown === undefined) failed = true;
    return shown ?? "";
  });
  return failed ? undefined : out;
}

function show(value: unknown, kind: string): string | undefined {
  switch (kind) {
    case "":
      return String(value);
    case "epoch":
      return epochName(BigInt(value as bigint | number));
    case "time":
      return utc(BigInt(value as bigint | number));
    case "duration": {
      const seconds = BigInt(value as bigint | number);
      return `${seconds} s, ${seconds / 86_400n} days`;
    }
    case "cadence":
      return CADENCES[Number(value)]?.[0];
    case "epoch-format":
      return CADENCES[Number(value)]?.[1];
    default:
      return undefined;
  }
}

/** The vault's `Cadence` enum: its name and how its epoch numbers are written. */
const CADENCES: Record<number, [string, string]> = {
  0: ["quarterly", "YYYYQ (20262 for 2026-Q2)"],
  1: ["monthly", "YYYYMM (202606 for 2026-06)"],
};

/** "20262 (2026-Q2)", "202606 (2026-06)", or the bare number for anything that is no period's number. */
function epochName(epoch: bigint): string {
  const text = epoch.toString();
  const year = Number(text.slice(0, 4));
  const rest = Number(text.slice(4));
  if (year >= 2000 && text.length === 5 && rest >= 1 && rest <= 4) return `${text} (${year}-Q${rest})`;
  if (year >= 2000 && text.length === 6 && rest >= 1 && rest <= 12) return `${text} (${year}-${text.slice(4)})`;
  return text;
}

/** A unix time as "2026-07-04 00:00 UTC". */
function utc(seconds: bigint): string {
  const ms = Number(seconds) * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return `timestamp ${seconds}`;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
