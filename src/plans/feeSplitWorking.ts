import { FEE_BUCKETS as CORE_BUCKETS, type Bucket } from "../index";
import { PERCENT } from "./draft";
import { absolute, cellAt, rangeAt } from "./refs";
import type { PlanValue } from "./types";

/** The bucket list is data: every helper row has one cell per bucket. */
const FEE_BUCKETS: readonly Bucket[] = CORE_BUCKETS;

/**
 * The helper rows of the Fee Split sheet: the core's feeSplit (src/feeSplit.ts)
 * spelled out in native formulas, one step per row, buckets across.
 *
 * Exactness: every amount is kept as a whole-number numerator over a
 * whole-number denominator (cents x share weights), reduced with GCD, so the
 * whole-cent cut and the remainders are exact and equal remainders compare
 * equal: ties really go to the earlier bucket, in Excel and in LibreOffice
 * (whose ROUNDDOWN snaps near-integers; the cut is corrected either way).
 * Plain shares, a floor alone or caps alone stay exact while revenue in cents
 * times a share weight is below 2^53 (whole-percent shares: about $900
 * billion a month). A floor and a cap binding together multiply two amounts
 * and fall back to floating point above about $1 million; randomized tests
 * against exact rational arithmetic (test/helpers/exactSplit.ts) found no
 * cent of difference up to $100 billion a month.
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
  /** "cap", "floor" or "none" for bucket j, by formula (without "="). */
  readonly bound: (j: number) => string;
}

const N = FEE_BUCKETS.length;
const col = (j: number): number => 2 + j;
const BILLION = 1_000_000_000;
/** A helper cell that does not apply (no cap, no floor, nothing pinned yet): a formula too, so every helper cell is computed. */
const NONE = "=0";

interface Spec {
  readonly key: string;
  readonly label: string;
  readonly scalar?: boolean;
  readonly numberFormat?: string;
  /** Formula for bucket j (j = 0 for a scalar row). */
  readonly cell: (j: number) => PlanValue;
}

