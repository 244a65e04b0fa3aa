import { Decimal, type DecimalValue } from "./decimal";
import { invalidValue, outOfRange } from "./errors";
import { echo, parseNumberText } from "./numberText";

/** Sums the core builds (fund balances, totals over months) stay whole cents in a safe integer. */
export const MAX_CENTS = Number.MAX_SAFE_INTEGER;
/** MAX_CENTS as an amount, for messages. */
export const MAX_CENTS_TEXT = "90,071,992,547,409.91";
/**
 * The largest amount anyone may type, in every front end (functions, CLI,
 * sheet): 9,999,999,999,999.99. A spreadsheet keeps 15 significant digits,
 * so this is the most that comes back to the cent.
 */
export const MAX_AMOUNT_CENTS = 999_999_999_999_999;
export const MAX_AMOUNT_TEXT = "9,999,999,999,999.99";
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
    // one, or above that size, ask Decimal (which also refuses what is too large).
    if (Math.abs(scaled - rounded) < 0.49 && rounded <= FAST_CENTS) return rounded + 0; // + 0 turns -0 into 0
    return decimalToCents(new Decimal(value), what);
  }
  if (typeof value === "string") {
    return decimalToCents(new Decimal(parseNumberText(value, what, { currency: true })), what, value);
  }
  // isDecimal is instanceof or the toStringTag of any decimal.js copy.
  if (Decimal.isDecimal(value)) return decimalToCents(value, what);
  throw invalidValue(`The ${what} must be a number; got ${value === null || value === undefined ? "a blank" : typeof value}.`);
}

const tooLarge = (what: string, shown: string) =>
  outOfRange(`The ${what} (${shown}) is too large: amounts up to ${MAX_AMOUNT_TEXT} are supported (a spreadsheet keeps 15 digits).`);

function decimalToCents(value: Decimal, what: string, typed?: string): number {
  const shown = typed === undefined ? value.toString() : echo(typed.trim());
  if (!value.isFinite()) throw invalidValue(`The ${what} must be a finite number.`);
  if (value.isNegative() && !value.isZero()) throw outOfRange(`The ${what} is negative (${shown}). Give an amount of 0 or more.`);
  const cents = value.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (cents.gt(MAX_AMOUNT_CENTS)) throw tooLarge(what, shown);
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
