import { FEE_BUCKETS as CORE_BUCKETS, type Bucket } from "../index";
import { SCENARIO_DEFAULTS, SCENARIOS, scenarioRevenues, type CapRule, type MonteCarloParams, type MonteCarloResult, type StageChange } from "../stress";
import { isScheduleEntry } from "../stress/model";
import { invalidValue, outOfRange, TokenError } from "../errors";
import { Decimal } from "../decimal";
import { customShares, shareSet, type ShareSet, type StageInput } from "../shares";
import { STAGES } from "../stages";
import { constraintNameBase } from "./definedNames";
import { column, INTEGER, MONEY, PERCENT, PlanDraft, STYLES } from "./draft";
import { SPLIT_OK } from "./feeSplit";
import { absolute, cellAt, cellColAbs, columnLetter, rangeAt, text } from "./refs";
import type { ModelInputs, ModelNaming, PlanValue, SheetPlan, TablePlan } from "./types";

/** The bucket list is data: every column below loops over it. */
const FEE_BUCKETS: readonly Bucket[] = CORE_BUCKETS;
const N = FEE_BUCKETS.length;
const CONSTRAINED = FEE_BUCKETS.map((b, j) => ({ b, j })).filter(({ b }) => b.constraint !== "none");
const CAPPED = FEE_BUCKETS.map((b, j) => ({ b, j })).filter(({ b }) => b.constraint === "cap");
const FLOORED = FEE_BUCKETS.map((b, j) => ({ b, j })).filter(({ b }) => b.constraint === "floor");
/** The bucket that takes the rest when nothing is open to share it (the core's residual); the fund is fed by the first floored bucket, as in the core. */
const RESIDUAL = Math.max(0, FEE_BUCKETS.findIndex((b) => b.residual));
const FUND = FLOORED[0]?.j ?? RESIDUAL;

/** The sheet shows a fixed horizon: one row per month, month 0 first. */
export const STRESS_MONTHS = 36;
/** Numerators below this are exact whole numbers in a double; above it the working falls back to ordinary floating point. */
const EXACT = "9007199254740992";
const BILLION = 1_000_000_000;
// Neutral on purpose: an update without a run rewrites this cell and keeps an earlier run's values below it.
const MONTE_CARLO_NOTE = "A seeded Monte Carlo run (from the task pane, or token-model new) writes its percentiles here as values, with the seed and parameters beside them; empty until one runs.";

const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------- inputs

interface InputSpec {
  readonly key: string;
  readonly label: string;
  readonly value: PlanValue;
  readonly format: string;
  readonly note: string;
  readonly bound?: { readonly min?: number; readonly max?: number };
}

function inputSpecs(inputs: ModelInputs): InputSpec[] {
  const d = SCENARIO_DEFAULTS;
  const last = STRESS_MONTHS - 1;
  return [
    { key: "Revenue", label: "Starting monthly revenue", value: inputs.revenue, format: MONEY, note: "Month 0's fee revenue.", bound: { min: 0 } },
    { key: "Growth", label: "Growth per month", value: 0.01, format: PERCENT, note: "Base and shock scenarios: revenue = start x (1 + growth)^month.", bound: { min: -0.99, max: 10 } },
    { key: "ShockSize", label: "Shock size", value: d.shockSize, format: PERCENT, note: "Share of revenue lost during the shock.", bound: { min: 0, max: 1 } },
    { key: "ShockStart", label: "Shock starts in month", value: d.shockStart, format: INTEGER, note: `Months count from 0 (the first row) to ${last}.`, bound: { min: 0, max: last } },
    { key: "ShockLength", label: "Shock length (months)", value: d.shockLength, format: INTEGER, note: "How many months revenue stays cut.", bound: { min: 0, max: STRESS_MONTHS } },
    { key: "Recovery", label: "Recovery (months)", value: d.recoveryMonths, format: INTEGER, note: "Months to climb back to the base path in equal steps; 0 = at once.", bound: { min: 0, max: STRESS_MONTHS } },
    { key: "Decline", label: "Slow decline per month", value: d.decline, format: PERCENT, note: "Slow decline: revenue = start x (1 - decline)^month.", bound: { min: 0, max: 1 } },
    { key: "FastGrowth", label: "Fast growth per month", value: d.fastGrowth, format: PERCENT, note: "Fast growth: revenue = start x (1 + fast growth)^month.", bound: { min: -0.99, max: 10 } },
    { key: "Scenario", label: "Scenario to split", value: SCENARIOS[1].name, format: "General", note: "The revenue column the split below follows." },
    { key: "Stage", label: "Stage", value: inputs.stage, format: "General", note: "Shares come from the stage's column of the Fee Split bucket table." },
    ...CONSTRAINED.map(({ b }) => ({
      key: constraintNameBase(b)!, label: `${sentence(b.constraintName)} per month`, value: null, format: MONEY, note: "Blank: not set.", bound: { min: 0 },
    })),
    { key: "FundStart", label: "Fund balance at the start", value: Math.round(inputs.revenue * 0.5 * 100) / 100, format: MONEY, note: `The ${FEE_BUCKETS[FUND]!.name.toLowerCase()} bucket pays into the fund every month.`, bound: { min: 0 } },
    { key: "FundMin", label: "Fund minimum balance", value: Math.round(inputs.revenue * 0.3 * 100) / 100, format: MONEY, note: "Months below it are highlighted.", bound: { min: 0 } },
    { key: "ClaimMonth", label: "Claim in month", value: 18, format: INTEGER, note: "A loss paid from the fund; blank: no claim.", bound: { min: 0, max: last } },
    { key: "ClaimAmount", label: "Claim amount", value: Math.round(inputs.revenue * 1.5 * 100) / 100, format: MONEY, note: "What the fund cannot pay is shown as uncovered.", bound: { min: 0 } },
    // The article's cap rules: amounts by formula each month from drivers that move with the chosen revenue.
    { key: "VolumeShare", label: "Buyback at most, share of token volume", value: null, format: PERCENT, note: "Market-impact rule: the buyback cap is this share of the month's token volume. Blank: not set.", bound: { min: 0, max: 1 } },
    { key: "TokenVolume", label: "Token volume in month 0", value: null, format: MONEY, note: "Traded volume of the token; later months move with revenue: volume x revenue(t) / revenue(0).", bound: { min: 0 } },
    { key: "MaxApr", label: "Stakers at most, APR on staked value", value: null, format: PERCENT, note: "Yield rule: the staker cap is staked value x APR / 12 each month. Blank: not set.", bound: { min: 0, max: 1 } },
    { key: "StakedValue", label: "Staked value in month 0", value: null, format: MONEY, note: "Moves with revenue like the token volume.", bound: { min: 0 } },
    // The fund policy: topped up below the minimum (above), inflow stops at the target.
    { key: "FundTarget", label: "Fund target balance", value: null, format: MONEY, note: "At the target the fund's inflow stops and the rest goes to the overflow bucket. Blank: no target.", bound: { min: 0 } },
    { key: "FundTargetShare", label: "Fund target, share of exposure", value: null, format: PERCENT, note: "Or a target as a share of what the fund covers (with both, the lower).", bound: { min: 0, max: 1 } },
    { key: "Exposure", label: "Exposure covered in month 0", value: null, format: MONEY, note: "Open interest or TVL the fund covers; moves with revenue.", bound: { min: 0 } },
    { key: "OverflowTo", label: "Overflow above the target goes to", value: FEE_BUCKETS.find((b) => b.id === "buyback")?.name ?? OVERFLOW_CHOICES[0]!.name, format: "General", note: "Never past that bucket's cap: what it cannot take stays in the fund." },
    // Stage over time: month 0 takes the Stage above; each change below holds until the next.
    ...SCHEDULE.flatMap((k) => [
      { key: `Stage${k}From`, label: `Stage change ${k - 1}: from month`, value: null, format: INTEGER, note: "Blank: no change. Later changes must come in later months.", bound: { min: 1, max: last } },
      { key: `Stage${k}`, label: `Stage change ${k - 1}: stage`, value: null, format: "General", note: "The stage from that month on." },
    ]),
  ];
}

/** Stage changes the sheet takes after month 0's stage (keys Stage2From/Stage2, ...). */
const SCHEDULE = [2, 3, 4] as const;

/** Buckets the fund's overflow may go to: all but the bucket that feeds the fund. */
const OVERFLOW_CHOICES = FEE_BUCKETS.filter((_, j) => j !== FUND);

/** The cap rules the sheet knows, by bucket: the driver input and the rate input; yearly rates are divided by 12. */
const CAP_RULES = [
  { bucket: "buyback", rate: "VolumeShare", driver: "TokenVolume", perYear: false },
  { bucket: "stakers", rate: "MaxApr", driver: "StakedValue", perYear: true },
] as const;

/** Monte Carlo defaults for a model: volatility per month, paths and seed (recorded on the sheet with the run). */
export const MONTE_CARLO_DEFAULTS = { volatility: 0.15, paths: 10_000, seed: 1 } as const;

/** What the user chose in the pane for a Monte Carlo run; the rest comes from the sheet's inputs. */
export interface MonteCarloChoice {
  readonly volatility?: number;
  readonly paths?: number;
  readonly seed?: number;
}

