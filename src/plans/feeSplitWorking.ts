import { FEE_BUCKETS as CORE_BUCKETS, MAX_AMOUNT_CENTS, MAX_AMOUNT_TEXT, STAGES, type Bucket } from "../index";
import { PERCENT } from "./draft";
import { absolute, cellAt, rangeAt, text } from "./refs";
import type { PlanValue } from "./types";

/** The bucket list is data: every helper row has one cell per bucket. */
const FEE_BUCKETS: readonly Bucket[] = CORE_BUCKETS;

/**
 * The helper rows of the Fee Split sheet: the core's split (src/feeSplit.ts,
 * as ExactSplitter computes it) spelled out in native formulas, one step per
 * row, buckets across.
 *
 * Inputs are read as the core reads them: revenue, caps and floor rounded
 * half up on the typed decimal (ROUND(ROUND(x,2)*100,0): 1.005 -> 101 cents),
 * shares read to whole billionths (ROUND(share*10^9)) and split pro rata to
 * those. A bad input (blank, text, negative, above the one maximum, an unknown
 * stage, a share row that does not total 100%) leaves every helper at a
 * harmless 0 and sets the "problem" cell, which blanks the split and says
 * what to fix.
 *
 * Exactness: every bucket ends at b x M / K (b a whole-number weight, M the
 * cents left for the open buckets, K the open weights' total). The whole
 * cents and remainders come from long division over the base-2^k digits of
 * M, so no intermediate passes 2^52 (a spreadsheet's doubles hold whole
 * numbers exactly below 2^53; ROUNDDOWN may snap a quotient by one, so each
 * is corrected by its remainder). Before any cap binds, K is the weights'
 * total (at most about 10^9 for 9-decimal shares) and one-cell arithmetic is
 * enough. After a cap binds with the floor, b and K are products such as
 * floor x donor weights (up to 2^81): they are held as pairs high x 2^40 +
 * low, and the division keeps a pair remainder, estimating each quotient
 * digit from doubles and correcting it exactly. So the sheet equals the core
 * for every input it accepts, up to the one maximum revenue.
 */

/** Where the working rows read their inputs (absolute A1 addresses on the same sheet). */
export interface WorkingInputs {
  readonly revenue: string;
  readonly stage: string;
  /** The stage ids down the share table. */
  readonly stageIds: string;
  /** Per bucket: its column of the share table. */
  readonly shareColumns: readonly string[];
  /** Per bucket: its cap or floor input cell, null when it takes none. */
  readonly constraintInputs: readonly (string | null)[];
}

export interface WorkingRow {
  readonly label: string;
  /** One formula per bucket, or a single cell for a scalar row. */
  readonly cells: readonly PlanValue[];
  readonly scalar: boolean;
  readonly numberFormat?: string;
}

/** The keys of the rows the visible part of the sheet reads. */
export interface WorkingResult {
  readonly rows: readonly WorkingRow[];
  /** Row numbers by key. */
  readonly rowOf: (key: string) => number;
  readonly cents: (j: number) => string;
  readonly share: (j: number) => string;
  readonly shares: string;
  readonly revenueCents: string;
  readonly centsRow: string;
  /** "" when the inputs can be split, else what to fix (absolute address). */
  readonly problem: string;
  /** "cap", "floor" or "none" for bucket j, by formula (without "="). */
  readonly bound: (j: number) => string;
}

const N = FEE_BUCKETS.length;
const col = (j: number): number => 2 + j;
const BILLION = 1_000_000_000;
/** The shares of a row may miss 100% by this much (the core's tolerance). */
export const SHARE_SUM_TOLERANCE = "0.000000001";
/** A helper cell that does not apply (no cap, no floor, nothing pinned yet): a formula too, so every helper cell is computed. */
const NONE = "=0";

/**
 * Long division bases. Dividend steps are r x base + b x digit with r < Q and
 * b <= Q, so they stay below Q x 2 x base: with Q up to 2^30 (the weights'
 * total, about 10^9 for 9-decimal shares) base 2^21 keeps them below 2^52, in
 * 3 digits for amounts below 2^50.
 */
const SMALL = { base: 2 ** 21, digits: 3 } as const;
/** Pairs h x 2^40 + l hold whole numbers up to 2^81; their division steps over base-2^10 digits (5 for amounts below 2^50). */
const PAIR = 2 ** 40;
const PAIR_STEP = { base: 2 ** 10, digits: 5 } as const;

