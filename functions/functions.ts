// Excel custom functions, namespace TOKEN. The JSDoc blocks are the metadata:
// custom-functions-metadata-plugin turns them into functions.json and appends
// a CustomFunctions.associate(id, fn) call per function to this file. Each
// function is a thin wrapper: the adapter modules convert Excel values and
// errors, the core (src/) does the work. Parameter names are snake_case
// because Excel shows them as typed here. Types are "any" for Excel (unknown
// here) so every cell reaches us raw: a blank or bad cell then gets its own
// blank or error row with a message instead of Excel refusing the whole call.
import { antiPatternRows } from "./antiPatterns";
import { archetypeRows, mechanicRows } from "./catalog";
import { readChecklist, verdictText } from "./checklist";
import { feeSplitRows } from "./feeSplit";
import { fitRating, fitScore, fitTable, fitWhy } from "./fit";
import { readFlag } from "./cells";
// Receives the associate() calls the metadata plugin appends below (see registration.ts).
import { CustomFunctions } from "./registration";
import { oneValue, spill, spillMaybeLater } from "./results";
import { splitRows } from "./split";
import { splitPathRows } from "./splitPath";
import { templateRows } from "./template";
import { tokenFlowRows } from "./tokenFlow";
import { readStage, shareNumbers } from "./stage";
import { stressCell } from "./stress";
import { ruleArgs } from "./stressRules";

/**
 * Splits fee revenue into buyback, stakers, insurance and discount, exact to the cent.
 * @customfunction FEESPLIT
 * @helpurl https://localhost:3000/help.html#feesplit
 * @param {unknown[][]} revenue Fee revenue: one amount, or a column of amounts (one output row each).
 * @param {unknown[][]} stage early, growth or mature; a position from 0 to 1; or a row of four shares.
 * @param {unknown} [buyback_cap] Most the buyback may take per period (market-impact limit).
 * @param {unknown} [staker_cap] Most the stakers may take per period (yield cap).
 * @param {unknown} [insurance_floor] Least the insurance fund must get per period.
 * @param {unknown} [discount_cap] Most the discount may take per period (discount budget).
 * @returns {any[][]} One row per revenue: buyback, stakers, insurance, discount.
 */
function feesplit(revenue: unknown[][], stage: unknown[][], buyback_cap?: unknown, staker_cap?: unknown, insurance_floor?: unknown, discount_cap?: unknown) {
  return spill("FEESPLIT", () => feeSplitRows(revenue, stage, [buyback_cap, staker_cap, insurance_floor, discount_cap], "FEESPLIT"));
}

/**
 * Splits fee revenue over buckets you name (1 to 12), exact to the cent, with optional caps, floors and an excess bucket.
 * @customfunction SPLIT
 * @helpurl https://localhost:3000/help.html#split
 * @param {unknown[][]} revenue Fee revenue: one amount, or a column of amounts (one output row each).
 * @param {unknown[][]} buckets A row of bucket names, e.g. buyback, stakers, lps, treasury.
 * @param {unknown[][]} shares A row of shares beside the names: fractions or percentages summing to 100%.
 * @param {unknown[][]} [caps] A row of caps per period beside the names; a blank cell (or 0) means no cap.
 * @param {unknown[][]} [floors] A row of floors per period beside the names; a blank cell (or 0) means no floor.
 * @param {unknown} [excess_to] The bucket that takes what a cap cuts off; blank: shared pro rata.
 * @returns {any[][]} One row per revenue: the amount of each bucket, in the order of the names.
 */
function split(revenue: unknown[][], buckets: unknown[][], shares: unknown[][], caps?: unknown[][], floors?: unknown[][], excess_to?: unknown) {
  return spill("SPLIT", () => splitRows(revenue, buckets, shares, caps, floors, excess_to, "SPLIT"));
}

