export const LAYER_IDS = ["jtbd", "value", "core", "mechanics"] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export interface Layer {
  readonly id: LayerId;
  readonly name: string;
  readonly prompt: string;
}

/** The four layers, in order: each one constrains the next. */
export const LAYERS = [
  { id: "jtbd", name: "Job to be done", prompt: "The job a user hires the product for, in one sentence, with no token in it." },
  { id: "value", name: "Value proposition", prompt: "What the product promises, and the named alternative a user would otherwise choose." },
  { id: "core", name: "Product core", prompt: "Who pays, who works, who bears risk, the value flow, capture points and network effects." },
  { id: "mechanics", name: "Token mechanics", prompt: "Each mechanic with the product-core flow it touches." },
] as const satisfies readonly Layer[];

export type LayerStatus = "complete" | "incomplete" | "blocked";

/**
 * A later layer cannot be complete while an earlier one is not: a layer
 * marked done above an unfinished one is "blocked".
 */
export function layerGate(done: readonly boolean[]): LayerStatus[] {
  let allBefore = true;
  return LAYERS.map((_, i) => {
    const status: LayerStatus = !done[i] ? "incomplete" : allBefore ? "complete" : "blocked";
    allBefore = allBefore && Boolean(done[i]);
    return status;
  });
}
