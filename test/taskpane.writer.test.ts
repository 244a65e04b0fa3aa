import { CHECKLIST, STAGES, type ShareSet } from "../src";
import { cellAddress, parseCell, parseRange } from "../src/export/address";
import { buildModelPlan, columnLetter, defaultNaming, DEFAULT_INPUTS, PLAN_BUILDERS, stressRunParams } from "../src/plans";
import { monteCarlo, monteCarloChunked, type MonteCarloParams } from "../src/stress";
import { FEE_SPLIT_LAYOUT } from "../src/plans/feeSplit";
import { modelShareTable, STRESS_TEST_LAYOUT, stressRunParamsFromSheet } from "../src/plans/stressTest";
import type { SheetPlan } from "../src/plans/types";
import { buildSheets, describeReport, sheetOfReference, type ShareTable } from "../taskpane/buildSheets";
import { applyPlans, blockAddress, blockArrays, charsToPoints } from "../taskpane/excelWriter";
import { checklistLocation, startLiveChecklist, touches, type LiveResult } from "../taskpane/liveChecklist";
import { describeShareable, isTokenFormula, makeShareable, scanWorkbook } from "../taskpane/makeShareable";
import { formulaRefs, selectPlans } from "../taskpane/planRefs";
import { ALL_SUPPORTED } from "../taskpane/support";
import { today } from "../taskpane/today";
import { SMALL_PLAN } from "./fixtures/smallPlan";
import { FakeExcel } from "./helpers/fakeExcel";

/** Queues the plans in one batch and syncs once, as buildSheets does for its writes; what exists is what buildSheets reads. */
async function write(fake: FakeExcel, plans: readonly SheetPlan[], mode: "create" | "update", support = ALL_SUPPORTED) {
  return fake.run(async (context) => {
    const summary = applyPlans(context, plans, mode, {
      support,
      existing: {
        sheets: fake.sheets.map((s) => s.name),
        names: [...[...fake.names.values()].map((n) => n.name), ...fake.sheets.flatMap((s) => s.tables.map((t) => t.name))],
        charts: fake.sheets.flatMap((s) => s.charts.map((c) => ({ sheet: s.name, name: c.name ?? "" }))),
      },
    });
    await context.sync();
    return summary;
  });
}

describe("applyPlans (create)", () => {
  it("lands every block at its address as whole arrays, with names, tables, dropdowns, formats, chart, panes", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1", cells: { A1: "mine" } }] });
    const summary = await write(fake, SMALL_PLAN, "create");
    expect(fake.syncs).toBe(1);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "Fee Split", "Reference Data"]);
    expect(fake.cell("Fee Split", "A1")).toBe("Fee split");
    expect(fake.cell("Fee Split", "B3")).toBe(10000000);
    expect(fake.cell("Fee Split", "B4")).toBe("growth");
    expect(fake.cell("Fee Split", "B7")).toBe("=INDEX(Ref_Shares,MATCH(Stage,Ref_Stages,0),1)");
    expect(fake.cell("Fee Split", "C10")).toBe("=ROUND(Revenue*B10,2)");
    expect(fake.cell("Fee Split", "C13")).toBe('=IF(ROUND(C12-Revenue,2)=0,"OK","MISMATCH")');
    expect(fake.cell("Fee Split", "B13")).toBe(""); // a null in the plan is left alone
    expect(fake.sheet("Fee Split")!.cells.get("B3")!.numberFormat).toBe("#,##0.00");
    expect(fake.sheet("Fee Split")!.cells.get("B7")!.numberFormat).toBe("0%");
    expect(fake.sheet("Reference Data")!.cells.get("C3")!.numberFormat).toBe("0%");
    expect(fake.cell("Reference Data", "E4")).toBe(0.05);

    expect([...fake.names.values()]).toEqual(expect.arrayContaining([
      { name: "Revenue", ref: "'Fee Split'!$B$3" },
      { name: "Stage", ref: "'Fee Split'!B4" },
      { name: "Ref_Shares", ref: "'Reference Data'!$B$2:$E$4" },
    ]));
    const fee = fake.sheet("Fee Split")!;
    expect(fee.tables).toEqual([{ name: "FeeSplitTable", address: "'Fee Split'!A6:C10".replace("'Fee Split'!", ""), style: "TableStyleLight9" }]);
    expect(fee.validations.map((v) => [v.address, v.rule])).toEqual([
      ["B4", { list: { inCellDropDown: true, source: "=Ref_Stages" } }],
      ["B3", { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } }],
      ["E3:E4", { list: { inCellDropDown: true, source: "solid,partial,undecided" } }],
    ]);
    expect(fee.validations[0]!.errorAlert).toMatchObject({ showAlert: true, style: "Stop", message: "Use early, growth or mature." });
    expect(fee.validations[0]!.prompt).toMatchObject({ showPrompt: true, message: "Pick a stage" });
    expect(fee.conditionalFormats).toEqual([{ address: "C13", type: "Custom", formula: '=$C$13<>"OK"', fill: "#FFC7CE", fontColor: "#9C0006", bold: true }]);
    expect(fee.charts).toHaveLength(1);
    expect(fee.charts[0]).toMatchObject({ type: "Doughnut", seriesBy: "Columns", name: "SplitChart", title: "Fee split", position: ["E6", "J17"] });
    expect(fee.freeze).toEqual({ rows: 6 });
    expect(fee.columnWidths.get("A")).toBe(charsToPoints(18));
    expect(fee.styles.find((s) => s.address === "A1")!.format).toMatchObject({ "font.bold": true, "font.size": 14, "font.color": "#1F4E79" });
    expect(fake.sheet("Reference Data")!.visibility).toBe("Hidden");
    expect(fee.visibility).toBe("Visible");
    expect(fake.cell("Sheet1", "A1")).toBe("mine");

    expect(summary.sheets.map((s) => [s.name, s.action, s.names, s.tables, s.charts])).toEqual([
      ["Fee Split", "created", 3, 1, 1],
      ["Reference Data", "created", 2, 0, 0],
    ]);
    expect(summary.skipped).toEqual([]);
  });

  it("refuses, before queuing anything, a sheet or a name that is taken", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "fee split", cells: { A1: "keep" } }] });
    await expect(write(fake, SMALL_PLAN, "create")).rejects.toThrow(/already exists; nothing was changed/);
    expect(fake.sheets.map((s) => s.name)).toEqual(["fee split"]);

    const named = new FakeExcel({ names: [{ name: "REVENUE", ref: "Sheet1!$A$1" }] });
    await expect(write(named, SMALL_PLAN, "create")).rejects.toThrow(/"Revenue" is already used/);
    expect(named.sheets).toEqual([]);
  });

  it("degrades on an older Excel: no dropdowns (1.8), conditional formats (1.6), panes (1.7), and says so", async () => {
    const fake = new FakeExcel();
    const summary = await write(fake, SMALL_PLAN, "create", { ...ALL_SUPPORTED, dataValidation: false, conditionalFormats: false, events: false });
    const fee = fake.sheet("Fee Split")!;
    expect(fee.validations).toEqual([]);
    expect(fee.conditionalFormats).toEqual([]);
    expect(fee.freeze).toBeUndefined();
    expect(fake.cell("Fee Split", "B7")).toMatch(/^=INDEX/);
    expect(summary.skipped.join("; ")).toMatch(/3 dropdowns.*1\.8.*1 conditional format \(.*1\.6.*frozen panes on 1 sheet.*1\.7/);
  });

  it("folds each plan's working rows and helper columns into collapsed outline groups (ExcelApi 1.10)", async () => {
    const plans = buildModelPlan(DEFAULT_INPUTS, defaultNaming());
    const fake = new FakeExcel();
    const summary = await write(fake, plans, "create");
    for (const plan of plans) {
      const sheet = fake.sheet(plan.name)!;
      const wanted = (plan.groups ?? []).map((g) => ({ address: g.by === "rows" ? `${g.from}:${g.to}` : `${columnLetter(g.from)}:${columnLetter(g.to)}`, by: g.by === "rows" ? "ByRows" : "ByColumns", collapsed: true }));
      expect(sheet.groups).toEqual(wanted);
      expect(sheet.hidden).toEqual([]);
    }
    expect(fake.sheet("Fee Split")!.groups).toHaveLength(1);
    expect(fake.sheet("Stress Test")!.groups).toHaveLength(1);
    expect(summary.skipped.join("; ")).not.toMatch(/outline/);
  });

  it("hides the working areas where Excel has no outline groups (before ExcelApi 1.10), and says so", async () => {
    const plans = buildModelPlan(DEFAULT_INPUTS, defaultNaming()).filter((p) => p.key === "feeSplit" || p.key === "stressTest" || p.key === "reference");
    const fake = new FakeExcel();
    const summary = await write(fake, plans, "create", { ...ALL_SUPPORTED, outline: false });
    const fee = plans.find((p) => p.key === "feeSplit")!.groups![0]!;
    expect(fake.sheet("Fee Split")!.groups).toEqual([]);
    expect(fake.sheet("Fee Split")!.hidden).toEqual([`${fee.from}:${fee.to}`]);
    expect(fake.sheet("Stress Test")!.hidden).toHaveLength(1);
    expect(summary.skipped.join("; ")).toMatch(/outline groups: 2 working areas are hidden instead of folded \(ExcelApi 1\.10\)/);
  });

  it("binds a chart's separate category range (ExcelApi 1.7), and says where it cannot", async () => {
    const plans = buildModelPlan(DEFAULT_INPUTS, defaultNaming()).filter((p) => p.key === "stressTest" || p.key === "feeSplit" || p.key === "reference");
    const withCategories = plans.flatMap((p) => p.charts).filter((c) => c.categories !== undefined);
    expect(withCategories.length).toBeGreaterThan(0);
    const fake = new FakeExcel();
    await write(fake, plans, "create");
    for (const c of withCategories) expect(fake.sheet("Stress Test")!.charts.find((x) => x.name === c.name)!.categories).toBe(`'Stress Test'!${c.categories}`);
    const old = new FakeExcel();
    const summary = await write(old, plans, "create", { ...ALL_SUPPORTED, events: false });
    expect(old.sheet("Stress Test")!.charts.every((c) => c.categories === undefined)).toBe(true);
    expect(summary.skipped.join("; ")).toMatch(new RegExp(`category labels of ${withCategories.length} chart.*1\\.7`));
  });

  it("fixes a chart's value axis where the plan asks (bounds at ExcelApi 1.1, number format at 1.8)", async () => {
    const plans = buildModelPlan(DEFAULT_INPUTS, defaultNaming());
    const fit = plans.find((p) => p.key === "summary")!.charts.find((c) => c.valueAxis)!;
    const fake = new FakeExcel();
    await write(fake, plans, "create");
    const drawn = fake.sheet("Summary")!.charts.find((c) => c.name === fit.name)!;
    expect(drawn.valueAxis).toEqual({ minimum: fit.valueAxis!.min, maximum: fit.valueAxis!.max, numberFormat: fit.valueAxis!.format });
    const old = new FakeExcel();
    await write(old, plans, "create", { ...ALL_SUPPORTED, dataValidation: false });
    expect(old.sheet("Summary")!.charts.find((c) => c.name === fit.name)!.valueAxis).toEqual({ minimum: -1, maximum: 1 });
  });

  it("refuses to build without defined names (ExcelApi 1.4)", async () => {
    await expect(write(new FakeExcel(), SMALL_PLAN, "create", { ...ALL_SUPPORTED, names: false })).rejects.toThrow(/ExcelApi 1\.4/);
  });
});

