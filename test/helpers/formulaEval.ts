/**
 * A small, test-only evaluator for the subset of Excel formula syntax the
 * sheet plans use: A1 and cross-sheet references, ranges, defined names,
 * arithmetic, comparison, "&", and the functions listed in FUNCTIONS.
 * It follows Excel's coercion rules closely enough to check the plans'
 * numbers against the core; anything it does not know throws, so a plan
 * that uses more than this subset fails its tests.
 */
import type { PlanValue, SheetPlan } from "../../src/plans/types";

export class XlError {
  constructor(readonly code: "#N/A" | "#VALUE!" | "#REF!" | "#DIV/0!" | "#NUM!" | "#NAME?") {}
  toString(): string {
    return this.code;
  }
}
export type Scalar = number | string | boolean | null | XlError; // null: a blank cell
export interface Matrix {
  readonly kind: "matrix";
  readonly rows: readonly (readonly Scalar[])[];
}
type Value = Scalar | Matrix;

const isMatrix = (v: Value): v is Matrix => typeof v === "object" && v !== null && !(v instanceof XlError);
const matrix = (rows: Scalar[][]): Matrix => ({ kind: "matrix", rows });
const err = (code: XlError["code"]): XlError => new XlError(code);

// ---------------------------------------------------------------- parsing

type Node =
  | { readonly t: "num"; readonly v: number }
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "ref"; readonly sheet: string | null; readonly from: string; readonly to: string }
  | { readonly t: "name"; readonly name: string }
  | { readonly t: "call"; readonly fn: string; readonly args: readonly Node[] }
  | { readonly t: "un"; readonly op: "-" | "+"; readonly e: Node }
  | { readonly t: "bin"; readonly op: string; readonly l: Node; readonly r: Node };

type Token =
  | { readonly k: "num"; readonly v: number }
  | { readonly k: "str"; readonly v: string }
  | { readonly k: "ref"; readonly sheet: string | null; readonly from: string; readonly to: string }
  | { readonly k: "id"; readonly v: string }
  | { readonly k: "fn"; readonly v: string }
  | { readonly k: "op"; readonly v: string };

const CELL = "\\$?[A-Za-z]{1,3}\\$?\\d+";
const REF_RE = new RegExp(`^(${CELL})(?::(${CELL}))?(?![A-Za-z0-9_(])`);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    const rest = src.slice(i);
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '"') {
      let s = "";
      i++;
      for (;;) {
        if (i >= src.length) throw new SyntaxError(`Unclosed string in ${src}`);
        if (src[i] === '"') {
          if (src[i + 1] === '"') { s += '"'; i += 2; continue; }
          i++;
          break;
        }
        s += src[i++];
      }
      out.push({ k: "str", v: s });
      continue;
    }
    let m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (m && !/^[A-Za-z_]/.test(rest.slice(m[0].length))) {
      out.push({ k: "num", v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    // A sheet-qualified reference: 'Sheet name'!A1 or Sheet!A1:B2
    m = /^(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))!/.exec(rest);
    if (m) {
      const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!;
      const r = REF_RE.exec(rest.slice(m[0].length));
      if (!r) throw new SyntaxError(`Bad reference after ${m[0]} in ${src}`);
      out.push({ k: "ref", sheet, from: r[1]!, to: r[2] ?? r[1]! });
      i += m[0].length + r[0].length;
      continue;
    }
    m = REF_RE.exec(rest);
    if (m) {
      out.push({ k: "ref", sheet: null, from: m[1]!, to: m[2] ?? m[1]! });
      i += m[0].length;
      continue;
    }
    m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (m) {
      const after = src.slice(i + m[0].length).trimStart();
      out.push(after.startsWith("(") ? { k: "fn", v: m[0].toUpperCase() } : { k: "id", v: m[0] });
      i += m[0].length;
      continue;
    }
    m = /^(<=|>=|<>|[-+*/^&=<>(),])/.exec(rest);
    if (m) {
      out.push({ k: "op", v: m[0] });
      i += m[0].length;
      continue;
    }
    throw new SyntaxError(`Unexpected "${ch}" in ${src}`);
  }
  return out;
}

