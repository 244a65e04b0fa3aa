// Stress testing of fee splits: period model, deterministic scenarios, seeded Monte Carlo. No Office, no DOM.
//
// Exact (whole cents, integer arithmetic): every revenue, split, cap, floor,
// claim and fund balance in runPath and scenarioRevenues, and per path and
// month inside the Monte Carlo; Monte Carlo percentiles (nearest rank, so
// observed values). Floating point: the random walk before it is rounded to
// cents each month, Monte Carlo means and shares of paths (probabilities).
export { runPath, type PeriodModel, type PathMonth, type PathTotals, type PathResult } from "./runPath";
export {
  scenarioRevenues, shockFactor, SCENARIOS, SCENARIO_KINDS, SCENARIO_DEFAULTS,
  type ScenarioKind, type ScenarioInfo, type ScenarioParams,
} from "./scenarios";
export {
  monteCarlo, monteCarloChunked, MAX_PATHS, MAX_PATH_MONTHS, MAX_SIMULATED_CENTS,
  type MonteCarloParams, type MonteCarloResult, type JumpInput, type Band, type Spread, type LimitStats, type ChunkOptions, type ProgressFn,
} from "./monteCarlo";
export {
  MAX_MONTHS, DRIFT_POSITION_PLACES, resolveModel,
  type Money, type MoneyPath, type CapRule, type VolumeCap, type FeeRateVolumeCap, type YieldCap, type StageChange, type LifeCycleDrift,
  type StagePath, type Claim, type FundInput, type FundTargetShare, type Driven, type DrivenLimit, type ResolveOptions,
  type StressLimits, type PeriodSettings, type ResolvedModel,
} from "./model";
export { ExactSplitter, NO_LIMIT, BOUND_NONE, BOUND_CAP, BOUND_FLOOR, boundName } from "../exactSplit";
export { MonthEngine } from "./engine";
export { PathRng, mix32 } from "./rng";
export { PERCENTILE_METHOD, PERCENTILES, nearestRank, percentilesInPlace, select } from "./percentile";
export { mulDivRem, gcd, toRatio, type QuotRem, type Ratio } from "../intMath";
