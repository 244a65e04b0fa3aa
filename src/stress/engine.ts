import { mulDivRem, type QuotRem } from "../intMath";
import type { ResolvedModel } from "./model";

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

  /** Month t with revenue R (whole cents). */
  step(t: number, R: number): void {
    const { model, n, caps, floors, qr } = this;
    const row = t * n;
    for (let j = 0; j < n; j++) {
      caps[j] = model.capCents[row + j]!;
      floors[j] = model.floorCents[row + j]!;
    }
    for (const rc of model.revenueCaps) {
      mulDivRem(R, rc.num, rc.den, qr);
      caps[rc.bucket] = qr.q;
    }
    model.splitters[model.stageIndex[t]!]!.split(R, caps, floors, this.cents, this.bound);

    // Fund: inflow, then this month's claims in the order given.
    const inflow = this.cents[model.fundBucket]!;
    let available = this.balance + inflow;
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
