import {
  FEE_BUCKETS, STAGE_IDS, resolveConstraints, resolveShares, stageHelp, stageShares, toCents, type ShareSet,
} from "../src/index";
import { runPath, type StagePath } from "../src/stress/index";
import { centsToCell, optionalAmount, readLimits, revenueCents } from "./amounts";
import { describe, isBlank, shapeOf, toGrid, vectorOf, type Grid } from "./cells";
import { badInput, toExcelError } from "./excelErrors";
import { boundedRows } from "./limits";
import type { CellResult } from "./results";
import { readStage } from "./stage";
import { capRules, fundPolicy, type RuleArgs } from "./stressRules";

/** A month's stage cell: its share set, null for a blank cell, or the problem with it. */
type StageCell = ShareSet | null | { readonly problem: unknown };

/** One share set for every month, or one stage cell per month. */
type MonthStages = { readonly all: ShareSet } | { readonly perMonth: readonly StageCell[] };

const isProblem = (s: StageCell): s is { readonly problem: unknown } => s !== null && "problem" in s;

/** Each distinct stage cell is resolved once; a bad one becomes its problem, kept for its rows. */
function stageCells(cells: readonly unknown[]): StageCell[] {
  const seen = new Map<string, StageCell>();
  return cells.map((v): StageCell => {
    if (isBlank(v)) return null;
    if (typeof v !== "string" && typeof v !== "number") {
      return { problem: badInput(`The stage must be a name or a number; got ${describe(v)}. ${stageHelp()}`) };
    }
    const key = `${typeof v}:${v}`;
    let cell = seen.get(key);
    if (cell === undefined) {
      try {
        cell = resolveShares(v);
      } catch (e) {
        cell = { problem: e };
      }
      seen.set(key, cell);
    }
    return cell;
  });
}

/**
 * The stages argument: one cell, or a row (or column) of custom shares, for
 * every month; or a range the same shape as the revenues, one stage per month.
 * The same shape wins, so a row of 4 revenues takes a row of 4 stages.
 */
function readStages(stages: unknown, revenues: Grid): MonthStages {
  const grid = toGrid(stages, "stages");
  const rows = grid.length;
  const cols = grid[0]!.length;
  const n = FEE_BUCKETS.length;
  if (rows === 1 && cols === 1) return { all: readStage(grid) };
  if (shapeOf(grid) === shapeOf(revenues)) return { perMonth: stageCells(vectorOf(grid, "stages")) };
  if ((rows === 1 && cols === n) || (cols === 1 && rows === n)) return { all: readStage(grid) };
  throw badInput(
    `Give one stage per revenue, in a range the same shape as the revenues (revenues is ${shapeOf(revenues)}, stages is ${shapeOf(grid)}), ` +
      `or one stage for every month: a name, a position from 0 to 1, or a row of ${n} shares.`,
  );
}

/** Consecutive months with the same share set become one stage change. */
function stagePath(monthShares: readonly ShareSet[]): StagePath {
  const schedule: { fromMonth: number; stage: ShareSet }[] = [];
  monthShares.forEach((stage, t) => {
    if (schedule[schedule.length - 1]?.stage !== stage) schedule.push({ fromMonth: t, stage });
  });
  return schedule.length === 1 ? schedule[0]!.stage : schedule;
}

/**
 * One row per revenue cell: the bucket amounts (exact cents, summing to the
 * revenue), then the insurance fund balance carried from month to month
 * (insurance_start, or 0, plus each month's insurance amount).
 *
 * Blanks: blank revenue cells after the last revenue give blank rows (the
 * path ends there), so a range longer than the data is harmless; a blank
 * inside the path is a month with no revenue, as Excel desktop sends it (0),
 * so the fund carries through it unchanged.
 * Errors: a bad revenue or stage cell makes its own row an error, and every
 * later fund balance too (the carry is broken there); later bucket amounts
 * do not depend on the fund and still compute. A problem with the whole call
 * (limits, ranges that do not line up, more than 600 months) is one error.
 */
export function splitPathRows(
  revenues: unknown, stages: unknown, limitArgs: readonly unknown[], insuranceStart: unknown, fn: string, rules?: RuleArgs,
): CellResult[][] {
  const revenueGrid = toGrid(revenues, "revenues");
  const cells = boundedRows(vectorOf(revenueGrid, "revenues"), FEE_BUCKETS.length + 1, "a revenue range");
  const monthStages = readStages(stages, revenueGrid);
  const limits = readLimits(limitArgs);
  resolveConstraints(FEE_BUCKETS, limits); // checked even when no month has revenue
  const start = optionalAmount(insuranceStart, "insurance fund start balance");
  if (start !== undefined) toCents(start, "insurance fund start balance");
  const noRules: RuleArgs = { fundTarget: null, overflowTo: null, fundMin: null, volumeShare: null, tokenVolume: null, maxApr: null, stakedValue: null };
  // The path ends at the last revenue; the rules are read up to there before
  // anything runs, so a bad rule is one error even when no month has revenue.
  let end = cells.length;
  while (end > 0 && isBlank(cells[end - 1])) end--;
  const caps = capRules(limits, rules ?? noRules, revenueGrid, end);
  const fund = fundPolicy(insuranceStart, rules ?? noRules, revenueGrid, end);

  const width = FEE_BUCKETS.length + 1;
  const blankRow = (): CellResult[] => new Array<CellResult>(width).fill(""); // "" not null: Excel shows null as 0
  if (end === 0) return cells.map(blankRow);

  // Each month's revenue and share set; a month with a problem runs as 0 revenue and shows its error.
  const filler = "all" in monthStages ? monthStages.all : stageShares(STAGE_IDS[0]);
  const pathCents = new Array<number>(end).fill(0);
  const pathShares = new Array<ShareSet>(end).fill(filler);
  const problems = new Array<unknown>(end);
  for (let t = 0; t < end; t++) {
    let cents = 0;
    try {
      if (!isBlank(cells[t])) cents = revenueCents(cells[t]);
    } catch (e) {
      problems[t] = e;
      continue;
    }
    const stage = "all" in monthStages ? monthStages.all : monthStages.perMonth[t]!;
    if (isProblem(stage)) {
      problems[t] = stage.problem;
    } else if (stage === null) {
      if (cents > 0) problems[t] = badInput(`Give a stage for this month. ${stageHelp()}`);
    } else {
      pathCents[t] = cents;
      pathShares[t] = stage;
    }
  }

  const path = runPath({
    revenueCents: pathCents,
    stage: stagePath(pathShares),
    caps,
    floors: limits.floors,
    fund,
  });

  const out: CellResult[][] = [];
  let broken: CustomFunctions.Error | undefined;
  for (let t = 0; t < end; t++) {
    if (problems[t] !== undefined) {
      out.push(new Array<CellResult>(width).fill(toExcelError(problems[t], fn)));
      broken ??= toExcelError(badInput(`The fund balance cannot be carried past row ${t + 1}, which has an error: fix that row.`), fn);
      continue;
    }
    const month = path.months[t]!;
    const row: CellResult[] = month.cents.map((c) => c / 100 + 0);
    try {
      row.push(broken ?? centsToCell(month.insuranceBalanceCents, "insurance fund balance", "Give the amounts in thousands."));
    } catch (e) {
      row.push(toExcelError(e, fn));
    }
    out.push(row);
  }
  for (let t = end; t < cells.length; t++) out.push(blankRow());
  return out;
}

