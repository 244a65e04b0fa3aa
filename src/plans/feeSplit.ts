import { FEE_BUCKETS as CORE_BUCKETS, MAX_AMOUNT_CENTS, MAX_AMOUNT_TEXT, STAGES, type Bucket } from "../index";

/** The bucket list is data: every row and column below loops over it. */
const FEE_BUCKETS: readonly Bucket[] = CORE_BUCKETS;
import { constraintNameBase, splitNameBase } from "./definedNames";
import { column, MONEY, PERCENT, PlanDraft, STYLES } from "./draft";
import { buildWorking, SHARE_SUM_TOLERANCE } from "./feeSplitWorking";
import { absolute, cellAt, cellColAbs, columnLetter, rangeAt, text } from "./refs";
import type { ModelInputs, ModelNaming, SheetPlan } from "./types";

const N = FEE_BUCKETS.length;
const CONSTRAINED = FEE_BUCKETS.map((b, j) => ({ b, j })).filter(({ b }) => b.constraint !== "none");
/** The one maximum amount (the core's), as the sheet's validation takes it. */
const MAX_AMOUNT = MAX_AMOUNT_CENTS / 100;
export const SPLIT_OK = "OK";

const HEAD = 4;
const REVENUE_ROW = HEAD + 1;
const STAGE_ROW = HEAD + 2;
const LIMITS_ROW = HEAD + 3;
const TABLE_COL = 4; // D: stage ids, then one share column per bucket, total, check
const INPUT_END = Math.max(LIMITS_ROW + CONSTRAINED.length - 1, HEAD + STAGES.length);
const RESULT_TITLE = INPUT_END + 2;
const RESULT_HEAD = RESULT_TITLE + 1;
const RESULT_FIRST = RESULT_HEAD + 1;
const TOTAL_ROW = RESULT_FIRST + N;
const CHECK_ROW = TOTAL_ROW + 1;
const SHARES_CHECK_ROW = TOTAL_ROW + 2;
const WORK_TITLE = SHARES_CHECK_ROW + 3;
const WORK_HEAD = WORK_TITLE + 2;

const shareCol = (j: number): number => TABLE_COL + 1 + j;
const limitCell = (j: number): string | null => {
  const i = CONSTRAINED.findIndex((c) => c.j === j);
  return i < 0 ? null : cellAt(2, LIMITS_ROW + i);
};

/** Where the key cells of the Fee Split sheet are (relative A1 on that sheet). */
export const FEE_SPLIT_LAYOUT = {
  revenue: cellAt(2, REVENUE_ROW),
  stage: cellAt(2, STAGE_ROW),
  /** Cap or floor input per bucket (null: the bucket takes none). */
  limits: FEE_BUCKETS.map((_, j) => limitCell(j)),
  shareTable: rangeAt(shareCol(0), HEAD + 1, shareCol(N - 1), HEAD + STAGES.length),
  amounts: FEE_BUCKETS.map((_, j) => cellAt(2, RESULT_FIRST + j)),
  bound: FEE_BUCKETS.map((_, j) => cellAt(4, RESULT_FIRST + j)),
  total: cellAt(2, TOTAL_ROW),
  check: cellAt(2, CHECK_ROW),
  sharesCheck: cellAt(2, SHARES_CHECK_ROW),
  /** Bucket names and amounts with a header row: the doughnut's data. */
  chartData: rangeAt(1, RESULT_HEAD, 2, RESULT_FIRST + N - 1),
  workingTitle: cellAt(1, WORK_TITLE),
} as const;

/**
 * The Fee Split sheet: revenue, stage and the optional caps and floor beside
 * an editable share table; amounts by native formulas that follow the core's
 * feeSplit to the cent (helper rows in the Working area below); checks; a
 * doughnut of the split.
 */
