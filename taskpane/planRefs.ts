import type { PlanKey, SheetPlan } from "../src/plans/types";

/**
 * Which other sheets a plan's formulas read, so building one sheet also
 * builds the sheets it needs when they are missing (a Fee Split alone would
 * otherwise show #REF! and #NAME?). Pure: plans in, plans out.
 */

const fold = (s: string): string => s.toLowerCase();

/** Sheet names ("'Fee Split'!A1", "Layers!B2") and bare identifiers (defined names) a formula mentions. */
export function formulaRefs(text: string): { readonly sheets: string[]; readonly identifiers: string[] } {
  const sheets: string[] = [];
  const identifiers: string[] = [];
  // A leading "=" needs no stripping: it is neither a quote nor a word character, and it does not glue to the word after it.
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      // A string literal: skipped to its next quote. An escaped quote ("") then opens a new
      // literal right away, which skips the same text, so it needs no case of its own.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += 1;
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      while (j < text.length && !(text[j] === "'" && text[j + 1] !== "'")) j += text[j] === "'" ? 2 : 1;
      if (text[j + 1] === "!") sheets.push(text.slice(i + 1, j).replace(/''/g, "'"));
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_\\][A-Za-z0-9_.\\]*/.exec(text.slice(i));
    if (word && (i === 0 || !/[A-Za-z0-9_.$]/.test(text[i - 1]!))) {
      const after = text[i + word[0].length];
      if (after === "!") sheets.push(word[0]);
      else if (after !== "(") identifiers.push(word[0]);
      i += word[0].length;
      continue;
    }
    i += 1;
  }
  return { sheets, identifiers };
}

/** Every formula a plan holds: cells, list sources, conditional formats. */
export function planFormulas(plan: SheetPlan): string[] {
  const out: string[] = [];
  for (const block of plan.blocks) {
    for (const row of block.cells) for (const v of row) if (typeof v === "string" && v.startsWith("=")) out.push(v);
  }
  for (const v of plan.validations) if (v.list?.source) out.push(v.list.source);
  for (const cf of plan.conditionalFormats) out.push(cf.formula);
  return out;
}

/** Keys of the other plans this plan reads from (by sheet name or by a defined name they own). */
export function dependenciesOf(plan: SheetPlan, all: readonly SheetPlan[]): PlanKey[] {
  const sheets = new Set<string>();
  const identifiers = new Set<string>();
  for (const f of planFormulas(plan)) {
    const refs = formulaRefs(f);
    refs.sheets.forEach((s) => sheets.add(fold(s)));
    refs.identifiers.forEach((s) => identifiers.add(fold(s)));
  }
  // Names read only when present (IFERROR-guarded) do not pull their sheet in.
  for (const n of plan.optionalNames ?? []) identifiers.delete(fold(n));
  return all
    .filter((other) => other.key !== plan.key)
    .filter((other) => sheets.has(fold(other.name)) || other.names.some((n) => identifiers.has(fold(n.name))))
    .map((other) => other.key);
}

export interface Selection {
  /** In the order of `all` (the model's sheet order). */
  readonly plans: readonly SheetPlan[];
  /** Plans added because a chosen sheet reads from them and their sheet is missing. */
  readonly dependencies: readonly SheetPlan[];
}

/**
 * The chosen plans plus, transitively, every plan they read from whose sheet
 * does not exist yet. Existing sheets are never pulled in: they already hold
 * what the formulas read.
 */
export function selectPlans(all: readonly SheetPlan[], keys: readonly PlanKey[] | "all", existingSheets: readonly string[]): Selection {
  if (keys === "all") return { plans: all, dependencies: [] };
  const unknown = keys.filter((k) => !all.some((p) => p.key === k));
  if (unknown.length > 0) throw new Error(`No sheet plan for ${unknown.join(", ")}.`);
  const existing = new Set(existingSheets.map(fold));
  const chosen = new Set<PlanKey>(keys);
  const wanted = new Set<PlanKey>(keys);
  const queue = [...keys];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    const plan = all.find((p) => p.key === key)!;
    for (const dep of dependenciesOf(plan, all)) {
      const depPlan = all.find((p) => p.key === dep)!;
      if (!wanted.has(dep) && !existing.has(fold(depPlan.name))) {
        wanted.add(dep);
        queue.push(dep);
      }
    }
  }
  const plans = all.filter((p) => wanted.has(p.key));
  return { plans, dependencies: plans.filter((p) => !chosen.has(p.key)) };
}
