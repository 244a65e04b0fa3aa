import { cellAddress } from "../src/export/address";
import { asConstant, CHUNKS, constantsOf, describeShareable, makeShareable, scanCounts, scanWorkbook } from "../taskpane/makeShareable";
import { FakeExcel, type FakeCell, type FakeExcelOptions } from "./helpers/fakeExcel";

/**
 * Make shareable against the strict simulator: what ends up in the cells,
 * which requests it takes to get there (reads in bands, spill reads and
 * writes in chunks), the refusals and the report shown to the user.
 */

const WITH_SPILLS = { formatting: true, spills: true } as const;
const NO_SPILLS = { formatting: true, spills: false } as const;
const token = (value: unknown, formula = "=TOKEN.X()"): FakeCell => ({ formula, value });

/** A one-column sheet of `n` TOKEN cells (A1:An), each showing `value(row)`. */
function column(n: number, value: (row: number) => unknown): Record<string, FakeCell> {
  const cells: Record<string, FakeCell> = {};
  for (let r = 1; r <= n; r++) cells[`A${r}`] = token(value(r));
  return cells;
}

describe("what ends up in the cells", () => {
  it("TOKEN cells in one row but not side by side keep their own values; a constant between them and the cells of the next row stay put", async () => {
    const fake = new FakeExcel({
      sheets: [{ name: "S", cells: { A1: token(1), B1: "keep", C1: token(3), D2: token(4), E2: { formula: "=1+1", value: 2 } } }],
    });
    const report = await makeShareable(fake.run, NO_SPILLS);
    expect(report).toMatchObject({ formulas: 3, spilled: 0 });
    expect(["A1", "B1", "C1", "D1", "D2", "E2"].map((a) => fake.cell("S", a))).toEqual([1, "keep", 3, "", 4, "=1+1"]);
  });

  it("a spilled block reaching past the used range writes nothing invented into the cells beyond it", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S", cells: { A1: token(1), A2: 2 }, spills: { A1: "A1:A3" } }] });
    const report = await makeShareable(fake.run, WITH_SPILLS);
    expect(report).toMatchObject({ formulas: 1, spilled: 2 });
    expect(["A1", "A2", "A3"].map((a) => fake.cell("S", a))).toEqual([1, 2, ""]);
  });

  it("a value is written as a constant Excel keeps unchanged: text marked with an apostrophe, empty text and errors as they are", () => {
    // In Excel a lone apostrophe makes an empty cell hold (empty) text, and "'#DIV/0!" is text, not the error.
    expect(asConstant("1/2", "String")).toBe("'1/2");
    expect(asConstant("", "Empty")).toBe("");
    expect(asConstant("#DIV/0!", "Error")).toBe("#DIV/0!");
    expect(asConstant(0.1, "Double")).toBe(0.1);
    expect(constantsOf([["=A1", "#N/A", ""]], [["String", "Error", "Empty"]])).toEqual([["'=A1", "#N/A", ""]]);
  });

  it("a row of adjacent TOKEN cells goes to Excel as one write of the whole row", async () => {
    const cells: Record<string, FakeCell> = {};
    const values: number[] = [];
    for (let c = 1; c <= 50; c++) {
      cells[cellAddress(1, c)] = token(c * 10);
      values.push(c * 10);
    }
    const fake = new FakeExcel({ sheets: [{ name: "S", cells }] });
    await makeShareable(fake.run, NO_SPILLS);
    expect(fake.syncs).toBe(4); // sheets, used ranges, cells, the write
    // One command (64 bytes in the simulator) carrying the row; cell by cell would be 50 commands.
    expect(fake.requestSizes[3]).toBe(64 + JSON.stringify([values]).length);
    expect(fake.cell("S", cellAddress(1, 50))).toBe(500);
  });

  it("a tall spilled block is written in a few bands of rows, not row by row", async () => {
    const rows = 5_000;
    const cells: Record<string, unknown> = {};
    for (let r = 1; r <= rows; r++) cells[`A${r}`] = r;
    cells.A1 = token(1);
    const fake = new FakeExcel({ sheets: [{ name: "S", cells, spills: { A1: `A1:A${rows}` } }] });
    const report = await makeShareable(fake.run, WITH_SPILLS);
    expect(report).toMatchObject({ formulas: 1, spilled: rows - 1 });
    expect(fake.cell("S", `A${rows}`)).toBe(rows);
    const payload = JSON.stringify(Array.from({ length: rows }, (_, i) => [i + 1])).length;
    // A handful of commands of 64 bytes beyond the values; row by row would add 64 bytes per row.
    expect(fake.requestSizes[fake.requestSizes.length - 1]).toBeLessThan(payload + 64 * 10);
  });
});

