import { splitCents } from "./feeSplit";
import type { ShareSet } from "./shares";
import { mulDivRem, type QuotRem } from "./intMath";

/** "No cap" / "no floor" in the per-bucket limit arrays. */
export const NO_LIMIT = -1;

/** Bound codes in the per-bucket output array. */
export const BOUND_NONE = 0;
export const BOUND_CAP = 1;
export const BOUND_FLOOR = 2;

export const boundName = (code: number): "cap" | "floor" | null => (code === BOUND_CAP ? "cap" : code === BOUND_FLOOR ? "floor" : null);

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The core's split rule (feeSplit.ts: floors first, funded pro rata by the
 * buckets without a floor; then caps in rounds, the excess moving pro rata to
 * the buckets not at a cap; then largest-remainder cents, ties to the earlier
 * bucket) for one pre-resolved share set, in exact integer arithmetic and
 * without allocating: TOKEN.FEESPLIT runs it per row of a column and the
 * stress engine per month of every path. Results are exact cents that sum
 * to the revenue. feeSplit/splitCents stay the reference: they also explain
 * (the trace), at the cost of Decimal arithmetic.
 *
 * Why it is exact: every redistribution scales all open buckets by one
 * common factor, so after the floor step each open bucket ends at
 * b[j] * (R - C) / Q, where b are whole-number weights (the shares, or after
 * a floor binds, the floored amount and the donors' reduced shares), C the
 * caps of the pinned buckets and Q the sum of b over the open ones. One exact
 * quotient and remainder per bucket (mulDivRem) gives the cents and the
 * largest-remainder order.
 *
 * Every share set has whole-number weights (shareSet reads fine shares to
 * billionths), and without a binding floor the products weight x cents stay
 * exact through mulDivRem at any amount up to the maximum. Cases this form
 * does not cover (two floors binding at once, a binding floor beside another
 * floored bucket that holds weight, nothing left to take an excess, a cap
 * binding after a floor with revenue x scale beyond 2^53) go to the core's splitCents
 * itself, so the rule is always the core's. `fallbacks` counts them.
 * Exact remainders make true ties exact too: the earlier bucket takes the
 * cent, as in the core (which settles its Decimal noise for the same end).
 */
export class ExactSplitter {
  readonly shares: ShareSet;
  readonly n: number;
  /** Splits handed to the core's Decimal path. */
  fallbacks = 0;
  private readonly w: Float64Array;
  private readonly scale: number;
  private readonly integer: boolean;
  private readonly b: Float64Array;
  private readonly open: Uint8Array;
  private readonly over: Uint8Array;
  private readonly rem: Float64Array;
  private readonly qr: QuotRem = { q: 0, r: 0 };
  /** The bucket that takes capped excess (ResolvedConstraints.excessTo), or -1: pro rata. */
  readonly excessTo: number;

  constructor(shares: ShareSet, excessTo: number | null = null) {
    this.shares = shares;
    this.excessTo = excessTo ?? -1;
    const n = shares.buckets.length;
    this.n = n;
    this.integer = shares.weights !== null;
    this.w = Float64Array.from(shares.weights ?? new Array<number>(n).fill(0));
    this.scale = shares.scale;
    this.b = new Float64Array(n);
    this.open = new Uint8Array(n);
    this.over = new Uint8Array(n);
    this.rem = new Float64Array(n);
  }

  /**
   * Splits `revenueCents` (a whole number of cents). caps[j] / floors[j] are
   * cents or NO_LIMIT. Writes cents[j] and bound[j] (BOUND_*).
   */
  split(revenueCents: number, caps: ArrayLike<number>, floors: ArrayLike<number>, cents: Float64Array, bound: Int8Array): void {
    const R = revenueCents;
    const { n, w, b, open, over, rem, qr } = this;
    const S = this.scale;
    if (!this.integer) {
      this.fallback(R, caps, floors, cents, bound);
      return;
    }
    for (let i = 0; i < n; i++) bound[i] = BOUND_NONE;

    // 1. Floors. A floor binds when min(floor, R) is above R * w / S.
    let floored = -1;
    for (let i = 0; i < n; i++) {
      const f = floors[i]!;
      if (f < 0) continue;
      // target > R * w / S  <=>  target > floor(R * w / S), target being whole.
      mulDivRem(R, w[i]!, S, qr);
      if ((f < R ? f : R) > qr.q) {
        if (floored >= 0) { this.fallback(R, caps, floors, cents, bound); return; }
        floored = i;
      }
    }
    let Q: number;
    if (floored < 0) {
      for (let i = 0; i < n; i++) b[i] = w[i]!;
      Q = S;
    } else {
      const f = floors[floored]!;
      const T = f < R ? f : R;
      // Donors are the buckets without a floor; another floored bucket must hold nothing.
      // Then donorWeight = S - w[floored] >= 1: a bucket holding all the weight never falls below its floor.
      let donorWeight = 0;
      for (let i = 0; i < n; i++) {
        if (i === floored) continue;
        if (floors[i]! >= 0) {
          if (w[i]! > 0) { this.fallback(R, caps, floors, cents, bound); return; }
        } else {
          donorWeight += w[i]!;
        }
      }
      // Large amounts: the scaled form below (every term at most R * S) would pass 2^53, so split in exact quotients when no cap binds after the floor.
      if (R * S > MAX_SAFE) {
        if (!this.floorOnly(R, T, floored, donorWeight, caps, floors, cents, bound)) this.fallback(R, caps, floors, cents, bound);
        return;
      }
      // Floored bucket: T. Donor j: w[j] * (R - T) / donorWeight. Scaled by donorWeight (the other floored buckets have no weight):
      for (let i = 0; i < n; i++) b[i] = w[i]! * (R - T);
      b[floored] = T * donorWeight;
      Q = R * donorWeight;
      bound[floored] = BOUND_FLOOR;
    }

    // 2. Caps, in rounds: open bucket j holds b[j] * M / Q, with M = R - (caps pinned so far).
    let M = R;
    for (let i = 0; i < n; i++) open[i] = 1;
    if (this.excessTo >= 0) {
      this.capsToExcess(R, Q, caps, floors, cents, bound);
      return;
    }
    for (;;) {
      let anyOver = false;
      for (let i = 0; i < n; i++) {
        over[i] = 0;
        const cap = caps[i]!;
        if (open[i] === 0 || cap < 0) continue;
        mulDivRem(b[i]!, M, Q, qr);
        if (qr.q > cap || (qr.q === cap && qr.r > 0)) { over[i] = 1; anyOver = true; }
      }
      if (!anyOver) break;
      for (let i = 0; i < n; i++) {
        if (over[i] === 1) {
          open[i] = 0;
          bound[i] = BOUND_CAP;
          M -= caps[i]!;
          Q -= b[i]!;
        }
      }
      // Q is the weight still open. At 0 nothing is open, or nothing to be pro rata to, while the pinned
      // buckets' excess (M > 0) is left: the core says what happens (an error, or the residual takes it).
      if (Q === 0) { this.fallback(R, caps, floors, cents, bound); return; }
    }

    // 3. Cents: whole parts, then the leftover cents to the largest remainders (ties: earlier bucket). Q > 0 here.
    let given = 0;
    for (let i = 0; i < n; i++) {
      if (open[i] === 0) {
        cents[i] = caps[i]!;
        rem[i] = -1;
      } else {
        mulDivRem(b[i]!, M, Q, qr);
        cents[i] = qr.q;
        rem[i] = qr.r;
      }
      given += cents[i]!;
    }
    this.handOut(R - given, cents);
  }

  /**
   * The floor binds and no cap does after it: the floored bucket takes T, each
   * donor w[j] x (R - T) / donorWeight (one exact quotient and remainder each,
   * whatever the size), then largest remainder. False (nothing written) when
   * a donor would pass its cap: that case needs the caps' rounds.
   */
  private floorOnly(R: number, T: number, floored: number, donorWeight: number, caps: ArrayLike<number>, floors: ArrayLike<number>, cents: Float64Array, bound: Int8Array): boolean {
    const { n, w, rem, qr } = this;
    const U = R - T;
    let given = 0;
    for (let i = 0; i < n; i++) {
      if (i === floored || floors[i]! >= 0) {
        cents[i] = i === floored ? T : 0;
        rem[i] = 0;
      } else {
        mulDivRem(w[i]!, U, donorWeight, qr);
        const cap = caps[i]!;
        if (cap >= 0 && (qr.q > cap || (qr.q === cap && qr.r > 0))) return false;
        cents[i] = qr.q;
        rem[i] = qr.r;
      }
      given += cents[i]!;
    }
    for (let i = 0; i < n; i++) bound[i] = i === floored ? BOUND_FLOOR : BOUND_NONE;
    this.handOut(R - given, cents);
    return true;
  }

  /**
   * Caps with a named excess bucket e: one round. The buckets over their cap
   * are pinned and their excess all goes to e, so every other open bucket
   * keeps b[j] * R / Q and e holds (b[e] + b of the pinned) * R / Q - (their
   * caps). If e was over its own cap, or gets pushed over it, the pro-rata
   * rule takes over: the core's splitCents decides.
   */
  private capsToExcess(R: number, Q: number, caps: ArrayLike<number>, floors: ArrayLike<number>, cents: Float64Array, bound: Int8Array): void {
    const { n, b, open, rem, qr } = this;
    const e = this.excessTo;
    let C = 0;
    let bE = b[e]!;
    for (let i = 0; i < n; i++) {
      const cap = caps[i]!;
      if (cap < 0) continue;
      mulDivRem(b[i]!, R, Q, qr);
      if (qr.q > cap || (qr.q === cap && qr.r > 0)) {
        if (i === e) { this.fallback(R, caps, floors, cents, bound); return; }
        open[i] = 0;
        bound[i] = BOUND_CAP;
        C += cap;
        bE += b[i]!;
      }
    }
    mulDivRem(bE, R, Q, qr);
    const eq = qr.q - C;
    const er = qr.r;
    const capE = caps[e]!;
    if (capE >= 0 && (eq > capE || (eq === capE && er > 0))) { this.fallback(R, caps, floors, cents, bound); return; }
    let given = 0;
    for (let i = 0; i < n; i++) {
      if (open[i] === 0) {
        cents[i] = caps[i]!;
        rem[i] = -1;
      } else if (i === e) {
        cents[i] = eq;
        rem[i] = er;
      } else {
        mulDivRem(b[i]!, R, Q, qr);
        cents[i] = qr.q;
        rem[i] = qr.r;
      }
      given += cents[i]!;
    }
    this.handOut(R - given, cents);
  }

  /** The leftover cents, one each to the largest remainders (ties: the earlier bucket); rem -1 takes none. */
  private handOut(left: number, cents: Float64Array): void {
    const { n, rem } = this;
    for (; left > 0; left--) {
      let best = -1;
      for (let i = 0; i < n; i++) if (rem[i]! >= 0 && (best < 0 || rem[i]! > rem[best]!)) best = i;
      cents[best]! += 1;
      rem[best] = -1;
    }
  }

  private fallback(R: number, caps: ArrayLike<number>, floors: ArrayLike<number>, cents: Float64Array, bound: Int8Array): void {
    this.fallbacks++;
    const limit = (x: number): number | null => (x < 0 ? null : x);
    const caps_ = Array.from({ length: this.n }, (_, i) => limit(caps[i]!));
    const floors_ = Array.from({ length: this.n }, (_, i) => limit(floors[i]!));
    const result = splitCents(R, this.shares, { caps: caps_, floors: floors_, excessTo: this.excessTo < 0 ? null : this.excessTo });
    for (let i = 0; i < this.n; i++) {
      cents[i] = result.cents[i]!;
      const kind = result.bound[i];
      bound[i] = kind === "cap" ? BOUND_CAP : kind === "floor" ? BOUND_FLOOR : BOUND_NONE;
    }
  }
}
