/** Where a command writes; main() binds it to the process, tests may bind it to buffers. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** A bad input the user can fix (file missing, unreadable answers): exit code 1. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}
