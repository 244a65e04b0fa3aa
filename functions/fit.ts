import {
  ARCHETYPE_INDEX, FIT_MATRIX, FIT_SCORE, MECHANIC_INDEX,
  type ArchetypeId, type FitCell, type MechanicId,
} from "../src/index";
import { broadcast, broadcastShape } from "./broadcast";
import { toGrid } from "./cells";
import { isErrorCell, resolveGrid, type NameCell } from "./names";
import type { CellResult } from "./results";

const NAMES = ["archetype", "mechanic"] as const;

/**
 * One answer per archetype/mechanic pair, broadcast over ranges (see
 * broadcast.ts). An empty name gives an empty cell; a bad name gives its own
 * error in the cells it touches.
 */
export function fitTable(archetype: unknown, mechanic: unknown, answer: (cell: FitCell) => CellResult): CellResult[][] {
  const archetypeGrid = toGrid(archetype, "archetype");
  const mechanicGrid = toGrid(mechanic, "mechanic");
  broadcastShape(archetypeGrid, mechanicGrid, NAMES); // refused before any lookup when too large
  const archetypes = resolveGrid(archetypeGrid, ARCHETYPE_INDEX);
  const mechanics = resolveGrid(mechanicGrid, MECHANIC_INDEX);
  return broadcast(
    archetypes, mechanics,
    (a: NameCell<ArchetypeId>, m: NameCell<MechanicId>): CellResult => {
      if (isErrorCell(a)) return a;
      if (isErrorCell(m)) return m;
      if (a === "" || m === "") return "";
      return answer(FIT_MATRIX[m][a]);
    },
    NAMES,
  );
}

export const fitRating = (cell: FitCell): CellResult => cell.rating;
export const fitScore = (cell: FitCell): CellResult => FIT_SCORE[cell.rating];
export const fitWhy = (cell: FitCell): CellResult => cell.why;
