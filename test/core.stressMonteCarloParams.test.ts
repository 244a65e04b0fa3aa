import { stageShares, type ShareSet } from "../src";
import { MAX_PATH_MONTHS, monteCarlo, monteCarloChunked, type ChunkOptions, type MonteCarloParams } from "../src/stress";
import { failure, rejection } from "./helpers/tokenError";

/**
 * The Monte Carlo's parameter checks (each refusal's kind and whole message,
 * and the boundaries they accept), the shares of paths it reports, and how
 * monteCarlo / monteCarloChunked run their chunks: progress, yields, the
 * chunk option and cancellation. Runs are tiny (a few paths and months) and
 * are made inside each test.
 */

/** A small valid run: growth stage (buyback 40, stakers 30, insurance 10, discount 20), no volatility. */
const SMALL: MonteCarloParams = { revenue: 1000, volatility: 0, months: 2, paths: 2, seed: 1, stage: "growth" };

describe("monteCarlo: parameter refusals say what to fix", () => {
  it("refuses parameters that are not an object (null, a number)", () => {
    const notObject = { kind: "invalidValue", message: "Give the Monte Carlo parameters as an object." };
    expect(failure(() => monteCarlo(null as never))).toEqual(notObject);
    expect(failure(() => monteCarlo(5 as never))).toEqual(notObject);
  });

  it("asks for the starting revenue when it is missing, and names it when it is negative", () => {
    expect(failure(() => monteCarlo({ ...SMALL, revenue: undefined as never }))).toEqual({
      kind: "invalidValue", message: "Give the starting monthly revenue (revenue).",
    });
    expect(failure(() => monteCarlo({ ...SMALL, revenue: -5 }))).toEqual({
      kind: "numberOutOfRange", message: "The starting monthly revenue is negative (-5). Give an amount of 0 or more.",
    });
  });

  it("refuses a growth outside -0.99..10 with its range", () => {
    expect(failure(() => monteCarlo({ ...SMALL, growth: -1 }))).toEqual({
      kind: "numberOutOfRange", message: "The monthly growth is -1; give a fraction from -0.99 to 10 (0.02 = 2% a month).",
    });
  });

  it("refuses a number of paths that is not whole, or below 1", () => {
    expect(failure(() => monteCarlo({ ...SMALL, paths: 2.5 }))).toEqual({
      kind: "invalidValue", message: "The number of paths must be a whole number; got 2.5.",
    });
    expect(failure(() => monteCarlo({ ...SMALL, paths: "3" as never }))).toEqual({
      kind: "invalidValue", message: "The number of paths must be a whole number; got 3.",
    });
    expect(failure(() => monteCarlo({ ...SMALL, paths: 0 }))).toEqual({
      kind: "numberOutOfRange", message: "The number of paths is 0; give at least 1.",
    });
  });

  it("refuses paths x months one past the limit, suggesting the paths that fit", () => {
    // 6001 x 600 = 3,600,600 > 3,600,000; 3,600,000 / 600 = 6000 paths fit. Refused before anything is allocated.
    expect(MAX_PATH_MONTHS).toBe(3_600_000);
    expect(failure(() => monteCarlo({ ...SMALL, paths: 6001, months: 600 }))).toEqual({
      kind: "numberOutOfRange",
      message: "6001 paths x 600 months is too much to hold: keep paths x months at most 3600000 (e.g. 6000 paths for 600 months).",
    });
  });

  it("refuses a seed that is not a safe whole number", () => {
    expect(failure(() => monteCarlo({ ...SMALL, seed: 1.5 }))).toEqual({
      kind: "invalidValue", message: "The seed must be a whole number (an integer); got 1.5.",
    });
    expect(failure(() => monteCarlo({ ...SMALL, seed: 2 ** 53 }))).toEqual({
      kind: "invalidValue", message: "The seed must be a whole number (an integer); got 9007199254740992.",
    });
  });

  it("refuses a jump probability outside 0..1 and a jump size outside -0.99..10 with their ranges", () => {
    expect(failure(() => monteCarlo({ ...SMALL, jumps: { probability: 2, size: -0.5 } }))).toEqual({
      kind: "numberOutOfRange", message: "The jump probability is 2; give the chance per month from 0 to 1 (0.05 = 5%).",
    });
    expect(failure(() => monteCarlo({ ...SMALL, jumps: { probability: 0.1, size: -1 } }))).toEqual({
      kind: "numberOutOfRange", message: "The jump size is -1; give the move as a fraction from -0.99 to 10 (-0.5 halves revenue).",
    });
  });

  it("refuses a bind threshold outside 0..1 with its range", () => {
    expect(failure(() => monteCarlo({ ...SMALL, bindThreshold: 1.5 }))).toEqual({
      kind: "numberOutOfRange", message: "The bind threshold is 1.5; give a share of paths from 0 to 1 (0.5 = more than half).",
    });
  });
});

