import { ANTI_PATTERNS, type AntiPatternId, type ArchetypeId, type MechanicId } from "../index";
import { column, INTEGER, PlanDraft, SCORE, STYLES } from "./draft";
import { MECHANIC_ROWS } from "./inputs";
import { YES } from "./reference";
import { absolute as abs, cellAt, cellColAbs, columnLetter, rangeAt, text } from "./refs";
import type { ModelInputs, ModelNaming, PlanValue, SheetPlan } from "./types";

/** The ids the core's anti-pattern rules name (gates come from the Reference list). */
const GOVERNANCE: MechanicId = "governance";
const DISCOUNT: MechanicId = "discount";
const VE_LOCK: MechanicId = "ve-lock";
const VE_HOME: ArchetypeId = "defi";
const apName = (id: AntiPatternId): string => ANTI_PATTERNS.find((a) => a.id === id)!.name;

const ARCH_ROW = 4;
const HEAD = 6;
const FIRST = HEAD + 1;
const LAST = HEAD + MECHANIC_ROWS;
const SHEET_ROWS = LAST + 2;

/** Columns of the mechanic rows (1-based). */
const COL = { mechanic: 1, flow: 2, fit: 3, score: 4, issue: 5, source: 6, why: 7, first: 8, bound: 9, forced: 10, ve: 11, decoration: 12, issues: 13 } as const;

/** The helper columns' headers (under a "Working" note) and widths that show them whole. */
const WORKING_HEADERS = [
  { header: "First listing", width: 14 },
  { header: "Bound to a flow", width: 17 },
  { header: "Forced utility", width: 16 },
  { header: "Copy-paste ve-lock", width: 20 },
  { header: "Decoration", width: 12 },
  { header: "Issue list", width: 20 },
] as const;

/** Cells other sheets and tests read. */
export const MECHANICS_LAYOUT = {
  archetype: cellAt(2, ARCH_ROW),
  archetypeName: cellAt(3, ARCH_ROW),
  firstRow: FIRST,
  lastRow: LAST,
  columns: COL,
  mechanics: rangeAt(COL.mechanic, FIRST, COL.mechanic, LAST),
  flows: rangeAt(COL.flow, FIRST, COL.flow, LAST),
  scores: rangeAt(COL.score, FIRST, COL.score, LAST),
  distinct: cellAt(2, SHEET_ROWS),
  governanceOnly: cellAt(2, SHEET_ROWS + 1),
  discountOnly: cellAt(2, SHEET_ROWS + 2),
  antiPatterns: cellAt(2, SHEET_ROWS + 3),
  averageFit: cellAt(2, SHEET_ROWS + 4),
} as const;

/**
 * The chosen archetype, up to twelve mechanics with the flow each touches,
 * their fit from the Reference table, and the anti-patterns the core's
 * findAntiPatterns would report, all by native formulas.
 */
