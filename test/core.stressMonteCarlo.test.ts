import {
  monteCarlo, MAX_SIMULATED_CENTS, nearestRank, PathRng, runPath,
  type Band, type MonteCarloParams, type MonteCarloResult, type PathResult, type Spread,
} from "../src/stress";
import { FEE_BUCKETS, MAX_CENTS } from "../src";
import { failure } from "./helpers/tokenError";

/*
 * The Monte Carlo's per-path bookkeeping checked against an independent
 * oracle: each path's revenue is the documented walk
 * r(t) = round(r(t-1) * exp(ln(1 + growth) - sigma^2/2 + sigma * Z) * jump),
 * drawn from PathRng seeded with (seed, path) (one normal, then one uniform
 * for the jump when jumps are on), and every month of it is runPath's.
 * The statistics are then recomputed from those paths by sorting.
 */

type Params = MonteCarloParams & { readonly revenue: number };

/** Path i's revenue in cents, month by month. */
function walk(p: Params, i: number): number[] {
  const rng = new PathRng().seed(p.seed, i);
  const sigma = p.volatility;
  const step = Math.log(1 + (p.growth ?? 0)) - (sigma * sigma) / 2;
  const jumpP = p.jumps?.probability ?? 0;
  const out = [Math.round(p.revenue * 100)];
  for (let t = 1; t < p.months; t++) {
    let f = Math.exp(step + sigma * rng.normal());
    if (jumpP > 0 && rng.uniform() < jumpP) f *= 1 + p.jumps!.size;
    out.push(Math.round(out[t - 1]! * f));
  }
  return out;
}

/** Jumps taken by path i (same draws as walk). */
function jumpsTaken(p: Params, i: number): number {
  const rng = new PathRng().seed(p.seed, i);
  let k = 0;
  for (let t = 1; t < p.months; t++) {
    rng.normal();
    if (rng.uniform() < p.jumps!.probability) k++;
  }
  return k;
}

/** Every path through runPath (fixed limits only, so nothing moves with revenue and both resolve the same). */
function paths(p: Params): { revenue: number[][]; runs: PathResult[] } {
  const { revenue: _r, growth: _g, volatility: _v, months: _m, paths: n, seed: _s, jumps: _j, bindThreshold: _b, ...settings } = p;
  const revenue = Array.from({ length: n }, (_, i) => walk(p, i));
  return { revenue, runs: revenue.map((revenueCents) => runPath({ ...settings, revenueCents })) };
}

/** Nearest-rank P5/P50/P95 by sorting, the mean summed in path order. */
function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[nearestRank(q, values.length) - 1]!;
  return { p5: at(5), p50: at(50), p95: at(95), mean: values.reduce((a, b) => a + b, 0) / values.length };
}
function bandOf(perPath: readonly (readonly number[])[], months: number): Band {
  const s = Array.from({ length: months }, (_, t) => spreadOf(perPath.map((v) => v[t]!)));
  return { p5: s.map((x) => x.p5), p50: s.map((x) => x.p50), p95: s.map((x) => x.p95), mean: s.map((x) => x.mean) };
}
const share = (flags: readonly boolean[]): number => flags.filter(Boolean).length / flags.length;
const perMonthShare = (runs: readonly PathResult[], months: number, test: (r: PathResult, t: number) => boolean): number[] =>
  Array.from({ length: months }, (_, t) => share(runs.map((r) => test(r, t))));

