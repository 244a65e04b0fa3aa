import fc from "fast-check";
import { propertyRuns } from "./helpers/propertyRuns";
import { feeSplit, MAX_AMOUNT_CENTS, numberText, toCents, TokenError } from "../src";

/** One convention for numbers typed as text, shared by the functions and the CLI (src/numberText.ts). */
describe("numeric text", () => {
  it("reads comma thousands, a point for decimals, a sign, a currency sign and spaces around", () => {
    expect(toCents("1,000.50", "revenue")).toBe(100050);
    expect(toCents(" $1,234,567.891 ", "revenue")).toBe(123456789);
    expect(toCents("-$0", "revenue")).toBe(0);
    expect(toCents("1000", "revenue")).toBe(100000);
    expect(toCents(".5", "revenue")).toBe(50);
    expect(toCents("1e3", "revenue")).toBe(100000);
    expect(toCents("\u00a0250.5\u00a0", "revenue")).toBe(25050);
  });

  it("refuses what another convention would read differently, saying why; no digit is dropped", () => {
    const cases: [string, RegExp][] = [
      ["1.000,50", /point for thousands and a comma for decimals/],
      ["1.000.000", /point for thousands/],
      ["12 34", /spaces or marks between digits/],
      ["1'000", /spaces or marks between digits/],
      ["1,00", /point for thousands/],
      ["1,0000", /do not group thousands/],
      ["10,00,000", /do not group thousands/],
      ["1,000.5.0", /not a number|do not group/],
      ["0x10", /not a number/],
      ["Infinity", /not a number/],
      ["$$5", /not a number/],
      ["--5", /two signs/],
      ["", /blank/],
    ];
    for (const [text, why] of cases) {
      expect(() => toCents(text, "revenue")).toThrow(TokenError);
      expect(() => toCents(text, "revenue")).toThrow(why);
    }
    expect("why" in numberText("5$")).toBe(true);
    expect("why" in numberText("$5")).toBe(true); // currency only where amounts are read
    expect(numberText("$5", { currency: true })).toEqual({ ok: "5" });
  });

  it("round-trips every amount written the one way, to the cent", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_CENTS }), (cents) => {
      const text = `$${(Math.floor(cents / 100)).toLocaleString("en-US")}.${String(cents % 100).padStart(2, "0")}`;
      expect(toCents(text, "revenue")).toBe(cents);
    }), { numRuns: propertyRuns(2000) });
  });

  it("has one maximum amount: 9,999,999,999,999.99, for numbers and text alike", () => {
    expect(feeSplit("9,999,999,999,999.99", "growth").revenueCents).toBe(MAX_AMOUNT_CENTS);
    expect(feeSplit(9_999_999_999_999.99, "growth").revenueCents).toBe(MAX_AMOUNT_CENTS);
    for (const v of [10_000_000_000_000, "10,000,000,000,000", 1e15, "90071992547409.91"]) {
      expect(() => feeSplit(v, "growth")).toThrow(/amounts up to 9,999,999,999,999\.99 are supported/);
    }
    expect(() => feeSplit(100, "growth", { caps: { buyback: 1e13 } })).toThrow(/buyback cap .* too large/);
  });

  it("cuts a long echo to a short prefix", () => {
    const long = "9".repeat(100_000);
    let message = "";
    try { toCents(long, "revenue"); } catch (e) { message = (e as Error).message; }
    expect(message.length).toBeLessThan(200);
    expect(() => feeSplit(1, "x".repeat(100_000))).toThrow(/^Unknown stage "x{40}…"/);
  });
});