/** The sheet's inputs a Monte Carlo run reads, checked: amounts in currency units, caps and floors by bucket id (only those set). */
interface RunInputs {
  readonly revenue: number;
  readonly growth: number;
  readonly stage: string;
  readonly caps: Readonly<Record<string, number>>;
  readonly floors: Readonly<Record<string, number>>;
  readonly fundStart: number;
  readonly fundMin: number;
  /** null: no claim (the month is blank). */
  readonly claimMonth: number | null;
  readonly claimAmount: number;
  /** Rules by key (VolumeShare, TokenVolume, MaxApr, StakedValue, FundTarget, FundTargetShare, Exposure): only those set. */
  readonly rules: Readonly<Record<string, number>>;
  readonly overflowTo: string;
  /** Stage changes after month 0, in order. */
  readonly schedule: readonly { readonly fromMonth: number; readonly stage: string }[];
}

/** Compute, assuming checked inputs: the parameters recorded on the sheet beside the run. */
function runParams(r: RunInputs, choice: MonteCarloChoice): MonteCarloParams {
  const limits = (set: Readonly<Record<string, number>>): Readonly<Record<string, number>> | undefined => (Object.keys(set).length > 0 ? set : undefined);
  const rule = r.rules;
  const capSet: Record<string, CapRule> = { ...r.caps };
  for (const c of CAP_RULES) {
    if (rule[c.rate] === undefined || rule[c.driver] === undefined) continue;
    const amount = r.caps[c.bucket];
    const driver = rule[c.driver]!;
    // The driver is month 0's and moves with each path's revenue, as on the sheet.
    capSet[c.bucket] = c.perYear
      ? { yieldCap: rule[c.rate]!, stakedValue: driver, ...(amount !== undefined ? { amount } : {}) }
      : { volumeShare: rule[c.rate]!, volume: driver, ...(amount !== undefined ? { amount } : {}) };
  }
  const caps = Object.keys(capSet).length > 0 ? capSet : undefined;
  const floors = limits(r.floors);
  const shareTarget = rule.FundTargetShare !== undefined && rule.Exposure !== undefined;
  const target = shareTarget
    ? { share: rule.FundTargetShare!, exposure: rule.Exposure!, ...(rule.FundTarget !== undefined ? { amount: rule.FundTarget } : {}) }
    : rule.FundTarget;
  return {
    revenue: r.revenue,
    growth: r.growth,
    volatility: choice.volatility ?? MONTE_CARLO_DEFAULTS.volatility,
    months: STRESS_MONTHS,
    paths: choice.paths ?? MONTE_CARLO_DEFAULTS.paths,
    seed: choice.seed ?? MONTE_CARLO_DEFAULTS.seed,
    stage: r.schedule.length === 0 ? r.stage : [{ fromMonth: 0, stage: r.stage }, ...r.schedule],
    ...(caps ? { caps } : {}),
    ...(floors ? { floors } : {}),
    fund: {
      startBalance: r.fundStart,
      minBalance: r.fundMin,
      ...(target !== undefined ? { target, overflowTo: r.overflowTo } : {}),
      claims: r.claimMonth === null ? [] : [{ month: r.claimMonth, amount: r.claimAmount }],
    },
  };
}

/**
 * The Monte Carlo run that matches the sheet's default inputs (start revenue,
 * growth, stage, fund, claim), so the values it writes sit beside the
 * scenarios they vary. The pane (for a new sheet) and the CLI run it; the
 * seed is recorded.
 */
export function stressRunParams(inputs: ModelInputs, choice: MonteCarloChoice = {}, sheetInputs: StressSheetInputs = {}): MonteCarloParams {
  const rows = inputs.stagePercents;
  return withOwnShares(runParams(checkRunInputs(stressInputDefaults(inputs, sheetInputs)), choice), (stage) => rows?.[stage]
    ? { values: FEE_BUCKETS.map((b) => rows[stage]![b.id] ?? 0), where: `the ${stage} shares`, read: templateRow }
    : undefined);
}

/** A stage's shares in the standard buckets' order, how a message names them, and how they are read. */
interface ShareRow {
  readonly values: readonly unknown[];
  readonly where: string;
  readonly read: (values: readonly unknown[]) => ShareSet;
}

/**
 * Each stage of a run (a schedule's too) on the model's own share row, as
 * the sheets hold it (the Stress Test sheet reads FeeShares), not the seed
 * table's: the template's for a new model, the Fee Split's FeeShares view for a
 * sheet being updated. A row equal to the seed's keeps the stage's name, so
 * the recorded run says "growth" where nothing was changed.
 */
function withOwnShares(params: MonteCarloParams, rowOf: (stage: string) => ShareRow | undefined): MonteCarloParams {
  const own = (stage: StageInput): StageInput => {
    if (typeof stage !== "string") return stage;
    const row = rowOf(stage);
    const seed = STAGES.find((s) => s.id === stage);
    if (!row || !seed) return stage;
    const shares = checkShareRow(row);
    const fractions = shares.shares.map((x) => x.toNumber());
    return FEE_BUCKETS.every((b, j) => fractions[j] === seed.percent[b.id as keyof typeof seed.percent] / 100) ? stage : shares;
  };
  const stage = params.stage;
  if (Array.isArray(stage) && stage.every(isScheduleEntry)) return { ...params, stage: stage.map((c: StageChange) => ({ ...c, stage: own(c.stage) })) };
  return { ...params, stage: own(stage as StageInput) };
}

/**
 * The Fee Split sheet's FeeShares view for these inputs as a new sheet holds
 * it (stages down, the standard buckets across: the template's shares, else
 * the seed's), as Excel would give it back.
 */
export function modelShareTable(inputs: ModelInputs): readonly (readonly number[])[] {
  return STAGES.map((st) => FEE_BUCKETS.map((b) => (inputs.stagePercents?.[st.id]?.[b.id] ?? st.percent[b.id as keyof typeof st.percent] ?? 0) / 100));
}

/** In the recorded parameters a share set reads as its fractions by bucket ({"buyback":0.4,...}), not as the core's object. */
const shareSetAsFractions = (_key: string, value: unknown): unknown => {
  if (value === null || typeof value !== "object" || !("shares" in value) || !("buckets" in value)) return value;
  const set = value as ShareSet;
  return Object.fromEntries(set.buckets.map((b, j) => [b.id, set.shares[j]!.toNumber()]));
};

/** A template's row, by the core's rule for typed shares (numbers, none negative, summing to 100%). */
const templateRow = (values: readonly unknown[]): ShareSet => customShares(values, FEE_BUCKETS);

/**
 * The standard buckets' shares as the Fee Split sheet gives them to the
 * Stress Test sheet (FeeShares): each a number from 0 to 1, read to whole
 * billionths and split pro rata to those, as the Stress Test's formulas do;
 * so when the bucket table also holds other buckets, their share is spread
 * over the four there and here alike.
 */
const sheetRow = (values: readonly unknown[]): ShareSet => {
  values.forEach((v, j) => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1) {
      throw invalidValue(`the ${FEE_BUCKETS[j]!.name} share is ${isBlank(v) ? "blank" : shown(v)}: give it a share from 0% to 100% in the Fee Split bucket table.`);
    }
  });
  if (values.every((v) => (v as number) * 1e9 < 0.5)) {
    throw invalidValue("every standard bucket's share is 0 for this stage: give the stage's column of the Fee Split bucket table shares that total 100%.");
  }
  return shareSet("custom", FEE_BUCKETS, values.map((v) => new Decimal(v as number)));
};

/** A stage's shares, read by its rule; what cannot drive a run names where it is. */
function checkShareRow(row: ShareRow): ShareSet {
  try {
    return row.read(row.values);
  } catch (e) {
    if (e instanceof TokenError) throw new TokenError(e.kind, `${sentence(row.where)} cannot drive a run: ${e.message}`);
    throw e;
  }
}

/** Values for the sheet's inputs by key (as in STRESS_TEST_LAYOUT.inputs), written instead of the defaults: the CLI's --token-volume and the like. */
export type StressSheetInputs = Readonly<Record<string, PlanValue>>;

/** Every input's value as a new sheet holds it: the defaults, then `sheetInputs` (unknown keys refused). */
export function stressInputDefaults(inputs: ModelInputs, sheetInputs: StressSheetInputs): Record<string, PlanValue> {
  const specs = inputSpecs(inputs);
  for (const key of Object.keys(sheetInputs)) {
    if (!specs.some((x) => x.key === key)) throw invalidValue(`The Stress Test sheet has no input "${key}"; inputs are ${specs.map((x) => x.key).join(", ")}.`);
  }
  return Object.fromEntries(specs.map((x) => [x.key, x.key in sheetInputs ? sheetInputs[x.key]! : x.value]));
}

