// Random Excel-like input for every function: whatever arrives, the result is
// a well-formed value or an error carrying a message. Never a throw, NaN,
// Infinity or -0; every FEESPLIT and SPLITPATH row that computes adds up to
// its revenue, SPLITPATH's fund carries, and STRESS's percentiles are ordered.
import DecimalJs from "decimal.js";
import fc from "fast-check";
import { ExactSplitter, FEE_BUCKETS, resolveShares, splitCents } from "../src/index";
import { monteCarlo } from "../src/stress";
import { callExcel, excelError, grid, harness, isExcelError, metadataOf, resultProblem } from "./helpers/functionsHarness";

// Mutation testing (npm run mutate) runs this file for many mutants: fewer runs there.
const NUM_RUNS = process.env.CI ? 10_000 : process.env.TOKEN_FUNCTIONS_FROM_SOURCE ? 200 : 1_000;
/** STRESS runs a Monte Carlo per call (1000 paths when omitted): fewer runs, and small paths and months in its own property. */
const STRESS_RUNS = 300;
const runsFor = (id: string): number => (id === "STRESS" ? STRESS_RUNS : NUM_RUNS);

/** The cent amount a revenue cell stands for: the decimal the user typed, half-up. An independent oracle. */
const ExactDecimal = DecimalJs.clone({ precision: 60 });
// "+ 0" turns a revenue typed as "-0" into 0: the cents add up to +0, and toBe tells -0 from 0.
const revenueCents = (v: number | string): number =>
  new ExactDecimal(typeof v === "number" ? String(v) : v.replace(/[$,\s]/g, "")).times(100).toDecimalPlaces(0, DecimalJs.ROUND_HALF_UP).toNumber() + 0;

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
      { numRuns: runsFor(id) },
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

const N = FEE_BUCKETS.length;
const INSURANCE = FEE_BUCKETS.findIndex((b) => b.id === "insurance");
const cents = (x: unknown): number => Math.round((x as number) * 100);
const stageArb = fc.oneof(
  fc.constantFrom("early", "growth", "mature", "Growth"),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.tuple(fc.nat(33), fc.nat(33), fc.nat(33)).map(([a, b, c]) => [[a, b, c, 100 - a - b - c]]),
);
const limitArb = fc.oneof(fc.constant(null), fc.constant(undefined), fc.double({ min: 0, max: 1e7, noNaN: true }));

describe("TOKEN.SPLITPATH rows", () => {
  const revenue = fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: 0, max: 1e9, noNaN: true }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 1e11 }).map((c) => c / 100) },
    { weight: 1, arbitrary: fc.constantFrom(null, "", undefined) },
    { weight: 1, arbitrary: cell },
  );
  const monthStage = fc.oneof({ weight: 8, arbitrary: fc.oneof(fc.constantFrom("early", "growth", "mature"), fc.double({ min: 0, max: 1, noNaN: true })) }, { weight: 1, arbitrary: cell });
  const start = fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e9, noNaN: true }));

  test("each computed row adds up to its revenue; the balance carries until a row errors; blank tails stay blank", () => {
    let computed = 0;
    fc.assert(
      fc.property(
        fc.array(revenue, { minLength: 1, maxLength: 30 }),
        fc.boolean(), fc.array(monthStage, { minLength: 30, maxLength: 30 }), stageArb, limitArb, limitArb, limitArb, start,
        (revenues, perMonth, monthStages, single, cap1, cap2, floor, startBalance) => {
          const stages = perMonth ? monthStages.slice(0, revenues.length).map((s) => [s]) : single;
          const out = grid(callExcel("SPLITPATH", revenues.map((r) => [r]), stages, cap1, cap2, floor, startBalance));
          if (out.length === 1 && out[0]!.length === 1) {
            excelError(out[0]![0]); // the whole call was refused: one error cell (a month's row is wider)
            return;
          }
          expect(out).toHaveLength(revenues.length);
          const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
          let end = revenues.length;
          while (end > 0 && isBlank(revenues[end - 1])) end--;
          let balance = cents(startBalance ?? 0);
          let broken = false;
          out.forEach((row, t) => {
            expect(row).toHaveLength(N + 1);
            if (t >= end) {
              expect(row.every((x) => x === "")).toBe(true);
              return;
            }
            if (row.every(isExcelError)) {
              expect(new Set(row.map((e) => excelError(e).message)).size).toBe(1);
              broken = true;
              return;
            }
            const amounts = row.slice(0, N);
            for (const x of amounts) expect(typeof x === "number" && x >= 0 && Number.isFinite(x)).toBe(true);
            const v = revenues[t];
            expect(amounts.reduce<number>((s, x) => s + cents(x), 0)).toBe(isBlank(v) ? 0 : revenueCents(v as number | string));
            if (broken) {
              expect(excelError(row[N]).message).toMatch(/cannot be carried past row/);
            } else {
              balance += cents(row[INSURANCE]);
              expect(cents(row[N])).toBe(balance);
            }
            computed++;
          });
        },
      ),
      { numRuns: NUM_RUNS },
    );
    expect(computed).toBeGreaterThan(NUM_RUNS);
  });
});

