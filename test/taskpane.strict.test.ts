import { buildModelPlan, defaultNaming, DEFAULT_INPUTS, stressRunParams } from "../src/plans";
import { STRESS_TEST_LAYOUT } from "../src/plans/stressTest";
import { monteCarloChunked } from "../src/stress";
import { buildSheets, excelRun } from "../taskpane/buildSheets";
import { describeError } from "../taskpane/errors";
import { checklistLocation, startLiveChecklist } from "../taskpane/liveChecklist";
import { bands, CHUNKS, makeShareable, scanWorkbook } from "../taskpane/makeShareable";
import { ALL_SUPPORTED, detectSupport } from "../taskpane/support";
import { FakeExcel, officeGlobals, PAYLOAD_LIMIT, type ApiLevel } from "./helpers/fakeExcel";

/**
 * The pane's Excel code against the strict simulator: requirement-set
 * levels, Excel's refusals, payload limits, cell edit mode, a workbook
 * changing under a build.
 */

const plans = buildModelPlan(DEFAULT_INPUTS, defaultNaming());
const checklistPlan = plans.find((p) => p.key === "checklist")!;

describe("the simulator is strict where Excel is", () => {
  it("a property read without load() and sync() throws PropertyNotLoaded; a collection gives only the fields loaded", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S", cells: { A1: 5 } }], names: [{ name: "N", ref: "'S'!$A$1" }] });
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      expect(() => range.values).toThrow(/not available/); // loaded, not yet synced
      const names = context.workbook.names.load("items/name");
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      expect(range.values).toEqual([[5]]);
      expect(() => range.formulas).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      expect(names.items[0]!.name).toBe("N");
      expect(() => names.items[0]!.type).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      expect(() => names.items[0]!.value).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      expect(() => sheets.items[0]!.protection.protected).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("tables.add(range, false) inserts a header row and moves the data down a row, as Excel documents", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S", cells: { A1: "Bucket", B1: "Share", A2: "buyback", B2: 0.4 } }] });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("S").tables.add("A1:B2", false);
      await context.sync();
    });
    expect([fake.cell("S", "A1"), fake.cell("S", "A2"), fake.cell("S", "A3")]).toEqual(["Column1", "Bucket", "buyback"]);
    expect(fake.sheet("S")!.tables[0]!.address).toBe("A1:B3");
  });

  it("only a Custom conditional format has a custom rule; others fail the sync", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S" }] });
    await expect(fake.run(async (context) => {
      const cf = context.workbook.worksheets.getItem("S").getRange("A1").conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
      cf.custom.rule.formula = "=A1>0";
      await context.sync();
    })).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("names.add refuses a name that is a cell reference or taken; data validation keeps Excel's text limits", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S" }] });
    const add = (name: string) => fake.run(async (context) => {
      context.workbook.names.add(name, context.workbook.worksheets.getItem("S").getRange("A1"));
      await context.sync();
    });
    await expect(add("AB12")).rejects.toMatchObject({ code: "InvalidArgument" });
    await add("Revenue");
    await expect(add("REVENUE")).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    await expect(fake.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").dataValidation.errorAlert = { showAlert: true, style: "Stop", title: "x".repeat(33), message: "m" };
      await context.sync();
    })).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});

