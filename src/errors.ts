/**
 * What went wrong, in terms the functions layer maps to Excel error codes:
 * invalidValue -> #VALUE!, notAvailable -> #N/A, numberOutOfRange -> #NUM!.
 */
export type TokenErrorKind = "invalidValue" | "notAvailable" | "numberOutOfRange";

/** The one error the core throws; its message says what to fix. */
export class TokenError extends Error {
  readonly kind: TokenErrorKind;

  constructor(kind: TokenErrorKind, message: string) {
    super(message);
    this.name = "TokenError";
    this.kind = kind;
  }
}

export const invalidValue = (message: string): TokenError => new TokenError("invalidValue", message);
export const notAvailable = (message: string): TokenError => new TokenError("notAvailable", message);
export const outOfRange = (message: string): TokenError => new TokenError("numberOutOfRange", message);

export const isTokenError = (e: unknown): e is TokenError => e instanceof TokenError;

/** A value as a message quotes it: numbers as JS writes them (NaN, Infinity, which JSON would call null), the rest as JSON. */
export const shownValue = (value: unknown): string => (typeof value === "number" ? String(value) : JSON.stringify(value) ?? String(value));
