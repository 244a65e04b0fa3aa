import { ARCHETYPE_INDEX, MECHANIC_IDS, MECHANIC_INDEX, STAGE_INDEX, TokenError, resolveName, templateOf, templatePercents, toCents } from "../index";
import type { ModelInputs } from "./types";

/** Rows on the Mechanics sheet: one per mechanic class, so any set fits. */
export const MECHANIC_ROWS = MECHANIC_IDS.length;

/** A new model: the seed's growth-stage exchange with $10M of monthly fees and mechanics bound to its flows (its template). */
export const DEFAULT_INPUTS: ModelInputs = Object.freeze({
  archetype: "exchange",
  stage: "growth",
  revenue: 10_000_000,
  mechanics: Object.freeze(templateOf("exchange").mechanics.map((m) => Object.freeze({ ...m }))),
});

/**
 * A new model for an archetype: its template's starter mechanics and stage
 * shares (src/templates.ts). The CLI's `new` and the pane's New model use it.
 */
export function templateInputs(archetype: string, stage: string, revenue: number): ModelInputs {
  const id = resolveName(ARCHETYPE_INDEX, archetype);
  const t = templateOf(id);
  return { ...DEFAULT_INPUTS, archetype: id, stage, revenue, mechanics: t.mechanics.map((m) => ({ ...m })), stagePercents: templatePercents(t) };
}

export const TOO_MANY_MECHANICS = `A model holds at most ${MECHANIC_ROWS} mechanics, one per class.`;

/**
 * Checks what the user chose and puts it in canonical form (ids, not
 * aliases); throws the core's TokenError with a message that says what to
 * fix. Builders call it first and then assume valid inputs.
 */
export function checkInputs(inputs: ModelInputs): ModelInputs {
  const archetype = resolveName(ARCHETYPE_INDEX, inputs.archetype);
  const stage = resolveName(STAGE_INDEX, inputs.stage);
  toCents(inputs.revenue, "revenue");
  if (inputs.mechanics.length > MECHANIC_ROWS) throw new TokenError("invalidValue", TOO_MANY_MECHANICS);
  const mechanics = inputs.mechanics.map((m) => ({ mechanic: resolveName(MECHANIC_INDEX, m.mechanic), flow: String(m.flow ?? "").trim() }));
  const stagePercents = inputs.stagePercents ?? templatePercents(templateOf(archetype));
  return { archetype, stage, revenue: inputs.revenue, mechanics, stagePercents, ...(inputs.token ? { token: inputs.token } : {}) };
}
