// The template reaches the plans (Fee Split shares, Mechanics rows), and the
// Summary's token layer follows the core, checked with the test evaluator.
import fc from "fast-check";
import { ARCHETYPE_IDS, FEE_BUCKETS, STAGE_IDS, feeSplit, templateOf, templateShares, tokenFlow } from "../src";
import { TOKEN_DEFAULTS, buildModelPlan, defaultNaming, splitNameBase, templateInputs, type TokenInputs } from "../src/plans";
import { Workbook } from "./helpers/formulaEval";

const splitOf = (wb: Workbook): number[] => FEE_BUCKETS.map((b) => Math.round((wb.getName(splitNameBase(b)) as number) * 100));

describe("templates in the model plans", () => {
  it.each(ARCHETYPE_IDS)("%s: the Fee Split sheet splits by the template's shares at every stage, and Mechanics lists its starter set", (id) => {
    for (const stage of STAGE_IDS) {
      const wb = new Workbook(buildModelPlan(templateInputs(id, stage, 1_234_567.89), defaultNaming()));
      expect(splitOf(wb)).toEqual(feeSplit(1_234_567.89, templateShares(templateOf(id), stage)).cents);
    }
    const plans = buildModelPlan(templateInputs(id, "growth", 100), defaultNaming());
    const wb = new Workbook(plans);
    const mechanics = templateOf(id).mechanics;
    mechanics.forEach((m, i) => expect(wb.get("Mechanics", `A${7 + i}`)).toBe(m.mechanic));
    expect(wb.get("Mechanics", `A${7 + mechanics.length}`)).toBeNull();
  });

  it("keeps shares a caller gives (the pane's Update keeps the user's table) instead of the template's", () => {
    const inputs = { ...templateInputs("defi", "growth", 100), stagePercents: { early: { buyback: 100 }, growth: { stakers: 100 }, mature: { insurance: 100 } } };
    expect(splitOf(new Workbook(buildModelPlan(inputs, defaultNaming())))).toEqual([0, 10_000, 0, 0]);
  });
});

describe("the Summary's token layer", () => {
  const money = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);
  const tokenArb: fc.Arbitrary<TokenInputs> = fc.record({
    price: fc.integer({ min: 1, max: 1_000_000 }).map((c) => c / 100),
    circulatingSupply: fc.integer({ min: 1, max: 10_000_000_000 }),
    stakedValue: money(1_000_000_000),
    tokenVolume: money(1_000_000_000),
    buybackMaxVolumeShare: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 10_000),
    stakerMaxApr: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 10_000),
  });

  it("equals tokenFlow and the cap rules on random inputs (rule caps to the cent)", () => {
    const plans = buildModelPlan(templateInputs("exchange", "growth", 10_000_000), defaultNaming());
    fc.assert(fc.property(tokenArb, money(100_000_000), fc.boolean(), (token, revenue, approx) => {
      const wb = new Workbook(plans, { approxRoundDown: approx });
      wb.setName("FeeRevenue", revenue);
      const names = ["TokenPrice", "TokenSupply", "TokenStaked", "TokenVolume", "TokenBuybackRule", "TokenStakerRule"] as const;
      const keys = ["price", "circulatingSupply", "stakedValue", "tokenVolume", "buybackMaxVolumeShare", "stakerMaxApr"] as const;
      names.forEach((n, i) => wb.setName(n, token[keys[i]!]));
      const split = feeSplit(revenue, "growth").cents;
      const payStakersOnNothing = split[1]! > 0 && token.stakedValue === 0;
      const buyOnNoVolume = split[0]! > 0 && token.tokenVolume === 0;
      if (payStakersOnNothing || buyOnNoVolume) {
        // The core refuses; the sheet says what to type instead of an error cell.
        expect(typeof wb.getName(payStakersOnNothing ? "TokenStakerApr" : "TokenVolumeShare")).toBe("string");
        return;
      }
      const flow = tokenFlow(split, FEE_BUCKETS.map((b) => b.id), token, { buybackMaxVolumeShare: token.buybackMaxVolumeShare, stakerMaxApr: token.stakerMaxApr });
      const near = (name: string, want: number): void => {
        const got = wb.getName(name) as number;
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
      };
      near("TokensBoughtBack", flow.tokensBoughtBack);
      near("TokenSupplyRetired", flow.supplyRetiredPerYear);
      near("TokenStakerApr", flow.stakerApr);
      near("TokenVolumeShare", flow.buybackShareOfVolume);
      expect(Math.round((wb.getName("TokenBuybackCap") as number) * 100)).toBe(flow.buybackCapCents);
      expect(Math.round((wb.getName("TokenStakerCap") as number) * 100)).toBe(flow.stakerCapCents);
      expect(wb.getName("TokenCapImplied")).toBe(flow.capImplied);
    }), { numRuns: 500 });
  });

  it("shows what to type, not an error, for a missing or zero price or supply; a blank rule is not set", () => {
    const wb = new Workbook(buildModelPlan(templateInputs("exchange", "growth", 10_000_000), defaultNaming()));
    wb.setName("TokenPrice", 0);
    wb.setName("TokenSupply", null);
    wb.setName("TokenBuybackRule", null);
    expect(wb.getName("TokensBoughtBack")).toBe("give a token price above 0");
    expect(wb.getName("TokenSupplyRetired")).toBe("");
    expect(wb.getName("TokenBuybackCap")).toBe("not set");
    expect(TOKEN_DEFAULTS.price).toBeGreaterThan(0);
  });
});