describe("TOKEN.STRESS tables", () => {
  const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> => fc.oneof({ weight: 9, arbitrary: arb }, { weight: 1, arbitrary: cell });

  test("a header, one row per bucket and the fund; P5 <= P50 <= P95 everywhere; or one error with a message", () => {
    let tables = 0;
    fc.assert(
      fc.property(
        maybe(fc.double({ min: 0, max: 1e7, noNaN: true })),
        maybe(fc.double({ min: -0.2, max: 0.2, noNaN: true })),
        maybe(fc.double({ min: 0, max: 1, noNaN: true })),
        maybe(fc.integer({ min: 1, max: 24 })),
        maybe(stageArb),
        maybe(fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 200 }))),
        maybe(fc.oneof(fc.constant(null), fc.integer({ min: -1e9, max: 1e9 }))),
        limitArb, limitArb, limitArb,
        (...args) => {
          const result = callExcel("STRESS", ...args);
          const problem = resultProblem("STRESS", result);
          if (problem) throw new Error(`${problem} for STRESS(${JSON.stringify(args)})`);
          const out = grid(result);
          if (out.length === 1 && out[0]!.length === 1) {
            expect(excelError(out[0]![0]).code).toBe("#VALUE!");
            return;
          }
          expect(out.length).toBeGreaterThanOrEqual(N + 2);
          expect(out.length).toBeLessThanOrEqual(N + 5);
          for (const row of out) expect(row).toHaveLength(7);
          expect(out[0]![0]).toMatch(/^seed -?\d+, \d+ paths, \d+ months$/);
          for (const row of out.slice(1, N + 2)) {
            for (const from of [1, 4]) {
              const [p5, p50, p95] = row.slice(from, from + 3);
              if (p5 === "") continue;
              expect(p5 as number).toBeLessThanOrEqual(p50 as number);
              expect(p50 as number).toBeLessThanOrEqual(p95 as number);
            }
          }
          for (const row of out.slice(N + 2)) expect((row[1] as number) >= 0 && (row[1] as number) <= 1).toBe(true);
          tables++;
        },
      ),
      { numRuns: STRESS_RUNS },
    );
    expect(tables).toBeGreaterThan(STRESS_RUNS / 4);
  });
});

/**
 * The shapes that once hung or crashed the runtime. Tests do not time
 * anything; each asserts the work is bounded by its structure: refused
 * before the output is allocated, one lookup per distinct name, or the
 * core's integer splitter taking every split (its fallback counter at 0).
 */
