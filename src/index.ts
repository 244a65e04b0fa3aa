// The shared core: typed domain data and pure functions. No Office, no DOM.
export { Decimal } from "./decimal";
export { TokenError, isTokenError, type TokenErrorKind } from "./errors";
export { nameKey, findName, resolveName, unknownNameMessage, validIds, type NameIndex, type Named } from "./names";
export { FEE_BUCKETS, FEE_BUCKET_IDS, type Bucket, type FeeBucketId } from "./buckets";
export { STAGES, STAGE_IDS, STAGE_INDEX, stageById, type Stage, type StageId } from "./stages";
export { resolveShares, stageShares, positionShares, customShares, shareSet, stageHelp, type ShareSet, type StageInput } from "./shares";
export { toCents, centsToAmount, formatCents, MAX_CENTS, MAX_AMOUNT_CENTS, MAX_AMOUNT_TEXT } from "./money";
export { numberText, parseNumberText, textToNumber, echo, ECHO_LIMIT, NUMBER_TEXT_HELP } from "./numberText";
export { roundToCents, splitByWeights } from "./allocate";
export { feeSplit, splitCents, resolveConstraints, type FeeSplit, type FeeConstraints, type ConstraintStep, type ResolvedConstraints } from "./feeSplit";
export { ExactSplitter, NO_LIMIT, BOUND_NONE, BOUND_CAP, BOUND_FLOOR, boundName } from "./exactSplit";
export { ARCHETYPES, ARCHETYPE_IDS, ARCHETYPE_INDEX, archetypeById, type Archetype, type ArchetypeId } from "./archetypes";
export { MECHANICS, MECHANIC_IDS, MECHANIC_INDEX, mechanicById, type Mechanic, type MechanicId } from "./mechanics";
export { FIT_RATINGS, FIT_SCORE, FIT_RATING_INDEX, type FitRating } from "./fitRatings";
export { FIT_MATRIX, type FitCell, type FitSource } from "./fitMatrix";
export { mechanicFit, fitCell, type MechanicFit } from "./mechanicFit";
export { ANTI_PATTERNS, ANTI_PATTERN_IDS, findAntiPatterns, type AntiPattern, type AntiPatternFinding, type AntiPatternId } from "./antiPatterns";
export { DIMENSIONS, DIMENSION_IDS, reviewProductCore, NO_CAPTURE_MESSAGE, type Dimension, type DimensionId, type ProductCoreReview, type CoreVerdict } from "./productCore";
export {
  CHECKLIST, CHECKLIST_IDS, ANSWER_IDS, ANSWER_POINTS, ANSWER_MEANINGS, ANSWER_INDEX, VERDICTS, parseAnswer, scoreChecklist, verdictOf,
  type Answer, type ChecklistId, type ChecklistQuestion, type ChecklistScore, type Verdict,
} from "./checklist";
export { LAYERS, LAYER_IDS, layerGate, type Layer, type LayerId, type LayerStatus } from "./layers";
export { bucketSplit, resolveBucketSpec, resolveBuckets, namedBucket, bucketIndex, BUCKET_MESSAGES, MAX_BUCKETS, type BucketSpec, type ResolvedBucketSpec } from "./bucketSplit";
export { TEMPLATES, templateOf, templateBuckets, templatePercents, templateShares, type ArchetypeTemplate, type TemplateShare, type TemplateMechanic, type TemplateSource } from "./templates";
export { buybackCapFromVolume, stakerCapFromApr, toFraction, PERIODS_PER_YEAR, CAP_RULE_MESSAGES } from "./capRules";
export { tokenFlow, tokenFlowOf, checkMarket, tokenBuckets, TOKEN_MESSAGES, type TokenFlow, type TokenMarket, type TokenRules, type CapImplied, type CheckedMarket } from "./tokenFlow";
export {
  COMPARABLES, COMPARABLES_AS_OF, COMPARABLE_BUCKETS, CONFIDENCES, comparableFractions, nearestPeers, shareDistance,
  type Comparable, type ComparableBucket, type Confidence, type Peer,
} from "./comparables";
export { TOOL_VERSION } from "./version";
