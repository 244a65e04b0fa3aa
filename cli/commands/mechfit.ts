import { ARCHETYPES, MECHANIC_IDS, MECHANICS, archetypeById, mechanicFit, type MechanicFit } from "../../src";
import { expectPositionals, parseArgs } from "../args";
import { formatTable } from "../format";
import type { Io } from "../io";

export const MECHFIT_HELP = `Usage: token-model mechfit <archetype> [mechanic] [options]

How well a token mechanic fits a product archetype: fit, conditional, weak
or anti-fit, with the reason. Without a mechanic, all ${MECHANIC_IDS.length} are rated.

Arguments:
  <archetype>  ${ARCHETYPES.map((a) => a.id).join(", ")} (names and aliases work)
  [mechanic]   ${MECHANICS.map((m) => m.id).join(", ")}

Options:
  --json       machine-readable output
  -h, --help   show this help

Example:
  token-model mechfit exchange buyback`;

export function mechfitCommand(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, { json: { kind: "boolean" }, help: { kind: "boolean", short: "h" } }, "mechfit");
  if (args.options.help) {
    io.out(MECHFIT_HELP);
    return 0;
  }
  expectPositionals(args, ["archetype", "mechanic"], 1, "mechfit");
  const [archetype, mechanic] = args.positionals;
  const fits = mechanic === undefined ? MECHANIC_IDS.map((m) => mechanicFit(archetype, m)) : [mechanicFit(archetype, mechanic)];
  if (args.options.json) {
    io.out(JSON.stringify(mechanic === undefined ? fits : fits[0], null, 2));
    return 0;
  }
  io.out(mechanic === undefined ? allText(fits) : oneText(fits[0]!));
  return 0;
}

const mechanicName = (fit: MechanicFit): string => MECHANICS.find((m) => m.id === fit.mechanic)!.name;
const score = (n: number): string => (n > 0 ? `+${n}` : String(n));

function oneText(fit: MechanicFit): string {
  const archetype = archetypeById(fit.archetype);
  return `${mechanicName(fit)} for ${archetype.name}: ${fit.rating} (score ${score(fit.score)}, ${fit.source})\n${fit.why}`;
}

function allText(fits: readonly MechanicFit[]): string {
  const archetype = archetypeById(fits[0]!.archetype);
  const rows = fits.map((f) => [f.mechanic, f.rating, score(f.score), f.source, f.why]);
  return `Mechanic fit for ${archetype.name} (${archetype.id})\n\n${formatTable(["Mechanic", "Rating", "Score", "Source", "Why"], rows, [2])}`;
}
