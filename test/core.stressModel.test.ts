import { customShares, FEE_BUCKETS, type Bucket } from "../src";
import { NO_LIMIT, resolveModel, type PeriodSettings } from "../src/stress";
import { checkMonths } from "../src/stress/model";
import { failure } from "./helpers/tokenError";

// resolveModel checks and resolves everything but revenue; these tests pin
// its refusals (whole messages) and the per-month arrays it builds.

const model = (extra: Partial<PeriodSettings> = {}, months = 2, options = {}) =>
  resolveModel({ stage: "growth", ...extra } as PeriodSettings, months, options);
const refusal = (settings: unknown, months = 2, options = {}) => failure(() => resolveModel(settings as PeriodSettings, months, options));
const growth = (extra: Record<string, unknown>, months = 2) => refusal({ stage: "growth", ...extra }, months);

const bucket = (id: string, constraint: Bucket["constraint"], residual: boolean): Bucket =>
  ({ id, name: id.toUpperCase(), constraint, constraintName: `${id} ${constraint}`, residual });
const N = NO_LIMIT;

describe("checkMonths", () => {
  it("names the number of months by default and refuses 0", () => {
    expect(failure(() => checkMonths(0))).toEqual({ kind: "numberOutOfRange", message: "The number of months is 0; give at least 1 month." });
  });
  it("takes exactly MAX_MONTHS (600) and refuses 601 with the limit in the message", () => {
    expect(checkMonths(600)).toBe(600);
    expect(failure(() => checkMonths(601))).toEqual({ kind: "numberOutOfRange", message: "The number of months is 601; at most 600 months (50 years) are supported." });
    expect(refusal({ stage: "growth" }, 601).message).toBe("The number of months is 601; at most 600 months (50 years) are supported.");
  });
});

describe("resolveModel: settings and stage", () => {
  it("refuses settings that are not an object, null included", () => {
    const msg = { kind: "invalidValue", message: "Give the model as an object: { stage, caps, floors, fund }." };
    expect(refusal(null)).toEqual(msg);
    expect(refusal([])).toEqual(msg);
  });
  it("refuses a missing or null stage with the stage help", () => {
    const msg = { kind: "invalidValue", message: "Give a stage: a name (early, growth, mature), a position 0..1, a schedule or a life-cycle drift." };
    expect(refusal({})).toEqual(msg);
    expect(refusal({ stage: null })).toEqual(msg);
  });
  it("reads an empty array and a mixed array as custom shares, not a schedule", () => {
    expect(refusal({ stage: [] }).message).toMatch(/^Custom shares need exactly 4 values.*got 0\.$/);
    expect(refusal({ stage: [{ fromMonth: 0, stage: "early" }, 0.5] }).message).toMatch(/^Custom shares need exactly 4 values.*got 2\.$/);
  });
  it("reads an array holding null as custom shares (a TokenError, not a crash on null)", () => {
    expect(refusal({ stage: [null, 0.5, 0.25, 0.25] }).kind).toBe("invalidValue");
  });
  it("refuses an empty or non-list schedule", () => {
    const msg = { kind: "invalidValue", message: "The stage schedule is empty: give at least { fromMonth: 0, stage: \"early\" }." };
    expect(refusal({ stage: { schedule: [] } })).toEqual(msg);
    expect(refusal({ stage: { schedule: "early" } })).toEqual(msg);
  });
  it("refuses a schedule change without a whole fromMonth from 0, numbering changes from 1", () => {
    const msg = (i: number, got: string) => ({ kind: "invalidValue", message: `Stage change ${i} needs fromMonth as a whole month number from 0; got ${got}.` });
    expect(refusal({ stage: { schedule: [null] } })).toEqual(msg(1, "undefined"));
    const second = (fromMonth: unknown) => refusal({ stage: [{ fromMonth: 0, stage: "early" }, { fromMonth, stage: "mature" }] });
    expect(second(-1)).toEqual(msg(2, "-1"));
    expect(second(1.5)).toEqual(msg(2, "1.5"));
    expect(second("1")).toEqual(msg(2, "1"));
  });
  it("refuses life-cycle positions outside 0..1 or not finite numbers", () => {
    const msg = (name: string, got: string) => ({ kind: "numberOutOfRange", message: `The life-cycle ${name} position must be between 0 (early) and 1 (mature); got ${got}.` });
    expect(refusal({ stage: { lifecycle: { from: -0.1, to: 1 } } })).toEqual(msg("from", "-0.1"));
    expect(refusal({ stage: { lifecycle: { from: 0, to: 1.5 } } })).toEqual(msg("to", "1.5"));
    expect(refusal({ stage: { lifecycle: { from: 0, to: NaN } } })).toEqual(msg("to", "NaN"));
    expect(refusal({ stage: { lifecycle: { from: "0.5", to: 1 } } })).toEqual(msg("from", "0.5"));
  });
  it("refuses a life-cycle overMonths that is not a whole number of at least 1", () => {
    const msg = (got: string) => ({ kind: "invalidValue", message: `The life-cycle overMonths must be a whole number of months, 1 or more; got ${got}.` });
    expect(refusal({ stage: { lifecycle: { from: 0, to: 1, overMonths: 0 } } })).toEqual(msg("0"));
    expect(refusal({ stage: { lifecycle: { from: 0, to: 1, overMonths: 1.5 } } })).toEqual(msg("1.5"));
    expect(refusal({ stage: { lifecycle: { from: 0, to: 1, overMonths: "2" } } })).toEqual(msg("2"));
  });
  it("builds one splitter per distinct life-cycle position within the horizon", () => {
    // positions 0, 0.5 in two months; month 2 (past the horizon) would be 1
    const two = model({ stage: { lifecycle: { from: 0, to: 1, overMonths: 2 } } }, 2);
    expect(two.splitters).toHaveLength(2);
    expect(Array.from(two.stageIndex)).toEqual([0, 1]);
    const held = model({ stage: { lifecycle: { from: 0.5, to: 0.5 } } }, 3);
    expect(held.splitters).toHaveLength(1);
    expect(Array.from(held.stageIndex)).toEqual([0, 0, 0]);
  });
  it("refuses stages that split over different buckets", () => {
    const other = customShares([1], [bucket("x", "none", true)]);
    expect(refusal({ stage: [{ fromMonth: 0, stage: "early" }, { fromMonth: 1, stage: other }] }))
      .toEqual({ kind: "invalidValue", message: "Every stage in a path must split over the same buckets." });
  });
});

