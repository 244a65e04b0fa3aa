import { existsSync, renameSync, statSync, unlinkSync, writeFileSync } from "fs";
import { basename, dirname, extname, join, resolve } from "path";
import { ARCHETYPE_INDEX, STAGE_INDEX, STAGES, formatCents, resolveName, toCents } from "../../src";
import { planToXlsx } from "../../src/export";
import { DEFAULT_INPUTS, buildModelPlan, defaultNaming } from "../../src/plans";
import type { ModelInputs, SheetPlan } from "../../src/plans/types";
import { UsageError, expectPositionals, parseArgs } from "../args";
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

  const plans = buildModelPlan(inputs, defaultNaming());
  const bytes = await planToXlsx(plans);
  writeAtomically(target, bytes);
  io.out(summary(args.positionals[0]!, inputs, plans, bytes.byteLength));
  return 0;
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

function summary(file: string, inputs: ModelInputs, plans: readonly SheetPlan[], size: number): string {
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
  ].join("\n");
}
