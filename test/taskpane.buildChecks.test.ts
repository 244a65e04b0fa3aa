import { STAGES } from "../src";
import { cellAddress, parseCell, parseRange } from "../src/export/address";
import { buildModelPlan, defaultNaming, DEFAULT_INPUTS, stressRunParams } from "../src/plans";
import { FEE_SPLIT_LAYOUT } from "../src/plans/feeSplit";
import { modelShareTable, STRESS_TEST_LAYOUT, stressRunParamsFromSheet } from "../src/plans/stressTest";
import type { PlanKey } from "../src/plans/types";
import { monteCarlo } from "../src/stress";
import { buildSheets, sheetOfReference, type BuildOptions, type RunBatch, type ShareTable } from "../taskpane/buildSheets";
import { describeError } from "../taskpane/errors";
import { ALL_SUPPORTED } from "../taskpane/support";
import { FakeExcel, type FakeCell } from "./helpers/fakeExcel";

/**
 * The build's checks on the read snapshot, and what it reads and says around
 * them: whose sheet an existing sheet is (the names that point at it), what
 * is protected, whether a Monte Carlo still matches the sheets it read, and
 * what a failed write leaves. Each against the strict simulator, with the
 * exact words the pane shows.
 */

const plans = buildModelPlan(DEFAULT_INPUTS, defaultNaming());
const planOf = (key: PlanKey) => plans.find((p) => p.key === key)!;

const build = (fake: FakeExcel, keys: readonly PlanKey[] | "all", mode: "create" | "update" = "create", extra: Partial<BuildOptions> = {}) =>
  buildSheets(keys, DEFAULT_INPUTS, { mode, support: ALL_SUPPORTED, run: fake.run, ...extra });

/** The error a build ends with, as the pane shows it. */
const failure = async (p: Promise<unknown>): Promise<{ code: unknown; message: string }> => {
  const error = await p.then(() => { throw new Error("the build succeeded"); }, (e: unknown) => e);
  return { code: (error as { code?: unknown }).code, message: describeError(error) };
};

/** A sheet someone adds to the workbook (the simulator's own sheet shape). */
const addSheet = (fake: FakeExcel, name: string, cells: Record<string, unknown> = {}): void => {
  fake.sheets.push(new FakeExcel({ sheets: [{ name, cells }] }).sheets[0]!);
};

const removeSheet = (fake: FakeExcel, name: string): void => {
  fake.sheets.splice(fake.sheets.findIndex((s) => s.name === name), 1);
};

/** The defined names that point at a sheet, as the pane writes them ("'Checklist'!$C$5"). */
const namesOn = (fake: FakeExcel, sheet: string): string[] =>
  [...fake.names.values()].filter((n) => n.ref.startsWith(`'${sheet}'!`)).map((n) => n.name);

const dropNames = (fake: FakeExcel, names: readonly string[]): void => {
  for (const n of names) fake.names.delete(n.toLowerCase());
};

const cellsOf = (fake: FakeExcel, sheet: string): string => JSON.stringify([...fake.sheet(sheet)!.cells.entries()]);

describe("sheetOfReference: the sheet a range name's value is on", () => {
  it("reads quoted and unquoted sheet names, with or without a leading =, and Excel's doubled apostrophes", () => {
    expect(sheetOfReference("'Fee Split'!$B$5")).toBe("Fee Split");
    expect(sheetOfReference("Checklist!$C$5:$C$14")).toBe("Checklist"); // Excel quotes only names that need it
    expect(sheetOfReference("='Fee Split'!$B$5")).toBe("Fee Split"); // a name's formula carries the =
    expect(sheetOfReference("=Checklist!$C$5")).toBe("Checklist");
    expect(sheetOfReference("'O''Brien''s plan'!$A$1")).toBe("O'Brien's plan");
    // An = inside a sheet name is part of the name; only a leading one is the formula's.
    expect(sheetOfReference("'Margin=Price-Cost'!$B$2")).toBe("Margin=Price-Cost");
    // A "!" inside a quoted sheet name: the last one separates the address.
    expect(sheetOfReference("'Wow!'!$A$1")).toBe("Wow!");
  });

  it("gives no sheet for a value that is not a reference", () => {
    expect(sheetOfReference("=0.25")).toBeUndefined();
    expect(sheetOfReference("growth")).toBeUndefined();
    expect(sheetOfReference(42)).toBeUndefined();
    expect(sheetOfReference(undefined)).toBeUndefined();
  });
});

