import type { ChartKind, ChartPlan, SheetPlan } from "../plans/types";
import { parseCell, parseRange, quoteSheet, rangeAddress, type RangeRef } from "./address";

/**
 * DrawingML for a plan's chart: the chart part (xl/charts/chartN.xml) and
 * its anchor in the sheet's drawing part. Every series points at the
 * sheet's own cells (c:f), so the chart follows edits and recalculation in
 * Excel, LibreOffice and Google Sheets; no values are cached, as the file
 * carries no cached formula results either. Pure strings, no zip.
 */

/** One series: where its name, categories and values sit (sheet-qualified, absolute). */
export interface SeriesRefs {
  readonly name: string;
  readonly categories: string;
  readonly values: string;
}

const ref = (sheet: string, r: RangeRef): string => `${quoteSheet(sheet)}!${rangeAddress(r, true)}`;

/**
 * The chart's series from its data range: with seriesBy "columns" the first
 * row holds series names and (unless `categories` is given) the first
 * column the categories; "rows" is the transpose.
 */
export function chartSeries(chart: ChartPlan, sheet: string): SeriesRefs[] {
  const d = parseRange(chart.dataRange);
  const given = chart.categories === undefined ? null : parseRange(chart.categories);
  const categories = categoryRange(chart);
  if (chart.seriesBy === "columns") {
    const first = given ? d.left : d.left + 1;
    const out: SeriesRefs[] = [];
    for (let c = first; c <= d.right; c++) {
      out.push({
        name: ref(sheet, { top: d.top, left: c, bottom: d.top, right: c }),
        categories: ref(sheet, categories),
        values: ref(sheet, { top: d.top + 1, left: c, bottom: d.bottom, right: c }),
      });
    }
    return out;
  }
  const first = given ? d.top : d.top + 1;
  const out: SeriesRefs[] = [];
  for (let r = first; r <= d.bottom; r++) {
    out.push({
      name: ref(sheet, { top: r, left: d.left, bottom: r, right: d.left }),
      categories: ref(sheet, categories),
      values: ref(sheet, { top: r, left: d.left + 1, bottom: r, right: d.right }),
    });
  }
  return out;
}

/** The cells holding the chart's category labels. */
export function categoryRange(chart: ChartPlan): RangeRef {
  if (chart.categories !== undefined) return parseRange(chart.categories);
  const d = parseRange(chart.dataRange);
  return chart.seriesBy === "columns"
    ? { top: d.top + 1, left: d.left, bottom: d.bottom, right: d.left }
    : { top: d.top, left: d.left + 1, bottom: d.top, right: d.right };
}

export const escapeXml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

const NS = 'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const CAT_AX = 500000001;
const VAL_AX = 500000002;

const title = (text: string): string =>
  `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="en-US" sz="1200" b="1"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;

/** Category cells hold numbers (months) or text (names): the reference kind says which. */
const categoryRef = (s: SeriesRefs, numeric: boolean): string =>
  numeric ? `<c:cat><c:numRef><c:f>${escapeXml(s.categories)}</c:f></c:numRef></c:cat>` : `<c:cat><c:strRef><c:f>${escapeXml(s.categories)}</c:f></c:strRef></c:cat>`;

const seriesHead = (s: SeriesRefs, i: number): string =>
  `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${escapeXml(s.name)}</c:f></c:strRef></c:tx>`;

const values = (s: SeriesRefs): string => `<c:val><c:numRef><c:f>${escapeXml(s.values)}</c:f></c:numRef></c:val>`;

const PERCENT_LABELS = '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="1"/><c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls>';

function axes(horizontalBars: boolean, bounds: ChartPlan["valueAxis"] = {}): string {
  // A horizontal bar chart lists categories top to bottom in data order: its category axis runs maxMin.
  const catPos = horizontalBars ? "l" : "b";
  const valPos = horizontalBars ? "b" : "l";
  return `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="${horizontalBars ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/><c:axPos val="${catPos}"/>` +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>' +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/>${bounds.max !== undefined ? `<c:max val="${bounds.max}"/>` : ""}${bounds.min !== undefined ? `<c:min val="${bounds.min}"/>` : ""}</c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${valPos}"/><c:majorGridlines/>` +
    (bounds.format !== undefined ? `<c:numFmt formatCode="${escapeXml(bounds.format)}" sourceLinked="0"/>` : '<c:numFmt formatCode="General" sourceLinked="1"/>') +
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `<c:crossAx val="${CAT_AX}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
}