/** Why a Stress Test input cannot drive a run; `at` names the cell and its label, e.g. B6 ("Growth per month"). */
export const STRESS_INPUT_MESSAGES = {
  missing: (at: string) => `The Stress Test sheet's ${at} is empty: give a number there, then run again.`,
  notNumber: (at: string, got: string) => `The Stress Test sheet's ${at} holds ${got}, not a number: give a number there, then run again.`,
  notWhole: (at: string, got: number) => `The Stress Test sheet's ${at} is ${got}: give a whole number of months.`,
  halfRule: (at: string, other: string) => `The Stress Test sheet's ${at} is set but ${other} is blank: give both, or clear both.`,
  overflow: (at: string, got: string) => `The Stress Test sheet's ${at} is ${got}: choose one of ${OVERFLOW_CHOICES.map((b) => b.name).join(", ")} from the list.`,
  targetBelowMin: (at: string, min: string) => `The Stress Test sheet's ${at} is below the ${min}: give a target at or above the minimum.`,
  scheduleStage: (at: string, other: string) => `The Stress Test sheet's ${at} is set but ${other} is blank: give the month and the stage of the change, or clear both.`,
  scheduleOrder: (at: string, before: string) => `The Stress Test sheet's ${at} must be a later month than ${before}: list stage changes in time order.`,
  outOfRange: (at: string, got: number, bound: { readonly min?: number; readonly max?: number }) =>
    `The Stress Test sheet's ${at} is ${got}: give a number${bound.min !== undefined ? ` from ${bound.min}` : ""}${bound.max !== undefined ? ` to ${bound.max}` : ""}.`,
  noStage: (at: string) => `The Stress Test sheet's ${at} is empty: choose a stage from the list, then run again.`,
  stage: (at: string, got: string) => `The Stress Test sheet's ${at} is ${got}: choose one of ${STAGES.map((s) => s.id).join(", ")} from the list.`,
} as const;

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const shown = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : String(v));

/** Check first: every input a run reads, from the values Excel gives (numbers, "" for a blank cell, text, "#N/A"-style errors). */
function checkRunInputs(values: Readonly<Record<string, unknown>>): RunInputs {
  const specs = inputSpecs({ archetype: "exchange", stage: "growth", revenue: 0, mechanics: [] });
  const spec = (key: string): InputSpec => specs.find((s) => s.key === key)!;
  const at = (key: string): string => `${STRESS_TEST_LAYOUT.inputs[key]} ("${spec(key).label}")`;
  /** A number within the input's bound; blank gives `blank` when there is one, else an error. */
  const num = (key: string, blank?: number | null): number | null => {
    const v = values[key];
    if (isBlank(v)) {
      if (blank === undefined) throw invalidValue(STRESS_INPUT_MESSAGES.missing(at(key)));
      return blank;
    }
    if (typeof v !== "number" || !Number.isFinite(v)) throw invalidValue(STRESS_INPUT_MESSAGES.notNumber(at(key), shown(v)));
    const bound = spec(key).bound ?? {};
    if ((bound.min !== undefined && v < bound.min) || (bound.max !== undefined && v > bound.max)) throw outOfRange(STRESS_INPUT_MESSAGES.outOfRange(at(key), v, bound));
    return v;
  };
  const stageValue = values.Stage;
  if (isBlank(stageValue)) throw invalidValue(STRESS_INPUT_MESSAGES.noStage(at("Stage")));
  const stage = typeof stageValue === "string" ? STAGES.find((s) => s.id === stageValue.trim().toLowerCase())?.id : undefined;
  if (stage === undefined) throw invalidValue(STRESS_INPUT_MESSAGES.stage(at("Stage"), shown(stageValue)));
  const caps: Record<string, number> = {};
  const floors: Record<string, number> = {};
  for (const { b } of CONSTRAINED) {
    const limit = num(constraintNameBase(b)!, null);
    if (limit !== null) (b.constraint === "cap" ? caps : floors)[b.id] = limit;
  }
  const claimMonth = num("ClaimMonth", null);
  if (claimMonth !== null && !Number.isInteger(claimMonth)) throw invalidValue(STRESS_INPUT_MESSAGES.notWhole(at("ClaimMonth"), claimMonth));
  const rules: Record<string, number> = {};
  for (const key of ["VolumeShare", "TokenVolume", "MaxApr", "StakedValue", "FundTarget", "FundTargetShare", "Exposure"]) {
    const v = num(key, null);
    if (v !== null) rules[key] = v;
  }
  for (const [a, b] of [...CAP_RULES.map((c) => [c.rate, c.driver] as const), ["FundTargetShare", "Exposure"] as const]) {
    if ((rules[a] === undefined) !== (rules[b] === undefined)) throw invalidValue(STRESS_INPUT_MESSAGES.halfRule(at(rules[a] === undefined ? b : a), at(rules[a] === undefined ? a : b)));
  }
  const fundMin = num("FundMin", 0)!;
  if (rules.FundTarget !== undefined && rules.FundTarget < fundMin) throw outOfRange(STRESS_INPUT_MESSAGES.targetBelowMin(at("FundTarget"), at("FundMin")));
  const overflowValue = values.OverflowTo;
  const overflow = isBlank(overflowValue)
    ? FEE_BUCKETS.find((b) => b.id === "buyback") ?? OVERFLOW_CHOICES[0]
    : typeof overflowValue === "string" ? OVERFLOW_CHOICES.find((b) => b.name.toLowerCase() === overflowValue.trim().toLowerCase() || b.id === overflowValue.trim().toLowerCase()) : undefined;
  if (overflow === undefined) throw invalidValue(STRESS_INPUT_MESSAGES.overflow(at("OverflowTo"), shown(overflowValue)));
  const schedule: { fromMonth: number; stage: string }[] = [];
  for (const k of SCHEDULE) {
    const from = num(`Stage${k}From`, null);
    const stageAt = values[`Stage${k}`];
    if ((from === null) !== isBlank(stageAt)) throw invalidValue(STRESS_INPUT_MESSAGES.scheduleStage(at(from === null ? `Stage${k}` : `Stage${k}From`), at(from === null ? `Stage${k}From` : `Stage${k}`)));
    if (from === null) continue;
    if (!Number.isInteger(from)) throw invalidValue(STRESS_INPUT_MESSAGES.notWhole(at(`Stage${k}From`), from));
    const id = typeof stageAt === "string" ? STAGES.find((s) => s.id === stageAt.trim().toLowerCase())?.id : undefined;
    if (id === undefined) throw invalidValue(STRESS_INPUT_MESSAGES.stage(at(`Stage${k}`), shown(stageAt)));
    const previous = schedule[schedule.length - 1];
    if (previous !== undefined && from <= previous.fromMonth) throw invalidValue(STRESS_INPUT_MESSAGES.scheduleOrder(at(`Stage${k}From`), `${previous.fromMonth}`));
    schedule.push({ fromMonth: from, stage: id });
  }
  return {
    revenue: num("Revenue")!,
    growth: num("Growth")!,
    stage,
    caps,
    floors,
    // Blank amounts count as 0, as the sheet's own formulas take them.
    fundStart: num("FundStart", 0)!,
    fundMin,
    claimMonth,
    claimAmount: num("ClaimAmount", 0)!,
    rules,
    overflowTo: overflow.id,
    schedule,
  };
}

/**
 * The Monte Carlo run that matches what the user typed on an existing
 * Stress Test sheet: `values` holds each input's value by key (as in
 * STRESS_TEST_LAYOUT.inputs; stressInputValues turns the input column into
 * it). Starting revenue, growth, stage, caps and floors (blank: not set),
 * fund start and minimum (blank: 0), the claim (blank month: none). A value
 * that cannot drive a run throws a TokenError naming its cell and label.
 */
export function stressRunParamsFromSheet(values: Readonly<Record<string, unknown>>, choice: MonteCarloChoice = {}, shareTable?: readonly (readonly unknown[])[]): MonteCarloParams {
  const params = runParams(checkRunInputs(values), choice);
  if (!shareTable) return params;
  return withOwnShares(params, (stage) => {
    const i = STAGES.findIndex((s) => s.id === stage);
    const row = shareTable[i];
    return row ? { values: row, where: `the Fee Split sheet's ${stage} shares`, read: sheetRow } : undefined;
  });
}

/** The inputs' keys and rows do not depend on the model's values. */
const INPUT_KEYS = inputSpecs({ archetype: "exchange", stage: "growth", revenue: 0, mechanics: [] }).map((s) => s.key);

/** Defined names (bases, before the model's suffix) this sheet creates. */
export const STRESS_NAME_BASES: readonly string[] = [
  ...INPUT_KEYS.map((key) => `Stress${key}`),
  "StressScenarioList", "StressOverflowList", "StressMonthly", "StressMonteCarlo",
];

// ---------------------------------------------------------------- layout

const HEAD = 4;
const INPUT_FIRST = HEAD + 1;
const INPUT_COUNT = INPUT_KEYS.length;
const INPUT_LAST = INPUT_FIRST + INPUT_COUNT; // one more row: the fixed number of months
const CONST_HEADERS = ["Bucket", "Share", "Share in billionths", "Weight", "Cap set", "Cap (cents)", "Floor set", "Floor (cents)"] as const;
const SCALAR_FIRST = HEAD + N + 2;
const SCALARS = [
  "Scenario column", "Fund start (cents)", "Fund minimum (cents)", "Claim (cents)", "Common factor of the shares",
  "Volume rule set", "Token volume in month 0 (cents)", "Volume share in billionths", "Volume share: numerator", "Volume share: denominator",
  "APR rule set", "Staked value in month 0 (cents)", "APR in billionths", "APR per month: numerator", "APR per month: denominator",
  "Fund target set", "Fund target (cents)", "Target share set", "Exposure in month 0 (cents)", "Target share in billionths",
  "Target share: numerator", "Target share: denominator", "Overflow bucket (number)",
] as const;
const TABLE_TITLE = Math.max(INPUT_LAST, SCALAR_FIRST + SCALARS.length - 1) + 3;
const TABLE_HEAD = TABLE_TITLE + 2;
const FIRST_MONTH = TABLE_HEAD + 1;
const LAST_MONTH = FIRST_MONTH + STRESS_MONTHS - 1;