describe("update's ownership check: an existing sheet is the model's only when one of its names points at it", () => {
  it("refuses one user's sheet that shares a model sheet's name, in the singular, before writing anything", async () => {
    // The model is in the workbook (Fee Split and Reference), but this Checklist is the user's own.
    const fake = new FakeExcel();
    await build(fake, ["feeSplit"]);
    addSheet(fake, "Checklist", { C5: "my own list" });
    fake.syncs = 0;
    const { code, message } = await failure(build(fake, ["checklist"], "update"));
    expect(code).toBe("Refused");
    expect(message).toBe('“Checklist” exists but is not part of a model built here (none of the model\'s names point at it), so Update leaves it alone; nothing was changed. Rename it, or choose "create new".');
    expect(fake.syncs).toBe(1);
    expect(cellsOf(fake, "Checklist")).toBe(JSON.stringify([["C5", { formula: "my own list" }]]));
  });

  it("refuses several such sheets in one message, in the plural, naming each", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Fee Split", cells: { A1: "my split" } }, { name: "Checklist", cells: { A1: "my list" } }] });
    const { message } = await failure(build(fake, ["feeSplit", "checklist"], "update"));
    expect(message).toBe('“Fee Split” and “Checklist” exist but are not part of a model built here (none of the model\'s names point at them), so Update leaves them alone; nothing was changed. Rename them, or choose "create new".');
    expect(fake.sheets.map((s) => s.name)).toEqual(["Fee Split", "Checklist"]);
    expect(fake.names.size).toBe(0);
  });

  it("a sheet without names of its own (Comparables) is the user's when no sheet of the model is there", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Comparables", cells: { A1: "my peers" } }] });
    expect(planOf("comparables").names).toEqual([]);
    const { message } = await failure(build(fake, ["comparables"], "update"));
    expect(message).toMatch(/^“Comparables” exists but is not part of a model built here/);
    expect(fake.cell("Comparables", "A1")).toBe("my peers");
  });

  it("one name still pointing at the sheet is enough: the user deleted the others, and update restores them", async () => {
    const fake = new FakeExcel();
    await build(fake, "all");
    const [kept, ...deleted] = namesOn(fake, "Checklist");
    expect(deleted.length).toBeGreaterThan(0);
    dropNames(fake, deleted);
    const report = await build(fake, ["checklist"], "update");
    expect(report.update).toEqual(["Checklist"]);
    expect(namesOn(fake, "Checklist")).toEqual(expect.arrayContaining([kept!, ...deleted]));
  });

  it("recognises the names as Excel writes them, the sheet unquoted where it needs no quotes", async () => {
    const fake = new FakeExcel();
    await build(fake, "all");
    for (const n of fake.names.values()) n.ref = n.ref.replace(/^'([A-Za-z]+)'!/, "$1!");
    expect(fake.names.get("checklistanswers")!.ref).toBe("Checklist!$C$5:$C$14");
    fake.sheet("Checklist")!.cells.set("A1", { formula: "retitled" });
    const report = await build(fake, ["checklist"], "update");
    expect(report.update).toEqual(["Checklist"]);
    expect(fake.cell("Checklist", "A1")).toBe(planOf("checklist").blocks.find((b) => b.at === "A1")!.cells[0]![0]);
  });

  it("a defined name holding text is no reference: a text name that reads like the sheet's address does not make a user's sheet the model's", async () => {
    // Excel types a name holding a text constant "String" (its value is that text); the simulator types
    // every name "Range", so this run reports the user's text name as Excel would.
    const fake = new FakeExcel({ sheets: [{ name: "Checklist", cells: { B16: "my score" } }], names: [{ name: "ChecklistScore", ref: "Checklist!$B$16" }] });
    const run: RunBatch = (batch) => fake.run((context) => {
      const names = context.workbook.names;
      const load = names.load.bind(names);
      const typed = (item: Excel.NamedItem): Excel.NamedItem =>
        new Proxy(item, { get: (target, prop) => (prop === "type" && target.name === "ChecklistScore" ? "String" : Reflect.get(target, prop)) });
      names.load = ((props: string) => {
        load(props);
        return new Proxy(names, { get: (target, prop) => (prop === "items" ? target.items.map(typed) : Reflect.get(target, prop)) });
      }) as typeof names.load;
      return batch(context);
    });
    const { message } = await failure(build(fake, ["checklist"], "update", { run }));
    expect(message).toMatch(/^“Checklist” exists but is not part of a model built here/);
    expect(fake.cell("Checklist", "B16")).toBe("my score");
  });
});

