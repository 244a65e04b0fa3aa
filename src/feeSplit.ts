import { canSplitByWeights, roundToCents, settle, splitByWeights } from "./allocate";
import type { Bucket } from "./buckets";
import { Decimal } from "./decimal";
import { invalidValue, outOfRange } from "./errors";
import { toCents } from "./money";
import { resolveShares, type ShareSet, type StageInput } from "./shares";

/**
 * Caps and floors by bucket id, as amounts of money per period.
 * null or undefined means "not set". Which buckets take a cap and which a
 * floor is data (Bucket.constraint).
 */
export interface FeeConstraints {
  readonly caps?: Readonly<Record<string, unknown>>;
  readonly floors?: Readonly<Record<string, unknown>>;
}

/** One thing a constraint did, in cents (rounded to the cent for display). */
export type ConstraintStep =
  | {
      readonly kind: "floor";
      readonly bucket: string;
      readonly floorCents: number;
      /** How much the floored bucket received from the others. */
      readonly movedCents: number;
      readonly from: readonly { readonly bucket: string; readonly cents: number }[];
      /** The revenue could not fund the whole floor; the bucket took all there was. */
      readonly shortfall: boolean;
    }
  | {
      readonly kind: "cap";
      readonly bucket: string;
      readonly capCents: number;
      /** What was above the cap and moved on. */
      readonly excessCents: number;
      readonly to: readonly { readonly bucket: string; readonly cents: number }[];
    };

export interface FeeSplit {
  readonly revenueCents: number;
  readonly shares: ShareSet;
  /** Amount per bucket in cents, in the order of shares.buckets; sums exactly to revenueCents. */
  readonly cents: readonly number[];
  /** Each bucket's binding constraint, if one bound. */
  readonly bound: readonly ("cap" | "floor" | null)[];
  readonly trace: readonly ConstraintStep[];
}

export interface ResolvedConstraints {
  readonly caps: readonly (number | null)[];
  readonly floors: readonly (number | null)[];
  /**
   * Index of the bucket that takes what a cap cuts off, instead of the
   * pro-rata rule (a treasury, say); null or absent: pro rata. Once that
   * bucket is itself at its cap, the rest goes pro rata as usual.
   */
  readonly excessTo?: number | null;
}

const ZERO = new Decimal(0);
const NO_TRACE: readonly ConstraintStep[] = Object.freeze([]);
const UNBOUND: (readonly null[])[] = [];
/** Shared, frozen "nothing bound" rows: the common split allocates only its amounts. */
const unbound = (n: number): readonly null[] => (UNBOUND[n] ??= Object.freeze(new Array<null>(n).fill(null)));
const sum = (xs: readonly Decimal[]): Decimal => xs.reduce((a, b) => a.plus(b), ZERO);

/** Validates caps and floors against the bucket list; amounts become cents. */
export function resolveConstraints(buckets: readonly Bucket[], constraints: FeeConstraints | undefined): ResolvedConstraints {
  const pick = (kind: "cap" | "floor", given: Readonly<Record<string, unknown>> | undefined): (number | null)[] => {
    for (const id of Object.keys(given ?? {})) {
      const bucket = buckets.find((b) => b.id === id);
      if (given?.[id] === null || given?.[id] === undefined) continue;
      if (!bucket) throw invalidValue(`There is no bucket "${id}". Buckets are ${buckets.map((b) => b.id).join(", ")}.`);
      if (bucket.constraint !== kind) {
        throw invalidValue(`The ${bucket.name.toLowerCase()} bucket takes no ${kind}${bucket.constraint === "none" ? "" : `, only a ${bucket.constraint}`}.`);
      }
    }
    return buckets.map((b) => {
      const value = given?.[b.id];
      if (value === null || value === undefined) return null;
      // Limits are whole cents, so an amount pinned at one has no fraction left for rounding to move.
      return toCents(value, b.constraintName);
    });
  };
  return { caps: pick("cap", constraints?.caps), floors: pick("floor", constraints?.floors) };
}

/**
 * Splits one period's fee revenue across the buckets.
 * 1. Shares of the revenue, exact.
 * 2. Floors first: a bucket below its floor is raised to it (or to the whole
 *    revenue if the floor is larger), funded by the buckets without a floor,
 *    pro rata to their amounts.
 * 3. Caps: every bucket above its cap is cut to it and the excess moves to the
 *    buckets not pinned at a cap, pro rata to their amounts (or, when the
 *    limits name an excess bucket that is not at its own cap, all to it);
 *    repeat until no cap is exceeded. The residual bucket (insurance) is never capped, so the
 *    whole revenue always lands.
 * 4. Round to cents by largest remainder (see allocate.ts): the amounts sum
 *    exactly to the revenue, and no cap or floor is broken by rounding.
 */
export function feeSplit(revenue: unknown, stage: StageInput, constraints?: FeeConstraints): FeeSplit {
  const revenueCents = toCents(revenue, "revenue");
  const shares = resolveShares(stage);
  const limits = resolveConstraints(shares.buckets, constraints);
  return splitCents(revenueCents, shares, limits);
}

