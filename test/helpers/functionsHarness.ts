// Runs the built custom functions (dist/functions.js) in Node against a
// stand-in for Excel's runtime, and states what a well-formed result is.
import fs from "fs";
import path from "path";
import { createRuntime, loadFunctions, type LoadedFunctions, type MetadataFunction, type StandInError } from "./excelRuntime";

export const DIST_DIR = path.resolve(__dirname, "..", "..", "dist");

let loaded: LoadedFunctions | undefined;

/** The bundle, loaded once per test file (each file has its own global). */
export function harness(): LoadedFunctions {
  loaded ??= process.env.TOKEN_FUNCTIONS_FROM_SOURCE ? loadSource() : loadFunctions(DIST_DIR);
  return loaded;
}

/**
 * Mutation testing (npm run mutate) runs these tests against functions/*.ts
 * itself, which Stryker mutates: the same stand-in runtime, the built
 * metadata, and functions.ts with its associate() calls appended by
 * test/helpers/sourceFunctionsTransform.js.
 */
function loadSource(): LoadedFunctions {
  const runtime = createRuntime();
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = runtime.CustomFunctions;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("../../functions/functions");
  return {
    functions: Object.fromEntries(runtime.associated),
    metadata: JSON.parse(fs.readFileSync(path.join(DIST_DIR, "functions.json"), "utf8")),
    CustomFunctions: runtime.CustomFunctions,
  };
}

export function metadataOf(id: string): MetadataFunction {
  const meta = harness().metadata.functions.find((f) => f.id === id);
  if (!meta) throw new Error(`functions.json has no ${id}`);
  return meta;
}

/** Calls TOKEN.<id> the way Excel does: every declared parameter is passed, omitted ones as null. */
export function callExcel(id: string, ...args: unknown[]): unknown {
  const fn = harness().functions[id];
  if (!fn) throw new Error(`TOKEN.${id} is not associated`);
  const full = metadataOf(id).parameters.map((_, i) => (i < args.length ? args[i] : null));
  return fn(...full);
}

export const isExcelError = (v: unknown): v is StandInError => v instanceof harness().CustomFunctions.Error;

/** A 2-D result as Excel needs it: at least one row, every row the same non-zero width. */
export function isGrid(v: unknown): v is unknown[][] {
  if (!Array.isArray(v) || v.length === 0 || !Array.isArray(v[0])) return false;
  const width = (v[0] as unknown[]).length;
  return width > 0 && v.every((row) => Array.isArray(row) && row.length === width);
}

const KNOWN_CODES = new Set(["#VALUE!", "#N/A", "#NUM!"]);

/** Why a cell value is unfit for Excel, or null when it is fine. */
export function cellProblem(v: unknown): string | null {
  if (typeof v === "number") return Number.isFinite(v) ? (Object.is(v, -0) ? "-0" : null) : `non-finite number ${v}`;
  if (typeof v === "string" || typeof v === "boolean") return null;
  if (isExcelError(v)) {
    if (!KNOWN_CODES.has(v.code)) return `unexpected error code ${v.code}`;
    return typeof v.message === "string" && v.message.trim() !== "" ? null : `${v.code} without a message`;
  }
  return `not a cell value: ${v === null ? "null" : typeof v}`;
}

/** Why a function's result is malformed for its metadata, or null when it is fine. */
export function resultProblem(id: string, v: unknown): string | null {
  if (metadataOf(id).result.dimensionality !== "matrix") return cellProblem(v);
  if (!isGrid(v)) return "not a rectangular, non-empty 2-D array";
  for (const row of v) for (const cell of row) {
    const problem = cellProblem(cell);
    if (problem) return problem;
  }
  return null;
}

/** The grid, or a failure naming what came back instead. */
export function grid(v: unknown): unknown[][] {
  if (!isGrid(v)) throw new Error(`expected a 2-D result, got ${JSON.stringify(v)}`);
  return v;
}

/** The error, or a failure naming what came back instead. */
export function excelError(v: unknown): StandInError {
  if (!isExcelError(v)) throw new Error(`expected an Excel error, got ${JSON.stringify(v)}`);
  return v;
}
