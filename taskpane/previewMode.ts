import { buildModelPlan, defaultNaming, stressRunParams, type ModelInputs, type ModelOptions, type PlanKey, type SheetPlan } from "../src/plans";
import { today } from "./today";
import { listOf } from "./buildSheets";
import { setUpPreviewChecklist } from "./checklistView";
import { byId } from "./dom";
import { describeError } from "./errors";
import { readInputs, type Form } from "./form";
import { fileNameFor, runIntentFor, type Target } from "./intent";
import { selectPlans } from "./planRefs";
import type { Status } from "./status";
import { setUpStressPanel } from "./stressPanel";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Outside Excel: every build downloads an .xlsx, a Monte Carlo run too; the checklist is scored on the page. */
export function startPreviewMode(form: Form, status: Status, stressStatus: Status, buildButtons: readonly HTMLButtonElement[], why: string): void {
  const hostNote = byId("host-note", HTMLElement);
  hostNote.className = "note preview";
  hostNote.textContent = `${why} This is a browser preview: building downloads an .xlsx file (native formulas, opens in Excel or LibreOffice), and the checklist is scored on this page.`;
  // Only meaningful against a workbook: there is nothing to update and no TOKEN formula in a fresh file.
  byId("mode-field", HTMLElement).hidden = true;
  byId("shareable-group", HTMLElement).hidden = true;
  setUpPreviewChecklist();

  for (const button of buildButtons) {
    button.addEventListener("click", () => {
      const inputs = readInputs(form);
      if (!inputs) return;
      const target = (button.dataset.sheet ?? "all") as Target;
      void status.run(button, async () => {
        status.say(`Preparing ${fileNameFor(target)}…`);
        try {
          status.say(await downloadTarget(target, inputs), "success");
        } catch (error) {
          status.say(describeError(error), "error");
        }
      });
    });
  }

  setUpStressPanel(form, stressStatus, {
    intent: () => runIntentFor("create", "preview"),
    nothingDone: "nothing was downloaded",
    deliver: async (inputs, choice, simulate, say) => {
      const params = stressRunParams(inputs, choice);
      const result = await simulate(params);
      say(`Preparing ${fileNameFor("stressTest")}…`);
      return downloadTarget("stressTest", inputs, { monteCarlo: { params, result } });
    },
  });
}

/** Downloads the model or one sheet (with the sheets it reads from); resolves to what the status line says. */
async function downloadTarget(target: Target, inputs: ModelInputs, options: ModelOptions = {}): Promise<string> {
  const fileName = fileNameFor(target);
  const all = buildModelPlan(inputs, defaultNaming(), { made: { date: today() }, ...options });
  const plans = target === "all" ? all : selectPlans(all, [target as PlanKey], []).plans;
  await download(plans, fileName);
  const extra = target === "all" ? [] : plans.filter((p) => p.key !== target).map((p) => p.name);
  return `Downloaded ${fileName}: ${plans.length} ${plans.length === 1 ? "sheet" : "sheets"}${extra.length > 0 ? ` (with ${listOf(extra)}, which it reads from)` : ""}.`;
}

/** The .xlsx writer (exceljs) loads only now, so the pane's first load inside Excel never carries it. */
async function download(plans: readonly SheetPlan[], fileName: string): Promise<void> {
  const { planToXlsx } = await import(/* webpackChunkName: "xlsx" */ "../src/export/xlsx");
  const bytes = await planToXlsx(plans);
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: XLSX_TYPE }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
