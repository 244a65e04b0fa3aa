import fc from "fast-check";
import { propertyRuns } from "./helpers/propertyRuns";
import {
  BOUND_CAP, BOUND_FLOOR, ExactSplitter, FEE_BUCKETS, NO_LIMIT, bucketSplit, feeSplit, formatCents, resolveBucketSpec, stageShares,
  type BucketSpec, type FeeSplit,
} from "../src";

const total = (s: FeeSplit): number => s.cents.reduce((a, b) => a + b, 0);

/** The integer splitter on a resolved spec, as TOKEN.SPLIT runs it. */
function fastSplit(revenueCents: number, spec: BucketSpec): { cents: number[]; bound: (string | null)[]; fellBack: boolean } {
  const { shares, limits } = resolveBucketSpec(spec);
  const n = shares.buckets.length;
  const splitter = new ExactSplitter(shares, limits.excessTo);
  const cents = new Float64Array(n);
  const bound = new Int8Array(n);
  splitter.split(revenueCents, Float64Array.from(limits.caps, (c) => c ?? NO_LIMIT), Float64Array.from(limits.floors, (f) => f ?? NO_LIMIT), cents, bound);
  return { cents: Array.from(cents), bound: Array.from(bound, (b) => (b === BOUND_CAP ? "cap" : b === BOUND_FLOOR ? "floor" : null)), fellBack: splitter.fallbacks > 0 };
}

describe("bucketSplit: any named buckets", () => {
  it("gives 0 cents, never -0, to a bucket the floor drains to a hair below zero (a property run's case)", () => {
    const spec: BucketSpec = {
      buckets: ["buyback", "stakers", "insurance"], shares: [34.02777777777778, 54.166666666666664, 11.805555555555555],
      caps: [null, null, null], floors: [null, 0.07, null], excessTo: null,
    };
    const s = bucketSplit(0.07, spec);
    expect(s.cents).toEqual([0, 7, 0]);
    expect(s.cents.some((c) => Object.is(c, -0))).toBe(false);
    expect(fastSplit(7, spec).cents).toEqual(s.cents);
  });

  it("splits a dYdX-like net revenue 25 / 40 / 25 / 10", () => {
    const s = bucketSplit(1_000_000, { buckets: ["buyback", "stakers", "vault", "treasury"], shares: [25, 40, 25, 10] });
    expect(s.cents.map(formatCents)).toEqual(["250000.00", "400000.00", "250000.00", "100000.00"]);
  });

  it("splits a GMX-v2-like fee line 27 / 63 / 10 and a one-bucket split takes everything", () => {
    expect(bucketSplit(100, { buckets: ["stakers", "LPs", "treasury"], shares: [0.27, 0.63, 0.1] }).cents).toEqual([2700, 6300, 1000]);
    expect(bucketSplit(123.45, { buckets: ["all"], shares: [1] }).cents).toEqual([12345]);
  });

  it("sends capped excess to the named bucket instead of pro rata", () => {
    const spec = { buckets: ["buyback", "stakers", "vault", "treasury"], shares: [25, 40, 25, 10], caps: [100_000, null, null, null] };
    const proRata = bucketSplit(1_000_000, spec);
    const toTreasury = bucketSplit(1_000_000, { ...spec, excessTo: "Treasury" });
    expect(proRata.cents.map(formatCents)).toEqual(["100000.00", "480000.00", "300000.00", "120000.00"]);
    expect(toTreasury.cents.map(formatCents)).toEqual(["100000.00", "400000.00", "250000.00", "250000.00"]);
    expect(toTreasury.trace).toEqual([expect.objectContaining({ kind: "cap", bucket: "buyback", to: [{ bucket: "treasury", cents: 15_000_000 }] })]);
  });

  it("once the excess bucket is at its own cap, the rest goes pro rata", () => {
    const s = bucketSplit(1000, { buckets: ["a", "b", "c"], shares: [50, 30, 20], caps: [100, null, 300], excessTo: "c" });
    expect(s.cents).toEqual([10_000, 60_000, 30_000]);
    expect(s.bound).toEqual(["cap", null, "cap"]);
  });

  it.each<[string, BucketSpec, RegExp]>([
    ["an unknown excess bucket", { buckets: ["a", "b"], shares: [50, 50], excessTo: "c" }, /excess_to names "c".*a, b/],
    ["shares of another length", { buckets: ["a", "b"], shares: [100] }, /shares row has 1 values but there are 2 buckets/],
    ["caps of another length", { buckets: ["a", "b"], shares: [50, 50], caps: [1] }, /caps row has 1 values but there are 2 buckets: give one cap per bucket/],
    ["duplicate names", { buckets: ["LPs", "lps"], shares: [50, 50] }, /"lps" appears twice/],
    ["a blank name", { buckets: ["a", " "], shares: [50, 50] }, /Bucket 2 has no name/],
    ["13 buckets", { buckets: Array.from({ length: 13 }, (_, i) => `b${i}`), shares: Array.from({ length: 13 }, () => 1) }, /1 to 12 bucket names; got 13/],
    ["shares off 100%", { buckets: ["a", "b"], shares: [50, 40] }, /sum to 90, not 100%/],
    ["a text share", { buckets: ["a", "b"], shares: [50, "x"] }, /b share must be a number/],
    ["a floor above its cap", { buckets: ["a", "b"], shares: [50, 50], caps: [10, null], floors: [20, null] }, /a floor is above its cap/],
    ["a negative cap", { buckets: ["a", "b"], shares: [50, 50], caps: [-1, null] }, /negative/],
  ])("refuses %s with a message naming the fix", (_, spec, message) => {
    expect(() => bucketSplit(100, spec)).toThrow(message);
  });
});

