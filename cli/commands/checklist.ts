import { readFileSync } from "fs";
import { extname } from "path";
import { CHECKLIST, CHECKLIST_IDS, echo, scoreChecklist, type ChecklistScore } from "../../src";
import { expectPositionals, parseArgs } from "../args";
import { InputError, type Io } from "../io";

export const CHECKLIST_HELP = `Usage: token-model checklist <answers.csv|answers.json> [options]

Scores the ten-question readiness checklist and gives the verdict: ready (all
solid), not yet, or not ready (any question undecided).

Answers are solid, partial or undecided (yes, no, tbd, "not decided" ... work
too; a blank is undecided).
  CSV:   one "id,answer" line per question (ids: ${CHECKLIST_IDS.join(", ")}),
         or the ten answers one per line in question order; a header line
         and lines starting with # are skipped.
  JSON:  an array of ten answers, or an object of answers by question id.

Options:
  --json       machine-readable output
  -h, --help   show this help

Example:
  token-model checklist answers.csv`;

export function checklistCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, { json: { kind: "boolean" }, help: { kind: "boolean", short: "h" } }, "checklist");
  if (args.options.help) {
    io.out(CHECKLIST_HELP);
    return 0;
  }
  expectPositionals(args, ["answers file"], 1, "checklist");
  const file = args.positionals[0]!;
  const result = scoreChecklist(readAnswers(file));
  io.out(args.options.json ? JSON.stringify(result, null, 2) : scoreText(result));
  return 0;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? `Cannot read ${echo(file)}: there is no such file.` : `Cannot read ${echo(file)}: the system refused (${code ?? "error"}).`);
  }
}

/** The answers in a file, as scoreChecklist takes them (array in order, or object by id). */
export function readAnswers(file: string): unknown[] | Record<string, unknown> {
  const text = readText(file);
  if (extname(file).toLowerCase() === ".json") {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (Array.isArray(data) || (data !== null && typeof data === "object")) return data as unknown[] | Record<string, unknown>;
    throw new InputError(`${file} must hold an array of ${CHECKLIST.length} answers or an object of answers by question id.`);
  }
  return parseCsvAnswers(text, file);
}

const unquote = (field: string): string => {
  const t = field.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"').trim() : t;
};

const HEADER_WORDS = new Set(["id", "question", "answer", "answers"]);

export function parseCsvAnswers(text: string, file = "the CSV"): unknown[] | Record<string, unknown> {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  const rows = lines.map((l) => {
    const comma = l.search(/[,;\t]/);
    return comma < 0 ? [unquote(l)] : [unquote(l.slice(0, comma)), unquote(l.slice(comma + 1))];
  });
  if (rows[0]?.every((f) => HEADER_WORDS.has(f.toLowerCase()))) rows.shift();
  if (rows.length === 0) throw new InputError(`${file} holds no answers.`);
  if (rows.every((r) => r.length === 1)) return rows.map((r) => r[0]!);
  const byId: Record<string, unknown> = {};
  rows.forEach((r, i) => {
    if (r.length !== 2) throw new InputError(`${file}: line "${lines[i]}" has no question id; write "id,answer" on every line or only answers in order.`);
    const key = r[0]!.toLowerCase();
    const id = /^\d+$/.test(key) ? CHECKLIST_IDS[Number(key) - 1] : key;
    if (id === undefined) throw new InputError(`${file}: there is no question ${key}; questions are numbered 1 to ${CHECKLIST.length}.`);
    if (id in byId) throw new InputError(`${file}: question ${id} is answered twice.`);
    byId[id] = r[1];
  });
  return byId;
}

function scoreText(s: ChecklistScore): string {
  const undecided = s.undecidedIds.map((id) => {
    const q = CHECKLIST.find((c) => c.id === id)!;
    return `  ${id.padEnd(14)}${q.title}: ${q.question}`;
  });
  return [
    `Score: ${s.score} / ${CHECKLIST.length} (solid ${s.solid}, partial ${s.partial}, undecided ${s.undecided})`,
    `Verdict: ${s.verdict}`,
    ...(undecided.length > 0 ? ["", "Undecided:", ...undecided] : []),
  ].join("\n");
}
