import { COMPARABLE_BUCKETS, COMPARABLES, COMPARABLES_AS_OF, FEE_BUCKETS } from "../index";
import { PERCENT, PlanDraft, STYLES } from "./draft";
import { cellAt, columnLetter, rangeAt } from "./refs";
import type { ModelInputs, ModelNaming, PlanValue, SheetPlan } from "./types";

const HEAD = 5;
const DESIGN = HEAD + 1;
const FIRST = DESIGN + 1;
const LAST = FIRST + COMPARABLES.length - 1;
const B = COMPARABLE_BUCKETS.length;

/** Columns (1-based): protocol, archetype, one share per bucket, total, distance, rank, confidence, as of, source, note; then the folded sort key. */
const COL = (() => {
  const share = 3;
  const total = share + B;
  return { protocol: 1, archetype: 2, share, total, distance: total + 1, rank: total + 2, confidence: total + 3, asOf: total + 4, source: total + 5, note: total + 6, key: total + 8 };
})();
const PEERS = LAST + 2;
const PEER_COUNT = 3;
const CHART_TOP = PEERS + PEER_COUNT + 3;

/** Cells tests and other sheets read. */
export const COMPARABLES_LAYOUT = {
  designRow: DESIGN,
  firstRow: FIRST,
  lastRow: LAST,
  columns: COL,
  /** Nearest peers, one per row: protocol then distance. */
  peers: Array.from({ length: PEER_COUNT }, (_, k) => ({ protocol: cellAt(1, PEERS + 1 + k), distance: cellAt(3, PEERS + 1 + k) })),
} as const;

/**
 * Published fee splits of public protocols beside the user's own design
 * (its stage's shares of the standard buckets in the Fee Split bucket table), with the share distance
 * to each (half the sum of absolute share differences: the share of the fee
 * line that would have to move), the nearest peers, and a stacked bar of
 * every split. Figures as published as of a date, labelled so.
 */
