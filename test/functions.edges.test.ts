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
