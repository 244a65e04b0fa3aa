import fc from "fast-check";
import { FEE_BUCKETS } from "../src";
import { buildModelPlan, columnLetter, DEFAULT_INPUTS, defaultNaming, namingFor, parseCell } from "../src/plans";
import { buildStressTestPlan, STRESS_MONTHS, STRESS_NAME_BASES, STRESS_TEST_LAYOUT as L } from "../src/plans/stressTest";
import { Decimal } from "../src";
import { monteCarlo, runPath, scenarioRevenues, SCENARIOS, shockFactor, type MonteCarloParams, type ScenarioKind } from "../src/stress";
import { functionsIn, referencesIn, Workbook } from "./helpers/formulaEval";

/** Functions that compute in Excel 2016/2019 and LibreOffice 7.4 (the same list the other plans keep to). */
const ALLOWED = new Set([
  "SUM", "SUMPRODUCT", "AVERAGE", "MIN", "MAX", "COUNTIF", "COUNTIFS", "INDEX", "MATCH", "IF", "IFERROR", "AND", "OR", "NOT",
  "ROUND", "ROUNDDOWN", "ABS", "GCD", "ISNUMBER", "ISBLANK", "LEN", "TRIM", "LEFT",
]);
const FORBIDDEN = ["LET", "LAMBDA", "XLOOKUP", "XMATCH", "FILTER", "UNIQUE", "SORT", "SORTBY", "SEQUENCE", "RANDARRAY", "IFS", "SWITCH", "TEXTJOIN", "CONCAT", "MAXIFS", "MINIFS"];
const isFormula = (v: unknown): v is string => typeof v === "string" && v.startsWith("=");
const at = (c: number, r: number): string => `${columnLetter(c)}${r}`;

const MC_PARAMS: MonteCarloParams = {
  revenue: 10_000_000, growth: 0.01, volatility: 0.2, months: 36, paths: 300, seed: 11, stage: "growth",
  caps: { buyback: 4_500_000 }, floors: { insurance: 900_000 }, fund: { startBalance: 5_000_000, minBalance: 3_000_000, claims: [{ month: 18, amount: 15_000_000 }] },
};

