// Custom-function throughput and bundle size, measured on the built
// dist/functions.js through the same Excel stand-in the tests use.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { loadFunctions } = require("../test/helpers/excelRuntime");
const { mulberry32, timeIt, timePair } = require("./timing");

const DIST = path.join(__dirname, "..", "dist");
const REVENUES = 100_000;
const GROWTH = [0.4, 0.3, 0.1, 0.2]; // the growth row of DOMAIN.md, for the float baseline
const ARCHETYPE_COLUMN = ["exchange", "l1", "stablecoin", "defi", "depin", "media"].map((id) => [id]);
const MECHANIC_ROW = [[
  "buyback", "fee-burn", "fee-share", "discount", "tiered-access", "security-staking",
  "backstop", "work-token", "gas", "governance", "ve-lock", "payment-coin",
]];

/** What a spreadsheet formula would do: multiply in floats and round each amount to the cent. */
function floatSplit(column, shares) {
  const out = new Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const r = column[i][0];
    const row = new Array(shares.length);
    for (let b = 0; b < shares.length; b++) row[b] = Math.round(r * shares[b] * 100) / 100;
    out[i] = row;
  }
  return out;
}

const centsOf = (x) => Math.round(x * 100);
const rowsOff = (rows, column) =>
  rows.reduce((n, row, i) => n + (row.reduce((s, x) => s + centsOf(x), 0) === centsOf(column[i][0]) ? 0 : 1), 0);

function run() {
  const { functions } = loadFunctions(DIST);
  const random = mulberry32(20240501);
  // Amounts with cents up to $10M: the range where a float split visibly drops or adds cents.
  const column = Array.from({ length: REVENUES }, () => [Math.round(random() * 1e9) / 100]);

  const exact = functions.FEESPLIT(column, [["growth"]], null, null, null);
  if (rowsOff(exact, column) !== 0) throw new Error("FEESPLIT rows do not sum to their revenue: the bench is measuring a broken build.");
  const naive = floatSplit(column, GROWTH);
  const split = timePair(
    () => functions.FEESPLIT(column, [["growth"]], null, null, null),
    () => floatSplit(column, GROWTH),
  );
  const splitsPerSecond = REVENUES / split.a;
  const floatPerSecond = REVENUES / split.b;

  // Caps and a floor that bind on most rows: the constrained rule, still exact.
  const CAP = 1_000_000;
  const FLOOR = 500_000;
  const capped = () => functions.FEESPLIT(column, [["growth"]], CAP, null, FLOOR);
  const cappedRows = capped();
  if (rowsOff(cappedRows, column) !== 0 || cappedRows.some((row) => row[0] > CAP)) throw new Error("Capped FEESPLIT rows break the sum or the cap.");
  const binding = cappedRows.filter((row, i) => row[0] === CAP || centsOf(row[2]) !== centsOf(column[i][0] * 0.1)).length;
  const cappedTime = timeIt(capped, 5, 2);

  // SPLIT over named buckets (dYdX-like 25/40/25/10), beside the float baseline on the same shares.
  const BUCKETS = [["buyback", "stakers", "vault", "treasury"]];
  const SHARES = [[25, 40, 25, 10]];
  const named = () => functions.SPLIT(column, BUCKETS, SHARES, null, null, null);
  if (rowsOff(named(), column) !== 0) throw new Error("SPLIT rows do not sum to their revenue.");
  const namedPair = timePair(named, () => floatSplit(column, [0.25, 0.4, 0.25, 0.1]));
  // With a buyback cap whose excess goes to the treasury, binding on most rows.
  const SPLIT_CAP = [[500_000, null, null, null]];
  const toTreasury = () => functions.SPLIT(column, BUCKETS, SHARES, SPLIT_CAP, null, "treasury");
  const treasuryRows = toTreasury();
  if (rowsOff(treasuryRows, column) !== 0 || treasuryRows.some((row) => row[0] > 500_000)) throw new Error("Capped SPLIT rows break the sum or the cap.");
  const toTreasuryTime = timeIt(toTreasury, 5, 2);
  const excessBinding = treasuryRows.filter((row) => row[0] === 500_000).length;

  const lookupsPerCall = ARCHETYPE_COLUMN.length * MECHANIC_ROW[0].length;
  const calls = 20_000;
  const fitTime = timeIt(() => {
    for (let i = 0; i < calls; i++) functions.MECHFIT(ARCHETYPE_COLUMN, MECHANIC_ROW, null);
  }, 5, 1);

  const bundle = fs.readFileSync(path.join(DIST, "functions.js"));
  const gzip = zlib.gzipSync(bundle, { level: 9 }).length;

  return [
    { label: `FEESPLIT, ${REVENUES.toLocaleString("en-US")} revenues in one call`, value: splitsPerSecond, unit: "splits/s",
      target: { op: ">=", value: 1_000_000 } },
    { label: "float baseline (multiply, round each)", value: floatPerSecond, unit: "splits/s",
      note: `${rowsOff(naive, column).toLocaleString("en-US")} of ${REVENUES.toLocaleString("en-US")} float rows miss their revenue by a cent or more; FEESPLIT misses none` },
    { label: "FEESPLIT cost vs float baseline", value: split.ratio, unit: "x slower",
      target: { op: "<=", value: 10 } },
    { label: "FEESPLIT with a buyback cap and insurance floor", value: REVENUES / cappedTime, unit: "splits/s",
      target: { op: ">=", value: 1_000_000 },
      note: `a constraint binds on ${binding.toLocaleString("en-US")} of ${REVENUES.toLocaleString("en-US")} rows` },
    { label: `SPLIT over 4 named buckets, ${REVENUES.toLocaleString("en-US")} revenues in one call`, value: REVENUES / namedPair.a, unit: "splits/s",
      target: { op: ">=", value: 1_000_000 } },
    { label: "SPLIT cost vs float baseline (same shares)", value: namedPair.ratio, unit: "x slower",
      target: { op: "<=", value: 2 } },
    { label: "SPLIT with a buyback cap, excess to the treasury", value: REVENUES / toTreasuryTime, unit: "splits/s",
      target: { op: ">=", value: 1_000_000 },
      note: `the cap binds on ${excessBinding.toLocaleString("en-US")} of ${REVENUES.toLocaleString("en-US")} rows` },
    { label: `MECHFIT, ${ARCHETYPE_COLUMN.length}x1 by 1x${MECHANIC_ROW[0].length} broadcast`, value: (lookupsPerCall * calls) / fitTime, unit: "lookups/s",
      target: { op: ">=", value: 5_000_000 },
      note: `${calls.toLocaleString("en-US")} calls of the whole ${lookupsPerCall}-cell table (names resolved per call)` },
    { label: "dist/functions.js raw", value: bundle.length / 1024, unit: "KB" },
    { label: "dist/functions.js gzip -9", value: gzip / 1024, unit: "KB", target: { op: "<=", value: 42 } }, // 40 KB held the first eight functions; SPLIT, TEMPLATE, TOKENFLOW and the stress rules added about 8 KB raw
  ];
}

module.exports = { name: "custom functions", run };
