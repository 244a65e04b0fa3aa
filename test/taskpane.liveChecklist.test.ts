// The live checklist's pure parts and its error paths, against the strict
// simulator (written against the mutants the writer suite left alive): which
// block holds the answers, which text names an undecided question, which
// edits touch the rows, what a refresh does, and what each failure says.
import { CHECKLIST } from "../src";
import type { SheetPlan } from "../src/plans/types";
import { checklistLocation, scoreRows, startLiveChecklist, touches, type LiveResult } from "../taskpane/liveChecklist";
import { FakeExcel } from "./helpers/fakeExcel";

const N = CHECKLIST.length;
const plan = (blocks: SheetPlan["blocks"]): SheetPlan => ({
  key: "checklist", name: "Checklist", visible: true, blocks,
  columnWidths: [], tables: [], names: [], validations: [], conditionalFormats: [], charts: [],
});
const answersBlock = (at: string): SheetPlan["blocks"][number] => ({ at, role: "input", cells: CHECKLIST.map(() => ["solid"]) });
/** Ten rows: every question answered "solid" except the ones given. */
const rows = (overrides: Record<number, unknown[]> = {}): unknown[][] => CHECKLIST.map((q, i) => overrides[i] ?? [q.question, "solid"]);

describe("where the answers are", () => {
  it("takes the input block of ten rows, not a label block of ten rows before it", () => {
    const p = plan([
      { at: "A3", role: "label", cells: CHECKLIST.map((q) => [q.question]) },
      { at: "B1", role: "input", cells: [["a note"]] },
      answersBlock("D3"),
    ]);
    expect(checklistLocation(p)).toEqual({ sheet: "Checklist", answers: "D3:D12", rows: "A3:D12" });
  });

  it("a plan without ten answers is a bug, said with the plan's name", () => {
    expect(() => checklistLocation(plan([{ at: "A1", role: "input", cells: [["x"]] }]))).toThrow(`The plan for "Checklist" has no block of ${N} answers.`);
  });
});

describe("scoring the rows read", () => {
  it("needs exactly ten rows", () => {
    expect(() => scoreRows(rows().slice(1))).toThrow(`Expected ${N} rows of answers, got ${N - 1}.`);
    expect(() => scoreRows([...rows(), ["Extra?", "solid"]])).toThrow(`Expected ${N} rows of answers, got ${N + 1}.`);
  });

  it("names an undecided question by the longest text left of its answer", () => {
    const result = scoreRows(rows({ 2: [3, "Short?", "The question as the workbook words it", "undecided"] }));
    expect(result.undecided).toEqual([{ id: CHECKLIST[2]!.id, text: "The question as the workbook words it" }]);
  });

  it("the answer itself, blank or whitespace cells and numbers never name the question", () => {
    // The answer cell's text ("we havent decided") is longer than the question: still not taken.
    expect(scoreRows(rows({ 0: ["Why?", "we havent decided"] })).undecided[0]!.text).toBe("Why?");
    expect(scoreRows(rows({ 0: ["Why?", "                    ", 12345678, "tbd"] })).undecided[0]!.text).toBe("Why?");
  });

  it("of two texts as long as each other, the first wins", () => {
    expect(scoreRows(rows({ 4: ["Same A", "Same B", ""] })).undecided[0]!.text).toBe("Same A");
  });

  it("a row with no text falls back to the core's title", () => {
    expect(scoreRows(rows({ 5: [null, 6, ""] })).undecided).toEqual([{ id: CHECKLIST[5]!.id, text: CHECKLIST[5]!.title }]);
  });
});

describe("which edits touch the checklist rows", () => {
  const ROWS = "B5:C14";
  it.each([
    ["B5", true], ["Checklist!C14", true], ["A1:B5", true], ["C14:D20", true], ["A3:E20", true],
    ["A7", false], ["D7", false], ["B4", false], ["B15", false], ["A1:A20", false], ["B1:C4", false],
  ])("%s: %s", (address, expected) => {
    expect(touches(address as string, ROWS)).toBe(expected);
  });
});

describe("reading from the workbook", () => {
  const location = checklistLocation(plan([{ at: "A3", role: "label", cells: CHECKLIST.map((q) => [q.question]) }, answersBlock("C3")]));
  const start = (fake: FakeExcel, events: boolean, results: LiveResult[], errors: string[]) =>
    startLiveChecklist(location, { run: fake.run, events, onResult: (r) => results.push(r), onError: (e) => errors.push(e) });
  const checklistSheet = (): FakeExcel => new FakeExcel({ sheets: [{ name: "Checklist", cells: Object.fromEntries(CHECKLIST.map((_, i) => [`C${3 + i}`, "solid"])) }] });

  it("reads exactly the rows from the first column to the answers", async () => {
    expect(location.rows).toBe("A3:C12");
    const fake = checklistSheet();
    fake.sheet("Checklist")!.cells.set("A5", { formula: "The third question, as typed" });
    fake.sheet("Checklist")!.cells.set("C5", { formula: "" });
    const results: LiveResult[] = [];
    await start(fake, false, results, []);
    expect(results[0]!.undecided).toEqual([{ id: CHECKLIST[2]!.id, text: "The third question, as typed" }]);
  });

  it("refresh reads again and never registers a second handler", async () => {
    const fake = checklistSheet();
    const results: LiveResult[] = [];
    const live = await start(fake, true, results, []);
    expect(fake.sheet("Checklist")!.handlers).toHaveLength(1);
    fake.sheet("Checklist")!.cells.set("C3", { formula: "undecided" });
    await live.refresh();
    expect(results.map((r) => r.score.undecided)).toEqual([0, 1]);
    expect(fake.sheet("Checklist")!.handlers).toHaveLength(1);
  });

  it("without events, refresh is the only way to rescore: an edit does nothing", async () => {
    const fake = checklistSheet();
    const results: LiveResult[] = [];
    const live = await start(fake, false, results, []);
    await live.refresh();
    expect(fake.sheet("Checklist")!.handlers).toHaveLength(0);
    await fake.userEdit("Checklist", "C3", "undecided");
    expect(results).toHaveLength(2);
  });

  it("a failure other than a missing sheet is described as it is", async () => {
    const errors: string[] = [];
    const failing = (): Promise<never> => Promise.reject(new Error("The request failed (simulated)."));
    await startLiveChecklist(location, { run: failing, events: false, onResult: () => undefined, onError: (e) => errors.push(e) });
    expect(errors).toHaveLength(1);
    expect(errors[0]).not.toMatch(/no sheet named/);
    expect(errors[0]).toMatch(/The request failed \(simulated\)\./);
  });

  it("a thrown string still becomes a message", async () => {
    const errors: string[] = [];
    await startLiveChecklist(location, { run: () => Promise.reject("offline"), events: false, onResult: () => undefined, onError: (e) => errors.push(e) });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/offline/);
  });
});
