// The custom functions' adapter helpers (functions/cells.ts, amounts.ts,
// broadcast.ts, limits.ts, names.ts, results.ts, excelErrors.ts, stage.ts)
// called directly: how each reads an Excel value, and the message it gives
// for one it refuses. The TOKEN.* suites reach them through whole calls;
// these pin the edges a whole call hides (written against mutation testing).
import { ARCHETYPE_INDEX, FEE_BUCKETS, resolveShares, stageShares, TokenError } from "../src";
import { cellsOf, describe as describeValue, isBlank, isBlankText, oneCell, readFlag, readNumber, shapeOf, toGrid, vectorOf } from "../functions/cells";
import { expectTokenError } from "./helpers/tokenError";
import { centsToCell, EXCEL_MAX_CENTS, optionalAmount, readLimits, revenueCents } from "../functions/amounts";
import { broadcast, broadcastShape } from "../functions/broadcast";
import { boundedRows, checkOutputSize, MAX_OUTPUT_CELLS } from "../functions/limits";
import { badInput, invalidValueCell, outOfRange, toExcelError } from "../functions/excelErrors";
import { isErrorCell, resolveGrid } from "../functions/names";
import { oneValue, spill, spillMaybeLater } from "../functions/results";
import { readStage, shareNumbers } from "../functions/stage";
import { readChecklist } from "../functions/checklist";
import { createRuntime } from "./helpers/excelRuntime";

describe("cells: blanks", () => {
  test.each([[null], [undefined], [""], ["   "], ["\t"]])("%j is blank", (v) => {
    expect(isBlank(v)).toBe(true);
    expect(isBlankText(v)).toBe(true);
  });

  test.each([[0], [" x "], [false], [[]], ["0"]])("%j is not blank", (v) => {
    expect(isBlank(v)).toBe(false);
  });

  test("0 is a blank name (Excel desktop's empty cell) but not a blank value", () => {
    expect(isBlankText(0)).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlankText(1)).toBe(false);
    expect(isBlankText("a")).toBe(false);
  });
});

describe("cells: a value as a message shows it", () => {
  test.each([
    [null, "a blank"],
    [" ", "a blank"],
    [true, "TRUE"],
    [false, "FALSE"],
    ["abc", '"abc"'],
    [12.5, "12.5"],
    [[1, 2], "a list of values"],
    [{}, "object"],
  ])("%j reads as %s", (v, text) => {
    expect(describeValue(v)).toBe(text);
  });
});

describe("cells: grids", () => {
  test("a single value is a 1x1 grid; a flat list is one row; a 2-D array stays as it is", () => {
    expect(toGrid(5, "x")).toEqual([[5]]);
    expect(toGrid([1, 2, 3], "x")).toEqual([[1, 2, 3]]);
    const g = [[1, 2], [3, 4]];
    expect(toGrid(g, "x")).toBe(g);
  });

  test("an empty range is refused, naming the argument", () => {
    expectTokenError(() => toGrid([], "revenue"), "invalidValue", /^The revenue range is empty\.$/);
  });

  test.each([
    ["rows of different widths", [[1, 2], [3]]],
    ["an empty first row", [[], []]],
    ["a row mixed with plain values", [[1], 2]],
    ["a plain value before a row", [1, [2]]],
    ["a row beside a one-letter text", [["a"], "b"]],
  ])("%s are refused as not a rectangle", (_, v) => {
    expectTokenError(() => toGrid(v, "stage"), "invalidValue", /^The stage range is not a rectangle of cells; select a block/);
  });

  test("shape, vector and cells", () => {
    expect(shapeOf([[1, 2, 3], [4, 5, 6]])).toBe("2x3");
    expect(vectorOf([[1, 2, 3]], "x")).toEqual([1, 2, 3]);
    expect(vectorOf([[1], [2], [3]], "x")).toEqual([1, 2, 3]);
    expect(vectorOf([[7]], "x")).toEqual([7]);
    expectTokenError(() => vectorOf([[1, 2], [3, 4]], "answers"), "invalidValue", /^Give the answers as one row or one column; got a 2x2 range\.$/);
    expect(cellsOf([[1, 2], [3, 4]])).toEqual([1, 2, 3, 4]);
  });

  test("one cell: a value or a 1x1 range; a row or a column is refused with its shape", () => {
    expect(oneCell(3, "x")).toBe(3);
    expect(oneCell([[3]], "x")).toBe(3);
    expectTokenError(() => oneCell([[1, 2]], "seed"), "invalidValue", /^The seed must be a single cell; got a 1x2 range\.$/);
    expectTokenError(() => oneCell([[1], [2]], "seed"), "invalidValue", /^The seed must be a single cell; got a 2x1 range\.$/);
  });
});

