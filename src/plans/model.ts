import { buildChecklistPlan } from "./checklist";
import { buildFeeSplitPlan } from "./feeSplit";
import { checkInputs } from "./inputs";
import { buildLayersPlan } from "./layers";
import { buildMechanicsPlan } from "./mechanics";
import { buildProductCorePlan } from "./productCore";
import { buildReferencePlan } from "./reference";
import { buildSummaryPlan } from "./summary";
import { PLAN_KEYS, type ModelInputs, type ModelNaming, type SheetPlan } from "./types";

/** One sheet's builder: pure, no Office, no DOM. */
export type PlanBuilder = (inputs: ModelInputs, naming: ModelNaming) => SheetPlan;

/** The sheets this module builds (the stress test comes from its own builder). */
export const PLAN_BUILDERS: readonly PlanBuilder[] = [
  buildSummaryPlan, buildLayersPlan, buildProductCorePlan, buildMechanicsPlan, buildFeeSplitPlan, buildChecklistPlan, buildReferencePlan,
];

/**
 * Every sheet of one model in workbook order (PLAN_KEYS). `extra` builders
 * (e.g. the stress test) join without changes here; two plans for one key
 * is a mistake and throws.
 */
export function buildModelPlan(inputs: ModelInputs, naming: ModelNaming, extra: readonly PlanBuilder[] = []): SheetPlan[] {
  const checked = checkInputs(inputs);
  const plans = [...PLAN_BUILDERS, ...extra].map((build) => build(checked, naming));
  const seen = new Set<string>();
  for (const p of plans) {
    if (seen.has(p.key)) throw new Error(`Two plans for the sheet "${p.key}".`);
    seen.add(p.key);
  }
  return plans.sort((a, b) => PLAN_KEYS.indexOf(a.key) - PLAN_KEYS.indexOf(b.key));
}
