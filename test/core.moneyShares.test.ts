import fc from "fast-check";
import { propertyRuns } from "./helpers/propertyRuns";
import { FEE_BUCKETS, type Bucket } from "../src/buckets";
import { Decimal } from "../src/decimal";
import { failure } from "./helpers/tokenError";
import { MAX_AMOUNT_CENTS, centsToAmount, formatCents, toCents } from "../src/money";
import { indexNames, resolveName, unknownNameMessage } from "../src/names";
import { customShares, positionShares, resolveShares, shareSet, stageHelp, stageShares, type StageInput } from "../src/shares";
import { STAGE_INDEX } from "../src/stages";

/** What every stage message ends with for the seed's four buckets. */
const HELP =
  "Use early, growth, mature, a life-cycle position from 0 (early) to 1 (mature), " +
  "or 4 shares (buyback, stakers, insurance, discount) that sum to 100%.";

const bucket = (id: string, name: string): Bucket => ({ id, name, constraint: "none", constraintName: name, residual: false });
const TWO_BUCKETS: readonly Bucket[] = [bucket("treasury", "Treasury"), bucket("lps", "LPs")];

// --- money -------------------------------------------------------------------

describe("toCents: Decimal inputs", () => {
  it("rounds a Decimal half up on its own digits, as it does the same amount typed as text", () => {
    expect(toCents(new Decimal("1.005"), "revenue")).toBe(101);
    expect(toCents(new Decimal("1.005"), "revenue")).toBe(toCents("1.005", "revenue"));
    expect(toCents(new Decimal("0.004"), "revenue")).toBe(0);
    expect(toCents(new Decimal("9999999999999.99"), "revenue")).toBe(MAX_AMOUNT_CENTS);
  });

  it("accepts a Decimal from another copy of decimal.js, which is no instance of ours", () => {
    let Foreign: typeof Decimal | undefined;
    jest.isolateModules(() => {
      Foreign = require("decimal.js") as typeof Decimal;
    });
    const amount = new Foreign!("12.345");
    expect(amount instanceof Decimal).toBe(false);
    expect(toCents(amount, "revenue")).toBe(1235);
  });

  it("reads -0 as 0 cents, never -0", () => {
    expect(Object.is(toCents(new Decimal("-0"), "revenue"), 0)).toBe(true);
    expect(Object.is(toCents("-0", "revenue"), 0)).toBe(true);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "refuses the non-finite Decimal %s as an invalid value (not as too large, negative or NaN cents)",
    (v) => {
      expect(failure(() => toCents(new Decimal(v), "revenue"))).toEqual({
        kind: "invalidValue", message: "The revenue must be a finite number.",
      });
    },
  );

  it("refuses a negative Decimal, even one that rounds to 0 cents, echoing it", () => {
    expect(failure(() => toCents(new Decimal("-1.5"), "buyback cap"))).toEqual({
      kind: "numberOutOfRange", message: "The buyback cap is negative (-1.5). Give an amount of 0 or more.",
    });
    expect(failure(() => toCents(new Decimal("-0.001"), "revenue"))).toEqual({
      kind: "numberOutOfRange", message: "The revenue is negative (-0.001). Give an amount of 0 or more.",
    });
  });
});

describe("toCents: typed text is echoed trimmed", () => {
  it("quotes a negative amount without the spaces around it", () => {
    expect(failure(() => toCents("  -1.50 ", "revenue"))).toEqual({
      kind: "numberOutOfRange", message: 'The revenue is negative ("-1.50"). Give an amount of 0 or more.',
    });
  });

  it("quotes a too-large amount without the spaces around it", () => {
    expect(failure(() => toCents(" 10,000,000,000,000 ", "revenue"))).toEqual({
      kind: "numberOutOfRange",
      message: 'The revenue ("10,000,000,000,000") is too large: amounts up to 9,999,999,999,999.99 are supported (a spreadsheet keeps 15 digits).',
    });
  });
});

describe("toCents: a typed number at the top of the range", () => {
  it.each([9999999999999.99, 9999999999999.994])("accepts %p, which rounds to the largest amount", (v) => {
    expect(toCents(v, "revenue")).toBe(MAX_AMOUNT_CENTS);
  });

  it.each([
    [9999999999999.996, "9999999999999.996"],
    [1e16, "10000000000000000"],
    [1e21, "1e+21"],
    [Number.MAX_VALUE, "1.7976931348623157e+308"],
  ])("refuses %p as too large, quoting it as %s", (v, shown) => {
    expect(failure(() => toCents(v, "revenue"))).toEqual({
      kind: "numberOutOfRange",
      message: `The revenue (${shown}) is too large: amounts up to 9,999,999,999,999.99 are supported (a spreadsheet keeps 15 digits).`,
    });
  });
});

describe("toCents: values that are no number", () => {
  it.each([
    [null, "a blank"],
    [undefined, "a blank"],
    [true, "boolean"],
    [{}, "object"],
    [[1], "object"],
    [10n, "bigint"],
  ])("names %p as %s", (value, got) => {
    expect(failure(() => toCents(value, "revenue"))).toEqual({
      kind: "invalidValue", message: `The revenue must be a number; got ${got}.`,
    });
  });
});

describe("centsToAmount and formatCents", () => {
  it("shows cents as the currency amount Excel displays", () => {
    expect(centsToAmount(123456)).toBe(1234.56);
    expect(centsToAmount(1)).toBe(0.01);
    expect(centsToAmount(MAX_AMOUNT_CENTS)).toBe(9999999999999.99);
  });

  it("reads every amount it shows back to the same cents", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_CENTS }), (c) => toCents(centsToAmount(c), "revenue") === c),
      { numRuns: propertyRuns(2000) },
    );
  });

  it.each([
    [0, "0.00"],
    [-0, "0.00"],
    [5, "0.05"],
    [123456, "1234.56"],
    [-5, "-0.05"],
    [-150, "-1.50"],
  ])("formats %p cents as %s, a minus only below zero", (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  it("formats any safe whole number of cents as its exact two-place decimal", () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (c) => {
        const text = formatCents(c);
        return /^-?\d+\.\d\d$/.test(text) && text.startsWith("-") === c < 0 && new Decimal(text).times(100).eq(c);
      }),
      { numRuns: propertyRuns(2000) },
    );
  });
});

