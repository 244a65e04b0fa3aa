import ExcelJS from "exceljs";

/** Reading .xlsx files back in tests: values as a spreadsheet computed them. */
export async function readXlsx(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

export type Computed = string | number | boolean | Date | { readonly error: string } | null | undefined;

export interface FormulaCell {
  readonly sheet: string;
  readonly address: string;
  readonly formula: string;
  readonly result: Computed;
}

interface FormulaValue {
  readonly formula?: string;
  readonly sharedFormula?: string;
  readonly result?: Computed;
}

const isFormula = (v: unknown): v is FormulaValue =>
  v !== null && typeof v === "object" && ("formula" in v || "sharedFormula" in v);

/** Every formula cell of every sheet, hidden ones included, with its cached result. */
export function formulaCells(wb: ExcelJS.Workbook): FormulaCell[] {
  const found: FormulaCell[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (isFormula(v)) found.push({ sheet: ws.name, address: cell.address, formula: v.formula ?? v.sharedFormula ?? "", result: v.result });
      });
    });
  });
  return found;
}

/** A result that is an error (#NAME?, #VALUE!, Err:502 ...) or missing altogether (never computed). */
export function isBadResult(result: Computed): boolean {
  if (result === undefined) return true;
  if (result !== null && typeof result === "object" && "error" in result) return true;
  return typeof result === "string" && /^(#(NAME\?|VALUE!|REF!|DIV\/0!|NUM!|N\/A|NULL!)|Err:\d+)/.test(result);
}

/** The value a cell shows: the computed result of a formula, or the constant. */
export function shown(wb: ExcelJS.Workbook, sheet: string, address: string): Computed {
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`There is no sheet "${sheet}".`);
  const v = ws.getCell(address).value;
  if (isFormula(v)) return v.result;
  if (v !== null && typeof v === "object" && "richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
  return v as Computed;
}

/** Where a workbook-scoped defined name points: its sheet and first range (without $). */
export function nameTarget(wb: ExcelJS.Workbook, name: string): { sheet: string; range: string } {
  const entry = wb.definedNames.model.find((n) => n.name.toLowerCase() === name.toLowerCase());
  const ref = entry?.ranges[0];
  if (!ref) throw new Error(`There is no defined name "${name}".`);
  const bang = ref.lastIndexOf("!");
  const sheet = ref.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
  return { sheet, range: ref.slice(bang + 1).replace(/\$/g, "") };
}
