import type { Bucket } from "../buckets";
import { Decimal } from "../decimal";
import { invalidValue, outOfRange } from "../errors";
import { resolveConstraints } from "../feeSplit";
import { MAX_CENTS, MAX_CENTS_TEXT, toCents } from "../money";
import { positionShares, resolveShares, type ShareSet, type StageInput } from "../shares";
import { ExactSplitter, NO_LIMIT } from "../exactSplit";
import { gcd, mulDivRem, toRatio, type QuotRem, type Ratio } from "../intMath";

/** An amount of money as the core takes it: 1234.56 or "1,234.56". */
export type Money = number | string;
/** One amount for every month, or one per month (an array at least as long as the horizon). */
export type MoneyPath = Money | readonly Money[];

/**
 * How a rule's driver (token volume, staked value, the exposure a fund
 * covers) moves: `withRevenue: true` takes one amount as month 0's and moves
 * it with the path's revenue, value(t) = value x revenue(t) / revenue(0),
 * rounded half up to the cent (held when month 0 has no revenue). Without
 * it the amount (or one per month) is used as given. The Monte Carlo moves
 * a single amount with each path's revenue unless `withRevenue: false`.
 */
export interface Driven {
  readonly withRevenue?: boolean;
}

/** Buyback cap as a share of traded token volume in the month, the volume given (per month, for every month, or moving with revenue). */
export interface VolumeCap extends Driven {
  /** 0..1: 0.05 = at most 5% of the month's traded volume. */
  readonly volumeShare: number;
  readonly volume: MoneyPath;
  /** Never more than this amount either (optional). */
  readonly amount?: Money;
}
/** Buyback cap as a share of traded token volume, the volume being revenue / fee rate. */
export interface FeeRateVolumeCap {
  readonly volumeShare: number;
  readonly feeRate: number;
}
/** Staker cap as a maximum APR on staked value: monthly cap = stakedValue * yieldCap / 12, rounded down to the cent. */
export interface YieldCap extends Driven {
  /** 0..1: 0.08 = stakers earn at most 8% a year on what is staked. */
  readonly yieldCap: number;
  readonly stakedValue: MoneyPath;
  /** Never more than this amount either (optional). */
  readonly amount?: Money;
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
  /**
   * The balance the fund should keep (default 0). While the balance at the
   * start of a month is below it, the fund bucket's floor for that month is
   * raised to the shortfall (topUp), so the fund is topped up first.
   * Months ending below it are counted as breaches.
   */
  readonly minBalance?: Money;
  /** Top up below minBalance (default true); false only counts the breaches. */
  readonly topUp?: boolean;
  /**
   * The balance at which the fund stops taking money: an amount (or one per
   * month), or a share of the exposure it covers (open interest, TVL). What
   * the fund bucket would pay in above it goes to `overflowTo`.
   */
  readonly target?: MoneyPath | FundTargetShare;
  /** The bucket that takes the overflow above the target (default "buyback"); never more than that bucket's cap. */
  readonly overflowTo?: string;
  readonly claims?: readonly Claim[];
}

