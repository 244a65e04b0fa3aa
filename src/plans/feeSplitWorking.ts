import { MAX_AMOUNT_CENTS, MAX_AMOUNT_TEXT, MAX_BUCKETS, STAGES } from "../index";
import { PERCENT } from "./draft";
import { absolute, cellAt, rangeAt, text } from "./refs";
import type { PlanValue } from "./types";

/**
 * The helper rows of the Fee Split sheet: the core's split (bucketSplit in
 * src/bucketSplit.ts, by splitCents' rule) spelled out in native formulas,
 * one step per row, one column per row of the bucket table (blank-name rows
 * take no part).
 *
 * Names are compared as the core compares them (nameKey: lower case, letters
 * and digits only), character by character. Inputs are read as the core
 * reads them: revenue, caps and floors rounded half up on the typed decimal
 * (ROUND(ROUND(x,2)*100,0): 1.005 -> 101 cents), shares read to whole
 * billionths (ROUND(share*10^9)) and split pro rata to those. A bad input
 * leaves every helper at a harmless 0 and sets the "problem" cell, which
 * blanks the split and says what to fix.
 *
 * Exactness: every bucket ends at b x M / K (b a whole-number weight, M the
 * cents left for the open buckets, K the open weights' total). The whole
 * cents and remainders come from long division over the base-2^k digits of
 * M, so no intermediate passes 2^52 (a spreadsheet's doubles hold whole
 * numbers exactly below 2^53; ROUNDDOWN may snap a quotient by one, so each
 * is corrected by its remainder). Before any cap binds, K is the weights'
 * total (at most about 10^9 for 9-decimal shares) and one-cell arithmetic is
 * enough. After a cap binds with a floor, b and K are products such as
 * floor x donor weights (up to 2^81): they are held as pairs high x 2^40 +
 * low, and the division keeps a pair remainder, estimating each quotient
 * digit from doubles and correcting it exactly.
 *
 * With an "excess goes to" bucket e still open, every other open bucket keeps
 * its amount and e holds (b_e + b of the pinned) x R / K - (their caps): the
 * same division with e's numerator raised, so all remainders share K. Once e
 * is at its cap, the rounds go pro rata as usual.
 *
 * What the sheet refuses (the check cell says so, TOKEN.SPLIT splits it):
 * two floors binding at once, or a floor binding while another bucket with a
 * floor holds a share (the integer splitter hands these to the Decimal path
 * too); caps that keep binding after CAP_ROUNDS rounds.
 */

/** Where the working rows read their inputs (absolute A1 addresses on the same sheet, names elsewhere). */
export interface WorkingInputs {
  readonly revenue: string;
  readonly stage: string;
  readonly excessTo: string;
  readonly useRuleCaps: string;
  /** The stage headers across the bucket table. */
  readonly stageIds: string;
  /** Per row of the bucket table: its name cell, its shares across the stages, its cap and floor cells. */
  readonly names: readonly string[];
  readonly shareRows: readonly string[];
  readonly caps: readonly string[];
  readonly floors: readonly string[];
  /** Rule caps by bucket name key (the Summary's token rules: a number, or text saying why not). */
  readonly ruleCaps: readonly { readonly key: string; readonly cell: string }[];
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
  /** The name keys (lower case, letters and digits) across the buckets. */
  readonly keys: string;
  /** Per bucket: 1 when its row names a bucket. */
  readonly used: (j: number) => string;
  /** Per bucket: the cap in force in cents, and 1 when one is. */
  readonly capCents: (j: number) => string;
  readonly capSet: (j: number) => string;
  /** Per stage (1-based column of the table): the shares read as numbers across the buckets. */
  readonly stageShares: (s: number) => string;
  /** "" when the inputs can be split, else what to fix (absolute address). */
  readonly problem: string;
  /** "cap", "floor" or "none" for bucket j, by formula (without "="). */
  readonly bound: (j: number) => string;
}

/** Buckets across the working area: one column per row of the bucket table. */
const N = MAX_BUCKETS;
const col = (j: number): number => 2 + j;
const BILLION = 1_000_000_000;
/** The shares may miss 100% by this much (the core's tolerance). */
export const SHARE_SUM_TOLERANCE = "0.000000001";
/** Names are compared on at most this many characters (the sheet asks for shorter names). */
export const NAME_CHARS = 32;
/** Rounds of caps the sheet computes after the first; more is refused (TOKEN.SPLIT takes any number). */
export const CAP_ROUNDS = 4;
const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
/** The name key of the bucket that takes a capped excess when nothing is open to be pro rata to (the core's residual). */
const RESIDUAL_KEY = "insurance";

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

