import { invalidValue } from "./errors";
import { findName, indexNames, type Named } from "./names";

export const CHECKLIST_IDS = [
  "jtbd", "alternative", "flows", "capture", "binding", "delete-test", "minimal", "governance", "lifecycle", "loop",
] as const;
export type ChecklistId = (typeof CHECKLIST_IDS)[number];

export interface ChecklistQuestion {
  readonly id: ChecklistId;
  readonly title: string;
  readonly question: string;
}

/** The ten readiness questions (ids from DOMAIN.md, wording ours). */
export const CHECKLIST = [
  { id: "jtbd", title: "Job in one sentence", question: "Can you state the job users hire the product for in one sentence, without mentioning the token?" },
  { id: "alternative", title: "Alternative named", question: "Have you named the centralised or on-chain option users would pick instead, and why yours wins?" },
  { id: "flows", title: "Flows drawn", question: "Is there a drawing of who pays, who does the work and every hop the money takes?" },
  { id: "capture", title: "Capture points", question: "Do you know the hops where the protocol can take a cut without choking the flow?" },
  { id: "binding", title: "Mechanics bound to flows", question: "Does every planned mechanic point at the exact flow it acts on?" },
  { id: "delete-test", title: "Delete-the-token test", question: "If the token disappeared tomorrow, which product functions would actually stop working?" },
  { id: "minimal", title: "Minimal mechanic set", question: "Is this the smallest set of mechanics that carries the capture plan, with nothing borrowed from elsewhere?" },
  { id: "governance", title: "Honest governance", question: "Is there a real set of parameters worth voting on, or is governance there for show?" },
  { id: "lifecycle", title: "Split fits the stage", question: "Does the fee split match where the product really stands in its life cycle?" },
  { id: "loop", title: "Loop closes", question: "Can you follow captured value back into the product as retention, new users or cheaper capital?" },
] as const satisfies readonly ChecklistQuestion[];

export const ANSWER_IDS = ["solid", "partial", "undecided"] as const;
export type Answer = (typeof ANSWER_IDS)[number];

/** Points per answer: solid counts whole, partial half. */
export const ANSWER_POINTS = { solid: 1, partial: 0.5, undecided: 0 } as const satisfies Record<Answer, number>;

/** What each answer level means, shown beside the questions (our wording). */
export const ANSWER_MEANINGS = {
  solid: "Settled: a decision you can defend with numbers, a written design or evidence.",
  partial: "A direction is chosen but points remain open; it counts half.",
  undecided: "Not settled yet (a blank counts the same); any one keeps the token not ready.",
} as const satisfies Record<Answer, string>;

export const ANSWER_INDEX = indexNames<Answer>("answer", [
  { id: "solid", name: "Solid", aliases: ["yes", "y", "done", "complete", "answered", "ok", "true"] },
  { id: "partial", name: "Partial", aliases: ["partly", "partially", "in progress", "wip", "some", "half", "maybe"] },
  { id: "undecided", name: "Undecided", aliases: ["no", "n", "not decided", "we havent decided", "tbd", "unknown", "open", "false", "not yet"] },
] satisfies readonly Named<Answer>[]);

export const VERDICTS = ["ready", "not yet", "not ready"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A blank answer is a question nobody has settled: it counts as undecided. */
export function parseAnswer(value: unknown, question = "answer"): Answer {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return "undecided";
  if (typeof value === "boolean") return value ? "solid" : "undecided";
  const id = typeof value === "string" ? findName(ANSWER_INDEX, value) : undefined;
  if (id === undefined) {
    throw invalidValue(`The ${question} "${String(value)}" is not an answer. Use solid, partial or undecided (yes/no and "not decided" work too).`);
  }
  return id;
}

export interface ChecklistScore {
  /** 0..10: solid 1, partial 0.5. */
  readonly score: number;
  readonly solid: number;
  readonly partial: number;
  readonly undecided: number;
  readonly undecidedIds: readonly ChecklistId[];
  readonly verdict: Verdict;
}

/** Any undecided answer: not ready. All solid: ready. Otherwise: not yet. */
export function verdictOf(counts: { readonly solid: number; readonly undecided: number }, total = CHECKLIST.length): Verdict {
  if (counts.undecided > 0) return "not ready";
  return counts.solid === total ? "ready" : "not yet";
}

/** Answers in question order (an array of 10) or by question id. */
export function scoreChecklist(answers: readonly unknown[] | Readonly<Partial<Record<ChecklistId, unknown>>>): ChecklistScore {
  let list: readonly unknown[];
  if (Array.isArray(answers)) {
    if (answers.length !== CHECKLIST.length) {
      throw invalidValue(`The checklist has ${CHECKLIST.length} questions; give ${CHECKLIST.length} answers, got ${answers.length}.`);
    }
    list = answers;
  } else {
    const byId = answers as Readonly<Record<string, unknown>>;
    const unknownIds = Object.keys(byId).filter((k) => !(CHECKLIST_IDS as readonly string[]).includes(k));
    if (unknownIds.length > 0) {
      throw invalidValue(`Unknown checklist question ${unknownIds.map((k) => `"${k}"`).join(", ")}. Questions are ${CHECKLIST_IDS.join(", ")}.`);
    }
    list = CHECKLIST_IDS.map((id) => byId[id]);
  }
  const parsed = list.map((a, i) => parseAnswer(a, `answer to question ${i + 1} (${CHECKLIST_IDS[i]})`));
  const count = (a: Answer): number => parsed.filter((p) => p === a).length;
  const solid = count("solid");
  const partial = count("partial");
  const undecided = count("undecided");
  return {
    score: solid + partial / 2,
    solid,
    partial,
    undecided,
    undecidedIds: CHECKLIST_IDS.filter((_, i) => parsed[i] === "undecided"),
    verdict: verdictOf({ solid, undecided }),
  };
}
