import { TokenError } from "../src";
import { monteCarlo } from "../src/stress";
import {
  ALL_NAME_BASES, stressRunParams, buildModelPlan, DEFAULT_INPUTS, defaultNaming, namingFor, parseCell, PLAN_KEYS, PERCENT, MONEY,
  FEE_SPLIT_LAYOUT, type ModelNaming, type SheetPlan,
} from "../src/plans";
import { functionsIn, referencesIn } from "./helpers/formulaEval";

/** Functions that compute in Excel 2016/2019 and LibreOffice 7.4 and that the plans may use. */
const ALLOWED = new Set([
  "SUM", "SUMPRODUCT", "AVERAGE", "MIN", "MAX", "COUNTIF", "COUNTIFS", "INDEX", "MATCH", "IF", "IFERROR", "AND", "OR", "NOT",
  "ROUND", "ROUNDDOWN", "ABS", "GCD", "ISNUMBER", "ISBLANK", "LEN", "TRIM", "LEFT", "MID", "LOWER", "FIND",
]);
/** Newer or dynamic-array-only functions that must never appear. */
const FORBIDDEN = [
  "LET", "LAMBDA", "XLOOKUP", "XMATCH", "FILTER", "UNIQUE", "SORT", "SORTBY", "SEQUENCE", "RANDARRAY", "IFS", "SWITCH",
  "TEXTJOIN", "CONCAT", "MAXIFS", "MINIFS", "TEXTSPLIT", "VSTACK", "HSTACK", "TAKE", "DROP", "CHOOSECOLS", "TOCOL", "TOROW",
];

const isFormula = (v: unknown): v is string => typeof v === "string" && v.startsWith("=");

/** Every (row, col) a plan's blocks write, with the block's role. */
function cellsOf(plan: SheetPlan): Map<string, { role: string; value: unknown }> {
  const out = new Map<string, { role: string; value: unknown }>();
  for (const b of plan.blocks) {
    const { col, row } = parseCell(b.at);
    b.cells.forEach((r, i) => r.forEach((value, j) => {
      const key = `${col + j},${row + i}`;
      if (out.has(key)) throw new Error(`${plan.key}: two blocks write ${key}`);
      out.set(key, { role: b.role, value });
    }));
  }
  return out;
}

function cellsIn(range: string): { col: number; row: number }[] {
  const [a, b] = range.split(":");
  const p = parseCell(a!);
  const q = parseCell(b ?? a!);
  const out: { col: number; row: number }[] = [];
  for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) out.push({ col: c, row: r });
  return out;
}

function allFormulas(plans: readonly SheetPlan[]): { plan: SheetPlan; formula: string }[] {
  const out: { plan: SheetPlan; formula: string }[] = [];
  for (const plan of plans) {
    for (const b of plan.blocks) for (const r of b.cells) for (const v of r) if (isFormula(v)) out.push({ plan, formula: v });
    for (const f of plan.conditionalFormats) out.push({ plan, formula: f.formula });
    for (const v of plan.validations) if (v.list?.source) out.push({ plan, formula: v.list.source });
  }
  return out;
}

const namings: [string, ModelNaming][] = [
  ["the first model", defaultNaming()],
  ["a second model", namingFor(2)],
  ["odd sheet names", {
    suffix: "_x",
    sheets: {
      readme: "Read'me", summary: "Sum'mary", layers: "Layers 1", productCore: "Core & Co", mechanics: "Mech's (3)", feeSplit: "A1",
      checklist: "R1C1", stressTest: "Stress", comparables: "Peers (1)", reference: "Ref data",
    },
  }],
];

// A small Monte Carlo run, so the Stress Test sheet writes everything it can (its run table included).
const MC = stressRunParams(DEFAULT_INPUTS, { paths: 50 });
const MC_RUN = { monteCarlo: { params: MC, result: monteCarlo(MC) } };

