import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/** The shared runner (plain JS, also used by scripts/screenshots.js). */
const lo = require("../../scripts/lib/libreoffice.js") as {
  convert(inputs: string | readonly string[], outDir: string, format: string, options?: { timeoutMs?: number }): Promise<{ outputs: string[]; ms: number }>;
  findSoffice(): { bin: string; version: string } | null;
};

export const findSoffice = lo.findSoffice;

/** One entry per LibreOffice process started: how many files and how long it took. */
export const runs: { files: number; ms: number }[] = [];

/**
 * Opens each file in headless LibreOffice with every formula recalculated
 * (cached values are not trusted) and saves it as .xlsx in a new folder;
 * resolves to the recalculated files, in order. One LibreOffice process
 * handles the whole list; base names must differ.
 */
export async function recalcAll(paths: readonly string[], options: { timeoutMs?: number } = {}): Promise<string[]> {
  const outDir = mkdtempSync(join(tmpdir(), "lo-recalc-"));
  const { outputs, ms } = await lo.convert(paths, outDir, "xlsx:Calc MS Excel 2007 XML", options);
  runs.push({ files: paths.length, ms });
  return outputs;
}

/** recalc(path) -> path of the recalculated copy. */
export async function recalc(path: string): Promise<string> {
  return (await recalcAll([path]))[0]!;
}

/** Converts to PDF (all printable sheets in one file) in a new folder. */
export async function toPdf(path: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "lo-pdf-"));
  const { outputs, ms } = await lo.convert([path], outDir, "pdf");
  runs.push({ files: 1, ms });
  return outputs[0]!;
}

/** Converts to another format LibreOffice writes ("ods", "pdf" ...), formulas recalculated on load, in a new folder. */
export async function convertTo(path: string, format: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), `lo-${format.split(":")[0]}-`));
  const { outputs, ms } = await lo.convert([path], outDir, format);
  runs.push({ files: 1, ms });
  return outputs[0]!;
}
