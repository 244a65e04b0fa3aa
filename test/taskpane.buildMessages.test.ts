import { DEFAULT_INPUTS } from "../src/plans";
import { buildSheets, describeIntent, describeReport, listOf, type BuildOptions } from "../taskpane/buildSheets";
import { describeError } from "../taskpane/errors";
import { ALL_SUPPORTED } from "../taskpane/support";
import { FakeExcel, type FakeCell } from "./helpers/fakeExcel";

/**
 * The words the pane shows around a build: what it is about to do, what it
 * did, and, when Excel fails the write part-way, what the clean-up removed,
 * kept or could not reach. Driven through buildSheets against the strict
 * simulator; the expected sentences are written out as a user should read
 * them (singular and plural, which sheets are named).
 *
 * Product Core is the small sheet used throughout: 34 cells (33 labels and
 * formulas, 1 filled input, C9), 4 defined names (CoreAnswers, CoreDescribed,
 * CoreVerdict, CoreMessage, in that order) and no sheet it reads from.
 */

/** Excel's GeneralException and ItemAlreadyExists as the pane words them. */
const GENERAL = "Excel could not finish the request. Try again; if it keeps failing, save and reopen the workbook.";
const TAKEN = "A sheet, table or name with the same name already exists. Nothing of yours was replaced.";
const KEPT_ONE = "holds cells this build did not write (added by someone else meanwhile?), so it was left as it is.";

const build = (fake: FakeExcel, keys: Parameters<typeof buildSheets>[0], options: BuildOptions = {}) =>
  buildSheets(keys, DEFAULT_INPUTS, { support: ALL_SUPPORTED, run: fake.run, ...options });

/** What the pane shows for a build that must fail. */
const failure = (done: Promise<unknown>): Promise<string> =>
  done.then(() => { throw new Error("the build was expected to fail"); }, (e: unknown) => describeError(e));

/** A workbook with the model's Product Core already built, its sync count reset. */
async function withProductCore(): Promise<FakeExcel> {
  const fake = new FakeExcel();
  await build(fake, ["productCore"]);
  fake.syncs = 0;
  return fake;
}

/** The write sync (2) fails at its nth command; the clean-up's first sync (3) fails too when asked. */
function failWrite(fake: FakeExcel, command: number, cleanUpFails = false): void {
  fake.failAt = { sync: 2, command, code: "GeneralException" };
  if (cleanUpFails) fake.beforeSync = (n) => { if (n === 3) fake.failAt = { sync: 3, command: 0, code: "GeneralException" }; };
}

/** A co-author's sheet appearing in the workbook, as another user's edit would. */
function coAuthorAddsSheet(fake: FakeExcel, name: string, cells: Record<string, unknown>): void {
  fake.sheets.push(new FakeExcel({ sheets: [{ name, cells }] }).sheets[0]!);
}

/** Cells holding something (a number format alone leaves an empty cell in the simulator). */
const cellsOn = (fake: FakeExcel, sheets: readonly string[]): number =>
  sheets.reduce((n, s) => n + [...fake.sheet(s)!.cells.values()].filter((c) => c.formula !== "").length, 0);
const sheetNames = (fake: FakeExcel): string[] => fake.sheets.map((s) => s.name);

describe("before writing, the pane says what the build is about to do", () => {
  it("a new sheet: “Creating …” with the sheet named, capitalised, ending in an ellipsis", async () => {
    const fake = new FakeExcel();
    const said: string[] = [];
    await build(fake, ["productCore"], { onIntent: (i) => said.push(describeIntent(i)) });
    expect(said).toEqual(["Creating “Product Core”…"]);
  });

  it("an update of an existing sheet: “Updating labels and formulas on …” and that inputs stay", async () => {
    const fake = await withProductCore();
    const said: string[] = [];
    await build(fake, ["productCore"], { mode: "update", onIntent: (i) => said.push(describeIntent(i)) });
    expect(said).toEqual(["Updating labels and formulas on “Product Core” (your inputs stay)…"]);
  });

  it("an update that also creates missing sheets names both, creating first, joined by “, and”", async () => {
    const fake = await withProductCore();
    const said: string[] = [];
    // Checklist is missing, and so is Reference, which it reads from.
    await build(fake, ["productCore", "checklist"], { mode: "update", onIntent: (i) => said.push(describeIntent(i)) });
    expect(said).toEqual(["Creating “Checklist” and “Reference”, and updating labels and formulas on “Product Core” (your inputs stay)…"]);
  });
});

