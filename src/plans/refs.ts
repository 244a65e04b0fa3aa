/**
 * A1 addresses and formula text. Every reference a plan writes goes through
 * these helpers, so quoting and absolute markers are decided in one place.
 */
import { columnLetters, columnNumber } from "../export/address";

/** 1 -> "A", 27 -> "AA". */
export function columnLetter(index: number): string {
  if (!Number.isInteger(index) || index < 1) throw new RangeError(`Column index ${index} is not a positive integer.`);
  return columnLetters(index);
}

/** "A" -> 1, "AA" -> 27. */
export const columnIndex = columnNumber;

/** A cell address: relative ("C5") or absolute ("$C$5"). Columns and rows are 1-based. */
export const cellAt = (col: number, row: number, absolute = false): string =>
  absolute ? `$${columnLetter(col)}$${row}` : `${columnLetter(col)}${row}`;

/** Column fixed, row free ("$C5"): the form conditional formats and filled-down formulas need. */
export const cellColAbs = (col: number, row: number): string => `$${columnLetter(col)}${row}`;

/** A rectangle, "B3:E3" or "$B$3:$E$3"; a single cell when both corners match. */
export function rangeAt(col1: number, row1: number, col2: number, row2: number, absolute = false): string {
  const a = cellAt(col1, row1, absolute);
  const b = cellAt(col2, row2, absolute);
  return a === b ? a : `${a}:${b}`;
}

/** Splits "C5" or "$C$5" into 1-based column and row. */
export function parseCell(address: string): { readonly col: number; readonly row: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address);
  if (!m) throw new RangeError(`"${address}" is not a cell address.`);
  return { col: columnIndex(m[1]!), row: Number(m[2]) };
}

/** The bottom-right cell of a block that starts at `at` and holds `rows` x `cols` cells. */
export function blockRange(at: string, rows: number, cols: number): string {
  const { col, row } = parseCell(at);
  return rangeAt(col, row, col + cols - 1, row + rows - 1);
}

const SAFE_SHEET = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LOOKS_LIKE_CELL = /^[A-Za-z]{1,3}\d+$|^[Rr]\d*[Cc]\d*$/;

/** A sheet name as formulas need it: quoted (quotes doubled) unless it is a plain word. */
export const quoteSheet = (sheet: string): string =>
  SAFE_SHEET.test(sheet) && !LOOKS_LIKE_CELL.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;

/** A reference to another sheet: qualified("Fee Split", "$B$5") -> "'Fee Split'!$B$5". */
export const qualified = (sheet: string, address: string): string => `${quoteSheet(sheet)}!${address}`;

/** A text constant inside a formula, with quotes doubled. */
export const text = (value: string): string => `"${value.replace(/"/g, '""')}"`;

/** Makes every cell of an A1 range absolute: "B3:E3" -> "$B$3:$E$3". */
export const absolute = (a1: string): string =>
  a1.split(":").map((c) => c.replace(/^\$?([A-Za-z]+)\$?(\d+)$/, "$$$1$$$2")).join(":");
