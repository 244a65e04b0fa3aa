import { bucketIndex, bucketSplit, resolveBuckets, toCents } from "../../src";
import { UsageError, expectPositionals, parseArgs, type OptionSpecs } from "../args";
import type { Io } from "../io";
import {
  RULE_AND_TOKEN_HELP, RULE_AND_TOKEN_SPECS, parseNamedAmounts, parseShareList, ruleCaps, ruleNotes, tighterCap, tokenJson, tokenLayer, tokenText,
} from "../splitOptions";
import { splitJson, splitText } from "./feesplit";

export const SPLIT_HELP = `Usage: token-model split <revenue> --shares LIST [options]

Splits one period's revenue over buckets you name (1 to 12: LPs, a treasury,
a vault...), exact to the cent, by the same rule as feesplit: floors first,
then caps, then cents by largest remainder. The amounts always add up.

Arguments:
  <revenue>              revenue for the period, e.g. 1000000 or 1,000,000.50

Options:
  --shares LIST          NAME=SHARE pairs, e.g. "buyback=25,stakers=40,vault=25,treasury=10"
                         (percentages summing to 100, or fractions summing to 1)
  --cap NAME=N           the most bucket NAME may take in the period (repeat for more)
  --floor NAME=N         the least bucket NAME must get in the period (repeat for more)
  --excess-to NAME       the bucket that receives what the caps cut off, instead of
                         sharing it pro rata among the buckets not at a cap
  --json                 machine-readable output (amounts as strings and cents)
  -h, --help             show this help

${RULE_AND_TOKEN_HELP}
The rules apply to the buckets named buyback and stakers; a typed --cap on the
same bucket and a rule: the tighter one applies.

Examples:
  token-model split 1000000 --shares "buyback=25,stakers=40,vault=25,treasury=10"
  token-model split 1000000 --shares "stakers=27,lps=63,treasury=10" --cap stakers=200000 --excess-to treasury`;

const SPECS: OptionSpecs = {
  ...RULE_AND_TOKEN_SPECS,
  shares: { kind: "string" },
  cap: { kind: "list" },
  floor: { kind: "list" },
  "excess-to": { kind: "string" },
  json: { kind: "boolean" },
  help: { kind: "boolean", short: "h" },
};

export function splitCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, SPECS, "split");
  if (args.options.help) {
    io.out(SPLIT_HELP);
    return 0;
  }
  expectPositionals(args, ["revenue"], 1, "split");
  if (typeof args.options.shares !== "string") throw new UsageError('Missing --shares, e.g. --shares "buyback=25,stakers=40,vault=25,treasury=10".', "split");
  const { names, shares } = parseShareList(args.options.shares, "split");
  const buckets = resolveBuckets(names);
  const n = buckets.length;
  const limits = (option: "cap" | "floor"): (string | null)[] => {
    const row: (string | null)[] = new Array(n).fill(null);
    for (const { name, amount } of parseNamedAmounts(args.options, option, "split")) {
      const i = bucketIndex(buckets, name);
      if (i < 0) throw new UsageError(`--${option} names "${name}", which is not in --shares (${names.join(", ")}).`, "split");
      if (row[i] !== null) throw new UsageError(`--${option} names ${name} twice: give one ${option} per bucket.`, "split");
      row[i] = amount;
    }
    return row;
  };
  const caps = limits("cap");
  const floors = limits("floor");
  const rules = ruleCaps(args.options, "split");
  for (const [id, cents] of [["buyback", rules.buyback], ["stakers", rules.stakers]] as const) {
    if (cents === null) continue;
    const i = bucketIndex(buckets, id);
    if (i < 0) throw new UsageError(`The ${id === "buyback" ? "--buyback-max-volume-share" : "--staker-max-apr"} rule needs a bucket named ${id} in --shares.`, "split");
    caps[i] = tighterCap(caps[i] ?? undefined, cents, (v) => toCents(v, `${id} cap`));
  }
  const excess = typeof args.options["excess-to"] === "string" ? args.options["excess-to"] : null;
  if (excess !== null && bucketIndex(buckets, excess) < 0) {
    throw new UsageError(`--excess-to names "${excess}", which is not in --shares (${names.join(", ")}): use one of those.`, "split");
  }
  const split = bucketSplit(args.positionals[0], { buckets: names, shares, caps, floors, excessTo: excess });
  const token = tokenLayer(split, args.options, "split");
  io.out(args.options.json
    ? JSON.stringify({ ...(splitJson(split) as object), excessTo: excess === null ? null : buckets[bucketIndex(buckets, excess)]!.id, ...(token ? { token: tokenJson(token) } : {}) }, null, 2)
    : [splitText(split, "Split", ruleNotes(rules, split.shares.buckets)), ...(token ? ["", tokenText(token)] : [])].join("\n"));
  return 0;
}

