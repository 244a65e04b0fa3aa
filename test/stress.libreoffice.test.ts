import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { FEE_BUCKETS } from "../src";
import { buildWorkbook } from "../src/export";
import { buildModelPlan, columnLetter, constraintNameBase, DEFAULT_INPUTS, defaultNaming, type SheetPlan } from "../src/plans";
import { buildStressTestPlan, STRESS_MONTHS, STRESS_TEST_LAYOUT as L } from "../src/plans/stressTest";
import { monteCarlo, runPath, scenarioRevenues, SCENARIOS, type MonteCarloParams, type ScenarioKind } from "../src/stress";
import { findSoffice, recalcAll } from "./helpers/libreoffice";
import { badFormulaCells, readSaved, valueAt, type SavedWorkbook } from "./helpers/computed";

/**
 * The Stress Test sheet written to .xlsx, recalculated by headless
 * LibreOffice, read back, and compared month by month with the core's
 * runPath on the same inputs: revenue of every scenario, the split of the
 * chosen one to the cent, the fund, and which limits bound.
 */
const soffice = findSoffice();
if (!soffice) throw new Error("These tests need LibreOffice: install libreoffice-calc-nogui (or set SOFFICE to soffice's path).");

interface Case {
  readonly id: string;
  readonly scenario: ScenarioKind;
  readonly stage: string;
  readonly revenue: number;
  readonly inputs?: Readonly<Record<string, number | string | null>>;
  readonly caps?: Readonly<Record<string, number>>;
  readonly floors?: Readonly<Record<string, number>>;
  readonly custom?: readonly number[];
  /** Rule, fund-target and overflow inputs by sheet key; stage changes after month 0. */
  readonly rules?: Readonly<Record<string, number | string>>;
  readonly schedule?: readonly { readonly fromMonth: number; readonly stage: string }[];
}

/** Sheet defaults (see inputSpecs in src/plans/stressTest.ts) the cases start from. */
const DEFAULTS = { Growth: 0.01, ShockSize: 0.6, ShockStart: 12, ShockLength: 6, Recovery: 6, Decline: 0.02, FastGrowth: 0.08 };

const CASES: readonly Case[] = [
  { id: "defaults", scenario: "shock", stage: "growth", revenue: 10_000_000 },
  {
    id: "tie", scenario: "base", stage: "growth", revenue: 21.7, inputs: { Growth: 0, FundStart: 0, FundMin: 0, ClaimMonth: null },
    caps: { buyback: 2.17 }, floors: { insurance: 6.51 },
  },
  {
    id: "all-limits", scenario: "decline", stage: "mature", revenue: 12_345_678.91, inputs: { Decline: 0.035, FundStart: 1000, FundMin: 2_000_000, ClaimMonth: 20, ClaimAmount: 40_000_000 },
    caps: { buyback: 5_000_000, stakers: 2_000_000.01, discount: 300_000 }, floors: { insurance: 2_500_000 },
  },
  {
    id: "fast-growth", scenario: "growth", stage: "early", revenue: 777.77, inputs: { FastGrowth: 0.15, ClaimMonth: 3, ClaimAmount: 50 },
    caps: { stakers: 1000.01 }, floors: { insurance: 123.45 },
  },
  { id: "custom", scenario: "custom", stage: "mature", revenue: 5000, custom: Array.from({ length: 36 }, (_, t) => Math.round(((t * 7919) % 1000) * 137.31) / 100), floors: { insurance: 400 } },
  {
    id: "shock-recovery", scenario: "shock", stage: "early", revenue: 3_000_000.03,
    inputs: { Growth: 0.023, ShockSize: 0.85, ShockStart: 5, ShockLength: 4, Recovery: 9, ClaimMonth: 9, ClaimAmount: 9_000_000 },
    caps: { buyback: 400_000 }, floors: { insurance: 450_000 },
  },
  {
    // Buyback at most 5% of token volume, stakers at most 8% APR (both moving with revenue), fund topped up to 1M and
    // capped at 4M with the overflow to the discount bucket, stages early -> growth (month 6) -> mature (month 18).
    id: "rules-target-schedule", scenario: "growth", stage: "early", revenue: 2_000_000.03,
    inputs: { FastGrowth: 0.06, FundStart: 100_000, FundMin: 1_000_000, ClaimMonth: 20, ClaimAmount: 6_000_000 },
    caps: { discount: 900_000 }, floors: { insurance: 150_000 },
    rules: { VolumeShare: 0.05, TokenVolume: 9_000_000.07, MaxApr: 0.08, StakedValue: 60_000_000.11, FundTarget: 4_000_000, OverflowTo: "Discount" },
    schedule: [{ fromMonth: 6, stage: "growth" }, { fromMonth: 18, stage: "mature" }],
  },
  {
    // A target as 5% of the exposure (moving with revenue), never above 3M, overflow to the stakers; a buyback amount cap beside its volume rule.
    id: "exposure-target", scenario: "shock", stage: "growth", revenue: 3_333_333.33,
    inputs: { Growth: 0.02, ShockSize: 0.5, ShockStart: 10, ShockLength: 4, Recovery: 3, FundStart: 0, FundMin: 500_000, ClaimMonth: null },
    caps: { buyback: 700_000 },
    rules: { VolumeShare: 0.0275, TokenVolume: 40_000_000.01, FundTargetShare: 0.05, Exposure: 50_000_000.03, FundTarget: 3_000_000, OverflowTo: "Stakers" },
    schedule: [{ fromMonth: 24, stage: "mature" }],
  },
];

