/**
 * Which parts of the Excel JavaScript API this Excel offers, read once from
 * Office's requirement sets. Writers take this plain object, so tests (and
 * older Excels) can switch a feature off and see the pane degrade.
 */
export interface ApiSupport {
  /** 1.2: column widths, sheet visibility, sheet protection state. */
  readonly formatting: boolean;
  /** 1.4: workbook.names.add, getItemOrNullObject, getUsedRangeOrNullObject. */
  readonly names: boolean;
  /** 1.6: conditional formats. */
  readonly conditionalFormats: boolean;
  /** 1.7: worksheet.onChanged, freeze panes, workbook protection state. */
  readonly events: boolean;
  /** 1.8: data validation. */
  readonly dataValidation: boolean;
  /** 1.9: application.suspendScreenUpdatingUntilNextSync. */
  readonly suspendScreenUpdating: boolean;
  /** 1.10: outline groups (Range.group, hideGroupDetails). */
  readonly outline: boolean;
  /** 1.12: Range.getSpillingToRangeOrNullObject (dynamic-array spills). */
  readonly spills: boolean;
}

export type IsSetSupported = (name: string, version: string) => boolean;

/** The requirement set each feature needs, for messages and the README. */
export const REQUIRED_SET: Readonly<Record<keyof ApiSupport, string>> = {
  formatting: "1.2",
  names: "1.4",
  conditionalFormats: "1.6",
  events: "1.7",
  dataValidation: "1.8",
  suspendScreenUpdating: "1.9",
  outline: "1.10",
  spills: "1.12",
};

export const ALL_SUPPORTED: ApiSupport = {
  formatting: true, names: true, conditionalFormats: true, events: true, dataValidation: true, suspendScreenUpdating: true, outline: true, spills: true,
};

export function detectSupport(isSetSupported: IsSetSupported): ApiSupport {
  const has = (feature: keyof ApiSupport): boolean => isSetSupported("ExcelApi", REQUIRED_SET[feature]);
  return {
    formatting: has("formatting"),
    names: has("names"),
    conditionalFormats: has("conditionalFormats"),
    events: has("events"),
    dataValidation: has("dataValidation"),
    suspendScreenUpdating: has("suspendScreenUpdating"),
    outline: has("outline"),
    spills: has("spills"),
  };
}

/** What this Excel offers; everything off when Office's requirement API is missing. */
export function officeSupport(): ApiSupport {
  const requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
  return detectSupport((name, version) => requirements?.isSetSupported(name, version) ?? false);
}