// Visible columns of the monthly table.
const MONTH_COL = 1;
const amountCol = (j: number): number => 2 + j;
const REVENUE_COL = 2 + N;
const scenarioCol = (s: number): number => REVENUE_COL + 1 + s;
const CUSTOM = SCENARIOS.findIndex((s) => s.kind === "custom");
const FUND_COL = scenarioCol(SCENARIOS.length); // inflow, claim, paid, uncovered, balance
const FUND_HEADERS = ["Fund inflow", "Claim", "Paid from fund", "Uncovered loss", "Fund balance"] as const;
const BALANCE_COL = FUND_COL + FUND_HEADERS.length - 1;
/** The month's stage, the rule drivers, the fund target and what moved above it. */
const RULE_COL = FUND_COL + FUND_HEADERS.length;
const RULE_HEADERS = ["Stage", "Token volume", "Staked value", "Fund target", "Overflow above the target"] as const;
const BOUND_COL = RULE_COL + RULE_HEADERS.length;
const CHECK_COL = BOUND_COL + 1;
// Right of the table, folded into one collapsed column group: the scenario list, the per-bucket constants, the helper columns.
const LIST_COL = CHECK_COL + 2;
const CONST_COL = LIST_COL + 2;
const HELPER_COL = CONST_COL + CONST_HEADERS.length + 1;
/** The charts sit in the band beside the inputs (from column D) and beside the Monte Carlo record. */
const CHART_COL = 4;

const constCell = (field: (typeof CONST_HEADERS)[number], j: number): string => cellAt(CONST_COL + CONST_HEADERS.indexOf(field), HEAD + 1 + j, true);
const scalarCell = (what: (typeof SCALARS)[number]): string => cellAt(CONST_COL + 1, SCALAR_FIRST + SCALARS.indexOf(what), true);

/** Where the key cells are (relative A1 on the Stress Test sheet). */
export const STRESS_TEST_LAYOUT = {
  inputs: Object.fromEntries(INPUT_KEYS.map((key, i) => [key, cellAt(2, INPUT_FIRST + i)])) as Readonly<Record<string, string>>,
  /** Every input cell, one column, in the order of inputKeys: one range to read. */
  inputRange: rangeAt(2, INPUT_FIRST, 2, INPUT_FIRST + INPUT_COUNT - 1),
  inputKeys: INPUT_KEYS as readonly string[],
  firstMonthRow: FIRST_MONTH,
  lastMonthRow: LAST_MONTH,
  headerRow: TABLE_HEAD,
  monthColumn: MONTH_COL,
  amountColumns: FEE_BUCKETS.map((_, j) => amountCol(j)),
  revenueColumn: REVENUE_COL,
  scenarioColumns: SCENARIOS.map((_, s) => scenarioCol(s)),
  fundColumns: { inflow: FUND_COL, claim: FUND_COL + 1, paid: FUND_COL + 2, uncovered: FUND_COL + 3, balance: BALANCE_COL },
  ruleColumns: { stage: RULE_COL, tokenVolume: RULE_COL + 1, stakedValue: RULE_COL + 2, fundTarget: RULE_COL + 3, overflow: RULE_COL + 4 },
  boundColumn: BOUND_COL,
  checkColumn: CHECK_COL,
  helperColumn: HELPER_COL,
  /** Where a recorded Monte Carlo run's seed and path count sit (blank until one runs). */
  monteCarloSeed: cellAt(2, LAST_MONTH + 5),
  monteCarloPaths: cellAt(2, LAST_MONTH + 6),
} as const;

/** The input column's values (a range's `values`, one row per input) by key, for stressRunParamsFromSheet. */
export function stressInputValues(column: readonly (readonly unknown[])[]): Readonly<Record<string, unknown>> {
  return Object.fromEntries(INPUT_KEYS.map((key, i) => [key, column[i]?.[0]]));
}

// ---------------------------------------------------------------- the working, per month

interface HelperSpec {
  readonly key: string;
  readonly header: string;
  /** The formula in month row r. */
  readonly formula: (r: number) => string;
}

/** What the helper columns read besides the month's row: input cells and the sheet's names. */
interface HelperContext {
  readonly revenue: (r: number) => string;
  readonly prevBalance: (r: number) => string;
  readonly input: (key: string) => string;
  readonly stageList: string;
  readonly feeShares: string;
  readonly bucketNames: string;
}

/**
 * The core's split (src/feeSplit.ts, as src/exactSplit.ts computes it) and
 * the stress engine's month (src/stress/engine.ts) spelled out in helper
 * columns, one row per month:
 * 0. The month's stage (month 0's, or the last change at or before it), its
 *    shares as whole-number weights; caps from the amounts and the rules
 *    (share of token volume, APR on staked value / 12; drivers move with
 *    revenue, rounded to the cent; rule caps round down; with both, the
 *    lower); the insurance floor raised to the fund's shortfall below its
 *    minimum (top-up first).
 * 1. Floors, in bucket order: a floored bucket below min(floor, revenue) is
 *    raised to it, paid for by the buckets without a floor pro rata (they
 *    stay proportional to their weights: their total D shrinks).
 * 2. Every open bucket then holds b * (R - C) / B, with b whole-number
 *    weights (the shares; after a floor binds, the floored amounts and the
 *    donors' weights times D), C the caps pinned and B the open total. A
 *    round pins every open bucket over its cap; one round per capped bucket.
 * 3. Whole cents: cut down, then the cents left go to the largest
 *    remainders, ties to the earlier bucket; pinned buckets take none.
 * 4. At the fund target, what the fund bucket would pay in above it moves to
 *    the overflow bucket, up to that bucket's cap; then the claim.
 * Quotients and remainders are exact while numerators stay below 2^53
 * (always without a binding floor; with one, up to large amounts).
 */