const names = ["buyback", "stakers", "insurance", "discount", "lps", "treasury", "vault", "operators", "dao", "burn", "grants", "ops"];
const limitArb = fc.option(fc.integer({ min: 0, max: 2_000_000_00 }), { nil: null, freq: 2 });
const specArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    weights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n, maxLength: n }).filter((w) => w.some((x) => x > 0)),
    whole: fc.boolean(),
    caps: fc.array(limitArb, { minLength: n, maxLength: n }),
    floors: fc.array(fc.option(fc.integer({ min: 0, max: 2_000_000_00 }), { nil: null, freq: 4 }), { minLength: n, maxLength: n }),
    excess: fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: null }),
  }).map(({ weights, whole, caps, floors, excess }) => {
    // Floors sit at or below their caps (the spec refuses the other way).
    const fl = floors.map((f, i) => (f !== null && caps[i] !== null && f > caps[i]! ? caps[i] : f));
    const sum = weights.reduce((a, b) => a + b, 0);
    return {
      buckets: names.slice(0, n),
      // Whole percentages (the integer path) or computed ones (often the Decimal path).
      shares: whole ? wholePercents(weights) : weights.map((w) => (w * 100) / sum),
      caps: caps.map((c) => (c === null ? null : c / 100)),
      floors: fl.map((f) => (f == null ? null : f / 100)),
      excessTo: excess === null ? null : names[excess]!,
    } satisfies BucketSpec;
  }));
/** Weights as whole percentages summing to exactly 100 (largest remainder). */
function wholePercents(weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const base = weights.map((w) => Math.floor((w * 100) / sum));
  let left = 100 - base.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % base.length) if (weights[i]! > 0) { base[i]! += 1; left--; }
  return base;
}
const revenueArb = fc.integer({ min: 0, max: 5_000_000_00 });

