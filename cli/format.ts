import { Decimal } from "../src";

/** Left-aligned text columns (numbers right-aligned), two spaces apart. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, c) => (rightAligned.includes(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** "1234567.89" -> "1,234,567.89" (on the exact decimal string, never a float). */
export const groupThousands = (amount: string): string => {
  const [whole, cents] = amount.split(".");
  const sign = whole!.startsWith("-") ? "-" : "";
  const digits = whole!.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${digits}${cents === undefined ? "" : `.${cents}`}`;
};

/** A fraction as a percentage with up to 4 decimals: 0.4 -> "40%", 0.375 -> "37.5%". */
export const percent = (share: Decimal): string => `${share.times(100).toDecimalPlaces(4).toString()}%`;
