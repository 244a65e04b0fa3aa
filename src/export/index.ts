// Writing sheet plans to .xlsx files (exceljs; runs in Node and the browser).
export { planToXlsx, buildWorkbook } from "./xlsx";
export { addNativeCharts } from "./charts";
export { chartSeries, chartXml, type SeriesRefs } from "./chartXml";
