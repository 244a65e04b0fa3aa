import { Decimal } from "./decimal";
import { invalidValue, outOfRange } from "./errors";
import { toCents } from "./money";
import { numberText } from "./numberText";

/**
 * The article's two caps as rules rather than fixed amounts: the buyback may
 * buy at most a share of the token's traded volume in the period (market
 * impact), and stakers may earn at most an APR on what they stake (yield).
 * Each turns into a cap in whole cents for one period, rounded down so the
 * amount never breaks the rule.
 */

export const PERIODS_PER_YEAR = 12;

export const CAP_RULE_MESSAGES = {
  fraction: (what: string, got: string) => `The ${what} must be a share such as 5% or 0.05; got ${got}.`,
  negative: (what: string, got: string) => `The ${what} is negative (${got}): give 0% or more.`,
  above: (what: string, got: string) => `The ${what} is above 100% (${got}): give at most 100% (write 8% or 0.08, not 8).`,
} as const;

/**
 * A share as the user writes it: a fraction (0.05), or text with a percent
 * sign ("5%"), from 0 to 1. A bare number above 1 is refused rather than
 * guessed at (5 might mean 5% or 500%).
 */
export function toFraction(value: unknown, what: string): Decimal {
  let d: Decimal;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw invalidValue(CAP_RULE_MESSAGES.fraction(what, String(value)));
    d = new Decimal(value);
  } else if (typeof value === "string") {
    const text = value.trim();
    const percent = text.endsWith("%");
    const read = numberText(percent ? text.slice(0, -1) : text);
    if ("why" in read) throw invalidValue(CAP_RULE_MESSAGES.fraction(what, JSON.stringify(value)));
    d = new Decimal(read.ok);
    if (percent) d = d.div(100);
  } else {
    throw invalidValue(CAP_RULE_MESSAGES.fraction(what, value === null || value === undefined ? "a blank" : typeof value));
  }
  const shown = typeof value === "string" ? value.trim() : String(value);
  if (d.isNegative() && !d.isZero()) throw outOfRange(CAP_RULE_MESSAGES.negative(what, shown));
  if (d.gt(1)) throw outOfRange(CAP_RULE_MESSAGES.above(what, shown));
  return d.plus(0);
}

/** Cents of an exact amount, rounded down: a cap from a rule never allows more than the rule. */
const floorCents = (amountCents: Decimal): number => amountCents.floor().toNumber() + 0;

/** Buyback cap for one period: maxShare x the token's traded volume in that period. */
export function buybackCapFromVolume(tokenVolume: unknown, maxVolumeShare: unknown): number {
  const volume = toCents(tokenVolume, "token volume");
  const share = toFraction(maxVolumeShare, "buyback maximum share of volume");
  return floorCents(share.times(volume));
}

/** Staker cap for one period: maxApr x staked value / periods per year. */
export function stakerCapFromApr(stakedValue: unknown, maxApr: unknown, periodsPerYear = PERIODS_PER_YEAR): number {
  const staked = toCents(stakedValue, "staked value");
  const apr = toFraction(maxApr, "staker maximum APR");
  return floorCents(apr.times(staked).div(periodsPerYear));
}
