// Types for excelRuntime.js (shared with the plain-Node benchmark).

export type ExcelFunction = (...args: unknown[]) => unknown;

export interface StandInError {
  readonly code: string;
  readonly message?: string;
}

export interface StandInRuntime {
  readonly ErrorCode: Readonly<Record<
    "invalidValue" | "notAvailable" | "divisionByZero" | "invalidNumber" | "nullReference" | "invalidName" | "invalidReference",
    string
  >>;
  readonly Error: new (code: string, message?: string) => StandInError;
  associate(id: string, fn: ExcelFunction): void;
}

export interface MetadataParameter {
  readonly name: string;
  readonly description?: string;
  readonly type?: string;
  readonly dimensionality?: "scalar" | "matrix";
  readonly optional?: boolean;
  readonly repeating?: boolean;
}

export interface MetadataFunction {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly helpUrl?: string;
  readonly parameters: readonly MetadataParameter[];
  readonly result: { readonly type?: string; readonly dimensionality?: "scalar" | "matrix" };
}

export interface LoadedFunctions {
  readonly functions: Readonly<Record<string, ExcelFunction>>;
  readonly metadata: { readonly functions: readonly MetadataFunction[] };
  readonly CustomFunctions: StandInRuntime;
}

export declare const ErrorCode: StandInRuntime["ErrorCode"];
export declare const CustomFunctionsError: StandInRuntime["Error"];
export declare function createRuntime(): { CustomFunctions: StandInRuntime; associated: Map<string, ExcelFunction> };
export declare function loadFunctions(distDir: string): LoadedFunctions;
