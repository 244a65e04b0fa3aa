import fc from "fast-check";
import { propertyRuns } from "./helpers/propertyRuns";
import { FEE_BUCKETS, resolveShares, splitCents } from "../src";
import { runPath, scenarioRevenues, SCENARIO_DEFAULTS, type CapRule, type PeriodModel, type StagePath } from "../src/stress";
import { expectTokenError } from "./helpers/tokenError";

const ids: readonly string[] = FEE_BUCKETS.map((b) => b.id);
const capped = FEE_BUCKETS.filter((b) => b.constraint === "cap").map((b) => b.id);
const floored = FEE_BUCKETS.filter((b) => b.constraint === "floor").map((b) => b.id);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);


// ---------------------------------------------------------------- arbitraries

const stageArb = (months: number): fc.Arbitrary<StagePath> => fc.oneof(
  fc.constantFrom("early", "growth", "mature"),
  fc.integer({ min: 0, max: 100 }).map((k) => k / 100),
  fc.uniqueArray(fc.integer({ min: 1, max: months + 3 }), { maxLength: 3 }).chain((starts) =>
    fc.array(fc.constantFrom<StagePath>("early", "growth", "mature", 0.25), { minLength: starts.length + 1, maxLength: starts.length + 1 }).map((stages) => {
      const from = [0, ...[...starts].sort((a, b) => a - b)];
      return from.map((fromMonth, i) => ({ fromMonth, stage: stages[i] as string | number }));
    })),
  fc.record({ from: fc.integer({ min: 0, max: 1000 }), to: fc.integer({ min: 0, max: 1000 }) }).map(({ from, to }) => ({ lifecycle: { from: from / 1000, to: to / 1000 } })),
);

const amountArb = fc.integer({ min: 0, max: 5_000_000_00 }).map((c) => c / 100);

const capRuleArb = (months: number): fc.Arbitrary<CapRule> => fc.oneof(
  amountArb,
  fc.array(amountArb, { minLength: months, maxLength: months }),
  fc.record({ volumeShare: fc.integer({ min: 0, max: 1000 }).map((k) => k / 10000), volume: amountArb.map((a) => a * 50) }),
  fc.record({ volumeShare: fc.integer({ min: 1, max: 1000 }).map((k) => k / 10000), feeRate: fc.integer({ min: 1, max: 100 }).map((k) => k / 10000) }),
  fc.record({ yieldCap: fc.integer({ min: 0, max: 500 }).map((k) => k / 1000), stakedValue: amountArb.map((a) => a * 20) }),
);

const modelArb: fc.Arbitrary<PeriodModel> = fc.integer({ min: 1, max: 40 }).chain((months) => fc.record({
  revenueCents: fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2_000_000_000_00 })), { minLength: months, maxLength: months }),
  stage: stageArb(months),
  caps: fc.record(Object.fromEntries(capped.map((id) => [id, fc.option(capRuleArb(months), { nil: undefined })]))),
  floors: fc.record(Object.fromEntries(floored.map((id) => [id, fc.option(fc.oneof(amountArb, fc.array(amountArb, { minLength: months, maxLength: months })), { nil: undefined })]))),
  fund: fc.record({
    startBalance: amountArb,
    minBalance: amountArb,
    claims: fc.array(fc.record({ month: fc.integer({ min: 0, max: months - 1 }), amount: amountArb.map((a) => a * 3) }).map((c) => ({ month: c.month, amount: c.amount }))
      .chain((c) => fc.constantFrom(c, { month: c.month, fraction: 0.5 })), { maxLength: 4 }),
  }),
}));

// ---------------------------------------------------------------- runPath

