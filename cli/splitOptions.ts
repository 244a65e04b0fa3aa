import {
  buybackCapFromVolume, formatCents, stakerCapFromApr, tokenFlow, type Bucket, type FeeSplit, type TokenFlow,
} from "../src";
import { UsageError, listValues, type OptionSpecs } from "./args";
import { formatTable, groupThousands } from "./format";

/** Options feesplit and split share: the article's caps as rules, and the token layer. */
export const RULE_AND_TOKEN_SPECS: OptionSpecs = {
  "buyback-max-volume-share": { kind: "string" },
  "token-volume": { kind: "string" },
  "staker-max-apr": { kind: "string" },
  "staked-value": { kind: "string" },
  price: { kind: "string" },
  supply: { kind: "string" },
};

export const RULE_AND_TOKEN_HELP = `Caps as rules (each becomes a cap for the period, rounded down to the cent):
  --buyback-max-volume-share X   the buyback buys at most X of the token's volume
                                 (5% or 0.05); needs --token-volume
  --staker-max-apr X             stakers earn at most X a year on the staked value
                                 (8% or 0.08); needs --staked-value
  --token-volume N               value of the token traded in the period
  --staked-value N               value of the tokens staked

Token layer (printed when --price is given; needs --supply, --staked-value, --token-volume):
  --price N                      price of one token
  --supply N                     circulating supply, in tokens`;

type Options = Readonly<Record<string, string | boolean>>;
const text = (options: Options, name: string): string | undefined => (typeof options[name] === "string" ? (options[name] as string) : undefined);

/** "buyback=25,stakers=40" -> names and shares (numbers as typed; the core checks them). */
export function parseShareList(value: string, command: string): { names: string[]; shares: number[] } {
  const names: string[] = [];
  const shares: number[] = [];
  for (const part of value.split(",")) {
    const m = /^\s*([^=]+?)\s*=\s*([+-]?(\d+\.?\d*|\.\d+))\s*%?\s*$/.exec(part);
    if (!m) throw new UsageError(`--shares takes NAME=SHARE pairs separated by commas, e.g. "buyback=25,stakers=40,vault=25,treasury=10"; "${part.trim().slice(0, 40)}" is not one.`, command);
    names.push(m[1]!);
    shares.push(Number(m[2]));
  }
  return { names, shares };
}

/** --cap NAME=N / --floor NAME=N, each may be given more than once. */
export function parseNamedAmounts(options: Options, option: string, command: string): { name: string; amount: string }[] {
  return listValues(options[option]).map((entry) => {
    const at = entry.indexOf("=");
    if (at <= 0 || entry.slice(at + 1).trim() === "") {
      throw new UsageError(`--${option} takes NAME=AMOUNT, e.g. --${option} buyback=100000; got "${entry.slice(0, 40)}".`, command);
    }
    return { name: entry.slice(0, at).trim(), amount: entry.slice(at + 1).trim() };
  });
}

/** The rule caps in cents by bucket id (buyback, stakers), checked for their companion options. */
export function ruleCaps(options: Options, command: string): { buyback: number | null; stakers: number | null } {
  const share = text(options, "buyback-max-volume-share");
  const apr = text(options, "staker-max-apr");
  if (share !== undefined && text(options, "token-volume") === undefined) {
    throw new UsageError("--buyback-max-volume-share needs --token-volume N (the value of the token traded in the period).", command);
  }
  if (apr !== undefined && text(options, "staked-value") === undefined) {
    throw new UsageError("--staker-max-apr needs --staked-value N (the value of the tokens staked).", command);
  }
  return {
    buyback: share === undefined ? null : buybackCapFromVolume(text(options, "token-volume"), share),
    stakers: apr === undefined ? null : stakerCapFromApr(text(options, "staked-value"), apr),
  };
}

/** The tighter of a typed cap and a rule's cap, as an amount string for the core (null: neither). */
export function tighterCap(typed: string | undefined, ruleCents: number | null, toCents: (v: string) => number): string | null {
  if (ruleCents === null) return typed ?? null;
  if (typed === undefined) return formatCents(ruleCents);
  return toCents(typed) <= ruleCents ? typed : formatCents(ruleCents);
}

/** The token layer for a split, when --price is given. */
export function tokenLayer(split: FeeSplit, options: Options, command: string): TokenFlow | null {
  if (text(options, "price") === undefined) return null;
  const missing = ["supply", "staked-value", "token-volume"].filter((o) => text(options, o) === undefined);
  if (missing.length > 0) throw new UsageError(`--price needs ${missing.map((o) => `--${o} N`).join(", ")} for the token layer.`, command);
  return tokenFlow(split.cents, split.shares.buckets, {
    price: text(options, "price"), circulatingSupply: text(options, "supply"), stakedValue: text(options, "staked-value"), tokenVolume: text(options, "token-volume"),
  }, {
    buybackMaxVolumeShare: text(options, "buyback-max-volume-share"), stakerMaxApr: text(options, "staker-max-apr"),
  });
}

const pct = (x: number): string => `${Number((x * 100).toPrecision(6))}%`;
const tokens = (x: number): string => groupThousands(x.toFixed(2));

export function tokenText(f: TokenFlow): string {
  const money = (c: number | null): string => (c === null ? "not set" : groupThousands(formatCents(c)));
  return [
    "Token layer (this period)",
    "",
    formatTable(["Measure", "Value"], [
      ["Tokens bought back", tokens(f.tokensBoughtBack)],
      ["Circulating supply retired per year", pct(f.supplyRetiredPerYear)],
      ["Staker APR", pct(f.stakerApr)],
      ["Buyback share of token volume", pct(f.buybackShareOfVolume)],
      ["Buyback cap from the volume rule", money(f.buybackCapCents)],
      ["Staker cap from the APR rule", money(f.stakerCapCents)],
      ["Cap the rules imply", f.capImplied],
    ], [1]),
  ].join("\n");
}

export const tokenJson = (f: TokenFlow): unknown => ({
  ...f,
  buybackCap: f.buybackCapCents === null ? null : formatCents(f.buybackCapCents),
  stakerCap: f.stakerCapCents === null ? null : formatCents(f.stakerCapCents),
});

/** Notes on which rule set a cap, for the text output. */
export function ruleNotes(rules: { buyback: number | null; stakers: number | null }, buckets: readonly Bucket[]): string[] {
  const notes: string[] = [];
  if (rules.buyback !== null && buckets.some((b) => b.id === "buyback")) notes.push(`buyback cap from the volume rule: ${groupThousands(formatCents(rules.buyback))}`);
  if (rules.stakers !== null && buckets.some((b) => b.id === "stakers")) notes.push(`staker cap from the APR rule: ${groupThousands(formatCents(rules.stakers))}`);
  return notes;
}
