import ExcelJS from "exceljs";
import { planToXlsx } from "../src/export";
import { columnLetters, parseCell, parseRange } from "../src/export/address";
import { buildModelPlan, DEFAULT_INPUTS, defaultNaming, namingFor, stressRunParams } from "../src/plans";
import type { SheetPlan } from "../src/plans/types";
import { monteCarlo } from "../src/stress";

/**
 * The workbook as a reader meets it: every visible sheet opened from the
 * exported .xlsx and checked for what the layout promises. Helper cells
 * (the grey "working" style) sit only in folded rows or columns; no row is
 * taller than its wrapped text needs; every sheet prints one page wide from a
 * print area; long tables keep their header in view (frozen or an Excel table).
 */

const WORKING_GREY = "FF7F7F7F";
const LINE_POINTS = 15;

const mc = stressRunParams(DEFAULT_INPUTS, { paths: 200 });
const cases: [string, SheetPlan[]][] = [
  ["the first model, with a Monte Carlo run", buildModelPlan(DEFAULT_INPUTS, defaultNaming(), { monteCarlo: { params: mc, result: monteCarlo(mc) }, made: { date: "2026-12-01" } })],
  ["a second model, without a run", buildModelPlan({ ...DEFAULT_INPUTS, archetype: "defi", stage: "early" }, namingFor(2))],
];

describe.each(cases)("%s", (_, plans) => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await planToXlsx(plans)) as unknown as ArrayBuffer);
  });
  const visible = plans.filter((p) => p.visible);
  const sheet = (plan: SheetPlan): ExcelJS.Worksheet => wb.getWorksheet(plan.name)!;
  const rowHidden = (ws: ExcelJS.Worksheet, r: number): boolean => ws.getRow(r).hidden;
  const colHidden = (ws: ExcelJS.Worksheet, c: number): boolean => ws.getColumn(c).hidden;

  it("starts with the Read me sheet", () => {
    expect(wb.worksheets[0]!.name).toBe(plans[0]!.name);
    expect(plans[0]!.key).toBe("readme");
  });

  test.each(visible.map((p) => [p.name, p] as const))("%s: no helper row or column is visible; folded lines are outline level 1 and hidden", (_, plan) => {
    const ws = sheet(plan);
    let helpers = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.font?.color?.argb !== WORKING_GREY) return;
      helpers += 1;
      if (!rowHidden(ws, r) && !colHidden(ws, c)) throw new Error(`${plan.name}!${cell.address} is a helper cell in plain view`);
    }));
    for (const g of plan.groups ?? []) {
      for (let i = g.from; i <= g.to; i++) {
        const line = g.by === "rows" ? ws.getRow(i) : ws.getColumn(i);
        expect([plan.name, g.by, i, line.hidden, line.outlineLevel]).toEqual([plan.name, g.by, i, true, 1]);
      }
    }
    // Sheets with working areas do fold them (the check above is not vacuous there).
    if (["feeSplit", "stressTest", "mechanics", "comparables", "productCore"].includes(plan.key)) {
      expect(helpers).toBeGreaterThan(0);
      expect(plan.groups?.length).toBeGreaterThan(0);
    }
  });

  test.each(visible.map((p) => [p.name, p] as const))("%s: no row is taller than its visible wrapped text needs", (_, plan) => {
    const ws = sheet(plan);
    for (let r = 1; r <= ws.rowCount; r++) {
      const height = ws.getRow(r).height;
      if (height === undefined || height <= LINE_POINTS) continue;
      // The most lines any visible wrapped text cell of the row could take: at least 0.8 characters per width unit.
      let most = 1;
      ws.getRow(r).eachCell({ includeEmpty: false }, (cell, c) => {
        if (!cell.alignment?.wrapText || colHidden(ws, c) || typeof cell.value !== "string") return;
        const perLine = Math.max(1, Math.floor((ws.getColumn(c).width ?? 8.43) * 0.8 / ((cell.font?.size ?? 11) / 11)));
        const lines = cell.value.split("\n").reduce((n, p) => n + Math.max(1, Math.ceil(p.length / perLine)), 0) * ((cell.font?.size ?? 11) / 11);
        most = Math.max(most, lines);
      });
      expect([plan.name, r, height <= Math.ceil(most * LINE_POINTS)]).toEqual([plan.name, r, true]);
    }
  });

  test.each(visible.map((p) => [p.name, p] as const))("%s: no label is cut off by a filled cell to its right", (_, plan) => {
    const ws = sheet(plan);
    const cut: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (typeof cell.value !== "string" || cell.alignment?.wrapText || rowHidden(ws, r) || colHidden(ws, c)) return;
      const next = row.getCell(c + 1);
      if (next.value === null || next.value === undefined || next.value === "" || colHidden(ws, c + 1)) return;
      // A column width counts "0" characters; plain text averages about 0.85 of one (bold about 0.95).
      const width = (cell.font?.bold ? 0.95 : 0.85) * cell.value.length * ((cell.font?.size ?? 11) / 11);
      if (width > (ws.getColumn(c).width ?? 8.43)) cut.push(`${cell.address} "${cell.value}"`);
    }));
    expect([plan.name, cut]).toEqual([plan.name, []]);
  });

  test.each(visible.map((p) => [p.name, p] as const))("%s: has a print area from A1 covering its cells and charts, one page wide", (_, plan) => {
    const ws = sheet(plan);
    const area = ws.pageSetup.printArea;
    expect(area).toBeDefined();
    const printed = parseRange(area!.replace(/\$/g, ""));
    expect([printed.top, printed.left]).toEqual([1, 1]);
    for (const block of plan.blocks) {
      const { row, col } = parseCell(block.at);
      expect(row + block.cells.length - 1).toBeLessThanOrEqual(printed.bottom);
      expect(col + Math.max(...block.cells.map((x) => x.length)) - 1).toBeLessThanOrEqual(printed.right);
    }
    for (const chart of plan.charts) expect(parseCell(chart.anchor).col + chart.widthCells - 1).toBeLessThanOrEqual(printed.right);
    expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1 });
  });

  test.each(visible.map((p) => [p.name, p] as const))("%s: a long table keeps its header in view (frozen rows or an Excel table)", (_, plan) => {
    const ws = sheet(plan);
    const view = (ws.views ?? [])[0];
    const frozen = view?.state === "frozen" ? view.ySplit ?? 0 : 0;
    const tables = plan.tables.map((t) => parseRange(t.range));
    for (const block of plan.blocks.filter((b) => b.cells.length >= 20)) {
      const { row, col } = parseCell(block.at);
      const inTable = tables.some((t) => t.top < row && t.bottom >= row + block.cells.length - 1 && t.left <= col && t.right >= col);
      const underFrozen = frozen > 0 && frozen < row;
      const folded = rowHidden(ws, row) || colHidden(ws, col);
      expect([plan.name, `${columnLetters(col)}${row}`, inTable || underFrozen || folded]).toEqual([plan.name, `${columnLetters(col)}${row}`, true]);
    }
  });
});
