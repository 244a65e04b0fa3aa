import type { Bucket } from "../buckets";
import { Decimal } from "../decimal";
import { invalidValue, outOfRange } from "../errors";
import { resolveConstraints } from "../feeSplit";
import { toCents } from "../money";
import { positionShares, resolveShares, type ShareSet, type StageInput } from "../shares";
import { ExactSplitter, NO_LIMIT } from "../exactSplit";
import { gcd, mulDivRem, toRatio, type QuotRem, type Ratio } from "../intMath";

/** An amount of money as the core takes it: 1234.56 or "1,234.56". */
export type Money = number | string;
/** One amount for every month, or one per month (an array at least as long as the horizon). */
export type MoneyPath = Money | readonly Money[];

/** Buyback cap as a share of traded token volume, the volume given (per month or for every month). */
export interface VolumeCap {
  readonly volumeShare: number;
  readonly volume: MoneyPath;
}
/** Buyback cap as a share of traded token volume, the volume being revenue / fee rate. */
export interface FeeRateVolumeCap {
  readonly volumeShare: number;
  readonly feeRate: number;
}
/** Staker cap as an annual yield cap on staked value: monthly cap = stakedValue * yieldCap / 12. */
export interface YieldCap {
  readonly yieldCap: number;
  readonly stakedValue: MoneyPath;
}
/** A cap per month: a fixed amount, an amount per month, or a rule. */
export type CapRule = MoneyPath | VolumeCap | FeeRateVolumeCap | YieldCap;

/** From month `fromMonth` (0 = the first month) on, the split follows `stage`. */
export interface StageChange {
  readonly fromMonth: number;
  readonly stage: StageInput;
}
/** A life-cycle position moving in a straight line from `from` (month 0) to `to` (month `overMonths`, default the last month), then staying. */
export interface LifeCycleDrift {
  readonly lifecycle: { readonly from: number; readonly to: number; readonly overMonths?: number };
}
/**
 * The stage of every month: one stage for all (a name, a position 0..1,
 * custom shares, a ShareSet), a schedule of changes (an array of
 * { fromMonth, stage }, or { schedule: [...] }), or a moving position.
 */
export type StagePath = StageInput | readonly StageChange[] | { readonly schedule: readonly StageChange[] } | LifeCycleDrift;

/** A loss event paid from the fund in `month`: a fixed amount, or a fraction (0..1) of the balance at that moment. */
export interface Claim {
  readonly month: number;
  readonly amount?: Money;
  readonly fraction?: number;
}

/**
 * The fund a bucket (default: the first bucket with a floor, insurance)
 * pays into: balance(t) = balance(t-1) + inflow(t) - covered claims(t),
 * never below zero; what a claim cannot take is recorded as uncovered.
 */
export interface FundInput {
  readonly bucket?: string;
  readonly startBalance?: Money;
  /** The balance the fund should keep; months below it are counted as breaches. Default 0. */
  readonly minBalance?: Money;
  readonly claims?: readonly Claim[];
}

/** Caps and floors by bucket id (which bucket takes which is Bucket.constraint, as in the core). */
export interface StressLimits {
  readonly caps?: Readonly<Record<string, CapRule | null | undefined>>;
  readonly floors?: Readonly<Record<string, MoneyPath | null | undefined>>;
}

/** Everything about a horizon except the revenue path. */
export interface PeriodSettings extends StressLimits {
  readonly stage: StagePath;
  readonly fund?: FundInput;
}

/** Most months a path may have (50 years). */
export const MAX_MONTHS = 600;
/** Life-cycle positions that move are read to this many decimals (0.001 steps), which keeps their shares short decimals (the exact integer split). */
export const DRIFT_POSITION_PLACES = 3;

/** A claim as the engine applies it: cents >= 0, or (cents = -1) the fraction num/den of the balance. */
export interface ResolvedClaim {
  readonly cents: number;
  readonly num: number;
  readonly den: number;
}

/** A cap computed from each month's revenue: floor(revenueCents * num / den). */
export interface RevenueCap {
  readonly bucket: number;
  readonly num: number;
  readonly den: number;
}

/** The model with every input checked and turned into cents, per month. */
export interface ResolvedModel {
  readonly months: number;
  readonly buckets: readonly Bucket[];
  /** One splitter per distinct share set; stageIndex[t] picks month t's. */
  readonly splitters: readonly ExactSplitter[];
  readonly stageIndex: Int32Array;
  /** months x buckets, NO_LIMIT where none (or where the cap comes from revenue). */
  readonly capCents: Float64Array;
  readonly floorCents: Float64Array;
  readonly revenueCaps: readonly RevenueCap[];
  readonly fundBucket: number;
  readonly startBalanceCents: number;
  readonly minBalanceCents: number;
  readonly claimsByMonth: readonly (readonly ResolvedClaim[] | undefined)[];
}

