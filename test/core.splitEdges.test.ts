import { FEE_BUCKETS, bucketIndex, bucketSplit, feeSplit, namedBucket, resolveBucketSpec, resolveBuckets, type BucketSpec } from "../src";
import { failure } from "./helpers/tokenError";

/**
 * The edges of feeSplit and bucketSplit that the main suites pass by: blank
 * limits under any key, the exact words of each refusal (they tell an Excel
 * user what to fix), the residual bucket when nothing is open to be pro rata
 * to, names that are numbers or have no letter at all, and limits whose
 * integer check runs past 2^53.
 */

describe("feeSplit: a blank limit is not set, whatever key it sits under", () => {
  const plain = [400_000, 300_000, 100_000, 200_000]; // $10,000 at growth: 40 / 30 / 10 / 20

  it("null under an unknown bucket or a bucket that takes the other kind is ignored", () => {
    const s = feeSplit(10_000, "growth", { caps: { treasury: null, insurance: null }, floors: { buyback: null, lps: null } });
    expect(s.cents).toEqual(plain);
    expect(s.bound).toEqual([null, null, null, null]);
  });

  it("undefined under an unknown bucket or a bucket that takes the other kind is ignored", () => {
    const s = feeSplit(10_000, "growth", { caps: { treasury: undefined, insurance: undefined }, floors: { buyback: undefined, lps: undefined } });
    expect(s.cents).toEqual(plain);
    expect(s.bound).toEqual([null, null, null, null]);
  });
});

describe("feeSplit: a limit on the wrong bucket says which buckets there are and what each takes", () => {
  it("names the unknown bucket and lists the real ones", () => {
    const message = 'There is no bucket "treasury". Buckets are buyback, stakers, insurance, discount.';
    expect(failure(() => feeSplit(100, "growth", { caps: { treasury: 5 } }))).toEqual({ kind: "invalidValue", message });
    expect(failure(() => feeSplit(100, "growth", { floors: { treasury: 5 } }))).toEqual({ kind: "invalidValue", message });
  });

  it("says what a standard bucket takes instead", () => {
    expect(failure(() => feeSplit(100, "growth", { caps: { insurance: 5 } })))
      .toEqual({ kind: "invalidValue", message: "The insurance bucket takes no cap, only a floor." });
    expect(failure(() => feeSplit(100, "growth", { floors: { buyback: 5 } })))
      .toEqual({ kind: "invalidValue", message: "The buyback bucket takes no floor, only a cap." });
  });

  it("says no more than 'takes no cap' (or floor) for a bucket that takes neither", () => {
    // Named buckets (TOKEN.SPLIT's) carry their limits in the spec; feeSplit's by-id limits do not apply to them.
    const { shares } = resolveBucketSpec({ buckets: ["vault", "treasury"], shares: [50, 50] });
    expect(failure(() => feeSplit(100, shares, { caps: { vault: 5 } }))).toEqual({ kind: "invalidValue", message: "The vault bucket takes no cap." });
    expect(failure(() => feeSplit(100, shares, { floors: { treasury: 5 } }))).toEqual({ kind: "invalidValue", message: "The treasury bucket takes no floor." });
  });
});

describe("feeSplit: capped excess with nothing open to be pro rata to", () => {
  it("goes whole to the residual bucket (insurance) even when an empty bucket comes before it, and the trace lists only who received", () => {
    // 50 / 0 / 0 / 50, buyback and discount capped at 0. Buyback's $50 finds stakers and
    // insurance both at 0, so the residual (insurance, not the first open bucket) takes it;
    // discount's $50 then goes pro rata 0 : 5000, all to insurance again.
    const s = feeSplit(100, [50, 0, 0, 50], { caps: { buyback: 0, discount: 0 } });
    expect(s.cents).toEqual([0, 0, 10_000, 0]);
    expect(s.bound).toEqual(["cap", null, null, "cap"]);
    expect(s.trace).toEqual([
      { kind: "cap", bucket: "buyback", capCents: 0, excessCents: 5000, to: [{ bucket: "insurance", cents: 5000 }] },
      { kind: "cap", bucket: "discount", capCents: 0, excessCents: 5000, to: [{ bucket: "insurance", cents: 5000 }] },
    ]);
  });
});

