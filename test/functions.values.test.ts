// What each TOKEN function returns for Excel-shaped input, through the built
// bundle: DOMAIN.md's check figures, broadcasting, per-row errors, blanks.
import fc from "fast-check";
import { ARCHETYPES, CHECKLIST, MECHANICS, feeSplit, mechanicFit } from "../src/index";
import { callExcel, excelError, grid, isExcelError } from "./helpers/functionsHarness";

const column = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
const row = (...values: unknown[]): unknown[][] => [values];
const cents = (x: unknown): number => Math.round((x as number) * 100);
const rowCents = (r: readonly unknown[]): number => r.reduce<number>((s, x) => s + cents(x), 0);

describe("TOKEN.FEESPLIT", () => {
  test.each([
    ["growth", [4_000_000, 3_000_000, 1_000_000, 2_000_000]],
    ["early", [1_500_000, 3_000_000, 1_000_000, 4_500_000]],
    ["mature", [5_500_000, 2_500_000, 1_500_000, 500_000]],
  ])("$10M of fees at %s splits as DOMAIN.md says", (stage, amounts) => {
    expect(callExcel("FEESPLIT", [[10_000_000]], [[stage]])).toEqual([amounts]);
  });

  test("a plain number and a one-cell range give the same row", () => {
    expect(callExcel("FEESPLIT", 10_000_000, "growth")).toEqual(callExcel("FEESPLIT", [[10_000_000]], [["growth"]]));
  });

  test.each([["GROWTH"], [" Growth "], ["scale"], [0.5], ["0.5"], [[[0.4, 0.3, 0.1, 0.2]]], [[[40, 30, 10, 20]]], [column(0.4, 0.3, 0.1, 0.2)]])(
    "the stage may be given as %j",
    (stage) => {
      expect(callExcel("FEESPLIT", 10_000_000, stage)).toEqual([[4_000_000, 3_000_000, 1_000_000, 2_000_000]]);
    },
  );

  test("positions 0 and 1 are the early and mature rows", () => {
    expect(callExcel("FEESPLIT", 10_000_000, 0)).toEqual(callExcel("FEESPLIT", 10_000_000, "early"));
    expect(callExcel("FEESPLIT", 10_000_000, 1)).toEqual(callExcel("FEESPLIT", 10_000_000, "mature"));
  });

  test("a column of N revenues spills N rows, each adding up to its revenue to the cent", () => {
    const revenues = [0.01, 0.03, 1, 99.99, 100.01, 12_345.67, 1_000_000.05];
    const rows = grid(callExcel("FEESPLIT", column(...revenues), "growth"));
    expect(rows).toHaveLength(revenues.length);
    rows.forEach((r, i) => {
      expect(r).toHaveLength(4);
      expect(rowCents(r)).toBe(cents(revenues[i]));
    });
  });

  test("a row of revenues also gives one output row per revenue", () => {
    expect(callExcel("FEESPLIT", row(100, 200), "growth")).toEqual([[40, 30, 10, 20], [80, 60, 20, 40]]);
  });

  test("a leftover cent goes to the bucket that lost the largest fraction", () => {
    // 1 cent at 40/30/10/20: every bucket rounds down to 0; buyback lost the most (0.4 of a cent).
    expect(callExcel("FEESPLIT", 0.01, "growth")).toEqual([[0.01, 0, 0, 0]]);
  });

  test("one bad revenue cell errors only its own row, with a message", () => {
    const rows = grid(callExcel("FEESPLIT", column(100, "abc", -5, true, 200), "growth"));
    expect(rows[0]).toEqual([40, 30, 10, 20]);
    expect(rows[4]).toEqual([80, 60, 20, 40]);
    const messages = [1, 2, 3].map((i) => {
      const cells = rows[i]!;
      expect(cells).toHaveLength(4);
      const err = excelError(cells[0]);
      for (const c of cells) expect(excelError(c)).toEqual(err);
      expect(err.code).toBe("#VALUE!");
      return err.message;
    });
    expect(messages[0]).toMatch(/revenue must be a number; got "abc"/);
    expect(messages[1]).toMatch(/negative \(-5\).*0 or more/);
    expect(messages[2]).toMatch(/revenue must be a number; got TRUE/);
  });

  test("a blank revenue cell gives a blank row, not zeros", () => {
    const rows = grid(callExcel("FEESPLIT", column(100, "", null, undefined, "  ", 200), "growth"));
    for (const i of [1, 2, 3, 4]) expect(rows[i]).toEqual(["", "", "", ""]);
    expect(rows[5]).toEqual([80, 60, 20, 40]);
  });

  test("numeric text is read as an amount; -0 gives plain zeros", () => {
    expect(callExcel("FEESPLIT", "1,000", "growth")).toEqual([[400, 300, 100, 200]]);
    expect(callExcel("FEESPLIT", "$2,500.50", "growth")).toEqual([[1000.2, 750.15, 250.05, 500.1]]);
    const zeros = grid(callExcel("FEESPLIT", -0, "growth"))[0]!;
    for (const z of zeros) expect(Object.is(z, 0)).toBe(true);
  });

  test("amounts Excel cannot hold to the cent are refused; the largest that can is exact", () => {
    const max = 9_999_999_999_999.99;
    expect(rowCents(grid(callExcel("FEESPLIT", max, "growth"))[0]!)).toBe(999_999_999_999_999);
    const beyondExcel = excelError(grid(callExcel("FEESPLIT", 5e13, "growth"))[0]![0]);
    expect(beyondExcel.code).toBe("#VALUE!");
    // The core's one maximum and its message, the same the CLI gives.
    expect(beyondExcel.message).toMatch(/too large: amounts up to 9,999,999,999,999\.99 are supported \(a spreadsheet keeps 15 digits\)/);
    const beyondCore = excelError(grid(callExcel("FEESPLIT", 1e14, "growth"))[0]![0]);
    expect(beyondCore.message).toMatch(/too large/);
  });

  test("a buyback cap moves the excess to the other buckets pro rata, still exact", () => {
    const [r] = grid(callExcel("FEESPLIT", 10_000_000, "growth", 3_000_000));
    // 1M above the cap shared 3:1:2 by stakers, insurance, discount; the odd cent by largest remainder.
    expect(r).toEqual([3_000_000, 3_500_000, 1_166_666.67, 2_333_333.33]);
  });

  test("an insurance floor is met from the other buckets, and the row still sums", () => {
    const [r] = grid(callExcel("FEESPLIT", 10_000_000, "growth", null, null, 2_000_000));
    expect(r![2]).toBe(2_000_000);
    expect(rowCents(r!)).toBe(cents(10_000_000));
    // The 1M came from buyback, stakers and discount in proportion 4:3:2.
    expect(cents(r![0]) / cents(r![3])).toBeCloseTo(2, 6);
    expect(cents(r![1]) / cents(r![3])).toBeCloseTo(1.5, 6);
  });

  test("a blank cap is no cap; the staker cap binds", () => {
    expect(callExcel("FEESPLIT", 10_000_000, "growth", "", undefined, null)).toEqual(callExcel("FEESPLIT", 10_000_000, "growth"));
    expect(grid(callExcel("FEESPLIT", 10_000_000, "growth", null, 1_000_000))[0]![1]).toBe(1_000_000);
  });

  test.each([
    ["an unknown stage", ["late-ish"], /Unknown stage "late-ish".*early, growth, mature/],
    ["a position outside 0..1", [1.5], /outside 0\.\.1/],
    ["TRUE as the stage", [true], /stage must be a name or a number; got TRUE/],
    ["a blank stage", [""], /Give a stage/],
    ["a 2x2 stage", [[[1, 2], [3, 4]]], /one cell or a row of 4 shares; got a 2x2 range/],
    ["shares that miss 100%", [[[0.5, 0.3, 0.1, 0.2]]], /sum to 1\.1, not 100%/],
    ["a negative share", [[[-0.1, 0.5, 0.4, 0.2]]], /share is negative/],
    ["a cap given as TRUE", ["growth", true], /buyback cap.*must be a number; got TRUE/],
    ["a negative floor", ["growth", null, null, -1], /insurance floor is negative/],
    ["a range as a cap", ["growth", [[1], [2]]], /must be a single cell; got a 2x1 range/],
  ])("%s makes the whole call one #VALUE! with a message", (_, args, message) => {
    const out = grid(callExcel("FEESPLIT", 100, ...(args as unknown[])));
    expect(out).toHaveLength(1);
    expect(out[0]).toHaveLength(1);
    const err = excelError(out[0]![0]);
    expect(err.code).toBe("#VALUE!");
    expect(err.message).toMatch(message);
  });

  test("a block of revenues (not a row or column) is refused with its shape", () => {
    const err = excelError(grid(callExcel("FEESPLIT", [[1, 2], [3, 4]], "growth"))[0]![0]);
    expect(err.message).toMatch(/one row or one column; got a 2x2 range/);
  });
});

