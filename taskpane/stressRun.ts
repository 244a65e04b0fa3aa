import { formatCents, type FeeBucketId } from "../src/index";
import type { ModelOptions } from "../src/plans";
import { MAX_PATHS, monteCarloChunked, type MonteCarloParams, type MonteCarloResult } from "../src/stress";

/**
 * The Monte Carlo as the pane runs it, without the DOM: the user's choices
 * read and checked, the run cut into time slices so the page stays
 * responsive, and the few figures the pane shows afterwards.
 */

/** A finished run, as buildModelPlan records it on the Stress Test sheet. */
export type MonteCarloRun = NonNullable<ModelOptions["monteCarlo"]>;

/** What the user chose; volatility as a fraction (0.15 = 15% a month). */
export interface RunChoice {
  readonly paths: number;
  readonly seed: number;
  readonly volatility: number;
}

/** The pane's bounds. Fewer than 100 paths make P5 and P95 meaningless; the core's own limit is the upper one. */
export const PATH_LIMITS = { min: 100, max: MAX_PATHS } as const;
/** Volatility is typed as a percentage; the core takes 0..5 as a fraction. */
export const VOLATILITY_PERCENT_LIMITS = { min: 0, max: 500 } as const;

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export const RUN_MESSAGES = {
  pathsNotWhole: "Give the number of paths as a whole number, e.g. 10,000.",
  pathsOutOfRange: `Give from ${whole.format(PATH_LIMITS.min)} to ${whole.format(PATH_LIMITS.max)} paths.`,
  seedNotWhole: "Give the seed as a whole number, e.g. 42, or press “New seed”.",
  seedTooLarge: "The seed is too large: give a whole number of at most 15 digits.",
  volatilityNotNumber: "Give the volatility as a percentage, e.g. 15 for 15% a month.",
  volatilityOutOfRange: `Give a volatility from ${VOLATILITY_PERCENT_LIMITS.min} to ${VOLATILITY_PERCENT_LIMITS.max} (percent a month).`,
} as const;

export type FieldResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = (message: string): FieldResult<never> => ({ ok: false, message });

/** "10,000", "10000", " 2 000 " -> the digits with their sign; undefined for anything else. */
function integerText(text: string): string | undefined {
  const t = text.replace(/[\s\u00a0]/g, ""); // every space goes, leading and trailing too
  if (/^[+-]?\d+$/.test(t)) return t;
  if (/^[+-]?\d{1,3}(,\d{3})+$/.test(t)) return t.replace(/,/g, "");
  return undefined;
}

export function parsePaths(text: string): FieldResult<number> {
  const digits = integerText(text);
  if (digits === undefined) return fail(RUN_MESSAGES.pathsNotWhole);
  const paths = Number(digits);
  return paths >= PATH_LIMITS.min && paths <= PATH_LIMITS.max ? ok(paths) : fail(RUN_MESSAGES.pathsOutOfRange);
}

export function parseSeed(text: string): FieldResult<number> {
  const digits = integerText(text);
  if (digits === undefined) return fail(RUN_MESSAGES.seedNotWhole);
  const seed = Number(digits);
  return Number.isSafeInteger(seed) ? ok(seed + 0) : fail(RUN_MESSAGES.seedTooLarge);
}

/**
 * "15", "15%", "12.5 %" -> 0.15, 0.15, 0.125. The fraction is read from the
 * decimal text (Number("12.5e-2")), never by dividing a float by 100, so it
 * is the double nearest to what was typed.
 */
export function parseVolatilityPercent(text: string): FieldResult<number> {
  const t = text.trim().replace(/\s*%$/, "");
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(t)) return fail(RUN_MESSAGES.volatilityNotNumber);
  const percent = Number(t);
  if (percent < VOLATILITY_PERCENT_LIMITS.min || percent > VOLATILITY_PERCENT_LIMITS.max) return fail(RUN_MESSAGES.volatilityOutOfRange);
  return ok(Number(`${t}e-2`));
}

/** A fraction as the percentage typed in the field: 0.15 -> "15". */
export const volatilityText = (fraction: number): string => String(Number(`${fraction}e2`));

export const pathsText = (paths: number): string => whole.format(paths);

/** A seed for "New seed": a random whole number from 1 to 999,999,999, short enough to read out and retype. */
export function randomSeed(random: () => number = Math.random): number {
  return 1 + Math.floor(random() * 999_999_999);
}