describe("bounded work on the shapes that hung or crashed", () => {
  const COLUMN = 1_048_576; // a whole Excel column
  const ROW = 16_384; // a whole Excel row

  test("a full column against a full row (=MECHFIT(A:A, 1:1)) is one #VALUE! that names the limit, not 17 billion cells", () => {
    const column = Array.from({ length: COLUMN }, () => [null]);
    const row = [new Array<null>(ROW).fill(null)];
    for (const id of ["MECHFIT", "MECHWHY"]) {
      const out = grid(callExcel(id, column, row));
      expect(out).toHaveLength(1);
      expect(excelError(out[0]![0])).toMatchObject({ code: "#VALUE!" });
      expect((out[0]![0] as { message: string }).message).toMatch(/1,048,576 x 16,384 cells; a call returns at most 1,000,000/);
    }
  });

  test("a full revenue column is cut after its last value; a full column of values is refused before any split", () => {
    const column: unknown[][] = Array.from({ length: COLUMN }, () => [null]);
    column[2] = [100];
    const cut = grid(callExcel("FEESPLIT", column, "growth"));
    expect(cut).toHaveLength(3);
    expect(cut[2]).toEqual([40, 30, 10, 20]);
    const full = grid(callExcel("FEESPLIT", Array.from({ length: COLUMN }, () => [1]), "growth"));
    expect(full).toHaveLength(1);
    expect((full[0]![0] as { message: string }).message).toMatch(/at most 1,000,000/);
    const path = grid(callExcel("SPLITPATH", Array.from({ length: COLUMN }, () => [1]), "growth"));
    expect(path).toHaveLength(1);
    expect((path[0]![0] as { message: string }).message).toMatch(/at most 1,000,000/);
  });

  test("1000 x 1000 unknown names: every cell an error naming its text, each built once per distinct name", () => {
    const archetypes = Array.from({ length: 1000 }, (_, i) => [`no such archetype ${i}`]);
    const mechanics = [Array.from({ length: 1000 }, (_, i) => `no such mechanic ${i}`)];
    const out = grid(callExcel("MECHFIT", archetypes, mechanics));
    expect(out).toHaveLength(1000);
    expect(out.every((r) => r.length === 1000)).toBe(true);
    out.forEach((r, i) => {
      expect((r[0] as { message: string }).message).toContain(`no such archetype ${i}`);
      expect(r.every((c) => c === r[0])).toBe(true); // one error object per distinct name, shared
    });
    // A range with one typo repeated a million times costs one lookup and one message.
    const repeated = grid(callExcel("MECHFIT", Array.from({ length: 1000 }, () => ["typo"]), [Array.from({ length: 1000 }, () => "buyback")]));
    expect(new Set(repeated.flat()).size).toBe(1);
  });

  // 28 s: the CI and `npm test` run it, mutation runs do not (test/helpers/mutationEnv.js).
  (process.env.TOKEN_MUTATION_RUN ? test.skip : test)("1/3 shares at the STRESS limits: a well-formed table, every split on the integer path", async () => {
    const thirds = [[1 / 3, 1 / 3, 1 / 3, 0]];
    // A run this size answers with a Promise (it yields between chunks).
    const table = grid(await callExcel("STRESS", 10_000_000, 0.01, 0.2, 120, thirds, 20_000, 7, 4_000_000, 3_000_000, 500_000));
    expect(resultProblem("STRESS", table)).toBeNull();
    expect(String(table[0]![0])).toBe("seed 7, 20000 paths, 120 months");
    // The same run in the core reports how many month-splits left the integer splitter: none.
    const result = monteCarlo({
      revenue: 10_000_000, growth: 0.01, volatility: 0.2, months: 120, paths: 20_000, seed: 7, stage: resolveShares(thirds[0]!),
      caps: { buyback: 4_000_000, stakers: 3_000_000 }, floors: { insurance: 500_000 },
    });
    expect(result.slowSplits).toBe(0);
  });

  test("FEESPLIT of 100,000 capped rows with computed shares: every split on the integer path", () => {
    const raw = [3, 7, 11, 13];
    const shares = resolveShares(raw.map((x) => x / 34)); // =A1/SUM(A1:D1)
    const splitter = new ExactSplitter(shares);
    const cents = new Float64Array(4);
    const bound = new Int8Array(4);
    const caps = Float64Array.from([1_000_000, 5_000_000, -1, 2_000_000]);
    const floors = Float64Array.from([-1, -1, 500_000, -1]);
    for (let i = 0; i < 100_000; i++) splitter.split(1_000_000 + i * 997, caps, floors, cents, bound);
    expect(splitter.fallbacks).toBe(0);
    splitter.split(99_999_999, caps, floors, cents, bound);
    expect([...cents]).toEqual(splitCents(99_999_999, shares, { caps: [1_000_000, 5_000_000, null, 2_000_000], floors: [null, null, 500_000, null] }).cents);
  });

  test("no -0 from FEESPLIT, FEESHARES or SPLITPATH on the inputs that gave one", () => {
    const cells = [[-0], [0], ["-0"], [0.001], [-0.001]];
    for (const out of [callExcel("FEESPLIT", cells, [[0, 0, 1, 0]]), callExcel("FEESHARES", [[-0, 0, 1, -0]]), callExcel("SPLITPATH", [[-0], [0]], "growth", -0, -0, -0, -0)]) {
      for (const v of grid(out).flat()) expect(Object.is(v, -0)).toBe(false);
    }
  });
});
