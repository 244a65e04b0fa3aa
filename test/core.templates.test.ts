import {
  ARCHETYPES, ARCHETYPE_IDS, FEE_BUCKETS, STAGES, TEMPLATES, buybackCapFromVolume, feeSplit, fitCell, stakerCapFromApr, templateBuckets, templateOf,
  templatePercents, templateShares, toFraction, tokenFlow,
} from "../src";

describe("archetype templates", () => {
  it("has one template per archetype", () => {
    expect(TEMPLATES.map((t) => t.archetype).sort()).toEqual([...ARCHETYPE_IDS].sort());
  });

  it.each(ARCHETYPE_IDS)("%s: every stage's shares sum to 100% and every number has a source and a reason", (id) => {
    const t = templateOf(id);
    const pct = templatePercents(t);
    for (const s of STAGES) expect(Object.values(pct[s.id]).reduce((a, b) => a + b, 0)).toBe(100);
    for (const share of Object.values(t.buckets)) {
      expect(["seed", "derived"]).toContain(share!.source);
      expect(share!.why.length).toBeGreaterThan(20);
    }
  });

  it("the exchange template is the article's table, tagged seed", () => {
    const t = templateOf("exchange");
    for (const s of STAGES) for (const b of FEE_BUCKETS) expect(t.buckets[b.id]!.percent[s.id]).toBe(s.percent[b.id]);
    expect(Object.values(t.buckets).every((b) => b.source === "seed")).toBe(true);
  });

  it.each(["defi", "stablecoin"] as const)("%s sends nothing to discounts and has no discount mechanic", (id) => {
    const t = templateOf(id);
    expect(templateBuckets(t).map((b) => b.id)).not.toContain("discount");
    for (const s of STAGES) expect(feeSplit(10_000_000, templateShares(t, s.id)).cents[3]).toBe(0);
    expect(t.mechanics.map((m) => m.mechanic)).not.toContain("discount");
  });

  it("media starts with no mechanics and says why", () => {
    expect(templateOf("media").mechanics).toEqual([]);
    expect(templateOf("media").mechanicsNote).toMatch(/no capture point/i);
  });

  it.each(ARCHETYPE_IDS)("%s: starter mechanics are bound to a capture point and none is anti-fit", (id) => {
    const t = templateOf(id);
    const points = ARCHETYPES_CAPTURE[id];
    for (const m of t.mechanics) {
      expect(points).toContain(m.flow);
      expect(fitCell(id, m.mechanic).rating).not.toBe("anti-fit");
    }
  });

  it("DeFi's starter set has the ve-lock its capture point names", () => {
    expect(templateOf("defi").mechanics.map((m) => m.mechanic)).toContain("ve-lock");
  });

  it("a position interpolates the template's stage rows", () => {
    const t = templateOf("stablecoin");
    expect(templateShares(t, 0).shares.map(String)).toEqual(templateShares(t, "early").shares.map(String));
    expect(templateShares(t, 1).shares.map(String)).toEqual(templateShares(t, "mature").shares.map(String));
    // insurance: 55% early, 30% growth -> 42.5% at 0.25
    expect(templateShares(t, 0.25).shares[2]!.toString()).toBe("0.425");
    expect(() => templateShares(t, 1.5)).toThrow(/outside 0..1/);
  });
});

const ARCHETYPES_CAPTURE: Record<string, readonly string[]> = Object.fromEntries(ARCHETYPES.map((a) => [a.id, a.capturePoints]));

