import { existsSync, statSync } from "fs";
import { dirname, extname, resolve } from "path";
import { ARCHETYPE_INDEX, MAX_AMOUNT_TEXT, STAGE_INDEX, STAGES, echo, findName, formatCents, isTokenError, resolveName, templateOf, templateShares, textToNumber, toCents, type StageId } from "../../src";
import { planToXlsx } from "../../src/export";
import { DEFAULT_INPUTS, MONTE_CARLO_DEFAULTS, buildModelPlan, defaultNaming, stressRunParams, templateInputs } from "../../src/plans";
import { stressInputDefaults, type StressSheetInputs } from "../../src/plans/stressTest";
import { monteCarlo, type MonteCarloParams } from "../../src/stress";
import type { ModelInputs, SheetPlan } from "../../src/plans/types";
import { UsageError, expectPositionals, parseArgs } from "../args";
import { createFile } from "../createFile";
import { groupThousands } from "../format";
import { InputError, type Io } from "../io";
import { readStageText } from "../stage";
import { STRESS_OPTIONS_HELP, STRESS_OPTION_SPECS, stageScheduleEntries, stressInputsLine, stressSheetInputs } from "../stressOptions";
import { version } from "../main";

export const NEW_HELP = `Usage: token-model new <model.xlsx> [options]

Writes the whole token model as an Excel workbook that recalculates by itself
in Excel or LibreOffice (native formulas and native charts bound to the
sheets' cells; the add-in is not needed to open it). A "Read me" sheet comes
first; "Comparables" sets the split beside published ones.

Options:
  --archetype ID   product archetype (default ${DEFAULT_INPUTS.archetype}); names and aliases work.
                   The model starts from the archetype's template: its stage
                   shares and starter mechanics (see the README's templates)
  --stage X        life-cycle stage: ${STAGES.map((s) => s.id).join(", ")} (default ${DEFAULT_INPUTS.stage}),
                   or a position from 0 (early) to 1 (mature)
  --revenue N      monthly fee revenue (default ${DEFAULT_INPUTS.revenue})
  --seed N         Monte Carlo seed, recorded on the Stress Test sheet (default ${MONTE_CARLO_DEFAULTS.seed})
  --paths N        Monte Carlo paths (default ${MONTE_CARLO_DEFAULTS.paths}; 0 writes no run)
  --volatility X   monthly revenue volatility for the Monte Carlo (default ${MONTE_CARLO_DEFAULTS.volatility})
  --force          replace the file if it exists
  -h, --help       show this help

${STRESS_OPTIONS_HELP}

The file is written whole or not at all: to a hidden temporary file first,
then linked into place, which never replaces an existing file (of several
runs at once, one wins); a failed or interrupted run (Ctrl-C) leaves nothing.

Example:
  token-model new model.xlsx --archetype exchange --stage growth --revenue 10000000
  token-model new perp.xlsx --revenue 10000000 --buyback-max-volume-share 5% --token-volume 60000000 \
    --staker-max-apr 8% --staked-value 400000000 --fund-min 3000000 --fund-target 8000000 --overflow-to buyback \
    --stage-schedule "0:early,12:growth,24:mature"`;

/** A file name is echoed whole up to this many characters (a 100 kB argument is still cut). */
const PATH_ECHO_LIMIT = 200;

/** A stage as `new` takes it: a name (aliases work) or a position 0..1. */
export function readStage(text: string | undefined): { stage: StageId; position: number | null } {
  if (text === undefined) return { stage: DEFAULT_INPUTS.stage as StageId, position: null };
  return readStageText(text, "--stage");
}

/**
 * The command's choices, checked by the core and turned into model inputs:
 * the archetype's template. The sheets pick shares by a stage row, so a
 * position fills the nearest stage's column of the bucket table with the
 * template's shares at that position (and says so in the summary).
 */