describe("resolveModel: caps and floors", () => {
  const BUY = "buyback cap (market-impact limit)";
  const STAKE = "staker cap (yield cap)";
  it("puts a fixed cap path in its own column, month by month", () => {
    const m = model({ caps: { stakers: [100, 200] } });
    expect(Array.from(m.capCents)).toEqual([N, 10000, N, N, N, 20000, N, N]);
  });
  it("names the month of a bad value in a per-month floor", () => {
    expect(growth({ floors: { insurance: [1, -2] } })).toEqual({ kind: "numberOutOfRange", message: "The insurance floor for month 1 is negative (-2). Give an amount of 0 or more." });
  });
  it("ignores null and undefined limits, even on buckets that take no such limit", () => {
    const m = model({ caps: { insurance: null, buyback: undefined, nope: null }, floors: { buyback: undefined, stakers: null } });
    expect(Array.from(m.capCents).every((c) => c === N)).toBe(true);
    expect(Array.from(m.floorCents).every((c) => c === N)).toBe(true);
  });
  it("refuses a floor given as an object", () => {
    expect(growth({ floors: { insurance: { amount: 1 } } })).toEqual({ kind: "invalidValue", message: "The insurance floor must be an amount or one amount per month." });
  });
  it("refuses an object cap that is no rule, and a yieldCap without stakedValue", () => {
    expect(growth({ caps: { buyback: { foo: 1 } } })).toEqual({ kind: "invalidValue", message: `The ${BUY} must be an amount, one amount per month, { volumeShare, volume }, { volumeShare, feeRate } or { yieldCap, stakedValue }; got {"foo":1}.` });
    const msg = { kind: "invalidValue", message: `The ${STAKE} rule { yieldCap } also needs stakedValue (an amount, or one per month).` };
    expect(growth({ caps: { stakers: { yieldCap: 0.1 } } })).toEqual(msg);
    expect(growth({ caps: { stakers: { yieldCap: 0.1, stakedValue: undefined } } })).toEqual(msg);
  });
  it("names the rule's parts in its refusals", () => {
    expect(growth({ caps: { buyback: { volumeShare: 1.5, volume: 1 } } })).toEqual({ kind: "numberOutOfRange", message: `The share of traded volume for the ${BUY} is 1.5; give a fraction from 0 to 1 (0.05 = 5% of the month's volume); more than 100% of volume cannot be bought back.` });
    expect(growth({ caps: { buyback: { volumeShare: 0.1, volume: -5 } } })).toEqual({ kind: "numberOutOfRange", message: `The traded volume for the ${BUY} is negative (-5). Give an amount of 0 or more.` });
    expect(growth({ caps: { buyback: { volumeShare: 0.1, volume: 5, amount: -1 } } })).toEqual({ kind: "numberOutOfRange", message: `The most traded volume for the ${BUY} may take is negative (-1). Give an amount of 0 or more.` });
    expect(growth({ caps: { buyback: { volumeShare: 0.1, feeRate: -0.1 } } })).toEqual({ kind: "numberOutOfRange", message: `The fee rate for the ${BUY} is negative (-0.1); give 0 or more.` });
    expect(growth({ caps: { buyback: { volumeShare: 0.1, feeRate: 1.5 } } })).toEqual({ kind: "numberOutOfRange", message: `The fee rate for the ${BUY} is 1.5; give a fraction above 0 and at most 1 (0.001 = 0.1% of volume), so volume = revenue / fee rate.` });
    expect(growth({ caps: { stakers: { yieldCap: 1.5, stakedValue: 1 } } })).toEqual({ kind: "numberOutOfRange", message: `The maximum APR for the ${STAKE} is 1.5; give a yearly rate from 0 to 1 (0.08 = 8% a year); an APR above 100% is not a cap.` });
    expect(growth({ caps: { stakers: { yieldCap: 0.1, stakedValue: -1 } } })).toEqual({ kind: "numberOutOfRange", message: `The staked value for the ${STAKE} is negative (-1). Give an amount of 0 or more.` });
  });
  it("refuses a volume share and fee rate whose ratio is not a safe integer (only the numerator too large)", () => {
    // share 123456789/1e9 over fee 1/1e9: numerator 1.23e17 is unsafe, denominator 1e9 is not
    expect(growth({ caps: { buyback: { volumeShare: 0.123456789, feeRate: 0.000000001 } } })).toEqual({ kind: "numberOutOfRange", message: `The volume share or fee rate for the ${BUY} has too many decimals to compute exactly; round it to fewer decimal places.` });
  });
  it("treats volume: undefined as absent and falls to feeRate; feeRate: undefined as absent", () => {
    const m = model({ caps: { buyback: { volumeShare: 0.05, volume: undefined, feeRate: 0.001 } } });
    // 0.05 / 0.001 = 1000/20, reduced to 50/1
    expect(m.revenueCaps).toEqual([{ bucket: 0, num: 50, den: 1 }]);
    expect(growth({ caps: { buyback: { volumeShare: 0.05, feeRate: undefined } } })).toEqual({ kind: "invalidValue", message: `The ${BUY} rule { volumeShare } also needs the traded volume (volume: amount or one per month) or the fee rate (feeRate), so volume = revenue / fee rate.` });
  });
  it("accepts a fee rate of exactly 1", () => {
    expect(model({ caps: { buyback: { volumeShare: 0.05, feeRate: 1 } } }).revenueCaps).toEqual([{ bucket: 0, num: 1, den: 20 }]);
  });
  it("reduces the monthly APR fraction: 8% a year is 1/150 a month", () => {
    expect(model({ caps: { stakers: { yieldCap: 0.08, stakedValue: 1000, withRevenue: true } } }).drivenCaps)
      .toEqual([{ bucket: 1, baseCents: 100000, num: 1, den: 150, maxCents: N }]);
  });
  it("caps a volume share at its amount when lower, 0 included, and at the share when the amount is higher", () => {
    // 50% of 1000 = 500.00; amount 100 -> 100.00; amount 0 -> 0; amount 1000 -> 500.00; amount null -> none
    const cap = (amount: unknown) => Array.from(model({ caps: { buyback: { volumeShare: 0.5, volume: 1000, amount } } } as unknown as Partial<PeriodSettings>, 1).capCents)[0];
    expect(cap(100)).toBe(10000);
    expect(cap(0)).toBe(0);
    expect(cap(1000)).toBe(50000);
    expect(cap(null)).toBe(50000);
    expect(cap(undefined)).toBe(50000);
  });
  it("leaves other buckets' caps alone when a later bucket's cap comes from revenue or moves with it", () => {
    const fixed = { buyback: 1, stakers: 2 };
    for (const discount of [{ volumeShare: 0.1, feeRate: 0.01 }, { volumeShare: 0.1, volume: 1000, withRevenue: true }]) {
      // five months: a wrong index (t * n - j, t / n + j at t = 4) lands on another bucket's cell
      const m = model({ caps: { ...fixed, discount } }, 5);
      expect(Array.from(m.capCents)).toEqual(Array.from({ length: 5 }, () => [100, 200, N, N]).flat());
    }
  });
});

