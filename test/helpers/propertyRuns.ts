/**
 * How many cases a property test tries: all it asks for, except under
 * Stryker (TOKEN_MUTATION_RUN), where each surviving mutant reruns every
 * property that reaches it; there at most MUTATION_RUNS, which still meets
 * the common paths a mutant changes. `npm test` and CI try every case.
 */
export const MUTATION_RUNS = 100;

export const propertyRuns = (runs: number): number =>
  process.env.TOKEN_MUTATION_RUN ? Math.min(runs, MUTATION_RUNS) : runs;
