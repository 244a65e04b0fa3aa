import { echo } from "../src";

/** A usage mistake (unknown option, missing argument): exit code 2, with a pointer to --help. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** "list": may be given more than once; the values are joined with LIST_SEPARATOR (see listValues). */
export type OptionKind = "string" | "boolean" | "list";

const LIST_SEPARATOR = "\n";

/** The values of a "list" option, in the order given. */
export const listValues = (value: string | boolean | undefined): string[] => (typeof value === "string" ? value.split(LIST_SEPARATOR) : []);

export interface OptionSpec {
  readonly kind: OptionKind;
  /** One-letter alias, e.g. "h" for -h. */
  readonly short?: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly options: Readonly<Record<string, string | boolean>>;
}

/**
 * Hand-written parser: `--name value`, `--name=value`, `-x`, boolean flags,
 * and `--` to end options (so a negative number can follow it). Unknown
 * options and missing values are usage errors.
 */
export function parseArgs(argv: readonly string[], specs: OptionSpecs, command?: string): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | boolean> = {};
  const byShort = new Map(Object.entries(specs).filter(([, s]) => s.short).map(([name, s]) => [s.short!, name]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const long = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(arg);
    const short = /^-([a-z])$/i.exec(arg);
    if (!long && !short) {
      if (arg.startsWith("-") && arg.length > 1 && !/^-\d|^-\./.test(arg)) throw new UsageError(`Unknown option ${echo(arg)}.`, command);
      positionals.push(arg);
      continue;
    }
    const name = long ? long[1]!.toLowerCase() : byShort.get(short![1]!);
    const spec = name === undefined ? undefined : specs[name];
    if (name === undefined || spec === undefined) throw new UsageError(`Unknown option ${echo(arg)}.`, command);
    if (name in options && spec.kind !== "list") throw new UsageError(`The option --${name} is given twice.`, command);
    if (spec.kind === "boolean") {
      if (long?.[2] !== undefined) throw new UsageError(`The option --${name} takes no value.`, command);
      options[name] = true;
      continue;
    }
    const value = long?.[2] ?? argv[++i];
    if (value === undefined || (long?.[2] === undefined && /^--?[a-z]/i.test(value))) {
      throw new UsageError(`The option --${name} needs a value.`, command);
    }
    options[name] = spec.kind === "list" && typeof options[name] === "string" ? `${options[name] as string}${LIST_SEPARATOR}${value}` : value;
  }
  return { positionals, options };
}

/** Exactly `min..max` positional arguments, named for the message. */
export function expectPositionals(args: ParsedArgs, names: readonly string[], min: number, command: string): void {
  const n = args.positionals.length;
  if (n < min) throw new UsageError(`Missing ${names.slice(n, min).map((x) => `<${x}>`).join(" ")}.`, command);
  if (n > names.length) throw new UsageError(`Too many arguments: ${args.positionals.slice(names.length, names.length + 3).map(echo).join(" ")}${n - names.length > 3 ? " ..." : ""}.`, command);
}
