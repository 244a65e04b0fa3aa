import { mkdirSync, mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import type { Browser, Page } from "playwright-core";
import { CHECKLIST } from "../src";
import { buildModelPlan, defaultNaming, DEFAULT_INPUTS } from "../src/plans";
import { launchChromium, serveDist } from "./helpers/browser";
import { readXlsx } from "./helpers/workbook";
import type { FakeExcel } from "./helpers/fakeExcel";
import { checklistLocation } from "../taskpane/liveChecklist";
import webpack from "webpack";

/**
 * The built pane (dist/taskpane.html) in headless Chromium with no Office
 * host: no network, so office.js cannot load and the pane must run as a
 * browser preview. `npm test` builds dist/ first.
 */

// The README's picture is refreshed by `npm run screenshots` (PANE_SCREENSHOT names the file); a plain test run leaves the repository alone.
const SCREENSHOT = process.env.PANE_SCREENSHOT ?? join(mkdtempSync(join(tmpdir(), "pane-")), "pane-preview.png");
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const SHEETS = buildModelPlan(DEFAULT_INPUTS, defaultNaming()).length;

let dist: Awaited<ReturnType<typeof serveDist>>;
let base: string;
let browser: Browser;
let page: Page;
const offsite: string[] = [];
const violations: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  dist = await serveDist();
  base = dist.base;
  browser = await launchChromium();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 360, height: 1400 } });
  // Nothing leaves the machine: every request to another host is recorded and refused.
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "blob:" || url.protocol === "data:") return route.continue();
    offsite.push(route.request().url());
    return route.abort();
  });
  page = await context.newPage();
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`${base}/taskpane.html`);
  await page.waitForFunction(() => document.getElementById("host-note")?.textContent?.includes("outside Excel"));
});

afterAll(async () => {
  if (page) violations.push(...(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])));
  await browser?.close();
  await dist?.close();
});

const focused = (): Promise<string> => page.evaluate(() => {
  const a = document.activeElement as HTMLElement | null;
  return a?.id || a?.textContent?.trim() || a?.tagName || "";
});

/** Slows the page's CPU while `during` runs, so a long run outlasts the clicks
 *  even on a busy machine (a loaded runner slows the clicks more than the run);
 *  the speed comes back even if an assertion inside fails. */
async function withSlowCpu(during: () => Promise<void>): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 8 });
  try {
    await during();
  } finally {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    await cdp.detach();
  }
}

