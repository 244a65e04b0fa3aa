/**
 * Percentiles by the nearest-rank method: the p-th percentile of N values is
 * the k-th smallest, k = ceil(p * N / 100) (at least 1). It is always one of
 * the observed values (so a percentile of cents is whole cents), and for
 * p < q the p-th is never above the q-th: P5 <= P50 <= P95 by construction.
 */
export const PERCENTILE_METHOD = "nearest-rank" as const;

/** The percentiles every Monte Carlo statistic reports. */
export const PERCENTILES = [5, 50, 95] as const;

/** 1-based rank of the p-th percentile among n values (p in 0..100, n >= 1). */
export const nearestRank = (p: number, n: number): number => Math.min(n, Math.max(1, Math.ceil((p * n) / 100)));

/**
 * Writes the percentiles `ps` (ascending) of values[from, from + count) into
 * out[0..ps.length). Reorders that slice in place: the middle percentile is
 * selected first over the whole slice, then each side only within its half
 * of the already partitioned slice, so all come from one sorted order.
 */
export function percentilesInPlace(values: Float64Array, from: number, count: number, ps: readonly number[], out: Float64Array): void {
  const ranks = ps.map((p) => from + nearestRank(p, count) - 1);
  fill(values, from, from + count - 1, ranks, 0, ranks.length - 1, out);
}

/** Selects ranks[a..b] (ascending indices) within values[lo..hi], middle first. */
function fill(values: Float64Array, lo: number, hi: number, ranks: readonly number[], a: number, b: number, out: Float64Array): void {
  if (a > b) return;
  const m = (a + b) >>> 1;
  const k = ranks[m]!;
  out[m] = select(values, lo, hi, k);
  fill(values, lo, k, ranks, a, m - 1, out);
  fill(values, k, hi, ranks, m + 1, b, out);
}

/**
 * The value that would sit at index k if a[left..right] were sorted;
 * afterwards a[left..k-1] <= a[k] <= a[k+1..right]. Floyd and Rivest's
 * selection (CACM 1975): on large ranges it first recurses into a sample
 * window around k, so the partition pivot is close to the answer and the
 * work is about one pass. The floating-point sample bounds only steer the
 * work; the value returned is the k-th smallest whatever they are.
 */
export function select(a: Float64Array, left: number, right: number, k: number): number {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      select(a, newLeft, newRight, k);
    }
    const t = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