describe("resolveModel: fund target", () => {
  it("takes overflowTo: null and target: null as none", () => {
    for (const fund of [{ overflowTo: null }, { target: null }]) {
      const m = model({ fund } as unknown as Partial<PeriodSettings>);
      expect(m.targetCents).toBeNull();
      expect(m.overflowBucket).toBe(-1);
    }
  });
  it("refuses an overflow bucket without a target", () => {
    const msg = { kind: "invalidValue", message: "The fund overflow goes to \"buyback\" but there is no fund target: give the target balance too, or leave the overflow bucket out." };
    expect(growth({ fund: { overflowTo: "buyback" } })).toEqual(msg);
    expect(growth({ fund: { overflowTo: "buyback", target: null } })).toEqual(msg);
  });
  it("refuses to overflow into the fund's own bucket, listing the others", () => {
    expect(growth({ fund: { target: 10, overflowTo: "insurance" } })).toEqual({ kind: "invalidValue", message: "The fund's overflow cannot go back to insurance, the bucket that feeds the fund: choose one of buyback, stakers, discount." });
  });
  it("refuses a target object without share and exposure", () => {
    const msg = (t: string) => ({ kind: "invalidValue", message: `The fund target must be an amount, one amount per month, or { share, exposure } (e.g. 10% of open interest); got ${t}.` });
    expect(growth({ fund: { target: { exposure: 1000 } } })).toEqual(msg("{\"exposure\":1000}"));
    expect(growth({ fund: { target: { share: 0.1 } } })).toEqual(msg("{\"share\":0.1}"));
    expect(growth({ fund: { target: { share: 0.1, exposure: undefined } } })).toEqual(msg("{\"share\":0.1}"));
  });
  it("names the exposure in its refusal", () => {
    expect(growth({ fund: { target: { share: 0.1, exposure: -1 } } })).toEqual({ kind: "numberOutOfRange", message: "The exposure the fund covers is negative (-1). Give an amount of 0 or more." });
  });
  it("marks every month of a target moving with revenue as NO_LIMIT", () => {
    const m = model({ fund: { target: { share: 0.1, exposure: 1000, withRevenue: true } } }, 3);
    expect(Array.from(m.targetCents!)).toEqual([N, N, N]);
    expect(m.drivenTarget).toEqual({ bucket: 0, baseCents: 100000, num: 1, den: 10, maxCents: N });
  });
  it("refuses an amount target below the minimum, in currency units", () => {
    expect(growth({ fund: { target: [20, 5.5], minBalance: 10.25 } })).toEqual({ kind: "numberOutOfRange", message: "The fund target (5.5 in month 1) is below the fund minimum (10.25): give a target at or above the minimum." });
  });
});

