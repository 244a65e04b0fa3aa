import type { Worksheet } from "exceljs";
import type { SheetPlan } from "../plans/types";
import { parseCell } from "./address";
import { foldedLines } from "./outline";

const DEFAULT_WIDTH = 8.43;
const LINE_POINTS = 15;
/** Column widths count digit widths; running (and italic) text is about as wide. */
const CHARS_PER_WIDTH = 1.05;

/** Lines a paragraph takes when wrapped at word breaks, as spreadsheets wrap it. */
function wrappedLines(paragraph: string, perLine: number): number {
  let lines = 1;
  let used = 0;
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    const need = used === 0 ? word.length : used + 1 + word.length;
    if (need <= perLine) { used = need; continue; }
    lines += used === 0 ? 0 : 1;
    lines += Math.floor(Math.max(0, word.length - 1) / perLine); // a word longer than a line breaks inside it
    used = word.length % perLine || perLine;
  }
  return lines;
}

/**
 * Rows that hold wrapped text get a height that shows all of it. Excel and
 * LibreOffice do not reliably grow rows of a generated file on open, so a
 * wrapped note would show its first line or two only. Text in folded
 * (collapsed) columns does not count: a row is as tall as what it shows.
 */
export function fitWrappedRows(ws: Worksheet, plan: SheetPlan): void {
  const widths = new Map(plan.columnWidths.map((w) => [w.column.toUpperCase(), w.width]));
  const folded = foldedLines(plan).columns;
  const lines = new Map<number, number>();
  for (const block of plan.blocks) {
    if (!block.style?.wrap) continue;
    const { row: top, col: left } = parseCell(block.at);
    const scale = (block.style.fontSize ?? 11) / 11;
    block.cells.forEach((values, r) => values.forEach((value, c) => {
      if (typeof value !== "string" || value.startsWith("=") || folded.has(left + c)) return;
      const column = ws.getColumn(left + c);
      const width = widths.get(column.letter) ?? column.width ?? DEFAULT_WIDTH;
      const perLine = Math.max(1, Math.floor((width * CHARS_PER_WIDTH) / scale));
      const needed = value.split("\n").reduce((n, para) => n + wrappedLines(para, perLine), 0) * scale;
      lines.set(top + r, Math.max(lines.get(top + r) ?? 1, needed));
    }));
  }
  for (const [row, n] of lines) if (n > 1) ws.getRow(row).height = Math.ceil(n * LINE_POINTS);
}