describe("after writing, the pane says what the build did", () => {
  it("a created sheet: “Created …: n cells written.”, the count being the cells now on the sheet", async () => {
    const fake = new FakeExcel();
    const report = await build(fake, ["productCore"]);
    expect(describeReport(report)).toBe("Created “Product Core”: 34 cells written.");
    expect(cellsOn(fake, ["Product Core"])).toBe(34);
  });

  it("an update only: starts “Updated …”, counts the input cells kept, and the labels and formulas rewritten", async () => {
    const fake = await withProductCore();
    const report = await build(fake, ["productCore"], { mode: "update" });
    // Product Core's answers are C5:C10 (6 input cells); every other of its 34 cells is rewritten.
    expect(describeReport(report)).toBe("Updated “Product Core” (labels and formulas; 6 input cells left as they were): 33 cells written.");
  });

  it("created and updated in one build: both parts, “; ” between them, the one sheet added as a dependency in the singular, the two chosen in the plural", async () => {
    const fake = await withProductCore();
    const report = await build(fake, ["productCore", "checklist"], { mode: "update" });
    expect(describeReport(report)).toBe(
      "Created “Checklist” and “Reference”; updated “Product Core” (labels and formulas; 6 input cells left as they were): 450 cells written. " +
      "“Reference” was added because the chosen sheets read from it.",
    );
    expect(cellsOn(fake, ["Checklist", "Reference"])).toBe(450 - 33);
  });

  it("two sheets added as dependencies are named in the plural (“were … from them”)", async () => {
    const fake = new FakeExcel();
    const report = await build(fake, ["stressTest"]);
    const written = cellsOn(fake, ["Fee Split", "Stress Test", "Reference"]);
    expect(describeReport(report)).toBe(
      `Created “Fee Split”, “Stress Test” and “Reference”: ${written} cells written. “Fee Split” and “Reference” were added because the chosen sheet reads from them.`,
    );
  });

  it("an older Excel: every part it left out is listed after “This Excel left out:”, separated by “; ”", async () => {
    const fake = new FakeExcel();
    // Product Core has 1 conditional format and 1 outline group (its working row).
    const report = await build(fake, ["productCore"], { support: { ...ALL_SUPPORTED, conditionalFormats: false, outline: false } });
    expect(describeReport(report)).toBe(
      "Created “Product Core”: 34 cells written. This Excel left out: 1 conditional format (ExcelApi 1.6); outline groups: 1 working area is hidden instead of folded (ExcelApi 1.10).",
    );
  });

  it("lists sheet names quoted, with “and” before the last; an empty list reads as nothing", () => {
    expect(listOf([])).toBe("");
    expect(listOf(["Fee Split"])).toBe("“Fee Split”");
    expect(listOf(["Fee Split", "Stress Test", "Reference"])).toBe("“Fee Split”, “Stress Test” and “Reference”");
  });
});

