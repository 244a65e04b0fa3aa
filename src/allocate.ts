import { Decimal } from "./decimal";

/** Decimal places kept before cutting to cents (the Decimal context carries 50 significant digits). */
const SETTLE_PLACES = 20;

/**
 * An exact amount without the noise of pro-rata divisions (errors far below
 * 1e-20 of a cent), so an amount that is truly at a cap or floor compares equal.
 */
export const settle = (a: Decimal): Decimal => a.toDecimalPlaces(SETTLE_PLACES);

/**
 * Rounds exact amounts (in cents) to whole cents that sum exactly to `totalCents`.
 * Rule (largest remainder, Hamilton): every amount is first cut down to whole
 * cents; the cents left over go one each to the amounts that lost the largest
 * fractions; ties go to the earlier bucket in the list. `eligible` excludes
 * buckets pinned at a cap, so rounding never pushes one over its cap.
 */
export function roundToCents(exact: readonly Decimal[], totalCents: number, eligible: readonly boolean[]): number[] {
  // Pro-rata divisions leave errors far below 1e-20 of a cent; dropping them
  // first makes true ties (two exact half cents) compare equal, so the
  // earlier-bucket rule decides them and not the noise.
  const settled = exact.map(settle);
  // + 0: an amount a hair below zero from division noise settles to -0, which is 0 cents, never -0.
  const cents = settled.map((a) => a.floor().toNumber() + 0);
  const remainders = settled.map((a, i) => ({ i, r: a.minus(cents[i]!) }));
  let left = totalCents - cents.reduce((s, c) => s + c, 0);
  const order = remainders
    .filter(({ i }) => eligible[i])
    .sort((a, b) => b.r.comparedTo(a.r) || a.i - b.i);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) cents[order[k]!.i]! += 1;
  return cents;
}

/**
 * The same rule on whole-number weights over `scale` (shares like 40/100),
 * in plain integer arithmetic: exact while totalCents * weight stays a safe integer.
 */
export function splitByWeights(totalCents: number, weights: readonly number[], scale: number): number[] {
  const n = weights.length;
  const cents = new Array<number>(n);
  const rem = new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const product = totalCents * weights[i]!;
    // Exact while product < 2^53: the rounded quotient could only cross a whole number past that.
    const q = Math.floor(product / scale);
    cents[i] = q;
    rem[i] = product - q * scale;
    given += q;
  }
  for (let left = totalCents - given; left > 0; left--) {
    let best = -1;
    for (let i = 0; i < n; i++) if (rem[i]! >= 0 && (best < 0 || rem[i]! > rem[best]!)) best = i;
    cents[best]! += 1;
    rem[best] = -1;
  }
  return cents;
}

/** Largest product splitByWeights can take exactly. */
export const canSplitByWeights = (totalCents: number, weights: readonly number[]): boolean => {
  let max = 0;
  for (const w of weights) if (w > max) max = w;
  return totalCents * max <= Number.MAX_SAFE_INTEGER;
};