describe("feeSplit: a cap or floor checked past 2^53 in the integer test", () => {
  // 63.61 / 36.39 over 10,000; this revenue times 6361 is exactly 2^53 - 1 (the largest the integer split takes).
  const revenue = "14160036558.31"; // 1,416,003,655,831 cents; a's exact amount is 900,719,925,474.0991 cents
  const spec = (limits: Partial<BucketSpec>): BucketSpec => ({ buckets: ["a", "b"], shares: [63.61, 36.39], ...limits });

  it("a floor one cent above the amount binds, though floor x 10,000 is past 2^53; one cent lower it does not", () => {
    const raised = bucketSplit(revenue, spec({ floors: ["9007199254.75", null] }));
    // a takes 0.9009 cent from b: 900,719,925,475 and 515,283,730,356 (BigInt: 1416003655831 - 900719925475).
    expect(raised.cents).toEqual([900_719_925_475, 515_283_730_356]);
    expect(raised.bound).toEqual(["floor", null]);
    const plain = bucketSplit(revenue, spec({ floors: ["9007199254.74", null] }));
    // The plain split: remainders 0.0991 and 0.9009, the leftover cent to b.
    expect(plain.cents).toEqual([900_719_925_474, 515_283_730_357]);
    expect(plain.bound).toEqual([null, null]);
  });

  it("a cap one cent below the amount binds; one cent higher (cap x 10,000 past 2^53) it does not", () => {
    const capped = bucketSplit(revenue, spec({ caps: ["9007199254.74", null] }));
    // The cents match the plain split (the 0.0991 excess ends as b's leftover cent), but a is now bound.
    expect(capped.cents).toEqual([900_719_925_474, 515_283_730_357]);
    expect(capped.bound).toEqual(["cap", null]);
    const free = bucketSplit(revenue, spec({ caps: ["9007199254.75", null] }));
    expect(free.cents).toEqual([900_719_925_474, 515_283_730_357]);
    expect(free.bound).toEqual([null, null]);
  });
});

describe("bucketSplit: bucket names", () => {
  it("a standard name (any case, any spacing) is the standard bucket; another name is a plain one that takes a cap, a floor or both", () => {
    expect(namedBucket(" BuyBack ")).toBe(FEE_BUCKETS[0]);
    expect(namedBucket("  vault ")).toEqual({ id: "vault", name: "vault", constraint: "none", constraintName: "vault cap or floor", residual: false });
  });

  it("insurance named in a custom split stays the residual: it takes capped excess no open bucket can share pro rata", () => {
    // a is capped at 0 and b and insurance hold nothing: the residual takes all, not b (the first open bucket).
    const s = bucketSplit(100, { buckets: ["a", "b", "INSURANCE"], shares: [100, 0, 0], caps: [0, null, null] });
    expect(s.cents).toEqual([0, 0, 10_000]);
    expect(s.trace).toEqual([{ kind: "cap", bucket: "a", capCents: 0, excessCents: 10_000, to: [{ bucket: "insurance", cents: 10_000 }] }]);
  });

  it("a plain bucket is not a residual one: with none among the open buckets the first open one takes it", () => {
    const s = bucketSplit(100, { buckets: ["a", "b", "c"], shares: [100, 0, 0], caps: [0, null, null] });
    expect(s.cents).toEqual([0, 10_000, 0]);
  });

  it("takes numbers as names (a year, a pool number)", () => {
    const s = bucketSplit(100, { buckets: [2024, 7], shares: [50, 50] });
    expect(s.shares.buckets.map((b) => b.id)).toEqual(["2024", "7"]);
    expect(s.cents).toEqual([5000, 5000]);
  });

  it.each([[true], [{ name: "a" }], [["a"]]])("refuses %p as a name, as a name missing", (name) => {
    expect(failure(() => resolveBuckets(["a", name])))
      .toEqual({ kind: "invalidValue", message: "Bucket 2 has no name: give every bucket a name (e.g. buyback, stakers, lps, treasury)." });
  });

  it("quotes a duplicate name as typed, without the spaces around it", () => {
    expect(failure(() => resolveBuckets(["LPs", "  lps  "])))
      .toEqual({ kind: "invalidValue", message: 'The bucket name "lps" appears twice: give each bucket its own name.' });
  });

  it("tells names with no letter or digit apart, and excess_to finds the one it names", () => {
    const names = ["€", "日本", "x"];
    const buckets = resolveBuckets(names);
    expect([bucketIndex(buckets, "日本"), bucketIndex(buckets, " € "), bucketIndex(buckets, "x"), bucketIndex(buckets, "$")]).toEqual([1, 0, 2, -1]);
    // x is capped at 0: its $50 goes to 日本 as asked, not to € (whose name has no letter either).
    const s = bucketSplit(100, { buckets: names, shares: [0, 50, 50], caps: [null, null, 0], excessTo: "日本" });
    expect(s.cents).toEqual([0, 10_000, 0]);
    expect(s.trace).toEqual([{ kind: "cap", bucket: "x", capCents: 0, excessCents: 5000, to: [{ bucket: "日本", cents: 5000 }] }]);
    expect(failure(() => resolveBuckets(["€", " € "])))
      .toEqual({ kind: "invalidValue", message: 'The bucket name "€" appears twice: give each bucket its own name.' });
  });

  it("finds the excess bucket by name whatever its case and spacing", () => {
    const s = bucketSplit(100, { buckets: ["a", "treasury"], shares: [50, 50], caps: [0, null], excessTo: "  TREASURY " });
    expect(s.cents).toEqual([0, 10_000]);
    expect(resolveBucketSpec({ buckets: ["a", "treasury"], shares: [50, 50], excessTo: "  TREASURY " }).limits.excessTo).toBe(1);
  });
});

