import { BOUND_NONE, ExactSplitter, NO_LIMIT, resolveConstraints, type ResolvedConstraints, type ShareSet } from "../src/index";
import { readLimits, revenueCents } from "./amounts";
import { isBlank, toGrid, vectorOf } from "./cells";
import { toExcelError } from "./excelErrors";
import { boundedRows } from "./limits";
import type { CellResult } from "./results";
import { readStage } from "./stage";

/**
 * One row of bucket amounts per revenue cell. The stage and limits are read
 * once per call; each revenue then goes straight to the core's exact integer
 * splitter (ExactSplitter), which equals feeSplit to the cent. A bad revenue cell errors only its own row; a blank one gives a blank row.
 */
export function feeSplitRows(revenue: unknown, stage: unknown, limits: readonly unknown[], fn: string): CellResult[][] {
  const shares = readStage(stage);
  return splitEach(revenue, shares, resolveConstraints(shares.buckets, readLimits(limits)), fn);
}

/**
 * The rows of any split: one per revenue cell, with the share set and
 * limits checked once (FEESPLIT and SPLIT share it).
 */
export function splitEach(revenue: unknown, shares: ShareSet, resolved: ResolvedConstraints, fn: string): CellResult[][] {
  const width = shares.buckets.length;
  const revenues = boundedRows(vectorOf(toGrid(revenue, "revenue"), "revenue"), width, "a revenue range");
  // The core's rule in exact integers, set up once per call: caps and floors bind at full speed too.
  const splitter = new ExactSplitter(shares, resolved.excessTo ?? null);
  const caps = Float64Array.from(resolved.caps, (c) => c ?? NO_LIMIT);
  const floors = Float64Array.from(resolved.floors, (f) => f ?? NO_LIMIT);
  const cents = new Float64Array(width);
  const bound = new Int8Array(width).fill(BOUND_NONE);
  const out = new Array<CellResult[]>(revenues.length);
  for (let i = 0; i < revenues.length; i++) {
    const v = revenues[i];
    if (isBlank(v)) {
      out[i] = new Array<CellResult>(width).fill(""); // "" not null: Excel shows null as 0
      continue;
    }
    try {
      splitter.split(revenueCents(v), caps, floors, cents, bound);
      const row = new Array<CellResult>(width);
      for (let b = 0; b < width; b++) row[b] = cents[b]! / 100 + 0; // + 0: never a -0 in a cell
      out[i] = row;
    } catch (e) {
      out[i] = new Array<CellResult>(width).fill(toExcelError(e, fn));
    }
  }
  return out;
}

