import { LAYERS, type LayerId, type LayerStatus } from "../index";
import { column, PlanDraft, STYLES } from "./draft";
import { NO, YES } from "./reference";
import { cellAt, cellColAbs, rangeAt, text } from "./refs";
import type { ModelInputs, ModelNaming, SheetPlan } from "./types";

const STATUS = { complete: "complete", incomplete: "incomplete", blocked: "blocked" } as const satisfies Record<LayerStatus, LayerStatus>;

/** The words the first two layers ask for, one input row each. */
const WORDS = [
  { item: "Job to be done", prompt: "The job a user hires the product for, in one sentence, with no token in it." },
  { item: "Value proposition", prompt: "What the product promises a user, in plain words." },
  { item: "Named alternative", prompt: "The centralised or on-chain product a user would pick instead, by name." },
] as const;

const WORDS_TOP = 4;
const GATE_TOP = WORDS_TOP + WORDS.length + 2;

/** Cells other sheets and tests read. */
export const LAYERS_LAYOUT = {
  answers: rangeAt(3, WORDS_TOP + 1, 3, WORDS_TOP + WORDS.length),
  done: rangeAt(2, GATE_TOP + 1, 2, GATE_TOP + LAYERS.length),
  status: rangeAt(3, GATE_TOP + 1, 3, GATE_TOP + LAYERS.length),
  complete: cellAt(2, GATE_TOP + LAYERS.length + 2),
} as const;

/**
 * The four layers in order, each with a "done?" dropdown and a status that
 * follows the core's layerGate: a layer marked done under an unfinished one
 * is blocked.
 */
export function buildLayersPlan(_inputs: ModelInputs, naming: ModelNaming): SheetPlan {
  const d = new PlanDraft("layers", naming);
  const where: Readonly<Record<LayerId, string>> = {
    jtbd: "Your answer above",
    value: "Value proposition and named alternative above",
    core: `The ${naming.sheets.productCore} sheet`,
    mechanics: `The ${naming.sheets.mechanics} sheet`,
  };
  d.label("A1", [["Layers: from the job to the token"]], STYLES.title);
  d.label("A2", [["Work from the top down. A layer counts as complete only when every layer above it is done too."]], STYLES.intro);

  d.label(cellAt(1, WORDS_TOP), [["Item", "What to write", "Your answer"]], STYLES.header);
  d.label(cellAt(1, WORDS_TOP + 1), WORDS.map((w) => [w.item, w.prompt]));
  d.input(cellAt(3, WORDS_TOP + 1), WORDS.map(() => [null]));

  const first = GATE_TOP + 1;
  d.label(cellAt(1, GATE_TOP), [["Layer", "Done?", "Status", "Where the work lives"]], STYLES.header);
  d.label(cellAt(1, first), column(LAYERS.map((l) => l.name)));
  d.input(cellAt(2, first), column(LAYERS.map(() => NO)));
  d.computed(cellAt(3, first), column(LAYERS.map((_, k) => statusFormula(first, k))));
  d.label(cellAt(4, first), column(LAYERS.map((l) => where[l.id])));
  d.dropdown(LAYERS_LAYOUT.done, "YesNoList", `Mark a layer ${YES} once it is written down.`, `Choose ${YES} or ${NO}.`);
  d.define("LayerStatus", LAYERS_LAYOUT.status);

  const total = GATE_TOP + LAYERS.length + 2;
  d.label(cellAt(1, total), [["Layers complete"]], STYLES.result);
  d.computed(cellAt(2, total), [[`=COUNTIF(${LAYERS_LAYOUT.status},${text(STATUS.complete)})`]], "0", STYLES.result);
  d.label(cellAt(3, total), [[`of ${LAYERS.length}`]]);
  d.define("LayersComplete", LAYERS_LAYOUT.complete);

  const statusTop = cellColAbs(3, first);
  d.highlight({ range: LAYERS_LAYOUT.status, formula: `=${statusTop}=${text(STATUS.blocked)}`, fill: "#F8CBAD", fontColor: "#9C0006" });
  d.highlight({ range: LAYERS_LAYOUT.status, formula: `=${statusTop}=${text(STATUS.complete)}`, fill: "#C6EFCE", fontColor: "#006100" });
  d.width("A", 24);
  d.width("B", 68);
  d.width("C", 50);
  d.width("D", 44);
  return d.build();
}

/** Layer k (0-based) on row first + k: incomplete unless done; blocked when a layer above is not done. */
function statusFormula(first: number, k: number): string {
  const done = cellAt(2, first + k);
  const notDone = `${done}<>${text(YES)}`;
  if (k === 0) return `=IF(${notDone},${text(STATUS.incomplete)},${text(STATUS.complete)})`;
  const above = `B$${first}:B${first + k - 1}`;
  return `=IF(${notDone},${text(STATUS.incomplete)},IF(COUNTIF(${above},${text(YES)})=${k},${text(STATUS.complete)},${text(STATUS.blocked)}))`;
}
