/** A1 addresses as numbers. Rows and columns are 1-based, as in exceljs. */
export interface CellRef {
  readonly row: number;
  readonly col: number;
}

export interface RangeRef {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

const CELL = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i;

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Letters already worked out, by column number: a model's plans ask for the same few columns hundreds of thousands of times. */
const LETTERS: string[] = [];

export function columnLetters(col: number): string {
  const known = LETTERS[col];
  if (known !== undefined) return known;
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  if (Number.isInteger(col) && col > 0 && col <= 16_384) LETTERS[col] = s;
  return s;
}

export function parseCell(address: string): CellRef {
  const m = CELL.exec(address.trim());
  if (!m) throw new Error(`"${address}" is not an A1 cell address.`);
  return { row: Number(m[2]), col: columnNumber(m[1]!) };
}

/** "A3:C9", "$B$3" or "B3" (a single cell is a 1x1 range). */
export function parseRange(range: string): RangeRef {
  const [a, b] = range.split(":");
  const start = parseCell(a!);
  const end = b === undefined ? start : parseCell(b);
  return {
    top: Math.min(start.row, end.row), left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row), right: Math.max(start.col, end.col),
  };
}

export const cellAddress = (row: number, col: number): string => `${columnLetters(col)}${row}`;

export const rangeAddress = (r: RangeRef, absolute = false): string => {
  const d = absolute ? "$" : "";
  const tl = `${d}${columnLetters(r.left)}${d}${r.top}`;
  return r.top === r.bottom && r.left === r.right ? tl : `${tl}:${d}${columnLetters(r.right)}${d}${r.bottom}`;
};

/** A sheet name as formulas and defined names spell it: 'Fee Split', with inner quotes doubled. */
export const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** The smallest range holding all of them; null for none. */
export function union(ranges: readonly RangeRef[]): RangeRef | null {
  if (ranges.length === 0) return null;
  return ranges.reduce((u, r) => ({
    top: Math.min(u.top, r.top), left: Math.min(u.left, r.left),
    bottom: Math.max(u.bottom, r.bottom), right: Math.max(u.right, r.right),
  }));
}
