import { cellAddress, parseRange, quoteSheet, rangeAddress, type RangeRef } from "../src/export/address";
import type { RunBatch } from "./buildSheets";
import { refuse } from "./errors";

/**
 * "Make shareable": cells whose formula calls a TOKEN.* custom function only
 * compute where the add-in is installed. This replaces each such formula
 * with the value it shows now, so the file reads the same anywhere. Native
 * formulas, constants and empty cells are never written.
 *
 * Syncs: 1 lists the sheets; 2 finds their used ranges; 3 reads the cells'
 * formulas and values; 4 (only with TOKEN cells and ExcelApi 1.12) reads
 * where those cells spill; 5 writes all replacements. With no TOKEN cells it
 * stops after 3. A workbook too large for one request under Excel on the
 * web's 5 MB limit is read and written in more syncs (CHUNKS), with progress.
 *
 * A TOKEN formula that returns an array spills into the cells beside it;
 * those cells hold no formula of their own, so they look like constants.
 * With ExcelApi 1.12 the pane asks each TOKEN cell for its spill range and
 * writes the whole spilled block as values. Without it, only the formula cell
 * is converted (its neighbours then empty) and the report says so.
 */

export interface TokenCell {
  /** 1-based row and column on the sheet. */
  readonly row: number;
  readonly col: number;
  readonly formula: string;
  /** What to write: the value shown now, text marked as text (see asConstant). */
  readonly value: unknown;
}

export interface SheetScan {
  readonly sheet: string;
  readonly protected: boolean;
  readonly used: RangeRef | null;
  readonly cells: readonly TokenCell[];
  /** The used range's values as constants to write, for spilled blocks. */
  readonly values: readonly (readonly unknown[])[];
}

export interface ShareableSheetReport {
  readonly sheet: string;
  /** TOKEN formula cells replaced by their values. */
  readonly formulas: number;
  /** Cells of spilled arrays written as values (beyond the formula cells). */
  readonly spilled: number;
}

export interface ShareableReport {
  readonly sheets: readonly ShareableSheetReport[];
  readonly formulas: number;
  readonly spilled: number;
  /** True when spills could not be read (ExcelApi < 1.12): only formula cells were converted. */
  readonly anchorsOnly: boolean;
}

/** Removes string literals, so text like ="TOKEN.X" is not mistaken for a call. */
const withoutStrings = (formula: string): string => formula.replace(/"(?:[^"]|"")*"/g, '""');

/** True for a formula that calls a TOKEN.* function (after its "=", so a character always precedes the name). */
export function isTokenFormula(formula: unknown): formula is string {
  return typeof formula === "string" && formula.startsWith("=") && /[^A-Za-z0-9_.]TOKEN\.[A-Za-z_]/i.test(withoutStrings(formula));
}

/**
 * A value as a constant that Excel stores unchanged. Writing "1/2" or "=A1"
 * to a cell re-parses it (a date, a formula); a leading apostrophe keeps
 * text as text and is not part of the value. Errors stay errors.
 */
export const asConstant = (value: unknown, type: unknown): unknown =>
  typeof value === "string" && value !== "" && type !== "Error" ? `'${value}` : value;

/** The used range's values as constants (values and valueTypes as Excel returned them). */
export const constantsOf = (values: readonly (readonly unknown[])[], types: readonly (readonly unknown[])[]): unknown[][] =>
  values.map((row, r) => row.map((v, c) => asConstant(v, types[r]?.[c])));

/** The TOKEN cells of one used range (pure: formulas, and the constants to write). */
export function findTokenCells(used: RangeRef, formulas: readonly (readonly unknown[])[], values: readonly (readonly unknown[])[]): TokenCell[] {
  const cells: TokenCell[] = [];
  formulas.forEach((row, r) => row.forEach((f, c) => {
    if (isTokenFormula(f)) cells.push({ row: used.top + r, col: used.left + c, formula: f, value: values[r]?.[c] });
  }));
  return cells;
}

const localAddress = (address: string): string => address.slice(address.lastIndexOf("!") + 1);

/**
 * Excel on the web refuses a request or a response over 5 MB. The reads go
 * in bands of rows of about READ_CELLS cells each (formulas, values and
 * types of ordinary cells come to well under a megabyte); a band whose
 * response is still too large (long text) is read again in halves. Writes
 * are sent when the queued values reach WRITE_BYTES of JSON.
 */
export const CHUNKS = { readCells: 20_000, writeBytes: 1_000_000, spillReads: 5_000 } as const;

/** Says how far a long scan or conversion has got, e.g. "Reading the workbook: part 3 of 8…". */
export type Progress = (message: string) => void;

/** Rows of a used range cut into bands of at most `cells` cells (at least one row each). */
export function bands(used: RangeRef, cells: number): RangeRef[] {
  const width = used.right - used.left + 1;
  const rows = Math.max(1, Math.floor(cells / width));
  const out: RangeRef[] = [];
  for (let top = used.top; top <= used.bottom; top += rows) out.push({ ...used, top, bottom: Math.min(used.bottom, top + rows - 1) });
  return out;
}

