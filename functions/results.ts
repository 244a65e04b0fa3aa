import { toExcelError } from "./excelErrors";

/** What a custom function may put in a cell. */
export type CellResult = number | string | boolean | CustomFunctions.Error;

/**
 * Runs a spilling function. A problem with the whole call (a bad stage, ranges
 * that do not line up) becomes a one-cell spill holding the error, so Excel
 * still gets the shape its metadata promises and the message survives.
 */
export function spill(fn: string, body: () => CellResult[][]): CellResult[][] {
  try {
    return body();
  } catch (e) {
    return [[toExcelError(e, fn)]];
  }
}

/** spill for a body that may hand back a Promise (a long run): its rejection becomes the one-cell error too. */
export function spillMaybeLater(fn: string, body: () => CellResult[][] | Promise<CellResult[][]>): CellResult[][] | Promise<CellResult[][]> {
  let result: CellResult[][] | Promise<CellResult[][]>;
  try {
    result = body();
  } catch (e) {
    return [[toExcelError(e, fn)]];
  }
  return result instanceof Promise ? result.catch((e: unknown) => [[toExcelError(e, fn)]]) : result;
}

/** Runs a one-cell function; a problem becomes the error value in that cell. */
export function oneValue(fn: string, body: () => CellResult): CellResult {
  try {
    return body();
  } catch (e) {
    return toExcelError(e, fn);
  }
}