const BINARY: Readonly<Record<string, number>> = { "=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2, "+": 3, "-": 3, "*": 4, "/": 4, "^": 5 };

function parse(src: string): Node {
  if (!src.startsWith("=")) throw new SyntaxError(`A formula starts with "=": ${src}`);
  const toks = tokenize(src.slice(1));
  let pos = 0;
  const peek = (): Token | undefined => toks[pos];
  const isOp = (v: string): boolean => {
    const t = peek();
    return t !== undefined && t.k === "op" && t.v === v;
  };
  const expect = (v: string): void => {
    if (!isOp(v)) throw new SyntaxError(`Expected "${v}" at token ${pos} in ${src}`);
    pos++;
  };
  const expr = (minPrec: number): Node => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (!t || t.k !== "op" || BINARY[t.v] === undefined || BINARY[t.v]! < minPrec) return left;
      pos++;
      const prec = BINARY[t.v]!;
      const right = expr(prec + 1); // all binary operators are left-associative
      left = { t: "bin", op: t.v, l: left, r: right };
    }
  };
  const unary = (): Node => {
    if (isOp("-") || isOp("+")) {
      const op = (peek() as { v: "-" | "+" }).v;
      pos++;
      return { t: "un", op, e: unary() };
    }
    return primary();
  };
  const primary = (): Node => {
    const t = toks[pos++];
    if (!t) throw new SyntaxError(`Unexpected end of ${src}`);
    switch (t.k) {
      case "num": return { t: "num", v: t.v };
      case "str": return { t: "str", v: t.v };
      case "ref": return { t: "ref", sheet: t.sheet, from: t.from, to: t.to };
      case "id": {
        const up = t.v.toUpperCase();
        if (up === "TRUE" || up === "FALSE") return { t: "bool", v: up === "TRUE" };
        return { t: "name", name: t.v };
      }
      case "fn": {
        expect("(");
        const args: Node[] = [];
        if (!isOp(")")) {
          for (;;) {
            args.push(expr(1));
            if (isOp(",")) { pos++; continue; }
            break;
          }
        }
        expect(")");
        return { t: "call", fn: t.v, args };
      }
      case "op":
        if (t.v === "(") {
          const e = expr(1);
          expect(")");
          return e;
        }
    }
    throw new SyntaxError(`Unexpected token ${JSON.stringify(t)} in ${src}`);
  };
  const node = expr(1);
  if (pos !== toks.length) throw new SyntaxError(`Trailing tokens in ${src}`);
  return node;
}

const parsed = new Map<string, Node>();
export function parseFormula(src: string): Node {
  let n = parsed.get(src);
  if (!n) {
    n = parse(src);
    parsed.set(src, n);
  }
  return n;
}

/** Every function a formula calls, upper-case. */
export function functionsIn(src: string): string[] {
  const found: string[] = [];
  const walk = (n: Node): void => {
    if (n.t === "call") { found.push(n.fn); n.args.forEach(walk); }
    if (n.t === "un") walk(n.e);
    if (n.t === "bin") { walk(n.l); walk(n.r); }
  };
  walk(parseFormula(src));
  return found;
}

/** Every sheet a formula names and every defined name it uses. */
export function referencesIn(src: string): { sheets: string[]; names: string[] } {
  const sheets: string[] = [];
  const names: string[] = [];
  const walk = (n: Node): void => {
    if (n.t === "ref" && n.sheet !== null) sheets.push(n.sheet);
    if (n.t === "name") names.push(n.name);
    if (n.t === "call") n.args.forEach(walk);
    if (n.t === "un") walk(n.e);
    if (n.t === "bin") { walk(n.l); walk(n.r); }
  };
  walk(parseFormula(src));
  return { sheets, names };
}

// ---------------------------------------------------------------- addresses