const BARS: Readonly<Record<Exclude<ChartKind, "doughnut" | "line">, { dir: "bar" | "col"; grouping: "clustered" | "stacked" }>> = {
  bar: { dir: "bar", grouping: "clustered" },
  barStacked: { dir: "bar", grouping: "stacked" },
  columnClustered: { dir: "col", grouping: "clustered" },
  columnStacked: { dir: "col", grouping: "stacked" },
};

/** The plot area's chart element(s) for the kind. */
function plot(chart: ChartPlan, series: readonly SeriesRefs[], numericCategories: boolean): string {
  const kind = chart.kind;
  const axIds = `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/>`;
  if (kind === "doughnut") {
    const ser = series.map((s, i) => `<c:ser>${seriesHead(s, i)}${PERCENT_LABELS}${categoryRef(s, numericCategories)}${values(s)}</c:ser>`).join("");
    return `<c:doughnutChart><c:varyColors val="1"/>${ser}<c:firstSliceAng val="0"/><c:holeSize val="55"/></c:doughnutChart>`;
  }
  if (kind === "line") {
    const ser = series.map((s, i) =>
      `<c:ser>${seriesHead(s, i)}<c:spPr><a:ln w="22225" cap="rnd"><a:round/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>${categoryRef(s, numericCategories)}${values(s)}<c:smooth val="0"/></c:ser>`).join("");
    return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${ser}<c:marker val="1"/>${axIds}</c:lineChart>${axes(false, chart.valueAxis)}`;
  }
  const { dir, grouping } = BARS[kind];
  const ser = series.map((s, i) => `<c:ser>${seriesHead(s, i)}<c:invertIfNegative val="0"/>${categoryRef(s, numericCategories)}${values(s)}</c:ser>`).join("");
  const overlap = grouping === "stacked" ? '<c:overlap val="100"/>' : "";
  return `<c:barChart><c:barDir val="${dir}"/><c:grouping val="${grouping}"/><c:varyColors val="0"/>${ser}<c:gapWidth val="60"/>${overlap}${axIds}</c:barChart>${axes(dir === "bar", chart.valueAxis)}`;
}

/** The chart part's XML. `numericCategories`: the category cells hold numbers (e.g. months). */
export function chartXml(chart: ChartPlan, sheet: string, numericCategories = false): string {
  const series = chartSeries(chart, sheet);
  if (series.length === 0) throw new Error(`The chart "${chart.name}" has no series in ${chart.dataRange}.`);
  // One series: the title says what it is, a legend would repeat it (a doughnut's legend names the slices, so it stays).
  const legend = chart.kind === "doughnut" || series.length > 1 ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' : "";
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace ${NS}><c:roundedCorners val="0"/><c:chart>${title(chart.title)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot(chart, series, numericCategories)}</c:plotArea>${legend}` +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>';
}

/** The cells a chart covers on its sheet: from its anchor, widthCells across and heightCells down. */
export function chartArea(chart: ChartPlan): RangeRef {
  const { row, col } = parseCell(chart.anchor);
  return { top: row, left: col, bottom: row + Math.max(chart.heightCells, 1) - 1, right: col + Math.max(chart.widthCells, 1) - 1 };
}

/** The drawing part holding every chart of a sheet, chart i related as "rId{i+1}". */
export function drawingXml(charts: readonly ChartPlan[]): string {
  const anchors = charts.map((chart, i) => {
    const a = chartArea(chart);
    const at = (col: number, row: number): string => `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
    return '<xdr:twoCellAnchor editAs="oneCell">' +
      `<xdr:from>${at(a.left - 1, a.top - 1)}</xdr:from><xdr:to>${at(a.right, a.bottom)}</xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXml(chart.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
      `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
  }).join("");
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${anchors}</xdr:wsDr>`;
}

/** Whether the plan puts a number in every non-blank cell of the range (categories that are months, not names). */
export function holdsNumbers(plan: SheetPlan, r: RangeRef): boolean {
  let seen = 0;
  for (const block of plan.blocks) {
    const { row: top, col: left } = parseCell(block.at);
    for (let i = 0; i < block.cells.length; i++) {
      const row = block.cells[i]!;
      for (let j = 0; j < row.length; j++) {
        const [y, x] = [top + i, left + j];
        if (y < r.top || y > r.bottom || x < r.left || x > r.right) continue;
        const v = row[j];
        if (v === null || v === "") continue;
        if (typeof v !== "number") return false;
        seen += 1;
      }
    }
  }
  return seen > 0;
}
