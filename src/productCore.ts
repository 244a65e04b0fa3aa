export const DIMENSION_IDS = ["payers", "workers", "risk", "flow", "capture", "network"] as const;
export type DimensionId = (typeof DIMENSION_IDS)[number];

export interface Dimension {
  readonly id: DimensionId;
  readonly name: string;
  readonly prompt: string;
}

/** The six questions that describe what happens when a user shows up. */
export const DIMENSIONS = [
  { id: "payers", name: "Who pays", prompt: "Which side pays, in what, and how often?" },
  { id: "workers", name: "Who works", prompt: "Who does the productive work: validators, LPs, creators, curators, solvers?" },
  { id: "risk", name: "Who bears risk", prompt: "Who absorbs volatility, defaults, slashing or inventory risk?" },
  { id: "flow", name: "Value flow", prompt: "The path money takes from payer to worker, hop by hop." },
  { id: "capture", name: "Capture points", prompt: "The hops where the protocol can take a cut without breaking the flow." },
  { id: "network", name: "Network effects", prompt: "What compounds as the product grows: liquidity, data, reputation, directory?" },
] as const satisfies readonly Dimension[];

export type CoreVerdict = "no capture" | "incomplete" | "complete";

export interface ProductCoreReview {
  readonly verdict: CoreVerdict;
  readonly missing: readonly DimensionId[];
  readonly message: string;
}

export const NO_CAPTURE_MESSAGE = "No capture points: nothing for a token to attach to, so this product may not need a token.";

/** Capture points decide: without them there is no surface for a token. */
export function reviewProductCore(entries: Readonly<Partial<Record<DimensionId, unknown>>>): ProductCoreReview {
  const filled = (id: DimensionId): boolean => {
    const v = entries[id];
    return v !== null && v !== undefined && String(v).trim() !== "";
  };
  const missing = DIMENSION_IDS.filter((id) => !filled(id));
  if (!filled("capture")) return { verdict: "no capture", missing, message: NO_CAPTURE_MESSAGE };
  if (missing.length > 0) {
    return { verdict: "incomplete", missing, message: `Still to describe: ${missing.map((id) => DIMENSIONS.find((d) => d.id === id)!.name.toLowerCase()).join(", ")}.` };
  }
  return { verdict: "complete", missing, message: "All six dimensions are described; mechanics can now attach to the capture points." };
}