// --- names -------------------------------------------------------------------

describe("indexNames", () => {
  it("refuses an alias that two items share, naming both", () => {
    const colours = [
      { id: "red", name: "Red", aliases: ["crimson"] },
      { id: "blue", name: "Blue", aliases: ["Crimson!"] },
    ];
    expect(() => indexNames("colour", colours)).toThrow(new Error('colour alias "Crimson!" names both red and blue'));
  });

  it("lets one item repeat its own key", () => {
    const index = indexNames("colour", [{ id: "red", name: "RED", aliases: ["Red!"] }]);
    expect(index.byKey).toEqual(new Map([["red", "red"]]));
  });
});

describe("unknownNameMessage and resolveName", () => {
  const options = indexNames("option", [{ id: "alpha", name: "Alpha", aliases: [] }, { id: "beta", name: "Beta", aliases: [] }]);

  it.each(["", "   ", "\t\n", null, undefined, 5])("asks for a stage name when given the blank or non-text %p", (text) => {
    expect(unknownNameMessage(STAGE_INDEX, text)).toBe("Give a stage name: one of early, growth, mature.");
  });

  it("says 'an' before a vowel", () => {
    expect(unknownNameMessage(options, " ")).toBe("Give an option name: one of alpha, beta.");
  });

  it("quotes an unknown name without the spaces around it", () => {
    expect(unknownNameMessage(STAGE_INDEX, "  seedling  ")).toBe('Unknown stage "seedling". Use one of early, growth, mature.');
  });

  it("resolves names by key and throws the same message as an invalid value", () => {
    expect(resolveName(STAGE_INDEX, " Scaling ")).toBe("growth");
    expect(failure(() => resolveName(options, " gamma "))).toEqual({
      kind: "invalidValue", message: 'Unknown option "gamma". Use one of alpha, beta.',
    });
    expect(failure(() => resolveName(options, ""))).toEqual({
      kind: "invalidValue", message: "Give an option name: one of alpha, beta.",
    });
  });
});

// --- shares ------------------------------------------------------------------

describe("stageHelp", () => {
  it("lists the stages, the position range and the seed's buckets in lower case", () => {
    expect(stageHelp()).toBe(HELP);
  });

  it("lists the buckets it is given", () => {
    expect(stageHelp(TWO_BUCKETS)).toBe(
      "Use early, growth, mature, a life-cycle position from 0 (early) to 1 (mature), or 2 shares (treasury, lps) that sum to 100%.",
    );
  });
});

describe("shareSet: shares finer than a billionth", () => {
  it("refuses shares that all read as 0 billionths", () => {
    const tiny = FEE_BUCKETS.map(() => new Decimal("4e-10"));
    expect(failure(() => shareSet("custom", FEE_BUCKETS, tiny))).toEqual({
      kind: "numberOutOfRange", message: `The shares are all below half a billionth; ${HELP}`,
    });
    expect(failure(() => shareSet("custom", TWO_BUCKETS, [new Decimal("1e-10"), new Decimal("2e-10")]))).toEqual({
      kind: "numberOutOfRange",
      message: "The shares are all below half a billionth; Use early, growth, mature, a life-cycle position from 0 (early) to 1 (mature), or 2 shares (treasury, lps) that sum to 100%.",
    });
  });

  it("rounds half a billionth up, so one such share takes everything", () => {
    const s = shareSet("custom", TWO_BUCKETS, [new Decimal("5e-10"), new Decimal("4e-10")]);
    expect(s.weights).toEqual([1, 0]);
    expect(s.scale).toBe(1);
  });
});

