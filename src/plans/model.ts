import { buildChecklistPlan } from "./checklist";
import { buildComparablesPlan } from "./comparables";
import { buildFeeSplitPlan } from "./feeSplit";
import { checkInputs } from "./inputs";
import { buildLayersPlan } from "./layers";
import { buildMechanicsPlan } from "./mechanics";
import { buildProductCorePlan } from "./productCore";
import { buildReadmePlan, type ReadmeOptions } from "./readme";
import { buildReferencePlan } from "./reference";
import { buildStressTestPlan, type StressTestOptions } from "./stressTest";
import { buildSummaryPlan } from "./summary";
import { PLAN_KEYS, type ModelInputs, type ModelNaming, type SheetPlan } from "./types";

/** What a model carries beyond its inputs: a Monte Carlo run to record on the Stress Test sheet, when and by what it was made. */
export type ModelOptions = StressTestOptions & ReadmeOptions;

/** One sheet's builder: pure, no Office, no DOM. */
export type PlanBuilder = (inputs: ModelInputs, naming: ModelNaming, options?: ModelOptions) => SheetPlan;

/** Every sheet of a model. */
export const PLAN_BUILDERS: readonly PlanBuilder[] = [
  buildReadmePlan, buildSummaryPlan, buildLayersPlan, buildProductCorePlan, buildMechanicsPlan, buildFeeSplitPlan, buildChecklistPlan, buildStressTestPlan,
  buildComparablesPlan, buildReferencePlan,
];

/** Every sheet of one model in workbook order (PLAN_KEYS); two plans for one key is a mistake and throws. */
export function buildModelPlan(inputs: ModelInputs, naming: ModelNaming, options: ModelOptions = {}): SheetPlan[] {
  const checked = checkInputs(inputs);
  const plans = PLAN_BUILDERS.map((build) => build(checked, naming, options));
  const seen = new Set<string>();
  for (const p of plans) {
    if (seen.has(p.key)) throw new Error(`Two plans for the sheet "${p.key}".`);
    seen.add(p.key);
  }
  return plans.sort((a, b) => PLAN_KEYS.indexOf(a.key) - PLAN_KEYS.indexOf(b.key));
}
