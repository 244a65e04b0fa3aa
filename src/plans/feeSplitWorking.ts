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
 * Exactness: every bucket ends at b x M / Q (b a whole-number weight, M the
 * cents left for the open buckets, Q the open weights' total); the whole
 * cents and remainders come from a long division over the base-2^k digits of
 * M, so no intermediate passes 2^52 (a spreadsheet's doubles hold whole
 * numbers exactly below 2^53; ROUNDDOWN may snap a quotient, so each one is
 * corrected by its remainder). With the weights' total up to 10^9 (shares
 * with 9 decimals) that holds for every revenue up to the maximum, with or
 * without caps, and with a floor. When a cap binds after the floor, Q is
 * floor x donor weights + rest x open weights; while that stays at or below
 * 2^43 the division is exact too (stage shares: revenue up to about
 * $5 billion); above, the sheet says so and leaves the split blank rather
 * than give a cent that may be wrong (TOKEN.FEESPLIT and the CLI give it).
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
 * 3 digits for amounts below 2^50; with Q up to 2^43, base 2^8 in 7 digits.
 */
const SMALL = { base: 2 ** 21, digits: 3 } as const;
const BIG = { base: 2 ** 8, digits: 7 } as const;
export const BIG_DIVISOR_LIMIT = 2 ** 43;

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
    ? `=IF(AND(${k === 1 ? "1" : `${v(`round${k}.pinned`, j)}=0`},${v("capSet", j)}=1,OR(${v(`round${k}.q`, j)}-${v("cap", j)}>0,AND(${v(`round${k}.q`, j)}-${v("cap", j)}=0,${v(`round${k}.r`, j)}>0))),1,0)`
    : NONE);
  bucket("round1.over", "Cap round 1: over its cap (1 = yes)", over(1));

  // Later rounds: pinned buckets take their caps; the open ones share the rest pro rata to their amounts after the floor.
  const rounds = capBuckets.length;
  for (let k = 2; k <= rounds + 1; k++) {
    const p = `round${k}`;
    const title = k === rounds + 1 ? "After the caps" : `Cap round ${k}`;
    bucket(`${p}.pinned`, `${title}: pinned at cap (1 = yes)`, (j) => `=MAX(${v(`round${k - 1}${k === 2 ? ".over" : ".pinned"}`, j)},${k === 2 ? "0" : v(`round${k - 1}.over`, j)})`);
    scalar(`${p}.any`, `${title}: buckets pinned`, () => `=SUM(${all(`${p}.pinned`)})`);
    scalar(`${p}.M`, `${title}: cents left for the open buckets`, () => `=${s("rev")}-SUMPRODUCT(${all(`${p}.pinned`)},${all("cap")})`);
    scalar(`${p}.W`, `${title}: open weight`, () => `=SUMPRODUCT(1-${all(`${p}.pinned`)},${all("weight")})`);
    const donorsOpen = (): string => (f < 0 ? s(`${p}.W`) : `(${s(`${p}.W`)}-${a("weight", f)})`);
    scalar(`${p}.K`, `${title}: open total (divisor)`, () =>
      (f < 0 ? `=${s(`${p}.W`)}` : `=IF(${s("binds")}=1,${s("T")}*${s("D")}+${s("U")}*${donorsOpen()},${s(`${p}.W`)})`));
    scalar(`${p}.big`, `${title}: divisor past 2^43 (1 = the sheet cannot stay exact)`, () =>
      `=IF(AND(${s("binds")}=1,${s(`${p}.any`)}>0,${s(`${p}.K`)}>${BIG_DIVISOR_LIMIT}),1,0)`);
    scalar(`${p}.Q`, `${title}: divisor used`, () => `=IF(${s(`${p}.big`)}=1,1,MAX(1,${s(`${p}.K`)}))`);
    bucket(`${p}.b`, `${title}: weight of the open bucket`, (j) => {
      const weight = f < 0 ? v("weight", j) : `IF(${s("binds")}=1,${j === f ? `${s("T")}*${s("D")}` : `${v("weight", j)}*${s("U")}`},${v("weight", j)})`;
      return `=IF(OR(${v(`${p}.pinned`, j)}=1,${s(`${p}.big`)}=1),0,${weight})`;
    });
    division(`${p}.div`, title, (j) => v(`${p}.b`, j), `${p}.M`, `${p}.Q`, BIG);
    bucket(`${p}.q`, `${title}: whole cents`, (j) =>
      `=IF(${s(`${p}.any`)}=0,${v("round1.q", j)},IF(${v(`${p}.pinned`, j)}=1,${v("cap", j)},IF(${s(`${p}.K`)}=0,${j === residual ? s(`${p}.M`) : "0"},${v(`${p}.div.q`, j)})))`);
    bucket(`${p}.r`, `${title}: remainder`, (j) =>
      `=IF(${s(`${p}.any`)}=0,${v("round1.r", j)},IF(OR(${v(`${p}.pinned`, j)}=1,${s(`${p}.K`)}=0),0,${v(`${p}.div.r0`, j)}))`);
    if (k <= rounds) bucket(`${p}.over`, `${title}: over its cap (1 = yes)`, over(k));
  }
  const last = `round${rounds + 1}`;
  const pinned = (j: number): string => (rounds === 0 ? "0" : `${a(`${last}.pinned`, j)}`);

  // Whole cents by largest remainder: the cents left go one each to the
  // largest remainders; ties go to the earlier bucket; pinned buckets take none.
  bucket("cut", "Cents cut down", (j) => `=${v(rounds === 0 ? "round1.q" : `${last}.q`, j)}`);
  bucket("rem", "Remainder (same denominator for every open bucket)", (j) => `=${v(rounds === 0 ? "round1.r" : `${last}.r`, j)}`);
  bucket("elig", "May take a cent (1 = yes)", (j) => `=1-${pinned(j)}`);
  scalar("leftCents", "Cents left to hand out", () => `=${s("rev")}-SUM(${all("cut")})`);
  bucket("rank", "Rank of the remainder", (j) => {
    const ties = j === 0 ? "" : `+SUMPRODUCT(${rangeAt(col(0), rowOf("elig"), col(j - 1), rowOf("elig"), true)},--(${rangeAt(col(0), rowOf("rem"), col(j - 1), rowOf("rem"), true)}=${v("rem", j)}))`;
    return `=IF(${v("elig", j)}=1,1+SUMPRODUCT(${all("elig")},--(${all("rem")}>${v("rem", j)}))${ties},0)`;
  });
  bucket("extra", "Extra cent", (j) => `=IF(AND(${v("elig", j)}=1,${v("rank", j)}<=${s("leftCents")}),1,0)`);
  bucket("cents", "Cents", (j) => `=${v("cut", j)}+${v("extra", j)}`);

  // What to fix, if anything: the first problem, in the order of the inputs.
  const bigRounds = (): string[] => Array.from({ length: rounds }, (_, i) => s(`round${i + 2}.big`));
  scalar("problem", "What to fix (blank: nothing)", () => problemFormula({
    revState: s("revState"), stage: input.stage, stageRow: s("stageRow"), sharesBad: s("sharesBad"),
    limits: FEE_BUCKETS.map((b, j) => (input.constraintInputs[j] && b.constraint !== "none" ? { what: b.constraintName, state: a(b.constraint === "cap" ? "capState" : "floorState", j) } : null)),
    big: rounds > 0 ? `MAX(${bigRounds().join(",")})` : "0",
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
  readonly big: string;
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
  tooManyDigits: "With the floor and a cap both binding, these shares at this revenue need more digits than a sheet holds exactly; TOKEN.FEESPLIT and token-model feesplit give the split.",
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
  checks.push([`${c.big}=1`, SHEET_MESSAGES.tooManyDigits]);
  return `=${checks.reduceRight((rest, [cond, message]) => `IF(${cond},${text(message)},${rest})`, '""')}`;
}