describe("applyPlans (update)", () => {
  it("rewrites labels and formulas, keeps inputs and everything else on an existing sheet", async () => {
    const fake = new FakeExcel();
    await write(fake, SMALL_PLAN, "create");
    // The user edits an input and a formula cell the model owns.
    fake.sheet("Fee Split")!.cells.set("B3", { formula: 42 });
    fake.sheet("Fee Split")!.cells.set("B4", { formula: "mature" });
    fake.sheet("Fee Split")!.cells.set("C7", { formula: "=1+1" });
    const before = { tables: fake.sheet("Fee Split")!.tables.length, charts: fake.sheet("Fee Split")!.charts.length, cfs: fake.sheet("Fee Split")!.conditionalFormats.length };

    const summary = await write(fake, SMALL_PLAN, "update");
    expect(fake.cell("Fee Split", "B3")).toBe(42);
    expect(fake.cell("Fee Split", "B4")).toBe("mature");
    expect(fake.cell("Fee Split", "C7")).toBe("=ROUND(Revenue*B7,2)");
    const fee = fake.sheet("Fee Split")!;
    expect({ tables: fee.tables.length, charts: fee.charts.length, cfs: fee.conditionalFormats.length }).toEqual(before);
    expect(summary.sheets.map((s) => [s.name, s.action, s.keptInputCells, s.tables, s.charts])).toEqual([["Fee Split", "updated", 2, 0, 0], ["Reference Data", "updated", 0, 0, 0]]);
  });

  it("adds the tables and charts an existing sheet lacks, leaves same-named ones and never re-adds dropdowns or formats", async () => {
    const fake = new FakeExcel();
    const bare = SMALL_PLAN.map((p) => ({ ...p, tables: [], charts: [] }));
    await write(fake, bare, "create");
    const fee = fake.sheet("Fee Split")!;
    const before = { validations: fee.validations.length, cfs: fee.conditionalFormats.length };

    const summary = await write(fake, SMALL_PLAN, "update");
    expect(fee.tables.map((t) => [t.name, t.address, t.style])).toEqual([["FeeSplitTable", "A6:C10", "TableStyleLight9"]]);
    expect(fee.charts.map((c) => [c.type, c.name, c.title, c.position])).toEqual([["Doughnut", "SplitChart", "Fee split", ["E6", "J17"]]]);
    expect({ validations: fee.validations.length, cfs: fee.conditionalFormats.length }).toEqual(before);
    expect(summary.sheets.map((s) => [s.name, s.tables, s.charts, s.validations, s.conditionalFormats])).toEqual([["Fee Split", 1, 1, 0, 0], ["Reference Data", 0, 0, 0, 0]]);

    const again = await write(fake, SMALL_PLAN, "update");
    expect([fee.tables.length, fee.charts.length]).toEqual([1, 1]);
    expect(again.sheets.map((s) => [s.tables, s.charts])).toEqual([[0, 0], [0, 0]]);
  });

  it("takes a defined name or a chart of the user's with the plan's name as present, and leaves it", async () => {
    const fake = new FakeExcel();
    await write(fake, SMALL_PLAN.map((p) => ({ ...p, tables: [], charts: [] })), "create");
    fake.names.set("feesplittable", { name: "FeeSplitTable", ref: "'Fee Split'!$Z$1" });
    fake.sheet("Fee Split")!.charts.push({ type: "Pie", source: "'Fee Split'!Z1:Z3", seriesBy: "Columns", name: "splitchart", title: "Mine" });

    const summary = await write(fake, SMALL_PLAN, "update");
    const fee = fake.sheet("Fee Split")!;
    expect(fee.tables).toEqual([]);
    expect(fee.charts).toEqual([{ type: "Pie", source: "'Fee Split'!Z1:Z3", seriesBy: "Columns", name: "splitchart", title: "Mine" }]);
    expect(fake.names.get("feesplittable")!.ref).toBe("'Fee Split'!$Z$1");
    expect(summary.sheets[0]).toMatchObject({ tables: 0, charts: 0 });
  });

  it("creates a missing sheet whole, inputs included, and adds only missing names", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Reference Data" }], names: [{ name: "Ref_Stages", ref: "'Reference Data'!$A$2:$A$4" }, { name: "Ref_Shares", ref: "'Reference Data'!$B$2:$E$4" }] });
    const summary = await write(fake, SMALL_PLAN, "update");
    expect(fake.cell("Fee Split", "B3")).toBe(10000000);
    expect(summary.sheets.map((s) => [s.name, s.action, s.names])).toEqual([["Fee Split", "created", 3], ["Reference Data", "updated", 0]]);
  });
});

