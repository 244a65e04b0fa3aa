import type { Bucket } from "../buckets";
import { invalidValue, outOfRange } from "../errors";
import { MAX_CENTS, MAX_CENTS_TEXT, toCents } from "../money";
import { MonthEngine } from "./engine";
import { BOUND_CAP, BOUND_FLOOR, boundName, NO_LIMIT } from "../exactSplit";
import { checkMonths, resolveModel, type Money, type PeriodSettings } from "./model";

/** A revenue path (exact cents, or amounts) with the stage, limits and fund of every month. */
export interface PeriodModel extends PeriodSettings {
  /** Revenue per month in whole cents (scenarioRevenues gives these). */
  readonly revenueCents?: readonly number[];
  /** Or revenue per month as amounts (rounded to the cent as the core does). */
  readonly revenue?: readonly Money[];
}

/** One month of a path. Every *Cents field is exact whole cents. */
export interface PathMonth {
  /** 0 is the first month. */
  readonly month: number;
  readonly revenueCents: number;
  /** The share set's label: "growth", "position 0.25", "custom". */
  readonly stage: string;
  /** Per bucket (order of `buckets`); sums exactly to revenueCents. */
  readonly cents: readonly number[];
  readonly bound: readonly ("cap" | "floor" | null)[];
  readonly capCents: readonly (number | null)[];
  readonly floorCents: readonly (number | null)[];
  /** What the fund bucket paid into the fund this month (after any overflow). */
  readonly inflowCents: number;
  /** The fund target this month (null: none) and what moved above it to the overflow bucket (already in `cents`). */
  readonly targetCents: number | null;
  readonly overflowCents: number;
  /** Claims this month: asked, paid from the fund, and left unpaid (uncovered loss). */
  readonly claimCents: number;
  readonly coveredCents: number;
  readonly uncoveredCents: number;
  /** Fund balance at the end of the month: previous + inflow - covered, never below 0. */
  readonly insuranceBalanceCents: number;
  readonly belowMinBalance: boolean;
}

export interface PathTotals {
  readonly revenueCents: number;
  readonly cents: readonly number[];
  readonly inflowCents: number;
  readonly overflowCents: number;
  readonly claimCents: number;
  readonly coveredCents: number;
  readonly uncoveredCents: number;
  readonly startBalanceCents: number;
  readonly endBalanceCents: number;
  readonly lowestBalanceCents: number;
  /** Months in which each bucket's cap / floor bound. */
  readonly monthsCapped: readonly number[];
  readonly monthsFloored: readonly number[];
  readonly monthsBelowMin: number;
}

export interface PathResult {
  readonly buckets: readonly Bucket[];
  /** Id of the bucket feeding the fund. */
  readonly fundBucket: string;
  /** Id of the bucket taking the overflow above the fund target; null without a target. */
  readonly overflowBucket: string | null;
  readonly minBalanceCents: number;
  readonly months: readonly PathMonth[];
  readonly totals: PathTotals;
}

function revenuePath(model: PeriodModel): number[] {
  const { revenueCents, revenue } = model;
  if ((revenueCents === undefined) === (revenue === undefined)) {
    throw invalidValue("Give the revenue path once: revenueCents (whole cents per month) or revenue (amounts per month).");
  }
  const path = revenueCents ?? revenue!;
  if (!Array.isArray(path)) throw invalidValue("The revenue path must be a list with one value per month.");
  checkMonths(path.length, "number of months in the revenue path");
  if (revenue !== undefined) return revenue.map((r, t) => toCents(r, `revenue for month ${t}`));
  return revenueCents!.map((c, t) => {
    // Number.isSafeInteger is false for anything not a number (a string from a caller outside TypeScript).
    if (!Number.isSafeInteger(c)) throw invalidValue(`Revenue for month ${t} must be whole cents; got ${String(c)}.`);
    if (c < 0) throw outOfRange(`Revenue for month ${t} is negative (${c} cents). Give 0 or more.`);
    return c;
  });
}