describe("cells: flags", () => {
  test.each([
    [null, false], ["", false], [true, true], [false, false], [1, true], [0, false], [-2, true], [0.5, true],
    ["TRUE", true], [" true ", true], ["False", false], ["FALSE", false], [[[true]], true],
  ])("%j reads as %j", (v, flag) => {
    expect(readFlag(v, "as_score")).toBe(flag);
  });

  test.each([["yes", '"yes"'], ["1", '"1"'], [Number.NaN, "NaN"], [Infinity, "Infinity"], [{}, "object"]])("%p is refused", (v, shown) => {
    expectTokenError(() => readFlag(v, "as_score"), "invalidValue", new RegExp(`^The as_score argument must be TRUE or FALSE; got ${shown}\\.$`));
  });
});

describe("cells: numbers", () => {
  test("blank is undefined; numbers and numeric text are read; -0 becomes 0", () => {
    expect(readNumber(null, "seed")).toBeUndefined();
    expect(readNumber(" ", "seed")).toBeUndefined();
    expect(readNumber(12, "seed")).toBe(12);
    expect(readNumber("1,234.5", "seed")).toBe(1234.5);
    expect(Object.is(readNumber(-0, "seed"), 0)).toBe(true);
    expect(Object.is(readNumber([[-0]], "seed"), 0)).toBe(true);
  });

  test.each([[true, "TRUE"], [Infinity, "Infinity"], [Number.NaN, "NaN"], [{}, "object"]])("%p is refused as not a number", (v, shown) => {
    expectTokenError(() => readNumber(v, "seed"), "invalidValue", new RegExp(`^The seed must be a number; got ${shown}\\.$`));
  });

  test("text that is not a number is refused by the core's convention, naming the argument", () => {
    let caught: unknown;
    try {
      readNumber("1.000,50", "seed");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TokenError);
    expect((caught as TokenError).message).toMatch(/seed/);
  });
});

describe("amounts", () => {
  test("cents to a cell: 123456 cents shows 1234.56; -0 shows 0; one cent past Excel's 15 digits is refused with the fix", () => {
    expect(centsToCell(123_456, "fund", "Fix it.")).toBe(1234.56);
    expect(Object.is(centsToCell(-0, "fund", "Fix it."), 0)).toBe(true);
    expect(centsToCell(EXCEL_MAX_CENTS, "fund", "Fix it.")).toBe(EXCEL_MAX_CENTS / 100);
    expectTokenError(() => centsToCell(EXCEL_MAX_CENTS + 1, "insurance fund balance", "Give the amounts in thousands."), "numberOutOfRange",
      /^The insurance fund balance is too large to return to the cent \(Excel keeps 15 digits, so the most is 9999999999999\.99\)\. Give the amounts in thousands\.$/);
  });

  test("a revenue cell: numbers and numeric text to cents, -0 to 0, TRUE refused as not a number", () => {
    expect(revenueCents(12.34)).toBe(1234);
    expect(revenueCents("$1,000.50")).toBe(100_050);
    expect(Object.is(revenueCents(-0), 0)).toBe(true);
    expectTokenError(() => revenueCents(true), "invalidValue", /^The revenue must be a number; got TRUE\.$/);
    expectTokenError(() => revenueCents(false), "invalidValue", /^The revenue must be a number; got FALSE\.$/);
  });

  test("an optional amount: blank is not set, numbers and text pass through for the core, anything else is refused", () => {
    expect(optionalAmount(null, "cap")).toBeUndefined();
    expect(optionalAmount([[" "]], "cap")).toBeUndefined();
    expect(optionalAmount(5, "cap")).toBe(5);
    expect(optionalAmount("1,000", "cap")).toBe("1,000");
    expectTokenError(() => optionalAmount(true, "staker cap"), "invalidValue", /^The staker cap must be a number; got TRUE\.$/);
  });

  test("limits in order: buyback cap, staker cap, insurance floor, discount cap; blanks are left out", () => {
    expect(readLimits([1, 2, 3, 4])).toStrictEqual({ caps: { buyback: 1, stakers: 2, discount: 4 }, floors: { insurance: 3 } });
    const some = readLimits([null, 2, null]);
    expect(some).toStrictEqual({ caps: { stakers: 2 }, floors: {} });
    expect(Object.keys(some.caps)).toEqual(["stakers"]);
    expect(readLimits([])).toStrictEqual({ caps: {}, floors: {} });
  });

  test("a bad limit is named by its constraint", () => {
    expectTokenError(() => readLimits([null, null, true]), "invalidValue", /^The insurance floor must be a number; got TRUE\.$/i);
  });
});