describe("TOKEN.FEESHARES", () => {
  test("stage rows as fractions", () => {
    expect(callExcel("FEESHARES", "growth")).toEqual([[0.4, 0.3, 0.1, 0.2]]);
    expect(callExcel("FEESHARES", [["early"]])).toEqual([[0.15, 0.3, 0.1, 0.45]]);
    expect(callExcel("FEESHARES", "Mature")).toEqual([[0.55, 0.25, 0.15, 0.05]]);
  });

  test("a position between stages blends them linearly", () => {
    expect(callExcel("FEESHARES", 0.25)).toEqual([[0.275, 0.3, 0.1, 0.325]]);
    expect(callExcel("FEESHARES", 0.75)).toEqual([[0.475, 0.275, 0.125, 0.125]]);
  });

  test("custom percentages come back as fractions", () => {
    expect(callExcel("FEESHARES", [[50, 25, 15, 10]])).toEqual([[0.5, 0.25, 0.15, 0.1]]);
  });

  test("a bad stage is one #VALUE! with the valid choices", () => {
    const err = excelError(grid(callExcel("FEESHARES", "sideways"))[0]![0]);
    expect(err.message).toMatch(/Unknown stage "sideways"/);
  });
});

describe("TOKEN.MECHFIT", () => {
  test("single pairs give the rating", () => {
    expect(callExcel("MECHFIT", "exchange", "buyback")).toEqual([["fit"]]);
    expect(callExcel("MECHFIT", [["stablecoin"]], [["discount"]])).toEqual([["anti-fit"]]);
    expect(callExcel("MECHFIT", "DEX", "Buyback / burn")).toEqual([["fit"]]);
  });

  test.each([[true, -1], [1, -1], ["TRUE", -1], [false, "anti-fit"], [0, "anti-fit"], [null, "anti-fit"], [undefined, "anti-fit"], ["", "anti-fit"]])(
    "as_score %j",
    (flag, expected) => {
      expect(callExcel("MECHFIT", "exchange", "ve-lock", flag)).toEqual([[expected]]);
    },
  );

  test("as_score that is not TRUE or FALSE is #VALUE!", () => {
    const err = excelError(grid(callExcel("MECHFIT", "exchange", "ve-lock", "maybe"))[0]![0]);
    expect(err.message).toMatch(/as_score argument must be TRUE or FALSE; got "maybe"/);
  });

  test("a column of archetypes against a row of mechanics spills the whole table", () => {
    const archetypes = ARCHETYPES.map((a) => [a.id]);
    const mechanics = [MECHANICS.map((m) => m.id)];
    const table = grid(callExcel("MECHFIT", archetypes, mechanics));
    const scores = grid(callExcel("MECHFIT", archetypes, mechanics, true));
    expect(table).toHaveLength(ARCHETYPES.length);
    ARCHETYPES.forEach((a, r) => {
      expect(table[r]).toHaveLength(MECHANICS.length);
      MECHANICS.forEach((m, c) => {
        const fit = mechanicFit(a.id, m.id);
        expect(table[r]![c]).toBe(fit.rating);
        expect(scores[r]![c]).toBe(fit.score);
      });
    });
  });

  test("ranges of the same shape pair cell by cell; one cell meets every cell", () => {
    expect(callExcel("MECHFIT", column("exchange", "l1", "defi"), column("buyback", "fee-burn", "ve-lock"))).toEqual([["fit"], ["fit"], ["fit"]]);
    expect(callExcel("MECHFIT", "depin", row("work-token", "payment-coin", "ve-lock"))).toEqual([["fit", "fit", "anti-fit"]]);
    expect(callExcel("MECHFIT", column("exchange", "stablecoin"), "discount")).toEqual([["fit"], ["anti-fit"]]);
  });

  test("ranges that cannot line up give one #VALUE! naming both shapes", () => {
    const err = excelError(grid(callExcel("MECHFIT", column("exchange", "l1"), column("buyback", "gas", "dao")))[0]![0]);
    expect(err.code).toBe("#VALUE!");
    expect(err.message).toMatch(/archetype \(2x1\) and mechanic \(3x1\) ranges do not line up/);
  });

  test("a bad name errors only the cells it touches; blanks give blanks", () => {
    const out = grid(callExcel("MECHFIT", column("exchange", "casino", "", 0), row("buyback", "gas")));
    expect(out[0]).toEqual(["fit", "conditional"]);
    for (const cell of out[1]!) expect(excelError(cell).message).toMatch(/Unknown archetype "casino". Use one of exchange, l1/);
    expect(out[2]).toEqual(["", ""]);
    expect(out[3]).toEqual(["", ""]);
  });
});