describe("protection, checked on the read snapshot before anything is written", () => {
  it("a protected workbook structure refuses a build that adds sheets, with the pane's own words, after the read only", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }], structureProtected: true });
    const { code, message } = await failure(build(fake, "all"));
    expect(code).toBe("Refused");
    expect(message).toBe("The workbook structure is protected, so no sheet can be added. Unprotect it (Review > Protect Workbook) and try again; nothing was changed.");
    expect(fake.syncs).toBe(1);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  it("a protected workbook structure does not stop an update that adds no sheet", async () => {
    const fake = new FakeExcel();
    await build(fake, "all");
    fake.structureProtected = true;
    fake.sheet("Fee Split")!.cells.set("A1", { formula: "retitled" });
    const report = await build(fake, "all", "update");
    expect(report.create).toEqual([]);
    expect(report.update).toEqual(plans.map((p) => p.name));
    expect(fake.cell("Fee Split", "A1")).toBe(planOf("feeSplit").blocks.find((b) => b.at === "A1")!.cells[0]![0]);
  });

  it("names one protected sheet in the singular and several in the plural", async () => {
    const fake = new FakeExcel();
    await build(fake, "all");
    fake.sheet("Fee Split")!.protected = true;
    expect((await failure(build(fake, "all", "update"))).message)
      .toBe('“Fee Split” is protected. Unprotect (Review > Unprotect Sheet) and try again; nothing was changed.');
    fake.sheet("Checklist")!.protected = true;
    fake.syncs = 0;
    expect((await failure(build(fake, "all", "update"))).message)
      .toBe('“Fee Split” and “Checklist” are protected. Unprotect (Review > Unprotect Sheet) and try again; nothing was changed.');
    expect(fake.syncs).toBe(1);
  });

  it("on an Excel without sheet protection state (before ExcelApi 1.2) builds without asking for it", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    const report = await build(fake, "all", "create", { support: { ...ALL_SUPPORTED, formatting: false } });
    expect(fake.syncs).toBe(2);
    expect(report.create).toEqual(plans.map((p) => p.name));
    expect([...fake.used].some((api) => api.startsWith("Worksheet.protection"))).toBe(false);
  });
});

describe("which sheet the build brings to the front", () => {
  it("the first visible sheet it adds, never one it only updated, and never a hidden one", async () => {
    const fake = new FakeExcel();
    await build(fake, "all");
    expect(fake.sheet("Read me")!.activated).toBe(1);

    // Only the hidden Reference is missing: it is added back and nothing is activated.
    dropNames(fake, namesOn(fake, "Reference"));
    removeSheet(fake, "Reference");
    const restored = await build(fake, ["feeSplit"], "update");
    expect([restored.create, restored.update]).toEqual([["Reference"], ["Fee Split"]]);
    expect(fake.sheet("Reference")!.visibility).toBe("Hidden");
    expect(fake.sheets.map((s) => s.activated)).toEqual(fake.sheets.map((s) => (s.name === "Read me" ? 1 : 0)));

    // A missing Checklist is added and shown; Read me, first but only updated, is not activated again.
    dropNames(fake, namesOn(fake, "Checklist"));
    removeSheet(fake, "Checklist");
    const report = await build(fake, "all", "update");
    expect(report.create).toEqual(["Checklist"]);
    expect(fake.sheet("Checklist")!.activated).toBe(1);
    expect(fake.sheet("Read me")!.activated).toBe(1);
  });
});