describe("a write that fails part-way: the clean-up removes what the build added and says so", () => {
  it("failing before anything was added: says nothing needed removing", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    failWrite(fake, 0);
    expect(await failure(build(fake, ["productCore"]))).toBe(`${GENERAL} Nothing had been added, so nothing needed removing.`);
    expect(sheetNames(fake)).toEqual(["Sheet1"]);
  });

  it("one sheet and one name added: both removed, and “1 defined name” in the singular", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    failWrite(fake, 3); // after the sheet and its first name (CoreAnswers)
    expect(await failure(build(fake, ["productCore"]))).toBe(`${GENERAL} The pane removed what this build had added: 1 defined name and 1 sheet (“Product Core”).`);
    expect(sheetNames(fake)).toEqual(["Sheet1"]);
    expect(fake.names.size).toBe(0);
  });

  it("two sheets half-filled with cells: both removed with all 34 names, and nothing said about kept sheets", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1", cells: { A1: "mine" } }] });
    failWrite(fake, 1000); // late: every sheet and name added, most cells written (blank cells between them)
    expect(await failure(build(fake, ["feeSplit"]))).toBe(
      `${GENERAL} The pane removed what this build had added: 34 defined names and 2 sheets (“Fee Split” and “Reference”).`,
    );
    expect(sheetNames(fake)).toEqual(["Sheet1"]);
    expect(fake.names.size).toBe(0);
    expect(fake.cell("Sheet1", "A1")).toBe("mine");
  });

  it("a co-author's answer typed meanwhile into a cell the plan leaves blank keeps the sheet, and the pane says it was left as it is", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    failWrite(fake, 40); // late: the sheet, its 4 names and most cells are there
    // C5 is an answer cell the plan leaves empty (only C9 has a default); the co-author types there before the clean-up reads.
    fake.beforeSync = (n) => { if (n === 3) fake.sheet("Product Core")!.cells.set("C5", { formula: "Traders, per swap" }); };
    expect(await failure(build(fake, ["productCore"]))).toBe(
      `${GENERAL} The pane removed what this build had added: 4 defined names. “Product Core” ${KEPT_ONE}`,
    );
    expect(sheetNames(fake)).toEqual(["Sheet1", "Product Core"]);
    expect(fake.cell("Product Core", "C5")).toBe("Traders, per swap");
    expect(fake.names.size).toBe(0);
  });

  it("two sheets holding a co-author's cells are both kept and named in the plural", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    failWrite(fake, 1000);
    fake.beforeSync = (n) => {
      if (n !== 3) return;
      for (const s of ["Fee Split", "Reference"]) fake.sheet(s)!.cells.set("Z99", { formula: "a co-author's note" } satisfies FakeCell);
    };
    expect(await failure(build(fake, ["feeSplit"]))).toBe(
      `${GENERAL} The pane removed what this build had added: 34 defined names. ` +
      "“Fee Split” and “Reference” hold cells this build did not write (added by someone else meanwhile?), so they were left as they are.",
    );
    expect(sheetNames(fake)).toEqual(["Sheet1", "Fee Split", "Reference"]);
  });

  it("a failed update removes only the sheets it was creating, never the model's sheet it was updating", async () => {
    const fake = await withProductCore();
    failWrite(fake, 140); // late: Checklist and Reference with all their 21 names (4 + 17) are there
    expect(await failure(build(fake, ["productCore", "checklist"], { mode: "update" }))).toBe(
      `${GENERAL} The pane removed what this build had added: 21 defined names and 2 sheets (“Checklist” and “Reference”).`,
    );
    expect(sheetNames(fake)).toEqual(["Product Core"]);
    expect(cellsOn(fake, ["Product Core"])).toBe(34);
    expect([...fake.names.values()].map((n) => n.name)).toEqual(["CoreAnswers", "CoreDescribed", "CoreVerdict", "CoreMessage"]);
  });
});

describe("the clean-up tells a sheet from a defined name of the same name", () => {
  it("a user's defined name “Reference” does not keep the build's new Reference sheet, and the name stays", async () => {
    // A sheet and a workbook name may share a name; the clean-up once treated the sheet as the user's.
    const ref = "'Sheet1'!$A$1";
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    fake.names.set("reference", { name: "Reference", ref });
    failWrite(fake, 100); // late: Checklist, Reference and their 21 names are there
    expect(await failure(build(fake, ["checklist"]))).toBe(
      `${GENERAL} The pane removed what this build had added: 21 defined names and 2 sheets (“Checklist” and “Reference”).`,
    );
    expect(sheetNames(fake)).toEqual(["Sheet1"]);
    expect([...fake.names.values()]).toEqual([{ name: "Reference", ref }]);
  });

  it("a user's sheet named like one of the build's defined names does not keep that name", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }, { name: "CoreVerdict" }] });
    failWrite(fake, 40);
    expect(await failure(build(fake, ["productCore"]))).toBe(`${GENERAL} The pane removed what this build had added: 4 defined names and 1 sheet (“Product Core”).`);
    expect(sheetNames(fake)).toEqual(["Sheet1", "CoreVerdict"]);
    expect(fake.names.size).toBe(0);
  });
});