/** The spec's shares are computed (w * 100 / sum): they round to short decimals only sometimes, so both paths are exercised. */
describe("bucketSplit properties (fast-check)", () => {
  const run = (revenueCents: number, spec: BucketSpec): FeeSplit | null => {
    try {
      return bucketSplit(revenueCents / 100, spec);
    } catch (e) {
      // The only refusals for valid specs: every bucket capped below the revenue, or shares that do not sum to 100% after float division.
      expect(String(e)).toMatch(/Every bucket is at its cap|not 100%/);
      return null;
    }
  };

  it("sums exactly to the revenue, never exceeds a cap, meets floors first, and sends excess where asked", () => {
    fc.assert(fc.property(revenueArb, specArb, (rev, spec) => {
      const s = run(rev, spec);
      if (s === null) return;
      expect(total(s)).toBe(rev);
      s.cents.forEach((c, i) => {
        expect(c).toBeGreaterThanOrEqual(0);
        const cap = spec.caps[i];
        if (cap != null) expect(c).toBeLessThanOrEqual(Math.round(cap * 100));
      });
      // Floors first: a floored bucket holds at least min(floor, revenue) unless another floor took the revenue before it.
      const floored = spec.floors.map((f, i) => ({ f, i })).filter(({ f }) => f != null);
      if (floored.length === 1) {
        const { f, i } = floored[0]!;
        expect(s.cents[i]).toBeGreaterThanOrEqual(Math.min(Math.round(f! * 100), rev));
      }
      // Excess where asked: with a named excess bucket not at its own cap, every other open bucket keeps its floored share.
      if (spec.excessTo !== null && s.bound[names.indexOf(spec.excessTo)] !== "cap" && floored.length === 0) {
        const plain = bucketSplit(rev / 100, { buckets: spec.buckets, shares: spec.shares });
        s.cents.forEach((c, i) => {
          if (s.bound[i] === null && spec.buckets[i] !== spec.excessTo) expect(Math.abs(c - plain.cents[i]!)).toBeLessThanOrEqual(1);
        });
      }
    }), { numRuns: propertyRuns(2000) });
  });

  it("the integer splitter equals the Decimal reference to the cent and in what bound", () => {
    const runs = propertyRuns(2000);
    let excessInIntegers = 0;
    fc.assert(fc.property(revenueArb, specArb, (rev, spec) => {
      const s = run(rev, spec);
      if (s === null) return;
      const fast = fastSplit(rev, spec);
      expect(fast.cents).toEqual(s.cents);
      expect(fast.bound).toEqual(s.bound);
      if (spec.excessTo !== null && s.bound.includes("cap") && !fast.fellBack) excessInIntegers++;
      // A mutation run's 100 cases hit the excess rule only a few times: a fixed seed there keeps the guard below from failing by chance.
    }), { numRuns: runs, ...(process.env.TOKEN_MUTATION_RUN ? { seed: 20261206 } : {}) });
    // The excess-to rule really ran in integers, not only through the Decimal fallback
    // (more than 5 times in 2,000 cases; at least once in the 100 of a mutation run).
    expect(excessInIntegers).toBeGreaterThan(Math.floor(runs / 400));
  });

  it("with the four standard buckets, equals feeSplit (any stage, caps on buyback/stakers/discount, insurance floor)", () => {
    const stageArb = fc.constantFrom("early", "growth", "mature");
    const cap = fc.option(fc.integer({ min: 0, max: 1_000_000_00 }), { nil: null });
    fc.assert(fc.property(revenueArb, stageArb, cap, cap, cap, cap, (rev, stage, bb, st, di, fl) => {
      const shares = stageShares(stage).shares.map((x) => x.toNumber());
      const amount = (c: number | null): number | null => (c === null ? null : c / 100);
      let ref: FeeSplit;
      try {
        ref = feeSplit(rev / 100, stage, { caps: { buyback: amount(bb), stakers: amount(st), discount: amount(di) }, floors: { insurance: amount(fl) } });
      } catch {
        return;
      }
      const s = bucketSplit(rev / 100, {
        buckets: FEE_BUCKETS.map((b) => b.id), shares, caps: [amount(bb), amount(st), null, amount(di)], floors: [null, null, amount(fl), null],
      });
      expect(s.cents).toEqual(ref.cents);
      expect(s.bound).toEqual(ref.bound);
    }), { numRuns: propertyRuns(2000) });
  });
});
