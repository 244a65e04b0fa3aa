import type { Bucket } from "./buckets";
import { buybackCapFromVolume, PERIODS_PER_YEAR, stakerCapFromApr } from "./capRules";
import { Decimal } from "./decimal";
import { invalidValue, outOfRange } from "./errors";
import { toCents } from "./money";
import { nameKey } from "./names";
import { echo, numberText } from "./numberText";

/**
 * The token layer: what one period's split means for the token. The split
 * itself is exact cents; these are ratios for reading, computed in Decimal
 * and handed out as plain numbers.
 */
export interface TokenMarket {
  /** Price of one token. */
  readonly price: unknown;
  /** Tokens in circulation. */
  readonly circulatingSupply: unknown;
  /** Value of the tokens staked (money). */
  readonly stakedValue: unknown;
  /** Value of the token traded in the period (money). */
  readonly tokenVolume: unknown;
}

/** The article's caps as rules (capRules.ts); absent: not set. */
export interface TokenRules {
  readonly buybackMaxVolumeShare?: unknown;
  readonly stakerMaxApr?: unknown;
}

export type CapImplied = "none" | "buyback" | "stakers" | "buyback and stakers";

export interface TokenFlow {
  readonly tokensBoughtBack: number;
  /** Share of circulating supply the buyback retires in a year at this pace (period x 12 / supply). */
  readonly supplyRetiredPerYear: number;
  /** Stakers' amount x 12 / staked value; 0 with nothing staked and nothing paid. */
  readonly stakerApr: number;
  readonly buybackShareOfVolume: number;
  /** The rules as caps in cents for the period (null: rule not given). */
  readonly buybackCapCents: number | null;
  readonly stakerCapCents: number | null;
  /** Which of the rules' caps the split goes past (so the split should carry it as a cap). */
  readonly capImplied: CapImplied;
}

export const TOKEN_MESSAGES = {
  price: "The token price must be above 0: give the price of one token.",
  supply: "The circulating supply must be above 0: give the number of tokens in circulation.",
  number: (what: string, got: string) => `The ${what} must be a number; got ${got}.`,
  negative: (what: string, got: string) => `The ${what} is negative (${got}): give 0 or more.`,
  staked: "Stakers are paid but the staked value is 0: give the value of the tokens staked.",
  volume: "The buyback spends money but the token volume is 0: give the token's traded volume for the period.",
} as const;

/** A positive or non-negative quantity (tokens, prices): any number, read exactly. */
function quantity(value: unknown, what: string, positive: boolean): Decimal {
  // Text goes through the one number convention: "1.000,50" is refused, not read as 1.0005.
  const text = typeof value === "string" ? numberText(value, { currency: true }) : null;
  let d: Decimal;
  if (typeof value === "number" && Number.isFinite(value)) d = new Decimal(value);
  else if (text !== null && "ok" in text) d = new Decimal(text.ok);
  else throw invalidValue(TOKEN_MESSAGES.number(what, value === null || value === undefined ? "a blank" : echo(String(value))));
  if (d.isNegative() && !d.isZero()) throw outOfRange(TOKEN_MESSAGES.negative(what, d.toString()));
  if (positive && d.isZero()) throw outOfRange(what === "token price" ? TOKEN_MESSAGES.price : TOKEN_MESSAGES.supply);
  return d.plus(0);
}

/** Checks the market once; the functions then read many amount rows against it. */
export interface CheckedMarket {
  readonly price: Decimal;
  readonly supply: Decimal;
  readonly stakedCents: number;
  readonly volumeCents: number;
  readonly buybackCapCents: number | null;
  readonly stakerCapCents: number | null;
}

export function checkMarket(market: TokenMarket, rules: TokenRules = {}): CheckedMarket {
  const price = quantity(market.price, "token price", true);
  const supply = quantity(market.circulatingSupply, "circulating supply", true);
  const stakedCents = toCents(market.stakedValue, "staked value");
  const volumeCents = toCents(market.tokenVolume, "token volume");
  const given = (v: unknown): boolean => v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "");
  return {
    price, supply, stakedCents, volumeCents,
    buybackCapCents: given(rules.buybackMaxVolumeShare) ? buybackCapFromVolume(market.tokenVolume, rules.buybackMaxVolumeShare) : null,
    stakerCapCents: given(rules.stakerMaxApr) ? stakerCapFromApr(market.stakedValue, rules.stakerMaxApr) : null,
  };
}

/** The bucket named buyback and the one named stakers (case and punctuation aside), -1 when absent. */
export function tokenBuckets(buckets: readonly (Bucket | string)[]): { buyback: number; stakers: number } {
  const keys = buckets.map((b) => nameKey(typeof b === "string" ? b : b.id));
  return { buyback: keys.indexOf("buyback"), stakers: keys.indexOf("stakers") };
}

/** One period's token flow from its amounts in cents (aligned with the buckets). */
export function tokenFlowOf(amountsCents: readonly number[], buckets: readonly (Bucket | string)[], m: CheckedMarket): TokenFlow {
  const { buyback, stakers } = tokenBuckets(buckets);
  const bb = buyback < 0 ? 0 : amountsCents[buyback]!;
  const st = stakers < 0 ? 0 : amountsCents[stakers]!;
  if (st > 0 && m.stakedCents === 0) throw outOfRange(TOKEN_MESSAGES.staked);
  if (bb > 0 && m.volumeCents === 0) throw outOfRange(TOKEN_MESSAGES.volume);
  const bbMoney = new Decimal(bb).div(100);
  const tokens = bbMoney.div(m.price);
  const over = (amount: number, cap: number | null): boolean => cap !== null && amount > cap;
  const bbOver = over(bb, m.buybackCapCents);
  const stOver = over(st, m.stakerCapCents);
  return {
    tokensBoughtBack: tokens.toNumber() + 0,
    supplyRetiredPerYear: tokens.times(PERIODS_PER_YEAR).div(m.supply).toNumber() + 0,
    stakerApr: st === 0 ? 0 : new Decimal(st).times(PERIODS_PER_YEAR).div(m.stakedCents).toNumber() + 0,
    buybackShareOfVolume: bb === 0 ? 0 : new Decimal(bb).div(m.volumeCents).toNumber() + 0,
    buybackCapCents: m.buybackCapCents,
    stakerCapCents: m.stakerCapCents,
    capImplied: bbOver && stOver ? "buyback and stakers" : bbOver ? "buyback" : stOver ? "stakers" : "none",
  };
}

/** The token flow of one period's split. */
export function tokenFlow(amountsCents: readonly number[], buckets: readonly (Bucket | string)[], market: TokenMarket, rules: TokenRules = {}): TokenFlow {
  return tokenFlowOf(amountsCents, buckets, checkMarket(market, rules));
}