/**
 * An archetype's starting split: its bucket names in one row, their shares at the stage in the next.
 * @customfunction TEMPLATE
 * @helpurl https://localhost:3000/help.html#template
 * @param {unknown} archetype Archetype id or name, e.g. exchange, defi, stablecoin.
 * @param {unknown} stage early, growth or mature, or a life-cycle position from 0 to 1.
 * @returns {any[][]} Two rows: bucket names, then shares as fractions.
 */
function template(archetype: unknown, stage: unknown) {
  return spill("TEMPLATE", () => templateRows(archetype, stage));
}

/**
 * What a split means for the token: tokens bought back, supply retired per year, staker APR, buyback share of volume, and the cap the rules imply.
 * @customfunction TOKENFLOW
 * @helpurl https://localhost:3000/help.html#tokenflow
 * @param {unknown[][]} amounts_row One period's amounts beside the bucket names (a FEESPLIT or SPLIT row), or several rows.
 * @param {unknown[][]} buckets The bucket names of the amounts; buyback and stakers are read.
 * @param {unknown} price Price of one token.
 * @param {unknown} circulating_supply Tokens in circulation.
 * @param {unknown} staked_value Value of the tokens staked.
 * @param {unknown} token_volume Value of the token traded in the period.
 * @param {unknown} [buyback_max_volume_share] Rule: the buyback buys at most this share of the volume (e.g. 5%); blank or 0: no rule.
 * @param {unknown} [staker_max_apr] Rule: stakers earn at most this APR on the staked value (e.g. 8%); blank or 0: no rule.
 * @returns {any[][]} One row per amounts row: tokens bought back, supply retired per year, staker APR, buyback share of volume, cap the rules imply.
 */
function tokenflow(
  amounts_row: unknown[][], buckets: unknown[][], price: unknown, circulating_supply: unknown, staked_value: unknown, token_volume: unknown,
  buyback_max_volume_share?: unknown, staker_max_apr?: unknown,
) {
  return spill("TOKENFLOW", () =>
    tokenFlowRows(amounts_row, buckets, [price, circulating_supply, staked_value, token_volume], [buyback_max_volume_share, staker_max_apr], "TOKENFLOW"));
}

/**
 * The four shares of the fee line (buyback, stakers, insurance, discount) for a stage, as fractions.
 * @customfunction FEESHARES
 * @helpurl https://localhost:3000/help.html#feeshares
 * @param {unknown[][]} stage early, growth or mature; a position from 0 to 1; or a row of four shares.
 * @returns {number[][]} One row: buyback, stakers, insurance, discount.
 */
function feeshares(stage: unknown[][]) {
  return spill("FEESHARES", () => [shareNumbers(readStage(stage))]);
}

/**
 * Month-by-month fee split of a revenue path, with the insurance fund balance carried from month to month.
 * @customfunction SPLITPATH
 * @helpurl https://localhost:3000/help.html#splitpath
 * @param {unknown[][]} revenues Fee revenue per month: a column (or row) of amounts, one output row each.
 * @param {unknown[][]} stages One stage for every month, or one per month in a range the same shape as the revenues.
 * @param {unknown} [buyback_cap] Most the buyback may take per month (market-impact limit).
 * @param {unknown} [staker_cap] Most the stakers may take per month (yield cap).
 * @param {unknown} [insurance_floor] Least the insurance fund must get per month.
 * @param {unknown} [insurance_start] Insurance fund balance before the first month; 0 when omitted.
 * @param {unknown[][]} [fund_target] Fund balance at which its inflow stops: one amount, or one per month like the revenues.
 * @param {unknown} [overflow_to] Bucket that takes the fund's inflow above the target (buyback when omitted).
 * @param {unknown} [fund_min] Fund minimum: below it the insurance share tops the fund up first.
 * @param {unknown} [buyback_max_volume_share] Most the buyback may be as a share of the token's traded volume (0.05 = 5%).
 * @param {unknown[][]} [token_volume] The token's traded volume per month: one amount, or one per month like the revenues.
 * @param {unknown} [staker_max_apr] Most stakers may earn a year on staked value (0.08 = 8% APR).
 * @param {unknown[][]} [staked_value] Value staked: one amount, or one per month like the revenues.
 * @returns {any[][]} One row per month: buyback, stakers, insurance, discount, then the fund balance after the month.
 */
