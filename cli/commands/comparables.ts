import { COMPARABLE_BUCKETS, COMPARABLES, COMPARABLES_AS_OF, nearestPeers, resolveShares, STAGES, type ComparableBucket } from "../../src";
import { expectPositionals, parseArgs } from "../args";
import { formatTable } from "../format";
import type { Io } from "../io";

export const COMPARABLES_HELP = `Usage: token-model comparables [options]

Published fee splits of ${COMPARABLES.length} public protocols, mapped onto the model's buckets
plus "other" (liquidity providers, treasury, operators), each with its
archetype, source, the date the figures were gathered and a confidence
(verified, secondary, proposal). They are figures as published as of
${COMPARABLES_AS_OF}, not live data. Your design's nearest peers by share distance
(the share of the fee line that would have to move) come first.

Options:
  --stage S    the design to compare: ${STAGES.map((s) => s.id).join(", ")} or a life-cycle
               position from 0 to 1 (default growth)
  --json       machine-readable output
  -h, --help   show this help

Example:
  token-model comparables --stage early`;

const pct = (n: number): string => `${Math.round(n * 1000) / 10}%`;

export function comparablesCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, { stage: { kind: "string" }, json: { kind: "boolean" }, help: { kind: "boolean", short: "h" } }, "comparables");
  if (args.options.help) {
    io.out(COMPARABLES_HELP);
    return 0;
  }
  expectPositionals(args, [], 0, "comparables");
  const set = resolveShares(typeof args.options.stage === "string" ? args.options.stage : "growth");
  const design: Partial<Record<ComparableBucket, number>> = Object.fromEntries(set.buckets.map((b, i) => [b.id, set.shares[i]!.toNumber()]));
  const peers = nearestPeers(design);
  if (args.options.json) {
    io.out(JSON.stringify({
      asOf: COMPARABLES_AS_OF,
      note: "Published figures as of the date given, mapped onto the model's buckets; not live data.",
      design: { stage: set.label, shares: Object.fromEntries(COMPARABLE_BUCKETS.map((k) => [k, design[k] ?? 0])) },
      comparables: peers.map((p) => ({ ...p.comparable, distance: Math.round(p.distance * 1e6) / 1e6 })),
    }, null, 2));
    return 0;
  }
  const headers = ["Protocol", "Archetype", ...COMPARABLE_BUCKETS.map((k) => k.charAt(0).toUpperCase() + k.slice(1)), "Distance", "Confidence", "Source"];
  const designRow = [`Your design (${set.label})`, "", ...COMPARABLE_BUCKETS.map((k) => pct(design[k] ?? 0)), "", "", ""];
  const rows = peers.map((p) => [
    p.comparable.protocol, p.comparable.archetype, ...COMPARABLE_BUCKETS.map((k) => `${p.comparable.shares[k]}%`), pct(p.distance), p.comparable.confidence, p.comparable.source,
  ]);
  const numeric = COMPARABLE_BUCKETS.map((_, i) => i + 2).concat([COMPARABLE_BUCKETS.length + 2]);
  io.out([
    `Published fee splits as of ${COMPARABLES_AS_OF} (not live data), nearest to your design first.`,
    `Distance: the share of the fee line that would have to move to turn your split into theirs.`,
    "",
    formatTable(headers, [designRow, ...rows], numeric),
    "",
    `Nearest peers: ${peers.slice(0, 3).map((p) => `${p.comparable.protocol} (${pct(p.distance)})`).join(", ")}.`,
  ].join("\n"));
  return 0;
}
