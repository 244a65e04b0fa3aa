import { spawnSync } from "child_process";
import { existsSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";

/** Running the compiled CLI and editing a model's inputs, for the LibreOffice proof. */
const ROOT = join(__dirname, "..", "..");
export const BIN = join(ROOT, "bin", "token-model.js");

export function assertBuilt(): void {
  const main = join(ROOT, "build", "cli", "cli", "main.js");
  if (!existsSync(main)) throw new Error(`The CLI is not built: ${main} is missing. Run "npm run build" (npm test does it in pretest).`);
}

/** token-model <args>; throws with its stderr unless it exits 0. */
export function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60000 });
  if (r.status !== 0) throw new Error(`token-model ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
  return r.stdout;
}

export type InputValue = string | number | null;

/**
 * Copies a model, typing values into named input cells as a user would:
 * a scalar into a one-cell name, a list into a range (row by row; missing
 * entries are cleared).
 */
export async function editModel(base: string, out: string, edits: Readonly<Record<string, InputValue | readonly InputValue[]>>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(base);
  for (const [name, value] of Object.entries(edits)) {
    const ref = wb.definedNames.model.find((n) => n.name.toLowerCase() === name.toLowerCase())?.ranges[0];
    if (!ref) throw new Error(`The model has no defined name "${name}".`);
    const bang = ref.lastIndexOf("!");
    const sheet = ref.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
    const [from, to = from] = ref.slice(bang + 1).replace(/\$/g, "").split(":") as [string, string?];
    const ws = wb.getWorksheet(sheet)!;
    const a = ws.getCell(from);
    const b = ws.getCell(to!);
    const values = Array.isArray(value) ? value : [value];
    let k = 0;
    for (let r = Number(a.row); r <= Number(b.row); r++) {
      for (let c = Number(a.col); c <= Number(b.col); c++) ws.getCell(r, c).value = values[k++] ?? null;
    }
    if (!Array.isArray(value) && k !== 1) throw new Error(`"${name}" is a range of ${k} cells; give a list.`);
  }
  await wb.xlsx.writeFile(out);
}

/**
 * The FeeBucketTable edit (row by row: name, a share per stage, cap, floor)
 * for the standard buckets, from a grid of shares with stages down and
 * buckets across (row-major, as the old share table was); the rows past
 * them cleared.
 */
export function standardBucketTable(sharesByStage: readonly number[], names: readonly string[], stages: number, rows = 12): InputValue[] {
  const out: InputValue[] = [];
  for (let j = 0; j < rows; j++) {
    if (j < names.length) out.push(names[j]!, ...Array.from({ length: stages }, (_, i) => sharesByStage[i * names.length + j]!), null, null);
    else out.push(...Array.from({ length: stages + 3 }, () => null));
  }
  return out;
}
