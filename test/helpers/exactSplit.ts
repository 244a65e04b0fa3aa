/**
 * A test-only oracle: the fee-split rule of src/feeSplit.ts in exact
 * rational arithmetic (BigInt), so ties are ties. It says whether a tie
 * decided who got a cent, the one place where the core's 40-digit Decimal
 * division noise can pick a different bucket than "ties to the earlier".
 */
import { resolveConstraints, resolveShares, toCents, type FeeConstraints, type StageInput } from "../../src";

interface Q { readonly n: bigint; readonly d: bigint }
const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};
const q = (n: bigint, d = 1n): Q => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
const cmp = (a: Q, b: Q): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
const min = (a: Q, b: Q): Q => (cmp(a, b) <= 0 ? a : b);
const floorQ = (a: Q): bigint => (a.n >= 0n ? a.n / a.d : -((-a.n + a.d - 1n) / a.d));
const fromDecimalString = (s: string): Q => {
  const [int, frac = ""] = s.split(".");
  return q(BigInt(`${int}${frac}`), 10n ** BigInt(frac.length));
};
const ZERO = q(0n);

export interface ExactSplit {
  readonly cents: number[];
  readonly bound: string[];
  /** A cent went to one of two equal remainders: the tie-break decided it. */
  readonly tieDecided: boolean;
}

export function exactSplit(revenue: unknown, stage: StageInput, constraints?: FeeConstraints): ExactSplit {
  const R = toCents(revenue, "revenue");
  const shares = resolveShares(stage);
  const { caps, floors } = resolveConstraints(shares.buckets, constraints);
  const n = shares.buckets.length;
  const a: Q[] = shares.shares.map((s) => mul(q(BigInt(R)), fromDecimalString(s.toFixed())));
  const bound: string[] = new Array(n).fill("none");

  shares.buckets.forEach((_, i) => {
    const floor = floors[i];
    if (floor == null) return;
    const need = sub(min(q(BigInt(floor)), q(BigInt(R))), a[i]!);
    if (cmp(need, ZERO) <= 0) return;
    const donors = a.map((_, j) => j).filter((j) => floors[j] == null && cmp(a[j]!, ZERO) > 0);
    const pool = donors.reduce((s, j) => add(s, a[j]!), ZERO);
    const take = min(need, pool);
    for (const j of donors) a[j] = sub(a[j]!, div(mul(take, a[j]!), pool));
    a[i] = add(a[i]!, take);
    bound[i] = "floor";
  });

  const pinned = a.map(() => false);
  for (;;) {
    const over = a.map((_, i) => i).filter((i) => !pinned[i] && caps[i] != null && cmp(a[i]!, q(BigInt(caps[i]!))) > 0);
    if (over.length === 0) break;
    for (const i of over) pinned[i] = true;
    const open = a.map((_, j) => j).filter((j) => !pinned[j]);
    if (open.length === 0) throw new Error("every bucket capped");
    const residual = open.find((j) => shares.buckets[j]!.residual) ?? open[0]!;
    for (const i of over) {
      const excess = sub(a[i]!, q(BigInt(caps[i]!)));
      a[i] = q(BigInt(caps[i]!));
      bound[i] = "cap";
      const pool = open.reduce((s, j) => add(s, a[j]!), ZERO);
      const gives = open.map((j) => (pool.n === 0n ? (j === residual ? excess : ZERO) : div(mul(excess, a[j]!), pool)));
      open.forEach((j, k) => (a[j] = add(a[j]!, gives[k]!)));
    }
  }

  const cents = a.map(floorQ);
  const rem = a.map((x, i) => sub(x, q(cents[i]!)));
  let left = BigInt(R) - cents.reduce((s, c) => s + c, 0n);
  const order = a.map((_, i) => i).filter((i) => !pinned[i]).sort((x, y) => cmp(rem[y]!, rem[x]!) || x - y);
  const given = Number(left);
  for (let k = 0; left > 0n && order.length > 0; k = (k + 1) % order.length, left--) cents[order[k]!]! += 1n;
  const lastIn = order[given - 1];
  const firstOut = order[given];
  const tieDecided = given > 0 && lastIn !== undefined && firstOut !== undefined && cmp(rem[lastIn]!, rem[firstOut]!) === 0 && rem[lastIn]!.n !== 0n;
  return { cents: cents.map(Number), bound, tieDecided };
}
