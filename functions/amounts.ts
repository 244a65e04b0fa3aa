import { FEE_BUCKETS, MAX_AMOUNT_CENTS, toCents, type FeeBucketId } from "../src/index";
import { describe, isBlank, oneCell } from "./cells";
import { badInput, outOfRange } from "./excelErrors";

/** An amount as the core takes it: a number, or numeric text such as "1,000" or "$250.50". */
export type Amount = number | string;

/**
 * Excel keeps 15 significant digits, so 999,999,999,999,999 cents is the most
 * that comes back to the cent: the core's one maximum amount (MAX_AMOUNT_CENTS),
 * also for results such as a fund balance built up over months.
 */
export const EXCEL_MAX_CENTS = MAX_AMOUNT_CENTS;

/** Cents as the number a cell shows (123456 -> 1234.56), refused when Excel could not hold it to the cent. */
export function centsToCell(cents: number, what: string, fix: string): number {
  if (cents > EXCEL_MAX_CENTS) {
    throw outOfRange(`The ${what} is too large to return to the cent (Excel keeps 15 digits, so the most is ${EXCEL_MAX_CENTS / 100}). ${fix}`);
  }
  return cents / 100 + 0; // + 0: never a -0 in a cell
}

/**
 * One revenue cell to cents. Numbers and numeric text by the core's one
 * convention ("1,000", "$250.50") are accepted; the core refuses anything
 * above its one maximum, with the same message the CLI gives.
 */
export function revenueCents(v: unknown): number {
  if (typeof v === "boolean") throw badInput(`The revenue must be a number; got ${describe(v)}.`);
  return toCents(v, "revenue") + 0; // + 0: a -0 revenue becomes 0, not -0 in every bucket
}

/** An optional amount argument: omitted or blank means "not set"; the core checks the sign and converts. */
export function optionalAmount(value: unknown, what: string): Amount | undefined {
  const v = oneCell(value, what);
  if (isBlank(v)) return undefined;
  if (typeof v === "number" || typeof v === "string") return v;
  throw badInput(`The ${what} must be a number; got ${describe(v)}.`);
}

/** The limit arguments shared by FEESPLIT, STRESS and SPLITPATH, in order: the bucket each one limits, and how. */
const LIMIT_ARGS = [
  { bucket: "buyback", kind: "cap" },
  { bucket: "stakers", kind: "cap" },
  { bucket: "insurance", kind: "floor" },
  { bucket: "discount", kind: "cap" }, // FEESPLIT's trailing discount_cap; STRESS and SPLITPATH pass three
] as const satisfies readonly { readonly bucket: FeeBucketId; readonly kind: "cap" | "floor" }[];

const constraintName = (id: FeeBucketId): string => FEE_BUCKETS.find((b) => b.id === id)!.constraintName;

/** Caps and floors by bucket id, only those given. */
export interface LimitAmounts {
  readonly caps: Partial<Record<FeeBucketId, Amount>>;
  readonly floors: Partial<Record<FeeBucketId, Amount>>;
}

/** [buyback_cap, staker_cap, insurance_floor, discount_cap?] as caps and floors; the core checks and converts the amounts. */
export function readLimits(values: readonly unknown[]): LimitAmounts {
  const caps: Partial<Record<FeeBucketId, Amount>> = {};
  const floors: Partial<Record<FeeBucketId, Amount>> = {};
  LIMIT_ARGS.forEach(({ bucket, kind }, i) => {
    const amount = optionalAmount(values[i], constraintName(bucket));
    if (amount !== undefined) (kind === "cap" ? caps : floors)[bucket] = amount;
  });
  return { caps, floors };
}