/** A one-sheet plan with nothing in it but what a test gives. */
const bare = (over: Partial<SheetPlan>): SheetPlan => ({
  key: "summary", name: "Sheet", visible: true,
  blocks: [], columnWidths: [], tables: [], names: [], validations: [], conditionalFormats: [], charts: [], ...over,
});
const lineChart = (name: string, over: Partial<SheetPlan["charts"][number]> = {}): SheetPlan["charts"][number] => ({
  name, kind: "line", title: name, dataRange: "B1:C4", seriesBy: "columns", anchor: "E1", widthCells: 4, heightCells: 6, ...over,
});

describe("applyPlans: what each plan feature becomes in the workbook", () => {
  it("styles a block with wrap (top-aligned), left/center/right alignment, and sets nothing a style leaves out", async () => {
    const fake = new FakeExcel();
    await write(fake, [bare({
      blocks: [
        { at: "A1", role: "label", cells: [["Notes"]], style: { wrap: true } },
        { at: "A2", role: "label", cells: [["l"]], style: { horizontal: "left" } },
        { at: "A3", role: "label", cells: [["c"]], style: { horizontal: "center" } },
        { at: "A4", role: "label", cells: [["r"]], style: { horizontal: "right" } },
        { at: "A5", role: "label", cells: [["plain"]], style: { bold: true } },
      ],
    })], "create");
    expect(fake.sheet("Sheet")!.styles).toEqual([
      { address: "A1", format: { wrapText: true, verticalAlignment: "Top" } },
      { address: "A2", format: { horizontalAlignment: "Left" } },
      { address: "A3", format: { horizontalAlignment: "Center" } },
      { address: "A4", format: { horizontalAlignment: "Right" } },
      { address: "A5", format: { "font.bold": true } },
    ]);
  });

  it("formats a cell beyond the block's per-cell format grid as General", async () => {
    const fake = new FakeExcel();
    await write(fake, [bare({ blocks: [{ at: "A1", role: "computed", cells: [[0.1, 0.2], [0.3, 0.4]], numberFormat: [["0%"]] }] })], "create");
    const formats = ["A1", "B1", "A2", "B2"].map((a) => fake.sheet("Sheet")!.cells.get(a)!.numberFormat);
    expect(formats).toEqual(["0%", "General", "General", "General"]);
  });

  it("counts the cells it writes, not a block's gaps or the padding of a ragged row", async () => {
    const fake = new FakeExcel();
    const summary = await write(fake, [bare({ blocks: [{ at: "A1", role: "computed", cells: [["a", null, "=A1"], ["b"]] }] })], "create");
    expect(summary.sheets[0]!.cells).toBe(3);
    expect(fake.cell("Sheet", "C1")).toBe("=A1");
    expect(fake.sheet("Sheet")!.cells.has("B2")).toBe(false);
  });

  it("writes nothing for a block with no rows or no columns, and the batch still runs", async () => {
    const fake = new FakeExcel();
    const summary = await write(fake, [bare({
      blocks: [
        { at: "A1", role: "label", cells: [] },
        { at: "A2", role: "label", cells: [[]] },
        { at: "A3", role: "label", cells: [["kept"]] },
      ],
    })], "create");
    expect(summary.sheets[0]!.cells).toBe(1);
    expect([...fake.sheet("Sheet")!.cells.keys()]).toEqual(["A3"]);
  });

  it("keeps as text what Excel would re-read, padding and quotes included: a leading apostrophe only where needed", async () => {
    const fake = new FakeExcel();
    await write(fake, [bare({ blocks: [{ at: "A1", role: "label", cells: [[" 10% ", "'Fee' =", "=1+1", "10 ="]] }] })], "create");
    expect(["A1", "B1", "C1", "D1"].map((a) => fake.cell("Sheet", a))).toEqual([" 10% ", "'Fee' =", "=1+1", "10 ="]);
  });

  it("sets column widths in points: (7 px a character + 5 px padding) x 0.75", async () => {
    expect([charsToPoints(18), charsToPoints(12), charsToPoints(0)]).toEqual([98.25, 66.75, 3.75]);
    const fake = new FakeExcel();
    await write(fake, [bare({ columnWidths: [{ column: "A", width: 18 }, { column: "C", width: 12 }] })], "create");
    expect([...fake.sheet("Sheet")!.columnWidths]).toEqual([["A", 98.25], ["C", 66.75]]);
  });

  it("freezes rows, columns or both (freezeAt the top-left block) as the plan asks", async () => {
    const fake = new FakeExcel();
    await write(fake, [
      bare({ name: "Rows", freeze: { rows: 3, columns: 0 } }),
      bare({ name: "Columns", freeze: { rows: 0, columns: 2 } }),
      bare({ name: "Both", freeze: { rows: 3, columns: 2 } }),
      bare({ name: "None", freeze: { rows: 0, columns: 0 } }),
    ], "create");
    expect(["Rows", "Columns", "Both", "None"].map((n) => fake.sheet(n)!.freeze)).toEqual([{ rows: 3 }, { columns: 2 }, { at: "A1:B3" }, undefined]);
  });

  it("draws a chart's series by rows or columns, and fixes only the value-axis bounds the plan gives", async () => {
    const fake = new FakeExcel();
    await write(fake, [bare({
      charts: [
        lineChart("ByRows", { seriesBy: "rows", valueAxis: { max: 1 } }),
        lineChart("ByColumns", { valueAxis: { min: -1 } }),
      ],
    })], "create");
    expect(fake.sheet("Sheet")!.charts.map((c) => [c.name, c.seriesBy, c.valueAxis])).toEqual([
      ["ByRows", "Rows", { maximum: 1 }],
      ["ByColumns", "Columns", { minimum: -1 }],
    ]);
  });

  it("titles a dropdown's error alert \"Not allowed\", shows its prompt untitled, and bolds a conditional format only when asked", async () => {
    const fake = new FakeExcel();
    await write(fake, [bare({
      validations: [{ range: "B2", list: { items: ["a", "b"] }, prompt: "Pick one", error: "Use a or b." }],
      conditionalFormats: [{ range: "C1", formula: "=C1<0", fill: "#FFC7CE" }, { range: "C2", formula: "=C2<0", bold: true }],
    })], "create");
    const sheet = fake.sheet("Sheet")!;
    expect(sheet.validations).toEqual([{
      address: "B2", rule: { list: { inCellDropDown: true, source: "a,b" } },
      errorAlert: { showAlert: true, style: "Stop", title: "Not allowed", message: "Use a or b." },
      prompt: { showPrompt: true, title: "", message: "Pick one" },
    }]);
    expect(sheet.conditionalFormats).toEqual([
      { address: "C1", type: "Custom", formula: "=C1<0", fill: "#FFC7CE" },
      { address: "C2", type: "Custom", formula: "=C2<0", bold: true },
    ]);
  });

  it("hands Excel a list with neither items nor a source as it is, and Excel refuses it (no invented entry)", async () => {
    const fake = new FakeExcel();
    await expect(write(fake, [bare({ validations: [{ range: "B2", list: {}, error: "Nothing to pick." }] })], "create"))
      .rejects.toMatchObject({ code: "InvalidArgument", message: "A list needs a source." });
  });
});

