/**
 * Formulas as an .xlsx file stores them. Excel's UI (and Office.js) accept
 * functions added after Excel 2007 by their plain name, but the file format
 * spells them with a "_xlfn." prefix; written plain they show #NAME? in
 * Excel. LibreOffice reads both spellings.
 */
const FUTURE_FUNCTIONS: ReadonlySet<string> = new Set([
  "ACOT", "ACOTH", "AGGREGATE", "ARABIC", "BASE", "BITAND", "BITLSHIFT", "BITOR", "BITRSHIFT", "BITXOR",
  "CEILING.MATH", "CEILING.PRECISE", "CONCAT", "COVARIANCE.P", "COVARIANCE.S", "DAYS", "DECIMAL",
  "FLOOR.MATH", "FLOOR.PRECISE", "FORMULATEXT", "IFNA", "IFS", "ISFORMULA", "ISOWEEKNUM", "MAXIFS", "MINIFS",
  "MODE.MULT", "MODE.SNGL", "NORM.DIST", "NORM.INV", "NORM.S.DIST", "NORM.S.INV", "NUMBERVALUE",
  "PERCENTILE.EXC", "PERCENTILE.INC", "QUARTILE.EXC", "QUARTILE.INC", "RANK.AVG", "RANK.EQ", "SHEET", "SHEETS",
  "STDEV.P", "STDEV.S", "SWITCH", "TEXTJOIN", "UNICHAR", "UNICODE", "VAR.P", "VAR.S", "XOR",
]);

/** "=SUM(A1:A3)" -> "SUM(A1:A3)" with newer functions prefixed; strings and quoted sheet names are left alone. */
export function toFileFormula(formula: string): string {
  const text = formula.startsWith("=") ? formula.slice(1) : formula;
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      // A quoted run ends at a lone quote; a doubled quote is an escaped one.
      let j = i + 1;
      while (j < text.length && !(text[j] === ch && text[j + 1] !== ch)) j += text[j] === ch ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
    if (word && (i === 0 || !/[A-Za-z0-9_.!$]/.test(text[i - 1]!))) {
      const name = word[0];
      const isCall = text[i + name.length] === "(";
      out += isCall && FUTURE_FUNCTIONS.has(name.toUpperCase()) ? `_xlfn.${name}` : name;
      i += name.length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}