describe("broadcast", () => {
  const names = ["left", "right"] as const;
  const pair = (x: number, y: number): string => `${x}${y}`;

  test("same sizes pair cell by cell; a single cell meets every cell; a column against a row gives the table", () => {
    expect(broadcast([[1, 2], [3, 4]], [[5, 6], [7, 8]], pair, names)).toEqual([["15", "26"], ["37", "48"]]);
    expect(broadcast([[1]], [[5, 6], [7, 8]], pair, names)).toEqual([["15", "16"], ["17", "18"]]);
    expect(broadcast([[5, 6], [7, 8]], [[1]], pair, names)).toEqual([["51", "61"], ["71", "81"]]);
    expect(broadcast([[1], [2]], [[5, 6, 7]], pair, names)).toEqual([["15", "16", "17"], ["25", "26", "27"]]);
    expect(broadcast([[5, 6, 7]], [[1], [2]], pair, names)).toEqual([["51", "61", "71"], ["52", "62", "72"]]);
    expect(broadcast([[1, 2]], [[5, 6], [7, 8]], pair, names)).toEqual([["15", "26"], ["17", "28"]]);
    expect(broadcast([[1], [2]], [[5, 6], [7, 8]], pair, names)).toEqual([["15", "16"], ["27", "28"]]);
  });

  test("ranges that do not line up are refused with both shapes and names", () => {
    expectTokenError(() => broadcastShape([[1, 2, 3]], [[1, 2]], names), "invalidValue",
      /^The left \(1x3\) and right \(1x2\) ranges do not line up\. Give ranges of the same size, a single cell, or a column against a row to get every pair\.$/);
    expectTokenError(() => broadcastShape([[1], [2]], [[1], [2], [3]], names), "invalidValue", /left \(2x1\) and right \(3x1\)/);
  });

  test("the shape is checked against the output limit before anything is built", () => {
    const tall = { length: 1001, 0: [1] } as unknown as number[][];
    const wide = [new Array<number>(1000).fill(1)];
    expect(broadcastShape([[1], [2]], [[1, 2, 3]], names)).toEqual([2, 3]);
    expectTokenError(() => broadcastShape(tall, wide, names), "invalidValue", /1,001 x 1,000 cells.*Give left and right ranges that cover only your data/);
  });
});

