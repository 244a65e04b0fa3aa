// The built bundle and its generated metadata agree: every function Excel is
// told about is registered, with the parameters and shapes it was promised.
import fs from "fs";
import path from "path";
import { createRuntime } from "./helpers/excelRuntime";
import { callExcel, DIST_DIR, harness, isGrid, resultProblem } from "./helpers/functionsHarness";

/** The contract each function's JSDoc must produce: parameter names, shapes, optional marks; result shape. */
const SIGNATURES: Record<string, { readonly params: readonly string[]; readonly result: "scalar" | "matrix" }> = {
  FEESPLIT: {
    params: ["revenue matrix", "stage matrix", "buyback_cap scalar optional", "staker_cap scalar optional", "insurance_floor scalar optional", "discount_cap scalar optional"],
    result: "matrix",
  },
  SPLIT: {
    params: ["revenue matrix", "buckets matrix", "shares matrix", "caps matrix optional", "floors matrix optional", "excess_to scalar optional"],
    result: "matrix",
  },
  TEMPLATE: { params: ["archetype scalar", "stage scalar"], result: "matrix" },
  TOKENFLOW: {
    params: [
      "amounts_row matrix", "buckets matrix", "price scalar", "circulating_supply scalar", "staked_value scalar", "token_volume scalar",
      "buyback_max_volume_share scalar optional", "staker_max_apr scalar optional",
    ],
    result: "matrix",
  },
  FEESHARES: { params: ["stage matrix"], result: "matrix" },
  SPLITPATH: {
    params: [
      "revenues matrix", "stages matrix", "buyback_cap scalar optional", "staker_cap scalar optional", "insurance_floor scalar optional", "insurance_start scalar optional",
      "fund_target matrix optional", "overflow_to scalar optional", "fund_min scalar optional",
      "buyback_max_volume_share scalar optional", "token_volume matrix optional", "staker_max_apr scalar optional", "staked_value matrix optional",
    ],
    result: "matrix",
  },
  STRESS: {
    params: [
      "revenue scalar", "growth scalar", "volatility scalar", "months scalar", "stage matrix", "paths scalar optional", "seed scalar optional",
      "buyback_cap scalar optional", "staker_cap scalar optional", "insurance_floor scalar optional",
      "fund_start scalar optional", "fund_target scalar optional", "overflow_to scalar optional", "fund_min scalar optional",
      "buyback_max_volume_share scalar optional", "token_volume scalar optional", "staker_max_apr scalar optional", "staked_value scalar optional",
    ],
    result: "matrix",
  },
  MECHFIT: { params: ["archetype matrix", "mechanic matrix", "as_score scalar optional"], result: "matrix" },
  MECHWHY: { params: ["archetype matrix", "mechanic matrix"], result: "matrix" },
  ANTIPATTERNS: { params: ["archetype scalar", "mechanics matrix", "flows matrix optional"], result: "matrix" },
  CHECKSCORE: { params: ["answers matrix"], result: "scalar" },
  CHECKVERDICT: { params: ["answers matrix"], result: "scalar" },
  ARCHETYPES: { params: [], result: "matrix" },
  MECHANICS: { params: [], result: "matrix" },
};

/** A valid call per function, shaped as Excel passes it (ranges as 2-D arrays). */
const SAMPLE_CALLS: Record<string, readonly unknown[]> = {
  FEESPLIT: [[[10_000_000]], [["growth"]]],
  FEESHARES: [[["mature"]]],
  SPLIT: [[[1_000_000]], [["buyback", "stakers", "vault", "treasury"]], [[25, 40, 25, 10]]],
  TEMPLATE: ["defi", "growth"],
  TOKENFLOW: [[[4_000_000, 3_000_000, 1_000_000, 2_000_000]], [["buyback", "stakers", "insurance", "discount"]], 2, 1_000_000_000, 450_000_000, 20_000_000],
  SPLITPATH: [[[1_000_000], [1_100_000]], [["growth"]]],
  STRESS: [1_000_000, 0.02, 0.2, 12, [["growth"]], 100],
  MECHFIT: [[["exchange"]], [["buyback"]]],
  MECHWHY: [[["exchange"]], [["buyback"]]],
  ANTIPATTERNS: ["exchange", [["buyback"]], [["trading fees"]]],
  CHECKSCORE: [[Array(10).fill("solid")]],
  CHECKVERDICT: [[Array(10).fill("solid")]],
  ARCHETYPES: [],
  MECHANICS: [],
};