describe("positionShares: the range 0..1", () => {
  it("accepts both ends and -0, which is the early row labelled 'position 0'", () => {
    expect(positionShares(0).shares).toEqual(stageShares("early").shares);
    expect(positionShares(1).shares).toEqual(stageShares("mature").shares);
    const negZero = positionShares(-0);
    expect(negZero.label).toBe("position 0");
    expect(negZero.shares).toEqual(stageShares("early").shares);
  });

  it.each([Number.NaN, -0.5, -Number.MIN_VALUE, 1.0000001, 2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "refuses position %p",
    (p) => {
      expect(failure(() => positionShares(p))).toEqual({
        kind: "numberOutOfRange",
        message: `Life-cycle position ${p} is outside 0..1. Use 0 for early, 0.5 for growth, 1 for mature, or a value between.`,
      });
    },
  );
});

describe("customShares: the set it returns", () => {
  it("is labelled 'custom', the name the sheets and the CLI show for typed shares", () => {
    const set = customShares([40, 30, 20, 10]);
    expect(set.label).toBe("custom");
    expect(set.shares.map((s) => s.toString())).toEqual(["0.4", "0.3", "0.2", "0.1"]);
  });
});

describe("customShares: bad values say which share and what to fix", () => {
  it.each([
    [0, null, "buyback", "a blank"],
    [1, "", "stakers", "a blank"],
    [2, "40%", "insurance", '"40%"'],
    [3, true, "discount", "true"],
  ])("names share %i (%p) as the %s share and shows it as %s", (at, value, name, shown) => {
    const values: unknown[] = [0.25, 0.25, 0.25, 0.25];
    values[at] = value;
    expect(failure(() => customShares(values))).toEqual({
      kind: "invalidValue", message: `The ${name} share must be a number; got ${shown}. ${HELP}`,
    });
  });

  it.each([[Number.NaN, "NaN"], [Number.POSITIVE_INFINITY, "Infinity"]])("refuses the non-finite share %p as no number, naming it", (value, shown) => {
    expect(failure(() => customShares([0.25, value, 0.25, 0.5]))).toEqual({
      kind: "invalidValue", message: `The stakers share must be a number; got ${shown}. ${HELP}`,
    });
  });

  it("names the custom buckets it is given", () => {
    expect(failure(() => customShares([0.5, "half"], TWO_BUCKETS))).toEqual({
      kind: "invalidValue",
      message: 'The lps share must be a number; got "half". ' + stageHelp(TWO_BUCKETS),
    });
  });

  it("refuses a negative share, naming it", () => {
    expect(failure(() => customShares([0.5, -0.1, 0.3, 0.3]))).toEqual({
      kind: "numberOutOfRange", message: `The stakers share is negative (-0.1); shares must be 0 or more. ${HELP}`,
    });
  });

  it("refuses the wrong number of values, listing the buckets", () => {
    expect(failure(() => customShares([0.5, 0.5]))).toEqual({
      kind: "invalidValue",
      message: "Custom shares need exactly 4 values, one per bucket (buyback, stakers, insurance, discount); got 2.",
    });
    expect(failure(() => customShares([1], TWO_BUCKETS))).toEqual({
      kind: "invalidValue", message: "Custom shares need exactly 2 values, one per bucket (treasury, lps); got 1.",
    });
  });
});

describe("resolveShares: what a stage may be", () => {
  it.each(["", "   ", "\t"])("asks for a stage when given the blank text %p", (text) => {
    expect(failure(() => resolveShares(text))).toEqual({ kind: "invalidValue", message: `Give a stage. ${HELP}` });
  });

  it("quotes an unknown stage without the spaces around it", () => {
    expect(failure(() => resolveShares("  seedling "))).toEqual({
      kind: "invalidValue", message: `Unknown stage "seedling". ${HELP}`,
    });
  });

  it("reads a position typed as text", () => {
    expect(resolveShares(" 0.25 ")).toEqual(positionShares(0.25));
  });

  it("passes a resolved share set through unchanged", () => {
    const growth = stageShares("growth");
    expect(resolveShares(growth)).toBe(growth);
  });

  it.each([null, undefined, true, {}, { label: "growth" }])("asks for a stage when given %p", (input) => {
    expect(failure(() => resolveShares(input as unknown as StageInput))).toEqual({
      kind: "invalidValue", message: `Give a stage. ${HELP}`,
    });
  });
});
