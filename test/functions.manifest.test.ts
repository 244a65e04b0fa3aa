// manifest.xml: a shared-runtime Excel add-in whose every URL is something the
// build puts in dist/, with the icons it names. (The online schema check,
// `npm run validate`, needs the network; these checks do not.)
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";
import { DIST_DIR } from "./helpers/functionsHarness";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const xml = fs.readFileSync(MANIFEST, "utf8");
const ORIGIN = "https://localhost:3000/";

/** Width and height from a PNG's IHDR chunk, or null if the bytes are not a PNG. */
function pngSize(file: string): { width: number; height: number } | null {
  const data = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!data.subarray(0, 8).equals(signature) || data.toString("ascii", 12, 16) !== "IHDR") return null;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/**
 * The manifest as Office's own tooling reads it. Run in a child Node: the
 * package loads ES modules that Jest's CommonJS runtime cannot.
 */
function readManifestInfo(): Record<string, unknown> & { defaultSettings?: { sourceLocation?: string } } {
  const script = `require("office-addin-manifest").OfficeAddinManifest.readManifestFile(process.argv[1])
    .then((info) => process.stdout.write(JSON.stringify(info)), (e) => { console.error(e.message); process.exit(1); })`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script, MANIFEST], { cwd: ROOT, encoding: "utf8" }));
}

test("parses as an Excel task-pane add-in with a fresh id and document write access", () => {
  const info = readManifestInfo();
  expect(info.officeAppType).toBe("TaskPaneApp");
  expect(info.hosts).toEqual(["Workbook"]);
  expect(info.permissions).toBe("ReadWriteDocument");
  expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(info.defaultSettings?.sourceLocation).toBe(`${ORIGIN}taskpane.html`);
});

test("declares the shared runtime: one long-lived page that also hosts the functions", () => {
  expect(xml).toMatch(/<Set Name="SharedRuntime" MinVersion="1\.1"\/>/);
  // 1.2 brought CustomFunctions.Error, which every function returns for bad input.
  expect(xml).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1\.2"\/>/);
  expect(xml).toMatch(/<Runtime resid="Taskpane\.Url" lifetime="long"\/>/);
  expect(xml).toMatch(/<Page>\s*<SourceLocation resid="Taskpane\.Url"\/>\s*<\/Page>/);
  expect(xml).toMatch(/<FunctionFile resid="Taskpane\.Url"\/>/);
  expect(xml).toMatch(/<bt:String id="Functions\.Namespace" DefaultValue="TOKEN"\/>/);
  expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">/);
});

test("every resid names a resource, and every resource id is unique", () => {
  const ids = [...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  const used = new Set([...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]));
  for (const resid of used) expect(ids).toContain(resid);
});

test("every URL is on the dev server and names a file the build emits", () => {
  const urls = [...new Set([...xml.matchAll(/"(https:[^"]+)"/g)].map((m) => m[1]!))];
  expect(urls.length).toBeGreaterThan(5);
  for (const url of urls) {
    expect(url.startsWith(ORIGIN)).toBe(true);
    const file = path.join(DIST_DIR, url.slice(ORIGIN.length).split("#")[0]!);
    if (!fs.existsSync(file)) throw new Error(`${url} is not in dist/ (looked for ${path.relative(ROOT, file)})`);
  }
});

test.each([16, 32, 64, 80, 128])("assets/icon-%i.png is a real %i-pixel PNG", (size) => {
  expect(pngSize(path.join(ROOT, "assets", `icon-${size}.png`))).toEqual({ width: size, height: size });
});

test("the pane page loads functions.js before its own script, so it can host the functions", () => {
  const page = fs.readFileSync(path.join(DIST_DIR, "taskpane.html"), "utf8");
  const scripts = [...page.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/g)].map((m) => m[1]!);
  const functions = scripts.findIndex((s) => /(^|\/)functions\.js$/.test(s));
  const pane = scripts.findIndex((s) => /(^|\/)taskpane\.js$/.test(s));
  expect(functions).toBeGreaterThanOrEqual(0);
  expect(pane).toBeGreaterThan(functions);
});