const MC: MonteCarloParams = {
  revenue: 10_000_000, growth: 0.01, volatility: 0.25, months: 36, paths: 200, seed: 5, stage: "growth",
  caps: { buyback: 4_000_000 }, floors: { insurance: 900_000 }, fund: { startBalance: 5_000_000, minBalance: 3_000_000 },
};

const work = mkdtempSync(join(tmpdir(), "token-model-stress-lo-"));
const naming = defaultNaming();
const sheet = naming.sheets.stressTest;
const cents = (v: unknown): number => Math.round(Number(v) * 100);

function plansFor(c: Case): SheetPlan[] {
  const inputs = { ...DEFAULT_INPUTS, stage: c.stage, revenue: c.revenue };
  return buildModelPlan(inputs, naming, c.id === "defaults" ? { monteCarlo: { result: monteCarlo(MC), params: MC } } : {});
}

async function writeCase(c: Case): Promise<string> {
  const wb = buildWorkbook(plansFor(c));
  const ws = wb.getWorksheet(sheet)!;
  const set = (key: string, v: number | string | null): void => {
    ws.getCell(L.inputs[key]!).value = v;
  };
  set("Scenario", SCENARIOS.find((s) => s.kind === c.scenario)!.name);
  for (const [k, v] of Object.entries(c.inputs ?? {})) set(k, v);
  for (const [k, v] of Object.entries(c.rules ?? {})) set(k, v);
  (c.schedule ?? []).forEach((x, i) => { set(`Stage${i + 2}From`, x.fromMonth); set(`Stage${i + 2}`, x.stage); });
  for (const b of FEE_BUCKETS) {
    const name = constraintNameBase(b);
    if (name) set(name, (b.constraint === "cap" ? c.caps?.[b.id] : c.floors?.[b.id]) ?? null);
  }
  const customCol = L.scenarioColumns[SCENARIOS.findIndex((s) => s.kind === "custom")]!;
  c.custom?.forEach((v, t) => { ws.getCell(`${columnLetter(customCol)}${L.firstMonthRow + t}`).value = v; });
  const path = join(work, `stress-${c.id}.xlsx`);
  writeFileSync(path, new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer));
  return path;
}

/** What the core says for the case: the path of the chosen scenario, and every scenario's revenue. */
function coreFor(c: Case) {
  const v = { ...DEFAULTS, ClaimMonth: 18 as number | null, ClaimAmount: c.revenue * 1.5, FundStart: c.revenue * 0.5, FundMin: c.revenue * 0.3, ...c.inputs } as Record<string, number | null>;
  const params = {
    start: c.revenue, months: STRESS_MONTHS, growth: v.Growth!, decline: v.Decline!, shockSize: v.ShockSize!,
    shockStart: v.ShockStart!, shockLength: v.ShockLength!, recoveryMonths: v.Recovery!,
  };
  const revenueOf = (kind: ScenarioKind): number[] => {
    // Untouched, the custom column holds the base path at the sheet's default growth, written when the plan was built.
    if (kind === "custom") return c.custom ? scenarioRevenues("custom", { values: c.custom }) : scenarioRevenues("base", { ...params, growth: DEFAULTS.Growth });
    return scenarioRevenues(kind, kind === "growth" ? { ...params, growth: v.FastGrowth! } : params);
  };
  const round2 = (x: number): number => Math.round(x * 100) / 100;
  // The rules as the core takes them: drivers are month 0's and move with the path's revenue.
  const rule = (k: string): number | undefined => (typeof c.rules?.[k] === "number" ? (c.rules[k] as number) : undefined);
  const caps: Record<string, unknown> = { ...c.caps };
  const amount = (id: string) => (c.caps?.[id] !== undefined ? { amount: c.caps[id] } : {});
  if (rule("VolumeShare") !== undefined) caps.buyback = { volumeShare: rule("VolumeShare"), volume: rule("TokenVolume"), withRevenue: true, ...amount("buyback") };
  if (rule("MaxApr") !== undefined) caps.stakers = { yieldCap: rule("MaxApr"), stakedValue: rule("StakedValue"), withRevenue: true, ...amount("stakers") };
  const target = rule("FundTargetShare") !== undefined
    ? { share: rule("FundTargetShare")!, exposure: rule("Exposure")!, withRevenue: true, ...(rule("FundTarget") !== undefined ? { amount: rule("FundTarget") } : {}) }
    : rule("FundTarget");
  const overflowTo = FEE_BUCKETS.find((b) => b.name === c.rules?.OverflowTo)?.id ?? "buyback";
  const path = runPath({
    revenueCents: revenueOf(c.scenario),
    stage: c.schedule ? [{ fromMonth: 0, stage: c.stage }, ...c.schedule] : c.stage,
    caps: caps as never, floors: c.floors ?? {},
    fund: {
      startBalance: round2(v.FundStart!), minBalance: round2(v.FundMin!),
      ...(target !== undefined ? { target, overflowTo } : {}),
      claims: v.ClaimMonth === null ? [] : [{ month: v.ClaimMonth!, amount: round2(v.ClaimAmount!) }],
    },
  });
  return { path, scenarios: SCENARIOS.map((s) => revenueOf(s.kind)) };
}

