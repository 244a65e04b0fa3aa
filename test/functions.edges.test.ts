// Edges of TOKEN.TOKENFLOW, ANTIPATTERNS, MECHFIT and FEESPLIT that the main
// suites leave open (found by mutation testing): which argument a message
// names, a column of amounts as one period, blank rows, trailing blank names.
import { FEE_BUCKETS, findAntiPatterns, tokenFlow } from "../src/index";
import { callExcel, excelError, grid } from "./helpers/functionsHarness";

const row = (...values: unknown[]): unknown[][] => [values];
const column = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
const STANDARD = row(...FEE_BUCKETS.map((b) => b.id));
const MARKET = [2, 1_000_000_000, 450_000_000, 20_000_000] as const;
const AMOUNTS = [4_000_000, 3_000_000, 1_000_000, 2_000_000];
const only = (v: unknown): { code: string; message: string } => {
  const e = excelError(grid(v)[0]![0]);
  return { code: e.code, message: String(e.message) };
};

// The ANTIPATTERNS block comes first on purpose: under mutation testing the
// first test of a file loads functions.ts, and Stryker ties module-level
// constants (the "none found" row) to that test alone.
describe("TOKEN.ANTIPATTERNS edges", () => {
  test("nothing found is one row as wide as a finding: the words, then two empty cells", () => {
    const out = grid(callExcel("ANTIPATTERNS", "exchange", column("buyback", "fee-share"), column("trading fees", "trading fees")));
    expect(out).toEqual([["none found", "", ""]]);
  });

  test("each finding is its name, its mechanic and the reason, as the core finds them", () => {
    const core = findAntiPatterns("exchange", ["buyback", "gas"], []);
    const out = grid(callExcel("ANTIPATTERNS", "exchange", column("buyback", "gas")));
    expect(out).toEqual(core.map((f) => [f.name, f.mechanics.join(", "), f.reason]));
  });

  test("ranges in the wrong place are refused by name", () => {
    expect(only(callExcel("ANTIPATTERNS", [["defi"], ["l1"]], "buyback")).message).toBe("The archetype must be a single cell; got a 2x1 range.");
    expect(only(callExcel("ANTIPATTERNS", "defi", [["buyback"], []])).message).toMatch(/^The mechanics range is not a rectangle/);
    expect(only(callExcel("ANTIPATTERNS", "defi", "buyback", [["fees"], []])).message).toMatch(/^The flows range is not a rectangle/);
  });
});

