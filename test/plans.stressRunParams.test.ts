import { buildStressTestPlan, stressInputValues, stressRunParams, stressRunParamsFromSheet, STRESS_TEST_LAYOUT as L } from "../src/plans/stressTest";
import { defaultNaming, DEFAULT_INPUTS } from "../src/plans";
import { expectTokenError } from "./helpers/tokenError";

/** The sheet's input cells as a new sheet holds them, by key. */
const defaults = (): Record<string, unknown> => {
  const plan = buildStressTestPlan(DEFAULT_INPUTS, defaultNaming());
  return Object.fromEntries(Object.entries(L.inputs).map(([key, at]) => {
    const block = plan.blocks.find((b) => b.role === "input" && b.at === at)!;
    return [key, block.cells[0]![0] ?? ""];
  }));
};
const choice = { paths: 500, seed: 9, volatility: 0.25 };

describe("stressRunParamsFromSheet: the Monte Carlo parameters from the inputs typed on a Stress Test sheet", () => {
  it("gives stressRunParams's parameters for a sheet left at its defaults (blank caps and floor: not set)", () => {
    const values = defaults();
    for (const key of ["BuybackCap", "StakersCap", "InsuranceFloor", "DiscountCap"]) expect(values[key]).toBe("");
    expect(stressRunParamsFromSheet(values, choice)).toEqual(stressRunParams(DEFAULT_INPUTS, choice));
  });

  it("reads the input column in layout order", () => {
    const column = L.inputKeys.map((key) => [defaults()[key]]);
    expect(stressInputValues(column)).toEqual(defaults());
    expect(L.inputRange).toBe(`${L.inputs[L.inputKeys[0]!]}:${L.inputs[L.inputKeys[L.inputKeys.length - 1]!]}`);
  });

  it("takes what was typed: revenue, growth, stage, caps and floor, fund, claim", () => {
    const params = stressRunParamsFromSheet({
      ...defaults(), Revenue: 1234.5, Growth: -0.02, Stage: " Early ", BuybackCap: 100, InsuranceFloor: 0, DiscountCap: "  ",
      FundStart: "", FundMin: 50, ClaimMonth: 0, ClaimAmount: 99.99,
    }, choice);
    expect(params).toEqual({
      revenue: 1234.5, growth: -0.02, volatility: 0.25, months: 36, paths: 500, seed: 9, stage: "early",
      caps: { buyback: 100 }, floors: { insurance: 0 },
      fund: { startBalance: 0, minBalance: 50, claims: [{ month: 0, amount: 99.99 }] },
    });
  });

  it("a blank claim month means no claim; a blank claim amount is 0", () => {
    expect(stressRunParamsFromSheet({ ...defaults(), ClaimMonth: "" }, choice).fund!.claims).toEqual([]);
    expect(stressRunParamsFromSheet({ ...defaults(), ClaimAmount: null }, choice).fund!.claims).toEqual([{ month: 18, amount: 0 }]);
  });

  it("refuses what cannot drive a run, naming the cell and its label", () => {
    const bad = (over: Record<string, unknown>): (() => unknown) => () => stressRunParamsFromSheet({ ...defaults(), ...over }, choice);
    expectTokenError(bad({ Revenue: "" }), "invalidValue", new RegExp(`${L.inputs.Revenue} \\("Starting monthly revenue"\\) is empty`));
    expectTokenError(bad({ Growth: "five" }), "invalidValue", new RegExp(`${L.inputs.Growth} \\("Growth per month"\\) holds "five", not a number`));
    expectTokenError(bad({ Growth: 20 }), "numberOutOfRange", /"Growth per month"\) is 20: give a number from -0.99 to 10/);
    expectTokenError(bad({ FundMin: "#N/A" }), "invalidValue", /"Fund minimum balance"\) holds "#N\/A"/);
    expectTokenError(bad({ BuybackCap: -1 }), "numberOutOfRange", /"Buyback cap \(market-impact limit\) per month"\) is -1: give a number from 0/);
    expectTokenError(bad({ ClaimMonth: 2.5 }), "invalidValue", /"Claim in month"\) is 2.5: give a whole number/);
    expectTokenError(bad({ ClaimMonth: 36 }), "numberOutOfRange", /"Claim in month"\) is 36: give a number from 0 to 35/);
    expectTokenError(bad({ Stage: "" }), "invalidValue", new RegExp(`${L.inputs.Stage} \\("Stage"\\) is empty: choose a stage`));
    expectTokenError(bad({ Stage: "late" }), "invalidValue", /"Stage"\) is "late": choose one of early, growth, mature/);
    expectTokenError(bad({ Revenue: true }), "invalidValue", /holds true, not a number/);
  });
});