function splitpath(
  revenues: unknown[][], stages: unknown[][], buyback_cap?: unknown, staker_cap?: unknown, insurance_floor?: unknown, insurance_start?: unknown,
  fund_target?: unknown[][], overflow_to?: unknown, fund_min?: unknown, buyback_max_volume_share?: unknown, token_volume?: unknown[][],
  staker_max_apr?: unknown, staked_value?: unknown[][],
) {
  return spill("SPLITPATH", () => splitPathRows(revenues, stages, [buyback_cap, staker_cap, insurance_floor], insurance_start, "SPLITPATH",
    ruleArgs([fund_target, overflow_to, fund_min, buyback_max_volume_share, token_volume, staker_max_apr, staked_value])));
}

/**
 * Monte Carlo stress test of the fee split: P5, P50 and P95 per bucket, the fund's end balance, and how often each limit binds.
 * @customfunction STRESS
 * @helpurl https://localhost:3000/help.html#stress
 * @param {unknown} revenue Fee revenue of the first month (an amount).
 * @param {unknown} growth Expected revenue growth per month as a fraction: 0.02 = 2% a month, 0 for flat.
 * @param {unknown} volatility Monthly volatility as a fraction: 0.2 = 20% a month; 0 gives one fixed path.
 * @param {unknown} months Horizon in months, from 1 to 120.
 * @param {unknown[][]} stage early, growth or mature; a position from 0 to 1; or a row of four shares.
 * @param {unknown} [paths] Number of simulated paths, from 1 to 20000; 1000 when omitted.
 * @param {unknown} [seed] A whole number that fixes the random paths: the same seed gives the same table. 1 when omitted.
 * @param {unknown} [buyback_cap] Most the buyback may take per month (market-impact limit).
 * @param {unknown} [staker_cap] Most the stakers may take per month (yield cap).
 * @param {unknown} [insurance_floor] Least the insurance fund must get per month.
 * @param {unknown} [fund_start] Insurance fund balance before the first month; 0 when omitted.
 * @param {unknown} [fund_target] Fund balance at which its inflow stops and the rest goes to overflow_to.
 * @param {unknown} [overflow_to] Bucket that takes the fund's inflow above the target (buyback when omitted).
 * @param {unknown} [fund_min] Fund minimum: below it the insurance share tops the fund up first.
 * @param {unknown} [buyback_max_volume_share] Most the buyback may be as a share of the token's traded volume (0.05 = 5%).
 * @param {unknown} [token_volume] The token's traded volume in the first month; it moves with each path's revenue.
 * @param {unknown} [staker_max_apr] Most stakers may earn a year on staked value (0.08 = 8% APR).
 * @param {unknown} [staked_value] Value staked in the first month; it moves with each path's revenue.
 * @returns {any[][]} A header row, a row per bucket (total and last-month P5, P50, P95), the fund balance, and limit rows.
 */
function stress(
  revenue: unknown, growth: unknown, volatility: unknown, months: unknown, stage: unknown[][],
  paths?: unknown, seed?: unknown, buyback_cap?: unknown, staker_cap?: unknown, insurance_floor?: unknown,
  fund_start?: unknown, fund_target?: unknown, overflow_to?: unknown, fund_min?: unknown,
  buyback_max_volume_share?: unknown, token_volume?: unknown, staker_max_apr?: unknown, staked_value?: unknown,
) {
  return spillMaybeLater("STRESS", () => stressCell([
    revenue, growth, volatility, months, stage, paths, seed, buyback_cap, staker_cap, insurance_floor,
    fund_start, fund_target, overflow_to, fund_min, buyback_max_volume_share, token_volume, staker_max_apr, staked_value,
  ]));
}