describe("bucketSplit: every refusal in its exact words", () => {
  const two = (more: Partial<BucketSpec>): BucketSpec => ({ buckets: ["a", "b"], shares: [50, 50], ...more });

  it("a share that is blank or text", () => {
    expect(failure(() => bucketSplit(100, two({ shares: [50, null] }))))
      .toEqual({ kind: "invalidValue", message: "The b share must be a number (a fraction like 0.25 or a percentage like 25); got a blank." });
    expect(failure(() => bucketSplit(100, two({ shares: ["half", 50] }))))
      .toEqual({ kind: "invalidValue", message: 'The a share must be a number (a fraction like 0.25 or a percentage like 25); got "half".' });
  });

  it("a negative share, under the bucket's own name (the standard ones capitalised)", () => {
    expect(failure(() => bucketSplit(100, two({ shares: [-5, 105] }))))
      .toEqual({ kind: "numberOutOfRange", message: "The a share is negative (-5): shares are 0 or more and sum to 100%." });
    expect(failure(() => bucketSplit(100, { buckets: ["x", "stakers"], shares: [105, -5] })))
      .toEqual({ kind: "numberOutOfRange", message: "The Stakers share is negative (-5): shares are 0 or more and sum to 100%." });
  });

  it("a negative cap or floor, naming the bucket and which limit", () => {
    expect(failure(() => bucketSplit(100, two({ caps: [-1, null] }))))
      .toEqual({ kind: "numberOutOfRange", message: "The a cap is negative (-1). Give an amount of 0 or more." });
    expect(failure(() => bucketSplit(100, two({ floors: [null, -2] }))))
      .toEqual({ kind: "numberOutOfRange", message: "The b floor is negative (-2). Give an amount of 0 or more." });
  });

  it("an excess bucket that is not there, quoted without its spaces", () => {
    expect(failure(() => bucketSplit(100, two({ excessTo: "  c  " }))))
      .toEqual({ kind: "invalidValue", message: 'excess_to names "c", which is not one of the buckets (a, b): use one of them, or leave it blank for pro rata.' });
  });

  it("a negative revenue", () => {
    expect(failure(() => bucketSplit(-1, two({}))))
      .toEqual({ kind: "numberOutOfRange", message: "The revenue is negative (-1). Give an amount of 0 or more." });
  });

  it("labels the split 'custom buckets' (the CLI's heading says what it split by)", () => {
    expect(bucketSplit(100, two({})).shares.label).toBe("custom buckets");
  });
});
