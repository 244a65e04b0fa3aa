import fc from "fast-check";
import { propertyRuns } from "./helpers/propertyRuns";
import { Decimal, ExactSplitter, FEE_BUCKETS, NO_LIMIT, boundName, feeSplit, formatCents, positionShares, shareSet, STAGES, toCents, type FeeSplit } from "../src";

const dollars = (s: FeeSplit): string[] => s.cents.map(formatCents);
const byId = (s: FeeSplit): Record<string, number> =>
  Object.fromEntries(s.shares.buckets.map((b, i) => [b.id, s.cents[i]!]));

describe("feeSplit: the seed's stage table", () => {
  it("gives DOMAIN.md's check figure: $10M at growth is 4.0M / 3.0M / 1.0M / 2.0M", () => {
    expect(dollars(feeSplit(10_000_000, "growth"))).toEqual(["4000000.00", "3000000.00", "1000000.00", "2000000.00"]);
  });

  it.each([
    ["early", ["1500000.00", "3000000.00", "1000000.00", "4500000.00"]],
    ["Growth", ["4000000.00", "3000000.00", "1000000.00", "2000000.00"]],
    ["MATURE", ["5500000.00", "2500000.00", "1500000.00", "500000.00"]],
  ])("splits $10M at %s like the article's table", (stage, expected) => {
    expect(dollars(feeSplit(10_000_000, stage))).toEqual(expected);
  });

  it("accepts positions: 0, 0.5 and 1 are the stage rows, 0.25 lies halfway", () => {
    expect(feeSplit(100, 0).cents).toEqual(feeSplit(100, "early").cents);
    expect(feeSplit(100, 0.5).cents).toEqual(feeSplit(100, "growth").cents);
    expect(feeSplit(100, 1).cents).toEqual(feeSplit(100, "mature").cents);
    expect(positionShares(0.25).shares.map(String)).toEqual(["0.275", "0.3", "0.1", "0.325"]);
  });

  it("accepts custom shares as fractions or as percentages", () => {
    expect(dollars(feeSplit(1000, [0.25, 0.25, 0.25, 0.25]))).toEqual(["250.00", "250.00", "250.00", "250.00"]);
    expect(feeSplit(1000, [10, 20, 30, 40]).cents).toEqual([10000, 20000, 30000, 40000]);
  });

  it("hands leftover cents to the largest remainders, ties to the earlier bucket", () => {
    // 0.01 at growth: every exact share is below a cent; buyback has the largest fraction (0.4).
    expect(feeSplit(0.01, "growth").cents).toEqual([1, 0, 0, 0]);
    // 1 cent in four equal shares: all tie, so the first bucket gets it.
    expect(feeSplit(0.01, [1, 1, 1, 1].map((x) => x / 4)).cents).toEqual([1, 0, 0, 0]);
    // 0.03 at early: exact 0.45/0.9/0.3/1.35 cents -> floors 0/0/0/1, remainders .45 .9 .3 .35 -> stakers, buyback.
    expect(feeSplit(0.03, "early").cents).toEqual([1, 1, 0, 1]);
  });

  it("rounds revenue to the cent on the typed decimal, not the float", () => {
    expect(feeSplit(1.005, "growth").revenueCents).toBe(101);
    expect(feeSplit("1,234.565", "growth").revenueCents).toBe(123457);
  });
});

describe("feeSplit: constraints", () => {
  it("caps the buyback and moves the excess pro rata to the uncapped buckets", () => {
    const s = feeSplit(10_000_000, "growth", { caps: { buyback: 2_000_000 } });
    // 2M excess over stakers/insurance/discount 3:1:2.
    expect(byId(s)).toEqual({ buyback: 200_000_000, stakers: 400_000_000, insurance: 133_333_333, discount: 266_666_667 });
    expect(s.bound).toEqual(["cap", null, null, null]);
    expect(s.trace).toEqual([
      { kind: "cap", bucket: "buyback", capCents: 200_000_000, excessCents: 200_000_000,
        to: [{ bucket: "stakers", cents: 100_000_000 }, { bucket: "insurance", cents: 33_333_333 }, { bucket: "discount", cents: 66_666_667 }] },
    ]);
  });

  it("repeats until no cap binds: a cascade pins a second bucket", () => {
    const s = feeSplit(10_000_000, "growth", { caps: { buyback: 2_000_000, stakers: 3_500_000 } });
    expect(s.bound).toEqual(["cap", "cap", null, null]);
    expect(byId(s).buyback).toBe(200_000_000);
    expect(byId(s).stakers).toBe(350_000_000);
    // What is left (4.5M) lands on insurance and discount in their 1:2 ratio.
    expect(byId(s).insurance).toBe(150_000_000);
    expect(byId(s).discount).toBe(300_000_000);
  });

  it("funds the insurance floor first, pro rata from the other buckets", () => {
    const s = feeSplit(10_000_000, "growth", { floors: { insurance: 1_900_000 } });
    // 0.9M taken from buyback/stakers/discount in 4:3:2.
    expect(byId(s)).toEqual({ buyback: 360_000_000, stakers: 270_000_000, insurance: 190_000_000, discount: 180_000_000 });
    expect(s.trace[0]).toMatchObject({ kind: "floor", bucket: "insurance", movedCents: 90_000_000, shortfall: false });
  });

  it("gives insurance the whole revenue when the floor exceeds it", () => {
    const s = feeSplit(500, "mature", { floors: { insurance: 1000 } });
    expect(byId(s)).toEqual({ buyback: 0, stakers: 0, insurance: 50_000, discount: 0 });
    expect(s.trace[0]).toMatchObject({ shortfall: true });
  });

  it("sends everything to insurance when every capped bucket is capped at zero", () => {
    const s = feeSplit(100, "growth", { caps: { buyback: 0, stakers: 0, discount: 0 } });
    expect(byId(s)).toEqual({ buyback: 0, stakers: 0, insurance: 10_000, discount: 0 });
  });

  it("rejects a floor on a capped bucket and a cap on insurance, naming what is allowed", () => {
    expect(() => feeSplit(100, "growth", { caps: { insurance: 5 } })).toThrow(/insurance bucket takes no cap, only a floor/);
    expect(() => feeSplit(100, "growth", { floors: { buyback: 5 } })).toThrow(/buyback bucket takes no floor, only a cap/);
    expect(() => feeSplit(100, "growth", { caps: { treasury: 5 } })).toThrow(/no bucket "treasury"/);
  });
});

