import { canSplitByWeights, roundToCents, splitByWeights } from "../src/allocate";
import { Decimal } from "../src/decimal";
import { mulDivRem, type QuotRem } from "../src/intMath";
import { toCents } from "../src/money";
import { shareSet } from "../src/shares";
import { FEE_BUCKETS } from "../src/buckets";

/**
 * The money code's fast paths at the edge of the range where they are exact:
 * past it the general path must take over. A fast path widened by one value
 * gives a wrong cent or a wrong message there, and nowhere else.
 */

// 2^53 - 1 = 6361 x 69431 x 20394401, so this total times 6361 is the largest safe integer.
const TOTAL_AT_LIMIT = 69431 * 20394401;

describe("canSplitByWeights: the integer splitter only while total x largest weight is a safe integer", () => {
  it("takes the total at the limit and refuses one cent more, whichever place the largest weight has", () => {
    for (const weights of [[6361, 1, 2], [1, 6361, 2], [2, 1, 6361]]) {
      expect([canSplitByWeights(TOTAL_AT_LIMIT, weights), canSplitByWeights(TOTAL_AT_LIMIT + 1, weights)]).toEqual([true, false]);
    }
  });

  it("at the limit the integer split is exact: it adds up and matches a BigInt largest-remainder split", () => {
    const weights = [6361, 3000, 639]; // over 10,000
    const cents = splitByWeights(TOTAL_AT_LIMIT, weights, 10_000);
    const T = BigInt(TOTAL_AT_LIMIT);
    const floors = weights.map((w) => (T * BigInt(w)) / 10_000n);
    const left = Number(T - floors.reduce((a, b) => a + b, 0n));
    const order = weights.map((w, i) => ({ i, r: (T * BigInt(w)) % 10_000n })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
    const expected = floors.map((f) => Number(f));
    for (let k = 0; k < left; k++) expected[order[k]!.i]! += 1;
    expect(cents).toEqual(expected);
  });
});

describe("shareSet: weights on the share's own decimals only up to nine places", () => {
  const two = FEE_BUCKETS.slice(0, 2);

  it("nine places: the shares' own digits are the weights", () => {
    const set = shareSet("x", two, [new Decimal("0.123456789"), new Decimal("0.876543211")]);
    expect([set.weights, set.scale]).toEqual([[123456789, 876543211], 1e9]);
  });

  it("ten places: the shares are rounded to billionths first, as the sheet does", () => {
    const set = shareSet("x", two, [new Decimal("0.1234567891"), new Decimal("0.8765432109")]);
    expect([set.weights, set.scale]).toEqual([[123456789, 876543211], 1e9]);
    expect(set.shares.map(String)).toEqual(["0.123456789", "0.876543211"]);
  });

  it("shares that do not add up to one are scaled by their own total", () => {
    const set = shareSet("x", two, [new Decimal("0.25"), new Decimal("0.5")]);
    expect([set.weights, set.scale]).toEqual([[1, 2], 3]);
  });
});

describe("toCents: the number fast path refuses what the Decimal path would, in the same words", () => {
  it.each([
    [Number.NaN, "The revenue must be a finite number; got NaN."],
    [Number.POSITIVE_INFINITY, "The revenue must be a finite number; got Infinity."],
  ])("names %p", (value, message) => {
    expect(() => toCents(value, "revenue")).toThrow(message);
  });
});

describe("roundToCents: the general path's largest-remainder rule", () => {
  const d = (...xs: string[]): Decimal[] => xs.map((x) => new Decimal(x));

  it("gives a tied leftover cent to the earlier bucket, whatever the number of buckets", () => {
    expect(roundToCents(d("0.5", "0.5", "0"), 1, [true, true, true])).toEqual([1, 0, 0]);
    expect(roundToCents(d("0", "1.5", "1.5", "1.5", "0.5"), 5, [true, true, true, true, true])).toEqual([0, 2, 2, 1, 0]);
  });

  it("never gives a leftover cent to a bucket pinned at its cap, even the one with the largest remainder", () => {
    expect(roundToCents(d("0.6", "0.4"), 1, [false, true])).toEqual([0, 1]);
  });

  it("with every bucket pinned, leaves the leftover cents to the caller instead of looping", () => {
    expect(roundToCents(d("0.5", "0.5"), 1, [false, false])).toEqual([0, 0]);
  });
});

describe("mulDivRem: the Dekker branch corrects a float quotient one off either way", () => {
  // Found by a search against BigInt: floor(fl(a*m) / d) lands one above ("high") or below ("low") the true quotient.
  it.each([
    ["low", 2795654514338926, 7, 7],
    ["low", 7340658723965916, 43606865, 1286812326],
    ["high", 4720983244996492, 31, 1749],
    ["high", 7318044557691576, 14, 74],
  ])("%s: %p x %p / %p is exact", (_, a, m, d) => {
    const P = BigInt(a) * BigInt(m);
    const out: QuotRem = { q: -1, r: -1 };
    mulDivRem(a, m, d, out);
    expect([out.q, out.r]).toEqual([Number(P / BigInt(d)), Number(P % BigInt(d))]);
  });
});
