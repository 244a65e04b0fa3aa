import { ARCHETYPES, STAGES, stageById, toCents, type StageId } from "../src/index";
import { DEFAULT_INPUTS, templateInputs, type ModelInputs } from "../src/plans";
import { describeError } from "./errors";
import { byId, option } from "./dom";
import type { WriteMode } from "./excelWriter";

/** The product inputs: archetype, stage, monthly fee revenue, and the create/update choice. */
export interface Form {
  readonly archetype: HTMLSelectElement;
  readonly stage: HTMLSelectElement;
  readonly revenue: HTMLInputElement;
  readonly revenueError: HTMLElement;
}

const money = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export function setUpForm(): Form {
  const form: Form = {
    archetype: byId("archetype", HTMLSelectElement),
    stage: byId("stage", HTMLSelectElement),
    revenue: byId("revenue", HTMLInputElement),
    revenueError: byId("revenue-error", HTMLElement),
  };
  form.archetype.append(...ARCHETYPES.map((a) => option(a.id, a.name, a.id === DEFAULT_INPUTS.archetype)));
  form.stage.append(...STAGES.map((s) => option(s.id, s.name, s.id === DEFAULT_INPUTS.stage)));
  form.revenue.value = money.format(DEFAULT_INPUTS.revenue);
  const stageHint = byId("stage-hint", HTMLElement);
  const showStage = (): void => { stageHint.textContent = stageById(form.stage.value as StageId).when; };
  form.stage.addEventListener("change", showStage);
  showStage();
  form.revenue.addEventListener("input", () => showRevenueError(form, undefined));
  return form;
}

function showRevenueError(form: Form, message: string | undefined): void {
  form.revenueError.textContent = message ?? "";
  form.revenueError.hidden = message === undefined;
  if (message === undefined) form.revenue.removeAttribute("aria-invalid");
  else form.revenue.setAttribute("aria-invalid", "true");
}

/** The inputs for a build, or undefined after showing what to fix (focus goes to the field). */
export function readInputs(form: Form): ModelInputs | undefined {
  let revenue: number;
  try {
    revenue = toCents(form.revenue.value, "monthly fee revenue") / 100;
  } catch (error) {
    showRevenueError(form, describeError(error));
    form.revenue.focus();
    return undefined;
  }
  showRevenueError(form, undefined);
  return templateInputs(form.archetype.value, form.stage.value, revenue); // the archetype's template: shares and starter mechanics
}

export function chosenMode(): WriteMode {
  const checked = document.querySelector<HTMLInputElement>('input[name="mode"]:checked');
  return checked?.value === "update" ? "update" : "create";
}
