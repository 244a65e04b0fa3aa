import { FEE_BUCKETS, numberText, toCents, type StageId } from "../src";
import type { StressSheetInputs } from "../src/plans/stressTest";
import type { OptionSpecs } from "./args";
import { InputError } from "./io";
import { readStageText } from "./stage";

/**
 * `new`'s options for the Stress Test sheet: the article's cap rules, the
 * fund policy and a stage schedule. They become the sheet's starting inputs
 * (so its formulas and the Monte Carlo recorded beside them use the same
 * values); the sheet's own checks then run as for a user's edits.
 */
export const STRESS_OPTION_SPECS: OptionSpecs = {
  "buyback-max-volume-share": { kind: "string" },
  "token-volume": { kind: "string" },
  "staker-max-apr": { kind: "string" },
  "staked-value": { kind: "string" },
  "fund-start": { kind: "string" },
  "fund-min": { kind: "string" },
  "fund-target": { kind: "string" },
  exposure: { kind: "string" },
  "overflow-to": { kind: "string" },
  "stage-schedule": { kind: "string" },
};

export const STRESS_OPTIONS_HELP = `Stress Test sheet (the Monte Carlo uses the same values):
  --buyback-max-volume-share R  buyback at most this share of the token's traded volume (5% or 0.05)
  --token-volume N              token volume in month 0; later months move with revenue
  --staker-max-apr R            stakers earn at most this APR on staked value (8% or 0.08; at most 100%)
  --staked-value N              staked value in month 0; moves with revenue
  --fund-start N                insurance fund balance before month 0
  --fund-min N                  fund minimum: below it the insurance share tops the fund up first
  --fund-target N|R             fund target: an amount, or a share of --exposure (10%)
  --exposure N                  open interest or TVL the fund covers in month 0; moves with revenue
  --overflow-to NAME            bucket that takes the fund's inflow above its target: ${FEE_BUCKETS.filter((b) => b.constraint !== "floor").map((b) => b.id).join(", ")} (default buyback)
  --stage-schedule LIST         stage by month, e.g. "0:early,12:growth,24:mature" (month 0 first, up to 4 entries);
                                a stage may be a position 0..1 ("12:0.6"): its template shares fill that stage's row`;

type Options = Readonly<Record<string, string | boolean>>;

const text = (options: Options, name: string): string | undefined => (typeof options[name] === "string" ? (options[name] as string).trim() : undefined);

/** A rate as "5%" or 0.05, from 0 to 100%. */
function rate(options: Options, name: string, tooHigh: string): number | undefined {
  const v = text(options, name);
  if (v === undefined) return undefined;
  const percent = v.endsWith("%");
  const read = numberText(percent ? v.slice(0, -1) : v);
  const n = "ok" in read ? Number(read.ok) : NaN;
  if (!Number.isFinite(n)) throw new InputError(`--${name} takes a rate such as 5% or 0.05; got "${v}".`);
  const value = percent ? n / 100 : n;
  if (value < 0) throw new InputError(`--${name} is ${v}: give a rate from 0% to 100%.`);
  if (value > 1) throw new InputError(`--${name} is ${v}: ${tooHigh}`);
  return value;
}

/** An amount as the core reads it (to the cent, 0 or more), in currency units. */
function amount(options: Options, name: string): number | undefined {
  const v = text(options, name);
  if (v === undefined) return undefined;
  try {
    return toCents(v, `--${name}`) / 100;
  } catch (e) {
    throw new InputError(`${(e as Error).message} (--${name} takes an amount such as 2500000 or "2,500,000.50".)`);
  }
}

/** One entry of --stage-schedule: the month, the stage row it uses, and the position when one was given. */
interface ScheduleEntry {
  readonly month: number;
  readonly stage: StageId;
  readonly position: number | null;
}

/** "0:early,12:0.5,24:mature": month 0 first, months forward in time, a stage name or a position 0..1 each. */
function scheduleEntries(value: string): ScheduleEntry[] {
  const entries = value.split(",").map((x) => x.trim()).filter((x) => x !== "");
  const form = `give month:stage pairs from month 0, e.g. "0:early,12:growth,24:mature" (a stage may be a position 0..1, e.g. "12:0.6")`;
  if (entries.length === 0) throw new InputError(`--stage-schedule is empty: ${form}.`);
  if (entries.length > 4) throw new InputError(`--stage-schedule has ${entries.length} entries; the Stress Test sheet takes month 0 and up to 3 changes.`);
  let previous = -1;
  return entries.map((entry, i) => {
    const m = /^(\d+)\s*:\s*(.+)$/.exec(entry);
    if (!m) throw new InputError(`--stage-schedule entry "${entry}" is not month:stage; ${form}.`);
    const month = Number(m[1]);
    const { stage, position } = readStageText(m[2]!, `--stage-schedule entry "${entry}"`);
    if (i === 0 && month !== 0) throw new InputError(`--stage-schedule must start at month 0; it starts at month ${month}.`);
    if (month <= previous) throw new InputError(`--stage-schedule must go forward in time: month ${month} comes after month ${previous}.`);
    if (month > 35) throw new InputError(`--stage-schedule entry "${entry}": the Stress Test sheet runs months 0 to 35.`);
    previous = month;
    return { month, stage, position };
  });
}