describe("the pane outside Excel (browser preview)", () => {
  it("renders with its stylesheet and says it runs outside Excel", async () => {
    expect(await page.textContent("#host-note")).toMatch(/Running outside Excel.*browser preview.*\.xlsx/);
    expect(await page.locator("#archetype option").count()).toBe(6);
    expect(await page.inputValue("#revenue")).toBe("10,000,000");
    expect(await page.inputValue("#stage")).toBe("growth");
    const look = await page.evaluate(() => ({
      font: getComputedStyle(document.body).fontFamily,
      size: getComputedStyle(document.body).fontSize,
      primary: getComputedStyle(document.getElementById("build-all")!).backgroundColor,
    }));
    expect(look).toEqual({ font: expect.stringContaining("Segoe UI"), size: "14px", primary: "rgb(15, 108, 189)" });
    // Workbook-only controls are not offered in the preview.
    expect(await page.isHidden("#mode-field")).toBe(true);
    expect(await page.isHidden("#make-shareable")).toBe(true);
  });

  it("is operable by keyboard: Tab visits the controls in order", async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const order: string[] = [];
    for (let i = 0; i < 19; i++) {
      await page.keyboard.press("Tab");
      order.push(await focused());
    }
    expect(order).toEqual([
      "archetype", "stage", "revenue", "build-all",
      "Layers", "Product Core", "Mechanics", "Fee Split", "Checklist", "Summary", "Stress Test",
      "mc-paths", "mc-seed", "mc-new-seed", "mc-volatility", "mc-run",
      `answer-${CHECKLIST[0].id}`, `answer-${CHECKLIST[1].id}`, `answer-${CHECKLIST[2].id}`,
    ]);
    // Focus is visible.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe("solid");
  });

  it("says what a build will do before it is pressed", async () => {
    await page.focus("button[data-sheet=feeSplit]");
    expect(await page.textContent("#intent")).toMatch(/Downloads token-model-fee-split\.xlsx with the Fee Split sheet and “Reference”, which it reads from/);
  });

  it("scores the checklist live as answers change", async () => {
    expect(await page.textContent("#score")).toBe("0");
    expect(await page.textContent("#verdict")).toBe("not ready");
    for (const q of CHECKLIST) await page.selectOption(`#answer-${q.id}`, "solid");
    expect(await page.textContent("#score")).toBe("10");
    expect(await page.textContent("#verdict")).toBe("ready");
    await page.selectOption(`#answer-${CHECKLIST[3].id}`, "partial");
    expect(await page.textContent("#score")).toBe("9.5");
    expect(await page.textContent("#verdict")).toBe("not yet");
    // By keyboard: focus a select and pick with the arrow keys.
    await page.focus(`#answer-${CHECKLIST[4].id}`);
    await page.keyboard.press("ArrowDown"); // solid -> partial
    expect(await page.textContent("#score")).toBe("9");
    await page.keyboard.press("ArrowDown"); // partial -> undecided
    expect(await page.textContent("#verdict")).toBe("not ready");
  });

  it("New model (Enter) downloads an .xlsx whose bytes start with PK, with a progress state while it works", async () => {
    await page.focus("#build-all");
    // Record, as it happens, whether the button, the section and the progress bar showed the busy state.
    await page.evaluate(() => {
      const w = window as unknown as { sawBusy?: boolean };
      w.sawBusy = false;
      new MutationObserver(() => {
        const b = document.getElementById("build-all") as HTMLButtonElement;
        if (b.disabled && b.classList.contains("busy") && document.getElementById("build")!.getAttribute("aria-busy") === "true"
          && !(document.getElementById("progress") as HTMLProgressElement).hidden) w.sawBusy = true;
      }).observe(document.body, { attributes: true, subtree: true });
    });
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(await page.evaluate(() => (window as unknown as { sawBusy?: boolean }).sawBusy)).toBe(true);
    expect(download.suggestedFilename()).toBe("token-model.xlsx");
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    await page.waitForFunction(() => document.getElementById("status")!.textContent!.startsWith("Downloaded token-model.xlsx"));
    expect(await page.textContent("#status")).toBe(`Downloaded token-model.xlsx: ${SHEETS} sheets.`);
    expect(await page.getAttribute("#build", "aria-busy")).toBeNull();
    expect(await page.isDisabled("#build-all")).toBe(false);
    expect(await focused()).toBe("build-all");
  });

  it("a sheet button (Space) downloads that sheet with what it reads from", async () => {
    await page.focus("button[data-sheet=feeSplit]");
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Space")]);
    expect(download.suggestedFilename()).toBe("token-model-fee-split.xlsx");
    expect(readFileSync((await download.path())!).subarray(0, 2).toString("latin1")).toBe("PK");
    await page.waitForFunction(() => document.getElementById("status")!.textContent!.includes("token-model-fee-split.xlsx"));
    expect(await page.textContent("#status")).toMatch(/2 sheets \(with “Reference”, which it reads from\)/);
  });

  it("refuses a revenue it cannot read and says why", async () => {
    await page.fill("#revenue", "ten million");
    await page.click("#build-all");
    expect(await page.getAttribute("#revenue", "aria-invalid")).toBe("true");
    expect(await page.textContent("#revenue-error")).toMatch(/must be a number/);
    expect(await focused()).toBe("revenue");
    await page.fill("#revenue", "10,000,000");
    expect(await page.isHidden("#revenue-error")).toBe(true);
  });

  describe("the Monte Carlo section", () => {
    type Recorded = { values: number[]; max: number; framesWhileRunning: number; timerWhileRunning: boolean; clicksWhileRunning: number };
    const downloads: string[] = [];
    beforeAll(() => { page.on("download", (d) => downloads.push(d.suggestedFilename())); });

    /**
     * Watches the next run from inside the page: every value the progress bar
     * takes (a MutationObserver on its value attribute), animation frames and a
     * timer that get a turn while it runs, clicks on the section's heading.
     * "Running" is while Cancel shows.
     */
    const watchRun = (): Promise<void> => page.evaluate(() => {
      const w = window as unknown as { rec?: Recorded & { stop: () => void } };
      w.rec?.stop();
      const progress = document.getElementById("mc-progress") as HTMLProgressElement;
      const cancel = document.getElementById("mc-cancel") as HTMLButtonElement;
      const heading = document.getElementById("stress-heading")!;
      const running = (): boolean => !cancel.hidden;
      let stopped = false;
      const onClick = (): void => { if (running()) rec.clicksWhileRunning += 1; };
      const observer = new MutationObserver(() => {
        rec.values.push(progress.value);
        rec.max = progress.max;
        if (progress.value > 0 && rec.values.filter((v) => v > 0).length === 1) setTimeout(() => { if (running()) rec.timerWhileRunning = true; }, 0);
      });
      const rec = {
        values: [] as number[], max: 0, framesWhileRunning: 0, timerWhileRunning: false, clicksWhileRunning: 0,
        stop: () => { stopped = true; observer.disconnect(); heading.removeEventListener("click", onClick); },
      };
      w.rec = rec;
      observer.observe(progress, { attributes: true, attributeFilter: ["value"] });
      heading.addEventListener("click", onClick);
      const frame = (): void => {
        if (running()) rec.framesWhileRunning += 1;
        if (!stopped) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const recorded = (): Promise<Recorded> => page.evaluate(() => {
      const { rec } = window as unknown as { rec: Recorded & { stop: () => void } };
      rec.stop();
      return { values: rec.values, max: rec.max, framesWhileRunning: rec.framesWhileRunning, timerWhileRunning: rec.timerWhileRunning, clicksWhileRunning: rec.clicksWhileRunning };
    });
    const summary = (): Promise<string[]> => page.locator("#mc-summary div").allTextContents();

    /** Runs with these settings (Enter on the focused button) and returns the download. */
    async function runAndDownload(paths: string, seed: string): Promise<{ file: string; path: string; bytes: Buffer }> {
      await page.fill("#mc-paths", paths);
      await page.fill("#mc-seed", seed);
      await page.focus("#mc-run");
      const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
      await page.waitForFunction(() => document.getElementById("mc-status")!.className.includes("success"));
      const path = (await download.path())!;
      return { file: download.suggestedFilename(), path, bytes: readFileSync(path) };
    }

    it("starts from the defaults and says what a run will do", async () => {
      expect(await page.inputValue("#mc-paths")).toBe("10,000");
      expect(await page.inputValue("#mc-seed")).toBe("1");
      expect(await page.inputValue("#mc-volatility")).toBe("15");
      expect(await page.textContent("#mc-intent")).toBe("Runs the paths on this page, then downloads token-model-stress-test.xlsx: the Stress Test sheet with the run's percentiles as values, its seed and its parameters, plus “Fee Split” and “Reference”, which it reads from.");
      expect(await page.isHidden("#mc-progress")).toBe(true);
      expect(await page.isHidden("#mc-cancel")).toBe(true);
      expect(await page.isHidden("#mc-summary")).toBe(true);
      await page.focus("button[data-sheet=stressTest]");
      expect(await page.textContent("#intent")).toMatch(/^Downloads token-model-stress-test\.xlsx with the Stress Test sheet .* Its Monte Carlo table stays empty/);
    });

    it("checks the settings before running and says what to fix", async () => {
      await page.fill("#mc-paths", "50");
      await page.fill("#mc-seed", "4.2");
      await page.fill("#mc-volatility", "fifteen");
      await page.click("#mc-run");
      expect(await page.textContent("#mc-paths-error")).toBe("Give from 100 to 100,000 paths.");
      expect(await page.textContent("#mc-seed-error")).toMatch(/^Give the seed as a whole number/);
      expect(await page.textContent("#mc-volatility-error")).toMatch(/^Give the volatility as a percentage/);
      expect(await page.getAttribute("#mc-seed", "aria-invalid")).toBe("true");
      expect(await focused()).toBe("mc-paths");
      expect(await page.isHidden("#mc-progress")).toBe(true);
      await page.fill("#mc-paths", "2,000");
      await page.fill("#mc-seed", "4242");
      await page.fill("#mc-volatility", "15");
      expect(await page.isHidden("#mc-paths-error")).toBe(true);
      expect(await page.getAttribute("#mc-seed", "aria-invalid")).toBeNull();
    });

    it("New seed picks a whole number, shows it in the field and says so", async () => {
      await page.click("#mc-new-seed");
      const seed = await page.inputValue("#mc-seed");
      expect(seed).toMatch(/^[1-9]\d*$/);
      expect(await page.textContent("#mc-status")).toBe(`New seed ${seed}: “Run stress test” uses it, and the sheet records it.`);
    });

    it("a long run shows progress, the page keeps answering, and Cancel stops it with nothing downloaded", async () => {
      const before = downloads.length;
      await page.fill("#mc-paths", "100000");
      await watchRun();
      await withSlowCpu(async () => {
        await page.click("#mc-run");
        await page.waitForFunction(() => (document.getElementById("mc-progress") as HTMLProgressElement).value > 0);
        expect(await page.isVisible("#mc-cancel")).toBe(true);
        expect(await page.isDisabled("#mc-run")).toBe(true);
        expect(await page.isDisabled("#build-all")).toBe(true);
        expect(await page.isDisabled("#mc-new-seed")).toBe(true);
        expect(await page.getAttribute("#mc-seed", "readonly")).not.toBeNull();
        expect(await page.textContent("#mc-status")).toMatch(/^[\d,]+ of 100,000 paths$/);
        await page.click("#stress-heading"); // a real click, handled while the paths run
        await page.click("#mc-cancel");
        await page.waitForFunction(() => document.getElementById("mc-status")!.textContent!.startsWith("Cancelled"));
      });
      expect(await page.textContent("#mc-status")).toMatch(/^Cancelled after [\d,]+ of 100,000 paths: nothing was downloaded\.$/);
      const rec = await recorded();
      expect(rec.clicksWhileRunning).toBe(1);
      expect(rec.framesWhileRunning).toBeGreaterThan(0);
      expect(rec.max).toBe(100_000);
      expect(Math.max(...rec.values)).toBeGreaterThan(0);
      expect(Math.max(...rec.values)).toBeLessThan(100_000);
      await page.waitForTimeout(300);
      expect(downloads.length).toBe(before);
      expect(await page.isHidden("#mc-cancel")).toBe(true);
      expect(await page.isHidden("#mc-progress")).toBe(true);
      expect(await page.isHidden("#mc-summary")).toBe(true);
      expect(await page.isDisabled("#mc-run")).toBe(false);
      expect(await page.getAttribute("#mc-seed", "readonly")).toBeNull();
      expect(await focused()).toBe("mc-run");
    });

    it("Escape cancels too; focus sits on Cancel while the paths run and returns to the run button", async () => {
      await page.fill("#mc-paths", "100,000");
      await page.focus("#mc-run");
      await withSlowCpu(async () => {
        await page.keyboard.press("Enter");
        await page.waitForFunction(() => (document.getElementById("mc-progress") as HTMLProgressElement).value > 0);
        expect(await focused()).toBe("mc-cancel");
        await page.keyboard.press("Escape");
        await page.waitForFunction(() => document.getElementById("mc-status")!.textContent!.startsWith("Cancelled"));
      });
      expect(await focused()).toBe("mc-run");
    });

    let first: string[] = [];

    it("a finished run (Enter) downloads an .xlsx whose Stress Test sheet records the chosen seed, after visible progress", async () => {
      await watchRun();
      const { file, path, bytes } = await runAndDownload("2,000", "4242");
      const rec = await recorded();
      expect(file).toBe("token-model-stress-test.xlsx");
      expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
      // The bar moved through the run, not just from empty to full, and a timer got its turn meanwhile.
      expect(rec.max).toBe(2000);
      expect(rec.values.some((v) => v > 0 && v < 2000)).toBe(true);
      expect(rec.values[rec.values.length - 1]).toBe(2000);
      expect(rec.timerWhileRunning).toBe(true);
      expect(await page.textContent("#mc-status")).toMatch(/^Finished 2,000 paths in (\d+ ms|\d+\.\d s)\. Downloaded token-model-stress-test\.xlsx: 3 sheets \(with “Fee Split” and “Reference”, which it reads from\)\.$/);
      first = await summary();
      expect(first[0]).toBe("Seed4242");
      expect(first[1]).toBe("Paths2,000 × 36 months");
      expect(first[2]).toMatch(/^Buyback over the 36 months, P50[\d,]+\.\d\d$/);
      expect(first[3]).toMatch(/^Fund below its minimum in some month\d+(\.\d)?% of paths$/);

      const wb = await readXlsx(path);
      expect(wb.worksheets.map((w) => w.name)).toEqual(["Fee Split", "Stress Test", "Reference"]);
      const sheet = wb.getWorksheet("Stress Test")!;
      const beside = (label: string): unknown => {
        let found: unknown;
        sheet.eachRow((row) => { if (row.getCell(1).value === label) found = row.getCell(2).value; });
        return found;
      };
      expect(beside("Seed")).toBe(4242);
      expect(beside("Paths")).toBe(2000);
      expect(beside("Volatility per month (sigma)")).toBe(0.15);
    });

    it("the same seed gives the same figures; another seed, other figures", async () => {
      await runAndDownload("2,000", "4242");
      expect(await summary()).toEqual(first);
      await runAndDownload("2,000", "4243");
      const other = await summary();
      expect(other[0]).toBe("Seed4243");
      expect(other[2]).not.toBe(first[2]);
      await runAndDownload("2,000", "4242");
      expect(await summary()).toEqual(first);
    });

    it("shows the core's own message when a run cannot go on", async () => {
      await page.fill("#revenue", "1,000,000,000,000");
      await page.fill("#mc-volatility", "500");
      await page.fill("#mc-paths", "2000");
      await page.click("#mc-run");
      await page.waitForFunction(() => document.getElementById("mc-status")!.className.includes("error"));
      expect(await page.textContent("#mc-status")).toMatch(/^Path \d+ reached a monthly revenue above 10000000000000 in month \d+: lower the growth, volatility or jump size\.$/);
      expect(await page.isHidden("#mc-summary")).toBe(true);
      await page.fill("#revenue", "10,000,000");
      await page.fill("#mc-volatility", "15");
      await runAndDownload("2,000", "4242");
      expect(await summary()).toEqual(first);
    });
  });

  it("looks right", async () => {
    mkdirSync(resolve(SCREENSHOT, ".."), { recursive: true });
    await page.evaluate(() => { (document.activeElement as HTMLElement | null)?.blur(); window.scrollTo(0, 0); });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    // A full-page capture of the pane at 360 px wide: taller than wide, and not a blank page.
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(360);
    expect(height).toBeGreaterThan(1400);
    expect(png.length).toBeGreaterThan(50_000);
  });

  it("fetched nothing from the network but Office's script, and broke no policy", async () => {
    expect(offsite).toEqual([OFFICE_JS]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/** The strict simulator bundled for the page, once (test/fixtures/strictExcelPage.ts). */
let simulatorScript: Promise<string> | undefined;
function strictExcelScript(): Promise<string> {
  simulatorScript ??= new Promise((resolveScript, reject) => {
    const out = mkdtempSync(join(tmpdir(), "strict-excel-"));
    const compiler = webpack({
      mode: "development",
      target: "web",
      devtool: false,
      context: resolve(__dirname, ".."),
      entry: { sim: "./test/fixtures/strictExcelPage.ts" },
      output: { path: out, filename: "[name].js" },
      resolve: { extensions: [".ts", ".js"] },
      module: {
        rules: [{
          test: /\.ts$/, exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: resolve(__dirname, "..", "tsconfig.json"), compilerOptions: { module: "es2020" } } },
        }],
      },
      performance: { hints: false },
    });
    compiler.run((err, stats) => {
      if (err || !stats || stats.hasErrors()) return reject(err ?? new Error(stats?.toString("errors-only")));
      compiler.close(() => resolveScript(readFileSync(join(out, "sim.js"), "utf8")));
    });
  });
  return simulatorScript;
}

/** A page of the built pane with the simulator standing in for Office and Excel. */
async function excelPageWith(options: Record<string, unknown>, requests: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 1000 } });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  const p = await context.newPage();
  p.on("pageerror", (e) => pageErrors.push(e.message));
  await p.addInitScript({ content: `${await strictExcelScript()}\nwindow.installStrictExcel(${JSON.stringify(options)});` });
  return p;
}

/** The page's simulator (installed by the init script). */
type W = { __fake: FakeExcel };

describe("the pane inside Excel (the strict Excel simulator in the page)", () => {
  let excelPage: Page;
  const requests: string[] = [];
  const runs = (): Promise<number[]> => excelPage.evaluate(() => (window as unknown as W).__fake.runs.map((r) => r.syncs));
  const cell = (sheet: string, address: string): Promise<unknown> => excelPage.evaluate(([s, a]) => (window as unknown as W).__fake.cell(s!, a!), [sheet, address]);

  beforeAll(async () => {
    excelPage = await excelPageWith({
      apiLevel: "1.12",
      sheets: [{ name: "Sheet1", cells: { A1: { formula: '=TOKEN.FEESPLIT(1,"growth")', value: 4 }, B1: 5 } }],
    }, requests);
    await excelPage.goto(`${base}/taskpane.html`);
    await excelPage.waitForFunction(() => document.getElementById("host-note")?.textContent?.startsWith("Connected to Excel"));
  });

  it("offers the workbook controls and says there is no Checklist sheet yet", async () => {
    expect(await excelPage.isVisible("#mode-field")).toBe(true);
    expect(await excelPage.isVisible("#make-shareable")).toBe(true);
    await excelPage.waitForFunction(() => document.getElementById("checklist-note")!.textContent!.includes("no sheet named"));
    await excelPage.focus("#build-all");
    expect(await excelPage.textContent("#intent")).toMatch(new RegExp(`^Adds the model's ${SHEETS} sheets .* beside your sheets\\..*Nothing you have is changed\\.$`));
  });

  it("New model builds in one Excel.run of 2 syncs (delayed while a cell is edited), reports what it created, then scores the new Checklist (1 sync)", async () => {
    const before = (await runs()).length;
    await excelPage.click("#build-all");
    await excelPage.waitForFunction(() => document.getElementById("status")!.textContent!.startsWith("Created"));
    expect(await excelPage.textContent("#status")).toMatch(/^Created “Read me”, “Summary”, “Layers”, .* and “Reference”: \d+ cells written\.$/);
    await excelPage.waitForFunction(() => document.getElementById("score")!.textContent === "0");
    expect((await runs()).slice(before)).toEqual([2, 1]);
    expect(await excelPage.evaluate(() => (window as unknown as W).__fake.runs.every((r) => r.delayForCellEdit))).toBe(true);
    expect(await excelPage.evaluate(() => (window as unknown as W).__fake.sheets.map((s) => s.name))).toEqual(["Sheet1", ...buildModelPlan(DEFAULT_INPUTS, defaultNaming()).map((p) => p.name)]);
    expect(await excelPage.textContent("#verdict")).toBe("not ready");
    const undecided = await excelPage.locator("#undecided li").allTextContents();
    expect(undecided).toHaveLength(10);
    // Each undecided question as the sheet words it: the longest text in its row.
    const first = checklistLocation(buildModelPlan(DEFAULT_INPUTS, defaultNaming()).find((p) => p.key === "checklist")!).answers.split(":")[0]!;
    const row = Number(first.replace(/\D+/g, ""));
    const texts = await excelPage.evaluate((r) => [...(window as unknown as W).__fake.sheet("Checklist")!.cells.entries()]
      .filter(([a, c]) => Number(a.replace(/\D+/g, "")) === r && typeof c.formula === "string").map(([, c]) => c.formula as string), row);
    expect(undecided[0]).toBe(texts.reduce((a, b) => (b.length > a.length ? b : a), ""));
  });

  it("rescores when the Checklist sheet changes (onChanged), one read per change", async () => {
    const before = (await runs()).length;
    const answers = checklistLocation(buildModelPlan(DEFAULT_INPUTS, defaultNaming()).find((p) => p.key === "checklist")!).answers;
    await excelPage.evaluate(async (first) => {
      const fake = (window as unknown as W).__fake;
      const [col, row] = [first.replace(/\d+/g, ""), Number(first.replace(/\D+/g, ""))];
      for (let i = 0; i < 10; i++) if (i !== 2) fake.sheet("Checklist")!.cells.set(`${col}${row + i}`, { formula: "solid" });
      await fake.userEdit("Checklist", `${col}${row + 2}`, "partial");
    }, answers.split(":")[0]!);
    await excelPage.waitForFunction(() => document.getElementById("score")!.textContent === "9.5");
    expect(await excelPage.textContent("#verdict")).toBe("not yet");
    expect(await excelPage.locator("#undecided li").allTextContents()).toEqual(["None."]);
    expect((await runs()).slice(before)).toEqual([1]);
  });

  it("Make shareable asks first, then replaces the TOKEN formula with its value and leaves the constant", async () => {
    await excelPage.click("#make-shareable");
    await excelPage.waitForSelector("#confirm:not([hidden])");
    expect(await excelPage.textContent("#confirm-text")).toMatch(/replace 1 TOKEN formula with its current value \(Sheet1: 1\)/);
    expect(await excelPage.textContent("#status")).toMatch(/Nothing has changed yet/);
    expect(await focusedIn(excelPage)).toBe("confirm-yes");
    expect(await cell("Sheet1", "A1")).toBe('=TOKEN.FEESPLIT(1,"growth")');
    const before = (await runs()).length;
    await excelPage.keyboard.press("Enter");
    await excelPage.waitForFunction(() => document.getElementById("status")!.textContent!.startsWith("Replaced"));
    expect(await excelPage.textContent("#status")).toMatch(/Replaced 1 TOKEN formula with its value \('Sheet1' 1\)\. Native formulas were left as they are\./);
    // sheets, used ranges, cells (two reads: the model's used ranges pass CHUNKS.readCells, 20,000 cells, since the Fee Split's 12-row bucket table), spills, the write
    expect((await runs()).slice(before)).toEqual([6]);
    expect([await cell("Sheet1", "A1"), await cell("Sheet1", "B1")]).toEqual([4, 5]);
    expect(await excelPage.isHidden("#confirm")).toBe(true);
  });

  it("Run stress test runs the paths first, then builds the Stress Test sheet with the run in one Excel.run of 2 syncs", async () => {
    expect(await excelPage.textContent("#mc-intent")).toMatch(/^Runs the paths in the pane, then adds a Stress Test sheet \(numbered if the name is taken\) with the run's percentiles as values/);
    const before = (await runs()).length;
    await excelPage.fill("#mc-paths", "500");
    await excelPage.fill("#mc-seed", "777");
    await excelPage.click("#mc-run");
    await excelPage.waitForFunction(() => /success|error/.test(document.getElementById("mc-status")!.className));
    expect(await excelPage.textContent("#mc-status")).toMatch(/^Finished 500 paths in (\d+ ms|\d+\.\d s)\. Created “Fee Split \(2\)”, “Stress Test \(2\)” and “Reference \(2\)”: \d+ cells written\./);
    expect((await runs()).slice(before)).toEqual([2]);
    // The run's record, a column of values: the seed, then the paths below it.
    const record = await excelPage.evaluate(() => {
      const cells = (window as unknown as W).__fake.sheet("Stress Test (2)")!.cells;
      const at = [...cells.entries()].find(([, c]) => c.formula === 777)?.[0];
      if (!at) return undefined;
      const below = `${at.replace(/\d+/g, "")}${Number(at.replace(/\D+/g, "")) + 1}`;
      return [cells.get(at)!.formula, cells.get(below)?.formula];
    });
    expect(record).toEqual([777, 500]);
    expect(await excelPage.locator("#mc-summary div").first().textContent()).toBe("Seed777");
  });

  it("switching to update relabels the main button, and still nothing but office.js was requested", async () => {
    await excelPage.check('input[name="mode"][value="update"]');
    expect(await excelPage.textContent("#build-all")).toBe("Update model");
    expect(await excelPage.textContent("#mc-intent")).toBe("Runs the paths in the pane, then writes the run's percentiles as values, its seed and its parameters on Stress Test, and rewrites the sheet's labels and formulas; your inputs stay. Creates the sheet if it is missing.");
    expect(await excelPage.textContent("#intent")).toMatch(/^Rewrites the labels and formulas on the model's sheets and keeps every input you typed/);
    expect(requests).toEqual([OFFICE_JS]);
    if (process.env.PANE_SHOT) await excelPage.screenshot({ path: process.env.PANE_SHOT, fullPage: true });
  });
});

describe("the pane inside Excel, started slowly and on an older Excel", () => {
  it("Office answering after 5 s: the pane says it is still connecting, then runs in Excel mode (not the preview)", async () => {
    const p = await excelPageWith({ readyAfterMs: 5000, sheets: [{ name: "Sheet1" }] }, []);
    await p.goto(`${base}/taskpane.html`);
    await p.waitForFunction(() => document.getElementById("host-note")?.textContent?.startsWith("Still connecting"), undefined, { timeout: 4500 });
    expect(await p.isDisabled("#build-all")).toBe(true);
    await p.waitForFunction(() => document.getElementById("host-note")?.textContent?.startsWith("Connected to Excel"), undefined, { timeout: 15000 });
    expect(await p.isEnabled("#build-all")).toBe(true);
    expect(await p.isVisible("#make-shareable")).toBe(true);
    await p.context().close();
  });

  it("ExcelApi 1.4: builds in 2 syncs without what the Excel lacks, and says what it left out", async () => {
    const p = await excelPageWith({ apiLevel: "1.4", sheets: [{ name: "Sheet1" }] }, []);
    await p.goto(`${base}/taskpane.html`);
    await p.waitForFunction(() => document.getElementById("host-note")?.textContent?.startsWith("Connected to Excel"));
    await p.click("#build-all");
    await p.waitForFunction(() => /success|error/.test(document.getElementById("status")!.className));
    expect(await p.textContent("#status")).toMatch(/^Created .* This Excel left out: .*dropdowns and input checks \(ExcelApi 1\.8\).*conditional formats? \(ExcelApi 1\.6\)/);
    // The checklist's first read, the build, the new Checklist's read.
    expect(await p.evaluate(() => (window as unknown as W).__fake.runs.map((r) => r.syncs))).toEqual([1, 2, 1]);
    expect(await p.textContent("#checklist-note")).toMatch(/ExcelApi 1\.7/);
    await p.context().close();
  });
});

const focusedIn = (p: Page): Promise<string> => p.evaluate(() => (document.activeElement as HTMLElement | null)?.id ?? "");