describe("the Stress Test sheet plan: structure", () => {
  const naming = namingFor(2);
  const mc = monteCarlo(MC_PARAMS);
  const plan = buildStressTestPlan(DEFAULT_INPUTS, naming, { monteCarlo: { result: mc, params: MC_PARAMS } });
  const bare = buildStressTestPlan(DEFAULT_INPUTS, naming);
  const others = buildModelPlan(DEFAULT_INPUTS, naming);

  it("is the stressTest sheet, named by the naming, with 36 month rows", () => {
    expect(plan.key).toBe("stressTest");
    expect(plan.name).toBe(naming.sheets.stressTest);
    expect(L.lastMonthRow - L.firstMonthRow + 1).toBe(STRESS_MONTHS);
    const months = plan.blocks.find((b) => b.at === at(L.monthColumn, L.firstMonthRow))!;
    expect(months.cells.map((r) => r[0])).toEqual(Array.from({ length: 36 }, (_, t) => t));
  });

  it("has rectangular blocks that never overlap, with formats of the same shape; only computed blocks hold formulas", () => {
    for (const p of [plan, bare]) {
      const seen = new Set<string>();
      for (const b of p.blocks) {
        const { col: c0, row: r0 } = parseCell(b.at);
        const width = b.cells[0]!.length;
        b.cells.forEach((r, i) => {
          expect(r.length).toBe(width);
          r.forEach((_, j) => {
            const key = `${c0 + j},${r0 + i}`;
            if (seen.has(key)) throw new Error(`Two blocks write ${key}`);
            seen.add(key);
          });
        });
        if (Array.isArray(b.numberFormat)) {
          expect(b.numberFormat.length).toBe(b.cells.length);
          for (const r of b.numberFormat as string[][]) expect(r.length).toBe(width);
        }
        const formulas = b.cells.flat().filter(isFormula).length;
        if (b.role === "computed") expect(formulas).toBeGreaterThan(0);
        else expect(formulas).toBe(0);
      }
    }
  });

  it("every month row holds the same formulas, shifted by one row (month 0's fund starts from the start balance)", () => {
    // Relative row numbers move with the row; "$"-anchored rows stay.
    const shift = (f: string, by: number): string =>
      f.replace(/(\$?)([A-Z]{1,3})(\$?)(\d+)/g, (m, d1: string, c: string, d2: string, r: string) => (d2 === "$" ? m : `${d1}${c}${d2}${Number(r) + by}`));
    let checked = 0;
    let firstRowDiffers = 0;
    for (const b of plan.blocks) {
      if (parseCell(b.at).row !== L.firstMonthRow || b.cells.length !== STRESS_MONTHS || b.role !== "computed") continue;
      b.cells[1]!.forEach((second, j) => {
        if (!isFormula(second)) return;
        for (let i = 2; i < STRESS_MONTHS; i++) expect(b.cells[i]![j]).toBe(shift(second, i - 1));
        if (b.cells[0]![j] !== shift(second, -1)) firstRowDiffers++;
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(60);
    expect(firstRowDiffers).toBe(1);
  });

  it("uses only functions Excel 2016/2019 and LibreOffice 7.4 compute, and names this model defines", () => {
    const names = new Set([...others, plan].flatMap((p) => p.names.map((n) => n.name.toLowerCase())));
    const formulas = [
      ...plan.blocks.flatMap((b) => b.cells.flat().filter(isFormula)),
      ...plan.conditionalFormats.map((f) => f.formula),
      ...plan.validations.flatMap((v) => (v.list?.source ? [v.list.source] : [])),
    ];
    expect(formulas.length).toBeGreaterThan(36 * 60);
    const used = new Set<string>();
    for (const f of formulas) {
      for (const fn of functionsIn(f)) {
        used.add(fn);
        if (!ALLOWED.has(fn)) throw new Error(`${fn}() in ${f}`);
      }
      const outside = f.replace(/"(?:[^"]|"")*"/g, '""').toUpperCase();
      for (const fn of FORBIDDEN) expect(new RegExp(`(^|[^A-Z0-9_.])${fn}\\s*\\(`).test(outside)).toBe(false);
      for (const n of referencesIn(f).names) if (!names.has(n.toLowerCase())) throw new Error(`Unknown name ${n} in ${f}`);
      expect(referencesIn(f).sheets).toEqual([]);
    }
    expect([...used].sort()).toEqual(expect.arrayContaining(["GCD", "ROUNDDOWN", "SUMPRODUCT", "INDEX", "MATCH"]));
  });

  it("records a run with a fund target: the share of paths at the target per month and the overflow over the horizon", () => {
    const params: MonteCarloParams = { ...MC_PARAMS, caps: { buyback: { volumeShare: 0.05, volume: 60_000_000 } }, fund: { ...MC_PARAMS.fund, target: 8_000_000, overflowTo: "discount" } };
    const result = monteCarlo(params);
    const withTarget = buildStressTestPlan(DEFAULT_INPUTS, naming, { monteCarlo: { result, params } });
    const labels = withTarget.blocks.filter((b) => b.role === "label").flatMap((b) => b.cells.flat());
    expect(labels).toContain("Fund at its target, overflow to discount (share of paths)");
    expect(labels).toContain("Overflow from the fund");
    expect(labels).toContain(result.fund.overflowTotal.p50 / 100);
    expect(result.fund.overflowTotal.p50).toBeGreaterThan(0);
    expect(labels).toContain("Buyback cap binds (share of paths)");
  });

  it("names and tables carry the model's suffix and come from STRESS_NAME_BASES", () => {
    const bases = new Set(STRESS_NAME_BASES);
    for (const n of [...plan.names.map((x) => x.name), ...plan.tables.map((t) => t.name)]) {
      expect(n.endsWith("_2")).toBe(true);
      expect(bases.has(n.slice(0, -2))).toBe(true);
    }
    expect(plan.tables.map((t) => t.name)).toEqual(["StressMonthly_2", "StressMonteCarlo_2"]);
    expect(bare.tables.map((t) => t.name)).toEqual(["StressMonthly_2"]);
    const first = buildStressTestPlan(DEFAULT_INPUTS, defaultNaming());
    expect(first.names.every((n) => n.name.startsWith("Stress"))).toBe(true);
  });

  it("records the Monte Carlo as values with its seed and parameters, and charts the split and the fund's fan", () => {
    const values = plan.blocks.filter((b) => b.role === "label").flatMap((b) => b.cells.flat());
    expect(values).toContain("Seed");
    expect(values).toContain(11);
    expect(values).toContain(mc.fund.balance.p95[35]! / 100);
    expect(plan.charts.map((c) => c.kind)).toEqual(["columnStacked", "line", "line"]);
    expect(bare.charts.map((c) => c.kind)).toEqual(["columnStacked", "line"]);
    const split = plan.charts[0]!;
    expect(split.dataRange).toBe(`${at(1, L.headerRow)}:${at(1 + FEE_BUCKETS.length, L.lastMonthRow)}`);
    const header = plan.blocks.find((b) => b.at === at(1, L.headerRow))!.cells[0]!;
    expect(header.slice(0, 1 + FEE_BUCKETS.length)).toEqual(["Month", ...FEE_BUCKETS.map((b) => b.name)]);
    // Scenario revenues: every scenario column is a series, the months are the categories.
    const scenarios = plan.charts[1]!;
    expect(scenarios.dataRange).toBe(`${at(L.scenarioColumns[0]!, L.headerRow)}:${at(L.scenarioColumns.at(-1)!, L.lastMonthRow)}`);
    expect(scenarios.categories).toBe(`${at(1, L.firstMonthRow)}:${at(1, L.lastMonthRow)}`);
    expect(header.slice(L.scenarioColumns[0]! - 1, L.scenarioColumns.at(-1)!)).toEqual(SCENARIOS.map((s) => s.name));
    const fan = plan.charts[2]!;
    const fanTop = parseCell(fan.dataRange.split(":")[0]!).row;
    const fanHeader = plan.blocks.find((b) => b.at === at(1, fanTop))!.cells[0]!;
    expect(fanHeader.slice(0, 4)).toEqual(["Month", "Fund balance P5", "Fund balance P50", "Fund balance P95"]);
  });
});

// ---------------------------------------------------------------- the sheet computes what the core computes

interface SheetCase {
  readonly scenario: ScenarioKind;
  readonly stage: string;
  readonly revenue: number;
  readonly growth: number;
  readonly shockSize: number;
  readonly shockStart: number;
  readonly shockLength: number;
  readonly recovery: number;
  readonly decline: number;
  readonly fastGrowth: number;
  readonly caps: Readonly<Record<string, number | null>>;
  readonly floors: Readonly<Record<string, number | null>>;
  readonly fundStart: number;
  readonly fundMin: number;
  readonly claimMonth: number | null;
  readonly claimAmount: number;
  /** The rules, fund target and stage changes (sheet input keys: VolumeShare, TokenVolume, MaxApr, StakedValue, FundTarget, FundTargetShare, Exposure, OverflowTo). */
  readonly rules?: Readonly<Record<string, number | string | null>>;
  readonly schedule?: readonly { readonly fromMonth: number; readonly stage: string }[];
}

/** round(base x r / r0) half up in cents (base when r0 = 0): a driver moved with revenue, as the core computes it. */
function movedCents(baseCents: number, r: number, r0: number): number {
  if (r0 === 0) return baseCents;
  const p = BigInt(baseCents) * BigInt(r);
  return Number(p / BigInt(r0) + (2n * (p % BigInt(r0)) >= BigInt(r0) ? 1n : 0n));
}

/** The core's path of the last compare(), for the cases that check which rules bound. */
let lastPath: ReturnType<typeof runPath> | undefined;

/** Types the case into the sheet and reads the table back; runs the core on the same inputs. Returns the sheet's revenue in cents. */
function compare(c: SheetCase): number[] {
  const naming = defaultNaming();
  const wb = new Workbook(buildModelPlan({ ...DEFAULT_INPUTS, stage: c.stage, revenue: c.revenue }, naming));
  const sheet = naming.sheets.stressTest;
  const set = (key: string, v: number | string | null): void => wb.set(sheet, L.inputs[key]!, v);
  set("Growth", c.growth); set("ShockSize", c.shockSize); set("ShockStart", c.shockStart); set("ShockLength", c.shockLength);
  set("Recovery", c.recovery); set("Decline", c.decline); set("FastGrowth", c.fastGrowth);
  set("Scenario", SCENARIOS.find((s) => s.kind === c.scenario)!.name);
  for (const b of FEE_BUCKETS) {
    if (b.constraint === "cap") set(`${b.name}Cap`.replace(/^./, (x) => x.toUpperCase()), c.caps[b.id] ?? null);
    if (b.constraint === "floor") set(`${b.name}Floor`.replace(/^./, (x) => x.toUpperCase()), c.floors[b.id] ?? null);
  }
  set("FundStart", c.fundStart); set("FundMin", c.fundMin); set("ClaimMonth", c.claimMonth); set("ClaimAmount", c.claimAmount);
  for (const [k, v] of Object.entries(c.rules ?? {})) set(k, v);
  (c.schedule ?? []).forEach((x, i) => { set(`Stage${i + 2}From`, x.fromMonth); set(`Stage${i + 2}`, x.stage); });

  const params = { start: c.revenue, months: STRESS_MONTHS, decline: c.decline, shockSize: c.shockSize, shockStart: c.shockStart, shockLength: c.shockLength, recoveryMonths: c.recovery };
  const computedKinds = SCENARIOS.filter((s) => s.kind !== "custom").map((s) => s.kind);
  const growthOf = (kind: ScenarioKind): number => (kind === "growth" ? c.fastGrowth : c.growth);
  const scenarios = computedKinds.map((kind) => scenarioRevenues(kind, { ...params, growth: growthOf(kind) }));
  const cents = (v: unknown): number => Math.round(Number(v) * 100);
  const columns = new Map(SCENARIOS.map((s, i) => [s.kind as ScenarioKind,
    Array.from({ length: STRESS_MONTHS }, (_, t) => cents(wb.get(sheet, at(L.scenarioColumns[i]!, L.firstMonthRow + t))))]));
  const column = (kind: ScenarioKind): number[] => columns.get(kind)!;
  const sheetRevenue = Array.from({ length: STRESS_MONTHS }, (_, t) => cents(wb.get(sheet, at(L.revenueColumn, L.firstMonthRow + t))));

  // Scenario columns: the core's exact cents. A spreadsheet rounds the power in
  // floating point and ROUND looks at 15 significant digits, so where the exact
  // value sits within that reach of a half cent the sheet may take the other
  // neighbour; nothing else may differ.
  computedKinds.forEach((kind, s) => {
    column(kind).forEach((sheetCents, t) => {
      const core = scenarios[s]![t]!;
      if (sheetCents === core) return;
      const exact = exactScenarioCents(kind, c, t);
      const fromTie = exact.minus(exact.floor()).minus(0.5).abs();
      expect({ kind, t, sheetCents, core, offByOne: Math.abs(sheetCents - core) === 1, nearTie: fromTie.lte(exact.abs().times(1e-14)) })
        .toEqual({ kind, t, sheetCents, core, offByOne: true, nearTie: true });
    });
  });
  // The custom column starts as the base path at the plan's default growth; the revenue used is the chosen column.
  expect(column("custom")).toEqual(scenarioRevenues("base", { ...params, growth: 0.01 }));
  expect(sheetRevenue).toEqual(column(c.scenario));

  // Rule drivers: the core's rounding of driver x revenue(t) / revenue(0), but for a spreadsheet's ROUND at a half-cent tie.
  const rule = (k: string): number | null => (typeof c.rules?.[k] === "number" ? (c.rules[k] as number) : null);
  const driverColumn = (col: number): number[] => Array.from({ length: STRESS_MONTHS }, (_, t) => cents(wb.get(sheet, at(col, L.firstMonthRow + t))));
  const drivers = { TokenVolume: L.ruleColumns.tokenVolume, StakedValue: L.ruleColumns.stakedValue } as const;
  const driven: Record<string, number[]> = {};
  for (const [key, colNo] of Object.entries(drivers)) {
    const rate = key === "TokenVolume" ? rule("VolumeShare") : rule("MaxApr");
    const base = rule(key);
    const column = driverColumn(colNo);
    if (rate === null || base === null) { expect(column.every((x) => x === 0)).toBe(true); continue; }
    column.forEach((x, t) => {
      const exact = movedCents(Math.round(base * 100), sheetRevenue[t]!, sheetRevenue[0]!);
      if (x !== exact) expect({ key, t, offByOne: Math.abs(x - exact) }).toEqual({ key, t, offByOne: 1 });
    });
    driven[key] = column.map((x) => x / 100);
  }
  const capAmount = (id: string): number | undefined => (c.caps[id] ?? undefined) as number | undefined;
  const caps: Record<string, unknown> = { ...c.caps };
  if (driven.TokenVolume) caps.buyback = { volumeShare: rule("VolumeShare")!, volume: driven.TokenVolume, ...(capAmount("buyback") !== undefined ? { amount: capAmount("buyback") } : {}) };
  if (driven.StakedValue) caps.stakers = { yieldCap: rule("MaxApr")!, stakedValue: driven.StakedValue, ...(capAmount("stakers") !== undefined ? { amount: capAmount("stakers") } : {}) };
  // The fund target: the exposure column is on the sheet as the target it implies; the core gets the same exposure path.
  let target: unknown;
  if (rule("FundTargetShare") !== null && rule("Exposure") !== null) {
    const exposure = sheetRevenue.map((R) => movedCents(Math.round(rule("Exposure")! * 100), R, sheetRevenue[0]!) / 100);
    target = { share: rule("FundTargetShare")!, exposure, ...(rule("FundTarget") !== null ? { amount: rule("FundTarget")! } : {}) };
  } else if (rule("FundTarget") !== null) {
    target = rule("FundTarget")!;
  }
  const overflowTo = typeof c.rules?.OverflowTo === "string" ? FEE_BUCKETS.find((b) => b.name === c.rules!.OverflowTo)!.id : "buyback";

  // Split and fund: exactly the core's on the revenue the sheet holds.
  const path = runPath({
    revenueCents: sheetRevenue,
    stage: c.schedule && c.schedule.length > 0 ? [{ fromMonth: 0, stage: c.stage }, ...c.schedule] : c.stage,
    caps: caps as never, floors: c.floors,
    fund: {
      startBalance: c.fundStart, minBalance: c.fundMin, ...(target !== undefined ? { target: target as never, overflowTo } : {}),
      claims: c.claimMonth === null ? [] : [{ month: c.claimMonth, amount: c.claimAmount }],
    },
  });
  for (let t = 0; t < STRESS_MONTHS; t++) {
    const r = L.firstMonthRow + t;
    const row = {
      split: L.amountColumns.map((k) => cents(wb.get(sheet, at(k, r)))),
      balance: cents(wb.get(sheet, at(L.fundColumns.balance, r))),
      paid: cents(wb.get(sheet, at(L.fundColumns.paid, r))),
      uncovered: cents(wb.get(sheet, at(L.fundColumns.uncovered, r))),
      check: wb.get(sheet, at(L.checkColumn, r)),
      bound: wb.get(sheet, at(L.boundColumn, r)),
      stage: wb.get(sheet, at(L.ruleColumns.stage, r)),
      target: wb.get(sheet, at(L.ruleColumns.fundTarget, r)),
      overflow: cents(wb.get(sheet, at(L.ruleColumns.overflow, r))),
    };
    const m = path.months[t]!;
    const boundText = FEE_BUCKETS.flatMap((b, j) => (m.bound[j] ? [`${b.name} ${m.bound[j]}.`] : [])).join(" ");
    expect({ t, ...row }).toEqual({
      t,
      split: m.cents,
      balance: m.insuranceBalanceCents,
      paid: m.coveredCents,
      uncovered: m.uncoveredCents,
      check: "OK",
      bound: boundText,
      stage: m.stage,
      target: m.targetCents === null ? "" : m.targetCents / 100,
      overflow: m.overflowCents,
    });
  }
  lastPath = path;
  return sheetRevenue;
}

/** The scenario's value in month t, in cents, before any rounding (the test's own statement of each shape). */
function exactScenarioCents(kind: ScenarioKind, c: SheetCase, t: number): Decimal {
  const start = new Decimal(Math.round(c.revenue * 100));
  const one = new Decimal(1);
  if (kind === "decline") return start.times(one.minus(c.decline).pow(t));
  if (kind === "growth") return start.times(one.plus(c.fastGrowth).pow(t));
  const base = start.times(one.plus(c.growth).pow(t));
  return kind === "shock" ? base.times(shockFactor(t, new Decimal(c.shockSize), c.shockStart, c.shockLength, c.recovery)) : base;
}

describe("the Stress Test sheet computes what the core computes", () => {
  it("for the default inputs (shock scenario, growth stage, no limits)", () => {
    compare({
      scenario: "shock", stage: "growth", revenue: 10_000_000, growth: 0.01, shockSize: 0.6, shockStart: 12, shockLength: 6, recovery: 6,
      decline: 0.02, fastGrowth: 0.08, caps: {}, floors: {}, fundStart: 5_000_000, fundMin: 3_000_000, claimMonth: 18, claimAmount: 15_000_000,
    });
  });

  it("with caps and a floor that bind, on an exact tie of remainders", () => {
    // Growth, revenue 21.70, buyback cap 2.17, insurance floor 6.51: stakers 661.5 and insurance 850.5 tie; the earlier bucket takes the cent.
    compare({
      scenario: "base", stage: "growth", revenue: 21.7, growth: 0, shockSize: 0.6, shockStart: 12, shockLength: 6, recovery: 6,
      decline: 0.02, fastGrowth: 0.08, caps: { buyback: 2.17 }, floors: { insurance: 6.51 }, fundStart: 0, fundMin: 0, claimMonth: null, claimAmount: 0,
    });
  });

  it("where the exact fast-growth revenue sits a hair under a half cent (the spreadsheet's ROUND takes the upper cent)", () => {
    // 49,999,999.69 x 1.143^28 = 2,109,912,537.0649986 exactly: the core says .06, a spreadsheet .07; the split follows the sheet's revenue.
    const revenue = compare({
      scenario: "growth", stage: "early", revenue: 49_999_999.69, growth: 0, shockSize: 0, shockStart: 0, shockLength: 0, recovery: 0,
      decline: 0, fastGrowth: 0.143, caps: {}, floors: {}, fundStart: 0, fundMin: 0, claimMonth: null, claimAmount: 0,
    });
    expect(scenarioRevenues("growth", { start: 49_999_999.69, months: STRESS_MONTHS, growth: 0.143 })[28]).toBe(210_991_253_706);
    expect(revenue[28]).toBe(210_991_253_707);
  });

  it("with the volume and APR rules binding, the fund at its target with overflow, and a stage schedule", () => {
    compare({
      scenario: "growth", stage: "early", revenue: 2_000_000, growth: 0.01, shockSize: 0.6, shockStart: 12, shockLength: 6, recovery: 6,
      decline: 0.02, fastGrowth: 0.06, caps: { discount: 900_000 }, floors: { insurance: 150_000 }, fundStart: 100_000, fundMin: 1_000_000, claimMonth: 20, claimAmount: 6_000_000,
      rules: { VolumeShare: 0.05, TokenVolume: 9_000_000, MaxApr: 0.08, StakedValue: 60_000_000, FundTarget: 4_000_000, OverflowTo: "Discount" },
      schedule: [{ fromMonth: 6, stage: "growth" }, { fromMonth: 18, stage: "mature" }],
    });
    const bound = (p: NonNullable<typeof lastPath>, j: number): number => p.months.filter((m) => m.bound[j] === "cap").length;
    const p1 = lastPath!;
    // Both rules bind, the fund reaches its target and overflows, and all three stages are used.
    expect(bound(p1, 0)).toBeGreaterThan(0);
    expect(bound(p1, 1)).toBeGreaterThan(0);
    expect(p1.totals.overflowCents).toBeGreaterThan(0);
    expect(new Set(p1.months.map((m) => m.stage))).toEqual(new Set(["early", "growth", "mature"]));
    // The same with the target as a share of exposure (and an amount: the lower binds), overflow to the stakers, an amount cap beside the volume rule.
    compare({
      scenario: "shock", stage: "growth", revenue: 3_333_333.33, growth: 0.02, shockSize: 0.5, shockStart: 10, shockLength: 4, recovery: 3,
      decline: 0.02, fastGrowth: 0.06, caps: { buyback: 700_000 }, floors: {}, fundStart: 0, fundMin: 500_000, claimMonth: null, claimAmount: 0,
      rules: { VolumeShare: 0.0275, TokenVolume: 40_000_000, FundTargetShare: 0.05, Exposure: 50_000_000, FundTarget: 3_000_000, OverflowTo: "Stakers" },
      schedule: [{ fromMonth: 24, stage: "mature" }],
    });
    expect(lastPath!.totals.overflowCents).toBeGreaterThan(0);
    expect(lastPath!.months.filter((m) => m.bound[0] === "cap").length).toBeGreaterThan(0);
  });

  it("for random scenarios, stages, caps, floors and claims", () => {
    const amount = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);
    const caseArb: fc.Arbitrary<SheetCase> = fc.record({
      scenario: fc.constantFrom<ScenarioKind>("base", "shock", "decline", "growth", "custom"),
      stage: fc.constantFrom("early", "growth", "mature"),
      revenue: amount(50_000_000),
      growth: fc.integer({ min: -50, max: 80 }).map((x) => x / 1000),
      shockSize: fc.integer({ min: 0, max: 100 }).map((x) => x / 100),
      shockStart: fc.integer({ min: 0, max: 35 }),
      shockLength: fc.integer({ min: 0, max: 12 }),
      recovery: fc.integer({ min: 0, max: 12 }),
      decline: fc.integer({ min: 0, max: 100 }).map((x) => x / 1000),
      fastGrowth: fc.integer({ min: 0, max: 150 }).map((x) => x / 1000),
      caps: fc.record(Object.fromEntries(FEE_BUCKETS.filter((b) => b.constraint === "cap").map((b) => [b.id, fc.option(amount(20_000_000), { nil: null })]))),
      floors: fc.record(Object.fromEntries(FEE_BUCKETS.filter((b) => b.constraint === "floor").map((b) => [b.id, fc.option(amount(5_000_000), { nil: null })]))),
      fundStart: amount(10_000_000),
      fundMin: amount(10_000_000),
      claimMonth: fc.option(fc.integer({ min: 0, max: 35 }), { nil: null }),
      claimAmount: amount(50_000_000),
      rules: fc.record({
        VolumeShare: fc.option(fc.integer({ min: 0, max: 2000 }).map((x) => x / 10_000), { nil: null }),
        TokenVolume: fc.option(amount(900_000_000), { nil: null }),
        MaxApr: fc.option(fc.integer({ min: 0, max: 300 }).map((x) => x / 1000), { nil: null }),
        StakedValue: fc.option(amount(2_000_000_000), { nil: null }),
        FundTarget: fc.option(amount(30_000_000), { nil: null }),
        FundTargetShare: fc.option(fc.integer({ min: 0, max: 300 }).map((x) => x / 1000), { nil: null }),
        Exposure: fc.option(amount(500_000_000), { nil: null }),
        OverflowTo: fc.constantFrom("Buyback", "Stakers", "Discount"),
      }),
      schedule: fc.uniqueArray(fc.integer({ min: 1, max: 35 }), { maxLength: 3 }).chain((months) =>
        fc.array(fc.constantFrom("early", "growth", "mature"), { minLength: months.length, maxLength: months.length })
          .map((stages) => [...months].sort((a, b) => a - b).map((fromMonth, i) => ({ fromMonth, stage: stages[i]! })))),
    }).map((c) => {
      // A fixed target below the minimum is refused by the core (the sheet lifts it to the minimum): keep it at or above.
      const t = c.rules!.FundTarget;
      return typeof t === "number" && t < c.fundMin ? { ...c, rules: { ...c.rules, FundTarget: c.fundMin } } : c;
    });
    fc.assert(fc.property(caseArb, (c) => { compare(c); }), { numRuns: 25 });
  });
});
