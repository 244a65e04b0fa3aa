import type { Bucket } from "../buckets";
import { invalidValue, notAvailable, outOfRange } from "../errors";
import { MAX_CENTS, MAX_CENTS_TEXT, toCents } from "../money";
import { MonthEngine } from "./engine";
import { BOUND_CAP, BOUND_FLOOR } from "../exactSplit";
import { checkMonths, resolveModel, type Money, type PeriodSettings, type ResolvedModel } from "./model";
import { PERCENTILE_METHOD, PERCENTILES, percentilesInPlace } from "./percentile";
import { PathRng } from "./rng";

/** Sudden moves: each month, with `probability`, revenue is multiplied by (1 + size) on top of the walk. */
export interface JumpInput {
  readonly probability: number;
  /** -0.5 halves revenue, 0.3 adds 30%; above -1. */
  readonly size: number;
}

/**
 * A seeded Monte Carlo of monthly revenue. Month 0 is `revenue`; from month
 * 1, r(t) = round(r(t-1) * exp(mu - sigma^2/2 + sigma * Z) * jump), with
 * mu = ln(1 + growth) so that the expected revenue grows as
 * (1 + growth)^t, like the base scenario, Z standard normal and round()
 * to whole cents (which keeps the money path exact, see rng.ts).
 */
export interface MonteCarloParams extends PeriodSettings {
  /** Month 0's revenue (an amount). */
  readonly revenue: Money;
  /** Expected growth per month (0.02 = 2%); default 0. */
  readonly growth?: number;
  /** Volatility per month, sigma of the log return (0.2 = 20%); 0 gives the deterministic path. */
  readonly volatility: number;
  readonly months: number;
  readonly paths: number;
  /** Any safe integer; the same seed gives the same result on every machine. */
  readonly seed: number;
  readonly jumps?: JumpInput;
  /** A cap "binds in a month" for bindingMonths when it binds in more than this share of paths; default 0.5. */
  readonly bindThreshold?: number;
}

export const MAX_PATHS = 100_000;
/** paths x months at most: memory is about 8 bytes x (buckets + 2) per path-month. */
export const MAX_PATH_MONTHS = 3_600_000;
/** A path whose revenue passes this (in cents: 10 trillion a month) stops the run: growth or volatility is out of any sensible range. */
export const MAX_SIMULATED_CENTS = 1e15;

/**
 * Percentiles over paths (nearest rank, so each is an observed value: whole
 * cents, exact) and the mean (floating point).
 */
export interface Spread {
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
  readonly mean: number;
}
/** A Spread for every month: arrays indexed by month. */
export interface Band {
  readonly p5: readonly number[];
  readonly p50: readonly number[];
  readonly p95: readonly number[];
  readonly mean: readonly number[];
}

export interface LimitStats {
  readonly bucket: string;
  /** Share of paths (0..1, float) in which the limit binds, per month. */
  readonly bindShare: readonly number[];
  /** Months (0-based) in which it binds in more than bindThreshold of paths. */
  readonly bindingMonths: readonly number[];
  /** Share of paths in which it binds in at least one month. */
  readonly anyMonthShare: number;
}

export interface MonteCarloResult {
  /** The run's parameters as used (revenue in cents, drift mu = ln(1 + growth)), to record beside the figures. */
  readonly params: Checked & {
    readonly drift: number;
    readonly percentiles: readonly number[];
    readonly percentileMethod: typeof PERCENTILE_METHOD;
  };
  readonly buckets: readonly Bucket[];
  /** Revenue per month, cents. */
  readonly revenue: Band;
  /** Per bucket: its amount per month, cents. */
  readonly monthly: readonly Band[];
  /** Per bucket: its total over the horizon, cents. */
  readonly cumulative: readonly Spread[];
  readonly fund: {
    readonly bucket: string;
    readonly minBalanceCents: number;
    /** End-of-month balance, cents. */
    readonly balance: Band;
    /** Share of paths with the balance below minBalance, per month, and in any month. */
    readonly belowMinShare: readonly number[];
    readonly belowMinAnyShare: number;
    /** Share of paths with a claim the fund could not pay in full, per month and in any month. */
    readonly uncoveredShare: readonly number[];
    readonly uncoveredAnyShare: number;
    /** Uncovered loss over the horizon per path, cents. */
    readonly uncoveredTotal: Spread;
    /** With a target: the overflow bucket's id, the share of paths at the target (overflow moved) per month and in any month, and the overflow over the horizon per path. */
    readonly overflowBucket: string | null;
    readonly overflowShare: readonly number[];
    readonly overflowAnyShare: number;
    readonly overflowTotal: Spread;
  };
  /** Buckets that have a cap (or floor) in some month. */
  readonly caps: readonly LimitStats[];
  readonly floors: readonly LimitStats[];
  /** Month-splits that took the core's Decimal path (a speed diagnostic; results are the same rule). */
  readonly slowSplits: number;
}

