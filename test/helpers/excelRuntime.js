// A stand-in for Excel's custom-functions runtime, and a loader that runs the
// BUILT dist/functions.js against it, as Excel would. Plain CommonJS so the
// Jest harness and the Node benchmark (bench/) share one copy.
"use strict";
const fs = require("fs");
const path = require("path");

/** The codes Office's CustomFunctions.ErrorCode enum carries, with Excel's cell text. */
const ErrorCode = Object.freeze({
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
});

/** Like Office's CustomFunctions.Error: a code and an optional message, nothing more. */
class CustomFunctionsError {
  constructor(code, message) {
    this.code = code;
    if (message !== undefined) this.message = message;
  }
}

function createRuntime() {
  const associated = new Map();
  const CustomFunctions = {
    ErrorCode,
    Error: CustomFunctionsError,
    associate(id, fn) {
      if (typeof id !== "string" || typeof fn !== "function") throw new TypeError(`associate(${String(id)}) needs an id and a function`);
      if (associated.has(id)) throw new Error(`${id} is associated twice`);
      associated.set(id, fn);
    },
  };
  return { CustomFunctions, associated };
}

/**
 * Loads dist/functions.js with the stand-in as the global CustomFunctions
 * (it stays set: the functions build their error values from it when called).
 * Returns the associated functions by id and the parsed dist/functions.json.
 */
function loadFunctions(distDir) {
  const script = path.join(distDir, "functions.js");
  const metadataFile = path.join(distDir, "functions.json");
  for (const file of [script, metadataFile]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${path.relative(process.cwd(), file)} is missing: run \`npm run build\` first (npm test does it in pretest).`);
    }
  }
  const runtime = createRuntime();
  globalThis.CustomFunctions = runtime.CustomFunctions;
  // A script, not a module, as in the page; sourceURL names it in stack traces.
  new Function(`${fs.readFileSync(script, "utf8")}\n//# sourceURL=${script}`)();
  return {
    functions: Object.fromEntries(runtime.associated),
    metadata: JSON.parse(fs.readFileSync(metadataFile, "utf8")),
    CustomFunctions: runtime.CustomFunctions,
  };
}

module.exports = { ErrorCode, CustomFunctionsError, createRuntime, loadFunctions };
