/**
 * Jest for mutation testing (`npm run mutate`, stryker.config.json): the fast
 * tests of the core, the custom functions (against their source) and the
 * pane's Excel code (against the strict simulator). The Chromium and
 * LibreOffice suites, the CLI and the bundle-only checks are left out: they
 * take minutes per run and test the same code through slower doors.
 * core.domain.test.ts is left out too: it reads ../shared/DOMAIN.md, which
 * Stryker's sandbox does not have.
 */
const base = require("./jest.config");

module.exports = {
  ...base,
  reporters: ["default"],
  testMatch: [
    "**/core.feeSplit.test.ts",
    "**/core.types.test.ts",
    "**/core.bucketSplit.test.ts",
    "**/core.numberText.test.ts",
    "**/core.templates.test.ts",
    "**/core.comparables.test.ts",
    "**/stress.fundPolicy.test.ts",
    "**/stress.path.test.ts",
    "**/stress.split.test.ts",
    "**/stress.montecarlo.test.ts",
    "**/plans.*.test.ts",
    "**/functions.values.test.ts",
    "**/functions.stress.test.ts",
    "**/functions.fuzz.test.ts",
    "**/functions.runtime.test.ts",
    "**/functions.split.test.ts",
    "**/functions.adapter.test.ts",
    "**/functions.edges.test.ts",
    "**/functions.splitRows.test.ts",
    "**/functions.stressRules.test.ts",
    "**/functions.loaded.test.ts",
    "**/taskpane.writer.test.ts",
    "**/taskpane.strict.test.ts",
    "**/taskpane.host.test.ts",
    "**/taskpane.stress.test.ts",
    "**/taskpane.makeShareable.test.ts",
    "**/taskpane.intent.test.ts",
    "**/taskpane.planRefs.test.ts",
    "**/taskpane.liveChecklist.test.ts",
    "**/taskpane.buildChecks.test.ts",
    "**/taskpane.buildMessages.test.ts",
  ],
  transform: { "^.+\\.ts$": "<rootDir>/test/helpers/sourceFunctionsTransform.js" },
  setupFiles: ["<rootDir>/test/helpers/mutationEnv.js"],
};
