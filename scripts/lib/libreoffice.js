// Headless LibreOffice, shared by the tests (test/helpers/libreoffice.ts) and
// scripts/screenshots.js. Plain Node, no dependencies.
"use strict";
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { pathToFileURL } = require("url");

/**
 * A fresh profile per run (two LibreOffice processes must never share one),
 * seeded so every formula is recalculated when a file is loaded: by default
 * LibreOffice trusts the cached values it finds in an .xlsx (it ignores the
 * file's fullCalcOnLoad flag) and only computes cells that have none.
 * 0 = always recalculate, for OOXML and ODF files alike.
 */
const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** The soffice binary: $SOFFICE, else the first of soffice/libreoffice that runs; null if none. */
function findSoffice() {
  const candidates = [process.env.SOFFICE, "soffice", "libreoffice"].filter(Boolean);
  for (const bin of candidates) {
    const r = spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 60000 });
    if (r.status === 0 && /LibreOffice/i.test(r.stdout)) return { bin, version: r.stdout.trim() };
  }
  return null;
}

let queue = Promise.resolve();

/**
 * Converts files with one LibreOffice process into `outDir`; resolves to
 * { outputs, ms } with outputs in the order of `inputs` (their base names
 * must differ). `format` is one --convert-to argument, e.g.
 * "xlsx:Calc MS Excel 2007 XML" (no shell quoting) or "pdf".
 * Calls from one Node process run one at a time.
 */
function convert(inputs, outDir, format, { timeoutMs = 180000 } = {}) {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  const run = queue.then(() => convertNow(list, outDir, format, timeoutMs));
  queue = run.catch(() => undefined);
  return run;
}

function convertNow(inputs, outDir, format, timeoutMs) {
  const soffice = findSofficeCached();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed or not on PATH; set SOFFICE to its path.");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "lo-profile-"));
  fs.mkdirSync(path.join(profile, "user"), { recursive: true });
  fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
  fs.mkdirSync(outDir, { recursive: true });
  const ext = format.split(":")[0];
  const outputs = inputs.map((input) => path.join(outDir, `${path.parse(input).name}.${ext}`));
  if (new Set(outputs).size !== outputs.length) return Promise.reject(new Error("Files converted together need different names."));
  for (const [i, output] of outputs.entries()) {
    if (path.resolve(output) === path.resolve(inputs[i])) {
      return Promise.reject(new Error(`Converting ${inputs[i]} into its own folder would overwrite it; choose another outDir.`));
    }
    fs.rmSync(output, { force: true });
  }
  const args = [
    "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    "--convert-to", format, "--outdir", outDir, ...inputs,
  ];
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(soffice.bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d) => { log += d; });
    child.stderr.on("data", (d) => { log += d; });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => { clearTimeout(timer); reject(e); });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      fs.rmSync(profile, { recursive: true, force: true });
      const missing = inputs.filter((_, i) => !fs.existsSync(outputs[i]));
      if (code === 0 && missing.length === 0) {
        resolve({ outputs, ms: Date.now() - started });
      } else {
        reject(new Error(`LibreOffice could not convert ${missing.join(", ") || inputs.join(", ")} to ${format} (exit ${code}${signal ? `, ${signal}` : ""}):\n${log}`));
      }
    });
  });
}

let cached;
function findSofficeCached() {
  if (cached === undefined) cached = findSoffice();
  return cached;
}

module.exports = { convert, findSoffice: findSofficeCached, RECALC_ALWAYS };
