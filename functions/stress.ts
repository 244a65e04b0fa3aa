import type { ShareSet } from "../src/index";
import { monteCarlo, monteCarloChunked, type Band, type MonteCarloResult, type Spread } from "../src/stress/index";
import { centsToCell, optionalAmount, readLimits, type Amount, type LimitAmounts } from "./amounts";
import { readNumber } from "./cells";
import { badInput } from "./excelErrors";
import type { CellResult } from "./results";
import { readStage } from "./stage";
import { capRules, fundPolicy, ruleArgs } from "./stressRules";
import type { CapRule, FundInput } from "../src/stress/index";

/**
 * What one STRESS call runs: the defaults for omitted arguments, and limits
 * that keep a recalculation to about a second at most (20,000 paths of 120
 * months: about 1.1 s and 115 MB of path data in Node). The core allows more.
 */
export const STRESS_ARGS = {
  defaultPaths: 1000,
  maxPaths: 20_000,
  maxMonths: 120,
  defaultSeed: 1,
} as const;

/** The percentile columns, in the order of their headers. */
const PERCENTILE_HEADERS = ["P5", "P50", "P95"] as const;
const percentiles = (s: Spread): number[] => [s.p5, s.p50, s.p95];
const lastMonth = (band: Band, t: number): number[] => [band.p5[t]!, band.p50[t]!, band.p95[t]!];

/** Label, three total columns, three last-month columns. */
const WIDTH = 1 + 2 * PERCENTILE_HEADERS.length;

const TOO_LARGE_FIX = "Lower the revenue, growth, volatility or months.";

interface StressInputs {
  readonly revenue: Amount;
  readonly growth: number;
  readonly volatility: number;
  readonly months: number;
  readonly stage: ShareSet;
  readonly paths: number;
  readonly seed: number;
  readonly limits: LimitAmounts;
  readonly caps: Record<string, CapRule>;
  readonly fund: FundInput;
}

function required(value: unknown, what: string, hint: string): number {
  const n = readNumber(value, what);
  if (n === undefined) throw badInput(`Give the ${what} (${hint}).`);
  return n;
}

/** A count argument (months, paths) from 1 to max; omitted or blank takes the fallback. */
function count(value: unknown, what: string, max: number, fallback: number | undefined, why: string): number {
  const n = readNumber(value, what);
  const range = `a whole number from 1 to ${max}`;
  if (n === undefined) {
    if (fallback === undefined) throw badInput(`Give the ${what}: ${range}.`);
    return fallback;
  }
  if (!Number.isInteger(n) || n < 1) throw badInput(`The ${what} must be ${range}; got ${n}.`);
  if (n > max) throw badInput(`${n} ${what}: a cell function runs at most ${max} ${what} to keep Excel responsive${why}. Give ${max} or fewer.`);
  return n;
}

/** Check first: every argument, in argument order, before any path runs. The core checks the ranges it owns. */
function readStressInputs(args: readonly unknown[]): StressInputs {
  const [revenue, growth, volatility, months, stage, paths, seed, buybackCap, stakerCap, insuranceFloor, fundStart, ...rest] = args;
  const limits = [buybackCap, stakerCap, insuranceFloor];
  const rules = ruleArgs(rest);
  const start = optionalAmount(revenue, "starting monthly revenue");
  if (start === undefined) throw badInput("Give the starting monthly revenue (the fee revenue of the first month).");
  // A seed that is no whole number is refused by the core, in the words of its check.
  const seedValue = readNumber(seed, "seed") ?? STRESS_ARGS.defaultSeed;
  const limitAmounts = readLimits(limits);
  return {
    revenue: start,
    growth: required(growth, "monthly growth", "0.02 = 2% a month; 0 for flat"),
    volatility: required(volatility, "monthly volatility", "0.2 = 20% a month; 0 for none"),
    months: count(months, "months", STRESS_ARGS.maxMonths, undefined, ""),
    stage: readStage(stage),
    paths: count(paths, "paths", STRESS_ARGS.maxPaths, STRESS_ARGS.defaultPaths, " (P5 and P95 are already stable with a few thousand)"),
    seed: seedValue,
    limits: limitAmounts,
    // Token volume and staked value are month 0's and move with each path's revenue (the core's Monte Carlo default).
    caps: capRules(limitAmounts, rules, null, 1),
    fund: fundPolicy(fundStart, rules, null, 1),
  };
}