/** A fund target as a share of the exposure it covers: target = share x exposure, rounded down to the cent. */
export interface FundTargetShare extends Driven {
  /** 0..1: 0.1 = keep 10% of open interest. */
  readonly share: number;
  readonly exposure: MoneyPath;
  /** Never more than this amount either (optional). */
  readonly amount?: Money;
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

/**
 * A limit computed each month from a driver that moves with revenue:
 * value = round(baseCents x R / R0) (baseCents when R0 = 0), then
 * limit = min(floor(value x num / den), maxCents when >= 0).
 */
export interface DrivenLimit {
  readonly bucket: number;
  readonly baseCents: number;
  readonly num: number;
  readonly den: number;
  readonly maxCents: number;
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
  /** Caps whose driver moves with revenue. */
  readonly drivenCaps: readonly DrivenLimit[];
  readonly fundBucket: number;
  readonly startBalanceCents: number;
  readonly minBalanceCents: number;
  /** Raise the fund bucket's floor to the shortfall below minBalance. */
  readonly topUp: boolean;
  /** Fund target per month in cents (NO_LIMIT: none), or null for no target; drivenTarget when it moves with revenue. */
  readonly targetCents: Float64Array | null;
  readonly drivenTarget: DrivenLimit | null;
  /** Bucket that takes the overflow above the target; -1 without a target. */
  readonly overflowBucket: number;
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

/** A stage path entry { fromMonth, stage }, as a schedule lists them. */
export const isScheduleEntry = (x: unknown): x is StageChange => x !== null && typeof x === "object" && "fromMonth" in x;

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

/** How a resolve treats a driver given as one amount when withRevenue is not said: held (runPath) or moving with revenue (Monte Carlo). */
export interface ResolveOptions {
  readonly withRevenue?: boolean;
}

/** Checks a 0..1 rate and reads it exactly. */
function unitRate(value: unknown, what: string, tooHigh: string): Ratio {
  const r = toRatio(value as number, what);
  if (r.num > r.den) throw outOfRange(`The ${what} is ${String(value)}; ${tooHigh}`);
  return r;
}

/**
 * A limit driven by an amount path: fixed cents per month into `out`
 * (row stride n, column j), or, moving with revenue, a DrivenLimit.
 * The limit rounds down: a rounded cap never allows more than the rule.
 */
function drivenLimit(
  driver: MoneyPath, withRevenue: boolean, ratio: Ratio, max: Money | undefined, j: number, months: number, n: number, out: Float64Array, what: string, driven: DrivenLimit[],
): void {
  const maxCents = max === undefined || max === null ? NO_LIMIT : toCents(max, `most ${what} may take`);
  if (withRevenue) {
    if (Array.isArray(driver)) throw invalidValue(`The ${what} moves with revenue from one amount (month 0's); give one amount, or set withRevenue: false to use one amount per month.`);
    driven.push({ bucket: j, baseCents: toCents(driver, what), num: ratio.num, den: ratio.den, maxCents });
    for (let t = 0; t < months; t++) out[t * n + j] = NO_LIMIT;
    return;
  }
  const path = moneyPathCents(driver, months, what);
  const qr: QuotRem = { q: 0, r: 0 };
  for (let t = 0; t < months; t++) {
    mulDivRem(path[t]!, ratio.num, ratio.den, qr);
    out[t * n + j] = maxCents >= 0 && maxCents < qr.q ? maxCents : qr.q;
  }
}

const drives = (rule: Driven, options: ResolveOptions, driver: unknown): boolean =>
  rule.withRevenue ?? (options.withRevenue === true && !Array.isArray(driver));

function capsFromRule(
  rule: CapRule, bucket: Bucket, j: number, months: number, n: number, capCents: Float64Array, revenueCaps: RevenueCap[], drivenCaps: DrivenLimit[], options: ResolveOptions,
): void {
  const name = bucket.constraintName;
  if (!isObject(rule)) {
    const path = moneyPathCents(rule as MoneyPath, months, name);
    for (let t = 0; t < months; t++) capCents[t * n + j] = path[t]!;
    return;
  }
  if ("volumeShare" in rule) {
    const share = unitRate(rule.volumeShare, `share of traded volume for the ${name}`, "give a fraction from 0 to 1 (0.05 = 5% of the month's volume); more than 100% of volume cannot be bought back.");
    if ("volume" in rule && rule.volume !== undefined) {
      const r = rule as VolumeCap;
      drivenLimit(r.volume, drives(r, options, r.volume), share, r.amount, j, months, n, capCents, `traded volume for the ${name}`, drivenCaps);
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
    const r = rule as YieldCap;
    const y = unitRate(r.yieldCap, `maximum APR for the ${name}`, "give a yearly rate from 0 to 1 (0.08 = 8% a year); an APR above 100% is not a cap.");
    drivenLimit(r.stakedValue, drives(r, options, r.stakedValue), fraction(y.num, y.den * 12, `maximum APR for the ${name}`), r.amount, j, months, n, capCents, `staked value for the ${name}`, drivenCaps);
    return;
  }
  throw invalidValue(
    `The ${name} must be an amount, one amount per month, { volumeShare, volume }, { volumeShare, feeRate } or { yieldCap, stakedValue }; got ${JSON.stringify(rule)}.`,
  );
}

function resolveLimits(buckets: readonly Bucket[], limits: StressLimits, months: number, options: ResolveOptions) {
  const n = buckets.length;
  const present = (r: Readonly<Record<string, unknown>> | undefined): Record<string, number | null> =>
    Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [k, v === null || v === undefined ? null : 0]));
  // The core checks the bucket ids and which bucket takes a cap or a floor, with its messages.
  resolveConstraints(buckets, { caps: present(limits.caps), floors: present(limits.floors) });

