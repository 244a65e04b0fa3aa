import { checkMarket, toCents, tokenFlowOf, type TokenFlow } from "../src/index";
import { describe, isBlank, isBlankText, oneCell, toGrid, vectorOf, type Grid } from "./cells";
import { badInput, toExcelError } from "./excelErrors";
import type { CellResult } from "./results";

/** The columns TOKEN.TOKENFLOW spills, in order. */
export const TOKENFLOW_COLUMNS = ["tokens bought back", "supply retired per year", "staker APR", "buyback share of volume", "cap the rules imply"] as const;

const row = (f: TokenFlow): CellResult[] => [f.tokensBoughtBack, f.supplyRetiredPerYear, f.stakerApr, f.buybackShareOfVolume, f.capImplied];

/**
 * TOKEN.TOKENFLOW: one row per row of amounts (a period's split, e.g. a
 * FEESPLIT or SPLIT spill), read against the token's market. The market and
 * rules are checked once; a bad amounts row errors only itself.
 */
export function tokenFlowRows(amounts: unknown, buckets: unknown, market: readonly unknown[], rules: readonly unknown[], fn: string): CellResult[][] {
  const names = [...vectorOf(toGrid(buckets, "buckets"), "buckets")];
  while (names.length > 0 && isBlankText(names[names.length - 1])) names.pop();
  if (names.length === 0) throw badInput("Give the bucket names beside the amounts (a row such as buyback, stakers, insurance, discount).");
  const cell = (v: unknown, what: string): unknown => oneCell(v, what);
  // A rule of 0 is "no rule": Excel desktop passes an empty cell as 0 (office-js issue 4702).
  const rule = (v: unknown, what: string): unknown => {
    const x = cell(v, what);
    return x === 0 ? null : x;
  };
  const checked = checkMarket(
    { price: cell(market[0], "price"), circulatingSupply: cell(market[1], "circulating_supply"), stakedValue: cell(market[2], "staked_value"), tokenVolume: cell(market[3], "token_volume") },
    { buybackMaxVolumeShare: rule(rules[0], "buyback_max_volume_share"), stakerMaxApr: rule(rules[1], "staker_max_apr") },
  );
  const grid: Grid = toGrid(amounts, "amounts");
  // A single row or column as long as the buckets is one period.
  const rows = grid[0]!.length === names.length ? grid : grid.length === names.length && grid[0]!.length === 1 ? [grid.map((r) => r[0])] : null;
  if (rows === null) {
    throw badInput(`Each amounts row needs ${names.length} values, one per bucket (${names.map((n) => describe(n)).join(", ")}); got ${grid[0]!.length}.`);
  }
  const width = TOKENFLOW_COLUMNS.length;
  return rows.map((r) => {
    if (r.every(isBlank)) return new Array<CellResult>(width).fill("");
    try {
      return row(tokenFlowOf(r.map((v, j) => toCents(v, `${String(names[j])} amount`)), names.map(String), checked));
    } catch (e) {
      return new Array<CellResult>(width).fill(toExcelError(e, fn));
    }
  });
}