/** The whole expected result's figures from the oracle paths. */
function expected(p: Params, kind: { caps: readonly string[]; floors: readonly string[] }) {
  const { revenue, runs } = paths(p);
  const M = p.months;
  const threshold = p.bindThreshold ?? 0.5;
  const limit = (bucket: string, what: "cap" | "floor") => {
    const j = FEE_BUCKETS.findIndex((b) => b.id === bucket);
    const bindShare = perMonthShare(runs, M, (r, t) => r.months[t]!.bound[j] === what);
    return {
      bucket,
      bindShare,
      bindingMonths: bindShare.flatMap((s, t) => (s > threshold ? [t] : [])),
      anyMonthShare: share(runs.map((r) => r.months.some((m) => m.bound[j] === what))),
    };
  };
  return {
    revenue: bandOf(revenue, M),
    monthly: FEE_BUCKETS.map((_, j) => bandOf(runs.map((r) => r.months.map((m) => m.cents[j]!)), M)),
    cumulative: FEE_BUCKETS.map((_, j) => spreadOf(runs.map((r) => r.totals.cents[j]!))),
    balance: bandOf(runs.map((r) => r.months.map((m) => m.insuranceBalanceCents)), M),
    belowMinShare: perMonthShare(runs, M, (r, t) => r.months[t]!.belowMinBalance),
    belowMinAnyShare: share(runs.map((r) => r.totals.monthsBelowMin > 0)),
    uncoveredShare: perMonthShare(runs, M, (r, t) => r.months[t]!.uncoveredCents > 0),
    uncoveredAnyShare: share(runs.map((r) => r.totals.uncoveredCents > 0)),
    uncoveredTotal: spreadOf(runs.map((r) => r.totals.uncoveredCents)),
    overflowShare: perMonthShare(runs, M, (r, t) => r.months[t]!.overflowCents > 0),
    overflowAnyShare: share(runs.map((r) => r.totals.overflowCents > 0)),
    overflowTotal: spreadOf(runs.map((r) => r.totals.overflowCents)),
    caps: kind.caps.map((b) => limit(b, "cap")),
    floors: kind.floors.map((b) => limit(b, "floor")),
    runs,
  };
}

function expectMatches(mc: MonteCarloResult, e: ReturnType<typeof expected>): void {
  expect(mc.revenue).toEqual(e.revenue);
  expect(mc.monthly).toEqual(e.monthly);
  expect(mc.cumulative).toEqual(e.cumulative);
  expect(mc.fund.balance).toEqual(e.balance);
  expect(mc.fund.belowMinShare).toEqual(e.belowMinShare);
  expect(mc.fund.belowMinAnyShare).toBe(e.belowMinAnyShare);
  expect(mc.fund.uncoveredShare).toEqual(e.uncoveredShare);
  expect(mc.fund.uncoveredAnyShare).toBe(e.uncoveredAnyShare);
  expect(mc.fund.uncoveredTotal).toEqual(e.uncoveredTotal);
  expect(mc.fund.overflowShare).toEqual(e.overflowShare);
  expect(mc.fund.overflowAnyShare).toBe(e.overflowAnyShare);
  expect(mc.fund.overflowTotal).toEqual(e.overflowTotal);
  expect(mc.caps).toEqual(e.caps);
  expect(mc.floors).toEqual(e.floors);
}

// 130 paths: two full buffers of 64 and a partial one. Fixed caps on stakers (j = 1) and discount (j = 3), a floor on
// insurance (j = 2), a fund with a minimum, a target (overflow into buyback) and claims in two months.
const RICH: Params = {
  revenue: 1_000_000,
  growth: 0.05,
  volatility: 0.8,
  months: 4,
  paths: 130,
  seed: 11,
  stage: "growth",
  caps: { stakers: 350_000, discount: 250_000 },
  floors: { insurance: 30_000 },
  fund: { startBalance: 350_000, minBalance: 250_000, target: [400_000, 500_000, 5_000_000, 5_000_000], claims: [{ month: 2, amount: 470_000 }, { month: 3, amount: 200_000 }] },
  jumps: { probability: 0.3, size: -0.5 },
};

const RICH_KIND = { caps: ["stakers", "discount"], floors: ["insurance"] };

