// TOKEN.SPLIT, TOKEN.TEMPLATE, TOKEN.TOKENFLOW and FEESPLIT's discount_cap through the built bundle.
import fc from "fast-check";
import { FEE_BUCKETS, bucketSplit, feeSplit, templateOf, templateShares, tokenFlow } from "../src/index";
import { callExcel, excelError, grid } from "./helpers/functionsHarness";

const row = (...values: unknown[]): unknown[][] => [values];
const column = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
const cents = (x: unknown): number => Math.round((x as number) * 100);
const STANDARD = row(...FEE_BUCKETS.map((b) => b.id));
const DYDX = row("buyback", "stakers", "vault", "treasury");

describe("TOKEN.SPLIT", () => {
  test("a dYdX-like split and a GMX-like one", () => {
    expect(callExcel("SPLIT", 1_000_000, DYDX, row(25, 40, 25, 10))).toEqual([[250_000, 400_000, 250_000, 100_000]]);
    expect(callExcel("SPLIT", 1_000_000, row("stakers", "LPs", "treasury"), row(0.27, 0.63, 0.1))).toEqual([[270_000, 630_000, 100_000]]);
  });

  test("caps with excess_to send what is cut off to that bucket; blank cap cells mean none", () => {
    expect(callExcel("SPLIT", 1_000_000, DYDX, row(25, 40, 25, 10), row(100_000, null, "", null), null, "treasury"))
      .toEqual([[100_000, 400_000, 250_000, 250_000]]);
    expect(callExcel("SPLIT", 1_000_000, DYDX, row(25, 40, 25, 10), row(100_000, null, "", null)))
      .toEqual([[100_000, 480_000, 300_000, 120_000]]);
  });

  test("a floor on any bucket is met first", () => {
    const out = grid(callExcel("SPLIT", 1000, DYDX, row(25, 40, 25, 10), null, row(null, null, null, 500)));
    expect(out[0]![3]).toBe(500);
    expect(out[0]!.reduce<number>((s, x) => s + cents(x), 0)).toBe(100_000);
  });

  test("a column of revenues spills one row each and equals the core", () => {
    const revenues = [0.01, 99.99, 12_345.67, 1_000_000.05];
    const out = grid(callExcel("SPLIT", column(...revenues), DYDX, row(25, 40, 25, 10), row(50_000, null, null, null), null, "treasury"));
    out.forEach((r, i) => {
      const core = bucketSplit(revenues[i], { buckets: ["buyback", "stakers", "vault", "treasury"], shares: [25, 40, 25, 10], caps: [50_000, null, null, null], excessTo: "treasury" });
      expect(r.map(cents)).toEqual(core.cents);
    });
  });

  test("trailing empty cells of a bucket table are ignored (Excel desktop passes them as 0)", () => {
    expect(callExcel("SPLIT", 100, row("a", "b", 0, null), row(60, 40, 0, null))).toEqual([[60, 40]]);
  });

  test.each([
    ["an unknown excess bucket", [DYDX, row(25, 40, 25, 10), null, null, "lps"], /excess_to names "lps"/],
    ["shares and buckets of different lengths", [DYDX, row(50, 50)], /shares row has 2 values but there are 4 buckets/],
    ["duplicate names", [row("LPs", "lps"), row(50, 50)], /appears twice/],
    ["shares that miss 100%", [row("a", "b"), row(50, 40)], /not 100%/],
    ["a floor above its cap", [row("a", "b"), row(50, 50), row(1, null), row(2, null)], /floor is above its cap/],
  ])("%s is a #VALUE! with a message naming the fix", (_, args, message) => {
    const e = excelError(grid(callExcel("SPLIT", 100, ...(args as unknown[])))[0]![0]);
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(message);
  });

  test("with the four standard buckets it equals FEESPLIT (fast-check, caps and floor included)", () => {
    // From 1 cent: in a SPLIT row 0 means no limit (Excel desktop passes empty cells as 0), in FEESPLIT a cap of 0.
    const limit = fc.option(fc.integer({ min: 1, max: 50_000_000 }).map((c) => c / 100), { nil: null });
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 1_000_000_000 }).map((c) => c / 100), { minLength: 1, maxLength: 20 }),
      fc.constantFrom("early", "growth", "mature"), limit, limit, limit, limit,
      (revenues, stage, bb, st, fl, di) => {
        const shares = row(...templateShares(templateOf("exchange"), stage).shares.map((s) => s.toNumber()));
        const viaFeeSplit = callExcel("FEESPLIT", column(...revenues), stage, bb, st, fl, di);
        const viaSplit = callExcel("SPLIT", column(...revenues), STANDARD, shares, row(bb, st, null, di), row(null, null, fl, null));
        expect(viaSplit).toEqual(viaFeeSplit);
      },
    ), { numRuns: 300 });
  });
});

describe("TOKEN.FEESPLIT's discount_cap", () => {
  test("caps the discount like the CLI's --discount-cap and the core", () => {
    const core = feeSplit(10_000_000, "early", { caps: { discount: 1_000_000 } });
    expect(grid(callExcel("FEESPLIT", 10_000_000, "early", null, null, null, 1_000_000))[0]!.map(cents)).toEqual(core.cents);
    expect(core.bound[3]).toBe("cap");
  });
});

