/** Jest for `npm run mutate:core`: the core's money rule only (feeSplit, ExactSplitter, allocation), its direct tests. */
const base = require("./jest.stryker.config");

module.exports = { ...base, testMatch: ["**/core.feeSplit.test.ts", "**/stress.split.test.ts"] };
