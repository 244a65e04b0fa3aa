import { Decimal } from "../src";
import { monteCarlo, runPath, scenarioRevenues, shockFactor } from "../src/stress";
import { failure } from "./helpers/tokenError";

/**
 * scenarioRevenues and runPath at their edges: the exact message of every
 * refusal (kind and text, so a blank or misnamed argument shows), the
 * boundaries of what each accepts, and the path totals the existing suites
 * leave unread (months capped / floored, claims asked and left unpaid).
 * Expected values are worked out by hand or in BigInt, never read back from
 * the code under test.
 */

const start = 1_000_000;
const outOfRange = (message: string) => ({ kind: "numberOutOfRange", message });
const invalid = (message: string) => ({ kind: "invalidValue", message });

// ---------------------------------------------------------------- scenarioRevenues

describe("scenarioRevenues refuses with a message naming the argument and the fix", () => {
  it("a growth or decline that is not a finite number, whatever its type", () => {
    expect(failure(() => scenarioRevenues("growth", { start, growth: NaN }))).toEqual(invalid("The monthly growth must be a number; got NaN."));
    expect(failure(() => scenarioRevenues("base", { start, growth: "0.1" as never }))).toEqual(invalid("The monthly growth must be a number; got 0.1."));
    expect(failure(() => scenarioRevenues("decline", { start, decline: Infinity }))).toEqual(invalid("The monthly decline must be a number; got Infinity."));
    expect(failure(() => scenarioRevenues("shock", { start, shockSize: true as never }))).toEqual(invalid("The shock size must be a number; got true."));
  });

  it("a rate outside its range, with the range in words", () => {
    expect(failure(() => scenarioRevenues("decline", { start, decline: 1.5 }))).toEqual(
      outOfRange("The monthly decline is 1.5; give a fraction from 0 to 1 (0.02 = 2% less each month)."));
    expect(failure(() => scenarioRevenues("base", { start, growth: -2 }))).toEqual(
      outOfRange("The monthly growth is -2; give a fraction above -1 (0.02 = 2% more each month, -0.01 = 1% less)."));
    expect(failure(() => scenarioRevenues("shock", { start, shockSize: 1.2 }))).toEqual(
      outOfRange("The shock size is 1.2; give the fraction of revenue lost, from 0 to 1 (0.6 = 60% less)."));
  });

  it("shock months that are not whole, not numbers, or negative", () => {
    expect(failure(() => scenarioRevenues("shock", { start, shockStart: 2.5 }))).toEqual(
      invalid("The shock start month must be a whole number of months; got 2.5."));
    expect(failure(() => scenarioRevenues("shock", { start, shockLength: 1.5 }))).toEqual(
      invalid("The shock length must be a whole number of months; got 1.5."));
    // Not a number at all (a caller outside TypeScript): refused the same way.
    expect(failure(() => scenarioRevenues("shock", { start, shockLength: "3" as never }))).toEqual(
      invalid("The shock length must be a whole number of months; got 3."));
    expect(failure(() => scenarioRevenues("shock", { start, shockStart: -1 }))).toEqual(
      outOfRange("The shock start month is -1; give 0 or more (months count from 0)."));
    expect(failure(() => scenarioRevenues("shock", { start, recoveryMonths: -2 }))).toEqual(
      outOfRange("The recovery length is -2; give 0 or more (months count from 0)."));
  });

  it("a shock starting at the month count (one past the last month); the last month itself is accepted", () => {
    expect(failure(() => scenarioRevenues("shock", { start: 10, months: 3, shockStart: 3 }))).toEqual(
      outOfRange("The shock starts in month 3, after the last month (2); months count from 0."));
    // Month 2 is the last: cut by 60% there, nothing before.
    expect(scenarioRevenues("shock", { start: 10, months: 3, shockStart: 2 })).toEqual([1000, 1000, 400]);
  });

  it("a missing or negative start, a custom scenario with no months or a negative month, an unknown kind", () => {
    expect(failure(() => scenarioRevenues("base", { months: 3 }))).toEqual(invalid("Give the starting monthly revenue (start)."));
    expect(failure(() => scenarioRevenues("base", { start: -1 }))).toEqual(
      outOfRange("The starting monthly revenue is negative (-1). Give an amount of 0 or more."));
    expect(failure(() => scenarioRevenues("custom", { values: [] }))).toEqual(
      outOfRange("The number of months in the custom scenario is 0; give at least 1 month."));
    expect(failure(() => scenarioRevenues("custom", { values: [1, -1] }))).toEqual(
      outOfRange("The revenue for month 1 is negative (-1). Give an amount of 0 or more."));
    expect(failure(() => scenarioRevenues("boom" as never, { start }))).toEqual(
      invalid('Unknown scenario "boom". Use base, shock, decline, growth, custom.'));
  });

  it("revenue that grows past a safe integer of cents: refused in the month it does, accepted up to the month before", () => {
    // 1 cent x 11^t: 11^15 = 4,177,248,169,415,651 is safe, 11^16 = 45,949,729,863,572,161 is not.
    const upTo15 = scenarioRevenues("base", { start: 0.01, growth: 10, months: 16 });
    expect(upTo15.map(BigInt)).toEqual(Array.from({ length: 16 }, (_, t) => 11n ** BigInt(t)));
    // The message shows MAX_SAFE_INTEGER cents as the amount to the cent (the double 9007199254740991 / 100 would print 90071992547409.9).
    expect(failure(() => scenarioRevenues("base", { start: 0.01, growth: 10, months: 17 }))).toEqual(
      outOfRange("Revenue in month 16 grows beyond 90,071,992,547,409.91; lower the growth or the number of months."));
  });
});