interface Spec {
  readonly key: string;
  readonly label: string;
  readonly scalar?: boolean;
  readonly numberFormat?: string;
  /** Formula for bucket j (j = 0 for a scalar row). */
  readonly cell: (j: number) => PlanValue;
}

/** floor(x / q) for whole x >= 0 below 2^52 and q >= 1: ROUNDDOWN, corrected by the remainder (spreadsheets may snap it by one). */
const floorDiv = (x: string, q: string): string => {
  const rd = `ROUNDDOWN(${x}/${q},0)`;
  return `(${rd}-(${x}-${q}*${rd}<0)+(${x}-${q}*${rd}>=${q}))`;
};

/** Cents of an amount cell, half up on the typed decimal. */
const toCentsFormula = (cell: string): string => `ROUND(ROUND(${cell},2)*100,0)`;

/** 0 fine, 1 blank, 2 not a number, 3 negative, 4 above the maximum. */
const amountState = (cell: string): string =>
  `=IF(ISNUMBER(${cell}),IF(${cell}<0,3,IF(${toCentsFormula(cell)}-${MAX_AMOUNT_CENTS}>0,4,0)),IF(${cell}="",1,2))`;

/** Builds the helper rows from `firstRow` down. */
export function buildWorking(firstRow: number, input: WorkingInputs): WorkingResult {
  const residual = FEE_BUCKETS.findIndex((b) => b.residual && b.constraint !== "cap");
  if (residual < 0) throw new Error("The bucket list needs a residual bucket without a cap, so the whole revenue can always land.");
  const floorBuckets = FEE_BUCKETS.map((b, j) => ({ b, j })).filter(({ b }) => b.constraint === "floor");
  if (floorBuckets.length > 1) throw new Error("The sheet's working rows take one floor bucket (the core's integer splitter does too).");
  const f = floorBuckets[0]?.j ?? -1;
  const capBuckets = FEE_BUCKETS.filter((b) => b.constraint === "cap");

  const specs: Spec[] = [];
  const rows = new Map<string, number>();
  const rowOf = (key: string): number => {
    const r = rows.get(key);
    if (r === undefined) throw new Error(`No working row "${key}".`);
    return r;
  };
  const v = (key: string, j: number): string => cellAt(col(j), rowOf(key));
  const s = (key: string): string => cellAt(col(0), rowOf(key), true);
  const all = (key: string): string => rangeAt(col(0), rowOf(key), col(N - 1), rowOf(key), true);
  const a = (key: string, j: number): string => absolute(v(key, j));
  const bucket = (key: string, label: string, cell: (j: number) => PlanValue, numberFormat?: string): void => {
    specs.push({ key, label, cell, ...(numberFormat ? { numberFormat } : {}) });
  };
  // Formulas are closures over `v`, `s` and `all`: rows are numbered before any is written.
  const scalar = (key: string, label: string, formula: () => string): void => {
    specs.push({ key, label, scalar: true, cell: formula });
  };

  // Inputs, checked as the core checks them.
  scalar("revState", "Revenue: 0 fine, 1 blank, 2 not a number, 3 negative, 4 too large", () => amountState(input.revenue));
  scalar("rev", "Revenue in cents (half up on the typed decimal)", () => `=IF(${s("revState")}=0,${toCentsFormula(input.revenue)},0)`);
  scalar("stageRow", "Row of the stage in the share table (0: none)", () => `=IFERROR(MATCH(${input.stage},${input.stageIds},0),0)`);
  bucket("share", "Share used", (j) => `=IF(${s("stageRow")}>0,INDEX(${input.shareColumns[j]},${s("stageRow")}),0)`, PERCENT);
  bucket("shareBad", "Share not a number from 0% to 100% (1 = yes)", (j) => `=IF(ISNUMBER(${v("share", j)}),IF(AND(${v("share", j)}>=0,${v("share", j)}<=1),0,1),1)`);
  scalar("sharesBad", "Shares unusable (1 = yes)", () => `=IF(SUM(${all("shareBad")})>0,1,IF(ABS(SUM(${all("share")})-1)<=${SHARE_SUM_TOLERANCE},0,1))`);
  bucket("raw", "Share in billionths", (j) => `=IF(${s("sharesBad")}=0,ROUND(${v("share", j)}*${BILLION},0),0)`);
  scalar("rawGcd", "Common factor of the shares", () => `=MAX(1,GCD(${all("raw")}))`);
  bucket("weight", "Weight (whole number)", (j) => `=${v("raw", j)}/${s("rawGcd")}`);
  scalar("S", "Weight total", () => `=SUM(${all("weight")})`);
  const limitState = (kind: "cap" | "floor") => (j: number): string => {
    const cell = input.constraintInputs[j];
    return FEE_BUCKETS[j]!.constraint === kind && cell ? amountState(cell) : NONE;
  };
  const limitCents = (kind: "cap" | "floor", stateKey: string) => (j: number): string => {
    const cell = input.constraintInputs[j];
    return FEE_BUCKETS[j]!.constraint === kind && cell ? `=IF(${v(stateKey, j)}=0,${toCentsFormula(cell)},0)` : NONE;
  };
  const isSet = (kind: "cap" | "floor", stateKey: string) => (j: number): string => {
    const cell = input.constraintInputs[j];
    return FEE_BUCKETS[j]!.constraint === kind && cell ? `=IF(${v(stateKey, j)}=0,1,0)` : NONE;
  };
  bucket("capState", "Cap: 0 set, 1 blank, 2 not a number, 3 negative, 4 too large", limitState("cap"));
  bucket("capSet", "Cap set (1 = yes)", isSet("cap", "capState"));
  bucket("cap", "Cap in cents", limitCents("cap", "capState"));
  bucket("floorState", "Floor: 0 set, 1 blank, 2 not a number, 3 negative, 4 too large", limitState("floor"));
  bucket("floorSet", "Floor set (1 = yes)", isSet("floor", "floorState"));
  bucket("floor", "Floor in cents", limitCents("floor", "floorState"));

  /** floor(b x M / Q) and its remainder, digit by digit over M in the given base. */
  const division = (key: string, title: string, b: (j: number) => string, M: string, Q: string, { base, digits }: { base: number; digits: number }): void => {
    for (let k = digits - 1; k >= 0; k--) {
      scalar(`${key}.d${k}`, `${title}: digit ${k} of the cents (base ${base})`, () => {
        const here = k === 0 ? s(M) : floorDiv(s(M), String(base ** k));
        return k === digits - 1 ? `=${here}` : `=${here}-${base}*${floorDiv(s(M), String(base ** (k + 1)))}`;
      });
    }
    for (let k = digits - 1; k >= 0; k--) {
      const x = (j: number): string => `(${k === digits - 1 ? "" : `${v(`${key}.r${k + 1}`, j)}*${base}+`}${b(j)}*${s(`${key}.d${k}`)})`;
      bucket(`${key}.q${k}`, `${title}: quotient digit ${k}`, (j) => `=${floorDiv(x(j), s(Q))}`);
      bucket(`${key}.r${k}`, `${title}: remainder after digit ${k}`, (j) => `=${x(j)}-${s(Q)}*${v(`${key}.q${k}`, j)}`);
    }
    bucket(`${key}.q`, `${title}: whole cents`, (j) =>
      `=${Array.from({ length: digits }, (_, k) => (k === 0 ? v(`${key}.q0`, j) : `${v(`${key}.q${k}`, j)}*${base ** k}`)).join("+")}`);
  };

  /**
   * floor(b x M / K) and its remainder, b and K held as pairs (high, low):
   * per digit d of M, x = r x base + b x d (a pair, low part carried), an
   * estimated quotient digit from doubles (off by at most one, x / K being
   * below 2 x base), the exact pair x - q x K, then one correction.
   */
  const pairDivision = (key: string, title: string, bh: (j: number) => string, bl: (j: number) => string, M: string, Kh: string, Kl: string): void => {
    const { base, digits } = PAIR_STEP;
    const P = String(PAIR);
    const norm = (x: string): string => `(${x}-${floorDiv(x, P)}*${P})`;
    const carry = (x: string): string => floorDiv(x, P);
    for (let k = digits - 1; k >= 0; k--) {
      scalar(`${key}.d${k}`, `${title}: digit ${k} of the cents (base ${base})`, () => {
        const here = k === 0 ? s(M) : floorDiv(s(M), String(base ** k));
        return k === digits - 1 ? `=${here}` : `=${here}-${base}*${floorDiv(s(M), String(base ** (k + 1)))}`;
      });
    }
    const K = (): string => `(${s(Kh)}*${P}+${s(Kl)})`;
    for (let k = digits - 1; k >= 0; k--) {
      const top = k === digits - 1;
      const at = (name: string, j: number): string => v(`${key}.${name}${k}`, j);
      const d = (): string => s(`${key}.d${k}`);
      bucket(`${key}.xl${k}`, `${title}: step ${k}, low part`, (j) => `=${top ? "" : `${v(`${key}.rl${k + 1}`, j)}*${base}+`}${bl(j)}*${d()}`);
      bucket(`${key}.xh${k}`, `${title}: step ${k}, high part`, (j) => `=${top ? "" : `${v(`${key}.rh${k + 1}`, j)}*${base}+`}${bh(j)}*${d()}+${carry(at("xl", j))}`);
      bucket(`${key}.qe${k}`, `${title}: step ${k}, estimated quotient digit`, (j) => `=ROUNDDOWN((${at("xh", j)}*${P}+${norm(at("xl", j))})/${K()},0)`);
      bucket(`${key}.el${k}`, `${title}: step ${k}, rest low part`, (j) => `=${norm(at("xl", j))}-${at("qe", j)}*${s(Kl)}`);
      bucket(`${key}.eh${k}`, `${title}: step ${k}, rest high part`, (j) => `=${at("xh", j)}-${at("qe", j)}*${s(Kh)}+${carry(at("el", j))}`);
      bucket(`${key}.dq${k}`, `${title}: step ${k}, correction`, (j) => {
        const [eh, el] = [at("eh", j), norm(at("el", j))];
        return `=IF(${eh}<0,-1,IF(OR(${eh}-${s(Kh)}>0,AND(${eh}-${s(Kh)}=0,${el}-${s(Kl)}>=0)),1,0))`;
      });
      bucket(`${key}.rlr${k}`, `${title}: step ${k}, remainder low part before carry`, (j) => `=${norm(at("el", j))}-${at("dq", j)}*${s(Kl)}`);
      bucket(`${key}.rh${k}`, `${title}: step ${k}, remainder high part`, (j) => `=${at("eh", j)}-${at("dq", j)}*${s(Kh)}+${carry(at("rlr", j))}`);
      bucket(`${key}.rl${k}`, `${title}: step ${k}, remainder low part`, (j) => `=${norm(at("rlr", j))}`);
    }
    bucket(`${key}.q`, `${title}: whole cents`, (j) =>
      `=${Array.from({ length: digits }, (_, k) => `(${v(`${key}.qe${k}`, j)}+${v(`${key}.dq${k}`, j)})${k === 0 ? "" : `*${base ** k}`}`).join("+")}`);
  };

  // The plain split: weight x revenue / total.
  scalar("S1", "Weight total (at least 1)", () => `=MAX(1,${s("S")})`);
  division("plain", "Plain split", (j) => v("weight", j), "rev", "S1", SMALL);

  // The floor: raised to min(floor, revenue) when the plain amount is below it, paid for pro rata by the other buckets.
  if (f >= 0) {
    const name = FEE_BUCKETS[f]!.name.toLowerCase();
    scalar("T", `Floor (${name}): target, at most the revenue`, () => `=IF(${a("floorSet", f)}=1,MIN(${a("floor", f)},${s("rev")}),0)`);
    scalar("binds", `Floor (${name}): binds (1 = yes)`, () => `=IF(AND(${a("floorSet", f)}=1,${s("T")}-${a("plain.q", f)}>0),1,0)`);
    scalar("U", "Floor: cents left for the funding buckets", () => `=${s("rev")}-${s("T")}`);
    scalar("D", "Floor: weight of the funding buckets", () => `=MAX(1,${s("S")}-${a("weight", f)})`);
    division("floored", "After the floor", (j) => (j === f ? "0" : v("weight", j)), "U", "D", SMALL);
  } else {
    scalar("binds", "No floor bucket", () => "=0");
  }

  // Round 1 of the caps starts from the amounts after the floor.
  const q1 = (j: number): string => (f < 0 ? `=${v("plain.q", j)}` : `=IF(${s("binds")}=1,${j === f ? s("T") : v("floored.q", j)},${v("plain.q", j)})`);
  const r1 = (j: number): string => (f < 0 ? `=${v("plain.r0", j)}` : `=IF(${s("binds")}=1,${j === f ? "0" : v("floored.r0", j)},${v("plain.r0", j)})`);
  bucket("round1.q", "Cap round 1: whole cents before caps", q1);
  bucket("round1.r", "Cap round 1: remainder", r1);
  const over = (k: number) => (j: number): string => (FEE_BUCKETS[j]!.constraint === "cap"
    ? `=IF(AND(${k === 1 ? "1" : `${v(`round${k}.pinned`, j)}=0`},${v("capSet", j)}=1,OR(${v(`round${k}.q`, j)}-${v("cap", j)}>0,AND(${v(`round${k}.q`, j)}-${v("cap", j)}=0,${k === 1 ? "" : `${v(`round${k}.rh`, j)}+`}${v(`round${k}.r`, j)}>0))),1,0)`
    : NONE);
  bucket("round1.over", "Cap round 1: over its cap (1 = yes)", over(1));

  // Later rounds: pinned buckets take their caps; the open ones share the
  // rest pro rata to their amounts after the floor: bucket j gets b x M / K,
  // with b = weight (no floor), or after a floor donor weight x U and, for the
  // floored bucket, D x T; K the open total. b and K reach 2^81, so they are
  // held as pairs h x 2^40 + l, and the division keeps a pair remainder.
  const rounds = capBuckets.length;
  if (rounds > 0) {
    bucket("bx", "Open weight, first factor", (j) => (f < 0 ? `=${v("weight", j)}` : `=IF(${s("binds")}=1,${j === f ? s("D") : v("weight", j)},${v("weight", j)})`));
    bucket("by", "Open weight, second factor", (j) => (f < 0 ? "=1" : `=IF(${s("binds")}=1,${j === f ? s("T") : s("U")},1)`));
    // x = x1 2^25 + x0 (x below 2^31), y = y1 2^25 + y0 (y below 2^50): x y = x1 y1 2^50 + (x0 y1 + x1 y0) 2^25 + x0 y0, every product below 2^51.
    bucket("bx1", "First factor, 2^25s", (j) => `=${floorDiv(v("bx", j), String(2 ** 25))}`);
    bucket("by1", "Second factor, 2^25s", (j) => `=${floorDiv(v("by", j), String(2 ** 25))}`);
    const x0 = (j: number): string => `(${v("bx", j)}-${v("bx1", j)}*${2 ** 25})`;
    const y0 = (j: number): string => `(${v("by", j)}-${v("by1", j)}*${2 ** 25})`;
    bucket("bmid", "Cross terms", (j) => `=${x0(j)}*${v("by1", j)}+${v("bx1", j)}*${y0(j)}`);
    bucket("blraw", "Low part before carry", (j) => `=${x0(j)}*${y0(j)}+(${v("bmid", j)}-${floorDiv(v("bmid", j), String(2 ** 15))}*${2 ** 15})*${2 ** 25}`);
    bucket("bl", `Open weight, low part (below 2^40)`, (j) => `=${v("blraw", j)}-${floorDiv(v("blraw", j), String(PAIR))}*${PAIR}`);
    bucket("bh", "Open weight, high part (2^40s)", (j) => `=${v("bx1", j)}*${v("by1", j)}*${2 ** 10}+${floorDiv(v("bmid", j), String(2 ** 15))}+${floorDiv(v("blraw", j), String(PAIR))}`);
  }
  for (let k = 2; k <= rounds + 1; k++) {
    const p = `round${k}`;
    const title = k === rounds + 1 ? "After the caps" : `Cap round ${k}`;
    bucket(`${p}.pinned`, `${title}: pinned at cap (1 = yes)`, (j) => `=MAX(${v(`round${k - 1}${k === 2 ? ".over" : ".pinned"}`, j)},${k === 2 ? "0" : v(`round${k - 1}.over`, j)})`);
    scalar(`${p}.any`, `${title}: buckets pinned`, () => `=SUM(${all(`${p}.pinned`)})`);
    scalar(`${p}.M`, `${title}: cents left for the open buckets`, () => `=${s("rev")}-SUMPRODUCT(${all(`${p}.pinned`)},${all("cap")})`);
    scalar(`${p}.Klraw`, `${title}: open total, low parts`, () => `=SUMPRODUCT(1-${all(`${p}.pinned`)},${all("bl")})`);
    scalar(`${p}.Kl`, `${title}: open total, low part`, () => `=${s(`${p}.Klraw`)}-${floorDiv(s(`${p}.Klraw`), String(PAIR))}*${PAIR}`);
    scalar(`${p}.Kh`, `${title}: open total, high part`, () => `=SUMPRODUCT(1-${all(`${p}.pinned`)},${all("bh")})+${floorDiv(s(`${p}.Klraw`), String(PAIR))}`);
    scalar(`${p}.zero`, `${title}: nothing open to be pro rata to (1 = yes)`, () => `=IF(${s(`${p}.Kh`)}+${s(`${p}.Kl`)}=0,1,0)`);
    scalar(`${p}.KlU`, `${title}: divisor, low part`, () => `=IF(${s(`${p}.zero`)}=1,1,${s(`${p}.Kl`)})`);
    pairDivision(`${p}.div`, title, (j) => `(1-${v(`${p}.pinned`, j)})*${v("bh", j)}`, (j) => `(1-${v(`${p}.pinned`, j)})*${v("bl", j)}`, `${p}.M`, `${p}.Kh`, `${p}.KlU`);
    bucket(`${p}.q`, `${title}: whole cents`, (j) =>
      `=IF(${s(`${p}.any`)}=0,${v("round1.q", j)},IF(${v(`${p}.pinned`, j)}=1,${v("cap", j)},IF(${s(`${p}.zero`)}=1,${j === residual ? s(`${p}.M`) : "0"},${v(`${p}.div.q`, j)})))`);
    bucket(`${p}.rh`, `${title}: remainder, high part`, (j) =>
      `=IF(OR(${s(`${p}.any`)}=0,${v(`${p}.pinned`, j)}=1,${s(`${p}.zero`)}=1),0,${v(`${p}.div.rh0`, j)})`);
    bucket(`${p}.r`, `${title}: remainder, low part`, (j) =>
      `=IF(${s(`${p}.any`)}=0,${v("round1.r", j)},IF(OR(${v(`${p}.pinned`, j)}=1,${s(`${p}.zero`)}=1),0,${v(`${p}.div.rl0`, j)}))`);
    if (k <= rounds) bucket(`${p}.over`, `${title}: over its cap (1 = yes)`, over(k));
  }
  const last = `round${rounds + 1}`;
  const pinned = (j: number): string => (rounds === 0 ? "0" : `${a(`${last}.pinned`, j)}`);

  // Whole cents by largest remainder: the cents left go one each to the
  // largest remainders (pairs high, low); ties go to the earlier bucket;
  // pinned buckets take none.
  bucket("cut", "Cents cut down", (j) => `=${v(rounds === 0 ? "round1.q" : `${last}.q`, j)}`);
  bucket("remh", "Remainder, high part (same divisor for every open bucket)", (j) => (rounds === 0 ? "=0" : `=${v(`${last}.rh`, j)}`));
  bucket("rem", "Remainder, low part", (j) => `=${v(rounds === 0 ? "round1.r" : `${last}.r`, j)}`);
  bucket("elig", "May take a cent (1 = yes)", (j) => `=1-${pinned(j)}`);
  scalar("leftCents", "Cents left to hand out", () => `=${s("rev")}-SUM(${all("cut")})`);
  bucket("rank", "Rank of the remainder", (j) => {
    const before = (key: string): string => rangeAt(col(0), rowOf(key), col(j - 1), rowOf(key), true);
    const ties = j === 0 ? "" : `+SUMPRODUCT(${before("elig")},(${before("remh")}=${v("remh", j)})*(${before("rem")}=${v("rem", j)}))`;
    return `=IF(${v("elig", j)}=1,1+SUMPRODUCT(${all("elig")},(${all("remh")}>${v("remh", j)})+(${all("remh")}=${v("remh", j)})*(${all("rem")}>${v("rem", j)}))${ties},0)`;
  });
  bucket("extra", "Extra cent", (j) => `=IF(AND(${v("elig", j)}=1,${v("rank", j)}<=${s("leftCents")}),1,0)`);
  bucket("cents", "Cents", (j) => `=${v("cut", j)}+${v("extra", j)}`);

  // What to fix, if anything: the first problem, in the order of the inputs.
  scalar("problem", "What to fix (blank: nothing)", () => problemFormula({
    revState: s("revState"), stage: input.stage, stageRow: s("stageRow"), sharesBad: s("sharesBad"),
    limits: FEE_BUCKETS.map((b, j) => (input.constraintInputs[j] && b.constraint !== "none" ? { what: b.constraintName, state: a(b.constraint === "cap" ? "capState" : "floorState", j) } : null)),
  }));

  specs.forEach((spec, i) => rows.set(spec.key, firstRow + i));
  const out: WorkingRow[] = specs.map((spec) => {
    const cells = spec.scalar ? [spec.cell(0)] : FEE_BUCKETS.map((_, j) => spec.cell(j));
    return { label: spec.label, cells, scalar: spec.scalar === true, ...(spec.numberFormat ? { numberFormat: spec.numberFormat } : {}) };
  });
  return {
    rows: out,
    rowOf,
    cents: (j) => cellAt(col(j), rowOf("cents"), true),
    share: (j) => cellAt(col(j), rowOf("share"), true),
    shares: all("share"),
    revenueCents: s("rev"),
    centsRow: all("cents"),
    problem: s("problem"),
    bound: (j) => {
      const pin = `${pinned(j)}=1`;
      return j === f ? `IF(${pin},"cap",IF(${s("binds")}=1,"floor","none"))` : `IF(${pin},"cap","none")`;
    },
  };
}

