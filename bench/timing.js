// Timing helpers shared by the bench modules (bench/*.bench.js).
"use strict";

/** A small seeded generator, so every run splits the same revenues. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function seconds(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Median seconds per call over `runs` timed calls, after `warm` untimed ones. */
function timeIt(fn, runs = 7, warm = 3) {
  for (let i = 0; i < warm; i++) fn();
  return median(Array.from({ length: runs }, () => seconds(fn)));
}

/**
 * Times two functions in alternation, so a busy machine slows both alike;
 * the ratio is the median of the per-round ratios.
 */
function timePair(a, b, rounds = 9, warm = 3) {
  for (let i = 0; i < warm; i++) { a(); b(); }
  const ta = [];
  const tb = [];
  for (let i = 0; i < rounds; i++) { ta.push(seconds(a)); tb.push(seconds(b)); }
  return { a: median(ta), b: median(tb), ratio: median(ta.map((t, i) => t / tb[i])) };
}

module.exports = { mulberry32, median, seconds, timeIt, timePair };