const colNum = (letters: string): number => [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
const colName = (n: number): string => {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};
const splitCell = (a1: string): { col: number; row: number } => {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(a1);
  if (!m) throw new SyntaxError(`Not a cell: ${a1}`);
  return { col: colNum(m[1]!), row: Number(m[2]) };
};
const keyOf = (col: number, row: number): string => `${colName(col)}${row}`;

// ---------------------------------------------------------------- coercion

function toNumber(v: Scalar): number | XlError {
  if (v instanceof XlError) return v;
  if (v === null) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const t = v.trim();
  if (t !== "" && Number.isFinite(Number(t))) return Number(t);
  return err("#VALUE!");
}

function toText(v: Scalar): string | XlError {
  if (v instanceof XlError) return v;
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  return v;
}

function toBool(v: Scalar): boolean | XlError {
  if (v instanceof XlError) return v;
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  const up = v.toUpperCase();
  if (up === "TRUE" || up === "FALSE") return up === "TRUE";
  return err("#VALUE!");
}

const typeRank = (v: Exclude<Scalar, null | XlError>): number => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);

/** Excel's comparison: numbers < text < logicals; text without case; a blank is 0, "" or FALSE as the other side needs. */
function compare(a: Scalar, b: Scalar): number | XlError {
  if (a instanceof XlError) return a;
  if (b instanceof XlError) return b;
  type Plain = string | number | boolean;
  const blankAs = (other: Plain | null): Plain => (typeof other === "string" ? "" : typeof other === "boolean" ? false : 0);
  const x: Plain = a === null ? blankAs(b) : a;
  const y: Plain = b === null ? blankAs(a) : b;
  const rx = typeRank(x);
  const ry = typeRank(y);
  if (rx !== ry) return rx - ry;
  if (typeof x === "string") {
    const [p, q] = [x.toLowerCase(), (y as string).toLowerCase()];
    return p < q ? -1 : p > q ? 1 : 0;
  }
  const [p, q] = [Number(x), Number(y)];
  return p < q ? -1 : p > q ? 1 : 0;
}

/** Cells of a value in row order. */
const flat = (v: Value): Scalar[] => (isMatrix(v) ? v.rows.flat() : [v]);

/** Applies f element-wise over any matrix arguments (same shape or scalar). */
function broadcast(args: readonly Value[], f: (...xs: Scalar[]) => Scalar): Value {
  const ms = args.filter(isMatrix);
  if (ms.length === 0) return f(...(args as Scalar[]));
  const rows = ms[0]!.rows.length;
  const cols = ms[0]!.rows[0]!.length;
  for (const m of ms) {
    if (m.rows.length !== rows || m.rows[0]!.length !== cols) {
      if (!(m.rows.length === 1 && m.rows[0]!.length === 1)) return err("#VALUE!");
    }
  }
  const at = (v: Value, r: number, c: number): Scalar => {
    if (!isMatrix(v)) return v;
    return v.rows.length === 1 && v.rows[0]!.length === 1 ? v.rows[0]![0]! : v.rows[r]![c]!;
  };
  const out: Scalar[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: Scalar[] = [];
    for (let c = 0; c < cols; c++) row.push(f(...args.map((a) => at(a, r, c))));
    out.push(row);
  }
  return matrix(out);
}

/** Excel's ROUND: half away from zero on the value shown to 15 significant digits. */
function roundHalfAway(x: number, digits: number): number {
  const f = 10 ** digits;
  const y = Number((Math.abs(x) * f).toPrecision(15));
  return (Math.sign(x) * Math.round(y)) / f;
}

const gcd2 = (a: number, b: number): number => {
  let [x, y] = [a, b];
  while (y !== 0) [x, y] = [y, x % y];
  return x;
};

/** Wildcard criterion text ("*" any run, "?" one character, "~" escapes) to a regular expression. */
const wildcard = (s: string): RegExp =>
  new RegExp(`^${s.replace(/~([*?~])|([*?])|([.+^${}()|[\]\\])/g, (_, esc, wild, special) =>
    esc ? `\\${esc}` : wild === "*" ? ".*" : wild === "?" ? "." : `\\${special}`)}$`, "i");

