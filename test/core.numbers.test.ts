import fc from "fast-check";
import { propertyRuns } from "./helpers/propertyRuns";
import { Decimal } from "../src/decimal";
import { failure } from "./helpers/tokenError";
import { echo, numberText, parseNumberText, textToNumber } from "../src/numberText";
import { gcd, mulDivRem, RATIO_PLACES, toRatio, type QuotRem } from "../src/intMath";
import { splitByWeights } from "../src/allocate";

/**
 * The core's number plumbing, called directly: text read by one convention
 * (src/numberText.ts), exact integer arithmetic and rates as fractions
 * (src/intMath.ts), and whole-number weights split to the cent (src/allocate.ts).
 * Expected values come from BigInt or decimal.js, not from the code under test.
 */

const HELP = "write it with comma thousands and a point for decimals, e.g. 1,234.56";
const POINT = `it reads as a point for thousands and a comma for decimals, which this does not guess at; ${HELP}`;
const UNGROUPED = `its commas and points do not group thousands; ${HELP}`;
const SPACED = `spaces or marks between digits are ambiguous; ${HELP}`;
const NAN = "it is not a number";

describe("numberText: signs and currency signs", () => {
  it("takes one sign on either side of a currency sign, where currency is allowed", () => {
    expect(numberText("$-5", { currency: true })).toEqual({ ok: "-5" });
    expect(numberText("-$5", { currency: true })).toEqual({ ok: "-5" });
    expect(numberText("€+1,250.5", { currency: true })).toEqual({ ok: "+1250.5" });
    expect(numberText("-5")).toEqual({ ok: "-5" });
  });

  it("refuses two signs, a currency sign where none belongs, and a bare sign, each with its reason", () => {
    expect(numberText("-$-5", { currency: true })).toEqual({ why: "it has two signs" });
    expect(numberText("+-5")).toEqual({ why: "it has two signs" });
    expect(numberText("$5")).toEqual({ why: "a currency sign does not belong here" });
    expect(numberText("$-5")).toEqual({ why: "a currency sign does not belong here" });
    expect(numberText("-")).toEqual({ why: NAN });
    expect(numberText("$", { currency: true })).toEqual({ why: NAN });
    expect(numberText("5-")).toEqual({ why: NAN });
  });
});

describe("numberText: digits another convention would read differently", () => {
  it.each<[string, { ok: string } | { why: string }]>([
    // separators between digits, one or several
    ["12 34", { why: SPACED }],
    ["12  34", { why: SPACED }],
    ["1__000", { why: SPACED }],
    ["1' 000", { why: SPACED }],
    // point thousands, with or without a comma for decimals
    ["1.000.000", { why: POINT }],
    ["12.345.678", { why: POINT }],
    ["123.456", { ok: "123.456" }], // one point group is a plain decimal in this convention
    ["1.000,5", { why: POINT }],
    ["1.000,50", { why: POINT }],
    ["1.50,25", { why: POINT }],
    ["1.5,2", { why: POINT }],
    // a comma with one or two decimals
    ["1,5", { why: POINT }],
    ["12,50", { why: POINT }],
    ["1,500", { ok: "1500" }],
    // commas and points in no known grouping
    ["1.000.5", { why: UNGROUPED }],
    ["1.5.5", { why: UNGROUPED }],
    ["1234.567.890", { why: UNGROUPED }],
    ["1,2345.678", { why: UNGROUPED }],
    ["1,000,00", { why: UNGROUPED }],
    ["1,000,5", { why: UNGROUPED }],
    // letters: not a number at all, whatever the grouping around them
    ["1.000x", { why: NAN }],
    ["x1.000", { why: NAN }],
    ["x.000", { why: NAN }],
    ["1.abc", { why: NAN }],
    ["1.000,x", { why: NAN }],
    ["x1,00", { why: NAN }],
  ])("reads %j by its one convention", (text, expected) => {
    expect(numberText(text)).toEqual(expected);
  });
});

