import ExcelJS from "exceljs";
import { buildWorkbook, chartSeries, chartXml, planToXlsx } from "../src/export";
import { parseRange, columnLetters, columnNumber, quoteSheet } from "../src/export/address";
import { toFileFormula } from "../src/export/formulas";
import { choosePage } from "../src/export/pageSetup";
import { validationOf } from "../src/export/features";
import { SMALL_PLAN } from "./fixtures/smallPlan";
import { readZipEntry } from "./helpers/zip";

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe("planToXlsx", () => {
  let wb: ExcelJS.Workbook;
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await planToXlsx(SMALL_PLAN);
    wb = await readBack(bytes);
  });

  it("returns the bytes of a zip (an .xlsx file) as a plain Uint8Array", () => {
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });

  it("writes the sheets in order, hiding the hidden ones", () => {
    expect(wb.worksheets.map((ws) => [ws.name, ws.state])).toEqual([["Fee Split", "visible"], ["Reference Data", "hidden"]]);
  });

  it("writes values and number formats as planned", () => {
    const ws = wb.getWorksheet("Fee Split")!;
    expect(ws.getCell("B3").value).toBe(10000000);
    expect(ws.getCell("B3").numFmt).toBe("#,##0.00");
    expect(ws.getCell("B4").value).toBe("growth");
    expect(ws.getCell("B7").numFmt).toBe("0%");
    expect(wb.getWorksheet("Reference Data")!.getCell("B3").value).toBe(0.4);
  });

  it("writes native formulas without cached results, and asks for a full calculation on load", () => {
    const ws = wb.getWorksheet("Fee Split")!;
    expect(ws.getCell("C7").value).toEqual({ formula: "ROUND(Revenue*B7,2)" });
    expect(ws.getCell("C12").value).toEqual({ formula: "SUM(C7:C10)" });
    const sheetXml = readZipEntry(bytes, "xl/worksheets/sheet1.xml")!;
    expect(sheetXml).toMatch(/<c r="C7"[^>]*><f>ROUND\(Revenue\*B7,2\)<\/f><\/c>/);
    expect(sheetXml).not.toMatch(/<f>[^<]*<\/f><v>/);
    expect(readZipEntry(bytes, "xl/workbook.xml")).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  it("spells newer functions the way the file format needs them", () => {
    expect(wb.getWorksheet("Fee Split")!.getCell("C14").value).toEqual({ formula: '_xlfn.IFS(C7>=MAX(C7:C10),"buyback",TRUE,"other")' });
  });

  it("writes styles and column widths", () => {
    const ws = wb.getWorksheet("Fee Split")!;
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, size: 14, color: { argb: "FF1F4E79" } });
    expect(ws.getCell("B3").fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } });
    expect(ws.getColumn("A").width).toBe(18);
    expect(ws.getColumn("C").width).toBe(16);
  });

  it("adds workbook-scoped names with absolute, quoted references", () => {
    const names = Object.fromEntries(wb.definedNames.model.map((n) => [n.name, n.ranges]));
    expect(names).toMatchObject({
      Revenue: ["'Fee Split'!$B$3"],
      Stage: ["'Fee Split'!$B$4"],
      SplitAmounts: ["'Fee Split'!$C$7:$C$10"],
      Ref_Stages: ["'Reference Data'!$A$2:$A$4"],
      Ref_Shares: ["'Reference Data'!$B$2:$E$4"],
    });
  });

  it("lays a table over the written cells, keeping their formulas", () => {
    const ws = wb.getWorksheet("Fee Split")!;
    const table = ws.getTable("FeeSplitTable") as unknown as { table?: { tableRef: string; columns: { name: string }[] }; tableRef?: string; columns?: { name: string }[] };
    const model = table.table ?? (table as { tableRef: string; columns: { name: string }[] });
    expect(model.tableRef).toBe("A6:C10");
    expect(model.columns.map((c) => c.name)).toEqual(["Bucket", "Share", "Amount"]);
    expect(ws.getCell("B7").value).toEqual({ formula: "INDEX(Ref_Shares,MATCH(Stage,Ref_Stages,0),1)" });
  });

  it("adds list and number validations", () => {
    const ws = wb.getWorksheet("Fee Split")! as unknown as { dataValidations: { model: Record<string, unknown> } };
    const dv = ws.dataValidations.model;
    expect(dv["B4"]).toMatchObject({ type: "list", formulae: ["Ref_Stages"], showErrorMessage: true, error: "Use early, growth or mature.", prompt: "Pick a stage" });
    expect(dv["B3"]).toMatchObject({ type: "decimal", operator: "greaterThanOrEqual", formulae: [0] });
    expect(dv["E3"]).toMatchObject({ type: "list", formulae: ['"solid,partial,undecided"'] });
    expect(dv["E4"]).toEqual(dv["E3"]);
  });

  it("adds expression conditional formats", () => {
    const ws = wb.getWorksheet("Fee Split")!;
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { style?: unknown }[] }[] }).conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0]).toMatchObject({ ref: "C13", rules: [{ type: "expression", formulae: ['$C$13<>"OK"'] }] });
    expect(cf[0]!.rules[0]!.style).toMatchObject({ font: { bold: true, color: { argb: "FF9C0006" } } });
  });

  it("freezes panes and sets up one landscape page per sheet", () => {
    const ws = wb.getWorksheet("Fee Split")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 6, xSplit: 0 });
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 1, printArea: "A1:J17" });
  });

  it("writes each chart as a native DrawingML part bound to the sheet's own cells", () => {
    const types = readZipEntry(bytes, "[Content_Types].xml")!;
    expect(types).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
    expect(types).toContain('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>');
    // The sheet relates its drawing and places <drawing> before <tableParts>, as the schema orders them.
    const sheet = readZipEntry(bytes, "xl/worksheets/sheet1.xml")!;
    const id = /<drawing r:id="([^"]+)"\/>/.exec(sheet)?.[1];
    expect(id).toBeDefined();
    expect(sheet.indexOf("<drawing ")).toBeLessThan(sheet.indexOf("<tableParts"));
    expect(readZipEntry(bytes, "xl/worksheets/_rels/sheet1.xml.rels")).toContain(`Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"`);
    expect(readZipEntry(bytes, "xl/drawings/_rels/drawing1.xml.rels")).toContain('Target="../charts/chart1.xml"');
    // Anchored at E6, 6 columns by 12 rows (zero-based in DrawingML).
    const drawing = readZipEntry(bytes, "xl/drawings/drawing1.xml")!;
    expect(drawing).toMatch(/<xdr:from><xdr:col>4<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>5<\/xdr:row>/);
    expect(drawing).toMatch(/<xdr:to><xdr:col>10<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>17<\/xdr:row>/);
    expect(drawing).toContain('name="SplitChart"');
    // A doughnut of A6:C10: categories in A, one series per other column, names from the header row.
    const chart = readZipEntry(bytes, "xl/charts/chart1.xml")!;
    expect(chart).toContain("<c:doughnutChart>");
    expect(chart).toContain("<a:t>Fee split</a:t>");
    const refs = [...chart.matchAll(/<c:f>([^<]+)<\/c:f>/g)].map((m) => m[1]!.replace(/&apos;/g, "'"));
    expect(refs).toEqual([
      "'Fee Split'!$B$6", "'Fee Split'!$A$7:$A$10", "'Fee Split'!$B$7:$B$10",
      "'Fee Split'!$C$6", "'Fee Split'!$A$7:$A$10", "'Fee Split'!$C$7:$C$10",
    ]);
    // No cached values: whoever opens the file computes the cells, and the chart reads them.
    expect(chart).not.toContain("<c:numCache>");
    // A sheet without charts gets no drawing.
    expect(readZipEntry(bytes, "xl/worksheets/sheet2.xml")).not.toContain("<drawing");
  });

  it("reads a chart's categories from their own range when the plan names one, every data column then a series", () => {
    const plan = { name: "s", kind: "line", title: "t", dataRange: "C3:D9", categories: "A4:A9", seriesBy: "columns", anchor: "F1", widthCells: 4, heightCells: 8 } as const;
    expect(chartSeries(plan, "Stress Test")).toEqual([
      { name: "'Stress Test'!$C$3", categories: "'Stress Test'!$A$4:$A$9", values: "'Stress Test'!$C$4:$C$9" },
      { name: "'Stress Test'!$D$3", categories: "'Stress Test'!$A$4:$A$9", values: "'Stress Test'!$D$4:$D$9" },
    ]);
    expect(chartSeries({ ...plan, categories: undefined, seriesBy: "rows" }, "x")).toEqual([
      { name: "'x'!$C$4", categories: "'x'!$D$3", values: "'x'!$D$4" },
      ...[5, 6, 7, 8, 9].map((r) => ({ name: `'x'!$C$${r}`, categories: "'x'!$D$3", values: `'x'!$D$${r}` })),
    ]);
    const bars = chartXml({ ...plan, kind: "barStacked" }, "x", true);
    expect(bars).toContain('<c:barDir val="bar"/><c:grouping val="stacked"/>');
    expect(bars).toContain('<c:overlap val="100"/>');
    expect(bars).toContain("<c:cat><c:numRef>");
  });

  it("shows the first sheet when every plan is hidden (a workbook needs one visible sheet)", async () => {
    const hidden = await readBack(await planToXlsx([SMALL_PLAN[1]!]));
    expect(hidden.worksheets.map((ws) => ws.state)).toEqual(["visible"]);
  });

  it("refuses an empty plan list", async () => {
    await expect(planToXlsx([])).rejects.toThrow(/no sheet plans/);
    expect(() => buildWorkbook([])).toThrow(/no sheet plans/);
  });
});

