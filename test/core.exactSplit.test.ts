import {
  Decimal, ExactSplitter, NO_LIMIT, boundName, customShares, resolveBuckets, stageShares,
  type ShareSet,
} from "../src";
import { exactSplit } from "./helpers/exactSplit";
import { failure } from "./helpers/tokenError";

/**
 * ExactSplitter at the edges of its integer forms: which inputs it keeps
 * (fallbacks stays 0: the Monte Carlo reports these counts as slow splits)
 * and which it hands to the core, with cents checked against values worked
 * out by hand or in BigInt, never against the splitter itself.
 */

type Limit = number | null;

const buckets = (n: number) => resolveBuckets(Array.from({ length: n }, (_, i) => `b${i}`));
/** Custom buckets (no residual one) with shares in percent or fractions. */
const sharesOf = (values: readonly number[]): ShareSet => customShares(values, buckets(values.length));

function run(set: ShareSet, R: number, caps: readonly Limit[], floors: readonly Limit[], excessTo: number | null = null) {
  const splitter = new ExactSplitter(set, excessTo);
  const n = set.buckets.length;
  const cents = new Float64Array(n);
  const bound = new Int8Array(n).fill(-1); // every entry must be written
  splitter.split(R, caps.map((c) => c ?? NO_LIMIT), floors.map((f) => f ?? NO_LIMIT), cents, bound);
  return { cents: Array.from(cents), bound: Array.from(bound, boundName), fallbacks: splitter.fallbacks };
}

/** `total` cents pro rata to whole weights, leftover cents to the largest remainders, ties to the earlier: in BigInt. */
function proRata(weights: readonly bigint[], total: bigint): number[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  const cents = weights.map((w) => (w * total) / sum);
  const rems = weights.map((w) => (w * total) % sum);
  let left = Number(total - cents.reduce((a, b) => a + b, 0n));
  const order = weights.map((_, i) => i).sort((x, y) => (rems[x] === rems[y] ? x - y : rems[x]! > rems[y]! ? -1 : 1));
  for (const i of order) if (left-- > 0) cents[i]! += 1n;
  return cents.map(Number);
}

describe("ExactSplitter: share sets without whole-number weights", () => {
  it("hands a share set whose weights are null (the ShareSet type allows it) to the core's Decimal split", () => {
    const set: ShareSet = { ...stageShares("growth"), weights: null };
    // Growth 40 / 30 / 10 / 20 of 10,000.01: the leftover cent goes to buyback's .4.
    expect(run(set, 1_000_001, [null, null, null, null], [null, null, null, null])).toEqual({
      cents: [400_001, 300_000, 100_000, 200_000], bound: [null, null, null, null], fallbacks: 1,
    });
  });
});

describe("ExactSplitter: leftover cents", () => {
  it("gives a tie between the first two buckets to the first", () => {
    const set = sharesOf([50, 50]);
    expect(run(set, 1, [null, null], [null, null]).cents).toEqual([1, 0]);
    expect(run(set, 3, [null, null], [null, null]).cents).toEqual([2, 1]);
  });
});

