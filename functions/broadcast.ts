import { badInput } from "./excelErrors";
import { checkOutputSize } from "./limits";

type Grid<T> = readonly (readonly T[])[];

/** Along one axis: equal sizes pair up, a size of 1 repeats; anything else cannot line up. */
const axis = (a: number, b: number): number => (a === b || b === 1 ? a : a === 1 ? b : -1);

/**
 * The rows and columns two grids broadcast to; refuses ranges that do not line
 * up, and results past the output limit, before anything is allocated.
 */
export function broadcastShape(a: Grid<unknown>, b: Grid<unknown>, names: readonly [string, string]): [number, number] {
  const rows = axis(a.length, b.length);
  const cols = axis(a[0]!.length, b[0]!.length);
  if (rows < 0 || cols < 0) {
    throw badInput(
      `The ${names[0]} (${a.length}x${a[0]!.length}) and ${names[1]} (${b.length}x${b[0]!.length}) ranges do not line up. ` +
        "Give ranges of the same size, a single cell, or a column against a row to get every pair.",
    );
  }
  checkOutputSize(rows, cols, `${names[0]} and ${names[1]} ranges`);
  return [rows, cols];
}

/**
 * Pairs two grids cell by cell as Excel's array arithmetic does: same-size
 * ranges pair up, a single cell meets every cell, and a column against a row
 * gives every combination (the whole table). Each side's cells are converted
 * once by the caller, so a 6x1 by 1x12 call resolves 18 names, not 144.
 */
export function broadcast<A, B, R>(
  a: Grid<A>, b: Grid<B>, pair: (x: A, y: B) => R, names: readonly [string, string],
): R[][] {
  const [rows, cols] = broadcastShape(a, b, names);
  const out = new Array<R[]>(rows);
  for (let r = 0; r < rows; r++) {
    const rowA = a[a.length === 1 ? 0 : r]!;
    const rowB = b[b.length === 1 ? 0 : r]!;
    const stepA = rowA.length === 1 ? 0 : 1;
    const stepB = rowB.length === 1 ? 0 : 1;
    const row = new Array<R>(cols);
    for (let c = 0; c < cols; c++) row[c] = pair(rowA[c * stepA]!, rowB[c * stepB]!);
    out[r] = row;
  }
  return out;
}