const tooLarge = (error: unknown): boolean =>
  typeof error === "object" && error !== null && /PayloadSizeLimitExceeded$/.test(String((error as { code?: unknown }).code));

/** Two syncs for the sheets and their used ranges, then the cells in bands (one sync for a workbook under the budget). */
export async function scanWorkbook(run: RunBatch, support: { readonly formatting: boolean }, onProgress?: Progress): Promise<SheetScan[]> {
  return run(async (context) => scanIn(context, support, onProgress));
}

interface Band { readonly index: number; readonly ref: RangeRef }

async function scanIn(context: Excel.RequestContext, support: { readonly formatting: boolean }, onProgress?: Progress): Promise<SheetScan[]> {
  const sheets = context.workbook.worksheets.load(support.formatting ? "items/name,items/protection/protected" : "items/name");
  await context.sync();
  const usedRanges = sheets.items.map((sheet) => sheet.getUsedRangeOrNullObject().load("address"));
  await context.sync();
  const refs = usedRanges.map((r) => (r.isNullObject ? null : parseRange(localAddress(r.address))));

  // Bands of every sheet, read a request at a time; a band too large for one response is split.
  const pending: Band[] = refs.flatMap((ref, index) => (ref ? bands(ref, CHUNKS.readCells).map((b) => ({ index, ref: b })) : []));
  const read: { band: Band; formulas: unknown[][]; values: unknown[][]; types: unknown[][] }[] = [];
  const total = pending.length;
  let budget: number = CHUNKS.readCells;
  while (pending.length > 0) {
    const batch: Band[] = [];
    let cells = 0;
    while (pending.length > 0 && (batch.length === 0 || cells + size(pending[0]!.ref) <= budget)) {
      const band = pending.shift()!;
      cells += size(band.ref);
      batch.push(band);
    }
    const ranges = batch.map((band) => sheets.items[band.index]!.getRange(rangeAddress(band.ref)).load("formulas,values,valueTypes"));
    try {
      await context.sync();
    } catch (error) {
      if (!tooLarge(error) || (batch.length === 1 && batch[0]!.ref.top === batch[0]!.ref.bottom)) throw error;
      // Too large for one response: put the bands back, halved.
      budget = Math.max(1, Math.floor(Math.min(budget, cells) / 2)); // half of what was refused, not of a budget it never used
      pending.unshift(...batch.flatMap((band) => bands(band.ref, Math.max(1, Math.floor(size(band.ref) / 2))).map((ref) => ({ index: band.index, ref }))));
      continue;
    }
    batch.forEach((band, i) => read.push({ band, formulas: ranges[i]!.formulas, values: ranges[i]!.values, types: ranges[i]!.valueTypes }));
    if (total > 1) onProgress?.(`Reading the workbook: ${Math.min(read.length, total)} of ${total} parts…`);
  }

  return sheets.items.map((sheet, index) => {
    const ref = refs[index];
    if (!ref) return { sheet: sheet.name, protected: false, used: null, cells: [], values: [] };
    // Bands are read in order (halves go back in place), so a sheet's parts come top to bottom.
    const parts = read.filter((r) => r.band.index === index);
    const formulas = parts.flatMap((p) => p.formulas);
    const values = constantsOf(parts.flatMap((p) => p.values), parts.flatMap((p) => p.types));
    return {
      sheet: sheet.name,
      protected: support.formatting ? sheet.protection.protected : false,
      used: ref,
      cells: findTokenCells(ref, formulas, values),
      values,
    };
  });
}

const size = (r: RangeRef): number => (r.bottom - r.top + 1) * (r.right - r.left + 1);

/** Per sheet with TOKEN cells, for the "what will happen" line. */
export const scanCounts = (scan: readonly SheetScan[]): { sheet: string; cells: number }[] =>
  scan.filter((s) => s.cells.length > 0).map((s) => ({ sheet: s.sheet, cells: s.cells.length }));

/** Horizontal runs of adjacent cells in one row, so a row of TOKEN cells is one write (cells come row by row, as findTokenCells gives them). */
function runsOf(cells: readonly TokenCell[]): TokenCell[][] {
  const runs: TokenCell[][] = [];
  for (const cell of cells) {
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && prev.row === cell.row && prev.col + 1 === cell.col) last.push(cell);
    else runs.push([cell]);
  }
  return runs;
}

const sliceValues = (scan: SheetScan, r: RangeRef): unknown[][] => {
  const used = scan.used!;
  const out: unknown[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line: unknown[] = [];
    for (let col = r.left; col <= r.right; col++) line.push(scan.values[row - used.top]?.[col - used.left] ?? "");
    out.push(line);
  }
  return out;
};

/**
 * Replaces every TOKEN.* formula with its current value, whole or not at
 * all: a protected sheet holding TOKEN cells, a TOKEN function still
 * calculating (#BUSY!) or unknown to Excel (#NAME?) refuses the action
 * before anything is written.
 */