describe("each requirement-set level: the pane asks only for what the Excel offers", () => {
  const levels: { level: ApiLevel; validations: boolean; formats: boolean; freeze: boolean; suspended: number; live: boolean; spills: boolean }[] = [
    { level: "1.4", validations: false, formats: false, freeze: false, suspended: 0, live: false, spills: false },
    { level: "1.7", validations: false, formats: true, freeze: true, suspended: 0, live: true, spills: false },
    { level: "1.9", validations: true, formats: true, freeze: true, suspended: 1, live: true, spills: false },
    { level: "1.12", validations: true, formats: true, freeze: true, suspended: 1, live: true, spills: true },
  ];

  it.each(levels)("ExcelApi $level: builds the whole model in 2 syncs and names what it left out", async (l) => {
    const fake = new FakeExcel({ apiLevel: l.level, sheets: [{ name: "Sheet1" }] });
    const support = detectSupport(fake.isSetSupported);
    const report = await buildSheets("all", DEFAULT_INPUTS, { support, run: fake.run });
    expect(fake.syncs).toBe(2);
    expect(fake.screenUpdatingSuspended).toBe(l.suspended);
    const all = fake.sheets.slice(1);
    expect(all.map((s) => s.name)).toEqual(plans.map((p) => p.name));
    expect(all.some((s) => s.validations.length > 0)).toBe(l.validations);
    expect(all.some((s) => s.conditionalFormats.length > 0)).toBe(l.formats);
    expect(all.some((s) => s.freeze !== undefined)).toBe(l.freeze);
    expect(report.skipped.some((x) => /ExcelApi 1\.8/.test(x))).toBe(!l.validations);
    expect(report.skipped.some((x) => /ExcelApi 1\.6/.test(x))).toBe(!l.formats);
    // Every API the build called exists at this level.
    for (const api of fake.used) expect([api, Number(/1\.(\d+)\)$/.exec(api)![1]) <= Number(l.level.split(".")[1])]).toEqual([api, true]);
  });

  it.each(levels)("ExcelApi $level: the checklist is live only with 1.7; Make shareable reads spills only with 1.12", async (l) => {
    const fake = new FakeExcel({ apiLevel: l.level });
    const support = detectSupport(fake.isSetSupported);
    await buildSheets(["checklist"], DEFAULT_INPUTS, { support, run: fake.run });
    fake.syncs = 0;
    const results: number[] = [];
    const live = await startLiveChecklist(checklistLocation(checklistPlan), { run: fake.run, events: support.events, onResult: (r) => results.push(r.score.score), onError: (e) => { throw new Error(e); } });
    expect(live.live).toBe(l.live);
    expect(fake.syncs).toBe(1);
    await fake.userEdit("Checklist", checklistLocation(checklistPlan).answers.split(":")[0]!, "solid");
    expect(fake.syncs).toBe(l.live ? 2 : 1); // one read per change that touches the rows, with 1.7
    fake.sheet("Checklist")!.cells.set("H1", { formula: "=TOKEN.CHECKSCORE(C5:C14)", value: 1 });
    fake.sheet("Checklist")!.spills.set("H1", "H1");
    const report = await makeShareable(fake.run, support);
    expect(report.anchorsOnly).toBe(!l.spills);
    expect(fake.cell("Checklist", "H1")).toBe(1);
  });

  it("an Excel below a set the code calls fails the sync with ApiNotFound (a wrong version in the support table would show here)", async () => {
    const fake = new FakeExcel({ apiLevel: "1.4" });
    await expect(buildSheets("all", DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run })).rejects.toMatchObject({ code: "ApiNotFound" });
    const old = new FakeExcel({ apiLevel: "1.3" });
    expect(detectSupport(old.isSetSupported).names).toBe(false);
    await expect(buildSheets("all", DEFAULT_INPUTS, { support: detectSupport(old.isSetSupported), run: old.run })).rejects.toThrow(/ExcelApi 1\.4/);
    expect(old.syncs).toBe(0);
  });
});

describe("a request over 5 MB", () => {
  /** A sheet of long text: about 7 MB of values, with one TOKEN formula spilling over all of it. */
  const big = (): FakeExcel => {
    const cells: Record<string, unknown> = {};
    const text = "x".repeat(300);
    for (let r = 1; r <= 2_000; r++) for (const c of ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"]) cells[`${c}${r}`] = `${text}${r}`;
    cells.A1 = { formula: "=TOKEN.BIG()", value: `${text}1` };
    return new FakeExcel({ sheets: [{ name: "Data", cells, spills: { A1: "A1:L2000" } }] });
  };

  it("Excel on the web refuses it, and the pane says what happened", async () => {
    const fake = big();
    const error = await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRange("A1:L2000").load("values");
      await context.sync();
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(describeError(error)).toMatch(/too much data for one request/);
  });

  it("Make shareable reads and writes such a workbook in parts below the limit, with progress", async () => {
    const fake = big();
    const progress: string[] = [];
    const report = await makeShareable(fake.run, ALL_SUPPORTED, (m) => progress.push(m));
    expect(report).toMatchObject({ formulas: 1, spilled: 2_000 * 12 - 1 });
    expect(fake.cell("Data", "A1")).toBe(`${"x".repeat(300)}1`);
    expect(fake.cell("Data", "L2000")).toBe(`${"x".repeat(300)}2000`);
    expect(Math.max(...fake.requestSizes)).toBeLessThan(PAYLOAD_LIMIT);
    expect(fake.requestSizes.length).toBeGreaterThan(5);
    expect(progress.some((m) => /Reading the workbook: \d+ of \d+ parts/.test(m))).toBe(true);
    expect(progress.some((m) => /Writing values: part \d+/.test(m))).toBe(true);
  });

  it("bands cover a used range exactly, at least a row each", () => {
    const r = { top: 3, left: 2, bottom: 1002, right: 41 };
    const b = bands(r, CHUNKS.readCells);
    expect(b[0]).toEqual({ top: 3, left: 2, bottom: 502, right: 41 });
    expect(b.map((x) => x.bottom - x.top + 1).reduce((a, n) => a + n, 0)).toBe(1000);
    expect(bands(r, 1)).toHaveLength(1000);
  });
});

describe("a user editing a cell while the pane works", () => {
  afterEach(() => { delete (globalThis as { Excel?: unknown }).Excel; });

  it("the pane's Excel.run waits for the edit to end (delayForCellEdit), then builds; the workbook is unchanged meanwhile", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1", cells: { A1: "mine" } }] });
    (globalThis as { Excel?: unknown }).Excel = officeGlobals(fake).Excel;
    fake.startEditing();
    let done = false;
    const build = buildSheets("all", DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: excelRun }).then((r) => { done = true; return r; });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    expect(fake.runs[0]!.delayForCellEdit).toBe(true);
    fake.stopEditing();
    const report = await build;
    expect(fake.syncs).toBe(2);
    expect(report.create).toHaveLength(plans.length);
  });

  it("on an Excel that fails the batch instead, the pane says to finish the edit, and nothing changed", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1", cells: { A1: "mine" } }] });
    fake.startEditing();
    const error = await buildSheets("all", DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run }).catch((e: unknown) => e);
    expect(describeError(error)).toBe("A cell is being edited. Press Enter or Esc in the sheet, then try again.");
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    expect(fake.names.size).toBe(0);
  });

  it("an edit that starts between the read and the write: the write is refused whole and the pane says nothing was written", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    fake.beforeSync = (n) => { if (n === 2) fake.startEditing(); };
    const error = await buildSheets("all", DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run }).catch((e: unknown) => e);
    expect(describeError(error)).toBe("A cell is being edited. Press Enter or Esc in the sheet, then try again. Nothing was written.");
    expect(fake.syncs).toBe(2); // no clean-up: Excel ran none of it
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });
});

