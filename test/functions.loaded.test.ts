// One test, first in its file on purpose: under mutation testing the first
// test of a file is the one that loads functions.ts, and Stryker ties the
// module-level code (the catalogue readers, STRESS's "what to lower" text)
// to that test alone. Everything here is also checked elsewhere, later in
// other files, where Stryker cannot credit it.
import { ARCHETYPES, MECHANICS } from "../src/index";
import { callExcel, excelError, grid } from "./helpers/functionsHarness";

test("right after loading: the archetype and mechanic lists, and what a too-large STRESS says to lower", () => {
  expect(grid(callExcel("ARCHETYPES"))).toEqual(ARCHETYPES.map((a) => [a.id, a.name]));
  expect(grid(callExcel("MECHANICS"))).toEqual(MECHANICS.map((m) => [m.id, m.name]));
  const tooLarge = excelError(grid(callExcel("STRESS", 9_000_000_000_000, 0, 0, 6, "growth", 10, 1))[0]![0]);
  expect(String(tooLarge.message)).toMatch(/ Lower the revenue, growth, volatility or months\.$/);
});
