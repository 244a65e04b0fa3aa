#!/usr/bin/env node
// Prints the per-file table of a Stryker JSON report (default reports/mutation/mutation.json)
// as Markdown: mutants, killed, survived, timeout, no coverage, score, and the totals per area.
"use strict";
const fs = require("fs");
const file = process.argv[2] || "reports/mutation/mutation.json";
const report = JSON.parse(fs.readFileSync(file, "utf8"));
const rows = [];
const areas = new Map();
for (const [name, data] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const n = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  for (const m of data.mutants) n[m.status] = (n[m.status] || 0) + 1;
  const valid = n.Killed + n.Timeout + n.Survived + n.NoCoverage;
  if (valid === 0 && n.CompileError === 0) continue;
  const score = valid ? (100 * (n.Killed + n.Timeout)) / valid : 100;
  rows.push(`| \`${name}\` | ${valid} | ${n.Killed} | ${n.Survived} | ${n.Timeout} | ${n.NoCoverage} | ${score.toFixed(1)}% | ${n.CompileError} |`);
  const area = name.startsWith("functions/") ? "functions/" : name.startsWith("taskpane/") ? "taskpane/" : "src/ (core)";
  const a = areas.get(area) || { valid: 0, caught: 0 };
  a.valid += valid;
  a.caught += n.Killed + n.Timeout;
  areas.set(area, a);
}
console.log("| file | mutants | killed | survived | timeout | no coverage | score | rejected by the type checker |");
console.log("|---|---|---|---|---|---|---|---|");
console.log(rows.join("\n"));
console.log("");
for (const [area, a] of areas) console.log(`- ${area}: ${a.caught} of ${a.valid} caught, ${((100 * a.caught) / a.valid).toFixed(1)}%`);
