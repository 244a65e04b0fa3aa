/** Jest runs the TypeScript tests directly through ts-jest. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }] },
  reporters: ["default", "<rootDir>/test/helpers/summaryReporter.js"],
  testTimeout: 120000,
};
