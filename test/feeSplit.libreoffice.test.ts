import ExcelJS from "exceljs";
import fc from "fast-check";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { FEE_BUCKETS, MAX_AMOUNT_CENTS, STAGE_IDS, buybackCapFromVolume, stakerCapFromApr, type Bucket } from "../src";
import { planToXlsx } from "../src/export";
import { DEFAULT_INPUTS, FEE_SPLIT_LAYOUT, SPLIT_OK, buildFeeSplitPlan, buildModelPlan, buildReferencePlan, defaultNaming, namingFor, type SheetPlan } from "../src/plans";
import { CAP_ROUNDS, SHEET_MESSAGES } from "../src/plans/feeSplitWorking";
import { centsArb, floorsClash, tableArb } from "./helpers/bucketTables";
import { badFormulaCells, readSaved, valueAt, type SavedWorkbook } from "./helpers/computed";
import { findSoffice, recalcAll, runs } from "./helpers/libreoffice";
import { coreTable, standardTable, type Cell, type SplitCase, type SplitResult, type TableCase, type TableRow } from "./helpers/planWorkbook";

/**
 * The Fee Split sheet against the core (bucketSplit), recalculated by
 * LibreOffice across the whole accepted range: revenues up to the one maximum
 * (9,999,999,999,999.99), half cents, the standard buckets with their caps
 * and floor, and random bucket tables (names, 1 to 12 rows, 9-decimal shares
 * and thirds, caps, floors, an excess bucket). Many cases share a workbook
 * (one Fee Split sheet per case, "Fee Split (n)") and all workbooks one
 * LibreOffice run. Bad inputs must blank the split and say what to fix; what
 * the sheet hands to TOKEN.SPLIT must be refused, never split wrongly. One
 * whole model checks the token rules' caps.
 */
const soffice = findSoffice();
if (!soffice) throw new Error("These tests need LibreOffice: install libreoffice-calc-nogui (or set SOFFICE to soffice's path).");

const BUCKETS: readonly Bucket[] = FEE_BUCKETS;
const CASES_PER_BOOK = 50;
const BOOKS = 4;
const work = mkdtempSync(join(tmpdir(), "fee-split-lo-"));
const M = SHEET_MESSAGES;
const MAX = MAX_AMOUNT_CENTS;

/** A standard-bucket case: a limit per bucket (its cap or floor), by position. */
const std = (revenue: Cell, stage: Cell, limits: readonly (number | null)[], shares?: readonly number[], excessTo?: string): TableCase => {
  const caps: Record<string, number> = {};
  const floors: Record<string, number> = {};
  BUCKETS.forEach((b, j) => {
    const x = limits[j];
    if (x === null || x === undefined) return;
    (b.constraint === "cap" ? caps : floors)[b.id] = x;
  });
  const c: SplitCase = { revenue: revenue as number, stage: stage as string, caps, floors, ...(shares ? { shares } : {}), ...(excessTo ? { excessTo } : {}) };
  return { ...standardTable(c), revenue, stage };
};
const none = [null, null, null, null];