describe("address helpers", () => {
  it("convert columns both ways", () => {
    for (const [n, s] of [[1, "A"], [26, "Z"], [27, "AA"], [52, "AZ"], [703, "AAA"], [16384, "XFD"]] as const) {
      expect(columnLetters(n)).toBe(s);
      expect(columnNumber(s)).toBe(n);
    }
  });
  it("parse ranges with or without dollars", () => {
    expect(parseRange("$B$3")).toEqual({ top: 3, left: 2, bottom: 3, right: 2 });
    expect(parseRange("C9:A3")).toEqual({ top: 3, left: 1, bottom: 9, right: 3 });
    expect(() => parseRange("Sheet1")).toThrow(/not an A1/);
  });
  it("quote sheet names", () => {
    expect(quoteSheet("Fee Split")).toBe("'Fee Split'");
    expect(quoteSheet("Bob's")).toBe("'Bob''s'");
  });
});

describe("toFileFormula", () => {
  it("drops the = and prefixes post-2007 functions only where they are called", () => {
    expect(toFileFormula("=SUM(A1:A3)")).toBe("SUM(A1:A3)");
    expect(toFileFormula("=IFS(A1>0,1,TRUE,0)+textjoin(\",\",TRUE,B1:B2)")).toBe('_xlfn.IFS(A1>0,1,TRUE,0)+_xlfn.textjoin(",",TRUE,B1:B2)');
    expect(toFileFormula('="IFS(" & \'SWITCH(x\'!A1')).toBe('"IFS(" & \'SWITCH(x\'!A1');
    expect(toFileFormula('="say ""IFS(""" & MAXIFS(A:A,B:B,1)')).toBe('"say ""IFS(""" & _xlfn.MAXIFS(A:A,B:B,1)');
    expect(toFileFormula("=_xlfn.IFS(1,2)")).toBe("_xlfn.IFS(1,2)");
    expect(toFileFormula("=IFS")).toBe("IFS");
  });
});