describe("Monte Carlo paths against runPath of the same revenue walk", () => {
  it("match runPath month by month with jumps, caps, a floor, claims and a fund target, over 130 paths (buffer flushes at 64)", () => {
    const e = expected(RICH, RICH_KIND);
    // The oracle hits every case the counters distinguish: some paths jump and some months do not, limits bind in some
    // paths only, and some paths have two months with uncovered claims or overflow, others one or none.
    const jumps = Array.from({ length: RICH.paths }, (_, i) => jumpsTaken(RICH, i)).reduce((a, b) => a + b, 0);
    expect(jumps).toBeGreaterThan(0);
    expect(jumps).toBeLessThan(RICH.paths * (RICH.months - 1));
    const months = (pred: (m: PathResult["months"][number]) => boolean) => e.runs.map((r) => r.months.filter(pred).length);
    for (const counts of [months((m) => m.uncoveredCents > 0), months((m) => m.overflowCents > 0)]) {
      expect(counts.some((k) => k >= 2)).toBe(true);
      expect(counts.some((k) => k === 1)).toBe(true);
    }
    expect(months((m) => m.uncoveredCents > 0).some((k) => k === 0)).toBe(true);
    expect(e.belowMinAnyShare).toBeGreaterThan(0);
    expect(e.belowMinAnyShare).toBeLessThan(1);
    for (const l of [...e.caps, ...e.floors]) {
      expect(l.anyMonthShare).toBeGreaterThan(0);
      expect(l.anyMonthShare).toBeLessThan(1);
    }
    expect(e.floors[0]!.bindingMonths).toEqual([3]);
    expectMatches(monteCarlo(RICH), e);
  });

  it("without jumps draws no jump uniform: the paths are the plain walk's", () => {
    const p: Params = { ...RICH, jumps: undefined, paths: 3 };
    expectMatches(monteCarlo(p), expected(p, RICH_KIND));
  });

  it("jumps only when the uniform draw is strictly below the probability", () => {
    // Path 0's month-1 jump uniform, used as the probability itself: u < u is false, so no jump.
    const rng = new PathRng().seed(5, 0);
    rng.normal();
    const u = rng.uniform();
    const p: Params = { revenue: 1_000_000, volatility: 0.3, months: 2, paths: 1, seed: 5, stage: "growth", jumps: { probability: u, size: -0.5 } };
    const plain = walk({ ...p, jumps: undefined }, 0);
    expect(monteCarlo(p).revenue.p50).toEqual(plain);
    expect(walk(p, 0)).toEqual(plain);
  });

  it("lists bindingMonths only where the share is strictly above bindThreshold", () => {
    // The threshold set to exactly the floor's month-3 share (117 of 130 paths): month 3 no longer counts.
    const atShare = expected(RICH, RICH_KIND).floors[0]!.bindShare[3]!;
    expect(atShare).toBe(117 / 130);
    const p: Params = { ...RICH, bindThreshold: atShare };
    const mc = monteCarlo(p);
    expect(mc.floors[0]!.bindShare[3]).toBe(atShare);
    expect(mc.floors[0]!.bindingMonths).toEqual([]);
    expectMatches(mc, expected(p, RICH_KIND));
  });

  it("does not count a fund topped up to exactly its minimum as below it", () => {
    // No start balance, minimum 250,000: the insurance floor rises to the shortfall, so month 0 ends at exactly 250,000.
    const p: Params = { revenue: 1_000_000, volatility: 0, months: 1, paths: 1, seed: 1, stage: "growth", fund: { minBalance: 250_000 } };
    const mc = monteCarlo(p);
    expect(mc.fund.balance.p50).toEqual([25_000_000]);
    expect(mc.fund.belowMinShare).toEqual([0]);
    expect(mc.fund.belowMinAnyShare).toBe(0);
    expectMatches(mc, expected(p, { caps: [], floors: [] }));
  });

  it("records the drift ln(1 + growth) and the percentiles used", () => {
    const mc = monteCarlo({ ...RICH, paths: 1 });
    expect(mc.params.drift).toBe(Math.log(1.05));
    expect(mc.params.percentiles).toEqual([5, 50, 95]);
  });
});

