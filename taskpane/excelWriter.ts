import { cellAddress, columnLetters, parseCell, parseRange, quoteSheet, rangeAddress } from "../src/export/address";
import type { CellBlock, CellStyle, ChartKind, ChartPlan, OutlineGroupPlan, PlanValue, SheetPlan } from "../src/plans/types";
import { refuse } from "./errors";
import { ALL_SUPPORTED, type ApiSupport } from "./support";

/**
 * The thin Office edge: queues a list of SheetPlans onto an Excel request
 * context. It never syncs (the caller owns the batch and its round trips)
 * and never reads from the workbook: what already exists is passed in, read
 * by the caller in its own single read sync.
 *
 * "create" adds every sheet; a plan whose sheet, table or defined name is
 * already taken is refused before anything is queued.
 * "update" rewrites only what the plan owns on sheets that exist (blocks with
 * role "label" and "computed"), and adds the plan's tables and charts that
 * the sheet lacks (a Monte Carlo run brings a table and a fan chart to a
 * Stress Test built without one). A table is added only when no table or
 * defined name has its name, a chart only when the sheet has no chart of
 * that name; what exists is never changed, whoever made it. Input blocks,
 * dropdowns and conditional formats (Excel cannot tell ours from a copy, so
 * adding them again would stack duplicates), widths and panes on an existing
 * sheet stay as they are. A sheet that does not exist yet is created whole,
 * inputs included. Nothing is ever deleted.
 */

export type WriteMode = "create" | "update";

/** What the workbook holds before the write, as read by the caller. */
export interface WorkbookState {
  readonly sheets: readonly string[];
  /** Defined names and table names: Excel keeps them in one namespace. */
  readonly names: readonly string[];
  /** Charts by sheet; null when they could not be read (update then adds none). */
  readonly charts: readonly { readonly sheet: string; readonly name: string }[] | null;
}

export const EMPTY_WORKBOOK: WorkbookState = { sheets: [], names: [], charts: [] };

export interface ApplyOptions {
  readonly support?: ApiSupport;
  readonly existing?: WorkbookState;
}

export interface SheetWrite {
  readonly key: SheetPlan["key"];
  readonly name: string;
  readonly action: "created" | "updated";
  /** Cells written (formulas or constants). */
  readonly cells: number;
  /** Cells of input blocks left alone (update of an existing sheet). */
  readonly keptInputCells: number;
  /** Tables added (update: only the ones the sheet lacked). */
  readonly tables: number;
  readonly names: number;
  readonly validations: number;
  readonly conditionalFormats: number;
  /** Charts added (update: only the ones the sheet lacked). */
  readonly charts: number;
}

export interface WriteSummary {
  readonly sheets: readonly SheetWrite[];
  /** Plan features this Excel could not take (by requirement set), e.g. "3 dropdowns (ExcelApi 1.8)". */
  readonly skipped: readonly string[];
}

const fold = (s: string): string => s.toLowerCase();

/** Excel's column width unit is points; a plan's is characters of the default font (about 7 px each, plus 5 px padding). */
export const charsToPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

const CHART_TYPES: Readonly<Record<ChartKind, Excel.ChartType | `${Excel.ChartType}`>> = {
  doughnut: "Doughnut",
  bar: "BarClustered",
  barStacked: "BarStacked",
  columnClustered: "ColumnClustered",
  columnStacked: "ColumnStacked",
  line: "Line",
};

/** Rows x columns of a block; rows may be ragged in a plan, Excel wants a rectangle. */
function blockShape(block: CellBlock): { rows: number; cols: number } {
  return { rows: block.cells.length, cols: Math.max(0, ...block.cells.map((r) => r.length)) };
}

/** The A1 address a block covers on its sheet, e.g. "B3:D5". */
export function blockAddress(block: CellBlock): string {
  const { row, col } = parseCell(block.at);
  const { rows, cols } = blockShape(block);
  return rangeAddress({ top: row, left: col, bottom: row + Math.max(rows, 1) - 1, right: col + Math.max(cols, 1) - 1 });
}

