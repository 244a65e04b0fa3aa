import fc from "fast-check";
import { propertyRuns } from "./helpers/propertyRuns";
import { FEE_BUCKETS, customShares, positionShares, resolveShares, splitCents, stageShares, STAGE_IDS, type ShareSet } from "../src";
import { BOUND_CAP, BOUND_FLOOR, ExactSplitter, mulDivRem, NO_LIMIT, type QuotRem } from "../src/stress";

/** The stress engine's allocation-free split against the core's splitCents: the same cents and bound flags, always. */

const N = FEE_BUCKETS.length;

const shareSetArb: fc.Arbitrary<ShareSet> = fc.oneof(
  fc.constantFrom(...STAGE_IDS).map(stageShares),
  fc.integer({ min: 0, max: 1000 }).map((k) => positionShares(k / 1000)),
  fc.array(fc.integer({ min: 0, max: 100 }), { minLength: N, maxLength: N })
    .filter((xs) => xs.some((x) => x > 0))
    .map((xs) => {
      const total = xs.reduce((a, b) => a + b, 0);
      // Whole percents that sum to 100: scale and push the rounding onto the largest.
      const pct = xs.map((x) => Math.floor((x * 100) / total));
      pct[pct.indexOf(Math.max(...pct))]! += 100 - pct.reduce((a, b) => a + b, 0);
      return customShares(pct);
    }),
);

/** Revenue from tiny to large, caps and floors around the shares' amounts so they bind often. */
const caseArb = fc.record({
  shares: shareSetArb,
  revenue: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 2_000_000_000_000 })),
  capFrac: fc.array(fc.option(fc.double({ min: 0, max: 0.8, noNaN: true }), { nil: null }), { minLength: N, maxLength: N }),
  floorFrac: fc.array(fc.option(fc.double({ min: 0, max: 1.2, noNaN: true }), { nil: null }), { minLength: N, maxLength: N }),
});

interface Case {
  readonly shares: ShareSet;
  readonly revenue: number;
  readonly capFrac: readonly (number | null)[];
  readonly floorFrac: readonly (number | null)[];
}

function limits(c: Case): { caps: (number | null)[]; floors: (number | null)[] } {
  const caps = FEE_BUCKETS.map((b, j) => (b.constraint === "cap" && c.capFrac[j] != null ? Math.floor(c.revenue * c.capFrac[j]!) : null));
  const floors = FEE_BUCKETS.map((b, j) => (b.constraint === "floor" && c.floorFrac[j] != null ? Math.floor(c.revenue * c.floorFrac[j]!) : null));
  return { caps, floors };
}

function fast(c: Case, caps: (number | null)[], floors: (number | null)[], splitter = new ExactSplitter(c.shares)) {
  const cents = new Float64Array(N);
  const bound = new Int8Array(N);
  splitter.split(c.revenue, caps.map((x) => x ?? NO_LIMIT), floors.map((x) => x ?? NO_LIMIT), cents, bound);
  return { cents: Array.from(cents), bound: Array.from(bound, (b) => (b === BOUND_CAP ? "cap" : b === BOUND_FLOOR ? "floor" : null)), splitter };
}

describe("mulDivRem", () => {
  const check = (a: number, m: number, d: number): void => {
    const out: QuotRem = { q: 0, r: 0 };
    mulDivRem(a, m, d, out);
    const P = BigInt(a) * BigInt(m);
    expect([BigInt(out.q), BigInt(out.r)]).toEqual([P / BigInt(d), P % BigInt(d)]);
  };
  it("is exact for small, Dekker-sized and BigInt-sized products", () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 2 ** 40 }),
      (d, a0, m) => {
        // Keep the quotient below 2^52: a <= d * 2^52 / m.
        const a = m === 0 ? a0 : Math.min(a0, Math.floor((d * 2 ** 51) / m));
        check(a, m, Math.max(d, 1));
      },
    ), { numRuns: propertyRuns(3000) });
    check(2 ** 53 - 1, 2 ** 20, 2 ** 50 - 3);
    check(123456789012345, 987654321, 99999999977);
    check(0, 5, 7);
    check(9, 0, 7);
  });
});

