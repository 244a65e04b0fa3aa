import { buildModelPlan, defaultNaming, DEFAULT_INPUTS, PLAN_KEYS, SHEET_TITLES, type PlanKey } from "../src/plans";
import type { SheetPlan } from "../src/plans/types";
import { dependenciesOf, formulaRefs, planFormulas, selectPlans } from "../taskpane/planRefs";

/**
 * planRefs is pure: plans in, plans out. These tests read formulas the way the
 * pane does, then check which sheets a build of the real model pulls in.
 */

const MODEL = buildModelPlan(DEFAULT_INPUTS, defaultNaming());
const planOf = (key: PlanKey): SheetPlan => MODEL.find((p) => p.key === key)!;
const keysOf = (plans: readonly SheetPlan[]): PlanKey[] => plans.map((p) => p.key);

/** A one-block plan for the cases the model itself does not show (a sheet read by name only, a quoted name). */
function plan(key: PlanKey, name: string, formulas: readonly string[], names: readonly string[] = []): SheetPlan {
  return {
    key,
    name,
    visible: true,
    blocks: [{ at: "A1", role: "computed", cells: formulas.map((f) => [f]) }],
    columnWidths: [],
    tables: [],
    names: names.map((n, i) => ({ name: n, range: `$B$${i + 1}` })),
    validations: [],
    conditionalFormats: [],
    charts: [],
  };
}

describe("formulaRefs", () => {
  it("reads a bare sheet name before '!' as a sheet and the cells and names around it as identifiers, not function names", () => {
    expect(formulaRefs("=SUM(Layers!B2:B4)*Rate")).toEqual({ sheets: ["Layers"], identifiers: ["B2", "B4", "Rate"] });
  });

  it("reads a list source that has no leading '='", () => {
    expect(formulaRefs("Reference!$A$2:$A$13")).toEqual({ sheets: ["Reference"], identifiers: [] });
  });

  it("does not take a letter after '$' for a name of its own ($B$2 is one cell)", () => {
    expect(formulaRefs("=Layers!$B$2+Total")).toEqual({ sheets: ["Layers"], identifiers: ["Total"] });
  });

  it("unquotes a quoted sheet name and its doubled apostrophes", () => {
    expect(formulaRefs("='O''Brien'!A1+'Fee Split'!B2")).toEqual({ sheets: ["O'Brien", "Fee Split"], identifiers: ["A1", "B2"] });
  });

  it("does not count a quoted name without '!' after it as a sheet", () => {
    expect(formulaRefs("='Fee Split'+1")).toEqual({ sheets: [], identifiers: [] });
  });

  it("skips a string literal up to its closing quote, so what follows is still read", () => {
    expect(formulaRefs('="a"&Layers!A1')).toEqual({ sheets: ["Layers"], identifiers: ["A1"] });
    expect(formulaRefs('="abc"&Layers!A1')).toEqual({ sheets: ["Layers"], identifiers: ["A1"] });
  });

  it("treats an empty string literal as closed at its second quote", () => {
    expect(formulaRefs('=IF(A1="",Layers!B1,0)')).toEqual({ sheets: ["Layers"], identifiers: ["A1", "B1"] });
  });

  it("keeps doubled quotes inside a string literal, so text that looks like a reference is not read", () => {
    expect(formulaRefs('="say ""Layers!A1"" here"')).toEqual({ sheets: [], identifiers: [] });
    expect(formulaRefs('="a""b"')).toEqual({ sheets: [], identifiers: [] });
  });

  it("ends at an unterminated string literal or quoted name instead of running on", () => {
    expect(formulaRefs('="abc')).toEqual({ sheets: [], identifiers: [] });
    expect(formulaRefs("='abc")).toEqual({ sheets: [], identifiers: [] });
  });
});

describe("planFormulas", () => {
  it("collects the formulas of cells, list sources and conditional formats, and nothing else", () => {
    const base = plan("feeSplit", "Fee Split", []);
    const p: SheetPlan = {
      ...base,
      blocks: [{ at: "A1", role: "computed", cells: [[1, "text", "=A1+1", null, true]] }],
      validations: [
        { range: "B1", list: { items: ["Yes", "No"] }, error: "Pick one" },
        { range: "B2", list: { source: "=Reference!$A$2:$A$5" }, error: "Pick one" },
        { range: "B3", decimal: { min: 0 }, error: "A number" },
      ],
      conditionalFormats: [{ range: "C5", formula: '=$C5="x"' }],
    };
    expect(planFormulas(p)).toEqual(["=A1+1", "=Reference!$A$2:$A$5", '=$C5="x"']);
  });
});