describe.each(namings)("plans for %s", (_, naming) => {
  const plans = buildModelPlan(DEFAULT_INPUTS, naming, MC_RUN);
  const byKey = new Map(plans.map((p) => [p.key, p]));
  const definedNames = new Map(plans.flatMap((p) => p.names.map((n) => [n.name.toLowerCase(), p] as const)));
  const tableNames = plans.flatMap((p) => p.tables.map((t) => t.name));

  test("one plan per sheet, in workbook order, named by the naming", () => {
    expect(plans.map((p) => p.key)).toEqual([...PLAN_KEYS]);
    for (const p of plans) expect(p.name).toBe(naming.sheets[p.key]);
    expect(byKey.get("reference")!.visible).toBe(false);
    for (const p of plans.filter((q) => q.key !== "reference")) expect(p.visible).toBe(true);
  });

  test("blocks are rectangles that never overlap; formats match their shape", () => {
    for (const plan of plans) {
      cellsOf(plan);
      for (const b of plan.blocks) {
        expect(b.cells.length).toBeGreaterThan(0);
        const width = b.cells[0]!.length;
        for (const r of b.cells) expect(r.length).toBe(width);
        if (Array.isArray(b.numberFormat)) {
          expect(b.numberFormat.length).toBe(b.cells.length);
          for (const r of b.numberFormat as string[][]) expect(r.length).toBe(width);
        }
      }
    }
  });

  test("labels and inputs hold no formulas; every formula is a computed cell", () => {
    for (const plan of plans) {
      for (const b of plan.blocks) {
        const formulas = b.cells.flat().filter(isFormula).length;
        if (b.role === "computed") expect(formulas).toBeGreaterThan(0);
        else expect(formulas).toBe(0);
      }
    }
  });

  test("every formula parses and uses only functions that exist in Excel 2016 and LibreOffice 7.4", () => {
    const used = new Set<string>();
    for (const { plan, formula } of allFormulas(plans)) {
      for (const fn of functionsIn(formula)) {
        used.add(fn);
        if (!ALLOWED.has(fn)) throw new Error(`${plan.key}: ${fn}() in ${formula}`);
      }
      const outsideStrings = formula.replace(/"(?:[^"]|"")*"/g, '""').toUpperCase();
      for (const fn of FORBIDDEN) expect(new RegExp(`(^|[^A-Z0-9_.])${fn}\\s*\\(`).test(outsideStrings)).toBe(false);
      expect(outsideStrings).not.toMatch(/_XLFN\.|@|#/);
    }
    expect(used.has("SUMPRODUCT")).toBe(true);
  });

  test("every sheet a formula names exists, and every name it uses is one of this model's", () => {
    const sheets = new Set(Object.values(naming.sheets));
    for (const { plan, formula } of allFormulas(plans)) {
      const refs = referencesIn(formula);
      for (const s of refs.sheets) if (!sheets.has(s)) throw new Error(`${plan.key}: unknown sheet ${s} in ${formula}`);
      for (const n of refs.names) if (!definedNames.has(n.toLowerCase())) throw new Error(`${plan.key}: unknown name ${n} in ${formula}`);
    }
  });

  test("defined names are unique, suffixed, absolute and point at written cells of their own sheet", () => {
    const names = plans.flatMap((p) => p.names.map((n) => n.name));
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    const bases = new Set(ALL_NAME_BASES);
    for (const plan of plans) {
      const cells = cellsOf(plan);
      for (const n of plan.names) {
        expect(n.name.endsWith(naming.suffix)).toBe(true);
        expect(bases.has(n.name.slice(0, n.name.length - naming.suffix.length))).toBe(true);
        expect(n.range).toMatch(/^\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?$/);
        for (const c of cellsIn(n.range.replace(/\$/g, ""))) if (!cells.has(`${c.col},${c.row}`)) throw new Error(`${n.name} points at an unwritten cell`);
      }
    }
    for (const t of tableNames) expect(t.endsWith(naming.suffix)).toBe(true);
    expect(new Set([...names, ...tableNames].map((n) => n.toLowerCase())).size).toBe(names.length + tableNames.length);
    // Everything the model may define is defined (so resolveNaming checks the real list).
    expect([...names, ...tableNames].map((n) => n.slice(0, n.length - naming.suffix.length)).sort()).toEqual([...bases].sort());
  });

  test("tables cover written cells with unique text headers", () => {
    for (const plan of plans) {
      const cells = cellsOf(plan);
      for (const t of plan.tables) {
        const all = cellsIn(t.range);
        for (const c of all) expect(cells.has(`${c.col},${c.row}`)).toBe(true);
        const top = all[0]!.row;
        const headers = all.filter((c) => c.row === top).map((c) => cells.get(`${c.col},${c.row}`)!.value);
        for (const h of headers) expect(typeof h === "string" && h !== "").toBe(true);
        expect(new Set(headers).size).toBe(headers.length);
      }
    }
    expect(byKey.get("reference")!.tables.map((t) => t.name)).toEqual([`FitTable${naming.suffix}`]);
    expect(byKey.get("productCore")!.tables.map((t) => t.name)).toEqual([`CoreTable${naming.suffix}`]);
  });

  test("dropdowns take their items from Reference lists (or the sheet's own list) and sit on input cells", () => {
    const listNames = (p: SheetPlan): Set<string> => new Set([...byKey.get("reference")!.names, ...p.names].map((n) => n.name));
    for (const plan of plans) {
      const cells = cellsOf(plan);
      for (const v of plan.validations) {
        for (const c of cellsIn(v.range)) expect(cells.get(`${c.col},${c.row}`)?.role).toBe("input");
        expect(v.error.length).toBeGreaterThan(0);
        if (v.list) {
          expect(v.list.items).toBeUndefined();
          expect(listNames(plan).has(v.list.source!.slice(1))).toBe(true);
        } else {
          expect(v.decimal).toBeDefined();
        }
      }
    }
    const lists = plans.flatMap((p) => p.validations.filter((v) => v.list).map((v) => `${p.key}:${v.list!.source}`));
    expect(lists).toEqual(expect.arrayContaining([
      `layers:=YesNoList${naming.suffix}`, `mechanics:=ArchetypeList${naming.suffix}`, `mechanics:=MechanicList${naming.suffix}`,
      `feeSplit:=StageList${naming.suffix}`, `checklist:=AnswerList${naming.suffix}`,
    ]));
  });

  test("conditional formats and charts sit on written cells", () => {
    for (const plan of plans) {
      const cells = cellsOf(plan);
      for (const f of plan.conditionalFormats) for (const c of cellsIn(f.range)) expect(cells.has(`${c.col},${c.row}`)).toBe(true);
      for (const ch of plan.charts) {
        for (const c of cellsIn(ch.dataRange)) expect(cells.has(`${c.col},${c.row}`)).toBe(true);
        for (const c of ch.categories ? cellsIn(ch.categories) : []) expect(cells.has(`${c.col},${c.row}`)).toBe(true);
        expect(ch.name.endsWith(naming.suffix)).toBe(true);
      }
    }
    const charts = plans.flatMap((p) => p.charts);
    expect(new Set(charts.map((c) => c.name)).size).toBe(charts.length);
    expect(charts.map((c) => `${c.kind}`).sort()).toEqual(["bar", "barStacked", "columnStacked", "doughnut", "doughnut", "line", "line"]);
  });

  test("the Fee Split inputs are inputs with money and percent formats; the amounts are money", () => {
    const plan = byKey.get("feeSplit")!;
    const formatOf = (a1: string): { role: string; format: string | undefined } => {
      const { col, row } = parseCell(a1);
      for (const b of plan.blocks) {
        const at = parseCell(b.at);
        const [i, j] = [row - at.row, col - at.col];
        if (i >= 0 && j >= 0 && i < b.cells.length && j < b.cells[0]!.length) {
          const f = typeof b.numberFormat === "string" || b.numberFormat === undefined ? b.numberFormat : b.numberFormat[i]![j];
          return { role: b.role, format: f };
        }
      }
      throw new Error(`${a1} is not written`);
    };
    expect(formatOf(FEE_SPLIT_LAYOUT.revenue)).toEqual({ role: "input", format: MONEY });
    expect(formatOf(FEE_SPLIT_LAYOUT.stage).role).toBe("input");
    for (const a1 of FEE_SPLIT_LAYOUT.limits) if (a1) expect(formatOf(a1)).toEqual({ role: "input", format: MONEY });
    for (const c of cellsIn(FEE_SPLIT_LAYOUT.bucketShares)) expect(formatOf(`${String.fromCharCode(64 + c.col)}${c.row}`)).toEqual({ role: "input", format: PERCENT });
    for (const a1 of FEE_SPLIT_LAYOUT.amounts) expect(formatOf(a1)).toEqual({ role: "computed", format: MONEY });
    const working = plan.blocks.find((b) => b.at === FEE_SPLIT_LAYOUT.workingTitle)!;
    expect(String(working.cells[0]![0])).toMatch(/^Working/);
  });
});