function helperSpecs(x: HelperContext): HelperSpec[] {
  const { revenue, prevBalance, input } = x;
  const specs: HelperSpec[] = [];
  const col = new Map<string, number>();
  const at = (key: string, r: number): string => {
    const c = col.get(key);
    if (c === undefined) throw new Error(`No helper column "${key}".`);
    return cellAt(c, r);
  };
  const first = (key: string): string => {
    const c = col.get(key);
    if (c === undefined) throw new Error(`No helper column "${key}".`);
    return cellAt(c, FIRST_MONTH, true);
  };
  const span = (keys: readonly string[], r: number): string => {
    const cols = keys.map((k) => col.get(k)!);
    for (let i = 1; i < cols.length; i++) if (cols[i] !== cols[0]! + i) throw new Error(`Helper columns ${keys.join(", ")} are not side by side.`);
    return rangeAt(cols[0]!, r, cols[cols.length - 1]!, r);
  };
  const add = (key: string, header: string, formula: (r: number) => string): void => {
    specs.push({ key, header, formula });
  };
  const each = (prefix: string, header: (b: Bucket) => string, formula: (j: number, r: number) => string): string[] =>
    FEE_BUCKETS.map((b, j) => {
      add(`${prefix}${j}`, header(b), (r) => formula(j, r));
      return `${prefix}${j}`;
    });
  const name = (b: Bucket): string => b.name.toLowerCase();
  const sc = scalarCell;
  /** floor(a * num / den) exactly while a * num < 2^53 (else floating point), a >= 0. */
  const floorDiv = (a: string, num: string, den: string): string => {
    const c0 = `ROUNDDOWN(${a}*${num}/${den},0)`;
    return `IF(${a}*${num}<${EXACT},${c0}-IF(${a}*${num}-${den}*${c0}<0,1,0)+IF(${a}*${num}-${den}*${c0}>=${den},1,0),${c0})`;
  };
  /** A driver moved with revenue: round(base x R / R0) in cents; base when month 0 has no revenue. */
  const moved = (base: string, r: number): string => `IF(${first("R")}=0,${base},ROUND(${base}*${at("R", r)}/${first("R")},0))`;

  add("R", "Revenue (cents)", (r) => `=ROUND(${revenue(r)}*100,0)`);
  add("prev", "Fund before the month (cents)", (r) => `=${prevBalance(r)}`);

  // 0. The month's stage and its weights.
  const month = (r: number): string => cellAt(MONTH_COL, r);
  add("stage", "Stage this month", (r) => `=${SCHEDULE.reduce((rest, k) => {
    const [from, stage] = [input(`Stage${k}From`), input(`Stage${k}`)];
    return `IF(AND(ISNUMBER(${from}),LEN(${stage})>0,${month(r)}>=${from}),${stage},${rest})`;
  }, input("Stage"))}`);
  add("stageRow", "Row of the stage in the stage list", (r) => `=MATCH(${at("stage", r)},${x.stageList},0)`);
  const sb = each("sb", (bk) => `${bk.name}: share in billionths`, (j, r) => `=ROUND(INDEX(${x.feeShares},${at("stageRow", r)},${j + 1})*${BILLION},0)`);
  add("gs", "Common factor of the shares", (r) => `=MAX(1,GCD(${span(sb, r)}))`);
  const w = each("w", (bk) => `${bk.name}: weight`, (j, r) => `=${at(`sb${j}`, r)}/${at("gs", r)}`);
  add("S", "Weight total", (r) => `=SUM(${span(w, r)})`);

  // Rule drivers, moving with revenue.
  add("vol", "Token volume (cents)", (r) => `=IF(${sc("Volume rule set")}=1,${moved(sc("Token volume in month 0 (cents)"), r)},0)`);
  add("stk", "Staked value (cents)", (r) => `=IF(${sc("APR rule set")}=1,${moved(sc("Staked value in month 0 (cents)"), r)},0)`);
  add("exp", "Exposure covered (cents)", (r) => `=IF(${sc("Target share set")}=1,${moved(sc("Exposure in month 0 (cents)"), r)},0)`);

  // Caps this month: the amount, the rule, or the lower of both.
  const ruleOf = (j: number): { set: string; cents: (r: number) => string } | null => {
    const id = FEE_BUCKETS[j]!.id;
    if (id === "buyback") return { set: sc("Volume rule set"), cents: (r) => floorDiv(at("vol", r), sc("Volume share: numerator"), sc("Volume share: denominator")) };
    if (id === "stakers") return { set: sc("APR rule set"), cents: (r) => floorDiv(at("stk", r), sc("APR per month: numerator"), sc("APR per month: denominator")) };
    return null;
  };
  const capSet = each("cset", (bk) => `${bk.name}: cap set (1 = yes)`, (j) => {
    if (FEE_BUCKETS[j]!.constraint !== "cap") return "=0";
    const rule = ruleOf(j);
    return rule === null ? `=${constCell("Cap set", j)}` : `=IF(OR(${constCell("Cap set", j)}=1,${rule.set}=1),1,0)`;
  });
  const caps = each("cap", (bk) => `${bk.name}: cap (cents)`, (j, r) => {
    if (FEE_BUCKETS[j]!.constraint !== "cap") return "=0";
    const rule = ruleOf(j);
    const amount = constCell("Cap (cents)", j);
    if (rule === null) return `=${amount}`;
    return `=IF(${rule.set}=1,IF(${constCell("Cap set", j)}=1,MIN(${amount},${rule.cents(r)}),${rule.cents(r)}),${amount})`;
  });
  // Floors this month: the fund's bucket takes the shortfall below the minimum first.
  add("short", "Fund shortfall below its minimum (cents)", (r) => `=IF(${at("prev", r)}<${sc("Fund minimum (cents)")},${sc("Fund minimum (cents)")}-${at("prev", r)},0)`);
  for (const { j } of FLOORED) {
    add(`fset${j}`, `${FEE_BUCKETS[j]!.name}: floor set (1 = yes)`,
      (r) => (j === FUND ? `=IF(OR(${constCell("Floor set", j)}=1,${at("short", r)}>0),1,0)` : `=${constCell("Floor set", j)}`));
    add(`fl${j}`, `${FEE_BUCKETS[j]!.name}: floor (cents)`,
      (r) => (j === FUND ? `=IF(${at("short", r)}>0,MAX(${constCell("Floor (cents)", j)},${at("short", r)}),${constCell("Floor (cents)", j)})` : `=${constCell("Floor (cents)", j)}`));
  }
  const floorSet = (j: number, r: number): string => at(`fset${j}`, r);
  const floorCents = (j: number, r: number): string => at(`fl${j}`, r);
  const wj = (j: number, r: number): string => at(`w${j}`, r);
  const S = (r: number): string => at("S", r);
  add("Wd", "Weight of buckets without a floor", (r) => `=${FEE_BUCKETS.map((_, j) => (FEE_BUCKETS[j]!.constraint === "floor" ? `${wj(j, r)}*(1-${floorSet(j, r)})` : wj(j, r))).join("+")}`);
  const Wd = (r: number): string => at("Wd", r);

  add("D0", "Buckets without a floor: total x weight total", (r) => `=${at("R", r)}*${Wd(r)}`);
  let D = "D0";
  for (const { b, j } of FLOORED) {
    const prev = D;
    add(`need${j}`, `${sentence(name(b))} floor: shortfall x weight total`,
      (r) => `=IF(${floorSet(j, r)}=1,MIN(${floorCents(j, r)},${at("R", r)})*${S(r)}-${at("R", r)}*${wj(j, r)},0)`);
    add(`binds${j}`, `${sentence(name(b))} floor binds (1 = yes)`, (r) => `=IF(${at(`need${j}`, r)}>0,1,0)`);
    add(`take${j}`, `${sentence(name(b))} floor: moved x weight total`, (r) => `=IF(${at(`binds${j}`, r)}=1,MIN(${at(`need${j}`, r)},${at(prev, r)}),0)`);
    add(`D${j}`, `After the ${name(b)} floor: total without a floor x weight total`, (r) => `=${at(prev, r)}-${at(`take${j}`, r)}`);
    D = `D${j}`;
  }
  add("anyFloor", "A floor binds (1 = yes)", (r) => (FLOORED.length === 0 ? "=0" : `=IF(${FLOORED.map(({ j }) => at(`binds${j}`, r)).join("+")}>0,1,0)`));
  const b = each("b", (bk) => `${bk.name}: weight b`, (j, r) => {
    // A bucket whose floor is set keeps its own amount; every other bucket funds the floors (weight x D).
    const donor = `${wj(j, r)}*${at(D, r)}`;
    const scaled = FEE_BUCKETS[j]!.constraint === "floor"
      ? `IF(${floorSet(j, r)}=1,(${at("R", r)}*${wj(j, r)}+${at(`take${j}`, r)})*MAX(${Wd(r)},1),${donor})`
      : donor;
    return `=IF(${at("anyFloor", r)}=1,${scaled},${wj(j, r)})`;
  });
  add("B0", "Total of b", (r) => `=SUM(${span(b, r)})`);

  // Caps in rounds.
  let C: string | null = null;
  let B = "B0";
  const pinned = new Map<number, string>();
  for (let k = 1; k <= CAPPED.length; k++) {
    const [prevC, prevB] = [C, B];
    const left = (r: number): string => (prevC === null ? at("R", r) : `(${at("R", r)}-${at(prevC, r)})`);
    for (const { b: bucket, j } of CAPPED) {
      const before = pinned.get(j);
      const over = (r: number): string => `AND(${at(`cset${j}`, r)}=1,${at(`b${j}`, r)}*${left(r)}>${at(`cap${j}`, r)}*${at(prevB, r)})`;
      add(`pin${k}_${j}`, `Round ${k}: ${name(bucket)} at its cap (1 = yes)`,
        (r) => (before === undefined ? `=IF(${over(r)},1,0)` : `=IF(${at(before, r)}=1,1,IF(${over(r)},1,0))`));
    }
    for (const { j } of CAPPED) pinned.set(j, `pin${k}_${j}`);
    add(`C${k}`, `Round ${k}: caps pinned (cents)`, (r) => `=${CAPPED.map(({ j }) => `${at(`pin${k}_${j}`, r)}*${at(`cap${j}`, r)}`).join("+")}`);
    add(`B${k}`, `Round ${k}: open total of b`, (r) => `=${at("B0", r)}-(${CAPPED.map(({ j }) => `${at(`pin${k}_${j}`, r)}*${at(`b${j}`, r)}`).join("+")})`);
    C = `C${k}`;
    B = `B${k}`;
  }
  const lastC = C;
  const lastB = B;
  add("M", "Cents for the open buckets", (r) => (lastC === null ? `=${at("R", r)}` : `=${at("R", r)}-${at(lastC, r)}`));
  add("g", "Common factor", (r) => `=IF(${at(lastB, r)}=0,1,IFERROR(GCD(${at("M", r)},${at(lastB, r)}),1))`);
  add("m", "Multiplier", (r) => `=${at("M", r)}/${at("g", r)}`);
  add("d", "Divisor", (r) => `=${at(lastB, r)}/${at("g", r)}`);
  const open = each("open", (bk) => `${bk.name}: open (1 = yes)`, (j, r) => {
    const p = pinned.get(j);
    return p === undefined ? "=1" : `=1-${at(p, r)}`;
  });
  each("num", (bk) => `${bk.name}: numerator`, (j, r) => `=${at(`b${j}`, r)}*${at("m", r)}`);
  each("cut0", (bk) => `${bk.name}: cut down (first try)`, (j, r) => `=IF(${at("d", r)}=0,0,ROUNDDOWN(${at(`num${j}`, r)}/${at("d", r)},0))`);
  const cut = each("cut", (bk) => `${bk.name}: cents cut down`, (j, r) => {
    const [num, c0, dd] = [at(`num${j}`, r), at(`cut0${j}`, r), at("d", r)];
    const capCents = FEE_BUCKETS[j]!.constraint === "cap" ? at(`cap${j}`, r) : "0";
    const nothingOpen = j === RESIDUAL ? at("M", r) : "0";
    return `=IF(${at(`open${j}`, r)}=0,${capCents},IF(${dd}=0,${nothingOpen},IF(${num}<${EXACT},${c0}-IF(${num}-${dd}*${c0}<0,1,0)+IF(${num}-${dd}*${c0}>=${dd},1,0),${c0})))`;
  });
  const rem = each("rem", (bk) => `${bk.name}: remainder (x divisor)`, (j, r) => {
    const [num, c, dd] = [at(`num${j}`, r), at(`cut${j}`, r), at("d", r)];
    return `=IF(OR(${at(`open${j}`, r)}=0,${dd}=0),-1,IF(${num}<${EXACT},${num}-${dd}*${c},(${num}/${dd}-${c})*${dd}))`;
  });
  add("L", "Cents left to hand out", (r) => `=${at("R", r)}-SUM(${span(cut, r)})`);
  each("rank", (bk) => `${bk.name}: rank of remainder`, (j, r) => {
    const ties = j === 0 ? "" : `+SUMPRODUCT(${span(open.slice(0, j), r)},--(${span(rem.slice(0, j), r)}=${at(`rem${j}`, r)}))`;
    return `=IF(${at(`open${j}`, r)}=1,1+SUMPRODUCT(${span(open, r)},--(${span(rem, r)}>${at(`rem${j}`, r)}))${ties},0)`;
  });
  const split = each("split", (bk) => `${bk.name}: split (cents)`, (j, r) =>
    `=${at(`cut${j}`, r)}+IF(AND(${at(`open${j}`, r)}=1,${at(`rank${j}`, r)}<=${at("L", r)}),1,0)`);

  // 4. The fund target and its overflow.
  const o = sc("Overflow bucket (number)");
  add("target", "Fund target (cents; -1 = none)", (r) => {
    const shareTarget = floorDiv(at("exp", r), sc("Target share: numerator"), sc("Target share: denominator"));
    const amount = sc("Fund target (cents)");
    const raw = `IF(${sc("Target share set")}=1,IF(${sc("Fund target set")}=1,MIN(${amount},${shareTarget}),${shareTarget}),${amount})`;
    return `=IF(OR(${sc("Fund target set")}=1,${sc("Target share set")}=1),MAX(${raw},${sc("Fund minimum (cents)")}),-1)`;
  });
  add("excess", "Fund inflow above the target (cents)", (r) =>
    `=IF(${at("target", r)}<0,0,MAX(0,${at(`split${FUND}`, r)}-MAX(0,${at("target", r)}-${at("prev", r)})))`);
  add("room", "Overflow bucket: room under its cap (cents)", (r) =>
    `=IF(INDEX(${span(capSet, r)},1,${o})=1,MAX(0,INDEX(${span(caps, r)},1,${o})-INDEX(${span(split, r)},1,${o})),${at("excess", r)})`);
  add("moved", "Moved to the overflow bucket (cents)", (r) => `=MIN(${at("excess", r)},${at("room", r)})`);
  each("cents", (bk) => `${bk.name} (cents)`, (j, r) =>
    `=${at(`split${j}`, r)}${j === FUND ? `-${at("moved", r)}` : ""}+IF(${o}=${j + 1},${at("moved", r)},0)`);

  // The fund, in cents.
  const claimMonth = absolute(STRESS_TEST_LAYOUT.inputs.ClaimMonth!);
  add("claim", "Claim (cents)", (r) => `=IF(AND(ISNUMBER(${claimMonth}),${month(r)}=${claimMonth}),${sc("Claim (cents)")},0)`);
  add("avail", "Fund before the claim (cents)", (r) => `=${at("prev", r)}+${at(`cents${FUND}`, r)}`);
  add("paid", "Paid from the fund (cents)", (r) => `=MIN(${at("claim", r)},${at("avail", r)})`);
  add("balance", "Fund balance (cents)", (r) => `=${at("avail", r)}-${at("paid", r)}`);

  specs.forEach((sp, i) => col.set(sp.key, HELPER_COL + i));
  return specs;
}

