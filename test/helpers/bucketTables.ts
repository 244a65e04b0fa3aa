import fc from "fast-check";
import { MAX_AMOUNT_CENTS, MAX_BUCKETS, STAGE_IDS, resolveBucketSpec, toCents } from "../../src";
import type { Cell, TableCase, TableRow } from "./planWorkbook";

/** Names a finance user might give, the standard four among them (insurance is the residual bucket). */
const NAMES = ["Buyback", "Stakers", "Insurance", "Discount", "Treasury", "LPs", "Ops team", "Grants", "Reserve", "Fund A", "Fund B", "R&D", "Marketing", "Burn"];

const MAX = MAX_AMOUNT_CENTS;
/** Cents spread over every magnitude up to the maximum, with the maximum itself. */
export const centsArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 15 }).chain((digits) => fc.integer({ min: 0, max: Math.min(MAX, 10 ** digits) })) },
  { weight: 1, arbitrary: fc.constantFrom(MAX, MAX - 1, 0, 1) },
);

/** n shares: 9-decimal cuts summing to exactly 1, or n equal parts (1/3, 1/7 ...). */
const sharesArb = (n: number) => fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const sorted = [0, ...cuts.sort((x, y) => x - y), 1_000_000_000];
    return sorted.slice(1).map((c, i) => (c - sorted[i]!) / 1_000_000_000);
  }) },
  { weight: 1, arbitrary: fc.constant(Array.from({ length: n }, () => 1 / n)) },
);

/** A limit as a share of the revenue (so it tends to bind), or blank. */
const limitArb = (percentSet: number, perMille: number) => fc.oneof(
  { weight: 100 - percentSet, arbitrary: fc.constant(null) },
  { weight: percentSet, arbitrary: fc.integer({ min: 0, max: perMille }) },
);

/** Random bucket tables as a user would type them. */
export const tableArb: fc.Arbitrary<TableCase> = fc.integer({ min: 1, max: MAX_BUCKETS }).chain((n) => fc.record({
  cents: centsArb,
  stage: fc.constantFrom(...STAGE_IDS),
  names: fc.shuffledSubarray(NAMES, { minLength: Math.min(n, NAMES.length), maxLength: Math.min(n, NAMES.length) }),
  shares: sharesArb(n),
  caps: fc.array(limitArb(35, 600), { minLength: n, maxLength: n }),
  floors: fc.array(limitArb(10, 1200), { minLength: n, maxLength: n }),
  excess: fc.oneof({ weight: 6, arbitrary: fc.constant(-1) }, { weight: 4, arbitrary: fc.integer({ min: 0, max: n - 1 }) }, { weight: 1, arbitrary: fc.constant(99) }),
})).map(({ cents, stage, names, shares, caps, floors, excess }) => {
  const amount = (perMille: number | null): Cell => (perMille === null ? null : Math.min(MAX, Math.round((cents * perMille) / 1000)) / 100);
  const rows: TableRow[] = names.map((name, j) => ({
    name,
    shares: STAGE_IDS.map((st) => (st === stage ? shares[j]! : 0)),
    cap: amount(caps[j]!),
    floor: amount(floors[j]!),
  }));
  const excessTo = excess < 0 ? null : excess === 99 ? "Nobody" : names[excess]!;
  return { revenue: cents / 100, stage, rows, excessTo };
});

/**
 * The case the sheet hands to TOKEN.SPLIT: two floors bind at once, or one
 * binds while another bucket with a floor holds a share. Worked out here in
 * exact integers from the core's weights.
 */
export function floorsClash(t: TableCase): boolean {
  const rows = t.rows.filter((r) => r.name !== null && String(r.name).trim() !== "");
  const stage = STAGE_IDS.indexOf(t.stage as (typeof STAGE_IDS)[number]);
  const { shares, limits } = resolveBucketSpec({ buckets: rows.map((r) => r.name), shares: rows.map((r) => r.shares[stage]), floors: rows.map((r) => r.floor ?? null) });
  const R = BigInt(toCents(t.revenue, "revenue"));
  const w = shares.weights!.map(BigInt);
  const S = BigInt(shares.scale);
  const binds = limits.floors.map((f, j) => f !== null && (BigInt(f) < R ? BigInt(f) : R) > (R * w[j]!) / S);
  const n = binds.filter(Boolean).length;
  return n >= 2 || (n === 1 && limits.floors.some((f, j) => f !== null && !binds[j] && w[j]! > 0n));
}