const { functions, metadata } = harness();
const ids = metadata.functions.map((f) => f.id);

describe("registration", () => {
  test("every function in functions.json is associated, and nothing else is", () => {
    expect(Object.keys(functions).sort()).toEqual([...ids].sort());
    expect(ids.sort()).toEqual(Object.keys(SIGNATURES).sort());
  });

  test("loading the script without Excel's runtime registers nothing and does not throw", () => {
    const script = fs.readFileSync(path.join(DIST_DIR, "functions.js"), "utf8");
    const saved = (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
    delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
    try {
      expect(() => new Function(script)()).not.toThrow();
    } finally {
      (globalThis as { CustomFunctions?: unknown }).CustomFunctions = saved;
    }
  });

  test("a fresh runtime receives each id exactly once", () => {
    const runtime = createRuntime();
    const saved = (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
    (globalThis as { CustomFunctions?: unknown }).CustomFunctions = runtime.CustomFunctions;
    try {
      new Function(fs.readFileSync(path.join(DIST_DIR, "functions.js"), "utf8"))();
    } finally {
      (globalThis as { CustomFunctions?: unknown }).CustomFunctions = saved;
    }
    expect([...runtime.associated.keys()].sort()).toEqual([...ids].sort());
  });
});

describe.each(Object.keys(SIGNATURES))("TOKEN.%s metadata", (id) => {
  const meta = metadata.functions.find((f) => f.id === id)!;
  const signature = SIGNATURES[id]!;

  test("parameters match the declared signature and the function's arity", () => {
    const described = meta.parameters.map((p) => `${p.name} ${p.dimensionality ?? "scalar"}${p.optional ? " optional" : ""}`);
    expect(described).toEqual(signature.params);
    expect(functions[id]!.length).toBe(meta.parameters.length);
  });

  test("every parameter is passed raw (type any), never repeating", () => {
    for (const p of meta.parameters) {
      expect(p.type).toBe("any");
      expect(p.repeating).toBeUndefined();
    }
  });

  test("the result shape is the declared one, and a real call returns that shape", () => {
    expect(meta.result.dimensionality ?? "scalar").toBe(signature.result);
    const result = callExcel(id, ...SAMPLE_CALLS[id]!);
    expect(isGrid(result)).toBe(signature.result === "matrix");
    expect(resultProblem(id, result)).toBeNull();
  });

  test("the function and each parameter have a description; the help link has an anchor", () => {
    expect(meta.description?.trim()).toBeTruthy();
    for (const p of meta.parameters) {
      expect(p.description?.trim()).toBeTruthy();
      // Excel's metadata schema caps parameter descriptions at 128 characters.
      expect(p.description!.length).toBeLessThanOrEqual(128);
    }
    const anchor = id.toLowerCase();
    expect(meta.helpUrl).toBe(`https://localhost:3000/help.html#${anchor}`);
    const help = fs.readFileSync(path.join(DIST_DIR, "help.html"), "utf8");
    expect(help).toMatch(new RegExp(`id=["']?${anchor}["'\\s>]`));
  });
});

describe("help page", () => {
  const help = fs.readFileSync(path.join(__dirname, "..", "functions", "help.html"), "utf8");

  test("has a Content-Security-Policy and loads nothing from elsewhere", () => {
    expect(help).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    expect(help).not.toMatch(/<script|<link|src=|url\(|@import/i);
    expect(help).not.toMatch(/href="https?:/i);
  });

  test("shows the DOMAIN.md check figure for FEESPLIT", () => {
    expect(help).toContain("4,000,000 | 3,000,000 | 1,000,000 | 2,000,000");
  });
});