describe("applyPlans on an older Excel: what it leaves out, and the notes that say so", () => {
  const nothing = { ...ALL_SUPPORTED, formatting: false, conditionalFormats: false, events: false, dataValidation: false, outline: false };
  const full = (name: string, visible: boolean, groups: number, charts: number): SheetPlan => bare({
    name, visible,
    columnWidths: [{ column: "A", width: 18 }, { column: "B", width: 12 }, { column: "C", width: 16 }],
    validations: [
      { range: "B1", list: { items: ["a"] }, error: "a" },
      { range: "B2", decimal: { min: 0 }, error: "0 or more" },
      { range: "B3", decimal: { max: 9 }, error: "9 or less" },
    ],
    conditionalFormats: [{ range: "C1", formula: "=C1<0", bold: true }],
    freeze: { rows: 0, columns: 1 },
    groups: Array.from({ length: groups }, (_, i) => ({ by: "rows" as const, from: 10 * (i + 1), to: 10 * (i + 1) + 5 })),
    charts: Array.from({ length: charts }, (_, i) => lineChart(`Chart${i + 1}`, { categories: "A2:A4" })),
  });

  it("without ExcelApi 1.2 and the later sets: no widths, hiding, folding, dropdowns, formats, panes or chart labels, each noted with its count, singular for one", async () => {
    const fake = new FakeExcel();
    const summary = await write(fake, [full("Helper", false, 1, 1)], "create", nothing);
    const sheet = fake.sheet("Helper")!;
    expect(sheet.visibility).toBe("Visible");
    expect(sheet.columnWidths.size).toBe(0);
    expect([sheet.hidden, sheet.groups, sheet.validations, sheet.conditionalFormats]).toEqual([[], [], [], []]);
    expect(sheet.freeze).toBeUndefined();
    expect(sheet.charts.map((c) => c.categories)).toEqual([undefined]);
    expect(summary.skipped).toEqual([
      "3 column widths (ExcelApi 1.2)",
      "hiding 1 helper sheet (ExcelApi 1.2)",
      "3 dropdowns and input checks (ExcelApi 1.8)",
      "1 conditional format (ExcelApi 1.6)",
      "frozen panes on 1 sheet (ExcelApi 1.7)",
      "folding 1 working area (ExcelApi 1.2)",
      "category labels of 1 chart, which show 1, 2, 3 instead (ExcelApi 1.7)",
    ]);
  });

  it("counts across sheets, in the plural for more than one", async () => {
    const summary = await write(new FakeExcel(), [full("One", false, 1, 1), full("Two", false, 1, 2)], "create", nothing);
    expect(summary.skipped).toEqual([
      "6 column widths (ExcelApi 1.2)",
      "hiding 2 helper sheets (ExcelApi 1.2)",
      "6 dropdowns and input checks (ExcelApi 1.8)",
      "2 conditional formats (ExcelApi 1.6)",
      "frozen panes on 2 sheets (ExcelApi 1.7)",
      "folding 2 working areas (ExcelApi 1.2)",
      "category labels of 3 charts, which show 1, 2, 3 instead (ExcelApi 1.7)",
    ]);
  });

  it("hides one working area where Excel has no outline groups, and says it is hidden", async () => {
    const fake = new FakeExcel();
    const summary = await write(fake, [bare({ groups: [{ by: "columns", from: 4, to: 6 }] })], "create", { ...ALL_SUPPORTED, outline: false });
    expect(fake.sheet("Sheet")!.hidden).toEqual(["D:F"]);
    expect(summary.skipped).toEqual(["outline groups: 1 working area is hidden instead of folded (ExcelApi 1.10)"]);
  });

  it("names one dropdown left out in the singular", async () => {
    const fake = new FakeExcel();
    const plan = bare({ validations: [{ range: "B1", list: { items: ["a", "b"] }, error: "a or b" }] });
    const summary = await write(fake, [plan], "create", { ...ALL_SUPPORTED, dataValidation: false });
    expect(fake.sheet("Sheet")!.validations).toEqual([]);
    expect(summary.skipped).toEqual(["1 dropdown or input check (ExcelApi 1.8)"]);
  });

  it("update counts the charts it adds without their category labels", async () => {
    const fake = new FakeExcel();
    await write(fake, [bare({})], "create");
    const summary = await write(fake, [bare({ charts: [lineChart("Late", { categories: "A2:A4" })] })], "update", { ...ALL_SUPPORTED, events: false });
    expect(fake.sheet("Sheet")!.charts.map((c) => [c.name, c.categories])).toEqual([["Late", undefined]]);
    expect(summary.skipped).toEqual(["category labels of 1 chart, which show 1, 2, 3 instead (ExcelApi 1.7)"]);
  });
});

describe("plan helpers", () => {
  it("computes block rectangles and finds the sheets and names a formula reads", () => {
    expect(blockAddress({ at: "A7", role: "computed", cells: [[1, 2, 3], [4, 5, 6]] })).toBe("A7:C8");
    expect(blockAddress({ at: "B2", role: "label", cells: [["x"]] })).toBe("B2");
    expect(blockArrays({ at: "A1", role: "label", cells: [["10%", "growth", "=A1", "TRUE", 5, "2024-01", "of 10", null]] }).formulas)
      .toEqual([["'10%", "growth", "=A1", "'TRUE", 5, "'2024-01", "of 10", null]]);
    expect(formulaRefs(`='Fee Split'!B3+Layers!A1+Revenue_2+SUM(Ref_Shares)+"'No'!A1 Fake"`)).toEqual({
      sheets: ["Fee Split", "Layers"], identifiers: ["B3", "A1", "Revenue_2", "Ref_Shares"],
    });
  });

  it("adds the sheets a chosen sheet reads from when they are missing", () => {
    expect(selectPlans(SMALL_PLAN, ["feeSplit"], []).dependencies.map((p) => p.name)).toEqual(["Reference Data"]);
    expect(selectPlans(SMALL_PLAN, ["feeSplit"], ["reference data"]).plans.map((p) => p.name)).toEqual(["Fee Split"]);
  });
});

const CHECKLIST_PLAN: SheetPlan = {
  key: "checklist", name: "Checklist", visible: true,
  blocks: [
    { at: "A1", role: "label", cells: [["Checklist"]] },
    { at: "A3", role: "label", cells: CHECKLIST.map((q, i) => [i + 1, q.question]) },
    { at: "C3", role: "input", cells: CHECKLIST.map(() => ["undecided", null]) }, // answers, then notes
  ],
  columnWidths: [], tables: [], names: [], validations: [], conditionalFormats: [], charts: [],
};

describe("live checklist", () => {
  it("finds the answers from the plan, reads and scores in one sync, registers onChanged, rescores on a change", async () => {
    const location = checklistLocation(CHECKLIST_PLAN);
    expect(location).toEqual({ sheet: "Checklist", answers: "C3:C12", rows: "A3:C12" });
    const fake = new FakeExcel();
    await write(fake, [CHECKLIST_PLAN], "create");
    for (let r = 3; r <= 11; r++) fake.sheet("Checklist")!.cells.set(`C${r}`, { formula: "solid" });
    fake.syncs = 0;

    const results: LiveResult[] = [];
    const errors: string[] = [];
    const live = await startLiveChecklist(location, { run: fake.run, events: true, onResult: (r) => results.push(r), onError: (e) => errors.push(e) });
    expect(fake.syncs).toBe(1);
    expect(live.live).toBe(true);
    expect(fake.sheet("Checklist")!.handlers).toHaveLength(1);
    expect(results[0]!.score).toMatchObject({ score: 9, verdict: "not ready", undecidedIds: ["loop"] });
    expect(results[0]!.undecided).toEqual([{ id: "loop", text: CHECKLIST[9].question }]);

    await fake.userEdit("Checklist", "C12", "yes");
    expect(fake.syncs).toBe(2); // one read per change
    expect(results[1]!.score).toMatchObject({ score: 10, verdict: "ready" });
    await fake.userEdit("Checklist", "E40", "elsewhere"); // outside the checklist rows: no read
    expect(fake.syncs).toBe(2);
    await fake.userEdit("Checklist", "C4", "banana");
    expect(errors[0]).toMatch(/"banana" is not an answer/);
    expect(errors).toHaveLength(1);

    // stop() removes the handler the documented way: Excel.run(handler.context, ...).
    const g = globalThis as { Excel?: unknown };
    g.Excel = { run: (context: unknown, batch: (c: unknown) => Promise<void>) => batch(context) };
    try {
      await live.stop();
    } finally {
      delete g.Excel;
    }
    expect(fake.sheet("Checklist")!.handlers).toHaveLength(0);
  });

  it("without ExcelApi 1.7 reads once and registers nothing", async () => {
    const fake = new FakeExcel();
    await write(fake, [CHECKLIST_PLAN], "create");
    const results: LiveResult[] = [];
    const live = await startLiveChecklist(checklistLocation(CHECKLIST_PLAN), { run: fake.run, events: false, onResult: (r) => results.push(r), onError: () => undefined });
    expect(live.live).toBe(false);
    expect(fake.sheet("Checklist")!.handlers).toHaveLength(0);
    expect(results[0]!.score.verdict).toBe("not ready");
  });

  it("says so when there is no Checklist sheet", async () => {
    const errors: string[] = [];
    await startLiveChecklist(checklistLocation(CHECKLIST_PLAN), { run: new FakeExcel().run, events: true, onResult: () => undefined, onError: (e) => errors.push(e) });
    expect(errors[0]).toMatch(/no sheet named "Checklist" yet/);
  });

  it("knows which changes touch the checklist rows", () => {
    expect(touches("Checklist!C5", "A3:C12")).toBe(true);
    expect(touches("D3:E4", "A3:C12")).toBe(false);
    expect(touches("5:5", "A3:C12")).toBe(true);
  });
});

