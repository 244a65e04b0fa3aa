import type { Worksheet } from "exceljs";
import type { SheetPlan } from "../plans/types";
import { columnLetters, type RangeRef } from "./address";
import { foldedLines } from "./outline";

/** Excel's default column width (characters) and row height (points). */
const DEFAULT_WIDTH = 8.43;
const ROW_POINTS = 15;
/** A column of n characters is about n * 7 + 5 pixels wide; a point is 0.75 px. */
const columnPoints = (chars: number): number => (chars * 7 + 5) * 0.75;

/** Printable area of a Letter page with the margins below (A4 is close), in points. */
const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
const PAGE = {
  portrait: { width: (8.5 - 0.8) * 72, height: (11 - 1) * 72 },
  landscape: { width: (11 - 0.8) * 72, height: (8.5 - 1) * 72 },
} as const;
/** Below this scale a one-page print is too small to read: the sheet then runs over pages down, still one page wide. */
const MIN_ONE_PAGE_SCALE = 0.6;

export type PageChoice =
  /** Scaled to fit: one page wide, and one page tall (fitToHeight 1) or as many pages as it takes (0). */
  | { readonly orientation: "portrait" | "landscape"; readonly fitToHeight: 0 | 1 };

/**
 * The page a sheet of this size prints best on (sizes in points): one page
 * when that stays readable (at least 60%), else one page wide over as many
 * pages as it takes, portrait when it fits readably, else landscape.
 */
export function choosePage(widthPoints: number, heightPoints: number): PageChoice {
  const fit = (o: keyof typeof PAGE, tall: boolean): number =>
    Math.min(1, PAGE[o].width / widthPoints, tall ? PAGE[o].height / heightPoints : Infinity);
  const best = (tall: boolean): { o: keyof typeof PAGE; s: number } =>
    (["landscape", "portrait"] as const).map((o) => ({ o, s: fit(o, tall) })).sort((a, b) => b.s - a.s)[0]!;
  const onePage = best(true);
  if (onePage.s >= MIN_ONE_PAGE_SCALE) return { orientation: onePage.o, fitToHeight: 1 };
  if (fit("portrait", false) >= MIN_ONE_PAGE_SCALE) return { orientation: "portrait", fitToHeight: 0 };
  // Wide sheets still print one page wide (a reader follows a row across one sheet of paper), in landscape.
  return { orientation: "landscape", fitToHeight: 0 };
}

/**
 * Page setup from the plan: the print area is what the plan puts on the
 * sheet (blocks, tables, charts) from A1, always one page wide; folded
 * (collapsed) rows and columns do not print and do not count.
 */
export function setupPage(ws: Worksheet, plan: SheetPlan, used: RangeRef | null): void {
  if (!used) return;
  const widths = new Map(plan.columnWidths.map((w) => [w.column.toUpperCase(), w.width]));
  const folded = foldedLines(plan);
  let widthPoints = 0;
  for (let c = used.left; c <= used.right; c++) if (!folded.columns.has(c)) widthPoints += columnPoints(widths.get(columnLetters(c)) ?? DEFAULT_WIDTH);
  let rows = 0;
  for (let r = used.top; r <= used.bottom; r++) if (!folded.rows.has(r)) rows += 1;
  const page = choosePage(widthPoints, rows * ROW_POINTS);
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: page.orientation,
    fitToPage: true, fitToWidth: 1, fitToHeight: page.fitToHeight,
    margins: MARGINS,
    // exceljs puts a "$" before each end it is given: "A$1:H$40" becomes "$A$1:$H$40".
    // It does not escape quotes in sheet names, so such sheets print their used range instead.
    // A hidden sheet gets none: LibreOffice would print it.
    ...(plan.name.includes("'") || !plan.visible ? {} : { printArea: `${columnLetters(used.left)}$${used.top}:${columnLetters(used.right)}$${used.bottom}` }),
  };
}