describe("TOKEN.TOKENFLOW edges", () => {
  const core = tokenFlow(AMOUNTS.map((a) => a * 100), FEE_BUCKETS.map((b) => b.id), { price: 2, circulatingSupply: 1e9, stakedValue: 4.5e8, tokenVolume: 2e7 });
  const expected = [core.tokensBoughtBack, core.supplyRetiredPerYear, core.stakerApr, core.buybackShareOfVolume, core.capImplied];

  test("a column of amounts as long as the buckets is one period, the same as the row", () => {
    expect(callExcel("TOKENFLOW", column(...AMOUNTS), STANDARD, ...MARKET)).toEqual([expected]);
    expect(callExcel("TOKENFLOW", row(...AMOUNTS), STANDARD, ...MARKET)).toEqual([expected]);
  });

  test("amounts that fit neither way are refused, naming the buckets and the count", () => {
    const e = only(callExcel("TOKENFLOW", row(1, 2, 3), STANDARD, ...MARKET));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe('Each amounts row needs 4 values, one per bucket ("buyback", "stakers", "insurance", "discount"); got 3.');
    expect(only(callExcel("TOKENFLOW", column(1, 2, 3), STANDARD, ...MARKET)).message).toMatch(/needs 4 values.*got 1\.$/);
    // As many rows as buckets but more than one column: not a column of one period.
    expect(only(callExcel("TOKENFLOW", [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]], STANDARD, ...MARKET)).message).toMatch(/needs 4 values.*got 3\.$/);
  });

  test("trailing blank bucket names (0 from Excel desktop) are dropped; no names at all is refused", () => {
    const withBlanks = row(...FEE_BUCKETS.map((b) => b.id), 0, "", null);
    expect(callExcel("TOKENFLOW", row(...AMOUNTS), withBlanks, ...MARKET)).toEqual([expected]);
    const e = only(callExcel("TOKENFLOW", row(...AMOUNTS), row(0, "", null), ...MARKET));
    expect(e.message).toBe("Give the bucket names beside the amounts (a row such as buyback, stakers, insurance, discount).");
  });

  test("a blank amounts row is a blank result row; a partly blank one is computed with blanks refused by the core", () => {
    const out = grid(callExcel("TOKENFLOW", [AMOUNTS, [null, "", null, null]], STANDARD, ...MARKET));
    expect(out[0]).toEqual(expected);
    expect(out[1]).toEqual(["", "", "", "", ""]);
    const partly = grid(callExcel("TOKENFLOW", [[4_000_000, null, 1, 1]], STANDARD, ...MARKET));
    expect(partly[0]).toHaveLength(5);
    expect(excelError(partly[0]![0]).message).toMatch(/^The stakers amount must be a number; got a blank\.$/);
  });

  test("a bad amount names its bucket, and only its row is an error", () => {
    const out = grid(callExcel("TOKENFLOW", [[1, -5, 1, 1], AMOUNTS], STANDARD, ...MARKET));
    expect(out[0]).toHaveLength(5);
    for (const cell of out[0]!) expect(excelError(cell).message).toMatch(/^The stakers amount is negative/);
    expect(out[1]).toEqual(expected);
  });

  test.each([
    ["price", 2], ["circulating_supply", 3], ["staked_value", 4], ["token_volume", 5], ["buyback_max_volume_share", 6], ["staker_max_apr", 7],
  ])("a range as the %s is refused by that name", (name, position) => {
    const args: unknown[] = [row(...AMOUNTS), STANDARD, ...MARKET, null, null];
    args[position] = [[1], [2]];
    expect(only(callExcel("TOKENFLOW", ...args)).message).toBe(`The ${name} must be a single cell; got a 2x1 range.`);
  });

  test("ragged amounts and buckets ranges are refused by name", () => {
    expect(only(callExcel("TOKENFLOW", [[1, 2], [3]], STANDARD, ...MARKET)).message).toMatch(/^The amounts range is not a rectangle/);
    expect(only(callExcel("TOKENFLOW", row(...AMOUNTS), [["buyback"], []], ...MARKET)).message).toMatch(/^The buckets range is not a rectangle/);
    expect(only(callExcel("TOKENFLOW", row(...AMOUNTS), [["a", "b"], ["c", "d"]], ...MARKET)).message).toBe("Give the buckets as one row or one column; got a 2x2 range.");
  });
});

describe("TOKEN.MECHFIT and FEESPLIT name the range they refuse", () => {
  test("MECHFIT's archetype and mechanic ranges", () => {
    expect(only(callExcel("MECHFIT", [["defi"], []], "buyback")).message).toMatch(/^The archetype range is not a rectangle/);
    expect(only(callExcel("MECHFIT", "defi", [["buyback"], []])).message).toMatch(/^The mechanic range is not a rectangle/);
  });

  test("FEESPLIT's revenue range", () => {
    expect(only(callExcel("FEESPLIT", [[1], []], "growth")).message).toMatch(/^The revenue range is not a rectangle/);
    expect(only(callExcel("FEESPLIT", [[1, 2], [3, 4]], "growth")).message).toBe("Give the revenue as one row or one column; got a 2x2 range.");
    const huge = new Array<unknown[]>(300_000).fill([5]);
    expect(only(callExcel("FEESPLIT", huge, "growth")).message).toMatch(/x 4 cells; a call returns at most 1,000,000\. Give a revenue range that cover/);
  });
});

