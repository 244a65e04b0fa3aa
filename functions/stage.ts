import { FEE_BUCKETS, resolveShares, stageHelp, type ShareSet } from "../src/index";
import { describe, isBlank, shapeOf, toGrid } from "./cells";
import { badInput } from "./excelErrors";

/**
 * The stage argument: one cell holding a stage name or a life-cycle position
 * 0..1, or one row (or column) of custom shares, one per bucket.
 */
export function readStage(stage: unknown): ShareSet {
  const grid = toGrid(stage, "stage");
  const n = FEE_BUCKETS.length;
  const rows = grid.length;
  const cols = grid[0]!.length;
  if (rows === 1 && cols === 1) {
    const v = grid[0]![0];
    if (isBlank(v)) throw badInput(`Give a stage. ${stageHelp()}`);
    if (typeof v !== "string" && typeof v !== "number") {
      throw badInput(`The stage must be a name or a number; got ${describe(v)}. ${stageHelp()}`);
    }
    return resolveShares(v);
  }
  if (rows === 1 && cols === n) return resolveShares(grid[0]!);
  if (cols === 1 && rows === n) return resolveShares(grid.map((row) => row[0]));
  throw badInput(`The stage must be one cell or a row of ${n} shares; got a ${shapeOf(grid)} range. ${stageHelp()}`);
}

/** A share as a plain number; `+ 0` turns a -0 share into 0. */
export const shareNumbers = (shares: ShareSet): number[] => shares.shares.map((s) => s.toNumber() + 0);
