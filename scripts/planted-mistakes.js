#!/usr/bin/env node
// Plants realistic Office.js mistakes in the pane's code, one at a time, runs
// the pane's Node tests against the strict Excel simulator, and reports which
// test caught each (README "Planted mistakes"). Every mistake type-checks.
// Restores each file afterwards. Usage: node scripts/planted-mistakes.js [--only N]
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const TESTS = ["test/taskpane.strict.test.ts", "test/taskpane.writer.test.ts", "test/taskpane.host.test.ts"];

/** [file, text to find (exactly once), replacement, what the mistake is]. */
const MISTAKES = [
  ["taskpane/liveChecklist.ts", 'getRange(location.rows).load("values")', "getRange(location.rows)", "checklist values read without load()"],
  ["taskpane/buildSheets.ts", 'wb.names.load("items/name,items/type,items/value")', 'wb.names.load("items/name")', "names loaded without type and value"],
  ["taskpane/buildSheets.ts", '${support.formatting ? ",items/protection/protected" : ""}', "", "sheet protection read without loading it"],
  ["taskpane/excelWriter.ts", 'conditionalFormats.add("Custom")', 'conditionalFormats.add("CellValue")', "conditionalFormats.add with the wrong type"],
  ["taskpane/excelWriter.ts", "rangeAddress(parseRange(t.range))}`, true)", "rangeAddress(parseRange(t.range))}`, false)", "tables.add(range, false): data shifts a row"],
  ["taskpane/support.ts", 'conditionalFormats: "1.6"', 'conditionalFormats: "1.4"', "wrong requirement-set version (conditional formats at 1.4)"],
  ["taskpane/support.ts", 'spills: "1.12"', 'spills: "1.9"', "wrong requirement-set version (spills at 1.9)"],
  ["taskpane/makeShareable.ts", "[run.map((c) => c.value)]", "[run.map((c) => c.formula)]", "Make shareable writes the formula text instead of the value"],
  ["taskpane/makeShareable.ts", "typeof value === \"string\" && value !== \"\" && type !== \"Error\" ? `'${value}` : value", "value", "Make shareable writes text that Excel re-parses (no apostrophe)"],
  ["taskpane/makeShareable.ts", 'getUsedRangeOrNullObject().load("address")', "getUsedRangeOrNullObject()", "used range address read without load()"],
  ["taskpane/makeShareable.ts", "readCells: 20_000", "readCells: 20_000_000", "Make shareable reads the whole workbook in one request (over 5 MB)"],
  ["taskpane/makeShareable.ts", "const spills: Excel.Range[][] | undefined = support.spills ? [] : undefined;", "const spills: Excel.Range[][] | undefined = [];", "spill ranges read without checking ExcelApi 1.12"],
  ["taskpane/buildSheets.ts", "if (support.suspendScreenUpdating) context.workbook.application", "context.workbook.application", "suspendScreenUpdating without checking ExcelApi 1.9"],
  ["taskpane/excelWriter.ts", "if (support.events) freeze(sheet, rows, columns);\n      else skipped.freeze += 1;", "freeze(sheet, rows, columns);", "frozen panes without checking ExcelApi 1.7"],
  ["taskpane/excelWriter.ts", 'operator: "GreaterThanOrEqualTo" }', 'operator: "AtLeast" as Excel.DataValidationOperator }', "data validation with an operator Excel does not have"],
  ["taskpane/excelWriter.ts", 'if (v.prompt) dv.prompt = { showPrompt: true, title: "", message: v.prompt };', 'if (v.prompt) dv.prompt = { showPrompt: true, title: `Input for ${v.range}: pick one of the listed values`, message: v.prompt };', "data-validation prompt title over Excel's 32 characters"],
  ["taskpane/liveChecklist.ts", "await read(options.events);", "await read(true);", "onChanged registered without checking ExcelApi 1.7"],
  ["taskpane/buildSheets.ts", "Excel.run({ delayForCellEdit: true }, batch)", "Excel.run(batch)", "Excel.run without delayForCellEdit"],
  ["taskpane/buildSheets.ts", "if (basis && mode === \"update\") checkRunBasis(", "if (basis && mode === \"create\") checkRunBasis(", "no re-check of the Stress Test inputs after the run (stale snapshot)"],
  ["taskpane/buildSheets.ts", "if (range.isNullObject || onlyPlanCells(plan, range.address, range.formulas)) removedSheets.push(plan.name);\n      else keptSheets.push(plan.name);", "removedSheets.push(plan.name);", "rollback deletes a same-named sheet someone else added"],
  ["taskpane/host.ts", "const info = await Office.onReady();", "const info = await Promise.race([Office.onReady(), new Promise<{ host: null }>((r) => setTimeout(() => r({ host: null }), 2000))]);", "a fixed 2 s cut on Office.onReady"],
];

const only = process.argv.includes("--only") ? Number(process.argv[process.argv.indexOf("--only") + 1]) : undefined;
const rows = [];
MISTAKES.forEach(([file, find, replace, what], i) => {
  if (only !== undefined && only !== i + 1) return;
  const full = path.join(ROOT, file);
  const original = fs.readFileSync(full, "utf8");
  const count = original.split(find).length - 1;
  if (count !== 1) throw new Error(`#${i + 1} ${what}: "${find}" occurs ${count} times in ${file}`);
  fs.writeFileSync(full, original.replace(find, replace));
  let caughtBy = [];
  let typeError = "";
  try {
    try {
      execFileSync("npx", ["tsc", "--noEmit", "-p", "tsconfig.stryker.json"], { cwd: ROOT, stdio: "pipe" });
    } catch (e) {
      typeError = String(e.stdout).split("\n")[0];
    }
    try {
      execFileSync("npx", ["jest", ...TESTS, "--json", "--outputFile=/tmp/planted.json"], { cwd: ROOT, stdio: "pipe" });
    } catch {
      /* failures are read from the JSON */
    }
    const report = JSON.parse(fs.readFileSync("/tmp/planted.json", "utf8"));
    caughtBy = report.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === "failed").map((a) => `${path.basename(f.name)}: ${a.title}`));
  } finally {
    fs.writeFileSync(full, original);
  }
  rows.push({ n: i + 1, what, file, typeChecks: !typeError, caught: caughtBy.length, first: caughtBy[0] ?? "" });
  console.log(`#${i + 1} ${caughtBy.length > 0 ? "CAUGHT" : "MISSED"} ${what}${typeError ? ` (type error: ${typeError})` : ""}\n    ${caughtBy.length} failing tests; first: ${caughtBy[0] ?? "-"}`);
});
const caught = rows.filter((r) => r.caught > 0).length;
console.log(`\n${caught} of ${rows.length} planted mistakes caught.`);
console.log("\n| # | planted mistake | type-checks | failing tests | first test that fails |\n|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.n} | ${r.what} (\`${r.file}\`) | ${r.typeChecks ? "yes" : "no"} | ${r.caught} | ${r.first.replace(/\|/g, "\\|")} |`);
process.exitCode = caught === rows.length ? 0 : 1;
