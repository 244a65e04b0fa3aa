import { echo, textToNumber } from "../src/index";
import { badInput } from "./excelErrors";

/** A range as Excel passes it: rows of cell values, all rows the same length. */
export type Grid = readonly (readonly unknown[])[];

/** An empty cell or omitted argument: Excel passes null (or undefined), or "" for a blank text cell. */
export const isBlank = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * A blank in a range of names or answers. Excel desktop passes empty cells of
 * a range as 0 (the web passes null), and 0 is never a name, so it means empty.
 */
export const isBlankText = (v: unknown): boolean => v === 0 || isBlank(v);

/** A value as it would read in a message: "abc" quoted, TRUE/FALSE as Excel writes them. */
export function describe(v: unknown): string {
  if (isBlank(v)) return "a blank";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return echo(v);
  if (typeof v === "number") return String(v);
  return Array.isArray(v) ? "a list of values" : typeof v;
}

/**
 * Any argument as a grid: a single value becomes 1x1. Excel only sends
 * rectangular 2-D arrays; a flat list (a script caller) counts as one row, and
 * anything ragged or empty is refused with a message rather than guessed at.
 */
export function toGrid(value: unknown, what: string): Grid {
  if (!Array.isArray(value)) return [[value]];
  if (value.length === 0) throw badInput(`The ${what} range is empty.`);
  const rows: readonly unknown[] = value;
  if (!rows.some(Array.isArray)) return [rows];
  const width = Array.isArray(rows[0]) ? rows[0].length : -1;
  if (width <= 0 || !rows.every((r) => Array.isArray(r) && r.length === width)) {
    throw badInput(`The ${what} range is not a rectangle of cells; select a block of whole rows and columns.`);
  }
  return rows as Grid;
}

export const shapeOf = (grid: Grid): string => `${grid.length}x${grid[0]!.length}`;

/** The cells of a single row or single column, in order; a block is refused. */
export function vectorOf(grid: Grid, what: string): readonly unknown[] {
  if (grid.length === 1) return grid[0]!;
  if (grid[0]!.length === 1) return grid.map((row) => row[0]);
  throw badInput(`Give the ${what} as one row or one column; got a ${shapeOf(grid)} range.`);
}

/** Every cell, row by row. */
export const cellsOf = (grid: Grid): unknown[] => grid.flat();

/** An argument that must be one cell (a script may still pass a range). */
export function oneCell(value: unknown, what: string): unknown {
  const grid = toGrid(value, what);
  if (grid.length !== 1 || grid[0]!.length !== 1) throw badInput(`The ${what} must be a single cell; got a ${shapeOf(grid)} range.`);
  return grid[0]![0];
}

/** TRUE/FALSE as Excel users give it: a boolean, 1/0, or the text TRUE/FALSE; omitted means FALSE. */
export function readFlag(value: unknown, what: string): boolean {
  const v = oneCell(value, what);
  if (isBlank(v)) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number" && Number.isFinite(v)) return v !== 0;
  if (typeof v === "string") {
    const text = v.trim().toLowerCase();
    if (text === "true") return true;
    if (text === "false") return false;
  }
  throw badInput(`The ${what} argument must be TRUE or FALSE; got ${describe(v)}.`);
}

/** A number argument: a number, or text the core's one number convention reads; omitted or blank gives undefined. */
export function readNumber(value: unknown, what: string): number | undefined {
  const v = oneCell(value, what);
  if (isBlank(v)) return undefined;
  if (typeof v === "string") return textToNumber(v, what);
  if (typeof v !== "number" || !Number.isFinite(v)) throw badInput(`The ${what} must be a number; got ${describe(v)}.`);
  return v + 0; // + 0 turns -0 into 0
}
