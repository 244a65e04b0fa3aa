import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { ANSWER_IDS, ANSWER_MEANINGS, COMPARABLES, FEE_BUCKETS, FIT_MATRIX, STAGE_IDS, nearestPeers, type MechanicId } from "../src";
import { columnLetters, parseRange, rangeAddress } from "../src/export/address";
import { chartSeries } from "../src/export/chartXml";
import { buildModelPlan, COMPARABLES_LAYOUT, DEFAULT_INPUTS, defaultNaming, MECHANICS_LAYOUT, stressRunParams } from "../src/plans";
import type { ChartPlan, SheetPlan } from "../src/plans/types";
import { monteCarlo } from "../src/stress";
import { badFormulaCells, readSaved, valueAt, type SavedWorkbook } from "./helpers/computed";
import { convertTo, findSoffice, recalcAll } from "./helpers/libreoffice";
import { assertBuilt, cli, editModel, standardBucketTable } from "./helpers/model";
import { readZipEntry } from "./helpers/zip";

/**
 * The exported workbook's native charts, proven in LibreOffice: converted to
 * .ods, each chart is a chart object bound to the ranges the plan names; to
 * PDF, each prints; recalculated and saved back as .xlsx, the cells every
 * chart reads hold numbers. The same run checks the sheets this issue added
 * against the core: Comparables' distances and nearest peers, Mechanics'
 * reasons, the Checklist's answer meanings, the Read me's record of the run.
 */
if (!findSoffice()) throw new Error("These tests need LibreOffice: install libreoffice-calc-nogui (or set SOFFICE to soffice's path).");
assertBuilt();

const SEED = 7;
const PATHS = 300;
const work = mkdtempSync(join(tmpdir(), "token-model-charts-"));
const model = join(work, "model.xlsx");
const params = stressRunParams(DEFAULT_INPUTS, { seed: SEED, paths: PATHS });
/** The plans the CLI writes for these options (the same inputs and run). */
const plans: SheetPlan[] = buildModelPlan(DEFAULT_INPUTS, defaultNaming(), { monteCarlo: { params, result: monteCarlo(params) } });
const charts = plans.flatMap((p) => p.charts.map((chart) => ({ sheet: p.name, chart })));

/** "'Fee Split'.A14:'Fee Split'.A17" (LibreOffice) -> "'Fee Split'!$A$14:$A$17" (as the chart part writes it). */
function fromOds(address: string): string {
  const parts = address.replace(/&apos;/g, "'").split(":").map((p) => {
    const dot = p.lastIndexOf(".");
    return { sheet: p.slice(0, dot).replace(/^'(.*)'$/, "$1"), cell: p.slice(dot + 1) };
  });
  const range = parseRange(parts.map((p) => p.cell).join(":"));
  return `'${parts[0]!.sheet}'!${rangeAddress(range, true)}`;
}

interface OdsChart { readonly className: string; readonly categories: string[]; readonly series: { values: string; label: string }[] }

let ods: Buffer;
let content: string;
let pdfText: string;
let pdfPages: number;
let saved: SavedWorkbook;
let savedZip: Buffer;
/** The same model with the growth row of the share table retyped and the stage switched to it. */
let edited: SavedWorkbook;
const CUSTOM_GROWTH = [0.125, 0.35, 0.2, 0.325];

beforeAll(async () => {
  cli("new", model, "--seed", String(SEED), "--paths", String(PATHS));
  ods = readFileSync(await convertTo(model, "ods"));
  content = readZipEntry(ods, "content.xml")!;
  const pdf = await convertTo(model, "pdf");
  pdfText = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).stdout;
  pdfPages = Number(/^Pages:\s+(\d+)/m.exec(spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout)?.[1]);
  const custom = join(work, "custom.xlsx");
  const table = standardBucketTable([0.15, 0.3, 0.1, 0.45, ...CUSTOM_GROWTH, 0.5, 0.25, 0.15, 0.1], FEE_BUCKETS.map((b) => b.name), STAGE_IDS.length);
  await editModel(model, custom, { FeeBucketTable: table, FeeStage: "growth" });
  const [recalculated, customSaved] = await recalcAll([model, custom]);
  saved = readSaved(recalculated!);
  edited = readSaved(customSaved!);
  savedZip = readFileSync(recalculated!);
}, 300_000);

function odsChart(name: string): OdsChart {
  const frame = new RegExp(`<draw:frame\\b[^>]*draw:name="${name}"[^>]*>\\s*<draw:object\\b[^>]*xlink:href="\\./([^"]+)"`).exec(content);
  if (!frame) throw new Error(`No chart object named ${name} in the .ods.`);
  const xml = readZipEntry(ods, `${frame[1]}/content.xml`)!;
  return {
    className: /<chart:chart\b[^>]*chart:class="([^"]+)"/.exec(xml)![1]!,
    categories: [...xml.matchAll(/<chart:categories table:cell-range-address="([^"]+)"/g)].map((m) => fromOds(m[1]!)),
    series: [...xml.matchAll(/<chart:series\b[^>]*>/g)].map((m) => ({
      values: fromOds(/chart:values-cell-range-address="([^"]+)"/.exec(m[0])![1]!),
      label: fromOds(/chart:label-cell-address="([^"]+)"/.exec(m[0])![1]!),
    })),
  };
}

const ODS_CLASS: Readonly<Record<ChartPlan["kind"], string>> = {
  doughnut: "chart:ring", bar: "chart:bar", barStacked: "chart:bar", columnClustered: "chart:bar", columnStacked: "chart:bar", line: "chart:line",
};