/**
 * How well a token mechanic fits a product archetype: fit, conditional, weak or anti-fit.
 * @customfunction MECHFIT
 * @helpurl https://localhost:3000/help.html#mechfit
 * @param {unknown[][]} archetype Archetype id or name, or a range of them (a column against a row gives the table).
 * @param {unknown[][]} mechanic Mechanic id or name, or a range of them.
 * @param {unknown} [as_score] TRUE for the score (fit 1, conditional 0.5, weak 0, anti-fit -1) instead of the rating.
 * @returns {any[][]} The rating or score for each archetype and mechanic pair.
 */
function mechfit(archetype: unknown[][], mechanic: unknown[][], as_score?: unknown) {
  return spill("MECHFIT", () => fitTable(archetype, mechanic, readFlag(as_score, "as_score") ? fitScore : fitRating));
}

/**
 * Why a token mechanic gets its rating for a product archetype, in one line.
 * @customfunction MECHWHY
 * @helpurl https://localhost:3000/help.html#mechwhy
 * @param {unknown[][]} archetype Archetype id or name, or a range of them.
 * @param {unknown[][]} mechanic Mechanic id or name, or a range of them.
 * @returns {string[][]} The rationale for each archetype and mechanic pair.
 */
function mechwhy(archetype: unknown[][], mechanic: unknown[][]) {
  return spill("MECHWHY", () => fitTable(archetype, mechanic, fitWhy));
}

/**
 * Anti-patterns in a set of token mechanics: one row each with name, mechanic and reason.
 * @customfunction ANTIPATTERNS
 * @helpurl https://localhost:3000/help.html#antipatterns
 * @param {unknown} archetype The product archetype, by id or name.
 * @param {unknown[][]} mechanics The planned mechanics, one per cell; empty cells are skipped.
 * @param {unknown[][]} [flows] The range beside mechanics: the product flow each one acts on (blank for none).
 * @returns {string[][]} One row per anti-pattern found, or "none found".
 */
function antipatterns(archetype: unknown, mechanics: unknown[][], flows?: unknown[][]) {
  return spill("ANTIPATTERNS", () => antiPatternRows(archetype, mechanics, flows));
}

/**
 * Readiness score from the ten checklist answers: solid counts 1, partial 0.5, undecided 0.
 * @customfunction CHECKSCORE
 * @helpurl https://localhost:3000/help.html#checkscore
 * @param {unknown[][]} answers Ten answers (solid, partial or undecided) in one row or one column.
 * @returns {number} A score from 0 to 10.
 */
function checkscore(answers: unknown[][]) {
  return oneValue("CHECKSCORE", () => readChecklist(answers).score);
}

/**
 * Readiness verdict from the ten checklist answers: ready, not yet, or not ready with the undecided count.
 * @customfunction CHECKVERDICT
 * @helpurl https://localhost:3000/help.html#checkverdict
 * @param {unknown[][]} answers Ten answers (solid, partial or undecided) in one row or one column.
 * @returns {string} ready, not yet, or not ready (N undecided).
 */
function checkverdict(answers: unknown[][]) {
  return oneValue("CHECKVERDICT", () => verdictText(readChecklist(answers)));
}

/**
 * The product archetypes: id and display name, one per row.
 * @customfunction ARCHETYPES
 * @helpurl https://localhost:3000/help.html#archetypes
 * @returns {string[][]} Two columns: id, name.
 */
function archetypes() {
  return archetypeRows(); // constant data: nothing to fail
}

/**
 * The token mechanics: id and display name, one per row.
 * @customfunction MECHANICS
 * @helpurl https://localhost:3000/help.html#mechanics
 * @returns {string[][]} Two columns: id, name.
 */
function mechanics() {
  return mechanicRows(); // constant data: nothing to fail
}
