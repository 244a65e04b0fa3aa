import { spawn, spawnSync } from "child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import {
  ARCHETYPES, CHECKLIST_IDS, COMPARABLES, COMPARABLES_AS_OF, FEE_BUCKETS, MECHANIC_IDS, feeSplit, formatCents, mechanicFit, nearestPeers, scoreChecklist,
  stageShares, templateOf, templateShares, type Comparable, type ShareSet,
} from "../src";
import { FEE_SPLIT_LAYOUT } from "../src/plans/feeSplit";
import { modelInputs } from "../cli/commands/new";
import { stressSheetInputs } from "../cli/stressOptions";
import { readZipEntry } from "./helpers/zip";
import { DEFAULT_INPUTS, STRESS_TEST_LAYOUT, buildModelPlan, defaultNaming, stressRunParams } from "../src/plans";
import { monteCarlo, type StageChange } from "../src/stress";

/** The CLI as users run it: the compiled bin in a child process (npm test builds it first). */
const ROOT = join(__dirname, "..");
const BIN = join(ROOT, "bin", "token-model.js");
const BUILT = join(ROOT, "build", "cli", "cli", "main.js");
if (!existsSync(BUILT)) throw new Error(`The CLI is not built: ${BUILT} is missing. Run "npm run build" (npm test does it in pretest).`);

interface Run { readonly code: number | null; readonly out: string; readonly err: string }
const run = (...args: string[]): Run => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const work = mkdtempSync(join(tmpdir(), "token-model-cli-"));
const file = (name: string, text: string): string => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};

describe("token-model (global)", () => {
  it("prints help with -h and --help, listing every command", () => {
    for (const flag of ["-h", "--help"]) {
      const r = run(flag);
      expect(r.code).toBe(0);
      for (const c of ["new", "feesplit", "mechfit", "checklist", "comparables"]) expect(r.out).toMatch(new RegExp(`^  ${c} `, "m"));
    }
  });
  it("prints the package version", () => {
    const r = run("--version");
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out.trim()).toBe(`token-model ${(require("../package.json") as { version: string }).version}`);
  });
  it("is a usage error (exit 2) without a command, with an unknown command or option", () => {
    expect(run()).toMatchObject({ code: 2, out: "" });
    expect(run().err).toMatch(/Usage: token-model/);
    const unknown = run("frobnicate");
    expect(unknown).toMatchObject({ code: 2, out: "" });
    expect(unknown.err).toMatch(/no command "frobnicate"/);
    expect(run("--frob").code).toBe(2);
  });
  it("gives per-command help as `<command> --help`, `<command> -h` and `help <command>`", () => {
    for (const c of ["new", "feesplit", "mechfit", "checklist", "comparables"]) {
      const a = run(c, "--help");
      expect(a.code).toBe(0);
      expect(a.out).toMatch(new RegExp(`^Usage: token-model ${c} `));
      expect(run(c, "-h").out).toBe(a.out);
      expect(run("help", c).out).toBe(a.out);
    }
  });
});