function criterion(crit: Scalar): (v: Scalar) => boolean {
  if (crit instanceof XlError) throw new Error("An error as a criterion");
  if (typeof crit === "number" || typeof crit === "boolean") return (v) => v !== null && !(v instanceof XlError) && compare(v, crit) === 0;
  const text = crit ?? "";
  const m = /^(<=|>=|<>|=|<|>)(.*)$/s.exec(text);
  const op = m ? m[1]! : "=";
  const operand = m ? m[2]! : text;
  if (operand === "") {
    if (op === "=") return (v) => v === null || v === "";
    if (op === "<>") return (v) => v !== null && v !== "";
  }
  const num = operand.trim() !== "" && Number.isFinite(Number(operand)) ? Number(operand) : null;
  const test = (c: number): boolean => (op === "=" ? c === 0 : op === "<>" ? c !== 0 : op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ? c <= 0 : c >= 0);
  if (num !== null) return (v) => typeof v === "number" && test(compare(v, num) as number);
  if (op === "=" || op === "<>") {
    const re = wildcard(operand);
    return (v) => {
      const hit = typeof v === "string" && re.test(v);
      return op === "=" ? hit : !hit;
    };
  }
  return (v) => typeof v === "string" && test(compare(v, operand) as number);
}

// ---------------------------------------------------------------- workbook

export interface EvalOptions {
  /**
   * Emulate LibreOffice, whose ROUNDDOWN snaps a value within 15 significant
   * digits of a whole number up to it before cutting. Plans must give the
   * same cents either way.
   */
  readonly approxRoundDown?: boolean;
}

interface NameTarget {
  readonly sheet: string;
  readonly from: string;
  readonly to: string;
}

/** The sheet plans of one model as a workbook that computes. */
export class Workbook {
  private readonly sheets = new Map<string, Map<string, PlanValue>>();
  private readonly names = new Map<string, NameTarget>();
  private readonly cache = new Map<string, Scalar>();
  private readonly busy = new Set<string>();

  constructor(plans: readonly SheetPlan[], private readonly options: EvalOptions = {}) {
    for (const plan of plans) {
      const cells = new Map<string, PlanValue>();
      for (const block of plan.blocks) {
        const { col, row } = splitCell(block.at);
        block.cells.forEach((r, i) => r.forEach((v, j) => cells.set(keyOf(col + j, row + i), v)));
      }
      this.sheets.set(plan.name.toLowerCase(), cells);
      for (const n of plan.names) {
        const [from, to] = n.range.split(":");
        this.names.set(n.name.toLowerCase(), { sheet: plan.name, from: from!, to: to ?? from! });
      }
    }
  }

  /** Types a value into a cell (what a user would do). */
  set(sheet: string, a1: string, value: PlanValue): void {
    const cells = this.sheetCells(sheet);
    const { col, row } = splitCell(a1);
    cells.set(keyOf(col, row), value);
    this.cache.clear();
  }

  /** Types a value into the cell a defined name points at. */
  setName(name: string, value: PlanValue): void {
    const t = this.target(name);
    if (t.from !== t.to) throw new Error(`${name} is a range, not one cell.`);
    this.set(t.sheet, t.from, value);
  }

  get(sheet: string, a1: string): Scalar {
    const { col, row } = splitCell(a1);
    return this.cell(sheet, col, row);
  }

  getName(name: string): Scalar {
    const t = this.target(name);
    return this.get(t.sheet, t.from);
  }

  /** Every cell of a range, row by row. */
  range(sheet: string, a1: string): Scalar[][] {
    const [from, to] = a1.split(":");
    return this.rangeValue(sheet, from!, to ?? from!).rows.map((r) => [...r]);
  }

  private sheetCells(sheet: string): Map<string, PlanValue> {
    const cells = this.sheets.get(sheet.toLowerCase());
    if (!cells) throw new Error(`No sheet "${sheet}".`);
    return cells;
  }

  private target(name: string): NameTarget {
    const t = this.names.get(name.toLowerCase());
    if (!t) throw new Error(`No defined name "${name}".`);
    return t;
  }

