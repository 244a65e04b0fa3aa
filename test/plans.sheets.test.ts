import fc from "fast-check";
import {
  ARCHETYPE_IDS, CHECKLIST, DIMENSIONS, LAYERS, MECHANIC_IDS, ANSWER_IDS, FEE_BUCKETS, findAntiPatterns, layerGate, mechanicFit,
  reviewProductCore, scoreChecklist, archetypeById,
} from "../src";
import {
  CHECKLIST_LAYOUT, DEFAULT_INPUTS, defaultNaming, LAYERS_LAYOUT, MECHANICS_LAYOUT, PRODUCT_CORE_LAYOUT, parseCell, cellAt,
  splitNameBase, buildModelPlan, type ModelNaming,
} from "../src/plans";
import { Workbook } from "./helpers/formulaEval";
import { modelWorkbook } from "./helpers/planWorkbook";

const naming = defaultNaming();
const S = naming.sheets;
/** The cells of a one-column range, top to bottom. */
const columnCells = (range: string): string[] => {
  const [a, b] = range.split(":");
  const p = parseCell(a!);
  const q = parseCell(b!);
  return Array.from({ length: q.row - p.row + 1 }, (_, i) => cellAt(p.col, p.row + i));
};

describe("Layers follow the core's layerGate", () => {
  const wb = modelWorkbook();
  const done = columnCells(LAYERS_LAYOUT.done);
  const status = columnCells(LAYERS_LAYOUT.status);

  test("a new model has every layer incomplete", () => {
    expect(status.map((a) => wb.get(S.layers, a))).toEqual(LAYERS.map(() => "incomplete"));
    expect(wb.getName("LayersComplete")).toBe(0);
  });

  test.each(Array.from({ length: 2 ** LAYERS.length }, (_, m) => m))("done mask %i", (mask) => {
    const flags = LAYERS.map((_, i) => Boolean(mask & (1 << i)));
    flags.forEach((f, i) => wb.set(S.layers, done[i]!, f ? "yes" : i % 2 ? "no" : null));
    const expected = layerGate(flags);
    expect(status.map((a) => wb.get(S.layers, a))).toEqual(expected);
    expect(wb.getName("LayersComplete")).toBe(expected.filter((s) => s === "complete").length);
  });
});

describe("Product Core follows the core's reviewProductCore", () => {
  const wb = modelWorkbook();
  const answers = columnCells(PRODUCT_CORE_LAYOUT.answers);

  test.each(Array.from({ length: 2 ** DIMENSIONS.length }, (_, m) => m))("filled mask %i", (mask) => {
    const entries: Record<string, string> = {};
    DIMENSIONS.forEach((d, i) => {
      const text = mask & (1 << i) ? `${d.name} answer` : i % 3 === 0 ? "   " : "";
      entries[d.id] = text;
      wb.set(S.productCore, answers[i]!, text === "" ? null : text);
    });
    const review = reviewProductCore(entries);
    expect(wb.getName("CoreVerdict")).toBe(review.verdict);
    expect(wb.getName("CoreMessage")).toBe(review.message);
    expect(wb.getName("CoreDescribed")).toBe(DIMENSIONS.length - review.missing.length);
  });
});