describe("token-model feesplit", () => {
  it("prints the article's check figure: 10M at growth is 4.0M / 3.0M / 1.0M / 2.0M", () => {
    const r = run("feesplit", "10000000", "growth");
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(/^Buyback\s+40%\s+4,000,000\.00\s*$/m);
    expect(r.out).toMatch(/^Stakers\s+30%\s+3,000,000\.00\s*$/m);
    expect(r.out).toMatch(/^Insurance\s+10%\s+1,000,000\.00\s*$/m);
    expect(r.out).toMatch(/^Discount\s+20%\s+2,000,000\.00\s*$/m);
    expect(r.out).toMatch(/^Total\s+100%\s+10,000,000\.00\s*$/m);
  });

  it("--json gives amounts as 2-decimal strings and cents, equal to the core's split, summing to the revenue", () => {
    const r = run("feesplit", "1000.01", "early", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { revenue: string; revenueCents: number; stage: string; buckets: { id: string; share: string; amount: string; cents: number; bound: null }[]; total: string; totalCents: number; trace: unknown[] };
    const core = feeSplit("1000.01", "early");
    expect(json).toMatchObject({ revenue: "1000.01", revenueCents: 100001, stage: "early", total: "1000.01", totalCents: 100001, trace: [] });
    expect(json.buckets.map((b) => b.id)).toEqual(FEE_BUCKETS.map((b) => b.id));
    expect(json.buckets.map((b) => b.cents)).toEqual(core.cents);
    expect(json.buckets.map((b) => b.amount)).toEqual(core.cents.map(formatCents));
    expect(json.buckets.map((b) => b.share)).toEqual(["0.15", "0.3", "0.1", "0.45"]);
    for (const b of json.buckets) expect(b.amount).toMatch(/^\d+\.\d\d$/);
    expect(json.buckets.reduce((s, b) => s + b.cents, 0)).toBe(100001);
  });

  it("applies caps and the insurance floor, naming the constraint that bound", () => {
    const r = run("feesplit", "10,000,000", "mature", "--buyback-cap", "3000000", "--staker-cap=2000000", "--insurance-floor", "2500000", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { buckets: { id: string; cents: number; bound: string | null; limit: string | null }[]; totalCents: number };
    const core = feeSplit(10000000, "mature", { caps: { buyback: "3000000", stakers: "2000000" }, floors: { insurance: "2500000" } });
    expect(json.buckets.map((b) => b.cents)).toEqual(core.cents);
    expect(json.buckets.map((b) => b.bound)).toEqual(core.bound);
    expect(json.buckets.find((b) => b.id === "buyback")).toMatchObject({ cents: 300000000, bound: "cap", limit: "3000000.00" });
    expect(json.totalCents).toBe(1000000000);
    const text = run("feesplit", "10000000", "mature", "--buyback-cap", "3000000");
    expect(text.out).toMatch(/^Buyback\s+55%\s+3,000,000\.00\s+cap 3,000,000\.00$/m);
    expect(text.out).toMatch(/^\* buyback capped at 3,000,000\.00: 2,500,000\.00 moved to /m);
    expect(run("feesplit", "100", "growth", "--discount-cap", "5", "--json").out).toContain('"bound": "cap"');
  });

  it("accepts stage aliases and life-cycle positions", () => {
    expect(JSON.parse(run("feesplit", "100", "LATE", "--json").out)).toMatchObject({ stage: "mature" });
    expect(JSON.parse(run("feesplit", "100", "0.25", "--json").out)).toMatchObject({ stage: "position 0.25" });
  });

  it("reports bad input on stderr with exit 1 and bad usage with exit 2", () => {
    const bad = run("feesplit", "-5", "growth");
    expect(bad).toMatchObject({ code: 1, out: "" });
    expect(bad.err).toMatch(/revenue is negative/);
    const stage = run("feesplit", "100", "adolescent");
    expect(stage.code).toBe(1);
    expect(stage.err).toMatch(/Unknown stage "adolescent"/);
    expect(run("feesplit", "abc", "growth").err).toMatch(/revenue must be a number/);
    expect(run("feesplit", "100").code).toBe(2);
    expect(run("feesplit", "100").err).toMatch(/Missing <stage>/);
    expect(run("feesplit", "100", "growth", "--buyback-cap").code).toBe(2);
    expect(run("feesplit", "100", "growth", "--insurance-cap", "5").code).toBe(2);
    expect(run("feesplit", "100", "growth", "extra").code).toBe(2);
  });
});

describe("token-model mechfit", () => {
  it("rates all twelve mechanics for an archetype, with reasons", () => {
    const r = run("mechfit", "Exchange / Marketplace");
    expect(r.code).toBe(0);
    for (const m of MECHANIC_IDS) {
      const fit = mechanicFit("exchange", m);
      expect(r.out).toContain(fit.why);
      expect(r.out).toMatch(new RegExp(`^${m}\\s+${fit.rating}\\s`, "m"));
    }
    const json = JSON.parse(run("mechfit", "depin", "--json").out) as { mechanic: string; rating: string }[];
    expect(json).toEqual(MECHANIC_IDS.map((m) => mechanicFit("depin", m)));
  });
  it("rates one mechanic, by alias", () => {
    const r = run("mechfit", "dex", "vote escrow");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Vote-escrow lock for Exchange \/ Marketplace: anti-fit \(score -1, seed\)$/m);
    expect(JSON.parse(run("mechfit", "l1", "gas", "--json").out)).toEqual(mechanicFit("l1", "gas"));
  });
  it("rejects unknown names with the valid ids", () => {
    const r = run("mechfit", "casino");
    expect(r.code).toBe(1);
    expect(r.err).toContain(ARCHETYPES.map((a) => a.id).join(", "));
    expect(run("mechfit", "l1", "airdrop").err).toMatch(/Unknown mechanic "airdrop"/);
    expect(run("mechfit").code).toBe(2);
  });
});

describe("token-model checklist", () => {
  const answers = ["solid", "yes", "partial", "solid", "solid", "not decided", "solid", "partial", "solid", "solid"];
  it("scores a CSV of id,answer lines with a header", () => {
    const csv = file("a.csv", `id,answer\n${CHECKLIST_IDS.map((id, i) => `${id},${answers[i]}`).join("\n")}\n`);
    const r = run("checklist", csv);
    const core = scoreChecklist(answers);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^Score: ${core.score} / 10 \\(solid 7, partial 2, undecided 1\\)$`, "m"));
    expect(r.out).toMatch(/^Verdict: not ready$/m);
    expect(r.out).toMatch(/^Undecided:\n {2}delete-test +Delete-the-token test: /m);
  });
  it("scores a CSV of answers in order, and JSON arrays and objects, the same as the core", () => {
    const csv = file("b.csv", `# my answers\n${answers.map((a) => `"${a}"`).join("\r\n")}\r\n`);
    expect(JSON.parse(run("checklist", csv, "--json").out)).toEqual(scoreChecklist(answers));
    const arr = file("c.json", JSON.stringify(Array(10).fill("solid")));
    expect(run("checklist", arr).out).toMatch(/^Verdict: ready$/m);
    const obj = file("d.json", JSON.stringify({ jtbd: "solid", loop: "partial" }));
    expect(JSON.parse(run("checklist", obj, "--json").out)).toEqual(scoreChecklist({ jtbd: "solid", loop: "partial" }));
    const numbered = file("e.csv", "1,solid\n2,solid\n3,solid\n4,solid\n5,solid\n6,solid\n7,solid\n8,solid\n9,solid\n10,partial\n");
    expect(run("checklist", numbered).out).toMatch(/^Score: 9\.5 \/ 10.*\nVerdict: not yet$/m);
  });
  it("reports missing files, bad JSON, wrong counts and unknown answers with exit 1", () => {
    expect(run("checklist", join(work, "nope.csv"))).toMatchObject({ code: 1, out: "" });
    expect(run("checklist", join(work, "nope.csv")).err).toMatch(/no such file/);
    expect(run("checklist", file("bad.json", "{oops")).err).toMatch(/not valid JSON/);
    expect(run("checklist", file("short.json", '["solid"]')).err).toMatch(/give 10 answers, got 1/);
    const weird = run("checklist", file("weird.csv", "jtbd,maybe-ish\n"));
    expect(weird.code).toBe(1);
    expect(weird.err).toMatch(/"maybe-ish" is not an answer/);
    expect(run("checklist", file("unknown.csv", "tokenomics,solid\n")).err).toMatch(/Unknown checklist question "tokenomics"/);
    expect(run("checklist").code).toBe(2);
  });
});

describe("token-model comparables", () => {
  it("prints every published split nearest to the design first, labelled as published figures as of their date", () => {
    const r = run("comparables", "--stage", "early");
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toContain(`Published fee splits as of ${COMPARABLES_AS_OF} (not live data)`);
    const peers = nearestPeers(Object.fromEntries(stageShares("early").buckets.map((b, i) => [b.id, stageShares("early").shares[i]!.toNumber()])));
    const order = peers.map((p) => r.out.indexOf(`\n${p.comparable.protocol} `));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(r.out).toMatch(/^Your design \(early\)\s+15%\s+30%\s+10%\s+45%\s+0%$/m);
    expect(r.out).toContain(`Nearest peers: ${peers[0]!.comparable.protocol} (${Math.round(peers[0]!.distance * 1000) / 10}%)`);
  });

  it("gives JSON with each row's shares, source, date, confidence and distance", () => {
    const r = run("comparables", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { asOf: string; design: { stage: string; shares: Record<string, number> }; comparables: (Comparable & { distance: number })[] };
    expect(json.asOf).toBe(COMPARABLES_AS_OF);
    expect(json.design).toEqual({ stage: "growth", shares: { buyback: 0.4, stakers: 0.3, insurance: 0.1, discount: 0.2, other: 0 } });
    expect(json.comparables).toHaveLength(COMPARABLES.length);
    const peers = nearestPeers(json.design.shares);
    json.comparables.forEach((c, i) => {
      const { distance, ...row } = c;
      expect(row).toEqual(peers[i]!.comparable);
      expect(distance).toBeCloseTo(peers[i]!.distance, 6);
    });
  });

  it("refuses an unknown stage (exit 1) and stray arguments (exit 2)", () => {
    expect(run("comparables", "--stage", "teen")).toMatchObject({ code: 1, out: "" });
    expect(run("comparables", "gmx")).toMatchObject({ code: 2, out: "" });
  });
});

describe("token-model new", () => {
  it("writes the whole model as an .xlsx file and says what it wrote", async () => {
    const out = join(work, "model.xlsx");
    const r = run("new", out, "--archetype", "DEX", "--stage", "late", "--revenue", "2,500,000.50");
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(/^Wrote .*model\.xlsx \(\d+ KB\)$/m);
    expect(r.out).toMatch(/archetype exchange, stage mature, revenue 2,500,000\.50/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const plans = buildModelPlan({ ...DEFAULT_INPUTS, archetype: "exchange", stage: "mature", revenue: 2500000.5 }, defaultNaming());
    expect(wb.worksheets.map((ws) => [ws.name, ws.state])).toEqual(plans.map((p) => [p.name, p.visible ? "visible" : "hidden"]));
    const values = wb.worksheets.flatMap((ws) => {
      const found: unknown[] = [];
      ws.eachRow((row) => row.eachCell((cell) => { found.push(cell.value); }));
      return found;
    });
    expect(values).toContain(2500000.5);
    expect(values).toContain("mature");
    expect(values.filter((v) => v !== null && typeof v === "object" && "formula" in v).length).toBeGreaterThan(50);
    // The Read me records the date made and the tool's version; the file carries one native chart part per planned chart.
    expect(values).toContain(new Date().toISOString().slice(0, 10));
    expect(values).toContain(`token-model ${(require("../package.json") as { version: string }).version}`);
    // The plans above have no Monte Carlo run; the CLI's model has one, and its fan chart.
    const charts = plans.reduce((n, p) => n + p.charts.length, 0) + 1;
    expect(r.out).toContain(`${charts} native charts`);
    const zip = readFileSync(out);
    for (let i = 1; i <= charts; i++) expect(readZipEntry(zip, `xl/charts/chart${i}.xml`)).toMatch(/<c:chartSpace /);
    expect(readZipEntry(zip, `xl/charts/chart${charts + 1}.xml`)).toBeUndefined();
  });

  it("writes nothing when an input is wrong, and leaves no temporary file", () => {
    const dir = mkdtempSync(join(work, "fail-"));
    const cases: [string[], number, RegExp][] = [
      [["--archetype", "casino"], 1, /Unknown archetype "casino"/],
      [["--stage", "teen"], 1, /Unknown stage "teen"/],
      [["--revenue", "-3"], 1, /revenue is negative/],
      [["--revenue", "lots"], 1, /revenue must be a number/],
      [["--colour", "red"], 2, /Unknown option "--colour"/],
      [["--paths", "many"], 2, /--paths takes a number/],
      [["--seed", "1.5"], 1, /seed/i],
      [["--volatility", "-0.1"], 1, /volatility/i],
    ];
    for (const [args, code, message] of cases) {
      const r = run("new", join(dir, "model.xlsx"), ...args);
      expect({ args, code: r.code, out: r.out }).toEqual({ args, code, out: "" });
      expect(r.err).toMatch(message);
    }
    expect(run("new", join(dir, "model.txt")).code).toBe(2);
    expect(run("new", join(dir, "missing", "model.xlsx")).err).toMatch(/does not exist/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses to replace a file unless --force is given", () => {
    const dir = mkdtempSync(join(work, "force-"));
    const out = join(dir, "model.xlsx");
    writeFileSync(out, "keep me");
    const r = run("new", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/already exists; use --force/);
    expect(run("new", out, "--force").code).toBe(0);
    expect(readdirSync(dir)).toEqual(["model.xlsx"]);
  });

  it("records the Monte Carlo run on the Stress Test sheet: the seed, and the same numbers for the same seed", async () => {
    const dir = mkdtempSync(join(work, "seed-"));
    const stressValues = async (path: string): Promise<Map<string, unknown>> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      const cells = new Map<string, unknown>();
      wb.getWorksheet("Stress Test")!.eachRow((row) => row.eachCell((cell) => { if (typeof cell.value !== "object") cells.set(cell.address, cell.value); }));
      return cells;
    };
    const runWith = async (name: string, seed: string): Promise<Map<string, unknown>> => {
      const r = run("new", join(dir, name), "--seed", seed, "--paths", "500");
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`Monte Carlo of 500 paths x 36 months, seed ${seed}`));
      return stressValues(join(dir, name));
    };
    const a = await runWith("a.xlsx", "42");
    const b = await runWith("b.xlsx", "42");
    const c = await runWith("c.xlsx", "43");
    const seedLabel = [...a.entries()].find(([, v]) => v === "Seed")![0];
    expect(a.get(seedLabel.replace(/^A/, "B"))).toBe(42);
    expect(c.get(seedLabel.replace(/^A/, "B"))).toBe(43);
    expect([...a.entries()]).toEqual([...b.entries()]);
    const differing = [...a.entries()].filter(([k, v]) => typeof v === "number" && c.get(k) !== v);
    expect(differing.length).toBeGreaterThan(10);
    expect(run("new", join(dir, "none.xlsx"), "--paths", "0").out).toMatch(/no Monte Carlo run/);
  });
});

/** The command in a child process, resolved when it exits (for runs side by side, and signals). */
function start(args: readonly string[], env: Readonly<Record<string, string>> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
  child.stderr.on("data", (d: Buffer) => { err += d.toString(); });
  const done = new Promise<Run>((resolve) => child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : null), out, err })));
  return { child, done };
}