describe("dependenciesOf", () => {
  it("finds a plan read only by its sheet name, in any case", () => {
    const reader = plan("summary", "Summary", ["='product core'!B2"]);
    const core = plan("productCore", "Product Core", ["=1"]);
    expect(dependenciesOf(reader, [reader, core])).toEqual(["productCore"]);
  });

  it("finds a plan read only through a defined name it owns, in any case", () => {
    const reader = plan("summary", "Summary", ["=feetotal*2"]);
    const fee = plan("feeSplit", "Fee Split", ["=1"], ["FeeTotal"]);
    expect(dependenciesOf(reader, [reader, fee])).toEqual(["feeSplit"]);
  });

  it("never lists the plan itself, though its formulas read its own sheet and names", () => {
    const self = plan("feeSplit", "Fee Split", ["='Fee Split'!A1+FeeTotal"], ["FeeTotal"]);
    expect(dependenciesOf(self, [self])).toEqual([]);
    for (const p of MODEL) expect(dependenciesOf(p, MODEL)).not.toContain(p.key);
  });

  it("does not pull in the owner of a name read only when it exists (optionalNames)", () => {
    const reader = { ...plan("summary", "Summary", ["=IFERROR(FeeTotal,0)"]), optionalNames: ["feetotal"] };
    const fee = plan("feeSplit", "Fee Split", ["=1"], ["FeeTotal"]);
    expect(dependenciesOf(reader, [reader, fee])).toEqual([]);
    expect(dependenciesOf({ ...reader, optionalNames: undefined }, [reader, fee])).toEqual(["feeSplit"]);
  });

  it("in the model, Stress Test reads Fee Split and Reference, and Product Core reads nothing", () => {
    expect(dependenciesOf(planOf("stressTest"), MODEL)).toEqual(["feeSplit", "reference"]);
    expect(dependenciesOf(planOf("productCore"), MODEL)).toEqual([]);
  });
});

describe("selectPlans on the model", () => {
  it("'all' is every plan in model order and adds no dependencies", () => {
    const s = selectPlans(MODEL, "all", []);
    expect(s.plans).toBe(MODEL);
    expect(s.dependencies).toEqual([]);
  });

  it.each(PLAN_KEYS.map((k) => [k]))("%s alone brings every sheet it reads from, transitively, in model order", (key) => {
    const s = selectPlans(MODEL, [key], []);
    const selected = keysOf(s.plans);
    expect(selected).toContain(key);
    // Closed under "reads from": nothing a selected plan needs is left out.
    for (const p of s.plans) for (const dep of dependenciesOf(p, MODEL)) expect(selected).toContain(dep);
    // And minimal: every added plan is reachable from the chosen one.
    const reach = new Set<PlanKey>([key]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const k of [...reach]) for (const d of dependenciesOf(planOf(k), MODEL)) if (!reach.has(d)) (reach.add(d), (grew = true));
    }
    expect(new Set(selected)).toEqual(reach);
    expect(selected).toEqual(keysOf(MODEL).filter((k) => reach.has(k)));
    expect(keysOf(s.dependencies)).toEqual(selected.filter((k) => k !== key));
  });

  it("pins the user-visible cases: Fee Split needs Reference, Stress Test needs Fee Split and Reference, Product Core stands alone", () => {
    expect(selectPlans(MODEL, ["feeSplit"], []).dependencies.map((p) => p.name)).toEqual([SHEET_TITLES.reference]);
    expect(selectPlans(MODEL, ["stressTest"], []).dependencies.map((p) => p.name)).toEqual([SHEET_TITLES.feeSplit, SHEET_TITLES.reference]);
    expect(keysOf(selectPlans(MODEL, ["productCore"], []).plans)).toEqual(["productCore"]);
  });

  it("Read me reaches the hidden Reference sheet only through the sheets it reads", () => {
    expect(dependenciesOf(planOf("readme"), MODEL)).not.toContain("reference");
    expect(keysOf(selectPlans(MODEL, ["readme"], []).dependencies)).toContain("reference");
    expect(planOf("reference").visible).toBe(false);
  });

  it("does not pull in a sheet that already exists (names compared without case), nor walk through it", () => {
    expect(keysOf(selectPlans(MODEL, ["stressTest"], ["FEE SPLIT"]).dependencies)).toEqual(["reference"]);
    expect(keysOf(selectPlans(MODEL, ["stressTest"], ["fee split", "reference"]).dependencies)).toEqual([]);
    const readme = selectPlans(MODEL, ["readme"], [SHEET_TITLES.mechanics, SHEET_TITLES.feeSplit, SHEET_TITLES.stressTest]);
    expect(keysOf(readme.plans)).toEqual(["readme"]);
  });

  it("keeps chosen plans out of the dependencies even when another chosen plan reads them", () => {
    const s = selectPlans(MODEL, ["stressTest", "feeSplit"], []);
    expect(keysOf(s.plans)).toEqual(["feeSplit", "stressTest", "reference"]);
    expect(keysOf(s.dependencies)).toEqual(["reference"]);
  });

  it("refuses keys the plans do not hold, naming them all", () => {
    expect(() => selectPlans(MODEL, ["nope" as PlanKey, "feeSplit", "gone" as PlanKey], [])).toThrow(new Error("No sheet plan for nope, gone."));
    const withoutReference = MODEL.filter((p) => p.key !== "reference");
    expect(() => selectPlans(withoutReference, ["reference"], [])).toThrow(new Error("No sheet plan for reference."));
  });
});