describe("parseNumberText and textToNumber", () => {
  it("say which value was wrong, echo the text and give the reason", () => {
    expect(failure(() => parseNumberText("$5", "rate"))).toEqual({
      kind: "invalidValue", message: 'The rate must be a number; got "$5": a currency sign does not belong here.',
    });
    expect(failure(() => textToNumber("1.000,50", "seed"))).toEqual({
      kind: "invalidValue", message: `The seed must be a number; got "1.000,50": ${POINT}.`,
    });
  });

  it("reads text to the number it spells", () => {
    expect(textToNumber(" 1,234.5 ", "rate")).toBe(1234.5);
    expect(textToNumber("2.5e-3", "rate")).toBe(0.0025);
    expect(textToNumber("-7", "position")).toBe(-7);
  });

  it("refuses text that spells a number too large for a double", () => {
    expect(failure(() => textToNumber("1e400", "rate"))).toEqual({
      kind: "invalidValue", message: 'The rate must be a finite number; got "1e400".',
    });
    expect(failure(() => textToNumber("-2e308", "count"))).toEqual({
      kind: "invalidValue", message: 'The count must be a finite number; got "-2e308".',
    });
    expect(textToNumber("1.7976931348623157e308", "rate")).toBe(Number.MAX_VALUE);
  });

  it("never returns negative zero", () => {
    // toBe compares with Object.is, so -0 fails where 0 is expected.
    expect(textToNumber("-0", "rate")).toBe(0);
    expect(textToNumber("-0.000", "rate")).toBe(0);
    expect(textToNumber("-1e-400", "rate")).toBe(0); // underflows to -0
    expect(Object.is(textToNumber("-0", "rate"), -0)).toBe(false);
  });
});

describe("echo", () => {
  it("quotes the text whole up to the limit, and cuts it to the limit with an ellipsis past it", () => {
    const forty = "a".repeat(40);
    expect(echo(forty)).toBe(`"${forty}"`);
    expect(echo(`${forty}b`)).toBe(`"${forty}…"`);
    expect(echo("abc", 3)).toBe('"abc"');
    expect(echo("abcd", 3)).toBe('"abc…"');
    expect(echo('say "hi"')).toBe('"say \\"hi\\""');
  });
});

describe("mulDivRem at its boundaries", () => {
  const exact = (a: number, m: number, d: number): [bigint, bigint] => {
    const P = BigInt(a) * BigInt(m);
    return [P / BigInt(d), P % BigInt(d)];
  };
  const run = (a: number, m: number, d: number): [bigint, bigint] => {
    const out: QuotRem = { q: -1, r: -1 };
    mulDivRem(a, m, d, out);
    return [BigInt(out.q), BigInt(out.r)];
  };

  it("is exact when the quotient lies just below or on a whole number, up to a product of 2^52", () => {
    const cases: [number, number, number][] = [
      [(2 ** 26 - 1) * (2 ** 26 + 1) - 1, 1, 2 ** 26 + 1], // p / d = 2^26 - 1 - tiny
      [2 ** 52 - 1, 1, 3], [2 ** 52, 1, 3], [2 ** 52, 1, 2 ** 52], [2 ** 52 - 1, 1, 2 ** 52],
      [2 ** 26, 2 ** 26, 2 ** 53], [4503599627370495, 1, 4503599627370497],
    ];
    for (const [a, m, d] of cases) expect(run(a, m, d)).toEqual(exact(a, m, d));
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 2 ** 26 }), fc.integer({ min: 1, max: 2 ** 26 }), fc.integer({ min: -3, max: 3 }),
      (d, k, off) => {
        // A product a few units off a multiple of d, below 2^52.
        const a = Math.max(0, Math.min(2 ** 52, k * d + off));
        expect(run(a, 1, d)).toEqual(exact(a, 1, d));
      },
    ), { numRuns: propertyRuns(2000) });
  });

  it("hands quotients past 2^52 to BigInt: the remainder exact, the quotient the nearest double", () => {
    // Small divisors and products below 2^100: the shape the Dekker path takes, but a quotient it cannot hold.
    const cases: [number, number, number][] = [[2 ** 53 - 1, 257, 3], [2 ** 53 - 1, 2 ** 46 + 1, 2 ** 40 + 1], [2 ** 52 + 1, 1027, 7]];
    for (const [a, m, d] of cases) {
      const [Q, R] = exact(a, m, d);
      const out: QuotRem = { q: -1, r: -1 };
      mulDivRem(a, m, d, out);
      expect(out.r).toBe(Number(R));
      expect(out.q).toBe(Number(Q));
    }
  });
});

