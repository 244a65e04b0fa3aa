import { buildModelPlan, defaultNaming, resolveNaming, type ModelOptions } from "../src/plans";
import { today } from "./today";
import { STRESS_TEST_LAYOUT, stressInputValues } from "../src/plans/stressTest";
import type { ModelInputs, ModelNaming, PlanKey, SheetPlan } from "../src/plans/types";
import { describeError, PaneError, refuse } from "./errors";
import { applyPlans, type SheetWrite, type WorkbookState, type WriteMode } from "./excelWriter";
import { selectPlans } from "./planRefs";
import type { MonteCarloRun } from "./stressRun";
import { officeSupport, type ApiSupport } from "./support";

/**
 * The build action: one Excel.run, two syncs.
 *
 *   sync 1 (reads)  sheet names (+ their protection flag and chart names),
 *                   defined names, table names, the workbook's structure
 *                   protection (update adds only the tables and charts a
 *                   sheet lacks, so it must know which exist); for a
 *                   Monte Carlo in update mode, the Stress Test's input cells.
 *   pure            naming, plans, the sheets to write, pre-flight checks;
 *                   then the Monte Carlo, if asked for (chunked: the page
 *                   stays responsive while the batch waits).
 *   sync 2 (writes) every sheet, name, cell, table, dropdown, format, chart.
 *
 * Whole or nothing. One sync is one request, but Excel runs a request's
 * commands in order and does not roll back the ones before a failing
 * command. So the pane makes failure unlikely and cleans up when it happens:
 *  - everything that predictably fails is checked on the read snapshot
 *    before a single write is queued: a taken sheet, table or defined name,
 *    a protected sheet or workbook structure, a missing requirement set,
 *    and (update) a same-named sheet that is not the model's;
 *    a cell in edit mode fails the read sync, before any write;
 *  - if the write sync still fails, the sheets and names this build added
 *    are deleted again (they did not exist at read time, so they hold
 *    nothing of the user's): two more syncs, on failure only;
 *  - in "update" mode only cells the model owns are written (labels and
 *    formulas; never inputs), plus the tables and charts a sheet lacks, so
 *    an interrupted update leaves no user content changed, and running
 *    Update again completes it (what it already added is found and kept).
 */

/** Excel.run narrowed to the one overload the pane uses; tests pass a fake. */
export type RunBatch = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export const excelRun: RunBatch = (batch) => Excel.run(batch);

export interface BuildIntent {
  readonly mode: WriteMode;
  readonly create: readonly string[];
  readonly update: readonly string[];
  /** Sheets added because a chosen sheet reads from them and they are missing. */
  readonly dependencies: readonly string[];
}

export interface BuildOptions {
  readonly mode?: WriteMode;
  readonly support?: ApiSupport;
  readonly run?: RunBatch;
  /** Called between the read and the write sync with exactly what is about to be written. */
  readonly onIntent?: (intent: BuildIntent) => void;
  /** Passed on to buildModelPlan, e.g. a finished Monte Carlo run to record on the Stress Test sheet. */
  readonly modelOptions?: ModelOptions;
  /**
   * A Monte Carlo to run between the two syncs, after the pre-flight checks,
   * and record on the Stress Test sheet. It gets the values typed in the
   * existing sheet's input cells by key (update mode: read in the same read
   * sync), or undefined when the sheet is written new with its defaults.
   */
  readonly stressRun?: (sheetInputs: Readonly<Record<string, unknown>> | undefined) => Promise<MonteCarloRun>;
}

export interface BuildReport extends BuildIntent {
  readonly naming: ModelNaming;
  readonly sheets: readonly SheetWrite[];
  readonly cells: number;
  readonly keptInputCells: number;
  readonly skipped: readonly string[];
  /** The plans written, e.g. to find the Checklist sheet just built. */
  readonly plans: readonly SheetPlan[];
}

const fold = (s: string): string => s.toLowerCase();

interface Snapshot {
  readonly state: WorkbookState;
  readonly protectedSheets: ReadonlySet<string>;
  readonly structureProtected: boolean;
  /** Defined name (folded) -> the sheet (folded) its range is on. */
  readonly nameSheets: ReadonlyMap<string, string>;
}