describe("Product Core starts from the archetype's capture points", () => {
  const capture = DIMENSIONS.findIndex((d) => d.id === "capture");
  const answerCells = columnCells(PRODUCT_CORE_LAYOUT.answers);
  const inputs = (archetype: string): typeof DEFAULT_INPUTS => ({ ...DEFAULT_INPUTS, archetype, mechanics: [] });
  /** Who writes each answer cell, and what, in a fresh plan. */
  const answersOf = (archetype: string): { role: string; value: unknown }[] => {
    const plan = buildModelPlan(inputs(archetype), naming).find((p) => p.key === "productCore")!;
    return answerCells.map((a1) => {
      const { col, row } = parseCell(a1);
      for (const b of plan.blocks) {
        const at = parseCell(b.at);
        const [i, j] = [row - at.row, col - at.col];
        if (i >= 0 && j >= 0 && i < b.cells.length && j < b.cells[0]!.length) return { role: b.role, value: b.cells[i]![j] };
      }
      throw new Error(`${a1} is not written`);
    });
  };

  test.each(ARCHETYPE_IDS.filter((id) => archetypeById(id).capturePoints.length > 0))("%s: capture prefilled, the rest blank, all inputs", (id) => {
    const answers = answersOf(id);
    expect(answers.every((a) => a.role === "input")).toBe(true);
    expect(answers[capture]!.value).toBe(archetypeById(id).capturePoints.join(", "));
    expect(answers.filter((_, i) => i !== capture).every((a) => a.value === null)).toBe(true);
    const wb = modelWorkbook(inputs(id));
    const review = reviewProductCore({ capture: archetypeById(id).capturePoints.join(", ") });
    expect(review.verdict).toBe("incomplete");
    expect(wb.getName("CoreVerdict")).toBe("incomplete");
    expect(wb.getName("CoreMessage")).toBe(review.message);
    expect(wb.getName("CoreDescribed")).toBe(1);
  });

  test("exchange: the Summary no longer says no capture", () => {
    const wb = modelWorkbook();
    expect(wb.get(S.productCore, answerCells[capture]!)).toBe("fee line, liquidity layer");
    expect(wb.getName("CoreVerdict")).not.toBe("no capture");
  });

  test("media has no capture points: the answer stays blank and the verdict warns", () => {
    expect(archetypeById("media").capturePoints).toEqual([]);
    const answers = answersOf("media");
    expect(answers.every((a) => a.role === "input" && a.value === null)).toBe(true);
    const wb = modelWorkbook(inputs("media"));
    expect(wb.getName("CoreVerdict")).toBe("no capture");
    expect(wb.getName("CoreMessage")).toBe(reviewProductCore({}).message);
  });

  test("the user's own answer replaces the prefill", () => {
    const wb = modelWorkbook();
    wb.set(S.productCore, answerCells[capture]!, null);
    expect(wb.getName("CoreVerdict")).toBe("no capture");
  });
});

describe("Checklist follows the core's scoreChecklist", () => {
  const wb = modelWorkbook();
  const cells = columnCells(CHECKLIST_LAYOUT.answers);

  test("a new model is not ready, every question open", () => {
    expect(wb.getName("ChecklistVerdict")).toBe("not ready");
    expect(wb.getName("ChecklistUndecided")).toBe(CHECKLIST.length);
  });

  test("random answers, blanks included", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom<string | null>(...ANSWER_IDS, null, "Solid"), { minLength: CHECKLIST.length, maxLength: CHECKLIST.length }), (answers) => {
      answers.forEach((a, i) => wb.set(S.checklist, cells[i]!, a));
      const core = scoreChecklist(answers);
      expect(wb.getName("ChecklistScore")).toBe(core.score);
      expect(wb.getName("ChecklistUndecided")).toBe(core.undecided);
      expect(wb.getName("ChecklistVerdict")).toBe(core.verdict);
    }), { numRuns: 300 });
  });

  test("all solid is ready; one partial is not yet", () => {
    cells.forEach((c) => wb.set(S.checklist, c, "solid"));
    expect(wb.getName("ChecklistVerdict")).toBe("ready");
    expect(wb.getName("ChecklistScore")).toBe(10);
    wb.set(S.checklist, cells[3]!, "partial");
    expect(wb.getName("ChecklistVerdict")).toBe("not yet");
    expect(wb.getName("ChecklistScore")).toBe(9.5);
  });
});