describe("page setup", () => {
  it("prints a sheet on one page when it stays readable, in the orientation that fits", () => {
    expect(choosePage(600, 300)).toEqual({ orientation: "landscape", fitToHeight: 1 });
    expect(choosePage(400, 700)).toEqual({ orientation: "portrait", fitToHeight: 1 });
  });
  it("runs a long or very wide sheet over pages, always one page wide", () => {
    expect(choosePage(500, 3000)).toEqual({ orientation: "portrait", fitToHeight: 0 });
    expect(choosePage(1000, 3000)).toEqual({ orientation: "landscape", fitToHeight: 0 });
    expect(choosePage(3000, 400)).toEqual({ orientation: "landscape", fitToHeight: 0 });
  });
});

describe("wrapped rows", () => {
  it("get a height that shows the whole text", async () => {
    const note = "A long note that wraps over several lines in a narrow column of the sheet.";
    const plan = { ...SMALL_PLAN[0]!, blocks: [...SMALL_PLAN[0]!.blocks, { at: "A20", role: "label" as const, cells: [[note]], style: { wrap: true, italic: true } }] };
    const wb = await readBack(await planToXlsx([plan, SMALL_PLAN[1]!]));
    const ws = wb.getWorksheet("Fee Split")!;
    // Column A is 18 wide: 18 characters a line, wrapped at words:
    // "A long note that" / "wraps over several" / "lines in a narrow" / "column of the" / "sheet." = 5 lines of 15 points.
    expect(ws.getRow(20).height).toBe(75);
    expect(ws.getCell("A20").alignment).toMatchObject({ wrapText: true, vertical: "top" });
    expect(ws.getRow(3).height).toBeUndefined();
  });
});

describe("validations within Excel's limits", () => {
  it("clip long messages and refuse literal lists Excel cannot hold", () => {
    const long = validationOf({ range: "A1", decimal: { min: 0, max: 1 }, prompt: "p".repeat(300), error: "e".repeat(300) });
    expect(long).toMatchObject({ type: "decimal", operator: "between", formulae: [0, 1] });
    expect(long.error).toHaveLength(225);
    expect(long.prompt).toHaveLength(255);
    expect(() => validationOf({ range: "A1", list: { items: Array(100).fill("option") }, error: "x" })).toThrow(/Excel takes 255/);
    expect(validationOf({ range: "A1", list: { items: ['say "hi"', "b"] }, error: "x" }).formulae).toEqual(['"say ""hi"",b"']);
  });
});
