import { buildModelPlan, defaultNaming, DEFAULT_INPUTS, SHEET_TITLES, type PlanKey } from "../src/plans";
import { listOf } from "./buildSheets";
import type { WriteMode } from "./excelWriter";
import { selectPlans } from "./planRefs";

/** What a build button will do, said before it is pressed. Pure. */

export type Target = PlanKey | "all";

const slug = (title: string): string => title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

export const fileNameFor = (target: Target): string => (target === "all" ? "token-model.xlsx" : `token-model-${slug(SHEET_TITLES[target])}.xlsx`);

/** The first model's plans, for counting sheets and naming what a sheet reads from. */
const modelPlans = () => buildModelPlan(DEFAULT_INPUTS, defaultNaming());

function readsFrom(target: PlanKey): string[] {
  return selectPlans(modelPlans(), [target], []).dependencies.map((p) => p.name);
}

export function intentFor(target: Target, mode: WriteMode, where: "excel" | "preview"): string {
  const plans = modelPlans();
  if (target === "all") {
    const hidden = plans.filter((p) => !p.visible).map((p) => p.name);
    const sheets = `${plans.length} sheets (${plans.map((p) => p.name).join(", ")}${hidden.length > 0 ? `; ${listOf(hidden)} hidden` : ""})`;
    if (where === "preview") return `Downloads ${fileNameFor("all")} with the model's ${sheets}.`;
    return mode === "create"
      ? `Adds the model's ${sheets} beside your sheets. A sheet name already in use gets the next number, e.g. “Fee Split (2)”. Nothing you have is changed.`
      : "Rewrites the labels and formulas on the model's sheets and keeps every input you typed; a missing sheet is created whole.";
  }
  const title = SHEET_TITLES[target];
  const deps = readsFrom(target);
  const note = target !== "stressTest" ? ""
    : mode === "update" && where === "excel" ? " To record a Monte Carlo on it, use “Run stress test” below."
    : " Its Monte Carlo table stays empty: “Run stress test” below fills it.";
  if (where === "preview") {
    return `Downloads ${fileNameFor(target)} with the ${title} sheet${deps.length > 0 ? ` and ${listOf(deps)}, which it reads from` : ""}.${note}`;
  }
  return mode === "create"
    ? `Adds a ${title} sheet (numbered if the name is taken)${deps.length > 0 ? `, plus ${listOf(deps)} if missing, since it reads from ${deps.length === 1 ? "it" : "them"}` : ""}. Nothing you have is changed.${note}`
    : `Rewrites the labels and formulas on ${title} and keeps your inputs; creates it if it is missing.${note}`;
}

/** What "Run stress test" will do once the paths are run. */
export function runIntentFor(mode: WriteMode, where: "excel" | "preview"): string {
  const title = SHEET_TITLES.stressTest;
  const deps = readsFrom("stressTest");
  const recorded = "the run's percentiles as values, its seed and its parameters";
  if (where === "preview") {
    return `Runs the paths on this page, then downloads ${fileNameFor("stressTest")}: the ${title} sheet with ${recorded}${deps.length > 0 ? `, plus ${listOf(deps)}, which it reads from` : ""}.`;
  }
  return mode === "create"
    ? `Runs the paths in the pane, then adds a ${title} sheet (numbered if the name is taken) with ${recorded}${deps.length > 0 ? `, plus ${listOf(deps)} if missing` : ""}. Nothing you have is changed.`
    : `Runs the paths in the pane, then writes ${recorded} on ${title}, and rewrites the sheet's labels and formulas; your inputs stay. Creates the sheet if it is missing.`;
}
