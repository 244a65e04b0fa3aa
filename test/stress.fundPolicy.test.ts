import fc from "fast-check";
import { propertyRuns } from "./helpers/propertyRuns";
import { FEE_BUCKETS, resolveShares, splitCents } from "../src";
import { monteCarlo, runPath, type PeriodModel } from "../src/stress";
import { expectTokenError } from "./helpers/tokenError";

/**
 * The article's rules in the stress engine: the buyback cap as a share of
 * the month's traded volume, the staker cap as a maximum APR on staked
 * value (both moving with revenue when asked), and the insurance fund's
 * policy (top-up below the minimum, a target with overflow to a named
 * bucket). A plain reference below restates the policy month by month over
 * the core's reference split (splitCents) in BigInt, and every path must
 * equal it to the cent.
 */
const ids: readonly string[] = FEE_BUCKETS.map((b) => b.id);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const FUND = ids.indexOf("insurance");

/** round(base x r / r0) half up, then floor(x num / den): the driver moved with revenue, and the limit on it. */
function drivenCents(baseCents: number, r: number, r0: number, num: bigint, den: bigint): number {
  let value = BigInt(baseCents);
  if (r0 > 0) {
    const p = BigInt(baseCents) * BigInt(r);
    value = p / BigInt(r0) + (2n * (p % BigInt(r0)) >= BigInt(r0) ? 1n : 0n);
  }
  return Number((value * num) / den);
}

interface PolicyCase {
  readonly revenueCents: readonly number[];
  readonly stage: string;
  readonly volumeShare: number; // in 1/10,000
  readonly volume: number; // cents at month 0
  readonly apr: number; // in 1/1,000
  readonly staked: number; // cents at month 0
  readonly insuranceFloor: number | null;
  readonly start: number;
  readonly min: number;
  readonly targetExtra: number;
  readonly overflowTo: string;
  readonly claims: readonly { month: number; amount: number }[];
}

const caseArb: fc.Arbitrary<PolicyCase> = fc.integer({ min: 1, max: 36 }).chain((months) => fc.record({
  // Month 0 sets the scale the drivers move with; later months from nothing to 10x it.
  revenueCents: fc.tuple(
    fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 50_000_000_00 })),
    fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1000 })), { minLength: months - 1, maxLength: months - 1 }),
  ).map(([r0, ks]) => [r0, ...ks.map((k) => Math.floor((r0 * k) / 100))]),
  stage: fc.constantFrom("early", "growth", "mature"),
  volumeShare: fc.integer({ min: 0, max: 10_000 }),
  volume: fc.integer({ min: 0, max: 5_000_000_000_00 }),
  apr: fc.integer({ min: 0, max: 1000 }),
  staked: fc.integer({ min: 0, max: 20_000_000_000_00 }),
  insuranceFloor: fc.option(fc.integer({ min: 0, max: 5_000_000_00 }), { nil: null }),
  start: fc.integer({ min: 0, max: 20_000_000_00 }),
  min: fc.integer({ min: 0, max: 20_000_000_00 }),
  targetExtra: fc.integer({ min: 0, max: 30_000_000_00 }),
  overflowTo: fc.constantFrom("buyback", "stakers", "discount"),
  claims: fc.array(fc.record({ month: fc.integer({ min: 0, max: months - 1 }), amount: fc.integer({ min: 0, max: 40_000_000_00 }) }), { maxLength: 3 }),
}));

function modelOf(c: PolicyCase): PeriodModel {
  return {
    revenueCents: c.revenueCents,
    stage: c.stage,
    caps: {
      buyback: { volumeShare: c.volumeShare / 10_000, volume: c.volume / 100, withRevenue: true },
      stakers: { yieldCap: c.apr / 1000, stakedValue: c.staked / 100, withRevenue: true },
    },
    floors: c.insuranceFloor === null ? {} : { insurance: c.insuranceFloor / 100 },
    fund: {
      startBalance: c.start / 100, minBalance: c.min / 100, target: (c.min + c.targetExtra) / 100, overflowTo: c.overflowTo,
      claims: c.claims.map((x) => ({ month: x.month, amount: x.amount / 100 })),
    },
  };
}

