import { ARCHETYPES, MECHANICS } from "../src/index";

/** Ids beside display names, for dropdown lists and lookups on a sheet. */
export const archetypeRows = (): string[][] => ARCHETYPES.map((a) => [a.id, a.name]);
export const mechanicRows = (): string[][] => MECHANICS.map((m) => [m.id, m.name]);
