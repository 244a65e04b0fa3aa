import { FEE_BUCKETS, PERIODS_PER_YEAR, type Bucket } from "../index";
import { splitNameBase } from "./definedNames";
import { column, MONEY, PlanDraft, STYLES } from "./draft";
import { cellAt } from "./refs";
import type { TokenInputs } from "./types";

/**
 * Example token inputs for a new model (not from the article: type your
 * token's own). At the seed's $10M growth month they give stakers 8% a year
 * and a buyback of 0.67% of the token's volume.
 */
export const TOKEN_DEFAULTS: TokenInputs = Object.freeze({
  price: 2,
  circulatingSupply: 1_000_000_000,
  stakedValue: 450_000_000,
  tokenVolume: 600_000_000,
  buybackMaxVolumeShare: 0.05,
  stakerMaxApr: 0.1,
});

/** The defined-name bases the token layer adds (a second model gets them with its suffix). */
export const TOKEN_NAME_BASES = [
  "TokenPrice", "TokenSupply", "TokenStaked", "TokenVolume", "TokenBuybackRule", "TokenStakerRule",
  "TokensBoughtBack", "TokenSupplyRetired", "TokenStakerApr", "TokenVolumeShare", "TokenBuybackCap", "TokenStakerCap", "TokenCapImplied",
] as const;

const bucket = (id: string): Bucket => (FEE_BUCKETS as readonly Bucket[]).find((b) => b.id === id)!;
const TOKEN_PERCENT = "0.00%";
const TOKENS = "#,##0.00";

/** Rows of the token layer, for other sheets and tests. */
export interface TokenLayerLayout {
  readonly inputs: Readonly<Record<keyof TokenInputs, string>>;
  readonly outputs: Readonly<Record<"tokens" | "retired" | "apr" | "volumeShare" | "buybackCap" | "stakerCap" | "capImplied", string>>;
  readonly lastRow: number;
}

/**
 * The token layer beside the split, by native formulas over the Fee Split
 * amounts: tokens bought back, supply retired per year, staker APR, buyback
 * share of volume, the caps the two rules give and which of them the split
 * goes past. Each formula says what to type instead of showing #DIV/0!.
 * The rule caps are rounded down to the cent (as the core's capRules):
 * exact for rule shares given to 4 decimals and amounts up to about
 * $1 billion; above that a spreadsheet's 15 digits can cost a cent.
 */
