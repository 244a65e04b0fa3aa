import fc from "fast-check";
import { STAGE_IDS } from "../src";
import { DEFAULT_INPUTS, buildFeeSplitPlan, defaultNaming, namingFor } from "../src/plans";
import { exactSplit } from "./helpers/exactSplit";
import { BUCKETS, coreSplit, modelWorkbook, sheetSplit, type SplitCase } from "./helpers/planWorkbook";

const wb = modelWorkbook();
const lo = modelWorkbook(DEFAULT_INPUTS, defaultNaming(), { approxRoundDown: true });

/** The sheet (in Excel's and LibreOffice's rounding) and the core give the same cents and the same binding constraints. */
function expectSame(c: SplitCase): void {
  const core = coreSplit(c);
  for (const book of [wb, lo]) {
    const sheet = sheetSplit(book, c);
    expect({ case: c, ...sheet }).toEqual({ case: c, ...core });
  }
}

describe("Fee Split formulas give the core's cents", () => {
  test("the default inputs show the seed's check figure at once", () => {
    const fresh = modelWorkbook();
    expect(["SplitBuyback", "SplitStakers", "SplitInsurance", "SplitDiscount"].map((n) => fresh.getName(n))).toEqual([4_000_000, 3_000_000, 1_000_000, 2_000_000]);
    expect(fresh.getName("SplitTotal")).toBe(10_000_000);
    expect(fresh.getName("SplitCheck")).toBe("OK");
    expect(sheetSplit(fresh, { revenue: DEFAULT_INPUTS.revenue, stage: DEFAULT_INPUTS.stage })).toEqual(coreSplit({ revenue: 10_000_000, stage: "growth" }));
  });

  test.each(STAGE_IDS.flatMap((stage) => [10_000_000, 1_234_567.89, 0.01, 0, 0.07, 999_999_999.99].map((revenue) => ({ stage, revenue }))))(
    "stage $stage, revenue $revenue", (c) => expectSame(c));

  test("a second model (suffixed names) computes the same", () => {
    const naming = namingFor(2);
    const second = modelWorkbook(DEFAULT_INPUTS, naming);
    const c = { revenue: 1_234_567.89, stage: "mature", caps: { buyback: 500_000 } };
    expect(sheetSplit(second, c, naming)).toEqual(coreSplit(c));
  });

  test.each([
    { name: "custom shares in the growth row", shares: [0.35, 0.25, 0.15, 0.25] },
    { name: "shares with tenths of a percent", shares: [0.333, 0.333, 0.1, 0.234] },
    { name: "a zero share", shares: [0.5, 0.5, 0, 0] },
    { name: "all to insurance", shares: [0, 0, 1, 0] },
  ])("$name", ({ shares }) => {
    for (const revenue of [10_000_000, 1_234_567.89, 0.01, 77.77]) expectSame({ revenue, stage: "growth", shares });
    expectSame({ revenue: 1_234_567.89, stage: "growth", shares, caps: { buyback: 100_000 }, floors: { insurance: 200_000 } });
  });

  test("an edit to another stage's row leaves the chosen stage alone", () => {
    const c = { revenue: 10_000_000, stage: "early", shares: [0.2, 0.3, 0.1, 0.4] };
    expectSame(c);
    expect(sheetSplit(wb, { revenue: 10_000_000, stage: "growth" }).cents).toEqual([400_000_000, 300_000_000, 100_000_000, 200_000_000]);
  });

  const M = 10_000_000;
  test.each<[string, SplitCase]>([
    ["buyback cap binding", { revenue: M, stage: "growth", caps: { buyback: 3_000_000 } }],
    ["buyback cap not binding", { revenue: M, stage: "growth", caps: { buyback: 4_000_000 } }],
    ["staker cap binding", { revenue: M, stage: "growth", caps: { stakers: 2_000_000 } }],
    ["discount cap binding", { revenue: M, stage: "early", caps: { discount: 1_500_000 } }],
    ["two caps in cascade", { revenue: M, stage: "growth", caps: { buyback: 3_000_000, stakers: 3_200_000 } }],
    ["three caps in cascade", { revenue: M, stage: "mature", caps: { buyback: 5_000_000, stakers: 2_600_000, discount: 700_000 } }],
    ["every cap binding", { revenue: M, stage: "growth", caps: { buyback: 1, stakers: 1, discount: 1 } }],
    ["floor binding", { revenue: M, stage: "growth", floors: { insurance: 1_500_000 } }],
    ["floor not binding", { revenue: M, stage: "growth", floors: { insurance: 900_000 } }],
    ["floor above revenue", { revenue: M, stage: "growth", floors: { insurance: 20_000_000 } }],
    ["floor equal to revenue", { revenue: M, stage: "mature", floors: { insurance: M } }],
    ["cap 0", { revenue: M, stage: "growth", caps: { buyback: 0 } }],
    ["every cap 0", { revenue: M, stage: "growth", caps: { buyback: 0, stakers: 0, discount: 0 } }],
    ["floor 0", { revenue: M, stage: "growth", floors: { insurance: 0 } }],
    ["floor and caps together", { revenue: M, stage: "growth", caps: { buyback: 3_000_000, discount: 1_000_000 }, floors: { insurance: 2_500_000 } }],
    ["floor and a cap with cents", { revenue: 1_234_567.89, stage: "early", caps: { discount: 123_456.78 }, floors: { insurance: 300_000.01 } }],
    ["cents revenue with a cap", { revenue: 1_234_567.89, stage: "growth", caps: { buyback: 333_333.33 } }],
    ["one cent with caps", { revenue: 0.01, stage: "growth", caps: { buyback: 0, stakers: 0 } }],
    ["one cent with a floor", { revenue: 0.01, stage: "early", floors: { insurance: 0.01 } }],
    ["odd cents, pro-rata ties", { revenue: 123.45, stage: "growth", caps: { buyback: 10 } }],
    ["large revenue, ties in thirds", { revenue: 987_654_321.03, stage: "growth", caps: { buyback: 300_000_000 } }],
    ["large revenue, floor and cap", { revenue: 987_654_321.03, stage: "mature", caps: { buyback: 400_000_000 }, floors: { insurance: 200_000_000 } }],
    ["a cap with half a cent rounds like the core", { revenue: 1000, stage: "growth", caps: { buyback: 300.005 } }],
    ["a revenue with half a cent rounds half up on the decimal (1.005 -> 1.01)", { revenue: 1.005, stage: "growth" }],
    ["the maximum revenue, mature, no caps", { revenue: 9_999_999_999_999.99, stage: "mature" }],
    ["the maximum revenue with every cap binding", { revenue: 9_999_999_999_999.99, stage: "growth", caps: { buyback: 1_234_567_890_123.45, stakers: 2e12, discount: 0.01 } }],
    ["the maximum revenue, floor and caps binding, 9-decimal shares", {
      revenue: 9_999_999_999_999.99, stage: "growth", shares: [0.123456789, 0.234567891, 0.345678912, 0.296296408],
      caps: { buyback: 1e12, discount: 2_500_000_000_000.01 }, floors: { insurance: 4_444_444_444_444.44 },
    }],
    ["a large revenue, floor and cap binding, thirds", {
      revenue: 7_777_777_777_777.77, stage: "early", shares: [1 / 3, 1 / 3, 0, 1 / 3], caps: { buyback: 1e12 }, floors: { insurance: 3e12 },
    }],
  ])("%s", (_, c) => expectSame(c));

  test("property: 9-decimal shares, revenues up to the maximum, caps and the floor binding together", () => {
    const billionths = fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 3, maxLength: 3 }).map((cuts) => {
      const sorted = [0, ...cuts.sort((x, y) => x - y), 1_000_000_000];
      return sorted.slice(1).map((c, i) => (c - sorted[i]!) / 1_000_000_000);
    });
    const arb = fc.record({
      rev: fc.integer({ min: 0, max: 999_999_999_999_999 }),
      shares: billionths,
      capFrac: fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 })),
      floorFrac: fc.integer({ min: 0, max: 1200 }),
    });
    fc.assert(fc.property(arb, ({ rev, shares, capFrac, floorFrac }) => {
      const amount = (frac: number): number => Math.min(999_999_999_999_999, Math.round((rev * frac) / 1000)) / 100;
      expectSame({ revenue: rev / 100, stage: "growth", shares, caps: { buyback: amount(capFrac[0]), discount: amount(capFrac[1]) }, floors: { insurance: amount(floorFrac) } });
    }), { numRuns: 150 });
  });

  test("a bad input blanks the amounts and the check cell says what to fix", () => {
    const book = modelWorkbook();
    book.setName("FeeRevenue", -5);
    expect(["SplitBuyback", "SplitStakers", "SplitInsurance", "SplitDiscount"].map((n) => book.getName(n))).toEqual(["", "", "", ""]);
    expect(book.getName("SplitCheck")).toBe("CHECK: The revenue is negative. Give an amount of 0 or more.");
    book.setName("FeeRevenue", 100);
    book.setName("FeeStage", "late");
    expect(String(book.getName("SplitCheck"))).toMatch(/^CHECK: Unknown stage\. This sheet takes the stage names of its share table \(early, growth, mature\)/);
    book.setName("FeeStage", "growth");
    book.setName("BuybackCap", "300");
    expect(book.getName("SplitCheck")).toBe("CHECK: The buyback cap (market-impact limit) must be a number or blank; it holds text.");
    book.setName("BuybackCap", 30);
    expect(book.getName("SplitCheck")).toBe("OK");
    expect(book.getName("SplitBuyback")).toBe(30);
  });

  test("a floor or cap that binds is named in the Bound by column", () => {
    expect(sheetSplit(wb, { revenue: M, stage: "growth", caps: { buyback: 3_000_000 }, floors: { insurance: 1_500_000 } }).bound).toEqual(["cap", "none", "floor", "none"]);
  });

  test("a tie after two caps goes to the earlier bucket, as the rule says", () => {
    // Stakers and insurance both end at x.5 cents; the one cent left goes to stakers (earlier).
    // The core's Decimal divisions leave noise in the 40th digit here and can hand it to insurance (reported).
    const c = { revenue: 484_807_485.54, stage: "growth", caps: { buyback: 11_563_669.99, discount: 114_068_682.05 } };
    const exact = exactSplit(c.revenue, c.stage, { caps: c.caps });
    expect(exact.tieDecided).toBe(true);
    expect(exact.cents).toEqual([1_156_366_999, 26_938_135_013, 8_979_378_337, 11_406_868_205]);
    for (const book of [wb, lo]) expect(sheetSplit(book, c).cents).toEqual(exact.cents);
  });

  test("property: random revenues, caps and floors match the core to the cent", () => {
    const cents = fc.integer({ min: 0, max: 100_000_000_000 }); // up to $1bn a month
    const limit = (rev: number) => fc.option(fc.oneof(fc.integer({ min: 0, max: Math.max(1, Math.round(rev * 1.2)) }), fc.constant(0)), { nil: undefined });
    const arb = fc.tuple(cents, fc.constantFrom(...STAGE_IDS)).chain(([rev, stage]) =>
      fc.record({
        rev: fc.constant(rev),
        stage: fc.constant(stage),
        limits: fc.tuple(...BUCKETS.map(() => limit(rev))),
      }));
    fc.assert(fc.property(arb, ({ rev, stage, limits }) => {
      const caps: Record<string, number> = {};
      const floors: Record<string, number> = {};
      BUCKETS.forEach((b, j) => {
        const v = limits[j];
        if (v === undefined || b.constraint === "none") return;
        (b.constraint === "cap" ? caps : floors)[b.id] = v / 100;
      });
      const c: SplitCase = { revenue: rev / 100, stage, caps, floors };
      const exact = exactSplit(c.revenue, c.stage, { caps, floors });
      const core = coreSplit(c);
      const oracle = { cents: exact.cents, bound: exact.bound, check: "OK" };
      // The core agrees with exact arithmetic, ties included.
      if (JSON.stringify(core) !== JSON.stringify(oracle)) {
        throw new Error(`core vs exact ${JSON.stringify(c)}\ncore  ${JSON.stringify(core)}\nexact ${JSON.stringify(oracle)}`);
      }
      for (const book of [wb, lo]) {
        const sheet = sheetSplit(book, c);
        if (JSON.stringify(sheet) !== JSON.stringify(oracle)) throw new Error(`${JSON.stringify(c)}\nsheet ${JSON.stringify(sheet)}\nexact ${JSON.stringify(oracle)}\ncore  ${JSON.stringify(core)}`);
      }
    }), { numRuns: process.env.CI ? 2000 : 400 });
  });
});

describe("Fee Split formulas stay within Excel's limits", () => {
  test("every formula under 8,192 characters, every text literal at most 255, IFs nested at most 64 deep", () => {
    const plan = buildFeeSplitPlan(DEFAULT_INPUTS, defaultNaming());
    const formulas = plan.blocks.flatMap((b) => b.cells.flat()).filter((v): v is string => typeof v === "string" && v.startsWith("="));
    expect(formulas.length).toBeGreaterThan(300);
    for (const f of formulas) {
      expect(f.length).toBeLessThan(8192);
      for (const literal of f.match(/"(?:[^"]|"")*"/g) ?? []) expect(literal.length - 2).toBeLessThanOrEqual(255);
      const open: boolean[] = []; // per open parenthesis: is it an IF's?
      let deepest = 0;
      for (const m of f.replace(/"(?:[^"]|"")*"/g, '""').matchAll(/\bIF\(|\(|\)/g)) {
        if (m[0] === ")") open.pop();
        else open.push(m[0] !== "(");
        deepest = Math.max(deepest, open.filter(Boolean).length);
      }
      expect(deepest).toBeLessThanOrEqual(64);
    }
  });
});