describe("reading the workbook", () => {
  it("without formatting support it lists the sheets by name only and reports none as protected", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Locked", protected: true, cells: { A1: token(1) } }, { name: "Other", cells: { B2: 5 } }] });
    const scan = await scanWorkbook(fake.run, { formatting: false });
    expect(scan.map((s) => [s.sheet, s.protected])).toEqual([["Locked", false], ["Other", false]]);
    expect([...fake.used].some((api) => /protection/.test(api))).toBe(false);
  });

  it("an empty sheet has no used range, no cells and is not reported protected", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Empty" }, { name: "Locked", protected: true, cells: { A1: 1 } }] });
    const scan = await scanWorkbook(fake.run, { formatting: true });
    expect(scan).toEqual([
      { sheet: "Empty", protected: false, used: null, cells: [], values: [] },
      expect.objectContaining({ sheet: "Locked", protected: true, cells: [] }),
    ]);
  });

  it("each sheet's TOKEN cells are found at their own addresses, and scanCounts lists only sheets that have some", async () => {
    const fake = new FakeExcel({
      sheets: [
        { name: "One", cells: { B2: token(1), C3: "text" } },
        { name: "None", cells: { A1: "plain" } },
        { name: "Two", cells: { A1: 7, A4: token("a"), B4: token(2) } },
      ],
    });
    const scan = await scanWorkbook(fake.run, { formatting: true });
    expect(scan.map((s) => s.cells.map((c) => [c.row, c.col, c.value]))).toEqual([[[2, 2, 1]], [], [[4, 1, "'a"], [4, 2, 2]]]);
    expect(scanCounts(scan)).toEqual([{ sheet: "One", cells: 1 }, { sheet: "Two", cells: 2 }]);
  });

  it("asks only for formulas, values and types: a workbook whose answer just fits the response limit is read in one request", async () => {
    const cells: Record<string, unknown> = { A1: token("x".repeat(200)), B1: "y", A2: 3, B2: 4, A3: "z".repeat(200), B3: token(5) };
    const probe = new FakeExcel({ sheets: [{ name: "S", cells }] });
    const limit = await probe.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1:B3").load("formulas,values,valueTypes");
      await context.sync();
      return [range.formulas, range.values, range.valueTypes].reduce((n, a) => n + JSON.stringify(a).length, 0);
    });
    const fake = new FakeExcel({ sheets: [{ name: "S", cells }], payloadLimit: limit });
    const scan = await scanWorkbook(fake.run, { formatting: true });
    expect(fake.syncs).toBe(3);
    expect(scan[0]!.cells).toHaveLength(2);
  });

  it("a part too large for one response is read again in halves, and small parts share a request under the halved budget; progress never counts past the total", async () => {
    // "Big": one band of CHUNKS.readCells long-text cells, too large for one response; its halves fit.
    // "B" and "C": a quarter of that each, small numbers: together they fit the halved budget exactly.
    const big = CHUNKS.readCells;
    const quarter = big / 4;
    const text = (r: number) => `${"t".repeat(30)}${String(r).padStart(5, "0")}`;
    const fake = new FakeExcel({
      payloadLimit: 1_000_000,
      sheets: [
        { name: "Big", cells: column(big, text) },
        { name: "B", cells: column(quarter, (r) => r) },
        { name: "C", cells: column(quarter, (r) => -r) },
      ],
    });
    const progress: string[] = [];
    const scan = await scanWorkbook(fake.run, { formatting: true }, (m) => progress.push(m));
    // Sheets, used ranges, Big (refused), Big's first half, Big's second half, B and C together.
    expect(fake.syncs).toBe(6);
    expect(fake.synced).toBe(5);
    expect(progress).toEqual(["Reading the workbook: 1 of 3 parts…", "Reading the workbook: 2 of 3 parts…", "Reading the workbook: 3 of 3 parts…"]);
    expect(scan.map((s) => s.cells.length)).toEqual([big, quarter, quarter]);
    expect(scan[0]!.cells[big - 1]).toMatchObject({ row: big, value: `'${text(big)}` });
    expect(scan[2]!.cells[quarter - 1]).toMatchObject({ row: quarter, value: -quarter });
  });

  it("a single row too large for one response cannot be split further: the error is passed on", async () => {
    const fake = new FakeExcel({ payloadLimit: 50_000, sheets: [{ name: "S", cells: { A1: token("x".repeat(30_000)), B1: "y".repeat(30_000) } }] });
    await expect(makeShareable(fake.run, WITH_SPILLS)).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(fake.cell("S", "A1")).toBe("=TOKEN.X()");
  });

  it("one-row parts of two sheets too large together are read one at a time, not given up", async () => {
    // Each sheet's one row fits a response; both in one request do not.
    const fake = new FakeExcel({
      payloadLimit: 50_000,
      sheets: [{ name: "S", cells: { A1: token("x".repeat(30_000)) } }, { name: "T", cells: { A1: token("y".repeat(30_000)) } }],
    });
    const scan = await scanWorkbook(fake.run, { formatting: true });
    expect(scan.map((s) => s.cells.map((c) => c.value))).toEqual([[`'${"x".repeat(30_000)}`], [`'${"y".repeat(30_000)}`]]);
    // Sheets, used ranges, S and T together (refused), S, T.
    expect([fake.syncs, fake.synced]).toEqual([5, 4]);
  });

  it("any other failure of a read is passed on as it is, not retried in parts", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S", cells: { A1: token(1), A2: token(2) } }] });
    fake.failAt = { sync: 3, command: 0, code: "GeneralException" };
    await expect(makeShareable(fake.run, WITH_SPILLS)).rejects.toMatchObject({ code: "GeneralException" });
    expect(fake.syncs).toBe(3);
    expect(fake.cell("S", "A1")).toBe("=TOKEN.X()");
  });
});