describe("Mechanics follow the core's mechanicFit and findAntiPatterns", () => {
  const wb = modelWorkbook();
  const L = MECHANICS_LAYOUT;
  const row = (i: number, col: number): string => cellAt(col, L.firstRow + i);

  test("the default exchange mechanics all fit, with no anti-pattern", () => {
    DEFAULT_INPUTS.mechanics.forEach((m, i) => {
      const fit = mechanicFit("exchange", m.mechanic);
      expect(wb.get(S.mechanics, row(i, L.columns.fit))).toBe(fit.rating);
      expect(wb.get(S.mechanics, row(i, L.columns.score))).toBe(fit.score);
      expect(wb.get(S.mechanics, row(i, L.columns.issue))).toBe("");
    });
    expect(wb.get(S.mechanics, row(DEFAULT_INPUTS.mechanics.length, L.columns.fit))).toBe("");
    expect(wb.getName("AntiPatternCount")).toBe(0);
    expect(wb.getName("ArchetypeName")).toBe("Exchange / Marketplace");
  });

  test("every cell of the fit matrix", () => {
    for (const arch of ARCHETYPE_IDS) {
      wb.set(S.mechanics, L.archetype, arch);
      MECHANIC_IDS.forEach((m, i) => {
        wb.set(S.mechanics, row(i, L.columns.mechanic), m);
        wb.set(S.mechanics, row(i, L.columns.flow), "fee line");
      });
      MECHANIC_IDS.forEach((m, i) => {
        const fit = mechanicFit(arch, m);
        expect([arch, m, wb.get(S.mechanics, row(i, L.columns.fit)), wb.get(S.mechanics, row(i, L.columns.score))]).toEqual([arch, m, fit.rating, fit.score]);
      });
      expect(wb.getName("ArchetypeName")).toBe(archetypeById(arch).name);
    }
  });

  test("random mechanic sets: the same anti-patterns as the core", () => {
    const entry = fc.record({
      mechanic: fc.option(fc.constantFrom(...MECHANIC_IDS, "governance", "discount", "ve-lock"), { nil: null }),
      flow: fc.constantFrom(null, "", "  ", "fee line"),
    });
    fc.assert(fc.property(fc.constantFrom(...ARCHETYPE_IDS), fc.array(entry, { minLength: 0, maxLength: MECHANIC_IDS.length }), (arch, rows) => {
      wb.set(S.mechanics, L.archetype, arch);
      for (let i = 0; i < MECHANIC_IDS.length; i++) {
        wb.set(S.mechanics, row(i, L.columns.mechanic), rows[i]?.mechanic ?? null);
        wb.set(S.mechanics, row(i, L.columns.flow), rows[i]?.flow ?? null);
      }
      const found = findAntiPatterns(arch, rows.map((r) => r.mechanic ?? ""), rows.map((r) => r.flow ?? ""));
      expect(wb.getName("AntiPatternCount")).toBe(found.length);
      expect(wb.get(S.mechanics, L.governanceOnly)).toBe(found.some((f) => f.id === "governance-only") ? "yes" : "no");
      expect(wb.get(S.mechanics, L.discountOnly)).toBe(found.some((f) => f.id === "discount-only") ? "yes" : "no");
      // Per mechanic: the issue column of its first listing names its findings, in the core's order.
      const seen = new Set<string>();
      rows.forEach((r, i) => {
        const issue = wb.get(S.mechanics, row(i, L.columns.issue));
        if (!r.mechanic || seen.has(r.mechanic)) {
          expect(issue).toBe("");
          return;
        }
        seen.add(r.mechanic);
        const names = found.filter((f) => f.mechanics.includes(r.mechanic as never) && f.id !== "governance-only" && f.id !== "discount-only").map((f) => f.name);
        expect(issue).toBe(names.join("; "));
      });
    }), { numRuns: 300 });
  });
});

describe("Summary", () => {
  test.each<[string, ModelNaming]>([
    ["first model", defaultNaming()],
    ["odd names", { suffix: "_x", sheets: { ...defaultNaming().sheets, mechanics: "Mech's (3)", feeSplit: "Fee Split!" } }],
  ])("headline figures and chart data follow the other sheets (%s)", (_, n) => {
    const wb = new Workbook(buildModelPlan(DEFAULT_INPUTS, n));
    const summary = buildModelPlan(DEFAULT_INPUTS, n).find((p) => p.key === "summary")!;
    const values = summary.blocks.filter((b) => b.role === "computed").flatMap((b) => {
      const { col, row } = parseCell(b.at);
      return b.cells.map((_, i) => wb.get(n.sheets.summary, cellAt(col, row + i)));
    });
    expect(values).toEqual(expect.arrayContaining([
      "exchange", "Exchange / Marketplace", "growth", 10_000_000, 4_000_000, 3_000_000, 1_000_000, 2_000_000, "OK", 0, "not ready", "incomplete", 1,
    ]));
    expect(values).not.toContain("no capture"); // the exchange's capture points are prefilled
    for (const b of FEE_BUCKETS) expect(wb.getName(`${splitNameBase(b)}${n.suffix}`)).toBeGreaterThan(0);
    const fitTable = summary.charts.find((c) => c.kind === "bar")!.dataRange;
    const rows = wb.range(n.sheets.summary, fitTable);
    expect(rows[0]).toEqual(["Mechanic", "Fit score"]);
    expect(rows.slice(1, 1 + DEFAULT_INPUTS.mechanics.length)).toEqual(DEFAULT_INPUTS.mechanics.map((m) => [m.mechanic, 1]));
    expect(rows.slice(1 + DEFAULT_INPUTS.mechanics.length).every((r) => r[0] === "" && r[1] === "")).toBe(true);
    const split = wb.range(n.sheets.summary, summary.charts.find((c) => c.kind === "doughnut")!.dataRange);
    expect(split).toEqual([["Bucket", "Amount"], ...FEE_BUCKETS.map((b, j) => [b.name, [4_000_000, 3_000_000, 1_000_000, 2_000_000][j]])]);
  });
});