export function checkMonths(months: unknown, what = "number of months"): number {
  if (typeof months !== "number" || !Number.isInteger(months)) {
    throw invalidValue(`The ${what} must be a whole number; got ${String(months)}.`);
  }
  if (months < 1) throw outOfRange(`The ${what} is ${months}; give at least 1 month.`);
  if (months > MAX_MONTHS) throw outOfRange(`The ${what} is ${months}; at most ${MAX_MONTHS} months (50 years) are supported.`);
  return months;
}

/** A whole month index 0..months-1. */
function checkMonthIndex(month: unknown, months: number, what: string): number {
  if (typeof month !== "number" || !Number.isInteger(month)) throw invalidValue(`The ${what} must be a whole month number (0 is the first month); got ${String(month)}.`);
  if (month < 0) throw outOfRange(`The ${what} is ${month}; months count from 0 (the first month).`);
  if (month >= months) throw outOfRange(`The ${what} is ${month}, after the last month (${months - 1}); months count from 0.`);
  return month;
}

/** An amount path in cents, months long. */
export function moneyPathCents(value: MoneyPath, months: number, what: string): Float64Array {
  const out = new Float64Array(months);
  if (Array.isArray(value)) {
    const values = value as readonly Money[];
    if (values.length < months) {
      throw invalidValue(`The ${what} gives ${values.length} monthly values; the horizon has ${months} months. Give one value per month, or one value for all.`);
    }
    for (let t = 0; t < months; t++) out[t] = toCents(values[t], `${what} for month ${t}`);
    return out;
  }
  out.fill(toCents(value, what));
  return out;
}

// ---------------------------------------------------------------- stages

const isScheduleEntry = (x: unknown): x is StageChange => x !== null && typeof x === "object" && "fromMonth" in x;

function stagePathKind(stage: StagePath): { schedule: readonly StageChange[] } | LifeCycleDrift | { fixed: StageInput } {
  if (Array.isArray(stage) && stage.length > 0 && stage.every(isScheduleEntry)) return { schedule: stage as readonly StageChange[] };
  if (stage !== null && typeof stage === "object" && !Array.isArray(stage)) {
    if ("schedule" in stage) return stage;
    if ("lifecycle" in stage) return stage;
  }
  return { fixed: stage as StageInput };
}

function resolveStages(stage: StagePath, months: number): { splitters: ExactSplitter[]; stageIndex: Int32Array } {
  const kind = stagePathKind(stage);
  const splitters: ExactSplitter[] = [];
  const stageIndex = new Int32Array(months);
  if ("fixed" in kind) {
    splitters.push(new ExactSplitter(resolveShares(kind.fixed)));
  } else if ("schedule" in kind) {
    const changes = kind.schedule;
    if (!Array.isArray(changes) || changes.length === 0) throw invalidValue("The stage schedule is empty: give at least { fromMonth: 0, stage: \"early\" }.");
    let previous = -1;
    changes.forEach((c, i) => {
      const from = c?.fromMonth;
      if (typeof from !== "number" || !Number.isInteger(from) || from < 0) {
        throw invalidValue(`Stage change ${i + 1} needs fromMonth as a whole month number from 0; got ${String(from)}.`);
      }
      if (i === 0 && from !== 0) throw invalidValue(`The stage schedule must start at month 0 (its first change is at month ${from}).`);
      if (from <= previous) throw invalidValue(`The stage schedule must go forward in time: month ${from} comes after month ${previous}.`);
      previous = from;
      splitters.push(new ExactSplitter(resolveShares(c.stage)));
    });
    let k = 0;
    for (let t = 0; t < months; t++) {
      while (k + 1 < changes.length && changes[k + 1]!.fromMonth <= t) k++;
      stageIndex[t] = k;
    }
  } else {
    const { from, to, overMonths } = kind.lifecycle;
    for (const [name, p] of [["from", from], ["to", to]] as const) {
      if (typeof p !== "number" || !Number.isFinite(p) || p < 0 || p > 1) {
        throw outOfRange(`The life-cycle ${name} position must be between 0 (early) and 1 (mature); got ${String(p)}.`);
      }
    }
    const span = overMonths ?? Math.max(months - 1, 1);
    if (typeof span !== "number" || !Number.isInteger(span) || span < 1) {
      throw invalidValue(`The life-cycle overMonths must be a whole number of months, 1 or more; got ${String(overMonths)}.`);
    }
    const byPosition = new Map<number, number>();
    const start = new Decimal(from);
    const slope = new Decimal(to).minus(from).div(span);
    for (let t = 0; t < months; t++) {
      const p = start.plus(slope.times(Math.min(t, span))).toDecimalPlaces(DRIFT_POSITION_PLACES, Decimal.ROUND_HALF_UP).toNumber();
      let index = byPosition.get(p);
      if (index === undefined) {
        index = splitters.length;
        byPosition.set(p, index);
        splitters.push(new ExactSplitter(positionShares(p)));
      }
      stageIndex[t] = index;
    }
  }
  const ids = splitters[0]!.shares.buckets.map((b) => b.id).join(",");
  for (const s of splitters) {
    if (s.shares.buckets.map((b) => b.id).join(",") !== ids) throw invalidValue("Every stage in a path must split over the same buckets.");
  }
  return { splitters, stageIndex };
}