describe("the Stress Test sheet in LibreOffice", () => {
  const books = new Map<string, SavedWorkbook>();

  beforeAll(async () => {
    const files = await Promise.all(CASES.map(writeCase));
    const out = await recalcAll(files);
    for (const [i, c] of CASES.entries()) books.set(c.id, readSaved(out[i]!));
  }, 240_000);

  it("computes every formula without an error", () => {
    for (const [id, wb] of books) {
      const bad = badFormulaCells(wb).filter((f) => f.sheet === sheet);
      expect({ id, bad: bad.slice(0, 5) }).toEqual({ id, bad: [] });
    }
  });

  it.each(CASES.map((c) => [c.id, c] as const))("%s: every month equals the core's runPath to the cent", (id, c) => {
    const wb = books.get(id)!;
    const { path, scenarios } = coreFor(c);
    const get = (k: number, r: number): unknown => valueAt(wb, sheet, `${columnLetter(k)}${r}`);
    for (let t = 0; t < STRESS_MONTHS; t++) {
      const r = L.firstMonthRow + t;
      const m = path.months[t]!;
      const sheetRow = {
        t,
        revenue: cents(get(L.revenueColumn, r)),
        scenarios: L.scenarioColumns.map((k) => cents(get(k, r))),
        split: L.amountColumns.map((k) => cents(get(k, r))),
        inflow: cents(get(L.fundColumns.inflow, r)),
        claim: cents(get(L.fundColumns.claim, r)),
        paid: cents(get(L.fundColumns.paid, r)),
        uncovered: cents(get(L.fundColumns.uncovered, r)),
        balance: cents(get(L.fundColumns.balance, r)),
        bound: get(L.boundColumn, r),
        check: get(L.checkColumn, r),
        stage: get(L.ruleColumns.stage, r),
        target: get(L.ruleColumns.fundTarget, r),
        overflow: cents(get(L.ruleColumns.overflow, r)),
      };
      expect(sheetRow).toEqual({
        t,
        revenue: m.revenueCents,
        scenarios: scenarios.map((s) => s[t]),
        split: m.cents,
        inflow: m.inflowCents,
        claim: m.claimCents,
        paid: m.coveredCents,
        uncovered: m.uncoveredCents,
        balance: m.insuranceBalanceCents,
        bound: FEE_BUCKETS.flatMap((b, j) => (m.bound[j] ? [`${b.name} ${m.bound[j]}.`] : [])).join(" "),
        check: "OK",
        stage: m.stage,
        target: m.targetCents === null ? "" : m.targetCents / 100,
        overflow: m.overflowCents,
      });
    }
    if (c.rules) {
      // These cases are here to bind: a rule cap, the target's overflow, every stage of the schedule.
      expect(path.months.some((m) => m.bound[0] === "cap" || m.bound[1] === "cap")).toBe(true);
      expect(path.totals.overflowCents).toBeGreaterThan(0);
      expect(new Set(path.months.map((m) => m.stage)).size).toBe((c.schedule?.length ?? 0) + 1);
    }
  });

  it("keeps the Monte Carlo values as written", () => {
    const wb = books.get("defaults")!;
    const result = monteCarlo(MC);
    const cells = [...wb.cells.values()].filter((c) => c.sheet === sheet);
    const seedLabel = cells.find((c) => c.value === "Seed")!;
    const row = Number(/\d+$/.exec(seedLabel.address)![0]);
    expect(valueAt(wb, sheet, `B${row}`)).toBe(MC.seed);
    expect(cells.map((c) => c.value)).toContain(result.fund.balance.p50[35]! / 100);
  });
});
