import { cellAddress, parseCell, parseRange } from "../src/export/address";
import { buildModelPlan, defaultNaming, resolveNaming, type ModelOptions } from "../src/plans";
import { FEE_SPLIT_LAYOUT } from "../src/plans/feeSplit";
import { STRESS_TEST_LAYOUT, stressInputValues } from "../src/plans/stressTest";
import type { ModelInputs, ModelNaming, PlanKey, SheetPlan } from "../src/plans/types";
import { describeError, PaneError, refuse } from "./errors";
import { today } from "./today";
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
 *                   sheet lacks, so it must know which exist); after a
 *                   Monte Carlo in update mode, the Stress Test's input
 *                   cells again, to check the run still matches them.
 *   pure            naming, plans, the sheets to write, pre-flight checks.
 *   sync 2 (writes) every sheet, name, cell, table, dropdown, format, chart.
 *
 * A Monte Carlo runs before this batch, never inside it: Excel fails a batch
 * that meets a user editing a cell, and a snapshot read seconds earlier can
 * be stale. In update mode its inputs come from one short read batch first
 * (1 sync), so a run costs 3 syncs in update mode and 2 in create mode.
 * Every batch asks Excel to wait while a cell is being edited
 * (delayForCellEdit) instead of failing.
 *
 * Whole or nothing. One sync is one request, but Excel runs a request's
 * commands in order and does not roll back the ones before a failing
 * command. So the pane makes failure unlikely and cleans up when it happens:
 *  - everything that predictably fails is checked on the read snapshot
 *    before a single write is queued: a taken sheet, table or defined name,
 *    a protected sheet or workbook structure, a missing requirement set,
 *    and (update) a same-named sheet that is not the model's;
 *    a request Excel refuses whole (cell edit mode on an Excel without
 *    delayForCellEdit, a payload over its limit) writes nothing and says so;
 *  - if the write sync still fails, the sheets and names this build added
 *    are deleted again: only sheets absent at read time that hold nothing
 *    but cells the plan writes, only names that point where the plan's do
 *    (a same-named sheet or name someone added meanwhile stays); two more
 *    syncs, on failure only, and the message says what was removed;
 *  - in "update" mode only cells the model owns are written (labels and
 *    formulas; never inputs), plus the tables and charts a sheet lacks, so
 *    an interrupted update leaves no user content changed, and running
 *    Update again completes it (what it already added is found and kept).
 */

