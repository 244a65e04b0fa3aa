// Jest transform for mutation testing (jest.stryker.config.js): functions/functions.ts
// as the metadata plugin makes it for the bundle, with a
// CustomFunctions.associate(id, fn) call appended per @customfunction, then
// ts-jest as usual. The functions' tests then run against the (mutated) source
// instead of the built dist/functions.js.
"use strict";
const tsJest = require("ts-jest").default;

const inner = tsJest.createTransformer({ tsconfig: "tsconfig.json", diagnostics: false });

/** `@customfunction ID` ... `function name(`: the pairs the plugin associates. */
function associations(source) {
  const calls = [];
  const re = /@customfunction\s+([A-Z0-9_.]+)[\s\S]*?\*\/\s*(?:export\s+)?(?:async\s+)?function\s+([A-Za-z0-9_$]+)/g;
  for (let m = re.exec(source); m; m = re.exec(source)) calls.push(`CustomFunctions.associate(${JSON.stringify(m[1])}, ${m[2]});`);
  return `\n${calls.join("\n")}\n`;
}

const withAssociations = (source, filename) => (/[\\/]functions[\\/]functions\.ts$/.test(filename) ? source + associations(source) : source);

module.exports = {
  process(source, filename, options) {
    return inner.process(withAssociations(source, filename), filename, options);
  },
  getCacheKey(source, filename, options) {
    return inner.getCacheKey(withAssociations(source, filename), filename, options);
  },
};
