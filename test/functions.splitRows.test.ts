// TOKEN.SPLIT's and TOKEN.TEMPLATE's adapters (functions/split.ts,
// functions/template.ts) and the cap rules' readers (src/capRules.ts) called
// directly: how a bucket table with room to grow is read, what each refusal
// names (written against the mutants a whole call leaves alive).
import { buybackCapFromVolume, stakerCapFromApr, toFraction } from "../src";
import { splitRows } from "../functions/split";
import { templateRows } from "../functions/template";
import { expectTokenError } from "./helpers/tokenError";

const split = (buckets: unknown, shares: unknown, caps: unknown = null, floors: unknown = null, excessTo: unknown = null): unknown =>
  splitRows(1000, buckets, shares, caps, floors, excessTo, "SPLIT");

describe("SPLIT reads a bucket table with room to grow", () => {
  it("drops trailing rows with no name and no share (blank or Excel desktop's 0)", () => {
    expect(split([["a", "b", "", null]], [[60, 40, 0, null]])).toEqual([[600, 400]]);
    expect(split([["a", "b", 0]], [[60, 40, ""]])).toEqual([[600, 400]]);
    // A trailing blank name past the last share is dropped too.
    expect(split([["a", "b", ""]], [[60, 40]])).toEqual([[600, 400]]);
    // A column works as a row does.
    expect(split([["a"], ["b"], [""]], [[60], [40], [0]])).toEqual([[600, 400]]);
  });

  it("keeps a blank name that still has a share, and says which bucket needs a name", () => {
    expectTokenError(() => split([["a", "b", ""]], [[50, 40, 10]]), "invalidValue", /^Bucket 3 has no name/);
    expectTokenError(() => split([["a", "", "c"]], [[50, 0, 50]]), "invalidValue", /^Bucket 2 has no name/);
  });

  it("keeps a trailing share with no bucket, so the lengths disagree and the message says so", () => {
    expectTokenError(() => split([["a", "b"]], [[50, 40, 10]]), "invalidValue", /^The shares row has 3 values but there are 2 buckets/);
    expectTokenError(() => split([["a", "b", "c"]], [[60, 40]]), "invalidValue", /^The shares row has 2 values but there are 3 buckets/);
  });

  it("reads a blank share inside the table as 0 and a numeric text share as its number", () => {
    expect(split([["a", "b", "c"]], [[60, null, 40]])).toEqual([[600, 0, 400]]);
    expect(split([["a", "b"]], [[" 60 ", "40"]])).toEqual([[600, 400]]);
    // "-0" is a zero share; the cell shows 0, never -0.
    expect(Object.is((split([["a", "b"]], [["-0", "100"]]) as number[][])[0]![0], 0)).toBe(true);
  });

  it("names the argument whose shape is wrong", () => {
    expectTokenError(() => split([["a", "b"], ["c", "d"]], [[25, 25], [25, 25]]), "invalidValue", /^Give the buckets as one row or one column; got a 2x2 range\./);
    expectTokenError(() => split([["a", "b"]], [[25, 25], [25, 25]]), "invalidValue", /^Give the shares as one row or one column; got a 2x2 range\./);
    expectTokenError(() => split([["a", "b"]], [[50, 50]], [[1, 2], [3, 4]]), "invalidValue", /^Give the caps as one row or one column/);
    expectTokenError(() => split([["a", "b"]], [[50, 50]], null, [[1, 2], [3, 4]]), "invalidValue", /^Give the floors as one row or one column/);
    // A script caller's ragged or empty list: the message names the argument too.
    expectTokenError(() => split([["a", "b"], ["c"]], [[50, 50]]), "invalidValue", /^The buckets range is not a rectangle of cells/);
    expectTokenError(() => split([["a", "b"]], [[50, 50], [1]]), "invalidValue", /^The shares range is not a rectangle of cells/);
    expectTokenError(() => split([], [[50, 50]]), "invalidValue", /^The buckets range is empty\.$/);
    expectTokenError(() => split([["a", "b"]], [[50, 50]], null, null, [["a", "b"]]), "invalidValue", /^The excess_to must be a single cell; got a 1x2 range\.$/);
  });
});

