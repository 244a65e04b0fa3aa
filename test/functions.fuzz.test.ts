// Random Excel-like input for every function: whatever arrives, the result is
// a well-formed value or an error carrying a message. Never a throw, NaN,
// Infinity or -0; and every FEESPLIT row that computes adds up to its revenue.
import DecimalJs from "decimal.js";
import fc from "fast-check";
import { callExcel, excelError, grid, harness, isExcelError, metadataOf, resultProblem } from "./helpers/functionsHarness";

const NUM_RUNS = process.env.CI ? 10_000 : 1_000;

/** The cent amount a revenue cell stands for: the decimal the user typed, half-up. An independent oracle. */
const ExactDecimal = DecimalJs.clone({ precision: 60 });
const revenueCents = (v: number | string): number =>
  new ExactDecimal(typeof v === "number" ? String(v) : v.replace(/[$,\s]/g, "")).times(100).toDecimalPlaces(0, DecimalJs.ROUND_HALF_UP).toNumber();

const words = fc.constantFrom(
  "", " ", "growth", "EARLY", " mature ", "0.5", "1.5", "1,000", "$2.50", "-3", "1e400", "NaN", "exchange", "Exchange / Marketplace",
  "l1", "media", "buyback", "ve-lock", "fee-share", "discount", "governance", "solid", "partial", "undecided", "yes", "TRUE", "FALSE", "#N/A",
);
const numbers = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 0.005, 0.015, 1e-300, 5e-324, 1e13, 1e15, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Infinity, -Infinity, NaN),
);
/** One cell as Excel (or a careless script) might pass it. */
const cell = fc.oneof(numbers, fc.string({ maxLength: 12 }), words, fc.boolean(), fc.constant(null), fc.constant(undefined));
/** A rectangular range. */
const range = fc.integer({ min: 1, max: 4 }).chain((rows) =>
  fc.integer({ min: 1, max: 13 }).chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })),
);
/** Shapes Excel never sends: empty, flat, ragged, three deep, an object. */
const oddShape = fc.oneof(
  fc.constant([]), fc.constant([[]]), fc.array(cell, { maxLength: 5 }),
  fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 4 }),
  fc.array(fc.array(fc.array(cell, { maxLength: 2 }), { maxLength: 2 }), { maxLength: 2 }),
  fc.constant({}),
);
const argument = fc.oneof({ weight: 4, arbitrary: cell }, { weight: 4, arbitrary: range }, { weight: 1, arbitrary: oddShape });

describe.each(harness().metadata.functions.map((f) => f.id))("TOKEN.%s under random input", (id) => {
  test("returns a well-formed value or an error with a message, and never throws", () => {
    const arity = metadataOf(id).parameters.length;
    fc.assert(
      fc.property(fc.array(argument, { minLength: arity, maxLength: arity }), (args) => {
        const result = callExcel(id, ...args);
        const problem = resultProblem(id, result);
        if (problem) throw new Error(`${problem} for ${id}(${JSON.stringify(args)})`);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe("TOKEN.FEESPLIT rows", () => {
  const revenue = fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: 0, max: 1e13, noNaN: true }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 1e12 }).map((c) => c / 100) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 1e9 }).map((c) => `$${(c / 100).toLocaleString("en-US")}`) },
    { weight: 1, arbitrary: cell },
  );
  const stage = fc.oneof(
    fc.constantFrom("early", "growth", "mature", "Growth"),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.tuple(fc.nat(33), fc.nat(33), fc.nat(33)).map(([a, b, c]) => [[a, b, c, 100 - a - b - c]]),
  );
  const limit = fc.oneof(fc.constant(null), fc.constant(undefined), fc.double({ min: 0, max: 1e12, noNaN: true }));

  test("each computed row adds up to its revenue to the cent; others are wholly blank or wholly one error", () => {
    let computed = 0;
    fc.assert(
      fc.property(fc.array(revenue, { minLength: 1, maxLength: 20 }), stage, limit, limit, limit, (revenues, st, cap1, cap2, floor) => {
        const out = grid(callExcel("FEESPLIT", revenues.map((r) => [r]), st, cap1, cap2, floor));
        if (out.length === 1 && out[0]!.length === 1) {
          excelError(out[0]![0]); // the whole call was refused: one error cell
          return;
        }
        expect(out).toHaveLength(revenues.length);
        out.forEach((row, i) => {
          expect(row).toHaveLength(4);
          const v = revenues[i];
          if (row.every((x) => x === "")) return;
          if (row.every(isExcelError)) {
            expect(new Set(row.map((e) => excelError(e).message)).size).toBe(1);
            return;
          }
          for (const x of row) expect(typeof x === "number" && x >= 0 && Number.isFinite(x)).toBe(true);
          const total = row.reduce<number>((s, x) => s + Math.round((x as number) * 100), 0);
          expect(total).toBe(revenueCents(v as number | string));
          computed++;
        });
      }),
      { numRuns: NUM_RUNS },
    );
    // Guards against a vacuous pass: most generated rows are valid and must have been checked.
    expect(computed).toBeGreaterThan(NUM_RUNS);
  });
});