  private cell(sheet: string, col: number, row: number): Scalar {
    const id = `${sheet.toLowerCase()}!${keyOf(col, row)}`;
    const hit = this.cache.get(id);
    if (hit !== undefined) return hit;
    if (this.busy.has(id)) throw new Error(`Circular reference at ${id}`);
    const raw = this.sheetCells(sheet).get(keyOf(col, row));
    let value: Scalar;
    if (typeof raw === "string" && raw.startsWith("=")) {
      this.busy.add(id);
      try {
        const v = this.eval(parseFormula(raw), sheet);
        value = isMatrix(v) ? (v.rows[0]?.[0] ?? null) : v;
        if (value === null) value = 0; // a formula that points at a blank cell shows 0
      } finally {
        this.busy.delete(id);
      }
    } else {
      value = raw === undefined ? null : raw;
    }
    this.cache.set(id, value);
    return value;
  }

  private rangeValue(sheet: string, from: string, to: string): Matrix {
    const a = splitCell(from);
    const b = splitCell(to);
    const rows: Scalar[][] = [];
    for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++) {
      const row: Scalar[] = [];
      for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) row.push(this.cell(sheet, c, r));
      rows.push(row);
    }
    return matrix(rows);
  }

  private refValue(sheet: string, from: string, to: string): Value {
    if (splitCell(from).col === splitCell(to).col && splitCell(from).row === splitCell(to).row) {
      const { col, row } = splitCell(from);
      return this.cell(sheet, col, row);
    }
    return this.rangeValue(sheet, from, to);
  }

  private eval(n: Node, sheet: string): Value {
    switch (n.t) {
      case "num": return n.v;
      case "str": return n.v;
      case "bool": return n.v;
      case "ref": {
        const s = n.sheet ?? sheet;
        if (!this.sheets.has(s.toLowerCase())) return err("#REF!");
        return this.refValue(s, n.from, n.to);
      }
      case "name": {
        const t = this.names.get(n.name.toLowerCase());
        return t ? this.refValue(t.sheet, t.from, t.to) : err("#NAME?");
      }
      case "un": {
        const v = this.eval(n.e, sheet);
        return broadcast([v], (x) => {
          const num = toNumber(x);
          return num instanceof XlError ? num : n.op === "-" ? -num : num;
        });
      }
      case "bin": return broadcast([this.eval(n.l, sheet), this.eval(n.r, sheet)], (a, b) => binary(n.op, a, b));
      case "call": return this.call(n.fn, n.args, sheet);
    }
  }

  private call(fn: string, argNodes: readonly Node[], sheet: string): Value {
    // Lazy functions first: only the branch taken is evaluated.
    if (fn === "IF") {
      const c = scalarOf(this.eval(argNodes[0]!, sheet));
      const b = toBool(c);
      if (b instanceof XlError) return b;
      if (b) return this.eval(argNodes[1]!, sheet);
      return argNodes[2] ? this.eval(argNodes[2], sheet) : false;
    }
    if (fn === "IFERROR") {
      const v = this.eval(argNodes[0]!, sheet);
      const s = isMatrix(v) ? v : v;
      return s instanceof XlError ? this.eval(argNodes[1]!, sheet) : s;
    }
    const args = argNodes.map((a) => this.eval(a, sheet));
    const impl = FUNCTIONS[fn];
    if (!impl) throw new Error(`The evaluator does not know ${fn}()`);
    return impl(args, this.options);
  }
}

function scalarOf(v: Value): Scalar {
  return isMatrix(v) ? (v.rows[0]?.[0] ?? null) : v;
}

function binary(op: string, a: Scalar, b: Scalar): Scalar {
  if (op === "&") {
    const [x, y] = [toText(a), toText(b)];
    if (x instanceof XlError) return x;
    if (y instanceof XlError) return y;
    return x + y;
  }
  if (["=", "<>", "<", ">", "<=", ">="].includes(op)) {
    const c = compare(a, b);
    if (c instanceof XlError) return c;
    return op === "=" ? c === 0 : op === "<>" ? c !== 0 : op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ? c <= 0 : c >= 0;
  }
  const [x, y] = [toNumber(a), toNumber(b)];
  if (x instanceof XlError) return x;
  if (y instanceof XlError) return y;
  switch (op) {
    case "+": return x + y;
    case "-": return x - y;
    case "*": return x * y;
    case "/": return y === 0 ? err("#DIV/0!") : x / y;
    case "^": return x ** y;
  }
  throw new Error(`Unknown operator ${op}`);
}

