#!/usr/bin/env node
// The command-line entry: runs the compiled CLI (npm run build writes build/cli).
"use strict";
const fs = require("fs");
const path = require("path");

const main = path.join(__dirname, "..", "build", "cli", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write(`token-model: the CLI is not built (${main} is missing). Run "npm run build" first.\n`);
  process.exit(1);
}
require(main).runProcess(process.argv.slice(2));