/** The sheet of a range name's value ("'Fee Split'!$B$5" -> "Fee Split"); undefined for other names. */
export function sheetOfReference(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.replace(/^=/, "");
  const bang = text.lastIndexOf("!");
  if (bang < 0) return undefined;
  const sheet = text.slice(0, bang);
  return sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

/** Queues the reads of sync 1; the returned function turns the loaded proxies into plain data after the sync. */
function queueSnapshot(context: Excel.RequestContext, support: ApiSupport, withCharts: boolean): () => Snapshot {
  const wb = context.workbook;
  // Chart names (update only: a created sheet has none) through the collection itself, for every
  // sheet, as which sheets get updated is known only after this sync.
  const sheets = wb.worksheets.load(`items/name${withCharts ? ",items/charts/items/name" : ""}${support.formatting ? ",items/protection/protected" : ""}`);
  const names = wb.names.load("items/name,items/type,items/value");
  const tables = wb.tables.load("items/name");
  const protection = support.events ? wb.protection.load("protected") : undefined;
  return () => ({
    state: {
      sheets: sheets.items.map((s) => s.name),
      names: [...names.items.map((n) => n.name), ...tables.items.map((t) => t.name)],
      charts: withCharts ? sheets.items.flatMap((s) => s.charts.items.map((c) => ({ sheet: s.name, name: c.name }))) : null,
    },
    protectedSheets: new Set(support.formatting ? sheets.items.filter((s) => s.protection.protected).map((s) => fold(s.name)) : []),
    structureProtected: protection?.protected ?? false,
    nameSheets: new Map(names.items.flatMap((n) => {
      const sheet = n.type === "Range" ? sheetOfReference(n.value) : undefined;
      return sheet === undefined ? [] : [[fold(n.name), fold(sheet)] as const];
    })),
  });
}

/**
 * Queues the read of the Stress Test's input column (values only). The sheet
 * may be missing: getItemOrNullObject then gives a null object and the read
 * gives nothing; whether the sheet exists is taken from the sheet list of the
 * same sync, and only then are the values used.
 */
function queueStressInputs(context: Excel.RequestContext, sheet: string): () => Readonly<Record<string, unknown>> {
  const range = context.workbook.worksheets.getItemOrNullObject(sheet).getRange(STRESS_TEST_LAYOUT.inputRange).load("values");
  return () => stressInputValues(range.values);
}

/**
 * Update rewrites cells, so it first makes sure an existing sheet is the
 * model's and not a sheet of the user's that happens to share its name: one
 * of the plan's defined names must point at it. A plan without names of its
 * own (the Summary) passes when another sheet of the model does.
 */
function checkOwnership(snapshot: Snapshot, all: readonly SheetPlan[], update: readonly SheetPlan[]): void {
  const owns = (plan: SheetPlan): boolean => plan.names.some((n) => snapshot.nameSheets.get(fold(n.name)) === fold(plan.name));
  const modelPresent = all.some(owns);
  const strangers = update.filter((plan) => (plan.names.length > 0 ? !owns(plan) : !modelPresent)).map((p) => `"${p.name}"`);
  if (strangers.length > 0) {
    throw refuse(`${strangers.join(", ")} ${strangers.length === 1 ? "exists but is" : "exist but are"} not part of a model built here (none of the model's names point at ${strangers.length === 1 ? "it" : "them"}), so Update leaves ${strangers.length === 1 ? "it" : "them"} alone; nothing was changed. Rename ${strangers.length === 1 ? "it" : "them"}, or choose "create new".`);
  }
}

function preflight(snapshot: Snapshot, intent: BuildIntent): void {
  if (intent.create.length > 0 && snapshot.structureProtected) {
    throw refuse("The workbook structure is protected, so no sheet can be added. Unprotect it (Review > Protect Workbook) and try again; nothing was changed.");
  }
  const locked = intent.update.filter((name) => snapshot.protectedSheets.has(fold(name)));
  if (locked.length > 0) {
    throw refuse(`${locked.map((n) => `"${n}"`).join(", ")} ${locked.length === 1 ? "is" : "are"} protected. Unprotect (Review > Unprotect Sheet) and try again; nothing was changed.`);
  }
}

/**
 * Builds the chosen sheets ("all" for a new model) in the workbook.
 * "create" never touches an existing sheet: names that are taken get the
 * next free variant from resolveNaming ("Fee Split (2)", names with "_2").
 * "update" targets the model's default sheet names and rewrites only what
 * the model owns there; a sheet that is missing is created whole.
 */
export async function buildSheets(keys: readonly PlanKey[] | "all", inputs: ModelInputs, options: BuildOptions = {}): Promise<BuildReport> {
  const mode = options.mode ?? "create";
  const support = options.support ?? officeSupport();
  const run = options.run ?? excelRun;
  if (!support.names) throw refuse("Building the model needs ExcelApi 1.4 (Excel 2016 or later, or Excel on the web).");

  let written: { intent: BuildIntent; existing: WorkbookState } | undefined;
  try {
    return await run(async (context) => {
      let snapshotOf = queueSnapshot(context, support, mode === "update");
      // Create writes a new Stress Test with its defaults; update keeps the existing sheet's inputs, so the run uses them.
      let stressInputsOf = options.stressRun && mode === "update" ? queueStressInputs(context, defaultNaming().sheets.stressTest) : undefined;
      try {
        await context.sync(); // 1 of 2: reads
      } catch (e) {
        // Update's extra reads (a missing sheet's null object, the charts of every sheet) are not
        // documented to succeed on every Excel: if the read fails, read again without them (one
        // more round trip, only then). Then a missing Stress Test means defaults, and charts are
        // unknown, so update adds none rather than risk a duplicate.
        if (mode !== "update") throw e;
        stressInputsOf = undefined;
        snapshotOf = queueSnapshot(context, support, false);
        await context.sync();
      }
      const snapshot = snapshotOf();
      const { state } = snapshot;

      const naming = mode === "create" ? resolveNaming(state.sheets, state.names) : defaultNaming();
      const all = buildModelPlan(inputs, naming, { made: { date: today() }, ...options.modelOptions });
      const selected = selectPlans(all, keys, state.sheets);
      const { dependencies } = selected;
      let { plans } = selected;
      const existing = new Set(state.sheets.map(fold));
      const intent: BuildIntent = {
        mode,
        create: plans.filter((p) => !existing.has(fold(p.name))).map((p) => p.name),
        update: plans.filter((p) => existing.has(fold(p.name))).map((p) => p.name),
        dependencies: dependencies.map((p) => p.name),
      };
      preflight(snapshot, intent);
      checkOwnership(snapshot, all, plans.filter((p) => intent.update.includes(p.name)));
      options.onIntent?.(intent);

      if (options.stressRun) {
        const sheetInputs = stressInputsOf && intent.update.includes(naming.sheets.stressTest) ? stressInputsOf() : undefined;
        const run = await options.stressRun(sheetInputs);
        plans = selectPlans(buildModelPlan(inputs, naming, { made: { date: today() }, ...options.modelOptions, monteCarlo: run }), keys, state.sheets).plans;
      }

      if (support.suspendScreenUpdating) context.workbook.application.suspendScreenUpdatingUntilNextSync();
      const summary = applyPlans(context, plans, mode, { support, existing: state });
      const firstNew = plans.find((p) => p.visible && intent.create.includes(p.name));
      if (firstNew) context.workbook.worksheets.getItem(firstNew.name).activate();
      written = { intent, existing: state };
      await context.sync(); // 2 of 2: writes

      return {
        ...intent,
        naming,
        sheets: summary.sheets,
        cells: summary.sheets.reduce((n, s) => n + s.cells, 0),
        keptInputCells: summary.sheets.reduce((n, s) => n + s.keptInputCells, 0),
        skipped: summary.skipped,
        plans,
      };
    });
  } catch (error) {
    if (!written || error instanceof PaneError) throw error;
    // The write sync failed part-way: take back what it added, and say whether that worked.
    const created = written.intent.create;
    const cleaned = await rollback(run, created, written.existing).then(() => true, () => false);
    const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "GeneralException";
    throw new PaneError(code, cleaned
      ? `${describeError(error)} Nothing was kept: the sheets and names this build had begun were removed again.`
      : `${describeError(error)} The pane could not remove what it had begun${created.length > 0 ? `; delete ${listOf(created)} if ${created.length === 1 ? "it is" : "they are"} there` : ""}. Your own sheets were not touched.`);
  }
}

/**
 * Deletes what a failed create added: sheets and names that were absent at
 * read time and are present now. Runs only after a failed write sync.
 */
async function rollback(run: RunBatch, createdSheets: readonly string[], before: WorkbookState): Promise<void> {
  await run(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    const names = context.workbook.names.load("items/name");
    await context.sync();
    const had = new Set([...before.sheets, ...before.names].map(fold));
    const ours = new Set(createdSheets.map(fold));
    for (const n of names.items) if (!had.has(fold(n.name))) n.delete();
    for (const s of sheets.items) if (ours.has(fold(s.name)) && !had.has(fold(s.name))) s.delete();
    await context.sync();
  });
}

