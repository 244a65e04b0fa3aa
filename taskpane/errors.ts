/**
 * Errors the pane shows. Excel reports failures as OfficeExtension.Error
 * with a stable `code`; the pane turns each into a sentence that says what
 * happened and what to do. Refusals found before anything is queued (a
 * protected sheet, a name already taken) are PaneErrors with the same shape.
 */
export class PaneError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "PaneError";
    this.code = code;
  }
}

export const refuse = (message: string): PaneError => new PaneError("Refused", message);

const EXCEL_MESSAGES: Readonly<Record<string, string>> = {
  AccessDenied: "Excel refused the change: a sheet or the workbook structure is protected, or the file is read-only. Unprotect it (Review > Unprotect) or save a copy, then try again.",
  InvalidOperation: "Excel refused the operation, usually because a sheet or the workbook structure is protected. Unprotect it (Review > Unprotect) and try again.",
  InvalidOperationInCellEditMode: "A cell is being edited. Press Enter or Esc in the sheet, then try again.",
  ApiNotFound: "This version of Excel lacks a feature this action needs. Update Office, or use Excel on the web.",
  NotImplemented: "This version of Excel lacks a feature this action needs. Update Office, or use Excel on the web.",
  UnsupportedFeature: "This version of Excel lacks a feature this action needs. Update Office, or use Excel on the web.",
  UnsupportedOperation: "Excel does not allow this operation here (for example in a shared or view-only workbook).",
  UnsupportedSheet: "Excel cannot change this kind of sheet (a chart sheet or a macro sheet).",
  ItemAlreadyExists: "A sheet, table or name with the same name already exists. Nothing of yours was replaced.",
  ItemNotFound: "A sheet, table or name the pane expected is gone (renamed or deleted?). Build the model again.",
  Conflict: "Someone else changed the workbook at the same time. Try again.",
  RequestAborted: "Excel was busy and dropped the request. Try again.",
  RequestPayloadSizeLimitExceeded: "Excel was sent too much data for one request (Excel on the web takes at most 5 MB). Try again with fewer sheets at a time, or in Excel desktop.",
  ResponsePayloadSizeLimitExceeded: "Excel was asked for too much data for one request (Excel on the web returns at most 5 MB). Try again on a smaller part of the workbook, or in Excel desktop.",
  GeneralException: "Excel could not finish the request. Try again; if it keeps failing, save and reopen the workbook.",
};

/** A readable sentence for anything a pane action throws. */
export function describeError(error: unknown): string {
  if (error instanceof PaneError) return error.message;
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  const known = EXCEL_MESSAGES[code];
  if (known) return known;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `Excel reported ${code}: ${message}` : message;
}
