import {
  cellAt, columnIndex, columnLetter, defaultNaming, MODEL_NAME_BASES, namingFor, PLAN_KEYS, qualified, quoteSheet, rangeAt,
  resolveNaming, absolute, text,
} from "../src/plans";

describe("naming", () => {
  test("the first model uses plain sheet names and no suffix", () => {
    const n = defaultNaming();
    expect(n.suffix).toBe("");
    expect(n.sheets).toEqual({
      readme: "Read me", summary: "Summary", layers: "Layers", productCore: "Product Core", mechanics: "Mechanics", feeSplit: "Fee Split",
      checklist: "Checklist", stressTest: "Stress Test", comparables: "Comparables", reference: "Reference",
    });
  });

  test("an empty workbook (or one with unrelated sheets) gets the first model", () => {
    expect(resolveNaming([], [])).toEqual(defaultNaming());
    expect(resolveNaming(["Sheet1", "Data"], ["Prices", "FeeRevenueOld"])).toEqual(defaultNaming());
  });

  test("a second model never overwrites the first: next free sheet names, one suffix for every name", () => {
    const first = defaultNaming();
    const taken = PLAN_KEYS.map((k) => first.sheets[k]);
    const n = resolveNaming(taken, MODEL_NAME_BASES);
    expect(n.suffix).toBe("_2");
    expect(n.sheets.feeSplit).toBe("Fee Split (2)");
    expect(Object.values(n.sheets).every((s) => s.endsWith(" (2)"))).toBe(true);
    const third = resolveNaming([...taken, ...Object.values(n.sheets)], [...MODEL_NAME_BASES, ...MODEL_NAME_BASES.map((b) => `${b}_2`)]);
    expect(third.suffix).toBe("_3");
    expect(third.sheets.summary).toBe("Summary (3)");
  });

  test("one taken sheet name or one taken defined name is enough to move on; case does not matter", () => {
    expect(resolveNaming(["fee split"], []).suffix).toBe("_2");
    expect(resolveNaming([], ["SPLITBUYBACK"]).sheets.summary).toBe("Summary (2)");
    expect(resolveNaming([], ["Sheet1!FeeRevenue"]).suffix).toBe("_2");
    expect(resolveNaming(["Summary (2)"], ["FeeRevenue"]).suffix).toBe("_3");
    expect(resolveNaming([], ["FeeRevenue", "ChecklistScore_2"]).suffix).toBe("_3");
  });

  test("sheet names stay within Excel's 31 characters", () => {
    for (const k of PLAN_KEYS) expect(namingFor(999).sheets[k].length).toBeLessThanOrEqual(31);
    expect(() => namingFor(0)).toThrow(RangeError);
  });
});

describe("references", () => {
  test("columns", () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "AAA"]);
    for (const n of [1, 26, 27, 52, 703, 16384]) expect(columnIndex(columnLetter(n))).toBe(n);
  });

  test("cells and ranges", () => {
    expect(cellAt(3, 5)).toBe("C5");
    expect(cellAt(3, 5, true)).toBe("$C$5");
    expect(rangeAt(2, 3, 5, 3)).toBe("B3:E3");
    expect(rangeAt(2, 3, 2, 3, true)).toBe("$B$3");
    expect(absolute("B3:E3")).toBe("$B$3:$E$3");
    expect(absolute("$B3")).toBe("$B$3");
  });

  test("sheet names are quoted when they must be", () => {
    expect(qualified("Reference", "$A$1")).toBe("Reference!$A$1");
    expect(qualified("Fee Split", "$B$5")).toBe("'Fee Split'!$B$5");
    expect(qualified("Fee Split (2)", "B5")).toBe("'Fee Split (2)'!B5");
    expect(quoteSheet("Bob's")).toBe("'Bob''s'");
    expect(quoteSheet("A1")).toBe("'A1'");
    expect(quoteSheet("R1C1")).toBe("'R1C1'");
    expect(quoteSheet("2024")).toBe("'2024'");
  });

  test("text in formulas doubles its quotes", () => {
    expect(text('say "hi"')).toBe('"say ""hi"""');
  });
});
