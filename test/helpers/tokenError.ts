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

/** The TokenError fn throws, as kind and exact message; anything else (a result, a TypeError) fails the test. */
export const failure = (fn: () => unknown): { kind: string; message: string } => {
  try {
    fn();
  } catch (e) {
    if (e instanceof TokenError) return { kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error("expected a TokenError, but the call returned");
};