describe("a write that fails: what the clean-up removes and what the pane says", () => {
  it("an update that was adding a sheet removes only that sheet and its names; the model's names from before stay", async () => {
    const fake = new FakeExcel();
    await build(fake, "all");
    const checklistNames = namesOn(fake, "Checklist");
    dropNames(fake, checklistNames);
    removeSheet(fake, "Checklist");
    const before = [...fake.names.values()].map((n) => `${n.name}=${n.ref}`).sort();
    const sheetsBefore = fake.sheets.map((s) => s.name);
    fake.failAt = { sync: fake.syncs + 2, command: 400, code: "GeneralException" };
    const { code, message } = await failure(build(fake, "all", "update"));
    expect(code).toBe("GeneralException");
    expect(message).toBe(`Excel could not finish the request. Try again; if it keeps failing, save and reopen the workbook. The pane removed what this build had added: ${checklistNames.length} defined names and 1 sheet (“Checklist”).`);
    expect(fake.sheets.map((s) => s.name)).toEqual(sheetsBefore);
    expect([...fake.names.values()].map((n) => `${n.name}=${n.ref}`).sort()).toEqual(before);
  });

  it("a write sync that fails without an Excel error code is reported as GeneralException, after the clean-up", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    // The request never reached Excel (the connection dropped): a plain error, no code.
    fake.beforeSync = (n) => { if (n === 2) throw new Error("The connection to Excel was lost."); };
    const { code, message } = await failure(build(fake, "all"));
    expect(code).toBe("GeneralException");
    expect(message).toBe("The connection to Excel was lost. Nothing had been added, so nothing needed removing.");
    expect(fake.syncs).toBe(4);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  it("a create build whose read fails is not retried: Excel's reason, nothing written", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    fake.failAt = { sync: 1, command: 0, code: "RequestAborted" };
    const { code, message } = await failure(build(fake, "all"));
    expect(code).toBe("RequestAborted");
    expect(message).toBe("Excel was busy and dropped the request. Try again.");
    expect(fake.syncs).toBe(1);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });
});