export function buildMechanicsPlan(inputs: ModelInputs, naming: ModelNaming): SheetPlan {
  const d = new PlanDraft("mechanics", naming);
  const L = MECHANICS_LAYOUT;
  d.label("A1", [["Mechanics: what the token does, and on which flow"]], STYLES.title);
  d.label("A2", [["Pick the archetype, then one mechanic per row with the product-core flow it acts on. A mechanic with no flow is decoration."]], STYLES.intro);

  d.label(cellAt(1, ARCH_ROW), [["Archetype"]], STYLES.result);
  d.input(L.archetype, [[inputs.archetype]]);
  d.computed(L.archetypeName, [[`=IFERROR(INDEX(${d.name("ArchetypeNames")},MATCH(${abs(L.archetype)},${d.name("ArchetypeList")},0)),"")`]]);
  d.define("Archetype", L.archetype);
  d.define("ArchetypeName", L.archetypeName);
  d.dropdown(L.archetype, "ArchetypeList", "The kind of product this is.", "Choose an archetype id from the list.");

  d.label("A3", [["Why: the reason for each rating. Rating from: the article (its own ratings) or our reasoning (where the article gives none)."]], STYLES.intro);
  d.label(cellAt(1, HEAD), [[
    "Mechanic", "Product-core flow it touches", "Fit", "Score", "Issue", "Rating from", "Why",
    ...WORKING_HEADERS.map((h) => h.header),
  ]], STYLES.header);
  d.label(cellAt(COL.first, HEAD - 1), [["Working: helper columns the issues and counts read. Do not edit."]], STYLES.working);
  const rows = Array.from({ length: MECHANIC_ROWS }, (_, i) => inputs.mechanics[i]);
  d.input(cellAt(COL.mechanic, FIRST), rows.map((m): PlanValue[] => [m?.mechanic ?? null, m?.flow ? m.flow : null]));
  d.computed(cellAt(COL.fit, FIRST), rows.map((_, i) => rowFormulas(d, FIRST + i).slice(0, 5)));
  d.computed(cellAt(COL.first, FIRST), rows.map((_, i) => rowFormulas(d, FIRST + i).slice(5)), undefined, STYLES.working);
  d.group("columns", COL.first, COL.issues);
  d.define("MechanicChoices", L.mechanics);
  d.define("MechanicFlows", L.flows);
  d.define("MechanicScores", L.scores);
  d.dropdown(L.mechanics, "MechanicList", "One mechanic class per row.", "Choose a mechanic id from the list.");

  const mechs = abs(L.mechanics);
  const only = (id: MechanicId): string =>
    `=IF(AND(${L.distinct}=1,COUNTIF(${mechs},${text(id)})>0),${text(YES)},"no")`;
  const sum = (col: number): string => `SUM(${rangeAt(col, FIRST, col, LAST)})`;
  d.label(cellAt(1, SHEET_ROWS), column(["Distinct mechanics", apName("governance-only"), apName("discount-only"), "Anti-patterns found", "Average fit score"]), STYLES.result);
  d.computed(L.distinct, [
    [`=${sum(COL.first)}`],
    [only(GOVERNANCE)],
    [only(DISCOUNT)],
    [`=${sum(COL.forced)}+${sum(COL.ve)}+${sum(COL.decoration)}+(${L.governanceOnly}=${text(YES)})+(${L.discountOnly}=${text(YES)})`],
    [`=IFERROR(AVERAGE(${L.scores}),"")`],
  ], [[INTEGER], ["General"], ["General"], [INTEGER], [SCORE]], STYLES.result);
  d.define("AntiPatternCount", L.antiPatterns);
  d.define("FitScoreAverage", L.averageFit);

  const rowsRange = rangeAt(1, FIRST, COL.issue, LAST);
  d.highlight({ range: rowsRange, formula: `=${cellColAbs(COL.issue, FIRST)}<>""`, fill: "#FCE4D6" });
  d.highlight({ range: rangeAt(COL.fit, FIRST, COL.fit, LAST), formula: `=${cellColAbs(COL.fit, FIRST)}="anti-fit"`, fontColor: "#9C0006", bold: true });
  d.freezeAt(HEAD, 0);
  d.width("A", 28);
  d.width("B", 30);
  d.width("C", 12);
  d.width("D", 8);
  d.width("E", 40);
  d.width("F", 14);
  // Wide enough for the longest reason on one line: the mechanic rows stay one line high.
  d.width("G", 100);
  WORKING_HEADERS.forEach((h, i) => d.width(columnLetter(COL.first + i), h.width));
  return d.build();
}


/** The formulas of one mechanic row: fit, score, issue, source, why, then the working flags. */
function rowFormulas(d: PlanDraft, r: number): string[] {
  const c = (col: number): string => cellAt(col, r);
  const m = c(COL.mechanic);
  const arch = abs(MECHANICS_LAYOUT.archetype);
  const mechs = abs(MECHANICS_LAYOUT.mechanics);
  const flows = abs(MECHANICS_LAYOUT.flows);
  const blank = `LEN(TRIM(${m}))=0`;
  const issue = c(COL.issues);
  return [
    `=IF(${blank},"",IFERROR(INDEX(${d.name("FitRatings")},MATCH(${m},${d.name("FitMechanics")},0),MATCH(${arch},${d.name("FitArchetypes")},0)),"unknown"))`,
    `=IF(${c(COL.fit)}="","",IFERROR(INDEX(${d.name("RatingScores")},MATCH(${c(COL.fit)},${d.name("RatingList")},0)),""))`,
    `=IF(${issue}="","",LEFT(${issue},LEN(${issue})-2))`,
    ...(["FitSources", "FitReasons"] as const).map((base) =>
      `=IF(OR(${c(COL.fit)}="",${c(COL.fit)}="unknown"),"",IFERROR(INDEX(${d.name(base)},MATCH(${m},${d.name("FitMechanics")},0),MATCH(${arch},${d.name("FitArchetypes")},0)),""))`),
    // Each mechanic counts once, at its first listing (the core dedupes ids).
    `=IF(${blank},0,IF(COUNTIF(${cellAt(COL.mechanic, FIRST, true)}:${m},${m})=1,1,0))`,
    // Bound if any listing of this mechanic names a flow.
    `=IF(${c(COL.first)}=0,0,IF(SUMPRODUCT((${mechs}=${m})*(LEN(TRIM(${flows}))>0))>0,1,0))`,
    `=IF(AND(${c(COL.first)}=1,${c(COL.bound)}=0,IFERROR(INDEX(${d.name("MechanicGates")},MATCH(${m},${d.name("MechanicList")},0))=${text(YES)},FALSE)),1,0)`,
    `=IF(AND(${c(COL.first)}=1,${m}=${text(VE_LOCK)},${arch}<>${text(VE_HOME)}),1,0)`,
    `=IF(AND(${c(COL.first)}=1,${c(COL.bound)}=0),1,0)`,
    `=IF(${c(COL.forced)}=1,${text(`${apName("forced-utility")}; `)},"")&IF(${c(COL.ve)}=1,${text(`${apName("copy-paste-ve")}; `)},"")&IF(${c(COL.decoration)}=1,${text(`${apName("decoration")}; `)},"")`,
  ];
}
