import type ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  ARCHETYPE_IDS, CHECKLIST_IDS, FEE_BUCKETS, MECHANIC_IDS, STAGE_IDS, feeSplit, findAntiPatterns, mechanicFit, scoreChecklist, templateOf, templateShares,
  tokenFlow, type ArchetypeId, type Bucket, type StageId,
} from "../src";
import { planToXlsx } from "../src/export";
import { columnLetters } from "../src/export/address";
import { CHECKLIST_LAYOUT, FEE_SPLIT_LAYOUT, MECHANICS_LAYOUT, SPLIT_OK, TOKEN_DEFAULTS, constraintNameBase, splitNameBase, type TokenInputs } from "../src/plans";
import { SMALL_PLAN } from "./fixtures/smallPlan";
import { badFormulaCells, formulaCount, named, namedValue, readSaved, valueAt, type SavedWorkbook } from "./helpers/computed";
import { findSoffice, recalcAll, runs } from "./helpers/libreoffice";
import { assertBuilt, cli, editModel, standardBucketTable, type InputValue } from "./helpers/model";
import { formulaCells, readXlsx } from "./helpers/workbook";

/**
 * The proof outside Excel: models written by the CLI (and plans written by
 * planToXlsx) are opened in headless LibreOffice, which recalculates every
 * formula, and the values it saved are compared with the core's results.
 * All LibreOffice calls live in this one file, so they never run in
 * parallel; each call converts a whole batch of files in one process.
 */
const soffice = findSoffice();
if (!soffice) throw new Error("These tests need LibreOffice: install libreoffice-calc-nogui (or set SOFFICE to soffice's path).");
assertBuilt();

const work = mkdtempSync(join(tmpdir(), "token-model-lo-"));
const at = (name: string): string => join(work, `${name}.xlsx`);
const cents = (v: unknown): number => Math.round(Number(v) * 100);
let formulasChecked = 0;

afterAll(() => {
  const ms = runs.reduce((s, r) => s + r.ms, 0);
  const files = runs.reduce((s, r) => s + r.files, 0);
  process.stdout.write(`LibreOffice (${soffice.version}): ${runs.length} runs (${runs.map((r) => `${r.files} files in ${r.ms} ms`).join(", ")}), ${files} files, ${ms} ms; ${formulasChecked} formula cells checked for errors\n`);
});

/** Every formula computed, none an error: the file works without the add-in. */
function expectNoFormulaErrors(wb: SavedWorkbook, expected?: number): void {
  const count = formulaCount(wb);
  if (expected !== undefined) expect(count).toBe(expected);
  expect(count).toBeGreaterThan(0);
  expect(badFormulaCells(wb)).toEqual([]);
  formulasChecked += count;
}

/** The file as written, with results another workbook computed cached in its formula cells. */
async function withCachedResults(path: string, computed: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const wb = await readXlsx(path);
  for (const cell of formulaCells(computed)) {
    const target = wb.getWorksheet(cell.sheet)!.getCell(cell.address);
    target.value = { formula: (target.value as { formula: string }).formula, result: cell.result ?? 0 } as ExcelJS.CellValue;
  }
  return wb;
}

describe("a small plan in LibreOffice", () => {
  let file: string;
  let saved: SavedWorkbook;
  beforeAll(async () => {
    file = at("small");
    writeFileSync(file, await planToXlsx(SMALL_PLAN));
    saved = readSaved((await recalcAll([file]))[0]!);
  });

  it("computes every formula (names across sheets, INDEX/MATCH, _xlfn.IFS) without an error", () => {
    const planned = SMALL_PLAN.flatMap((p) => p.blocks.flatMap((b) => b.cells.flat())).filter((v) => typeof v === "string" && v.startsWith("="));
    expectNoFormulaErrors(saved, planned.length);
    expect(["C7", "C8", "C9", "C10"].map((a) => cents(valueAt(saved, "Fee Split", a)))).toEqual(feeSplit(10000000, "growth").cents);
    expect(valueAt(saved, "Fee Split", "C13")).toBe("OK");
    expect(valueAt(saved, "Fee Split", "C14")).toBe("buyback");
  });
});