export function modelInputs(options: Readonly<Record<string, string | boolean>>): ModelInputs & PlacedPositions {
  const text = (name: string): string | undefined => (typeof options[name] === "string" ? (options[name] as string) : undefined);
  const archetype = text("archetype") === undefined ? DEFAULT_INPUTS.archetype : resolveName(ARCHETYPE_INDEX, text("archetype"));
  const { stage, position } = readStage(text("stage"));
  const revenue = text("revenue") === undefined ? DEFAULT_INPUTS.revenue : toCents(text("revenue"), "revenue") / 100;
  const inputs = templateInputs(archetype, stage, revenue);
  const schedule = stageScheduleEntries(options);
  const placed = [
    ...(position === null ? [] : [{ stage, position, entry: `--stage ${position}` }]),
    ...schedule.flatMap((e) => (e.position === null ? [] : [{ stage: e.stage, position: e.position, entry: `--stage-schedule ${e.month}:${e.position}` }])),
  ];
  if (placed.length === 0) return { ...inputs, position, placed: [] };
  // The sheets hold one share row per stage: two different positions, or a position and a stage named outright, cannot share one.
  const named = [
    ...(position === null && text("stage") !== undefined ? [{ stage, entry: `--stage ${stage}` }] : []),
    ...schedule.filter((e) => e.position === null).map((e) => ({ stage: e.stage, entry: `--stage-schedule ${e.month}:${e.stage}` })),
  ];
  const template = templateOf(resolveName(ARCHETYPE_INDEX, archetype));
  const rows: Record<string, Record<string, number>> = {};
  for (const p of placed) {
    const clash = placed.find((q) => q.stage === p.stage && q.position !== p.position) ?? named.find((q) => q.stage === p.stage);
    if (clash) {
      throw new InputError(`${p.entry} and ${clash.entry} both use the bucket table's ${p.stage} column, which holds one set of shares: ` +
        "give positions in different stages (early below 0.25, growth 0.25 to 0.75, mature above) or name the stage alone.");
    }
    const shares = templateShares(template, p.position);
    rows[p.stage] = Object.fromEntries(shares.buckets.map((b, i) => [b.id, shares.shares[i]!.times(100).toNumber()]));
  }
  return { ...inputs, position, placed: placed.map(({ stage: st, position: at }) => ({ stage: st, position: at })), stagePercents: { ...inputs.stagePercents, ...rows } };
}

/** The stage given as a position (null: a name), and every stage row a position filled (--stage's and the schedule's). */
interface PlacedPositions {
  readonly position: number | null;
  readonly placed: readonly { readonly stage: StageId; readonly position: number }[];
}

export async function newCommand(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {
    archetype: { kind: "string" }, stage: { kind: "string" }, revenue: { kind: "string" },
    seed: { kind: "string" }, paths: { kind: "string" }, volatility: { kind: "string" },
    force: { kind: "boolean" }, help: { kind: "boolean", short: "h" },
    ...STRESS_OPTION_SPECS,
  }, "new");
  if (args.options.help) {
    io.out(NEW_HELP);
    return 0;
  }
  expectPositionals(args, ["model.xlsx"], 1, "new");
  const given = args.positionals[0]!;
  const shown = echo(given, PATH_ECHO_LIMIT);
  const target = resolve(given);
  if (extname(target).toLowerCase() !== ".xlsx") throw new UsageError(`The model file must end in .xlsx; got ${shown}.`, "new");
  const inputs = modelInputs(args.options);
  const dir = dirname(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`Cannot write ${shown}: its folder does not exist.`);
  // A friendly early refusal; the write itself is what guarantees no file is replaced.
  if (existsSync(target) && !args.options.force) throw new InputError(`Cannot write ${shown}: it already exists; use --force to replace it.`);

  const stressInputs = stressSheetInputs(args.options);
  const run = monteCarloChoice(args.options);
  const start = stressInputDefaults(inputs, stressInputs);
  if (typeof start.FundTarget === "number" && typeof start.FundMin === "number" && start.FundTarget < start.FundMin) {
    throw new InputError(`--fund-target ${start.FundTarget} is below the fund minimum ${start.FundMin} (--fund-min; 30% of the revenue when not given): raise the target or lower --fund-min.`);
  }
  // The sheet's inputs are checked even without a run, so a bad combination stops here with nothing written.
  const monteCarloRun = runMonteCarlo(inputs, run, stressInputs);
  const made = { date: new Date().toISOString().slice(0, 10), version: version() };
  const plans = buildModelPlan(inputs, defaultNaming(), { stressInputs, made, ...(monteCarloRun ? { monteCarlo: monteCarloRun } : {}) });
  const bytes = await planToXlsx(plans);
  await createFile(target, bytes, args.options.force === true, shown);
  io.out(summary(given, inputs, plans, bytes.byteLength, monteCarloRun?.params ?? null));
  const line = stressInputsLine(stressInputs);
  if (line) io.out(line);
  return 0;
}