// ---------------------------------------------------------------- the plan

/** A Monte Carlo run to record on the sheet as values: its result and the parameters it ran with. */
export interface StressTestOptions {
  readonly monteCarlo?: { readonly result: MonteCarloResult; readonly params: MonteCarloParams };
  /** Values the Stress Test sheet's inputs start with instead of the defaults, by key (the CLI's rule, fund and schedule options). */
  readonly stressInputs?: StressSheetInputs;
}

/**
 * The Stress Test sheet: scenario inputs; 36 months of revenue for every
 * deterministic scenario and the split of the chosen one by native formulas
 * (the core's algorithm in helper columns, exact to the cent), with the fund
 * carried month to month and one claim; a Monte Carlo's percentiles as
 * values with its seed and parameters; a stacked column chart of the split
 * and a fan chart of the fund balance.
 */
export function buildStressTestPlan(inputs: ModelInputs, naming: ModelNaming, options: StressTestOptions = {}): SheetPlan {
  const d = new PlanDraft("stressTest", naming);
  const startValues = stressInputDefaults(inputs, options.stressInputs ?? {});
  const specs = inputSpecs(inputs).map((x) => ({ ...x, value: startValues[x.key]! }));
  const input = (key: string): string => absolute(STRESS_TEST_LAYOUT.inputs[key]!);
  d.label("A1", [["Stress test"]], STYLES.title);
  d.label("A2", [["How the fee split and the insurance fund hold up when revenue moves: scenarios by formula below, a seeded Monte Carlo further down. Exact to the cent."]], STYLES.intro);

  // Inputs
  d.label(cellAt(1, HEAD), [["Input", "Value", "Note"]], STYLES.header);
  // The input list runs past a screen since the rules and fund policy joined it: keep its header in view.
  d.freezeAt(HEAD, 0);
  d.label(cellAt(1, INPUT_FIRST), column([...specs.map((s) => s.label), "Months (fixed)"]));
  specs.forEach((s, i) => {
    const at = cellAt(2, INPUT_FIRST + i);
    d.input(at, [[s.value]], s.format);
    d.define(`Stress${s.key}`, at);
    if (s.bound) d.validate({ range: at, decimal: s.bound, prompt: s.note, error: `Give a number${s.bound.min !== undefined ? ` from ${s.bound.min}` : ""}${s.bound.max !== undefined ? ` to ${s.bound.max}` : ""}.` });
  });
  d.label(cellAt(2, INPUT_LAST), [[STRESS_MONTHS]]);
  d.label(cellAt(3, INPUT_FIRST), column([...specs.map((s) => s.note), "One row per month below, month 0 first."]), STYLES.note);
  d.validate({ range: STRESS_TEST_LAYOUT.inputs.Scenario!, list: { source: `=${d.name("StressScenarioList")}` }, prompt: "Which revenue column to split.", error: "Choose a scenario from the list." });
  d.dropdown(STRESS_TEST_LAYOUT.inputs.Stage!, "StageList", "Where the product stands in its life cycle.", "Choose a stage from the list.");

  // Scenario list and the constants every month uses.
  d.label(cellAt(LIST_COL, HEAD), [["Scenario"]], STYLES.header);
  d.label(cellAt(LIST_COL, HEAD + 1), column(SCENARIOS.map((s) => s.name)));
  d.define("StressScenarioList", rangeAt(LIST_COL, HEAD + 1, LIST_COL, HEAD + SCENARIOS.length));
  const overflowTop = HEAD + SCENARIOS.length + 2;
  d.label(cellAt(LIST_COL, overflowTop), [["Overflow to"]], STYLES.header);
  d.label(cellAt(LIST_COL, overflowTop + 1), column(OVERFLOW_CHOICES.map((b) => b.name)));
  d.define("StressOverflowList", rangeAt(LIST_COL, overflowTop + 1, LIST_COL, overflowTop + OVERFLOW_CHOICES.length));
  d.validate({ range: STRESS_TEST_LAYOUT.inputs.OverflowTo!, list: { source: `=${d.name("StressOverflowList")}` }, prompt: "Which bucket takes the fund's inflow above its target.", error: "Choose a bucket from the list." });
  for (const k of SCHEDULE) d.dropdown(STRESS_TEST_LAYOUT.inputs[`Stage${k}`]!, "StageList", "The stage from that month on.", "Choose a stage from the list.");
  d.label(cellAt(CONST_COL, HEAD), [[...CONST_HEADERS]], STYLES.header);
  d.label(cellAt(CONST_COL, HEAD + 1), column(FEE_BUCKETS.map((b) => b.name)));
  const stageRow = `MATCH(${input("Stage")},${d.name("StageList")},0)`;
  d.computed(cellAt(CONST_COL + 1, HEAD + 1), FEE_BUCKETS.map((b, j) => {
    const limit = CONSTRAINED.find((c) => c.j === j) ? input(constraintNameBase(b)!) : null;
    const set = (kind: "cap" | "floor"): string | number => (b.constraint === kind && limit ? `=IF(ISNUMBER(${limit}),1,0)` : 0);
    const cents = (kind: "cap" | "floor", field: "Cap set" | "Floor set"): string | number =>
      b.constraint === kind && limit ? `=IF(${constCell(field, j)}=1,ROUND(${limit}*100,0),0)` : 0;
    return [
      `=INDEX(${d.name("FeeShares")},${stageRow},${j + 1})`,
      `=ROUND(${constCell("Share", j)}*${BILLION},0)`,
      `=${constCell("Share in billionths", j)}/${scalarCell("Common factor of the shares")}`,
      set("cap"), cents("cap", "Cap set"), set("floor"), cents("floor", "Floor set"),
    ];
  }), FEE_BUCKETS.map(() => [PERCENT, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, INTEGER]), STYLES.working);
  const billionths = rangeAt(CONST_COL + 2, HEAD + 1, CONST_COL + 2, HEAD + N, true);
  const bucketNames = rangeAt(CONST_COL, HEAD + 1, CONST_COL, HEAD + N, true);
  const isNum = (key: string): string => `ISNUMBER(${input(key)})`;
  const ruleSet = (a: string, b: string): string => `=IF(AND(${isNum(a)},${isNum(b)}),1,0)`;
  const cents = (key: string): string => `=IF(${isNum(key)},ROUND(${input(key)}*100,0),0)`;
  const inBillionths = (key: string): string => `=IF(${isNum(key)},ROUND(${input(key)}*${BILLION},0),0)`;
  /** A rate in billionths over `den` as a reduced fraction: numerator, then denominator. */
  const reduced = (what: string, den: number): [string, string] => [
    `=${scalarCell(what as (typeof SCALARS)[number])}/MAX(1,GCD(${scalarCell(what as (typeof SCALARS)[number])},${den}))`,
    `=${den}/MAX(1,GCD(${scalarCell(what as (typeof SCALARS)[number])},${den}))`,
  ];
  const buybackRow = Math.max(0, FEE_BUCKETS.findIndex((b) => b.id === "buyback")) + 1;
  const scalarFormulas: Record<(typeof SCALARS)[number], string> = {
    "Scenario column": `=MATCH(${input("Scenario")},${d.name("StressScenarioList")},0)`,
    "Fund start (cents)": `=ROUND(${input("FundStart")}*100,0)`,
    "Fund minimum (cents)": `=ROUND(${input("FundMin")}*100,0)`,
    "Claim (cents)": `=ROUND(${input("ClaimAmount")}*100,0)`,
    "Common factor of the shares": `=MAX(1,GCD(${billionths}))`,
    "Volume rule set": ruleSet("VolumeShare", "TokenVolume"),
    "Token volume in month 0 (cents)": cents("TokenVolume"),
    "Volume share in billionths": inBillionths("VolumeShare"),
    "Volume share: numerator": reduced("Volume share in billionths", BILLION)[0],
    "Volume share: denominator": reduced("Volume share in billionths", BILLION)[1],
    "APR rule set": ruleSet("MaxApr", "StakedValue"),
    "Staked value in month 0 (cents)": cents("StakedValue"),
    "APR in billionths": inBillionths("MaxApr"),
    "APR per month: numerator": reduced("APR in billionths", 12 * BILLION)[0],
    "APR per month: denominator": reduced("APR in billionths", 12 * BILLION)[1],
    "Fund target set": `=IF(${isNum("FundTarget")},1,0)`,
    "Fund target (cents)": `=IF(${isNum("FundTarget")},ROUND(${input("FundTarget")}*100,0),-1)`,
    "Target share set": ruleSet("FundTargetShare", "Exposure"),
    "Exposure in month 0 (cents)": cents("Exposure"),
    "Target share in billionths": inBillionths("FundTargetShare"),
    "Target share: numerator": reduced("Target share in billionths", BILLION)[0],
    "Target share: denominator": reduced("Target share in billionths", BILLION)[1],
    "Overflow bucket (number)": `=IFERROR(MATCH(${input("OverflowTo")},${bucketNames},0),${buybackRow})`,
  };
  d.label(cellAt(CONST_COL, SCALAR_FIRST), column([...SCALARS]));
  d.computed(cellAt(CONST_COL + 1, SCALAR_FIRST), column(SCALARS.map((k) => scalarFormulas[k])), INTEGER, STYLES.working);

  // Monthly table
  const scenarioHeaders = SCENARIOS.map((s) => s.name);
  d.label(cellAt(1, TABLE_TITLE), [[`Month by month: revenue under each scenario, the split of the chosen one, and the fund`]], STYLES.section);
  d.label(cellAt(1, TABLE_TITLE + 1), [["Revenue is ROUND(start x rate^month x shock factor, 2); the split follows the core's rule (floor first, caps in rounds, largest-remainder cents); the working columns to the right are folded (+ above the column letters shows them)."]], STYLES.intro);
  const visibleHeaders = ["Month", ...FEE_BUCKETS.map((b) => b.name), "Revenue (chosen scenario)", ...scenarioHeaders, ...FUND_HEADERS, ...RULE_HEADERS, "Limits that bound", "Adds up"];
  d.label(cellAt(1, TABLE_HEAD), [visibleHeaders], STYLES.header);
  const months = Array.from({ length: STRESS_MONTHS }, (_, t) => t);
  const rowOf = (t: number): number => FIRST_MONTH + t;
  d.label(cellAt(MONTH_COL, FIRST_MONTH), column(months), { horizontal: "center" });

  const revenueCell = (r: number): string => cellAt(REVENUE_COL, r);
  const helpers = helperSpecs({
    revenue: revenueCell,
    prevBalance: (r) => (r === FIRST_MONTH ? scalarCell("Fund start (cents)") : cellAt(HELPER_COL + helperIndex("balance"), r - 1)),
    input,
    stageList: d.name("StageList"),
    feeShares: d.name("FeeShares"),
    bucketNames: rangeAt(CONST_COL, HEAD + 1, CONST_COL, HEAD + N, true),
  });
  function helperIndex(key: string): number {
    const i = helpers.findIndex((h) => h.key === key);
    if (i < 0) throw new Error(`No helper column "${key}".`);
    return i;
  }
  const h = (key: string, r: number): string => cellAt(HELPER_COL + helperIndex(key), r);

  const month = (r: number): string => cellAt(MONTH_COL, r);
  const start = input("Revenue");
  const grown = (r: number): string => `(1+${input("Growth")})^${month(r)}`;
  const shockFactor = (r: number): string => {
    const [m, s0, len, rec, size] = [month(r), input("ShockStart"), input("ShockLength"), input("Recovery"), input("ShockSize")];
    return `IF(AND(${m}>=${s0},${m}<${s0}+${len}),1-${size},IF(AND(${m}>=${s0}+${len},${m}<${s0}+${len}+${rec}),1-${size}*(${s0}+${len}+${rec}-${m})/(${rec}+1),1))`;
  };
  const scenarioFormula = (kind: string, r: number): string => {
    switch (kind) {
      case "base": return `=ROUND(${start}*${grown(r)},2)`;
      case "shock": return `=ROUND(${start}*${grown(r)}*${shockFactor(r)},2)`;
      case "decline": return `=ROUND(${start}*(1-${input("Decline")})^${month(r)},2)`;
      case "growth": return `=ROUND(${start}*(1+${input("FastGrowth")})^${month(r)},2)`;
      default: throw new Error(`No formula for the ${kind} scenario.`);
    }
  };
  const firstScenarios = SCENARIOS.slice(0, CUSTOM);
  const restScenarios = SCENARIOS.slice(CUSTOM + 1);
  const scenarioRange = (r: number): string => rangeAt(scenarioCol(0), r, scenarioCol(SCENARIOS.length - 1), r);

  // Split amounts, revenue used, scenarios before the custom column.
  d.computed(cellAt(amountCol(0), FIRST_MONTH), months.map((t) => {
    const r = rowOf(t);
    return [
      ...FEE_BUCKETS.map((_, j) => `=${h(`cents${j}`, r)}/100`),
      `=INDEX(${scenarioRange(r)},1,${scalarCell("Scenario column")})`,
      ...firstScenarios.map((s) => scenarioFormula(s.kind, r)),
    ];
  }), MONEY);
  // The custom column: typed by the user, filled with the base path to start from.
  const basePath = scenarioRevenues("base", { start: inputs.revenue, months: STRESS_MONTHS, growth: specs.find((s) => s.key === "Growth")!.value as number });
  d.input(cellAt(scenarioCol(CUSTOM), FIRST_MONTH), column(basePath.map((c) => c / 100)), MONEY);
  if (restScenarios.length > 0) {
    d.computed(cellAt(scenarioCol(CUSTOM + 1), FIRST_MONTH), months.map((t) => restScenarios.map((s) => scenarioFormula(s.kind, rowOf(t)))), MONEY);
  }
  // Fund, limits that bound, check.
  const boundText = (r: number): string => {
    const parts = FEE_BUCKETS.flatMap((b, j) => {
      if (b.constraint === "cap") return [`IF(${h(`pin${CAPPED.length}_${j}`, r)}=1,${text(`${b.name} cap. `)},"")`];
      if (b.constraint === "floor") return [`IF(${h(`binds${j}`, r)}=1,${text(`${b.name} floor. `)},"")`];
      return [];
    });
    return parts.length === 0 ? '=""' : `=TRIM(${parts.join("&")})`;
  };
  d.computed(cellAt(FUND_COL, FIRST_MONTH), months.map((t) => {
    const r = rowOf(t);
    return [
      `=${h(`cents${FUND}`, r)}/100`,
      `=${h("claim", r)}/100`,
      `=${h("paid", r)}/100`,
      `=(${h("claim", r)}-${h("paid", r)})/100`,
      `=${h("balance", r)}/100`,
      `=${h("stage", r)}`,
      `=${h("vol", r)}/100`,
      `=${h("stk", r)}/100`,
      `=IF(${h("target", r)}<0,"",${h("target", r)}/100)`,
      `=${h("moved", r)}/100`,
      boundText(r),
      `=IF(SUM(${rangeAt(HELPER_COL + helperIndex("cents0"), r, HELPER_COL + helperIndex(`cents${N - 1}`), r)})=${h("R", r)},${text(SPLIT_OK)},"CHECK")`,
    ];
  }), months.map(() => [MONEY, MONEY, MONEY, MONEY, MONEY, "General", MONEY, MONEY, MONEY, MONEY, "General", "General"]));
  const balances = rangeAt(BALANCE_COL, FIRST_MONTH, BALANCE_COL, LAST_MONTH);
  d.highlight({ range: balances, formula: `=${cellColAbs(BALANCE_COL, FIRST_MONTH)}<${input("FundMin")}`, fill: "#F8CBAD", fontColor: "#9C0006" });
  d.highlight({ range: rangeAt(CHECK_COL, FIRST_MONTH, CHECK_COL, LAST_MONTH), formula: `=${cellColAbs(CHECK_COL, FIRST_MONTH)}<>${text(SPLIT_OK)}`, fill: "#F8CBAD", fontColor: "#9C0006" });

  // Helper columns.
  d.label(cellAt(HELPER_COL, TABLE_TITLE), [["Working: the split step by step, per month (do not edit)."]], STYLES.section);
  d.label(cellAt(HELPER_COL, TABLE_HEAD), [helpers.map((x) => x.header)], STYLES.header);
  d.computed(cellAt(HELPER_COL, FIRST_MONTH), months.map((t) => helpers.map((x) => x.formula(rowOf(t)))), INTEGER, STYLES.working);
  // Shown whole when the group is expanded, on one line (a wrapped header would make the table's header row tall).
  helpers.forEach((x, i) => d.width(columnLetter(HELPER_COL + i), Math.min(64, x.header.length + 2)));
  d.group("columns", CHECK_COL + 1, HELPER_COL + helpers.length - 1);

  const tables: TablePlan[] = [{ name: d.name("StressMonthly"), range: rangeAt(1, TABLE_HEAD, CHECK_COL, LAST_MONTH), style: "TableStyleLight9" }];
  d.chart({
    name: `StressSplitChart${naming.suffix}`, kind: "columnStacked", title: "Split of the chosen scenario by month",
    dataRange: rangeAt(MONTH_COL, TABLE_HEAD, amountCol(N - 1), LAST_MONTH), seriesBy: "columns",
    anchor: cellAt(CHART_COL, HEAD), widthCells: 7, heightCells: TABLE_TITLE - HEAD - 1,
  });
  d.chart({
    name: `StressScenarioChart${naming.suffix}`, kind: "line", title: "Monthly revenue under each scenario",
    dataRange: rangeAt(scenarioCol(0), TABLE_HEAD, scenarioCol(SCENARIOS.length - 1), LAST_MONTH),
    categories: rangeAt(MONTH_COL, FIRST_MONTH, MONTH_COL, LAST_MONTH), seriesBy: "columns",
    anchor: cellAt(CHART_COL + 7, HEAD), widthCells: 7, heightCells: TABLE_TITLE - HEAD - 1,
  });

  // Monte Carlo, as values.
  const mcTitle = LAST_MONTH + 3;
  d.label(cellAt(1, mcTitle), [["Monte Carlo (values from the last run)"]], STYLES.section);
  const mc = options.monteCarlo;
  if (!mc) {
    d.label(cellAt(1, mcTitle + 1), [[MONTE_CARLO_NOTE]], STYLES.note);
  } else {
    writeMonteCarlo(d, mc.result, mc.params, mcTitle + 1, tables, naming);
  }

  d.width("A", 34);
  d.width("B", 16);
  d.width("C", 44);
  d.width(columnLetter(LIST_COL), 16);
  d.width(columnLetter(CONST_COL), 14);
  // Month-table columns fit their bold header on one line (the header row does not wrap).
  for (let c = 2; c <= CHECK_COL; c++) if (c !== 3) d.width(columnLetter(c), Math.max(15, Math.ceil(visibleHeaders[c - 1]!.length * 0.95) + 1));
  d.width(columnLetter(BOUND_COL), 28);
  const plan = d.build();
  // PlanDraft.table takes the static names only; this sheet's tables carry its own names.
  return Object.freeze({ ...plan, tables: Object.freeze([...plan.tables, ...tables.map((t) => Object.freeze(t))]) });
}

