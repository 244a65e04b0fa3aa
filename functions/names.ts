import { findName, unknownNameMessage, type NameIndex } from "../src/index";
import { isBlankText, type Grid } from "./cells";
import { invalidValueCell } from "./excelErrors";

/** A cell of a names range after lookup: the id, "" for an empty cell, or the error for that cell. */
export type NameCell<Id extends string> = Id | "" | CustomFunctions.Error;

export const isErrorCell = (v: unknown): v is CustomFunctions.Error => typeof v === "object" && v !== null;

/**
 * Looks up every cell of a range once. A cell that names nothing becomes its
 * own error value, so one typo spoils one result cell, not the whole spill.
 * An unknown text is looked up and its message built once per call, so a
 * range of a million typos costs what a million known names cost.
 */
export function resolveGrid<Id extends string>(grid: Grid, index: NameIndex<Id>): NameCell<Id>[][] {
  const unknown = new Map<unknown, CustomFunctions.Error>();
  return grid.map((row) =>
    row.map((v): NameCell<Id> => {
      if (isBlankText(v)) return "";
      const id = typeof v === "string" ? findName(index, v) : undefined;
      if (id !== undefined) return id;
      let error = unknown.get(v);
      if (error === undefined) {
        error = invalidValueCell(unknownNameMessage(index, v));
        unknown.set(v, error);
      }
      return error;
    }),
  );
}
