import { invalidValue } from "./errors";
import { echo } from "./numberText";

/** Case- and punctuation-insensitive key: "Exchange / Marketplace" -> "exchangemarketplace". */
export const nameKey = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, "");

export interface Named<Id extends string> {
  readonly id: Id;
  readonly name: string;
  readonly aliases: readonly string[];
}

/** A lookup from every id, display name and alias (by nameKey) to the id. */
export interface NameIndex<Id extends string> {
  readonly what: string;
  readonly items: readonly Named<Id>[];
  readonly byKey: ReadonlyMap<string, Id>;
}

export function indexNames<Id extends string>(what: string, items: readonly Named<Id>[]): NameIndex<Id> {
  const byKey = new Map<string, Id>();
  for (const item of items) {
    for (const text of [item.id, item.name, ...item.aliases]) {
      const key = nameKey(text);
      const existing = byKey.get(key);
      if (existing !== undefined && existing !== item.id) {
        throw new Error(`${what} alias "${text}" names both ${existing} and ${item.id}`);
      }
      byKey.set(key, item.id);
    }
  }
  return { what, items, byKey };
}

/** The valid ids, for error messages and dropdowns. */
export const validIds = <Id extends string>(index: NameIndex<Id>): string => index.items.map((i) => i.id).join(", ");

const article = (word: string): string => (/^[aeiou]/i.test(word) ? "an" : "a");

export function findName<Id extends string>(index: NameIndex<Id>, text: string): Id | undefined {
  return index.byKey.get(nameKey(text));
}

/**
 * What is wrong with a value that names nothing in the index (no throw, so a
 * range of unknown names costs a string each, not an exception each).
 */
export function unknownNameMessage<Id extends string>(index: NameIndex<Id>, text: unknown): string {
  if (typeof text !== "string" || text.trim() === "") return `Give ${article(index.what)} ${index.what} name: one of ${validIds(index)}.`;
  return `Unknown ${index.what} ${echo(text.trim())}. Use one of ${validIds(index)}.`;
}

/** Resolves a name or throws an invalid-value error listing the valid ids. */
export function resolveName<Id extends string>(index: NameIndex<Id>, text: unknown): Id {
  const id = typeof text === "string" ? findName(index, text) : undefined;
  if (id === undefined) throw invalidValue(unknownNameMessage(index, text));
  return id;
}