describe("TOKEN.MECHWHY", () => {
  test("gives the core's one-line rationale, broadcast like MECHFIT", () => {
    expect(callExcel("MECHWHY", "l1", "fee-burn")).toEqual([[mechanicFit("l1", "fee-burn").why]]);
    const out = grid(callExcel("MECHWHY", column("exchange", "media"), row("buyback", "ve-lock")));
    expect(out).toEqual([
      [mechanicFit("exchange", "buyback").why, mechanicFit("exchange", "ve-lock").why],
      [mechanicFit("media", "buyback").why, mechanicFit("media", "ve-lock").why],
    ]);
  });
});

describe("TOKEN.ANTIPATTERNS", () => {
  const names = (out: unknown): unknown[] => grid(out).map((r) => r[0]);

  test("mechanics bound to flows on a fitting archetype: none found", () => {
    expect(callExcel("ANTIPATTERNS", "exchange", column("buyback", "fee-share"), column("trading fees", "trading fees")))
      .toEqual([["none found", "", ""]]);
  });

  test("each finding is a row of name, mechanic and reason", () => {
    const out = grid(callExcel("ANTIPATTERNS", "media", column("ve-lock", "discount"), column("creator payments", "")));
    expect(out.map((r) => r.slice(0, 2))).toEqual([["Forced utility", "discount"], ["Copy-paste ve-lock", "ve-lock"], ["Decoration", "discount"]]);
    for (const r of out) expect(typeof r[2] === "string" && r[2].length > 10).toBe(true);
  });

  test("governance alone, and a discount alone, are flagged", () => {
    expect(names(callExcel("ANTIPATTERNS", "l1", "governance", "parameter votes"))).toEqual(["Governance only"]);
    expect(names(callExcel("ANTIPATTERNS", "exchange", "discount", "trading fees"))).toEqual(["Discount as the whole thesis"]);
  });

  test("without flows, every mechanic counts as bound to nothing", () => {
    expect(names(callExcel("ANTIPATTERNS", "exchange", column("buyback", "gas")))).toEqual(["Forced utility", "Decoration", "Decoration"]);
  });

  test("empty mechanic cells (blank, null or Excel desktop's 0) are skipped", () => {
    const out = callExcel("ANTIPATTERNS", "defi", column("", "ve-lock", null, 0), column("x", "emissions", "", 0));
    expect(out).toEqual([["none found", "", ""]]);
  });

  test("flows that do not sit beside the mechanics, or an unknown mechanic, are #VALUE!", () => {
    const shape = excelError(grid(callExcel("ANTIPATTERNS", "defi", column("ve-lock", "buyback"), column("emissions")))[0]![0]);
    expect(shape.message).toMatch(/mechanics is 2x1, flows is 1x1/);
    const unknown = excelError(grid(callExcel("ANTIPATTERNS", "defi", "yield farming"))[0]![0]);
    expect(unknown.message).toMatch(/Unknown mechanic "yield farming"/);
  });
});

