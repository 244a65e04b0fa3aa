import JSZip from "jszip";
import type { SheetPlan } from "../plans/types";
import { categoryRange, chartXml, drawingXml, escapeXml, holdsNumbers } from "./chartXml";

/**
 * exceljs cannot write charts, so they are added to the package it wrote:
 * per sheet with charts a drawing part (xl/drawings/drawingN.xml) related
 * from the sheet by a <drawing r:id>, one chart part per chart
 * (xl/charts/chartN.xml) related from the drawing, and their content types.
 * JSZip is the zip library exceljs itself uses, so this adds nothing heavy.
 */

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const TYPES = {
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;
const REL = { drawing: `${REL_NS}/drawing`, chart: `${REL_NS}/chart` } as const;
/** The worksheet elements that follow <drawing> (ECMA-376 CT_Worksheet order). */
const AFTER_DRAWING = ["<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"];

const relationships = (rels: readonly string[]): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`;
const relationship = (id: string, type: string, target: string): string =>
  `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;

const unescapeXml = (s: string): string =>
  s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** Sheet name -> its part path ("xl/worksheets/sheet3.xml"), from the workbook and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await read(zip, "xl/workbook.xml");
  const rels = await read(zip, "xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    const part = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && part) parts.set(unescapeXml(name), part);
  }
  return parts;
}

async function read(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`The workbook package has no ${path}.`);
  return file.async("string");
}

/** A relationship id not yet used in a .rels part. */
function freeId(rels: string, base: string): string {
  for (let i = 1; ; i++) if (!rels.includes(`Id="${base}${i}"`)) return `${base}${i}`;
}

/** Adds every plan's charts to the .xlsx package; returns the new package (unchanged bytes when no plan has a chart). */
export async function addNativeCharts(xlsx: Uint8Array, plans: readonly SheetPlan[]): Promise<Uint8Array> {
  const charted = plans.filter((p) => p.charts.length > 0);
  if (charted.length === 0) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const parts = await sheetParts(zip);
  let types = await read(zip, "[Content_Types].xml");
  let chartNumber = 0;
  const links: Promise<void>[] = [];
  charted.forEach((plan, d) => {
    const sheetPart = parts.get(plan.name);
    if (!sheetPart) throw new Error(`The sheet "${plan.name}" is missing from the package.`);
    const drawing = `xl/drawings/drawing${d + 1}.xml`;
    const chartRels: string[] = [];
    plan.charts.forEach((chart, i) => {
      chartNumber += 1;
      zip.file(`xl/charts/chart${chartNumber}.xml`, chartXml(chart, plan.name, holdsNumbers(plan, categoryRange(chart))));
      chartRels.push(relationship(`rId${i + 1}`, REL.chart, `../charts/chart${chartNumber}.xml`));
      types = addOverride(types, `/xl/charts/chart${chartNumber}.xml`, TYPES.chart);
    });
    zip.file(drawing, drawingXml(plan.charts));
    zip.file(`xl/drawings/_rels/drawing${d + 1}.xml.rels`, relationships(chartRels));
    types = addOverride(types, `/${drawing}`, TYPES.drawing);
    links.push(linkDrawing(zip, sheetPart, `../drawings/drawing${d + 1}.xml`));
  });
  await Promise.all(links);
  zip.file("[Content_Types].xml", types);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

function addOverride(types: string, part: string, type: string): string {
  if (types.includes(`PartName="${part}"`)) return types;
  return types.replace("</Types>", `<Override PartName="${part}" ContentType="${type}"/></Types>`);
}

/** Relates the drawing from the sheet (its .rels part, created or extended) and places <drawing r:id> where the schema wants it. */
async function linkDrawing(zip: JSZip, sheetPart: string, target: string): Promise<void> {
  const slash = sheetPart.lastIndexOf("/");
  const relsPath = `${sheetPart.slice(0, slash)}/_rels/${sheetPart.slice(slash + 1)}.rels`;
  const existing = zip.file(relsPath) ? await read(zip, relsPath) : relationships([]);
  const id = freeId(existing, "rIdDrawing");
  zip.file(relsPath, existing.replace("</Relationships>", `${relationship(id, REL.drawing, target)}</Relationships>`));
  const sheet = await read(zip, sheetPart);
  if (/<drawing\b/.test(sheet)) throw new Error(`${sheetPart} already has a drawing; charts cannot be added beside it.`);
  const at = Math.min(...AFTER_DRAWING.map((tag) => sheet.indexOf(tag)).filter((i) => i >= 0));
  if (!Number.isFinite(at)) throw new Error(`${sheetPart} is not a worksheet part.`);
  const withNs = /<worksheet\b[^>]*\bxmlns:r=/.test(sheet) ? sheet : sheet.replace("<worksheet ", `<worksheet xmlns:r="${REL_NS}" `);
  const shift = withNs.length - sheet.length;
  zip.file(sheetPart, `${withNs.slice(0, at + shift)}<drawing r:id="${id}"/>${withNs.slice(at + shift)}`);
}
