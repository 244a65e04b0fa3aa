import { DEFAULT_INPUTS, MONTE_CARLO_DEFAULTS, stressRunParams } from "../src/plans";
import { monteCarlo, type MonteCarloResult } from "../src/stress";
import {
  CHUNK_PATHS, durationText, messageMacrotasks, moneyText, nextTenth, parsePaths, parseSeed, parseVolatilityPercent, progressText, randomSeed, runMonteCarlo, RUN_MESSAGES, summarizeRun, summaryRows,
  volatilityText, type Macrotasks,
} from "../taskpane/stressRun";

/** The pane's Monte Carlo without the page: reading the fields, the sliced run, the summary. */

describe("reading the Monte Carlo fields", () => {
  it("paths: whole numbers from 100 to 100,000, thousands separators allowed", () => {
    expect(parsePaths("10,000")).toEqual({ ok: true, value: 10_000 });
    expect(parsePaths(" 2 000 ")).toEqual({ ok: true, value: 2000 });
    expect(parsePaths("100")).toEqual({ ok: true, value: 100 });
    expect(parsePaths("100000")).toEqual({ ok: true, value: 100_000 });
    for (const t of ["", "1e4", "10.5", "ten", "1,00"]) expect([t, parsePaths(t)]).toEqual([t, { ok: false, message: RUN_MESSAGES.pathsNotWhole }]);
    for (const t of ["99", "0", "-5", "100,001"]) expect([t, parsePaths(t)]).toEqual([t, { ok: false, message: RUN_MESSAGES.pathsOutOfRange }]);
    expect(RUN_MESSAGES.pathsOutOfRange).toBe("Give from 100 to 100,000 paths.");
  });

  it("seed: any whole number the core takes", () => {
    expect(parseSeed("42")).toEqual({ ok: true, value: 42 });
    expect(parseSeed("-7")).toEqual({ ok: true, value: -7 });
    expect(parseSeed("1,234,567")).toEqual({ ok: true, value: 1_234_567 });
    expect(parseSeed("-0")).toEqual({ ok: true, value: 0 });
    expect(parseSeed("4.2")).toEqual({ ok: false, message: RUN_MESSAGES.seedNotWhole });
    expect(parseSeed("")).toEqual({ ok: false, message: RUN_MESSAGES.seedNotWhole });
    expect(parseSeed("12345678901234567890")).toEqual({ ok: false, message: RUN_MESSAGES.seedTooLarge });
  });

  it("volatility: a percentage, read as the fraction nearest to the decimal typed", () => {
    expect(parseVolatilityPercent("15")).toEqual({ ok: true, value: 0.15 });
    expect(parseVolatilityPercent("12.5 %")).toEqual({ ok: true, value: 0.125 });
    expect(parseVolatilityPercent("7.3")).toEqual({ ok: true, value: 0.073 }); // 7.3 / 100 would be 0.07299999999999999
    expect(parseVolatilityPercent("0")).toEqual({ ok: true, value: 0 });
    expect(parseVolatilityPercent("500")).toEqual({ ok: true, value: 5 });
    for (const t of ["", "-1", "abc", "1e1"]) expect([t, parseVolatilityPercent(t)]).toEqual([t, { ok: false, message: RUN_MESSAGES.volatilityNotNumber }]);
    expect(parseVolatilityPercent("501")).toEqual({ ok: false, message: RUN_MESSAGES.volatilityOutOfRange });
    expect(volatilityText(MONTE_CARLO_DEFAULTS.volatility)).toBe("15");
    expect(volatilityText(0.073)).toBe("7.3");
  });

  it("a new seed is a whole number from 1 to 999,999,999", () => {
    expect(randomSeed(() => 0)).toBe(1);
    expect(randomSeed(() => 0.9999999999999999)).toBe(999_999_999);
    const seed = randomSeed();
    expect(Number.isSafeInteger(seed) && seed >= 1).toBe(true);
  });
});

