import { existsSync, readFileSync } from "fs";
import { dirname, join } from "path";
import { echo, isTokenError } from "../src";
import { UsageError } from "./args";
import { InputError, type Io } from "./io";

type Command = (argv: readonly string[], io: Io) => number | Promise<number>;

interface CommandEntry {
  readonly summary: string;
  /** Loaded on use: "new" pulls in exceljs and the sheet plans, which the other commands do not need. */
  readonly load: () => Promise<{ readonly run: Command; readonly help: string }>;
}

const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  new: {
    summary: "write the whole model as an .xlsx workbook",
    load: async () => import("./commands/new").then((m) => ({ run: m.newCommand, help: m.NEW_HELP })),
  },
  feesplit: {
    summary: "split fee revenue across buckets, exact to the cent",
    load: async () => import("./commands/feesplit").then((m) => ({ run: m.feesplitCommand, help: m.FEESPLIT_HELP })),
  },
  split: {
    summary: "split revenue over buckets you name (LPs, treasury...), with caps, floors and an excess bucket",
    load: async () => import("./commands/split").then((m) => ({ run: m.splitCommand, help: m.SPLIT_HELP })),
  },
  mechfit: {
    summary: "rate token mechanics for a product archetype",
    load: async () => import("./commands/mechfit").then((m) => ({ run: m.mechfitCommand, help: m.MECHFIT_HELP })),
  },
  checklist: {
    summary: "score the readiness checklist from a CSV or JSON file",
    load: async () => import("./commands/checklist").then((m) => ({ run: m.checklistCommand, help: m.CHECKLIST_HELP })),
  },
  comparables: {
    summary: "published fee splits of public protocols, nearest to your design first",
    load: async () => import("./commands/comparables").then((m) => ({ run: m.comparablesCommand, help: m.COMPARABLES_HELP })),
  },
};

const commandNamed = (name: string): CommandEntry | undefined =>
  Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;

export const HELP = `Usage: token-model <command> [arguments] [options]

Turns a product into defensible tokenomics, outside Excel.

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(13)}${c.summary}`).join("\n")}

Options:
  -h, --help     show help (also: token-model <command> --help)
  --version      show the version

Exit codes: 0 done, 1 bad input, 2 bad usage.`;

/** The version in the package.json above this file (source or build layout). */
export function version(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "token-model") return pkg.version ?? "unknown";
    }
  }
  return "unknown";
}

/** Runs one command line; returns the exit code. Errors are reported on io.err, never thrown. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined) {
      io.err(HELP);
      return 2;
    }
    if (first === "-h" || first === "--help") {
      io.out(HELP);
      return 0;
    }
    if (first === "--version" || first === "-v") {
      io.out(`token-model ${version()}`);
      return 0;
    }
    if (first === "help") {
      const topic = rest[0];
      const entry = topic === undefined ? undefined : commandNamed(topic);
      if (topic !== undefined && !entry) throw new UsageError(`There is no command ${echo(topic)}.`);
      io.out(entry ? (await entry.load()).help : HELP);
      return 0;
    }
    const entry = commandNamed(first);
    if (!entry) throw new UsageError(first.startsWith("-") ? `Unknown option ${echo(first)}.` : `There is no command ${echo(first)}.`);
    return await (await entry.load()).run(rest, io);
  } catch (e) {
    return report(e, io);
  }
}

function report(e: unknown, io: Io): number {
  if (e instanceof UsageError) {
    const help = e.command ? `token-model ${e.command} --help` : "token-model --help";
    io.err(`token-model: ${e.message}\nSee "${help}".`);
    return 2;
  }
  if (isTokenError(e) || e instanceof InputError) {
    io.err(`token-model: ${e.message}`);
    return 1;
  }
  io.err(`token-model: unexpected error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  return 1;
}

/**
 * Runs the command line in this process (bin/token-model.js). Output that
 * cannot be written (a closed pipe, a full disk: `> /dev/full`) ends the run
 * with one line on stderr and exit code 1, never a stack trace.
 */
export function runProcess(argv: readonly string[]): void {
  let failed = false;
  const onOutputError = (e: NodeJS.ErrnoException): void => {
    if (failed) return;
    failed = true;
    const why = e.code === "EPIPE" ? "the output was closed before it was all written"
      : e.code === "ENOSPC" ? "no space is left on the device it goes to"
        : `it could not be written (${e.code ?? "error"})`;
    try { process.stderr.write(`token-model: ${why}.\n`); } catch { /* stderr is gone too */ }
    process.exit(1);
  };
  process.stdout.on("error", onOutputError);
  process.stderr.on("error", () => process.exit(1));
  const write = (stream: NodeJS.WriteStream, text: string): void => {
    try {
      stream.write(`${text}\n`);
    } catch (e) {
      onOutputError(e as NodeJS.ErrnoException);
    }
  };
  void main(argv, { out: (text) => write(process.stdout, text), err: (text) => write(process.stderr, text) }).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runProcess(process.argv.slice(2));
