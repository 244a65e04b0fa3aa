// Puts the stress-test bench (bench/stress.js, which also runs on its own:
// `node bench/stress.js`) into run.js's list of figures.
"use strict";
const stress = require("./stress");

function run() {
  const f = stress.run({ quiet: true });
  const target = { op: "<", value: f.targetMs };
  return [
    { label: "exact engine, first run", value: f.firstMs, unit: "ms", target },
    { label: "exact engine, median", value: f.ms, unit: "ms", target, note: `from ${f.source}` },
    { label: "float baseline, median", value: f.baselineMs, unit: "ms" },
    { label: "exact vs float baseline", value: f.ratio, unit: "x slower" },
    { label: "splits on the Decimal path", value: f.slowSplits, unit: "",
      note: `caps binding in some month: ${f.capBindsAnyMonth}; fund below its minimum in some month: ${(f.fundBelowMinAnyMonth * 100).toFixed(1)}% of paths; at its target (overflow to buyback): ${(f.fundAtTargetAnyMonth * 100).toFixed(1)}%` },
  ];
}

module.exports = { name: "stress: Monte Carlo 10,000 paths x 36 months, buyback <= 5% of volume and stakers <= 12% APR moving with revenue, fund target", run };