describe("runPath", () => {
  it("splits every month exactly: whole cents that sum to the month's revenue, within its caps, up to its floor", () => {
    fc.assert(fc.property(modelArb, (model) => {
      const path = runPath(model);
      expect(path.months).toHaveLength(model.revenueCents!.length);
      for (const m of path.months) {
        expect(sum(m.cents)).toBe(m.revenueCents);
        m.cents.forEach((c, j) => {
          expect(Number.isSafeInteger(c) && c >= 0).toBe(true);
          if (m.capCents[j] != null) expect(c).toBeLessThanOrEqual(m.capCents[j]!);
          if (m.floorCents[j] != null) expect(c).toBeGreaterThanOrEqual(Math.min(m.floorCents[j]!, m.revenueCents));
          if (m.bound[j] === "cap") expect(c).toBe(m.capCents[j]);
        });
      }
      expect(sum(path.totals.cents)).toBe(path.totals.revenueCents);
    }), { numRuns: propertyRuns(300) });
  });

  it("carries the fund: start + inflows - covered claims, never below zero, uncovered = claimed - covered", () => {
    fc.assert(fc.property(modelArb, (model) => {
      const path = runPath(model);
      const fund = ids.indexOf(path.fundBucket);
      let balance = path.totals.startBalanceCents;
      for (const m of path.months) {
        expect(m.inflowCents).toBe(m.cents[fund]);
        expect(m.coveredCents + m.uncoveredCents).toBe(m.claimCents);
        expect(m.coveredCents).toBeLessThanOrEqual(balance + m.inflowCents);
        if (m.uncoveredCents > 0) expect(m.insuranceBalanceCents).toBe(0);
        balance = balance + m.inflowCents - m.coveredCents;
        expect(m.insuranceBalanceCents).toBe(balance);
        expect(balance).toBeGreaterThanOrEqual(0);
        expect(m.belowMinBalance).toBe(balance < path.minBalanceCents);
      }
      const t = path.totals;
      expect(t.endBalanceCents).toBe(t.startBalanceCents + t.inflowCents - t.coveredCents);
      expect(t.inflowCents).toBe(t.cents[fund]);
    }), { numRuns: propertyRuns(300) });
  });

  it("is the core's split month by month (cap, floor and stage as feeSplit takes them)", () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 100_000_000_00 }), { minLength: 1, maxLength: 24 }),
      fc.constantFrom("early", "growth", "mature"), amountArb, amountArb,
      (revenueCents, stage, cap, floor) => {
        const path = runPath({ revenueCents, stage, caps: { buyback: cap }, floors: { insurance: floor } });
        const shares = resolveShares(stage);
        path.months.forEach((m, t) => {
          const core = splitCents(revenueCents[t]!, shares, { caps: [Math.round(cap * 100), null, null, null], floors: [null, null, Math.round(floor * 100), null] });
          expect(m.bound).toEqual(core.bound);
          expect(m.cents).toEqual(core.cents);
        });
      },
    ), { numRuns: propertyRuns(200) });
  });

  it("follows a stage schedule and a life-cycle drift", () => {
    const schedule = runPath({ revenue: new Array(30).fill(1000), stage: [{ fromMonth: 0, stage: "early" }, { fromMonth: 12, stage: "growth" }, { fromMonth: 24, stage: "mature" }] });
    expect(schedule.months.map((m) => m.stage)).toEqual([...new Array(12).fill("early"), ...new Array(12).fill("growth"), ...new Array(6).fill("mature")]);
    expect(schedule.months[0]!.cents).toEqual([15000, 30000, 10000, 45000]);
    expect(schedule.months[12]!.cents).toEqual([40000, 30000, 10000, 20000]);
    const drift = runPath({ revenue: new Array(5).fill(1000), stage: { lifecycle: { from: 0, to: 1 } } });
    expect(drift.months.map((m) => m.stage)).toEqual(["position 0", "position 0.25", "position 0.5", "position 0.75", "position 1"]);
    const slow = runPath({ revenue: new Array(4).fill(1000), stage: { lifecycle: { from: 0.2, to: 0.5, overMonths: 2 } } });
    expect(slow.months.map((m) => m.stage)).toEqual(["position 0.2", "position 0.35", "position 0.5", "position 0.5"]);
    // Same schedule, object form.
    expect(runPath({ revenue: [1, 2], stage: { schedule: [{ fromMonth: 0, stage: "mature" }] } }).months[1]!.stage).toBe("mature");
  });

  it("computes cap rules per month: share of volume, volume from the fee rate, annual yield on staked value", () => {
    const path = runPath({
      revenue: [10_000_000, 20_000_000.01],
      stage: "growth",
      caps: {
        buyback: { volumeShare: 0.0008, feeRate: 0.0025 }, // 0.32 x revenue
        stakers: { yieldCap: 0.1, stakedValue: [1_200_000_000, 600_000_000.05] }, // 10M, then 5M (rounded down)
        discount: { volumeShare: 0.001, volume: 1_234_567_891.23 }, // 1,234,567.89123 -> down to the cent
      },
    });
    expect(path.months.map((m) => m.capCents)).toEqual([
      [320_000_000, 1_000_000_000, null, 123_456_789],
      [640_000_000, 500_000_000, null, 123_456_789],
    ]);
    // Month 0: buyback 4M > 3.2M, capped.
    expect(path.months[0]!.bound[0]).toBe("cap");
    expect(path.months[0]!.cents[0]).toBe(320_000_000);
    // Month 1: buyback 8M > 6.4M and stakers 6M > 5M: both capped.
    expect(path.months[1]!.bound.slice(0, 2)).toEqual(["cap", "cap"]);
  });

  it("pays claims from the fund: a fixed amount, a fraction of the balance (rounded down), and records what it cannot pay", () => {
    const path = runPath({
      revenue: [100, 100, 100, 100],
      stage: "growth", // insurance 10% = 10.00 a month
      fund: {
        startBalance: 50,
        minBalance: 40,
        claims: [{ month: 1, amount: 30 }, { month: 2, fraction: 0.333 }, { month: 3, amount: 1000 }],
      },
    });
    const m = path.months;
    expect(m.map((x) => x.insuranceBalanceCents)).toEqual([6000, 4000, 3335, 0]);
    // Month 2: balance 40 + 10 = 50.00; a third (0.333) of it is 16.65, paid in full.
    expect(m[2]!.claimCents).toBe(1665);
    expect(m[3]!.coveredCents).toBe(4335);
    expect(m[3]!.uncoveredCents).toBe(100_000 - 4335);
    expect(m.map((x) => x.belowMinBalance)).toEqual([false, false, true, true]);
    expect(path.totals.monthsBelowMin).toBe(2);
    expect(path.totals.lowestBalanceCents).toBe(0);
    expect(path.fundBucket).toBe("insurance");
  });

  it("says what to fix when the model is wrong", () => {
    expectTokenError(() => runPath({ revenue: [], stage: "growth" }), "numberOutOfRange", /at least 1 month/);
    expectTokenError(() => runPath({ revenue: [1], revenueCents: [1], stage: "growth" }), "invalidValue", /once/);
    expectTokenError(() => runPath({ revenueCents: [1.5], stage: "growth" }), "invalidValue", /whole cents/);
    expectTokenError(() => runPath({ revenue: [-1], stage: "growth" }), "numberOutOfRange", /negative/);
    expectTokenError(() => runPath({ revenue: [1], stage: "boom" }), "invalidValue", /Unknown stage/);
    expectTokenError(() => runPath({ revenue: [1, 2], stage: [{ fromMonth: 1, stage: "early" }] }), "invalidValue", /start at month 0/);
    expectTokenError(() => runPath({ revenue: [1, 2], stage: [{ fromMonth: 0, stage: "early" }, { fromMonth: 0, stage: "growth" }] }), "invalidValue", /forward/);
    expectTokenError(() => runPath({ revenue: [1], stage: { lifecycle: { from: 0, to: 2 } } }), "numberOutOfRange", /between 0/);
    expectTokenError(() => runPath({ revenue: [1], stage: "growth", caps: { insurance: 5 } }), "invalidValue", /takes no cap/);
    expectTokenError(() => runPath({ revenue: [1], stage: "growth", caps: { treasury: 5 } }), "invalidValue", /no bucket "treasury"/);
    expectTokenError(() => runPath({ revenue: [1, 2], stage: "growth", caps: { buyback: [5] } }), "invalidValue", /gives 1 monthly values; the horizon has 2/);
    expectTokenError(() => runPath({ revenue: [1], stage: "growth", caps: { buyback: { volumeShare: 0.1 } as CapRule } }), "invalidValue", /feeRate/);
    expectTokenError(() => runPath({ revenue: [1], stage: "growth", caps: { buyback: { volumeShare: 0.1, feeRate: 0 } } }), "numberOutOfRange", /fee rate/);
    expectTokenError(() => runPath({ revenue: [1], stage: "growth", caps: { stakers: { yieldCap: -0.1, stakedValue: 5 } } }), "numberOutOfRange", /negative/);
    expectTokenError(() => runPath({ revenue: [1], stage: "growth", fund: { claims: [{ month: 3, amount: 5 }] } }), "numberOutOfRange", /after the last month \(0\)/);
    expectTokenError(() => runPath({ revenue: [1], stage: "growth", fund: { claims: [{ month: 0 }] } }), "invalidValue", /either an amount or a fraction/);
    expectTokenError(() => runPath({ revenue: [1], stage: "growth", fund: { claims: [{ month: 0, fraction: 1.5 }] } }), "numberOutOfRange", /from 0 to 1/);
    expectTokenError(() => runPath({ revenue: [1], stage: "growth", fund: { bucket: "vault" } }), "invalidValue", /no bucket "vault"/);
  });
});

