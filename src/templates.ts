import type { ArchetypeId } from "./archetypes";
import { FEE_BUCKETS, type Bucket, type FeeBucketId } from "./buckets";
import { Decimal } from "./decimal";
import { outOfRange } from "./errors";
import type { MechanicId } from "./mechanics";
import { shareSet, type ShareSet } from "./shares";
import { STAGES, type StageId } from "./stages";

/** Where a number comes from: the article's exchange table, or our reasoning (written beside it). */
export type TemplateSource = "seed" | "derived";

export interface TemplateShare {
  /** Whole percentages per stage. */
  readonly percent: Readonly<Record<StageId, number>>;
  readonly source: TemplateSource;
  /** One line: why this bucket gets these shares for this archetype. */
  readonly why: string;
}

export interface TemplateMechanic {
  readonly mechanic: MechanicId;
  /** The capture point (DOMAIN.md) the mechanic acts on. */
  readonly flow: string;
}

/**
 * A starting point per archetype: which of the model's buckets it uses, the
 * stage shares of each (seed or derived, with the reason), and starter
 * mechanics bound to the archetype's capture points. The buckets are the four
 * the workbook's sheets carry; a bucket the archetype does not use is absent
 * here and gets 0% everywhere. Protocols that also pay LPs or a treasury
 * split with their own bucket list (bucketSplit, TOKEN.SPLIT).
 */
export interface ArchetypeTemplate {
  readonly archetype: ArchetypeId;
  readonly buckets: Readonly<Partial<Record<FeeBucketId, TemplateShare>>>;
  readonly mechanics: readonly TemplateMechanic[];
  /** Why these mechanics (or, for media, why none yet). */
  readonly mechanicsNote: string;
}

const SEED = (id: FeeBucketId, why: string): TemplateShare => ({
  percent: { early: seedPercent("early", id), growth: seedPercent("growth", id), mature: seedPercent("mature", id) },
  source: "seed",
  why,
});
function seedPercent(stage: StageId, id: FeeBucketId): number {
  return STAGES.find((s) => s.id === stage)!.percent[id];
}
/** The seed's share plus the seed's discount share: where an archetype without discounts sends that money. */
const PLUS_DISCOUNT = (id: FeeBucketId, why: string): TemplateShare => ({
  percent: {
    early: seedPercent("early", id) + seedPercent("early", "discount"),
    growth: seedPercent("growth", id) + seedPercent("growth", "discount"),
    mature: seedPercent("mature", id) + seedPercent("mature", "discount"),
  },
  source: "derived",
  why,
});
const SEED_INSURANCE = "The article's insurance share, unchanged.";
const SEED_BUYBACK = "The article's buyback share, unchanged.";
const SEED_STAKERS = "The article's staker share, unchanged.";

