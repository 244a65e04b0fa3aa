import { ARCHETYPE_INDEX, STAGE_INDEX, findName, numberText, resolveName, templateBuckets, templateOf, templateShares } from "../src/index";
import { describe, isBlank, oneCell } from "./cells";
import { badInput } from "./excelErrors";
import type { CellResult } from "./results";

const STAGE_CHOICES = "Use early, growth or mature, or a life-cycle position from 0 (early) to 1 (mature).";

/** TOKEN.TEMPLATE: the archetype's buckets in one row, their shares at the stage (or position) in the next. */
export function templateRows(archetype: unknown, stage: unknown): CellResult[][] {
  const t = templateOf(resolveName(ARCHETYPE_INDEX, oneCell(archetype, "archetype")));
  const s = oneCell(stage, "stage");
  if (isBlank(s)) throw badInput(`Give a stage. ${STAGE_CHOICES}`);
  let at: Parameters<typeof templateShares>[1];
  if (typeof s === "number") at = s;
  else if (typeof s === "string") {
    const id = findName(STAGE_INDEX, s);
    const read = numberText(s);
    const n = "ok" in read ? Number(read.ok) : NaN;
    if (id !== undefined) at = id;
    else if (Number.isFinite(n)) at = n;
    else throw badInput(`Unknown stage "${s.trim()}". ${STAGE_CHOICES}`);
  } else throw badInput(`The stage must be a name or a number; got ${describe(s)}. ${STAGE_CHOICES}`);
  const shares = templateShares(t, at);
  const used = templateBuckets(t).map((b) => shares.buckets.indexOf(b));
  return [used.map((i) => shares.buckets[i]!.id), used.map((i) => shares.shares[i]!.toNumber() + 0)];
}