describe("feeSplit: bad input says what to fix", () => {
  it.each([
    [() => feeSplit(-1, "growth"), "numberOutOfRange", /revenue is negative/],
    [() => feeSplit(Number.NaN, "growth"), "invalidValue", /finite number/],
    [() => feeSplit("ten", "growth"), "invalidValue", /must be a number/],
    [() => feeSplit(100, "seed-stage"), "invalidValue", /Unknown stage "seed-stage"\. Use early, growth, mature/],
    [() => feeSplit(100, 1.5), "numberOutOfRange", /outside 0\.\.1/],
    [() => feeSplit(100, [0.5, 0.5, 0.5, 0.5]), "numberOutOfRange", /sum to 2, not 100%/],
    [() => feeSplit(100, [0.5, 0.5]), "invalidValue", /exactly 4 values/],
    [() => feeSplit(100, "growth", { caps: { buyback: -5 } }), "numberOutOfRange", /buyback cap .* is negative/],
    [() => feeSplit(1e20, "growth"), "numberOutOfRange", /too large/],
  ])("case %# fails as %s with a message that says what to fix", (call, kind, message) => {
    expect(call).toThrow(message);
    try { call(); } catch (e) { expect((e as { kind: string }).kind).toBe(kind); }
  });
});

// --- properties ---------------------------------------------------------------

const revenueCents = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.constant(0));
const stageArb = fc.oneof(
  fc.constantFrom(...STAGES.map((s) => s.id)),
  fc.double({ min: 0, max: 1, noNaN: true }),
  // Custom shares: four non-negative integers scaled to sum to exactly 100.
  fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(1000))
    .filter((t) => t.some((x) => x > 0))
    .map((t) => { const s = t.reduce((a, b) => a + b, 0); const p = t.map((x) => Math.floor((x * 100) / s)); p[3]! += 100 - p.reduce((a, b) => a + b, 0); return p; }),
);
const maybeCents = fc.option(fc.integer({ min: 0, max: 2 ** 41 }), { nil: undefined });

describe("feeSplit properties", () => {
  it("amounts are >= 0, sum exactly to revenue, respect every cap and the floor", () => {
    fc.assert(fc.property(revenueCents, stageArb, maybeCents, maybeCents, maybeCents, maybeCents, (rev, stage, bb, st, dc, fl) => {
      const caps = { buyback: bb === undefined ? null : bb / 100, stakers: st === undefined ? null : st / 100, discount: dc === undefined ? null : dc / 100 };
      const s = feeSplit(rev / 100, stage, { caps, floors: { insurance: fl === undefined ? null : fl / 100 } });
      expect(s.revenueCents).toBe(rev);
      expect(s.cents.reduce((a, b) => a + b, 0)).toBe(rev);
      s.cents.forEach((c) => { expect(Number.isSafeInteger(c)).toBe(true); expect(c).toBeGreaterThanOrEqual(0); });
      const ids = FEE_BUCKETS.map((b) => b.id);
      if (bb !== undefined) expect(s.cents[ids.indexOf("buyback")]).toBeLessThanOrEqual(bb);
      if (st !== undefined) expect(s.cents[ids.indexOf("stakers")]).toBeLessThanOrEqual(st);
      if (dc !== undefined) expect(s.cents[ids.indexOf("discount")]).toBeLessThanOrEqual(dc);
      if (fl !== undefined) expect(s.cents[ids.indexOf("insurance")]).toBeGreaterThanOrEqual(Math.min(fl, rev));
    }), { numRuns: propertyRuns(3000) });
  });

  it("keeps the stage's ratio among buckets no constraint touched (to within a cent of rounding)", () => {
    fc.assert(fc.property(fc.integer({ min: 100_00, max: 2 ** 40 }), stageArb, fc.integer({ min: 0, max: 2 ** 40 }), (rev, stage, bbCap) => {
      const s = feeSplit(rev / 100, stage, { caps: { buyback: bbCap / 100 } });
      const free = s.bound.map((b, i) => (b === null ? i : -1)).filter((i) => i >= 0);
      // Every pair of untouched buckets: a_i * s_j == a_j * s_i up to one cent on each side.
      for (const i of free) for (const j of free) {
        const si = s.shares.shares[i]!.toNumber(), sj = s.shares.shares[j]!.toNumber();
        expect(Math.abs(s.cents[i]! * sj - s.cents[j]! * si)).toBeLessThanOrEqual(si + sj + 1e-9);
      }
    }), { numRuns: propertyRuns(2000) });
  });

  it("the integer fast path and the Decimal path agree", () => {
    fc.assert(fc.property(revenueCents, fc.constantFrom("early", "growth", "mature"), (rev, stage) => {
      // A cap equal to the revenue never binds but forces the constrained path to be considered.
      const plain = feeSplit(rev / 100, stage);
      const viaDecimal = feeSplit(rev / 100, stage, { floors: { insurance: 0 }, caps: { buyback: rev / 100 } });
      expect(viaDecimal.cents).toEqual(plain.cents);
    }), { numRuns: propertyRuns(2000) });
  });
});

