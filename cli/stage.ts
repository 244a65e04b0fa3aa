import { STAGE_INDEX, STAGES, findName, numberText, type StageId } from "../src";
import { InputError } from "./io";

/** Where a life-cycle position lands among the sheets' stage rows: the same bands as the core's position shares. */
export const stageOfPosition = (position: number): StageId => (position < 0.25 ? "early" : position <= 0.75 ? "growth" : "mature");

const STAGE_HELP = `${STAGES.map((st) => st.id).join(", ")}, or a life-cycle position from 0 (early) to 1 (mature)`;

/**
 * A stage as the CLI takes it: a name (aliases work) or a position 0..1,
 * read by the core's one number convention. `what` names the option in messages.
 */
export function readStageText(text: string, what: string): { stage: StageId; position: number | null } {
  const id = findName(STAGE_INDEX, text);
  if (id !== undefined) return { stage: id, position: null };
  const read = numberText(text);
  if ("why" in read) throw new InputError(`Unknown stage "${text.trim().slice(0, 40)}" for ${what}. Use ${STAGE_HELP}.`);
  const position = Number(read.ok) + 0;
  if (!(position >= 0 && position <= 1)) throw new InputError(`The ${what} position ${position} is outside 0..1: use 0 for early, 0.5 for growth, 1 for mature, or a value between.`);
  return { stage: stageOfPosition(position), position };
}
