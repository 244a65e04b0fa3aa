import { FEE_BUCKETS, type Bucket } from "./buckets";
import { invalidValue, outOfRange } from "./errors";
import { splitCents, type FeeSplit, type ResolvedConstraints } from "./feeSplit";
import { toCents } from "./money";
import { nameKey } from "./names";
import { customShares, type ShareSet } from "./shares";

/** A split over buckets the analyst names: 1 to 12 of them. */
export const MAX_BUCKETS = 12;

/**
 * What TOKEN.SPLIT and `token-model split` take. Shares are fractions or
 * percentages aligned with the names; caps and floors are amounts per
 * period aligned with them (null: none); excessTo names the bucket that
 * receives what the caps cut off instead of the pro-rata rule.
 */
export interface BucketSpec {
  readonly buckets: readonly unknown[];
  readonly shares: readonly unknown[];
  readonly caps?: readonly unknown[] | null;
  readonly floors?: readonly unknown[] | null;
  readonly excessTo?: unknown;
}

/** A checked spec: the share set (buckets inside) and the limits in cents, ready for splitCents or ExactSplitter. */
export interface ResolvedBucketSpec {
  readonly shares: ShareSet;
  readonly limits: ResolvedConstraints & { readonly excessTo: number | null };
}

export const BUCKET_MESSAGES = {
  count: (n: number) => `Give 1 to ${MAX_BUCKETS} bucket names; got ${n}.`,
  blank: (i: number) => `Bucket ${i + 1} has no name: give every bucket a name (e.g. buyback, stakers, lps, treasury).`,
  duplicate: (name: string) => `The bucket name "${name}" appears twice: give each bucket its own name.`,
  length: (what: string, got: number, want: number) =>
    `The ${what} row has ${got} values but there are ${want} buckets: give one ${what === "shares" ? "share" : what.replace(/s$/, "")} per bucket (leave a cell blank for none).`,
  unknownExcess: (name: string, names: readonly string[]) =>
    `excess_to names "${name}", which is not one of the buckets (${names.join(", ")}): use one of them, or leave it blank for pro rata.`,
  floorAboveCap: (name: string) => `The ${name} floor is above its cap: lower the floor or raise the cap.`,
} as const;

/**
 * A bucket for a name. The four standard names are the standard buckets
 * (insurance stays the residual one), so SPLIT over them is FEESPLIT; any
 * other name is a plain bucket that may take a cap, a floor or both.
 */
export function namedBucket(name: string): Bucket {
  const standard = (FEE_BUCKETS as readonly Bucket[]).find((b) => nameKey(b.id) === nameKey(name));
  if (standard) return standard;
  const id = name.trim();
  return { id, name: id, constraint: "none", constraintName: `${id} cap or floor`, residual: false };
}

const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** What makes two names one bucket: case and punctuation aside; a name with no letter or digit only as itself. */
const bucketKey = (name: string): string => nameKey(name) || name.trim();

/** Names to buckets: 1..12, none blank, no two the same (case and punctuation aside). */
export function resolveBuckets(names: readonly unknown[]): Bucket[] {
  if (names.length < 1 || names.length > MAX_BUCKETS) throw invalidValue(BUCKET_MESSAGES.count(names.length));
  const seen = new Set<string>();
  return names.map((v, i) => {
    if (isBlank(v) || (typeof v !== "string" && typeof v !== "number")) throw invalidValue(BUCKET_MESSAGES.blank(i));
    const name = String(v).trim();
    const key = bucketKey(name);
    if (seen.has(key)) throw invalidValue(BUCKET_MESSAGES.duplicate(name));
    seen.add(key);
    return namedBucket(name);
  });
}

/** The index of a bucket by name (case and punctuation aside, as resolveBuckets tells names apart), or -1. */
export const bucketIndex = (buckets: readonly Bucket[], name: string): number => {
  const key = bucketKey(name);
  return buckets.findIndex((b) => bucketKey(b.id) === key);
};

/** Checks a spec once; a caller then splits many revenues with it. */
export function resolveBucketSpec(spec: BucketSpec): ResolvedBucketSpec {
  const buckets = resolveBuckets(spec.buckets);
  const n = buckets.length;
  if (spec.shares.length !== n) throw invalidValue(BUCKET_MESSAGES.length("shares", spec.shares.length, n));
  spec.shares.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw invalidValue(`The ${buckets[i]!.name} share must be a number (a fraction like 0.25 or a percentage like 25); got ${isBlank(v) ? "a blank" : JSON.stringify(v)}.`);
    }
    if (v < 0) throw outOfRange(`The ${buckets[i]!.name} share is negative (${v}): shares are 0 or more and sum to 100%.`);
  });
  const shares = customShares(spec.shares, buckets);
  const limits = (what: "caps" | "floors", values: readonly unknown[] | null | undefined): (number | null)[] => {
    if (values === null || values === undefined) return buckets.map(() => null);
    if (values.length !== n) throw invalidValue(BUCKET_MESSAGES.length(what, values.length, n));
    return values.map((v, i) => (isBlank(v) ? null : toCents(v, `${buckets[i]!.name} ${what === "caps" ? "cap" : "floor"}`)));
  };
  const caps = limits("caps", spec.caps);
  const floors = limits("floors", spec.floors);
  buckets.forEach((b, i) => {
    if (caps[i] != null && floors[i] != null && floors[i]! > caps[i]!) throw outOfRange(BUCKET_MESSAGES.floorAboveCap(b.name));
  });
  let excessTo: number | null = null;
  if (!isBlank(spec.excessTo)) {
    const name = String(spec.excessTo).trim();
    excessTo = bucketIndex(buckets, name);
    if (excessTo < 0) throw invalidValue(BUCKET_MESSAGES.unknownExcess(name, buckets.map((b) => b.name)));
  }
  return { shares: { ...shares, label: "custom buckets" }, limits: { caps, floors, excessTo } };
}

/**
 * Splits one period's revenue over named buckets, by the core's rule
 * (feeSplit.ts): shares, floors first, caps in rounds with the excess pro
 * rata (or to excessTo), cents by largest remainder. Exact; sums to revenue.
 */
export function bucketSplit(revenue: unknown, spec: BucketSpec): FeeSplit {
  const revenueCents = toCents(revenue, "revenue");
  const { shares, limits } = resolveBucketSpec(spec);
  return splitCents(revenueCents, shares, limits);
}