describe("ExactSplitter: floors on the scaled integer path", () => {
  it("hands two binding floors to the core, which funds both from the buckets without a floor", () => {
    // The first floored bucket has no share: 20 each come out of the 90.
    const r = run(sharesOf([0, 10, 90]), 100, [null, null, null], [20, 20, null]);
    expect(r).toEqual({ cents: [20, 20, 60], bound: ["floor", "floor", null], fallbacks: 1 });
  });

  it("takes nothing from a bucket whose own floor does not bind (the core's donors have no floor)", () => {
    // b1's zero floor makes it no donor: b0's 20 cents come from b2 alone.
    expect(run(sharesOf([20, 30, 50]), 100, [null, null, null], [40, 0, null])).toEqual({
      cents: [40, 30, 30], bound: ["floor", null, null], fallbacks: 1,
    });
  });

  it("keeps a floor beside a zero-share bucket with a zero floor, and a floored bucket with all but one unit of weight, on the integer path", () => {
    expect(run(sharesOf([20, 0, 80]), 100, [null, null, null], [40, 0, null])).toEqual({
      cents: [40, 0, 60], bound: ["floor", null, null], fallbacks: 0,
    });
    // 90 / 10 over 10: the donors' weight is 1, the least a binding floor leaves them.
    expect(run(sharesOf([90, 10]), 100, [null, null], [95, null])).toEqual({ cents: [95, 5], bound: ["floor", null], fallbacks: 0 });
  });

  // Weights 1000 / 2000 / 3361 over 6361 (shareSet's form for fine shares), and 6361 x R0 = 2^53 - 1.
  const set6361: ShareSet = {
    label: "w/6361", buckets: buckets(3), weights: [1000, 2000, 3361], scale: 6361,
    shares: [1000, 2000, 3361].map((w) => new Decimal(w).div(6361)),
  };
  const R0 = 1_416_003_655_831;

  it("keeps a cap binding after a floor on the integer path while revenue x scale is at most 2^53 - 1, and hands it to the core one cent past", () => {
    expect(R0 * 6361).toBe(Number.MAX_SAFE_INTEGER);
    const T = 1_000_000_000_000; // b2's floor, above its 3361/6361 share
    const cap = 100_000_000_000; // b0's cap, below its share of what the floor leaves
    for (const [R, fallbacks] of [[R0, 0], [R0 + 1, 1]] as const) {
      // After the floor: b0, b1 share U = R - T as 1 : 2, so b1 = 2U/3. b0's cap pins it, and the rest R - cap
      // goes to b1 and b2 pro rata to 2U/3 : T, that is 2U : 3T.
      const U = BigInt(R - T);
      const [b1, b2] = proRata([2n * U, 3n * BigInt(T)], BigInt(R - cap));
      expect(run(set6361, R, [cap, null, null], [null, null, T])).toEqual({ cents: [cap, b1, b2], bound: ["cap", null, "floor"], fallbacks });
    }
  });
});

describe("ExactSplitter: floors at revenue x scale beyond 2^53 (exact quotients)", () => {
  // Nine-decimal shares: scale 10^9, so any revenue above 9,007,199 cents takes this form.
  const fine = sharesOf([0.100000001, 0.2, 0.3, 0, 0.399999999]);
  const W = [100_000_001n, 200_000_000n, 300_000_000n]; // the donors b0..b2; b3 has no share
  const R = 10_000_000;
  const T = 5_000_000; // b4's floor, above its 3,999,999.99

  it("gives the floored bucket its floor, a zero-share bucket with a zero floor nothing, and the donors the rest pro rata", () => {
    const donors = proRata(W, BigInt(R - T));
    const r = run(fine, R, [null, null, null, null, null], [null, null, null, 0, T]);
    expect(r).toEqual({ cents: [...donors, 0, T], bound: [null, null, null, null, "floor"], fallbacks: 0 });
  });

  it("keeps a donor below its cap on this path, and hands a donor capped at 0 to the core", () => {
    const donors = proRata(W, BigInt(R - T));
    // b0 ends near 833,333.34: a cap above that binds nothing, fraction or not.
    expect(run(fine, R, [donors[0]! + 1, null, null, null, null], [null, null, null, 0, T]).fallbacks).toBe(0);
    expect(run(fine, R, [10_000_000, null, null, null, null], [null, null, null, 0, T])).toEqual({
      cents: [...donors, 0, T], bound: [null, null, null, null, "floor"], fallbacks: 0,
    });
    // Capped at 0, b0 gives up its share after the floor; b1, b2 and the floored b4 take it pro rata:
    // U x w1 / dW : U x w2 / dW : T, that is U x w1 : U x w2 : T x dW.
    const U = BigInt(R - T);
    const dW = W[0]! + W[1]! + W[2]!;
    const [b1, b2, b4] = proRata([U * W[1]!, U * W[2]!, BigInt(T) * dW], BigInt(R));
    expect(run(fine, R, [0, null, null, null, null], [null, null, null, 0, T])).toEqual({
      cents: [0, b1, b2, 0, b4], bound: ["cap", null, null, null, "floor"], fallbacks: 1,
    });
  });

  // 0.250000001 / 0.25 / 0.499999999: the donors' weight is 500,000,001, and what the floor leaves is 20 times it.
  const half = sharesOf([0.250000001, 0.25, 0.499999999]);
  const caps = [5_000_000_020, 5_000_000_000, null];
  const floor = 10_000_000_080;

  it("keeps donors landing exactly on their caps on this path, unbound", () => {
    expect(run(half, 20_000_000_100, caps, [null, null, floor])).toEqual({
      cents: [5_000_000_020, 5_000_000_000, floor], bound: [null, null, "floor"], fallbacks: 0,
    });
  });

  it("pins donors a fraction of a cent above their caps (the core's rounds), never giving them a cent more", () => {
    // One cent more revenue: each donor is at its cap plus about half a cent; both pin, and the cent goes to the floored bucket.
    expect(run(half, 20_000_000_101, caps, [null, null, floor])).toEqual({
      cents: [5_000_000_020, 5_000_000_000, floor + 1], bound: ["cap", "cap", "floor"], fallbacks: 1,
    });
  });
});

