import { findAntiPatterns } from "../src/index";
import { cellsOf, isBlank, isBlankText, oneCell, shapeOf, toGrid } from "./cells";
import { badInput } from "./excelErrors";
import type { CellResult } from "./results";

/** The single row shown when nothing is wrong, as wide as a finding. */
const NONE_FOUND: readonly CellResult[] = ["none found", "", ""];

/**
 * One row per anti-pattern: its name, the mechanic(s) involved, the reason.
 * `flows` is the range beside `mechanics`: the product-core flow each
 * mechanic acts on (blank for none). Empty mechanic cells are skipped.
 */
export function antiPatternRows(archetype: unknown, mechanics: unknown, flows: unknown): CellResult[][] {
  const arch = oneCell(archetype, "archetype");
  const mechGrid = toGrid(mechanics, "mechanics");
  const chosen = cellsOf(mechGrid).map((v) => (isBlankText(v) ? "" : v));
  let bound: unknown[] = [];
  if (!isBlank(flows)) {
    const flowGrid = toGrid(flows, "flows");
    if (shapeOf(flowGrid) !== shapeOf(mechGrid)) {
      throw badInput(`Give one flow cell beside each mechanic: mechanics is ${shapeOf(mechGrid)}, flows is ${shapeOf(flowGrid)}.`);
    }
    bound = cellsOf(flowGrid).map((v) => (isBlankText(v) ? "" : v));
  }
  const found = findAntiPatterns(arch, chosen, bound);
  if (found.length === 0) return [[...NONE_FOUND]];
  return found.map((f) => [f.name, f.mechanics.join(", "), f.reason]);
}