export function addTokenLayer(d: PlanDraft, top: number, token: TokenInputs): TokenLayerLayout {
  d.label(cellAt(1, top), [["Token layer: what the split means for the token (example inputs: type your token's)"]], STYLES.section);
  d.label(cellAt(1, top + 1), [["Token input", "Value", ""]], STYLES.header);
  const first = top + 2;
  const keys = ["price", "circulatingSupply", "stakedValue", "tokenVolume", "buybackMaxVolumeShare", "stakerMaxApr"] as const;
  const labels = ["Token price", "Circulating supply (tokens)", "Staked value", "Token volume per month", "Rule: buyback at most this share of volume", "Rule: staker APR at most"];
  const notes = ["", "tokens", "value of the tokens staked", "value of the token traded in a month", "blank: no rule", "blank: no rule"];
  const formats = [MONEY, TOKENS, MONEY, MONEY, TOKEN_PERCENT, TOKEN_PERCENT];
  d.label(cellAt(1, first), column(labels));
  d.input(cellAt(2, first), keys.map((k) => [token[k]]), formats.map((f) => [f]));
  notes.forEach((n, i) => {
    if (n) d.label(cellAt(3, first + i), [[n]]);
  });
  const inputs = Object.fromEntries(keys.map((k, i) => [k, cellAt(2, first + i, true)])) as Record<keyof TokenInputs, string>;
  keys.forEach((k, i) => d.define(TOKEN_NAME_BASES[i]!, inputs[k].replace(/\$/g, "")));
  d.validate({ range: `${cellAt(2, first)}:${cellAt(2, first + 3)}`, decimal: { min: 0 }, prompt: "0 or more.", error: "Give a number of 0 or more." });
  d.validate({ range: `${cellAt(2, first + 4)}:${cellAt(2, first + 5)}`, decimal: { min: 0, max: 1 }, prompt: "A share from 0% to 100%; blank: no rule.", error: "Give a share from 0% to 100%, or leave it blank." });

  const bb = d.name(splitNameBase(bucket("buyback")));
  const st = d.name(splitNameBase(bucket("stakers")));
  const { price, circulatingSupply: supply, stakedValue: staked, tokenVolume: volume, buybackMaxVolumeShare: share, stakerMaxApr: apr } = inputs;
  const Y = PERIODS_PER_YEAR;
  const outTop = first + keys.length + 1;
  const at = (i: number): string => cellAt(2, outTop + 1 + i, true);
  const positive = (cell: string, fix: string, then: string): string => `IF(OR(NOT(ISNUMBER(${cell})),${cell}<=0),"${fix}",${then})`;
  const ratio = (amount: string, base: string, fix: string): string =>
    `IF(OR(NOT(ISNUMBER(${base})),${base}<0),"${fix}",IF(${amount}=0,0,IF(${base}=0,"${fix}",${amount}/${base})))`;
  // A rule as a cap, rounded down to the cent; blank: not set.
  const ruleCap = (rule: string, base: string, divisor: string, fix: string): string =>
    `IF(NOT(ISNUMBER(${rule})),"not set",IF(OR(${rule}<0,${rule}>1),"give a share from 0% to 100%",IF(OR(NOT(ISNUMBER(${base})),${base}<0),"${fix}",ROUNDDOWN(ROUND(${rule}*${base}*100${divisor},6),0)/100)))`;
  const rows: [string, string, string][] = [
    ["Tokens bought back per month", `=${positive(price, "give a token price above 0", `${bb}/${price}`)}`, TOKENS],
    ["Share of circulating supply retired per year", `=IF(ISNUMBER(${at(0)}),${positive(supply, "give a circulating supply above 0", `${at(0)}*${Y}/${supply}`)},"")`, TOKEN_PERCENT],
    ["Staker APR", `=${ratio(`${st}*${Y}`, staked, "give the staked value")}`, TOKEN_PERCENT],
    ["Buyback share of token volume", `=${ratio(bb, volume, "give the token volume")}`, TOKEN_PERCENT],
    ["Buyback cap the volume rule gives", `=${ruleCap(share, volume, "", "give the token volume")}`, MONEY],
    ["Staker cap the APR rule gives", `=${ruleCap(apr, staked, `/${Y}`, "give the staked value")}`, MONEY],
    ["Cap the rules imply", `=IF(AND(ISNUMBER(${at(4)}),${bb}>${at(4)}),IF(AND(ISNUMBER(${at(5)}),${st}>${at(5)}),"buyback and stakers","buyback"),IF(AND(ISNUMBER(${at(5)}),${st}>${at(5)}),"stakers","none"))`, "General"],
  ];
  d.label(cellAt(1, outTop), [["Token output", "Value", ""]], STYLES.header);
  d.label(cellAt(1, outTop + 1), column(rows.map((r) => r[0])));
  d.computed(cellAt(2, outTop + 1), rows.map((r) => [r[1]]), rows.map((r) => [r[2]]), STYLES.result);
  d.label(cellAt(3, outTop + 5), [["applied to the Fee Split's Buyback when its Use the token rules' caps says yes"]]);
  d.label(cellAt(3, outTop + 6), [["applied to the Fee Split's Stakers when its Use the token rules' caps says yes"]]);
  rows.forEach((_, i) => d.define(TOKEN_NAME_BASES[keys.length + i]!, at(i).replace(/\$/g, "")));
  const o = (i: number): string => at(i);
  return {
    inputs,
    outputs: { tokens: o(0), retired: o(1), apr: o(2), volumeShare: o(3), buybackCap: o(4), stakerCap: o(5), capImplied: o(6) },
    lastRow: outTop + rows.length,
  };
}
