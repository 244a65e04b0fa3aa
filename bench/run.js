#!/usr/bin/env node
// Runs the benchmarks: every bench/*.bench.js module, in name order, in one
// process. Plain Node on the built dist/ (run `npm run build` first).
//
// A bench module exports { name, run } where run() returns (or resolves to)
// a list of figures:
//   { label, value, unit, target?: { op: ">=" | "<=" | ">" | "<", value }, note? }
// A figure with a target prints PASS or MISS. To add a bench, add a file.
//
// Usage: npm run bench [-- <name filter>...] [-- --strict]
//   --strict  exit with code 1 when any target is missed (off by default:
//             timings on a busy machine should not fail a build by surprise).
"use strict";
const fs = require("fs");
const path = require("path");

const args = process.argv.slice(2);
const strict = args.includes("--strict");
const filters = args.filter((a) => !a.startsWith("--"));

const format = (n) =>
  Math.abs(n) >= 100 ? Math.round(n).toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 2 });

function verdict(figure) {
  const { target, value } = figure;
  if (!target) return "";
  const ok = { ">=": value >= target.value, "<=": value <= target.value, ">": value > target.value, "<": value < target.value }[target.op];
  if (ok === undefined) throw new Error(`Unknown target operator ${target.op}`);
  return ok ? "PASS" : "MISS";
}

async function main() {
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith(".bench.js")).sort();
  const benches = files.map((f) => require(path.join(__dirname, f)));
  const chosen = benches.filter((b) => filters.length === 0 || filters.some((f) => b.name.toLowerCase().includes(f.toLowerCase())));
  if (chosen.length === 0) {
    console.error(`No bench matches ${filters.join(", ")}. Benches: ${benches.map((b) => b.name).join(", ")}`);
    process.exit(2);
  }
  console.log(`node ${process.version} on ${process.platform}/${process.arch}`);
  let missed = 0;
  for (const bench of chosen) {
    console.log(`\n${bench.name}`);
    const figures = await bench.run();
    const width = Math.max(...figures.map((f) => f.label.length));
    for (const figure of figures) {
      const result = verdict(figure);
      if (result === "MISS") missed++;
      const target = figure.target ? `target ${figure.target.op} ${format(figure.target.value)}` : "";
      const line = [figure.label.padEnd(width), `${format(figure.value)} ${figure.unit}`.padStart(22), target.padEnd(22), result];
      console.log(`  ${line.join("  ").trimEnd()}`);
      if (figure.note) console.log(`  ${" ".repeat(width)}  ${figure.note}`);
    }
  }
  console.log(missed === 0 ? "\nAll targets met." : `\n${missed} target(s) missed.`);
  if (strict && missed > 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