/** The schedule as the sheet's stage inputs: each entry names the stage row whose shares it uses. */
function schedule(value: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  scheduleEntries(value).forEach(({ month, stage }, i) => {
    if (i === 0) out.Stage = stage;
    else {
      out[`Stage${i + 1}From`] = month;
      out[`Stage${i + 1}`] = stage;
    }
  });
  return out;
}

/**
 * --stage-schedule's entries (none without it), each with the stage it uses
 * (a position lands early below 0.25, growth to 0.75, mature above): `new`
 * writes each position's template shares into that stage, as for --stage.
 */
export function stageScheduleEntries(options: Options): readonly ScheduleEntry[] {
  const plan = text(options, "stage-schedule");
  return plan === undefined ? [] : scheduleEntries(plan);
}

/** The Stress Test sheet's starting inputs from the options given (only those). */
export function stressSheetInputs(options: Options): StressSheetInputs {
  const out: Record<string, string | number> = {};
  const pair = (a: string, b: string): void => {
    if ((text(options, a) === undefined) !== (text(options, b) === undefined)) {
      const [given, missing] = text(options, a) === undefined ? [b, a] : [a, b];
      throw new InputError(`--${given} needs --${missing} too.`);
    }
  };
  pair("buyback-max-volume-share", "token-volume");
  pair("staker-max-apr", "staked-value");
  const set = (key: string, v: string | number | undefined): void => { if (v !== undefined) out[key] = v; };
  set("VolumeShare", rate(options, "buyback-max-volume-share", "more than 100% of the traded volume cannot be bought back; give a share from 0% to 100%."));
  set("TokenVolume", amount(options, "token-volume"));
  set("MaxApr", rate(options, "staker-max-apr", "an APR above 100% is not a cap; give a yearly rate from 0% to 100% (8% or 0.08)."));
  set("StakedValue", amount(options, "staked-value"));
  set("FundStart", amount(options, "fund-start"));
  set("FundMin", amount(options, "fund-min"));
  const target = text(options, "fund-target");
  if (target !== undefined && target.endsWith("%")) {
    if (text(options, "exposure") === undefined) throw new InputError(`--fund-target ${target} is a share of the exposure: give --exposure (open interest or TVL) too, or an amount.`);
    set("FundTargetShare", rate(options, "fund-target", "a target above 100% of the exposure is not supported; give a share from 0% to 100%."));
    set("Exposure", amount(options, "exposure"));
  } else {
    if (text(options, "exposure") !== undefined) throw new InputError(`--exposure is used with --fund-target as a share (e.g. --fund-target 10%).`);
    set("FundTarget", amount(options, "fund-target"));
  }
  const overflow = text(options, "overflow-to");
  if (overflow !== undefined) {
    if (target === undefined) throw new InputError("--overflow-to needs --fund-target: the overflow is what the fund would take above its target.");
    const choices = FEE_BUCKETS.filter((b) => b.constraint !== "floor");
    const bucket = choices.find((b) => b.id === overflow.toLowerCase() || b.name.toLowerCase() === overflow.toLowerCase());
    if (!bucket) throw new InputError(`--overflow-to "${overflow}" is not a bucket the overflow can go to: choose one of ${choices.map((b) => b.id).join(", ")}.`);
    out.OverflowTo = bucket.name;
  }
  const plan = text(options, "stage-schedule");
  if (plan !== undefined) Object.assign(out, schedule(plan));
  return out;
}

/** One line for `new`'s report: the stress inputs given, or nothing. */
export function stressInputsLine(inputs: StressSheetInputs): string | null {
  const keys = Object.keys(inputs);
  if (keys.length === 0) return null;
  return `  stress inputs: ${keys.map((k) => `${k} ${String(inputs[k])}`).join(", ")} (on the Stress Test sheet)`;
}