describe("token-model new never clobbers and never leaves a temporary file", () => {
  it("four runs at once to one path: exactly one writes it, the others exit non-zero, no temporary file remains", async () => {
    const dir = mkdtempSync(join(work, "race-"));
    const target = join(dir, "m.xlsx");
    const runs = await Promise.all([0, 1, 2, 3].map(() => start(["new", target, "--paths", "0"]).done));
    const won = runs.filter((r) => r.code === 0);
    expect(won).toHaveLength(1);
    expect(won[0]!.out).toMatch(/^Wrote /);
    for (const r of runs.filter((x) => x.code !== 0)) {
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/already exists; use --force/);
      expect(r.err).not.toMatch(/\.tmp/);
    }
    expect(readdirSync(dir)).toEqual(["m.xlsx"]);
  });

  it("removes its temporary file when interrupted (SIGINT) mid-write, and writes nothing", async () => {
    const dir = mkdtempSync(join(work, "sigint-"));
    // TOKEN_MODEL_SLOW_WRITE pauses between chunks of the write, so the signal lands while the temporary file is open.
    const { child, done } = start(["new", join(dir, "m.xlsx"), "--paths", "0"], { TOKEN_MODEL_SLOW_WRITE: "1000" });
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (readdirSync(dir).some((f) => f.endsWith(".tmp"))) {
          clearInterval(poll);
          child.kill("SIGINT");
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error("the command ended before its temporary file appeared"));
        }
      }, 5);
    });
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.err.trim()).toMatch(/^token-model: interrupted; "[^"]*m\.xlsx" was not written\.$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("never shows a temporary file's name when the folder cannot be written", () => {
    for (const target of ["/proc/x.xlsx", "/proc/self/x.xlsx"]) {
      const r = run("new", target, "--paths", "0");
      expect(r.code).toBe(1);
      expect(r.err).not.toMatch(/\.tmp|\.x\.xlsx\./);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("token-model output and messages", () => {
  it("says in one line, without a stack, that stdout is full (> /dev/full)", () => {
    const full = openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, [BIN, "mechfit", "exchange"], { stdio: ["ignore", full, "pipe"], encoding: "utf8" });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("token-model: no space is left on the device it goes to.\n");
    } finally {
      closeSync(full);
    }
  });

  it("says in one line that stdout was closed (a reader that went away)", async () => {
    const { child, done } = start(["mechfit", "exchange"]);
    child.stdout.destroy();
    const r = await done;
    expect(r.code).toBe(1);
    expect(r.err).toBe("token-model: the output was closed before it was all written.\n");
  });

  it("reads numeric text one way only and refuses ambiguous text, in the CLI as in the core", () => {
    expect(run("feesplit", "1,000.50", "growth", "--json").code).toBe(0);
    expect((JSON.parse(run("feesplit", "$1,000.50", "growth", "--json").out) as { revenueCents: number }).revenueCents).toBe(100050);
    for (const [text, why] of [["1.000,50", /point for thousands/], ["12 34", /spaces or marks between digits/], ["1,00", /point for thousands/], ["1,0000", /do not group thousands/], ["1.2.3", /not a number|group/]] as const) {
      const r = run("feesplit", text, "growth");
      expect({ text, code: r.code }).toEqual({ text, code: 1 });
      expect(r.err).toMatch(why);
    }
  });

  it("names only options the command has, and echoes a long argument as a short prefix", () => {
    const dir = mkdtempSync(join(work, "msg-"));
    const big = run("new", join(dir, "m.xlsx"), "--revenue", "1e13");
    expect(big.code).toBe(1);
    expect(big.err).toMatch(/revenue/);
    expect(big.err).not.toMatch(/growth|jump|claim/);
    const derived = run("new", join(dir, "m.xlsx"), "--revenue", "9000000000000");
    expect(derived.code).toBe(1);
    expect(derived.err).toMatch(/--revenue/);
    expect(derived.err).toMatch(/--paths 0/);
    expect(derived.err).not.toMatch(/claim 1|jump size|lower the growth/);
    const long = "9".repeat(100_000);
    for (const args of [["feesplit", long, "growth"], ["feesplit", "10", long], ["mechfit", long], ["new", join(dir, "m.xlsx"), `--${"x".repeat(100_000)}`]]) {
      const r = run(...args);
      expect(r.code).not.toBe(0);
      expect(r.err.length).toBeLessThan(600);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("gives no -0 in --json", () => {
    const r = run("feesplit", "-0", "growth", "--json");
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/-0\b/);
  });
});

describe("token-model new: the Stress Test sheet's rules, fund policy and stage schedule", () => {
  const RULES = [
    "--revenue", "10000000", "--buyback-max-volume-share", "5%", "--token-volume", "60000000", "--staker-max-apr", "0.08", "--staked-value", "400000000",
    "--fund-min", "3000000", "--fund-target", "8000000", "--overflow-to", "Discount", "--stage-schedule", "0:early, 12:growth, 24:late",
  ];

  it("writes them as the sheet's inputs and runs the Monte Carlo with them", async () => {
    const dir = mkdtempSync(join(work, "rules-"));
    const out = join(dir, "perp.xlsx");
    const r = run("new", out, ...RULES, "--paths", "300", "--seed", "9");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/stress inputs: .*VolumeShare 0\.05.*OverflowTo Discount/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Stress Test")!;
    const value = (key: string): unknown => ws.getCell(STRESS_TEST_LAYOUT.inputs[key]!).value;
    expect([value("VolumeShare"), value("TokenVolume"), value("MaxApr"), value("StakedValue"), value("FundMin"), value("FundTarget"), value("OverflowTo")])
      .toEqual([0.05, 60_000_000, 0.08, 400_000_000, 3_000_000, 8_000_000, "Discount"]);
    expect([value("Stage"), value("Stage2From"), value("Stage2"), value("Stage3From"), value("Stage3"), value("Stage4From")]).toEqual(["early", 12, "growth", 24, "mature", null]);
    // The recorded run is the core's run on those inputs.
    const inputs = { ...DEFAULT_INPUTS, revenue: 10_000_000 };
    const params = stressRunParams(inputs, { paths: 300, seed: 9 }, {
      VolumeShare: 0.05, TokenVolume: 60_000_000, MaxApr: 0.08, StakedValue: 400_000_000, FundMin: 3_000_000, FundTarget: 8_000_000, OverflowTo: "Discount",
      Stage: "early", Stage2From: 12, Stage2: "growth", Stage3From: 24, Stage3: "mature",
    });
    const mc = monteCarlo(params);
    const cells = new Set<unknown>();
    ws.eachRow((row) => row.eachCell((cell) => { cells.add(cell.value); }));
    expect(cells.has(mc.fund.balance.p50[35]! / 100)).toBe(true);
    expect(cells.has(mc.monthly[0]!.p95[35]! / 100)).toBe(true);
    expect(mc.caps.map((c) => c.bucket)).toEqual(["buyback", "stakers"]);
    expect(mc.fund.overflowBucket).toBe("discount");
  });

  it("takes positions in a stage schedule: each position's template shares fill its stage's row, and the run uses them", async () => {
    const dir = mkdtempSync(join(work, "positions-"));
    const out = join(dir, "defi.xlsx");
    const r = run("new", out, "--archetype", "defi", "--stage-schedule", "0:0.1, 12:0.5, 24:0.9", "--paths", "200", "--seed", "4");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/the early column of the bucket table holds the shares at position 0\.1/);
    expect(r.out).toMatch(/the mature column of the bucket table holds the shares at position 0\.9/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const stress = wb.getWorksheet("Stress Test")!;
    const value = (key: string): unknown => stress.getCell(STRESS_TEST_LAYOUT.inputs[key]!).value;
    expect([value("Stage"), value("Stage2From"), value("Stage2"), value("Stage3From"), value("Stage3")]).toEqual(["early", 12, "growth", 24, "mature"]);
    // The bucket table's stage columns hold the template's shares at each position.
    const fee = wb.getWorksheet("Fee Split")!;
    const t = templateOf("defi");
    [0.1, 0.5, 0.9].forEach((position, i) => {
      const shares = templateShares(t, position).shares.map((x) => x.toNumber());
      // The standard buckets start the bucket table, one share column per stage.
      const column = shares.map((_, j) => fee.getCell(FEE_SPLIT_LAYOUT.rows[j]!.shares[i]!).value as number);
      column.forEach((v, j) => expect(v).toBeCloseTo(shares[j]!, 12));
    });
    // The recorded run is the core's run on those rows, stage by stage.
    const options = { archetype: "defi", "stage-schedule": "0:0.1, 12:0.5, 24:0.9" };
    const params = stressRunParams(modelInputs(options), { paths: 200, seed: 4 }, stressSheetInputs(options));
    const changes = params.stage as readonly StageChange[];
    changes.forEach((c, i) => expect((c.stage as ShareSet).shares.map(String)).toEqual(templateShares(t, [0.1, 0.5, 0.9][i]!).shares.map(String)));
    const mc = monteCarlo(params);
    const cells = new Set<unknown>();
    stress.eachRow((row) => row.eachCell((cell) => { cells.add(cell.value); }));
    expect(cells.has(mc.monthly[0]!.p95[35]! / 100)).toBe(true);
  });

  it.each([
    [["--staker-max-apr", "120%", "--staked-value", "5"], /APR above 100% is not a cap/],
    [["--staker-max-apr", "0x1", "--staked-value", "5"], /--staker-max-apr takes a rate such as 5% or 0\.05; got "0x1"/],
    [["--buyback-max-volume-share", "0,05", "--token-volume", "5"], /--buyback-max-volume-share takes a rate/],
    [["--buyback-max-volume-share", "1.5", "--token-volume", "5"], /more than 100% of the traded volume/],
    [["--fund-target", "9000000", "--overflow-to", "lp"], /choose one of buyback, stakers, discount/],
    [["--fund-target", "-5"], /negative.*0 or more/],
    [["--fund-target", "1000"], /below the fund minimum.*--fund-min/],
    [["--token-volume", "5"], /--token-volume needs --buyback-max-volume-share/],
    [["--stage-schedule", "0:early,12:sideways"], /Unknown stage "sideways" for --stage-schedule entry "12:sideways"\. Use early, growth, mature, or a life-cycle position/],
    [["--stage-schedule", "0:early,12:1.5"], /--stage-schedule entry "12:1\.5" position 1\.5 is outside 0\.\.1/],
    [["--stage-schedule", "0:early,12:0,5"], /entry "5" is not month:stage/],
    [["--stage-schedule", "0:0.1,12:0.2"], /--stage-schedule 0:0\.1 and --stage-schedule 12:0\.2 both use the bucket table's early column/],
    [["--stage-schedule", "0:early,12:0.2"], /--stage-schedule 12:0\.2 and --stage-schedule 0:early both use the bucket table's early column/],
    [["--stage", "0.6", "--stage-schedule", "0:early,12:0.4"], /--stage 0\.6 and --stage-schedule 12:0\.4 both use the bucket table's growth column/],
    [["--stage-schedule", "0:early,12:growth,6:mature"], /forward in time/],
  ])("refuses %j with exit 1, a message naming the fix, and no file", (args, message) => {
    const dir = mkdtempSync(join(work, "bad-rules-"));
    const r = run("new", join(dir, "x.xlsx"), "--paths", "0", ...(args as string[]));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message as RegExp);
    expect(readdirSync(dir)).toEqual([]);
  });
});
