import { FEE_BUCKETS as CORE_BUCKETS, MAX_AMOUNT_CENTS, MAX_AMOUNT_TEXT, MAX_BUCKETS, STAGES, type Bucket } from "../index";
import { nameKey } from "../names";
import { constraintNameBase, splitNameBase } from "./definedNames";
import { column, MONEY, PERCENT, PlanDraft, STYLES } from "./draft";
import { buildWorking, SHARE_SUM_TOLERANCE } from "./feeSplitWorking";
import { NO, YES } from "./reference";
import { absolute, cellAt, cellColAbs, columnLetter, rangeAt, text } from "./refs";
import type { ModelInputs, ModelNaming, SheetPlan } from "./types";

/** The model's standard buckets: the rows the table starts with, and the ones other sheets read by name. */
const FEE_BUCKETS: readonly Bucket[] = CORE_BUCKETS;
/** Rows of the bucket table: the most buckets a split takes (the core's limit). */
const ROWS = MAX_BUCKETS;
const S = STAGES.length;
/** The one maximum amount (the core's), as the sheet's validation takes it. */
const MAX_AMOUNT = MAX_AMOUNT_CENTS / 100;
export const SPLIT_OK = "OK";
/** The buckets the token rules cap, by name key, and the Summary names that hold the rule caps. */
/** What a rule cap reads when the workbook has no Summary sheet. */
const NO_SUMMARY = "no Summary sheet in this workbook";
const RULE_CAPS = [{ key: "buyback", name: "TokenBuybackCap" }, { key: "stakers", name: "TokenStakerCap" }] as const;

const HEAD = 4;
const REVENUE_ROW = HEAD + 1;
const STAGE_ROW = HEAD + 2;
const EXCESS_ROW = HEAD + 3;
const RULES_ROW = HEAD + 4;
const TABLE_COL = 4; // D: names, then one share column per stage, cap, floor, cap in force
const FIRST = HEAD + 1;
const LAST = HEAD + ROWS;
const stageCol = (i: number): number => TABLE_COL + 1 + i;
const CAP_COL = TABLE_COL + 1 + S;
const FLOOR_COL = CAP_COL + 1;
const IN_FORCE_COL = FLOOR_COL + 1;
const TABLE_TOTAL = LAST + 1;
const TABLE_CHECK = LAST + 2;
const NOTES = TABLE_CHECK + 2;
const RESULT_TITLE = NOTES + 4;
const RESULT_HEAD = RESULT_TITLE + 1;
const RESULT_FIRST = RESULT_HEAD + 1;
const TOTAL_ROW = RESULT_FIRST + ROWS;
const CHECK_ROW = TOTAL_ROW + 1;
const SHARES_CHECK_ROW = TOTAL_ROW + 2;
const WORK_TITLE = SHARES_CHECK_ROW + 3;
const VIEW_HEAD = WORK_TITLE + 2;
const VIEW_AMOUNTS = VIEW_HEAD + 1 + S;
const WORK_HEAD = VIEW_AMOUNTS + 1;

const row = (j: number): number => FIRST + j;
const standardIndex = (b: Bucket): number => FEE_BUCKETS.indexOf(b);

