import { existsSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { chromium, type Browser } from "playwright-core";
import webpack from "webpack";
import { SMALL_PLAN } from "./fixtures/smallPlan";

/**
 * planToXlsx in a real browser: bundled by webpack for the web (as the pane
 * bundles it: exceljs resolved through its "browser" field, no Node
 * fallbacks), run in headless Chromium, and the bytes it returns read back.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => existsSync(p));
if (!CHROMIUM) throw new Error("This test needs Chromium: install the chromium package or set CHROMIUM_PATH.");

const ROOT = join(__dirname, "..");
const out = mkdtempSync(join(tmpdir(), "token-model-browser-"));

function bundle(): Promise<webpack.Stats> {
  const compiler = webpack({
    mode: "production",
    target: "web",
    devtool: false,
    context: ROOT,
    entry: { main: "./test/fixtures/browserEntry.ts" },
    output: { path: out, filename: "[name].js", chunkFilename: "[name].chunk.js" },
    resolve: { extensions: [".ts", ".js"], fallback: { fs: false, path: false, stream: false, crypto: false, os: false, zlib: false } },
    module: {
      noParse: /[\\/]exceljs[\\/]dist[\\/]/,
      rules: [{
        test: /\.ts$/, exclude: /node_modules/,
        use: { loader: "ts-loader", options: { transpileOnly: true, configFile: join(ROOT, "tsconfig.json"), compilerOptions: { module: "es2020" } } },
      }],
    },
    performance: { hints: false },
    optimization: { minimize: false },
  });
  return new Promise((resolve, reject) => compiler.run((err, stats) => (err || !stats ? reject(err) : compiler.close(() => resolve(stats)))));
}

describe("planToXlsx in the browser", () => {
  let browser: Browser | undefined;
  let stats: webpack.Stats;
  beforeAll(async () => {
    stats = await bundle();
    writeFileSync(join(out, "index.html"), '<!doctype html><html><body><script src="main.js"></script></body></html>');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  });
  afterAll(async () => browser?.close());

  it("bundles for the web with exceljs's browser build and nothing from Node", () => {
    const info = stats.toJson({ modules: true, errors: true, warnings: true });
    expect(info.errors).toEqual([]);
    const modules = (info.modules ?? []).map((m) => m.name ?? "");
    expect(modules.some((m) => m.includes("exceljs/dist/exceljs.min.js"))).toBe(true);
    expect(modules.filter((m) => m.includes("exceljs/lib/") || m.includes("exceljs/excel.js"))).toEqual([]);
    // The writer is a lazy chunk, as the pane loads it.
    expect((info.assets ?? []).filter((a) => a.name.endsWith(".chunk.js")).length).toBeGreaterThan(0);
  });

  it("writes a workbook in Chromium that reads back with the plan's formulas, names and tables", async () => {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`file://${join(out, "index.html")}`);
    const bytes = Uint8Array.from(await page.evaluate(() => window.makeXlsx()));
    expect(await page.evaluate(() => window.nodeGlobals())).toEqual([]);
    expect(errors).toEqual([]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(SMALL_PLAN.map((p) => p.name));
    const ws = wb.getWorksheet("Fee Split")!;
    expect(ws.getCell("C7").value).toEqual({ formula: "ROUND(Revenue*B7,2)" });
    expect(ws.getCell("B3").value).toBe(10000000);
    expect(wb.definedNames.model.map((n) => n.name).sort()).toEqual(["Ref_Shares", "Ref_Stages", "Revenue", "SplitAmounts", "Stage"]);
    expect(ws.getTable("FeeSplitTable")).toBeDefined();
  });
});