// A failure that is not bad input (a bug, or a value no Excel sends) must still
// come back as a cell that names the function, never as a throw. A revoked
// Proxy makes any type check on it throw a plain TypeError.
describe("an unexpected failure is a #VALUE! that names the function", () => {
  const broken = (): unknown => {
    const p = Proxy.revocable([], {});
    p.revoke();
    return p.proxy;
  };
  const unexpected = (id: string): RegExp => new RegExp(`^TOKEN\\.${id} failed unexpectedly \\(.+\\)\\. Please report it with the inputs used\\.$`);

  test.each([
    ["FEESPLIT", [100, broken()]], ["SPLIT", [100, broken(), row(50, 50)]], ["TEMPLATE", [broken(), "growth"]],
    ["TOKENFLOW", [row(1), broken()]], ["FEESHARES", [broken()]], ["SPLITPATH", [broken(), "growth"]],
    ["STRESS", [broken(), 0, 0, 12]], ["MECHFIT", [broken(), "buyback"]], ["MECHWHY", [broken(), "buyback"]],
    ["ANTIPATTERNS", [broken(), "buyback"]],
  ])("the whole call of %s", (id, args) => {
    expect(only(callExcel(id, ...(args as unknown[])))).toEqual({ code: "#VALUE!", message: expect.stringMatching(unexpected(id)) });
  });

  test.each(["CHECKSCORE", "CHECKVERDICT"])("the one cell of %s", (id) => {
    const e = excelError(callExcel(id, broken()));
    expect({ code: e.code, message: e.message }).toEqual({ code: "#VALUE!", message: expect.stringMatching(unexpected(id)) });
  });

  test.each([
    ["FEESPLIT", [column(100, broken()), "growth"], [40, 30, 10, 20]],
    ["SPLIT", [column(100, broken()), row("a", "b"), row(50, 50)], [50, 50]],
    ["SPLITPATH", [column(100, broken()), "growth"], [40, 30, 10, 20, 10]],
  ])("one bad row of %s, beside a good one", (id, args, first) => {
    const out = grid(callExcel(id as string, ...(args as unknown[])));
    expect(out[0]).toEqual(first);
    for (const cell of out[1]!) expect(String(excelError(cell).message)).toMatch(unexpected(id as string));
  });

  test("TOKENFLOW's amounts", () => {
    const out = grid(callExcel("TOKENFLOW", [[4_000_000, broken()]], row("buyback", "stakers"), ...MARKET));
    for (const cell of out.flat()) expect(String(excelError(cell).message)).toMatch(unexpected("TOKENFLOW"));
  });
});

describe("TOKEN.SPLITPATH edges", () => {
  test("a month's stage that is neither a name nor a number is that row's error, named", () => {
    const out = grid(callExcel("SPLITPATH", column(100, 100), column("growth", true)));
    expect(out[0]).toEqual([40, 30, 10, 20, 10]);
    expect(String(excelError(out[1]![0]).message)).toMatch(/^The stage must be a name or a number; got TRUE\. /);
  });

  test("a month with a bad revenue first: the path still starts with the given stage and the fund carries no further", () => {
    const out = grid(callExcel("SPLITPATH", column("lots", 100), "growth"));
    expect(String(excelError(out[0]![0]).message)).toMatch(/revenue/);
    expect(out[1]!.slice(0, 4)).toEqual([40, 30, 10, 20]);
    expect(String(excelError(out[1]![4]).message)).toMatch(/^The fund balance cannot be carried past row 1/);
  });

  test("stages: the revenues' shape, one cell, or a row or column of four shares; anything else is refused by name", () => {
    const shares = [0.4, 0.3, 0.1, 0.2];
    expect(grid(callExcel("SPLITPATH", column(100, 200), column(...shares)))).toEqual([[40, 30, 10, 20, 10], [80, 60, 20, 40, 30]]);
    expect(grid(callExcel("SPLITPATH", column(100, 200), row(...shares)))).toEqual([[40, 30, 10, 20, 10], [80, 60, 20, 40, 30]]);
    expect(only(callExcel("SPLITPATH", column(100, 200), row("growth", "mature", "early")))).toEqual({
      code: "#VALUE!",
      message: "Give one stage per revenue, in a range the same shape as the revenues (revenues is 2x1, stages is 1x3), or one stage for every month: a name, a position from 0 to 1, or a row of 4 shares.",
    });
    expect(only(callExcel("SPLITPATH", column(100, 200), [["growth"], []])).message).toMatch(/^The stages range is not a rectangle/);
    // Four wide or four tall is a share row only when the other side is 1.
    const fourWide = [shares, shares];
    expect(only(callExcel("SPLITPATH", column(100, 200, 300), fourWide)).message).toMatch(/^Give one stage per revenue.*stages is 2x4\)/);
    expect(only(callExcel("SPLITPATH", column(100, 200, 300), shares.map((s) => [s, s]))).message).toMatch(/^Give one stage per revenue.*stages is 4x2\)/);
  });

  test("the revenues are named in their shape messages, and the output limit counts five columns", () => {
    expect(only(callExcel("SPLITPATH", [[100], []], "growth")).message).toMatch(/^The revenues range is not a rectangle/);
    expect(only(callExcel("SPLITPATH", [[100, 200], [300, 400]], "growth")).message).toBe("Give the revenues as one row or one column; got a 2x2 range.");
    // 250,000 months x 5 columns is past the 1,000,000-cell limit (x 3 would not be).
    expect(only(callExcel("SPLITPATH", Array.from({ length: 250_000 }, () => [1]), "growth")).message).toBe(
      "The result would be 250,000 x 5 cells; a call returns at most 1,000,000. Give a revenue range that cover only your data, not whole columns or rows.",
    );
  });

  test("a fund balance too large to return to the cent is that cell's error, named", () => {
    // Ten months of 9 trillion (the most whose total the core keeps exact) and a start of 1.5 trillion: 0.9 trillion a month into the fund.
    const out = grid(callExcel("SPLITPATH", column(...new Array(10).fill(9_000_000_000_000)), "growth", null, null, null, 1_500_000_000_000));
    expect(out[0]![4]).toBe(2_400_000_000_000);
    expect(out[8]![4]).toBe(9_600_000_000_000);
    expect(String(excelError(out[9]![4]).message)).toMatch(/^The insurance fund balance is too large to return to the cent .* Give the amounts in thousands\.$/);
  });

  test("a path whose revenue adds up past the core's exact bound is one error that says so", () => {
    const out = grid(callExcel("SPLITPATH", column(...new Array(11).fill(9_000_000_000_000)), "growth"));
    expect(String(excelError(out[0]![0]).message)).toBe(
      "The revenue over the 11 months adds up to more than 90,071,992,547,409.91, the most computed to the cent: use fewer months, or give amounts in thousands.");
  });
});

