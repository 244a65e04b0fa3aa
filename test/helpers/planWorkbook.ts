import { FEE_BUCKETS, STAGES, feeSplit, type Bucket } from "../../src";
import {
  buildModelPlan, cellAt, constraintNameBase, parseCell, DEFAULT_INPUTS, defaultNaming, FEE_SPLIT_LAYOUT, nameOf, splitNameBase,
  type ModelInputs, type ModelNaming,
} from "../../src/plans";
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
  /** Replaces the stage's row of the share table (fractions, one per bucket). */
  readonly shares?: readonly number[];
}

export interface SplitResult {
  readonly cents: readonly number[];
  readonly bound: readonly string[];
  readonly check: Scalar;
}

/** Types a case into the Fee Split sheet and reads the amounts back as cents. */
export function sheetSplit(wb: Workbook, c: SplitCase, naming: ModelNaming = defaultNaming()): SplitResult {
  const sheet = naming.sheets.feeSplit;
  wb.setName(nameOf(naming, "FeeRevenue"), c.revenue);
  wb.setName(nameOf(naming, "FeeStage"), c.stage);
  for (const b of BUCKETS) {
    const base = constraintNameBase(b);
    if (!base) continue;
    const given = b.constraint === "cap" ? c.caps?.[b.id] : c.floors?.[b.id];
    wb.setName(nameOf(naming, base), given ?? null);
  }
  // Every row of the share table: the seed's, or the case's edit for its stage.
  const { col, row } = parseCell(FEE_SPLIT_LAYOUT.shareTable.split(":")[0]!);
  STAGES.forEach((stage, i) => {
    const shares = stage.id === c.stage && c.shares ? c.shares : BUCKETS.map((b) => (stage.percent as Readonly<Record<string, number>>)[b.id]! / 100);
    shares.forEach((s, j) => wb.set(sheet, cellAt(col + j, row + i), s));
  });
  const cents = BUCKETS.map((b) => {
    const v = wb.getName(nameOf(naming, splitNameBase(b)));
    if (typeof v !== "number") throw new Error(`${b.id}: ${String(v)}`);
    return Math.round(v * 100);
  });
  const bound = FEE_SPLIT_LAYOUT.bound.map((a1) => String(wb.get(sheet, a1)));
  return { cents, bound, check: wb.getName(nameOf(naming, "SplitCheck")) };
}

/** The same case through the core. */
export function coreSplit(c: SplitCase): SplitResult {
  const s = feeSplit(c.revenue, c.shares ?? c.stage, { caps: c.caps, floors: c.floors });
  return { cents: s.cents, bound: s.bound.map((b) => b ?? "none"), check: "OK" };
}