// ---------------------------------------------------------------- scenarios

describe("scenarioRevenues", () => {
  const start = 1_000_000;
  it("base: flat at growth 0, start x (1 + g)^t rounded half up to the cent otherwise", () => {
    expect(scenarioRevenues("base", { start, months: 36 })).toEqual(new Array(36).fill(100_000_000));
    const g = scenarioRevenues("base", { start: 1, months: 4, growth: 0.5 });
    expect(g).toEqual([100, 150, 225, 338]); // 337.5 rounds up
  });

  it("shock: cut by the shock size for its length, back in equal steps, then the base path", () => {
    const p = { start, months: 36, growth: 0.01, shockSize: 0.6, shockStart: 12, shockLength: 6, recoveryMonths: 3 };
    const base = scenarioRevenues("base", p);
    const shock = scenarioRevenues("shock", p);
    shock.forEach((r, t) => {
      if (t < 12 || t >= 21) expect(r).toBe(base[t]);
      else if (t < 18) expect(Math.abs(r - base[t]! * 0.4)).toBeLessThanOrEqual(1);
    });
    // Recovery: 1 - 0.6 x 3/4, x 2/4, x 1/4 of the base.
    expect([18, 19, 20].map((t) => shock[t]! / base[t]!).map((x) => Math.round(x * 1000) / 1000)).toEqual([0.55, 0.7, 0.85]);
    expect(scenarioRevenues("shock", { start, recoveryMonths: 0 })[18]).toBe(100_000_000);
    expect(scenarioRevenues("shock", { start }).length).toBe(SCENARIO_DEFAULTS.months);
  });

  it("slow decline falls and fast growth rises every month; custom is the values given, in cents", () => {
    const decline = scenarioRevenues("decline", { start, months: 24 });
    const growth = scenarioRevenues("growth", { start, months: 24 });
    for (let t = 1; t < 24; t++) {
      expect(decline[t]!).toBeLessThan(decline[t - 1]!);
      expect(growth[t]!).toBeGreaterThan(growth[t - 1]!);
    }
    expect(decline[1]).toBe(98_000_000);
    expect(growth[1]).toBe(108_000_000);
    expect(scenarioRevenues("custom", { values: [1.005, "2,000.10", 0] })).toEqual([101, 200010, 0]);
  });

  it("gives whole cents of the documented shape for any parameters", () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 10_000_000_00 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: -50, max: 100 }), fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }),
      (startCents, months, gPct, sizePct, s, len, rec) => {
        const p = { start: startCents / 100, months, growth: gPct / 1000, shockSize: sizePct / 100, shockStart: Math.min(s, months - 1), shockLength: len, recoveryMonths: rec };
        const base = scenarioRevenues("base", p);
        const shock = scenarioRevenues("shock", p);
        expect(base).toHaveLength(months);
        for (const r of [...base, ...shock]) expect(Number.isSafeInteger(r) && r >= 0).toBe(true);
        shock.forEach((r, t) => expect(r).toBeLessThanOrEqual(base[t]!));
        expect(base[0]).toBe(startCents);
      },
    ), { numRuns: propertyRuns(200) });
  });

  it("says what to fix", () => {
    expectTokenError(() => scenarioRevenues("base", { start, months: -3 }), "numberOutOfRange", /at least 1 month/);
    expectTokenError(() => scenarioRevenues("base", { start, months: 2.5 }), "invalidValue", /whole number/);
    expectTokenError(() => scenarioRevenues("base", { months: 3 }), "invalidValue", /starting monthly revenue/);
    expectTokenError(() => scenarioRevenues("shock", { start, shockStart: 40 }), "numberOutOfRange", /after the last month \(35\)/);
    expectTokenError(() => scenarioRevenues("shock", { start, shockSize: 1.2 }), "numberOutOfRange", /from 0 to 1/);
    expectTokenError(() => scenarioRevenues("decline", { start, decline: -0.1 }), "numberOutOfRange", /decline/);
    expectTokenError(() => scenarioRevenues("custom", {}), "invalidValue", /values/);
    expectTokenError(() => scenarioRevenues("boom" as never, { start }), "invalidValue", /Unknown scenario/);
  });
});