/** Excel.run narrowed to the one overload the pane uses; tests pass a fake. */
export type RunBatch = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Excel.run, delayed while the user edits a cell rather than failed (ExcelApi's RunOptions.delayForCellEdit). */
export const excelRun: RunBatch = (batch) => Excel.run({ delayForCellEdit: true }, batch);

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
   * A Monte Carlo to run before the build's batch and record on the Stress
   * Test sheet. It gets the values typed in the existing sheet's input cells
   * by key (update mode: read in a short batch of their own), or undefined
   * when the sheet is written new with its defaults; and the shares the Fee
   * Split sheet gives the standard buckets per stage (FeeShares, what the
   * Stress Test sheet reads), when that sheet exists.
   */
  readonly stressRun?: (sheetInputs: Readonly<Record<string, unknown>> | undefined, shareTable?: ShareTable) => Promise<MonteCarloRun>;
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
 * Update rewrites cells, so it first makes sure an existing sheet is the
 * model's and not a sheet of the user's that happens to share its name: one
 * of the plan's defined names must point at it. A plan without names of its
 * own (Read me, Comparables) passes when another sheet of the model does.
 */
function checkOwnership(snapshot: Snapshot, all: readonly SheetPlan[], update: readonly SheetPlan[]): void {
  const owns = (plan: SheetPlan): boolean => plan.names.some((n) => snapshot.nameSheets.get(fold(n.name)) === fold(plan.name));
  const modelPresent = all.some(owns);
  const strangers = update.filter((plan) => (plan.names.length > 0 ? !owns(plan) : !modelPresent)).map((p) => p.name);
  if (strangers.length > 0) {
    throw refuse(`${listOf(strangers)} ${strangers.length === 1 ? "exists but is" : "exist but are"} not part of a model built here (none of the model's names point at ${strangers.length === 1 ? "it" : "them"}), so Update leaves ${strangers.length === 1 ? "it" : "them"} alone; nothing was changed. Rename ${strangers.length === 1 ? "it" : "them"}, or choose "create new".`);
  }
}

function preflight(snapshot: Snapshot, intent: BuildIntent): void {
  if (intent.create.length > 0 && snapshot.structureProtected) {
    throw refuse("The workbook structure is protected, so no sheet can be added. Unprotect it (Review > Protect Workbook) and try again; nothing was changed.");
  }
  const locked = intent.update.filter((name) => snapshot.protectedSheets.has(fold(name)));
  if (locked.length > 0) {
    throw refuse(`${listOf(locked)} ${locked.length === 1 ? "is" : "are"} protected. Unprotect (Review > Unprotect Sheet) and try again; nothing was changed.`);
  }
}

/**
 * Before a Monte Carlo (update mode): the Stress Test's inputs as typed,
 * read in their own short batch, so the paths run outside any batch. Undefined
 * when the sheet does not exist (it is then written new, with its defaults).
 */
async function readSheetInputs(run: RunBatch, sheet: string, feeSheet: string): Promise<{ inputs: Readonly<Record<string, unknown>>; shareTable: ShareTable | undefined } | undefined> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    const has = (name: string): boolean => sheets.items.some((s) => fold(s.name) === fold(name));
    const inputsOf = (ws: Excel.Worksheet): Excel.Range => ws.getRange(STRESS_TEST_LAYOUT.inputRange).load("values");
    const sharesOf = (ws: Excel.Worksheet): Excel.Range => ws.getRange(FEE_SPLIT_LAYOUT.feeShares).load("values");
    let range: Excel.Range | undefined = inputsOf(context.workbook.worksheets.getItemOrNullObject(sheet));
    let shares: Excel.Range | undefined = sharesOf(context.workbook.worksheets.getItemOrNullObject(feeSheet));
    try {
      await context.sync();
    } catch {
      // An Excel that refuses a read through a missing sheet's null object: read the sheet list, then each sheet that exists.
      range = shares = undefined;
      context.workbook.worksheets.load("items/name");
      await context.sync();
      if (has(sheet)) range = inputsOf(context.workbook.worksheets.getItem(sheet));
      if (has(feeSheet)) shares = sharesOf(context.workbook.worksheets.getItem(feeSheet));
      if (range || shares) await context.sync();
    }
    if (!has(sheet) || !range) return undefined;
    return { inputs: stressInputValues(range.values), shareTable: has(feeSheet) && shares ? shares.values : undefined };
  });
}

/** The Fee Split's FeeShares view as Excel gives it: one row per stage, one cell per standard bucket. */
export type ShareTable = readonly (readonly unknown[])[];

const sameTable = (a: ShareTable | undefined, b: ShareTable | undefined): boolean =>
  a === undefined ? b === undefined : b !== undefined && a.length === b.length && a.every((row, i) => row.length === b[i]!.length && row.every((v, j) => v === b[i]![j]));

const sameInputs = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean =>
  STRESS_TEST_LAYOUT.inputKeys.every((k) => a[k] === b[k]);

/**
 * Builds the chosen sheets ("all" for a new model) in the workbook.
 * "create" never touches an existing sheet: names that are taken get the
 * next free variant from resolveNaming ("Fee Split (2)", names with "_2").
 * "update" targets the model's default sheet names and rewrites only what
 * the model owns there; a sheet that is missing is created whole.
 *
 * With a Monte Carlo (options.stressRun) the paths run first, outside any
 * batch (update reads the sheet's inputs for it in one short batch before),
 * and the build's read sync then checks that nothing the run used changed.
 */
