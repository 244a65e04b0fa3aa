import { FEE_BUCKETS, STAGES, STAGE_INDEX, feeSplit, findName, formatCents, nameKey, numberText, toCents, type Bucket, type FeeConstraints, type FeeSplit } from "../../src";
import { UsageError, expectPositionals, parseArgs, type OptionSpecs } from "../args";
import { formatTable, groupThousands, percent } from "../format";
import { InputError, type Io } from "../io";
import {
  RULE_AND_TOKEN_HELP, RULE_AND_TOKEN_SPECS, parseShareList, ruleCaps, ruleNotes, tighterCap, tokenJson, tokenLayer, tokenText,
} from "../splitOptions";

/** --buyback-cap, --staker-cap, --discount-cap, --insurance-floor: one option per constrained bucket, from the bucket data. */
const LIMIT_OPTIONS = (FEE_BUCKETS as readonly Bucket[]).filter((b) => b.constraint !== "none").map((b) => ({
  option: `${b.id.replace(/s$/, "")}-${b.constraint}`,
  bucket: b.id,
  kind: b.constraint as "cap" | "floor",
  name: b.constraintName,
}));

export const FEESPLIT_HELP = `Usage: token-model feesplit <revenue> <stage> [options]
       token-model feesplit <revenue> --shares "buyback=55,stakers=25,insurance=15,discount=5" [options]

Splits one period's fee revenue across the buckets (${FEE_BUCKETS.map((b) => b.id).join(", ")}),
exact to the cent: the amounts always add up to the revenue.

Arguments:
  <revenue>   fee revenue for the period, e.g. 10000000 or 10,000,000.50
  <stage>     early, growth or mature (aliases such as launch or late work),
              or a life-cycle position from 0 (early) to 1 (mature)

Options:
  --shares LIST           custom shares instead of a stage: NAME=SHARE pairs over
                          ${FEE_BUCKETS.map((b) => b.id).join(", ")} (percentages summing to 100;
                          a bucket left out gets 0). Other buckets: token-model split
${LIMIT_OPTIONS.map((o) => `  --${`${o.option} N`.padEnd(22)}${o.name}`).join("\n")}
  --json                  machine-readable output (amounts as strings and cents)
  -h, --help              show this help

${RULE_AND_TOKEN_HELP}
A typed cap and a rule's cap on the same bucket: the tighter one applies.

Examples:
  token-model feesplit 10000000 growth --buyback-cap 3000000
  token-model feesplit 10000000 growth --buyback-max-volume-share 5% --token-volume 60000000 \\
      --price 2 --supply 1000000000 --staked-value 450000000`;

const SPECS: OptionSpecs = {
  ...RULE_AND_TOKEN_SPECS,
  shares: { kind: "string" },
  json: { kind: "boolean" },
  help: { kind: "boolean", short: "h" },
  ...Object.fromEntries(LIMIT_OPTIONS.map((o) => [o.option, { kind: "string" as const }])),
};

export function feesplitCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, SPECS, "feesplit");
  if (args.options.help) {
    io.out(FEESPLIT_HELP);
    return 0;
  }
  const custom = typeof args.options.shares === "string" ? args.options.shares : undefined;
  expectPositionals(args, ["revenue", "stage"], custom === undefined ? 2 : 1, "feesplit");
  const [revenue, stageText] = args.positionals as [string, string | undefined];
  if (custom !== undefined && stageText !== undefined) throw new UsageError("Give a stage or --shares, not both.", "feesplit");
  const stage = custom === undefined ? checkedStage(stageText!) : standardShares(custom);
  const rules = ruleCaps(args.options, "feesplit");
  const constraints: { caps: Record<string, string | null>; floors: Record<string, string> } = { caps: {}, floors: {} };
  for (const o of LIMIT_OPTIONS) {
    const value = args.options[o.option];
    if (typeof value === "string") (o.kind === "cap" ? constraints.caps : constraints.floors)[o.bucket] = value;
  }
  const cents = (v: string): number => toCents(v, "cap");
  constraints.caps.buyback = tighterCap(constraints.caps.buyback ?? undefined, rules.buyback, cents);
  constraints.caps.stakers = tighterCap(constraints.caps.stakers ?? undefined, rules.stakers, cents);
  const split = feeSplit(revenue, stage, constraints as FeeConstraints);
  const token = tokenLayer(split, args.options, "feesplit");
  io.out(args.options.json
    ? JSON.stringify({ ...(splitJson(split) as object), ...(token ? { token: tokenJson(token) } : {}) }, null, 2)
    : [splitText(split, "Fee split", ruleNotes(rules, split.shares.buckets)), ...(token ? ["", tokenText(token)] : [])].join("\n"));
  return 0;
}

