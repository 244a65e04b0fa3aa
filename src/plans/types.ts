/**
 * A sheet plan: one plain-data description of a sheet that every writer
 * (Office.js in the pane, exceljs for .xlsx files) applies the same way.
 * Addresses are A1 references relative to the plan's own sheet; formulas
 * that reach other sheets use the names resolved in `ModelNaming`.
 * Formulas are native Excel (no TOKEN.*, no LET/LAMBDA/XLOOKUP/FILTER or
 * other dynamic-array-only functions) so the workbook recalculates in
 * Excel 2016+ and LibreOffice without the add-in.
 */

export type PlanValue = string | number | boolean | null;

/** Who a cell belongs to. "update" rewrites owned cells and keeps what the user typed into inputs. */
export type CellRole = "label" | "input" | "computed";

export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontColor?: string; // "#RRGGBB"
  readonly fill?: string; // "#RRGGBB"
  readonly fontSize?: number;
  readonly wrap?: boolean;
  readonly horizontal?: "left" | "center" | "right";
}

/**
 * A rectangle of cells written at once. `cells[r][c]` is a constant or a
 * formula (a string starting with "="). `numberFormat` is one format for the
 * block or one per cell.
 */
export interface CellBlock {
  readonly at: string; // top-left cell, e.g. "B3"
  readonly role: CellRole;
  readonly cells: readonly (readonly PlanValue[])[];
  readonly numberFormat?: string | readonly (readonly string[])[];
  readonly style?: CellStyle;
}

export interface TablePlan {
  readonly name: string; // workbook-unique table name
  readonly range: string; // "A3:C9", header row included
  readonly style?: string; // "TableStyleMedium2"
}

export interface NamePlan {
  readonly name: string; // workbook-scoped defined name
  readonly range: string; // on this sheet, e.g. "$B$3"
  readonly comment?: string;
}

export interface ValidationPlan {
  readonly range: string;
  /** A list: either literal items or a formula/range source ("=Reference!$A$2:$A$13"). */
  readonly list?: { readonly items?: readonly string[]; readonly source?: string };
  /** A number bound instead of a list. */
  readonly decimal?: { readonly min?: number; readonly max?: number };
  readonly prompt?: string;
  readonly error: string;
}

export interface ConditionalFormatPlan {
  readonly range: string;
  /** A formula relative to the range's top-left cell, e.g. "=$C5=\"undecided\"". */
  readonly formula: string;
  readonly fill?: string;
  readonly fontColor?: string;
  readonly bold?: boolean;
}

export type ChartKind = "doughnut" | "bar" | "barStacked" | "columnClustered" | "columnStacked" | "line";

export interface ChartPlan {
  readonly name: string;
  readonly kind: ChartKind;
  readonly title: string;
  /**
   * Data with headers: first row series names (seriesBy "columns"); first
   * column categories unless `categories` names them apart.
   */
  readonly dataRange: string;
  /** Category labels, one per data row, when they do not sit beside the series (then every column of dataRange is a series). */
  readonly categories?: string;
  /** Fixed value-axis bounds and format (e.g. shares 0% to 100%, scores -1 to 1); left out, the spreadsheet picks. */
  readonly valueAxis?: { readonly min?: number; readonly max?: number; readonly format?: string };
  readonly seriesBy: "columns" | "rows";
  readonly anchor: string; // top-left cell the chart sits on
  readonly widthCells: number;
  readonly heightCells: number;
}

export interface SheetPlan {
  readonly key: PlanKey;
  readonly name: string; // actual sheet name, resolved by ModelNaming
  readonly visible: boolean;
  readonly blocks: readonly CellBlock[];
  readonly columnWidths: readonly { readonly column: string; readonly width: number }[]; // width in characters
  readonly tables: readonly TablePlan[];
  readonly names: readonly NamePlan[];
  readonly validations: readonly ValidationPlan[];
  readonly conditionalFormats: readonly ConditionalFormatPlan[];
  readonly charts: readonly ChartPlan[];
  readonly freeze?: { readonly rows: number; readonly columns: number };
  /** Working rows or helper columns folded into a collapsed outline group, so the sheet reads inputs, result, check. */
  readonly groups?: readonly OutlineGroupPlan[];
  /**
   * Defined names of other sheets this sheet reads only when they exist (its
   * formulas guard them with IFERROR): building this sheet alone does not
   * pull their sheet in.
   */
  readonly optionalNames?: readonly string[];
}

/** Rows or columns (1-based, inclusive) shown collapsed under one outline level; the +/- button expands them. */
export interface OutlineGroupPlan {
  readonly by: "rows" | "columns";
  readonly from: number;
  readonly to: number;
}

export const PLAN_KEYS = ["readme", "summary", "layers", "productCore", "mechanics", "feeSplit", "checklist", "stressTest", "comparables", "reference"] as const;
export type PlanKey = (typeof PLAN_KEYS)[number];

/** Sheet and defined names actually used, so a second model never collides with the first. */
export interface ModelNaming {
  readonly sheets: Readonly<Record<PlanKey, string>>;
  /** Suffix appended to every defined and table name ("" for the first model, "_2" ...). */
  readonly suffix: string;
}

/** What the user chose when starting a model. */
export interface ModelInputs {
  readonly archetype: string; // archetype id
  readonly stage: string; // stage id
  readonly revenue: number; // monthly fee revenue
  readonly mechanics: readonly { readonly mechanic: string; readonly flow: string }[];
  /**
   * Whole percentages per stage and bucket id for the Fee Split bucket table's stage columns.
   * checkInputs fills it from the archetype's template when it is absent.
   */
  readonly stagePercents?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The token layer's inputs on the Summary sheet; defaults when absent (see TOKEN_DEFAULTS). */
  readonly token?: TokenInputs;
}

/** Token price, circulating supply, staked value and traded volume per month, for the token layer. */
export interface TokenInputs {
  readonly price: number;
  readonly circulatingSupply: number;
  readonly stakedValue: number;
  readonly tokenVolume: number;
  /** Buyback at most this share of the token's traded volume (a fraction). */
  readonly buybackMaxVolumeShare: number;
  /** Stakers' yield at most this APR on staked value (a fraction). */
  readonly stakerMaxApr: number;
}