describe("ExactSplitter: caps, pro rata", () => {
  it("keeps a binding cap on the integer path, the excess pro rata", () => {
    // Growth of 100.00 with a 10.00 buyback cap: its 30.00 excess goes 30 : 10 : 20.
    const r = run(stageShares("growth"), 10_000, [1_000, null, null, null], [null, null, null, null]);
    expect(r).toEqual({ cents: [1_000, 4_500, 1_500, 3_000], bound: ["cap", null, null, null], fallbacks: 0 });
    expect(r.cents).toEqual(exactSplit(100, "growth", { caps: { buyback: 10 } }).cents);
  });

  it("gives the excess to the residual bucket when the open buckets hold no share, even when it is not the first open", () => {
    const set = customShares([50, 50, 0, 0]); // buyback, stakers, insurance (residual), discount
    const r = run(set, 100, [10, 10, null, null], [null, null, null, null]);
    expect(r).toEqual({ cents: [10, 10, 80, 0], bound: ["cap", "cap", null, null], fallbacks: 1 });
    expect(r.cents).toEqual(exactSplit(1, [50, 50, 0, 0], { caps: { buyback: 0.1, stakers: 0.1 } }).cents);
    // Custom buckets have no residual one: the first open bucket takes it.
    expect(run(sharesOf([50, 50, 0]), 100, [10, 10, null], [null, null, null]).cents).toEqual([10, 10, 80]);
  });

  it("says every bucket is at its cap, as the core does, when the caps cannot hold the revenue", () => {
    expect(failure(() => run(sharesOf([50, 50]), 100, [10, 10], [null, null]))).toEqual({
      kind: "numberOutOfRange",
      message: "Every bucket is at its cap and revenue is left over: raise a cap so the whole revenue can land.",
    });
  });
});