/** Where the key cells of the Fee Split sheet are (relative A1 on that sheet). */
export const FEE_SPLIT_LAYOUT = {
  revenue: cellAt(2, REVENUE_ROW),
  stage: cellAt(2, STAGE_ROW),
  excessTo: cellAt(2, EXCESS_ROW),
  useRuleCaps: cellAt(2, RULES_ROW),
  /** The bucket table, row by row: name, share per stage (in STAGES order), cap, floor. */
  rows: Array.from({ length: ROWS }, (_, j) => ({
    name: cellAt(TABLE_COL, row(j)),
    shares: STAGES.map((_, i) => cellAt(stageCol(i), row(j))),
    cap: cellAt(CAP_COL, row(j)),
    floor: cellAt(FLOOR_COL, row(j)),
  })),
  /** The whole input part of the bucket table (names to floors). */
  table: rangeAt(TABLE_COL, FIRST, FLOOR_COL, LAST),
  names: rangeAt(TABLE_COL, FIRST, TABLE_COL, LAST),
  /** Shares: one row per bucket, one column per stage. */
  bucketShares: rangeAt(stageCol(0), FIRST, stageCol(S - 1), LAST),
  /** The cap or floor input of each standard bucket in its starting row (null: it takes none). */
  limits: FEE_BUCKETS.map((b, j) => (b.constraint === "cap" ? cellAt(CAP_COL, row(j)) : b.constraint === "floor" ? cellAt(FLOOR_COL, row(j)) : null)),
  /** Per row of the table: the result's name, amount, share used and what bound it. */
  resultNames: Array.from({ length: ROWS }, (_, j) => cellAt(1, RESULT_FIRST + j)),
  amounts: Array.from({ length: ROWS }, (_, j) => cellAt(2, RESULT_FIRST + j)),
  bound: Array.from({ length: ROWS }, (_, j) => cellAt(4, RESULT_FIRST + j)),
  /** The standard buckets by name (0 when the table has no such bucket): SplitBuyback ... */
  standardAmounts: FEE_BUCKETS.map((_, k) => cellAt(2 + k, VIEW_AMOUNTS)),
  /** Stages down, standard buckets across, read from the table by name: FeeShares. */
  feeShares: rangeAt(2, VIEW_HEAD + 1, 1 + FEE_BUCKETS.length, VIEW_HEAD + S),
  total: cellAt(2, TOTAL_ROW),
  check: cellAt(2, CHECK_ROW),
  sharesCheck: cellAt(2, SHARES_CHECK_ROW),
  /** Bucket names and amounts with a header row: the doughnut's data. */
  chartData: rangeAt(1, RESULT_HEAD, 2, RESULT_FIRST + ROWS - 1),
  workingTitle: cellAt(1, WORK_TITLE),
} as const;

/**
 * The Fee Split sheet: revenue, stage, where a capped excess goes and
 * whether the token rules cap the split, beside a bucket table (one row per
 * bucket: name, share per stage, cap, floor; up to 12, blank rows unused).
 * Amounts by native formulas that follow the core's bucketSplit to the cent
 * (helper rows in the Working area below); checks that say what to fix; a
 * doughnut of the split.
 */
