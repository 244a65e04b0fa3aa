// token-model split, feesplit's --shares, the cap rules and the token layer, through the built CLI.
import { spawnSync } from "child_process";
import { existsSync } from "fs";
import { join } from "path";
import { bucketSplit, buybackCapFromVolume, feeSplit, formatCents, stakerCapFromApr, tokenFlow } from "../src";

const ROOT = join(__dirname, "..");
const BIN = join(ROOT, "bin", "token-model.js");
if (!existsSync(join(ROOT, "build", "cli", "cli", "main.js"))) throw new Error('The CLI is not built. Run "npm run build" (npm test does it in pretest).');

interface Run { readonly code: number | null; readonly out: string; readonly err: string }
const run = (...args: string[]): Run => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const json = (...args: string[]): { buckets: { id: string; cents: number; bound: string | null }[]; token?: Record<string, unknown>; totalCents: number } => {
  const r = run(...args, "--json");
  if (r.code !== 0) throw new Error(r.err);
  return JSON.parse(r.out);
};
const DYDX = "buyback=25,stakers=40,vault=25,treasury=10";

describe("token-model split", () => {
  it("splits a dYdX-like and a GMX-like fee line as the core does", () => {
    const d = json("split", "1,000,000", "--shares", DYDX);
    expect(d.buckets.map((b) => [b.id, b.cents])).toEqual([["buyback", 25_000_000], ["stakers", 40_000_000], ["vault", 25_000_000], ["treasury", 10_000_000]]);
    const g = json("split", "1000000.01", "--shares", "stakers=27,lps=63,treasury=10");
    expect(g.buckets.map((b) => b.cents)).toEqual(bucketSplit("1000000.01", { buckets: ["stakers", "lps", "treasury"], shares: [27, 63, 10] }).cents);
    expect(g.totalCents).toBe(100_000_001);
  });

  it("takes repeated --cap and --floor and sends capped excess to --excess-to", () => {
    const r = json("split", "1000000", "--shares", DYDX, "--cap", "buyback=100000", "--cap", "stakers=300,000", "--floor", "vault=260000", "--excess-to", "treasury");
    const core = bucketSplit(1_000_000, { buckets: ["buyback", "stakers", "vault", "treasury"], shares: [25, 40, 25, 10], caps: [100_000, "300,000", null, null], floors: [null, null, 260_000, null], excessTo: "treasury" });
    expect(r.buckets.map((b) => b.cents)).toEqual(core.cents);
    expect(r.buckets.map((b) => b.bound)).toEqual(["cap", "cap", "floor", null]);
    const text = run("split", "1000000", "--shares", DYDX, "--cap", "buyback=100000", "--excess-to", "treasury").out;
    expect(text).toMatch(/^\* buyback capped at 100,000\.00: 150,000\.00 moved to treasury 150,000\.00$/m);
  });

  it("turns the volume and APR rules into caps, the tighter of a typed cap and a rule applying", () => {
    const r = json("split", "1000000", "--shares", DYDX, "--buyback-max-volume-share", "2%", "--token-volume", "10000000", "--staker-max-apr", "8%", "--staked-value", "30000000");
    expect(r.buckets[0]!.cents).toBe(buybackCapFromVolume(10_000_000, "2%"));
    expect(r.buckets[1]!.cents).toBe(stakerCapFromApr(30_000_000, "8%"));
    const tighter = json("split", "1000000", "--shares", DYDX, "--cap", "buyback=150000", "--buyback-max-volume-share", "2%", "--token-volume", "10000000");
    expect(tighter.buckets[0]!.cents).toBe(15_000_000);
  });

  it("prints the token layer when --price is given, equal to the core's", () => {
    const args = ["--price", "2", "--supply", "1000000000", "--staked-value", "450000000", "--token-volume", "20000000"];
    const r = json("split", "1000000", "--shares", DYDX, ...args);
    const core = tokenFlow([25_000_000, 40_000_000, 25_000_000, 10_000_000], ["buyback", "stakers", "vault", "treasury"], { price: 2, circulatingSupply: 1e9, stakedValue: 4.5e8, tokenVolume: 2e7 });
    expect(r.token).toMatchObject({ tokensBoughtBack: core.tokensBoughtBack, stakerApr: core.stakerApr, buybackShareOfVolume: core.buybackShareOfVolume, capImplied: "none" });
    expect(run("split", "1000000", "--shares", DYDX, ...args).out).toMatch(/^Tokens bought back\s+125,000\.00$/m);
  });

  it.each([
    [["--shares", "a=50,b=50", "--excess-to", "c"], 2, /--excess-to names "c", which is not in --shares \(a, b\)/],
    [["--shares", "a=50,a=50"], 1, /"a" appears twice/],
    [["--shares", "a=50,b=40"], 1, /not 100%/],
    [["--shares", "a=50,b=50", "--cap", "c=5"], 2, /--cap names "c"/],
    [["--shares", "a=50;b=50"], 2, /NAME=SHARE pairs/],
    [["--shares", DYDX, "--staker-max-apr", "8%"], 2, /needs --staked-value/],
    [["--shares", DYDX, "--staker-max-apr", "120%", "--staked-value", "5"], 1, /above 100%/],
    [["--shares", DYDX, "--price", "-2", "--supply", "5", "--staked-value", "5", "--token-volume", "5"], 1, /token price is negative/],
    [["--shares", DYDX, "--price", "2"], 2, /--price needs --supply N, --staked-value N, --token-volume N/],
    [["--shares", "lps=100", "--buyback-max-volume-share", "5%", "--token-volume", "9"], 2, /needs a bucket named buyback/],
    [[], 2, /Missing --shares/],
  ])("refuses %j with exit %i and a message naming the fix", (args, code, message) => {
    const r = run("split", "1000", ...args);
    expect(r.code).toBe(code);
    expect(r.out).toBe("");
    expect(r.err).toMatch(message);
  });

  it("is listed in the help", () => {
    expect(run("--help").out).toMatch(/^ {2}split /m);
    expect(run("split", "--help").out).toMatch(/--excess-to NAME/);
  });
});

describe("token-model feesplit: --shares, rules and the token layer", () => {
  it("accepts --shares over the four buckets instead of a stage, a bucket left out getting 0", () => {
    const r = json("feesplit", "10000000", "--shares", "buyback=55,stakers=25,insurance=20");
    expect(r.buckets.map((b) => b.cents)).toEqual(feeSplit(10_000_000, [55, 25, 20, 0]).cents);
    expect(run("feesplit", "100", "--shares", "lps=100").err).toMatch(/"lps" is not one. For other buckets use token-model split/);
    expect(run("feesplit", "100", "growth", "--shares", "buyback=100").err).toMatch(/a stage or --shares, not both/);
  });

  it("turns the rules into caps and prints the token layer", () => {
    const r = json("feesplit", "10000000", "growth", "--buyback-max-volume-share", "5%", "--token-volume", "60000000",
      "--price", "2", "--supply", "1000000000", "--staked-value", "450000000");
    const split = feeSplit(10_000_000, "growth", { caps: { buyback: formatCents(buybackCapFromVolume(60_000_000, "5%")) } });
    expect(r.buckets.map((b) => b.cents)).toEqual(split.cents);
    expect(r.token).toMatchObject({ tokensBoughtBack: 1_500_000, buybackCapCents: 300_000_000 });
  });

  it("offers only what feesplit accepts when the stage is unknown", () => {
    const r = run("feesplit", "100", "adolescent");
    expect(r.err).toMatch(/position from 0 \(early\) to 1 \(mature\), or --shares/);
    expect(r.err).not.toMatch(/4 shares/);
  });
});