describe("make shareable", () => {
  const workbook = () => new FakeExcel({
    sheets: [
      {
        name: "Model",
        cells: {
          A1: "Revenue", B1: 100, // a typed constant
          A2: { formula: "=TOKEN.FEESPLIT(B1,\"growth\")", value: 40 }, B2: 30, C2: 10, D2: 20, // spilled by A2
          A3: { formula: "=SUM(B1,1)", value: 101 }, // native
          A4: { formula: '="TOKEN.X is text"', value: "TOKEN.X is text" }, // TOKEN only inside a string
          A5: { formula: "=token.verdict(B1)", value: "not yet" },
          B5: { formula: "=TOKEN.FITSCORE(\"exchange\",\"buyback\")", value: 1 },
          C5: { formula: "=TOKEN.SHARE(B1)", value: "10%" }, // text a TOKEN function shows; Excel would re-read it as 0.1
          D5: { formula: "=TOKEN.NOTE(B1)", value: "=not a formula" },
        },
        spills: { A2: "A2:D2" },
      },
      { name: "Notes", cells: { A1: "plain" } },
    ],
  });

  it("finds TOKEN calls only outside strings", () => {
    expect(isTokenFormula("=TOKEN.FEESPLIT(A1)")).toBe(true);
    expect(isTokenFormula("=1+token.verdict(A1)")).toBe(true);
    expect(isTokenFormula('="TOKEN.X"')).toBe(false);
    expect(isTokenFormula("=MYTOKEN.X(1)")).toBe(false);
    expect(isTokenFormula("TOKEN.X")).toBe(false);
  });

  it("replaces TOKEN formulas (and their spills) with values, leaves native formulas and constants", async () => {
    const fake = workbook();
    const scan = await scanWorkbook(fake.run, { formatting: true });
    expect(fake.syncs).toBe(3); // sheets, used ranges, cells
    expect(scan.map((s) => [s.sheet, s.cells.length])).toEqual([["Model", 5], ["Notes", 0]]);

    fake.syncs = 0;
    const report = await makeShareable(fake.run, { formatting: true, spills: true });
    expect(fake.syncs).toBe(5); // sheets, used ranges, cells, spills, writes
    expect(report).toMatchObject({ formulas: 5, spilled: 3, anchorsOnly: false, sheets: [{ sheet: "Model", formulas: 5, spilled: 3 }] });
    expect([fake.cell("Model", "A2"), fake.cell("Model", "B2"), fake.cell("Model", "D2")]).toEqual([40, 30, 20]);
    expect(fake.cell("Model", "A5")).toBe("not yet");
    expect(fake.cell("Model", "B5")).toBe(1);
    expect([fake.cell("Model", "C5"), fake.cell("Model", "D5")]).toEqual(["10%", "=not a formula"]); // kept as the text shown
    expect(fake.cell("Model", "A3")).toBe("=SUM(B1,1)");
    expect(fake.cell("Model", "A4")).toBe('="TOKEN.X is text"');
    expect(fake.cell("Model", "B1")).toBe(100);
    expect(describeShareable(report)).toMatch(/Replaced 5 TOKEN formulas.*'Model' 5.*3 spilled cells/);
  });

  it("without ExcelApi 1.12 converts only the formula cells and says so", async () => {
    const fake = workbook();
    const report = await makeShareable(fake.run, { formatting: true, spills: false });
    expect(fake.syncs).toBe(4);
    expect(report).toMatchObject({ formulas: 5, spilled: 0, anchorsOnly: true });
    expect(describeShareable(report)).toMatch(/ExcelApi 1\.12/);
  });

  it("refuses whole when a sheet with TOKEN cells is protected, or a TOKEN cell is calculating or unknown to Excel", async () => {
    const locked = new FakeExcel({ sheets: [{ name: "Model", protected: true, cells: { A1: { formula: "=TOKEN.X()", value: 1 } } }] });
    await expect(makeShareable(locked.run, { formatting: true, spills: true })).rejects.toThrow(/"Model" is protected/);
    expect(locked.cell("Model", "A1")).toBe("=TOKEN.X()");
    const busy = new FakeExcel({ sheets: [{ name: "Model", cells: { A1: { formula: "=TOKEN.X()", value: "#BUSY!" } } }] });
    await expect(makeShareable(busy.run, { formatting: true, spills: true })).rejects.toThrow(/still calculating/);
    const unloaded = new FakeExcel({ sheets: [{ name: "Model", cells: { A1: { formula: "=TOKEN.X()", value: "#NAME?" } } }] });
    await expect(makeShareable(unloaded.run, { formatting: true, spills: true })).rejects.toThrow(/#NAME\? \(the add-in's functions are not loaded\)/);
    expect(unloaded.cell("Model", "A1")).toBe("=TOKEN.X()");
  });

  it("stops after the reads when there is nothing to convert", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Notes", cells: { A1: "plain", A2: { formula: "=1+1", value: 2 } } }] });
    const report = await makeShareable(fake.run, { formatting: true, spills: true });
    expect(report.formulas).toBe(0);
    expect(fake.syncs).toBe(3);
  });
});