/**
 * The Monte Carlo run recorded on the Stress Test sheet (null with --paths 0;
 * the inputs are checked either way). The run derives amounts from --revenue
 * (a claim, revenue paths); when one would pass the largest amount kept to the
 * cent, the message names the options a user has, not the run's internals.
 */
function runMonteCarlo(
  inputs: ModelInputs, choice: { seed?: number; paths?: number; volatility?: number } | null, stressInputs: StressSheetInputs,
): { params: MonteCarloParams; result: ReturnType<typeof monteCarlo> } | null {
  try {
    const params = stressRunParams(inputs, choice ?? {}, stressInputs);
    return choice ? { params, result: monteCarlo(params) } : null;
  } catch (e) {
    if (!isTokenError(e)) throw e;
    if (/reached|claim/i.test(e.message)) {
      throw new InputError(
        `The Monte Carlo run cannot start from --revenue ${groupThousands(formatCents(toCents(inputs.revenue, "revenue")))}: amounts it derives ` +
          `(the Stress Test's default claim, simulated months) would pass ${MAX_AMOUNT_TEXT}, the most kept to the cent. ` +
          "Give a lower --revenue or --volatility, or --paths 0 to write the model without a run.",
      );
    }
    if (/\b(paths?|seed|volatility)\b/i.test(e.message)) throw new InputError(`${e.message} (options --paths, --seed, --volatility)`);
    throw e;
  }
}

/** --seed, --paths and --volatility as numbers (the stress core checks their ranges); --paths 0 skips the run. */
function monteCarloChoice(options: Readonly<Record<string, string | boolean>>): { seed?: number; paths?: number; volatility?: number } | null {
  const number = (name: string): number | undefined => {
    const text = options[name];
    if (typeof text !== "string") return undefined;
    try {
      return textToNumber(text, `--${name} value`);
    } catch {
      throw new UsageError(`--${name} takes a number; got ${echo(text)}.`, "new");
    }
  };
  const paths = number("paths");
  if (paths === 0) return null;
  return { seed: number("seed"), paths, volatility: number("volatility") };
}

/** The template's shares at the model's stage and its starter mechanics, in one line. */
function templateLine(inputs: ModelInputs): string {
  const t = templateOf(resolveName(ARCHETYPE_INDEX, inputs.archetype));
  const row = inputs.stagePercents?.[inputs.stage] ?? {};
  const shares = Object.entries(row).filter(([, p]) => p > 0).map(([id, p]) => `${id} ${p}%`).join(", ");
  const mechanics = t.mechanics.length === 0 ? `no mechanics (${t.mechanicsNote})` : `mechanics ${t.mechanics.map((m) => `${m.mechanic} on ${m.flow}`).join(", ")}`;
  return `${shares}; ${mechanics}`;
}

function summary(file: string, inputs: ModelInputs & PlacedPositions, plans: readonly SheetPlan[], size: number, run: MonteCarloParams | null): string {
  const cells = plans.flatMap((p) => p.blocks.flatMap((b) => b.cells.flat()));
  const formulas = cells.filter((v) => typeof v === "string" && v.startsWith("=")).length;
  const hidden = plans.filter((p) => !p.visible).map((p) => p.name);
  const names = plans.reduce((n, p) => n + p.names.length, 0);
  const tables = plans.reduce((n, p) => n + p.tables.length, 0);
  const charts = plans.reduce((n, p) => n + p.charts.length, 0);
  return [
    `Wrote ${file} (${Math.max(1, Math.round(size / 1024))} KB)`,
    `  inputs:  archetype ${inputs.archetype}, stage ${inputs.position === null ? inputs.stage : `position ${inputs.position}`}, revenue ${groupThousands(formatCents(toCents(inputs.revenue, "revenue")))}`,
    `  template: ${templateLine(inputs)}`,
    ...inputs.placed.map((p) => `  note:    the sheets pick shares by stage, so the ${p.stage} column of the bucket table holds the shares at position ${p.position}`),
    `  sheets:  ${plans.map((p) => p.name).join(", ")}${hidden.length > 0 ? ` (hidden: ${hidden.join(", ")})` : ""}`,
    `  content: ${formulas} formulas, ${names} named ranges, ${tables} tables, ${charts} native charts`,
    run ? `  stress:  Monte Carlo of ${run.paths} paths x ${run.months} months, seed ${run.seed}, volatility ${run.volatility} (recorded on the sheet)` : "  stress:  no Monte Carlo run (--paths 0)",
  ].join("\n");
}
