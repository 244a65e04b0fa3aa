/**
 * Jest for `npm run mutate:core`: the core (src/*.ts, src/stress/*.ts) against
 * its own direct tests. The plans' and functions' suites also reach the core,
 * but through whole sheets and calls at seconds per test; a core mutant
 * they would kill that these miss counts here as a survivor, so the score is,
 * if anything, low.
 */
const base = require("./jest.stryker.config");

module.exports = {
  ...base,
  testMatch: [
    "**/core.*.test.ts",
    "**/stress.fundPolicy.test.ts",
    "**/stress.path.test.ts",
    "**/stress.split.test.ts",
    "**/stress.montecarlo.test.ts",
  ],
};