describe("monteCarlo: parameters at their boundaries are accepted", () => {
  it("accepts a growth of exactly 10 and a bind threshold of exactly 1 (the upper ends of their ranges)", () => {
    const r = monteCarlo({ ...SMALL, growth: 10, bindThreshold: 1 });
    expect(r.params.growth).toBe(10);
    expect(r.params.bindThreshold).toBe(1);
    // No volatility: month 1 is 100,000 cents x 11.
    expect(r.revenue.p50).toEqual([100_000, 1_100_000]);
  });

  it("accepts a single path", () => {
    const r = monteCarlo({ ...SMALL, paths: 1 });
    expect(r.params.paths).toBe(1);
    expect(r.revenue.p50).toEqual([100_000, 100_000]);
  });

  it("accepts paths x months exactly at the limit: the next check (the stage) is what refuses", () => {
    // 6000 x 600 = MAX_PATH_MONTHS passes checkParams; the missing stage is refused next, before any path runs.
    expect(failure(() => monteCarlo({ ...SMALL, paths: 6000, months: 600, stage: undefined as never }))).toEqual({
      kind: "invalidValue", message: "Give a stage: a name (early, growth, mature), a position 0..1, a schedule or a life-cycle drift.",
    });
  });

  it("reads jumps: null as no jumps, and a jump probability of 0 as no jumps", () => {
    expect(monteCarlo({ ...SMALL, jumps: null as never }).params.jumps).toBeNull();
    expect(monteCarlo({ ...SMALL, jumps: { probability: 0, size: -0.5 } }).params.jumps).toBeNull();
    expect(monteCarlo({ ...SMALL, jumps: { probability: 0.25, size: -0.5 } }).params.jumps).toEqual({ probability: 0.25, size: -0.5 });
  });
});

describe("monteCarlo: shares of paths and slow splits", () => {
  it("reports the fund's shares as counts divided by the number of paths", () => {
    // Two identical paths (no volatility): insurance takes 10% of 100,000 cents, 10,000 a month.
    // Month 0: balance 10,000 (>= min 5,000, < target 15,000). Month 1: 20,000 passes the target, 5,000 overflows;
    // the 100,000 claim takes the 15,000 left, 85,000 uncovered, balance 0 < min. Month 2: balance 10,000 again.
    // So both paths flag month 1 only: every share is 2 / 2 = 1 there and 0 elsewhere.
    const r = monteCarlo({
      ...SMALL, months: 3, floors: { insurance: 0 },
      fund: { minBalance: 50, topUp: false, target: 150, claims: [{ month: 1, amount: 1000 }] },
    });
    const f = r.fund;
    expect(f.balance.p50).toEqual([10_000, 0, 10_000]);
    expect([f.belowMinShare, f.uncoveredShare, f.overflowShare]).toEqual([[0, 1, 0], [0, 1, 0], [0, 1, 0]]);
    expect([f.belowMinAnyShare, f.uncoveredAnyShare, f.overflowAnyShare]).toEqual([1, 1, 1]);
    expect([f.uncoveredTotal.p50, f.overflowTotal.p50]).toEqual([85_000, 5_000]);
  });

  it("counts every month-split that took the Decimal path as a slow split", () => {
    // A share set without whole-number weights cannot use the integer split: all 3 paths x 2 months fall back.
    const set: ShareSet = { ...stageShares("growth"), weights: null };
    const r = monteCarlo({ ...SMALL, revenue: 1, paths: 3, stage: set });
    expect(r.slowSplits).toBe(6);
    expect(r.monthly.map((b) => b.p50)).toEqual([[40, 40], [30, 30], [10, 10], [20, 20]]); // 100 cents, 40/30/10/20
  });
});

