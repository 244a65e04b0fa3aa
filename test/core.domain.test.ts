import {
  ARCHETYPES, ARCHETYPE_IDS, CHECKLIST, FIT_MATRIX, FIT_SCORE, MECHANIC_IDS, MECHANICS, NO_CAPTURE_MESSAGE,
  findAntiPatterns, layerGate, mechanicFit, reviewProductCore, scoreChecklist, TokenError,
} from "../src";
import { existsSync, readFileSync } from "fs";
import { dirname, join } from "path";

/** The fit table as DOMAIN.md prints it, read from the shared file so data and spec cannot drift apart. */
function domainFitTable(): Map<string, { rating: string; seed: boolean }> {
  // The nearest shared/DOMAIN.md above the repo (a git worktree sits a level deeper than the main checkout).
  let dir = join(__dirname, "..");
  while (!existsSync(join(dir, "shared", "DOMAIN.md")) && dirname(dir) !== dir) dir = dirname(dir);
  const text = readFileSync(join(dir, "shared", "DOMAIN.md"), "utf8");
  const section = text.split("## Fit matrix")[1]!.split("## Fee split")[0]!;
  const rows = section.split("\n").filter((l) => /^\| [a-z-]+ \|/.test(l) && !l.startsWith("| mechanic"));
  const cells = new Map<string, { rating: string; seed: boolean }>();
  for (const row of rows) {
    const [mech, ...cols] = row.split("|").slice(1, -1).map((c) => c.trim());
    cols.forEach((c, i) => {
      const rating = c.match(/^(anti-fit|fit|conditional|weak)/)![1]!;
      cells.set(`${mech}/${ARCHETYPE_IDS[i]}`, { rating, seed: c.includes("*seed*") });
    });
  }
  return cells;
}

describe("fit matrix", () => {
  it("matches DOMAIN.md cell by cell, rating and seed/derived source", () => {
    const table = domainFitTable();
    expect(table.size).toBe(72);
    for (const m of MECHANIC_IDS) for (const a of ARCHETYPE_IDS) {
      const cell = FIT_MATRIX[m][a];
      expect({ cell: `${m}/${a}`, rating: cell.rating, seed: cell.source === "seed" })
        .toEqual({ cell: `${m}/${a}`, rating: table.get(`${m}/${a}`)!.rating, seed: table.get(`${m}/${a}`)!.seed });
      expect(cell.why.length).toBeGreaterThan(20);
    }
  });

  it("rates by names and aliases, any case or punctuation", () => {
    expect(mechanicFit("Exchange/Marketplace", "buyback/burn")).toMatchObject({ archetype: "exchange", mechanic: "buyback", rating: "fit", score: 1, source: "seed" });
    expect(mechanicFit("DeFi", "VE")).toMatchObject({ rating: "fit", score: FIT_SCORE.fit });
    expect(mechanicFit("stablecoin", "Discount")).toMatchObject({ rating: "anti-fit", score: -1 });
    expect(mechanicFit("l1", "fee_share")).toMatchObject({ rating: "fit", source: "derived" });
    expect(mechanicFit(" media ", "payment coin").rating).toBe("conditional");
  });

  it("rejects unknown names with the valid list", () => {
    expect(() => mechanicFit("casino", "buyback")).toThrow(new TokenError("invalidValue", `Unknown archetype "casino". Use one of ${ARCHETYPE_IDS.join(", ")}.`));
    expect(() => mechanicFit("exchange", "airdrop")).toThrow(/Unknown mechanic "airdrop"\. Use one of buyback, fee-burn/);
    expect(() => mechanicFit("exchange", null)).toThrow(/Give a mechanic name/);
  });

  it("keeps ids, names and aliases unambiguous", () => {
    expect(ARCHETYPES).toHaveLength(6);
    expect(MECHANICS).toHaveLength(12);
  });
});