describe("buildSheets: one Excel.run, one read sync and one write sync", () => {
  const built = PLAN_BUILDERS.length;
  const build = (fake: FakeExcel, keys: Parameters<typeof buildSheets>[0], mode: "create" | "update" = "create", support = ALL_SUPPORTED) =>
    buildSheets(keys, DEFAULT_INPUTS, { mode, support, run: fake.run });

  it("builds a new model next to the user's sheets in exactly 2 syncs, with screen updating suspended", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1", cells: { A1: "mine" } }] });
    const intents: string[][] = [];
    const report = await buildSheets("all", DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run, onIntent: (i) => intents.push([...i.create]) });
    expect(fake.syncs).toBe(2);
    expect(fake.screenUpdatingSuspended).toBe(1);
    // The pane records the day the model was made on its Read me sheet.
    const plans = buildModelPlan(DEFAULT_INPUTS, defaultNaming(), { made: { date: today() } });
    expect(fake.sheets.find((s) => s.name === "Read me")!.cells.size).toBeGreaterThan(0);
    expect([...fake.sheet("Read me")!.cells.values()].map((c) => c.formula)).toContain(today());
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", ...plans.map((p) => p.name)]);
    expect(report.create).toEqual(plans.map((p) => p.name));
    expect(intents).toEqual([plans.map((p) => p.name)]);
    expect(fake.sheet("Read me")!.activated).toBe(1);
    expect(fake.sheet("Reference")!.visibility).toBe("Hidden");
    expect(fake.cell("Sheet1", "A1")).toBe("mine");
    // Every block of every plan landed at its address.
    for (const plan of plans) {
      for (const block of plan.blocks) {
        const first = block.cells[0]!.findIndex((v) => v !== null);
        if (first < 0) continue;
        const { row, col } = parseCell(block.at);
        const at = cellAddress(row, col + first);
        expect([plan.name, at, fake.cell(plan.name, at)]).toEqual([plan.name, at, block.cells[0]![first]]);
      }
      for (const n of plan.names) expect(sheetOfReference(fake.names.get(n.name.toLowerCase())!.ref)).toBe(plan.name);
    }
    expect(report.sheets).toHaveLength(built);
    expect(describeReport(report)).toMatch(/^Created “Read me”, “Summary”, .* and “Reference”: \d+ cells written\.$/);
  });

  it("never touches an existing sheet: a user's Fee Split gets a Fee Split (2) and keeps its cells", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Fee Split", cells: { A1: "my notes", B5: 123 } }] });
    const report = await build(fake, "all");
    expect(fake.syncs).toBe(2);
    expect(report.naming.suffix).toBe("_2");
    expect(report.create).toContain("Fee Split (2)");
    expect(fake.sheet("Fee Split (2)")!.cells.size).toBeGreaterThan(10);
    const mine = fake.sheet("Fee Split")!;
    expect([...mine.cells.entries()]).toEqual([["A1", { formula: "my notes" }], ["B5", { formula: 123 }]]);
    expect(mine.styles).toEqual([]);
    expect(mine.validations).toEqual([]);
    expect([...fake.names.keys()].every((n) => n.endsWith("_2"))).toBe(true);
  });

  it("one sheet brings the missing sheets it reads from, still in 2 syncs", async () => {
    const fake = new FakeExcel();
    const report = await build(fake, ["feeSplit"]);
    expect(fake.syncs).toBe(2);
    expect(report.create).toEqual(["Fee Split", "Reference"]);
    expect(report.dependencies).toEqual(["Reference"]);
    expect(describeReport(report)).toMatch(/“Reference” was added because the chosen sheet reads from it/);
  });

  it("update rewrites the model's labels and formulas and keeps every input, in 2 syncs", async () => {
    const fake = new FakeExcel();
    await build(fake, "all");
    const plans = buildModelPlan(DEFAULT_INPUTS, defaultNaming());
    const fee = plans.find((p) => p.key === "feeSplit")!;
    const input = fee.blocks.find((b) => b.role === "input")!;
    const computed = fee.blocks.find((b) => b.role === "computed")!;
    const label = fee.blocks.find((b) => b.role === "label")!;
    fake.sheet("Fee Split")!.cells.set(input.at, { formula: 777 });
    fake.sheet("Fee Split")!.cells.set(computed.at, { formula: "=1" });
    fake.sheet("Fee Split")!.cells.set(label.at, { formula: "renamed" });
    const tables = fake.sheets.map((s) => s.tables.length);
    fake.syncs = 0;

    const report = await build(fake, "all", "update");
    expect(fake.syncs).toBe(2);
    expect(report.update).toHaveLength(built);
    expect(report.create).toEqual([]);
    expect(fake.cell("Fee Split", input.at)).toBe(777);
    expect(fake.cell("Fee Split", computed.at)).toBe(computed.cells[0]![0]);
    expect(fake.cell("Fee Split", label.at)).toBe(label.cells[0]![0]);
    expect(fake.sheets.map((s) => s.tables.length)).toEqual(tables);
    expect(report.keptInputCells).toBeGreaterThan(0);
  });

  it("update refuses a same-named sheet that is not the model's, before writing anything", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Checklist", cells: { C5: "my own list" } }] });
    await expect(build(fake, ["checklist"], "update")).rejects.toThrow(/“Checklist” exists but is not part of a model built here/);
    expect(fake.syncs).toBe(1);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Checklist"]);
    expect(fake.cell("Checklist", "C5")).toBe("my own list");
  });

  it("refuses protected sheets (update) and a protected workbook structure (create) after the read sync only", async () => {
    const fake = new FakeExcel();
    await build(fake, "all");
    fake.sheet("Fee Split")!.protected = true;
    fake.syncs = 0;
    await expect(build(fake, ["feeSplit"], "update")).rejects.toThrow(/“Fee Split” is protected/);
    expect(fake.syncs).toBe(1);

    const locked = new FakeExcel({ sheets: [{ name: "Sheet1" }], structureProtected: true });
    await expect(build(locked, "all")).rejects.toThrow(/workbook structure is protected/);
    expect(locked.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  it("when the write sync fails halfway, removes the sheets and names it added (Excel does not roll back)", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1", cells: { A1: "mine" } }], names: [{ name: "Mine", ref: "Sheet1!$A$1" }] });
    fake.failAt = { sync: 2, command: 60, code: "InvalidArgument" };
    await expect(build(fake, "all")).rejects.toMatchObject({ code: "InvalidArgument", message: expect.stringMatching(/The pane removed what this build had added: \d+ defined names and \d+ sheets \(“Read me”, “Summary”, “Layers”.* and “Reference”\)\.$/) });
    expect(fake.syncs).toBe(4); // read, failed write, clean-up read, clean-up write
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    expect([...fake.names.values()].map((n) => n.name)).toEqual(["Mine"]);
    expect(fake.cell("Sheet1", "A1")).toBe("mine");
  });
});

describe("buildSheets with a Monte Carlo run: the run is recorded on the Stress Test sheet, still 2 syncs", () => {
  const SEED = 4242;
  const params = stressRunParams(DEFAULT_INPUTS, { paths: 300, seed: SEED, volatility: 0.2 });
  const run = { params, result: monteCarlo(params) };
  const stressPlan = (withRun: boolean): SheetPlan => buildModelPlan(DEFAULT_INPUTS, defaultNaming(), withRun ? { monteCarlo: run } : {}).find((p) => p.key === "stressTest")!;
  /** The blocks a run adds or changes: the Monte Carlo's record, percentiles and totals. */
  const runBlocks = stressPlan(true).blocks.filter((b) => !stressPlan(false).blocks.some((o) => JSON.stringify(o) === JSON.stringify(b)));
  /** Every cell of a block, by address. */
  const cellsOf = (block: SheetPlan["blocks"][number]): [string, unknown][] => {
    const { row, col } = parseCell(block.at);
    return block.cells.flatMap((r, i) => r.flatMap((v, j) => (v === null ? [] : [[cellAddress(row + i, col + j), v] as [string, unknown]])));
  };
  /** The cell right of a label on the sheet, e.g. the seed beside "Seed". */
  const beside = (fake: FakeExcel, sheet: string, label: string): unknown => {
    const at = [...fake.sheet(sheet)!.cells.entries()].find(([, c]) => c.formula === label)?.[0];
    if (!at) throw new Error(`No "${label}" on ${sheet}.`);
    const { row, col } = parseCell(at);
    return fake.cell(sheet, cellAddress(row, col + 1));
  };

  it("creates Stress Test (and what it reads from) with the seed and every value of the run, in exactly 2 syncs", async () => {
    expect(runBlocks.length).toBeGreaterThanOrEqual(3);
    const fake = new FakeExcel();
    const report = await buildSheets(["stressTest"], DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run, modelOptions: { monteCarlo: run } });
    expect(fake.syncs).toBe(2);
    expect(report.create).toEqual(["Fee Split", "Stress Test", "Reference"]);
    expect(report.dependencies).toEqual(["Fee Split", "Reference"]);
    expect(beside(fake, "Stress Test", "Seed")).toBe(SEED);
    expect(beside(fake, "Stress Test", "Paths")).toBe(300);
    for (const block of runBlocks) for (const [at, v] of cellsOf(block)) expect([at, fake.cell("Stress Test", at)]).toEqual([at, v]);
    // The run's own figures, e.g. the median total of the buyback, are among them.
    const buyback = run.result.cumulative[run.result.buckets.findIndex((b) => b.id === "buyback")]!.p50 / 100;
    expect([...fake.sheet("Stress Test")!.cells.values()].some((c) => c.formula === buyback)).toBe(true);
    expect(fake.sheet("Stress Test")!.tables.map((t) => t.name)).toContain("StressMonteCarlo");
  });

  it("update writes the run into an existing Stress Test as owned values and keeps the sheet's inputs, in 2 syncs", async () => {
    const fake = new FakeExcel();
    await buildSheets("all", DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run });
    const input = stressPlan(false).blocks.find((b) => b.role === "input")!;
    fake.sheet("Stress Test")!.cells.set(input.at, { formula: 123456 });
    expect(() => beside(fake, "Stress Test", "Seed")).toThrow(/No "Seed"/);
    fake.syncs = 0;

    const report = await buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "update", support: ALL_SUPPORTED, run: fake.run, modelOptions: { monteCarlo: run } });
    expect(fake.syncs).toBe(2);
    expect(report.update).toEqual(["Stress Test"]);
    expect(report.create).toEqual([]);
    expect(fake.cell("Stress Test", input.at)).toBe(123456);
    expect(beside(fake, "Stress Test", "Seed")).toBe(SEED);
    for (const block of runBlocks) {
      expect(block.role).not.toBe("input");
      for (const [at, v] of cellsOf(block)) expect([at, fake.cell("Stress Test", at)]).toEqual([at, v]);
    }
  });

  it("update adds the run's table and fan chart to a Stress Test built without them, once, and leaves the user's own", async () => {
    const fake = new FakeExcel();
    await buildSheets("all", DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run });
    const sheet = fake.sheet("Stress Test")!;
    expect(sheet.tables.map((t) => t.name)).not.toContain("StressMonteCarlo");
    const fan = stressPlan(true).charts.find((c) => c.name.startsWith("StressFanChart"))!;
    expect(sheet.charts.map((c) => c.name)).not.toContain(fan.name);
    // The user's own table and chart on the sheet.
    sheet.tables.push({ name: "MyNotes", address: "ZZ1:ZZ3" });
    sheet.charts.push({ type: "Pie", source: "'Stress Test'!ZZ1:ZZ3", seriesBy: "Columns", name: "My chart", title: "Mine" });
    const mine = JSON.stringify({ tables: sheet.tables, charts: sheet.charts });
    const counts = { validations: sheet.validations.length, cfs: sheet.conditionalFormats.length };
    const update = async () => {
      fake.syncs = 0;
      const report = await buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "update", support: ALL_SUPPORTED, run: fake.run, modelOptions: { monteCarlo: run } });
      expect(fake.syncs).toBe(2);
      return report.sheets.find((s) => s.name === "Stress Test")!;
    };

    expect(await update()).toMatchObject({ action: "updated", tables: 1, charts: 1, validations: 0, conditionalFormats: 0 });
    const table = stressPlan(true).tables.find((t) => t.name === "StressMonteCarlo")!;
    expect(sheet.tables.filter((t) => t.name === "StressMonteCarlo")).toEqual([{ name: "StressMonteCarlo", address: table.range, style: table.style }]);
    expect(sheet.charts.filter((c) => c.name === fan.name)).toEqual([
      expect.objectContaining({ type: "Line", source: `'Stress Test'!${fan.dataRange}`, title: fan.title }),
    ]);
    expect(JSON.stringify({ tables: sheet.tables.slice(0, -1), charts: sheet.charts.slice(0, -1) })).toBe(mine);
    expect({ validations: sheet.validations.length, cfs: sheet.conditionalFormats.length }).toEqual(counts);

    // A second update finds both and adds nothing.
    const after = JSON.stringify({ tables: sheet.tables, charts: sheet.charts });
    expect(await update()).toMatchObject({ tables: 0, charts: 0 });
    expect(JSON.stringify({ tables: sheet.tables, charts: sheet.charts })).toBe(after);
    expect({ validations: sheet.validations.length, cfs: sheet.conditionalFormats.length }).toEqual(counts);
  });
});

