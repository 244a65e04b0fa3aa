import { FEE_BUCKETS, feeSplit, formatCents, type Bucket, type FeeConstraints, type FeeSplit } from "../../src";
import { expectPositionals, parseArgs, type OptionSpecs } from "../args";
import { formatTable, groupThousands, percent } from "../format";
import type { Io } from "../io";

/** --buyback-cap, --staker-cap, --discount-cap, --insurance-floor: one option per constrained bucket, from the bucket data. */
const LIMIT_OPTIONS = (FEE_BUCKETS as readonly Bucket[]).filter((b) => b.constraint !== "none").map((b) => ({
  option: `${b.id.replace(/s$/, "")}-${b.constraint}`,
  bucket: b.id,
  kind: b.constraint as "cap" | "floor",
  name: b.constraintName,
}));

export const FEESPLIT_HELP = `Usage: token-model feesplit <revenue> <stage> [options]

Splits one period's fee revenue across the buckets (${FEE_BUCKETS.map((b) => b.id).join(", ")}),
exact to the cent: the amounts always add up to the revenue.

Arguments:
  <revenue>   fee revenue for the period, e.g. 10000000 or 10,000,000.50
  <stage>     early, growth or mature (aliases such as launch or late work),
              or a life-cycle position from 0 (early) to 1 (mature)

Options:
${LIMIT_OPTIONS.map((o) => `  --${`${o.option} N`.padEnd(22)}${o.name}`).join("\n")}
  --json                  machine-readable output (amounts as strings and cents)
  -h, --help              show this help

Example:
  token-model feesplit 10000000 growth --buyback-cap 3000000`;

const SPECS: OptionSpecs = {
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
  expectPositionals(args, ["revenue", "stage"], 2, "feesplit");
  const [revenue, stage] = args.positionals as [string, string];
  const constraints: { caps: Record<string, string>; floors: Record<string, string> } = { caps: {}, floors: {} };
  for (const o of LIMIT_OPTIONS) {
    const value = args.options[o.option];
    if (typeof value === "string") (o.kind === "cap" ? constraints.caps : constraints.floors)[o.bucket] = value;
  }
  const split = feeSplit(revenue, stage, constraints as FeeConstraints);
  io.out(args.options.json ? JSON.stringify(splitJson(split), null, 2) : splitText(split));
  return 0;
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

function splitText(split: FeeSplit): string {
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
  return [
    `Fee split of ${money(split.revenueCents)} at ${split.shares.label}`,
    "",
    formatTable(["Bucket", "Share", "Amount", "Bound by"], rows, [1, 2]),
    ...(notes.length > 0 ? ["", ...notes.map((n) => `* ${n}`)] : []),
  ].join("\n");
}