describe("ExactSplitter follows the core's splitCents", () => {
  it("gives the core's cents and bound flags, summing to revenue within every limit", () => {
    fc.assert(fc.property(caseArb, (c) => {
      const { caps, floors } = limits(c);
      const core = splitCents(c.revenue, c.shares, { caps, floors });
      const mine = fast(c, caps, floors);
      expect(mine.cents.reduce((a, b) => a + b, 0)).toBe(c.revenue);
      mine.cents.forEach((x, j) => {
        expect(Number.isInteger(x) && x >= 0).toBe(true);
        if (caps[j] != null) expect(x).toBeLessThanOrEqual(caps[j]!);
      });
      expect(mine.bound).toEqual(core.bound);
      expect(mine.cents).toEqual(core.cents);
    }), { numRuns: propertyRuns(4000) });
  });

  it("matches the core exactly on the growth stage with a buyback cap and an insurance floor", () => {
    const shares = resolveShares("growth");
    fc.assert(fc.property(fc.integer({ min: 0, max: 5_000_000_000 }), fc.integer({ min: 0, max: 5_000_000_000 }), fc.integer({ min: 0, max: 5_000_000_000 }), (R, cap, floor) => {
      const caps = [cap, null, null, null];
      const floors = [null, null, floor, null];
      const core = splitCents(R, shares, { caps, floors });
      const mine = fast({ shares, revenue: R, capFrac: [], floorFrac: [] }, caps, floors);
      expect(mine.cents).toEqual(core.cents);
      expect(mine.bound).toEqual(core.bound);
    }), { numRuns: propertyRuns(2000) });
  });

  it("breaks an exact tie to the earlier bucket, as the core does", () => {
    // Growth, revenue 21.70, buyback cap 2.17, insurance floor 6.51: stakers 661.5 and insurance 850.5 tie for the last cent.
    const shares = resolveShares("growth");
    const caps = [217, null, null, null];
    const floors = [null, null, 651, null];
    expect(fast({ shares, revenue: 2170, capFrac: [], floorFrac: [] }, caps, floors).cents).toEqual([217, 662, 850, 441]);
    expect(splitCents(2170, shares, { caps, floors }).cents).toEqual([217, 662, 850, 441]);
    // Small amounts, many ties: every revenue up to 30.00 with a cap and floor at fixed shares of it.
    for (const stage of ["early", "growth", "mature"]) {
      const set = resolveShares(stage);
      const splitter = new ExactSplitter(set);
      for (let R = 0; R <= 3000; R++) {
        const limits = { caps: [Math.floor(R / 10), null, null, null], floors: [null, null, Math.floor((R * 3) / 10), null] };
        expect(fast({ shares: set, revenue: R, capFrac: [], floorFrac: [] }, limits.caps, limits.floors, splitter).cents).toEqual(splitCents(R, set, limits).cents);
      }
    }
  });

  it("keeps shares finer than 9 decimals (a position, thirds) on the integer path, read to billionths", () => {
    const odd = positionShares(0.1234567891234);
    expect(odd.weights).not.toBeNull();
    const s = fast({ shares: odd, revenue: 1_000_000, capFrac: [], floorFrac: [] }, [100, null, null, null], [null, null, null, null]);
    expect(s.splitter.fallbacks).toBe(0);
    expect(s.cents).toEqual(splitCents(1_000_000, odd, { caps: [100, null, null, null], floors: [null, null, null, null] }).cents);
    const thirds = resolveShares([1 / 3, 1 / 3, 1 / 3, 0]);
    expect({ weights: thirds.weights, scale: thirds.scale }).toEqual({ weights: [1, 1, 1, 0], scale: 3 });
    const t = fast({ shares: thirds, revenue: 999_999_999_999_999, capFrac: [], floorFrac: [] }, [300_000_000_000_000, null, null, null], [null, null, null, null]);
    expect(t.splitter.fallbacks).toBe(0);
    expect(t.cents).toEqual(splitCents(999_999_999_999_999, thirds, { caps: [300_000_000_000_000, null, null, null], floors: [null, null, null, null] }).cents);
  });

  it("keeps a binding floor on the integer path at any revenue; only a cap binding after it at that size goes to the core", () => {
    const shares = resolveShares([0.123456789, 0.2, 0.3, 0.376543211]);
    const floors = [null, null, 500_000_000_000_000, null];
    const none = [null, null, null, null];
    const s = fast({ shares, revenue: 999_999_999_999_999, capFrac: [], floorFrac: [] }, none, floors);
    expect(s.splitter.fallbacks).toBe(0);
    expect({ cents: s.cents, bound: s.bound }).toEqual((({ cents, bound }) => ({ cents, bound }))(splitCents(999_999_999_999_999, shares, { caps: none, floors })));
    const caps = [50_000_000_000_000, null, null, null];
    const t = fast({ shares, revenue: 999_999_999_999_999, capFrac: [], floorFrac: [] }, caps, floors);
    expect(t.splitter.fallbacks).toBe(1);
    expect(t.cents).toEqual(splitCents(999_999_999_999_999, shares, { caps, floors }).cents);
  });

  it("equals the core with 9-decimal shares and a floor at revenues up to the maximum", () => {
    const billionths = fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 3, maxLength: 3 }).map((cuts) => {
      const sorted = [0, ...cuts.sort((x, y) => x - y), 1_000_000_000];
      return sorted.slice(1).map((c, i) => (c - sorted[i]!) / 1_000_000_000);
    });
    fc.assert(fc.property(billionths, fc.integer({ min: 0, max: 999_999_999_999_999 }), fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 0, max: 1000 }), (fractions, R, floorPerMille, capPerMille) => {
      const shares = resolveShares(fractions);
      const floors = [null, null, Math.min(999_999_999_999_999, Math.round((R * floorPerMille) / 1000)), null];
      const caps = [Math.round((R * capPerMille) / 1000), null, null, null];
      const s = fast({ shares, revenue: R, capFrac: [], floorFrac: [] }, caps, floors);
      const core = splitCents(R, shares, { caps, floors });
      expect({ cents: s.cents, bound: s.bound }).toEqual({ cents: core.cents, bound: core.bound });
    }), { numRuns: propertyRuns(300) });
  });
});
