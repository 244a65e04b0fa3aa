import type { DataValidation, Workbook, Worksheet } from "exceljs";
import type { ConditionalFormatPlan, NamePlan, SheetPlan, TablePlan, ValidationPlan } from "../plans/types";
import { parseRange, quoteSheet, rangeAddress, type RangeRef } from "./address";
import { toFileFormula } from "./formulas";
import { argb } from "./styles";

/**
 * A table over cells already written: exceljs writes a table's header and
 * rows itself, so it is handed back exactly what the sheet holds and the
 * cells (values, formulas, formats, styles) stay as the blocks left them.
 * Header cells become text, as Excel requires of table headers.
 */
export function addTable(ws: Worksheet, table: TablePlan): RangeRef {
  const r = parseRange(table.range);
  // A table needs at least one data row; a header-only plan gets one blank row.
  const bottom = Math.max(r.bottom, r.top + 1);
  const seen = new Set<string>();
  const columns = [];
  for (let c = r.left; c <= r.right; c++) {
    const header = ws.getCell(r.top, c);
    let name = header.value === null || header.value === undefined ? "" : String(header.text ?? header.value).trim();
    if (name === "") name = `Column${c - r.left + 1}`;
    while (seen.has(name.toLowerCase())) name = `${name}_`;
    seen.add(name.toLowerCase());
    header.value = name;
    columns.push({ name, filterButton: true });
  }
  const rows = [];
  for (let row = r.top + 1; row <= bottom; row++) {
    const values = [];
    for (let c = r.left; c <= r.right; c++) values.push(ws.getCell(row, c).value);
    rows.push(values);
  }
  ws.addTable({
    name: table.name,
    ref: rangeAddress({ ...r, bottom: r.top, right: r.left }),
    headerRow: true,
    totalsRow: false,
    style: { theme: (table.style ?? "TableStyleMedium2") as never, showRowStripes: true },
    columns,
    rows,
  });
  return { ...r, bottom };
}

/** "$B$3" or "B3:C4" -> absolute; a plan name always points at fixed cells. */
const absolute = (range: string): string => rangeAddress(parseRange(range), true);

export function addName(wb: Workbook, sheetName: string, name: NamePlan): void {
  wb.definedNames.add(`${quoteSheet(sheetName)}!${absolute(name.range)}`, name.name);
}

/** Excel repairs a file whose validation texts pass its limits: an error message 225 characters, a prompt 255, a literal list 255. */
const LIMITS = { error: 225, prompt: 255, list: 255 } as const;
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`);

export function validationOf(plan: ValidationPlan): DataValidation {
  const messages = {
    showErrorMessage: true, errorStyle: "stop" as const, errorTitle: "Not allowed", error: clip(plan.error, LIMITS.error),
    ...(plan.prompt ? { showInputMessage: true, prompt: clip(plan.prompt, LIMITS.prompt) } : {}),
  };
  if (plan.list) {
    const items = (plan.list.items ?? []).join(",");
    if (plan.list.source === undefined && items.length > LIMITS.list) {
      throw new Error(`The dropdown on ${plan.range} lists ${items.length} characters; Excel takes ${LIMITS.list}. Put the items on a sheet and use a source range.`);
    }
    const formula = plan.list.source !== undefined ? toFileFormula(plan.list.source) : `"${items.replace(/"/g, '""')}"`;
    return { type: "list", allowBlank: true, formulae: [formula], ...messages };
  }
  const { min, max } = plan.decimal ?? {};
  if (min !== undefined && max !== undefined) return { type: "decimal", operator: "between", allowBlank: true, formulae: [min, max], ...messages };
  if (min !== undefined) return { type: "decimal", operator: "greaterThanOrEqual", allowBlank: true, formulae: [min], ...messages };
  if (max !== undefined) return { type: "decimal", operator: "lessThanOrEqual", allowBlank: true, formulae: [max], ...messages };
  throw new Error(`The validation on ${plan.range} has neither a list nor a number bound.`);
}

/** exceljs has sheet-level validations (ranges squeezed into one rule) but leaves them out of its types. */
interface SheetValidations {
  readonly dataValidations: { add(range: string, validation: DataValidation): void };
}

export function addValidation(ws: Worksheet, plan: ValidationPlan): void {
  (ws as unknown as SheetValidations).dataValidations.add(rangeAddress(parseRange(plan.range)), validationOf(plan));
}

export function addConditionalFormat(ws: Worksheet, plan: ConditionalFormatPlan, priority: number): void {
  const font = {
    ...(plan.bold ? { bold: true } : {}),
    ...(plan.fontColor ? { color: { argb: argb(plan.fontColor) } } : {}),
  };
  ws.addConditionalFormatting({
    ref: rangeAddress(parseRange(plan.range)),
    rules: [{
      type: "expression",
      priority,
      formulae: [toFileFormula(plan.formula)],
      style: {
        // Differential fills take their colour from bgColor.
        ...(plan.fill ? { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(plan.fill) } } } : {}),
        ...(Object.keys(font).length > 0 ? { font } : {}),
      },
    }],
  });
}

export function freeze(ws: Worksheet, plan: SheetPlan): void {
  const { rows = 0, columns = 0 } = plan.freeze ?? {};
  if (rows > 0 || columns > 0) ws.views = [{ state: "frozen", xSplit: columns, ySplit: rows }];
}
