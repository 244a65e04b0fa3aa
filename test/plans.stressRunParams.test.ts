import { buildStressTestPlan, modelShareTable, stressInputValues, stressRunParams, stressRunParamsFromSheet, STRESS_TEST_LAYOUT as L } from "../src/plans/stressTest";
import { defaultNaming, DEFAULT_INPUTS, templateInputs } from "../src/plans";
import type { ModelInputs } from "../src/plans/types";
import { FEE_BUCKETS, STAGES, type ShareSet } from "../src";
import { monteCarlo, type StageChange } from "../src/stress";
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

describe("stressRunParamsFromSheet: the cap rules, fund target and stage changes", () => {
  it("turns them into the core's rules: drivers of month 0 (moving with revenue in the run), the lower of rule and amount, a schedule", () => {
    const params = stressRunParamsFromSheet({
      ...defaults(), BuybackCap: 2_000_000, VolumeShare: 0.05, TokenVolume: 60_000_000, MaxApr: 0.08, StakedValue: 400_000_000,
      FundMin: 1_000_000, FundTargetShare: 0.1, Exposure: 90_000_000, FundTarget: 8_000_000, OverflowTo: "stakers",
      Stage2From: 12, Stage2: "Growth", Stage3From: 24, Stage3: "mature",
    }, choice);
    expect(params.caps).toEqual({
      buyback: { volumeShare: 0.05, volume: 60_000_000, amount: 2_000_000 },
      stakers: { yieldCap: 0.08, stakedValue: 400_000_000 },
    });
    expect(params.fund).toMatchObject({ minBalance: 1_000_000, target: { share: 0.1, exposure: 90_000_000, amount: 8_000_000 }, overflowTo: "stakers" });
    expect(params.stage).toEqual([{ fromMonth: 0, stage: "growth" }, { fromMonth: 12, stage: "growth" }, { fromMonth: 24, stage: "mature" }]);
    // stressRunParams with the same starting values (the CLI's path) gives the same run.
    expect(stressRunParams(DEFAULT_INPUTS, choice, {
      BuybackCap: 2_000_000, VolumeShare: 0.05, TokenVolume: 60_000_000, MaxApr: 0.08, StakedValue: 400_000_000,
      FundMin: 1_000_000, FundTargetShare: 0.1, Exposure: 90_000_000, FundTarget: 8_000_000, OverflowTo: "Stakers",
      Stage2From: 12, Stage2: "growth", Stage3From: 24, Stage3: "mature",
    })).toEqual(params);
  });

  it("refuses half a rule, an unknown overflow bucket, a target under the minimum and stage changes out of order, naming the cells", () => {
    const bad = (over: Record<string, unknown>): (() => unknown) => () => stressRunParamsFromSheet({ ...defaults(), ...over }, choice);
    expectTokenError(bad({ VolumeShare: 0.05 }), "invalidValue", new RegExp(`${L.inputs.VolumeShare} .* is set but ${L.inputs.TokenVolume} .* is blank`));
    expectTokenError(bad({ StakedValue: 5 }), "invalidValue", /"Staked value in month 0"\) is set but .*APR on staked value"\) is blank/);
    expectTokenError(bad({ MaxApr: 1.2, StakedValue: 5 }), "numberOutOfRange", /APR on staked value"\) is 1.2: give a number from 0 to 1/);
    expectTokenError(bad({ VolumeShare: 1.5, TokenVolume: 5 }), "numberOutOfRange", /share of token volume"\) is 1.5: give a number from 0 to 1/);
    expectTokenError(bad({ FundTarget: -1 }), "numberOutOfRange", /"Fund target balance"\) is -1: give a number from 0/);
    expectTokenError(bad({ FundTarget: 10, FundMin: 20 }), "numberOutOfRange", /"Fund target balance"\) is below the .*"Fund minimum balance"\)/);
    expectTokenError(bad({ FundTarget: 10, FundMin: 0, OverflowTo: "Insurance" }), "invalidValue", /choose one of Buyback, Stakers, Discount/);
    expectTokenError(bad({ Stage2From: 12 }), "invalidValue", /"Stage change 1: from month"\) is set but .*"Stage change 1: stage"\) is blank/);
    expectTokenError(bad({ Stage2From: 12, Stage2: "growth", Stage3From: 6, Stage3: "mature" }), "invalidValue", /"Stage change 2: from month"\) must be a later month than 12/);
    expectTokenError(bad({ Stage2From: 12, Stage2: "sideways" }), "invalidValue", /"Stage change 1: stage"\) is "sideways": choose one of early, growth, mature/);
  });
});

