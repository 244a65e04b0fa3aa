import { parseRange, rangeAddress, type RangeRef } from "../src/export/address";
import { CHECKLIST, scoreChecklist, type ChecklistId, type ChecklistScore } from "../src/index";
import { blockRange } from "../src/plans/refs";
import type { SheetPlan } from "../src/plans/types";
import type { RunBatch } from "./buildSheets";
import { describeError } from "./errors";

/**
 * The Checklist sheet scored live: one read (answers and question text, one
 * sync), scored by the core's scoreChecklist, rescored on the sheet's
 * onChanged event (ExcelApi 1.7). No polling: without 1.7 the pane reads
 * once and offers a button to read again.
 */

export interface ChecklistLocation {
  readonly sheet: string;
  /** The column of ten answers, e.g. "C5:C14". */
  readonly answers: string;
  /** The answers' rows from the sheet's first written column to the answers: question text and answers in one read. */
  readonly rows: string;
}

const QUESTIONS = CHECKLIST.length;

/**
 * Where a checklist plan keeps its answers: the first column of its input
 * block of ten rows (answers may sit beside a column of notes).
 */
export function checklistLocation(plan: SheetPlan): ChecklistLocation {
  const block = plan.blocks.find((b) => b.role === "input" && b.cells.length === QUESTIONS);
  if (!block) throw new Error(`The plan for "${plan.name}" has no block of ${QUESTIONS} answers.`);
  const answers = blockRange(block.at, QUESTIONS, 1);
  const { top, right, bottom } = parseRange(answers);
  const left = Math.min(...plan.blocks.map((b) => parseRange(b.at).left));
  return { sheet: plan.name, answers, rows: rangeAddress({ top, left, bottom, right }) };
}

export interface UndecidedQuestion {
  readonly id: ChecklistId;
  /** The question as the workbook words it (the longest text in its row), or the core's title. */
  readonly text: string;
}

export interface LiveResult {
  readonly score: ChecklistScore;
  readonly undecided: readonly UndecidedQuestion[];
}

/** Scores the rows read from the sheet: last column answers, the longest text left of it the question. */
export function scoreRows(values: readonly (readonly unknown[])[]): LiveResult {
  if (values.length !== QUESTIONS) throw new Error(`Expected ${QUESTIONS} rows of answers, got ${values.length}.`);
  const answers = values.map((row) => row[row.length - 1]);
  const score = scoreChecklist(answers);
  const undecided = score.undecidedIds.map((id) => {
    const i = CHECKLIST.findIndex((q) => q.id === id);
    const row = values[i] ?? [];
    const texts = row.slice(0, -1).filter((v): v is string => typeof v === "string" && v.trim() !== "");
    const longest = texts.reduce((a, b) => (b.length > a.length ? b : a), "");
    return { id, text: longest || CHECKLIST[i]!.title };
  });
  return { score, undecided };
}

export interface LiveChecklistOptions {
  readonly run: RunBatch;
  /** ExcelApi 1.7 (worksheet.onChanged). */
  readonly events: boolean;
  readonly onResult: (result: LiveResult) => void;
  /** A readable message: a bad answer, a missing sheet, an Excel error. */
  readonly onError: (message: string) => void;
  /** Removes a registered handler (the default uses Excel.run on the handler's own context). */
  readonly removeHandler?: (handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>) => Promise<void>;
}

export interface LiveChecklist {
  /** True when rescoring follows the sheet's changes; false when it needs refresh(). */
  readonly live: boolean;
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

const overlaps = (a: RangeRef, b: RangeRef): boolean => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/** True when a change at `address` ("Checklist!C7", "C7:D9") can touch the rows read. */
export function touches(address: string, rows: string): boolean {
  const local = address.slice(address.lastIndexOf("!") + 1);
  try {
    return overlaps(parseRange(local), parseRange(rows));
  } catch {
    return true; // whole rows or columns ("3:3", "C:C"): rescoring is cheap
  }
}

function report(values: unknown[][], options: LiveChecklistOptions): void {
  let result: LiveResult;
  try {
    result = scoreRows(values);
  } catch (error) {
    options.onError(describeError(error));
    return;
  }
  options.onResult(result);
}

const defaultRemove = async (handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>): Promise<void> => {
  await Excel.run(handler.context, async (context) => {
    handler.remove();
    await context.sync();
  });
};

/**
 * Reads and scores the checklist once and, with ExcelApi 1.7, registers an
 * onChanged handler on its sheet, all in one sync. Each change that touches
 * the checklist rows costs one more read (one sync).
 */
export async function startLiveChecklist(location: ChecklistLocation, options: LiveChecklistOptions): Promise<LiveChecklist> {
  let handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | undefined;

  /** One sync: the rows' values and, the first time with 1.7, the handler's registration. */
  const read = async (register: boolean): Promise<void> => {
    try {
      const values = await options.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(location.sheet);
        const range = sheet.getRange(location.rows).load("values");
        const added = register
          ? sheet.onChanged.add(async (event) => { if (touches(event.address, location.rows)) await read(false); })
          : undefined;
        await context.sync();
        handler = added ?? handler;
        return range.values;
      });
      report(values, options);
    } catch (error) {
      options.onError(sheetMessage(error, location));
    }
  };

  await read(options.events);
  const remove = options.removeHandler ?? defaultRemove;
  return {
    live: handler !== undefined,
    refresh: () => read(false),
    stop: async () => {
      const h = handler;
      handler = undefined;
      if (h) await remove(h).catch(() => undefined);
    },
  };
}

function sheetMessage(error: unknown, location: ChecklistLocation): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  if (code === "ItemNotFound") return `There is no sheet named "${location.sheet}" yet: build the Checklist sheet to score it here.`;
  return describeError(error);
}