describe("counts in the singular", () => {
  // describeReport words the report a build returns; one kept input cell is rare in a real model, so the report is written here.
  it("one input cell left as it was", () => {
    const report = { mode: "update", create: [], update: ["Product Core"], dependencies: [], cells: 33, keptInputCells: 1, skipped: [] } as unknown as Parameters<typeof describeReport>[0];
    expect(describeReport(report)).toBe("Updated “Product Core” (labels and formulas; 1 input cell left as it was): 33 cells written.");
  });
});

describe("the clean-up deletes only the names that point where the build's do", () => {
  it.each([
    ["the same cell on another sheet", "'Notes'!$B$13"],
    ["a constant", "=0.5"],
  ])("a co-author's same-named name (%s), added between the read and the write, stays", async (_what, ref) => {
    const fake = new FakeExcel({ sheets: [{ name: "Notes" }] });
    // Excel then refuses the build's CoreVerdict (its third name): the sheet and the first two names are taken back.
    fake.beforeSync = (n) => { if (n === 2) fake.names.set("coreverdict", { name: "CoreVerdict", ref }); };
    expect(await failure(build(fake, ["productCore"]))).toBe(`${TAKEN} The pane removed what this build had added: 2 defined names and 1 sheet (“Product Core”).`);
    expect(sheetNames(fake)).toEqual(["Notes"]);
    expect([...fake.names.values()]).toEqual([{ name: "CoreVerdict", ref }]);
  });

  it("a co-author's sheet and name with the build's names, pointing at another cell of it, both stay", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    fake.beforeSync = (n) => {
      if (n !== 2) return;
      coAuthorAddsSheet(fake, "Product Core", { Z1: "their draft" });
      fake.names.set("coreverdict", { name: "CoreVerdict", ref: "'Product Core'!$Z$1" });
    };
    expect(await failure(build(fake, ["productCore"]))).toBe(`${TAKEN} Nothing had been added, so nothing needed removing. “Product Core” ${KEPT_ONE}`);
    expect(sheetNames(fake)).toEqual(["Sheet1", "Product Core"]);
    expect([...fake.names.values()]).toEqual([{ name: "CoreVerdict", ref: "'Product Core'!$Z$1" }]);
  });
});

describe("a clean-up that fails too: the pane says what to delete by hand", () => {
  it("one sheet being created: “delete “Product Core” if it is there”", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    failWrite(fake, 40, true);
    expect(await failure(build(fake, ["productCore"]))).toBe(
      `${GENERAL} The pane could not remove what it had begun; delete “Product Core” if it is there. Your own sheets were not touched.`,
    );
    expect(sheetNames(fake)).toEqual(["Sheet1", "Product Core"]);
  });

  it("two sheets being created: both named, “if they are there”", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sheet1" }] });
    failWrite(fake, 1000, true);
    expect(await failure(build(fake, ["feeSplit"]))).toBe(
      `${GENERAL} The pane could not remove what it had begun; delete “Fee Split” and “Reference” if they are there. Your own sheets were not touched.`,
    );
  });

  it("an update creating nothing: no sheet to delete is named", async () => {
    const fake = await withProductCore();
    failWrite(fake, 10, true);
    expect(await failure(build(fake, ["productCore"], { mode: "update" }))).toBe(`${GENERAL} The pane could not remove what it had begun. Your own sheets were not touched.`);
    expect(sheetNames(fake)).toEqual(["Product Core"]);
  });
});