describe("a Monte Carlo runs on the model's own share rows, as the sheets hold them", () => {
  const fractions = (stage: unknown): number[] => (stage as ShareSet).shares.map((x) => x.toNumber());
  const rowOf = (inputs: ModelInputs, stage: string): number[] => FEE_BUCKETS.map((b) => (inputs.stagePercents![stage]![b.id] ?? 0) / 100);

  it("a new model runs on its template's shares: DeFi sends nothing to discounts, as its sheets say", () => {
    const defi = templateInputs("defi", "growth", 5_000_000);
    const params = stressRunParams(defi, choice);
    expect(fractions(params.stage)).toEqual(rowOf(defi, "growth"));
    expect(fractions(params.stage)[FEE_BUCKETS.findIndex((b) => b.id === "discount")]).toBe(0);
    const result = monteCarlo({ ...params, paths: 50 });
    expect(result.cumulative[result.buckets.findIndex((b) => b.id === "discount")]!.p95).toBe(0);
    // The exchange template is the seed table: the stage keeps its name.
    expect(stressRunParams(templateInputs("exchange", "mature", 5_000_000), choice).stage).toBe("mature");
  });

  it("every stage of a schedule takes its own row", () => {
    const defi = templateInputs("defi", "early", 5_000_000);
    const params = stressRunParams(defi, choice, { Stage2From: 12, Stage2: "growth", Stage3From: 24, Stage3: "mature" });
    const changes = params.stage as readonly StageChange[];
    expect(changes.map((c) => c.fromMonth)).toEqual([0, 12, 24]);
    changes.forEach((c, i) => expect(fractions(c.stage)).toEqual(rowOf(defi, ["early", "growth", "mature"][i]!)));
  });

  it("from a sheet: the Fee Split's shares per stage as given; shares equal to the seed's keep the stage's name", () => {
    const table: unknown[][] = modelShareTable(DEFAULT_INPUTS).map((r) => [...r]);
    expect(stressRunParamsFromSheet(defaults(), choice, table).stage).toBe("growth");
    const growth = STAGES.findIndex((s) => s.id === "growth");
    table[growth] = [0.5, 0.2, 0.3, 0];
    expect(fractions(stressRunParamsFromSheet(defaults(), choice, table).stage)).toEqual([0.5, 0.2, 0.3, 0]);
    // Other buckets in the table (a treasury at 30%): the four split pro rata to their shares, as the Stress Test sheet does.
    table[growth] = [0.4, 0.2, 0.1, 0];
    expect(fractions(stressRunParamsFromSheet(defaults(), choice, table).stage).map((x) => x * 7)).toEqual([4, 2, 1, 0].map((x) => expect.closeTo(x, 12)));
  });

  it("a row that cannot drive a run is named with the core's reason", () => {
    const table: unknown[][] = modelShareTable(DEFAULT_INPUTS).map((r) => [...r]);
    const growth = STAGES.findIndex((s) => s.id === "growth");
    table[growth] = [0, 0, 0, 0];
    expectTokenError(() => stressRunParamsFromSheet(defaults(), choice, table), "invalidValue", /^The Fee Split sheet's growth shares cannot drive a run: every standard bucket's share is 0/);
    table[growth] = [0.5, "lots", 0.3, 0];
    expectTokenError(() => stressRunParamsFromSheet(defaults(), choice, table), "invalidValue", /^The Fee Split sheet's growth shares cannot drive a run: the Stakers share is "lots": give it a share from 0% to 100%/);
    table[growth] = [0.5, 0.2, 0.3, -0.1];
    expectTokenError(() => stressRunParamsFromSheet(defaults(), choice, table), "invalidValue", /the Discount share is -0\.1/);
    table[growth] = [0.5, 0.2, 0.3, ""];
    expectTokenError(() => stressRunParamsFromSheet(defaults(), choice, table), "invalidValue", /the Discount share is blank/);
    // Another stage's bad row does not matter to a run that never uses it.
    table[growth] = [...modelShareTable(DEFAULT_INPUTS)[growth]!];
    table[0] = [9, 9, 9, 9];
    expect(stressRunParamsFromSheet(defaults(), choice, table).stage).toBe("growth");
  });

  it("modelShareTable holds the template's rows as fractions, stage by stage", () => {
    const media = templateInputs("media", "growth", 1_000_000);
    const table = modelShareTable(media);
    STAGES.forEach((s, i) => expect(table[i]).toEqual(rowOf(media, s.id)));
    table.forEach((row) => expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12));
  });
});