describe("TOKEN.TEMPLATE", () => {
  test("spills bucket names over shares; DeFi has no discount", () => {
    expect(callExcel("TEMPLATE", "defi", "growth")).toEqual([["buyback", "stakers", "insurance"], [0.4, 0.5, 0.1]]);
    expect(callExcel("TEMPLATE", "Exchange / Marketplace", "mature")).toEqual([["buyback", "stakers", "insurance", "discount"], [0.55, 0.25, 0.15, 0.05]]);
    expect(callExcel("TEMPLATE", "stablecoin", 0.25)).toEqual([["buyback", "stakers", "insurance"], [0.275, 0.3, 0.425]]);
  });

  test("its two rows feed SPLIT", () => {
    const t = grid(callExcel("TEMPLATE", "depin", "early"));
    expect(callExcel("SPLIT", 1000, [t[0]], [t[1]])).toEqual([[600, 300, 100]]);
  });

  test("shares typed as text are read by the core's one number convention", () => {
    expect(callExcel("SPLIT", 1000, [["lps", "treasury"]], [["60", " 40 "]])).toEqual([[600, 400]]);
    const e = excelError(grid(callExcel("SPLIT", 1000, [["lps", "treasury"]], [["60,0", "40"]]))[0]![0]);
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/The lps share must be a number/);
  });

  test("a position typed as text is read by the core's one number convention", () => {
    expect(grid(callExcel("TEMPLATE", "defi", " 0.5 "))).toEqual(grid(callExcel("TEMPLATE", "defi", 0.5)));
  });

  test.each([["casino", "growth", /Unknown archetype "casino"/], ["defi", "late-ish", /Unknown stage "late-ish"/], ["defi", 2, /outside 0..1/], ["defi", "0,5", /Unknown stage "0,5"/]])(
    "refuses %s at %s with a message",
    (a, s, message) => {
      const e = excelError(grid(callExcel("TEMPLATE", a, s))[0]![0]);
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toMatch(message);
    },
  );
});

describe("TOKEN.TOKENFLOW", () => {
  const market = [2, 1_000_000_000, 450_000_000, 20_000_000] as const;
  test("reads a FEESPLIT row against the market and rules, as the core does", () => {
    const amounts = grid(callExcel("FEESPLIT", 10_000_000, "growth"));
    const out = grid(callExcel("TOKENFLOW", amounts, STANDARD, ...market, "5%", 0.1));
    const core = tokenFlow(feeSplit(10_000_000, "growth").cents, FEE_BUCKETS.map((b) => b.id), { price: 2, circulatingSupply: 1e9, stakedValue: 4.5e8, tokenVolume: 2e7 }, { buybackMaxVolumeShare: "5%", stakerMaxApr: 0.1 });
    expect(out).toEqual([[core.tokensBoughtBack, core.supplyRetiredPerYear, core.stakerApr, core.buybackShareOfVolume, "buyback"]]);
    expect(out[0]![0]).toBe(2_000_000);
  });

  test("one row per period; a GMX-like split with no buyback retires nothing", () => {
    const out = grid(callExcel("TOKENFLOW", [[270_000, 630_000, 100_000], [540_000, 1_260_000, 200_000]], row("stakers", "lps", "treasury"), ...market));
    expect(out).toHaveLength(2);
    expect(out[0]!.slice(0, 2)).toEqual([0, 0]);
    expect(out[1]![2]).toBeCloseTo(0.0144, 12); // 540,000 x 12 / 450,000,000
  });

  test.each([
    [[-2, 1e9, 1, 1], /token price is negative/],
    [[2, 0, 1, 1], /circulating supply must be above 0/],
    [[2, 1e9, 1, 1, null, "120%"], /above 100%/],
  ])("refuses a bad market %j with a #VALUE! naming the fix", (args, message) => {
    const e = excelError(grid(callExcel("TOKENFLOW", [[1, 1, 1, 1]], STANDARD, ...args))[0]![0]);
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(message);
  });
});

describe("empty cells as Excel desktop passes them (0)", () => {
  test("a 0 in SPLIT's caps or floors row is no limit, as a blank is on the web; a blank share is 0", () => {
    const web = callExcel("SPLIT", 1_000_000, DYDX, row(25, 40, 25, 10), row(100_000, null, null, null), row(null, null, null, null), "treasury");
    const desktop = callExcel("SPLIT", 1_000_000, DYDX, row(25, 40, 25, 10), row(100_000, 0, 0, 0), row(0, 0, 0, 0), "treasury");
    expect(desktop).toEqual(web);
    expect(callExcel("SPLIT", 100, row("a", "b", "c"), row(60, 40, null))).toEqual(callExcel("SPLIT", 100, row("a", "b", "c"), row(60, 40, 0)));
  });

  test("a 0 rule in TOKENFLOW is no rule", () => {
    const amounts = [[4_000_000, 3_000_000, 1_000_000, 2_000_000]];
    expect(callExcel("TOKENFLOW", amounts, STANDARD, 2, 1e9, 4.5e8, 2e7, 0, 0)).toEqual(callExcel("TOKENFLOW", amounts, STANDARD, 2, 1e9, 4.5e8, 2e7));
  });
});
