import { Decimal, type DecimalValue } from "./decimal";
import { invalidValue, outOfRange } from "./errors";

/** Money is held as whole cents in a safe integer: exact, and up to $90 trillion. */
export const MAX_CENTS = Number.MAX_SAFE_INTEGER;
/** Largest cents the float shortcut in toCents is exact for (about $88 billion). */
const FAST_CENTS = 2 ** 43;

/**
 * An amount to whole cents, half away from zero on the decimal the user
 * typed (1.005 -> 100.5 cents -> 101), never on the binary float.
 * `what` names the argument in messages ("revenue", "buyback cap").
 */
export function toCents(value: DecimalValue | unknown, what: string): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw invalidValue(`The ${what} must be a finite number; got ${value}.`);
    if (value < 0) throw outOfRange(`The ${what} is negative (${value}). Give an amount of 0 or more.`);
    const scaled = value * 100;
    const rounded = Math.round(scaled);
    // Below 2^43 cents the float product is within 0.002 cent of the typed
    // decimal, so far from a half cent it rounds as the decimal would; near
    // one, or above that size, ask Decimal.
    if (Math.abs(scaled - rounded) < 0.49 && rounded <= FAST_CENTS) return rounded + 0; // + 0 turns -0 into 0
    return decimalToCents(new Decimal(value), what);
  }
  if (typeof value === "string") {
    const text = value.trim().replace(/[$,\s]/g, "");
    if (text === "" || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) {
      throw invalidValue(`The ${what} must be a number; got "${value}".`);
    }
    return decimalToCents(new Decimal(text), what);
  }
  if (value instanceof Decimal || Decimal.isDecimal(value)) return decimalToCents(value as Decimal, what);
  throw invalidValue(`The ${what} must be a number; got ${value === null || value === undefined ? "a blank" : typeof value}.`);
}

function decimalToCents(value: Decimal, what: string): number {
  if (!value.isFinite()) throw invalidValue(`The ${what} must be a finite number.`);
  if (value.isNegative() && !value.isZero()) throw outOfRange(`The ${what} is negative (${value.toString()}). Give an amount of 0 or more.`);
  const cents = value.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (cents.gt(MAX_CENTS)) throw outOfRange(`The ${what} (${value.toString()}) is too large: amounts up to ${formatCents(MAX_CENTS)} are supported.`);
  return cents.toNumber() + 0;
}

/** Cents to the number Excel shows as currency (123456 -> 1234.56). */
export const centsToAmount = (cents: number): number => cents / 100;

/** Cents as a plain decimal string with two places ("1234.56"), exact. */
export const formatCents = (cents: number): string => {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};