describe("TOKEN.CHECKSCORE and TOKEN.CHECKVERDICT", () => {
  const answers = (...list: unknown[]): unknown[][] => [list];
  const ten = (value: unknown): unknown[] => Array(CHECKLIST.length).fill(value);

  test("all solid: 10 and ready, from a row or a column", () => {
    expect(callExcel("CHECKSCORE", answers(...ten("solid")))).toBe(10);
    expect(callExcel("CHECKVERDICT", column(...ten("Solid")))).toBe("ready");
  });

  test("partial counts half; any undecided answer is not ready, with the count", () => {
    const mixed = answers(...Array(7).fill("solid"), "partial", "partial", "undecided");
    expect(callExcel("CHECKSCORE", mixed)).toBe(8);
    expect(callExcel("CHECKVERDICT", mixed)).toBe("not ready (1 undecided)");
    const almost = answers(...Array(9).fill("solid"), "partial");
    expect(callExcel("CHECKSCORE", almost)).toBe(9.5);
    expect(callExcel("CHECKVERDICT", almost)).toBe("not yet");
  });

  test("empty cells (blank, null, Excel desktop's 0) are undecided; yes/no and TRUE/FALSE are understood", () => {
    expect(callExcel("CHECKVERDICT", answers("", null, 0, ...Array(7).fill("yes")))).toBe("not ready (3 undecided)");
    expect(callExcel("CHECKSCORE", answers(true, false, "no", "maybe", ...Array(6).fill("y")))).toBe(7.5);
  });

  test("the wrong number of answers, a block, or an unknown answer is #VALUE! with a message", () => {
    expect(excelError(callExcel("CHECKSCORE", answers(...Array(9).fill("solid")))).message).toMatch(/give 10 answers, got 9/);
    expect(excelError(callExcel("CHECKVERDICT", [ten("solid").slice(0, 5), ten("solid").slice(0, 5)])).message).toMatch(/one row or one column; got a 2x5 range/);
    const bad = excelError(callExcel("CHECKSCORE", answers("perhaps", ...Array(9).fill("solid"))));
    expect(bad.code).toBe("#VALUE!");
    expect(bad.message).toMatch(/"perhaps" is not an answer/);
  });
});

