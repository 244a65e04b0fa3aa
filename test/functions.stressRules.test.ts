// The rule and fund-policy arguments STRESS and SPLITPATH share
// (functions/stressRules.ts), read directly: what each reading gives the
// core, and what each refusal names (written against the mutants a whole
// call left alive).
import { capRules, fundPolicy, ruleArgs, type RuleArgs } from "../functions/stressRules";
import { expectTokenError } from "./helpers/tokenError";

const NONE = { caps: {}, floors: {} };
const rules = (given: Partial<RuleArgs>): RuleArgs => ({ ...ruleArgs([]), ...given });
const column = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
/** STRESS passes no revenue grid (one cell per driver); SPLITPATH passes its revenues. */
const stress = (given: Partial<RuleArgs>, limits: object = NONE): unknown => capRules(limits as never, rules(given), null, 1);
const path = (given: Partial<RuleArgs>, revenues: unknown[][], limits: object = NONE): unknown => capRules(limits as never, rules(given), revenues, revenues.length);

describe("cap rules", () => {
  it("read a percent by the one number convention, spaces and all", () => {
    expect(stress({ volumeShare: " 5% ", tokenVolume: 1000 })).toStrictEqual({ buyback: { volumeShare: 0.05, volume: 1000 } });
    expect(stress({ volumeShare: "0.05", tokenVolume: 1000 })).toStrictEqual({ buyback: { volumeShare: 0.05, volume: 1000 } });
    expect(stress({ maxApr: "8 %", stakedValue: "$1,000" })).toStrictEqual({ stakers: { yieldCap: 0.08, stakedValue: "$1,000" } });
  });

  it("keep a typed amount cap beside its rule, and add no amount when none was typed", () => {
    const limits = { caps: { buyback: 500, stakers: 700 }, floors: {} };
    expect(stress({ volumeShare: 0.05, tokenVolume: 1000, maxApr: 0.08, stakedValue: 2000 }, limits)).toStrictEqual({
      buyback: { volumeShare: 0.05, volume: 1000, amount: 500 },
      stakers: { yieldCap: 0.08, stakedValue: 2000, amount: 700 },
    });
    expect(stress({}, limits)).toStrictEqual({ buyback: 500, stakers: 700 });
  });

  it("say which half of a rule is missing", () => {
    expectTokenError(() => stress({ tokenVolume: 1000 }), "invalidValue", /^The token_volume is given without buyback_max_volume_share: give the most the buyback may be/);
    expectTokenError(() => stress({ volumeShare: 0.05 }), "invalidValue", /^The buyback_max_volume_share needs the token's traded volume/);
    expectTokenError(() => stress({ stakedValue: 1000 }), "invalidValue", /^The staked_value is given without staker_max_apr/);
    expectTokenError(() => stress({ maxApr: 0.08 }), "invalidValue", /^The staker_max_apr needs the staked value \(staked_value\) to turn into an amount per month/);
  });

  it("STRESS takes each driver as one cell, and says why", () => {
    expectTokenError(() => stress({ volumeShare: 0.05, tokenVolume: column(1, 2) }), "invalidValue", /^The token_volume must be a single cell \(month 0's; it moves with each path's revenue\)\.$/);
    expectTokenError(() => stress({ maxApr: 0.08, stakedValue: column(1, 2) }), "invalidValue", /^The staked_value must be a single cell/);
  });

  it("SPLITPATH takes one driver per month, in the revenues' shape, with every month given", () => {
    expect(path({ volumeShare: 0.05, tokenVolume: column(1000, "2,000") }, column(100, 100))).toStrictEqual({ buyback: { volumeShare: 0.05, volume: [1000, "2,000"] } });
    expectTokenError(() => path({ volumeShare: 0.05, tokenVolume: column(1000, null) }, column(100, 100)), "invalidValue", /^The token_volume is blank in row 2: give an amount for every month with revenue\.$/);
    expectTokenError(() => path({ maxApr: 0.08, stakedValue: column(1000, true) }, column(100, 100)), "invalidValue", /^The staked_value in row 2 must be a number; got TRUE\.$/);
    expectTokenError(() => path({ volumeShare: 0.05, tokenVolume: column(1, 2, 3) }, column(100, 100)), "invalidValue", /revenues is 2x1, token_volume is 3x1/);
    // Only the months up to the path's end are read.
    expect(capRules(NONE as never, rules({ volumeShare: 0.05, tokenVolume: column(1000, null) }), column(100, null), 1)).toStrictEqual({ buyback: { volumeShare: 0.05, volume: [1000] } });
  });
});

describe("fund policy", () => {
  it("gives the core only what was given", () => {
    expect(fundPolicy(null, rules({}), null, 1)).toStrictEqual({});
    expect(fundPolicy(100, rules({ fundMin: 50, fundTarget: 500, overflowTo: "Discount" }), null, 1)).toStrictEqual({
      startBalance: 100, minBalance: 50, target: 500, overflowTo: "discount",
    });
  });

  it("reads the overflow bucket in any case and with spaces; an unknown one goes to the core to name, trimmed", () => {
    expect(fundPolicy(null, rules({ fundTarget: 500, overflowTo: " STAKERS " }), null, 1)).toStrictEqual({ target: 500, overflowTo: "stakers" });
    expect(fundPolicy(null, rules({ fundTarget: 500, overflowTo: " lp " }), null, 1)).toStrictEqual({ target: 500, overflowTo: "lp" });
  });

  it("names each argument it refuses", () => {
    // Text goes on to the core, which reads it by the number convention; a TRUE is refused here.
    expectTokenError(() => fundPolicy(true, rules({}), null, 1), "invalidValue", /^The fund start balance must be a number; got TRUE\.$/);
    expectTokenError(() => fundPolicy(null, rules({ fundMin: true }), null, 1), "invalidValue", /^The fund_min must be a number; got TRUE\.$/);
    expectTokenError(() => fundPolicy(null, rules({ fundTarget: false }), null, 1), "invalidValue", /^The fund_target must be a number; got FALSE\.$/);
    expectTokenError(() => fundPolicy(null, rules({ fundTarget: 5, overflowTo: 5 }), null, 1), "invalidValue", /^The overflow_to must be a bucket name \(buyback, stakers, insurance, discount\); got 5\.$/);
    expectTokenError(() => fundPolicy(null, rules({ fundTarget: 5, overflowTo: [["a", "b"]] }), null, 1), "invalidValue", /^The overflow_to must be a single cell/);
  });
});
