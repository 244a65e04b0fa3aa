import { nameOf, type StaticName } from "./definedNames";
import { absolute, blockRange } from "./refs";
import type {
  CellBlock, CellRole, CellStyle, ChartPlan, ConditionalFormatPlan, ModelNaming, NamePlan, OutlineGroupPlan, PlanKey, PlanValue,
  SheetPlan, TablePlan, ValidationPlan,
} from "./types";

/** Number formats every sheet shares. */
export const MONEY = "#,##0.00";
export const PERCENT = "0.0%";
export const SCORE = "0.0";
export const INTEGER = "0";

/** Looks, kept few: inputs stand out, titles are bold, helper rows are grey. */
export const STYLES = {
  title: { bold: true, fontSize: 14 },
  header: { bold: true, fill: "#D9E1F2" },
  section: { bold: true, fontSize: 12 },
  note: { italic: true, fontColor: "#595959", wrap: true },
  /** The one-line note under a title: it runs on over the empty row instead of wrapping in column A. */
  intro: { italic: true, fontColor: "#595959" },
  input: { fill: "#FFF2CC" },
  result: { bold: true },
  working: { fontColor: "#7F7F7F" },
} as const satisfies Readonly<Record<string, CellStyle>>;

type Rows = readonly (readonly PlanValue[])[];

/**
 * Collects one sheet's blocks, names and rules, then hands back a plain,
 * frozen SheetPlan. Builders stay declarative: place cells, name them, done.
 */
export class PlanDraft {
  private readonly blocks: CellBlock[] = [];
  private readonly widths: { column: string; width: number }[] = [];
  private readonly tables: TablePlan[] = [];
  private readonly names: NamePlan[] = [];
  private readonly validations: ValidationPlan[] = [];
  private readonly formats: ConditionalFormatPlan[] = [];
  private readonly charts: ChartPlan[] = [];
  private freeze: { rows: number; columns: number } | undefined;
  private readonly groups: OutlineGroupPlan[] = [];
  private readonly optional: string[] = [];

  constructor(
    readonly key: PlanKey,
    readonly naming: ModelNaming,
    private readonly visible = true,
  ) {}

  get sheet(): string {
    return this.naming.sheets[this.key];
  }

  /** The suffixed defined name for a base. */
  name(base: StaticName | string): string {
    return nameOf(this.naming, base);
  }

  /** Places a rectangle of cells; returns its range. */
  block(at: string, role: CellRole, cells: Rows, options: { numberFormat?: CellBlock["numberFormat"]; style?: CellStyle } = {}): string {
    const width = cells[0]?.length ?? 0;
    if (cells.length === 0 || width === 0) throw new RangeError(`An empty block at ${at} on ${this.key}.`);
    if (cells.some((r) => r.length !== width)) throw new RangeError(`The block at ${at} on ${this.key} has rows of different lengths.`);
    this.blocks.push({ at, role, cells, ...options });
    return blockRange(at, cells.length, width);
  }

  label(at: string, cells: Rows, style?: CellStyle): string {
    return this.block(at, "label", cells, style ? { style } : {});
  }

  input(at: string, cells: Rows, numberFormat?: CellBlock["numberFormat"]): string {
    return this.block(at, "input", cells, { style: STYLES.input, ...(numberFormat ? { numberFormat } : {}) });
  }

  computed(at: string, cells: Rows, numberFormat?: CellBlock["numberFormat"], style?: CellStyle): string {
    return this.block(at, "computed", cells, { ...(numberFormat ? { numberFormat } : {}), ...(style ? { style } : {}) });
  }

  /** Defines a workbook-scoped name (suffix added) for a range on this sheet, given without "$". */
  define(base: StaticName | string, range: string, comment?: string): string {
    const name = this.name(base);
    this.names.push({ name, range: absolute(range), ...(comment ? { comment } : {}) });
    return name;
  }

  table(base: StaticName, range: string, style = "TableStyleMedium2"): void {
    this.tables.push({ name: this.name(base), range, style });
  }

  width(column: string, width: number): void {
    this.widths.push({ column, width });
  }

  validate(rule: ValidationPlan): void {
    this.validations.push(rule);
  }

  /** A dropdown fed by a Reference list. */
  dropdown(range: string, list: StaticName, prompt: string, error: string): void {
    this.validate({ range, list: { source: `=${this.name(list)}` }, prompt, error });
  }

  highlight(rule: ConditionalFormatPlan): void {
    this.formats.push(rule);
  }

  chart(chart: ChartPlan): void {
    this.charts.push(chart);
  }

  /** Folds rows or columns (1-based, inclusive) into a collapsed outline group: helpers stay one click away, out of the reading path. */
  group(by: OutlineGroupPlan["by"], from: number, to: number): void {
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from) throw new RangeError(`A group of ${by} ${from} to ${to} on ${this.key} is not a range.`);
    this.groups.push({ by, from, to });
  }

  freezeAt(rows: number, columns: number): void {
    this.freeze = { rows, columns };
  }

  /** The suffixed name of another sheet's defined name this sheet reads only when it exists (guard it with IFERROR). */
  optionalName(base: string): string {
    const name = this.name(base);
    if (!this.optional.includes(name)) this.optional.push(name);
    return name;
  }

  build(): SheetPlan {
    const plan: SheetPlan = {
      key: this.key,
      name: this.sheet,
      visible: this.visible,
      blocks: this.blocks,
      columnWidths: this.widths,
      tables: this.tables,
      names: this.names,
      validations: this.validations,
      conditionalFormats: this.formats,
      charts: this.charts,
      ...(this.freeze ? { freeze: this.freeze } : {}),
      ...(this.groups.length > 0 ? { groups: this.groups } : {}),
      ...(this.optional.length > 0 ? { optionalNames: this.optional } : {}),
    };
    return deepFreeze(plan);
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** A column of single cells: ["a", "b"] -> [["a"], ["b"]]. */
export const column = (values: readonly PlanValue[]): PlanValue[][] => values.map((v) => [v]);