/** The policy restated plainly over the core's reference split. */
function reference(c: PolicyCase) {
  const shares = resolveShares(c.stage);
  const r0 = c.revenueCents[0]!;
  const target = c.min + c.targetExtra;
  const o = ids.indexOf(c.overflowTo);
  let balance = c.start;
  return c.revenueCents.map((R, t) => {
    const caps: (number | null)[] = ids.map(() => null);
    caps[0] = drivenCents(c.volume, R, r0, BigInt(c.volumeShare), 10_000n);
    caps[1] = drivenCents(c.staked, R, r0, BigInt(c.apr), 12_000n);
    const floors: (number | null)[] = ids.map(() => null);
    if (c.insuranceFloor !== null) floors[FUND] = c.insuranceFloor;
    if (balance < c.min) floors[FUND] = Math.max(floors[FUND] ?? 0, c.min - balance); // top up first
    const cents = [...splitCents(R, shares, { caps, floors }).cents];
    const room = Math.max(0, target - balance);
    const excess = Math.max(0, cents[FUND]! - room);
    const moved = caps[o] === null || caps[o] === undefined ? excess : Math.min(excess, Math.max(0, caps[o]! - cents[o]!));
    cents[FUND]! -= moved;
    cents[o]! += moved;
    const before = balance;
    balance += cents[FUND]!;
    for (const claim of c.claims.filter((x) => x.month === t)) balance -= Math.min(claim.amount, balance);
    return { cents, caps, moved, before, balance };
  });
}

