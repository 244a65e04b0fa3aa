// The functions' runtime contract: what functions.json asks of Excel matches
// the manifest's CustomFunctionsRuntime version, and a large TOKEN.STRESS
// hands the shared thread back between chunks with the very same table.
import fs from "fs";
import path from "path";
import { stressCell, stressTable, STRESS_WORK } from "../functions/stress";
import { callExcel, DIST_DIR, harness, isExcelError } from "./helpers/functionsHarness";

const ROOT = path.resolve(__dirname, "..");

describe("functions.json and the manifest agree on CustomFunctionsRuntime", () => {
  const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const runtime = /<Set Name="CustomFunctionsRuntime" MinVersion="([\d.]+)"\/>/.exec(manifest)?.[1];
  const metadata = JSON.parse(fs.readFileSync(path.join(DIST_DIR, "functions.json"), "utf8")) as Record<string, unknown>;

  it("the manifest asks for 1.2, and the metadata uses nothing newer", () => {
    expect(runtime).toBe("1.2");
    // allowCustomDataForDataTypeAny (data types in `any` parameters) needs CustomFunctionsRuntime 1.4.
    expect(metadata).not.toHaveProperty("allowCustomDataForDataTypeAny");
    expect(Object.keys(metadata).sort()).toEqual(["functions"]);
    for (const f of harness().metadata.functions as readonly { options?: Record<string, unknown> }[]) {
      // requiresAddress / requiresParameterAddresses / capturesCallingObject are 1.x features beyond 1.2's needs: none used.
      expect(Object.keys(f.options ?? {}).filter((k) => f.options![k] === true)).toEqual([]);
    }
  });
});

describe("TOKEN.STRESS on the shared thread", () => {
  const big = (seed: number): unknown[] => [10_000_000, 0.01, 0.15, 60, [["growth"]], 6_000, seed, 3_000_000, null, 500_000];

  it("a run up to the one-go size answers at once, as before", () => {
    const args = [1_000_000, 0.02, 0.2, 36, [["growth"]], Math.floor(STRESS_WORK.syncPathMonths / 36), 3];
    const out = callExcel("STRESS", ...args);
    expect(Array.isArray(out)).toBe(true);
    expect(stressCell(args)).toEqual(stressTable(args));
    // Exactly the one-go size (2,000 paths x 100 months) still answers at once.
    expect(Array.isArray(stressCell([1000, 0, 0.1, 100, "growth", 2000, 1]))).toBe(true);
    expect(STRESS_WORK.syncPathMonths).toBe(2000 * 100);
  });

  it("a larger run answers with a Promise of exactly the one-go table", async () => {
    const args = [2_000_000, 0.01, 0.3, 60, [["mature"]], 4_000, 11, null, 100_000];
    const later = stressCell(args);
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toEqual(stressTable(args));
  });

  it("several large cells at once (through the built bundle): the thread runs other work between their chunks, and each table is right", async () => {
    let ticks = 0;
    let running = true;
    const tick = (): void => { ticks += 1; if (running) setTimeout(tick, 0); };
    setTimeout(tick, 0);
    const calls = [1, 2, 3].map((seed) => callExcel("STRESS", ...big(seed)));
    for (const c of calls) expect(c).toBeInstanceOf(Promise);
    const tables = await Promise.all(calls);
    running = false;
    // Runs of 6,000 paths x 60 months go in chunks of 1,666 paths (4 chunks): the other work got the thread between every round of chunks.
    const chunks = Math.ceil(6_000 / Math.floor(STRESS_WORK.chunkPathMonths / 60));
    expect(chunks).toBe(4);
    expect(ticks).toBeGreaterThanOrEqual(chunks);
    tables.forEach((t, i) => expect(t).toEqual(stressTable(big(i + 1))));
  });

  it("a bad argument still answers at once with #VALUE! and a message; a rejected run becomes the error cell", async () => {
    const bad = callExcel("STRESS", 1_000_000, 0.02, 0.2, 121, "growth", 20_000) as unknown[][];
    expect(Array.isArray(bad)).toBe(true);
    expect(isExcelError(bad[0]![0])).toBe(true);
    // Too large to show in a cell: found after the paths ran, so through the Promise.
    const huge = (await callExcel("STRESS", 9_999_999_999_999, 0.2, 0.1, 120, "growth", 2_000, 1)) as unknown[][];
    expect(isExcelError(huge[0]![0])).toBe(true);
    expect((huge[0]![0] as { message: string }).message).toMatch(/lower the growth, volatility/i);
  });
});