describe("limits", () => {
  test("exactly the most cells passes; one more is refused with both counts and the limit", () => {
    expect(() => checkOutputSize(1000, 1000, "x")).not.toThrow();
    expect(() => checkOutputSize(MAX_OUTPUT_CELLS, 1, "x")).not.toThrow();
    expectTokenError(() => checkOutputSize(1001, 1000, "revenues"), "invalidValue",
      /^The result would be 1,001 x 1,000 cells; a call returns at most 1,000,000\. Give revenues that cover only your data, not whole columns or rows\.$/);
  });

  test("a long revenue column is cut after its last non-blank cell; still too long, refused", () => {
    const short = [1, 2, 3];
    expect(boundedRows(short, 4, "r")).toBe(short);
    const atLimit = new Array<unknown>(250_000).fill(1);
    expect(boundedRows(atLimit, 4, "r")).toBe(atLimit);
    const column = new Array<unknown>(300_000).fill(null);
    column[0] = 5;
    column[9] = 7;
    column[5] = "";
    expect(boundedRows(column, 4, "r")).toEqual([5, null, null, null, null, "", null, null, null, 7]);
    const blanks = new Array<unknown>(300_000).fill(null);
    expect(boundedRows(blanks, 4, "r")).toEqual([null]);
    const full = new Array<unknown>(300_000).fill(1);
    expectTokenError(() => boundedRows(full, 4, "a revenue range"), "invalidValue", /300,000 x 4 cells.*Give a revenue range that cover/);
  });
});

// The stand-in runtime as the global CustomFunctions, as Excel provides it when a function runs.
const runtime = createRuntime();
(globalThis as { CustomFunctions?: unknown }).CustomFunctions = runtime.CustomFunctions;
const CodeOf = (v: unknown): string => (v as { code: string }).code;
const MessageOf = (v: unknown): string => (v as { message: string }).message;

describe("excel errors", () => {
  test("the core's kinds map to the codes Excel shows a message beside: out of range is #VALUE!, not a bare #NUM!", () => {
    expect(CodeOf(toExcelError(badInput("fix a"), "F"))).toBe("#VALUE!");
    expect(MessageOf(toExcelError(badInput("fix a"), "F"))).toBe("fix a");
    expect(CodeOf(toExcelError(outOfRange("fix b"), "F"))).toBe("#VALUE!");
    expect(MessageOf(toExcelError(outOfRange("fix b"), "F"))).toBe("fix b");
    expect(CodeOf(toExcelError(new TokenError("notAvailable", "none yet"), "F"))).toBe("#N/A");
    expect(badInput("x").kind).toBe("invalidValue");
    expect(outOfRange("x").kind).toBe("numberOutOfRange");
  });

  test("a bug is still a #VALUE! value that names the function and the cause", () => {
    const fromError = toExcelError(new RangeError("boom"), "STRESS");
    expect(CodeOf(fromError)).toBe("#VALUE!");
    expect(MessageOf(fromError)).toBe("TOKEN.STRESS failed unexpectedly (boom). Please report it with the inputs used.");
    expect(MessageOf(toExcelError("odd", "SPLIT"))).toBe("TOKEN.SPLIT failed unexpectedly (odd). Please report it with the inputs used.");
  });

  test("invalidValueCell is a #VALUE! carrying the message", () => {
    const cell = invalidValueCell("say why");
    expect(cell).toBeInstanceOf(runtime.CustomFunctions.Error);
    expect(CodeOf(cell)).toBe("#VALUE!");
    expect(MessageOf(cell)).toBe("say why");
  });
});

describe("results", () => {
  test("spill returns the body's rows, or one cell holding the error", () => {
    expect(spill("F", () => [[1, 2]])).toEqual([[1, 2]]);
    const out = spill("F", () => { throw badInput("bad stage"); });
    expect(out).toHaveLength(1);
    expect(out[0]).toHaveLength(1);
    expect(MessageOf(out[0]![0])).toBe("bad stage");
  });

  test("spillMaybeLater: a value now, a Promise later, and a rejection or a throw as the one-cell error", async () => {
    expect(spillMaybeLater("F", () => [[3]])).toEqual([[3]]);
    await expect(spillMaybeLater("F", () => Promise.resolve([[4]]))).resolves.toEqual([[4]]);
    const rejected = await spillMaybeLater("F", () => Promise.reject(badInput("too many paths")));
    expect(rejected).toHaveLength(1);
    expect(MessageOf(rejected[0]![0])).toBe("too many paths");
    const thrown = spillMaybeLater("F", () => { throw badInput("no months"); }) as unknown[][];
    expect(Array.isArray(thrown)).toBe(true);
    expect(MessageOf(thrown[0]![0])).toBe("no months");
  });

  test("oneValue returns the value or the error in its cell", () => {
    expect(oneValue("F", () => 7)).toBe(7);
    expect(CodeOf(oneValue("F", () => { throw badInput("ten answers"); }))).toBe("#VALUE!");
  });
});