describe("buildSheets on an Excel that refuses update's extra reads", () => {
  it("reads again without the sheets' charts, still updates, and adds no chart rather than risk a duplicate", async () => {
    const fake = new FakeExcel();
    await buildSheets("all", DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run });
    const sheet = fake.sheet("Stress Test")!;
    const chartsBefore = sheet.charts.length;
    fake.nestedLoadsFail = true;
    fake.syncs = 0;
    const mc = stressRunParams(DEFAULT_INPUTS, { paths: 50, seed: 9 });
    const report = await buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "update", support: ALL_SUPPORTED, run: fake.run, modelOptions: { monteCarlo: { params: mc, result: monteCarlo(mc) } } });
    // The refused read costs one more round trip; the write is still one.
    expect(fake.syncs).toBe(3);
    expect(report.sheets.find((s) => s.name === "Stress Test")).toMatchObject({ action: "updated", tables: 1, charts: 0 });
    expect(sheet.charts.length).toBe(chartsBefore);
    expect(sheet.tables.map((t) => t.name)).toContain("StressMonteCarlo");
  });

  it("a create build never asks for chart names, so such an Excel builds it in 2 syncs", async () => {
    const fake = new FakeExcel();
    fake.nestedLoadsFail = true;
    await buildSheets("all", DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run });
    expect(fake.syncs).toBe(2);
  });
});