/** Macrotasks that only count: the test decides when time passes. */
function countingTasks(): { tasks: () => Macrotasks; count: () => number; closed: () => boolean } {
  let n = 0;
  let closed = false;
  return {
    tasks: () => ({ next: async () => { n += 1; }, close: () => { closed = true; } }),
    count: () => n,
    closed: () => closed,
  };
}

describe("runMonteCarlo: the core's chunked run, sliced for the page", () => {
  const params = stressRunParams(DEFAULT_INPUTS, { paths: 300, seed: 99, volatility: 0.2 });

  it("gives exactly monteCarlo's result, reporting progress chunk by chunk", async () => {
    const progress: number[] = [];
    const result = await runMonteCarlo(params, { onProgress: (done, total) => { expect(total).toBe(300); progress.push(done); } });
    expect(result).toEqual(monteCarlo(params));
    expect(progress).toEqual(Array.from({ length: 300 / CHUNK_PATHS }, (_, i) => (i + 1) * CHUNK_PATHS));
  });

  it("yields to the event loop once per time slice, not once per chunk", async () => {
    let clock = 0;
    const fast = countingTasks();
    await runMonteCarlo(params, { sliceMs: 12, now: () => clock, macrotasks: fast.tasks, onProgress: () => { clock += 5; } });
    // 12 chunks of 5 ms: a yield whenever 12 ms have passed since the last one (three between chunks, one as the percentiles begin).
    expect(fast.count()).toBe(4);
    expect(fast.closed()).toBe(true);
    const never = countingTasks();
    await runMonteCarlo(params, { sliceMs: Infinity, now: () => 0, macrotasks: never.tasks });
    expect(never.count()).toBe(0);
  });

  it("stops before the next chunk when cancelled, and says so", async () => {
    const controller = new AbortController();
    const tasks = countingTasks();
    const seen: number[] = [];
    const run = runMonteCarlo(params, { signal: controller.signal, sliceMs: 0, macrotasks: tasks.tasks, onProgress: (done) => { seen.push(done); if (done === 50) controller.abort(); } });
    await expect(run).rejects.toThrow("The Monte Carlo run was cancelled.");
    expect(seen).toEqual([25, 50]);
    expect(tasks.closed()).toBe(true);
  });

  it("shows the core's message when the parameters are out of its range", async () => {
    await expect(runMonteCarlo({ ...params, volatility: 6 })).rejects.toThrow(/volatility is 6; give the monthly volatility from 0 to 5/);
  });
});

describe("the run's summary", () => {
  it("seed, paths, the buyback's median total and the chance the fund dips below its minimum", () => {
    const params = stressRunParams(DEFAULT_INPUTS, { paths: 200, seed: 7 });
    const result = monteCarlo(params);
    const summary = summarizeRun(result);
    expect(summary).toEqual({
      seed: 7, paths: 200, months: 36,
      buybackP50Cents: result.cumulative[result.buckets.findIndex((b) => b.id === "buyback")]!.p50,
      belowMinShare: result.fund.belowMinAnyShare,
    });
    const rows = summaryRows({ ...summary, buybackP50Cents: 14_763_351_206, belowMinShare: 0.1309, paths: 10_000 });
    expect(rows).toEqual([
      ["Seed", "7"],
      ["Paths", "10,000 × 36 months"],
      ["Buyback over the 36 months, P50", "147,633,512.06"],
      ["Fund below its minimum in some month", "13.1% of paths"],
    ]);
  });

  it("formats money exactly and announces progress in tenths", () => {
    expect(moneyText(5)).toBe("0.05");
    expect(moneyText(123_456_789)).toBe("1,234,567.89");
    expect(progressText(3000, 10_000)).toBe("3,000 of 10,000 paths");
    expect([durationText(0.2), durationText(41.6), durationText(999.4), durationText(1250)]).toEqual(["1 ms", "42 ms", "999 ms", "1.3 s"]);
    expect(nextTenth(975, 1000, 10_000)).toBe(true);
    expect(nextTenth(1000, 1025, 10_000)).toBe(false);
    const said = Array.from({ length: 400 }, (_, i) => (i + 1) * 25).filter((done) => nextTenth(done - 25, done, 10_000));
    expect(said).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
  });
});

