import { TokenError } from "../../src";

/** Expects fn to throw the core's TokenError of `kind` with a message matching `text` (what to fix). */
export function expectTokenError(fn: () => unknown, kind: TokenError["kind"], text: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(TokenError);
  expect((caught as TokenError).kind).toBe(kind);
  expect((caught as TokenError).message).toMatch(text);
}

type Failure = { kind: string; message: string };

/** A caught TokenError as kind and exact message; anything else is thrown on, failing the test. */
const asFailure = (e: unknown): Failure => {
  if (e instanceof TokenError) return { kind: e.kind, message: e.message };
  throw e;
};

/** The TokenError fn throws, as kind and exact message; anything else (a result, a TypeError) fails the test. */
export const failure = (fn: () => unknown): Failure => {
  try {
    fn();
  } catch (e) {
    return asFailure(e);
  }
  throw new Error("expected a TokenError, but the call returned");
};

/** The same for a promise: the TokenError it rejects with; resolving, or another error, fails the test. */
export async function rejection(run: Promise<unknown>): Promise<Failure> {
  try {
    await run;
  } catch (e) {
    return asFailure(e);
  }
  throw new Error("expected a TokenError, but the run resolved");
}