/** Text Excel would read as something else when typed: a number, percent, truth value, date or time, or a leading apostrophe. */
const REPARSED = [/^[-+]?[$€£]?\s*(\d[\d,]*(\.\d*)?|\.\d+)\s*%?$/, /^(true|false)$/i, /^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$/, /^\d{1,2}:\d{2}/, /^'/];

/**
 * A plan constant as Office.js should receive it. Office.js parses what it
 * is given like typed input, so the text "10%" would land as the number
 * 0.1; a leading apostrophe keeps such text as text (it is not part of the
 * value), as the .xlsx writer stores it.
 */
export const cellInput = (value: PlanValue): PlanValue =>
  typeof value === "string" && !value.startsWith("=") && REPARSED.some((r) => r.test(value.trim())) ? `'${value}` : value;

/**
 * The block as the whole 2-D arrays Office.js takes. A null cell stays null:
 * Office.js leaves such a cell unchanged, which is what a plan's gap means.
 */
export function blockArrays(block: CellBlock): { formulas: PlanValue[][]; numberFormat?: string[][] } {
  const { cols } = blockShape(block);
  const formulas = block.cells.map((row) => Array.from({ length: cols }, (_, c) => cellInput(row[c] ?? null)));
  if (block.numberFormat === undefined) return { formulas };
  const nf = block.numberFormat;
  const numberFormat = formulas.map((row, r) =>
    row.map((_, c) => (typeof nf === "string" ? nf : nf[r]?.[c] ?? "General")));
  return { formulas, numberFormat };
}

function applyStyle(range: Excel.Range, style: CellStyle): void {
  const font = range.format.font;
  if (style.bold !== undefined) font.bold = style.bold;
  if (style.italic !== undefined) font.italic = style.italic;
  if (style.fontColor) font.color = style.fontColor;
  if (style.fontSize) font.size = style.fontSize;
  if (style.fill) range.format.fill.color = style.fill;
  if (style.wrap) {
    range.format.wrapText = true;
    range.format.verticalAlignment = "Top";
  }
  if (style.horizontal) range.format.horizontalAlignment = style.horizontal === "left" ? "Left" : style.horizontal === "center" ? "Center" : "Right";
}

function writeBlock(sheet: Excel.Worksheet, block: CellBlock): number {
  // No rows means no columns either (blockShape), so this catches both empty shapes.
  const { cols } = blockShape(block);
  if (cols === 0) return 0;
  const range = sheet.getRange(blockAddress(block));
  const { formulas, numberFormat } = blockArrays(block);
  // Number formats first, so a typed constant is parsed under its final format.
  if (numberFormat) range.numberFormat = numberFormat;
  range.formulas = formulas;
  if (block.style) applyStyle(range, block.style);
  return formulas.reduce((n, row) => n + row.filter((v) => v !== null).length, 0);
}

function addTable(sheet: Excel.Worksheet, sheetName: string, t: SheetPlan["tables"][number]): void {
  const table = sheet.tables.add(`${quoteSheet(sheetName)}!${rangeAddress(parseRange(t.range))}`, true);
  table.name = t.name;
  if (t.style) table.style = t.style;
}

/** Adds the chart; false when its categories sit apart and this Excel cannot bind them (ExcelApi 1.7): it then shows 1, 2, 3 ... */
function addChart(sheet: Excel.Worksheet, chart: ChartPlan, support: ApiSupport): boolean {
  const added = sheet.charts.add(CHART_TYPES[chart.kind] as Excel.ChartType, sheet.getRange(chart.dataRange), chart.seriesBy === "rows" ? "Rows" : "Columns");
  added.name = chart.name;
  added.title.text = chart.title;
  const bound = chart.categories === undefined || support.events;
  if (chart.categories !== undefined && support.events) added.axes.categoryAxis.setCategoryNames(sheet.getRange(chart.categories));
  const axis = chart.valueAxis;
  if (axis) {
    if (axis.min !== undefined) added.axes.valueAxis.minimum = axis.min;
    if (axis.max !== undefined) added.axes.valueAxis.maximum = axis.max;
    // An axis number format is ExcelApi 1.8, the set data validation needs.
    if (axis.format !== undefined && support.dataValidation) added.axes.valueAxis.numberFormat = axis.format;
  }
  const { row, col } = parseCell(chart.anchor);
  added.setPosition(chart.anchor, cellAddress(row + Math.max(chart.heightCells, 1) - 1, col + Math.max(chart.widthCells, 1) - 1));
  return bound;
}

function addValidation(sheet: Excel.Worksheet, v: SheetPlan["validations"][number]): void {
  const dv = sheet.getRange(v.range).dataValidation;
  if (v.list) {
    const source = v.list.source ?? (v.list.items ?? []).join(",");
    dv.rule = { list: { inCellDropDown: true, source } };
  } else if (v.decimal) {
    const { min, max } = v.decimal;
    dv.rule = {
      decimal: min !== undefined && max !== undefined
        ? { formula1: min, formula2: max, operator: "Between" }
        : min !== undefined ? { formula1: min, operator: "GreaterThanOrEqualTo" } : { formula1: max ?? 0, operator: "LessThanOrEqualTo" },
    };
  }
  dv.errorAlert = { showAlert: true, style: "Stop", title: "Not allowed", message: v.error };
  if (v.prompt) dv.prompt = { showPrompt: true, title: "", message: v.prompt };
}

function addConditionalFormat(sheet: Excel.Worksheet, cf: SheetPlan["conditionalFormats"][number]): void {
  const format = sheet.getRange(cf.range).conditionalFormats.add("Custom");
  format.custom.rule.formula = cf.formula;
  if (cf.fill) format.custom.format.fill.color = cf.fill;
  if (cf.fontColor) format.custom.format.font.color = cf.fontColor;
  if (cf.bold) format.custom.format.font.bold = true;
}

/** "40:110" or "X:CE": the whole rows or columns of a plan's group. */
export const groupAddress = (g: OutlineGroupPlan): string =>
  g.by === "rows" ? `${g.from}:${g.to}` : `${columnLetters(g.from)}:${columnLetters(g.to)}`;

/**
 * Folds a plan's working rows or helper columns: an outline group, collapsed
 * (ExcelApi 1.10); where Excel lacks outlines, hidden instead (1.2), which
 * keeps the sheet as clean but shows no +/- button. Returns how it went.
 */
function foldGroup(sheet: Excel.Worksheet, g: OutlineGroupPlan, support: ApiSupport): "grouped" | "hidden" | "skipped" {
  const range = sheet.getRange(groupAddress(g));
  const option = g.by === "rows" ? "ByRows" : "ByColumns";
  if (support.outline) {
    range.group(option);
    range.hideGroupDetails(option);
    return "grouped";
  }
  if (!support.formatting) return "skipped";
  if (g.by === "rows") range.rowHidden = true;
  else range.columnHidden = true;
  return "hidden";
}

/** The top rows, the left columns or both; called only when one is positive, so with no rows it freezes columns. */
function freeze(sheet: Excel.Worksheet, rows: number, columns: number): void {
  if (rows > 0 && columns > 0) sheet.freezePanes.freezeAt(`A1:${columnLetters(columns)}${rows}`);
  else if (rows > 0) sheet.freezePanes.freezeRows(rows);
  else sheet.freezePanes.freezeColumns(columns);
}

/** "1 chart", "3 charts": the notes count what an older Excel left out. */
const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Refuses, before anything is queued, a write that would collide with what exists. */
function checkCollisions(plans: readonly SheetPlan[], mode: WriteMode, existing: WorkbookState): void {
  const sheets = new Set(existing.sheets.map(fold));
  const names = new Set(existing.names.map(fold));
  for (const plan of plans) {
    if (sheets.has(fold(plan.name))) {
      if (mode === "create") throw refuse(`A sheet named "${plan.name}" already exists; nothing was changed. Build with a free name or choose "update existing".`);
      continue; // update of an existing sheet: its missing names are added, existing ones kept
    }
    // A new sheet needs its own names; one that is taken (say, left behind by a deleted sheet) is not silently reused.
    for (const n of [...plan.names.map((x) => x.name), ...plan.tables.map((t) => t.name)]) {
      if (names.has(fold(n))) {
        throw refuse(`The name "${n}" is already used in this workbook, so "${plan.name}" cannot be created with it; nothing was changed. Remove or rename it (Formulas > Name Manager) and try again.`);
      }
    }
  }
}

/**
 * Queues everything the plans describe. Order matters when Excel runs the
 * batch: all new sheets first, then every defined name, then cells, so a
 * formula that reads another sheet or a name finds it already there.
 */
export function applyPlans(context: Excel.RequestContext, plans: readonly SheetPlan[], mode: WriteMode, options: ApplyOptions = {}): WriteSummary {
  const support = options.support ?? ALL_SUPPORTED;
  const existing = options.existing ?? EMPTY_WORKBOOK;
  if (!support.names) throw refuse("Building the model needs ExcelApi 1.4 (Excel 2016 or later, or Excel on the web): its formulas use defined names.");
  checkCollisions(plans, mode, existing);

  const existingSheets = new Set(existing.sheets.map(fold));
  const existingNames = new Set(existing.names.map(fold));
  const chartKey = (sheet: string, chart: string): string => JSON.stringify([fold(sheet), fold(chart)]);
  const existingCharts = existing.charts === null ? null : new Set(existing.charts.map((c) => chartKey(c.sheet, c.name)));
  const worksheets = context.workbook.worksheets;
  const targets = plans.map((plan) => {
    const isNew = !existingSheets.has(fold(plan.name));
    return { plan, isNew, sheet: isNew ? worksheets.add(plan.name) : worksheets.getItem(plan.name) };
  });

  const namesAdded = new Map<SheetPlan, number>();
  for (const { plan, sheet } of targets) {
    const missing = plan.names.filter((n) => !existingNames.has(fold(n.name)));
    for (const n of missing) context.workbook.names.add(n.name, sheet.getRange(n.range), n.comment);
    namesAdded.set(plan, missing.length);
  }

  const skipped = { widths: 0, hidden: 0, validations: 0, conditionalFormats: 0, freeze: 0, categories: 0, groups: 0, unfolded: 0 };
  const sheets = targets.map(({ plan, isNew, sheet }): SheetWrite => {
    let cells = 0;
    let keptInputCells = 0;
    for (const block of plan.blocks) {
      if (!isNew && block.role === "input") {
        keptInputCells += block.cells.reduce((n, r) => n + r.length, 0);
        continue;
      }
      cells += writeBlock(sheet, block);
    }
    const base = { key: plan.key, name: plan.name, cells, keptInputCells, names: namesAdded.get(plan) ?? 0 };
    if (!isNew) {
      // Only what the sheet lacks; an existing table or chart of that name, the model's or the user's, stays as it is.
      const tables = plan.tables.filter((t) => !existingNames.has(fold(t.name)));
      const charts = existingCharts === null ? [] : plan.charts.filter((c) => !existingCharts.has(chartKey(plan.name, c.name)));
      tables.forEach((t) => addTable(sheet, plan.name, t));
      charts.forEach((c) => { if (!addChart(sheet, c, support)) skipped.categories += 1; });
      return { ...base, action: "updated", tables: tables.length, validations: 0, conditionalFormats: 0, charts: charts.length };
    }

    if (support.formatting) {
      for (const { column, width } of plan.columnWidths) sheet.getRange(`${column}:${column}`).format.columnWidth = charsToPoints(width);
    } else skipped.widths += plan.columnWidths.length;
    plan.tables.forEach((t) => addTable(sheet, plan.name, t));
    if (support.dataValidation) plan.validations.forEach((v) => addValidation(sheet, v));
    else skipped.validations += plan.validations.length;
    if (support.conditionalFormats) plan.conditionalFormats.forEach((cf) => addConditionalFormat(sheet, cf));
    else skipped.conditionalFormats += plan.conditionalFormats.length;
    plan.charts.forEach((c) => { if (!addChart(sheet, c, support)) skipped.categories += 1; });
    const { rows = 0, columns = 0 } = plan.freeze ?? {};
    if (rows > 0 || columns > 0) {
      if (support.events) freeze(sheet, rows, columns);
      else skipped.freeze += 1;
    }
    for (const g of plan.groups ?? []) {
      const how = foldGroup(sheet, g, support);
      if (how === "hidden") skipped.groups += 1;
      else if (how === "skipped") skipped.unfolded += 1;
    }
    if (!plan.visible) {
      if (support.formatting) sheet.visibility = "Hidden";
      else skipped.hidden += 1;
    }
    return {
      ...base, action: "created", tables: plan.tables.length,
      validations: support.dataValidation ? plan.validations.length : 0,
      conditionalFormats: support.conditionalFormats ? plan.conditionalFormats.length : 0,
      charts: plan.charts.length,
    };
  });

  const notes: string[] = [];
  if (skipped.widths) notes.push(`${counted(skipped.widths, "column width")} (ExcelApi 1.2)`);
  if (skipped.hidden) notes.push(`hiding ${counted(skipped.hidden, "helper sheet")} (ExcelApi 1.2)`);
  if (skipped.validations) notes.push(`${counted(skipped.validations, "dropdown or input check", "dropdowns and input checks")} (ExcelApi 1.8)`);
  if (skipped.conditionalFormats) notes.push(`${counted(skipped.conditionalFormats, "conditional format")} (ExcelApi 1.6)`);
  if (skipped.freeze) notes.push(`frozen panes on ${counted(skipped.freeze, "sheet")} (ExcelApi 1.7)`);
  if (skipped.groups) notes.push(`outline groups: ${counted(skipped.groups, "working area is", "working areas are")} hidden instead of folded (ExcelApi 1.10)`);
  if (skipped.unfolded) notes.push(`folding ${counted(skipped.unfolded, "working area")} (ExcelApi 1.2)`);
  if (skipped.categories) notes.push(`category labels of ${counted(skipped.categories, "chart")}, which show 1, 2, 3 instead (ExcelApi 1.7)`);
  return { sheets, skipped: notes };
}