describe("requirement sets", () => {
  it("with nothing to convert, the report still says whether spills could have been read", async () => {
    const plain = () => new FakeExcel({ sheets: [{ name: "S", cells: { A1: 1 } }] });
    await expect(makeShareable(plain().run, WITH_SPILLS)).resolves.toEqual({ sheets: [], formulas: 0, spilled: 0, anchorsOnly: false });
    await expect(makeShareable(plain().run, NO_SPILLS)).resolves.toEqual({ sheets: [], formulas: 0, spilled: 0, anchorsOnly: true });
  });
});

describe("requests in chunks", () => {
  it("spill ranges are read CHUNKS.spillReads cells per request, with no empty request after a full chunk", async () => {
    const syncsFor = async (n: number): Promise<number> => {
      const fake = new FakeExcel({ sheets: [{ name: "S", cells: column(n, (r) => r) }] });
      const report = await makeShareable(fake.run, WITH_SPILLS);
      expect(report.formulas).toBe(n);
      expect(fake.cell("S", `A${n}`)).toBe(n);
      return fake.syncs;
    };
    // Sheets, used ranges and cells; the spill reads; the writes (well under CHUNKS.writeBytes).
    expect(await syncsFor(CHUNKS.spillReads)).toBe(3 + 1 + 1);
    expect(await syncsFor(CHUNKS.spillReads + 1)).toBe(3 + 2 + 1);
  });

  it("writes are sent as soon as they reach CHUNKS.writeBytes, with progress, and no empty request follows", async () => {
    // 40 TOKEN cells in a column (40 writes), each written as [["'…"]]: 25,000 bytes of JSON each, 1,000,000 in all.
    const count = 40;
    const each = CHUNKS.writeBytes / count;
    const text = (r: number) => `${String(r).padStart(2, "0")}${"w".repeat(each - 7 - 2)}`;
    expect(JSON.stringify([[`'${text(1)}`]]).length * count).toBe(CHUNKS.writeBytes);
    const fake = new FakeExcel({ sheets: [{ name: "S", cells: column(count, text) }] });
    const progress: string[] = [];
    await makeShareable(fake.run, WITH_SPILLS, (m) => progress.push(m));
    expect(progress).toEqual(["Writing values: part 1 sent…"]); // one band read: no reading progress
    expect(fake.syncs).toBe(5); // sheets, used ranges, cells, spills, the one part
    expect(fake.cell("S", "A1")).toBe(text(1));
    expect(fake.cell("S", `A${count}`)).toBe(text(count));
  });
});