describe("a workbook that changes under a build (stale snapshot)", () => {
  it("a same-named sheet added between the read and the write: Excel refuses it, the pane removes only its own sheets and names and says so", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1", cells: { A1: "mine" } }] });
    fake.beforeSync = (n) => {
      if (n === 2) fake.sheets.push({ ...new FakeExcel({ sheets: [{ name: "Fee Split", cells: { Z99: "a co-author's" } }] }).sheets[0]! });
    };
    const error = await buildSheets("all", DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ItemAlreadyExists" });
    const message = describeError(error);
    expect(message).toMatch(/^A sheet, table or name with the same name already exists\./);
    expect(message).toMatch(/The pane removed what this build had added: 5 sheets \(“Read me”, “Summary”, “Layers”, “Product Core” and “Mechanics”\)\. “Fee Split” holds cells this build did not write .* left as it is\.$/);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "Fee Split"]);
    expect(fake.cell("Fee Split", "Z99")).toBe("a co-author's");
    expect(fake.syncs).toBe(4);
  });

  it("a sheet the build was creating, added meanwhile and holding cells the plan never writes, is left alone by the clean-up", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    // The write fails late (after every sheet was added); a co-author had typed into "Checklist" meanwhile.
    fake.failAt = { sync: 2, command: 400, code: "GeneralException" };
    fake.beforeSync = (n) => { if (n === 3) fake.sheet("Checklist")!.cells.set("Z99", { formula: "theirs" }); };
    const error = await buildSheets("all", DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run }).catch((e: unknown) => e);
    expect(describeError(error)).toMatch(/“Checklist” holds cells this build did not write .* left as it is\.$/);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "Checklist"]);
    expect(fake.names.size).toBe(0);
  });

  it("Stress Test inputs edited while the paths ran: nothing is written and the pane says to run again", async () => {
    const fake = new FakeExcel();
    await buildSheets("all", DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run });
    const before = JSON.stringify([...fake.sheet("Stress Test")!.cells.entries()]);
    const choice = { paths: 100, seed: 5, volatility: 0.1 };
    const stressRun = async () => {
      fake.sheet("Stress Test")!.cells.set(STRESS_TEST_LAYOUT.inputs.Growth!, { formula: 0.09 }); // typed while the paths run
      const params = stressRunParams(DEFAULT_INPUTS, choice);
      return { params, result: await monteCarloChunked(params, { chunkPaths: 50, yieldFn: () => Promise.resolve() }) };
    };
    await expect(buildSheets(["stressTest"], DEFAULT_INPUTS, { mode: "update", support: ALL_SUPPORTED, run: fake.run, stressRun }))
      .rejects.toThrow(/“Stress Test” had its inputs edited while the paths ran, .*nothing was written\. Run the stress test again\./);
    const after = new Map(fake.sheet("Stress Test")!.cells);
    after.set(STRESS_TEST_LAYOUT.inputs.Growth!, JSON.parse(before).find(([a]: [string]) => a === STRESS_TEST_LAYOUT.inputs.Growth)[1]);
    expect(JSON.stringify([...after.entries()])).toBe(before);
  });
});