export type ProgressFn = (donePaths: number, totalPaths: number) => void;

export interface ChunkOptions {
  /** Paths per chunk (default 1000). Chunking never changes the result. */
  readonly chunkPaths?: number;
  readonly onProgress?: ProgressFn;
  /** Awaited between chunks; default a macrotask (setTimeout 0) so a UI can repaint. */
  readonly yieldFn?: () => Promise<void>;
  /** Stops between chunks when aborted (throws a TokenError "notAvailable"). */
  readonly signal?: { readonly aborted: boolean };
}

const DEFAULT_CHUNK = 1000;
/** Paths buffered before their values are written into the per-month columns. */
const FLUSH_PATHS = 64;

function finite(value: unknown, what: string, min: number, max: number, hint: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalidValue(`The ${what} must be a number; got ${String(value)}.`);
  if (value < min || value > max) throw outOfRange(`The ${what} is ${value}; ${hint}`);
  return value;
}

/** The parameters after checking, as the run uses them (and records them). */
interface Checked {
  readonly startRevenueCents: number;
  readonly growth: number;
  readonly volatility: number;
  readonly months: number;
  readonly paths: number;
  readonly seed: number;
  readonly jumps: JumpInput | null;
  readonly bindThreshold: number;
}

/** Check first: every parameter, with a message that says what to fix. */
function checkParams(p: MonteCarloParams): Checked {
  if (p === null || typeof p !== "object") throw invalidValue("Give the Monte Carlo parameters as an object.");
  if (p.revenue === undefined) throw invalidValue("Give the starting monthly revenue (revenue).");
  const startRevenueCents = toCents(p.revenue, "starting monthly revenue");
  const growth = finite(p.growth ?? 0, "monthly growth", -0.99, 10, "give a fraction from -0.99 to 10 (0.02 = 2% a month).");
  const volatility = finite(p.volatility, "volatility", 0, 5, "give the monthly volatility from 0 to 5 (0.2 = 20% a month); it cannot be negative.");
  const months = checkMonths(p.months);
  if (!Number.isInteger(p.paths)) throw invalidValue(`The number of paths must be a whole number; got ${String(p.paths)}.`);
  if (p.paths < 1) throw outOfRange(`The number of paths is ${p.paths}; give at least 1.`);
  if (p.paths > MAX_PATHS) throw outOfRange(`The number of paths is ${p.paths}; at most ${MAX_PATHS} are supported (10000 is plenty for P5/P95).`);
  if (p.paths * months > MAX_PATH_MONTHS) {
    throw outOfRange(`${p.paths} paths x ${months} months is too much to hold: keep paths x months at most ${MAX_PATH_MONTHS} (e.g. ${Math.floor(MAX_PATH_MONTHS / months)} paths for ${months} months).`);
  }
  if (!Number.isSafeInteger(p.seed)) throw invalidValue(`The seed must be a whole number (an integer); got ${String(p.seed)}.`);
  let jumps: JumpInput | null = null;
  if (p.jumps !== undefined && p.jumps !== null) {
    const probability = finite(p.jumps.probability, "jump probability", 0, 1, "give the chance per month from 0 to 1 (0.05 = 5%).");
    const size = finite(p.jumps.size, "jump size", -0.99, 10, "give the move as a fraction from -0.99 to 10 (-0.5 halves revenue).");
    if (probability > 0) jumps = { probability, size };
  }
  const bindThreshold = finite(p.bindThreshold ?? 0.5, "bind threshold", 0, 1, "give a share of paths from 0 to 1 (0.5 = more than half).");
  return { startRevenueCents, growth, volatility, months, paths: p.paths, seed: p.seed, jumps, bindThreshold };
}

