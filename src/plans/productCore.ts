import { ARCHETYPES, DIMENSIONS, NO_CAPTURE_MESSAGE, reviewProductCore, type CoreVerdict, type DimensionId } from "../index";
import { column, PlanDraft, STYLES } from "./draft";
import { cellAt, cellColAbs, rangeAt, text } from "./refs";
import type { ModelInputs, ModelNaming, SheetPlan } from "./types";

const VERDICT = { noCapture: "no capture", incomplete: "incomplete", complete: "complete" } as const satisfies Record<string, CoreVerdict>;
/** The core's own wording for a complete core, so sheet and functions say the same. */
const COMPLETE_MESSAGE = reviewProductCore(Object.fromEntries(DIMENSIONS.map((dim) => [dim.id, "described"]))).message;
/** The core lists what is missing after this prefix, lower-case, comma-separated. */
export const MISSING_PREFIX = "Still to describe: ";

const TOP = 4;
const FIRST = TOP + 1;
const LAST = TOP + DIMENSIONS.length;
const SUMMARY = LAST + 2;

/** Cells other sheets and tests read. */
export const PRODUCT_CORE_LAYOUT = {
  answers: rangeAt(3, FIRST, 3, LAST),
  described: cellAt(2, SUMMARY),
  verdict: cellAt(2, SUMMARY + 1),
  message: cellAt(2, SUMMARY + 2),
  missingList: cellAt(2, SUMMARY + 4),
} as const;

/**
 * What DOMAIN.md states per archetype, as a first answer the user owns: only
 * the capture points. None for an archetype without them (media), so the
 * verdict warns until the user names one.
 */
export function prefilledAnswers(archetype: string): Readonly<Partial<Record<DimensionId, string>>> {
  const points = ARCHETYPES.find((a) => a.id === archetype)?.capturePoints ?? [];
  return points.length > 0 ? { capture: points.join(", ") } : {};
}

/**
 * The six product-core dimensions as a table with an answer column, and a
 * verdict by formula that follows the core's reviewProductCore: no capture
 * points means no token surface; otherwise it names what is still blank.
 */
export function buildProductCorePlan(inputs: ModelInputs, naming: ModelNaming): SheetPlan {
  const d = new PlanDraft("productCore", naming);
  d.label("A1", [["Product core: what happens when a user shows up"]], STYLES.title);
  d.label("A2", [["Describe each flow in your own words. Capture points decide whether a token has anything to attach to."]], STYLES.intro);

  d.label(cellAt(1, TOP), [["Dimension", "Prompt", "Your answer"]], STYLES.header);
  d.label(cellAt(1, FIRST), DIMENSIONS.map((dim) => [dim.name, dim.prompt]));
  const prefill = prefilledAnswers(inputs.archetype);
  d.input(cellAt(3, FIRST), DIMENSIONS.map((dim) => [prefill[dim.id] ?? null]));
  d.table("CoreTable", rangeAt(1, TOP, 3, LAST));
  d.define("CoreAnswers", PRODUCT_CORE_LAYOUT.answers);

  d.label(cellAt(4, TOP), [["Described?"]], STYLES.header);
  d.computed(cellAt(4, FIRST), column(DIMENSIONS.map((_, i) => `=IF(LEN(TRIM(${cellAt(3, FIRST + i)}))>0,"yes","no")`)));

  const flag = (i: number): string => cellAt(4, FIRST + i);
  const capture = DIMENSIONS.findIndex((dim) => dim.id === "capture");
  const { described, verdict, missingList } = PRODUCT_CORE_LAYOUT;
  d.label(cellAt(1, SUMMARY), column(["Dimensions described", "Verdict", "What it means"]), STYLES.result);
  d.computed(cellAt(2, SUMMARY), [
    [`=COUNTIF(${rangeAt(4, FIRST, 4, LAST)},"yes")`],
    [`=IF(${flag(capture)}="no",${text(VERDICT.noCapture)},IF(${described}<${DIMENSIONS.length},${text(VERDICT.incomplete)},${text(VERDICT.complete)}))`],
    [
      `=IF(${verdict}=${text(VERDICT.noCapture)},${text(NO_CAPTURE_MESSAGE)},` +
        `IF(${verdict}=${text(VERDICT.incomplete)},${text(MISSING_PREFIX)}&LEFT(${missingList},LEN(${missingList})-2)&".",${text(COMPLETE_MESSAGE)}))`,
    ],
  ], undefined, STYLES.result);
  d.label(cellAt(3, SUMMARY), [[`of ${DIMENSIONS.length}`]]);
  d.define("CoreDescribed", described);
  d.define("CoreVerdict", verdict);
  d.define("CoreMessage", PRODUCT_CORE_LAYOUT.message);

  // Working: the blank dimensions as one comma-separated list (no TEXTJOIN in Excel 2016).
  d.label(cellAt(1, SUMMARY + 4), [["Working: blank dimensions"]], STYLES.working);
  d.computed(missingList, [[`=${DIMENSIONS.map((dim, i) => `IF(${flag(i)}="no",${text(`${dim.name.toLowerCase()}, `)},"")`).join("&")}`]], undefined, STYLES.working);
  d.group("rows", SUMMARY + 4, SUMMARY + 4);

  d.highlight({ range: cellAt(3, FIRST + capture), formula: `=LEN(TRIM(${cellColAbs(3, FIRST + capture)}))=0`, fill: "#F8CBAD" });
  d.width("A", 26);
  d.width("B", 68);
  d.width("C", 60);
  d.width("D", 12);
  return d.build();
}