describe("monteCarlo: progress", () => {
  it("reports progress once per 1000 paths and once at the end, never twice for the same count", () => {
    // One month keeps 2500 paths cheap.
    const calls: number[][] = [];
    monteCarlo({ ...SMALL, months: 1, paths: 2500 }, (done, total) => calls.push([done, total]));
    expect(calls).toEqual([[1000, 2500], [2000, 2500], [2500, 2500]]);
    const exact: number[][] = [];
    monteCarlo({ ...SMALL, months: 1, paths: 1000 }, (done, total) => exact.push([done, total]));
    expect(exact).toEqual([[1000, 1000]]);
  });
});

describe("monteCarloChunked: chunks, progress, yields and cancellation", () => {
  const noWait = (): Promise<void> => Promise.resolve();

  it("refuses a chunk size that is not a whole number of 1 or more", async () => {
    for (const chunkPaths of [2.5, 0, "3" as never]) {
      expect(await rejection(monteCarloChunked(SMALL, { chunkPaths, yieldFn: noWait }))).toEqual({
        kind: "invalidValue", message: `chunkPaths must be a whole number of paths, 1 or more; got ${String(chunkPaths)}.`,
      });
    }
  });

  it("runs chunks of chunkPaths paths (default 1000), reporting each once", async () => {
    const progress: number[] = [];
    await monteCarloChunked({ ...SMALL, paths: 5 }, { chunkPaths: 2, onProgress: (done) => progress.push(done), yieldFn: noWait });
    expect(progress).toEqual([2, 4, 5]);
    const exact: number[] = [];
    await monteCarloChunked({ ...SMALL, paths: 4 }, { chunkPaths: 2, onProgress: (done) => exact.push(done), yieldFn: noWait });
    expect(exact).toEqual([2, 4]);
    const byDefault: number[][] = [];
    await monteCarloChunked({ ...SMALL, months: 1, paths: 1500 }, { onProgress: (done, total) => byDefault.push([done, total]), yieldFn: noWait });
    expect(byDefault).toEqual([[1000, 1500], [1500, 1500]]);
  });

  it("yields between chunks (not after the last), then before each percentile step", async () => {
    const log: string[] = [];
    const r = await monteCarloChunked({ ...SMALL, paths: 4 }, {
      chunkPaths: 2, onProgress: (done) => log.push(`done ${done}`), yieldFn: () => { log.push("yield"); return noWait(); },
    });
    // The statistics pause after revenue, after each of the n buckets and after the fund balance (n + 2 pauses),
    // and the run awaits before each of the n + 3 steps.
    const n = r.buckets.length;
    expect(n).toBe(4);
    expect(log).toEqual(["done 2", "yield", "done 4", ...Array<string>(n + 3).fill("yield")]);
  });

  it("stops before running any path when the signal is already aborted", async () => {
    const progress: number[] = [];
    const options: ChunkOptions = { chunkPaths: 1, signal: { aborted: true }, onProgress: (done) => progress.push(done), yieldFn: noWait };
    expect(await rejection(monteCarloChunked(SMALL, options))).toEqual({ kind: "notAvailable", message: "The Monte Carlo run was cancelled." });
    expect(progress).toEqual([]);
  });

  it("stops at the next chunk once the signal is aborted", async () => {
    const signal = { aborted: false };
    const progress: number[] = [];
    const options: ChunkOptions = {
      chunkPaths: 1, signal, onProgress: (done) => { progress.push(done); if (done === 2) signal.aborted = true; }, yieldFn: noWait,
    };
    expect(await rejection(monteCarloChunked({ ...SMALL, paths: 4 }, options))).toEqual({ kind: "notAvailable", message: "The Monte Carlo run was cancelled." });
    expect(progress).toEqual([1, 2]);
  });
});