// ---------------------------------------------------------------- caps and floors

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);

/** num/den with both whole and safe, reduced. */
function fraction(num: number, den: number, what: string): Ratio {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) throw outOfRange(`The ${what} has too many decimals to compute exactly; round it to fewer decimal places.`);
  const g = gcd(num, den) || 1;
  return { num: num / g, den: den / g };
}

function capsFromRule(
  rule: CapRule, bucket: Bucket, j: number, months: number, n: number, capCents: Float64Array, revenueCaps: RevenueCap[],
): void {
  const name = bucket.constraintName;
  const qr: QuotRem = { q: 0, r: 0 };
  const fill = (path: Float64Array, ratio: Ratio): void => {
    for (let t = 0; t < months; t++) {
      mulDivRem(path[t]!, ratio.num, ratio.den, qr); // caps round down: a rounded cap never allows more than the rule
      capCents[t * n + j] = qr.q;
    }
  };
  if (!isObject(rule)) {
    const path = moneyPathCents(rule as MoneyPath, months, name);
    for (let t = 0; t < months; t++) capCents[t * n + j] = path[t]!;
    return;
  }
  if ("volumeShare" in rule) {
    const share = toRatio(rule.volumeShare as number, `share of traded volume for the ${name}`);
    if (share.num > share.den) throw outOfRange(`The share of traded volume for the ${name} is ${String(rule.volumeShare)}; give a fraction from 0 to 1 (0.05 = 5% of volume).`);
    if ("volume" in rule && rule.volume !== undefined) {
      fill(moneyPathCents(rule.volume as MoneyPath, months, `traded volume for the ${name}`), share);
      return;
    }
    if ("feeRate" in rule && rule.feeRate !== undefined) {
      const fee = toRatio(rule.feeRate as number, `fee rate for the ${name}`);
      if (fee.num === 0 || fee.num > fee.den) throw outOfRange(`The fee rate for the ${name} is ${String(rule.feeRate)}; give a fraction above 0 and at most 1 (0.001 = 0.1% of volume), so volume = revenue / fee rate.`);
      // cap = share * revenue / feeRate
      const r = fraction(share.num * fee.den, share.den * fee.num, `volume share or fee rate for the ${name}`);
      revenueCaps.push({ bucket: j, num: r.num, den: r.den });
      for (let t = 0; t < months; t++) capCents[t * n + j] = NO_LIMIT;
      return;
    }
    throw invalidValue(`The ${name} rule { volumeShare } also needs the traded volume (volume: amount or one per month) or the fee rate (feeRate), so volume = revenue / fee rate.`);
  }
  if ("yieldCap" in rule) {
    if (!("stakedValue" in rule) || rule.stakedValue === undefined) throw invalidValue(`The ${name} rule { yieldCap } also needs stakedValue (an amount, or one per month).`);
    const y = toRatio(rule.yieldCap as number, `annual yield cap for the ${name}`);
    fill(moneyPathCents(rule.stakedValue as MoneyPath, months, `staked value for the ${name}`), fraction(y.num, y.den * 12, `annual yield cap for the ${name}`));
    return;
  }
  throw invalidValue(
    `The ${name} must be an amount, one amount per month, { volumeShare, volume }, { volumeShare, feeRate } or { yieldCap, stakedValue }; got ${JSON.stringify(rule)}.`,
  );
}