describe("names", () => {
  test("an error cell is an object; ids and blanks are not", () => {
    expect(isErrorCell(invalidValueCell("x"))).toBe(true);
    expect(isErrorCell("defi")).toBe(false);
    expect(isErrorCell("")).toBe(false);
    expect(isErrorCell(null)).toBe(false);
  });

  test("each cell resolves: ids, blanks (0 too) as empty, and one shared error per unknown value", () => {
    const out = resolveGrid([["defi", 0, "nope"], [" ", "nope", 5]], ARCHETYPE_INDEX);
    expect(out[0]![0]).toBe("defi");
    expect(out[0]![1]).toBe("");
    expect(out[1]![0]).toBe("");
    expect(MessageOf(out[0]![2])).toMatch(/^Unknown archetype "nope"\. Use one of /);
    expect(out[1]![1]).toBe(out[0]![2]);
    expect(MessageOf(out[1]![2])).toMatch(/^Give an archetype name: one of /);
  });
});

describe("stage", () => {
  const GROWTH = stageShares("growth");
  test("one cell names a stage or a position; a row or a column gives custom shares", () => {
    expect(readStage("growth").shares.map(String)).toEqual(GROWTH.shares.map(String));
    expect(readStage([["growth"]]).shares.map(String)).toEqual(GROWTH.shares.map(String));
    expect(readStage(0.5).shares.map(String)).toEqual(resolveShares(0.5).shares.map(String));
    expect(shareNumbers(readStage([[40, 30, 10, 20]]))).toEqual([0.4, 0.3, 0.1, 0.2]);
    expect(shareNumbers(readStage([[40], [30], [10], [20]]))).toEqual([0.4, 0.3, 0.1, 0.2]);
  });

  test("a blank, a boolean or a wrongly sized range is refused with the stage help", () => {
    expectTokenError(() => readStage(null), "invalidValue", /^Give a stage\. \S/);
    expectTokenError(() => readStage([[true]]), "invalidValue", /^The stage must be a name or a number; got TRUE\. \S/);
    expectTokenError(() => readStage([[1, 2, 3]]), "invalidValue", new RegExp(`^The stage must be one cell or a row of ${FEE_BUCKETS.length} shares; got a 1x3 range\\. \\S`));
    expectTokenError(() => readStage([[1], [2], [3]]), "invalidValue", /got a 3x1 range/);
    expectTokenError(() => readStage([[1, 2, 3, 4], [1, 2, 3, 4]]), "invalidValue", /got a 2x4 range/);
    expectTokenError(() => readStage([[1, 2], [3, 4], [5, 6], [7, 8]]), "invalidValue", /got a 4x2 range/);
  });

  test("a -0 share reads as 0", () => {
    const numbers = shareNumbers(readStage([[-0, 50, 25, 25]]));
    expect(Object.is(numbers[0], 0)).toBe(true);
  });
});

describe("checklist and stage messages name what to give", () => {
  test("a block of answers asks for the ten answers in one row or column", () => {
    expectTokenError(() => readChecklist([[1, 2], [3, 4]]), "invalidValue", /^Give the 10 answers as one row or one column; got a 2x2 range\.$/);
    expectTokenError(() => readChecklist([]), "invalidValue", /^The answers range is empty\.$/);
  });

  test("an empty or ragged stage range is named as the stage", () => {
    expectTokenError(() => readStage([]), "invalidValue", /^The stage range is empty\.$/);
    expectTokenError(() => readStage([[1, 2], [3]]), "invalidValue", /^The stage range is not a rectangle/);
  });
});
