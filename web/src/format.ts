// Amounts and times for people. Integer arithmetic only: token amounts are base units, prices 18-decimal fixed
// point, and a rounded display never feeds back into an amount.
import { formatUnits } from "viem";

/** `amount` base units as whole tokens, cut (not rounded) to `digits` decimals: never shows more than is owed. */
export function tokens(amount: bigint, decimals: number, digits = 4): string {
  const whole = formatUnits(amount, decimals);
  const [int, frac = ""] = whole.split(".");
  const cut = frac.slice(0, digits).replace(/0+$/, "");
  return `${groupThousands(int)}${cut ? `.${cut}` : ""}`;
}

/** USD value of `amount` at `usdPerToken` (18-decimal fixed point), to the cent, rounded down. */
export function usd(amount: bigint, decimals: number, usdPerToken: bigint): string {
  const cents = (amount * usdPerToken * 100n) / 10n ** BigInt(decimals) / 10n ** 18n;
  return `$${groupThousands((cents / 100n).toString())}.${(cents % 100n).toString().padStart(2, "0")}`;
}

function groupThousands(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** A chain time (seconds) as a UTC date and time. */
export function when(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace("T", " ").replace(/:\d\d\.\d+Z$/, " UTC");
}

/** `0x1234…abcd`. */
export function short(hex: string): string {
  return `${hex.slice(0, 6)}…${hex.slice(-4)}`;
}
