import { ANSWER_IDS, CHECKLIST, scoreChecklist, type ChecklistId, type ChecklistScore, type Verdict } from "../src/index";
import { byId, el, option } from "./dom";

/** The checklist panel: score, verdict, and what is still undecided. */

const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  ready: "Every question has a solid answer.",
  "not yet": "Nothing is open, but some answers are only partial.",
  "not ready": "At least one question is still undecided: the token is not ready.",
};

const formatScore = (score: number): string => (Number.isInteger(score) ? String(score) : score.toFixed(1));

export function showScore(score: ChecklistScore): void {
  byId("score", HTMLElement).textContent = formatScore(score.score);
  const verdict = byId("verdict", HTMLElement);
  verdict.textContent = score.verdict;
  verdict.className = `verdict ${score.verdict.replace(" ", "-")}`;
  byId("verdict-text", HTMLElement).textContent = VERDICT_TEXT[score.verdict];
}

export function clearScore(): void {
  byId("score", HTMLElement).textContent = "–";
  byId("verdict", HTMLElement).textContent = "";
  byId("verdict-text", HTMLElement).textContent = "";
}

export function note(text: string): void {
  byId("checklist-note", HTMLElement).textContent = text;
}

/** The undecided questions as the workbook words them; text only, never markup. Undefined clears the list. */
export function showUndecided(questions: readonly { readonly text: string }[] | undefined): void {
  const list = byId("undecided", HTMLUListElement);
  list.replaceChildren(...(questions ?? []).map((q) => el("li", { text: q.text })));
  if (questions?.length === 0) list.append(el("li", { text: "None." }));
}

/**
 * Browser preview: the ten questions with an answer each, scored on the
 * page by the core's scoreChecklist on every change.
 */
export function setUpPreviewChecklist(): void {
  const list = byId("questions", HTMLOListElement);
  const selects = new Map<ChecklistId, HTMLSelectElement>();
  for (const q of CHECKLIST) {
    const id = `answer-${q.id}`;
    const select = el("select", { attrs: { id, "aria-describedby": `${id}-q` } });
    select.append(...ANSWER_IDS.map((a) => option(a, a, a === "undecided")));
    selects.set(q.id, select);
    list.append(el("li", { attrs: { "data-question": q.id } }, [
      el("label", { text: q.title, attrs: { for: id } }),
      el("p", { text: q.question, className: "hint", attrs: { id: `${id}-q` } }),
      select,
    ]));
  }
  const rescore = (): void => {
    const score = scoreChecklist(CHECKLIST.map((q) => selects.get(q.id)!.value));
    showScore(score);
    for (const li of list.children) li.classList.toggle("undecided", score.undecidedIds.includes(li.getAttribute("data-question") as ChecklistId));
  };
  list.addEventListener("change", rescore);
  list.hidden = false;
  note("Answer each question; the score follows. In Excel the pane scores the Checklist sheet instead.");
  rescore();
}