// ---------------------------------------------------------------------------
// The whole model, as the CLI writes it.

interface FeeCase {
  readonly id: string;
  readonly revenue: number;
  readonly stage: string;
  readonly caps?: Readonly<Partial<Record<string, number>>>;
  readonly floors?: Readonly<Partial<Record<string, number>>>;
  /** A replacement row of the share table for the stage (fractions). */
  readonly shares?: readonly number[];
}

const FEE_CASES: readonly FeeCase[] = [
  { id: "buyback-cap", revenue: 10000000, stage: "growth", caps: { buyback: 3000000 } },
  { id: "caps-and-floor", revenue: 10000000, stage: "mature", caps: { buyback: 3000000, stakers: 2000000 }, floors: { insurance: 2500000 } },
  { id: "floor-above-revenue", revenue: 1000.01, stage: "early", floors: { insurance: 5000 } },
  { id: "zero-discount-cap", revenue: 999999.99, stage: "growth", caps: { discount: 0 } },
  { id: "all-caps-bind", revenue: 12345678.91, stage: "mature", caps: { buyback: 1234567.89, stakers: 1000000, discount: 100000 } },
  { id: "odd-cents-floor", revenue: 777.77, stage: "early", caps: { stakers: 100.01 }, floors: { insurance: 123.45 } },
  { id: "zero-revenue", revenue: 0, stage: "mature", floors: { insurance: 100 } },
  { id: "custom-thirds", revenue: 100, stage: "growth", shares: [0.333333, 0.333333, 0.333334, 0] },
  { id: "large", revenue: 987654321.98, stage: "growth", caps: { buyback: 300000000.01 }, floors: { insurance: 150000000 } },
];

const CHECKLIST_CASES: readonly (readonly (string | null)[])[] = [
  Array(10).fill("solid"),
  ["solid", "solid", "partial", "solid", "solid", "solid", "Partial", "solid", "solid", "solid"],
  ["solid", "solid", "partial", "solid", null, "solid", "solid", "undecided", "solid", "partial"],
  Array(10).fill(null),
  Array(10).fill("partial"),
];

interface MechanicCase {
  readonly id: string;
  readonly archetype: string;
  readonly rows: readonly (readonly [string, string | null])[];
}

const MECHANIC_CASES: readonly MechanicCase[] = [
  // Every mechanic, bound to a flow, for every archetype: the whole fit matrix.
  ...ARCHETYPE_IDS.map((archetype) => ({ id: `all-${archetype}`, archetype, rows: MECHANIC_IDS.map((m) => [m, "fee line"] as const) })),
  { id: "governance-only", archetype: "exchange", rows: [["governance", "parameter votes"]] },
  { id: "discount-only", archetype: "exchange", rows: [["discount", null]] },
  { id: "mixed-flags", archetype: "l1", rows: [["ve-lock", "emissions"], ["gas", null], ["buyback", null], ["buyback", "fee line"], ["tiered-access", ""]] },
  { id: "ve-at-home", archetype: "defi", rows: [["ve-lock", "emissions"], ["governance", null]] },
  { id: "none", archetype: "media", rows: [] },
];

