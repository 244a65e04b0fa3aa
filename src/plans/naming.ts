import { MODEL_NAME_BASES } from "./definedNames";
import { STRESS_NAME_BASES } from "./stressTest";
import { TOKEN_NAME_BASES } from "./tokenLayer";
import { PLAN_KEYS, type ModelNaming, type PlanKey } from "./types";

/** The sheet names of the first model in a workbook. */
export const SHEET_TITLES = {
  readme: "Read me",
  summary: "Summary",
  layers: "Layers",
  productCore: "Product Core",
  mechanics: "Mechanics",
  feeSplit: "Fee Split",
  checklist: "Checklist",
  stressTest: "Stress Test",
  comparables: "Comparables",
  reference: "Reference",
} as const satisfies Readonly<Record<PlanKey, string>>;

/** Every defined and table name (before the suffix) one model writes. */
export const ALL_NAME_BASES: readonly string[] = [...MODEL_NAME_BASES, ...STRESS_NAME_BASES, ...TOKEN_NAME_BASES];

/** Excel allows 31 characters in a sheet name. */
const MAX_SHEET_NAME = 31;
/** More models than this in one workbook is a mistake, not a use. */
const MAX_MODELS = 999;

export const defaultNaming = (): ModelNaming => namingFor(1);

/** Model n of a workbook: "Fee Split" and no suffix for the first, "Fee Split (2)" and "_2" for the second ... */
export function namingFor(n: number): ModelNaming {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`A model number is a whole number from 1; got ${n}.`);
  const sheets = {} as Record<PlanKey, string>;
  for (const key of PLAN_KEYS) {
    const title = SHEET_TITLES[key];
    const tag = n === 1 ? "" : ` (${n})`;
    sheets[key] = `${title.slice(0, MAX_SHEET_NAME - tag.length)}${tag}`;
  }
  return { sheets, suffix: n === 1 ? "" : `_${n}` };
}

/** Excel compares sheet and defined names without case; a sheet-scoped "Sheet1!Name" counts as Name. */
const key = (name: string): string => name.slice(name.lastIndexOf("!") + 1).trim().toLowerCase();

/**
 * The first model number whose sheet names and defined names are all free,
 * so a second model never overwrites the first. One number serves every
 * sheet and one suffix every defined and table name of the model.
 */
export function resolveNaming(existingSheetNames: readonly string[], existingDefinedNames: readonly string[]): ModelNaming {
  const sheetsTaken = new Set(existingSheetNames.map((s) => s.trim().toLowerCase()));
  const namesTaken = new Set(existingDefinedNames.map(key));
  for (let n = 1; n <= MAX_MODELS; n++) {
    const naming = namingFor(n);
    const sheetsFree = PLAN_KEYS.every((k) => !sheetsTaken.has(naming.sheets[k].toLowerCase()));
    const namesFree = ALL_NAME_BASES.every((base) => !namesTaken.has(`${base}${naming.suffix}`.toLowerCase()));
    if (sheetsFree && namesFree) return naming;
  }
  throw new RangeError(`This workbook already holds ${MAX_MODELS} models; start a new workbook.`);
}