describe("TOKEN.STRESS edges", () => {
  const stress = (...args: unknown[]): { code: string; message: string } => only(callExcel("STRESS", ...args));

  test("one month and one path are enough", () => {
    expect(grid(callExcel("STRESS", 1000, 0, 0, 1, "growth", 1, 1))[0]![0]).toBe("seed 1, 1 paths, 1 months");
  });

  test("each argument it refuses is named, with the fix", () => {
    expect(stress(true, 0, 0, 12).message).toBe("The starting monthly revenue must be a number; got TRUE.");
    expect(stress(1000, 0, 0, 12, "growth", 10, "abc").message).toMatch(/^The seed must be a number; got "abc"/);
    expect(stress(1000, 0, 0, 12, "growth", 10, 1.5).message).toBe("The seed must be a whole number (an integer); got 1.5.");
    expect(stress(1000, 0, null, 12).message).toBe("Give the monthly volatility (0.2 = 20% a month; 0 for none).");
    expect(stress(1000, 0, 0, 121).message).toBe("121 months: a cell function runs at most 120 months to keep Excel responsive. Give 120 or fewer.");
    expect(stress(1000, 0, 0, 12, "growth", 20_001).message).toBe(
      "20001 paths: a cell function runs at most 20000 paths to keep Excel responsive (P5 and P95 are already stable with a few thousand). Give 20000 or fewer.",
    );
  });

  test("a result too large to return to the cent names the bucket, or the fund, and what to lower", () => {
    // Six months of 9 trillion: the revenue's total stays below the core's exact bound, the buyback's total passes Excel's.
    expect(stress(9_000_000_000_000, 0, 0, 6, "growth", 10, 1).message).toBe(
      "The buyback amount over the horizon is too large to return to the cent (Excel keeps 15 digits, so the most is 9999999999999.99). Lower the revenue, growth, volatility or months.",
    );
    expect(stress(100, 0, 0, 12, "growth", 10, 1, null, null, null, 9_999_999_999_999).message).toMatch(/^The fund balance is too large to return to the cent .*Lower the revenue, growth, volatility or months\.$/);
  });
});