describe("native charts in LibreOffice", () => {
  it("the model plans at least four charts: fee split, fit score, Monte Carlo fan, scenario revenues (and more)", () => {
    expect(charts.length).toBeGreaterThanOrEqual(4);
    const titles = charts.map((c) => c.chart.title);
    for (const t of [/fee line goes/, /Fit score by mechanic/, /P5, P50, P95/, /revenue under each scenario/]) expect(titles.some((x) => t.test(x))).toBe(true);
  });

  test.each(charts.map((c) => [c.chart.name, c] as const))("%s opens as a chart object bound to the planned ranges", (_, { sheet, chart }) => {
    const found = odsChart(chart.name);
    expect(found.className).toBe(ODS_CLASS[chart.kind]);
    const planned = chartSeries(chart, sheet);
    expect(found.series).toEqual(planned.map((s) => ({ values: s.values, label: s.name })));
    expect(found.categories).toEqual([planned[0]!.categories]);
  });

  it("every chart reads cells that hold numbers once recalculated, and LibreOffice keeps the charts when it saves .xlsx", () => {
    for (const { sheet, chart } of charts) {
      for (const s of chartSeries(chart, sheet)) {
        const r = parseRange(s.values.slice(s.values.lastIndexOf("!") + 1).replace(/\$/g, ""));
        let numbers = 0;
        for (let row = r.top; row <= r.bottom; row++) {
          for (let col = r.left; col <= r.right; col++) {
            const v = saved.cells.get(`${sheet}!${columnLetters(col)}${row}`)?.value;
            if (typeof v === "number") numbers += 1;
          }
        }
        expect([chart.name, s.values, numbers > 0]).toEqual([chart.name, s.values, true]);
      }
    }
    for (let i = 1; i <= charts.length; i++) expect(readZipEntry(savedZip, `xl/charts/chart${i}.xml`)).toMatch(/<c:chartSpace/);
    expect(badFormulaCells(saved)).toEqual([]);
  });

  it("prints to PDF with every chart drawn (their titles are in the PDF's text), one page per short sheet", () => {
    for (const { chart } of charts) expect(pdfText).toContain(chart.title.slice(0, 30));
    expect(pdfPages).toBeGreaterThanOrEqual(plans.filter((p) => p.visible).length);
    // The hidden Reference sheet does not print.
    expect(pdfText).not.toContain("Reference lists");
  });
});

describe("the new sheets, recalculated in LibreOffice, agree with the core", () => {
  const L = COMPARABLES_LAYOUT;
  const sheet = (key: SheetPlan["key"]): string => plans.find((p) => p.key === key)!.name;

  test.each([
    ["the growth stage", () => saved, [0.4, 0.3, 0.1, 0.2]],
    ["a retyped share row", () => edited, CUSTOM_GROWTH],
  ] as const)("Comparables, %s: every published row, its share distance from the design and the three nearest peers", (_, book, design) => {
    const saved = book();
    const peers = nearestPeers({ buyback: design[0], stakers: design[1], insurance: design[2], discount: design[3] });
    COMPARABLES.forEach((c, i) => {
      const row = L.firstRow + i;
      expect(valueAt(saved, sheet("comparables"), `A${row}`)).toBe(c.protocol);
      expect(valueAt(saved, sheet("comparables"), `${columnLetters(L.columns.total)}${row}`)).toBeCloseTo(1, 12);
      const distance = valueAt(saved, sheet("comparables"), `${columnLetters(L.columns.distance)}${row}`) as number;
      expect(distance).toBeCloseTo(peers.find((p) => p.comparable === c)!.distance, 9);
      expect(valueAt(saved, sheet("comparables"), `${columnLetters(L.columns.rank)}${row}`)).toBe(peers.findIndex((p) => p.comparable === c) + 1);
    });
    L.peers.forEach((cell, k) => {
      expect(valueAt(saved, sheet("comparables"), cell.protocol)).toBe(peers[k]!.comparable.protocol);
      expect(valueAt(saved, sheet("comparables"), cell.distance)).toBeCloseTo(peers[k]!.distance, 9);
    });
  });

  it("Mechanics: each listed mechanic shows the core's reason and where its rating comes from", () => {
    DEFAULT_INPUTS.mechanics.forEach((m, i) => {
      const row = MECHANICS_LAYOUT.firstRow + i;
      const cell = FIT_MATRIX[m.mechanic as MechanicId][DEFAULT_INPUTS.archetype as keyof (typeof FIT_MATRIX)["buyback"]];
      expect(valueAt(saved, sheet("mechanics"), `${columnLetters(MECHANICS_LAYOUT.columns.why)}${row}`)).toBe(cell.why);
      expect(valueAt(saved, sheet("mechanics"), `${columnLetters(MECHANICS_LAYOUT.columns.source)}${row}`)).toBe(cell.source === "seed" ? "the article" : "our reasoning");
    });
  });

  it("Checklist: what each answer level means, beside its points", () => {
    const texts = [...saved.cells.values()].filter((c) => c.sheet === sheet("checklist")).map((c) => c.value);
    for (const a of ANSWER_IDS) expect(texts).toContain(ANSWER_MEANINGS[a]);
  });

  it("Read me: the archetype, stage, revenue and the recorded run's seed and paths, by formula", () => {
    const values = [...saved.cells.values()].filter((c) => c.sheet === sheet("readme")).map((c) => c.value);
    expect(values).toContain("Exchange / Marketplace (exchange)");
    expect(values).toContain("growth");
    expect(values).toContain(DEFAULT_INPUTS.revenue);
    expect(values).toContain(SEED);
    expect(values).toContain(PATHS);
  });
});
