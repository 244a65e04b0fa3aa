import { buildChecklistPlan, defaultNaming, DEFAULT_INPUTS, stressRunParams, type PlanKey, type SheetPlan } from "../src/plans";
import { modelShareTable, stressRunParamsFromSheet } from "../src/plans/stressTest";
import { buildSheets, describeIntent, describeReport, excelRun } from "./buildSheets";
import { clearScore, note, showScore, showUndecided } from "./checklistView";
import { byId } from "./dom";
import { describeError } from "./errors";
import { chosenMode, readInputs, type Form } from "./form";
import { runIntentFor } from "./intent";
import { checklistLocation, startLiveChecklist, type ChecklistLocation, type LiveChecklist } from "./liveChecklist";
import { describeShareable, makeShareable, scanCounts, scanWorkbook } from "./makeShareable";
import type { Status } from "./status";
import { setUpStressPanel } from "./stressPanel";
import { officeSupport, REQUIRED_SET, type ApiSupport } from "./support";

/** Inside Excel: build the model in the workbook, record Monte Carlo runs on it, make it shareable, score the Checklist sheet live. */
export function startExcelMode(form: Form, status: Status, stressStatus: Status, buildButtons: readonly HTMLButtonElement[]): void {
  const support = officeSupport();
  const hostNote = byId("host-note", HTMLElement);
  hostNote.className = "note connected";
  hostNote.textContent = support.names
    ? "Connected to Excel. Builds write into this workbook."
    : `Connected to Excel, but this version is too old to build the model (it needs ExcelApi ${REQUIRED_SET.names}: Excel 2016 or later, or Excel on the web).`;
  if (!support.names) for (const b of buildButtons) b.disabled = true;

  const checklist = new LiveChecklistPanel(support);
  void checklist.watch(checklistLocation(buildChecklistPlan(DEFAULT_INPUTS, defaultNaming())));

  for (const button of buildButtons) {
    button.addEventListener("click", () => {
      const inputs = readInputs(form);
      if (!inputs) return;
      const target = button.dataset.sheet ?? "all";
      const keys = target === "all" ? "all" : [target as PlanKey];
      void status.run(button, async () => {
        status.say("Reading the workbook…");
        try {
          const report = await buildSheets(keys, inputs, {
            mode: chosenMode(),
            support,
            onIntent: (intent) => status.say(describeIntent(intent)),
          });
          status.say(describeReport(report), "success");
          const built = report.plans.find((p: SheetPlan) => p.key === "checklist");
          if (built) await checklist.watch(checklistLocation(built));
        } catch (error) {
          status.say(describeError(error), "error");
        }
      });
    });
  }

  setUpStressRuns(form, stressStatus, support);
  setUpShareable(status, support);
}

/**
 * A run goes onto the Stress Test sheet through buildSheets: in update mode
 * a short read of the existing sheet's inputs, then the paths outside any
 * batch (chunked, with progress and Cancel), then the build's batch, which
 * checks the inputs are unchanged before it writes. Update runs with the inputs typed on the sheet and keeps them;
 * create writes a new sheet with the defaults, and runs with those. Update
 * rewrites only what the model owns there, which includes the Monte Carlo values.
 */
function setUpStressRuns(form: Form, status: Status, support: ApiSupport): void {
  if (!support.names) byId("mc-run", HTMLButtonElement).disabled = true;
  const panel = setUpStressPanel(form, status, {
    intent: () => runIntentFor(chosenMode(), "excel"),
    nothingDone: "nothing was written",
    deliver: async (inputs, choice, simulate, say) => {
      say("Reading the workbook…");
      const report = await buildSheets(["stressTest"], inputs, {
        mode: chosenMode(),
        support,
        onIntent: (intent) => say(describeIntent(intent)),
        stressRun: async (sheetInputs, shareTable) => {
          const params = sheetInputs ? stressRunParamsFromSheet(sheetInputs, choice, shareTable ?? modelShareTable(inputs)) : stressRunParams(inputs, choice);
          return { params, result: await simulate(params) };
        },
      });
      return describeReport(report);
    },
  });
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="mode"]')) radio.addEventListener("change", panel.explain);
}

function setUpShareable(status: Status, support: ApiSupport): void {
  const button = byId("make-shareable", HTMLButtonElement);
  const confirm = byId("confirm", HTMLElement);
  const text = byId("confirm-text", HTMLElement);
  const yes = byId("confirm-yes", HTMLButtonElement);
  const no = byId("confirm-no", HTMLButtonElement);
  const close = (): void => { confirm.hidden = true; };

  button.addEventListener("click", () => {
    close();
    void status.run(button, async () => {
      status.say("Looking for TOKEN formulas…");
      try {
        const counts = scanCounts(await scanWorkbook(excelRun, support, (m) => status.say(m)));
        const total = counts.reduce((n, c) => n + c.cells, 0);
        if (total === 0) {
          status.say("No TOKEN formulas found: the workbook already works without the add-in.", "success");
          return;
        }
        text.textContent = `This will replace ${total} TOKEN ${total === 1 ? "formula" : "formulas"} with ${total === 1 ? "its" : "their"} current ${total === 1 ? "value" : "values"} (${counts.map((c) => `${c.sheet}: ${c.cells}`).join(", ")}). Native formulas and everything you typed stay as they are.`;
        yes.textContent = `Replace ${total} ${total === 1 ? "formula" : "formulas"}`;
        status.say("Nothing has changed yet: confirm below.");
        confirm.hidden = false;
      } catch (error) {
        status.say(describeError(error), "error");
      }
    }).then(() => { if (!confirm.hidden) yes.focus(); });
  });

  no.addEventListener("click", () => {
    close();
    status.say("Cancelled: nothing was changed.");
    button.focus();
  });

  yes.addEventListener("click", () => {
    void status.run(yes, async () => {
      status.say("Replacing TOKEN formulas…");
      try {
        status.say(describeShareable(await makeShareable(excelRun, support, (m) => status.say(m))), "success");
      } catch (error) {
        status.say(describeError(error), "error");
      }
    }).then(() => { close(); button.focus(); });
  });
}

/** Scores the Checklist sheet and follows its changes (ExcelApi 1.7), or reads on request without it. */
class LiveChecklistPanel {
  private live: LiveChecklist | undefined;
  private readonly panel = byId("live-panel", HTMLElement);

  constructor(private readonly support: ApiSupport) {
    byId("rescore", HTMLButtonElement).addEventListener("click", () => void this.live?.refresh());
  }

  async watch(location: ChecklistLocation): Promise<void> {
    await this.live?.stop();
    this.panel.hidden = false;
    note(`Reading “${location.sheet}”…`);
    const follows = this.support.events
      ? `From “${location.sheet}”, updated as you answer there.`
      : `From “${location.sheet}”. This Excel cannot report changes (ExcelApi ${REQUIRED_SET.events}): press “Read the checklist again” after editing.`;
    this.live = await startLiveChecklist(location, {
      run: excelRun,
      events: this.support.events,
      onResult: (result) => {
        showScore(result.score);
        showUndecided(result.undecided);
        note(follows);
      },
      onError: (message) => {
        clearScore();
        showUndecided(undefined);
        note(message);
      },
    });
  }
}