export function buildComparablesPlan(_inputs: ModelInputs, naming: ModelNaming): SheetPlan {
  const d = new PlanDraft("comparables", naming);
  d.label("A1", [["Comparables: your split beside published ones"]], STYLES.title);
  d.label("A2", [[`Published fee splits as gathered on ${COMPARABLES_AS_OF}, mapped onto the model's buckets plus Other (liquidity providers, treasury, operators).`]], STYLES.intro);
  d.label("A3", [["Figures as published as of that date, not live data: check the source before relying on one. Confidence: verified (the protocol's own docs), secondary (reported by others), proposal (not in force)."]], STYLES.intro);

  const share = (k: number): number => COL.share + k;
  const bucketName = (id: string): string => FEE_BUCKETS.find((b) => b.id === id)?.name ?? "Other";
  d.label(cellAt(1, HEAD), [[
    "Protocol", "Archetype", ...COMPARABLE_BUCKETS.map(bucketName), "Total", "Distance", "Rank", "Confidence", "As of", "Source (as cited)", "What the buckets hold",
  ]], STYLES.header);

  // Your design: the chosen stage's shares of the standard buckets (FeeShares, read from the Fee Split bucket table by name); nothing goes to Other.
  const stageRow = `MATCH(${d.name("FeeStage")},${d.name("StageList")},0)`;
  d.label(cellAt(1, DESIGN), [["Your design (Fee Split, chosen stage)"]], STYLES.result);
  d.computed(cellAt(2, DESIGN), [[`=${d.name("FeeStage")}`]], undefined, STYLES.result);
  d.computed(cellAt(COL.share, DESIGN), [[
    ...COMPARABLE_BUCKETS.map((id, k) => (k < FEE_BUCKETS.length ? `=IFERROR(INDEX(${d.name("FeeShares")},${stageRow},${k + 1}),0)` : "=0")),
    `=SUM(${rangeAt(share(0), DESIGN, share(B - 1), DESIGN)})`,
  ]], PERCENT, STYLES.result);

  const design = rangeAt(share(0), DESIGN, share(B - 1), DESIGN, true);
  const keys = rangeAt(COL.key, FIRST, COL.key, LAST, true);
  d.label(cellAt(1, FIRST), COMPARABLES.map((c) => [c.protocol, c.archetype]));
  d.block(cellAt(COL.share, FIRST), "label", COMPARABLES.map((c) => COMPARABLE_BUCKETS.map((k) => c.shares[k] / 100)), { numberFormat: PERCENT });
  d.computed(cellAt(COL.total, FIRST), COMPARABLES.map((_, i) => {
    const r = FIRST + i;
    const shares = rangeAt(share(0), r, share(B - 1), r);
    return [`=SUM(${shares})`, `=SUMPRODUCT(ABS(${shares}-${design}))/2`, `=1+SUMPRODUCT(--(${keys}<${cellAt(COL.key, r)}))`];
  }), COMPARABLES.map(() => [PERCENT, PERCENT, "0"]));
  d.label(cellAt(COL.confidence, FIRST), COMPARABLES.map((c) => [c.confidence, c.asOf]));
  d.label(cellAt(COL.source, FIRST), COMPARABLES.map((c) => [c.source, c.note]), { wrap: true });
  // Sort key: the distance, ties broken by list order, so every rank and peer is distinct (the core sorts the same way).
  d.label(cellAt(COL.key, HEAD), [["Sort key"]], STYLES.header);
  d.computed(cellAt(COL.key, FIRST), COMPARABLES.map((_, i) => [`=ROUND(${cellAt(COL.distance, FIRST + i)},9)+${i + 1}/1000000000000`]), "0.000000", STYLES.working);
  d.group("columns", COL.note + 1, COL.key);

  // Nearest peers.
  d.label(cellAt(1, PEERS), [["Nearest peers", "Archetype", "Distance"]], STYLES.header);
  const protocols = rangeAt(COL.protocol, FIRST, COL.protocol, LAST, true);
  const archetypes = rangeAt(COL.archetype, FIRST, COL.archetype, LAST, true);
  const distances = rangeAt(COL.distance, FIRST, COL.distance, LAST, true);
  const ranks = rangeAt(COL.rank, FIRST, COL.rank, LAST, true);
  d.computed(cellAt(1, PEERS + 1), Array.from({ length: PEER_COUNT }, (_, k): PlanValue[] => {
    const at = `MATCH(${k + 1},${ranks},0)`;
    return [`=INDEX(${protocols},${at})`, `=INDEX(${archetypes},${at})`, `=INDEX(${distances},${at})`];
  }), Array.from({ length: PEER_COUNT }, () => ["General", "General", PERCENT]), STYLES.result);
  d.label(cellAt(1, PEERS + PEER_COUNT + 1), [["Distance: the share of the fee line that would have to move to turn your split into theirs (0% the same, 100% nothing in common)."]], STYLES.intro);

  d.chart({
    name: `ComparablesChart${naming.suffix}`, kind: "barStacked", title: "Fee splits: your design and published protocols",
    dataRange: rangeAt(share(0), HEAD, share(B - 1), LAST), categories: rangeAt(COL.protocol, DESIGN, COL.protocol, LAST), seriesBy: "columns",
    valueAxis: { min: 0, max: 1, format: "0%" }, anchor: cellAt(1, CHART_TOP), widthCells: 8, heightCells: 24,
  });
  d.freezeAt(DESIGN, 1);
  d.width("A", 38);
  d.width("B", 12);
  for (let k = 0; k < B; k++) d.width(columnLetter(share(k)), 10);
  d.width(columnLetter(COL.total), 8);
  d.width(columnLetter(COL.distance), 9);
  d.width(columnLetter(COL.rank), 6);
  d.width(columnLetter(COL.confidence), 11);
  d.width(columnLetter(COL.asOf), 11);
  d.width(columnLetter(COL.source), 40);
  d.width(columnLetter(COL.note), 60);
  d.width(columnLetter(COL.key), 14);
  return d.build();
}
