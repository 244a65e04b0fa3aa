import { ANSWER_IDS, ANSWER_POINTS, ARCHETYPES, FIT_MATRIX, FIT_RATINGS, FIT_SCORE, MECHANICS, STAGES, type FitCell, type FitSource } from "../index";
import type { StaticName } from "./definedNames";
import { PlanDraft, STYLES } from "./draft";
import { cellAt, columnLetter, rangeAt } from "./refs";
import type { ModelInputs, ModelNaming, PlanValue, SheetPlan } from "./types";

/** The answers a "done?" cell takes. */
export const YES = "yes";
export const NO = "no";

const TOP = 4; // header row of every list

interface ListSpec {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly PlanValue[])[];
  /** Defined name per column (null: none). */
  readonly names: readonly (StaticName | null)[];
}

/** The lists beside the fit table, left to right. */
const LISTS: readonly ListSpec[] = [
  { headers: ["rating", "score"], rows: FIT_RATINGS.map((r) => [r, FIT_SCORE[r]]), names: ["RatingList", "RatingScores"] },
  { headers: ["archetype", "name"], rows: ARCHETYPES.map((a) => [a.id, a.name]), names: ["ArchetypeList", "ArchetypeNames"] },
  {
    headers: ["mechanic", "name", "gate"],
    rows: MECHANICS.map((m) => [m.id, m.name, m.gate ? YES : NO]),
    names: ["MechanicList", "MechanicNames", "MechanicGates"],
  },
  { headers: ["stage", "name"], rows: STAGES.map((s) => [s.id, s.name]), names: ["StageList", "StageNames"] },
  { headers: ["answer", "points"], rows: ANSWER_IDS.map((a) => [a, ANSWER_POINTS[a]]), names: ["AnswerList", "AnswerPoints"] },
  { headers: ["done?"], rows: [[YES], [NO]], names: ["YesNoList"] },
];

/**
 * The hidden (never protected) Reference sheet: the fit matrix as a table
 * and every list a dropdown or lookup uses, each under a defined name.
 */
export function buildReferencePlan(_inputs: ModelInputs, naming: ModelNaming): SheetPlan {
  const d = new PlanDraft("reference", naming, false);
  d.label("A1", [["Reference lists"]], STYLES.title);
  d.label("A2", [["Sources for the dropdowns and lookups on the other sheets. Edit with care: the formulas read these cells."]], STYLES.intro);

  // Fit matrix: mechanic ids down, archetype ids across.
  const width = 1 + ARCHETYPES.length;
  const last = TOP + MECHANICS.length;
  d.label(cellAt(1, TOP), [["mechanic", ...ARCHETYPES.map((a) => a.id)]], STYLES.header);
  d.label(cellAt(1, TOP + 1), MECHANICS.map((m) => [m.id, ...ARCHETYPES.map((a) => FIT_MATRIX[m.id][a.id].rating)]));
  d.table("FitTable", rangeAt(1, TOP, width, last));
  d.define("FitMechanics", rangeAt(1, TOP + 1, 1, last));
  d.define("FitArchetypes", rangeAt(2, TOP, width, TOP));
  d.define("FitRatings", rangeAt(2, TOP + 1, width, last));
  // The reason for each rating and where it comes from, in the same shape (rows and columns as the fit table).
  const sources: Readonly<Record<FitSource, string>> = { seed: "the article", derived: "our reasoning" };
  const below = [
    { base: "FitReasons", title: "why (one line per rating)", cell: (c: FitCell): string => c.why },
    { base: "FitSources", title: "rating from", cell: (c: FitCell): string => sources[c.source] },
  ] as const;
  below.forEach((m, k) => {
    const top = last + 2 + k * (MECHANICS.length + 2);
    d.label(cellAt(1, top), [[m.title, ...ARCHETYPES.map((a) => a.id)]], STYLES.header);
    d.label(cellAt(1, top + 1), MECHANICS.map((x) => [x.id, ...ARCHETYPES.map((a) => m.cell(FIT_MATRIX[x.id][a.id]))]));
    d.define(m.base, rangeAt(2, top + 1, width, top + MECHANICS.length));
  });
  d.width("A", 18);
  // Rating cells ("conditional") and archetype ids ("stablecoin") shown whole.
  for (let c = 2; c <= width; c++) d.width(columnLetter(c), 13);

  let col = width + 2;
  for (const list of LISTS) {
    d.label(cellAt(col, TOP), [list.headers], STYLES.header);
    d.label(cellAt(col, TOP + 1), list.rows);
    list.names.forEach((base, i) => {
      if (base) d.define(base, rangeAt(col + i, TOP + 1, col + i, TOP + list.rows.length));
    });
    d.width(columnLetter(col), 16);
    if (list.headers.length > 1) d.width(columnLetter(col + 1), 30);
    col += list.headers.length + 1;
  }
  return d.build();
}