describe("resolveModel: fund bucket, balances, claims, top-up", () => {
  it("feeds the fund from the named bucket, the first one included", () => {
    expect(model({ fund: { bucket: "stakers" } }).fundBucket).toBe(1);
    expect(model({ fund: { bucket: "buyback" } }).fundBucket).toBe(0);
    expect(growth({ fund: { bucket: "nope" } })).toEqual({ kind: "invalidValue", message: "There is no bucket \"nope\" to feed the fund. Buckets are buyback, stakers, insurance, discount." });
  });
  it("defaults to the first floor bucket, else the residual one, else refuses", () => {
    const stage = (bs: Bucket[]) => customShares(bs.map(() => 1 / bs.length), bs);
    expect(model({ stage: stage([bucket("a", "none", true), bucket("b", "floor", false)]) }).fundBucket).toBe(1);
    expect(model({ stage: stage([bucket("a", "floor", false), bucket("b", "none", true)]) }).fundBucket).toBe(0);
    expect(model({ stage: stage([bucket("a", "cap", false), bucket("b", "none", true)]) }).fundBucket).toBe(1);
    expect(refusal({ stage: stage([bucket("a", "cap", false), bucket("b", "none", false)]) })).toEqual({ kind: "invalidValue", message: "Name the bucket that feeds the fund (fund.bucket): no bucket has a floor." });
  });
  it("names the start and minimum balances in their refusals", () => {
    expect(growth({ fund: { startBalance: -1 } })).toEqual({ kind: "numberOutOfRange", message: "The fund start balance is negative (-1). Give an amount of 0 or more." });
    expect(growth({ fund: { minBalance: -1 } })).toEqual({ kind: "numberOutOfRange", message: "The fund minimum balance is negative (-1). Give an amount of 0 or more." });
  });
  it("refuses claims that are not a list, or a claim that is not an object, numbering claims from 1", () => {
    expect(growth({ fund: { claims: {} } })).toEqual({ kind: "invalidValue", message: "The claims must be a list of { month, amount } or { month, fraction }." });
    expect(growth({ fund: { claims: [null] } })).toEqual({ kind: "invalidValue", message: "The claim 1 must be { month, amount } or { month, fraction }; got null." });
    expect(growth({ fund: { claims: [{ month: 0, amount: 1 }, 5] } })).toEqual({ kind: "invalidValue", message: "The claim 2 must be { month, amount } or { month, fraction }; got 5." });
  });
  it("refuses a claim month that is not a whole month in the horizon", () => {
    const claim = (month: unknown) => growth({ fund: { claims: [{ month: 0, amount: 1 }, { month, amount: 1 }] } });
    expect(claim(1.5)).toEqual({ kind: "invalidValue", message: "The month of claim 2 must be a whole month number (0 is the first month); got 1.5." });
    expect(claim(-1)).toEqual({ kind: "numberOutOfRange", message: "The month of claim 2 is -1; months count from 0 (the first month)." });
  });
  it("takes a claim with exactly one of amount and fraction, null counting as absent", () => {
    const m = model({ fund: { claims: [{ month: 0, amount: null, fraction: 0.5 }, { month: 1, amount: 2, fraction: null }, { month: 1, fraction: 1 }] } } as unknown as Partial<PeriodSettings>);
    expect(m.claimsByMonth).toEqual([[{ cents: -1, num: 1, den: 2 }], [{ cents: 200, num: 0, den: 1 }, { cents: -1, num: 1, den: 1 }]]);
    expect(growth({ fund: { claims: [{ month: 0 }] } })).toEqual({ kind: "invalidValue", message: "The claim 1 needs either an amount or a fraction of the fund balance (0..1), not neither." });
    expect(growth({ fund: { claims: [{ month: 0, amount: 1, fraction: 0.5 }] } })).toEqual({ kind: "invalidValue", message: "The claim 1 needs either an amount or a fraction of the fund balance (0..1), not both." });
  });
  it("names the claim's amount and fraction in their refusals", () => {
    expect(growth({ fund: { claims: [{ month: 0, amount: -1 }] } })).toEqual({ kind: "numberOutOfRange", message: "The amount of claim 1 is negative (-1). Give an amount of 0 or more." });
    expect(growth({ fund: { claims: [{ month: 0, fraction: -0.5 }] } })).toEqual({ kind: "numberOutOfRange", message: "The fraction of claim 1 is negative (-0.5); give 0 or more." });
  });
  it("takes topUp true or false only", () => {
    expect(growth({ fund: { topUp: "yes" } })).toEqual({ kind: "invalidValue", message: "fund.topUp must be true or false; got \"yes\"." });
    expect(model({ fund: { topUp: true, minBalance: 1 } }).topUp).toBe(true);
  });
  it("tops up only with a positive minimum, on a floor bucket, unless turned off", () => {
    expect(model({ fund: { minBalance: 10 } }).topUp).toBe(true);
    expect(model({ fund: { minBalance: 10, topUp: false } }).topUp).toBe(false);
    expect(model({ fund: { minBalance: 0 } }).topUp).toBe(false);
    expect(model({ fund: { minBalance: 10, bucket: "stakers" } }).topUp).toBe(false);
  });
});