// ---------------------------------------------------------------- running

/** Paths per chunk: a few milliseconds of work, so cancelling and progress are never far behind. */
export const CHUNK_PATHS = 25;
/** Work between two yields to the event loop: well under a frame, so clicks and repaints get through. */
export const SLICE_MS = 12;

export interface Macrotasks {
  /** Resolves in a later task of the event loop, after pending input and rendering. */
  next(): Promise<void>;
  close(): void;
}

/**
 * Macrotasks through a MessageChannel: unlike a chain of setTimeout(0), they
 * are not clamped to 4 ms each, and unlike requestAnimationFrame they keep
 * running when the pane is hidden.
 */
export function messageMacrotasks(): Macrotasks {
  if (typeof MessageChannel === "undefined") {
    return { next: () => new Promise((resolve) => setTimeout(resolve, 0)), close: () => undefined };
  }
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return {
    next: () => new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    }),
    close: () => {
      channel.port1.onmessage = null;
      channel.port1.close();
      channel.port2.close();
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

export interface PaneRunOptions {
  readonly onProgress?: (donePaths: number, totalPaths: number) => void;
  readonly signal?: AbortSignal;
  readonly sliceMs?: number;
  readonly now?: () => number;
  readonly macrotasks?: () => Macrotasks;
}

/**
 * monteCarloChunked in small chunks, yielding to the event loop once per
 * time slice rather than once per chunk: a fast machine does not pay for
 * yields it does not need, a slow one still repaints every slice. Cancel
 * with the signal; the core stops before its next chunk and throws. The
 * result is the core's, identical to monteCarlo with the same parameters.
 */
export async function runMonteCarlo(params: MonteCarloParams, options: PaneRunOptions = {}): Promise<MonteCarloResult> {
  const now = options.now ?? (() => performance.now());
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const tasks = (options.macrotasks ?? messageMacrotasks)();
  let sliceStart = now();
  try {
    return await monteCarloChunked(params, {
      chunkPaths: CHUNK_PATHS,
      onProgress: options.onProgress,
      signal: options.signal,
      yieldFn: async () => {
        if (now() - sliceStart < sliceMs) return;
        await tasks.next();
        sliceStart = now();
      },
    });
  } finally {
    tasks.close();
  }
}

// ---------------------------------------------------------------- summary

/** The bucket whose cumulative P50 the pane shows. */
const BUYBACK: FeeBucketId = "buyback";

export interface RunSummary {
  readonly seed: number;
  readonly paths: number;
  readonly months: number;
  /** P50 over paths of the buyback's total over the horizon, cents (an observed path's value). */
  readonly buybackP50Cents: number;
  /** Share of paths in which the fund ends some month below its minimum balance. */
  readonly belowMinShare: number;
}

export function summarizeRun(result: MonteCarloResult): RunSummary {
  const j = result.buckets.findIndex((b) => b.id === BUYBACK);
  const buyback = result.cumulative[j];
  if (!buyback) throw new Error(`The run has no "${BUYBACK}" bucket.`);
  return {
    seed: result.params.seed,
    paths: result.params.paths,
    months: result.params.months,
    buybackP50Cents: buyback.p50,
    belowMinShare: result.fund.belowMinAnyShare,
  };
}

/** Cents grouped in thousands with two places, exact: 1234567 -> "12,345.67". */
export function moneyText(cents: number): string {
  const [units, fraction] = formatCents(cents).split(".");
  return `${units!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
}

const share = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

/** The summary as label and value pairs, in the order the pane lists them. */
export function summaryRows(s: RunSummary): readonly (readonly [string, string])[] {
  return [
    ["Seed", String(s.seed)],
    ["Paths", `${pathsText(s.paths)} × ${s.months} months`],
    [`Buyback over the ${s.months} months, P50`, moneyText(s.buybackP50Cents)],
    ["Fund below its minimum in some month", `${share.format(s.belowMinShare)} of paths`],
  ];
}

/** A run's duration: "40 ms", "1.3 s". */
export const durationText = (ms: number): string => (ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`);

export const progressText = (done: number, total: number): string => `${pathsText(done)} of ${pathsText(total)} paths`;

/** Whether the live text should change: at each tenth of the run, so a screen reader hears ten updates, not hundreds. */
export const nextTenth = (before: number, done: number, total: number): boolean =>
  Math.floor((done * 10) / total) > Math.floor((before * 10) / total);