export function buildFeeSplitPlan(inputs: ModelInputs, naming: ModelNaming): SheetPlan {
  const d = new PlanDraft("feeSplit", naming);
  const L = FEE_SPLIT_LAYOUT;
  d.label("A1", [["Fee split"]], STYLES.title);
  d.label("A2", [["Type the revenue and pick a stage. Name a bucket in the next blank row of the table to add it. The amounts are exact to the cent and always add up to the revenue."]], STYLES.intro);

  // Inputs
  d.label(cellAt(1, HEAD), [["Input", "Value"]], STYLES.header);
  d.label(cellAt(1, REVENUE_ROW), column(["Monthly fee revenue", "Stage", "Excess goes to", "Use the token rules' caps"]));
  d.input(L.revenue, [[inputs.revenue]], MONEY);
  d.input(L.stage, [[inputs.stage]]);
  d.input(L.excessTo, [[null], [NO]]);
  d.define("FeeRevenue", L.revenue);
  d.define("FeeStage", L.stage);
  d.define("FeeExcessTo", L.excessTo);
  d.define("FeeUseRuleCaps", L.useRuleCaps);
  d.validate({ range: L.revenue, decimal: { min: 0, max: MAX_AMOUNT }, prompt: "Fee revenue for one month.", error: `Give an amount from 0 to ${MAX_AMOUNT_TEXT}.` });
  d.dropdown(L.stage, "StageList", `Where the product stands in its life cycle: ${STAGES.map((st) => st.id).join(", ")}. The bucket table holds a share column per stage.`, "Choose a stage from the list (the sheet takes the stage names at the top of its bucket table).");
  d.validate({ range: L.excessTo, list: { source: `=${d.name("FeeBucketNames")}` }, prompt: "The bucket that takes what a cap cuts off, while it is under its own cap. Blank: pro rata to the buckets not at a cap.", error: "Choose a bucket named in the table, or leave it blank." });
  d.dropdown(L.useRuleCaps, "YesNoList", `${YES}: a bucket named Buyback or Stakers is capped at the lower of its typed cap and the cap the Summary's token rule gives. ${NO}: the typed caps only.`, `Choose ${YES} or ${NO}.`);

  // Bucket table: one row per bucket, prefilled with the model's buckets.
  d.label(cellAt(TABLE_COL, HEAD), [["Bucket", ...STAGES.map((st) => st.id), "Cap", "Floor", "Cap in force"]], STYLES.header);
  const percents = (stage: (typeof STAGES)[number], b: Bucket): number =>
    ((inputs.stagePercents?.[stage.id] ?? stage.percent) as Readonly<Record<string, number>>)[b.id] ?? 0;
  d.input(cellAt(TABLE_COL, FIRST), Array.from({ length: ROWS }, (_, j) => {
    const b = FEE_BUCKETS[j];
    return b ? [b.name, ...STAGES.map((st) => percents(st, b) / 100), null, null] : [null, ...STAGES.map(() => null), null, null];
  }), Array.from({ length: ROWS }, () => ["General", ...STAGES.map(() => PERCENT), MONEY, MONEY]));
  d.define("FeeBucketTable", L.table);
  d.define("FeeBucketNames", L.names);
  for (const b of FEE_BUCKETS) {
    const base = constraintNameBase(b);
    if (base) d.define(base, L.limits[standardIndex(b)]!);
  }
  d.validate({ range: L.bucketShares, decimal: { min: 0, max: 1 }, prompt: "This bucket's share of the fee line at that stage, 0% to 100%. Each stage's column totals 100%.", error: "Give a share from 0% to 100%." });
  d.validate({ range: rangeAt(CAP_COL, FIRST, FLOOR_COL, LAST), decimal: { min: 0, max: MAX_AMOUNT }, prompt: "An amount per month; blank means not set.", error: `Give an amount from 0 to ${MAX_AMOUNT_TEXT}, or leave it blank.` });
  d.label(cellAt(TABLE_COL, TABLE_TOTAL), [["Total"], ["Check"]], STYLES.result);
  d.computed(cellAt(stageCol(0), TABLE_TOTAL), [
    STAGES.map((_, i) => `=SUM(${rangeAt(stageCol(i), FIRST, stageCol(i), LAST)})`),
    STAGES.map((_, i) => `=IF(ABS(${cellAt(stageCol(i), TABLE_TOTAL)}-1)<=${SHARE_SUM_TOLERANCE},${text(SPLIT_OK)},"must total 100%")`),
  ], [STAGES.map(() => PERCENT), STAGES.map(() => "General")], STYLES.result);

  d.label(cellAt(1, NOTES), column([
    "Excess goes to: the bucket that takes what a cap cuts off, as long as it is under its own cap. Blank: pro rata to the buckets not at a cap.",
    `Use the token rules' caps: ${YES} caps a bucket named Buyback or Stakers at the lower of its typed cap and the cap the Summary's token rule gives (the stricter limit binds).`,
    "Blank-name rows are not used. A bucket may take a cap, a floor or both; floors are met first, from the buckets without one.",
  ]), STYLES.intro);

  // Working rows (built first: the results read them).
  const work = buildWorking(WORK_HEAD + 1, {
    revenue: absolute(L.revenue),
    stage: absolute(L.stage),
    excessTo: absolute(L.excessTo),
    useRuleCaps: absolute(L.useRuleCaps),
    stageIds: rangeAt(stageCol(0), HEAD, stageCol(S - 1), HEAD, true),
    names: L.rows.map((r) => absolute(r.name)),
    shareRows: L.rows.map((r) => absolute(`${r.shares[0]!}:${r.shares[S - 1]!}`)),
    caps: L.rows.map((r) => absolute(r.cap)),
    floors: L.rows.map((r) => absolute(r.floor)),
    // Read only when the Summary is there: a Fee Split built alone says so if its rule caps are asked for.
    ruleCaps: RULE_CAPS.map((r) => ({ key: r.key, cell: `IFERROR(${d.optionalName(r.name)},${text(NO_SUMMARY)})` })),
  });
  d.computed(cellAt(IN_FORCE_COL, FIRST), Array.from({ length: ROWS }, (_, j) => [`=IF(${work.capSet(j)}=1,${work.capCents(j)}/100,"")`]), MONEY);

  // Results
  const ok = `${work.problem}=""`;
  d.label(cellAt(1, RESULT_TITLE), [["Split"]], STYLES.section);
  d.label(cellAt(1, RESULT_HEAD), [["Bucket", "Amount", "Share used", "Bound by"]], STYLES.header);
  // A bad input blanks the amounts (the check cell says what to fix), never a wrong number.
  d.computed(cellAt(1, RESULT_FIRST), Array.from({ length: ROWS }, (_, j) => {
    const shown = `AND(${ok},${work.used(j)}=1)`;
    return [`=IF(${work.used(j)}=1,TRIM(${absolute(L.rows[j]!.name)}),"")`, `=IF(${shown},${work.cents(j)}/100,"")`, `=IF(${shown},${work.share(j)},"")`, `=IF(${shown},${work.bound(j)},"")`];
  }), Array.from({ length: ROWS }, () => ["General", MONEY, PERCENT, "General"]), STYLES.result);
  d.label(cellAt(1, TOTAL_ROW), column(["Total", "Adds up to the revenue", "Shares of the stage total 100%"]), STYLES.result);
  d.computed(L.total, [
    [`=IF(${ok},SUM(${rangeAt(2, RESULT_FIRST, 2, RESULT_FIRST + ROWS - 1)}),"")`],
    // Compared as a difference: a spreadsheet's "=" forgives a few units in the 15th digit.
    [`=IF(${ok},IF(SUM(${work.centsRow})-${work.revenueCents}=0,${text(SPLIT_OK)},"CHECK: the split does not add up"),"CHECK: "&${work.problem})`],
    [`=IF(ABS(SUMPRODUCT(${work.shares})-1)<=${SHARE_SUM_TOLERANCE},${text(SPLIT_OK)},"CHECK: fix the stage's column of the bucket table")`],
  ], [[MONEY], ["General"], ["General"]], STYLES.result);
  d.define("SplitTotal", L.total);
  d.define("SplitCheck", L.check);
  d.highlight({ range: rangeAt(2, CHECK_ROW, 2, SHARES_CHECK_ROW), formula: `=${cellColAbs(2, CHECK_ROW)}<>${text(SPLIT_OK)}`, fill: "#F8CBAD", fontColor: "#9C0006" });
  d.highlight({ range: rangeAt(stageCol(0), TABLE_CHECK, stageCol(S - 1), TABLE_CHECK), formula: `=${cellAt(stageCol(0), TABLE_CHECK)}<>${text(SPLIT_OK)}`, fill: "#F8CBAD", fontColor: "#9C0006" });
  d.chart({
    name: `SplitChart${naming.suffix}`, kind: "doughnut", title: "Where the fee line goes", dataRange: L.chartData,
    seriesBy: "columns", anchor: cellAt(TABLE_COL + 2, RESULT_TITLE), widthCells: 6, heightCells: WORK_TITLE - RESULT_TITLE - 1,
  });

  // Working area: the standard buckets by name (what other sheets read), then the helper rows.
  d.label(L.workingTitle, [["Working: helper rows that compute the split step by step. Do not edit; they follow the inputs and the bucket table above."]], STYLES.section);
  d.label(cellAt(1, VIEW_HEAD), [["Standard buckets, read from the table by name (0 when absent)", ...FEE_BUCKETS.map((b) => b.name)]], STYLES.header);
  d.label(cellAt(1, VIEW_HEAD + 1), column([...STAGES.map((st) => `Share at ${st.id}`), "Amount"]), STYLES.working);
  const isStandard = (b: Bucket): string => `(${work.keys}=${text(nameKey(b.id))})*1`;
  d.computed(cellAt(2, VIEW_HEAD + 1), [
    ...STAGES.map((_, i) => FEE_BUCKETS.map((b) => `=SUMPRODUCT(${isStandard(b)},${work.stageShares(i + 1)})`)),
    FEE_BUCKETS.map((b) => `=IF(${ok},SUMPRODUCT(${isStandard(b)},${work.centsRow})/100,"")`),
  ], [...STAGES.map(() => FEE_BUCKETS.map(() => PERCENT)), FEE_BUCKETS.map(() => MONEY)], STYLES.working);
  d.define("FeeShares", L.feeShares);
  FEE_BUCKETS.forEach((b, k) => d.define(splitNameBase(b), L.standardAmounts[k]!));
  d.label(cellAt(1, WORK_HEAD), [["Step", ...Array.from({ length: ROWS }, (_, j) => `Row ${j + 1}`)]], STYLES.header);
  d.label(cellAt(1, WORK_HEAD + 1), column(work.rows.map((r) => r.label)), STYLES.working);
  work.rows.forEach((r, i) => {
    d.computed(cellAt(2, WORK_HEAD + 1 + i), [r.cells], r.numberFormat, STYLES.working);
  });
  d.group("rows", VIEW_HEAD, WORK_HEAD + work.rows.length);

  d.width("A", 44);
  d.width("B", 18);
  d.width("C", 14);
  d.width(columnLetter(TABLE_COL), 16);
  for (let c = stageCol(0); c <= IN_FORCE_COL; c++) d.width(columnLetter(c), 13);
  return d.build();
}