/** One model per archetype from its template, at varied stages and revenues, and one at a life-cycle position. */
const TEMPLATE_RUNS: readonly { id: string; archetype: ArchetypeId; stage: string; revenue: string; position?: number }[] = [
  ...ARCHETYPE_IDS.map((archetype, i) => ({ id: `template-${archetype}`, archetype, stage: STAGE_IDS[i % 3]!, revenue: ["10000000", "1234567.89", "0.07", "98765.43", "5000", "333333.33"][i]! })),
  { id: "template-defi-position", archetype: "defi", stage: "0.3", revenue: "7777777.77", position: 0.3 },
];
/** Token inputs that make both rules bind at the $10M early month (buyback $1.5M, stakers $3M). */
const TOKEN_EDITED: TokenInputs = { price: 1.37, circulatingSupply: 250_000_000, stakedValue: 123_456_789.01, tokenVolume: 33_333_333.33, buybackMaxVolumeShare: 0.0425, stakerMaxApr: 0.07 };
const TOKEN_EDIT: Record<string, InputValue> = {
  TokenPrice: TOKEN_EDITED.price, TokenSupply: TOKEN_EDITED.circulatingSupply, TokenStaked: TOKEN_EDITED.stakedValue,
  TokenVolume: TOKEN_EDITED.tokenVolume, TokenBuybackRule: TOKEN_EDITED.buybackMaxVolumeShare, TokenStakerRule: TOKEN_EDITED.stakerMaxApr,
};

