// Any shares cost the same: FEESPLIT and STRESS with 1/3 shares (and shares
// computed as =A1/SUM(A1:D1)) beside the "growth" stage, and MECHFIT on
// unknown names beside known ones. Each pair is timed in alternation in the
// same run (bench/timing.js) and printed as a ratio; the goal is 1.5x.
"use strict";
const path = require("path");
const { loadFunctions } = require("../test/helpers/excelRuntime");
const { mulberry32, timePair } = require("./timing");

const DIST = path.join(__dirname, "..", "dist");
const REVENUES = 100_000;
const THIRDS = [[1 / 3, 1 / 3, 1 / 3, 0]];
const COMPUTED = [[3 / 34, 7 / 34, 11 / 34, 13 / 34]];
const GOAL = { op: "<=", value: 1.5 };
const NAMES = 1000;

function run() {
  const { functions } = loadFunctions(DIST);
  const random = mulberry32(20251202);
  const column = Array.from({ length: REVENUES }, () => [Math.round(random() * 1e9) / 100]);
  // Caps and a floor that bind on most rows: the constrained rule for every row.
  const feesplit = (stage) => () => functions.FEESPLIT(column, stage, 1_000_000, 800_000, 500_000);
  const thirds = timePair(feesplit(THIRDS), feesplit([["growth"]]));
  const computed = timePair(feesplit(COMPUTED), feesplit([["growth"]]));

  // STRESS at its month limit (120), 2,000 paths per call, with caps and a floor.
  const stress = (stage) => () => functions.STRESS(10_000_000, 0.01, 0.2, 120, stage, 2000, 7, 4_000_000, 3_000_000, 500_000);
  const stressThirds = timePair(stress(THIRDS), stress([["growth"]]), 5, 1);

  const unknown = [Array.from({ length: NAMES }, (_, i) => `no such mechanic ${i}`)];
  const known = [Array.from({ length: NAMES }, (_, i) => ["buyback", "gas", "ve-lock", "governance"][i % 4])];
  const archetypes = Array.from({ length: NAMES }, (_, i) => [["exchange", "l1", "defi", "media"][i % 4]]);
  const names = timePair(() => functions.MECHFIT(archetypes, unknown, null), () => functions.MECHFIT(archetypes, known, null), 5, 1);

  return [
    { label: `FEESPLIT, ${REVENUES.toLocaleString("en-US")} capped rows, 1/3 shares vs growth`, value: thirds.ratio, unit: "x", target: GOAL,
      note: `${(REVENUES / thirds.a).toLocaleString("en-US", { maximumFractionDigits: 0 })} vs ${(REVENUES / thirds.b).toLocaleString("en-US", { maximumFractionDigits: 0 })} splits/s` },
    { label: "FEESPLIT, same rows, shares =A1/SUM(A1:D1) vs growth", value: computed.ratio, unit: "x", target: GOAL },
    { label: "STRESS, 2,000 paths x 120 months, 1/3 shares vs growth", value: stressThirds.ratio, unit: "x", target: GOAL,
      note: `${(stressThirds.a * 1000).toFixed(0)} ms vs ${(stressThirds.b * 1000).toFixed(0)} ms per call` },
    { label: `MECHFIT, ${NAMES}x${NAMES} unknown vs known names`, value: names.ratio, unit: "x", target: GOAL,
      note: `${(names.a * 1000).toFixed(0)} ms vs ${(names.b * 1000).toFixed(0)} ms per call` },
  ];
}

module.exports = { name: "any shares, any names: cost beside growth and known names", run };
