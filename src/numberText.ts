import { invalidValue } from "./errors";

/**
 * Numbers typed as text, read one way only: comma thousands, a point for
 * decimals, an optional sign and currency sign, spaces around. Anything that
 * another convention could read differently ("1.000,50", "12 34", "1,00")
 * is refused with a message, so no digit is ever dropped or moved.
 * The CLI, the functions and the core all read text through here.
 */

/** Currency signs accepted in front of an amount. */
const CURRENCY = "$€£¥";
/** Longest echo of what was typed, so a huge argument is never repeated whole. */
export const ECHO_LIMIT = 40;

const SPACE = /^[\s\u00a0]+|[\s\u00a0]+$/g;
/** sign, currency, sign again (either order), then the number. */
const SHAPE = new RegExp(`^([+-]?)([${CURRENCY}]?)([+-]?)(.*)$`);
const PLAIN = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

/** What was typed, quoted and cut to a short prefix for messages (`limit` characters; file paths may take more). */
export const echo = (text: string, limit: number = ECHO_LIMIT): string =>
  JSON.stringify(text.length > limit ? `${text.slice(0, limit)}…` : text);

export const NUMBER_TEXT_HELP = "write it with comma thousands and a point for decimals, e.g. 1,234.56";

export interface NumberTextOptions {
  /** Accept a currency sign ($ € £ ¥) in front (amounts: yes; rates, positions, counts: no). */
  readonly currency?: boolean;
}

/**
 * The plain decimal string ("-1234.56", "1e6") a text means, or a reason it
 * is refused. Callers give it to Decimal or Number; nothing is read loosely.
 */
export function numberText(text: string, options: NumberTextOptions = {}): { readonly ok: string } | { readonly why: string } {
  const trimmed = text.replace(SPACE, "");
  if (trimmed === "") return { why: "it is blank" };
  const m = SHAPE.exec(trimmed)!;
  const [, sign1, currency, sign2, body] = m as unknown as [string, string, string, string, string];
  // The first sign is taken greedily, so a second one only ever follows a sign or a currency sign.
  if (sign1 !== "" && sign2 !== "") return { why: "it has two signs" };
  if (currency !== "" && !options.currency) return { why: "a currency sign does not belong here" };
  const sign = sign1 || sign2;
  if (PLAIN.test(body)) return { ok: `${sign}${body}` };
  if (GROUPED.test(body)) return { ok: `${sign}${body.replace(/,/g, "")}` };
  if (/\d[\s\u00a0'_]+\d/.test(body)) return { why: `spaces or marks between digits are ambiguous; ${NUMBER_TEXT_HELP}` };
  // Point groups ("1.000"), a short comma tail ("1,50"), or a point then a comma ("1.000,50", "1.5,2").
  if (/^\d{1,3}(\.\d{3})+$/.test(body) || /^\d+,\d{1,2}$/.test(body) || /\d\.\d+,\d/.test(body)) {
    return { why: `it reads as a point for thousands and a comma for decimals, which this does not guess at; ${NUMBER_TEXT_HELP}` };
  }
  if (/^[\d,.]+$/.test(body)) return { why: `its commas and points do not group thousands; ${NUMBER_TEXT_HELP}` };
  return { why: "it is not a number" };
}

/** Text to a finite number by the one convention, or an invalid-value error naming `what`. */
export function parseNumberText(text: string, what: string, options: NumberTextOptions = {}): string {
  const r = numberText(text, options);
  if ("why" in r) throw invalidValue(`The ${what} must be a number; got ${echo(text)}: ${r.why}.`);
  return r.ok;
}

/** Text to a JS number by the one convention (rates, positions, counts, seeds). */
export function textToNumber(text: string, what: string): number {
  const n = Number(parseNumberText(text, what));
  if (!Number.isFinite(n)) throw invalidValue(`The ${what} must be a finite number; got ${echo(text)}.`);
  return n + 0;
}