describe("feeSplit: ties after caps", () => {
  it("gives a true half-cent tie to the earlier bucket, not to division noise", () => {
    // Stakers and insurance both end at exactly x.5 cents; one cent is left, so stakers (earlier) gets it.
    const s = feeSplit(484807485.54, "growth", { caps: { buyback: 11563669.99, discount: 114068682.05 } });
    expect(byId(s).stakers).toBe(26938135013);
    expect(byId(s).insurance).toBe(8979378337);
    expect(s.cents.reduce((a, b) => a + b, 0)).toBe(48480748554);
  });

  it("does not call a cap bound when a bucket lands exactly on it (a property run found division noise doing so)", () => {
    // 23 cents, mature: the buyback's 12.65 moves on, stakers stop at 11, and 12 cents split 15:5 leave discount at exactly 3.
    const s = feeSplit(0.23, "mature", { caps: { buyback: 0, stakers: 0.11, discount: 0.03 } });
    expect(s.cents).toEqual([0, 11, 9, 3]);
    expect(s.bound).toEqual(["cap", "cap", null, null]);
    expect(s.trace.map((t) => t.bucket)).toEqual(["buyback", "stakers"]);
    const splitter = new ExactSplitter(s.shares);
    const cents = new Float64Array(4);
    const bound = new Int8Array(4);
    splitter.split(23, [0, 11, NO_LIMIT, 3], [NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT], cents, bound);
    expect([...cents]).toEqual(s.cents);
    expect([...bound].map(boundName)).toEqual(s.bound);
  });
});

describe("toCents", () => {
  it("rounds the typed decimal even where the float product misleads (large amounts)", () => {
    // 2506525918834.635 * 100 is 250652591883463.47 in floating point; the typed half cent rounds up.
    expect(toCents(2506525918834.635, "revenue")).toBe(250652591883464);
    expect(toCents(1.005, "revenue")).toBe(101);
    expect(toCents(-0, "revenue")).toBe(0);
    expect(Object.is(toCents(-0, "revenue"), -0)).toBe(false);
  });
  it("agrees with Decimal on any amount typed with up to three decimals (15 digits, as Excel keeps)", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), (thousandths) => {
      const text = `${thousandths / 1000n}.${String(thousandths % 1000n).padStart(3, "0")}`;
      expect(toCents(Number(text), "revenue")).toBe(toCents(text, "revenue"));
    }), { numRuns: propertyRuns(5000) });
  });
});

describe("feeSplit: the bucket list is data", () => {
  it("splits over a longer list (LPs and a treasury beside the seed's four) with no code change", () => {
    const buckets = [
      ...FEE_BUCKETS,
      { id: "lps", name: "LPs", constraint: "cap", constraintName: "LP cap", residual: false },
      { id: "treasury", name: "Treasury", constraint: "none", constraintName: "", residual: false },
    ] as const;
    const shares = shareSet("with LPs", buckets, ["0.3", "0.2", "0.1", "0.1", "0.2", "0.1"].map((x) => new Decimal(x)));
    const s = feeSplit(1000, shares, { caps: { lps: 150 } });
    // LPs capped at 150; its 50 excess goes to the five others pro rata (3:2:1:1:1).
    expect(s.cents).toEqual([31875, 21250, 10625, 10625, 15000, 10625]);
    expect(s.cents.reduce((a, b) => a + b, 0)).toBe(100000);
    expect(s.bound).toEqual([null, null, null, null, "cap", null]);
    expect(() => feeSplit(1000, shares, { floors: { treasury: 5 } })).toThrow(/treasury bucket takes no floor/);
  });
});