/**
 * The percentile table of a Monte Carlo result:
 *   header: "seed S, N paths, M months" | Total P5 | Total P50 | Total P95 | Last month P5 | Last month P50 | Last month P95
 *   one row per bucket: its total over the horizon, then its amount in the last month
 *   the fund's balance at the end (in the total columns)
 *   one row per cap or floor given: the share of paths in which it binds in some month
 */
function stressRows(result: MonteCarloResult): CellResult[][] {
  const { months, paths, seed } = result.params;
  const last = months - 1;
  const money = (cents: number, what: string): number => centsToCell(cents, what, TOO_LARGE_FIX);
  const pad = (row: CellResult[]): CellResult[] => [...row, ...new Array<CellResult>(WIDTH - row.length).fill("")];
  const nameOf = (id: string): string => result.buckets.find((b) => b.id === id)?.name ?? id;
  const rows: CellResult[][] = [[
    `seed ${seed}, ${paths} paths, ${months} months`,
    ...PERCENTILE_HEADERS.map((p) => `Total ${p}`),
    ...PERCENTILE_HEADERS.map((p) => `Last month ${p}`),
  ]];
  result.buckets.forEach((bucket, j) => {
    const what = `${bucket.name.toLowerCase()} amount`;
    rows.push([
      bucket.name,
      ...percentiles(result.cumulative[j]!).map((c) => money(c, `${what} over the horizon`)),
      ...lastMonth(result.monthly[j]!, last).map((c) => money(c, `${what} in the last month`)),
    ]);
  });
  rows.push(pad([
    `${nameOf(result.fund.bucket)} fund balance at end`,
    ...lastMonth(result.fund.balance, last).map((c) => money(c, "fund balance")),
  ]));
  if (result.fund.overflowBucket !== null) {
    const to = nameOf(result.fund.overflowBucket).toLowerCase();
    rows.push(pad([`Overflow from the fund to ${to} over the horizon`, ...percentiles(result.fund.overflowTotal).map((c) => money(c, "overflow"))]));
    rows.push(pad([`Fund at its target in some month, overflow to ${to} (share of paths)`, result.fund.overflowAnyShare]));
  }
  for (const [kind, stats] of [["cap", result.caps], ["floor", result.floors]] as const) {
    for (const s of stats) rows.push(pad([`${nameOf(s.bucket)} ${kind} binds in some month (share of paths)`, s.anyMonthShare]));
  }
  return rows;
}

/**
 * Path-months a call runs in one go (1,000 paths x 120 months: about 0.1 s).
 * A larger run hands back a Promise and runs in chunks of about
 * chunkPathMonths path-months, yielding a macrotask between them: the functions
 * share the pane's thread (SharedRuntime), and several cells of 20,000 paths
 * would otherwise hold it for seconds. Chunking never changes the result.
 */
export const STRESS_WORK = { syncPathMonths: 200_000, chunkPathMonths: 100_000 } as const;

/** TOKEN.STRESS: the table now for a small run, a Promise of the same table for a large one. */
export function stressCell(args: readonly unknown[]): CellResult[][] | Promise<CellResult[][]> {
  const input = readStressInputs(args);
  if (input.paths * input.months <= STRESS_WORK.syncPathMonths) return stressRows(monteCarlo(paramsOf(input)));
  const chunkPaths = Math.max(1, Math.floor(STRESS_WORK.chunkPathMonths / input.months));
  return monteCarloChunked(paramsOf(input), { chunkPaths }).then(stressRows);
}

/** TOKEN.STRESS in one go: the arguments as Excel passes them, in order. */
export function stressTable(args: readonly unknown[]): CellResult[][] {
  return stressRows(monteCarlo(paramsOf(readStressInputs(args))));
}

function paramsOf(input: StressInputs): Parameters<typeof monteCarlo>[0] {
  return {
    revenue: input.revenue,
    growth: input.growth,
    volatility: input.volatility,
    months: input.months,
    paths: input.paths,
    seed: input.seed,
    stage: input.stage,
    caps: input.caps,
    floors: input.limits.floors,
    fund: input.fund,
  };
}
