import { TOOL_VERSION } from "../version";
import { MONEY, PlanDraft, STYLES } from "./draft";
import { STRESS_TEST_LAYOUT } from "./stressTest";
import { cellAt, qualified } from "./refs";
import { PLAN_KEYS, type ModelInputs, type ModelNaming, type PlanKey, type PlanValue, type SheetPlan } from "./types";

/** When and by what the workbook was made; the CLI and the pane pass the date (plans stay pure). */
export interface ReadmeOptions {
  readonly made?: { readonly date: string; readonly version?: string };
}

/** One line per sheet, in workbook order. */
export const SHEET_PURPOSES: Readonly<Record<PlanKey, string>> = {
  readme: "This page: what the file is and how it was made.",
  summary: "The investor page: split, checklist verdict, product core, anti-patterns, with charts.",
  layers: "Job to be done, value proposition and named alternative; each layer gates the next.",
  productCore: "The product's six operational dimensions and where value can be captured.",
  mechanics: "The token mechanics, the flow each touches, their fit to the archetype, why, and any anti-pattern.",
  feeSplit: "Revenue, stage, caps and floor in; the split exact to the cent out, with its check.",
  checklist: "The ten readiness questions, their score and the verdict.",
  stressTest: "Revenue scenarios over 36 months, the split and insurance fund month by month, the Monte Carlo fan.",
  comparables: "Published fee splits of real protocols beside yours, nearest first.",
  reference: "Hidden: the fit table, reasons and the lists behind every dropdown.",
};

/**
 * The first sheet: what the file is, one line per sheet, where to type, the
 * model's archetype, stage and revenue (live formulas), the Monte Carlo run
 * recorded on the Stress Test sheet (seed and paths, by formula, so a later
 * run shows here too), the date made and the tool's version.
 */
export function buildReadmePlan(_inputs: ModelInputs, naming: ModelNaming, options: ReadmeOptions = {}): SheetPlan {
  const d = new PlanDraft("readme", naming);
  d.label("A1", [["Token model: read me"]], STYLES.title);
  d.label("A2", [["A tokenomics model for one product, made by token-model. It needs no add-in: every figure is a native formula or a recorded value."]], STYLES.intro);

  let row = 4;
  const section = (title: string): void => {
    d.label(cellAt(1, row), [[title, ""]], STYLES.header);
    row += 1;
  };
  const line = (label: string, value: PlanValue, format?: string): void => {
    d.label(cellAt(1, row), [[label]], STYLES.result);
    if (typeof value === "string" && value.startsWith("=")) d.computed(cellAt(2, row), [[value]], format);
    else d.label(cellAt(2, row), [[value]]);
    row += 1;
  };

  section("About this file");
  line("What it is", "Exact fee splits by life-cycle stage with caps and floors, mechanic fit with reasons, the readiness checklist, stress tests and published comparables.");
  line("Opens in", "Excel 2016 or later, Excel on the web, LibreOffice and Google Sheets, without the add-in: they recalculate everything on open.");
  d.label(cellAt(1, row), [["Where to type"]], STYLES.result);
  d.block(cellAt(2, row), "label", [["Cells shaded like this one are inputs; everything else is computed. Dropdowns list the valid choices."]], { style: STYLES.input });
  row += 1;
  line("Working areas", "Helper rows and columns are folded away: the + in the margin shows them. Leave them as they are.");
  row += 1;

  const seed = qualified(naming.sheets.stressTest, STRESS_TEST_LAYOUT.monteCarloSeed);
  const paths = qualified(naming.sheets.stressTest, STRESS_TEST_LAYOUT.monteCarloPaths);
  section("This model");
  line("Archetype", `=${d.name("ArchetypeName")}&" ("&${d.name("Archetype")}&")"`);
  line("Stage", `=${d.name("FeeStage")}`);
  line("Monthly fee revenue", `=${d.name("FeeRevenue")}`, MONEY);
  line("Monte Carlo seed", `=IF(ISNUMBER(${seed}),${seed},"no run recorded yet")`, "0");
  line("Monte Carlo paths", `=IF(ISNUMBER(${paths}),${paths},"no run recorded yet")`, "#,##0");
  line("Made on", options.made?.date ?? "not recorded");
  line("Made with", `token-model ${options.made?.version ?? TOOL_VERSION}`);
  row += 1;

  section("Sheets");
  for (const key of PLAN_KEYS) line(naming.sheets[key], SHEET_PURPOSES[key]);

  d.width("A", 24);
  d.width("B", 112);
  return d.build();
}
