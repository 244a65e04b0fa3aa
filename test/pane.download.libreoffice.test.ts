import type { Browser } from "playwright-core";
import { ARCHETYPES, FEE_BUCKETS, feeSplit, mechanicFit, templateOf, templateShares } from "../src";
import { splitNameBase } from "../src/plans";
import { launchChromium, serveDist } from "./helpers/browser";
import { badFormulaCells, formulaCount, named, namedValue, readSaved } from "./helpers/computed";
import { recalc } from "./helpers/libreoffice";

/**
 * The whole path a reviewer without Excel takes: the built pane opened in a
 * plain browser, "New model" clicked, the download opened and recalculated by
 * LibreOffice, and its figures compared with the core.
 */
let dist: Awaited<ReturnType<typeof serveDist>>;
let browser: Browser;

beforeAll(async () => {
  dist = await serveDist();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await dist?.close();
});

it("downloads a model from the preview that LibreOffice recalculates to the core's figures", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.route("**/*", (route) => (new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto(`${dist.base}/taskpane.html`);
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
  // New model starts from the archetype's template: the L1 shares at mature.
  const core = feeSplit(2500000.55, templateShares(templateOf("l1"), "mature"));
  const sheetCents = FEE_BUCKETS.map((b) => Math.round(Number(namedValue(wb, splitNameBase(b))) * 100));
  expect(sheetCents).toEqual(core.cents);
  expect(Math.round(Number(namedValue(wb, "SplitTotal")) * 100)).toBe(250000055);
  expect(namedValue(wb, "SplitCheck")).toBe("OK");
  expect(namedValue(wb, "ArchetypeName")).toBe(ARCHETYPES.find((a) => a.id === "l1")!.name);
  // The L1 template's starter mechanics, rated for L1 by the sheet's own formulas.
  const mechanics = named(wb, "MechanicChoices").map((r) => r[0]).filter((m) => m !== "");
  expect(mechanics).toEqual(templateOf("l1").mechanics.map((m) => m.mechanic));
  const scores = named(wb, "MechanicScores").slice(0, mechanics.length).map((r) => r[0]);
  expect(scores).toEqual(mechanics.map((m) => mechanicFit("l1", m).score));
  await context.close();
});
