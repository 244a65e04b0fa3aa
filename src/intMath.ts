import { Decimal } from "./decimal";
import { invalidValue, outOfRange, shownValue } from "./errors";

/**
 * Exact integer helpers for the integer split and the stress engine. Every value here is a whole
 * number held in a double; the functions say how large it may be.
 */

/** A quotient and remainder, written into a caller-owned object so hot loops allocate nothing. */
export interface QuotRem {
  q: number;
  r: number;
}

const TWO_50 = 2 ** 50;
const TWO_52 = 2 ** 52;
const TWO_100 = 2 ** 100;
/** Veltkamp's splitter for doubles: 2^27 + 1. */
const SPLITTER = 134217729;

/** The rounding error of a * b (Dekker's two-product: a * b == fl(a * b) + error, exactly). */
function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/**
 * out.q = floor(a * m / d), out.r = a * m - out.q * d, exactly.
 * a, m: whole numbers 0..2^53; d: a whole number 1..2^53; the quotient must
 * stay below 2^52 (callers divide shares of one revenue, so it is at most
 * the revenue). Small products use plain doubles, large ones Dekker's exact
 * product (no allocation), and anything beyond that BigInt.
 */
export function mulDivRem(a: number, m: number, d: number, out: QuotRem): void {
  const p = a * m;
  if (p <= TWO_52) {
    // Exact: the rounded p / d could only cross a whole number if p >= 2^53, and q * d <= p.
    const q = Math.floor(p / d);
    out.q = q;
    out.r = p - q * d;
    return;
  }
  if (d <= TWO_50 && p < TWO_100 && p / d < TWO_52) {
    // p = fl(a*m) is a whole number here (it exceeds 2^52), so are both errors;
    // p - s is exact (Sterbenz: q >= 3 puts s within a factor 2 of p), and the
    // remainder, at most a few d, is below 2^53.
    const pl = productError(a, m, p);
    let q = Math.floor(p / d);
    const s = q * d;
    const sl = productError(q, d, s);
    let r = (p - s) + (pl - sl);
    while (r < 0) { q -= 1; r += d; }
    while (r >= d) { q += 1; r -= d; }
    out.q = q;
    out.r = r;
    return;
  }
  const P = BigInt(a) * BigInt(m);
  const D = BigInt(d);
  out.q = Number(P / D);
  out.r = Number(P % D);
}

/** Greatest common divisor of two whole numbers below 2^53 (gcd(0, 0) = 0). */
export function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** A non-negative rate as a reduced fraction num/den of whole numbers. */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

/** Rates are read to this many decimal places (0.123456789); finer digits are rounded half up. */
export const RATIO_PLACES = 9;

/**
 * A rate the user typed (0.05, 0.2, 1/12 as 0.0833...) as an exact fraction,
 * read on its shortest decimal spelling, never on the binary float.
 */
export function toRatio(value: number, what: string): Ratio {
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalidValue(`The ${what} must be a number; got ${shownValue(value)}.`);
  if (value < 0) throw outOfRange(`The ${what} is negative (${value}); give 0 or more.`);
  const d = new Decimal(value).toDecimalPlaces(RATIO_PLACES, Decimal.ROUND_HALF_UP);
  const places = d.decimalPlaces();
  const den = 10 ** places;
  const num = d.times(den).toNumber();
  if (!Number.isSafeInteger(num)) throw outOfRange(`The ${what} (${value}) is too large.`);
  const g = gcd(num, den); // at least 1: den >= 1
  return { num: num / g, den: den / g };
}
