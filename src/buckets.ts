/**
 * Where the fee line goes. The list is data: a protocol that also pays LPs,
 * a treasury or operators adds a bucket here (and a share column to its
 * stage table) and every split, function and sheet follows without a rewrite.
 */
export interface Bucket {
  readonly id: string;
  readonly name: string;
  /** The constraint a finance team puts on this bucket, if any. */
  readonly constraint: "cap" | "floor" | "none";
  /** What the constraint is called on sheets and in messages. */
  readonly constraintName: string;
  /** Takes what no capped bucket may: it is never capped, so the whole revenue always lands. */
  readonly residual: boolean;
}

export const FEE_BUCKETS = [
  { id: "buyback", name: "Buyback", constraint: "cap", constraintName: "buyback cap (market-impact limit)", residual: false },
  { id: "stakers", name: "Stakers", constraint: "cap", constraintName: "staker cap (yield cap)", residual: false },
  { id: "insurance", name: "Insurance", constraint: "floor", constraintName: "insurance floor", residual: true },
  { id: "discount", name: "Discount", constraint: "cap", constraintName: "discount cap (discount budget)", residual: false },
] as const satisfies readonly Bucket[];

export type FeeBucketId = (typeof FEE_BUCKETS)[number]["id"];
export const FEE_BUCKET_IDS: readonly FeeBucketId[] = FEE_BUCKETS.map((b) => b.id);