describe("ExactSplitter: caps with an excess bucket", () => {
  const none = [null, null, null];
  const set = sharesOf([20, 50, 30]);

  it("sends capped excess to the excess bucket, bucket 0 included, and keeps it on the integer path below its own cap", () => {
    expect(run(set, 100, [null, 10, null], none, 0)).toEqual({ cents: [60, 10, 30], bound: [null, "cap", null], fallbacks: 0 });
    expect(run(set, 100, [1_000, 10, null], none, 0)).toEqual({ cents: [60, 10, 30], bound: [null, "cap", null], fallbacks: 0 });
  });

  it("keeps the excess bucket landing exactly on its cap on the integer path, unbound", () => {
    expect(run(set, 100, [60, 10, null], none, 0)).toEqual({ cents: [60, 10, 30], bound: [null, "cap", null], fallbacks: 0 });
  });

  it("pins a bucket capped at 0 and does not pin one exactly at its cap", () => {
    expect(run(set, 100, [0, null, null], none, 2)).toEqual({ cents: [0, 50, 50], bound: ["cap", null, null], fallbacks: 0 });
    expect(run(set, 100, [20, null, null], none, 2)).toEqual({ cents: [20, 50, 30], bound: [null, null, null], fallbacks: 0 });
  });

  it("pins a bucket a fraction of a cent above its cap, and leaves one below its cap alone", () => {
    // 1.01 as 25 / 50 / 25: 25.25, 50.5, 25.25 cents.
    const quarters = sharesOf([25, 50, 25]);
    // b0 capped at 25: its .25 goes to b2 (25.5); b1 and b2 tie at .5 for the leftover cent, b1 is earlier.
    expect(run(quarters, 101, [25, null, null], none, 2)).toEqual({ cents: [25, 51, 25], bound: ["cap", null, null], fallbacks: 0 });
    // A cap of 30 binds nothing.
    expect(run(quarters, 101, [30, null, null], none, 2)).toEqual({ cents: [25, 51, 25], bound: [null, null, null], fallbacks: 0 });
  });

  it("keeps the excess bucket with a fraction of a cent below its cap on the integer path", () => {
    // b1 capped at 50: its .5 goes to b0 (25.75, cap 100), which takes the leftover cent over b2's .25.
    expect(run(sharesOf([25, 50, 25]), 101, [100, 50, null], none, 0)).toEqual({ cents: [26, 50, 25], bound: [null, "cap", null], fallbacks: 0 });
  });

  it("goes pro rata, as the core does, once the excess bucket is over its own cap", () => {
    // The excess bucket b2 (cap 1.00) starts at 2.00: pinned, its 1.00 goes 50 : 30 to b0, b1 (562.5, 337.5; the tie to b0).
    expect(run(sharesOf([50, 30, 20]), 1_000, [null, null, 100], none, 2)).toEqual({ cents: [563, 337, 100], bound: [null, null, "cap"], fallbacks: 1 });
    // Pushed over its cap by the excess: b0 would take 60 of 100 with a cap of 50; its 10 more go to b2 alone.
    expect(run(set, 100, [50, 10, null], none, 0)).toEqual({ cents: [50, 10, 40], bound: ["cap", "cap", null], fallbacks: 1 });
    // Pushed a fraction over: of 1.05, b0 holds exactly its cap of 21 and takes b1's .5 above 52; that .5 goes on to b2 (32).
    expect(run(set, 105, [21, 52, null], none, 0)).toEqual({ cents: [21, 52, 32], bound: ["cap", "cap", null], fallbacks: 1 });
    // An excess bucket with no share and a cap of 0: the 20 over b0's cap go to b1.
    expect(run(sharesOf([50, 50, 0]), 100, [30, null, 0], none, 2)).toEqual({ cents: [30, 70, 0], bound: ["cap", null, "cap"], fallbacks: 1 });
  });

  it("gives a bucket pinned at its cap no leftover cent, even in a tie", () => {
    // Thirds with b1 at no share: b0 capped at 0 sends its 3.33 to b1. b1, b2, b3 tie at 3.33; the earliest open, b1, takes the cent.
    const thirds = customShares([1 / 3, 0, 1 / 3, 1 / 3], buckets(4));
    expect({ weights: thirds.weights, scale: thirds.scale }).toEqual({ weights: [1, 0, 1, 1], scale: 3 });
    expect(run(thirds, 10, [0, null, null, null], [null, null, null, null], 1)).toEqual({
      cents: [0, 4, 3, 3], bound: ["cap", null, null, null], fallbacks: 0,
    });
  });
});