describe("the field readers' edges", () => {
  it("a grouped number takes one sign in front and nothing else around it", () => {
    expect(parsePaths("+1,000")).toEqual({ ok: true, value: 1000 });
    for (const t of ["x1,000", "1,000x", "1,000+"]) expect([t, parsePaths(t)]).toEqual([t, { ok: false, message: RUN_MESSAGES.pathsNotWhole }]);
  });

  it("a volatility takes a percent sign at the end only, spaces around, and any number of decimals", () => {
    expect(parseVolatilityPercent("15%")).toEqual({ ok: true, value: 0.15 });
    expect(parseVolatilityPercent(" 12.5 % ")).toEqual({ ok: true, value: 0.125 });
    expect(parseVolatilityPercent("12.55")).toEqual({ ok: true, value: 0.1255 });
    expect(parseVolatilityPercent(".55")).toEqual({ ok: true, value: 0.0055 });
    for (const t of ["%15", "15%%", "1 5"]) expect([t, parseVolatilityPercent(t)]).toEqual([t, { ok: false, message: RUN_MESSAGES.volatilityNotNumber }]);
    expect(parseVolatilityPercent("500")).toEqual({ ok: true, value: 5 });
    expect(parseVolatilityPercent("500.5")).toEqual({ ok: false, message: RUN_MESSAGES.volatilityOutOfRange });
  });

  it("a second is 1.0 s, not 1000 ms", () => {
    expect(durationText(999.4)).toBe("999 ms");
    expect(durationText(1000)).toBe("1.0 s");
  });
});

describe("the summary finds the buyback by its id, wherever it sits", () => {
  const result = (ids: string[]): MonteCarloResult => ({
    params: { seed: 3, paths: 100, months: 12 },
    buckets: ids.map((id) => ({ id })),
    cumulative: ids.map((_, j) => ({ p5: 0, p50: (j + 1) * 100, p95: 0 })),
    fund: { belowMinAnyShare: 0.25 },
  }) as unknown as MonteCarloResult;

  it("reads the buyback's P50, not the first bucket's", () => {
    expect(summarizeRun(result(["stakers", "buyback"]))).toEqual({ seed: 3, paths: 100, months: 12, buybackP50Cents: 200, belowMinShare: 0.25 });
  });

  it("a run without a buyback is a bug, said plainly", () => {
    expect(() => summarizeRun(result(["stakers"]))).toThrow('The run has no "buyback" bucket.');
  });
});

describe("yielding to the pane", () => {
  it("yields once a slice has fully passed, at exactly its length", async () => {
    let t = 0;
    let yields = 0;
    const tasks = (): Macrotasks => ({ next: async () => { yields += 1; }, close: () => undefined });
    // The clock moves exactly one slice between reads, so every check is at the boundary.
    let reads = 0;
    const now = (): number => { reads += 1; return (t += 10); };
    await runMonteCarlo(stressRunParams(DEFAULT_INPUTS, { ...MONTE_CARLO_DEFAULTS, paths: CHUNK_PATHS * 4 }), { sliceMs: 10, now, macrotasks: tasks });
    // The start, then per chunk boundary a check that yields and a restart of the slice: every check yielded.
    expect(yields).toBeGreaterThan(0);
    expect(reads).toBe(1 + 2 * yields);
  });

  it("closing the channel releases a waiting turn at once", async () => {
    const tasks = messageMacrotasks();
    let released = false;
    const turn = tasks.next().then(() => { released = true; });
    tasks.close();
    await Promise.resolve();
    expect(released).toBe(true);
    await turn;
  });

  it("without MessageChannel, turns come from timers", async () => {
    const g = globalThis as { MessageChannel?: unknown };
    const saved = g.MessageChannel;
    delete g.MessageChannel;
    try {
      const tasks = messageMacrotasks();
      let released = false;
      const turn = tasks.next().then(() => { released = true; });
      await Promise.resolve();
      expect(released).toBe(false); // a later task, not a microtask
      await turn;
      expect(released).toBe(true);
      tasks.close();
    } finally {
      g.MessageChannel = saved;
    }
  });
});