interface ProblemCells {
  readonly revState: string;
  readonly stage: string;
  readonly stageRow: string;
  readonly sharesBad: string;
  readonly limits: readonly ({ readonly what: string; readonly state: string } | null)[];
}

const STAGE_NAMES = STAGES.map((st) => st.id).join(", ");

/** The sheet's messages, in the core's words where the core has them. */
export const SHEET_MESSAGES = {
  revenueBlank: "Type the monthly fee revenue.",
  revenueText: "The revenue must be a number; it holds text. Type the amount as a number.",
  revenueNegative: "The revenue is negative. Give an amount of 0 or more.",
  revenueTooLarge: `The revenue is too large: amounts up to ${MAX_AMOUNT_TEXT} are supported (a spreadsheet keeps 15 digits).`,
  stageBlank: `Give a stage: pick ${STAGE_NAMES} from the list.`,
  stageUnknown: `Unknown stage. This sheet takes the stage names of its share table (${STAGE_NAMES}); for other shares, type them into a row of the table.`,
  sharesBad: "Each share in the stage's row must be a number from 0% to 100%, and the row must total 100%.",
  limitText: (what: string) => `The ${what} must be a number or blank; it holds text.`,
  limitNegative: (what: string) => `The ${what} is negative. Give an amount of 0 or more, or leave it blank.`,
  limitTooLarge: (what: string) => `The ${what} is too large: amounts up to ${MAX_AMOUNT_TEXT} are supported.`,
} as const;

function problemFormula(c: ProblemCells): string {
  const checks: [string, string][] = [
    [`${c.revState}=1`, SHEET_MESSAGES.revenueBlank],
    [`${c.revState}=2`, SHEET_MESSAGES.revenueText],
    [`${c.revState}=3`, SHEET_MESSAGES.revenueNegative],
    [`${c.revState}=4`, SHEET_MESSAGES.revenueTooLarge],
    [`AND(${c.stageRow}=0,${c.stage}="")`, SHEET_MESSAGES.stageBlank],
    [`${c.stageRow}=0`, SHEET_MESSAGES.stageUnknown],
    [`${c.sharesBad}=1`, SHEET_MESSAGES.sharesBad],
  ];
  for (const l of c.limits) {
    if (!l) continue;
    checks.push([`${l.state}=2`, SHEET_MESSAGES.limitText(l.what)], [`${l.state}=3`, SHEET_MESSAGES.limitNegative(l.what)], [`${l.state}=4`, SHEET_MESSAGES.limitTooLarge(l.what)]);
  }
  return `=${checks.reduceRight((rest, [cond, message]) => `IF(${cond},${text(message)},${rest})`, '""')}`;
}