describe("SPLIT's caps and floors rows", () => {
  it("blank, a single blank cell or 0 means none", () => {
    expect(split([["a", "b"]], [[50, 50]], null, null)).toEqual([[500, 500]]);
    expect(split([["a", "b"]], [[50, 50]], [[""]], [[null]])).toEqual([[500, 500]]);
    expect(split([["a", "b"]], [[50, 50]], [[0, ""]], [[0, 0]])).toEqual([[500, 500]]);
  });

  it("a row as long as a table with room to grow is fine when the extra cells are blank", () => {
    expect(split([["a", "b"]], [[50, 50]], [[100, "", "", ""]])).toEqual([[100, 900]]);
    expectTokenError(() => split([["a", "b"]], [[50, 50]], [[100, "", 5]]), "invalidValue", /^The caps row has 3 values but there are 2 buckets/);
    // One value past the table among blanks is still a value: refused, never dropped.
    expectTokenError(() => split([["a", "b"]], [[50, 50]], [[100, "", 5, ""]]), "invalidValue", /^The caps row has 4 values but there are 2 buckets/);
  });

  it("a blank first cell is one bucket with no cap, not a missing row", () => {
    expect(split([["a", "b"]], [[50, 50]], [["", 100]])).toEqual([[900, 100]]);
    expect(split([["a", "b"]], [[50, 50]], null, [[null, 600]])).toEqual([[400, 600]]);
  });

  it("a bad cap or floor is named: by its bucket for text, by its position for a value that is no amount", () => {
    expectTokenError(() => split([["a", "b"]], [[50, 50]], [[100, "lots"]]), "invalidValue", /^The b cap must be a number; got "lots"/);
    expectTokenError(() => split([["a", "b"]], [[50, 50]], [[100, true]]), "invalidValue", /^The cap 2 must be a number; got TRUE\.$/);
    expectTokenError(() => split([["a", "b"]], [[50, 50]], null, [[false, 1]]), "invalidValue", /^The floor 1 must be a number; got FALSE\.$/);
  });

  it("excess_to takes a name; blank is pro rata; a number is refused", () => {
    expect(split([["a", "b", "c"]], [[50, 25, 25]], [[100, "", ""]], null, "c")).toEqual([[100, 250, 650]]);
    expect(split([["a", "b", "c"]], [[50, 25, 25]], [[100, "", ""]], null, "")).toEqual([[100, 450, 450]]);
    expect(split([["a", "b", "c"]], [[50, 25, 25]], [[100, "", ""]], null, [[null]])).toEqual([[100, 450, 450]]);
    expectTokenError(() => split([["a", "b"]], [[50, 50]], null, null, 5), "invalidValue", /^excess_to must be a bucket name; got 5\./);
  });
});

describe("TEMPLATE's refusals", () => {
  it("names what to fix", () => {
    expectTokenError(() => templateRows("defi", null), "invalidValue", /^Give a stage\. Use early, growth or mature, or a life-cycle position from 0 \(early\) to 1 \(mature\)\.$/);
    expectTokenError(() => templateRows("defi", " late-ish "), "invalidValue", /^Unknown stage "late-ish"\. Use early, growth or mature/);
    expectTokenError(() => templateRows("defi", true), "invalidValue", /^The stage must be a name or a number; got TRUE\. Use early, growth or mature/);
    expectTokenError(() => templateRows([["defi", "l1"]], "growth"), "invalidValue", /archetype/);
    expectTokenError(() => templateRows("defi", [["early", "growth"]]), "invalidValue", /stage/);
  });
});

describe("cap rules: what each refusal names", () => {
  it("a share that is not one says what it got", () => {
    expect(() => toFraction(null, "staker APR cap")).toThrow(/^The staker APR cap must be a share such as 5% or 0\.05; got a blank\.$/);
    expect(() => toFraction(undefined, "x")).toThrow(/got a blank\.$/);
    expect(() => toFraction(true, "x")).toThrow(/got boolean\.$/);
    expect(() => toFraction(" -5% ", "x")).toThrow(/^The x is negative \(-5%\): give 0% or more\.$/);
    expect(() => toFraction(" 150% ", "x")).toThrow(/^The x is above 100% \(150%\)/);
  });

  it("each rule names its inputs", () => {
    expect(() => buybackCapFromVolume("lots", 0.05)).toThrow(/token volume/);
    expect(() => buybackCapFromVolume(100, "lots")).toThrow(/buyback maximum share of volume/);
    expect(() => stakerCapFromApr("lots", 0.05)).toThrow(/staked value/);
    expect(() => stakerCapFromApr(100, "lots")).toThrow(/staker maximum APR/);
  });

  it("rounds a rule's cap down to the cent", () => {
    expect(buybackCapFromVolume(100.01, 0.05)).toBe(500); // 5.0005 -> 5.00
    expect(stakerCapFromApr(100, 0.07)).toBe(58); // 0.58333 -> 0.58
  });
});
