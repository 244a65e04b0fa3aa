import type { Worksheet } from "exceljs";
import type { ChartPlan } from "../plans/types";
import { parseCell, type RangeRef } from "./address";

/**
 * exceljs cannot write charts. The chart's data is already on the sheet, so
 * the file keeps it and a two-line note sits where the chart would be: the
 * add-in draws the chart when the model is built inside Excel.
 */
export const chartNote = (chart: ChartPlan): readonly [string, string] => [
  `Chart: ${chart.title} (${chart.kind})`,
  `Drawn by the add-in in Excel; its data is in ${chart.dataRange}.`,
];

/** Writes the note into empty cells at the anchor; returns the area it takes (the chart's width, two rows). */
export function addChartNote(ws: Worksheet, chart: ChartPlan): RangeRef {
  const { row, col } = parseCell(chart.anchor);
  chartNote(chart).forEach((line, i) => {
    const cell = ws.getCell(row + i, col);
    if (cell.value !== null && cell.value !== undefined) return;
    cell.value = line;
    cell.font = { italic: true, bold: i === 0, color: { argb: "FF7F7F7F" } };
  });
  return { top: row, left: col, bottom: row + 1, right: col + Math.max(chart.widthCells, 1) - 1 };
}
