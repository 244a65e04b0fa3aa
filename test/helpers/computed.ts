import { readFileSync } from "fs";
import { readZipEntry } from "./zip";

/**
 * What a spreadsheet application saved: every cell's formula and computed
 * value, read from the .xlsx XML directly. (exceljs drops falsy formula
 * results such as 0, FALSE and "", which would hide exactly what a
 * recalculation test must see.)
 */
export type CellResult = number | string | boolean | { readonly error: string };

export interface SavedCell {
  readonly sheet: string;
  readonly address: string;
  readonly formula?: string;
  /** The saved value; undefined when the cell has a formula but no saved result. */
  readonly value?: CellResult;
}

export interface SavedWorkbook {
  readonly sheets: readonly string[];
  readonly cells: ReadonlyMap<string, SavedCell>; // key "Sheet!A1"
  readonly names: ReadonlyMap<string, string>; // lower-case name -> "'Sheet'!$A$1:$B$2"
}

const decode = (s: string): string =>
  s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-f]+));/gi, (_, name: string, dec?: string, hex?: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16))
      : ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" } as Record<string, string>)[name.toLowerCase()]!);

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

export function readSaved(path: string): SavedWorkbook {
  const zip = readFileSync(path);
  const entry = (p: string): string => {
    const text = readZipEntry(zip, p);
    if (text === undefined) throw new Error(`${path} has no ${p}.`);
    return text;
  };
  const shared = (readZipEntry(zip, "xl/sharedStrings.xml") ?? "").match(/<si>[\s\S]*?<\/si>/g)?.map((si) =>
    decode([...si.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => m[1]).join(""))) ?? [];
  const rels = new Map([...entry("xl/_rels/workbook.xml.rels").matchAll(/<Relationship\s[^>]*>/g)].map((m) => [attr(m[0], "Id")!, attr(m[0], "Target")!]));
  const workbook = entry("xl/workbook.xml");
  const sheets: string[] = [];
  const cells = new Map<string, SavedCell>();
  for (const m of workbook.matchAll(/<sheet\s[^>]*>/g)) {
    const sheet = decode(attr(m[0], "name")!);
    const target = rels.get(attr(m[0], "r:id")!)!.replace(/^\/?(xl\/)?/, "");
    sheets.push(sheet);
    for (const c of entry(`xl/${target}`).matchAll(/<c\s([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = ` ${c[1]}`;
      const body = c[3] ?? "";
      const address = attr(tag, "r")!;
      const type = attr(tag, "t") ?? "n";
      const f = /<f(?:\s[^>]*)?>([\s\S]*?)<\/f>/.exec(body)?.[1];
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? (/<v\/>/.test(body) || /<v><\/v>/.test(body) ? "" : undefined);
      const inline = /<is>([\s\S]*?)<\/is>/.exec(body)?.[1];
      let value: CellResult | undefined;
      if (inline !== undefined) value = decode([...inline.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(""));
      else if (v === undefined) value = undefined;
      else if (type === "s") value = shared[Number(v)]!;
      else if (type === "str") value = decode(v);
      else if (type === "b") value = v === "1";
      else if (type === "e") value = { error: decode(v) };
      else value = Number(v);
      if (f === undefined && value === undefined) continue;
      cells.set(`${sheet}!${address}`, { sheet, address, ...(f !== undefined ? { formula: decode(f) } : {}), ...(value !== undefined ? { value } : {}) });
    }
  }
  const names = new Map([...workbook.matchAll(/<definedName\s([^>]*)>([\s\S]*?)<\/definedName>/g)]
    .filter((m) => attr(` ${m[1]}`, "localSheetId") === undefined)
    .map((m) => [decode(attr(` ${m[1]}`, "name")!).toLowerCase(), decode(m[2]!)]));
  return { sheets, cells, names };
}

/** Formula cells whose saved result is an error or missing (never computed). */
export function badFormulaCells(wb: SavedWorkbook): SavedCell[] {
  return [...wb.cells.values()].filter((c) => c.formula !== undefined && (c.value === undefined || (typeof c.value === "object" && "error" in c.value)
    || (typeof c.value === "string" && /^(#(NAME\?|VALUE!|REF!|DIV\/0!|NUM!|N\/A|NULL!)|Err:\d+)/.test(c.value))));
}

export const formulaCount = (wb: SavedWorkbook): number => [...wb.cells.values()].filter((c) => c.formula !== undefined).length;

/** The value at a sheet address ("" for an empty cell). */
export function valueAt(wb: SavedWorkbook, sheet: string, address: string): CellResult {
  return wb.cells.get(`${sheet}!${address.replace(/\$/g, "")}`)?.value ?? "";
}

/** Where a workbook-scoped defined name points: sheet and range without $. */
export function nameTarget(wb: SavedWorkbook, name: string): { sheet: string; range: string } {
  const ref = wb.names.get(name.toLowerCase());
  if (ref === undefined) throw new Error(`There is no defined name "${name}".`);
  const bang = ref.lastIndexOf("!");
  return { sheet: ref.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'"), range: ref.slice(bang + 1).replace(/\$/g, "") };
}

const colNum = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const colStr = (n: number): string => (n <= 0 ? "" : colStr(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

/** The values of a named cell (one value) or range (row by row). */
export function named(wb: SavedWorkbook, name: string): CellResult[][] {
  const { sheet, range } = nameTarget(wb, name);
  const [a, b = a] = range.split(":") as [string, string?];
  const [, c1, r1] = /^([A-Z]+)(\d+)$/.exec(a)!;
  const [, c2, r2] = /^([A-Z]+)(\d+)$/.exec(b!)!;
  const rows: CellResult[][] = [];
  for (let r = Number(r1); r <= Number(r2); r++) {
    const row: CellResult[] = [];
    for (let c = colNum(c1!); c <= colNum(c2!); c++) row.push(valueAt(wb, sheet, `${colStr(c)}${r}`));
    rows.push(row);
  }
  return rows;
}

export const namedValue = (wb: SavedWorkbook, name: string): CellResult => named(wb, name)[0]![0]!;
