"use strict";
/**
 * Stress-test benchmark: a seeded Monte Carlo of 10,000 paths x 36 months
 * (exact cents split every month, caps by rule, a floor, a fund with claims,
 * jumps), beside a baseline loop over the same random numbers that only
 * walks revenue in floating point and multiplies it by the shares, with no
 * allocation and no exact money. Prints both times, their ratio and
 * PASS/MISS against the 0.5 s target.
 *
 * Uses the CLI build (build/cli/src/stress/index.js, from `npm run build`)
 * when it exists, else compiles src/ on the fly with TypeScript.
 *
 *   node bench/stress.js            run and print
 *   require("./stress").run()       returns the figures (bench/run.js)
 */
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const TARGET_MS = 500;

/** Newest modification time of the .ts files under a folder (recursively). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function loadStress() {
  const built = path.join(ROOT, "build", "cli", "src", "stress", "index.js");
  // The build, unless src/ changed after it was made.
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestSource(path.join(ROOT, "src"))) {
    return { stress: require(built), source: "build/cli" };
  }
  const ts = require("typescript");
  const src = path.join(ROOT, "src") + path.sep;
  const previous = require.extensions[".ts"];
  require.extensions[".ts"] = function compile(module, filename) {
    if (!filename.startsWith(src)) {
      if (previous) return previous(module, filename);
      throw new Error(`bench/stress.js only compiles files under src/, not ${filename}`);
    }
    const out = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    });
    module._compile(out.outputText, filename);
  };
  return { stress: require(path.join(ROOT, "src", "stress", "index.ts")), source: "src (compiled on the fly)" };
}

/**
 * The benchmark run: a growth-stage exchange moving from early to mature,
 * with the article's rules: the buyback at most 5% of the token's traded
 * volume and stakers at most 12% APR on staked value (both moving with each
 * path's revenue), an insurance floor, and a fund with a minimum (topped up
 * first) and a target whose overflow goes to the buyback.
 */
const PARAMS = Object.freeze({
  revenue: 10_000_000,
  growth: 0.01,
  volatility: 0.25,
  months: 36,
  paths: 10_000,
  seed: 20240601,
  stage: [{ fromMonth: 0, stage: "early" }, { fromMonth: 12, stage: "growth" }, { fromMonth: 24, stage: "mature" }],
  caps: {
    buyback: { volumeShare: 0.05, volume: 80_000_000 },
    stakers: { yieldCap: 0.12, stakedValue: 300_000_000 },
  },
  floors: { insurance: 900_000 },
  fund: {
    startBalance: 5_000_000, minBalance: 3_000_000, target: { share: 0.1, exposure: 200_000_000 }, overflowTo: "buyback",
    claims: [{ month: 18, amount: 30_000_000 }, { month: 30, fraction: 0.5 }],
  },
  jumps: { probability: 0.03, size: -0.4 },
});

/** Same random numbers, float walk, float shares: what the run costs without exact money. */
function baseline(stress, p) {
  const rng = new stress.PathRng();
  const logStep = Math.log(1 + p.growth) - (p.volatility * p.volatility) / 2;
  const jump = 1 + p.jumps.size;
  const shares = [0.4, 0.3, 0.1, 0.2];
  let check = 0;
  for (let i = 0; i < p.paths; i++) {
    rng.seed(p.seed, i);
    let r = p.revenue * 100;
    for (let t = 0; t < p.months; t++) {
      if (t > 0) {
        let f = Math.exp(logStep + p.volatility * rng.normal());
        if (rng.uniform() < p.jumps.probability) f *= jump;
        r *= f;
      }
      for (let j = 0; j < shares.length; j++) check += r * shares[j];
    }
  }
  return check;
}

function time(fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs the benchmark; prints unless { quiet: true }; returns the figures. */
function run({ quiet = false, repeats = 3 } = {}) {
  const { stress, source } = loadStress();
  const runs = [];
  const bases = [];
  let result;
  for (let k = 0; k < repeats; k++) {
    const r = time(() => stress.monteCarlo(PARAMS));
    runs.push(r.ms);
    result = r.value;
    bases.push(time(() => baseline(stress, PARAMS)).ms);
  }
  const ms = median(runs);
  const baselineMs = median(bases);
  const figures = {
    name: "stress: Monte Carlo 10,000 paths x 36 months",
    source,
    firstMs: runs[0],
    ms,
    baselineMs,
    ratio: ms / baselineMs,
    targetMs: TARGET_MS,
    pass: runs[0] < TARGET_MS && ms < TARGET_MS,
    slowSplits: result.slowSplits,
    capBindsAnyMonth: result.caps.map((c) => `${c.bucket} ${(c.anyMonthShare * 100).toFixed(1)}%`).join(", "),
    fundBelowMinAnyMonth: result.fund.belowMinAnyShare,
    fundAtTargetAnyMonth: result.fund.overflowAnyShare,
  };
  if (!quiet) {
    const f = (x) => `${x.toFixed(1)} ms`;
    console.log(`${figures.name} (${source})`);
    console.log(`  exact engine: ${f(ms)} median of ${repeats} (first run ${f(figures.firstMs)})`);
    console.log(`  baseline (float walk + float shares, same normals): ${f(baselineMs)}`);
    console.log(`  ratio: ${figures.ratio.toFixed(1)}x   target: < ${TARGET_MS} ms   ${figures.pass ? "PASS" : "MISS"}`);
    console.log(`  splits on the core's Decimal path: ${figures.slowSplits}; caps binding in some month: ${figures.capBindsAnyMonth}; fund below its minimum in some month: ${(figures.fundBelowMinAnyMonth * 100).toFixed(1)}% of paths; fund at its target (overflow to buyback) in some month: ${(figures.fundAtTargetAnyMonth * 100).toFixed(1)}% of paths`);
  }
  return figures;
}

module.exports = { run, PARAMS, TARGET_MS };

if (require.main === module) {
  const figures = run();
  process.exitCode = figures.pass ? 0 : 1;
}
