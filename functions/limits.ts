import { isBlank } from "./cells";
import { badInput } from "./excelErrors";

/**
 * The most cells one call returns. Checked from the argument shapes before
 * anything is allocated, so a full column against a full row
 * (=TOKEN.MECHFIT(A:A, 1:1), 17 billion cells) is a #VALUE! with a message,
 * never an out-of-memory crash of the functions runtime.
 */
export const MAX_OUTPUT_CELLS = 1_000_000;

/** Refuses an output of rows x cols cells past MAX_OUTPUT_CELLS. */
export function checkOutputSize(rows: number, cols: number, what: string): void {
  if (rows * cols > MAX_OUTPUT_CELLS) {
    throw badInput(
      `The result would be ${rows.toLocaleString("en-US")} x ${cols.toLocaleString("en-US")} cells; a call returns at most ` +
        `${MAX_OUTPUT_CELLS.toLocaleString("en-US")}. Give ${what} that cover only your data, not whole columns or rows.`,
    );
  }
}

/**
 * The cells of a one-per-row argument (revenues), each giving a row `width`
 * wide. A range past the limit (a whole column) is cut after its last
 * non-blank cell; if that is still too long, refused.
 */
export function boundedRows(cells: readonly unknown[], width: number, what: string): readonly unknown[] {
  if (cells.length * width <= MAX_OUTPUT_CELLS) return cells;
  let end = cells.length;
  while (end > 0 && isBlank(cells[end - 1])) end--;
  checkOutputSize(end, width, what);
  return cells.slice(0, Math.max(end, 1));
}