/**
 * Runs one revenue path month by month: the core's split each month (exact
 * cents, summing to that month's revenue), caps and floors per month, and
 * the fund carried forward with its claims. All outputs are exact cents.
 */
export function runPath(model: PeriodModel): PathResult {
  const revenue = revenuePath(model);
  // Each bucket's total, the fund's inflow and its overflow are parts of the revenue's total:
  // one bound keeps them all exact cents. (The sum only grows, so past the bound it stays past it.)
  const revenueTotal = revenue.reduce((a, b) => a + b, 0);
  if (revenueTotal > MAX_CENTS) {
    throw outOfRange(`The revenue over the ${revenue.length} months adds up to more than ${MAX_CENTS_TEXT}, the most computed to the cent: use fewer months, or give amounts in thousands.`);
  }
  const resolved = resolveModel(model, revenue.length);
  const engine = new MonthEngine(resolved);
  const n = engine.n;
  const totals = new Array<number>(n).fill(0);
  const monthsCapped = new Array<number>(n).fill(0);
  const monthsFloored = new Array<number>(n).fill(0);
  let inflow = 0, overflow = 0, claim = 0, covered = 0, uncovered = 0, monthsBelowMin = 0;
  let lowest = resolved.startBalanceCents;
  const limit = (x: number): number | null => (x === NO_LIMIT ? null : x);
  const months = revenue.map((R, t): PathMonth => {
    engine.step(t, R);
    const cents = Array.from(engine.cents);
    const bound = Array.from(engine.bound);
    for (let j = 0; j < n; j++) {
      totals[j]! += cents[j]!;
      if (bound[j] === BOUND_CAP) monthsCapped[j]!++;
      if (bound[j] === BOUND_FLOOR) monthsFloored[j]!++;
    }
    inflow += engine.inflow;
    overflow += engine.overflow;
    claim += engine.claim;
    covered += engine.covered;
    uncovered += engine.uncovered;
    lowest = Math.min(lowest, engine.balance);
    const below = engine.balance < resolved.minBalanceCents;
    if (below) monthsBelowMin++;
    return {
      month: t,
      revenueCents: R,
      stage: resolved.splitters[resolved.stageIndex[t]!]!.shares.label,
      cents,
      bound: bound.map(boundName),
      capCents: Array.from(engine.caps, limit),
      floorCents: Array.from(engine.floors, limit),
      inflowCents: engine.inflow,
      targetCents: limit(engine.target),
      overflowCents: engine.overflow,
      claimCents: engine.claim,
      coveredCents: engine.covered,
      uncoveredCents: engine.uncovered,
      insuranceBalanceCents: engine.balance,
      belowMinBalance: below,
    };
  });
  // Claims can pass the revenue's bound when a large start balance pays them; what is paid never exceeds what is claimed, so one check bounds both.
  if (claim > MAX_CENTS) {
    throw outOfRange(`The claims over the ${revenue.length} months add up to more than ${MAX_CENTS_TEXT}, the most computed to the cent: give fewer or smaller claims, or amounts in thousands.`);
  }
  return {
    buckets: resolved.buckets,
    fundBucket: resolved.buckets[resolved.fundBucket]!.id,
    overflowBucket: resolved.overflowBucket >= 0 ? resolved.buckets[resolved.overflowBucket]!.id : null,
    minBalanceCents: resolved.minBalanceCents,
    months,
    totals: {
      revenueCents: revenueTotal,
      cents: totals,
      inflowCents: inflow,
      overflowCents: overflow,
      claimCents: claim,
      coveredCents: covered,
      uncoveredCents: uncovered,
      startBalanceCents: resolved.startBalanceCents,
      endBalanceCents: engine.balance,
      lowestBalanceCents: lowest,
      monthsCapped,
      monthsFloored,
      monthsBelowMin,
    },
  };
}