describe("the whole model in LibreOffice", () => {
  const saved = new Map<string, SavedWorkbook>();
  const stageRuns = STAGE_IDS.map((stage, i) => ({ id: `stage-${stage}`, stage, revenue: ["1234567.89", "10000000", "0.07"][i]! }));

  beforeAll(async () => {
    const files: string[] = [];
    const add = (name: string): string => {
      files.push(at(name));
      return at(name);
    };
    // Models written by the CLI with different inputs.
    for (const s of stageRuns) cli("new", add(s.id), "--stage", s.stage, "--revenue", s.revenue);
    cli("new", add("arch-l1"), "--archetype", "Layer 1", "--stage", "early", "--revenue", "5000");
    // One model per archetype from its template (and one at a position), plus one with the token inputs edited.
    for (const t of TEMPLATE_RUNS) cli("new", add(t.id), "--archetype", t.archetype, "--stage", t.stage, "--revenue", t.revenue, "--paths", "100");
    await editModel(at("template-exchange"), add("token-edited"), TOKEN_EDIT);
    // Models whose input cells are edited as a user would, before recalculation.
    const base = at("base");
    cli("new", base);
    for (const c of FEE_CASES) {
      const edits: Record<string, InputValue | InputValue[]> = { FeeRevenue: c.revenue, FeeStage: c.stage };
      for (const b of FEE_BUCKETS as readonly Bucket[]) {
        const name = constraintNameBase(b);
        if (name) edits[name] = (b.constraint === "cap" ? c.caps?.[b.id] : c.floors?.[b.id]) ?? null;
      }
      await editModel(base, add(`fee-${c.id}`), edits);
      if (c.shares) await editShareRow(at(`fee-${c.id}`), c.stage, c.shares);
    }
    for (const [i, answers] of CHECKLIST_CASES.entries()) await editModel(base, add(`checklist-${i}`), { ChecklistAnswers: answers });
    for (const c of MECHANIC_CASES) {
      await editModel(base, add(`mech-${c.id}`), {
        Archetype: c.archetype,
        MechanicChoices: c.rows.map(([m]) => m),
        MechanicFlows: c.rows.map(([, f]) => f),
      });
    }
    // A model whose cached values are stale: LibreOffice must not trust them.
    const [growth] = await recalcAll([at("stage-growth")]);
    const stale = await withCachedResults(at("stage-growth"), await readXlsx(growth!));
    const revenue = stale.definedNames.model.find((n) => n.name === "FeeRevenue")!.ranges[0]!;
    stale.getWorksheet("Fee Split")!.getCell(revenue.split("!")[1]!.replace(/\$/g, "")).value = 2000000;
    await stale.xlsx.writeFile(add("stale"));

    const outputs = await recalcAll(files, { timeoutMs: 900_000 });
    files.forEach((f, i) => saved.set(f.slice(work.length + 1, -".xlsx".length), readSaved(outputs[i]!)));
  }, 1_000_000); // dozens of CLI runs and two LibreOffice runs: minutes on a loaded machine

  /** Sets one stage's shares of the standard buckets in the bucket table (FeeBucketTable: a row per bucket); the caps and floors typed before are kept. */
  async function editShareRow(path: string, stage: string, shares: readonly number[]): Promise<void> {
    const row = STAGE_IDS.indexOf(stage as (typeof STAGE_IDS)[number]);
    const grid: number[] = [];
    for (const s of STAGE_IDS) {
      const i = STAGE_IDS.indexOf(s);
      grid.push(...(i === row ? shares : STAGE_PERCENT[i]!.map((p) => p / 100)));
    }
    const c = FEE_CASES.find((f) => path.endsWith(`fee-${f.id}.xlsx`))!;
    const table = standardBucketTable(grid, FEE_BUCKETS.map((b) => b.name), STAGE_IDS.length);
    FEE_BUCKETS.forEach((b, j) => {
      const at = j * (STAGE_IDS.length + 3) + 1 + STAGE_IDS.length;
      if (b.constraint === "cap") table[at] = c.caps?.[b.id] ?? null;
      if (b.constraint === "floor") table[at + 1] = c.floors?.[b.id] ?? null;
    });
    await editModel(path, path, { FeeBucketTable: table });
  }

  const STAGE_PERCENT = STAGE_IDS.map((s) => FEE_BUCKETS.map((b) => feeSplit(100, s).shares.shares[FEE_BUCKETS.indexOf(b)]!.times(100).toNumber()));
  const model = (id: string): SavedWorkbook => {
    const wb = saved.get(id);
    if (!wb) throw new Error(`No recalculated model "${id}".`);
    return wb;
  };
  const splitCents = (wb: SavedWorkbook): number[] => FEE_BUCKETS.map((b) => cents(namedValue(wb, splitNameBase(b))));
  const boundOf = (wb: SavedWorkbook): (string | null)[] =>
    FEE_SPLIT_LAYOUT.bound.slice(0, FEE_BUCKETS.length).map((a) => {
      const v = valueAt(wb, "Fee Split", a);
      return v === "" || v === "none" ? null : String(v);
    });

  it("writes models whose formulas carry no cached values, so every value LibreOffice shows is its own", () => {
    const before = readSaved(at("stage-growth"));
    const formulas = [...before.cells.values()].filter((c) => c.formula !== undefined);
    expect(formulas.length).toBeGreaterThan(300);
    expect(formulas.filter((c) => c.value !== undefined)).toEqual([]);
    expect(formulaCount(model("stage-growth"))).toBe(formulas.length);
  });

  it("computes every formula cell of every sheet (hidden ones too) without an error, in every model", () => {
    expect(saved.size).toBe(4 + TEMPLATE_RUNS.length + 1 + FEE_CASES.length + CHECKLIST_CASES.length + MECHANIC_CASES.length + 1);
    for (const [id, wb] of saved) {
      expect({ id, bad: badFormulaCells(wb) }).toEqual({ id, bad: [] });
      expectNoFormulaErrors(wb);
    }
  });

  it("splits the fee line at each stage exactly as feeSplit does, to the cent", () => {
    for (const s of stageRuns) {
      const wb = model(s.id);
      const core = feeSplit(s.revenue, s.stage);
      expect({ id: s.id, cents: splitCents(wb) }).toEqual({ id: s.id, cents: core.cents });
      expect(cents(namedValue(wb, "SplitTotal"))).toBe(core.revenueCents);
      expect(namedValue(wb, "SplitCheck")).toBe(SPLIT_OK);
    }
    // The article's check figure.
    expect(splitCents(model("stage-growth"))).toEqual([400000000, 300000000, 100000000, 200000000]);
  });

  it("applies caps, floors and edited shares exactly as feeSplit does, and the split always adds up", () => {
    for (const c of FEE_CASES) {
      const wb = model(`fee-${c.id}`);
      const core = feeSplit(c.revenue, c.shares ?? c.stage, {
        caps: c.caps as Record<string, number> | undefined,
        floors: c.floors as Record<string, number> | undefined,
      });
      expect({ id: c.id, cents: splitCents(wb), bound: boundOf(wb) }).toEqual({ id: c.id, cents: core.cents, bound: core.bound });
      expect({ id: c.id, total: cents(namedValue(wb, "SplitTotal")), check: namedValue(wb, "SplitCheck") })
        .toEqual({ id: c.id, total: core.revenueCents, check: SPLIT_OK });
    }
  });

  it("writes each archetype's template: its shares split to the cent as the core, its starter mechanics, no error cell", () => {
    for (const t of TEMPLATE_RUNS) {
      const wb = model(t.id);
      const template = templateOf(t.archetype);
      const core = feeSplit(t.revenue, templateShares(template, t.position ?? (t.stage as StageId)));
      expect({ id: t.id, bad: badFormulaCells(wb), cents: splitCents(wb), check: namedValue(wb, "SplitCheck") })
        .toEqual({ id: t.id, bad: [], cents: core.cents, check: SPLIT_OK });
      const choices = named(wb, "MechanicChoices").map((r) => r[0]).filter((m) => m !== "");
      expect({ id: t.id, choices }).toEqual({ id: t.id, choices: template.mechanics.map((m) => m.mechanic) });
      if (t.archetype === "defi" || t.archetype === "stablecoin") expect(splitCents(wb)[3]).toBe(0);
      expectTokenLayer(wb, core.cents, TOKEN_DEFAULTS, t.id);
    }
    expect(namedValue(model("template-media"), "CoreVerdict")).toBe("no capture");
  });

  it("computes the token layer on the Summary as the core's tokenFlow and capRules do, rules binding included", () => {
    const wb = model("token-edited");
    const core = feeSplit(10_000_000, "early"); // the exchange template's model: early, $10M
    expectTokenLayer(wb, core.cents, TOKEN_EDITED, "token-edited");
    expect(namedValue(wb, "TokenCapImplied")).toBe("buyback and stakers");
  });

  /** The Summary's token outputs against the core, for a model whose split is `splitCentsOf`. */
  function expectTokenLayer(wb: SavedWorkbook, splitCentsOf: readonly number[], token: TokenInputs, id: string): void {
    const flow = tokenFlow(splitCentsOf, FEE_BUCKETS.map((b) => b.id), {
      price: token.price, circulatingSupply: token.circulatingSupply, stakedValue: token.stakedValue, tokenVolume: token.tokenVolume,
    }, { buybackMaxVolumeShare: token.buybackMaxVolumeShare, stakerMaxApr: token.stakerMaxApr });
    const n = (name: string): number => Number(namedValue(wb, name));
    const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
    expect({ id, tokens: close(n("TokensBoughtBack"), flow.tokensBoughtBack), retired: close(n("TokenSupplyRetired"), flow.supplyRetiredPerYear), apr: close(n("TokenStakerApr"), flow.stakerApr), share: close(n("TokenVolumeShare"), flow.buybackShareOfVolume) })
      .toEqual({ id, tokens: true, retired: true, apr: true, share: true });
    expect({ id, bb: cents(namedValue(wb, "TokenBuybackCap")), st: cents(namedValue(wb, "TokenStakerCap")), implied: namedValue(wb, "TokenCapImplied") })
      .toEqual({ id, bb: flow.buybackCapCents, st: flow.stakerCapCents, implied: flow.capImplied });
  }

  it("recalculates a model whose cached values are stale", () => {
    const wb = model("stale");
    expect(splitCents(wb)).toEqual(feeSplit(2000000, "growth").cents);
    expect(cents(namedValue(wb, "SplitTotal"))).toBe(200000000);
  });

  it("rates every mechanic for every archetype as mechanicFit does", () => {
    const { firstRow, columns } = MECHANICS_LAYOUT;
    const fit = columnLetters(columns.fit);
    const score = columnLetters(columns.score);
    for (const c of MECHANIC_CASES.filter((m) => m.id.startsWith("all-"))) {
      const wb = model(`mech-${c.id}`);
      const sheet = MECHANIC_IDS.map((m, i) => ({ m, rating: valueAt(wb, "Mechanics", `${fit}${firstRow + i}`), score: valueAt(wb, "Mechanics", `${score}${firstRow + i}`) }));
      const core = MECHANIC_IDS.map((m) => ({ m, rating: mechanicFit(c.archetype, m).rating, score: mechanicFit(c.archetype, m).score }));
      expect({ archetype: c.archetype, sheet }).toEqual({ archetype: c.archetype, sheet: core });
      expect(namedValue(wb, "FitScoreAverage")).toBeCloseTo(core.reduce((s, x) => s + x.score, 0) / core.length, 12);
    }
    // The CLI's --archetype reaches the sheet: the L1 template's mechanics rated for an L1.
    const l1 = model("arch-l1");
    expect(namedValue(l1, "Archetype")).toBe("l1");
    const choices = named(l1, "MechanicChoices").map((r) => r[0]).filter((m) => m !== "");
    expect(named(l1, "MechanicScores").slice(0, choices.length).map((r) => r[0])).toEqual(choices.map((m) => mechanicFit("l1", m).score));
  });

  it("flags the anti-patterns findAntiPatterns finds", () => {
    const { firstRow, columns } = MECHANICS_LAYOUT;
    for (const c of MECHANIC_CASES) {
      const wb = model(`mech-${c.id}`);
      const found = findAntiPatterns(c.archetype, c.rows.map(([m]) => m), c.rows.map(([, f]) => f));
      // Per mechanic (at its first listing): forced utility, copy-paste ve-lock, decoration.
      const perMechanic = new Map<string, string[]>();
      for (const f of found.filter((x) => x.id !== "governance-only" && x.id !== "discount-only")) {
        for (const m of f.mechanics) perMechanic.set(m, [...(perMechanic.get(m) ?? []), f.name]);
      }
      const sheetIssues = new Map<string, string[]>();
      c.rows.forEach(([m], i) => {
        const issue = String(valueAt(wb, "Mechanics", `${columnLetters(columns.issue)}${firstRow + i}`));
        if (issue !== "") sheetIssues.set(m, issue.split("; "));
      });
      expect({ id: c.id, issues: Object.fromEntries(sheetIssues) }).toEqual({ id: c.id, issues: Object.fromEntries(perMechanic) });
      expect({ id: c.id, count: namedValue(wb, "AntiPatternCount") }).toEqual({ id: c.id, count: found.length });
      expect({
        id: c.id,
        governanceOnly: valueAt(wb, "Mechanics", MECHANICS_LAYOUT.governanceOnly) === "yes",
        discountOnly: valueAt(wb, "Mechanics", MECHANICS_LAYOUT.discountOnly) === "yes",
      }).toEqual({ id: c.id, governanceOnly: found.some((f) => f.id === "governance-only"), discountOnly: found.some((f) => f.id === "discount-only") });
    }
  });

  it("scores the checklist and gives the verdict as scoreChecklist does", () => {
    CHECKLIST_CASES.forEach((answers, i) => {
      const wb = model(`checklist-${i}`);
      const core = scoreChecklist(answers);
      expect({
        i,
        score: namedValue(wb, "ChecklistScore"),
        solid: valueAt(wb, "Checklist", CHECKLIST_LAYOUT.solid),
        partial: valueAt(wb, "Checklist", CHECKLIST_LAYOUT.partial),
        undecided: namedValue(wb, "ChecklistUndecided"),
        verdict: namedValue(wb, "ChecklistVerdict"),
      }).toEqual({ i, score: core.score, solid: core.solid, partial: core.partial, undecided: core.undecided, verdict: core.verdict });
    });
    expect(CHECKLIST_IDS).toHaveLength(10);
  });
});