describe("a Monte Carlo in update mode: what it reads first, and the check that the sheets did not change while it ran", () => {
  const choice = { paths: 100, seed: 11, volatility: 0.2 };
  const L = STRESS_TEST_LAYOUT.inputs;
  const growth = STAGES.findIndex((st) => st.id === "growth");
  type Seen = { inputs?: Readonly<Record<string, unknown>>; shareTable?: ShareTable };
  /** The pane's delivery: the sheet's inputs and shares when given, else the defaults. */
  const stressRun = (seen: Seen, during?: () => void) => async (sheetInputs: Readonly<Record<string, unknown>> | undefined, shareTable?: ShareTable) => {
    seen.inputs = sheetInputs;
    seen.shareTable = shareTable;
    const params = sheetInputs ? stressRunParamsFromSheet(sheetInputs, choice, shareTable) : stressRunParams(DEFAULT_INPUTS, choice);
    during?.();
    return { params, result: monteCarlo(params) };
  };
  /** What Excel shows in the Fee Split's FeeShares view for a stage (the simulator does not calculate). */
  const showShares = (fake: FakeExcel, stage: number, shares: readonly number[]): void => {
    const view = parseRange(FEE_SPLIT_LAYOUT.feeShares);
    const cells = fake.sheet("Fee Split")!.cells;
    shares.forEach((v, j) => {
      const at = cellAddress(view.top + stage, view.left + j);
      cells.set(at, { ...(cells.get(at) as FakeCell), value: v });
    });
  };
  const built = async (): Promise<FakeExcel> => {
    const fake = new FakeExcel();
    await build(fake, "all");
    modelShareTable(DEFAULT_INPUTS).forEach((row, i) => showShares(fake, i, row));
    fake.syncs = 0;
    return fake;
  };
  const seed = (fake: FakeExcel): unknown => {
    const at = [...fake.sheet("Stress Test")!.cells.entries()].find(([, c]) => c.formula === "Seed")?.[0];
    if (at === undefined) return undefined;
    const { row, col } = parseCell(at);
    return fake.cell("Stress Test", cellAddress(row, col + 1));
  };

  it("runs on the shares typed on Fee Split and records the run when nothing changed meanwhile", async () => {
    const fake = await built();
    const typed = [0.5, 0.25, 0.25, 0];
    showShares(fake, growth, typed);
    const seen: Seen = {};
    const report = await build(fake, ["stressTest"], "update", { stressRun: stressRun(seen) });
    expect(report.update).toEqual(["Stress Test"]);
    expect(seen.shareTable![growth]).toEqual(typed);
    expect(fake.syncs).toBe(3);
    expect(seed(fake)).toBe(11);
  });

  it("if the first read fails for any reason, reads the sheets that exist one by one and still runs on both the inputs and the shares", async () => {
    const fake = await built();
    const typed = [0.5, 0.25, 0.25, 0];
    showShares(fake, growth, typed);
    fake.sheet("Stress Test")!.cells.set(L.Growth!, { formula: 0.07 });
    fake.failAt = { sync: 1, command: 0, code: "RequestAborted" };
    const seen: Seen = {};
    await build(fake, ["stressTest"], "update", { stressRun: stressRun(seen) });
    expect(seen.inputs!.Growth).toBe(0.07);
    expect(seen.shareTable![growth]).toEqual(typed);
    expect(fake.syncs).toBe(5); // the failed read, the sheet list, the two sheets' reads; then the build's read and write
    expect(seed(fake)).toBe(11);
  });

  it("where Excel refuses a read through the missing Fee Split, still reads the Stress Test inputs as typed, and adds Fee Split back", async () => {
    const fake = await built();
    fake.sheet("Stress Test")!.cells.set(L.Growth!, { formula: 0.07 });
    dropNames(fake, namesOn(fake, "Fee Split"));
    removeSheet(fake, "Fee Split");
    fake.nullObjectReadsFail = true;
    const seen: Seen = {};
    const report = await build(fake, ["stressTest"], "update", { stressRun: stressRun(seen) });
    expect(seen.inputs!.Growth).toBe(0.07);
    expect(seen.shareTable).toBeUndefined();
    expect(report.create).toEqual(["Fee Split"]);
    expect(fake.cell("Stress Test", L.Growth!)).toBe(0.07);
    expect(fake.syncs).toBe(5);
  });

  it("inputs edited while the paths ran: the pane says so in those words and writes nothing", async () => {
    const fake = await built();
    const others = (): string => JSON.stringify([...fake.sheet("Stress Test")!.cells.entries()].filter(([a]) => a !== L.Growth));
    const before = others();
    const seen: Seen = {};
    const { message } = await failure(build(fake, ["stressTest"], "update", {
      stressRun: stressRun(seen, () => fake.sheet("Stress Test")!.cells.set(L.Growth!, { formula: 0.09 })),
    }));
    expect(message).toBe("“Stress Test” had its inputs edited while the paths ran, so this run no longer matches the model; nothing was written. Run the stress test again.");
    expect(fake.syncs).toBe(2);
    expect(others()).toBe(before);
    expect(fake.cell("Stress Test", L.Growth!)).toBe(0.09); // the user's edit, kept
  });

  it("the Stress Test deleted while the paths ran: the pane says a sheet the run read was removed, and writes nothing", async () => {
    const fake = await built();
    const before = fake.sheets.map((s) => s.name).filter((n) => n !== "Stress Test");
    const { message } = await failure(build(fake, ["stressTest"], "update", { stressRun: stressRun({}, () => removeSheet(fake, "Stress Test")) }));
    // Excel names no sheet in its ItemNotFound, so the pane names both the run read.
    expect(message).toBe("“Stress Test” or “Fee Split” was removed while the paths ran, so this run no longer matches the model; nothing was written. Run the stress test again.");
    expect(fake.sheets.map((s) => s.name)).toEqual(before);
    expect(fake.syncs).toBe(2);
  });

  it("on an Excel that refuses the chart-name read, a Monte Carlo update reads again without it and still records the run", async () => {
    const fake = await built();
    fake.nestedLoadsFail = true;
    const report = await build(fake, ["stressTest"], "update", { stressRun: stressRun({}) });
    expect(report.update).toEqual(["Stress Test"]);
    expect(fake.syncs).toBe(4); // the run's read; the build's read, refused; the read again; the write
    expect(seed(fake)).toBe(11);
  });

  it("a Stress Test sheet added while the paths ran (the run used the defaults): the pane says it was added and writes nothing", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    const seen: Seen = {};
    const { message } = await failure(build(fake, ["stressTest"], "update", {
      stressRun: stressRun(seen, () => addSheet(fake, "Stress Test", { A1: "a co-author's" })),
    }));
    expect(seen.inputs).toBeUndefined();
    expect(message).toBe("“Stress Test” was added while the paths ran, so this run no longer matches the model; nothing was written. Run the stress test again.");
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", "Stress Test"]);
    expect(cellsOf(fake, "Stress Test")).toBe(JSON.stringify([["A1", { formula: "a co-author's" }]]));
  });
});