describe("which buckets the Monte Carlo reports a cap or floor for", () => {
  const base: Params = { revenue: 1_000_000, volatility: 0.2, months: 4, paths: 2, seed: 3, stage: "growth" };
  const listed = (p: Params) => {
    const mc = monteCarlo(p);
    return { caps: mc.caps.map((c) => c.bucket), floors: mc.floors.map((c) => c.bucket), mc };
  };

  it("lists a cap computed from revenue (fee-rate volume cap) as a cap only", () => {
    // discount: 5% of volume = revenue / 0.5, so 10% of revenue, below its 20% share: it binds every month.
    const { caps, floors, mc } = listed({ ...base, caps: { discount: { volumeShare: 0.05, feeRate: 0.5 } } });
    expect(caps).toEqual(["discount"]);
    expect(floors).toEqual([]);
    expect(mc.caps[0]!.bindShare).toEqual([1, 1, 1, 1]);
  });

  it("lists a cap driven by a staked value moving with revenue as a cap only", () => {
    const { caps, floors } = listed({ ...base, caps: { stakers: { yieldCap: 0.12, stakedValue: 30_000_000 } } });
    expect(caps).toEqual(["stakers"]);
    expect(floors).toEqual([]);
  });

  it("lists a fixed cap of 0 on one bucket (a limit, not an absent one), and only that bucket", () => {
    for (const id of ["stakers", "discount"]) {
      const { caps, floors, mc } = listed({ ...base, caps: { [id]: 0 } });
      expect(caps).toEqual([id]);
      expect(floors).toEqual([]);
      expect(mc.caps[0]!.bindShare).toEqual([1, 1, 1, 1]);
    }
  });

  it("lists only the limited buckets over more months than buckets (each month's row of limits is read for its own bucket)", () => {
    // 9 months and 4 buckets: month t's limit of bucket j sits at t * 4 + j; a misread index there would fall on
    // another bucket's limit (stakers' cap, insurance's floor) and list a bucket without one.
    const { caps, floors, mc } = listed({ ...base, months: 9, caps: { stakers: 100_000 }, floors: { insurance: 1 } });
    expect(caps).toEqual(["stakers"]);
    expect(floors).toEqual(["insurance"]);
    expect(mc.caps[0]!.bindShare).toHaveLength(9);
  });

  it("lists nothing without limits", () => {
    expect(listed(base)).toMatchObject({ caps: [], floors: [] });
  });
});

describe("the revenue bounds of a path", () => {
  it("allows a month of exactly MAX_SIMULATED_CENTS and stops above it, naming the path and month", () => {
    // 9,999,999,999,999.99 grown by 1e-15 rounds to exactly 1e15 cents in month 1.
    const at = monteCarlo({ revenue: "9999999999999.99", growth: 1e-15, volatility: 0, months: 2, paths: 1, seed: 1, stage: "growth" });
    expect(at.revenue.p50).toEqual([999_999_999_999_999, MAX_SIMULATED_CENTS]);
    expect(failure(() => monteCarlo({ revenue: 9_000_000_000_000, growth: 0.5, volatility: 0, months: 2, paths: 2, seed: 1, stage: "growth" }))).toEqual({
      kind: "numberOutOfRange",
      message: "Path 0 reached a monthly revenue above 10000000000000 in month 1: lower the growth, volatility or jump size.",
    });
  });

  it("allows a path whose revenue adds up to exactly MAX_CENTS", () => {
    // Found by search: 10 months of growth 0.000012 from 9,006,712,876,681.72 add up to 2^53 - 1 cents.
    const p: Params = { revenue: 9_006_712_876_681.72, growth: 0.000012, volatility: 0, months: 10, paths: 1, seed: 1, stage: "growth" };
    const revenue = walk(p, 0);
    expect(revenue[0]).toBe(900_671_287_668_172);
    expect(revenue.reduce((a, b) => a + b, 0)).toBe(MAX_CENTS);
    expect(monteCarlo(p).revenue.p50).toEqual(revenue);
  });
});