function resolveLimits(buckets: readonly Bucket[], limits: StressLimits, months: number) {
  const n = buckets.length;
  const present = (r: Readonly<Record<string, unknown>> | undefined): Record<string, number | null> =>
    Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [k, v === null || v === undefined ? null : 0]));
  // The core checks the bucket ids and which bucket takes a cap or a floor, with its messages.
  resolveConstraints(buckets, { caps: present(limits.caps), floors: present(limits.floors) });

  const capCents = new Float64Array(months * n).fill(NO_LIMIT);
  const floorCents = new Float64Array(months * n).fill(NO_LIMIT);
  const revenueCaps: RevenueCap[] = [];
  buckets.forEach((bucket, j) => {
    const cap = limits.caps?.[bucket.id];
    if (cap !== null && cap !== undefined) capsFromRule(cap, bucket, j, months, n, capCents, revenueCaps);
    const floor = limits.floors?.[bucket.id];
    if (floor !== null && floor !== undefined) {
      if (isObject(floor)) throw invalidValue(`The ${bucket.constraintName} must be an amount or one amount per month.`);
      const path = moneyPathCents(floor, months, bucket.constraintName);
      for (let t = 0; t < months; t++) floorCents[t * n + j] = path[t]!;
    }
  });
  return { capCents, floorCents, revenueCaps };
}

// ---------------------------------------------------------------- fund

function resolveFund(buckets: readonly Bucket[], fund: FundInput | undefined, months: number) {
  const f = fund ?? {};
  let fundBucket: number;
  if (f.bucket !== undefined) {
    fundBucket = buckets.findIndex((b) => b.id === f.bucket);
    if (fundBucket < 0) throw invalidValue(`There is no bucket "${f.bucket}" to feed the fund. Buckets are ${buckets.map((b) => b.id).join(", ")}.`);
  } else {
    fundBucket = buckets.findIndex((b) => b.constraint === "floor");
    if (fundBucket < 0) fundBucket = buckets.findIndex((b) => b.residual);
    if (fundBucket < 0) throw invalidValue("Name the bucket that feeds the fund (fund.bucket): no bucket has a floor.");
  }
  const startBalanceCents = f.startBalance === undefined ? 0 : toCents(f.startBalance, "fund start balance");
  const minBalanceCents = f.minBalance === undefined ? 0 : toCents(f.minBalance, "fund minimum balance");
  const claimsByMonth: ResolvedClaim[][] = [];
  if (f.claims !== undefined && !Array.isArray(f.claims)) throw invalidValue("The claims must be a list of { month, amount } or { month, fraction }.");
  (f.claims ?? []).forEach((c, i) => {
    const what = `claim ${i + 1}`;
    if (!isObject(c)) throw invalidValue(`The ${what} must be { month, amount } or { month, fraction }; got ${JSON.stringify(c)}.`);
    const month = checkMonthIndex(c.month, months, `month of ${what}`);
    const hasAmount = c.amount !== undefined && c.amount !== null;
    const hasFraction = c.fraction !== undefined && c.fraction !== null;
    if (hasAmount === hasFraction) throw invalidValue(`The ${what} needs either an amount or a fraction of the fund balance (0..1), not ${hasAmount ? "both" : "neither"}.`);
    let claim: ResolvedClaim;
    if (hasAmount) {
      claim = { cents: toCents(c.amount, `amount of ${what}`), num: 0, den: 1 };
    } else {
      const r = toRatio(c.fraction as number, `fraction of ${what}`);
      if (r.num > r.den) throw outOfRange(`The fraction of ${what} is ${String(c.fraction)}; give a fraction of the balance from 0 to 1.`);
      claim = { cents: -1, num: r.num, den: r.den };
    }
    (claimsByMonth[month] ??= []).push(claim);
  });
  return { fundBucket, startBalanceCents, minBalanceCents, claimsByMonth: Array.from({ length: months }, (_, t) => claimsByMonth[t]) };
}

/** Checks and resolves everything but the revenue, for `months` months. */
export function resolveModel(settings: PeriodSettings, months: number): ResolvedModel {
  if (!isObject(settings)) throw invalidValue("Give the model as an object: { stage, caps, floors, fund }.");
  checkMonths(months);
  if (settings.stage === undefined || settings.stage === null) throw invalidValue("Give a stage: a name (early, growth, mature), a position 0..1, a schedule or a life-cycle drift.");
  const { splitters, stageIndex } = resolveStages(settings.stage, months);
  const buckets = splitters[0]!.shares.buckets;
  return {
    months, buckets, splitters, stageIndex,
    ...resolveLimits(buckets, settings, months),
    ...resolveFund(buckets, settings.fund, months),
  };
}