describe("toRatio", () => {
  /** The reduced fraction decimal.js gives for value read to RATIO_PLACES places, half up. */
  const expected = (value: number): { num: number; den: number } => {
    const [n, d] = new Decimal(String(value)).toDecimalPlaces(RATIO_PLACES, Decimal.ROUND_HALF_UP).toFraction();
    return { num: n!.toNumber(), den: d!.toNumber() };
  };

  it("reads a rate on its shortest decimal spelling, as a reduced fraction", () => {
    expect(toRatio(0.5, "rate")).toEqual({ num: 1, den: 2 });
    expect(toRatio(0.05, "rate")).toEqual({ num: 1, den: 20 });
    expect(toRatio(0.1, "rate")).toEqual({ num: 1, den: 10 }); // not the binary 0.1000000000000000055...
    expect(toRatio(3, "rate")).toEqual({ num: 3, den: 1 });
    expect(toRatio(0, "rate")).toEqual({ num: 0, den: 1 });
    expect(toRatio(0.123456789, "rate")).toEqual({ num: 123456789, den: 1_000_000_000 });
  });

  it("rounds finer digits half up to nine places", () => {
    expect(toRatio(1 / 12, "rate")).toEqual({ num: 83333333, den: 1_000_000_000 });
    expect(toRatio(2 / 3, "rate")).toEqual({ num: 666666667, den: 1_000_000_000 });
    expect(toRatio(5e-10, "rate")).toEqual({ num: 1, den: 1_000_000_000 }); // half up, not half even (0)
    expect(toRatio(2.5e-9, "rate")).toEqual({ num: 3, den: 1_000_000_000 }); // half up, not half even (2)
    expect(toRatio(4.9e-10, "rate")).toEqual({ num: 0, den: 1 });
    expect(toRatio(0.1234567894, "rate")).toEqual({ num: 123456789, den: 1_000_000_000 });
  });

  it("agrees with decimal.js on random rates of up to twelve places", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 12 }), (units, places) => {
      const value = units / 10 ** places;
      const r = toRatio(value, "rate");
      expect(r).toEqual(expected(value));
      expect(gcd(r.num, r.den)).toBe(1);
    }), { numRuns: propertyRuns(1000) });
  });

  it("accepts a numerator up to the largest safe integer and refuses one past it", () => {
    expect(toRatio(9007199254740991, "rate")).toEqual({ num: 9007199254740991, den: 1 });
    expect(toRatio(9007199.25474099, "rate")).toEqual({ num: 900719925474099, den: 100_000_000 });
    expect(failure(() => toRatio(9007199.254740993, "rate"))).toEqual({
      kind: "numberOutOfRange", message: "The rate (9007199.254740993) is too large.",
    });
    expect(failure(() => toRatio(1e16, "fee rate"))).toEqual({
      kind: "numberOutOfRange", message: "The fee rate (10000000000000000) is too large.",
    });
  });

  it("refuses what is not a finite number, or is negative, naming the value", () => {
    expect(failure(() => toRatio("0.1" as unknown as number, "rate"))).toEqual({
      kind: "invalidValue", message: 'The rate must be a number; got "0.1".',
    });
    expect(failure(() => toRatio(undefined as unknown as number, "rate"))).toEqual({
      kind: "invalidValue", message: "The rate must be a number; got undefined.",
    });
    for (const v of [Infinity, -Infinity, NaN]) {
      expect(failure(() => toRatio(v, "rate"))).toEqual({ kind: "invalidValue", message: `The rate must be a number; got ${v}.` });
    }
    expect(failure(() => toRatio(-0.5, "rate"))).toEqual({
      kind: "numberOutOfRange", message: "The rate is negative (-0.5); give 0 or more.",
    });
  });
});

describe("splitByWeights", () => {
  /** Largest remainder in BigInt: floor shares, then one cent each to the largest remainders, earlier bucket first on ties. */
  const hamilton = (total: number, weights: readonly number[], scale: number): number[] => {
    const T = BigInt(total);
    const S = BigInt(scale);
    const cents = weights.map((w) => (T * BigInt(w)) / S);
    const rems = weights.map((w, i) => ({ i, r: (T * BigInt(w)) % S }));
    let left = T - cents.reduce((s, c) => s + c, 0n);
    rems.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
    for (let k = 0; left > 0n; k++, left--) cents[rems[k]!.i]! += 1n;
    return cents.map(Number);
  };

  it("gives the leftover cents to the largest remainders, ties to the earlier bucket", () => {
    expect(splitByWeights(100, [1, 1, 1], 3)).toEqual([34, 33, 33]);
    expect(splitByWeights(2, [1, 1, 1], 3)).toEqual([1, 1, 0]);
    expect(splitByWeights(7, [10, 25, 65], 100)).toEqual([1, 2, 4]); // 0.7, 1.75, 4.55: the .75 and .7 win
    expect(splitByWeights(0, [40, 60], 100)).toEqual([0, 0]);
  });

  it("is exact up to a product of the largest safe integer", () => {
    const weightsArb = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 6 })
      .filter((ws) => ws.some((w) => w > 0));
    fc.assert(fc.property(weightsArb, fc.double({ min: 0, max: 1, noNaN: true }), (weights, f) => {
      const scale = weights.reduce((s, w) => s + w, 0);
      const top = Math.floor(Number.MAX_SAFE_INTEGER / Math.max(...weights));
      // Mostly right at the top of the range, where a float quotient is most fragile.
      const total = Math.max(0, top - Math.floor(f * f * f * top));
      const cents = splitByWeights(total, weights, scale);
      expect(cents).toEqual(hamilton(total, weights, scale));
      expect(cents.reduce((s, c) => s + c, 0)).toBe(total);
    }), { numRuns: propertyRuns(2000) });
  });
});
