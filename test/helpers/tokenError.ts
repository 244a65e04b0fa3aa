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
