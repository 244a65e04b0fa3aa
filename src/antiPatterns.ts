import { ARCHETYPE_INDEX, type ArchetypeId } from "./archetypes";
import { invalidValue } from "./errors";
import { MECHANIC_INDEX, mechanicById, type MechanicId } from "./mechanics";
import { resolveName } from "./names";

export const ANTI_PATTERN_IDS = ["forced-utility", "governance-only", "copy-paste-ve", "discount-only", "decoration"] as const;
export type AntiPatternId = (typeof ANTI_PATTERN_IDS)[number];

export interface AntiPattern {
  readonly id: AntiPatternId;
  readonly name: string;
  readonly description: string;
}

export const ANTI_PATTERNS = [
  { id: "forced-utility", name: "Forced utility", description: "A gate that makes users hold the token without touching a real flow: it taxes users instead of capturing value." },
  { id: "governance-only", name: "Governance only", description: "Voting is all the token does; turnout fades and nothing but speculation holds the price." },
  { id: "copy-paste-ve", name: "Copy-paste ve-lock", description: "Vote-escrow borrowed from DeFi primitives: supply gets locked while product metrics stay flat." },
  { id: "discount-only", name: "Discount as the whole thesis", description: "A fee discount and nothing else: a plain fiat rebate would cost less." },
  { id: "decoration", name: "Decoration", description: "A mechanic that names no product-core flow it acts on." },
] as const satisfies readonly AntiPattern[];

export interface AntiPatternFinding {
  readonly id: AntiPatternId;
  readonly name: string;
  readonly mechanics: readonly MechanicId[];
  readonly reason: string;
}

const isBound = (flow: unknown): boolean => flow !== null && flow !== undefined && String(flow).trim() !== "";

/**
 * Anti-patterns visible from the mechanic set and the flow each one binds.
 * `boundFlows[i]` is the product-core flow mechanics[i] touches; blank means none.
 */
export function findAntiPatterns(archetype: unknown, mechanics: readonly unknown[], boundFlows: readonly unknown[] = []): AntiPatternFinding[] {
  const arch: ArchetypeId = resolveName(ARCHETYPE_INDEX, archetype);
  if (boundFlows.length > mechanics.length) {
    throw invalidValue(`There are ${boundFlows.length} flows for ${mechanics.length} mechanics; give one flow per mechanic (blank for none).`);
  }
  const chosen = mechanics
    .map((m, i) => ({ m, flow: boundFlows[i] }))
    .filter(({ m }) => isBound(m))
    .map(({ m, flow }) => ({ id: resolveName(MECHANIC_INDEX, m), bound: isBound(flow) }));
  const ids = [...new Set(chosen.map((c) => c.id))];
  // A mechanic listed twice counts as bound if any listing names a flow.
  const bound = (id: MechanicId): boolean => chosen.some((c) => c.id === id && c.bound);
  const found: AntiPatternFinding[] = [];
  const add = (id: AntiPatternId, mechs: readonly MechanicId[], reason: string): void => {
    found.push({ id, name: ANTI_PATTERNS.find((a) => a.id === id)!.name, mechanics: mechs, reason });
  };

  for (const id of ids.filter((m) => mechanicById(m).gate && !bound(m))) {
    add("forced-utility", [id], `${mechanicById(id).name} gates the product but names no flow it serves.`);
  }
  if (ids.length === 1 && ids[0] === "governance") {
    add("governance-only", ["governance"], "Governance is the only mechanic: the token has nothing to do but vote.");
  }
  if (ids.includes("ve-lock") && arch !== "defi") {
    add("copy-paste-ve", ["ve-lock"], `Vote-escrow directs emissions in DeFi primitives; on ${ARCHETYPE_INDEX.items.find((a) => a.id === arch)!.name} it locks supply without moving the product.`);
  }
  if (ids.length === 1 && ids[0] === "discount") {
    add("discount-only", ["discount"], "The discount is the only mechanic: a fiat rebate would do the same for less.");
  }
  for (const id of ids.filter((m) => !bound(m))) {
    add("decoration", [id], `${mechanicById(id).name} names no product-core flow.`);
  }
  return found;
}
