import { FEE_BUCKETS, type Bucket } from "../buckets";
import type { ModelNaming } from "./types";

/**
 * Every workbook-scoped defined name and table name one model creates, as
 * bases without the model's suffix. Formulas on one sheet reach another
 * sheet's key cells through these names, so a mistyped name fails to compile.
 */
export const STATIC_NAMES = [
  // Reference lists (dropdown sources and lookups)
  "ArchetypeList", "ArchetypeNames", "MechanicList", "MechanicNames", "MechanicGates",
  "StageList", "StageNames", "AnswerList", "AnswerPoints", "YesNoList",
  "RatingList", "RatingScores", "FitMechanics", "FitArchetypes", "FitRatings", "FitTable", "FitReasons", "FitSources",
  // Layers
  "LayerStatus", "LayersComplete",
  // Product core
  "CoreTable", "CoreAnswers", "CoreVerdict", "CoreMessage", "CoreDescribed",
  // Mechanics
  "Archetype", "ArchetypeName", "MechanicChoices", "MechanicFlows", "MechanicScores", "FitScoreAverage", "AntiPatternCount",
  // Fee split
  "FeeRevenue", "FeeStage", "FeeShares", "SplitTotal", "SplitCheck", "FeeExcessTo", "FeeUseRuleCaps", "FeeBucketTable", "FeeBucketNames",
  // Checklist
  "ChecklistAnswers", "ChecklistScore", "ChecklistVerdict", "ChecklistUndecided",
] as const;
export type StaticName = (typeof STATIC_NAMES)[number];

/** "insurance" -> "Insurance", "fee-share" -> "FeeShare". */
export const pascal = (id: string): string =>
  id.split(/[^A-Za-z0-9]+/).filter((p) => p !== "").map((p) => p[0]!.toUpperCase() + p.slice(1)).join("");

/** The output cell of one bucket on the Fee Split sheet: SplitBuyback, SplitStakers ... */
export const splitNameBase = (bucket: Bucket): string => `Split${pascal(bucket.id)}`;

/** The input cell of one bucket's cap or floor: BuybackCap, InsuranceFloor ...; null when it takes none. */
export const constraintNameBase = (bucket: Bucket): string | null =>
  bucket.constraint === "none" ? null : `${pascal(bucket.id)}${bucket.constraint === "cap" ? "Cap" : "Floor"}`;

/** All bases one model defines, bucket names included (the bucket list is data). */
export const MODEL_NAME_BASES: readonly string[] = [
  ...STATIC_NAMES,
  ...FEE_BUCKETS.map(splitNameBase),
  ...FEE_BUCKETS.map(constraintNameBase).filter((n): n is string => n !== null),
];

/** A base with the model's suffix: the name actually written to the workbook. */
export const nameOf = (naming: ModelNaming, base: StaticName | string): string => `${base}${naming.suffix}`;