export function buildFeeSplitPlan(inputs: ModelInputs, naming: ModelNaming): SheetPlan {
  const d = new PlanDraft("feeSplit", naming);
  const L = FEE_SPLIT_LAYOUT;
  d.label("A1", [["Fee split"]], STYLES.title);
  d.label("A2", [["Type the revenue and pick a stage. Leave a cap or floor blank when it does not apply. The amounts are exact to the cent and always add up to the revenue."]], STYLES.intro);

  // Inputs
  d.label(cellAt(1, HEAD), [["Input", "Value"]], STYLES.header);
  d.label(cellAt(1, REVENUE_ROW), column(["Monthly fee revenue", "Stage", ...CONSTRAINED.map(({ b }) => sentence(b.constraintName))]));
  d.input(L.revenue, [[inputs.revenue]], MONEY);
  d.input(L.stage, [[inputs.stage]]);
  d.input(cellAt(2, LIMITS_ROW), CONSTRAINED.map(() => [null]), MONEY);
  d.define("FeeRevenue", L.revenue);
  d.define("FeeStage", L.stage);
  for (const { b, j } of CONSTRAINED) d.define(constraintNameBase(b)!, limitCell(j)!);
  d.validate({ range: L.revenue, decimal: { min: 0, max: MAX_AMOUNT }, prompt: "Fee revenue for one month.", error: `Give an amount from 0 to ${MAX_AMOUNT_TEXT}.` });
  d.dropdown(L.stage, "StageList", `Where the product stands in its life cycle: ${STAGES.map((st) => st.id).join(", ")}. For other shares, edit a row of the share table.`, "Choose a stage from the list (the sheet takes the stage names of its share table).");
  if (CONSTRAINED.length > 0) {
    d.validate({ range: rangeAt(2, LIMITS_ROW, 2, LIMITS_ROW + CONSTRAINED.length - 1), decimal: { min: 0, max: MAX_AMOUNT }, prompt: "An amount per month; blank means not set.", error: `Give an amount from 0 to ${MAX_AMOUNT_TEXT}, or leave it blank.` });
  }

  // Share table: one row per stage, one column per bucket.
  const totalCol = shareCol(N);
  const first = HEAD + 1;
  const lastStage = HEAD + STAGES.length;
  d.label(cellAt(TABLE_COL, HEAD), [["Stage", ...FEE_BUCKETS.map((b) => b.name), "Total", "Check"]], STYLES.header);
  d.label(cellAt(TABLE_COL, first), column(STAGES.map((s) => s.id)));
  d.input(cellAt(shareCol(0), first), STAGES.map((s) => FEE_BUCKETS.map((b) => stagePercent(inputs.stagePercents?.[s.id] ?? s.percent, b.id) / 100)), PERCENT);
  d.computed(cellAt(totalCol, first), STAGES.map((_, i) => {
    const r = first + i;
    const total = cellAt(totalCol, r);
    return [`=SUM(${rangeAt(shareCol(0), r, shareCol(N - 1), r)})`, `=IF(ABS(${total}-1)<=${SHARE_SUM_TOLERANCE},${text(SPLIT_OK)},"must total 100%")`];
  }), STAGES.map(() => [PERCENT, "General"]));
  d.define("FeeShares", L.shareTable);
  d.validate({ range: L.shareTable, decimal: { min: 0, max: 1 }, prompt: "A share of the fee line, 0% to 100%.", error: "Give a share from 0% to 100%." });

  // Working rows (built first: the results read them).
  const work = buildWorking(WORK_HEAD + 1, {
    revenue: absolute(L.revenue),
    stage: absolute(L.stage),
    stageIds: rangeAt(TABLE_COL, first, TABLE_COL, lastStage, true),
    shareColumns: FEE_BUCKETS.map((_, j) => rangeAt(shareCol(j), first, shareCol(j), lastStage, true)),
    constraintInputs: FEE_BUCKETS.map((_, j) => {
      const c = limitCell(j);
      return c ? absolute(c) : null;
    }),
  });

  // Results
  d.label(cellAt(1, RESULT_TITLE), [["Split"]], STYLES.section);
  d.label(cellAt(1, RESULT_HEAD), [["Bucket", "Amount", "Share used", "Bound by"]], STYLES.header);
  d.label(cellAt(1, RESULT_FIRST), column(FEE_BUCKETS.map((b) => b.name)));
  // A bad input blanks the amounts (the check cell says what to fix), never a wrong number.
  const ok = `${work.problem}=""`;
  d.computed(cellAt(2, RESULT_FIRST), FEE_BUCKETS.map((_, j) => [`=IF(${ok},${work.cents(j)}/100,"")`, `=IF(${ok},${work.share(j)},"")`, `=IF(${ok},${work.bound(j)},"")`]),
    FEE_BUCKETS.map(() => [MONEY, PERCENT, "General"]), STYLES.result);
  FEE_BUCKETS.forEach((b, j) => d.define(splitNameBase(b), L.amounts[j]!));
  d.label(cellAt(1, TOTAL_ROW), column(["Total", "Adds up to the revenue", "Shares of the stage total 100%"]), STYLES.result);
  d.computed(L.total, [
    [`=IF(${ok},SUM(${rangeAt(2, RESULT_FIRST, 2, RESULT_FIRST + N - 1)}),"")`],
    // Compared as a difference: a spreadsheet's "=" forgives a few units in the 15th digit.
    [`=IF(${ok},IF(SUM(${work.centsRow})-${work.revenueCents}=0,${text(SPLIT_OK)},"CHECK: the split does not add up"),"CHECK: "&${work.problem})`],
    [`=IF(ABS(SUM(${work.shares})-1)<=${SHARE_SUM_TOLERANCE},${text(SPLIT_OK)},"CHECK: fix the stage's row of the share table")`],
  ], [[MONEY], ["General"], ["General"]], STYLES.result);
  d.define("SplitTotal", L.total);
  d.define("SplitCheck", L.check);
  d.highlight({ range: rangeAt(2, CHECK_ROW, 2, SHARES_CHECK_ROW), formula: `=${cellColAbs(2, CHECK_ROW)}<>${text(SPLIT_OK)}`, fill: "#F8CBAD", fontColor: "#9C0006" });
  d.chart({
    name: `SplitChart${naming.suffix}`, kind: "doughnut", title: "Where the fee line goes", dataRange: L.chartData,
    seriesBy: "columns", anchor: cellAt(TABLE_COL + 2, RESULT_TITLE), widthCells: 6, heightCells: WORK_TITLE - RESULT_TITLE - 1,
  });

  // Working area
  d.label(L.workingTitle, [["Working: helper rows that compute the split step by step. Do not edit; they follow the revenue, stage, caps, floor and share table above."]], STYLES.section);
  d.label(cellAt(1, WORK_HEAD), [["Step", ...FEE_BUCKETS.map((b) => b.name)]], STYLES.header);
  d.label(cellAt(1, WORK_HEAD + 1), column(work.rows.map((r) => r.label)), STYLES.working);
  work.rows.forEach((row, i) => {
    d.computed(cellAt(2, WORK_HEAD + 1 + i), [row.cells], row.numberFormat, STYLES.working);
  });
  d.group("rows", WORK_HEAD, WORK_HEAD + work.rows.length);

  d.width("A", 44);
  d.width("B", 18);
  d.width("C", 14);
  d.width(columnLetter(TABLE_COL), 14);
  for (let j = 0; j <= N + 1; j++) d.width(columnLetter(shareCol(j)), 13);
  return d.build();
}

/** "buyback cap (market-impact limit)" -> "Buyback cap (market-impact limit)". */
const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A stage's whole percentage for a bucket (the stage table has a column per bucket). */
const stagePercent = (percent: Readonly<Record<string, number>>, id: string): number => percent[id] ?? 0;