/** A stage the CLI takes (a name or a position); the message offers only what feesplit accepts. */
function checkedStage(text: string): string {
  const position = "ok" in numberText(text);
  if (!position && findName(STAGE_INDEX, text) === undefined) {
    throw new InputError(`Unknown stage "${text.trim().slice(0, 40)}". Use ${STAGES.map((st) => st.id).join(", ")}, a life-cycle position from 0 (early) to 1 (mature), or --shares "buyback=..,stakers=..,insurance=..,discount=..".`);
  }
  return text;
}

/** --shares over the four standard buckets, in their order; a bucket left out gets 0. */
function standardShares(list: string): number[] {
  const { names, shares } = parseShareList(list, "feesplit");
  const out = FEE_BUCKETS.map(() => 0);
  const seen = new Set<number>();
  names.forEach((name, i) => {
    const j = FEE_BUCKETS.findIndex((b) => nameKey(b.id) === nameKey(name));
    if (j < 0) {
      throw new UsageError(`feesplit's buckets are ${FEE_BUCKETS.map((b) => b.id).join(", ")}; "${name}" is not one. For other buckets use token-model split.`, "feesplit");
    }
    if (seen.has(j)) throw new UsageError(`--shares names ${FEE_BUCKETS[j]!.id} twice: give each bucket once.`, "feesplit");
    seen.add(j);
    out[j] = shares[i]!;
  });
  return out;
}

const limitOf = (split: FeeSplit, i: number): number | null => {
  const id = split.shares.buckets[i]!.id;
  const step = split.trace.find((s) => s.bucket === id && s.kind === split.bound[i]);
  return step === undefined ? null : step.kind === "cap" ? step.capCents : step.floorCents;
};

export function splitJson(split: FeeSplit): unknown {
  const total = split.cents.reduce((a, b) => a + b, 0);
  return {
    revenue: formatCents(split.revenueCents),
    revenueCents: split.revenueCents,
    stage: split.shares.label,
    buckets: split.shares.buckets.map((b, i) => {
      const limit = limitOf(split, i);
      return {
        id: b.id,
        name: b.name,
        share: split.shares.shares[i]!.toString(),
        amount: formatCents(split.cents[i]!),
        cents: split.cents[i]!,
        bound: split.bound[i] ?? null,
        limit: limit === null ? null : formatCents(limit),
        limitCents: limit,
      };
    }),
    total: formatCents(total),
    totalCents: total,
    trace: split.trace,
  };
}

export function splitText(split: FeeSplit, title: string, extraNotes: readonly string[] = []): string {
  const total = split.cents.reduce((a, b) => a + b, 0);
  const money = (cents: number): string => groupThousands(formatCents(cents));
  const rows = split.shares.buckets.map((b, i) => {
    const limit = limitOf(split, i);
    return [b.name, percent(split.shares.shares[i]!), money(split.cents[i]!), limit === null ? "" : `${split.bound[i]} ${money(limit)}`];
  });
  rows.push(["Total", "100%", money(total), ""]);
  const notes = split.trace.map((step) =>
    step.kind === "cap"
      ? `${step.bucket} capped at ${money(step.capCents)}: ${money(step.excessCents)} moved to ${step.to.map((t) => `${t.bucket} ${money(t.cents)}`).join(", ")}`
      : `${step.bucket} raised to its floor of ${money(step.floorCents)}: ${money(step.movedCents)} taken from ${step.from.map((t) => `${t.bucket} ${money(t.cents)}`).join(", ")}${step.shortfall ? " (revenue could not fund the whole floor)" : ""}`,
  );
  const all = [...extraNotes, ...notes];
  return [
    `${title} of ${money(split.revenueCents)} at ${split.shares.label}`,
    "",
    formatTable(["Bucket", "Share", "Amount", "Bound by"], rows, [1, 2]),
    ...(all.length > 0 ? ["", ...all.map((n) => `* ${n}`)] : []),
  ].join("\n");
}
