import { indexNames, type Named } from "./names";

export const ARCHETYPE_IDS = ["exchange", "l1", "stablecoin", "defi", "depin", "media"] as const;
export type ArchetypeId = (typeof ARCHETYPE_IDS)[number];

export interface Archetype extends Named<ArchetypeId> {
  readonly illustrations: readonly string[];
  /** Where value can be skimmed without killing the flow; empty means nothing yet. */
  readonly capturePoints: readonly string[];
  readonly captureNote: string;
}

export const ARCHETYPES = [
  {
    id: "exchange",
    name: "Exchange / Marketplace",
    aliases: ["exchange", "marketplace", "dex", "cex", "exchange/marketplace"],
    illustrations: ["BNB", "HYPE", "LEO"],
    capturePoints: ["fee line", "liquidity layer"],
    captureNote: "A matching engine that charges on every trade.",
  },
  {
    id: "l1",
    name: "L1 / Infrastructure",
    aliases: ["layer 1", "layer1", "infrastructure", "infra", "chain", "l1/infrastructure"],
    illustrations: ["ETH", "SOL"],
    capturePoints: ["gas fees", "security budget"],
    captureNote: "Block space sold to users, secured by staked capital.",
  },
  {
    id: "stablecoin",
    name: "Asset issuer / Stablecoin",
    aliases: ["asset issuer", "issuer", "stable", "stablecoins", "asset issuer/stablecoin"],
    illustrations: ["MKR", "FXS"],
    capturePoints: ["stability fee", "risk premium"],
    captureNote: "Issues a liability and earns on the backing it manages.",
  },
  {
    id: "defi",
    name: "Yield aggregator / DeFi primitive",
    aliases: ["yield aggregator", "aggregator", "defi primitive", "yield", "yield aggregator/defi primitive"],
    illustrations: ["CRV", "CVX"],
    capturePoints: ["emissions direction (ve-lock)"],
    captureNote: "Pooled capital steered by governance; the mechanism is the product.",
  },
  {
    id: "depin",
    name: "DePIN",
    aliases: ["physical infrastructure", "decentralized physical infrastructure", "resource network"],
    illustrations: ["Helium", "Filecoin"],
    capturePoints: ["resource purchases"],
    captureNote: "Providers deliver a resource that buyers pay for.",
  },
  {
    id: "media",
    name: "Attention / Media",
    aliases: ["attention", "social", "content", "attention/media"],
    illustrations: [],
    capturePoints: [],
    captureNote: "Attention pays nothing until it becomes ads, subscriptions or creator payments.",
  },
] as const satisfies readonly Archetype[];

export const ARCHETYPE_INDEX = indexNames<ArchetypeId>("archetype", ARCHETYPES);

export const archetypeById = (id: ArchetypeId): Archetype => ARCHETYPES.find((a) => a.id === id)!;
