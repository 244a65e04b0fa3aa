import { FEE_BUCKETS, STAGES, bucketSplit, feeSplit, type Bucket } from "../../src";
import { buildModelPlan, DEFAULT_INPUTS, defaultNaming, FEE_SPLIT_LAYOUT, nameOf, type ModelInputs, type ModelNaming } from "../../src/plans";
import { Workbook, type EvalOptions, type Scalar } from "./formulaEval";

export const BUCKETS: readonly Bucket[] = FEE_BUCKETS;

/** A whole model as a computing workbook. */
export function modelWorkbook(inputs: ModelInputs = DEFAULT_INPUTS, naming: ModelNaming = defaultNaming(), options: EvalOptions = {}): Workbook {
  return new Workbook(buildModelPlan(inputs, naming), options);
}

export interface SplitCase {
  readonly revenue: number;
  readonly stage: string;
  /** Amounts by bucket id; a missing id is blank. */
  readonly caps?: Readonly<Record<string, number>>;
  readonly floors?: Readonly<Record<string, number>>;
  /** Replaces the stage's shares of the standard buckets (fractions, one per bucket). */
  readonly shares?: readonly number[];
  /** The bucket that takes capped excess (a name), blank: pro rata. */
  readonly excessTo?: string | null;
}

export type Cell = number | string | null;

/** One row of the bucket table as a user types it. */
export interface TableRow {
  readonly name: Cell;
  /** One per stage, in STAGES order. */
  readonly shares: readonly Cell[];
  readonly cap?: Cell;
  readonly floor?: Cell;
}

/** Everything a user types on the Fee Split sheet. */
export interface TableCase {
  readonly revenue: Cell;
  readonly stage: Cell;
  readonly rows: readonly TableRow[];
  readonly excessTo?: Cell;
  readonly useRuleCaps?: Cell;
}

export interface SplitResult {
  readonly cents: readonly number[];
  readonly bound: readonly string[];
  readonly check: Scalar;
}

const stagePercent = (stage: (typeof STAGES)[number], id: string): number => (stage.percent as Readonly<Record<string, number>>)[id]! / 100;

/** The standard four buckets as table rows, with the case's shares, caps and floors. */
export function standardTable(c: SplitCase): TableCase {
  return {
    revenue: c.revenue,
    stage: c.stage,
    excessTo: c.excessTo ?? null,
    rows: BUCKETS.map((b, j) => ({
      name: b.name,
      shares: STAGES.map((st) => (st.id === c.stage && c.shares ? c.shares[j]! : stagePercent(st, b.id))),
      cap: b.constraint === "cap" ? c.caps?.[b.id] ?? null : null,
      floor: b.constraint === "floor" ? c.floors?.[b.id] ?? null : null,
    })),
  };
}

/** Types a table into the Fee Split sheet (rows past the case's left blank). */
export function typeTable(wb: Workbook, t: TableCase, naming: ModelNaming = defaultNaming()): void {
  const sheet = naming.sheets.feeSplit;
  const L = FEE_SPLIT_LAYOUT;
  wb.set(sheet, L.revenue, t.revenue);
  wb.set(sheet, L.stage, t.stage);
  wb.set(sheet, L.excessTo, t.excessTo ?? null);
  wb.set(sheet, L.useRuleCaps, t.useRuleCaps ?? "no");
  L.rows.forEach((r, j) => {
    const given = t.rows[j];
    wb.set(sheet, r.name, given?.name ?? null);
    r.shares.forEach((a1, i) => wb.set(sheet, a1, given?.shares[i] ?? null));
    wb.set(sheet, r.cap, given?.cap ?? null);
    wb.set(sheet, r.floor, given?.floor ?? null);
  });
}

/** The amounts of the table's rows (cents; a blank-name row reads 0), what bound them, and the check cell. */
export function readTable(wb: Workbook, rows: number, naming: ModelNaming = defaultNaming()): SplitResult {
  const sheet = naming.sheets.feeSplit;
  const L = FEE_SPLIT_LAYOUT;
  const cents = L.amounts.slice(0, rows).map((a1, j) => {
    const v = wb.get(sheet, a1);
    if (v === "" && wb.get(sheet, L.resultNames[j]!) === "") return 0;
    if (typeof v !== "number") throw new Error(`row ${j + 1}: ${String(v)} (check: ${String(wb.get(sheet, L.check))})`);
    return Math.round(v * 100);
  });
  const bound = L.bound.slice(0, rows).map((a1) => String(wb.get(sheet, a1)));
  return { cents, bound, check: wb.getName(nameOf(naming, "SplitCheck")) };
}

/** Types a case into the Fee Split sheet and reads the amounts back as cents (the standard buckets also through their names). */
export function sheetSplit(wb: Workbook, c: SplitCase, naming: ModelNaming = defaultNaming()): SplitResult {
  typeTable(wb, standardTable(c), naming);
  const out = readTable(wb, BUCKETS.length, naming);
  const byName = BUCKETS.map((b) => Math.round((wb.getName(nameOf(naming, `Split${b.name}`)) as number) * 100));
  if (JSON.stringify(byName) !== JSON.stringify(out.cents)) throw new Error(`Split names ${JSON.stringify(byName)} differ from the table ${JSON.stringify(out.cents)}`);
  return out;
}

/** The same case through the core. */
export function coreSplit(c: SplitCase): SplitResult {
  if (c.excessTo) return coreTable(standardTable(c)) as SplitResult;
  const s = feeSplit(c.revenue, c.shares ?? c.stage, { caps: c.caps, floors: c.floors });
  return { cents: s.cents, bound: s.bound.map((b) => b ?? "none"), check: "OK" };
}

/** A table through the core's front door (bucketSplit), named rows only; caps as given (rule caps already folded in). */
export function coreTable(t: TableCase, caps?: readonly Cell[]): SplitResult | { error: string } {
  const stage = STAGES.findIndex((st) => st.id === t.stage);
  const rows = t.rows.filter((r) => r.name !== null && String(r.name).trim() !== "");
  try {
    const s = bucketSplit(t.revenue, {
      buckets: rows.map((r) => r.name),
      shares: rows.map((r) => r.shares[stage] ?? null),
      caps: caps ?? rows.map((r) => r.cap ?? null),
      floors: rows.map((r) => r.floor ?? null),
      excessTo: t.excessTo ?? null,
    });
    return { cents: s.cents, bound: s.bound.map((b) => b ?? "none"), check: "OK" };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
