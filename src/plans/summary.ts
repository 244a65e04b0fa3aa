import { CHECKLIST, FEE_BUCKETS, LAYERS } from "../index";
import { splitNameBase, type StaticName } from "./definedNames";
import { column, MONEY, PlanDraft, SCORE, STYLES } from "./draft";
import { MECHANICS_LAYOUT } from "./mechanics";
import { addTokenLayer, TOKEN_DEFAULTS } from "./tokenLayer";
import { cellAt, qualified, rangeAt } from "./refs";
import type { ModelInputs, ModelNaming, PlanValue, SheetPlan } from "./types";

interface Headline {
  readonly label: string;
  /** A defined name (base) the value refers to. */
  readonly name: StaticName | string;
  readonly format?: string;
  readonly after?: string;
}

const HEAD = 4;
const CHART_COL = 5; // E: the charts' data

/**
 * The page an investor reads first: headline figures by formula over the
 * other sheets' defined names, a short note, and two charts (the split and
 * the fit score of each mechanic).
 */
export function buildSummaryPlan(inputs: ModelInputs, naming: ModelNaming): SheetPlan {
  const d = new PlanDraft("summary", naming);
  d.label("A1", [["Token model summary"]], STYLES.title);
  d.label("A2", [["Every figure here is a live formula over the other sheets: change the inputs there and this page follows."]], STYLES.intro);

  const headlines: readonly Headline[] = [
    { label: "Archetype", name: "Archetype" },
    { label: "Archetype name", name: "ArchetypeName" },
    { label: "Stage", name: "FeeStage" },
    { label: "Monthly fee revenue", name: "FeeRevenue", format: MONEY },
    ...FEE_BUCKETS.map((b) => ({ label: `${b.name} amount`, name: splitNameBase(b), format: MONEY })),
    { label: "Split adds up", name: "SplitCheck" },
    { label: "Checklist score", name: "ChecklistScore", format: SCORE, after: `of ${CHECKLIST.length}` },
    { label: "Checklist verdict", name: "ChecklistVerdict" },
    { label: "Product core", name: "CoreVerdict" },
    { label: "What that means", name: "CoreMessage" },
    { label: "Anti-patterns found", name: "AntiPatternCount", format: "0" },
    { label: "Average fit score", name: "FitScoreAverage", format: SCORE, after: "from -1 (anti-fit) to 1 (fit)" },
    { label: "Layers complete", name: "LayersComplete", format: "0", after: `of ${LAYERS.length}` },
  ];
  const first = HEAD + 1;
  d.label(cellAt(1, HEAD), [["Headline", "Value", ""]], STYLES.header);
  d.label(cellAt(1, first), column(headlines.map((h) => h.label)));
  d.computed(cellAt(2, first), column(headlines.map((h) => `=${d.name(h.name)}`)), headlines.map((h) => [h.format ?? "General"]), STYLES.result);
  // Only the rows with a note get a cell in C: an empty one stops long text in B (the core's message) from running on.
  headlines.forEach((h, i) => {
    if (h.after) d.label(cellAt(3, first + i), [[h.after]]);
  });
  const noteRow = first + headlines.length + 1;
  d.label(cellAt(1, noteRow), [[
    "How to read it: the fee line is split by the stage's shares, then the insurance floor and the caps are applied; " +
      "the Fee Split sheet proves the amounts add up to the revenue. A mechanic scores 1 when it fits the archetype and -1 when it works against it.",
  ]], STYLES.note);
  addTokenLayer(d, noteRow + 2, inputs.token ?? TOKEN_DEFAULTS);

  // Chart data: the split, then the fit score of each mechanic row.
  d.label(cellAt(CHART_COL, HEAD), [["Bucket", "Amount"]], STYLES.header);
  d.label(cellAt(CHART_COL, first), column(FEE_BUCKETS.map((b) => b.name)));
  d.computed(cellAt(CHART_COL + 1, first), column(FEE_BUCKETS.map((b) => `=${d.name(splitNameBase(b))}`)), MONEY);
  const splitData = rangeAt(CHART_COL, HEAD, CHART_COL + 1, HEAD + FEE_BUCKETS.length);

  const fitHead = HEAD + FEE_BUCKETS.length + 2;
  const M = MECHANICS_LAYOUT;
  const sheet = naming.sheets.mechanics;
  const rows: PlanValue[][] = [];
  for (let r = M.firstRow; r <= M.lastRow; r++) {
    const mech = qualified(sheet, cellAt(M.columns.mechanic, r));
    const score = qualified(sheet, cellAt(M.columns.score, r));
    rows.push([`=IF(${mech}="","",${mech})`, `=IF(${mech}="","",${score})`]);
  }
  d.label(cellAt(CHART_COL, fitHead), [["Mechanic", "Fit score"]], STYLES.header);
  d.computed(cellAt(CHART_COL, fitHead + 1), rows, rows.map(() => ["General", SCORE]));
  const fitData = rangeAt(CHART_COL, fitHead, CHART_COL + 1, fitHead + rows.length);

  d.chart({ name: `SummarySplit${naming.suffix}`, kind: "doughnut", title: "Where the fee line goes", dataRange: splitData, seriesBy: "columns", anchor: cellAt(CHART_COL + 3, HEAD), widthCells: 6, heightCells: 14 });
  d.chart({ name: `SummaryFit${naming.suffix}`, kind: "bar", title: "Fit score by mechanic", dataRange: fitData, seriesBy: "columns", valueAxis: { min: -1, max: 1, format: "0.0" }, anchor: cellAt(CHART_COL + 3, HEAD + 16), widthCells: 6, heightCells: 14 });
  // B to D stay clear beside the core's message, the longest text in B: it runs on over them (about 90 characters).
  d.width("A", 42); // the token layer's longest label ("Share of circulating supply retired per year") fits
  d.width("B", 44);
  d.width("C", 26);
  d.width("D", 20);
  d.width("E", 16);
  d.width("F", 16);
  return d.build();
}
