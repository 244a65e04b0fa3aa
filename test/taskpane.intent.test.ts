import { buildModelPlan, defaultNaming, DEFAULT_INPUTS, PLAN_KEYS, SHEET_TITLES, type PlanKey } from "../src/plans";
import { fileNameFor, intentFor, runIntentFor, type Target } from "../taskpane/intent";
import { selectPlans } from "../taskpane/planRefs";

/**
 * The sentence under each build button is the behaviour: it tells the user,
 * before they press, which file or sheets they get and what is left alone.
 * Sheet names and counts come from the model's own plans.
 */

const MODEL = buildModelPlan(DEFAULT_INPUTS, defaultNaming());
const MODES = ["create", "update"] as const;
const PLACES = ["excel", "preview"] as const;
/** What the sentence should name as read from: the sheets a build of `key` alone adds (checked in taskpane.planRefs.test.ts). */
const depsOf = (key: PlanKey): string[] => selectPlans(MODEL, [key], []).dependencies.map((p) => p.name);

const NO_RUN_NOTE = "Its Monte Carlo table stays empty: “Run stress test” below fills it.";
const RUN_BELOW_NOTE = "To record a Monte Carlo on it, use “Run stress test” below.";

describe("fileNameFor", () => {
  it("names the whole model token-model.xlsx and one sheet after its title, lower-case and hyphenated", () => {
    expect(fileNameFor("all")).toBe("token-model.xlsx");
    expect(Object.fromEntries(PLAN_KEYS.map((k) => [k, fileNameFor(k)]))).toEqual({
      readme: "token-model-read-me.xlsx",
      summary: "token-model-summary.xlsx",
      layers: "token-model-layers.xlsx",
      productCore: "token-model-product-core.xlsx",
      mechanics: "token-model-mechanics.xlsx",
      feeSplit: "token-model-fee-split.xlsx",
      checklist: "token-model-checklist.xlsx",
      stressTest: "token-model-stress-test.xlsx",
      comparables: "token-model-comparables.xlsx",
      reference: "token-model-reference.xlsx",
    });
  });

  it("gives every target its own file name", () => {
    const names = (["all", ...PLAN_KEYS] as Target[]).map(fileNameFor);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("intentFor the whole model", () => {
  const names = MODEL.map((p) => p.name);
  const hidden = MODEL.filter((p) => !p.visible).map((p) => p.name);

  it("the model has one hidden sheet, Reference, which the sentences name as hidden", () => {
    expect(hidden).toEqual([SHEET_TITLES.reference]);
  });

  it("preview: downloads token-model.xlsx with every sheet by name, the hidden one marked, whatever the mode", () => {
    const sheets = `${MODEL.length} sheets (${names.join(", ")}; “${hidden[0]}” hidden)`;
    expect(sheets).toBe("10 sheets (Read me, Summary, Layers, Product Core, Mechanics, Fee Split, Checklist, Stress Test, Comparables, Reference; “Reference” hidden)");
    for (const mode of MODES) expect(intentFor("all", mode, "preview")).toBe(`Downloads token-model.xlsx with the model's ${sheets}.`);
  });

  it("create in Excel: adds every sheet beside the user's, numbering a taken name, changing nothing", () => {
    expect(intentFor("all", "create", "excel")).toBe(
      `Adds the model's ${MODEL.length} sheets (${names.join(", ")}; “Reference” hidden) beside your sheets. ` +
        "A sheet name already in use gets the next number, e.g. “Fee Split (2)”. Nothing you have is changed.",
    );
  });

  it("update in Excel: rewrites labels and formulas, keeps inputs, creates a missing sheet", () => {
    expect(intentFor("all", "update", "excel")).toBe(
      "Rewrites the labels and formulas on the model's sheets and keeps every input you typed; a missing sheet is created whole.",
    );
  });
});

describe("intentFor one sheet: exact sentences", () => {
  it("a sheet that reads nothing (Product Core) names only itself", () => {
    expect(depsOf("productCore")).toEqual([]);
    expect(intentFor("productCore", "create", "excel")).toBe("Adds a Product Core sheet (numbered if the name is taken). Nothing you have is changed.");
    expect(intentFor("productCore", "update", "excel")).toBe("Rewrites the labels and formulas on Product Core and keeps your inputs; creates it if it is missing.");
    expect(intentFor("productCore", "create", "preview")).toBe("Downloads token-model-product-core.xlsx with the Product Core sheet.");
  });

  it("a sheet that reads one other (Layers reads Reference) says “it”", () => {
    expect(depsOf("layers")).toEqual(["Reference"]);
    expect(intentFor("layers", "create", "excel")).toBe(
      "Adds a Layers sheet (numbered if the name is taken), plus “Reference” if missing, since it reads from it. Nothing you have is changed.",
    );
    expect(intentFor("layers", "create", "preview")).toBe("Downloads token-model-layers.xlsx with the Layers sheet and “Reference”, which it reads from.");
    expect(intentFor("layers", "update", "excel")).toBe("Rewrites the labels and formulas on Layers and keeps your inputs; creates it if it is missing.");
  });

  it("Stress Test reads two sheets, says “them”, and tells where its Monte Carlo comes from", () => {
    expect(depsOf("stressTest")).toEqual(["Fee Split", "Reference"]);
    expect(intentFor("stressTest", "create", "excel")).toBe(
      "Adds a Stress Test sheet (numbered if the name is taken), plus “Fee Split” and “Reference” if missing, since it reads from them. " +
        `Nothing you have is changed. ${NO_RUN_NOTE}`,
    );
    expect(intentFor("stressTest", "update", "excel")).toBe(
      `Rewrites the labels and formulas on Stress Test and keeps your inputs; creates it if it is missing. ${RUN_BELOW_NOTE}`,
    );
    for (const mode of MODES) {
      expect(intentFor("stressTest", mode, "preview")).toBe(
        `Downloads token-model-stress-test.xlsx with the Stress Test sheet and “Fee Split” and “Reference”, which it reads from. ${NO_RUN_NOTE}`,
      );
    }
  });

  it("Read me lists the hidden Reference sheet it needs through the sheets it reads", () => {
    expect(intentFor("readme", "create", "preview")).toBe(
      "Downloads token-model-read-me.xlsx with the Read me sheet and “Mechanics”, “Fee Split”, “Stress Test” and “Reference”, which it reads from.",
    );
  });
});

describe.each(PLAN_KEYS.map((k) => [k]))("intentFor %s", (key) => {
  const title = SHEET_TITLES[key];
  const deps = depsOf(key);
  const note = key === "stressTest";

  it("create in Excel: adds the sheet, names every sheet it reads from, changes nothing", () => {
    const text = intentFor(key, "create", "excel");
    expect(text.startsWith(`Adds a ${title} sheet (numbered if the name is taken)`)).toBe(true);
    for (const d of deps) expect(text).toContain(`“${d}”`);
    expect(text.includes(" if missing, since it reads from ")).toBe(deps.length > 0);
    if (deps.length > 0) expect(text).toContain(`since it reads from ${deps.length === 1 ? "it" : "them"}.`);
    expect(text).toContain("Nothing you have is changed.");
    expect(text.endsWith(NO_RUN_NOTE)).toBe(note);
    expect(text).not.toContain(RUN_BELOW_NOTE);
  });

  it("update in Excel: rewrites that sheet and keeps inputs, naming no other sheet", () => {
    const text = intentFor(key, "update", "excel");
    expect(text.startsWith(`Rewrites the labels and formulas on ${title} and keeps your inputs; creates it if it is missing.`)).toBe(true);
    for (const d of deps) expect(text).not.toContain(`“${d}”`);
    expect(text.endsWith(RUN_BELOW_NOTE)).toBe(note);
    expect(text).not.toContain(NO_RUN_NOTE);
  });

  it("preview: downloads its own file with the sheet and what it reads, the same in either mode", () => {
    const text = intentFor(key, "create", "preview");
    expect(intentFor(key, "update", "preview")).toBe(text);
    expect(text.startsWith(`Downloads ${fileNameFor(key)} with the ${title} sheet`)).toBe(true);
    for (const d of deps) expect(text).toContain(`“${d}”`);
    expect(text.includes(", which it reads from.")).toBe(deps.length > 0);
    expect(text.endsWith(NO_RUN_NOTE)).toBe(note);
    expect(text).not.toContain("Nothing you have is changed.");
  });
});

describe("runIntentFor", () => {
  const recorded = "the run's percentiles as values, its seed and its parameters";

  it("preview: runs the paths on the page and downloads the Stress Test file with what it reads, in either mode", () => {
    for (const mode of MODES) {
      expect(runIntentFor(mode, "preview")).toBe(
        `Runs the paths on this page, then downloads token-model-stress-test.xlsx: the Stress Test sheet with ${recorded}, plus “Fee Split” and “Reference”, which it reads from.`,
      );
    }
  });

  it("create in Excel: runs in the pane, adds the sheet with the run recorded, plus what it reads if missing", () => {
    expect(runIntentFor("create", "excel")).toBe(
      `Runs the paths in the pane, then adds a Stress Test sheet (numbered if the name is taken) with ${recorded}, plus “Fee Split” and “Reference” if missing. Nothing you have is changed.`,
    );
  });

  it("update in Excel: writes the run on the existing sheet and keeps inputs", () => {
    expect(runIntentFor("update", "excel")).toBe(
      `Runs the paths in the pane, then writes ${recorded} on Stress Test, and rewrites the sheet's labels and formulas; your inputs stay. Creates the sheet if it is missing.`,
    );
  });

  it("the four sentences differ by place and, in Excel, by mode", () => {
    const all = MODES.flatMap((m) => PLACES.map((w) => runIntentFor(m, w)));
    expect(new Set(all).size).toBe(3);
  });
});
