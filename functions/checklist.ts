import { CHECKLIST, scoreChecklist, type ChecklistScore } from "../src/index";
import { toGrid, vectorOf } from "./cells";

/**
 * The ten answers from one row or one column, in question order. A 0 is an
 * empty cell (Excel desktop sends empty cells of a range as 0), and an empty
 * answer counts as undecided.
 */
export function readChecklist(answers: unknown): ChecklistScore {
  const list = vectorOf(toGrid(answers, "answers"), `${CHECKLIST.length} answers`);
  return scoreChecklist(list.map((v) => (v === 0 ? null : v)));
}

/** "ready", "not yet", or "not ready (N undecided)". */
export function verdictText(score: ChecklistScore): string {
  return score.verdict === "not ready" ? `not ready (${score.undecided} undecided)` : score.verdict;
}
