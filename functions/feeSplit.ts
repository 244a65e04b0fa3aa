import { resolveConstraints, splitCents } from "../src/index";
import { readLimits, revenueCents } from "./amounts";
import { isBlank, toGrid, vectorOf } from "./cells";
import { toExcelError } from "./excelErrors";
import type { CellResult } from "./results";
import { readStage } from "./stage";

/**
 * One row of bucket amounts per revenue cell. The stage and limits are read
 * once per call; each revenue then goes straight to the core's exact integer
 * split. A bad revenue cell errors only its own row; a blank one gives a blank row.
 */
export function feeSplitRows(revenue: unknown, stage: unknown, limits: readonly unknown[], fn: string): CellResult[][] {
  const shares = readStage(stage);
  const resolved = resolveConstraints(shares.buckets, readLimits(limits));
  const revenues = vectorOf(toGrid(revenue, "revenue"), "revenue");
  const width = shares.buckets.length;
  const out = new Array<CellResult[]>(revenues.length);
  for (let i = 0; i < revenues.length; i++) {
    const v = revenues[i];
    if (isBlank(v)) {
      out[i] = new Array<CellResult>(width).fill(""); // "" not null: Excel shows null as 0
      continue;
    }
    try {
      const cents = splitCents(revenueCents(v), shares, resolved).cents;
      const row = new Array<CellResult>(width);
      for (let b = 0; b < width; b++) row[b] = cents[b]! / 100;
      out[i] = row;
    } catch (e) {
      out[i] = new Array<CellResult>(width).fill(toExcelError(e, fn));
    }
  }
  return out;
}