/** Standard buckets, their limits as shares of the revenue (so they tend to bind), 9-decimal shares, an excess bucket now and then. */
const standardArb: fc.Arbitrary<TableCase> = fc.record({
  cents: centsArb,
  halfCent: fc.boolean(),
  stage: fc.constantFrom(...STAGE_IDS),
  custom: fc.boolean(),
  cuts: fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 3, maxLength: 3 }),
  fractions: fc.tuple(...BUCKETS.map((b) => fc.oneof(fc.constant(null), fc.integer({ min: 0, max: b.constraint === "floor" ? 1200 : 600 })))),
  excess: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...BUCKETS.map((b) => b.name)) }),
}).map(({ cents, halfCent, stage, custom, cuts, fractions, excess }) => {
  // A half cent only where a spreadsheet keeps the typed digits (15 significant).
  const revenue = halfCent && cents < 1e11 ? Number(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}5`) : cents / 100;
  const sorted = [0, ...cuts.sort((x, y) => x - y), 1_000_000_000];
  const shares = sorted.slice(1).map((c, i) => (c - sorted[i]!) / 1_000_000_000);
  const limits = fractions.map((x) => (x === null ? null : Math.min(MAX, Math.round((cents * x) / 1000)) / 100));
  return std(revenue, stage, limits, custom ? shares : undefined, excess);
});

/** Inputs the core refuses or the sheet cannot take: the sheet must blank the split and say what to fix. */
const at = (name: Cell, share: Cell, cap: Cell = null, floor: Cell = null): TableRow => ({ name, shares: STAGE_IDS.map(() => share), cap, floor });
const BAD_CASES: readonly (TableCase & { readonly message: string })[] = [
  { ...std(-5, "growth", none), message: M.revenueNegative },
  { ...std("1000", "growth", none), message: M.revenueText },
  { ...std(null, "growth", none), message: M.revenueBlank },
  { ...std(10_000_000_000_000, "growth", none), message: M.revenueTooLarge },
  { ...std(10_000_000_000_000.01, "growth", none), message: M.revenueTooLarge },
  { ...std(1000, "growth", [null, 10_000_000_000_000, null, null]), message: M.capTooLarge("Stakers") },
  { ...std(1000, null, none), message: M.stageBlank },
  { ...std(1000, "late", none), message: M.stageUnknown },
  { ...std(1000, 0.5, none), message: M.stageUnknown },
  { ...std(1000, "growth", [-1, null, null, null]), message: M.capNegative("Buyback") },
  { ...std(1000, "growth", ["300" as unknown as number, null, null, null]), message: M.capText("Buyback") },
  { ...std(1000, "growth", [null, null, -10, null]), message: M.floorNegative("Insurance") },
  { ...std(1000, "growth", none, [0.5, 0.5, 0.5, 0]), message: M.sharesTotal("150") },
  { ...std(1000, "growth", none, undefined, "Treasury"), message: M.unknownExcess("Treasury", "Buyback, Stakers, Insurance, Discount") },
  { revenue: 100, stage: "growth", rows: [at("Buy-back", 0.5), at("buy back", 0.5)], message: M.duplicate("buy back") },
  { revenue: 100, stage: "growth", rows: [at("A", 1), at(null, 0)], message: M.junk },
  { revenue: 100, stage: "growth", rows: [], message: M.noBuckets },
  { revenue: 100, stage: "growth", rows: [at("A", 0.5, 10, 20), at("B", 0.5)], message: M.floorAboveCap("A") },
  { revenue: 100, stage: "growth", rows: [at("A", 0.5, 10), at("B", 0.5, 20)], message: M.allPinned },
  { revenue: 100, stage: "growth", rows: [at("A", 0.5), at("Ünï", 0.2), at("--", 0.3)], message: M.noLetters("--") },
  { revenue: 1000, stage: "growth", rows: [at("A", 0.5, null, 600), at("B", 0.3, null, 400), at("C", 0.2)], message: M.floorClash },
];

/** Fixed cases: the examples and the edges of the range. */
const FIXED_CASES: readonly TableCase[] = [
  std(1.005, "growth", none),
  std(19_000_000_000.01, "mature", none),
  std(9_999_999_999_999.99, "mature", none),
  std(9_999_999_999_999.99, "growth", [1_234_567_890_123.45, 2_000_000_000_000, null, 100]),
  std(9_999_999_999_999.99, "early", [null, null, 5_000_000_000_000, null]),
  std(9_999_999_999_999.99, "growth", none, [0.123456789, 0.234567891, 0.345678912, 0.296296408]),
  std(9_999_999_999_999.99, "growth", [1_000_000_000_000, null, null, 0], [0.123456789, 0.234567891, 0.345678912, 0.296296408]),
  std(9_999_999_999_999.99, "growth", [null, null, 9_999_999_999_999.99, null], [0.123456789, 0.234567891, 0.345678912, 0.296296408]),
  std(123_456_789_012.34, "growth", [10_000_000_000, null, 20_000_000_000, null]),
  std(10_000_000, "mature", [3_000_000, 2_000_000, 2_500_000, null]),
  std(9_999_999_999_999.99, "growth", [3_333_333_333_333.33, null, null, null], [1 / 3, 1 / 3, 1 / 3, 0]),
  std(9_999_999_999_999.99, "growth", [1e12, 2e12, 4e12, 1e12], [0.123456789, 0.234567891, 0.345678912, 0.296296408], "Stakers"),
  std(10_000_000, "growth", [1_000_000, 2_400_000, 1_500_000, null], undefined, "Discount"),
  { revenue: 9_999_999_999_999.99, stage: "mature", rows: Array.from({ length: 12 }, (_, j) => at(`Fund ${j + 1}`, j < 9 ? 0.083333333 : 0.083333334 + (j === 11 ? 0.000000001 : 0), j % 4 === 0 ? 5e11 : null)), excessTo: "Fund 12" },
  { revenue: 7_777_777_777_777.77, stage: "early", rows: [at("Treasury", 1 / 3, 1e12), at("LPs", 1 / 3), at("Insurance", 1 / 3, null, 3e12)] },
  { revenue: 1000, stage: "growth", rows: [at("Ops", 0.5), at(null, null), at("Grants", 0.5, 100)] },
];

const RANDOM_CASES = [
  ...fc.sample(standardArb, { seed: 12, numRuns: 60 }),
  ...fc.sample(tableArb, { seed: 21, numRuns: CASES_PER_BOOK * BOOKS - FIXED_CASES.length - BAD_CASES.length - 60 }),
];
const ALL: readonly TableCase[] = [...FIXED_CASES, ...BAD_CASES, ...RANDOM_CASES];

/** Types a case into a Fee Split sheet: every row of the table, the ones past the case blank. */
function typeCase(ws: ExcelJS.Worksheet, t: TableCase): void {
  const L = FEE_SPLIT_LAYOUT;
  ws.getCell(L.revenue).value = t.revenue;
  ws.getCell(L.stage).value = t.stage;
  ws.getCell(L.excessTo).value = t.excessTo ?? null;
  ws.getCell(L.useRuleCaps).value = t.useRuleCaps ?? "no";
  L.rows.forEach((r, j) => {
    const given = t.rows[j];
    ws.getCell(r.name).value = given?.name ?? null;
    r.shares.forEach((a1, i) => { ws.getCell(a1).value = given?.shares[i] ?? null; });
    ws.getCell(r.cap).value = given?.cap ?? null;
    ws.getCell(r.floor).value = given?.floor ?? null;
  });
}

async function writeBook(plans: SheetPlan[], fill: (wb: ExcelJS.Workbook) => void, file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await planToXlsx(plans)) as unknown as ArrayBuffer);
  fill(wb);
  const path = join(work, file);
  await wb.xlsx.writeFile(path);
  return path;
}

/** The whole model with the token rules' caps switched on: the rules bind the buckets and the stakers. */
const RULES = { volume: 50_000_000, share: 0.05, staked: 300_000_000, apr: 0.1 };
const RULE_TABLE: TableCase = { ...std(10_000_000, "growth", [3_000_000, null, null, null]), useRuleCaps: "yes" };
const nameCell = (plans: readonly SheetPlan[], name: string): { sheet: string; cell: string } => {
  for (const p of plans) for (const n of p.names) if (n.name === name) return { sheet: p.name, cell: n.range.replace(/\$/g, "") };
  throw new Error(`no name ${name}`);
};

async function writeBooks(): Promise<string[]> {
  const paths: string[] = [];
  for (let book = 0; book < BOOKS; book++) {
    const cases = ALL.slice(book * CASES_PER_BOOK, (book + 1) * CASES_PER_BOOK);
    const plans = [buildReferencePlan(DEFAULT_INPUTS, namingFor(1)), ...cases.map((_, i) => buildFeeSplitPlan(DEFAULT_INPUTS, namingFor(i + 1)))];
    paths.push(await writeBook(plans, (wb) => cases.forEach((c, i) => typeCase(wb.getWorksheet(namingFor(i + 1).sheets.feeSplit)!, c)), `fee-split-${book}.xlsx`));
  }
  const model = buildModelPlan(DEFAULT_INPUTS, defaultNaming());
  paths.push(await writeBook(model, (wb) => {
    typeCase(wb.getWorksheet(defaultNaming().sheets.feeSplit)!, RULE_TABLE);
    for (const [name, value] of [["TokenVolume", RULES.volume], ["TokenBuybackRule", RULES.share], ["TokenStaked", RULES.staked], ["TokenStakerRule", RULES.apr]] as const) {
      const { sheet, cell } = nameCell(model, name);
      wb.getWorksheet(sheet)!.getCell(cell).value = value;
    }
  }, "rules.xlsx"));
  return paths;
}

describe("the Fee Split sheet in LibreOffice, across the whole accepted range", () => {
  const saved: SavedWorkbook[] = [];
  beforeAll(async () => {
    // Generous: one LibreOffice process recalculates every case; a loaded machine can take minutes.
    const outputs = await recalcAll(await writeBooks(), { timeoutMs: 1_500_000 });
    for (const o of outputs) saved.push(readSaved(o));
  }, 1_600_000);

  afterAll(() => {
    const ms = runs.reduce((s, r) => s + r.ms, 0);
    process.stdout.write(`Fee Split in LibreOffice (${soffice.version}): ${ALL.length} cases in ${BOOKS} workbooks and one whole model, ${ms} ms\n`);
  });

  const sheetOf = (i: number): { wb: SavedWorkbook; sheet: string } => ({
    wb: saved[Math.floor(i / CASES_PER_BOOK)]!,
    sheet: namingFor((i % CASES_PER_BOOK) + 1).sheets.feeSplit,
  });
  const cents = (v: unknown): number | string => (typeof v === "number" ? Math.round(v * 100) : String(v));
  const named = (t: TableCase): boolean[] => t.rows.map((r) => r.name !== null && String(r.name).trim() !== "");
  /** The sheet's amounts and bounds for the case's named rows, or its check message. */
  const sheetResult = (wb: SavedWorkbook, sheet: string, t: TableCase): SplitResult | { error: string } => {
    const check = valueAt(wb, sheet, FEE_SPLIT_LAYOUT.check);
    if (check !== SPLIT_OK) return { error: String(check) };
    const keep = named(t);
    return {
      cents: FEE_SPLIT_LAYOUT.amounts.slice(0, t.rows.length).filter((_, j) => keep[j]).map((a) => cents(valueAt(wb, sheet, a)) as number),
      bound: FEE_SPLIT_LAYOUT.bound.slice(0, t.rows.length).filter((_, j) => keep[j]).map((a) => String(valueAt(wb, sheet, a))),
      check,
    };
  };

  it("computes every formula cell without an error, bad inputs included", () => {
    for (const wb of saved) expect(badFormulaCells(wb)).toEqual([]);
  });

  it("gives the core's cents and binding constraints in every case it splits: 0 cent differences", () => {
    const kinds = { compared: 0, plain: 0, caps: 0, floor: 0, floorAndCaps: 0, excessTo: 0, moreThanFourBuckets: 0, overTenBillion: 0, refusedLikeTheCore: 0, handedToSplit: 0 };
    const differences: unknown[] = [];
    ALL.forEach((c, i) => {
      if ((BAD_CASES as readonly TableCase[]).includes(c)) return; // checked below
      const want = coreTable(c);
      const { wb, sheet } = sheetOf(i);
      const got = sheetResult(wb, sheet, c);
      if ("error" in want) {
        if (!("error" in got)) differences.push({ i, c, got, want });
        else kinds.refusedLikeTheCore++;
        return;
      }
      if ("error" in got) {
        // Only what the sheet hands to TOKEN.SPLIT, and only where it must.
        const handed = (got.error === `CHECK: ${M.floorClash}` && floorsClash(c))
          || (got.error === `CHECK: ${M.moreRounds}` && want.bound.filter((b) => b === "cap").length > CAP_ROUNDS);
        if (!handed) differences.push({ i, c, got, want });
        else kinds.handedToSplit++;
        return;
      }
      const total = cents(valueAt(wb, sheet, FEE_SPLIT_LAYOUT.total));
      if (JSON.stringify(got) !== JSON.stringify(want) || total !== want.cents.reduce((x, y) => x + y, 0)) differences.push({ i, c, got, want, total });
      kinds.compared++;
      const caps = want.bound.includes("cap");
      const floor = want.bound.includes("floor");
      kinds[caps && floor ? "floorAndCaps" : caps ? "caps" : floor ? "floor" : "plain"]++;
      if (c.excessTo) kinds.excessTo++;
      if (named(c).filter(Boolean).length > 4) kinds.moreThanFourBuckets++;
      if (Number(c.revenue) > 1e10) kinds.overTenBillion++;
    });
    process.stdout.write(`Fee Split property: ${JSON.stringify(kinds)}, ${differences.length} differ\n`);
    expect(differences).toEqual([]);
    expect(kinds.compared).toBeGreaterThan(ALL.length * 0.7);
    expect(kinds.handedToSplit).toBeLessThan(ALL.length * 0.05);
  });

  it("blanks the split and says what to fix when an input is bad (or a case it hands to TOKEN.SPLIT)", () => {
    BAD_CASES.forEach((c) => {
      const i = ALL.indexOf(c);
      const { wb, sheet } = sheetOf(i);
      expect({ i, amounts: FEE_SPLIT_LAYOUT.amounts.map((a) => valueAt(wb, sheet, a)), check: valueAt(wb, sheet, FEE_SPLIT_LAYOUT.check) })
        .toEqual({ i, amounts: FEE_SPLIT_LAYOUT.amounts.map(() => ""), check: `CHECK: ${c.message}` });
    });
  });

  it("follows the token rules' caps in a whole model: the lower of the typed cap and the rule's", () => {
    const wb = saved[BOOKS]!;
    const sheet = defaultNaming().sheets.feeSplit;
    const buyback = Math.min(300_000_000, buybackCapFromVolume(RULES.volume, RULES.share));
    const stakers = stakerCapFromApr(RULES.staked, RULES.apr);
    const want = coreTable(RULE_TABLE, [buyback / 100, stakers / 100, null, null]);
    expect(sheetResult(wb, sheet, RULE_TABLE)).toEqual(want);
    expect((want as SplitResult).bound.slice(0, 2)).toEqual(["cap", "cap"]);
    expect(badFormulaCells(wb)).toEqual([]);
  });
});