describe("refusals name what is wrong and change nothing", () => {
  const refused = async (sheets: FakeExcelOptions["sheets"]): Promise<string> => {
    const fake = new FakeExcel({ sheets });
    const error = await makeShareable(fake.run, WITH_SPILLS).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    for (const s of fake.sheets) for (const c of s.cells.values()) if (typeof c.formula === "string" && c.formula.startsWith("=")) expect(c.formula).toBe("=TOKEN.X()");
    return (error as Error).message;
  };

  it("protected sheets holding TOKEN formulas, one or several", async () => {
    expect(await refused([{ name: "A", protected: true, cells: { A1: token(1) } }, { name: "Free", cells: { A1: token(2) } }]))
      .toBe('"A" is protected and hold TOKEN formulas. Unprotect (Review > Unprotect Sheet) and try again; nothing was changed.');
    expect(await refused([
      { name: "A", protected: true, cells: { A1: token(1) } },
      { name: "Plain", protected: true, cells: { A1: 1 } },
      { name: "B", protected: true, cells: { A1: token(2) } },
    ])).toBe('"A", "B" are protected and hold TOKEN formulas. Unprotect (Review > Unprotect Sheet) and try again; nothing was changed.');
  });

  it("TOKEN formulas still calculating (#BUSY!), one or several", async () => {
    expect(await refused([{ name: "S", cells: { A1: token("#BUSY!"), A2: token(1) } }]))
      .toBe("1 TOKEN formula is still calculating. Wait a moment and try again; nothing was changed.");
    expect(await refused([{ name: "S", cells: { A1: token("#BUSY!") } }, { name: "T", cells: { B1: token("#BUSY!"), B2: token("#NAME?") } }]))
      .toBe("2 TOKEN formulas are still calculating. Wait a moment and try again; nothing was changed.");
  });

  it("TOKEN formulas showing #NAME?, one or several", async () => {
    expect(await refused([{ name: "S", cells: { A1: token("#NAME?"), A2: token(1) } }]))
      .toBe("1 TOKEN formula shows #NAME? (the add-in's functions are not loaded), so there is no value to keep. Reload the add-in and try again; nothing was changed.");
    expect(await refused([{ name: "S", cells: { A1: token("#NAME?"), A2: token("#NAME?") } }]))
      .toBe("2 TOKEN formulas show #NAME? (the add-in's functions are not loaded), so there is no value to keep. Reload the add-in and try again; nothing was changed.");
  });
});

describe("the message to the user", () => {
  const NATIVE = " Native formulas were left as they are.";
  const ANCHORS = " This Excel cannot report spilled ranges (ExcelApi 1.12), so only the formula cells were converted: a TOKEN formula that filled the cells beside it now keeps only its first value.";

  it("nothing found", () => {
    expect(describeShareable({ sheets: [], formulas: 0, spilled: 0, anchorsOnly: false })).toBe("No TOKEN formulas found: the workbook already works without the add-in.");
  });

  it("one formula, no spills", () => {
    expect(describeShareable({ sheets: [{ sheet: "Model", formulas: 1, spilled: 0 }], formulas: 1, spilled: 0, anchorsOnly: false }))
      .toBe(`Replaced 1 TOKEN formula with its value ('Model' 1).${NATIVE}`);
  });

  it("several formulas over several sheets, one spilled cell", () => {
    const report = { sheets: [{ sheet: "A", formulas: 1, spilled: 1 }, { sheet: "It's", formulas: 2, spilled: 0 }], formulas: 3, spilled: 1, anchorsOnly: false };
    expect(describeShareable(report)).toBe(`Replaced 3 TOKEN formulas with their values ('A' 1, 'It''s' 2). 1 spilled cell was kept as values.${NATIVE}`);
  });

  it("several spilled cells", () => {
    const report = { sheets: [{ sheet: "A", formulas: 2, spilled: 5 }], formulas: 2, spilled: 5, anchorsOnly: false };
    expect(describeShareable(report)).toBe(`Replaced 2 TOKEN formulas with their values ('A' 2). 5 spilled cells were kept as values.${NATIVE}`);
  });

  it("without spill ranges (ExcelApi < 1.12), from a real conversion", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "S", cells: { A1: token(1), A2: token(2) }, spills: { A1: "A1:B1" } }] });
    expect(describeShareable(await makeShareable(fake.run, NO_SPILLS))).toBe(`Replaced 2 TOKEN formulas with their values ('S' 2).${ANCHORS}${NATIVE}`);
  });
});
