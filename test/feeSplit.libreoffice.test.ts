import ExcelJS from "exceljs";
import fc from "fast-check";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { FEE_BUCKETS, MAX_AMOUNT_CENTS, STAGE_IDS, feeSplit, isTokenError, type Bucket } from "../src";
import { planToXlsx } from "../src/export";
import { DEFAULT_INPUTS, FEE_SPLIT_LAYOUT, SPLIT_OK, buildFeeSplitPlan, buildReferencePlan, cellAt, namingFor, parseCell } from "../src/plans";
import { SHEET_MESSAGES } from "../src/plans/feeSplitWorking";
import { badFormulaCells, readSaved, valueAt, type SavedWorkbook } from "./helpers/computed";
import { findSoffice, recalcAll, runs } from "./helpers/libreoffice";

/**
 * The Fee Split sheet against the core, recalculated by LibreOffice across the
 * whole accepted range: revenues up to the one maximum (9,999,999,999,999.99),
 * half cents, stage shares and custom shares with 9 decimals (and thirds),
 * caps and a floor that bind. Many cases share a workbook (one Fee Split
 * sheet per case, "Fee Split (n)") and all workbooks one LibreOffice run.
 * Bad inputs must blank the split and say what to fix.
 */
const soffice = findSoffice();
if (!soffice) throw new Error("These tests need LibreOffice: install libreoffice-calc-nogui (or set SOFFICE to soffice's path).");

const BUCKETS: readonly Bucket[] = FEE_BUCKETS;
const CASES_PER_BOOK = 100;
const BOOKS = 2;
const work = mkdtempSync(join(tmpdir(), "fee-split-lo-"));

type Input = number | string | null;

interface Case {
  readonly revenue: Input;
  readonly stage: Input;
  /** Cap or floor per bucket (by position), null for blank. */
  readonly limits: readonly Input[];
  /** Replaces the stage's row of the share table (fractions). */
  readonly shares?: readonly number[];
}

const MAX = MAX_AMOUNT_CENTS;
/** Cents spread over every magnitude up to the maximum, with the maximum itself and its neighbours. */
const centsArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 15 }).chain((digits) => fc.integer({ min: 0, max: Math.min(MAX, 10 ** digits) })) },
  { weight: 1, arbitrary: fc.constantFrom(MAX, MAX - 1, 0, 1, 2 ** 50 - 1 > MAX ? MAX - 3 : 2 ** 50 - 1) },
);
/** 9-decimal shares summing to exactly 1, some with zeros; thirds too. */
const sharesArb = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: BUCKETS.length - 1, maxLength: BUCKETS.length - 1 }).map((cuts) => {
    const sorted = [0, ...cuts.sort((x, y) => x - y), 1_000_000_000];
    return sorted.slice(1).map((c, i) => (c - sorted[i]!) / 1_000_000_000);
  }) },
  { weight: 1, arbitrary: fc.constantFrom([1 / 3, 1 / 3, 1 / 3, 0], [1 / 3, 0, 1 / 3, 1 / 3], [1 / 7, 2 / 7, 3 / 7, 1 / 7], [0, 0, 1, 0], [1, 0, 0, 0]) },
);

/** A limit as a fraction of the revenue (so it tends to bind), or blank. */
const limitArb = (bucket: Bucket) => (bucket.constraint === "none"
  ? fc.constant(null)
  : fc.oneof(fc.constant(null), fc.integer({ min: 0, max: bucket.constraint === "floor" ? 1200 : 600 }).map((perMille) => perMille / 1000)));