describe("TOKEN.ARCHETYPES and TOKEN.MECHANICS", () => {
  test("list ids beside display names", () => {
    expect(callExcel("ARCHETYPES")).toEqual(ARCHETYPES.map((a) => [a.id, a.name]));
    expect(callExcel("MECHANICS")).toEqual(MECHANICS.map((m) => [m.id, m.name]));
  });
});

test("no function answers an argument problem with #NUM!, which would hide the message", () => {
  const out = [
    grid(callExcel("FEESPLIT", -1, "growth"))[0]![0],
    grid(callExcel("FEESPLIT", 1, 2))[0]![0],
    grid(callExcel("FEESHARES", [[1, 1, 1, 1]]))[0]![0],
  ];
  for (const v of out) {
    expect(isExcelError(v)).toBe(true);
    expect(excelError(v).code).toBe("#VALUE!");
  }
});

describe("TOKEN.FEESPLIT under caps and a floor", () => {
  test("every row equals the core's feeSplit to the cent (the built bundle's integer splitter vs the Decimal reference)", () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 5_000_000_000 }), { minLength: 1, maxLength: 30 }),
      fc.constantFrom("early", "growth", "mature", 0.3, 0.85),
      fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: null }),
      fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: null }),
      fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: null }),
      (revenueCents, stage, buybackCap, stakerCap, floor) => {
        const dollars = (c: number | null): number | null => (c === null ? null : c / 100);
        const rows = callExcel("FEESPLIT", revenueCents.map((c) => [c / 100]), [[stage]], dollars(buybackCap), dollars(stakerCap), dollars(floor)) as number[][];
        rows.forEach((r, i) => {
          const core = feeSplit(revenueCents[i]! / 100, stage, { caps: { buyback: dollars(buybackCap), stakers: dollars(stakerCap) }, floors: { insurance: dollars(floor) } });
          expect(r.map(cents)).toEqual(core.cents);
        });
      },
    ), { numRuns: process.env.CI ? 2000 : 300 });
  });
});
