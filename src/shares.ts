import { FEE_BUCKETS, type Bucket } from "./buckets";
import { Decimal } from "./decimal";
import { invalidValue, outOfRange, shownValue } from "./errors";
import { gcd } from "./intMath";
import { findName } from "./names";
import { echo, numberText } from "./numberText";
import { STAGE_INDEX, STAGES, stageById, type Stage, type StageId } from "./stages";

/** Fractions of the fee line per bucket, summing exactly to 1. */
export interface ShareSet {
  /** "growth", "position 0.25" or "custom": how the user named it. */
  readonly label: string;
  readonly buckets: readonly Bucket[];
  readonly shares: readonly Decimal[];
  /**
   * The same shares as whole numbers over `scale` (e.g. 40/100) when they
   * are short decimals, so the common split runs in exact integer cents
   * without Decimal objects; null when they are not.
   */
  readonly weights: readonly number[] | null;
  readonly scale: number;
}

/** A stage as a user may give it: a name, a life-cycle position 0..1, custom shares, or a resolved set. */
export type StageInput = string | number | readonly unknown[] | ShareSet;

const MAX_WEIGHT_DECIMALS = 9;
const BILLION = 1_000_000_000;
/** Shares typed as fractions or computed by formulas carry float noise; this much is forgiven. */
const SUM_TOLERANCE = new Decimal("1e-9");

export const stageHelp = (buckets: readonly Bucket[] = FEE_BUCKETS): string =>
  `Use ${STAGES.map((s) => s.id).join(", ")}, a life-cycle position from 0 (early) to 1 (mature), ` +
  `or ${buckets.length} shares (${buckets.map((b) => b.name.toLowerCase()).join(", ")}) that sum to 100%.`;

/**
 * A share set from fractions. Short decimals summing to exactly 1 (40%,
 * 0.123456789) keep their exact weights over 10^places. Anything finer (1/3,
 * =A1/SUM(A1:D1), a noisy sum within the tolerance) is read once to whole
 * billionths, half up, and split pro rata to those billionths: the weights
 * over their own total. The Fee Split sheet does the same (ROUND(share*10^9)),
 * so sheet and functions agree, and every split stays on the integer path.
 */
export function shareSet(label: string, buckets: readonly Bucket[], fractions: readonly Decimal[]): ShareSet {
  const places = Math.max(0, ...fractions.map((s) => s.decimalPlaces()));
  const total = fractions.reduce((a, b) => a.plus(b), new Decimal(0));
  if (places <= MAX_WEIGHT_DECIMALS && total.eq(1)) {
    const scale = 10 ** places;
    return { label, buckets, shares: fractions, weights: fractions.map((s) => s.times(scale).toNumber()), scale };
  }
  const raw = fractions.map((s) => s.times(BILLION).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber());
  const sum = raw.reduce((a, b) => a + b, 0);
  if (sum === 0) throw outOfRange(`The shares are all below half a billionth; ${stageHelp(buckets)}`);
  const g = raw.reduce((a, b) => gcd(a, b), sum);
  const weights = raw.map((w) => w / g);
  const scale = sum / g;
  return { label, buckets, shares: weights.map((w) => new Decimal(w).div(scale)), weights, scale };
}

export function stageShares(id: StageId): ShareSet {
  const stage: Stage = stageById(id);
  return shareSet(
    stage.id,
    FEE_BUCKETS,
    FEE_BUCKETS.map((b) => new Decimal(stage.percent[b.id]).div(100)),
  );
}

/** Linear between the stage rows: 0 early, 0.5 growth, 1 mature. */
export function positionShares(position: number): ShareSet {
  if (!Number.isFinite(position) || position < 0 || position > 1) {
    throw outOfRange(`Life-cycle position ${position} is outside 0..1. Use 0 for early, 0.5 for growth, 1 for mature, or a value between.`);
  }
  const p = new Decimal(position);
  const [from, to, t] = p.lte(0.5)
    ? [stageById("early"), stageById("growth"), p.times(2)]
    : [stageById("growth"), stageById("mature"), p.times(2).minus(1)];
  const shares = FEE_BUCKETS.map((b) =>
    new Decimal(from.percent[b.id]).plus(t.times(to.percent[b.id] - from.percent[b.id])).div(100),
  );
  return shareSet(`position ${p.toString()}`, FEE_BUCKETS, shares);
}

const toShareDecimal = (value: unknown, name: string, buckets: readonly Bucket[]): Decimal => {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalidValue(`The ${name} share must be a number; got ${value === null || value === "" ? "a blank" : shownValue(value)}. ${stageHelp(buckets)}`);
  }
  if (value < 0) throw outOfRange(`The ${name} share is negative (${value}); shares must be 0 or more. ${stageHelp(buckets)}`);
  return new Decimal(value + 0); // + 0 turns -0 into 0
};

/** Custom shares as fractions (summing to 1) or percentages (summing to 100). */
export function customShares(values: readonly unknown[], buckets: readonly Bucket[] = FEE_BUCKETS): ShareSet {
  if (values.length !== buckets.length) {
    throw invalidValue(`Custom shares need exactly ${buckets.length} values, one per bucket (${buckets.map((b) => b.name.toLowerCase()).join(", ")}); got ${values.length}.`);
  }
  const raw = values.map((v, i) => toShareDecimal(v, buckets[i]!.name.toLowerCase(), buckets)); // as many values as buckets
  const sum = raw.reduce((a, b) => a.plus(b), new Decimal(0));
  const whole = sum.minus(100).abs().lte(SUM_TOLERANCE.times(100)) ? 100 : sum.minus(1).abs().lte(SUM_TOLERANCE) ? 1 : null;
  if (whole === null) {
    throw outOfRange(`Custom shares sum to ${sum.toSignificantDigits(10).toString()}, not 100%. Make them add up to 1 (or 100).`);
  }
  // Forgiven noise is spread by shareSet, which reads the shares to billionths and splits pro rata to them.
  return shareSet("custom", buckets, raw.map((s) => s.div(whole)));
}

/** Any way a user may name a split: stage name, position, custom shares. */
export function resolveShares(input: StageInput): ShareSet {
  if (typeof input === "number") return positionShares(input);
  if (typeof input === "string") {
    if (input.trim() === "") throw invalidValue(`Give a stage. ${stageHelp()}`);
    const id = findName(STAGE_INDEX, input);
    if (id !== undefined) return stageShares(id);
    // A position typed as text, by the one number convention (no hex, no "1.000,5").
    const asNumber = numberText(input);
    if ("ok" in asNumber) return positionShares(Number(asNumber.ok));
    throw invalidValue(`Unknown stage ${echo(input.trim())}. ${stageHelp()}`);
  }
  if (Array.isArray(input)) return customShares(input);
  if (input !== null && typeof input === "object" && "shares" in input) return input as ShareSet;
  throw invalidValue(`Give a stage. ${stageHelp()}`);
}
