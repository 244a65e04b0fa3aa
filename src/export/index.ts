// Writing sheet plans to .xlsx files (exceljs; runs in Node and the browser).
export { planToXlsx, buildWorkbook } from "./xlsx";
export { chartNote } from "./charts";
