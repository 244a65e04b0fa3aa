import { isTokenError, TokenError, type TokenErrorKind } from "../src/index";

type ErrorCodeName = "invalidValue" | "notAvailable" | "invalidNumber";

/**
 * Excel shows a custom message only beside #VALUE! and #N/A. Every problem the
 * core reports says what to fix, so an out-of-range number also comes back as
 * #VALUE!: a bare #NUM! would hide the fix (a negative revenue, caps that
 * cannot hold the revenue, shares that miss 100%). Change it here, in one place.
 */
const CODE_FOR_KIND = {
  invalidValue: "invalidValue",
  notAvailable: "notAvailable",
  numberOutOfRange: "invalidValue",
} as const satisfies Record<TokenErrorKind, ErrorCodeName>;

/** A bad-input error for the adapter's own checks, in the core's terms. */
export const badInput = (message: string): TokenError => new TokenError("invalidValue", message);
export const outOfRange = (message: string): TokenError => new TokenError("numberOutOfRange", message);

/**
 * Any failure as the value Excel puts in the cell. Read CustomFunctions at call
 * time, not load time: the script must load where Excel's runtime is absent.
 */
export function toExcelError(e: unknown, fn: string): CustomFunctions.Error {
  if (isTokenError(e)) return new CustomFunctions.Error(CustomFunctions.ErrorCode[CODE_FOR_KIND[e.kind]], e.message);
  // A bug rather than bad input: still a value, never a throw, and said plainly.
  const detail = e instanceof Error ? e.message : String(e);
  return new CustomFunctions.Error(
    CustomFunctions.ErrorCode.invalidValue,
    `TOKEN.${fn} failed unexpectedly (${detail}). Please report it with the inputs used.`,
  );
}

/** A #VALUE! with a message, built directly (no exception object, so no stack trace to capture). */
export const invalidValueCell = (message: string): CustomFunctions.Error =>
  new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