type Impl = (args: readonly Value[], options: EvalOptions) => Value;

const firstError = (xs: readonly Scalar[]): XlError | undefined => xs.find((x): x is XlError => x instanceof XlError);

/** Numbers of an argument as SUM/MIN/MAX/AVERAGE see them: ranges give only their numbers, direct values are coerced. */
function numbersOf(args: readonly Value[]): number[] | XlError {
  const out: number[] = [];
  for (const a of args) {
    if (isMatrix(a)) {
      for (const x of a.rows.flat()) {
        if (x instanceof XlError) return x;
        if (typeof x === "number") out.push(x);
      }
    } else {
      const n = toNumber(a);
      if (n instanceof XlError) return n;
      out.push(n);
    }
  }
  return out;
}

const unaryMap = (f: (x: Scalar) => Scalar): Impl => (args) => broadcast([args[0]!], f);
const numeric = (f: (x: number, d: number) => number): Impl => (args) =>
  broadcast([args[0]!, args[1] ?? 0], (x, d) => {
    const [a, b] = [toNumber(x), toNumber(d)];
    if (a instanceof XlError) return a;
    if (b instanceof XlError) return b;
    return f(a, Math.trunc(b));
  });

export const FUNCTIONS: Readonly<Record<string, Impl>> = {
  SUM: (args) => {
    const ns = numbersOf(args);
    return ns instanceof XlError ? ns : ns.reduce((s, x) => s + x, 0);
  },
  AVERAGE: (args) => {
    const ns = numbersOf(args);
    if (ns instanceof XlError) return ns;
    return ns.length === 0 ? err("#DIV/0!") : ns.reduce((s, x) => s + x, 0) / ns.length;
  },
  MIN: (args) => {
    const ns = numbersOf(args);
    return ns instanceof XlError ? ns : ns.length === 0 ? 0 : Math.min(...ns);
  },
  MAX: (args) => {
    const ns = numbersOf(args);
    return ns instanceof XlError ? ns : ns.length === 0 ? 0 : Math.max(...ns);
  },
  SUMPRODUCT: (args) => {
    const arrays = args.map(flat);
    const len = arrays[0]!.length;
    if (arrays.some((a) => a.length !== len)) return err("#VALUE!");
    const e = firstError(arrays.flat());
    if (e) return e;
    let total = 0;
    for (let i = 0; i < len; i++) total += arrays.reduce((p, a) => p * (typeof a[i] === "number" ? (a[i] as number) : 0), 1);
    return total;
  },
  COUNTIF: (args) => {
    const test = criterion(scalarOf(args[1]!));
    return flat(args[0]!).filter(test).length;
  },
  COUNTIFS: (args) => {
    const ranges = args.filter((_, i) => i % 2 === 0).map(flat);
    const tests = args.filter((_, i) => i % 2 === 1).map((c) => criterion(scalarOf(c)));
    let count = 0;
    for (let i = 0; i < ranges[0]!.length; i++) if (tests.every((t, k) => t(ranges[k]![i]!))) count++;
    return count;
  },
  MATCH: (args) => {
    const type = args[2] === undefined ? 1 : toNumber(scalarOf(args[2]));
    if (type !== 0) throw new Error("The evaluator supports MATCH(..., 0) only");
    const key = scalarOf(args[0]!);
    if (key instanceof XlError) return key;
    if (key === null) return err("#N/A");
    const i = flat(args[1]!).findIndex((x) => x !== null && !(x instanceof XlError) && compare(x, key) === 0);
    return i < 0 ? err("#N/A") : i + 1;
  },
  INDEX: (args) => {
    const src = args[0]!;
    const rows = isMatrix(src) ? src.rows : [[src]];
    const r = toNumber(scalarOf(args[1]!));
    const c = args[2] === undefined ? null : toNumber(scalarOf(args[2]));
    if (r instanceof XlError) return r;
    if (c instanceof XlError) return c;
    let row: number;
    let col: number;
    if (c === null) {
      if (rows.length === 1) [row, col] = [1, r];
      else if (rows[0]!.length === 1) [row, col] = [r, 1];
      else throw new Error("INDEX on a 2-D range needs a column");
    } else [row, col] = [r, c];
    const v = rows[Math.trunc(row) - 1]?.[Math.trunc(col) - 1];
    return v === undefined ? err("#REF!") : v === null ? 0 : v;
  },
  AND: (args) => logical(args, (bs) => bs.every(Boolean)),
  OR: (args) => logical(args, (bs) => bs.some(Boolean)),
  NOT: unaryMap((x) => {
    const b = toBool(x);
    return b instanceof XlError ? b : !b;
  }),
  ROUND: numeric((x, d) => roundHalfAway(x, d)),
  ROUNDDOWN: (args, options) => numeric((x, d) => {
    const f = 10 ** d;
    const y = x * f;
    const snapped = options.approxRoundDown ? Number(y.toPrecision(15)) : y;
    return Math.trunc(snapped) / f;
  })(args, options),
  ABS: unaryMap((x) => {
    const n = toNumber(x);
    return n instanceof XlError ? n : Math.abs(n);
  }),
  GCD: (args) => {
    let g = 0;
    for (const x of args.flatMap(flat)) {
      const n = toNumber(x);
      if (n instanceof XlError) return n;
      if (n < 0 || n >= 2 ** 53) return err("#NUM!");
      g = gcd2(g, Math.trunc(n));
    }
    return g;
  },
  ISNUMBER: unaryMap((x) => typeof x === "number"),
  ISBLANK: unaryMap((x) => x === null),
  LEN: unaryMap((x) => {
    const t = toText(x);
    return t instanceof XlError ? t : t.length;
  }),
  TRIM: unaryMap((x) => {
    const t = toText(x);
    return t instanceof XlError ? t : t.trim().replace(/ {2,}/g, " ");
  }),
  LOWER: unaryMap((x) => {
    const t = toText(x);
    return t instanceof XlError ? t : t.toLowerCase();
  }),
  MID: (args) => broadcast([args[0]!, args[1]!, args[2]!], (x, s, n) => {
    const [t, a, k] = [toText(x), toNumber(s), toNumber(n)];
    if (t instanceof XlError) return t;
    if (a instanceof XlError) return a;
    if (k instanceof XlError) return k;
    if (a < 1 || k < 0) return err("#VALUE!");
    return t.slice(Math.trunc(a) - 1, Math.trunc(a) - 1 + Math.trunc(k));
  }),
  /** Case-sensitive, no wildcards: the position of the first occurrence, or #VALUE!. */
  FIND: (args) => broadcast([args[0]!, args[1]!], (x, y) => {
    const [needle, hay] = [toText(x), toText(y)];
    if (needle instanceof XlError) return needle;
    if (hay instanceof XlError) return hay;
    const i = hay.indexOf(needle);
    return i < 0 ? err("#VALUE!") : i + 1;
  }),
  LEFT: (args) => broadcast([args[0]!, args[1] ?? 1], (x, n) => {
    const [t, k] = [toText(x), toNumber(n)];
    if (t instanceof XlError) return t;
    if (k instanceof XlError) return k;
    return k < 0 ? err("#VALUE!") : t.slice(0, Math.trunc(k));
  }),
};

function logical(args: readonly Value[], f: (bs: boolean[]) => boolean): Scalar {
  const bs: boolean[] = [];
  for (const a of args) {
    for (const x of flat(a)) {
      if (isMatrix(a) && (x === null || typeof x === "string")) continue; // ranges skip text and blanks
      const b = toBool(x);
      if (b instanceof XlError) return b;
      bs.push(b);
    }
  }
  return bs.length === 0 ? err("#VALUE!") : f(bs);
}
