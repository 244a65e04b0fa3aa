import type { Workbook } from "exceljs";
import type { SheetPlan } from "../plans/types";
import { union, type RangeRef } from "./address";
import { writeBlock } from "./cells";
import { addNativeCharts } from "./charts";
import { chartArea } from "./chartXml";
import ExcelJS from "./exceljs";
import { addConditionalFormat, addName, addTable, addValidation, freeze } from "./features";
import { foldGroups } from "./outline";
import { setupPage } from "./pageSetup";
import { fitWrappedRows } from "./rows";

/**
 * Writes sheet plans to an .xlsx file, in memory. Formulas are native and
 * carry no cached results; the file asks for a full calculation on load, so
 * Excel and LibreOffice compute every value when they open it. Charts are
 * not written (exceljs cannot): their data stays on the sheet with a note.
 * No Node or DOM APIs: this runs in Node and, loaded lazily, in the pane.
 */
export async function planToXlsx(plans: readonly SheetPlan[]): Promise<Uint8Array> {
  const wb = buildWorkbook(plans);
  const data: unknown = await wb.xlsx.writeBuffer();
  const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data as ArrayBuffer);
  return addNativeCharts(bytes, plans);
}

/** The exceljs workbook for the plans (exposed for tests and tools that post-process it). */
export function buildWorkbook(plans: readonly SheetPlan[]): Workbook {
  if (plans.length === 0) throw new Error("There is nothing to write: no sheet plans.");
  const wb = new ExcelJS.Workbook();
  wb.creator = "token-model";
  wb.calcProperties.fullCalcOnLoad = true;
  // A workbook needs one visible sheet; if every plan is hidden, the first is shown.
  const firstVisible = Math.max(0, plans.findIndex((p) => p.visible));
  plans.forEach((plan, i) => writeSheet(wb, plan, plan.visible || i === firstVisible));
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: firstVisible, activeTab: firstVisible, visibility: "visible" }];
  return wb;
}

function writeSheet(wb: Workbook, plan: SheetPlan, visible: boolean): void {
  const ws = wb.addWorksheet(plan.name, { state: visible ? "visible" : "hidden" });
  const used: RangeRef[] = [{ top: 1, left: 1, bottom: 1, right: 1 }];
  for (const block of plan.blocks) used.push(writeBlock(ws, block));
  for (const { column, width } of plan.columnWidths) ws.getColumn(column.toUpperCase()).width = width;
  fitWrappedRows(ws, plan);
  for (const table of plan.tables) used.push(addTable(ws, table));
  for (const name of plan.names) addName(wb, plan.name, name);
  for (const validation of plan.validations) addValidation(ws, validation);
  plan.conditionalFormats.forEach((cf, i) => addConditionalFormat(ws, cf, i + 1));
  for (const chart of plan.charts) used.push(chartArea(chart));
  freeze(ws, plan);
  foldGroups(ws, plan);
  setupPage(ws, plan, union(used));
}
