import { findName, resolveName, type NameIndex } from "../src/index";
import { isBlankText, type Grid } from "./cells";
import { toExcelError } from "./excelErrors";

/** A cell of a names range after lookup: the id, "" for an empty cell, or the error for that cell. */
export type NameCell<Id extends string> = Id | "" | CustomFunctions.Error;

export const isErrorCell = (v: unknown): v is CustomFunctions.Error => typeof v === "object" && v !== null;

/**
 * Looks up every cell of a range once. A cell that names nothing becomes its
 * own error value, so one typo spoils one result cell, not the whole spill.
 */
export function resolveGrid<Id extends string>(grid: Grid, index: NameIndex<Id>, fn: string): NameCell<Id>[][] {
  return grid.map((row) =>
    row.map((v): NameCell<Id> => {
      if (isBlankText(v)) return "";
      const id = typeof v === "string" ? findName(index, v) : undefined;
      if (id !== undefined) return id;
      try {
        return resolveName(index, v); // only to get the core's message for this value
      } catch (e) {
        return toExcelError(e, fn);
      }
    }),
  );
}
