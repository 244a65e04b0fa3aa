import { numberText, resolveBucketSpec } from "../src/index";
import { optionalAmount } from "./amounts";
import { describe, isBlank, isBlankText, oneCell, toGrid, vectorOf } from "./cells";
import { badInput } from "./excelErrors";
import { splitEach } from "./feeSplit";
import type { CellResult } from "./results";

/** A share cell: a number, or text that is a number by the core's one convention; anything else is left for the core to refuse by name. */
const shareValue = (v: unknown): unknown => {
  if (typeof v !== "string") return v;
  const read = numberText(v);
  return "ok" in read ? Number(read.ok) : v; // a "-0" share splits as 0: the core returns no -0
};

/**
 * The bucket and share rows as given. Trailing cells with no name and no
 * share are dropped, so a table with room to grow can be passed whole
 * (Excel desktop passes empty cells as 0).
 */
function readBucketRows(buckets: unknown, shares: unknown): { names: unknown[]; shares: unknown[] } {
  const names = [...vectorOf(toGrid(buckets, "buckets"), "buckets")];
  const values = [...vectorOf(toGrid(shares, "shares"), "shares")].map(shareValue);
  const emptyShare = (v: unknown): boolean => v === 0 || isBlank(v);
  // Past the last share, values[i] is undefined, which counts as an empty share.
  while (names.length > 0 && isBlankText(names[names.length - 1]) && emptyShare(values[names.length - 1])) names.pop();
  while (values.length > names.length && emptyShare(values[values.length - 1])) values.pop();
  // A blank share is 0 on every host (Excel desktop already passes it as 0).
  return { names: names.map((n) => (isBlankText(n) ? null : n)), shares: values.map((v) => (isBlank(v) ? 0 : v)) };
}

/**
 * An optional row of caps or floors aligned with the buckets: blank cells are
 * "none". So is 0: Excel desktop passes an empty cell of a range as 0 (the web
 * passes null; office-js issues 4702 and 5262), and a cap of 0 must not appear
 * from nowhere. To give a bucket nothing, set its share to 0.
 */
function readLimitRow(value: unknown, what: "caps" | "floors", n: number): unknown[] | null {
  const cells = vectorOf(toGrid(value, what), what);
  if (cells.length === 1 && isBlank(cells[0])) return null;
  // A limits row may be as long as the bucket table it sits beside: trailing blanks are fine.
  const row = cells.slice(n).every(isBlank) ? cells.slice(0, n) : [...cells];
  return row.map((v, i) => {
    if (isBlank(v) || v === 0) return null;
    return optionalAmount(v, `${what.slice(0, -1)} ${i + 1}`) ?? null;
  });
}

/** TOKEN.SPLIT: one row per revenue over the named buckets, by the core's rule. */
export function splitRows(revenue: unknown, buckets: unknown, shares: unknown, caps: unknown, floors: unknown, excessTo: unknown, fn: string): CellResult[][] {
  const rows = readBucketRows(buckets, shares);
  const target = isBlank(excessTo) ? null : oneCell(excessTo, "excess_to");
  if (!isBlank(target) && typeof target !== "string") throw badInput(`excess_to must be a bucket name; got ${describe(target)}.`);
  const spec = resolveBucketSpec({
    buckets: rows.names,
    shares: rows.shares,
    caps: readLimitRow(caps, "caps", rows.names.length),
    floors: readLimitRow(floors, "floors", rows.names.length),
    excessTo: target,
  });
  return splitEach(revenue, spec.shares, spec.limits, fn);
}