function writeMonteCarlo(d: PlanDraft, result: MonteCarloResult, params: MonteCarloParams, top: number, tables: TablePlan[], naming: ModelNaming): void {
  const p = result.params;
  const money = (cents: number): number => cents / 100;
  const describe = (x: unknown): string => (x === undefined ? "none" : JSON.stringify(x, shareSetAsFractions));
  const record: [string, PlanValue, string][] = [
    ["Seed", p.seed, INTEGER],
    ["Paths", p.paths, INTEGER],
    ["Months", p.months, INTEGER],
    ["Starting monthly revenue", money(p.startRevenueCents), MONEY],
    ["Expected growth per month", p.growth, PERCENT],
    ["Drift mu = ln(1 + growth)", p.drift, "0.000000"],
    ["Volatility per month (sigma)", p.volatility, PERCENT],
    ["Jumps (chance per month, size)", p.jumps ? `${p.jumps.probability}, ${p.jumps.size}` : "none", "General"],
    ["Stage", describe(params.stage), "General"],
    ["Caps", describe(params.caps), "General"],
    ["Floors", describe(params.floors), "General"],
    ["Fund", describe(params.fund), "General"],
    ["Percentiles", `P${p.percentiles.join(", P")} by ${p.percentileMethod} (an observed path's value: whole cents)`, "General"],
    ["Fund below its minimum in some month", result.fund.belowMinAnyShare, PERCENT],
    ["A claim not fully paid in some month", result.fund.uncoveredAnyShare, PERCENT],
    ["Fund at its target in some month", result.fund.overflowAnyShare, PERCENT],
  ];
  d.label(cellAt(1, top), [["Revenue walks as r(t) = r(t-1) x exp(mu - sigma^2/2 + sigma Z), Z from the seeded generator, rounded to the cent each month."]], STYLES.intro);
  d.label(cellAt(1, top + 1), column(record.map((x) => x[0])));
  // Values, not formulas: labels the model owns (rewritten by the next run).
  d.block(cellAt(2, top + 1), "label", column(record.map((x) => x[1])), { numberFormat: record.map((x) => [x[2]]) });

  // Percentiles per month.
  const head = top + record.length + 2;
  const buckets = result.buckets;
  const limitStats = [...result.caps.map((c) => ({ ...c, kind: "cap" })), ...result.floors.map((c) => ({ ...c, kind: "floor" }))];
  const bucketName = (id: string): string => buckets.find((b) => b.id === id)?.name ?? id;
  const headers = [
    "Month", "Fund balance P5", "Fund balance P50", "Fund balance P95", "Revenue P5", "Revenue P50", "Revenue P95",
    ...buckets.flatMap((b) => [`${b.name} P5`, `${b.name} P50`, `${b.name} P95`]),
    "Fund below minimum (share of paths)", "Claim not fully paid (share of paths)",
    ...(result.fund.overflowBucket !== null ? [`Fund at its target, overflow to ${bucketName(result.fund.overflowBucket).toLowerCase()} (share of paths)`] : []),
    ...limitStats.map((s) => `${bucketName(s.bucket)} ${s.kind} binds (share of paths)`),
  ];
  d.label(cellAt(1, head), [headers], { ...STYLES.header, wrap: true });
  const rows = Array.from({ length: p.months }, (_, t) => [
    t,
    money(result.fund.balance.p5[t]!), money(result.fund.balance.p50[t]!), money(result.fund.balance.p95[t]!),
    money(result.revenue.p5[t]!), money(result.revenue.p50[t]!), money(result.revenue.p95[t]!),
    ...result.monthly.flatMap((band) => [money(band.p5[t]!), money(band.p50[t]!), money(band.p95[t]!)]),
    result.fund.belowMinShare[t]!, result.fund.uncoveredShare[t]!,
    ...(result.fund.overflowBucket !== null ? [result.fund.overflowShare[t]!] : []),
    ...limitStats.map((s) => s.bindShare[t]!),
  ]);
  const moneyCols = 6 + 3 * buckets.length;
  const formats = rows.map(() => headers.map((_, c) => (c === 0 ? INTEGER : c <= moneyCols ? MONEY : PERCENT)));
  d.block(cellAt(1, head + 1), "label", rows, { numberFormat: formats });
  const last = head + p.months;
  tables.push({ name: d.name("StressMonteCarlo"), range: rangeAt(1, head, headers.length, last), style: "TableStyleLight9" });
  d.chart({
    name: `StressFanChart${naming.suffix}`, kind: "line", title: "Fund balance: P5, P50, P95 of the Monte Carlo",
    dataRange: rangeAt(1, head, 4, last), seriesBy: "columns",
    anchor: cellAt(7, top), widthCells: 8, heightCells: record.length + 1,
  });

  // Totals over the horizon.
  const totals = last + 2;
  d.label(cellAt(1, totals), [["Total over the horizon", "P5", "P50", "P95", "Mean"]], STYLES.header);
  const overflow = result.fund.overflowBucket !== null ? [result.fund.overflowTotal] : [];
  d.label(cellAt(1, totals + 1), column([...buckets.map((b) => b.name), "Uncovered loss", ...overflow.map(() => "Overflow from the fund")]));
  d.block(cellAt(2, totals + 1), "label", [...result.cumulative, result.fund.uncoveredTotal, ...overflow].map((s) => [money(s.p5), money(s.p50), money(s.p95), money(s.mean)]), { numberFormat: MONEY });
}
