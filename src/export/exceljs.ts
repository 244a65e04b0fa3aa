/**
 * The one place exceljs is imported. Node resolves its "main" build; a web
 * bundler resolves its "browser" field (dist/exceljs.min.js, self-contained).
 * A bundler that does not read "browser" can alias "exceljs" to
 * "exceljs/dist/exceljs.min.js".
 */
import ExcelJS from "exceljs";

export default ExcelJS;