export const TEMPLATES = [
  {
    archetype: "exchange",
    buckets: {
      buyback: SEED("buyback", "The article's exchange table: buybacks grow as the brand forms."),
      stakers: SEED("stakers", "The article's exchange table: stakers share the fee line."),
      insurance: SEED("insurance", "The article's exchange table: a fund against trading losses."),
      discount: SEED("discount", "The article's exchange table: discounts keep price-sensitive traders early on."),
    },
    mechanics: [
      { mechanic: "buyback", flow: "fee line" },
      { mechanic: "fee-share", flow: "fee line" },
      { mechanic: "discount", flow: "fee line" },
      { mechanic: "tiered-access", flow: "liquidity layer" },
    ],
    mechanicsNote: "The article's exchange: the fee line funds buybacks, staker fees and discounts; tiers reward liquidity.",
  },
  {
    archetype: "l1",
    buckets: {
      buyback: SEED("buyback", "Here the buyback bucket is the fee burn: an L1 retires gas fees rather than buying on a market."),
      stakers: PLUS_DISCOUNT("stakers", "The seed's discount share goes to validators: the security budget is what an L1 must pay for, and gas discounts fit it poorly."),
      insurance: SEED("insurance", SEED_INSURANCE),
    },
    mechanics: [
      { mechanic: "fee-burn", flow: "gas fees" },
      { mechanic: "gas", flow: "gas fees" },
      { mechanic: "security-staking", flow: "security budget" },
      { mechanic: "fee-share", flow: "security budget" },
    ],
    mechanicsNote: "Usage pays gas in the token and part of it burns; stake secures the chain and earns the fee share.",
  },
  {
    archetype: "stablecoin",
    buckets: {
      buyback: SEED("buyback", "Surplus burn, as Sky/Maker burns what is above its buffer."),
      stakers: SEED("stakers", SEED_STAKERS),
      insurance: PLUS_DISCOUNT("insurance", "The seed's discount share goes to the backstop: discounts are an anti-pattern for an issuer, whose first duty is the peg."),
    },
    mechanics: [
      { mechanic: "buyback", flow: "stability fee" },
      { mechanic: "fee-share", flow: "stability fee" },
      { mechanic: "backstop", flow: "risk premium" },
      { mechanic: "governance", flow: "risk premium" },
    ],
    mechanicsNote: "Stability fees fund a surplus burn and fee accrual; stakers backstop the risk and vote on collateral parameters.",
  },
  {
    archetype: "defi",
    buckets: {
      buyback: SEED("buyback", SEED_BUYBACK),
      stakers: PLUS_DISCOUNT("stakers", "The seed's discount share goes to lockers: a DeFi primitive has no consumer fee to discount, and fees to lockers are how a ve-lock captures."),
      insurance: SEED("insurance", SEED_INSURANCE),
    },
    mechanics: [
      { mechanic: "ve-lock", flow: "emissions direction (ve-lock)" },
      { mechanic: "fee-share", flow: "emissions direction (ve-lock)" },
      { mechanic: "governance", flow: "emissions direction (ve-lock)" },
    ],
    mechanicsNote: "Lockers direct emissions and earn the fees; governance sets the parameters of the mechanism that is the product.",
  },
  {
    archetype: "depin",
    buckets: {
      buyback: PLUS_DISCOUNT("buyback", "The seed's discount share goes to burn: in burn-and-mint, resource purchases retire tokens."),
      stakers: SEED("stakers", SEED_STAKERS),
      insurance: SEED("insurance", SEED_INSURANCE),
    },
    mechanics: [
      { mechanic: "work-token", flow: "resource purchases" },
      { mechanic: "payment-coin", flow: "resource purchases" },
      { mechanic: "fee-burn", flow: "resource purchases" },
    ],
    mechanicsNote: "Providers earn for verified work; buyers pay in a stable-priced credit that burns the token.",
  },
  {
    archetype: "media",
    buckets: {
      buyback: SEED("buyback", "The article's table as a placeholder: it applies only once attention pays."),
      stakers: SEED("stakers", "The article's table as a placeholder: it applies only once attention pays."),
      insurance: SEED("insurance", "The article's table as a placeholder: it applies only once attention pays."),
      discount: SEED("discount", "The article's table as a placeholder: it applies only once attention pays."),
    },
    mechanics: [],
    mechanicsNote: "No mechanics yet: attention has no capture point until it becomes ads, subscriptions or creator payments, so any mechanic would be decoration.",
  },
] as const satisfies readonly ArchetypeTemplate[];

export const templateOf = (archetype: ArchetypeId): ArchetypeTemplate => TEMPLATES.find((t) => t.archetype === archetype)!;

/** The template's buckets in the model's order (the ones it uses). */
export const templateBuckets = (t: ArchetypeTemplate): Bucket[] =>
  (FEE_BUCKETS as readonly Bucket[]).filter((b) => t.buckets[b.id as FeeBucketId] !== undefined);

/** Whole percentages for every model bucket (0 for those the template leaves out), per stage. */
export function templatePercents(t: ArchetypeTemplate): Readonly<Record<StageId, Readonly<Record<FeeBucketId, number>>>> {
  const row = (stage: StageId): Record<FeeBucketId, number> =>
    Object.fromEntries(FEE_BUCKETS.map((b) => [b.id, t.buckets[b.id]?.percent[stage] ?? 0])) as Record<FeeBucketId, number>;
  return { early: row("early"), growth: row("growth"), mature: row("mature") };
}

/**
 * The template's shares at a stage or a life-cycle position (0 early, 0.5
 * growth, 1 mature, linear between), over the four model buckets (0 where
 * unused) so it splits with feeSplit and fills the Fee Split sheet.
 */
export function templateShares(t: ArchetypeTemplate, stage: StageId | number): ShareSet {
  const pct = templatePercents(t);
  if (typeof stage === "string") {
    return shareSet(`${t.archetype} ${stage}`, FEE_BUCKETS, FEE_BUCKETS.map((b) => new Decimal(pct[stage][b.id]).div(100)));
  }
  if (!Number.isFinite(stage) || stage < 0 || stage > 1) {
    throw outOfRange(`Life-cycle position ${stage} is outside 0..1. Use 0 for early, 0.5 for growth, 1 for mature, or a value between.`);
  }
  const p = new Decimal(stage);
  const [from, to, f] = p.lte(0.5) ? [pct.early, pct.growth, p.times(2)] : [pct.growth, pct.mature, p.times(2).minus(1)];
  return shareSet(`${t.archetype} position ${p.toString()}`, FEE_BUCKETS, FEE_BUCKETS.map((b) => new Decimal(from[b.id]).plus(f.times(to[b.id] - from[b.id])).div(100)));
}
