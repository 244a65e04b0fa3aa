import { ARCHETYPE_INDEX, type ArchetypeId } from "./archetypes";
import { FIT_MATRIX, type FitSource } from "./fitMatrix";
import { FIT_SCORE, type FitRating } from "./fitRatings";
import { MECHANIC_INDEX, type MechanicId } from "./mechanics";
import { resolveName } from "./names";

export interface MechanicFit {
  readonly archetype: ArchetypeId;
  readonly mechanic: MechanicId;
  readonly rating: FitRating;
  readonly score: number;
  readonly why: string;
  readonly source: FitSource;
}

/** One cell of the fit matrix by ids. */
export function fitCell(archetype: ArchetypeId, mechanic: MechanicId): MechanicFit {
  const cell = FIT_MATRIX[mechanic][archetype];
  return { archetype, mechanic, rating: cell.rating, score: FIT_SCORE[cell.rating], why: cell.why, source: cell.source };
}

/** How a mechanic fits an archetype; names, aliases and any case or punctuation accepted. */
export function mechanicFit(archetype: unknown, mechanic: unknown): MechanicFit {
  return fitCell(resolveName(ARCHETYPE_INDEX, archetype), resolveName(MECHANIC_INDEX, mechanic));
}
