import type { SheetPlan } from "../src/plans";
import { functionsIn, referencesIn, Workbook, XlError } from "./helpers/formulaEval";

/** A one-sheet workbook plus a second sheet with a space in its name. */
function book(cells: Record<string, unknown>, other: Record<string, unknown> = {}): Workbook {
  const plan = (key: "summary" | "feeSplit", name: string, values: Record<string, unknown>): SheetPlan => ({
    key, name, visible: true, columnWidths: [], tables: [], validations: [], conditionalFormats: [], charts: [],
    names: key === "feeSplit" ? [{ name: "Rev", range: "$A$1" }, { name: "List", range: "$B$1:$B$3" }] : [],
    blocks: Object.entries(values).map(([at, v]) => ({ at, role: "computed", cells: [[v as never]] })),
  });
  return new Workbook([plan("summary", "S", cells), plan("feeSplit", "Fee Split", other)]);
}

describe("the test evaluator", () => {
  const other = { A1: 100, B1: "buyback", B2: "Discount", B3: null, C1: true };
  const ev = (formula: string): unknown => book({ Z1: formula }, other).get("S", "Z1");

  test("arithmetic, precedence, text and comparison", () => {
    expect(ev("=1+2*3^2")).toBe(19);
    expect(ev("=-2^2")).toBe(4);
    expect(ev("=(1+2)*3")).toBe(9);
    expect(ev('="a"&1&TRUE')).toBe("a1TRUE");
    expect(ev('="ABC"="abc"')).toBe(true);
    expect(ev('=1<"a"')).toBe(true);
    expect(ev("=1/0")).toEqual(new XlError("#DIV/0!"));
    expect(ev("=1E-3*1000")).toBe(1);
    expect(ev("=TRUE+1")).toBe(2);
  });

  test("references, names and blanks", () => {
    expect(ev("='Fee Split'!A1*2")).toBe(200);
    expect(ev("=Rev+1")).toBe(101);
    expect(ev("='Fee Split'!B3")).toBe(0);
    expect(ev('=\'Fee Split\'!B3=""')).toBe(true);
    expect(ev("=ISBLANK('Fee Split'!B3)")).toBe(true);
    expect(ev("=MATCH(\"discount\",List,0)")).toBe(2);
    expect(ev("=MATCH(\"x\",List,0)")).toEqual(new XlError("#N/A"));
    expect(ev("=IFERROR(MATCH(\"x\",List,0),-1)")).toBe(-1);
    expect(ev("=INDEX(List,1)")).toBe("buyback");
    expect(ev("=Nope")).toEqual(new XlError("#NAME?"));
  });

  test("functions over ranges and arrays", () => {
    expect(ev("=COUNTIF(List,\"<>\")")).toBe(2);
    expect(ev("=COUNTIF(List,\"Buy*\")")).toBe(1);
    expect(ev("=SUMPRODUCT(--(LEN(TRIM(List))>0))")).toBe(2);
    expect(ev("=GCD(12,18,0)")).toBe(6);
    expect(ev("=GCD(-1)")).toEqual(new XlError("#NUM!"));
    expect(ev("=ROUND(1.005*100,0)")).toBe(101);
    expect(ev("=ROUND(-2.5,0)")).toBe(-3);
    expect(ev("=ROUNDDOWN(-2.7,0)")).toBe(-2);
    expect(ev("=AND(TRUE,1,'Fee Split'!C1)")).toBe(true);
    expect(ev('=LEFT("abc, ",LEN("abc, ")-2)')).toBe("abc");
    expect(ev("=IF(FALSE,1/0,\"lazy\")")).toBe("lazy");
    expect(() => ev("=XLOOKUP(1,List,List)")).toThrow(/does not know XLOOKUP/);
  });

  test("circular references are caught", () => {
    const wb = book({ A1: "=A2", A2: "=A1" });
    expect(() => wb.get("S", "A1")).toThrow(/Circular/);
  });

  test("formula inspection", () => {
    expect(functionsIn("=IF(SUM(A1:A2)>0,ROUND(B1,0),\"MAX(\")")).toEqual(["IF", "SUM", "ROUND"]);
    expect(referencesIn("='Fee Split'!A1+Other!B2+Rev_2")).toEqual({ sheets: ["Fee Split", "Other"], names: ["Rev_2"] });
  });
});
