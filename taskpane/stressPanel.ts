import { MONTE_CARLO_DEFAULTS, type ModelInputs } from "../src/plans";
import type { MonteCarloParams, MonteCarloResult } from "../src/stress";
import { byId, el } from "./dom";
import { describeError } from "./errors";
import { readInputs, type Form } from "./form";
import type { Status } from "./status";
import {
  durationText, nextTenth, parsePaths, parseSeed, parseVolatilityPercent, pathsText, progressText, randomSeed, runMonteCarlo, summarizeRun, summaryRows, volatilityText,
  type FieldResult, type RunChoice,
} from "./stressRun";

/** Runs the paths with the pane's progress bar, progress text and Cancel; resolves to the core's result. */
export type Simulate = (params: MonteCarloParams) => Promise<MonteCarloResult>;

/** What a run does: where its parameters come from, and where it is recorded (the Stress Test sheet in the workbook, or a download). */
export interface StressDelivery {
  /** What "Run stress test" will do, shown under the button. */
  readonly intent: () => string;
  /**
   * Picks the parameters (the form's defaults, or an existing sheet's
   * inputs), calls `simulate` once with them and records the run; resolves
   * to the sentence for the status line.
   */
  readonly deliver: (inputs: ModelInputs, choice: RunChoice, simulate: Simulate, say: (text: string) => void) => Promise<string>;
  /** How a cancelled run ends, e.g. "nothing was downloaded". */
  readonly nothingDone: string;
}

interface Field {
  readonly input: HTMLInputElement;
  readonly error: HTMLElement;
}

const field = (id: string): Field => ({ input: byId(id, HTMLInputElement), error: byId(`${id}-error`, HTMLElement) });

function showError(f: Field, message: string | undefined): void {
  f.error.textContent = message ?? "";
  f.error.hidden = message === undefined;
  if (message === undefined) f.input.removeAttribute("aria-invalid");
  else f.input.setAttribute("aria-invalid", "true");
}

/**
 * The Monte Carlo section: paths, seed (with "New seed"), volatility; a run
 * with a real progress bar, progress text in a live region and Cancel; then
 * the run's summary and its delivery. `status` speaks in this section and
 * shares the pane's one-action-at-a-time lock.
 */
export function setUpStressPanel(form: Form, status: Status, delivery: StressDelivery): { readonly explain: () => void } {
  const paths = field("mc-paths");
  const seed = field("mc-seed");
  const volatility = field("mc-volatility");
  const fields = [paths, seed, volatility];
  const runButton = byId("mc-run", HTMLButtonElement);
  const cancel = byId("mc-cancel", HTMLButtonElement);
  const progress = byId("mc-progress", HTMLProgressElement);
  const summary = byId("mc-summary", HTMLDListElement);
  const intent = byId("mc-intent", HTMLElement);

  paths.input.value = pathsText(MONTE_CARLO_DEFAULTS.paths);
  seed.input.value = String(MONTE_CARLO_DEFAULTS.seed);
  volatility.input.value = volatilityText(MONTE_CARLO_DEFAULTS.volatility);
  for (const f of fields) f.input.addEventListener("input", () => showError(f, undefined));
  const explain = (): void => { intent.textContent = delivery.intent(); };
  explain();

  byId("mc-new-seed", HTMLButtonElement).addEventListener("click", () => {
    const next = randomSeed();
    seed.input.value = String(next);
    showError(seed, undefined);
    status.say(`New seed ${next}: “Run stress test” uses it, and the sheet records it.`);
  });

  /** The choice, or undefined after marking every field to fix (focus goes to the first). */
  const readChoice = (): RunChoice | undefined => {
    const p = parsePaths(paths.input.value);
    const s = parseSeed(seed.input.value);
    const v = parseVolatilityPercent(volatility.input.value);
    const checked: [Field, FieldResult<number>][] = [[paths, p], [seed, s], [volatility, v]];
    for (const [f, r] of checked) showError(f, r.ok ? undefined : r.message);
    if (!p.ok || !s.ok || !v.ok) {
      checked.find(([, r]) => !r.ok)?.[0].input.focus();
      return undefined;
    }
    return { paths: p.value, seed: s.value, volatility: v.value };
  };

  let controller: AbortController | undefined;
  cancel.addEventListener("click", () => controller?.abort());
  // Escape cancels from anywhere in the pane while paths run.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && controller && !controller.signal.aborted) controller.abort();
  });

  runButton.addEventListener("click", () => {
    const inputs = readInputs(form);
    if (!inputs) return;
    const choice = readChoice();
    if (!choice) return;
    const run = new AbortController();
    void status.run(runButton, async () => {
      controller = run;
      let done = 0;
      progress.max = choice.paths;
      progress.value = 0;
      summary.hidden = true;
      for (const f of fields) f.input.readOnly = true;
      cancel.hidden = false;
      cancel.focus(); // the pressed button is disabled now; keyboard users land on the one control that works
      let ran = false;
      let ms = 0;
      const simulate: Simulate = async (params) => {
        status.say(progressText(0, choice.paths));
        const started = performance.now();
        const result = await runMonteCarlo(params, {
          signal: run.signal,
          onProgress: (now, total) => {
            progress.value = now;
            if (nextTenth(done, now, total)) status.say(progressText(now, total));
            done = now;
          },
        });
        ran = true;
        cancel.hidden = true;
        ms = performance.now() - started;
        showSummary(summary, summarizeRun(result));
        status.say(`Finished ${pathsText(choice.paths)} paths in ${durationText(ms)}. Recording the run…`);
        return result;
      };
      try {
        const said = await delivery.deliver(inputs, choice, simulate, (text) => status.say(text));
        status.say(`Finished ${pathsText(choice.paths)} paths in ${durationText(ms)}. ${said}`, "success");
      } catch (error) {
        if (!ran && run.signal.aborted) status.say(`Cancelled after ${progressText(done, choice.paths)}: ${delivery.nothingDone}.`);
        else status.say(describeError(error), "error");
      } finally {
        controller = undefined;
        cancel.hidden = true;
        for (const f of fields) f.input.readOnly = false;
      }
    }, { keepEnabled: [cancel] });
  });

  return { explain };
}

function showSummary(list: HTMLDListElement, summary: ReturnType<typeof summarizeRun>): void {
  list.replaceChildren(...summaryRows(summary).map(([label, value]) => el("div", {}, [el("dt", { text: label }), el("dd", { text: value })])));
  list.hidden = false;
}