describe("the stress engine's volume and APR caps and the fund policy", () => {
  it("equals the plain restatement month by month, every month summing to its revenue", () => {
    fc.assert(fc.property(caseArb, (c) => {
      const path = runPath(modelOf(c));
      const ref = reference(c);
      path.months.forEach((m, t) => {
        expect({ t, cents: m.cents, overflow: m.overflowCents, balance: m.insuranceBalanceCents, caps: m.capCents.slice(0, 2) })
          .toEqual({ t, cents: ref[t]!.cents, overflow: ref[t]!.moved, balance: ref[t]!.balance, caps: ref[t]!.caps.slice(0, 2) });
        expect(sum(m.cents)).toBe(m.revenueCents);
      });
    }), { numRuns: propertyRuns(300) });
  });

  it("never exceeds a cap, tops up first, sends the overflow to the named bucket, keeps the fund at or under its target and never negative", () => {
    fc.assert(fc.property(caseArb, (c) => {
      const path = runPath(modelOf(c));
      const target = c.min + c.targetExtra;
      const o = ids.indexOf(c.overflowTo);
      let before = c.start;
      for (const m of path.months) {
        m.cents.forEach((x, j) => {
          expect(x).toBeGreaterThanOrEqual(0);
          if (m.capCents[j] !== null) expect(x).toBeLessThanOrEqual(m.capCents[j]!);
        });
        expect(m.targetCents).toBe(target);
        // Top-up first: below the minimum the fund takes the shortfall (or all the revenue) before anything else.
        if (before < c.min) expect(m.inflowCents).toBeGreaterThanOrEqual(Math.min(c.min - before, m.revenueCents));
        if (m.overflowCents > 0) {
          // The inflow stopped at the target, or the overflow bucket reached its cap and the fund kept the rest.
          const oAtCap = m.capCents[o] !== null && m.cents[o] === m.capCents[o];
          expect(before + m.inflowCents === Math.max(target, before) || oAtCap).toBe(true);
        }
        if (m.capCents[o] === null || m.cents[o]! < m.capCents[o]!) {
          expect(before + m.inflowCents).toBeLessThanOrEqual(Math.max(target, before));
        }
        expect(m.insuranceBalanceCents).toBeGreaterThanOrEqual(0);
        before = m.insuranceBalanceCents;
      }
      expect(path.overflowBucket).toBe(c.overflowTo);
      expect(path.totals.overflowCents).toBe(sum(path.months.map((m) => m.overflowCents)));
    }), { numRuns: propertyRuns(300) });
  });

  it("a target as a share of the exposure follows revenue like the caps, and never sits below the minimum", () => {
    const path = runPath({
      revenueCents: [100_000_00, 200_000_00, 50_000_00], stage: "mature",
      fund: { minBalance: 60_000, target: { share: 0.1, exposure: 1_000_000, withRevenue: true }, overflowTo: "discount" },
    });
    // Exposure 1M, 2M, 0.5M -> target 100k, 200k, 50k (under the 60k minimum: the minimum)
    expect(path.months.map((m) => m.targetCents)).toEqual([100_000_00, 200_000_00, 60_000_00]);
    expect(path.overflowBucket).toBe("discount");
  });

  it("the Monte Carlo moves volume and staked value with each path's revenue: a flat path is runPath's, caps scale with a shock", () => {
    const params = {
      revenue: 1_000_000, growth: 0.05, volatility: 0, months: 12, paths: 2, seed: 3, stage: "mature",
      caps: { buyback: { volumeShare: 0.05, volume: 4_000_000 }, stakers: { yieldCap: 0.08, stakedValue: 60_000_000 } },
      fund: { startBalance: 0, minBalance: 500_000, target: 1_500_000 },
    } as const;
    const mc = monteCarlo(params);
    const revenueCents = mc.revenue.p50;
    const path = runPath({
      revenueCents, stage: "mature",
      caps: { buyback: { ...params.caps.buyback, withRevenue: true }, stakers: { ...params.caps.stakers, withRevenue: true } },
      fund: params.fund,
    });
    mc.monthly.forEach((band, j) => expect(band.p50).toEqual(path.months.map((m) => m.cents[j])));
    expect(mc.fund.balance.p50).toEqual(path.months.map((m) => m.insuranceBalanceCents));
    expect(mc.fund.overflowBucket).toBe("buyback");
    expect(mc.fund.overflowAnyShare).toBe(path.totals.overflowCents > 0 ? 1 : 0);
    expect(mc.fund.overflowTotal.p50).toBe(path.totals.overflowCents);
    // The cap in the last month is 5% of 4M x 1.05^11 (as the walk rounds it), not 5% of 4M.
    const last = path.months[11]!;
    expect(last.capCents[0]).toBe(drivenCents(400_000_000, last.revenueCents, revenueCents[0]!, 5n, 100n));
    expect(last.capCents[0]).toBeGreaterThan(20_000_000);
    // Held fixed on request.
    const held = monteCarlo({ ...params, caps: { buyback: { ...params.caps.buyback, withRevenue: false } } });
    held.monthly[0]!.p95.forEach((x) => expect(x).toBeLessThanOrEqual(20_000_000));
  });

  it("says what to fix for a bad rule or policy", () => {
    const base = { revenueCents: [100_00], stage: "growth" };
    expectTokenError(() => runPath({ ...base, fund: { target: 10, overflowTo: "lp" } }), "invalidValue", /no bucket "lp".*buyback, stakers, discount/);
    expectTokenError(() => runPath({ ...base, fund: { target: 10, overflowTo: "insurance" } }), "invalidValue", /cannot go back to insurance/);
    expectTokenError(() => runPath({ ...base, fund: { overflowTo: "buyback" } }), "invalidValue", /no fund target/);
    expectTokenError(() => runPath({ ...base, fund: { target: -5 } }), "numberOutOfRange", /fund target balance is negative/);
    expectTokenError(() => runPath({ ...base, fund: { target: 5, minBalance: 10 } }), "numberOutOfRange", /below the fund minimum/);
    expectTokenError(() => runPath({ ...base, fund: { target: { share: 1.5, exposure: 10 } } }), "numberOutOfRange", /share of exposure.*0 to 1/);
    expectTokenError(() => runPath({ ...base, caps: { stakers: { yieldCap: 1.2, stakedValue: 10 } } }), "numberOutOfRange", /APR.*above 100%/);
    expectTokenError(() => runPath({ ...base, caps: { buyback: { volumeShare: 1.01, volume: 10 } } }), "numberOutOfRange", /more than 100% of volume/);
    expectTokenError(() => runPath({ ...base, caps: { buyback: { volumeShare: 0.1, volume: [10], withRevenue: true } } }), "invalidValue", /one amount \(month 0's\)/);
  });
});