/** The computing half: inputs already valid (cents, resolved shares and limits). */
export function splitCents(revenueCents: number, shares: ShareSet, limits: ResolvedConstraints): FeeSplit {
  const n = shares.buckets.length;
  if (shares.weights && canSplitByWeights(revenueCents, shares.weights) && !anyBinds(revenueCents, shares, limits)) {
    return { revenueCents, shares, cents: splitByWeights(revenueCents, shares.weights, shares.scale), bound: unbound(n), trace: NO_TRACE };
  }
  const revenue = new Decimal(revenueCents);
  const amounts = shares.shares.map((s) => revenue.times(s));
  const bound: ("cap" | "floor" | null)[] = new Array(n).fill(null);
  const trace: ConstraintStep[] = [];

  applyFloors(shares.buckets, amounts, limits.floors, revenue, bound, trace);
  const pinned = applyCaps(shares.buckets, amounts, limits.caps, limits.excessTo ?? null, bound, trace);
  const cents = roundToCents(amounts, revenueCents, pinned.map((p) => !p));
  return { revenueCents, shares, cents, bound, trace };
}

/**
 * True when some cap or floor would change the plain split, checked exactly in
 * integers: amount * scale against limit * scale. The left side is a safe
 * integer (canSplitByWeights); limits are whole cents, so a right side past
 * 2^53 rounds to 2^53 or more, still above every safe integer, and the
 * comparison stays exact there too.
 */
function anyBinds(revenueCents: number, shares: ShareSet, limits: ResolvedConstraints): boolean {
  const { weights, scale } = shares;
  for (let i = 0; i < shares.buckets.length; i++) {
    const cap = limits.caps[i];
    const floor = limits.floors[i];
    const scaled = revenueCents * weights![i]!; // amount * scale
    if (cap != null && scaled > cap * scale) return true;
    if (floor != null && scaled < Math.min(floor, revenueCents) * scale) return true;
  }
  return false;
}

function applyFloors(
  buckets: readonly Bucket[], amounts: Decimal[], floors: readonly (number | null)[],
  revenue: Decimal, bound: ("cap" | "floor" | null)[], trace: ConstraintStep[],
): void {
  buckets.forEach((bucket, i) => {
    const floor = floors[i];
    if (floor == null) return;
    const target = Decimal.min(floor, revenue);
    // Settled, so a bucket truly at its floor is not counted as bound by division noise.
    if (settle(amounts[i]!).gte(target)) return;
    const need = target.minus(amounts[i]!);
    const donors = buckets.map((_, j) => j).filter((j) => floors[j] == null && amounts[j]!.gt(0));
    const pool = sum(donors.map((j) => amounts[j]!));
    const take = Decimal.min(need, pool);
    const from = donors.map((j) => {
      const given = take.times(amounts[j]!).div(pool);
      amounts[j] = amounts[j]!.minus(given);
      return { bucket: buckets[j]!.id, cents: given.toDecimalPlaces(0).toNumber() };
    });
    amounts[i] = amounts[i]!.plus(take);
    bound[i] = "floor";
    trace.push({ kind: "floor", bucket: bucket.id, floorCents: floor, movedCents: take.toDecimalPlaces(0).toNumber(), from, shortfall: take.lt(need) || target.lt(floor) });
  });
}

function applyCaps(
  buckets: readonly Bucket[], amounts: Decimal[], caps: readonly (number | null)[], excessTo: number | null,
  bound: ("cap" | "floor" | null)[], trace: ConstraintStep[],
): boolean[] {
  const pinned = buckets.map(() => false);
  for (;;) {
    const over = buckets.map((_, i) => i).filter((i) => !pinned[i] && caps[i] != null && settle(amounts[i]!).gt(caps[i]!));
    if (over.length === 0) return pinned;
    for (const i of over) pinned[i] = true;
    const open = buckets.map((_, j) => j).filter((j) => !pinned[j]);
    if (open.length === 0) {
      throw outOfRange("Every bucket is at its cap and revenue is left over: raise a cap so the whole revenue can land.");
    }
    const residual = open.find((j) => buckets[j]!.residual) ?? open[0]!;
    for (const i of over) {
      const excess = amounts[i]!.minus(caps[i]!);
      amounts[i] = new Decimal(caps[i]!);
      bound[i] = "cap";
      const pool = sum(open.map((j) => amounts[j]!));
      // A named excess bucket still open takes it all; otherwise pro rata, and
      // with nothing to be pro rata to, the residual bucket takes it all.
      const to = excessTo !== null && !pinned[excessTo]
        ? [{ j: excessTo, given: excess }]
        : open.map((j) => {
          const given = pool.isZero() ? (j === residual ? excess : ZERO) : excess.times(amounts[j]!).div(pool);
          return { j, given };
        });
      for (const { j, given } of to) amounts[j] = amounts[j]!.plus(given);
      trace.push({
        kind: "cap", bucket: buckets[i]!.id, capCents: caps[i]!, excessCents: excess.toDecimalPlaces(0).toNumber(),
        to: to.filter(({ given }) => !given.isZero()).map(({ j, given }) => ({ bucket: buckets[j]!.id, cents: given.toDecimalPlaces(0).toNumber() })),
      });
    }
  }
}