  const capCents = new Float64Array(months * n).fill(NO_LIMIT);
  const floorCents = new Float64Array(months * n).fill(NO_LIMIT);
  const revenueCaps: RevenueCap[] = [];
  const drivenCaps: DrivenLimit[] = [];
  buckets.forEach((bucket, j) => {
    const cap = limits.caps?.[bucket.id];
    if (cap !== null && cap !== undefined) capsFromRule(cap, bucket, j, months, n, capCents, revenueCaps, drivenCaps, options);
    const floor = limits.floors?.[bucket.id];
    if (floor !== null && floor !== undefined) {
      if (isObject(floor)) throw invalidValue(`The ${bucket.constraintName} must be an amount or one amount per month.`);
      const path = moneyPathCents(floor, months, bucket.constraintName);
      for (let t = 0; t < months; t++) floorCents[t * n + j] = path[t]!;
    }
  });
  return { capCents, floorCents, revenueCaps, drivenCaps };
}

// ---------------------------------------------------------------- fund

/** The target per month (or driven), the overflow bucket; checked against the minimum. */
function resolveTarget(buckets: readonly Bucket[], f: FundInput, fundBucket: number, minBalanceCents: number, months: number, options: ResolveOptions) {
  const none = { targetCents: null, drivenTarget: null, overflowBucket: -1 };
  if (f.overflowTo !== undefined && f.overflowTo !== null && (f.target === undefined || f.target === null)) {
    throw invalidValue(`The fund overflow goes to "${String(f.overflowTo)}" but there is no fund target: give the target balance too, or leave the overflow bucket out.`);
  }
  if (f.target === undefined || f.target === null) return none;
  const ids = buckets.map((b) => b.id);
  const overflowTo = f.overflowTo ?? "buyback";
  const overflowBucket = ids.indexOf(overflowTo);
  if (overflowBucket < 0) throw invalidValue(`There is no bucket "${String(overflowTo)}" to take the fund's overflow. Choose one of ${ids.filter((_, j) => j !== fundBucket).join(", ")}.`);
  if (overflowBucket === fundBucket) throw invalidValue(`The fund's overflow cannot go back to ${overflowTo}, the bucket that feeds the fund: choose one of ${ids.filter((_, j) => j !== fundBucket).join(", ")}.`);
  const targetCents = new Float64Array(months);
  let drivenTarget: DrivenLimit | null = null;
  const t = f.target;
  if (isObject(t)) {
    if (!("share" in t) || !("exposure" in t) || t.exposure === undefined) {
      throw invalidValue(`The fund target must be an amount, one amount per month, or { share, exposure } (e.g. 10% of open interest); got ${JSON.stringify(t)}.`);
    }
    const rule = t as FundTargetShare;
    const share = unitRate(rule.share, "fund target share of exposure", "give a fraction from 0 to 1 (0.1 = 10% of open interest or TVL).");
    const driven: DrivenLimit[] = [];
    drivenLimit(rule.exposure, drives(rule, options, rule.exposure), share, rule.amount, 0, months, 1, targetCents, "exposure the fund covers", driven);
    drivenTarget = driven[0] ?? null;
  } else {
    targetCents.set(moneyPathCents(t as MoneyPath, months, "fund target balance"));
  }
  // An amount below the minimum is a typing mistake; a share of exposure may dip below it, and then the minimum holds.
  if (!isObject(t)) {
    for (let m = 0; m < months; m++) {
      if (targetCents[m]! < minBalanceCents) {
        throw outOfRange(`The fund target (${targetCents[m]! / 100} in month ${m}) is below the fund minimum (${minBalanceCents / 100}): give a target at or above the minimum.`);
      }
    }
  }
  return { targetCents, drivenTarget, overflowBucket };
}

function resolveFund(buckets: readonly Bucket[], fund: FundInput | undefined, months: number, options: ResolveOptions) {
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
  let claimedCents = 0;
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
      claimedCents += claim.cents;
      // A month's claims, and the totals of what is claimed and left unpaid, stay exact below this.
      if (claimedCents > MAX_CENTS) throw outOfRange(`The claims' amounts add up to more than ${MAX_CENTS_TEXT} by ${what}, the most computed to the cent: give smaller claims, or amounts in thousands.`);
    } else {
      const r = toRatio(c.fraction as number, `fraction of ${what}`);
      if (r.num > r.den) throw outOfRange(`The fraction of ${what} is ${String(c.fraction)}; give a fraction of the balance from 0 to 1.`);
      claim = { cents: -1, num: r.num, den: r.den };
    }
    (claimsByMonth[month] ??= []).push(claim);
  });
  if (f.topUp !== undefined && typeof f.topUp !== "boolean") throw invalidValue(`fund.topUp must be true or false; got ${JSON.stringify(f.topUp)}.`);
  // Only a bucket that takes a floor can be topped up (the split raises its floor).
  const topUp = (f.topUp ?? true) && minBalanceCents > 0 && buckets[fundBucket]!.constraint === "floor";
  return {
    fundBucket, startBalanceCents, minBalanceCents, topUp,
    ...resolveTarget(buckets, f, fundBucket, minBalanceCents, months, options),
    claimsByMonth: Array.from({ length: months }, (_, t) => claimsByMonth[t]),
  };
}

/** Checks and resolves everything but the revenue, for `months` months. */
export function resolveModel(settings: PeriodSettings, months: number, options: ResolveOptions = {}): ResolvedModel {
  if (!isObject(settings)) throw invalidValue("Give the model as an object: { stage, caps, floors, fund }.");
  checkMonths(months);
  if (settings.stage === undefined || settings.stage === null) throw invalidValue("Give a stage: a name (early, growth, mature), a position 0..1, a schedule or a life-cycle drift.");
  const { splitters, stageIndex } = resolveStages(settings.stage, months);
  const buckets = splitters[0]!.shares.buckets;
  return {
    months, buckets, splitters, stageIndex,
    ...resolveLimits(buckets, settings, months, options),
    ...resolveFund(buckets, settings.fund, months, options),
  };
}
