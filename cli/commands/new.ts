import { existsSync, renameSync, statSync, unlinkSync, writeFileSync } from "fs";
import { basename, dirname, extname, join, resolve } from "path";
import { ARCHETYPE_INDEX, STAGE_INDEX, STAGES, formatCents, resolveName, toCents } from "../../src";
import { planToXlsx } from "../../src/export";
import { DEFAULT_INPUTS, MONTE_CARLO_DEFAULTS, buildModelPlan, defaultNaming, stressRunParams } from "../../src/plans";
import { monteCarlo, type MonteCarloParams } from "../../src/stress";
import type { ModelInputs, SheetPlan } from "../../src/plans/types";
import { UsageError, expectPositionals, parseArgs } from "../args";
import { groupThousands } from "../format";
import { InputError, type Io } from "../io";
import { version } from "../main";

export const NEW_HELP = `Usage: token-model new <model.xlsx> [options]

Writes the whole token model as an Excel workbook that recalculates by itself
in Excel or LibreOffice (native formulas and native charts bound to the
sheets' cells; the add-in is not needed to open it). A "Read me" sheet comes
first; "Comparables" sets the split beside published ones.

Options:
  --archetype ID   product archetype (default ${DEFAULT_INPUTS.archetype}); names and aliases work
  --stage ID       life-cycle stage: ${STAGES.map((s) => s.id).join(", ")} (default ${DEFAULT_INPUTS.stage})
  --revenue N      monthly fee revenue (default ${DEFAULT_INPUTS.revenue})
  --seed N         Monte Carlo seed, recorded on the Stress Test sheet (default ${MONTE_CARLO_DEFAULTS.seed})
  --paths N        Monte Carlo paths (default ${MONTE_CARLO_DEFAULTS.paths}; 0 writes no run)
  --volatility X   monthly revenue volatility for the Monte Carlo (default ${MONTE_CARLO_DEFAULTS.volatility})
  --force          replace the file if it exists
  -h, --help       show this help

The file is written to a temporary name and renamed when complete, so a failed
run leaves nothing behind.

Example:
  token-model new model.xlsx --archetype exchange --stage growth --revenue 10000000`;

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
  const target = resolve(args.positionals[0]!);
  if (extname(target).toLowerCase() !== ".xlsx") throw new UsageError(`The model file must end in .xlsx; got "${args.positionals[0]}".`, "new");
  const inputs = modelInputs(args.options);
  const dir = dirname(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`Cannot write ${args.positionals[0]}: the folder ${dir} does not exist.`);
  if (existsSync(target) && !args.options.force) throw new InputError(`${args.positionals[0]} already exists; use --force to replace it.`);

  const run = monteCarloChoice(args.options);
  const params = run && stressRunParams(inputs, run);
  const made = { date: new Date().toISOString().slice(0, 10), version: version() };
  const plans = buildModelPlan(inputs, defaultNaming(), params ? { monteCarlo: { params, result: monteCarlo(params) }, made } : { made });
  const bytes = await planToXlsx(plans);
  writeAtomically(target, bytes);
  io.out(summary(args.positionals[0]!, inputs, plans, bytes.byteLength, params));
  return 0;
}

/** --seed, --paths and --volatility as numbers (the stress core checks their ranges); --paths 0 skips the run. */
function monteCarloChoice(options: Readonly<Record<string, string | boolean>>): { seed?: number; paths?: number; volatility?: number } | null {
  const number = (name: string): number | undefined => {
    const text = options[name];
    if (typeof text !== "string") return undefined;
    const value = Number(text.trim());
    if (text.trim() === "" || !Number.isFinite(value)) throw new UsageError(`--${name} takes a number; got "${text}".`, "new");
    return value;
  };
  const paths = number("paths");
  if (paths === 0) return null;
  return { seed: number("seed"), paths, volatility: number("volatility") };
}

/** Write beside the target, then rename: readers never see half a file, and a failure leaves none. */
function writeAtomically(target: string, bytes: Uint8Array): void {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, bytes, { flag: "wx" });
    renameSync(temp, target);
  } catch (e) {
    try { unlinkSync(temp); } catch { /* nothing was written */ }
    throw new InputError(`Cannot write ${target}: ${(e as Error).message}`);
  }
}

function summary(file: string, inputs: ModelInputs, plans: readonly SheetPlan[], size: number, run: MonteCarloParams | null): string {
  const cells = plans.flatMap((p) => p.blocks.flatMap((b) => b.cells.flat()));
  const formulas = cells.filter((v) => typeof v === "string" && v.startsWith("=")).length;
  const hidden = plans.filter((p) => !p.visible).map((p) => p.name);
  const names = plans.reduce((n, p) => n + p.names.length, 0);
  const tables = plans.reduce((n, p) => n + p.tables.length, 0);
  const charts = plans.reduce((n, p) => n + p.charts.length, 0);
  return [
    `Wrote ${file} (${Math.max(1, Math.round(size / 1024))} KB)`,
    `  inputs:  archetype ${inputs.archetype}, stage ${inputs.stage}, revenue ${groupThousands(formatCents(toCents(inputs.revenue, "revenue")))}`,
    `  sheets:  ${plans.map((p) => p.name).join(", ")}${hidden.length > 0 ? ` (hidden: ${hidden.join(", ")})` : ""}`,
    `  content: ${formulas} formulas, ${names} named ranges, ${tables} tables, ${charts} native charts`,
    run ? `  stress:  Monte Carlo of ${run.paths} paths x ${run.months} months, seed ${run.seed}, volatility ${run.volatility} (recorded on the sheet)` : "  stress:  no Monte Carlo run (--paths 0)",
  ].join("\n");
}
