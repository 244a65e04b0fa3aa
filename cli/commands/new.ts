import { existsSync, statSync } from "fs";
import { dirname, extname, resolve } from "path";
import { ARCHETYPE_INDEX, MAX_AMOUNT_TEXT, STAGE_INDEX, STAGES, echo, formatCents, isTokenError, resolveName, textToNumber, toCents } from "../../src";
import { planToXlsx } from "../../src/export";
import { DEFAULT_INPUTS, MONTE_CARLO_DEFAULTS, buildModelPlan, defaultNaming, stressRunParams } from "../../src/plans";
import { monteCarlo, type MonteCarloParams } from "../../src/stress";
import type { ModelInputs, SheetPlan } from "../../src/plans/types";
import { UsageError, expectPositionals, parseArgs } from "../args";
import { createFile } from "../createFile";
import { groupThousands } from "../format";
import { InputError, type Io } from "../io";

export const NEW_HELP = `Usage: token-model new <model.xlsx> [options]

Writes the whole token model as an Excel workbook that recalculates by itself
in Excel or LibreOffice (native formulas; the add-in is not needed to open it).
Charts are drawn by the add-in inside Excel; the file keeps their data.

Options:
  --archetype ID   product archetype (default ${DEFAULT_INPUTS.archetype}); names and aliases work
  --stage ID       life-cycle stage: ${STAGES.map((s) => s.id).join(", ")} (default ${DEFAULT_INPUTS.stage})
  --revenue N      monthly fee revenue (default ${DEFAULT_INPUTS.revenue})
  --seed N         Monte Carlo seed, recorded on the Stress Test sheet (default ${MONTE_CARLO_DEFAULTS.seed})
  --paths N        Monte Carlo paths (default ${MONTE_CARLO_DEFAULTS.paths}; 0 writes no run)
  --volatility X   monthly revenue volatility for the Monte Carlo (default ${MONTE_CARLO_DEFAULTS.volatility})
  --force          replace the file if it exists
  -h, --help       show this help

The file is written whole or not at all: to a hidden temporary file first,
then linked into place, which never replaces an existing file (of several
runs at once, one wins); a failed or interrupted run (Ctrl-C) leaves nothing.

Example:
  token-model new model.xlsx --archetype exchange --stage growth --revenue 10000000`;

/** A file name is echoed whole up to this many characters (a 100 kB argument is still cut). */
const PATH_ECHO_LIMIT = 200;

/** The command's choices, checked by the core and turned into model inputs. */
export function modelInputs(options: Readonly<Record<string, string | boolean>>): ModelInputs {
  const text = (name: string): string | undefined => (typeof options[name] === "string" ? (options[name] as string) : undefined);
  const archetype = text("archetype") === undefined ? DEFAULT_INPUTS.archetype : resolveName(ARCHETYPE_INDEX, text("archetype"));
  const stage = text("stage") === undefined ? DEFAULT_INPUTS.stage : resolveName(STAGE_INDEX, text("stage"));
  const revenue = text("revenue") === undefined ? DEFAULT_INPUTS.revenue : toCents(text("revenue"), "revenue") / 100;
  return { ...DEFAULT_INPUTS, archetype, stage, revenue };
}

export async function newCommand(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {
    archetype: { kind: "string" }, stage: { kind: "string" }, revenue: { kind: "string" },
    seed: { kind: "string" }, paths: { kind: "string" }, volatility: { kind: "string" },
    force: { kind: "boolean" }, help: { kind: "boolean", short: "h" },
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

  const run = monteCarloChoice(args.options);
  const monteCarloRun = run && runMonteCarlo(inputs, run);
  const plans = buildModelPlan(inputs, defaultNaming(), monteCarloRun ? { monteCarlo: monteCarloRun } : {});
  const bytes = await planToXlsx(plans);
  await createFile(target, bytes, args.options.force === true, shown);
  io.out(summary(given, inputs, plans, bytes.byteLength, monteCarloRun?.params ?? null));
  return 0;
}

/**
 * The Monte Carlo run recorded on the Stress Test sheet. The run derives
 * amounts from --revenue (a claim, revenue paths); when one would pass the
 * largest amount kept to the cent, the message names the options a user has,
 * not the run's internal parameters.
 */
function runMonteCarlo(inputs: ModelInputs, choice: { seed?: number; paths?: number; volatility?: number }): { params: MonteCarloParams; result: ReturnType<typeof monteCarlo> } {
  try {
    const params = stressRunParams(inputs, choice);
    return { params, result: monteCarlo(params) };
  } catch (e) {
    if (!isTokenError(e)) throw e;
    if (/\b(paths?|seed|volatility)\b/i.test(e.message) && !/reached|claim/i.test(e.message)) throw new InputError(`${e.message} (options --paths, --seed, --volatility)`);
    throw new InputError(
      `The Monte Carlo run cannot start from --revenue ${groupThousands(formatCents(toCents(inputs.revenue, "revenue")))}: amounts it derives ` +
        `(the Stress Test's default claim, simulated months) would pass ${MAX_AMOUNT_TEXT}, the most kept to the cent. ` +
        "Give a lower --revenue or --volatility, or --paths 0 to write the model without a run.",
    );
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

function summary(file: string, inputs: ModelInputs, plans: readonly SheetPlan[], size: number, run: MonteCarloParams | null): string {
  const cells = plans.flatMap((p) => p.blocks.flatMap((b) => b.cells.flat()));
  const formulas = cells.filter((v) => typeof v === "string" && v.startsWith("=")).length;
  const hidden = plans.filter((p) => !p.visible).map((p) => p.name);
  const names = plans.reduce((n, p) => n + p.names.length, 0);
  const tables = plans.reduce((n, p) => n + p.tables.length, 0);
  return [
    `Wrote ${file} (${Math.max(1, Math.round(size / 1024))} KB)`,
    `  inputs:  archetype ${inputs.archetype}, stage ${inputs.stage}, revenue ${groupThousands(formatCents(toCents(inputs.revenue, "revenue")))}`,
    `  sheets:  ${plans.map((p) => p.name).join(", ")}${hidden.length > 0 ? ` (hidden: ${hidden.join(", ")})` : ""}`,
    `  content: ${formulas} formulas, ${names} named ranges, ${tables} tables; charts are left to the add-in (their data is on the sheets)`,
    run ? `  stress:  Monte Carlo of ${run.paths} paths x ${run.months} months, seed ${run.seed}, volatility ${run.volatility} (recorded on the sheet)` : "  stress:  no Monte Carlo run (--paths 0)",
  ].join("\n");
}
