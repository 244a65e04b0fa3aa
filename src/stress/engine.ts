import { mulDivRem, type QuotRem } from "../intMath";
import { NO_LIMIT } from "../exactSplit";
import { outOfRange } from "../errors";
import { MAX_CENTS, MAX_CENTS_TEXT } from "../money";
import type { DrivenLimit, ResolvedModel } from "./model";

/** A driver moved with revenue must stay a whole number of cents a double holds exactly. */
const MAX_DRIVEN = 2 ** 52;
/** Below this many cents a double's quotient is within 0.001 cent of the exact one. */
const FAST_DRIVEN = 2 ** 40;

/**
 * One month at a time over a resolved model: the split (exact cents) and the
 * fund (exact cents). All state lives in preallocated typed arrays and
 * fields, so a Monte Carlo can step millions of months without allocating.
 */
export class MonthEngine {
  readonly model: ResolvedModel;
  readonly n: number;
  /** This month's amount per bucket, cents. */
  readonly cents: Float64Array;
  /** This month's binding constraint per bucket (BOUND_*). */
  readonly bound: Int8Array;
  /** This month's cap / floor per bucket in cents, NO_LIMIT where none. */
  readonly caps: Float64Array;
  readonly floors: Float64Array;
  /** Fund after the month: cents. */
  balance = 0;
  inflow = 0;
  claim = 0;
  covered = 0;
  uncovered = 0;
  /** What moved from the fund bucket to the overflow bucket this month (above the target), cents. */
  overflow = 0;
  /** The fund target this month, cents (NO_LIMIT: none). */
  target = NO_LIMIT;
  /** Month 0's revenue: drivers that move with revenue scale by R / r0. */
  private r0 = 0;
  private readonly qr: QuotRem = { q: 0, r: 0 };

  constructor(model: ResolvedModel) {
    this.model = model;
    this.n = model.buckets.length;
    this.cents = new Float64Array(this.n);
    this.bound = new Int8Array(this.n);
    this.caps = new Float64Array(this.n);
    this.floors = new Float64Array(this.n);
    this.reset();
  }

  /** Back to the start of a path. */
  reset(): void {
    this.balance = this.model.startBalanceCents;
  }

  /** A driven limit for revenue R: floor(round(base x R / r0) x num / den), at most maxCents. */
  private driven(d: DrivenLimit, R: number): number {
    const qr = this.qr;
    let value = d.baseCents;
    if (this.r0 > 0) {
      // Fast path: in doubles base * R / r0 is within ~1e-15 of the exact quotient (relative), so below 2^40
      // cents and away from a half cent Math.round gives the exact half-up rounding; else exact integers.
      const x = (d.baseCents * R) / this.r0;
      const frac = x - Math.floor(x);
      if (x < FAST_DRIVEN && (frac < 0.49 || frac > 0.51)) {
        value = Math.round(x);
      } else {
        mulDivRem(d.baseCents, R, this.r0, qr);
        value = qr.q + (2 * qr.r >= this.r0 ? 1 : 0); // half up
      }
      if (value > MAX_DRIVEN) throw outOfRange("A volume, staked value or exposure moved with revenue grew too large to compute to the cent: lower the growth or volatility.");
    }
    mulDivRem(value, d.num, d.den, qr);
    return d.maxCents >= 0 && d.maxCents < qr.q ? d.maxCents : qr.q;
  }

  /**
   * Month t with revenue R (whole cents):
   * 1. caps and floors of the month; below the fund minimum (balance at the
   *    start of the month) the fund bucket's floor rises to the shortfall;
   * 2. the core's split (sums to R);
   * 3. at the target, what the fund bucket would pay in above it moves to
   *    the overflow bucket, up to that bucket's cap (the rest stays in the
   *    fund, which is never capped); the month still sums to R;
   * 4. claims, in the order given.
   */
  step(t: number, R: number): void {
    const { model, n, caps, floors, qr, cents } = this;
    if (t === 0) this.r0 = R;
    const row = t * n;
    for (let j = 0; j < n; j++) {
      caps[j] = model.capCents[row + j]!;
      floors[j] = model.floorCents[row + j]!;
    }
    for (const rc of model.revenueCaps) {
      mulDivRem(R, rc.num, rc.den, qr);
      caps[rc.bucket] = qr.q;
    }
    for (const d of model.drivenCaps) caps[d.bucket] = this.driven(d, R);
    const f = model.fundBucket;
    if (model.topUp && this.balance < model.minBalanceCents) {
      const shortfall = model.minBalanceCents - this.balance;
      if (floors[f]! < shortfall) floors[f] = shortfall;
    }
    model.splitters[model.stageIndex[t]!]!.split(R, caps, floors, cents, this.bound);

    this.overflow = 0;
    this.target = NO_LIMIT;
    if (model.overflowBucket >= 0) {
      let target = model.drivenTarget !== null ? this.driven(model.drivenTarget, R) : model.targetCents![t]!;
      if (target < model.minBalanceCents) target = model.minBalanceCents; // a target never sits below the minimum
      this.target = target;
      const room = target > this.balance ? target - this.balance : 0;
      const o = model.overflowBucket;
      let excess = cents[f]! > room ? cents[f]! - room : 0;
      const headroom = caps[o]! >= 0 ? Math.max(0, caps[o]! - cents[o]!) : excess;
      if (excess > headroom) excess = headroom;
      cents[f]! -= excess;
      cents[o]! += excess;
      this.overflow = excess;
    }

    // Fund: inflow, then this month's claims in the order given.
    const inflow = cents[f]!;
    let available = this.balance + inflow;
    // Past a safe integer the balance would no longer be exact cents.
    if (available > MAX_CENTS) {
      throw outOfRange(`The insurance fund's balance passes ${MAX_CENTS_TEXT} in month ${t}, the most computed to the cent: lower the fund's share or start balance, set a fund target, or give amounts in thousands.`);
    }
    let claimed = 0;
    let covered = 0;
    const claims = model.claimsByMonth[t];
    if (claims !== undefined) {
      for (const c of claims) {
        let amount = c.cents;
        if (amount < 0) {
          mulDivRem(available, c.num, c.den, qr); // a fraction of the balance, rounded down to the cent
          amount = qr.q;
        }
        const paid = amount < available ? amount : available;
        claimed += amount;
        covered += paid;
        available -= paid;
      }
    }
    this.inflow = inflow;
    this.claim = claimed;
    this.covered = covered;
    this.uncovered = claimed - covered;
    this.balance = available;
  }
}