/**
 * The simulation state: per path-month values in typed arrays (column per
 * month, so percentiles select within one contiguous slice), counters in
 * typed arrays, one engine and one generator reused for every path.
 */
class Simulation {
  readonly c: Checked;
  readonly model: ResolvedModel;
  private readonly engine: MonthEngine;
  private readonly rng = new PathRng();
  private readonly n: number;
  private readonly logStep: number;
  private readonly jumpFactor: number;
  /**
   * Every per-month series, one column per (series, month) holding all
   * paths: series 0 revenue, 1..n the buckets, n + 1 the fund balance;
   * column c = series * M + t, path i at c * P + i.
   */
  private readonly columns: Float64Array;
  /** Values per path (C = (n + 2) * M of them), FLUSH_PATHS paths at a time, then written into the columns. */
  private readonly buffer: Float64Array;
  private readonly perPath: number;
  private readonly cumulative: Float64Array;
  private readonly uncoveredTotal: Float64Array;
  private readonly capCount: Uint32Array;
  private readonly floorCount: Uint32Array;
  private readonly capAny: Uint32Array;
  private readonly floorAny: Uint32Array;
  private readonly belowCount: Uint32Array;
  private readonly uncoveredCount: Uint32Array;
  private readonly overflowCount: Uint32Array;
  private readonly overflowTotal: Float64Array;
  private overflowAny = 0;
  private belowAny = 0;
  private uncoveredAny = 0;
  private readonly pathCum: Float64Array;
  private readonly pathCap: Uint8Array;
  private readonly pathFloor: Uint8Array;
  done = 0;

  constructor(params: MonteCarloParams) {
    this.c = checkParams(params);
    const { months: M, paths: P, growth, volatility } = this.c;
    // A volume, staked value or exposure given as one amount moves with each path's revenue (unless withRevenue: false).
    this.model = resolveModel(params, M, { withRevenue: true });
    this.engine = new MonthEngine(this.model);
    const n = this.model.buckets.length;
    this.n = n;
    this.logStep = Math.log(1 + growth) - (volatility * volatility) / 2;
    this.jumpFactor = 1 + (this.c.jumps?.size ?? 0);
    this.perPath = (n + 2) * M;
    this.columns = new Float64Array(this.perPath * P);
    this.buffer = new Float64Array(this.perPath * FLUSH_PATHS);
    this.cumulative = new Float64Array(n * P);
    this.uncoveredTotal = new Float64Array(P);
    this.capCount = new Uint32Array(n * M);
    this.floorCount = new Uint32Array(n * M);
    this.capAny = new Uint32Array(n);
    this.floorAny = new Uint32Array(n);
    this.belowCount = new Uint32Array(M);
    this.uncoveredCount = new Uint32Array(M);
    this.overflowCount = new Uint32Array(M);
    this.overflowTotal = new Float64Array(P);
    this.pathCum = new Float64Array(n);
    this.pathCap = new Uint8Array(n);
    this.pathFloor = new Uint8Array(n);
  }

