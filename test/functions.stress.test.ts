// TOKEN.STRESS and TOKEN.SPLITPATH through the built bundle: the shape of the
// percentile table and of the monthly path, determinism by seed, exact rows,
// the fund carry, blanks, per-row errors and messages that say what to fix.
import { FEE_BUCKETS } from "../src/index";
import { callExcel, excelError, grid, isExcelError } from "./helpers/functionsHarness";
import { monteCarlo, runPath } from "../src/stress";

const column = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
const cents = (x: unknown): number => Math.round((x as number) * 100);
const sumCents = (cells: readonly unknown[]): number => cells.reduce<number>((s, x) => s + cents(x), 0);

const N = FEE_BUCKETS.length;
const INSURANCE = FEE_BUCKETS.findIndex((b) => b.id === "insurance");
/** STRESS: label, three total percentiles, three last-month percentiles. */
const WIDTH = 7;

/** The one error cell a refused call spills. */
function refusal(out: unknown): { code: string; message?: string } {
  const g = grid(out);
  expect(g).toHaveLength(1);
  expect(g[0]).toHaveLength(1);
  return excelError(g[0]![0]);
}

describe("TOKEN.STRESS", () => {
  // revenue, growth, volatility, months, stage
  const BASE = [1_000_000, 0.02, 0.2, 12, "growth"] as const;
  const stress = (...more: unknown[]): unknown[][] => grid(callExcel("STRESS", ...BASE, ...more));
  const numbers = (row: readonly unknown[]): number[] => row.slice(1).filter((x) => x !== "") as number[];

  test("a header row, one row per bucket (from the bucket list), then the fund row", () => {
    const out = stress(200, 3);
    expect(out).toHaveLength(1 + N + 1);
    for (const row of out) expect(row).toHaveLength(WIDTH);
    expect(out[0]).toEqual(["seed 3, 200 paths, 12 months", "Total P5", "Total P50", "Total P95", "Last month P5", "Last month P50", "Last month P95"]);
    expect(out.slice(1, 1 + N).map((r) => r[0])).toEqual(FEE_BUCKETS.map((b) => b.name));
    expect(out[1 + N]![0]).toBe("Insurance fund balance at end");
    for (const row of out.slice(1, 1 + N)) for (const x of row.slice(1)) expect(typeof x === "number" && Number.isFinite(x) && x >= 0).toBe(true);
    expect(out[1 + N]!.slice(4)).toEqual(["", "", ""]);
  });

  test("omitted paths and seed are 1000 and 1, and the header says so", () => {
    const out = stress();
    expect(out[0]![0]).toBe("seed 1, 1000 paths, 12 months");
    expect(out).toEqual(stress(1000, 1));
    expect(stress("", undefined)).toEqual(out);
  });

  test("the same inputs give the same table; another seed gives another", () => {
    expect(stress(300, 42)).toEqual(stress(300, 42));
    const a = stress(300, 42);
    const b = stress(300, 43);
    expect(b[0]![0]).toBe("seed 43, 300 paths, 12 months");
    expect(numbers(b[1]!)).not.toEqual(numbers(a[1]!));
  });

  test("P5 <= P50 <= P95 in every row, for totals and for the last month", () => {
    for (const seed of [1, 2, 99]) {
      const out = stress(250, seed, 300_000, 250_000, 120_000);
      for (const row of out.slice(1, 2 + N)) {
        const [t5, t50, t95, m5, m50, m95] = row.slice(1) as number[];
        expect(t5).toBeLessThanOrEqual(t50!);
        expect(t50).toBeLessThanOrEqual(t95!);
        if (m5 === undefined || (m5 as unknown) === "") continue;
        expect(m5).toBeLessThanOrEqual(m50!);
        expect(m50).toBeLessThanOrEqual(m95!);
      }
    }
  });

  test("the percentiles are whole cents, and with no claims the fund ends at the insurance total", () => {
    const out = stress(400, 5);
    for (const row of out.slice(1)) for (const x of numbers(row)) expect(Math.abs(x * 100 - Math.round(x * 100))).toBeLessThan(1e-6);
    expect(out[1 + N]!.slice(1, 4)).toEqual(out[1 + INSURANCE]!.slice(1, 4));
  });

  test("with no growth and no volatility every path is FEESPLIT's row, month after month, and SPLITPATH agrees", () => {
    const months = 10;
    const out = grid(callExcel("STRESS", 123_456.78, 0, 0, months, "mature", 5, 9));
    const split = grid(callExcel("FEESPLIT", 123_456.78, "mature"))[0]!;
    FEE_BUCKETS.forEach((_, j) => {
      const row = out[1 + j]!;
      expect(row.slice(1, 4)).toEqual(Array(3).fill((cents(split[j]) * months) / 100));
      expect(row.slice(4)).toEqual(Array(3).fill(split[j]));
    });
    const path = grid(callExcel("SPLITPATH", column(...Array(months).fill(123_456.78)), "mature"));
    expect(out[1 + N]![1]).toBe(path[months - 1]![N]);
  });

  test("a row for each cap or floor given, with the share of paths in which it binds", () => {
    expect(stress(200, 1)).toHaveLength(1 + N + 1);
    // Month 1 alone: 10% of 1,000,000 is below a 150,000 floor, and any buyback passes a cap of 1.
    const out = stress(200, 1, 1, null, 150_000);
    expect(out).toHaveLength(1 + N + 3);
    expect(out[2 + N]).toEqual(["Buyback cap binds in some month (share of paths)", 1, "", "", "", "", ""]);
    expect(out[3 + N]).toEqual(["Insurance floor binds in some month (share of paths)", 1, "", "", "", "", ""]);
    // A cap nothing reaches never binds; a floor of 0 never raises anything.
    const loose = stress(200, 1, null, 1e12, 0);
    expect(loose[2 + N]).toEqual(["Stakers cap binds in some month (share of paths)", 0, "", "", "", "", ""]);
    expect(loose[3 + N]![1]).toBe(0);
    // 60,000 binds only on paths where revenue falls below 600,000.
    const some = stress(200, 1, null, null, 60_000)[2 + N]![1] as number;
    expect(some).toBeGreaterThan(0);
    expect(some).toBeLessThan(1);
  });

  test("the limits hold in every percentile: a capped bucket never passes its cap in the last month", () => {
    const out = stress(300, 8, 250_000);
    expect(numbers(out[1]!).slice(3).every((x) => x <= 250_000)).toBe(true);
    expect(out[1]![3]).toBeLessThanOrEqual(250_000 * 12);
  });

  test("numbers given as text are read as numbers", () => {
    expect(grid(callExcel("STRESS", "1,000,000", "0.02", "0.2", "12", "growth", "200", "4"))).toEqual(stress(200, 4));
  });

  test.each([
    ["negative months", [1e6, 0.02, 0.2, -3, "growth"], /months must be a whole number from 1 to 120; got -3/],
    ["0 months", [1e6, 0.02, 0.2, 0, "growth"], /months must be a whole number from 1 to 120; got 0/],
    ["2.5 months", [1e6, 0.02, 0.2, 2.5, "growth"], /months must be a whole number from 1 to 120; got 2\.5/],
    ["121 months", [1e6, 0.02, 0.2, 121, "growth"], /121 months: a cell function runs at most 120 months.*Give 120 or fewer/],
    ["negative volatility", [1e6, 0.02, -0.1, 12, "growth"], /volatility is -0\.1.*cannot be negative/],
    ["an unknown stage", [1e6, 0.02, 0.2, 12, "sideways"], /Unknown stage "sideways".*early, growth, mature/],
    ["more paths than a cell runs", [1e6, 0.02, 0.2, 12, "growth", 50_000], /50000 paths: a cell function runs at most 20000 paths to keep Excel responsive.*Give 20000 or fewer/],
    ["0 paths", [1e6, 0.02, 0.2, 12, "growth", 0], /paths must be a whole number from 1 to 20000; got 0/],
    ["a fractional seed", [1e6, 0.02, 0.2, 12, "growth", 10, 1.5], /seed must be a whole number.*got 1\.5/],
    ["a blank revenue", [null, 0.02, 0.2, 12, "growth"], /Give the starting monthly revenue/],
    ["a negative revenue", [-5, 0.02, 0.2, 12, "growth"], /starting monthly revenue is negative \(-5\)/],
    ["a blank growth", [1e6, "", 0.2, 12, "growth"], /Give the monthly growth \(0\.02 = 2% a month/],
    ["text as growth", [1e6, "fast", 0.2, 12, "growth"], /monthly growth must be a number; got "fast"/],
    ["growth of -100%", [1e6, -1, 0.2, 12, "growth"], /monthly growth is -1; give a fraction from -0\.99 to 10/],
    ["a blank volatility", [1e6, 0.02, null, 12, "growth"], /Give the monthly volatility/],
    ["blank months", [1e6, 0.02, 0.2, null, "growth"], /Give the months: a whole number from 1 to 120/],
    ["TRUE as a cap", [1e6, 0.02, 0.2, 12, "growth", 10, 1, true], /buyback cap.*must be a number; got TRUE/],
    ["a negative floor", [1e6, 0.02, 0.2, 12, "growth", 10, 1, null, null, -1], /insurance floor is negative/],
    ["a range as the months", [1e6, 0.02, 0.2, [[12], [24]], "growth"], /months must be a single cell; got a 2x1 range/],
  ])("%s is one #VALUE! that says what to fix", (_, args, message) => {
    const err = refusal(callExcel("STRESS", ...(args as unknown[])));
    expect(err.code).toBe("#VALUE!");
    expect(err.message).toMatch(message);
  });

  test("paths that run away are stopped with a message instead of returning inexact amounts", () => {
    const err = refusal(callExcel("STRESS", 1e12, 1, 0.5, 120, "growth", 20));
    expect(err.code).toBe("#VALUE!");
    expect(err.message).toMatch(/[Ll]ower the (revenue, )?growth/);
  });
});

describe("TOKEN.SPLITPATH", () => {
  const splitpath = (...args: unknown[]): unknown[][] => grid(callExcel("SPLITPATH", ...args));
  const REVENUES = [1_000_000, 1_100_000.01, 0.03, 900_000, 12_345.67, 0, 777.77];

  test("one row per month: the bucket amounts, adding up to the revenue to the cent, then the fund balance", () => {
    const out = splitpath(column(...REVENUES), "growth", 400_000, null, 120_000, 5_000);
    expect(out).toHaveLength(REVENUES.length);
    out.forEach((row, t) => {
      expect(row).toHaveLength(N + 1);
      for (const x of row) expect(typeof x === "number" && Number.isFinite(x) && x >= 0).toBe(true);
      expect(sumCents(row.slice(0, N))).toBe(cents(REVENUES[t]));
    });
  });

  test("the fund balance carries: balance(t) = balance(t - 1) + insurance(t), from insurance_start", () => {
    for (const start of [null, 0, 2_500.5]) {
      const out = splitpath(column(...REVENUES), "mature", null, 300_000, 150_000, start);
      let balance = cents(start ?? 0);
      for (const row of out) {
        balance += cents(row[INSURANCE]);
        expect(cents(row[N])).toBe(balance);
      }
    }
  });

  test("each month is FEESPLIT's row for its revenue and stage", () => {
    const stages = ["early", "early", "growth", 0.75, "mature", "mature", "growth"];
    const out = splitpath(column(...REVENUES), column(...stages), 350_000, null, 90_000);
    out.forEach((row, t) => {
      expect(row.slice(0, N)).toEqual(grid(callExcel("FEESPLIT", REVENUES[t], stages[t], 350_000, null, 90_000))[0]);
    });
  });

  test("a row of four custom shares applies to every month of a column", () => {
    const out = splitpath(column(100, 200), [[0.5, 0.25, 0.15, 0.1]]);
    expect(out).toEqual([[50, 25, 15, 10, 15], [100, 50, 30, 20, 45]]);
  });

  test("a row of revenues takes a row of stages, one per month", () => {
    expect(splitpath([[100, 100]], [["early", "mature"]])).toEqual([[15, 30, 10, 45, 10], [55, 25, 15, 5, 25]]);
  });

  test("blank revenues after the last amount give blank rows; a blank between amounts is a month of 0", () => {
    const out = splitpath(column(100, null, "", 100, null, undefined, " "), "growth", null, null, null, 1);
    expect(out).toEqual([
      [40, 30, 10, 20, 11],
      [0, 0, 0, 0, 11],
      [0, 0, 0, 0, 11],
      [40, 30, 10, 20, 21],
      ["", "", "", "", ""],
      ["", "", "", "", ""],
      ["", "", "", "", ""],
    ]);
    expect(splitpath(column(null, ""), "growth")).toEqual([["", "", "", "", ""], ["", "", "", "", ""]]);
  });

  test("a bad revenue errors its own row and every later balance; later amounts still compute", () => {
    const out = splitpath(column(100, "abc", 200, -5, 300), "growth");
    expect(out[0]).toEqual([40, 30, 10, 20, 10]);
    const bad = out[1]!;
    const err = excelError(bad[0]);
    expect(err.code).toBe("#VALUE!");
    expect(err.message).toMatch(/revenue must be a number; got "abc"/);
    for (const x of bad) expect(excelError(x)).toEqual(err);
    expect(out[2]!.slice(0, N)).toEqual([80, 60, 20, 40]);
    expect(excelError(out[2]![N]).message).toMatch(/fund balance cannot be carried past row 2.*fix that row/);
    expect(excelError(out[3]![0]).message).toMatch(/negative \(-5\)/);
    expect(out[4]!.slice(0, N)).toEqual([120, 90, 30, 60]);
    expect(excelError(out[4]![N]).message).toMatch(/past row 2/);
  });

  test("a bad or missing stage for a month with revenue errors that row", () => {
    const out = splitpath(column(100, 100, 100, 0), column("growth", "sideways", "", ""));
    expect(out[0]).toEqual([40, 30, 10, 20, 10]);
    expect(excelError(out[1]![0]).message).toMatch(/Unknown stage "sideways"/);
    expect(excelError(out[2]![0]).message).toMatch(/Give a stage for this month/);
    // No revenue, no stage needed: zeros, but the carry was broken above.
    expect(out[3]!.slice(0, N)).toEqual([0, 0, 0, 0]);
    expect(isExcelError(out[3]![N])).toBe(true);
  });

  test("a balance Excel cannot hold to the cent is an error in that cell only", () => {
    const out = splitpath(column(100, 100), "growth", null, null, null, 9_999_999_999_999.95);
    expect(out[0]!.slice(0, N)).toEqual([40, 30, 10, 20]);
    expect(excelError(out[0]![N]).message).toMatch(/insurance fund balance is too large to return to the cent/);
  });

  test.each([
    ["mismatched lengths of revenues and stages", [column(1, 2, 3), column("early", "growth")], /revenues is 3x1, stages is 2x1/],
    ["stages across a column of revenues", [column(1, 2, 3), [["early", "growth", "mature"]]], /same shape as the revenues \(revenues is 3x1, stages is 1x3\)/],
    ["a block of revenues", [[[1, 2], [3, 4]], "growth"], /one row or one column; got a 2x2 range/],
    ["an unknown single stage", [column(1, 2), "sideways"], /Unknown stage "sideways"/],
    ["a negative start balance", [column(1), "growth", null, null, null, -1], /insurance fund start balance is negative/],
    ["TRUE as the start balance", [column(1), "growth", null, null, null, true], /insurance fund start balance must be a number; got TRUE/],
    ["a negative cap, even with no revenue", [column(null), "growth", -1], /buyback cap.*negative/],
    ["more than 600 months", [column(...Array(601).fill(1)), "growth"], /at most 600 months/],
  ])("%s is one #VALUE! with a message", (_, args, message) => {
    const err = refusal(callExcel("SPLITPATH", ...(args as unknown[])));
    expect(err.code).toBe("#VALUE!");
    expect(err.message).toMatch(message);
  });
});

describe("the help page's examples", () => {
  test("SPLITPATH: three months at growth with a 150,000 floor and a 50,000 start", () => {
    expect(callExcel("SPLITPATH", column(1_000_000, 1_100_000, 900_000), "growth", null, null, 150_000, 50_000)).toEqual([
      [377_777.78, 283_333.33, 150_000, 188_888.89, 200_000],
      [422_222.22, 316_666.67, 150_000, 211_111.11, 350_000],
      [333_333.33, 250_000, 150_000, 166_666.67, 500_000],
    ]);
  });

  test("STRESS: seed 7, 1000 paths, 24 months, rounded as the page shows it", () => {
    const out = grid(callExcel("STRESS", 1_000_000, 0.01, 0.15, 24, "growth", null, 7));
    expect(out[0]![0]).toBe("seed 7, 1000 paths, 24 months");
    const rounded = out.slice(1).map((row) => [row[0], ...row.slice(1).map((x) => (x === "" ? "" : Math.round(x as number)))]);
    expect(rounded).toEqual([
      ["Buyback", 5_001_779, 9_705_102, 19_589_313, 114_269, 372_210, 1_189_936],
      ["Stakers", 3_751_334, 7_278_826, 14_691_985, 85_702, 279_158, 892_452],
      ["Insurance", 1_250_445, 2_426_275, 4_897_328, 28_567, 93_053, 297_484],
      ["Discount", 2_500_889, 4_852_551, 9_794_657, 57_135, 186_105, 594_968],
      ["Insurance fund balance at end", 1_250_445, 2_426_275, 4_897_328, "", "", ""],
    ]);
  });
});

describe("the fund policy and the volume and APR caps in SPLITPATH and STRESS", () => {
  const splitpath = (...args: unknown[]): unknown[][] => grid(callExcel("SPLITPATH", ...args));
  const REVENUES = [1_000_000, 2_000_000, 500_000, 1_500_000, 1_200_000, 800_000];
  const VOLUMES = [20_000_000, 36_000_000, 9_000_000, 25_000_000, 30_000_000, 10_000_000];

  test("SPLITPATH with a target, an overflow bucket, a minimum, a volume rule by month and an APR rule is the core's runPath", () => {
    // start 50k under a 300k minimum (topped up first), target 900k, overflow to stakers; buyback <= 4% of volume; stakers <= 10% APR on 30M
    const out = splitpath(column(...REVENUES), "mature", null, null, null, 50_000, 900_000, "Stakers", 300_000, 0.04, column(...VOLUMES), "10%", 30_000_000);
    const path = runPath({
      revenue: REVENUES, stage: "mature",
      caps: { buyback: { volumeShare: 0.04, volume: VOLUMES }, stakers: { yieldCap: 0.1, stakedValue: 30_000_000 } },
      fund: { startBalance: 50_000, minBalance: 300_000, target: 900_000, overflowTo: "stakers" },
    });
    expect(out.map((row) => row.map(cents))).toEqual(path.months.map((m) => [...m.cents, m.insuranceBalanceCents]));
    expect(path.totals.overflowCents).toBeGreaterThan(0);
    expect(path.months.some((m) => m.bound[0] === "cap")).toBe(true);
    expect(path.months.some((m) => m.bound[1] === "cap")).toBe(true);
    // The fund stays at or under its target unless the overflow bucket is at its cap (then the fund keeps the rest).
    path.months.forEach((m, t) => {
      if (m.cents[1] !== m.capCents[1]) expect(cents(out[t]![N])).toBeLessThanOrEqual(90_000_000);
    });
  });

  test("SPLITPATH's per-month volumes and targets line up with the revenues; blank rows after the last revenue stay blank", () => {
    const revenues = column(1_000_000, 2_000_000, null, null);
    const volumes = column(10_000_000, 15_000_000, null, null);
    const targets = column(150_000, 250_000, null, null);
    const out = splitpath(revenues, "growth", null, null, null, 0, targets, "stakers", null, "5%", volumes);
    const path = runPath({
      revenue: [1_000_000, 2_000_000], stage: "growth", caps: { buyback: { volumeShare: 0.05, volume: [10_000_000, 15_000_000] } },
      fund: { target: [150_000, 250_000], overflowTo: "stakers" },
    });
    expect(out.slice(0, 2).map((row) => row.map(cents))).toEqual(path.months.map((m) => [...m.cents, m.insuranceBalanceCents]));
    expect(out.slice(2)).toEqual([["", "", "", "", ""], ["", "", "", "", ""]]);
    expect(path.months.map((m) => m.bound[0])).toEqual([null, "cap"]); // 400k under 5% of 10M; 800k over 5% of 15M
    expect(path.totals.overflowCents).toBeGreaterThan(0);
    // A range of another shape is refused, naming both shapes.
    const e = refusal(callExcel("SPLITPATH", revenues, "growth", null, null, null, 0, null, null, null, 0.05, [[1, 2]]));
    expect(e.message).toMatch(/revenues is 4x1, token_volume is 1x2/);
  });

  test("STRESS with the rules is the core's Monte Carlo, with a row for the fund at its target", () => {
    const out = grid(callExcel("STRESS", 1_000_000, 0.02, 0.3, 24, "mature", 300, 9, null, null, null, 100_000, 800_000, "discount", 200_000, 0.05, 15_000_000, 0.08, 90_000_000));
    const mc = monteCarlo({
      revenue: 1_000_000, growth: 0.02, volatility: 0.3, months: 24, paths: 300, seed: 9, stage: "mature",
      caps: { buyback: { volumeShare: 0.05, volume: 15_000_000 }, stakers: { yieldCap: 0.08, stakedValue: 90_000_000 } },
      fund: { startBalance: 100_000, minBalance: 200_000, target: 800_000, overflowTo: "discount" },
    });
    FEE_BUCKETS.forEach((_, j) => expect(out[1 + j]!.slice(1, 4).map(cents)).toEqual([mc.cumulative[j]!.p5, mc.cumulative[j]!.p50, mc.cumulative[j]!.p95]));
    const targetRow = out.find((r) => String(r[0]).startsWith("Fund at its target"))!;
    expect(targetRow[0]).toContain("overflow to discount");
    expect(targetRow[1]).toBe(mc.fund.overflowAnyShare);
    expect(mc.fund.overflowAnyShare).toBeGreaterThan(0);
    const overflowRow = out.find((r) => r[0] === "Overflow from the fund to discount over the horizon")!;
    expect(overflowRow.slice(1, 4).map(cents)).toEqual([mc.fund.overflowTotal.p5, mc.fund.overflowTotal.p50, mc.fund.overflowTotal.p95]);
    expect(out.map((r) => r[0])).toEqual(expect.arrayContaining(["Buyback cap binds in some month (share of paths)", "Stakers cap binds in some month (share of paths)"]));
  });

  test.each([
    ["an unknown overflow bucket", ["SPLITPATH", column(100), "growth", null, null, null, null, 500, "lp"], /no bucket "lp".*buyback, stakers, discount/],
    ["a negative fund target", ["SPLITPATH", column(100), "growth", null, null, null, null, -5], /fund target balance is negative.*0 or more/],
    ["an APR above 100%", ["STRESS", 100, 0, 0, 3, "growth", 10, 1, null, null, null, null, null, null, null, null, null, 1.5, 1000], /APR.*above 100%/],
    ["a volume share above 100%", ["SPLITPATH", column(100), "growth", null, null, null, null, null, null, null, 1.2, 1000], /more than 100% of volume/],
    ["a volume share without the volume", ["STRESS", 100, 0, 0, 3, "growth", 10, 1, null, null, null, null, null, null, null, 0.05], /needs the token's traded volume/],
    ["a staked value without the APR", ["SPLITPATH", column(100), "growth", null, null, null, null, null, null, null, null, null, null, 5000], /without staker_max_apr/],
    ["a target below the minimum", ["SPLITPATH", column(100), "growth", null, null, null, null, 100, null, 200], /below the fund minimum/],
    // A percent is read by the one number convention, never loosely into NaN.
    ["a volume share that is no number", ["SPLITPATH", column(100), "growth", null, null, null, null, null, null, null, "1.2.3%", 1000], /buyback_max_volume_share must be a number; got "1\.2\.3"/],
    ["an APR with two signs", ["STRESS", 100, 0, 0, 3, "growth", 10, 1, null, null, null, null, null, null, null, null, null, "+-8%", 1000], /staker_max_apr must be a number; got "\+-8": it has two signs/],
  ])("%s is #VALUE! with a message that names the fix", (_, [fn, ...args], message) => {
    const e = refusal(callExcel(fn as string, ...args));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(message as RegExp);
  });
});
