import { ANSWER_IDS, ANSWER_MEANINGS, ANSWER_POINTS, CHECKLIST, type Answer, type Verdict } from "../index";
import { column, INTEGER, PlanDraft, SCORE, STYLES } from "./draft";
import { cellAt, cellColAbs, rangeAt, text } from "./refs";
import type { ModelInputs, ModelNaming, SheetPlan } from "./types";

const SOLID: Answer = "solid";
const PARTIAL: Answer = "partial";
const UNDECIDED: Answer = "undecided";
const VERDICT = { ready: "ready", notYet: "not yet", notReady: "not ready" } as const satisfies Record<string, Verdict>;

const HEAD = 4;
const FIRST = HEAD + 1;
const LAST = HEAD + CHECKLIST.length;
const TOTALS = LAST + 2;

/** Cells other sheets and tests read. */
export const CHECKLIST_LAYOUT = {
  answers: rangeAt(3, FIRST, 3, LAST),
  notes: rangeAt(4, FIRST, 4, LAST),
  points: rangeAt(5, FIRST, 5, LAST),
  score: cellAt(2, TOTALS),
  solid: cellAt(2, TOTALS + 1),
  partial: cellAt(2, TOTALS + 2),
  undecided: cellAt(2, TOTALS + 3),
  verdict: cellAt(2, TOTALS + 4),
} as const;

/**
 * The ten readiness questions with an answer dropdown and notes; score,
 * counts and verdict by formula as the core's scoreChecklist gives them
 * (a blank answer counts as undecided).
 */
export function buildChecklistPlan(_inputs: ModelInputs, naming: ModelNaming): SheetPlan {
  const d = new PlanDraft("checklist", naming);
  const L = CHECKLIST_LAYOUT;
  d.label("A1", [["Readiness checklist"]], STYLES.title);
  d.label("A2", [[`Answer each question ${SOLID}, ${PARTIAL} or ${UNDECIDED}. One open question is enough to hold the token back.`]], STYLES.intro);

  d.label(cellAt(1, HEAD), [["Topic", "Question", "Answer", "Notes", "Points"]], STYLES.header);
  d.label(cellAt(1, FIRST), CHECKLIST.map((q) => [q.title, q.question]));
  d.input(cellAt(3, FIRST), CHECKLIST.map(() => [null, null]));
  d.computed(cellAt(5, FIRST), column(CHECKLIST.map((_, i) =>
    `=IFERROR(INDEX(${d.name("AnswerPoints")},MATCH(${cellAt(3, FIRST + i)},${d.name("AnswerList")},0)),0)`)), SCORE);
  d.dropdown(L.answers, "AnswerList", `${SOLID}, ${PARTIAL} or ${UNDECIDED}`, `Choose ${SOLID}, ${PARTIAL} or ${UNDECIDED}.`);
  d.define("ChecklistAnswers", L.answers);

  const answers = rangeAt(3, FIRST, 3, LAST, true);
  d.label(cellAt(1, TOTALS), column(["Score", "Solid", "Partial", "Undecided or blank", "Verdict"]), STYLES.result);
  d.computed(L.score, [
    [`=SUM(${L.points})`],
    [`=COUNTIF(${answers},${text(SOLID)})`],
    [`=COUNTIF(${answers},${text(PARTIAL)})`],
    [`=${CHECKLIST.length}-${L.solid}-${L.partial}`],
    [`=IF(${L.undecided}>0,${text(VERDICT.notReady)},IF(${L.solid}=${CHECKLIST.length},${text(VERDICT.ready)},${text(VERDICT.notYet)}))`],
  ], [[SCORE], [INTEGER], [INTEGER], [INTEGER], ["General"]], STYLES.result);
  d.label(cellAt(3, TOTALS), [[`of ${CHECKLIST.length}`]]);
  d.define("ChecklistScore", L.score);
  d.define("ChecklistUndecided", L.undecided);
  d.define("ChecklistVerdict", L.verdict);

  // What each answer means, under the totals.
  const legend = TOTALS + 6;
  d.label(cellAt(1, legend), [["Answer", "What it means", "Points"]], STYLES.header);
  d.label(cellAt(1, legend + 1), ANSWER_IDS.map((a) => [a, ANSWER_MEANINGS[a], ANSWER_POINTS[a]]));

  const rows = rangeAt(1, FIRST, 5, LAST);
  const answer = cellColAbs(3, FIRST);
  d.highlight({ range: rows, formula: `=${answer}=${text(UNDECIDED)}`, fill: "#F8CBAD" });
  d.highlight({ range: rows, formula: `=LEN(TRIM(${answer}))=0`, fill: "#FCE4D6" });
  d.freezeAt(HEAD, 0);
  d.width("A", 26);
  d.width("B", 92);
  d.width("C", 12);
  d.width("D", 40);
  d.width("E", 8);
  return d.build();
}