describe("shockFactor", () => {
  it("is 1 - size in the shock, climbs back in equal steps over the recovery, and is exactly 1 from the month after", () => {
    const size = new Decimal("0.6");
    // Shock months 2..3, recovery months 4..6 (steps of 0.6 / 4), back to 1 in month 7.
    const f = Array.from({ length: 9 }, (_, t) => shockFactor(t, size, 2, 2, 3).toString());
    expect(f).toEqual(["1", "1", "0.4", "0.4", "0.55", "0.7", "0.85", "1", "1"]);
  });
});

// ---------------------------------------------------------------- runPath

describe("runPath refuses a revenue path with a message naming the month and the fix", () => {
  it("a path that is not a list, or has no months", () => {
    expect(failure(() => runPath({ revenueCents: "abc" as never, stage: "growth" }))).toEqual(
      invalid("The revenue path must be a list with one value per month."));
    expect(failure(() => runPath({ revenue: [], stage: "growth" }))).toEqual(
      outOfRange("The number of months in the revenue path is 0; give at least 1 month."));
  });

  it("a negative amount, naming its month", () => {
    expect(failure(() => runPath({ revenue: [1, -2], stage: "growth" }))).toEqual(
      outOfRange("The revenue for month 1 is negative (-2). Give an amount of 0 or more."));
  });

  it("cents that are negative, fractional, past a safe integer or not numbers", () => {
    expect(failure(() => runPath({ revenueCents: [5, -3], stage: "growth" }))).toEqual(
      outOfRange("Revenue for month 1 is negative (-3 cents). Give 0 or more."));
    expect(failure(() => runPath({ revenueCents: [2 ** 53], stage: "growth" }))).toEqual(
      invalid("Revenue for month 0 must be whole cents; got 9007199254740992."));
    // A caller outside TypeScript: a numeric string is not cents.
    expect(failure(() => runPath({ revenueCents: ["12"] as never, stage: "growth" }))).toEqual(
      invalid("Revenue for month 0 must be whole cents; got 12."));
  });

  it("accepts a month of exactly MAX_SAFE_INTEGER cents and splits it to the cent (40/30/10/20, largest remainder)", () => {
    const R = BigInt(Number.MAX_SAFE_INTEGER);
    const weights = [40n, 30n, 10n, 20n]; // the growth stage
    const cents = weights.map((w) => (w * R) / 100n);
    // Remainders .4, .3, .1, .2 of a cent: the one cent left goes to buyback.
    expect(R - cents.reduce((a, b) => a + b, 0n)).toBe(1n);
    cents[0]! += 1n;
    const path = runPath({ revenueCents: [Number.MAX_SAFE_INTEGER], stage: "growth" });
    expect(path.months[0]!.cents.map(BigInt)).toEqual(cents);
    expect(path.totals.revenueCents).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe("runPath totals", () => {
  it("count, per bucket, the months its cap bound and the months its floor bound", () => {
    // Growth stage: buyback 40%, stakers 30%, insurance 10%, discount 20%.
    const path = runPath({
      revenue: [1000, 100, 1000, 50, 40],
      stage: "growth",
      caps: { buyback: 300, stakers: [1000, 10, 1000, 1000, 1000] },
      floors: { insurance: [20, 5, 20, 20, 20] },
    });
    // Month 0 and 2: buyback 400 > 300. Month 1: stakers 30 > 10 (insurance stays above 5 after the excess).
    // Months 3 and 4: insurance 5 and 4 < 20. No other limit binds (the discount has none).
    expect(path.months.map((m) => m.bound)).toEqual([
      ["cap", null, null, null],
      [null, "cap", null, null],
      ["cap", null, null, null],
      [null, null, "floor", null],
      [null, null, "floor", null],
    ]);
    expect(path.totals.monthsCapped).toEqual([2, 1, 0, 0]);
    expect(path.totals.monthsFloored).toEqual([0, 0, 2, 0]);
  });

  it("add up the claims asked, paid and left unpaid over the months", () => {
    const path = runPath({
      revenue: [100, 100, 100, 100],
      stage: "growth", // insurance 10% = 10.00 a month
      fund: { startBalance: 50, claims: [{ month: 1, amount: 30 }, { month: 2, fraction: 0.333 }, { month: 3, amount: 1000 }] },
    });
    // Balance 50 -> 60; 70 - 30 = 40; 50 - 16.65 = 33.35; 43.35 pays 43.35 of 1000.
    expect(path.totals.claimCents).toBe(3000 + 1665 + 100_000);
    expect(path.totals.coveredCents).toBe(3000 + 1665 + 4335);
    expect(path.totals.uncoveredCents).toBe(100_000 - 4335);
  });
});

// ---------------------------------------------------------------- totals past a safe integer

describe("a path's totals stay exact cents: past Number.MAX_SAFE_INTEGER cents the path is refused, not rounded", () => {
  const MAX = Number.MAX_SAFE_INTEGER;
  const TOP = 999_999_999_999_999; // the largest amount a user can type, 9,999,999,999,999.99, in cents
  const LIMIT = "90,071,992,547,409.91";
  const FUND_ONLY = [0, 0, 1, 0]; // every cent to insurance, the bucket feeding the fund

  it("revenue adding up to exactly the limit is split and summed exactly (checked with BigInt)", () => {
    const path = runPath({ revenueCents: [MAX - TOP, TOP], stage: "growth" });
    expect(path.totals.revenueCents).toBe(MAX);
    expect(path.totals.cents.reduce((a, b) => a + b, 0)).toBe(MAX);
    const byBucket = path.totals.cents.map((_, j) => path.months.reduce((s, m) => s + BigInt(m.cents[j]!), 0n));
    expect(path.totals.cents.map(BigInt)).toEqual(byBucket);
  });

  it("revenue adding up to one cent more is refused with the limit and the fix (11 months of the largest amount once summed 1 cent short)", () => {
    expect(failure(() => runPath({ revenueCents: [MAX - TOP, TOP + 1], stage: "growth" }))).toEqual(
      outOfRange(`The revenue over the 2 months adds up to more than ${LIMIT}, the most computed to the cent: use fewer months, or give amounts in thousands.`));
    expect(failure(() => runPath({ revenue: new Array(11).fill(9_999_999_999_999.99), stage: "growth" }))).toEqual(
      outOfRange(`The revenue over the 11 months adds up to more than ${LIMIT}, the most computed to the cent: use fewer months, or give amounts in thousands.`));
  });

  it("a fund balance reaching exactly the limit is kept; one cent more is refused, naming the month", () => {
    const fund = { startBalance: 9_999_999_999_999.99 };
    const at = runPath({ revenueCents: [0, MAX - TOP], stage: FUND_ONLY, fund });
    expect(at.totals.endBalanceCents).toBe(MAX);
    expect(failure(() => runPath({ revenueCents: [0, MAX - TOP + 1], stage: FUND_ONLY, fund }))).toEqual(
      outOfRange(`The insurance fund's balance passes ${LIMIT} in month 1, the most computed to the cent: lower the fund's share or start balance, set a fund target, or give amounts in thousands.`));
  });

  it("claims paid from a large start balance add up past the limit: refused; at the limit, exact", () => {
    // Each month's claim takes the whole balance, so what is paid is the start balance plus every month's revenue.
    const fund = { startBalance: 9_999_999_999_999.99, claims: [{ month: 0, fraction: 1 }, { month: 1, fraction: 1 }] };
    const at = runPath({ revenueCents: [MAX - TOP, 0], stage: FUND_ONLY, fund });
    expect([at.totals.coveredCents, at.totals.claimCents, at.totals.endBalanceCents]).toEqual([MAX, MAX, 0]);
    expect(failure(() => runPath({ revenueCents: [MAX - TOP, 1], stage: FUND_ONLY, fund }))).toEqual(
      outOfRange(`The claims over the 2 months add up to more than ${LIMIT}, the most computed to the cent: give fewer or smaller claims, or amounts in thousands.`));
  });

  it("claim amounts adding up past the limit are refused when read, naming the claim that passes it", () => {
    const claims = Array.from({ length: 10 }, (_, i) => ({ month: i % 2, amount: 9_999_999_999_999.99 }));
    expect(failure(() => runPath({ revenueCents: [1, 0], stage: "growth", fund: { claims } }))).toEqual(
      outOfRange(`The claims' amounts add up to more than ${LIMIT} by claim 10, the most computed to the cent: give smaller claims, or amounts in thousands.`));
    // Nine of them and one more claim up to the limit itself are taken, to the cent.
    const atLimit = [...claims.slice(0, 9), { month: 1, amount: (MAX - 9 * TOP) / 100 }];
    expect(runPath({ revenueCents: [1, 0], stage: "growth", fund: { claims: atLimit } }).totals.claimCents).toBe(MAX);
    const nine = runPath({ revenueCents: [1, 0], stage: "growth", fund: { claims: claims.slice(0, 9) } });
    expect(nine.totals.claimCents).toBe(9 * TOP);
    expect(nine.totals.uncoveredCents).toBe(9 * TOP);
  });
});

describe("a Monte Carlo path's revenue is held to the same bound", () => {
  // Flat paths (no growth, no volatility) of the largest typed amount: 9 months sum below the limit, 10 pass it.
  const flat = (months: number) => ({ revenue: 9_999_999_999_999.99, growth: 0, volatility: 0, months, paths: 2, seed: 1, stage: "growth" });

  it("nine months of the largest amount run, every bucket's total exact", () => {
    const result = monteCarlo(flat(9));
    const perBucket = [40n, 30n, 10n, 20n].map((w) => 9n * ((w * 999_999_999_999_999n) / 100n));
    // Each month 3 cents are left over (remainders .6 .7 .9 .8 of a cent): the three largest remainders get one each, nine times.
    for (const j of [1, 2, 3]) perBucket[j]! += 9n;
    expect(result.cumulative.map((s) => BigInt(s.p50))).toEqual(perBucket);
  });

  it("ten months are refused in the month the sum passes the limit", () => {
    expect(failure(() => monteCarlo(flat(10)))).toEqual(
      outOfRange("Path 0's revenue adds up to more than 90,071,992,547,409.91 by month 9, the most computed to the cent: lower the starting revenue, growth, volatility or jump size, or the number of months."));
  });
});
