// The task pane. Inside Excel it builds the model in the workbook, records
// Monte Carlo runs on its Stress Test sheet, makes the workbook shareable and
// scores the Checklist sheet live; in a plain browser (no Office, or Office
// with no host) it runs as a preview that downloads .xlsx files and scores
// the checklist on the page.
import { byId } from "./dom";
import { startExcelMode } from "./excelMode";
import { chosenMode, setUpForm } from "./form";
import { detectHost } from "./host";
import { intentFor, type Target } from "./intent";
import { startPreviewMode } from "./previewMode";
import { ActionLock, Status } from "./status";

/** Says what a build button will do whenever it gets focus or the pointer, and again when the mode changes. */
function explainButtons(buttons: readonly HTMLButtonElement[], where: () => "excel" | "preview"): void {
  const intent = byId("intent", HTMLElement);
  let last: Target = "all";
  const explain = (target: Target): void => {
    last = target;
    intent.textContent = intentFor(target, chosenMode(), where());
  };
  for (const button of buttons) {
    const target = (button.dataset.sheet ?? "all") as Target;
    button.addEventListener("focus", () => explain(target));
    button.addEventListener("mouseenter", () => explain(target));
  }
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="mode"]')) {
    radio.addEventListener("change", () => explain(last));
  }
}

async function start(): Promise<void> {
  const form = setUpForm();
  const lock = new ActionLock();
  const status = new Status(undefined, lock);
  // The Monte Carlo speaks in its own section; no aria-busy there, or its progress text would not be read out.
  const stressStatus = new Status({ region: "mc-status", progress: "mc-progress" }, lock);
  const buildButtons = [...document.querySelectorAll<HTMLButtonElement>("button[data-sheet]")];
  const buildAll = byId("build-all", HTMLButtonElement);
  let where: "excel" | "preview" = "preview";
  explainButtons(buildButtons, () => where);

  // Until Office answers, the buttons wait too: a click must not build in the wrong place.
  for (const b of buildButtons) b.disabled = true;
  const hostNote = byId("host-note", HTMLElement);
  const host = await detectHost({
    onSlow: () => {
      hostNote.className = "note connecting";
      hostNote.textContent = "Still connecting to Office… Inside Excel the first start can take a few seconds; the pane decides where it runs when Office answers.";
    },
  });
  for (const b of buildButtons) b.disabled = false;
  if (host.kind === "excel") {
    where = "excel";
    for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="mode"]')) {
      radio.addEventListener("change", () => { buildAll.textContent = chosenMode() === "update" ? "Update model" : "New model"; });
    }
    startExcelMode(form, status, stressStatus, buildButtons);
    return;
  }
  const why = host.kind === "other"
    ? `Running in ${host.host}, not Excel.`
    : host.reason === "no-office"
      ? "Running outside Excel: Office is not available here."
      : "Running outside Excel: no Office application opened this page.";
  startPreviewMode(form, status, stressStatus, buildButtons, why);
}

start().catch((error: unknown) => {
  const note = document.getElementById("host-note");
  if (note) note.textContent = `The pane could not start: ${error instanceof Error ? error.message : String(error)}`;
});
