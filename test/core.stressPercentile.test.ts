import fc from "fast-check";
import { propertyRuns } from "./helpers/propertyRuns";
import { nearestRank, PathRng, percentilesInPlace, select } from "../src/stress";

/** The numbers 0..n-1 in a seeded random order (Fisher-Yates on PathRng), so the k-th smallest is k. */
function shuffled(n: number, seed: number): Float64Array {
  const rng = new PathRng().seed(seed, 0);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/** `count` values placed at `from` in a buffer whose other cells hold a marker no value equals. */
function embedded(values: Float64Array, from: number, after: number): Float64Array {
  const buf = new Float64Array(from + values.length + after).fill(-0.5);
  buf.set(values, from);
  return buf;
}

/**
 * The buffer seen through a Proxy that counts element reads and records the
 * lowest and highest index read or written: the work select does, and whether
 * it stays inside its range. (The Proxy only observes; the buffer is real.)
 */
function watched(buf: Float64Array): { a: Float64Array; reads: () => number; touched: () => [number, number] } {
  let reads = 0;
  let lo = Infinity;
  let hi = -Infinity;
  const cells = buf as unknown as Record<string, number>;
  const note = (key: string | symbol): void => {
    const i = typeof key === "string" ? Number(key) : NaN;
    if (Number.isInteger(i)) {
      lo = Math.min(lo, i);
      hi = Math.max(hi, i);
    }
  };
  const a = new Proxy(buf, {
    get(_, key) {
      note(key);
      if (typeof key === "string" && Number.isInteger(Number(key))) reads++;
      return cells[key as string];
    },
    set(_, key, value: number) {
      note(key);
      cells[key as string] = value;
      return true;
    },
  });
  return { a, reads: () => reads, touched: () => [lo, hi] };
}

describe("select on ranges large enough to be sampled (over 600 values)", () => {
  it("returns the k-th smallest, partitions around it and touches nothing outside the range, duplicates or not", () => {
    fc.assert(fc.property(
      fc.record({
        n: fc.integer({ min: 601, max: 4000 }),
        from: fc.integer({ min: 0, max: 40 }),
        after: fc.integer({ min: 0, max: 40 }),
        rank: fc.double({ min: 0, max: 1, noNaN: true }),
        distinct: fc.integer({ min: 1, max: 5000 }), // few distinct values: many ties with the pivot
        seed: fc.integer({ min: 0, max: 2 ** 31 }),
      }),
      ({ n, from, after, rank, distinct, seed }) => {
        const rng = new PathRng().seed(seed, 1);
        const values = Float64Array.from({ length: n }, () => Math.floor(rng.uniform() * distinct));
        const sorted = Array.from(values).sort((x, y) => x - y);
        const k = from + Math.min(n - 1, Math.floor(rank * n));
        const buf = embedded(values, from, after);
        const w = watched(buf);
        expect(select(w.a, from, from + n - 1, k)).toBe(sorted[k - from]);
        const [lo, hi] = w.touched();
        expect(lo).toBeGreaterThanOrEqual(from);
        expect(hi).toBeLessThanOrEqual(from + n - 1);
        const slice = Array.from(buf.subarray(from, from + n));
        expect(slice.slice(0, k - from).every((x) => x <= buf[k]!)).toBe(true);
        expect(slice.slice(k - from + 1).every((x) => x >= buf[k]!)).toBe(true);
        expect([...slice].sort((x, y) => x - y)).toEqual(sorted); // only reordered
        expect(Array.from(buf.subarray(0, from)).concat(Array.from(buf.subarray(from + n))).every((x) => x === -0.5)).toBe(true);
      },
    ), { numRuns: propertyRuns(60) });
  });
});

/*
 * Floyd and Rivest's selection first selects k's place in a sample window, so
 * the pivot of the one big partition lands just past the k-th value, on the
 * side that leaves the small remainder: about n + min(k, n - k) comparisons,
 * i.e. one pass for the tail percentiles. Quickselect on a[k] alone (no
 * sample, or a badly placed or sized window) needs two or more passes:
 * 2n + 2k ln(n/k) + 2(n-k) ln(n/(n-k)) comparisons on average, 3.4n at the
 * median. The bounds below count element reads (comparisons plus swaps) over
 * ten shuffles of 100,000 values at an offset (the range need not start at 0,
 * as in the Monte Carlo's per-month slices), leaving room on both sides.
 */
describe("select does about one pass over a large range", () => {
  const n = 100_000;
  const from = n; // a slice in the middle of a buffer, as fill() and the Monte Carlo use
  /** Reads per value for the rank's k in each of ten shuffles. */
  const readsPerValue = (rank: number): number[] => {
    const k = from + Math.floor(rank * (n - 1));
    const perShuffle: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const w = watched(embedded(shuffled(n, seed), from, 3));
      expect(select(w.a, from, from + n - 1, k)).toBe(k - from);
      const [lo, hi] = w.touched();
      expect([lo >= from, hi <= from + n - 1]).toEqual([true, true]);
      perShuffle.push(w.reads() / n);
    }
    return perShuffle;
  };
  const mean = (xs: readonly number[]): number => xs.reduce((x, y) => x + y, 0) / xs.length;

  // A second pass over most of the range shows as 2 or more reads per value in that shuffle.
  it("reads each value under 1.75 times on average, and never twice, for the 5th percentile's rank", () => {
    const reads = readsPerValue(0.05);
    expect(mean(reads)).toBeLessThan(1.75);
    expect(Math.max(...reads)).toBeLessThan(2);
  });

  it("reads each value under 1.75 times on average, and never twice, for the 95th percentile's rank", () => {
    const reads = readsPerValue(0.95);
    expect(mean(reads)).toBeLessThan(1.75);
    expect(Math.max(...reads)).toBeLessThan(2);
  });

  it("reads each value under 3 times on average for the median", () => {
    expect(mean(readsPerValue(0.5))).toBeLessThan(3);
  });
});

describe("percentilesInPlace on a large slice", () => {
  it("gives the nearest-rank 5/50/95 percentiles of a slice at an offset, reorders only that slice, in about 4 passes in all", () => {
    const n = 100_000;
    const from = 2 * n;
    let total = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const buf = embedded(shuffled(n, seed), from, 5);
      const w = watched(buf);
      const out = new Float64Array(3);
      percentilesInPlace(w.a, from, n, [5, 50, 95], out);
      // The values are 0..n-1, so the p-th percentile is its rank minus one: 4999, 49999, 94999.
      expect(Array.from(out)).toEqual([5, 50, 95].map((p) => nearestRank(p, n) - 1));
      expect(Array.from(out)).toEqual([4999, 49999, 94999]);
      const [lo, hi] = w.touched();
      expect([lo >= from, hi <= from + n - 1]).toEqual([true, true]);
      expect(Array.from(buf.subarray(from, from + n)).sort((x, y) => x - y).every((x, i) => x === i)).toBe(true);
      total += w.reads();
    }
    // The median (about 2.5n) and then each tail within its half (about 0.8n each).
    expect(total / 4 / n).toBeLessThan(5);
  });
});