export async function buildSheets(keys: readonly PlanKey[] | "all", inputs: ModelInputs, options: BuildOptions = {}): Promise<BuildReport> {
  const mode = options.mode ?? "create";
  const support = options.support ?? officeSupport();
  const run = options.run ?? excelRun;
  if (!support.names) throw refuse("Building the model needs ExcelApi 1.4 (Excel 2016 or later, or Excel on the web).");
  if (!options.stressRun) return writeBuild(keys, inputs, mode, support, run, options, undefined);

  const stressSheet = defaultNaming().sheets.stressTest;
  const feeSheet = defaultNaming().sheets.feeSplit;
  const read = mode === "update" ? await readSheetInputs(run, stressSheet, feeSheet) : undefined;
  const monteCarlo = await options.stressRun(read?.inputs, read?.shareTable);
  return writeBuild(keys, inputs, mode, support, run, { ...options, modelOptions: { ...options.modelOptions, monteCarlo } },
    { sheet: stressSheet, inputs: read?.inputs, feeSheet, shareTable: read?.shareTable });
}

/** What a Monte Carlo was run with: the build refuses to record it if the sheet changed since. */
interface RunBasis {
  readonly sheet: string;
  readonly inputs: Readonly<Record<string, unknown>> | undefined;
  /** The Fee Split sheet and the shares it gives the standard buckets (FeeShares) as the run read them (undefined: not read, or the sheet was missing). */
  readonly feeSheet?: string;
  readonly shareTable?: ShareTable | undefined;
}

