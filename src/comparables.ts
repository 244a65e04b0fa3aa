import type { ArchetypeId } from "./archetypes";
import { FEE_BUCKETS, type FeeBucketId } from "./buckets";

/**
 * Published fee splits of public protocols, mapped onto the model's buckets
 * plus "other" (LPs, treasury, operators: what the seed's four buckets do
 * not hold). Figures are as published, gathered on the date given; nothing
 * here is live data. Shares are whole percentages of the fee pool each
 * source names, and each row sums to 100.
 */

/** How far a figure can be trusted: checked against the protocol's own docs, only second-hand, or a proposal not (yet) in force. */
export const CONFIDENCES = ["verified", "secondary", "proposal"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** The buckets a comparable is mapped onto: the model's own, then everything else. */
export const COMPARABLE_BUCKETS = [...FEE_BUCKETS.map((b) => b.id), "other"] as const;
export type ComparableBucket = FeeBucketId | "other";

export interface Comparable {
  readonly protocol: string;
  readonly archetype: ArchetypeId;
  /** Whole percentages of the named fee pool, summing to 100. */
  readonly shares: Readonly<Record<ComparableBucket, number>>;
  /** Who the "other" share goes to, and any bucket detail worth a line. */
  readonly note: string;
  /** The source as cited (we could not open it ourselves). */
  readonly source: string;
  /** The date the figures were gathered, ISO yyyy-mm-dd. */
  readonly asOf: string;
  readonly confidence: Confidence;
}

/** When the figures below were gathered (shared/reference/real-world-splits.md). */
export const COMPARABLES_AS_OF = "2026-11-25";

const row = (
  protocol: string, archetype: ArchetypeId, [buyback, stakers, insurance, discount, other]: readonly [number, number, number, number, number],
  note: string, source: string, confidence: Confidence,
): Comparable => ({ protocol, archetype, shares: { buyback, stakers, insurance, discount, other }, note, source, asOf: COMPARABLES_AS_OF, confidence });

export const COMPARABLES: readonly Comparable[] = [
  row("Hyperliquid (trading fees)", "exchange", [97, 0, 0, 0, 3], "About 97% to the Assistance Fund's buyback, about 3% to the HLP vault; staking gives fee tiers, not a share.", "Hyperliquid docs, trading fees; the 97/3 split from secondary reports", "secondary"),
  row("GMX v1", "exchange", [0, 30, 0, 0, 70], "Other: GLP liquidity providers.", "GMX Substack, distribution of protocol rewards", "verified"),
  row("GMX v2", "exchange", [0, 27, 0, 0, 73], "Other: 63% GM liquidity providers, 10% treasury.", "gov.gmx.io, proposal 4175", "verified"),
  row("dYdX v4 (net revenue, Mar 2025)", "exchange", [25, 40, 0, 0, 35], "Other: 25% MegaVault, 10% treasury.", "dYdX forum, thread 4702", "verified"),
  row("Curve (swap fees)", "defi", [0, 50, 0, 0, 50], "Stakers are veCRV lockers; other: liquidity providers. The source is described as mostly verified.", "docs.curve.finance, fees", "verified"),
  row("Uniswap fee switch", "exchange", [25, 0, 0, 0, 75], "The protocol takes 16.7% to 25% of the swap fee by pool (upper end shown) for burning; other: liquidity providers.", "docs.uniswap.org, protocol fee", "verified"),
  row("Sky / Maker (surplus above the buffer)", "stablecoin", [100, 0, 0, 0, 0], "Smart Burn takes all surplus, but only above the Surplus Buffer, which fills first (a floor, as the model's insurance floor); expenses are paid before.", "Sky Atlas A.3.5.1", "secondary"),
  row("Bitfinex LEO (gross revenue)", "exchange", [27, 0, 0, 0, 73], "Other: kept by the exchange; holders also get fee tiers.", "secondary reports", "secondary"),
  row("Raydium (CLMM / CPMM)", "exchange", [12, 0, 0, 0, 88], "Other: 84% liquidity providers, 4% treasury.", "docs.raydium.io, protocol fees", "verified"),
  row("Jupiter (on-chain revenue)", "exchange", [50, 0, 0, 0, 50], "Other: treasury.", "docs.jup.ag, transparency", "verified"),
  row("Lido (curated module, 10% fee)", "l1", [0, 0, 0, 0, 100], "Other: 50% node operators, 50% DAO treasury.", "help.lido.fi", "verified"),
  row("Lido on Polygon (historic)", "l1", [0, 0, 25, 0, 75], "Other: 50% node operators, 25% DAO treasury.", "docs.polygon.lido.fi, fees", "verified"),
  row("Ethena (one example week, 2024)", "stablecoin", [0, 44, 56, 0, 0], "About 44% to sUSDe stakers, about 56% to the reserve fund, in one published week.", "Ethena Mirror post; docs, reserve fund", "verified"),
  row("Synthetix (Base perps)", "defi", [50, 0, 0, 0, 50], "Buyback and burn; other: liquidity providers.", "SIP-345", "verified"),
  row("Frax (proposal)", "stablecoin", [0, 75, 0, 0, 25], "Stakers are veFXS lockers; other: treasury; some buyback was also proposed, without a share.", "gov.frax.finance, thread 2950", "proposal"),
];

/**
 * Share distance between two splits: half the sum of the absolute
 * differences, i.e. the share of the fee line that would have to move to
 * turn one into the other (0 = the same split, 1 = nothing in common).
 * Shares are fractions here (0.4, not 40).
 */
export function shareDistance(a: Readonly<Record<ComparableBucket, number>>, b: Readonly<Record<ComparableBucket, number>>): number {
  return COMPARABLE_BUCKETS.reduce((sum, k) => sum + Math.abs((a[k] ?? 0) - (b[k] ?? 0)), 0) / 2;
}

/** A comparable's shares as fractions. */
export const comparableFractions = (c: Comparable): Record<ComparableBucket, number> =>
  Object.fromEntries(COMPARABLE_BUCKETS.map((k) => [k, c.shares[k] / 100])) as Record<ComparableBucket, number>;

export interface Peer {
  readonly comparable: Comparable;
  readonly distance: number;
}

/** Every comparable by share distance from a design (fractions of its buckets; "other" defaults to 0), nearest first, ties in list order. */
export function nearestPeers(design: Readonly<Partial<Record<ComparableBucket, number>>>): Peer[] {
  const full = Object.fromEntries(COMPARABLE_BUCKETS.map((k) => [k, design[k] ?? 0])) as Record<ComparableBucket, number>;
  return COMPARABLES
    .map((comparable) => ({ comparable, distance: shareDistance(full, comparableFractions(comparable)) }))
    .sort((x, y) => x.distance - y.distance);
}