/** Builds the helper rows from `firstRow` down. */
export function buildWorking(firstRow: number, input: WorkingInputs): WorkingResult {
  const residual = FEE_BUCKETS.findIndex((b) => b.residual && b.constraint !== "cap");
  if (residual < 0) throw new Error("The bucket list needs a residual bucket without a cap, so the whole revenue can always land.");
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
  const others = (key: string, j: number): string => FEE_BUCKETS.map((_, i) => i).filter((i) => i !== j).map((i) => v(key, i)).join(",");
  const bucket = (key: string, label: string, cell: (j: number) => PlanValue, numberFormat?: string): void => {
    specs.push({ key, label, cell, ...(numberFormat ? { numberFormat } : {}) });
  };
  // Formulas are closures over `v`, `s` and `all`: rows are numbered before any is written.
  const scalar = (key: string, label: string, formula: () => string): void => {
    specs.push({ key, label, scalar: true, cell: formula });
  };
  const a = (key: string, j: number): string => absolute(v(key, j));

  scalar("rev", "Revenue in cents", () => `=ROUND(${input.revenue}*100,0)`);
  scalar("stageRow", "Row of the stage in the share table", () => `=MATCH(${input.stage},${input.stageIds},0)`);
  bucket("share", "Share used", (j) => `=INDEX(${input.shareColumns[j]},${s("stageRow")})`, PERCENT);
  bucket("raw", "Share in billionths", (j) => `=ROUND(${v("share", j)}*${BILLION},0)`);
  scalar("rawGcd", "Common factor of the shares", () => `=MAX(1,GCD(${all("raw")}))`);
  bucket("weight", "Weight (whole number)", (j) => `=${v("raw", j)}/${s("rawGcd")}`);
  scalar("weightTotal", "Weight total", () => `=SUM(${all("weight")})`);
  const limit = (kind: "cap" | "floor") => (j: number): string => {
    const cell = input.constraintInputs[j];
    return FEE_BUCKETS[j]!.constraint === kind && cell ? `=IF(ISNUMBER(${cell}),1,0)` : NONE;
  };
  const limitCents = (kind: "cap" | "floor", setKey: string) => (j: number): string => {
    const cell = input.constraintInputs[j];
    return FEE_BUCKETS[j]!.constraint === kind && cell ? `=IF(${v(setKey, j)}=1,ROUND(${cell}*100,0),0)` : NONE;
  };
  bucket("capSet", "Cap set (1 = yes)", limit("cap"));
  bucket("cap", "Cap in cents", limitCents("cap", "capSet"));
  bucket("floorSet", "Floor set (1 = yes)", limit("floor"));
  bucket("floor", "Floor in cents", limitCents("floor", "floorSet"));
  bucket("donor", "Funds a floor (1 = yes)", (j) => `=1-${v("floorSet", j)}`);
  bucket("n0", "Start: numerator (cents x weight)", (j) => `=${s("rev")}*${v("weight", j)}`);
  scalar("d0", "Start: denominator", () => `=${s("weightTotal")}`);

  // Floors first, in bucket order: raised to min(floor, revenue), paid for pro rata by the buckets without a floor.
  let n = "n0";
  let d = "d0";
  const floorBinds = new Map<number, string>();
  FEE_BUCKETS.forEach((b, f) => {
    if (b.constraint !== "floor") return;
    const p = `floor${f}`;
    const [pn, pd] = [n, d];
    const name = b.name.toLowerCase();
    scalar(`${p}.target`, `Floor (${name}): target, at most the revenue`, () => `=MIN(${a("floor", f)},${s("rev")})`);
    scalar(`${p}.binds`, `Floor (${name}): binds (1 = yes)`, () => `=IF(AND(${a("floorSet", f)}=1,${a(pn, f)}<${s(`${p}.target`)}*${s(pd)}),1,0)`);
    scalar(`${p}.pool`, `Floor (${name}): pool of the funding buckets`, () => `=SUMPRODUCT(${all(pn)},${all("donor")})`);
    bucket(`${p}.donorN`, `Floor (${name}): funding numerators`, (j) => `=${v(pn, j)}*${v("donor", j)}`);
    scalar(`${p}.g`, `Floor (${name}): their common factor`, () => `=IF(${s(`${p}.pool`)}=0,1,IFERROR(GCD(${all(`${p}.donorN`)}),1))`);
    scalar(`${p}.keep`, `Floor (${name}): what funders keep (x denominator)`,
      () => `=MAX((${s("rev")}-${s(`${p}.target`)})*${s(pd)}-(SUM(${all(pn)})-${s(`${p}.pool`)}-${a(pn, f)}),0)`);
    scalar(`${p}.active`, `Floor (${name}): moves money (1 = yes)`, () => `=IF(AND(${s(`${p}.binds`)}=1,${s(`${p}.pool`)}>0),1,0)`);
    scalar(`${p}.den1`, `Floor (${name}): denominator`, () => `=IF(${s(`${p}.active`)}=1,${s(pd)}*${s(`${p}.pool`)}/${s(`${p}.g`)},${s(pd)})`);
    bucket(`${p}.num1`, `Floor (${name}): numerators`, (j) =>
      j === f
        ? `=IF(${s(`${p}.active`)}=1,${s("rev")}*${s(`${p}.den1`)}-SUM(${others(`${p}.num1`, j)}),${v(pn, j)})`
        : `=IF(${s(`${p}.active`)}=1,IF(${v("donor", j)}=1,${v(pn, j)}/${s(`${p}.g`)}*${s(`${p}.keep`)},${v(pn, j)}*${s(`${p}.pool`)}/${s(`${p}.g`)}),${v(pn, j)})`);
    scalar(`${p}.g2`, `Floor (${name}): common factor to reduce by`, () => `=MAX(1,IFERROR(GCD(${all(`${p}.num1`)},${s(`${p}.den1`)}),1))`);
    bucket(`${p}.num`, `After the ${name} floor: numerators`, (j) => `=${v(`${p}.num1`, j)}/${s(`${p}.g2`)}`);
    scalar(`${p}.den`, `After the ${name} floor: denominator`, () => `=${s(`${p}.den1`)}/${s(`${p}.g2`)}`);
    floorBinds.set(f, `${p}.binds`);
    n = `${p}.num`;
    d = `${p}.den`;
  });

  // Caps in rounds: a bucket over its cap is pinned to it; the rest of the
  // revenue is shared by the open buckets pro rata to their amounts after
  // the floors. One round per capped bucket is always enough.
  const rounds = FEE_BUCKETS.filter((b) => b.constraint === "cap").length;
  const [bn, bd] = [n, d];
  for (let k = 1; k <= rounds + 1; k++) {
    const p = `round${k}`;
    const final = k === rounds + 1;
    const title = final ? "After the caps" : `Cap round ${k}`;
    bucket(`${p}.pinned`, `${title}: pinned at cap (1 = yes)`, (j) => (k === 1 ? NONE : `=MAX(${v(`round${k - 1}.pinned`, j)},${v(`round${k - 1}.over`, j)})`));
    scalar(`${p}.any`, `${title}: buckets pinned`, () => `=SUM(${all(`${p}.pinned`)})`);
    scalar(`${p}.left`, `${title}: cents left for open buckets`, () => `=${s("rev")}-SUMPRODUCT(${all(`${p}.pinned`)},${all("cap")})`);
    bucket(`${p}.open`, `${title}: open numerators`, (j) => `=IF(${v(`${p}.pinned`, j)}=1,0,${v(bn, j)})`);
    scalar(`${p}.total`, `${title}: open total`, () => `=SUM(${all(`${p}.open`)})`);
    scalar(`${p}.g`, `${title}: common factor`, () => `=IF(${s(`${p}.total`)}=0,1,IFERROR(GCD(${all(`${p}.open`)}),1))`);
    // With nothing open to be pro rata to, the residual bucket takes what is left.
    bucket(`${p}.num`, `${title}: amount numerator`, (j) =>
      `=IF(${s(`${p}.any`)}=0,${v(bn, j)},IF(${v(`${p}.pinned`, j)}=1,${v("cap", j)},IF(${s(`${p}.total`)}=0,${j === residual ? s(`${p}.left`) : 0},${v(`${p}.open`, j)}/${s(`${p}.g`)}*${s(`${p}.left`)})))`);
    bucket(`${p}.den`, `${title}: amount denominator`, (j) =>
      `=IF(${s(`${p}.any`)}=0,${s(bd)},IF(${v(`${p}.pinned`, j)}=1,1,IF(${s(`${p}.total`)}=0,1,${s(`${p}.total`)}/${s(`${p}.g`)})))`);
    if (!final) {
      bucket(`${p}.over`, `${title}: over its cap (1 = yes)`, (j) =>
        `=IF(AND(${v(`${p}.pinned`, j)}=0,${v("capSet", j)}=1,${v(`${p}.num`, j)}>${v("cap", j)}*${v(`${p}.den`, j)}),1,0)`);
    }
  }
  const last = `round${rounds + 1}`;
  const [num, den, pinned] = [`${last}.num`, `${last}.den`, `${last}.pinned`];

  // Whole cents by largest remainder: cut every amount down, then hand the
  // cents left one each to the largest remainders; ties go to the earlier
  // bucket; buckets pinned at a cap take none.
  bucket("cut0", "Cents cut down (first try)", (j) => `=ROUNDDOWN(${v(num, j)}/${v(den, j)},0)`);
  bucket("cut", "Cents cut down", (j) => {
    const [a, b, c] = [v(num, j), v(den, j), v("cut0", j)];
    return `=${c}-IF(${a}-${b}*${c}<0,1,0)+IF(${a}-${b}*${c}>=${b},1,0)`;
  });
  bucket("rem", "Remainder (fraction of a cent)", (j) => `=(${v(num, j)}-${v(den, j)}*${v("cut", j)})/${v(den, j)}`);
  bucket("elig", "May take a cent (1 = yes)", (j) => `=1-${v(pinned, j)}`);
  scalar("leftCents", "Cents left to hand out", () => `=${s("rev")}-SUM(${all("cut")})`);
  bucket("rank", "Rank of the remainder", (j) => {
    const ties = j === 0 ? "" : `+SUMPRODUCT(${rangeAt(col(0), rowOf("elig"), col(j - 1), rowOf("elig"), true)},--(${rangeAt(col(0), rowOf("rem"), col(j - 1), rowOf("rem"), true)}=${v("rem", j)}))`;
    return `=IF(${v("elig", j)}=1,1+SUMPRODUCT(${all("elig")},--(${all("rem")}>${v("rem", j)}))${ties},0)`;
  });
  bucket("extra", "Extra cent", (j) => `=IF(AND(${v("elig", j)}=1,${v("rank", j)}<=${s("leftCents")}),1,0)`);
  bucket("cents", "Cents", (j) => `=${v("cut", j)}+${v("extra", j)}`);

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
    bound: (j) => {
      const pin = `${a(pinned, j)}=1`;
      const fb = floorBinds.get(j);
      return fb ? `IF(${pin},"cap",IF(${s(fb)}=1,"floor","none"))` : `IF(${pin},"cap","none")`;
    },
  };
}