/** One line for the status area: what was created or changed. */
export function describeReport(report: BuildReport): string {
  const parts: string[] = [];
  if (report.create.length > 0) parts.push(`Created ${listOf(report.create)}`);
  if (report.update.length > 0) parts.push(`updated ${listOf(report.update)} (labels and formulas; ${report.keptInputCells} input cells kept as you typed them)`);
  const first = parts.join("; ");
  let text = `${first.charAt(0).toUpperCase()}${first.slice(1)}: ${report.cells} cells written.`;
  if (report.dependencies.length > 0) text += ` ${listOf(report.dependencies)} ${report.dependencies.length === 1 ? "was" : "were"} added because the chosen sheet reads from ${report.dependencies.length === 1 ? "it" : "them"}.`;
  if (report.skipped.length > 0) text += ` This Excel left out: ${report.skipped.join("; ")}.`;
  return text;
}

/** What a build will do, before it runs (names may still get a free variant). */
export function describeIntent(intent: BuildIntent): string {
  const parts: string[] = [];
  if (intent.create.length > 0) parts.push(`creating ${listOf(intent.create)}`);
  if (intent.update.length > 0) parts.push(`updating labels and formulas on ${listOf(intent.update)} (your inputs stay)`);
  const text = parts.join(" and ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}…`;
}

export const listOf = (names: readonly string[]): string => {
  const quoted = names.map((n) => `“${n}”`);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
};
