import { Decimal } from "../decimal";
import { invalidValue, outOfRange } from "../errors";
import { MAX_CENTS, MAX_CENTS_TEXT, toCents } from "../money";
import { checkMonths, type Money } from "./model";

export const SCENARIO_KINDS = ["base", "shock", "decline", "growth", "custom"] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

export interface ScenarioInfo {
  readonly kind: ScenarioKind;
  readonly name: string;
  readonly shape: string;
}

/** The deterministic scenarios, in the order the sheet and the pane show them. */
export const SCENARIOS = [
  { kind: "base", name: "Base", shape: "start x (1 + growth)^month: flat at growth 0." },
  { kind: "shock", name: "Revenue shock", shape: "The base path, cut by the shock size for the shock length from the shock month, then back to the base path in equal steps over the recovery months." },
  { kind: "decline", name: "Slow decline", shape: "start x (1 - decline)^month." },
  { kind: "growth", name: "Fast growth", shape: "start x (1 + fast growth)^month." },
  { kind: "custom", name: "Custom", shape: "The monthly revenues you give." },
] as const satisfies readonly ScenarioInfo[];

/** Defaults when a parameter is left out. */
export const SCENARIO_DEFAULTS = {
  months: 36,
  growth: 0,
  fastGrowth: 0.08,
  decline: 0.02,
  shockSize: 0.6,
  shockStart: 12,
  shockLength: 6,
  recoveryMonths: 6,
} as const;

export interface ScenarioParams {
  /** Month 0's revenue (all but custom). */
  readonly start?: Money;
  readonly months?: number;
  /** Monthly growth for base and shock (default 0), and for fast growth (default 0.08). */
  readonly growth?: number;
  /** Monthly decline for slow decline (default 0.02 = 2% a month). */
  readonly decline?: number;
  /** Fraction of revenue lost during the shock (default 0.6). */
  readonly shockSize?: number;
  /** First shocked month, 0-based (default 12). */
  readonly shockStart?: number;
  readonly shockLength?: number;
  /** Months to climb back to the base path after the shock, in equal steps (default 6; 0 = at once). */
  readonly recoveryMonths?: number;
  /** Custom: one revenue per month. */
  readonly values?: readonly Money[];
}

function rate(value: number | undefined, fallback: number, what: string, min: number, max: number, hint: string): Decimal {
  const v = value ?? fallback;
  // Number.isFinite is false for anything not a number (a string from a caller outside TypeScript).
  if (!Number.isFinite(v)) throw invalidValue(`The ${what} must be a number; got ${String(v)}.`);
  if (v < min || v > max) throw outOfRange(`The ${what} is ${v}; ${hint}`);
  return new Decimal(v);
}

function wholeMonths(value: number | undefined, fallback: number, what: string): number {
  const v = value ?? fallback;
  // Number.isInteger, likewise, is false for anything not a number.
  if (!Number.isInteger(v)) throw invalidValue(`The ${what} must be a whole number of months; got ${String(v)}.`);
  if (v < 0) throw outOfRange(`The ${what} is ${v}; give 0 or more (months count from 0).`);
  return v;
}

/**
 * The shock scenario's multiplier in month t (exact): 1 - size inside the
 * shock, then 1 - size * (end - t) / (recovery + 1) for each recovery month
 * (equal steps back), then 1.
 */
export function shockFactor(t: number, size: Decimal, start: number, length: number, recovery: number): Decimal {
  const end = start + length;
  if (t >= start && t < end) return new Decimal(1).minus(size);
  if (t >= end && t < end + recovery) return new Decimal(1).minus(size.times(end + recovery - t).div(recovery + 1));
  return new Decimal(1);
}

/**
 * A deterministic revenue path in exact whole cents, one per month
 * (month 0 first). Each month is start x rate^month x factor computed in
 * decimal and rounded once, half up, to the cent. The sheet's
 * ROUND(start * (1 + g)^m * factor, 2) gives the same cents except where the
 * exact value lies within a spreadsheet's 15-significant-digit reach of a half
 * cent: there Excel and LibreOffice may take the other neighbour.
 */
export function scenarioRevenues(kind: ScenarioKind, params: ScenarioParams = {}): number[] {
  if (kind === "custom") {
    const values = params.values;
    if (!Array.isArray(values)) throw invalidValue("A custom scenario needs values: one revenue per month.");
    checkMonths(values.length, "number of months in the custom scenario");
    return values.map((v, t) => toCents(v, `revenue for month ${t}`));
  }
  if (!(SCENARIO_KINDS as readonly string[]).includes(kind)) {
    throw invalidValue(`Unknown scenario "${String(kind)}". Use ${SCENARIO_KINDS.join(", ")}.`);
  }
  const months = checkMonths(params.months ?? SCENARIO_DEFAULTS.months);
  if (params.start === undefined) throw invalidValue("Give the starting monthly revenue (start).");
  const start = new Decimal(toCents(params.start, "starting monthly revenue"));
  const d = SCENARIO_DEFAULTS;
  let base: Decimal;
  let factor = (_t: number): Decimal => new Decimal(1);
  if (kind === "decline") {
    base = new Decimal(1).minus(rate(params.decline, d.decline, "monthly decline", 0, 1, "give a fraction from 0 to 1 (0.02 = 2% less each month)."));
  } else {
    const fallback = kind === "growth" ? d.fastGrowth : d.growth;
    base = new Decimal(1).plus(rate(params.growth, fallback, "monthly growth", -1, 10, "give a fraction above -1 (0.02 = 2% more each month, -0.01 = 1% less)."));
    if (kind === "shock") {
      const size = rate(params.shockSize, d.shockSize, "shock size", 0, 1, "give the fraction of revenue lost, from 0 to 1 (0.6 = 60% less).");
      const shockStart = wholeMonths(params.shockStart, d.shockStart, "shock start month");
      if (shockStart >= months) throw outOfRange(`The shock starts in month ${shockStart}, after the last month (${months - 1}); months count from 0.`);
      const length = wholeMonths(params.shockLength, d.shockLength, "shock length");
      const recovery = wholeMonths(params.recoveryMonths, d.recoveryMonths, "recovery length");
      factor = (t) => shockFactor(t, size, shockStart, length, recovery);
    }
  }
  const out: number[] = [];
  for (let t = 0; t < months; t++) {
    const cents = start.times(base.pow(t)).times(factor(t)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
    if (cents.gt(MAX_CENTS)) throw outOfRange(`Revenue in month ${t} grows beyond ${MAX_CENTS_TEXT}; lower the growth or the number of months.`);
    out.push(cents.toNumber());
  }
  return out;
}