export async function makeShareable(run: RunBatch, support: { readonly formatting: boolean; readonly spills: boolean }, onProgress?: Progress): Promise<ShareableReport> {
  return run(async (context) => {
    const scan = (await scanIn(context, support, onProgress)).filter((s) => s.cells.length > 0);
    if (scan.length === 0) return { sheets: [], formulas: 0, spilled: 0, anchorsOnly: !support.spills };

    const locked = scan.filter((s) => s.protected).map((s) => `"${s.sheet}"`);
    if (locked.length > 0) throw refuse(`${locked.join(", ")} ${locked.length === 1 ? "is" : "are"} protected and hold TOKEN formulas. Unprotect (Review > Unprotect Sheet) and try again; nothing was changed.`);
    const showing = (error: string): number => scan.reduce((n, s) => n + s.cells.filter((c) => c.value === error).length, 0);
    const busy = showing("#BUSY!");
    if (busy > 0) throw refuse(`${busy} TOKEN ${busy === 1 ? "formula is" : "formulas are"} still calculating. Wait a moment and try again; nothing was changed.`);
    // #NAME? means Excel does not know the TOKEN functions right now: their values are not worth keeping.
    const unknown = showing("#NAME?");
    if (unknown > 0) throw refuse(`${unknown} TOKEN ${unknown === 1 ? "formula shows" : "formulas show"} #NAME? (the add-in's functions are not loaded), so there is no value to keep. Reload the add-in and try again; nothing was changed.`);

    // Where each TOKEN cell spills (a null object when it does not): one sync per CHUNKS.spillReads cells.
    let queued = 0;
    const spills: Excel.Range[][] | undefined = support.spills ? [] : undefined;
    if (spills) {
      for (const s of scan) {
        const sheet = context.workbook.worksheets.getItem(s.sheet);
        const row: Excel.Range[] = [];
        for (const c of s.cells) {
          row.push(sheet.getRange(cellAddress(c.row, c.col)).getSpillingToRangeOrNullObject().load("address"));
          if (++queued % CHUNKS.spillReads === 0) await context.sync();
        }
        spills.push(row);
      }
      if (queued % CHUNKS.spillReads !== 0) await context.sync();
    }

    // The writes, sent whenever the queued values reach CHUNKS.writeBytes.
    let bytes = 0;
    let parts = 0;
    const write = async (range: Excel.Range, values: unknown[][]): Promise<void> => {
      range.values = values;
      bytes += JSON.stringify(values).length;
      if (bytes >= CHUNKS.writeBytes) {
        await context.sync();
        parts += 1;
        bytes = 0;
        onProgress?.(`Writing values: part ${parts} sent…`);
      }
    };

    const sheets: ShareableSheetReport[] = [];
    for (const [i, s] of scan.entries()) {
      const sheet = context.workbook.worksheets.getItem(s.sheet);
      const blocks: RangeRef[] = [];
      const single: TokenCell[] = [];
      s.cells.forEach((c, j) => {
        const spill = spills?.[i]?.[j];
        if (spill && !spill.isNullObject) blocks.push(parseRange(localAddress(spill.address)));
        else single.push(c);
      });
      let spilled = 0;
      for (const block of blocks) {
        // A block too large for one request goes in bands of rows.
        for (const band of bands(block, Math.max(1, Math.floor(CHUNKS.writeBytes / 256)))) await write(sheet.getRange(rangeAddress(band)), sliceValues(s, band));
        spilled += size(block) - 1;
      }
      for (const run of runsOf(single)) {
        const first = run[0]!;
        await write(sheet.getRange(rangeAddress({ top: first.row, left: first.col, bottom: first.row, right: first.col + run.length - 1 })), [run.map((c) => c.value)]);
      }
      sheets.push({ sheet: s.sheet, formulas: s.cells.length, spilled });
    }
    if (bytes > 0) await context.sync(); // the last (usually the only) write; every write adds bytes, so none sent yet means bytes > 0
    return {
      sheets,
      formulas: sheets.reduce((n, s) => n + s.formulas, 0),
      spilled: sheets.reduce((n, s) => n + s.spilled, 0),
      anchorsOnly: !support.spills,
    };
  });
}

export function describeShareable(report: ShareableReport): string {
  if (report.formulas === 0) return "No TOKEN formulas found: the workbook already works without the add-in.";
  const per = report.sheets.map((s) => `${quoteSheet(s.sheet)} ${s.formulas}`).join(", ");
  let text = `Replaced ${report.formulas} TOKEN ${report.formulas === 1 ? "formula" : "formulas"} with ${report.formulas === 1 ? "its value" : "their values"} (${per}).`;
  if (report.spilled > 0) text += ` ${report.spilled} spilled ${report.spilled === 1 ? "cell was" : "cells were"} kept as values.`;
  if (report.anchorsOnly) text += " This Excel cannot report spilled ranges (ExcelApi 1.12), so only the formula cells were converted: a TOKEN formula that filled the cells beside it now keeps only its first value.";
  text += " Native formulas were left as they are.";
  return text;
}