/** One character of a name as the core's nameKey keeps it: lower case, a letter or digit, else nothing. */
const keyChar = (cell: string, k: number): string => {
  const c = `LOWER(MID(${cell},${k},1))`;
  return `=IF(ISNUMBER(FIND(${c},${text(ALNUM)})),${c},"")`;
};

/** Builds the helper rows from `firstRow` down. */
export function buildWorking(firstRow: number, input: WorkingInputs): WorkingResult {
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
  /** The cells of a row before bucket j (j >= 1). */
  const before = (key: string, j: number): string => rangeAt(col(0), rowOf(key), col(j - 1), rowOf(key), true);
  const bucket = (key: string, label: string, cell: (j: number) => PlanValue, numberFormat?: string): void => {
    specs.push({ key, label, cell, ...(numberFormat ? { numberFormat } : {}) });
  };
  // Formulas are closures over `v`, `s` and `all`: rows are numbered before any is written.
  const scalar = (key: string, label: string, formula: () => string): void => {
    specs.push({ key, label, scalar: true, cell: formula });
  };
  const P = String(PAIR);
  const norm = (x: string): string => `(${x}-${floorDiv(x, P)}*${P})`;
  const carry = (x: string): string => floorDiv(x, P);

  // Names: the core's key, character by character; which rows take part.
  for (let k = 1; k <= NAME_CHARS; k++) bucket(`ch${k}`, `Name key: character ${k}`, (j) => keyChar(input.names[j]!, k));
  bucket("key", "Name key (lower case, letters and digits)", (j) => `=${Array.from({ length: NAME_CHARS }, (_, k) => v(`ch${k + 1}`, j)).join("&")}`);
  bucket("used", "Row names a bucket (1 = yes)", (j) => `=IF(LEN(TRIM(${input.names[j]!}))>0,1,0)`);
  bucket("disp", "Bucket name", (j) => `=IF(${v("used", j)}=1,TRIM(${input.names[j]!}),"")`);
  bucket("nameBad", "Name: 0 fine, 1 too long, 2 no letter or digit", (j) =>
    `=IF(${v("used", j)}=0,0,IF(LEN(TRIM(${input.names[j]!}))>${NAME_CHARS},1,IF(${v("key", j)}="",2,0)))`);
  bucket("dup", "Name used by an earlier row (1 = yes)", (j) => (j === 0 ? "=0"
    : `=IF(AND(${v("used", j)}=1,${v("key", j)}<>""),IF(SUMPRODUCT(${before("used", j)},(${before("key", j)}=${v("key", j)})*1)>0,1,0),0)`));
  bucket("junk", "A share, cap or floor in a row without a name (1 = yes)", (j) =>
    `=IF(AND(${v("used", j)}=0,SUMPRODUCT(LEN(${input.shareRows[j]!}))+LEN(${input.caps[j]!})+LEN(${input.floors[j]!})>0),1,0)`);
  bucket("isRes", "Takes an excess nothing else can (1 = yes)", (j) => `=IF(AND(${v("used", j)}=1,${v("key", j)}=${text(RESIDUAL_KEY)}),1,0)`);
  scalar("count", "Buckets named", () => `=SUM(${all("used")})`);
  for (let k = 1; k <= NAME_CHARS; k++) scalar(`ex${k}`, `Excess goes to: key character ${k}`, () => keyChar(input.excessTo, k));
  scalar("exKey", "Excess goes to: name key", () => `=${Array.from({ length: NAME_CHARS }, (_, k) => s(`ex${k + 1}`)).join("&")}`);
  scalar("exGiven", "Excess goes to: given (1 = yes)", () => `=IF(LEN(TRIM(${input.excessTo}))>0,1,0)`);
  bucket("isExcess", "Takes the capped excess (1 = yes)", (j) => `=IF(AND(${s("exGiven")}=1,${v("used", j)}=1,${s("exKey")}<>"",${v("key", j)}=${s("exKey")}),1,0)`);
  scalar("eSet", "Excess goes to a bucket (1 = yes; 0: pro rata)", () => `=MIN(1,SUM(${all("isExcess")}))`);
  scalar("names", "Bucket names, listed", () => {
    const list = Array.from({ length: N }, (_, j) => `IF(${v("used", j)}=1,${v("disp", j)}&", ","")`).join("&");
    return `=IF(${s("count")}=0,"",LEFT(${list},LEN(${list})-2))`;
  });

  // Inputs, checked as the core checks them.
  scalar("revState", "Revenue: 0 fine, 1 blank, 2 not a number, 3 negative, 4 too large", () => amountState(input.revenue));
  scalar("rev", "Revenue in cents (half up on the typed decimal)", () => `=IF(${s("revState")}=0,${toCentsFormula(input.revenue)},0)`);
  scalar("stageCol", "Column of the stage in the bucket table (0: none)", () => `=IFERROR(MATCH(${input.stage},${input.stageIds},0),0)`);
  bucket("shareLen", "Share for the stage: characters typed (0: blank)", (j) => `=SUMPRODUCT(LEN(${input.shareRows[j]!})*(${input.stageIds}=${input.stage}))`);
  bucket("shareIn", "Share for the stage, as typed", (j) => `=IF(AND(${v("used", j)}=1,${s("stageCol")}>0),INDEX(${input.shareRows[j]!},1,${s("stageCol")}),0)`);
  bucket("shareState", "Share: 0 fine, 1 blank, 2 not a number, 3 outside 0% to 100%", (j) =>
    `=IF(OR(${v("used", j)}=0,${s("stageCol")}=0),0,IF(${v("shareLen", j)}=0,1,IF(ISNUMBER(${v("shareIn", j)}),IF(OR(${v("shareIn", j)}<0,${v("shareIn", j)}>1),3,0),2)))`);
  scalar("sharesBad", "Shares unusable (1 = yes)", () =>
    `=IF(${s("stageCol")}=0,1,IF(SUM(${all("shareState")})>0,1,IF(ABS(SUMPRODUCT(${all("used")},${all("shareIn")})-1)<=${SHARE_SUM_TOLERANCE},0,1)))`);
  bucket("share", "Share used", (j) => `=IF(${s("sharesBad")}=0,${v("shareIn", j)},0)`, PERCENT);
  bucket("raw", "Share in billionths", (j) => `=ROUND(${v("share", j)}*${BILLION},0)`);
  scalar("rawGcd", "Common factor of the shares", () => `=MAX(1,GCD(${all("raw")}))`);
  bucket("weight", "Weight (whole number)", (j) => `=${v("raw", j)}/${s("rawGcd")}`);
  scalar("S", "Weight total", () => `=SUM(${all("weight")})`);
  // The stage's share columns as numbers, for the standard-bucket view (FeeShares).
  STAGES.forEach((st, i) => bucket(`stage${i + 1}`, `Share for ${st.id} (as a number)`, (j) =>
    `=IF(${v("used", j)}=1,IF(ISNUMBER(INDEX(${input.shareRows[j]!},1,${i + 1})),INDEX(${input.shareRows[j]!},1,${i + 1}),0),0)`, PERCENT));

  // Caps (typed, and the token rules' when asked) and floors.
  scalar("useRules", "Use the token rules' caps: 1 yes, 0 no, 2 neither", () =>
    `=IF(TRIM(${input.useRuleCaps})="yes",1,IF(OR(TRIM(${input.useRuleCaps})="no",TRIM(${input.useRuleCaps})=""),0,2))`);
  bucket("capState", "Typed cap: 0 set, 1 blank, 2 not a number, 3 negative, 4 too large", (j) => amountState(input.caps[j]!));
  bucket("capTyped", "Typed cap in cents (-1: none)", (j) => `=IF(AND(${v("used", j)}=1,${v("capState", j)}=0),${toCentsFormula(input.caps[j]!)},-1)`);
  const ruleOf = (j: number): string => input.ruleCaps.reduceRight((rest, r) => `IF(${v("key", j)}=${text(r.key)},${r.cell},${rest})`, '""');
  bucket("rule", "Token rule's cap for this bucket (text: none, or why not)", (j) => `=IF(AND(${v("used", j)}=1,${s("useRules")}=1),${ruleOf(j)},"")`);
  bucket("ruleBad", "Token rule's cap cannot be worked out (1 = yes)", (j) =>
    `=IF(AND(${v("used", j)}=1,${s("useRules")}=1,NOT(ISNUMBER(${v("rule", j)}))),IF(OR(${v("rule", j)}="",${v("rule", j)}="not set"),0,1),0)`);
  bucket("ruleCents", "Token rule's cap in cents (-1: none)", (j) =>
    `=IF(ISNUMBER(${v("rule", j)}),MIN(${MAX_AMOUNT_CENTS},ROUND(ROUND(MAX(0,${v("rule", j)}),2)*100,0)),-1)`);
  bucket("capSet", "Cap in force (1 = yes)", (j) => `=IF(OR(${v("capTyped", j)}>=0,${v("ruleCents", j)}>=0),1,0)`);
  bucket("cap", "Cap in cents (the lower of the typed and the rule's)", (j) =>
    `=IF(${v("capTyped", j)}<0,MAX(0,${v("ruleCents", j)}),IF(${v("ruleCents", j)}<0,${v("capTyped", j)},MIN(${v("capTyped", j)},${v("ruleCents", j)})))`);
  bucket("floorState", "Floor: 0 set, 1 blank, 2 not a number, 3 negative, 4 too large", (j) => amountState(input.floors[j]!));
  bucket("floorSet", "Floor set (1 = yes)", (j) => `=IF(AND(${v("used", j)}=1,${v("floorState", j)}=0),1,0)`);
  bucket("floor", "Floor in cents", (j) => `=IF(${v("floorSet", j)}=1,${toCentsFormula(input.floors[j]!)},0)`);
  bucket("floorOver", "Floor above the cap: 0 no, 1 the typed cap, 2 the rule's", (j) =>
    `=IF(AND(${v("floorSet", j)}=1,${v("capSet", j)}=1,${v("floor", j)}-${v("cap", j)}>0),IF(AND(${v("capTyped", j)}>=0,${v("floor", j)}-${v("capTyped", j)}>0),1,2),0)`);
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

  bucket("limitBad", "Cap or floor: 0 fine, else the first bad state (2 text, 3 negative, 4 too large; +10 for the floor)", (j) =>
    `=IF(${v("used", j)}=0,0,IF(${v("capState", j)}>1,${v("capState", j)},IF(${v("floorState", j)}>1,10+${v("floorState", j)},0)))`);

  // The plain split: weight x revenue / total.
  scalar("S1", "Weight total (at least 1)", () => `=MAX(1,${s("S")})`);
  division("plain", "Plain split", (j) => v("weight", j), "rev", "S1", SMALL);

  // Floors: a bucket below its floor is raised to min(floor, revenue), paid
  // for pro rata by the buckets without a floor. The sheet takes one binding
  // floor at a time, with no other floored bucket holding a share.
  bucket("T", "Floor target, at most the revenue", (j) => `=IF(${v("floorSet", j)}=1,MIN(${v("floor", j)},${s("rev")}),0)`);
  bucket("binds", "Floor binds (1 = yes)", (j) => `=IF(AND(${v("floorSet", j)}=1,${v("T", j)}-${v("plain.q", j)}>0),1,0)`);
  scalar("nBinds", "Floors that bind", () => `=SUM(${all("binds")})`);
  scalar("floorClash", "Floors the sheet cannot split exactly (1 = yes)", () =>
    `=IF(OR(${s("nBinds")}>1,AND(${s("nBinds")}=1,SUMPRODUCT(${all("floorSet")},${all("weight")})-SUMPRODUCT(${all("binds")},${all("weight")})>0)),1,0)`);
  scalar("bind", "One floor binds (1 = yes)", () => `=IF(AND(${s("nBinds")}=1,${s("floorClash")}=0),1,0)`);
  scalar("T1", "Floor: the binding floor's target", () => `=IF(${s("bind")}=1,SUMPRODUCT(${all("binds")},${all("T")}),0)`);
  scalar("U", "Floor: cents left for the funding buckets", () => `=${s("rev")}-${s("T1")}`);
  scalar("D", "Floor: weight of the funding buckets", () => `=MAX(1,${s("S")}-SUMPRODUCT(${all("floorSet")},${all("weight")}))`);
  division("floored", "After the floor", (j) => `(1-${v("floorSet", j)})*${v("weight", j)}`, "U", "D", SMALL);

  // Round 1 of the caps starts from the amounts after the floor.
  const isF = (j: number): string => `${s("bind")}*${v("binds", j)}=1`;
  bucket("round1.q", "Cap round 1: whole cents before caps", (j) => `=IF(${s("bind")}=1,IF(${isF(j)},${s("T1")},${v("floored.q", j)}),${v("plain.q", j)})`);
  bucket("round1.r", "Cap round 1: remainder", (j) => `=IF(${s("bind")}=1,IF(${isF(j)},0,${v("floored.r0", j)}),${v("plain.r0", j)})`);
  const over = (k: number) => (j: number): string =>
    `=IF(AND(${k === 1 ? "1" : `${v(`round${k}.pinned`, j)}=0`},${v("capSet", j)}=1,OR(${v(`round${k}.q`, j)}-${v("cap", j)}>0,AND(${v(`round${k}.q`, j)}-${v("cap", j)}=0,${k === 1 ? "" : `${v(`round${k}.rh`, j)}+`}${v(`round${k}.r`, j)}>0))),1,0)`;
  bucket("round1.over", "Cap round 1: over its cap (1 = yes)", over(1));

  // Open weights as pairs: b = weight (no floor), or after the floor donor
  // weight x U and, for the floored bucket, D x T; K their open total.
  bucket("bx", "Open weight, first factor", (j) => `=IF(${s("bind")}=1,IF(${isF(j)},${s("D")},(1-${v("floorSet", j)})*${v("weight", j)}),${v("weight", j)})`);
  bucket("by", "Open weight, second factor", (j) => `=IF(${s("bind")}=1,IF(${isF(j)},${s("T1")},${s("U")}),1)`);
  // x = x1 2^25 + x0 (x below 2^31), y = y1 2^25 + y0 (y below 2^50): x y = x1 y1 2^50 + (x0 y1 + x1 y0) 2^25 + x0 y0, every product below 2^51.
  bucket("bx1", "First factor, 2^25s", (j) => `=${floorDiv(v("bx", j), String(2 ** 25))}`);
  bucket("by1", "Second factor, 2^25s", (j) => `=${floorDiv(v("by", j), String(2 ** 25))}`);
  const x0 = (j: number): string => `(${v("bx", j)}-${v("bx1", j)}*${2 ** 25})`;
  const y0 = (j: number): string => `(${v("by", j)}-${v("by1", j)}*${2 ** 25})`;
  bucket("bmid", "Cross terms", (j) => `=${x0(j)}*${v("by1", j)}+${v("bx1", j)}*${y0(j)}`);
  bucket("blraw", "Low part before carry", (j) => `=${x0(j)}*${y0(j)}+(${v("bmid", j)}-${floorDiv(v("bmid", j), String(2 ** 15))}*${2 ** 15})*${2 ** 25}`);
  bucket("bl", "Open weight, low part (below 2^40)", (j) => `=${v("blraw", j)}-${floorDiv(v("blraw", j), P)}*${P}`);
  bucket("bh", "Open weight, high part (2^40s)", (j) => `=${v("bx1", j)}*${v("by1", j)}*${2 ** 10}+${floorDiv(v("bmid", j), String(2 ** 15))}+${floorDiv(v("blraw", j), P)}`);

  // Later rounds: pinned buckets take their caps. With an excess bucket e
  // still open, the others keep b x R / K and e takes the pinned buckets'
  // excess; otherwise the open ones share the rest pro rata to b.
  for (let k = 2; k <= CAP_ROUNDS + 1; k++) {
    const p = `round${k}`;
    const title = `Cap round ${k}`;
    bucket(`${p}.pinned`, `${title}: pinned at cap (1 = yes)`, (j) => `=MAX(${v(`round${k - 1}${k === 2 ? ".over" : ".pinned"}`, j)},${k === 2 ? "0" : v(`round${k - 1}.over`, j)})`);
    bucket(`${p}.open`, `${title}: open (1 = yes)`, (j) => `=${v("used", j)}*(1-${v(`${p}.pinned`, j)})`);
    scalar(`${p}.any`, `${title}: buckets pinned`, () => `=SUM(${all(`${p}.pinned`)})`);
    scalar(`${p}.none`, `${title}: every bucket pinned (1 = yes)`, () => `=IF(AND(${s(`${p}.any`)}>0,SUM(${all(`${p}.open`)})=0),1,0)`);
    scalar(`${p}.ex`, `${title}: the excess bucket takes the excess (1 = yes)`, () => `=IF(AND(${s("eSet")}=1,SUMPRODUCT(${all("isExcess")},${all(`${p}.pinned`)})=0),1,0)`);
    scalar(`${p}.C`, `${title}: caps of the pinned buckets`, () => `=SUMPRODUCT(${all(`${p}.pinned`)},${all("cap")})`);
    scalar(`${p}.M`, `${title}: cents to divide`, () => `=IF(${s(`${p}.ex`)}=1,${s("rev")},${s("rev")}-${s(`${p}.C`)})`);
    scalar(`${p}.BPlraw`, `${title}: pinned weights, low parts`, () => `=SUMPRODUCT(${all(`${p}.pinned`)},${all("bl")})`);
    scalar(`${p}.BPl`, `${title}: pinned weights, low part`, () => `=${norm(s(`${p}.BPlraw`))}`);
    scalar(`${p}.BPh`, `${title}: pinned weights, high part`, () => `=SUMPRODUCT(${all(`${p}.pinned`)},${all("bh")})+${carry(s(`${p}.BPlraw`))}`);
    const takes = (j: number): string => `${s(`${p}.ex`)}*${v("isExcess", j)}`;
    bucket(`${p}.nlraw`, `${title}: numerator, low part before carry`, (j) => `=(1-${v(`${p}.pinned`, j)})*(${v("bl", j)}+${takes(j)}*${s(`${p}.BPl`)})`);
    bucket(`${p}.nl`, `${title}: numerator, low part`, (j) => `=${norm(v(`${p}.nlraw`, j))}`);
    bucket(`${p}.nh`, `${title}: numerator, high part`, (j) => `=(1-${v(`${p}.pinned`, j)})*(${v("bh", j)}+${takes(j)}*${s(`${p}.BPh`)})+${carry(v(`${p}.nlraw`, j))}`);
    scalar(`${p}.Klraw`, `${title}: divisor, low parts`, () => `=IF(${s(`${p}.ex`)}=1,SUM(${all("bl")}),SUMPRODUCT(1-${all(`${p}.pinned`)},${all("bl")}))`);
    scalar(`${p}.Kl`, `${title}: divisor, low part`, () => `=${norm(s(`${p}.Klraw`))}`);
    scalar(`${p}.Kh`, `${title}: divisor, high part`, () => `=IF(${s(`${p}.ex`)}=1,SUM(${all("bh")}),SUMPRODUCT(1-${all(`${p}.pinned`)},${all("bh")}))+${carry(s(`${p}.Klraw`))}`);
    scalar(`${p}.zero`, `${title}: nothing open to be pro rata to (1 = yes)`, () => `=IF(${s(`${p}.Kh`)}+${s(`${p}.Kl`)}=0,1,0)`);
    scalar(`${p}.KlU`, `${title}: divisor, low part (at least 1)`, () => `=IF(${s(`${p}.zero`)}=1,1,${s(`${p}.Kl`)})`);
    scalar(`${p}.resOpen`, `${title}: the residual bucket is open (1 = yes)`, () => `=SUMPRODUCT(${all(`${p}.open`)},${all("isRes")})`);
    // With nothing to be pro rata to, the residual bucket takes it all (insurance if open, else the first open bucket).
    bucket(`${p}.taker`, `${title}: takes what is left when nothing is open to be pro rata to (1 = yes)`, (j) =>
      `=IF(${v(`${p}.open`, j)}=0,0,IF(${s(`${p}.resOpen`)}>0,${v("isRes", j)},${j === 0 ? "1" : `IF(SUM(${before(`${p}.open`, j)})=0,1,0)`}))`);
    pairDivision(`${p}.div`, title, (j) => v(`${p}.nh`, j), (j) => v(`${p}.nl`, j), `${p}.M`, `${p}.Kh`, `${p}.KlU`);
    bucket(`${p}.q`, `${title}: whole cents`, (j) =>
      `=IF(${s(`${p}.any`)}=0,${v("round1.q", j)},IF(${v(`${p}.pinned`, j)}=1,${v("cap", j)},IF(${v("used", j)}=0,0,IF(${s(`${p}.zero`)}=1,${v(`${p}.taker`, j)}*${s(`${p}.M`)},${v(`${p}.div.q`, j)}-${takes(j)}*${s(`${p}.C`)}))))`);
    bucket(`${p}.rh`, `${title}: remainder, high part`, (j) =>
      `=IF(OR(${s(`${p}.any`)}=0,${v(`${p}.pinned`, j)}=1,${s(`${p}.zero`)}=1),0,${v(`${p}.div.rh0`, j)})`);
    bucket(`${p}.r`, `${title}: remainder, low part`, (j) =>
      `=IF(${s(`${p}.any`)}=0,${v("round1.r", j)},IF(OR(${v(`${p}.pinned`, j)}=1,${s(`${p}.zero`)}=1),0,${v(`${p}.div.rl0`, j)}))`);
    bucket(`${p}.over`, `${title}: over its cap (1 = yes)`, over(k));
  }
  const last = `round${CAP_ROUNDS + 1}`;
  scalar("allPinned", "Every bucket at its cap with revenue left over (1 = yes)", () => {
    const rounds = Array.from({ length: CAP_ROUNDS }, (_, i) => `${s(`round${i + 2}.none`)}=1`);
    return `=IF(OR(${rounds.join(",")},AND(SUM(${all(`${last}.over`)})>0,SUM(${all(`${last}.open`)})-SUM(${all(`${last}.over`)})=0)),1,0)`;
  });
  scalar("moreRounds", "Caps still binding after the last round (1 = yes)", () => `=IF(AND(${s("allPinned")}=0,SUM(${all(`${last}.over`)})>0),1,0)`);

  // Whole cents by largest remainder: the cents left go one each to the
  // largest remainders (pairs high, low); ties go to the earlier bucket;
  // pinned buckets and blank rows take none.
  bucket("cut", "Cents cut down", (j) => `=${v(`${last}.q`, j)}`);
  bucket("remh", "Remainder, high part (same divisor for every open bucket)", (j) => `=${v(`${last}.rh`, j)}`);
  bucket("rem", "Remainder, low part", (j) => `=${v(`${last}.r`, j)}`);
  bucket("elig", "May take a cent (1 = yes)", (j) => `=${v(`${last}.open`, j)}`);
  scalar("leftCents", "Cents left to hand out", () => `=${s("rev")}-SUM(${all("cut")})`);
  bucket("rank", "Rank of the remainder", (j) => {
    const ties = j === 0 ? "" : `+SUMPRODUCT(${before("elig", j)},(${before("remh", j)}=${v("remh", j)})*(${before("rem", j)}=${v("rem", j)}))`;
    return `=IF(${v("elig", j)}=1,1+SUMPRODUCT(${all("elig")},(${all("remh")}>${v("remh", j)})+(${all("remh")}=${v("remh", j)})*(${all("rem")}>${v("rem", j)}))${ties},0)`;
  });
  bucket("extra", "Extra cent", (j) => `=IF(AND(${v("elig", j)}=1,${v("rank", j)}<=${s("leftCents")}),1,0)`);
  bucket("cents", "Cents", (j) => `=${v("cut", j)}+${v("extra", j)}`);

  // What to fix, if anything: the first problem, in the order of the inputs.
  scalar("problem", "What to fix (blank: nothing)", () => problemFormula(input, { s, all }));

  specs.forEach((spec, i) => rows.set(spec.key, firstRow + i));
  const out: WorkingRow[] = specs.map((spec) => {
    const cells = spec.scalar ? [spec.cell(0)] : Array.from({ length: N }, (_, j) => spec.cell(j));
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
    keys: all("key"),
    used: (j) => cellAt(col(j), rowOf("used"), true),
    capCents: (j) => cellAt(col(j), rowOf("cap"), true),
    capSet: (j) => cellAt(col(j), rowOf("capSet"), true),
    stageShares: (st) => all(`stage${st}`),
    problem: s("problem"),
    bound: (j) => `IF(${cellAt(col(j), rowOf(`${last}.pinned`), true)}=1,"cap",IF(${s("bind")}*${cellAt(col(j), rowOf("binds"), true)}=1,"floor","none"))`,
  };
}

const STAGE_NAMES = STAGES.map((st) => st.id).join(", ");

/** The sheet's messages, in the core's words where the core has them (src/bucketSplit.ts, src/feeSplit.ts). */
export const SHEET_MESSAGES = {
  revenueBlank: "Type the monthly fee revenue.",
  revenueText: "The revenue must be a number; it holds text. Type the amount as a number.",
  revenueNegative: "The revenue is negative. Give an amount of 0 or more.",
  revenueTooLarge: `The revenue is too large: amounts up to ${MAX_AMOUNT_TEXT} are supported (a spreadsheet keeps 15 digits).`,
  stageBlank: `Give a stage: pick ${STAGE_NAMES} from the list.`,
  stageUnknown: `Unknown stage. This sheet takes the stage names at the top of its bucket table (${STAGE_NAMES}); for other shares, type them into a stage's column.`,
  useRules: "Use the token rules' caps takes yes or no (blank: no).",
  noBuckets: "Name at least one bucket in the bucket table.",
  junk: "A row of the bucket table has a share, cap or floor but no name: name the bucket, or clear the row.",
  duplicate: (name: string) => `The bucket name "${name}" appears twice: give each bucket its own name.`,
  tooLong: (name: string) => `The bucket name "${name}" is too long for this sheet: use at most ${NAME_CHARS} characters (TOKEN.SPLIT takes longer names).`,
  noLetters: (name: string) => `The bucket name "${name}" has no letter or digit: give it a name made of words (e.g. treasury).`,
  shareBlank: (name: string) => `The ${name} share for the stage is blank: type a share (0% if none).`,
  shareText: (name: string) => `The ${name} share for the stage must be a number; it holds text.`,
  shareRange: (name: string) => `The ${name} share for the stage must be from 0% to 100%.`,
  sharesTotal: (percent: string) => `The shares for the stage total ${percent}%, not 100%: make them add up to 100%.`,
  capText: (name: string) => `The ${name} cap must be a number or blank; it holds text.`,
  capNegative: (name: string) => `The ${name} cap is negative. Give an amount of 0 or more, or leave it blank.`,
  capTooLarge: (name: string) => `The ${name} cap is too large: amounts up to ${MAX_AMOUNT_TEXT} are supported.`,
  floorText: (name: string) => `The ${name} floor must be a number or blank; it holds text.`,
  floorNegative: (name: string) => `The ${name} floor is negative. Give an amount of 0 or more, or leave it blank.`,
  floorTooLarge: (name: string) => `The ${name} floor is too large: amounts up to ${MAX_AMOUNT_TEXT} are supported.`,
  floorAboveCap: (name: string) => `The ${name} floor is above its cap: lower the floor or raise the cap.`,
  floorAboveRuleCap: (name: string) => `The ${name} floor is above the cap the token rules give: lower the floor, or set Use the token rules' caps to no.`,
  ruleBad: (name: string, says: string) => `The token rule for the ${name} cap cannot be worked out (${says}): fix the token inputs on the Summary, or set Use the token rules' caps to no.`,
  unknownExcess: (name: string, names: string) => `Excess goes to names "${name}", which is not one of the buckets (${names}): pick one of them, or leave it blank for pro rata.`,
  floorClash: "Two floors take part at once (two floors bind, or one binds while another bucket with a floor holds a share): this sheet splits one such floor exactly. Lower or clear a floor, or use TOKEN.SPLIT, which splits this case.",
  allPinned: "Every bucket is at its cap and revenue is left over: raise a cap so the whole revenue can land.",
  moreRounds: `The caps keep binding after ${CAP_ROUNDS + 1} rounds (each cap's excess pushing another bucket over its cap): this sheet stops there. Raise a cap, or use TOKEN.SPLIT, which takes any number of rounds.`,
} as const;

/** A message with formulas in it: the message function called on markers, the markers replaced by the formulas. */
const fill = (message: (...xs: string[]) => string, ...values: string[]): string => {
  const marks = values.map((_, i) => `\u0000${i}\u0000`);
  const parts = message(...marks).split(/\u0000\d+\u0000/);
  return parts.map((part, i) => (i < values.length ? `${text(part)}&${values[i]}` : text(part))).join("&");
};

function problemFormula(input: WorkingInputs, { s, all }: { s: (key: string) => string; all: (key: string) => string }): string {
  const M = SHEET_MESSAGES;
  /** The name of the first bucket whose row `key` meets `test`. */
  const first = (key: string, value: number): string => `INDEX(${all("disp")},MATCH(${value},${all(key)},0))`;
  const anyOf = (key: string, value: number): string => `COUNTIF(${all(key)},${value})>0`;
  const checks: [string, string][] = [
    [`${s("revState")}=1`, text(M.revenueBlank)],
    [`${s("revState")}=2`, text(M.revenueText)],
    [`${s("revState")}=3`, text(M.revenueNegative)],
    [`${s("revState")}=4`, text(M.revenueTooLarge)],
    [`AND(${s("stageCol")}=0,TRIM(${input.stage})="")`, text(M.stageBlank)],
    [`${s("stageCol")}=0`, text(M.stageUnknown)],
    [`${s("useRules")}=2`, text(M.useRules)],
    [anyOf("junk", 1), text(M.junk)],
    [`${s("count")}=0`, text(M.noBuckets)],
    [anyOf("nameBad", 1), fill(M.tooLong, first("nameBad", 1))],
    [anyOf("nameBad", 2), fill(M.noLetters, first("nameBad", 2))],
    [anyOf("dup", 1), fill(M.duplicate, first("dup", 1))],
    [anyOf("shareState", 1), fill(M.shareBlank, first("shareState", 1))],
    [anyOf("shareState", 2), fill(M.shareText, first("shareState", 2))],
    [anyOf("shareState", 3), fill(M.shareRange, first("shareState", 3))],
    [`${s("sharesBad")}=1`, fill(M.sharesTotal, `ROUND(SUMPRODUCT(${all("used")},${all("shareIn")})*100,7)`)],
    [anyOf("limitBad", 2), fill(M.capText, first("limitBad", 2))],
    [anyOf("limitBad", 3), fill(M.capNegative, first("limitBad", 3))],
    [anyOf("limitBad", 4), fill(M.capTooLarge, first("limitBad", 4))],
    [anyOf("limitBad", 12), fill(M.floorText, first("limitBad", 12))],
    [anyOf("limitBad", 13), fill(M.floorNegative, first("limitBad", 13))],
    [anyOf("limitBad", 14), fill(M.floorTooLarge, first("limitBad", 14))],
    [anyOf("ruleBad", 1), fill(M.ruleBad, first("ruleBad", 1), `INDEX(${all("rule")},MATCH(1,${all("ruleBad")},0))`)],
    [anyOf("floorOver", 1), fill(M.floorAboveCap, first("floorOver", 1))],
    [anyOf("floorOver", 2), fill(M.floorAboveRuleCap, first("floorOver", 2))],
    [`AND(${s("exGiven")}=1,${s("eSet")}=0)`, fill(M.unknownExcess, `TRIM(${input.excessTo})`, s("names"))],
    [`${s("floorClash")}=1`, text(M.floorClash)],
    [`${s("allPinned")}=1`, text(M.allPinned)],
    [`${s("moreRounds")}=1`, text(M.moreRounds)],
  ];
  return `=${checks.reduceRight((rest, [cond, message]) => `IF(${cond},${message},${rest})`, '""')}`;
}