describe("anti-patterns", () => {
  const ids = (found: { id: string }[]): string[] => found.map((f) => f.id);

  it("finds nothing in a bound, fitting exchange set", () => {
    expect(findAntiPatterns("exchange", ["buyback", "discount", "fee-share"], ["fee line", "fee line", "fee line"])).toEqual([]);
  });
  it("flags forced utility and decoration for a gate bound to no flow", () => {
    const found = findAntiPatterns("exchange", ["buyback", "tiered-access"], ["fee line", ""]);
    expect(ids(found)).toEqual(["forced-utility", "decoration"]);
    expect(found[0]!.mechanics).toEqual(["tiered-access"]);
  });
  it("flags governance-only and discount-only sets", () => {
    expect(ids(findAntiPatterns("l1", ["governance"], ["parameters"]))).toEqual(["governance-only"]);
    expect(ids(findAntiPatterns("exchange", ["discount", "discount"], ["fee line", null]))).toEqual(["discount-only"]);
  });
  it("flags ve-lock outside DeFi only", () => {
    expect(ids(findAntiPatterns("exchange", ["ve"], ["emissions"]))).toEqual(["copy-paste-ve"]);
    expect(findAntiPatterns("defi", ["ve-lock"], ["emissions"])).toEqual([]);
  });
  it("skips blank mechanic rows and rejects unknown ones", () => {
    expect(findAntiPatterns("exchange", ["", "buyback", null], ["", "fee line", ""])).toEqual([]);
    expect(() => findAntiPatterns("exchange", ["moonshot"], [])).toThrow(/Unknown mechanic "moonshot"/);
  });
});

describe("checklist", () => {
  const all = (a: string): string[] => CHECKLIST.map(() => a);

  it("has the ten questions in DOMAIN.md's order", () => {
    expect(CHECKLIST.map((q) => q.id)).toEqual(["jtbd", "alternative", "flows", "capture", "binding", "delete-test", "minimal", "governance", "lifecycle", "loop"]);
  });
  it("scores solid 1, partial 0.5 and gives the verdict", () => {
    expect(scoreChecklist(all("solid"))).toMatchObject({ score: 10, verdict: "ready", solid: 10 });
    expect(scoreChecklist([...all("solid").slice(0, 9), "partial"])).toMatchObject({ score: 9.5, verdict: "not yet", partial: 1 });
    expect(scoreChecklist([...all("Yes").slice(0, 8), "Not decided", "partially"])).toMatchObject({
      score: 8.5, verdict: "not ready", undecided: 1, undecidedIds: ["lifecycle"],
    });
  });
  it("counts blank answers as undecided and accepts answers by id", () => {
    expect(scoreChecklist({ jtbd: "solid" })).toMatchObject({ score: 1, undecided: 9, verdict: "not ready" });
    expect(scoreChecklist([...all("no")])).toMatchObject({ score: 0, undecided: 10 });
  });
  it("rejects wrong counts, unknown ids and unknown answers", () => {
    expect(() => scoreChecklist(["solid"])).toThrow(/give 10 answers, got 1/);
    expect(() => scoreChecklist({ tokenomics: "solid" } as Record<string, unknown>)).toThrow(/Unknown checklist question "tokenomics"/);
    expect(() => scoreChecklist([...all("solid").slice(0, 9), "perhaps"])).toThrow(/question 10 \(loop\) "perhaps" is not an answer/);
  });
});

describe("product core and layers", () => {
  it("says the product may not need a token when capture points are empty", () => {
    expect(reviewProductCore({ payers: "traders", capture: "  " })).toMatchObject({ verdict: "no capture", message: NO_CAPTURE_MESSAGE });
    expect(reviewProductCore({ capture: "fee line" })).toMatchObject({ verdict: "incomplete", missing: ["payers", "workers", "risk", "flow", "network"] });
    expect(reviewProductCore({ payers: "a", workers: "b", risk: "c", flow: "d", capture: "e", network: "f" }).verdict).toBe("complete");
  });
  it("blocks a later layer while an earlier one is incomplete", () => {
    expect(layerGate([true, true, true, true])).toEqual(["complete", "complete", "complete", "complete"]);
    expect(layerGate([true, false, true, false])).toEqual(["complete", "incomplete", "blocked", "incomplete"]);
    expect(layerGate([])).toEqual(["incomplete", "incomplete", "incomplete", "incomplete"]);
  });
});