describe("cap rules", () => {
  it("turn a share of token volume and an APR on staked value into per-period caps, rounded down", () => {
    expect(buybackCapFromVolume(20_000_000, "5%")).toBe(1_000_000_00);
    expect(buybackCapFromVolume(333.33, 0.05)).toBe(1666); // 16.6665 -> 16.66
    expect(stakerCapFromApr(450_000_000, "8%")).toBe(3_000_000_00);
    expect(stakerCapFromApr(100, 0.1)).toBe(83); // 0.8333 -> 0.83
  });

  it.each([
    ["8", /above 100%.*write 8% or 0.08/],
    ["150%", /above 100%/],
    ["-1%", /negative/],
    ["eight", /share such as 5% or 0.05/],
  ])("refuses the APR %s with a message naming the fix", (apr, message) => {
    expect(() => stakerCapFromApr(100, apr)).toThrow(message);
  });

  it("reads 5% and 0.05 alike", () => {
    expect(toFraction("5%", "x").toString()).toBe("0.05");
    expect(toFraction(0.05, "x").toString()).toBe("0.05");
    expect(toFraction(" 12.5 % ", "x").toString()).toBe("0.125");
  });

  it.each(["0,05", "5,5%", "0x1", "5%%", "%", "", "1 0%"])("reads text by the core's one number convention: %j is refused as no share", (text) => {
    expect(() => toFraction(text, "staker APR cap")).toThrow(/^The staker APR cap must be a share such as 5% or 0\.05; got /);
  });
});

describe("token flow", () => {
  const market = { price: 2, circulatingSupply: 1_000_000_000, stakedValue: 450_000_000, tokenVolume: 20_000_000 };
  it("gives tokens bought back, supply retired a year, staker APR and the buyback's share of volume", () => {
    const split = feeSplit(10_000_000, "growth");
    const f = tokenFlow(split.cents, split.shares.buckets, market);
    expect(f.tokensBoughtBack).toBe(2_000_000); // $4M / $2
    expect(f.supplyRetiredPerYear).toBeCloseTo(0.024, 12); // 2M x 12 / 1B
    expect(f.stakerApr).toBeCloseTo(0.08, 12); // $3M x 12 / $450M
    expect(f.buybackShareOfVolume).toBeCloseTo(0.2, 12); // $4M / $20M
    expect(f.capImplied).toBe("none");
  });

  it("names the caps the rules imply", () => {
    const split = feeSplit(10_000_000, "growth");
    expect(tokenFlow(split.cents, split.shares.buckets, market, { buybackMaxVolumeShare: "5%", stakerMaxApr: "10%" }).capImplied).toBe("buyback");
    expect(tokenFlow(split.cents, split.shares.buckets, market, { buybackMaxVolumeShare: "25%", stakerMaxApr: "7%" }).capImplied).toBe("stakers");
    const both = tokenFlow(split.cents, split.shares.buckets, market, { buybackMaxVolumeShare: "5%", stakerMaxApr: "7%" });
    expect(both.capImplied).toBe("buyback and stakers");
    expect(both.buybackCapCents).toBe(1_000_000_00);
  });

  it.each([
    [{ ...market, price: -1 }, /token price is negative/],
    [{ ...market, price: 0 }, /price must be above 0/],
    [{ ...market, circulatingSupply: -5 }, /circulating supply is negative/],
    [{ ...market, stakedValue: 0 }, /staked value is 0/],
  ])("refuses a bad market with a message naming the fix", (m, message) => {
    const split = feeSplit(100, "growth");
    expect(() => tokenFlow(split.cents, split.shares.buckets, m)).toThrow(message);
  });

  it("reads a price or supply typed as text by the one number convention, refusing what another would read otherwise", () => {
    const split = feeSplit(10_000_000, "growth");
    const typed = tokenFlow(split.cents, split.shares.buckets, { ...market, price: "$2.00", circulatingSupply: "1,000,000,000" });
    expect(typed.tokensBoughtBack).toBe(2_000_000);
    // "1.000,50" is a thousand in another convention; it must not become 1.0005.
    expect(() => tokenFlow(split.cents, split.shares.buckets, { ...market, price: "1.000,50" })).toThrow(/token price must be a number; got "1\.000,50"/);
    expect(() => tokenFlow(split.cents, split.shares.buckets, { ...market, circulatingSupply: "12 34" })).toThrow(/circulating supply must be a number/);
  });
});