describe("buildSheets running a Monte Carlo between its syncs: update uses the inputs typed on the Stress Test sheet", () => {
  const choice = { paths: 200, seed: 31, volatility: 0.2 };
  const L = STRESS_TEST_LAYOUT.inputs;
  /** The cell right of the label's last occurrence: the run's record sits below the inputs (both have a "Stage"). */
  const beside = (fake: FakeExcel, label: string): unknown => {
    const at = [...fake.sheet("Stress Test")!.cells.entries()].reverse().find(([, c]) => c.formula === label)?.[0];
    if (!at) throw new Error(`No "${label}" on Stress Test.`);
    const { row, col } = parseCell(at);
    return fake.cell("Stress Test", cellAddress(row, col + 1));
  };
  /** What the pane's Excel delivery does: the sheet's inputs when given, else the defaults; the run chunked. */
  const paneRun = (fake: FakeExcel, seen: { inputs?: Readonly<Record<string, unknown>>; shareTable?: ShareTable; syncsAtRun?: number; params?: MonteCarloParams }) =>
    async (sheetInputs: Readonly<Record<string, unknown>> | undefined, shareTable?: ShareTable) => {
      seen.inputs = sheetInputs;
      seen.shareTable = shareTable;
      seen.syncsAtRun = fake.syncs;
      const params = sheetInputs ? stressRunParamsFromSheet(sheetInputs, choice, shareTable) : stressRunParams(DEFAULT_INPUTS, choice);
      seen.params = params;
      return { params, result: await monteCarloChunked(params, { chunkPaths: 50, yieldFn: () => Promise.resolve() }) };
    };
  /**
   * The simulator does not calculate: set what Excel shows in the Fee Split's
   * FeeShares view (formulas over the bucket table, kept) for a stage, as if
   * the user had typed those shares into the table and Excel recalculated.
   */
  const showShares = (fake: FakeExcel, stage: number, shares: readonly number[]): void => {
    const view = parseRange(FEE_SPLIT_LAYOUT.feeShares);
    shares.forEach((v, j) => {
      const at = cellAddress(view.top + stage, view.left + j);
      const cells = fake.sheet("Fee Split")!.cells;
      cells.set(at, { ...cells.get(at)!, value: v });
    });
  };
  const built = async (): Promise<FakeExcel> => {
    const fake = new FakeExcel();
    await buildSheets("all", DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run });
    modelShareTable(DEFAULT_INPUTS).forEach((row, i) => showShares(fake, i, row));
    fake.syncs = 0;
    return fake;
  };

  it("reads the edited inputs in a short batch first, runs outside any batch, re-reads them, records them, and keeps them: 1 + 2 syncs", async () => {
    const fake = await built();
    const edits: Record<string, unknown> = { Revenue: 2_500_000, Growth: 0.05, Stage: "mature", BuybackCap: 150_000, FundStart: 40_000, FundMin: 0, ClaimMonth: 6, ClaimAmount: 123_456.78 };
    for (const [key, v] of Object.entries(edits)) fake.sheet("Stress Test")!.cells.set(L[key]!, { formula: v });
    const seen: Parameters<typeof paneRun>[1] = {};

    const report = await buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "update", support: ALL_SUPPORTED, run: fake.run, stressRun: paneRun(fake, seen) });
    expect(fake.syncs).toBe(3);
    expect(seen.syncsAtRun).toBe(1); // after the inputs' read, before the build's batch
    expect(fake.runs.slice(-2).map((r) => r.syncs)).toEqual([1, 2]);
    expect(report.update).toEqual(["Stress Test"]);
    for (const [key, v] of Object.entries(edits)) expect(seen.inputs![key]).toBe(v);

    const expected: MonteCarloParams = {
      ...stressRunParams(DEFAULT_INPUTS, choice),
      revenue: 2_500_000, growth: 0.05, stage: "mature", caps: { buyback: 150_000 },
      fund: { startBalance: 40_000, minBalance: 0, claims: [{ month: 6, amount: 123_456.78 }] },
    };
    expect(seen.params).toEqual(expected);
    // Recorded on the sheet: what the run used, and its figures are monteCarlo's for those parameters.
    const result = monteCarlo(expected);
    expect(beside(fake, "Seed")).toBe(31);
    expect(beside(fake, "Starting monthly revenue")).toBe(2_500_000);
    expect(beside(fake, "Expected growth per month")).toBe(0.05);
    expect(beside(fake, "Stage")).toBe(JSON.stringify("mature"));
    expect(beside(fake, "Caps")).toBe(JSON.stringify({ buyback: 150_000 }));
    expect(beside(fake, "Fund")).toBe(JSON.stringify(expected.fund));
    expect(beside(fake, "Fund below its minimum in some month")).toBe(result.fund.belowMinAnyShare);
    expect(beside(fake, "A claim not fully paid in some month")).toBe(result.fund.uncoveredAnyShare);
    const buyback = result.cumulative[result.buckets.findIndex((b) => b.id === "buyback")]!.p50 / 100;
    expect([...fake.sheet("Stress Test")!.cells.values()].some((c) => c.formula === buyback)).toBe(true);
    const expectedPlan = buildModelPlan(DEFAULT_INPUTS, defaultNaming(), { monteCarlo: { params: expected, result } }).find((p) => p.key === "stressTest")!;
    for (const block of expectedPlan.blocks.filter((b) => b.role !== "input")) {
      const { row, col } = parseCell(block.at);
      block.cells.forEach((r, i) => r.forEach((v, j) => {
        if (v !== null) expect([block.at, fake.cell("Stress Test", cellAddress(row + i, col + j))]).toEqual([block.at, v]);
      }));
    }
    // The user's inputs stay as typed.
    for (const [key, v] of Object.entries(edits)) expect(fake.cell("Stress Test", L[key]!)).toBe(v);
  });

  it("runs on the shares the Fee Split sheet gives the standard buckets (what the Stress Test sheet reads), still in 1 + 2 syncs", async () => {
    const fake = await built();
    const growth = STAGES.findIndex((st) => st.id === "growth");
    const typed = [0.5, 0.25, 0.25, 0]; // buyback, stakers, insurance, discount: no discount any more
    showShares(fake, growth, typed);
    const seen: Parameters<typeof paneRun>[1] = {};
    await buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "update", support: ALL_SUPPORTED, run: fake.run, stressRun: paneRun(fake, seen) });
    expect(fake.syncs).toBe(3);
    expect(seen.shareTable![growth]).toEqual(typed);
    const stage = seen.params!.stage as ShareSet;
    expect(stage.shares.map((x) => x.toNumber())).toEqual(typed);
    // The run splits on those shares: nothing to discounts in any path or month.
    const result = monteCarlo(seen.params!);
    expect(result.cumulative[result.buckets.findIndex((b) => b.id === "discount")]!.p95).toBe(0);
    // Recorded as the fractions by bucket, readable beside the run.
    expect(beside(fake, "Stage")).toBe(JSON.stringify({ buyback: 0.5, stakers: 0.25, insurance: 0.25, discount: 0 }));
    // Untouched rows keep the stage's name in the record.
    showShares(fake, growth, modelShareTable(DEFAULT_INPUTS)[growth]!);
    await buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "update", support: ALL_SUPPORTED, run: fake.run, stressRun: paneRun(fake, seen) });
    expect(seen.params!.stage).toBe("growth");
  });

  it("shares that cannot drive a run are named, and nothing is written", async () => {
    const fake = await built();
    showShares(fake, STAGES.findIndex((st) => st.id === "growth"), [1.5, 0.3, 0.1, 0.2]);
    const before = JSON.stringify([...fake.sheet("Stress Test")!.cells.entries()]);
    const seen: Parameters<typeof paneRun>[1] = {};
    await expect(buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "update", support: ALL_SUPPORTED, run: fake.run, stressRun: paneRun(fake, seen) }))
      .rejects.toThrow(/^The Fee Split sheet's growth shares cannot drive a run: the Buyback share is 1\.5: give it a share from 0% to 100% in the Fee Split bucket table\./);
    expect(fake.syncs).toBe(1);
    expect(JSON.stringify([...fake.sheet("Stress Test")!.cells.entries()])).toBe(before);
  });

  it("the Fee Split shares changed while the paths ran: nothing is written and the pane says to run again", async () => {
    const fake = await built();
    const before = JSON.stringify([...fake.sheet("Stress Test")!.cells.entries()]);
    const seen: Parameters<typeof paneRun>[1] = {};
    const run = paneRun(fake, seen);
    const stressRun = async (inputs: Readonly<Record<string, unknown>> | undefined, shares?: ShareTable) => {
      const done = await run(inputs, shares);
      showShares(fake, 0, [0.35, 0.3, 0.1, 0.25]); // typed while the paths ran
      return done;
    };
    await expect(buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "update", support: ALL_SUPPORTED, run: fake.run, stressRun }))
      .rejects.toThrow(/“Fee Split” had its shares edited while the paths ran, .*nothing was written\. Run the stress test again\./);
    expect(JSON.stringify([...fake.sheet("Stress Test")!.cells.entries()])).toBe(before);
  });

  it("create writes a new sheet with the defaults and runs with them; nothing is read for it", async () => {
    const fake = await built();
    fake.sheet("Stress Test")!.cells.set(L.Growth!, { formula: 0.05 });
    const seen: Parameters<typeof paneRun>[1] = {};
    const report = await buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "create", support: ALL_SUPPORTED, run: fake.run, stressRun: paneRun(fake, seen) });
    expect(fake.syncs).toBe(2);
    expect(report.create).toContain("Stress Test (2)");
    expect(seen.inputs).toBeUndefined();
    expect(seen.params).toEqual(stressRunParams(DEFAULT_INPUTS, choice));
  });

  it("update with the Stress Test sheet missing creates it and runs with the defaults, in 1 + 2 syncs", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    const seen: Parameters<typeof paneRun>[1] = {};
    const report = await buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "update", support: ALL_SUPPORTED, run: fake.run, stressRun: paneRun(fake, seen) });
    expect(fake.syncs).toBe(3);
    expect(fake.nullLookups).toBe(2); // Stress Test's inputs and Fee Split's share table, both missing
    expect(report.create).toContain("Stress Test");
    expect(seen.inputs).toBeUndefined();
    expect(seen.params).toEqual(stressRunParams(DEFAULT_INPUTS, choice));
    expect(beside(fake, "Seed")).toBe(31);
  });

  it("where Excel refuses a read through a missing sheet's null object, reads again without it and still builds", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    fake.nullObjectReadsFail = true;
    const seen: Parameters<typeof paneRun>[1] = {};
    const report = await buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "update", support: ALL_SUPPORTED, run: fake.run, stressRun: paneRun(fake, seen) });
    // The refused read costs one more round trip; the build still reads and writes in one each.
    expect(fake.syncs).toBe(4);
    expect(report.create).toContain("Stress Test");
    expect(seen.inputs).toBeUndefined();
    expect(seen.params).toEqual(stressRunParams(DEFAULT_INPUTS, choice));
    expect(beside(fake, "Seed")).toBe(31);
  });

  it("an input that cannot drive a run stops after the read sync, names its cell, and writes nothing", async () => {
    const fake = await built();
    fake.sheet("Stress Test")!.cells.set(L.ClaimMonth!, { formula: "soon" });
    const before = JSON.stringify([...fake.sheet("Stress Test")!.cells.entries()]);
    const seen: Parameters<typeof paneRun>[1] = {};
    await expect(buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "update", support: ALL_SUPPORTED, run: fake.run, stressRun: paneRun(fake, seen) }))
      .rejects.toThrow(`The Stress Test sheet's ${L.ClaimMonth} ("Claim in month") holds "soon", not a number`);
    expect(fake.syncs).toBe(1);
    expect(JSON.stringify([...fake.sheet("Stress Test")!.cells.entries()])).toBe(before);
  });

  it("a cancelled run stops before any write", async () => {
    const fake = await built();
    const signal = { aborted: false };
    const stressRun = async () => {
      const params = stressRunParams(DEFAULT_INPUTS, choice);
      return { params, result: await monteCarloChunked(params, { chunkPaths: 50, signal, onProgress: () => { signal.aborted = true; }, yieldFn: () => Promise.resolve() }) };
    };
    await expect(buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "update", support: ALL_SUPPORTED, run: fake.run, stressRun })).rejects.toThrow(/cancelled/);
    expect(fake.syncs).toBe(1);
    expect(() => beside(fake, "Seed")).toThrow(/No "Seed"/);
  });
});
