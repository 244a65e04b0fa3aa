import { FEE_BUCKETS, resolveConstraints, splitCents, toCents, type FeeBucketId } from "../src/index";
import { describe, isBlank, oneCell, toGrid, vectorOf } from "./cells";
import { badInput, outOfRange, toExcelError } from "./excelErrors";
import type { CellResult } from "./results";
import { readStage } from "./stage";

/**
 * Excel keeps 15 significant digits, so 999,999,999,999,999 cents is the most
 * that comes back to the cent; above it the returned numbers would no longer
 * add up to the revenue in the sheet.
 */
const EXCEL_MAX_CENTS = 999_999_999_999_999;

/** FEESPLIT's optional arguments in order: the bucket each one limits, and how. */
const LIMIT_ARGS = [
  { bucket: "buyback", kind: "cap" },
  { bucket: "stakers", kind: "cap" },
  { bucket: "insurance", kind: "floor" },
] as const satisfies readonly { readonly bucket: FeeBucketId; readonly kind: "cap" | "floor" }[];

const constraintName = (id: FeeBucketId): string => FEE_BUCKETS.find((b) => b.id === id)!.constraintName;

/** An optional amount: omitted or blank means "not set"; the core checks and converts the rest. */
function optionalAmount(value: unknown, id: FeeBucketId): unknown {
  const v = oneCell(value, constraintName(id));
  if (isBlank(v)) return undefined;
  if (typeof v === "boolean") throw badInput(`The ${constraintName(id)} must be a number; got ${describe(v)}.`);
  return v;
}

/** One revenue cell to cents. Numbers and numeric text ("1,000", "$250.50") are accepted. */
function revenueCents(v: unknown): number {
  if (typeof v === "boolean") throw badInput(`The revenue must be a number; got ${describe(v)}.`);
  const cents = toCents(v, "revenue") + 0; // + 0: a -0 revenue becomes 0, not -0 in every bucket
  if (cents > EXCEL_MAX_CENTS) {
    throw outOfRange(`The revenue ${describe(v)} is too large to return to the cent: Excel keeps 15 digits, so the most is ${EXCEL_MAX_CENTS / 100}. Split bigger amounts across rows.`);
  }
  return cents;
}

/**
 * One row of bucket amounts per revenue cell. The stage and limits are read
 * once per call; each revenue then goes straight to the core's exact integer
 * split. A bad revenue cell errors only its own row; a blank one gives a blank row.
 */
export function feeSplitRows(revenue: unknown, stage: unknown, limits: readonly unknown[], fn: string): CellResult[][] {
  const shares = readStage(stage);
  const caps: Partial<Record<FeeBucketId, unknown>> = {};
  const floors: Partial<Record<FeeBucketId, unknown>> = {};
  LIMIT_ARGS.forEach(({ bucket, kind }, i) => {
    (kind === "cap" ? caps : floors)[bucket] = optionalAmount(limits[i], bucket);
  });
  const resolved = resolveConstraints(shares.buckets, { caps, floors });
  const revenues = vectorOf(toGrid(revenue, "revenue"), "revenue");
  const width = shares.buckets.length;
  const out = new Array<CellResult[]>(revenues.length);
  for (let i = 0; i < revenues.length; i++) {
    const v = revenues[i];
    if (isBlank(v)) {
      out[i] = new Array<CellResult>(width).fill(""); // "" not null: Excel shows null as 0
      continue;
    }
    try {
      const cents = splitCents(revenueCents(v), shares, resolved).cents;
      const row = new Array<CellResult>(width);
      for (let b = 0; b < width; b++) row[b] = cents[b]! / 100;
      out[i] = row;
    } catch (e) {
      out[i] = new Array<CellResult>(width).fill(toExcelError(e, fn));
    }
  }
  return out;
}
