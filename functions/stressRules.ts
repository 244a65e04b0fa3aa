import { FEE_BUCKET_IDS, textToNumber } from "../src/index";
import type { CapRule, FundInput, MoneyPath } from "../src/stress/index";
import { optionalAmount, type LimitAmounts } from "./amounts";
import { describe, isBlank, oneCell, readNumber, shapeOf, toGrid, vectorOf, type Grid } from "./cells";
import { badInput } from "./excelErrors";

/**
 * The trailing arguments SPLITPATH and STRESS share, in order: the fund
 * policy (target, where the overflow goes, minimum) and the article's cap
 * rules (buyback at most a share of the token's traded volume, stakers at
 * most an APR on staked value). The core checks ranges and says what to fix.
 */
export interface RuleArgs {
  readonly fundTarget: unknown;
  readonly overflowTo: unknown;
  readonly fundMin: unknown;
  readonly volumeShare: unknown;
  readonly tokenVolume: unknown;
  readonly maxApr: unknown;
  readonly stakedValue: unknown;
}

export const ruleArgs = (values: readonly unknown[]): RuleArgs => {
  const [fundTarget, overflowTo, fundMin, volumeShare, tokenVolume, maxApr, stakedValue] = values;
  return { fundTarget, overflowTo, fundMin, volumeShare, tokenVolume, maxApr, stakedValue };
};

/**
 * An amount for every month (one cell), or one per month in a range the
 * same shape as the revenues (SPLITPATH only: `months` is the path's
 * length then); a blank cell inside the path is refused with its row.
 */
function amountPath(value: unknown, what: string, revenues: Grid | null, months: number): MoneyPath | undefined {
  const grid = toGrid(value, what);
  if (grid.length === 1 && grid[0]!.length === 1) return optionalAmount(grid, what);
  if (revenues === null) throw badInput(`The ${what} must be a single cell (month 0's; it moves with each path's revenue).`);
  if (shapeOf(grid) !== shapeOf(revenues)) {
    throw badInput(`Give the ${what} as one amount for every month, or one per month in a range the same shape as the revenues (revenues is ${shapeOf(revenues)}, ${what} is ${shapeOf(grid)}).`);
  }
  return vectorOf(grid, what).slice(0, months).map((v, t) => {
    if (isBlank(v)) throw badInput(`The ${what} is blank in row ${t + 1}: give an amount for every month with revenue.`);
    if (typeof v !== "number" && typeof v !== "string") throw badInput(`The ${what} in row ${t + 1} must be a number; got ${describe(v)}.`);
    return v;
  });
}

/** A rate as a fraction: a number, or text by the core's one number convention, with "5%" read as 0.05. */
function rate(value: unknown, what: string): number | undefined {
  const v = oneCell(value, what);
  const text = typeof v === "string" ? v.trim() : "";
  if (text.endsWith("%")) return textToNumber(text.slice(0, -1), what) / 100;
  return readNumber(v, what);
}

/** The bucket the overflow goes to, in any case (each bucket's id is its name in lower case); the core names an unknown one. */
function bucketId(value: unknown): string | undefined {
  const v = oneCell(value, "overflow_to");
  if (isBlank(v)) return undefined;
  if (typeof v !== "string") throw badInput(`The overflow_to must be a bucket name (${FEE_BUCKET_IDS.join(", ")}); got ${describe(v)}.`);
  const key = v.trim().toLowerCase();
  return FEE_BUCKET_IDS.find((id) => id === key) ?? v.trim();
}

/**
 * The buyback and staker caps with their rules: an amount cap alone, a rule
 * alone, or both (the lower binds). `withRevenue` says how a single driver
 * amount moves (Monte Carlo: with each path's revenue; SPLITPATH: held).
 */
export function capRules(limits: LimitAmounts, args: RuleArgs, revenues: Grid | null, months: number): Record<string, CapRule> {
  const caps: Record<string, CapRule> = { ...(limits.caps as Record<string, CapRule>) };
  const share = rate(args.volumeShare, "buyback_max_volume_share");
  const volume = amountPath(args.tokenVolume, "token_volume", revenues, months);
  if ((share === undefined) !== (volume === undefined)) {
    throw badInput(share === undefined
      ? "The token_volume is given without buyback_max_volume_share: give the most the buyback may be as a share of volume (0.05 = 5%), or leave token_volume blank."
      : "The buyback_max_volume_share needs the token's traded volume per month (token_volume) to turn into an amount.");
  }
  if (share !== undefined) caps.buyback = { volumeShare: share, volume: volume!, ...(limits.caps.buyback !== undefined ? { amount: limits.caps.buyback } : {}) };
  const apr = rate(args.maxApr, "staker_max_apr");
  const staked = amountPath(args.stakedValue, "staked_value", revenues, months);
  if ((apr === undefined) !== (staked === undefined)) {
    throw badInput(apr === undefined
      ? "The staked_value is given without staker_max_apr: give the most stakers may earn a year (0.08 = 8% APR), or leave staked_value blank."
      : "The staker_max_apr needs the staked value (staked_value) to turn into an amount per month (staked value x APR / 12).");
  }
  if (apr !== undefined) caps.stakers = { yieldCap: apr, stakedValue: staked!, ...(limits.caps.stakers !== undefined ? { amount: limits.caps.stakers } : {}) };
  return caps;
}

/** The fund policy: start balance, minimum (topped up first), target and where its overflow goes. */
export function fundPolicy(start: unknown, args: RuleArgs, revenues: Grid | null, months: number): FundInput {
  const startBalance = optionalAmount(start, "fund start balance");
  const minBalance = optionalAmount(args.fundMin, "fund_min");
  const target = amountPath(args.fundTarget, "fund_target", revenues, months);
  const overflowTo = bucketId(args.overflowTo);
  return {
    ...(startBalance !== undefined ? { startBalance } : {}),
    ...(minBalance !== undefined ? { minBalance } : {}),
    ...(target !== undefined ? { target } : {}),
    ...(overflowTo !== undefined ? { overflowTo } : {}),
  };
}
