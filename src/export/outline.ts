import type { Worksheet } from "exceljs";
import type { SheetPlan } from "../plans/types";

/** Rows and columns a plan folds away (collapsed outline groups), 1-based. */
export function foldedLines(plan: SheetPlan): { readonly rows: ReadonlySet<number>; readonly columns: ReadonlySet<number> } {
  const rows = new Set<number>();
  const columns = new Set<number>();
  for (const g of plan.groups ?? []) for (let i = g.from; i <= g.to; i++) (g.by === "rows" ? rows : columns).add(i);
  return { rows, columns };
}

/**
 * Each group becomes outline level 1, hidden (collapsed); the +/- button
 * sits on the line before the group (summary above and left), beside the
 * "Working" title that says what the group holds.
 */
export function foldGroups(ws: Worksheet, plan: SheetPlan): void {
  const groups = plan.groups ?? [];
  if (groups.length === 0) return;
  const { rows, columns } = foldedLines(plan);
  for (const r of rows) {
    const row = ws.getRow(r);
    row.outlineLevel = 1;
    row.hidden = true;
  }
  for (const c of columns) {
    const col = ws.getColumn(c);
    col.outlineLevel = 1;
    col.hidden = true;
  }
  ws.properties.outlineLevelRow = rows.size > 0 ? 1 : 0;
  ws.properties.outlineLevelCol = columns.size > 0 ? 1 : 0;
  ws.properties.outlineProperties = { summaryBelow: false, summaryRight: false };
}