const goodCaseArb: fc.Arbitrary<Case> = fc.record({
  cents: centsArb,
  halfCent: fc.boolean(),
  stage: fc.constantFrom(...STAGE_IDS),
  custom: fc.boolean(),
  shares: sharesArb,
  fractions: fc.tuple(...BUCKETS.map(limitArb)),
}).map(({ cents, halfCent, stage, custom, shares, fractions }) => {
  // A half cent only where a spreadsheet keeps the typed digits (15 significant).
  const revenue = halfCent && cents < 1e11 ? Number(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}5`) : cents / 100;
  const limits = fractions.map((x) => (x === null ? null : Math.min(MAX, Math.round(cents * x)) / 100));
  return { revenue, stage, limits, ...(custom ? { shares } : {}) };
});

/** Inputs the core refuses: the sheet must blank the split and say what to fix. */
const BAD_CASES: readonly (Case & { readonly message: string })[] = [
  { revenue: -5, stage: "growth", limits: [null, null, null, null], message: SHEET_MESSAGES.revenueNegative },
  { revenue: "1000", stage: "growth", limits: [null, null, null, null], message: SHEET_MESSAGES.revenueText },
  { revenue: null, stage: "growth", limits: [null, null, null, null], message: SHEET_MESSAGES.revenueBlank },
  { revenue: 10_000_000_000_000, stage: "growth", limits: [null, null, null, null], message: SHEET_MESSAGES.revenueTooLarge },
  { revenue: 10_000_000_000_000.01, stage: "growth", limits: [null, null, null, null], message: SHEET_MESSAGES.revenueTooLarge },
  { revenue: 1000, stage: "growth", limits: [null, 10_000_000_000_000, null, null], message: SHEET_MESSAGES.limitTooLarge(BUCKETS[1]!.constraintName) },
  { revenue: 1000, stage: null, limits: [null, null, null, null], message: SHEET_MESSAGES.stageBlank },
  { revenue: 1000, stage: "late", limits: [null, null, null, null], message: SHEET_MESSAGES.stageUnknown },
  { revenue: 1000, stage: 0.5, limits: [null, null, null, null], message: SHEET_MESSAGES.stageUnknown },
  { revenue: 1000, stage: "growth", limits: [-1, null, null, null], message: SHEET_MESSAGES.limitNegative(BUCKETS[0]!.constraintName) },
  { revenue: 1000, stage: "growth", limits: ["300", null, null, null], message: SHEET_MESSAGES.limitText(BUCKETS[0]!.constraintName) },
  { revenue: 1000, stage: "growth", limits: [null, null, -10, null], message: SHEET_MESSAGES.limitNegative(BUCKETS[2]!.constraintName) },
  { revenue: 1000, stage: "growth", limits: [null, null, null, null], shares: [0.5, 0.5, 0.5, 0], message: SHEET_MESSAGES.sharesBad },
];

/** Fixed cases: the examples and the edges of the range. */
const FIXED_CASES: readonly Case[] = [
  { revenue: 1.005, stage: "growth", limits: [null, null, null, null] },
  { revenue: 19_000_000_000.01, stage: "mature", limits: [null, null, null, null] },
  { revenue: 9_999_999_999_999.99, stage: "mature", limits: [null, null, null, null] },
  { revenue: 9_999_999_999_999.99, stage: "growth", limits: [1_234_567_890_123.45, 2_000_000_000_000, null, 100] },
  { revenue: 9_999_999_999_999.99, stage: "early", limits: [null, null, 5_000_000_000_000, null] },
  { revenue: 9_999_999_999_999.99, stage: "growth", limits: [null, null, null, null], shares: [0.123456789, 0.234567891, 0.345678912, 0.296296408] },
  { revenue: 9_999_999_999_999.99, stage: "growth", limits: [1_000_000_000_000, null, null, 0], shares: [0.123456789, 0.234567891, 0.345678912, 0.296296408] },
  { revenue: 9_999_999_999_999.99, stage: "growth", limits: [null, null, 9_999_999_999_999.99, null], shares: [0.123456789, 0.234567891, 0.345678912, 0.296296408] },
  { revenue: 123_456_789_012.34, stage: "growth", limits: [10_000_000_000, null, 20_000_000_000, null] },
  { revenue: 10_000_000, stage: "mature", limits: [3_000_000, 2_000_000, 2_500_000, null] },
  { revenue: 9_999_999_999_999.99, stage: "growth", limits: [3_333_333_333_333.33, null, null, null], shares: [1 / 3, 1 / 3, 1 / 3, 0] },
];

const RANDOM_CASES = fc.sample(goodCaseArb, { seed: 12, numRuns: CASES_PER_BOOK * BOOKS - FIXED_CASES.length - BAD_CASES.length });
const ALL: readonly Case[] = [...FIXED_CASES, ...BAD_CASES, ...RANDOM_CASES];

/** The same case through the core: cents and bounds, or its message. */
function core(c: Case): { cents: number[]; bound: (string | null)[] } | { error: string } {
  const caps: Record<string, Input> = {};
  const floors: Record<string, Input> = {};
  BUCKETS.forEach((b, j) => {
    if (b.constraint === "cap") caps[b.id] = c.limits[j] ?? null;
    if (b.constraint === "floor") floors[b.id] = c.limits[j] ?? null;
  });
  try {
    const s = feeSplit(c.revenue, c.shares ?? (c.stage as string), { caps, floors });
    return { cents: [...s.cents], bound: [...s.bound] };
  } catch (e) {
    if (isTokenError(e)) return { error: e.message };
    throw e;
  }
}

/** Writes the cases into workbooks of one Fee Split sheet each (n = case index + 1 within its book). */
async function writeBooks(): Promise<string[]> {
  const paths: string[] = [];
  for (let book = 0; book < BOOKS; book++) {
    const cases = ALL.slice(book * CASES_PER_BOOK, (book + 1) * CASES_PER_BOOK);
    const plans = [buildReferencePlan(DEFAULT_INPUTS, namingFor(1)), ...cases.map((_, i) => buildFeeSplitPlan(DEFAULT_INPUTS, namingFor(i + 1)))];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await planToXlsx(plans)) as unknown as ArrayBuffer);
    cases.forEach((c, i) => {
      const ws = wb.getWorksheet(namingFor(i + 1).sheets.feeSplit)!;
      ws.getCell(FEE_SPLIT_LAYOUT.revenue).value = c.revenue;
      ws.getCell(FEE_SPLIT_LAYOUT.stage).value = c.stage;
      FEE_SPLIT_LAYOUT.limits.forEach((a1, j) => {
        if (a1) ws.getCell(a1).value = c.limits[j] ?? null;
      });
      if (c.shares && typeof c.stage === "string" && STAGE_IDS.includes(c.stage as (typeof STAGE_IDS)[number])) {
        const { col, row } = parseCell(FEE_SPLIT_LAYOUT.shareTable.split(":")[0]!);
        const r = row + STAGE_IDS.indexOf(c.stage as (typeof STAGE_IDS)[number]);
        c.shares.forEach((x, j) => { ws.getCell(cellAt(col + j, r)).value = x; });
      }
    });
    const path = join(work, `fee-split-${book}.xlsx`);
    await wb.xlsx.writeFile(path);
    paths.push(path);
  }
  return paths;
}

describe("the Fee Split sheet in LibreOffice, across the whole accepted range", () => {
  const saved: SavedWorkbook[] = [];
  beforeAll(async () => {
    // Generous: one LibreOffice process recalculates every case; a loaded machine can take minutes.
    const outputs = await recalcAll(await writeBooks(), { timeoutMs: 900_000 });
    for (const o of outputs) saved.push(readSaved(o));
  }, 1_000_000);

  afterAll(() => {
    const ms = runs.reduce((s, r) => s + r.ms, 0);
    process.stdout.write(`Fee Split in LibreOffice (${soffice.version}): ${ALL.length} cases in ${BOOKS} workbooks, ${ms} ms\n`);
  });

  const sheetOf = (i: number): { wb: SavedWorkbook; sheet: string } => ({
    wb: saved[Math.floor(i / CASES_PER_BOOK)]!,
    sheet: namingFor((i % CASES_PER_BOOK) + 1).sheets.feeSplit,
  });
  const cents = (v: unknown): number | string => (typeof v === "number" ? Math.round(v * 100) : String(v));

  it("computes every formula cell without an error, bad inputs included", () => {
    for (const wb of saved) expect(badFormulaCells(wb)).toEqual([]);
  });

  it("gives the core's cents and binding constraints in every case it splits: 0 cent differences", () => {
    let compared = 0;
    const kinds = { plain: 0, caps: 0, floor: 0, floorAndCaps: 0, customShares: 0, overTenBillion: 0 };
    const differences: unknown[] = [];
    ALL.forEach((c, i) => {
      if ((BAD_CASES as readonly Case[]).includes(c)) return; // checked below
      const expected = core(c);
      if ("error" in expected) return;
      const { wb, sheet } = sheetOf(i);
      const check = valueAt(wb, sheet, FEE_SPLIT_LAYOUT.check);
      const got = {
        cents: FEE_SPLIT_LAYOUT.amounts.map((a) => cents(valueAt(wb, sheet, a))),
        bound: FEE_SPLIT_LAYOUT.bound.map((a) => { const b = valueAt(wb, sheet, a); return b === "none" ? null : b; }),
        check,
        total: cents(valueAt(wb, sheet, FEE_SPLIT_LAYOUT.total)),
      };
      const want = { ...expected, check: SPLIT_OK, total: expected.cents.reduce((x, y) => x + y, 0) };
      if (JSON.stringify(got) !== JSON.stringify(want)) differences.push({ i, c, got, want });
      compared++;
      const caps = expected.bound.includes("cap");
      const floor = expected.bound.includes("floor");
      kinds[caps && floor ? "floorAndCaps" : caps ? "caps" : floor ? "floor" : "plain"]++;
      if (c.shares) kinds.customShares++;
      if (Number(c.revenue) > 1e10) kinds.overTenBillion++;
    });
    process.stdout.write(`Fee Split property: ${compared} cases compared with the core (${JSON.stringify(kinds)}), ${differences.length} differ\n`);
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(ALL.length * 0.8);
  });

  it("blanks the split and says what to fix when an input is bad (or a stage the sheet does not take)", () => {
    BAD_CASES.forEach((c) => {
      const i = ALL.indexOf(c);
      const { wb, sheet } = sheetOf(i);
      expect({ i, amounts: FEE_SPLIT_LAYOUT.amounts.map((a) => valueAt(wb, sheet, a)), check: valueAt(wb, sheet, FEE_SPLIT_LAYOUT.check) })
        .toEqual({ i, amounts: BUCKETS.map(() => ""), check: `CHECK: ${c.message}` });
    });
  });
});