  /** Paths [from, to), in order; path i uses the random stream of (seed, i) only. */
  runPaths(from: number, to: number): void {
    const { months: M, paths: P, seed, volatility, startRevenueCents } = this.c;
    const { engine, rng, n, logStep, jumpFactor, model } = this;
    const jumpP = this.c.jumps?.probability ?? 0;
    const cents = engine.cents;
    const bound = engine.bound;
    const { pathCum, pathCap, pathFloor, buffer, perPath } = this;
    const minBalance = model.minBalanceCents;
    const balanceAt = (n + 1) * M;
    let first = from;
    for (let i = from; i < to; i++) {
      const row = (i - first) * perPath;
      rng.seed(seed, i);
      engine.reset();
      for (let j = 0; j < n; j++) {
        pathCum[j] = 0;
        pathCap[j] = 0;
        pathFloor[j] = 0;
      }
      let below = false;
      let uncovered = 0;
      let overflow = 0;
      let R = startRevenueCents;
      let revenueTotal = 0;
      for (let t = 0; t < M; t++) {
        if (t > 0) {
          let f = Math.exp(logStep + volatility * rng.normal());
          if (jumpP > 0 && rng.uniform() < jumpP) f *= jumpFactor;
          R = Math.round(R * f);
          if (R > MAX_SIMULATED_CENTS) {
            throw outOfRange(`Path ${i} reached a monthly revenue above ${MAX_SIMULATED_CENTS / 100} in month ${t}: lower the growth, volatility or jump size.`);
          }
        }
        buffer[row + t] = R;
        // Each bucket's total and the overflow are parts of the revenue's: one bound keeps them exact cents.
        revenueTotal += R;
        if (revenueTotal > MAX_CENTS) {
          throw outOfRange(`Path ${i}'s revenue adds up to more than ${MAX_CENTS_TEXT} by month ${t}, the most computed to the cent: lower the starting revenue, growth, volatility or jump size, or the number of months.`);
        }
        engine.step(t, R);
        for (let j = 0; j < n; j++) {
          const c = cents[j]!;
          buffer[row + (j + 1) * M + t] = c;
          pathCum[j]! += c;
          const b = bound[j];
          if (b === BOUND_CAP) { this.capCount[j * M + t]! += 1; pathCap[j] = 1; }
          else if (b === BOUND_FLOOR) { this.floorCount[j * M + t]! += 1; pathFloor[j] = 1; }
        }
        buffer[row + balanceAt + t] = engine.balance;
        if (engine.balance < minBalance) { this.belowCount[t]! += 1; below = true; }
        if (engine.uncovered > 0) {
          if (uncovered === 0) this.uncoveredAny++;
          this.uncoveredCount[t]! += 1;
          uncovered += engine.uncovered;
        }
        if (engine.overflow > 0) {
          if (overflow === 0) this.overflowAny++;
          this.overflowCount[t]! += 1;
          overflow += engine.overflow;
        }
      }
      for (let j = 0; j < n; j++) {
        this.cumulative[j * P + i] = pathCum[j]!;
        this.capAny[j]! += pathCap[j]!;
        this.floorAny[j]! += pathFloor[j]!;
      }
      if (below) this.belowAny++;
      this.uncoveredTotal[i] = uncovered;
      this.overflowTotal[i] = overflow;
      if (i + 1 - first === FLUSH_PATHS || i + 1 === to) {
        this.flush(first, i + 1 - first);
        first = i + 1;
      }
    }
    this.done = to;
  }

  /** Buffered paths [first, first + count) into their columns: short contiguous runs instead of one write per path and column far apart. */
  private flush(first: number, count: number): void {
    const { buffer, columns, perPath } = this;
    const P = this.c.paths;
    for (let c = 0; c < perPath; c++) {
      const to = c * P + first;
      for (let k = 0; k < count; k++) columns[to + k] = buffer[k * perPath + c]!;
    }
  }

