import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import { existsSync, readFileSync } from "fs";
import { extname, join, normalize, resolve } from "path";
import { chromium, type Browser } from "playwright-core";
import { ARCHETYPES, FEE_BUCKETS, feeSplit, mechanicFit } from "../src";
import { splitNameBase } from "../src/plans";
import { badFormulaCells, formulaCount, named, namedValue, readSaved } from "./helpers/computed";
import { recalc } from "./helpers/libreoffice";

/**
 * The whole path a reviewer without Excel takes: the built pane opened in a
 * plain browser, "New model" clicked, the download opened and recalculated by
 * LibreOffice, and its figures compared with the core.
 */
const DIST = resolve(__dirname, "..", "dist");
let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!existsSync(join(DIST, "taskpane.html"))) throw new Error("dist/taskpane.html is missing: run `npm run build` (npm test does it first).");
  server = createServer((req, res) => {
    const file = join(DIST, normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^([/\\])+/, ""));
    if (!file.startsWith(DIST) || !existsSync(file)) return void res.writeHead(404).end();
    const type = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" }[extname(file)] ?? "application/octet-stream";
    res.writeHead(200, { "Content-Type": type }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
});

it("downloads a model from the preview that LibreOffice recalculates to the core's figures", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.route("**/*", (route) => (new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto(`${base}/taskpane.html`);
  await page.waitForFunction(() => document.getElementById("host-note")?.textContent?.includes("outside Excel"));
  await page.selectOption("#archetype", "l1");
  await page.selectOption("#stage", "mature");
  await page.fill("#revenue", "2,500,000.55");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#build-all")]);
  const file = await download.path();
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

  const wb = readSaved(await recalc(file!));
  expect(formulaCount(wb)).toBeGreaterThan(300);
  expect(badFormulaCells(wb)).toEqual([]);
  const core = feeSplit(2500000.55, "mature");
  const sheetCents = FEE_BUCKETS.map((b) => Math.round(Number(namedValue(wb, splitNameBase(b))) * 100));
  expect(sheetCents).toEqual(core.cents);
  expect(Math.round(Number(namedValue(wb, "SplitTotal")) * 100)).toBe(250000055);
  expect(namedValue(wb, "SplitCheck")).toBe("OK");
  expect(namedValue(wb, "ArchetypeName")).toBe(ARCHETYPES.find((a) => a.id === "l1")!.name);
  // The default mechanic set, rated for L1 by the sheet's own formulas.
  const mechanics = named(wb, "MechanicChoices").map((r) => r[0]).filter((m) => m !== "");
  const scores = named(wb, "MechanicScores").slice(0, mechanics.length).map((r) => r[0]);
  expect(scores).toEqual(mechanics.map((m) => mechanicFit("l1", m).score));
  await context.close();
});
