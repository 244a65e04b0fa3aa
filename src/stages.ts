import type { FeeBucketId } from "./buckets";
import { indexNames, type Named } from "./names";

export const STAGE_IDS = ["early", "growth", "mature"] as const;
export type StageId = (typeof STAGE_IDS)[number];

export interface Stage extends Named<StageId> {
  /** Position on the life cycle: 0 early, 0.5 growth, 1 mature. */
  readonly position: number;
  /** Whole percentages of the fee line per bucket; each row sums to 100. */
  readonly percent: Readonly<Record<FeeBucketId, number>>;
  readonly when: string;
  readonly why: string;
}

/** The seed's stage table (DOMAIN.md, from the article). Binding figures. */
export const STAGES = [
  {
    id: "early", name: "Early", aliases: ["launch", "seed", "start"], position: 0,
    percent: { buyback: 15, stakers: 30, insurance: 10, discount: 45 },
    when: "Liquidity is scarce and users shop on price.",
    why: "Keeping volume is what matters, so the discount gets the most; buybacks would be spent on very few holders.",
  },
  {
    id: "growth", name: "Growth", aliases: ["scale", "scaling", "mid"], position: 0.5,
    percent: { buyback: 40, stakers: 30, insurance: 10, discount: 20 },
    when: "Volume is steady and the brand is taking shape.",
    why: "A wider holder base makes buybacks pay off, while a smaller discount still protects volume.",
  },
  {
    id: "mature", name: "Mature", aliases: ["late", "established"], position: 1,
    percent: { buyback: 55, stakers: 25, insurance: 15, discount: 5 },
    when: "Users come for the brand and no longer chase fees.",
    why: "Discounts buy little from users who stay anyway, so buybacks lead and insurance grows to guard the franchise.",
  },
] as const satisfies readonly Stage[];

export const STAGE_INDEX = indexNames<StageId>("stage", STAGES);

export const stageById = (id: StageId): Stage => STAGES.find((s) => s.id === id)!;