  /** The statistics; call once, after every path ran (it reorders the stored values). */
  finish(): MonteCarloResult {
    const steps = this.finishing();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The statistics in steps: it pauses (yields) after each percentile series
   * (revenue, every bucket, the fund balance, the totals), so a caller can
   * give the event loop a turn between them. Every series reads and reorders
   * its own slice of the stored values only, so pausing never changes a figure.
   */
  *finishing(): Generator<void, MonteCarloResult, void> {
    const { months: M, paths: P } = this.c;
    const { n, model } = this;
    const ps = PERCENTILES;
    const out = new Float64Array(ps.length);
    const spread = (values: Float64Array, from: number): Spread => {
      let sum = 0;
      for (let i = from; i < from + P; i++) sum += values[i]!; // in path order, before selection reorders
      percentilesInPlace(values, from, P, ps, out);
      return { p5: out[0]!, p50: out[1]!, p95: out[2]!, mean: sum / P };
    };
    const band = (values: Float64Array, offset: number): Band => {
      const p5: number[] = [], p50: number[] = [], p95: number[] = [], mean: number[] = [];
      for (let t = 0; t < M; t++) {
        const s = spread(values, offset + t * P);
        p5.push(s.p5); p50.push(s.p50); p95.push(s.p95); mean.push(s.mean);
      }
      return { p5, p50, p95, mean };
    };
    const limitStats = (counts: Uint32Array, any: Uint32Array, kind: "cap" | "floor"): LimitStats[] => {
      const table = kind === "cap" ? model.capCents : model.floorCents;
      const stats: LimitStats[] = [];
      model.buckets.forEach((bucket, j) => {
        let present = kind === "cap" && (model.revenueCaps.some((rc) => rc.bucket === j) || model.drivenCaps.some((d) => d.bucket === j));
        for (let t = 0; t < M && !present; t++) present = table[t * n + j]! >= 0;
        if (!present) return;
        const bindShare = Array.from(counts.subarray(j * M, (j + 1) * M), (k) => k / P);
        stats.push({
          bucket: bucket.id,
          bindShare,
          bindingMonths: bindShare.flatMap((s, t) => (s > this.c.bindThreshold ? [t] : [])),
          anyMonthShare: any[j]! / P,
        });
      });
      return stats;
    };
    // One series per step, in the order the result lists them.
    const revenue = band(this.columns, 0);
    yield;
    const monthly: Band[] = [];
    for (let j = 0; j < n; j++) {
      monthly.push(band(this.columns, (j + 1) * M * P));
      yield;
    }
    const cumulative = model.buckets.map((_, j) => spread(this.cumulative, j * P));
    const balance = band(this.columns, (n + 1) * M * P);
    yield;
    const uncoveredTotal = spread(this.uncoveredTotal, 0);
    const overflowTotal = spread(this.overflowTotal, 0);
    const c = this.c;
    return {
      params: { ...c, drift: Math.log(1 + c.growth), percentiles: [...ps], percentileMethod: PERCENTILE_METHOD },
      buckets: model.buckets,
      revenue,
      monthly,
      cumulative,
      fund: {
        bucket: model.buckets[model.fundBucket]!.id,
        minBalanceCents: model.minBalanceCents,
        balance,
        belowMinShare: Array.from(this.belowCount, (k) => k / P),
        belowMinAnyShare: this.belowAny / P,
        uncoveredShare: Array.from(this.uncoveredCount, (k) => k / P),
        uncoveredAnyShare: this.uncoveredAny / P,
        uncoveredTotal,
        overflowBucket: model.overflowBucket >= 0 ? model.buckets[model.overflowBucket]!.id : null,
        overflowShare: Array.from(this.overflowCount, (k) => k / P),
        overflowAnyShare: this.overflowAny / P,
        overflowTotal,
      },
      caps: limitStats(this.capCount, this.capAny, "cap"),
      floors: limitStats(this.floorCount, this.floorAny, "floor"),
      slowSplits: model.splitters.reduce((s, x) => s + x.fallbacks, 0),
    };
  }
}

/**
 * Runs the Monte Carlo in one go. Money per month and path is exact cents
 * (the core's split); the statistics (shares of paths, means) are floating
 * point; percentiles are observed values, so whole cents.
 * onProgress is called after every 1000 paths.
 */
export function monteCarlo(params: MonteCarloParams, onProgress?: ProgressFn): MonteCarloResult {
  const sim = new Simulation(params);
  const P = sim.c.paths;
  for (let from = 0; from < P; from += DEFAULT_CHUNK) {
    sim.runPaths(from, Math.min(P, from + DEFAULT_CHUNK));
    onProgress?.(sim.done, P);
  }
  return sim.finish();
}

const CANCELLED = "The Monte Carlo run was cancelled.";

const nextMacrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The same run in chunks, awaiting `yieldFn` between them so a task pane
 * stays responsive and can show progress, and again between the percentile
 * series at the end (the signal is checked there too). Identical to
 * monteCarlo for the same parameters: path i always uses the stream of
 * (seed, i), and each series is computed from its own values alone.
 */
export async function monteCarloChunked(params: MonteCarloParams, options: ChunkOptions = {}): Promise<MonteCarloResult> {
  const chunk = options.chunkPaths ?? DEFAULT_CHUNK;
  if (!Number.isInteger(chunk) || chunk < 1) {
    throw invalidValue(`chunkPaths must be a whole number of paths, 1 or more; got ${String(chunk)}.`);
  }
  const sim = new Simulation(params);
  const P = sim.c.paths;
  const yieldFn = options.yieldFn ?? nextMacrotask;
  for (let from = 0; from < P; from += chunk) {
    if (options.signal?.aborted) throw notAvailable(CANCELLED);
    sim.runPaths(from, Math.min(P, from + chunk));
    options.onProgress?.(sim.done, P);
    if (sim.done < P) await yieldFn();
  }
  const steps = sim.finishing();
  for (;;) {
    await yieldFn();
    if (options.signal?.aborted) throw notAvailable(CANCELLED);
    const step = steps.next();
    if (step.done) return step.value;
  }
}
