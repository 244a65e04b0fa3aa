import type { CellValue, Worksheet } from "exceljs";
import type { CellBlock, PlanValue } from "../plans/types";
import { parseCell, type RangeRef } from "./address";
import { toFileFormula } from "./formulas";
import { alignmentOf, fillOf, fontOf } from "./styles";

/**
 * A plan value as exceljs stores it. Formulas carry no cached result, so
 * whoever opens the file computes them (the workbook also asks for a full
 * calculation on load).
 */
export function cellValue(value: PlanValue): CellValue {
  if (typeof value === "string" && value.startsWith("=")) return { formula: toFileFormula(value) } as CellValue;
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`A plan cell holds ${value}; cells take finite numbers.`);
  return value;
}

const formatAt = (block: CellBlock, r: number, c: number): string | undefined =>
  typeof block.numberFormat === "string" ? block.numberFormat : block.numberFormat?.[r]?.[c];

/** Writes one block (values, formulas, number formats, style); returns the rectangle it covers. */
export function writeBlock(ws: Worksheet, block: CellBlock): RangeRef {
  const { row: top, col: left } = parseCell(block.at);
  const style = block.style ?? {};
  const font = fontOf(style);
  const fill = fillOf(style);
  const alignment = alignmentOf(style);
  let width = 0;
  block.cells.forEach((rowValues, r) => {
    width = Math.max(width, rowValues.length);
    rowValues.forEach((value, c) => {
      const cell = ws.getCell(top + r, left + c);
      // "" stays a truly blank cell, as Excel makes it when "" is written through Office.js; an empty text cell would stop overflow.
      if (value !== null && value !== "") cell.value = cellValue(value);
      const format = formatAt(block, r, c);
      if (format) cell.numFmt = format;
      if (font) cell.font = { ...font };
      if (fill) cell.fill = fill;
      if (alignment) cell.alignment = { ...alignment };
    });
  });
  return { top, left, bottom: top + Math.max(block.cells.length, 1) - 1, right: left + Math.max(width, 1) - 1 };
}
