import fc from "fast-check";
import { propertyRuns } from "./helpers/propertyRuns";
import {
  ARCHETYPE_IDS, COMPARABLE_BUCKETS, COMPARABLES, COMPARABLES_AS_OF, CONFIDENCES, FEE_BUCKET_IDS, TOOL_VERSION,
  comparableFractions, nearestPeers, shareDistance, stageShares, type ComparableBucket,
} from "../src";

describe("comparables: published fee splits as typed data", () => {
  it("holds at least 12 protocols, each sourced, dated, rated for confidence and typed by archetype", () => {
    expect(COMPARABLES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(COMPARABLES.map((c) => c.protocol)).size).toBe(COMPARABLES.length);
    for (const c of COMPARABLES) {
      expect(ARCHETYPE_IDS).toContain(c.archetype);
      expect(CONFIDENCES).toContain(c.confidence);
      expect(c.source.trim().length).toBeGreaterThan(5);
      expect(c.note.trim().length).toBeGreaterThan(5);
      expect(c.asOf).toBe(COMPARABLES_AS_OF);
    }
    expect(COMPARABLES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Set(COMPARABLES.map((c) => c.confidence))).toEqual(new Set(CONFIDENCES));
  });

  it("maps every row onto the model's buckets plus other, in whole percentages that sum to exactly 100", () => {
    expect(COMPARABLE_BUCKETS).toEqual([...FEE_BUCKET_IDS, "other"]);
    for (const c of COMPARABLES) {
      expect(Object.keys(c.shares).sort()).toEqual([...COMPARABLE_BUCKETS].sort());
      for (const k of COMPARABLE_BUCKETS) {
        expect(Number.isInteger(c.shares[k])).toBe(true);
        expect(c.shares[k]).toBeGreaterThanOrEqual(0);
      }
      expect(COMPARABLE_BUCKETS.reduce((s, k) => s + c.shares[k], 0)).toBe(100);
    }
  });

  it("measures share distance as the share of the fee line that would have to move", () => {
    const growth = Object.fromEntries(stageShares("growth").buckets.map((b, i) => [b.id, stageShares("growth").shares[i]!.toNumber()]));
    const dydx = COMPARABLES.find((c) => c.protocol.startsWith("dYdX"))!;
    // growth 40/30/10/20/0 vs dYdX 25/40/0/0/35: |15|+|10|+|10|+|20|+|35| = 90, half is 45%.
    expect(shareDistance({ other: 0, ...growth } as Record<ComparableBucket, number>, comparableFractions(dydx))).toBeCloseTo(0.45, 12);
    const split = fc.array(fc.nat(1000), { minLength: COMPARABLE_BUCKETS.length, maxLength: COMPARABLE_BUCKETS.length })
      .filter((xs) => xs.some((x) => x > 0))
      .map((xs) => {
        const total = xs.reduce((s, x) => s + x, 0);
        return Object.fromEntries(COMPARABLE_BUCKETS.map((k, i) => [k, xs[i]! / total])) as Record<ComparableBucket, number>;
      });
    fc.assert(fc.property(split, split, (a, b) => {
      const d = shareDistance(a, b);
      expect(d).toBeGreaterThanOrEqual(-1e-12);
      expect(d).toBeLessThanOrEqual(1 + 1e-12);
      expect(shareDistance(b, a)).toBeCloseTo(d, 12);
      expect(shareDistance(a, a)).toBe(0);
    }), { numRuns: propertyRuns(500) });
  });

  it("ranks every comparable nearest first, ties in list order", () => {
    const peers = nearestPeers({ buyback: 0.4, stakers: 0.3, insurance: 0.1, discount: 0.2 });
    expect(peers).toHaveLength(COMPARABLES.length);
    for (let i = 1; i < peers.length; i++) {
      expect(peers[i]!.distance).toBeGreaterThanOrEqual(peers[i - 1]!.distance);
      if (peers[i]!.distance === peers[i - 1]!.distance) expect(COMPARABLES.indexOf(peers[i]!.comparable)).toBeGreaterThan(COMPARABLES.indexOf(peers[i - 1]!.comparable));
    }
    // A design equal to a published split finds it at distance 0.
    const jupiter = COMPARABLES.find((c) => c.protocol.startsWith("Jupiter"))!;
    expect(nearestPeers(comparableFractions(jupiter))[0]).toEqual({ comparable: jupiter, distance: 0 });
  });
});

describe("the tool's version", () => {
  it("is package.json's (the Read me sheet records it)", () => {
    expect(TOOL_VERSION).toBe((require("../package.json") as { version: string }).version);
  });
});