/** The build batch: one read sync, pure checks, one write sync; a clean-up that says what it did if the write fails. */
async function writeBuild(keys: readonly PlanKey[] | "all", inputs: ModelInputs, mode: WriteMode, support: ApiSupport, run: RunBatch, options: BuildOptions, basis: RunBasis | undefined): Promise<BuildReport> {
  let written: { plans: readonly SheetPlan[]; intent: BuildIntent; existing: WorkbookState } | undefined;
  try {
    return await run(async (context) => {
      let snapshotOf = queueSnapshot(context, support, mode === "update");
      // A run made from the sheets' inputs: read them again, right before writing.
      const queueRunReads = () => {
        const inputs = basis?.inputs && mode === "update"
          ? context.workbook.worksheets.getItem(basis.sheet).getRange(STRESS_TEST_LAYOUT.inputRange).load("values")
          : undefined;
        const shares = inputs && basis?.feeSheet && basis.shareTable
          ? context.workbook.worksheets.getItem(basis.feeSheet).getRange(FEE_SPLIT_LAYOUT.feeShares).load("values")
          : undefined;
        return { inputs, shares };
      };
      let { inputs: inputsNow, shares: sharesNow } = queueRunReads();
      try {
        await context.sync(); // 1 of 2: reads
      } catch (e) {
        if (basis && inputsNow && errorCode(e) === "ItemNotFound") {
          throw refuse(changedWhileRunning(sharesNow ? `${quoted(basis.sheet)} or ${quoted(basis.feeSheet!)}` : quoted(basis.sheet), "was removed"));
        }
        // Update's extra read (the charts of every sheet) is not documented to succeed on every
        // Excel: if the read fails, read again without it (one more round trip, only then).
        // Charts are then unknown, so update adds none rather than risk a duplicate.
        if (mode !== "update") throw e;
        snapshotOf = queueSnapshot(context, support, false);
        ({ inputs: inputsNow, shares: sharesNow } = queueRunReads());
        await context.sync();
      }
      const snapshot = snapshotOf();
      const { state } = snapshot;

      const naming = mode === "create" ? resolveNaming(state.sheets, state.names) : defaultNaming();
      const all = buildModelPlan(inputs, naming, { made: { date: today() }, ...options.modelOptions });
      const { plans, dependencies } = selectPlans(all, keys, state.sheets);
      const existing = new Set(state.sheets.map(fold));
      const intent: BuildIntent = {
        mode,
        create: plans.filter((p) => !existing.has(fold(p.name))).map((p) => p.name),
        update: plans.filter((p) => existing.has(fold(p.name))).map((p) => p.name),
        dependencies: dependencies.map((p) => p.name),
      };
      if (basis && mode === "update") checkRunBasis(basis, existing, inputsNow ? stressInputValues(inputsNow.values) : undefined, sharesNow?.values);
      preflight(snapshot, intent);
      checkOwnership(snapshot, all, plans.filter((p) => intent.update.includes(p.name)));
      options.onIntent?.(intent);

      if (support.suspendScreenUpdating) context.workbook.application.suspendScreenUpdatingUntilNextSync();
      const summary = applyPlans(context, plans, mode, { support, existing: state });
      const firstNew = plans.find((p) => p.visible && intent.create.includes(p.name));
      if (firstNew) context.workbook.worksheets.getItem(firstNew.name).activate();
      written = { plans, intent, existing: state };
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
    const code = errorCode(error) || "GeneralException";
    // Excel refused the whole request before running any of it: nothing to take back.
    if (WHOLE_REQUEST_REFUSED.has(code)) throw new PaneError(code, `${describeError(error)} Nothing was written.`);
    // The write sync failed part-way: take back what this build added, and say what happened.
    const outcome = await rollback(run, written.plans, written.intent.create, written.existing).catch(() => undefined);
    throw new PaneError(code, `${describeError(error)} ${describeRollback(outcome, written.intent.create)}`);
  }
}

/** Errors Excel raises before it runs any command of a request. */
const WHOLE_REQUEST_REFUSED = new Set(["InvalidOperationInCellEditMode", "RequestPayloadSizeLimitExceeded"]);

const errorCode = (error: unknown): string =>
  typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";

/** The sheet the run read is still as it was: same existence, same inputs. */
function checkRunBasis(basis: RunBasis, existing: ReadonlySet<string>, now: Readonly<Record<string, unknown>> | undefined, sharesNow: ShareTable | undefined): void {
  const existsNow = existing.has(fold(basis.sheet));
  if (basis.inputs === undefined ? existsNow : !existsNow || now === undefined || !sameInputs(basis.inputs, now)) {
    throw refuse(changedWhileRunning(quoted(basis.sheet), basis.inputs === undefined ? "was added" : "had its inputs edited"));
  }
  if (basis.feeSheet && basis.shareTable && !sameTable(basis.shareTable, sharesNow)) {
    throw refuse(changedWhileRunning(quoted(basis.feeSheet), "had its shares edited"));
  }
}

const changedWhileRunning = (sheet: string, what: string): string =>
  `${sheet} ${what} while the paths ran, so this run no longer matches the model; nothing was written. Run the stress test again.`;

export interface RollbackOutcome {
  readonly removedSheets: readonly string[];
  readonly removedNames: number;
  /** Sheets with a name this build meant to add that hold cells it did not write (someone else's): left alone. */
  readonly keptSheets: readonly string[];
}

/**
 * Deletes what a failed write added: sheets this build was creating that
 * exist now but did not at read time, and hold nothing but cells the plan
 * writes (a same-named sheet someone added meanwhile stays), and the
 * defined names the plans add that point where the plan points. Two syncs,
 * only after a failed write.
 */
async function rollback(run: RunBatch, plans: readonly SheetPlan[], createdSheets: readonly string[], before: WorkbookState): Promise<RollbackOutcome> {
  return run(async (context) => {
    // Sheets and names are told apart: a sheet may share its name with a defined name or table.
    const hadSheets = new Set(before.sheets.map(fold));
    const hadNames = new Set(before.names.map(fold));
    const candidates = plans.filter((p) => createdSheets.includes(p.name) && !hadSheets.has(fold(p.name)));
    const used = candidates.map((plan) => ({
      plan,
      range: context.workbook.worksheets.getItemOrNullObject(plan.name).getUsedRangeOrNullObject().load("address,formulas"),
    }));
    const names = context.workbook.names.load("items/name,items/value");
    const sheets = context.workbook.worksheets.load("items/name");
    await context.sync();
    const present = new Set(sheets.items.map((s) => fold(s.name)));
    const removedSheets: string[] = [];
    const keptSheets: string[] = [];
    for (const { plan, range } of used) {
      if (!present.has(fold(plan.name))) continue;
      if (range.isNullObject || onlyPlanCells(plan, range.address, range.formulas)) removedSheets.push(plan.name);
      else keptSheets.push(plan.name);
    }
    const ours = new Map(plans.flatMap((p) => p.names.map((n) => [fold(n.name), { sheet: fold(p.name), range: n.range.replace(/\$/g, "").toUpperCase() }] as const)));
    let removedNames = 0;
    for (const n of names.items) {
      const plan = ours.get(fold(n.name));
      if (!plan || hadNames.has(fold(n.name))) continue;
      const value = typeof n.value === "string" ? n.value : "";
      const sheet = sheetOfReference(value);
      if (sheet === undefined || fold(sheet) !== plan.sheet || value.slice(value.lastIndexOf("!") + 1).replace(/\$/g, "").toUpperCase() !== plan.range) continue;
      n.delete();
      removedNames += 1;
    }
    for (const name of removedSheets) context.workbook.worksheets.getItem(name).delete();
    await context.sync();
    return { removedSheets, removedNames, keptSheets };
  });
}

/** True when every non-empty cell of the used range is a cell the plan writes. */
function onlyPlanCells(plan: SheetPlan, address: string, formulas: readonly (readonly unknown[])[]): boolean {
  const written = new Set<string>();
  for (const block of plan.blocks) {
    const { row, col } = parseCell(block.at);
    block.cells.forEach((r, i) => r.forEach((v, j) => { if (v !== null) written.add(cellAddress(row + i, col + j)); }));
  }
  const used = parseRange(address.slice(address.lastIndexOf("!") + 1));
  return formulas.every((r, i) => r.every((v, j) => v === "" || v === null || written.has(cellAddress(used.top + i, used.left + j))));
}

function describeRollback(outcome: RollbackOutcome | undefined, created: readonly string[]): string {
  if (!outcome) {
    return `The pane could not remove what it had begun${created.length > 0 ? `; delete ${listOf(created)} if ${created.length === 1 ? "it is" : "they are"} there` : ""}. Your own sheets were not touched.`;
  }
  const { removedSheets, removedNames, keptSheets } = outcome;
  const removed = [
    ...(removedNames > 0 ? [`${removedNames} defined ${removedNames === 1 ? "name" : "names"}`] : []),
    ...(removedSheets.length > 0 ? [`${removedSheets.length} ${removedSheets.length === 1 ? "sheet" : "sheets"} (${listOf(removedSheets)})`] : []),
  ];
  let text = removed.length === 0
    ? "Nothing had been added, so nothing needed removing."
    : `The pane removed what this build had added: ${removed.join(" and ")}.`;
  if (keptSheets.length > 0) text += ` ${listOf(keptSheets)} ${keptSheets.length === 1 ? "holds" : "hold"} cells this build did not write (added by someone else meanwhile?), so ${keptSheets.length === 1 ? "it was" : "they were"} left as ${keptSheets.length === 1 ? "it is" : "they are"}.`;
  return text;
}

/** One line for the status area: what was created or changed. */
export function describeReport(report: BuildReport): string {
  const parts: string[] = [];
  if (report.create.length > 0) parts.push(`Created ${listOf(report.create)}`);
  if (report.update.length > 0) parts.push(`updated ${listOf(report.update)} (labels and formulas; ${report.keptInputCells} input ${report.keptInputCells === 1 ? "cell" : "cells"} left as ${report.keptInputCells === 1 ? "it was" : "they were"})`);
  const first = parts.join("; ");
  let text = `${first.charAt(0).toUpperCase()}${first.slice(1)}: ${report.cells} cells written.`;
  if (report.dependencies.length > 0) {
    const chosen = report.create.length + report.update.length - report.dependencies.length;
    text += ` ${listOf(report.dependencies)} ${report.dependencies.length === 1 ? "was" : "were"} added because ${chosen === 1 ? "the chosen sheet reads" : "the chosen sheets read"} from ${report.dependencies.length === 1 ? "it" : "them"}.`;
  }
  if (report.skipped.length > 0) text += ` This Excel left out: ${report.skipped.join("; ")}.`;
  return text;
}

/** What a build will do, before it runs (names may still get a free variant). */
export function describeIntent(intent: BuildIntent): string {
  const parts: string[] = [];
  if (intent.create.length > 0) parts.push(`creating ${listOf(intent.create)}`);
  if (intent.update.length > 0) parts.push(`updating labels and formulas on ${listOf(intent.update)} (your inputs stay)`);
  const text = parts.join(", and ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}…`;
}

const quoted = (name: string): string => `“${name}”`;

export const listOf = (names: readonly string[]): string => {
  const all = names.map(quoted);
  return all.length <= 1 ? (all[0] ?? "") : `${all.slice(0, -1).join(", ")} and ${all[all.length - 1]}`;
};
