#!/usr/bin/env node
// npm run screenshots: one PNG per sheet of the model, as LibreOffice prints it.
// Builds the model with the CLI into a temporary folder, makes one copy per
// sheet with only that sheet visible (hidden ones included), converts the
// copies to PDF with headless LibreOffice in one run (the writer's page setup
// decides the page), then renders each first page with pdftoppm into
// docs/images/sheet-<name>.png. Extra arguments go to "token-model new".
// Needs: npm run build, LibreOffice (soffice) and poppler-utils (pdftoppm, pdfinfo).
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const JSZip = require("jszip");
const { convert } = require("./lib/libreoffice");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "docs", "images");
const RESOLUTION = process.env.SCREENSHOT_DPI || "80";

const slug = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

function run(bin, args, options = {}) {
  try {
    return execFileSync(bin, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });
  } catch (e) {
    if (e.code === "ENOENT") throw new Error(`${bin} is not installed (apt-get install ${bin.startsWith("pdf") ? "poppler-utils" : bin}).`);
    throw new Error(`${bin} ${args.join(" ")} failed:\n${e.stderr || e.message}`);
  }
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "token-model-shots-"));
  const model = path.join(work, "model.xlsx");
  process.stdout.write(run(process.execPath, [path.join(ROOT, "bin", "token-model.js"), "new", model, ...process.argv.slice(2)]));

  // One copy per sheet with only that sheet visible (hidden sheets do not print,
  // and their formulas still compute), so each PDF holds one sheet's pages.
  // The copies differ only in xl/workbook.xml (sheet states, active tab), edited
  // in the zip: rewriting the file with exceljs would drop the chart parts.
  const source = await JSZip.loadAsync(fs.readFileSync(model));
  const workbookXml = await source.file("xl/workbook.xml").async("string");
  const sheetTags = [...workbookXml.matchAll(/<sheet\b[^>]*\/>/g)].map((m) => m[0]);
  const sheets = sheetTags.map((tag) => /\bname="([^"]*)"/.exec(tag)[1].replace(/&amp;/g, "&").replace(/&apos;/g, "'").replace(/&quot;/g, '"'));
  const copies = [];
  for (const [i, name] of sheets.entries()) {
    let xml = workbookXml;
    sheetTags.forEach((tag, j) => {
      const state = j === i ? "visible" : "hidden";
      xml = xml.replace(tag, /\bstate="[^"]*"/.test(tag) ? tag.replace(/\bstate="[^"]*"/, `state="${state}"`) : tag.replace("<sheet ", `<sheet state="${state}" `));
    });
    xml = xml.replace(/\bfirstSheet="\d+"/, `firstSheet="${i}"`).replace(/\bactiveTab="\d+"/, `activeTab="${i}"`);
    // LibreOffice prints a hidden sheet that has a print area: keep only this sheet's.
    xml = xml.replace(/<definedName name="_xlnm\.Print_Area" localSheetId="(\d+)"[^>]*>[^<]*<\/definedName>/g, (m, id) => (Number(id) === i ? m : ""));
    const zip = await JSZip.loadAsync(fs.readFileSync(model));
    zip.file("xl/workbook.xml", xml);
    const copy = path.join(work, `sheet-${slug(name)}.xlsx`);
    fs.writeFileSync(copy, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    copies.push({ name, copy });
  }

  const { outputs, ms } = await convert(copies.map((c) => c.copy), path.join(work, "pdf"), "pdf");
  fs.mkdirSync(OUT, { recursive: true });
  for (const old of fs.readdirSync(OUT).filter((f) => /^sheet-.*\.png$/.test(f))) fs.rmSync(path.join(OUT, old));
  copies.forEach(({ name }, i) => {
    const pdf = outputs[i];
    const pages = Number(/^Pages:\s+(\d+)/m.exec(run("pdfinfo", [pdf]))?.[1]);
    const target = path.join(OUT, `sheet-${slug(name)}`);
    // The first printed page: the whole sheet when it fits one page readably (src/export/pageSetup.ts).
    run("pdftoppm", ["-png", "-r", RESOLUTION, "-f", "1", "-l", "1", "-singlefile", pdf, target]);
    process.stdout.write(`${path.relative(ROOT, target)}.png  (${name}: ${pages} printed page${pages === 1 ? "" : "s"})\n`);
  });
  process.stdout.write(`${sheets.length} sheets rendered (LibreOffice ${ms} ms).\n`);
  fs.rmSync(work, { recursive: true, force: true });

  // The pane as a browser preview, captured by its Chromium test.
  const pane = path.join(OUT, "pane-preview.png");
  const jest = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), "test/taskpane.browser.test.ts", "-t", "looks right"], {
    cwd: ROOT, env: { ...process.env, PANE_SCREENSHOT: pane }, encoding: "utf8",
  });
  if (jest.status !== 0) throw new Error(`the pane screenshot test failed:\n${jest.stderr}`);
  process.stdout.write(`${path.relative(ROOT, pane)}  (the task pane, browser preview)\n`);
}

main().catch((e) => {
  process.stderr.write(`screenshots: ${e.message}\n`);
  process.exitCode = 1;
});
