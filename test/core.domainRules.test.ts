import { readFileSync } from "fs";
import { join } from "path";
import {
  FEE_BUCKETS, archetypeById, findAntiPatterns, parseAnswer, reviewProductCore, scoreChecklist, templateBuckets, templateOf,
  templateShares, tokenFlow, type ArchetypeId,
} from "../src";
import { failure } from "./helpers/tokenError";

/**
 * The domain rules' edges and the texts they show: blanks, zero markets,
 * missing buckets, caps met exactly, and the exact wording of every finding
 * and refusal. Expected names and ids come from docs/domain.md, not from the
 * code under test.
 */

const DOMAIN = readFileSync(join(__dirname, "..", "docs", "domain.md"), "utf8");

/** The body rows of the first markdown table after `heading`, as trimmed cells. */
function domainRows(heading: string): string[][] {
  const section = DOMAIN.split(heading)[1]!.split("\n## ")[0]!;
  const lines = section.split("\n").filter((l) => l.startsWith("|"));
  return lines.slice(2).map((l) => l.split("|").slice(1, -1).map((c) => c.trim()));
}

const DOMAIN_ARCHETYPES = domainRows("## Archetypes").map(([id, name, , capture]) => ({
  id: id as ArchetypeId,
  name: name!,
  // "none until ..." (media) means no capture point yet.
  capturePoints: capture!.startsWith("none") ? [] : capture!.split(", "),
}));
const archetypeName = (id: string): string => DOMAIN_ARCHETYPES.find((a) => a.id === id)!.name;
const DOMAIN_DIMENSIONS = domainRows("## Product core: six dimensions").map(([id, name]) => ({ id: id!, name: name! }));
const DOMAIN_CHECKLIST_IDS = [...DOMAIN.split("## The ten-question readiness checklist")[1]!.matchAll(/([a-z-]+)\s+\(/g)].map((m) => m[1]!);
const DOMAIN_FEE_BUCKETS = DOMAIN.split("## Fee split by life-cycle stage")[1]!.split("\n").find((l) => l.startsWith("| stage"))!
  .split("|").slice(2, -1).map((c) => c.trim());
const domainStagePercents = (stage: string): number[] =>
  domainRows("## Fee split by life-cycle stage").find((r) => r[0]!.startsWith(stage))!.slice(1).map((c) => Number(c.replace("%", "")));

describe("the domain tables this file reads", () => {
  it("has six archetypes, six dimensions, ten checklist ids and four fee buckets", () => {
    expect(DOMAIN_ARCHETYPES.map((a) => a.id)).toEqual(["exchange", "l1", "stablecoin", "defi", "depin", "media"]);
    expect(DOMAIN_DIMENSIONS).toHaveLength(6);
    expect(DOMAIN_CHECKLIST_IDS).toHaveLength(10);
    expect(DOMAIN_FEE_BUCKETS).toEqual(["buyback", "stakers", "insurance", "discount"]);
  });
});

describe("archetypeById", () => {
  it("returns each archetype's own record: the name and capture points DOMAIN.md gives for that id", () => {
    for (const a of DOMAIN_ARCHETYPES) {
      expect(archetypeById(a.id)).toMatchObject({ id: a.id, name: a.name, capturePoints: a.capturePoints });
    }
  });
});

describe("findAntiPatterns: findings carry the pattern's name, the mechanics involved and the reason shown", () => {
  const decoration = (mech: string, name: string) => ({ id: "decoration", name: "Decoration", mechanics: [mech], reason: `${name} names no product-core flow.` });

  it("without flows every mechanic is unbound, so each is decoration", () => {
    expect(findAntiPatterns("exchange", ["buyback"])).toEqual([decoration("buyback", "Buyback / burn")]);
  });

  it("a mechanic past the end of the flow list, or with a whitespace flow, names no flow", () => {
    expect(findAntiPatterns("exchange", ["buyback", "fee-share"], ["fee line"])).toEqual([decoration("fee-share", "Fee share")]);
    expect(findAntiPatterns("exchange", ["buyback", "fee-share"], ["fee line", " \t "])).toEqual([decoration("fee-share", "Fee share")]);
  });

  it("refuses more flows than mechanics, saying how many of each", () => {
    expect(failure(() => findAntiPatterns("exchange", ["buyback"], ["fee line", "liquidity layer"]))).toEqual({
      kind: "invalidValue",
      message: "There are 2 flows for 1 mechanics; give one flow per mechanic (blank for none).",
    });
    // As many flows as mechanics is fine.
    expect(findAntiPatterns("exchange", ["buyback"], ["fee line"])).toEqual([]);
  });

  it("forced utility: an unbound gate is flagged with its reason, then as decoration", () => {
    expect(findAntiPatterns("exchange", ["tiered-access"], [""])).toEqual([
      { id: "forced-utility", name: "Forced utility", mechanics: ["tiered-access"], reason: "Tiered access gates the product but names no flow it serves." },
      decoration("tiered-access", "Tiered access"),
    ]);
  });

  it("governance-only: governance alone is flagged; governance with another mechanic is not", () => {
    expect(findAntiPatterns("stablecoin", ["governance"], ["risk premium"])).toEqual([
      { id: "governance-only", name: "Governance only", mechanics: ["governance"], reason: "Governance is the only mechanic: the token has nothing to do but vote." },
    ]);
    expect(findAntiPatterns("stablecoin", ["governance", "fee-share"], ["risk premium", "stability fee"])).toEqual([]);
  });

  it("discount-only: the discount alone is flagged; discount with another mechanic is not", () => {
    expect(findAntiPatterns("exchange", ["discount"], ["fee line"])).toEqual([
      { id: "discount-only", name: "Discount as the whole thesis", mechanics: ["discount"], reason: "The discount is the only mechanic: a fiat rebate would do the same for less." },
    ]);
    expect(findAntiPatterns("exchange", ["discount", "buyback"], ["fee line", "fee line"])).toEqual([]);
  });

  it("copy-paste ve-lock names the archetype it was copied onto (DOMAIN.md's name), for every archetype but defi", () => {
    for (const a of DOMAIN_ARCHETYPES.filter((x) => x.id !== "defi")) {
      expect(findAntiPatterns(a.id, ["ve-lock"], ["emissions"])).toEqual([{
        id: "copy-paste-ve",
        name: "Copy-paste ve-lock",
        mechanics: ["ve-lock"],
        reason: `Vote-escrow directs emissions in DeFi primitives; on ${a.name} it locks supply without moving the product.`,
      }]);
    }
  });
});

describe("reviewProductCore", () => {
  const names = (ids: string[]): string => ids.map((id) => DOMAIN_DIMENSIONS.find((d) => d.id === id)!.name.toLowerCase()).join(", ");

  it("treats null, undefined and blank text alike as not described, and lists what is missing by name in lower case", () => {
    const review = reviewProductCore({ payers: null, workers: undefined, risk: "", flow: " \t", capture: "fee line", network: "liquidity" });
    expect(review).toEqual({
      verdict: "incomplete",
      missing: ["payers", "workers", "risk", "flow"],
      message: `Still to describe: ${names(["payers", "workers", "risk", "flow"])}.`,
    });
    // Spelled out once, so the wording itself is pinned too.
    expect(review.message).toBe("Still to describe: who pays, who works, who bears risk, value flow.");
  });

  it("a null capture point is no capture", () => {
    expect(reviewProductCore({ payers: "traders", capture: null }).verdict).toBe("no capture");
  });

  it("all six described: complete, with the message that mechanics can attach", () => {
    expect(reviewProductCore({ payers: "a", workers: "b", risk: "c", flow: "d", capture: "e", network: "f" })).toEqual({
      verdict: "complete",
      missing: [],
      message: "All six dimensions are described; mechanics can now attach to the capture points.",
    });
  });
});

describe("checklist answers", () => {
  it("a blank (null, undefined, empty or whitespace text) is undecided", () => {
    for (const blank of [null, undefined, "", "  \t "]) expect(parseAnswer(blank)).toBe("undecided");
  });

  it("a checkbox answer: true is solid, false undecided", () => {
    expect(parseAnswer(true)).toBe("solid");
    expect(parseAnswer(false)).toBe("undecided");
  });

  it("refuses an unknown answer, calling it 'answer' when no question is named", () => {
    expect(failure(() => parseAnswer("perhaps"))).toEqual({
      kind: "invalidValue",
      message: 'The answer "perhaps" is not an answer. Use solid, partial or undecided (yes/no and "not decided" work too).',
    });
  });

  it("refuses unknown question ids, quoting each and listing DOMAIN.md's ten ids", () => {
    expect(failure(() => scoreChecklist({ tokenomics: "solid", vibes: "partial" } as Record<string, unknown>))).toEqual({
      kind: "invalidValue",
      message: `Unknown checklist question "tokenomics", "vibes". Questions are ${DOMAIN_CHECKLIST_IDS.join(", ")}.`,
    });
  });
});

describe("templates", () => {
  it("templateBuckets: the exchange uses DOMAIN.md's four fee buckets; defi and stablecoin leave out the discount", () => {
    expect(templateBuckets(templateOf("exchange")).map((b) => b.id)).toEqual(DOMAIN_FEE_BUCKETS);
    const noDiscount = DOMAIN_FEE_BUCKETS.filter((b) => b !== "discount");
    expect(templateBuckets(templateOf("defi")).map((b) => b.id)).toEqual(noDiscount);
    expect(templateBuckets(templateOf("stablecoin")).map((b) => b.id)).toEqual(noDiscount);
  });

  it("labels a stage's shares '<archetype> <stage>' and a position's '<archetype> position <p>'", () => {
    const growth = templateShares(templateOf("exchange"), "growth");
    expect(growth.label).toBe("exchange growth");
    expect(growth.shares.map(Number)).toEqual(domainStagePercents("growth").map((p) => p / 100));
    expect(templateShares(templateOf("stablecoin"), 0.25).label).toBe("stablecoin position 0.25");
  });

  it("refuses a position below 0, above 1 or not a number, with the message naming the range", () => {
    const t = templateOf("exchange");
    const refusal = (p: number) => ({
      kind: "numberOutOfRange",
      message: `Life-cycle position ${p} is outside 0..1. Use 0 for early, 0.5 for growth, 1 for mature, or a value between.`,
    });
    // Below 0 first: it is the case only the "stage < 0" test catches.
    expect(failure(() => templateShares(t, -0.25))).toEqual(refusal(-0.25));
    expect(failure(() => templateShares(t, 1.25))).toEqual(refusal(1.25));
    expect(failure(() => templateShares(t, Number.NaN))).toEqual(refusal(Number.NaN));
  });
});

describe("tokenFlow: market edges and what each refusal says", () => {
  const market = { price: 2, circulatingSupply: 1_000_000_000, stakedValue: 450_000_000, tokenVolume: 20_000_000 };
  // Growth split of $10M, in cents: 4.0M / 3.0M / 1.0M / 2.0M (DOMAIN.md's check figure).
  const growth = [400_000_000, 300_000_000, 100_000_000, 200_000_000];

  it("a blank price or supply is refused as 'a blank'; anything else non-numeric is quoted", () => {
    for (const blank of [null, undefined]) {
      expect(failure(() => tokenFlow(growth, FEE_BUCKETS, { ...market, price: blank }))).toEqual({
        kind: "invalidValue", message: "The token price must be a number; got a blank.",
      });
      expect(failure(() => tokenFlow(growth, FEE_BUCKETS, { ...market, circulatingSupply: blank }))).toEqual({
        kind: "invalidValue", message: "The circulating supply must be a number; got a blank.",
      });
    }
    expect(failure(() => tokenFlow(growth, FEE_BUCKETS, { ...market, price: true }))).toEqual({
      kind: "invalidValue", message: 'The token price must be a number; got "true".',
    });
  });

  it("a zero supply is refused with the supply's own message (not the price's)", () => {
    for (const zero of [0, -0, "0"]) {
      expect(failure(() => tokenFlow(growth, FEE_BUCKETS, { ...market, circulatingSupply: zero }))).toEqual({
        kind: "numberOutOfRange", message: "The circulating supply must be above 0: give the number of tokens in circulation.",
      });
    }
  });

  it("a negative staked value or token volume is refused naming which one", () => {
    expect(failure(() => tokenFlow(growth, FEE_BUCKETS, { ...market, stakedValue: -1 }))).toEqual({
      kind: "numberOutOfRange", message: "The staked value is negative (-1). Give an amount of 0 or more.",
    });
    expect(failure(() => tokenFlow(growth, FEE_BUCKETS, { ...market, tokenVolume: -1 }))).toEqual({
      kind: "numberOutOfRange", message: "The token volume is negative (-1). Give an amount of 0 or more.",
    });
  });

  it("a rule given as null, undefined or blank text is no rule: no cap, nothing implied", () => {
    for (const [a, b] of [[null, " \t "], ["", null], [undefined, ""], ["  ", undefined]] as const) {
      const f = tokenFlow(growth, FEE_BUCKETS, market, { buybackMaxVolumeShare: a, stakerMaxApr: b });
      expect([f.buybackCapCents, f.stakerCapCents, f.capImplied]).toEqual([null, null, "none"]);
    }
  });

  it("an amount exactly at its cap implies no cap; one cent over does", () => {
    // 20% of $20M volume = $4M = the buyback; 8% APR on $450M for a month = $3M = the stakers' amount.
    const atCaps = tokenFlow(growth, FEE_BUCKETS, market, { buybackMaxVolumeShare: "20%", stakerMaxApr: "8%" });
    expect([atCaps.buybackCapCents, atCaps.stakerCapCents, atCaps.capImplied]).toEqual([400_000_000, 300_000_000, "none"]);
    const oneOver = [400_000_001, 300_000_001, 99_999_999, 199_999_999];
    expect(tokenFlow(oneOver, FEE_BUCKETS, market, { buybackMaxVolumeShare: "20%", stakerMaxApr: "8%" }).capImplied).toBe("buyback and stakers");
  });

  it("with no buyback bucket nothing is bought back; with no stakers bucket the APR is 0", () => {
    // $1M a month to stakers on $120M staked: 12 / 120 = 10% a year.
    const m = { ...market, stakedValue: 120_000_000 };
    const noBuyback = tokenFlow([100_000_000, 50_000_000], ["stakers", "insurance"], m);
    expect([noBuyback.tokensBoughtBack, noBuyback.supplyRetiredPerYear, noBuyback.buybackShareOfVolume, noBuyback.stakerApr]).toEqual([0, 0, 0, 0.1]);
    // $4M buyback at $2 = 2M tokens; x12 / 1B supply = 2.4%; $4M / $20M volume = 20%.
    const noStakers = tokenFlow([400_000_000, 50_000_000], ["buyback", "insurance"], m);
    expect([noStakers.tokensBoughtBack, noStakers.supplyRetiredPerYear, noStakers.buybackShareOfVolume, noStakers.stakerApr]).toEqual([2_000_000, 0.024, 0.2, 0]);
  });

  it("finds the stakers bucket in the first column too", () => {
    const f = tokenFlow([100_000_000, 400_000_000], ["Stakers", "Buyback"], { ...market, stakedValue: 120_000_000 });
    expect([f.stakerApr, f.tokensBoughtBack]).toEqual([0.1, 2_000_000]);
  });

  it("a zero staked value or zero volume is fine while nothing is paid to stakers or spent on buybacks", () => {
    const f = tokenFlow([0, 0, 100_000_000, 0], FEE_BUCKETS, { ...market, stakedValue: 0, tokenVolume: 0 });
    expect([f.tokensBoughtBack, f.supplyRetiredPerYear, f.stakerApr, f.buybackShareOfVolume]).toEqual([0, 0, 0, 0]);
  });

  it("a buyback with zero token volume is refused, saying to give the volume", () => {
    expect(failure(() => tokenFlow([1, 0, 0, 0], FEE_BUCKETS, { ...market, tokenVolume: 0 }))).toEqual({
      kind: "numberOutOfRange", message: "The buyback spends money but the token volume is 0: give the token's traded volume for the period.",
    });
  });

  it("stakers paid with zero staked value is refused, saying to give the staked value", () => {
    expect(failure(() => tokenFlow([0, 1, 0, 0], FEE_BUCKETS, { ...market, stakedValue: 0 }))).toEqual({
      kind: "numberOutOfRange", message: "Stakers are paid but the staked value is 0: give the value of the tokens staked.",
    });
  });

  it("a -0 buyback amount (what 0 * -1 gives) reads as +0 tokens and +0 supply retired, never -0", () => {
    const f = tokenFlow([-0, 300_000_000, 100_000_000, 200_000_000], FEE_BUCKETS, market);
    // toBe compares with Object.is, so -0 fails here.
    expect(f.tokensBoughtBack).toBe(0);
    expect(f.supplyRetiredPerYear).toBe(0);
  });
});