describe("buildModelPlan", () => {
  test("builds every sheet, the stress test included, in workbook order", () => {
    expect(buildModelPlan(DEFAULT_INPUTS, defaultNaming()).map((p) => p.key)).toEqual([...PLAN_KEYS]);
  });

  test("plans are frozen plain data", () => {
    const plans = buildModelPlan(DEFAULT_INPUTS, defaultNaming());
    expect(Object.isFrozen(plans[0])).toBe(true);
    expect(Object.isFrozen(plans[0]!.blocks[0]!.cells)).toBe(true);
    expect(JSON.parse(JSON.stringify(plans))).toEqual(plans);
  });

  test("inputs are checked and put in canonical form", () => {
    const plans = buildModelPlan({ archetype: "Marketplace", stage: "Scaling", revenue: 5, mechanics: [{ mechanic: "Revenue share", flow: " fee line " }] }, defaultNaming());
    const cells = (key: string) => plans.find((p) => p.key === key)!.blocks.flatMap((b) => b.cells.flat());
    expect(cells("mechanics")).toEqual(expect.arrayContaining(["exchange", "fee-share", "fee line"]));
    expect(cells("feeSplit")).toEqual(expect.arrayContaining(["growth", 5]));
    const bad = [
      { ...DEFAULT_INPUTS, archetype: "bakery" },
      { ...DEFAULT_INPUTS, stage: "" },
      { ...DEFAULT_INPUTS, revenue: -1 },
      { ...DEFAULT_INPUTS, mechanics: [{ mechanic: "magic", flow: "" }] },
      { ...DEFAULT_INPUTS, mechanics: Array.from({ length: 13 }, () => ({ mechanic: "buyback", flow: "x" })) },
    ];
    for (const inputs of bad) expect(() => buildModelPlan(inputs, defaultNaming())).toThrow(TokenError);
  });
});
