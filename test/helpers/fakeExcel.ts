/* eslint-disable @typescript-eslint/no-explicit-any */
import { cellAddress, columnNumber, parseCell, parseRange, rangeAddress, type RangeRef } from "../../src/export/address";

/**
 * A strict Excel for the pane's tests: the same simulator runs in Node
 * (Jest) and, bundled, inside the browser page (test/fixtures/strictExcelPage.ts).
 * It holds no Node or DOM code.
 *
 * What it enforces, as Excel does (Excel JavaScript API documentation):
 * - Proxies: reading a property that was not load()ed and then synced throws
 *   PropertyNotLoaded; a collection's items carry only the fields the load
 *   string named ("items/name" gives a name and nothing else); a null
 *   object's isNullObject is readable only after a sync.
 * - Batches: commands queue and run at context.sync(), in order; the first
 *   failing command fails the sync and what ran before it stays (no
 *   rollback). Excel.run syncs what is still queued when its batch returns.
 * - Requirement sets: every API checks the ExcelApi version it needs (from
 *   the `[Api set: ExcelApi 1.x]` notes in @types/office-js) against the
 *   level the test declares (`apiLevel`); a newer API fails the sync with
 *   ApiNotFound, and Office.context.requirements answers for that level.
 * - Semantics: tables.add(range, hasHeaders) (false inserts a generated
 *   header row and shifts the data down a row), conditionalFormats.add(type)
 *   (only a Custom format has .custom), names.add (valid, unused names),
 *   data validation (one rule type, operators, Excel's text limits), number
 *   formats (one string per cell), protection (writes to a protected sheet
 *   fail with AccessDenied), charts (known types, seriesBy, positions,
 *   category ranges, value axes), outline groups (whole rows or columns
 *   only, grouped the way they run), hidden rows and columns.
 * - Limits: a request or response over 5 MB fails, as on Excel on the web.
 * - Cell edit mode: `startEditing()` makes every sync fail with
 *   InvalidOperationInCellEditMode unless the run asked for
 *   delayForCellEdit, which waits until `stopEditing()`.
 *
 * The state (sheets, cells, names, tables, ...) is plain data tests read
 * directly; the code under test is the real pane code.
 */

export interface FakeCell {
  /** A formula ("=...") or a constant. */
  formula: unknown;
  /** The value Excel shows; for constants the constant itself when left out. */
  value?: unknown;
  numberFormat?: string;
}

export interface FakeSheetState {
  name: string;
  cells: Map<string, FakeCell>;
  protected: boolean;
  visibility: string;
  tables: { name: string; address: string; style?: string }[];
  charts: {
    type: string; source: string; seriesBy: string; name?: string; title?: string; position?: [string, string?];
    categories?: string; valueAxis?: { minimum?: number; maximum?: number; numberFormat?: string };
  }[];
  /** Outline groups (Range.group), and whether hideGroupDetails collapsed them. */
  groups: { address: string; by: string; collapsed: boolean }[];
  /** Whole rows or columns hidden through rowHidden / columnHidden. */
  hidden: string[];
  conditionalFormats: { address: string; type?: string; formula?: string; fill?: string; fontColor?: string; bold?: boolean }[];
  validations: { address: string; rule: any; errorAlert?: any; prompt?: any }[];
  freeze?: { rows?: number; columns?: number; at?: string };
  columnWidths: Map<string, number>;
  styles: { address: string; format: Record<string, unknown> }[];
  /** Spill ranges of formula cells: anchor ("B2") -> "B2:E2". */
  spills: Map<string, string>;
  handlers: ((event: { address: string }) => Promise<void>)[];
  activated: number;
}

/** ExcelApi levels the pane's tests run at (and any other "1.x"). */
export type ApiLevel = `1.${number}`;

export interface FakeExcelOptions {
  readonly sheets?: readonly { name: string; cells?: Record<string, unknown | FakeCell>; protected?: boolean; spills?: Record<string, string> }[];
  readonly names?: readonly { name: string; ref: string }[];
  readonly structureProtected?: boolean;
  /** The ExcelApi requirement set this Excel supports (default 1.12). */
  readonly apiLevel?: ApiLevel;
  /** Request and response limit in bytes (Excel on the web: 5 MB). */
  readonly payloadLimit?: number;
}

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

const isErrorValue = (v: unknown): boolean => typeof v === "string" && /^#(N\/A|[A-Z0-9/]+[!?]|BUSY!)$/.test(v);

const newSheet = (name: string): FakeSheetState => ({
  name, cells: new Map(), protected: false, visibility: "Visible", tables: [], charts: [], groups: [], hidden: [], conditionalFormats: [],
  validations: [], columnWidths: new Map(), styles: [], spills: new Map(), handlers: [], activated: 0,
});

const fold = (s: string): string => s.toLowerCase();
const minor = (level: string): number => Number(level.split(".")[1] ?? 0);

/** An error as Office.js raises it (OfficeExtension.Error has a code). */
export const excelError = (code: string, message: string): Error => Object.assign(new Error(message), { name: "RichApi.Error", code });

const notLoaded = (what: string): Error =>
  excelError("PropertyNotLoaded", `The property '${what}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);

/** A cell's displayed value: the given value, the constant, or 0 for a formula without one. */
const valueOf = (c: FakeCell | undefined): unknown =>
  c === undefined ? "" : c.value !== undefined ? c.value : typeof c.formula === "string" && c.formula.startsWith("=") ? 0 : c.formula ?? "";

const valueType = (v: unknown): string =>
  v === "" ? "Empty" : isErrorValue(v) ? "Error" : typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";

/** Excel's defined-name rules: starts with a letter, _ or \, no spaces, not a cell reference, at most 255 characters. */
export function validName(name: string): boolean {
  if (name.length === 0 || name.length > 255 || !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return false;
  const cell = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (cell && columnNumber(cell[1]!) <= 16384 && Number(cell[2]) <= 1048576) return false;
  return !/^[RrCc]$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
}

const CHART_TYPES = new Set(["Doughnut", "BarClustered", "BarStacked", "ColumnClustered", "ColumnStacked", "Line", "LineMarkers", "Pie", "Area", "XYScatter"]);
const CF_TYPES = new Set(["Custom", "DataBar", "ColorScale", "IconSet", "TopBottom", "PresetCriteria", "ContainsText", "CellValue"]);
const OPERATORS = new Set(["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqualTo", "LessThanOrEqualTo"]);

interface Op { readonly run: () => void; readonly bytes: number }

/** One request context: the queue of one Excel.run. */
class Ctx {
  queue: Op[] = [];
  /** Objects whose loads fill in at the next sync. */
  after: (() => void)[] = [];
  readonly workbook: any;
  constructor(readonly fake: FakeExcel, readonly delayForCellEdit: boolean) {
    this.workbook = new Workbook(this);
  }
  enqueue(run: () => void, payload: unknown = null): void {
    this.queue.push({ run, bytes: 64 + (payload === null ? 0 : JSON.stringify(payload)?.length ?? 0) });
  }
  /** An API the level lacks fails its sync, like Excel's ApiNotFound. */
  need(level: string, api: string): void {
    this.fake.used.add(`${api} (ExcelApi ${level})`);
    if (minor(level) > minor(this.fake.apiLevel)) {
      this.enqueue(() => { throw excelError("ApiNotFound", `${api} needs ExcelApi ${level}; this Excel supports ${this.fake.apiLevel}.`); });
    }
  }
  /** Registers a read: at its place in the queue it copies what it reads; readable after the sync. */
  read(produce: () => unknown, store: (v: unknown) => void): void {
    let value: unknown;
    this.enqueue(() => {
      value = produce();
      this.responseBytes += JSON.stringify(value)?.length ?? 0;
    });
    this.after.push(() => store(value));
  }
  responseBytes = 0;
  async sync(): Promise<void> {
    const fake = this.fake;
    fake.syncs += 1;
    fake.currentRun.syncs += 1;
    fake.beforeSync?.(fake.syncs);
    if (fake.editing) {
      if (!this.delayForCellEdit) {
        this.queue = [];
        this.after = [];
        throw excelError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.");
      }
      fake.delayedSyncs += 1;
      await fake.editEnded;
    }
    await Promise.resolve();
    const queue = this.queue;
    const after = this.after;
    this.queue = [];
    this.after = [];
    const request = queue.reduce((n, op) => n + op.bytes, 0);
    fake.requestSizes.push(request);
    if (request > fake.payloadLimit) {
      throw excelError("RequestPayloadSizeLimitExceeded", `The request payload size (${request} bytes) has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".`);
    }
    this.responseBytes = 0;
    const fail = fake.failAt?.sync === fake.syncs ? fake.failAt : undefined;
    queue.forEach((op, i) => {
      if (fail && i === fail.command) throw excelError(fail.code, `Simulated failure ${fail.code}`);
      op.run();
    });
    if (this.responseBytes > fake.payloadLimit) {
      throw excelError("ResponsePayloadSizeLimitExceeded", `The response payload size (${this.responseBytes} bytes) has exceeded the limit.`);
    }
    after.forEach((f) => f());
    fake.synced += 1;
  }
}

/** Base of every proxy: properties become readable when loaded and synced. */
class ClientObject {
  protected readonly loaded = new Map<string, unknown>();
  constructor(readonly ctx: Ctx) {}
  protected value(prop: string): unknown {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop);
  }
  /** What a property holds in the workbook now (at its place in the queue). */
  protected current(_prop: string): unknown {
    throw excelError("InvalidArgument", `Cannot load '${_prop}'.`);
  }
  protected loadable(): readonly string[] { return []; }
  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? "").split(",")).map((p) => p.trim()).filter((p) => p !== "");
    for (const prop of list.length > 0 ? list : this.loadable()) {
      this.ctx.read(() => this.current(prop), (v) => this.loaded.set(prop, v));
    }
    return this;
  }
  /** Office.js keeps a value set on a proxy readable. */
  protected keep(prop: string, v: unknown): void { this.loaded.set(prop, v); }
  toJSON(): unknown { return Object.fromEntries(this.loaded); }
}

/** A proxy that may stand for nothing (…OrNullObject): isNullObject is known only after a sync. */
class Nullable extends ClientObject {
  private known: boolean | undefined;
  constructor(ctx: Ctx, private readonly exists: () => boolean) {
    super(ctx);
    ctx.read(exists, (v) => { this.known = !(v as boolean); });
  }
  /** A null object's loads succeed and give nothing. */
  protected override current(prop: string): unknown {
    return this.exists() ? this.existing(prop) : null;
  }
  protected existing(prop: string): unknown {
    throw excelError("InvalidArgument", `Cannot load '${prop}'.`);
  }
  get isNullObject(): boolean {
    if (this.known === undefined) throw notLoaded("isNullObject");
    return this.known;
  }
}

class Workbook {
  readonly worksheets: WorksheetCollection;
  readonly names: NamedItemCollection;
  readonly tables: TableCollection;
  readonly application: any;
  constructor(private readonly ctx: Ctx) {
    this.worksheets = new WorksheetCollection(ctx);
    this.names = new NamedItemCollection(ctx);
    this.tables = new TableCollection(ctx);
    this.application = {
      suspendScreenUpdatingUntilNextSync: () => {
        ctx.need("1.9", "Application.suspendScreenUpdatingUntilNextSync");
        ctx.enqueue(() => { ctx.fake.screenUpdatingSuspended += 1; });
      },
    };
  }
  get protection(): WorkbookProtection {
    this.ctx.need("1.7", "Workbook.protection");
    return new WorkbookProtection(this.ctx);
  }
}

class WorkbookProtection extends ClientObject {
  protected override loadable(): string[] { return ["protected"]; }
  protected override current(prop: string): unknown {
    if (prop !== "protected") return super.current(prop);
    return this.ctx.fake.structureProtected;
  }
  get protected(): boolean { return this.value("protected") as boolean; }
}

/**
 * A collection loaded with "items/a,items/b/c": each item is a snapshot that
 * answers only the paths named; anything else throws PropertyNotLoaded.
 */
abstract class Collection<T> extends ClientObject {
  private snapshot: T[] | undefined;
  protected abstract itemsNow(paths: readonly string[]): T[];
  override load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? "").split(",")).map((p) => p.trim()).filter((p) => p !== "");
    const paths = list.map((p) => p.replace(/^items\//, ""));
    this.checkPaths(paths);
    let items: T[] = [];
    this.ctx.enqueue(() => { items = this.itemsNow(paths); });
    this.ctx.after.push(() => { this.snapshot = items; });
    return this;
  }
  protected checkPaths(_paths: readonly string[]): void { /* per collection */ }
  get items(): T[] {
    if (!this.snapshot) throw notLoaded("items");
    return this.snapshot;
  }
}

/** A plain object whose listed fields are readable; any other throws PropertyNotLoaded. */
function strictItem<T extends object>(fields: Record<string, unknown>, methods: Record<string, unknown> | object = {}): T {
  return new Proxy({} as T, {
    get(_target, prop) {
      if (typeof prop !== "string") return undefined;
      if (prop in fields) return fields[prop];
      const method = (methods as any)[prop];
      if (typeof method === "function") return method.bind(methods);
      if (prop === "then" || prop === "toJSON") return undefined;
      throw notLoaded(prop);
    },
  });
}

class WorksheetCollection extends Collection<any> {
  protected override checkPaths(paths: readonly string[]): void {
    for (const p of paths) {
      if (p.startsWith("protection")) this.ctx.need("1.2", "Worksheet.protection");
      if (p.startsWith("charts/") && this.ctx.fake.nestedLoadsFail) {
        this.ctx.enqueue(() => { throw excelError("InvalidArgument", `Cannot load items/${p}`); });
      }
    }
  }
  protected itemsNow(paths: readonly string[]): any[] {
    const has = (p: string): boolean => paths.includes(p);
    return this.ctx.fake.sheets.map((s) => {
      const fields: Record<string, unknown> = {};
      if (has("name")) fields.name = s.name;
      if (has("visibility")) fields.visibility = s.visibility;
      if (has("protection/protected")) fields.protection = strictItem({ protected: s.protected });
      else if (paths.some((p) => p.startsWith("protection"))) fields.protection = strictItem({});
      if (has("charts/items/name")) fields.charts = strictItem({ items: s.charts.map((c) => strictItem({ name: c.name ?? "" })) });
      return strictItem(fields, new Worksheet(this.ctx, s.name));
    });
  }
  add(name: string): Worksheet {
    const fake = this.ctx.fake;
    this.ctx.enqueue(() => {
      if (fake.structureProtected) throw excelError("AccessDenied", "The workbook structure is protected.");
      if (fake.sheet(name)) throw excelError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
      if (name.length > 31 || /[\\/?*[\]:]/.test(name)) throw excelError("InvalidArgument", `"${name}" is not a valid sheet name.`);
      fake.sheets.push(newSheet(name));
    });
    return new Worksheet(this.ctx, name);
  }
  getItem(name: string): Worksheet {
    return new Worksheet(this.ctx, name);
  }
  getItemOrNullObject(name: string): any {
    this.ctx.need("1.4", "WorksheetCollection.getItemOrNullObject");
    const fake = this.ctx.fake;
    if (!fake.sheet(name)) {
      fake.nullLookups += 1;
      return new NullWorksheet(this.ctx, name);
    }
    return new Worksheet(this.ctx, name);
  }
}

/** What a missing sheet's getItemOrNullObject gives: a null object; ranges from it are null objects too. */
class NullWorksheet extends Nullable {
  constructor(ctx: Ctx, private readonly name: string) { super(ctx, () => false); }
  getUsedRangeOrNullObject(): any {
    return new Nullable(this.ctx, () => false);
  }
  getRange(): any {
    const ctx = this.ctx;
    const fake = ctx.fake;
    const nul: any = new Nullable(ctx, () => false);
    nul.load = () => {
      if (fake.nullObjectReadsFail) ctx.enqueue(() => { throw excelError("ItemNotFound", `No sheet ${this.name}`); });
      return nul;
    };
    Object.defineProperty(nul, "values", { get: () => { if (nul.isNullObject) return null; throw notLoaded("values"); } });
    return nul;
  }
}

class NamedItemCollection extends Collection<any> {
  protected itemsNow(paths: readonly string[]): any[] {
    const ctx = this.ctx;
    return [...ctx.fake.names.values()].map((n) => {
      const fields: Record<string, unknown> = {};
      if (paths.includes("name")) fields.name = n.name;
      if (paths.includes("type")) fields.type = "Range";
      if (paths.includes("value")) fields.value = n.ref;
      return strictItem(fields, {
        delete: () => {
          ctx.need("1.4", "NamedItem.delete");
          ctx.enqueue(() => { ctx.fake.names.delete(fold(n.name)); });
        },
      });
    });
  }
  add(name: string, reference: Range | string, comment?: string): void {
    const ctx = this.ctx;
    ctx.need("1.4", "NamedItemCollection.add");
    ctx.enqueue(() => {
      const fake = ctx.fake;
      if (!validName(name)) throw excelError("InvalidArgument", `"${name}" is not a valid name.`);
      if (fake.names.has(fold(name)) || fake.tableNamed(name)) throw excelError("ItemAlreadyExists", `The name ${name} already exists.`);
      if (comment !== undefined && comment.length > 255) throw excelError("InvalidArgument", "A name's comment holds at most 255 characters.");
      const ref = typeof reference === "string" ? reference : reference.qualified;
      if (typeof reference !== "string") fake.live(reference.sheetName);
      fake.names.set(fold(name), { name, ref });
    }, [name, comment ?? ""]);
  }
}

class TableCollection extends Collection<any> {
  protected itemsNow(paths: readonly string[]): any[] {
    return this.ctx.fake.sheets.flatMap((s) => s.tables.map((t) => strictItem(paths.includes("name") ? { name: t.name } : {})));
  }
}

class Worksheet {
  constructor(readonly ctx: Ctx, readonly name: string) {}
  private state(): FakeSheetState { return this.ctx.fake.live(this.name); }

  get protection(): any {
    this.ctx.need("1.2", "Worksheet.protection");
    const ctx = this.ctx;
    const state = (): FakeSheetState => this.state();
    return new (class extends ClientObject {
      protected override loadable(): string[] { return ["protected"]; }
      protected override current(prop: string): unknown { return prop === "protected" ? state().protected : super.current(prop); }
      get protected(): boolean { return this.value("protected") as boolean; }
    })(ctx);
  }

  set visibility(value: string) {
    this.ctx.need("1.2", "Worksheet.visibility (set)");
    this.ctx.enqueue(() => {
      if (!["Visible", "Hidden", "VeryHidden"].includes(value)) throw excelError("InvalidArgument", `Visibility ${value}`);
      this.state().visibility = value;
    });
  }

  activate(): void {
    this.ctx.enqueue(() => {
      const s = this.state();
      if (s.visibility !== "Visible") throw excelError("InvalidOperation", "A hidden sheet cannot be activated.");
      s.activated += 1;
    });
  }

  delete(): void {
    const fake = this.ctx.fake;
    this.ctx.enqueue(() => {
      const i = fake.sheets.findIndex((s) => fold(s.name) === fold(this.name));
      if (i < 0) throw excelError("ItemNotFound", `No sheet ${this.name}`);
      if (fake.structureProtected) throw excelError("AccessDenied", "The workbook structure is protected.");
      fake.sheets.splice(i, 1);
      // Names pointing at a deleted sheet stay, as #REF! in Excel; the rollback deletes its own first.
    });
  }

  getRange(address: string): Range {
    return new Range(this.ctx, this.name, address);
  }

  getUsedRangeOrNullObject(): any {
    this.ctx.need("1.4", "Worksheet.getUsedRangeOrNullObject");
    const ctx = this.ctx;
    const name = this.name;
    // Worked out when the request runs, like every read.
    const used = (): RangeRef | undefined => {
      const s = ctx.fake.sheet(name);
      const refs = s ? [...s.cells.entries()].filter(([, c]) => c.formula !== "" && c.formula !== null && c.formula !== undefined).map(([a]) => parseCell(a)) : [];
      if (refs.length === 0) return undefined;
      return {
        top: Math.min(...refs.map((x) => x.row)), left: Math.min(...refs.map((x) => x.col)),
        bottom: Math.max(...refs.map((x) => x.row)), right: Math.max(...refs.map((x) => x.col)),
      };
    };
    return new (class extends Nullable {
      protected override existing(prop: string): unknown { return new Range(ctx, name, rangeAddress(used()!)).readNow(prop); }
      get address(): string { return this.value("address") as string; }
      get formulas(): unknown[][] { return this.value("formulas") as unknown[][]; }
      get values(): unknown[][] { return this.value("values") as unknown[][]; }
      get valueTypes(): unknown[][] { return this.value("valueTypes") as unknown[][]; }
    })(ctx, () => used() !== undefined);
  }

  get tables(): any {
    const ctx = this.ctx;
    return {
      add: (address: string, hasHeaders: boolean) => {
        const local = address.slice(address.lastIndexOf("!") + 1);
        const sheetPart = address.includes("!") ? address.slice(0, address.lastIndexOf("!")).replace(/^'|'$/g, "").replace(/''/g, "'") : this.name;
        const table = new Table(ctx);
        ctx.enqueue(() => {
          if (fold(sheetPart) !== fold(this.name)) throw excelError("InvalidArgument", `${address} is not on ${this.name}`);
          table.state = ctx.fake.addTable(this.state(), parseRange(local), hasHeaders);
        });
        return table;
      },
    };
  }

  get charts(): any {
    const ctx = this.ctx;
    return {
      add: (type: string, source: Range, seriesBy = "Auto") => {
        const chart = new Chart(ctx);
        ctx.enqueue(() => {
          const s = this.state();
          if (!CHART_TYPES.has(type)) throw excelError("InvalidArgument", `Unknown chart type ${type}`);
          if (!["Auto", "Columns", "Rows"].includes(seriesBy)) throw excelError("InvalidArgument", `seriesBy ${seriesBy}`);
          if (!(source instanceof Range)) throw excelError("InvalidArgument", "A chart's source must be a Range.");
          ctx.fake.live(source.sheetName);
          const entry: FakeSheetState["charts"][number] = { type, source: source.qualified, seriesBy };
          s.charts.push(entry);
          chart.entry = entry;
        });
        return chart;
      },
    };
  }

  get freezePanes(): any {
    this.ctx.need("1.7", "Worksheet.freezePanes");
    const ctx = this.ctx;
    const count = (n: number): void => { if (!Number.isInteger(n) || n < 0) throw excelError("InvalidArgument", `freeze ${n}`); };
    return {
      freezeRows: (rows: number) => ctx.enqueue(() => { count(rows); this.state().freeze = { rows }; }),
      freezeColumns: (columns: number) => ctx.enqueue(() => { count(columns); this.state().freeze = { columns }; }),
      freezeAt: (at: string) => ctx.enqueue(() => { parseRange(at); this.state().freeze = { at }; }),
    };
  }

  get onChanged(): any {
    this.ctx.need("1.7", "Worksheet.onChanged");
    const ctx = this.ctx;
    return {
      add: (handler: (event: { address: string }) => Promise<void>) => {
        ctx.enqueue(() => { this.state().handlers.push(handler); });
        return {
          context: ctx,
          remove: () => ctx.enqueue(() => {
            const hs = ctx.fake.sheet(this.name)?.handlers;
            if (hs && hs.includes(handler)) hs.splice(hs.indexOf(handler), 1);
          }),
        };
      },
    };
  }
}

class Table {
  state: FakeSheetState["tables"][number] | undefined;
  constructor(private readonly ctx: Ctx) {}
  set name(value: string) {
    const fake = this.ctx.fake;
    this.ctx.enqueue(() => {
      if (!validName(value)) throw excelError("InvalidArgument", `"${value}" is not a valid table name.`);
      if (fake.names.has(fold(value)) || (fake.tableNamed(value) && fake.tableNamed(value) !== this.state)) throw excelError("ItemAlreadyExists", `The name ${value} already exists.`);
      this.state!.name = value;
    });
  }
  set style(value: string) {
    this.ctx.enqueue(() => { this.state!.style = value; });
  }
}

class Chart {
  entry: FakeSheetState["charts"][number] | undefined;
  readonly title: any;
  readonly axes: any;
  constructor(private readonly ctx: Ctx) {
    const chart = this;
    this.title = {
      set text(v: string) { ctx.enqueue(() => { chart.entry!.title = v; }); },
    };
    const axis = (key: "minimum" | "maximum" | "numberFormat", level: string, check: (v: unknown) => boolean) => ({
      set(v: unknown) {
        ctx.need(level, `ChartAxis.${key}`);
        ctx.enqueue(() => {
          if (!check(v)) throw excelError("InvalidArgument", `${key} = ${String(v)}`);
          chart.entry!.valueAxis = { ...chart.entry!.valueAxis, [key]: v };
        });
      },
    });
    const valueAxis = {};
    Object.defineProperty(valueAxis, "minimum", axis("minimum", "1.1", (v) => typeof v === "number" && Number.isFinite(v)));
    Object.defineProperty(valueAxis, "maximum", axis("maximum", "1.1", (v) => typeof v === "number" && Number.isFinite(v)));
    Object.defineProperty(valueAxis, "numberFormat", axis("numberFormat", "1.8", (v) => typeof v === "string"));
    this.axes = {
      valueAxis,
      categoryAxis: {
        setCategoryNames: (source: unknown) => {
          ctx.need("1.7", "ChartAxis.setCategoryNames");
          ctx.enqueue(() => {
            if (!(source instanceof Range)) throw excelError("InvalidArgument", "Category names come from a Range.");
            ctx.fake.live(source.sheetName);
            chart.entry!.categories = source.qualified;
          });
        },
      },
    };
  }
  set name(value: string) { this.ctx.enqueue(() => { this.entry!.name = value; }); }
  setPosition(start: string, end?: string): void {
    this.ctx.enqueue(() => {
      parseCell(start);
      if (end !== undefined) parseCell(end);
      this.entry!.position = [start, end];
    });
  }
}

const ALIGN = new Set(["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"]);
const VALIGN = new Set(["Top", "Center", "Bottom", "Justify", "Distributed"]);

class Range extends ClientObject {
  readonly ref: RangeRef | undefined;
  readonly whole: boolean;
  readonly format: any;
  private nullable: boolean;
  constructor(ctx: Ctx, readonly sheetName: string, readonly local: string, nullable = false) {
    super(ctx);
    this.nullable = nullable;
    this.whole = /^\$?[A-Z]+:\$?[A-Z]+$/i.test(local) || /^\$?\d+:\$?\d+$/.test(local);
    let ref: RangeRef | undefined;
    try {
      ref = this.whole ? undefined : parseRange(local);
    } catch {
      ctx.enqueue(() => { throw excelError("InvalidArgument", `"${local}" is not a valid address.`); });
    }
    this.ref = ref;
    if (nullable) ctx.read(() => true, () => { this.known = true; });
    const range = this;
    const styled = (key: string, check?: (v: any) => boolean) => ({
      set(v: any) {
        ctx.enqueue(() => {
          if (check && !check(v)) throw excelError("InvalidArgument", `${key} = ${String(v)}`);
          range.writeStyle(key, v);
        }, v);
      },
    });
    const font = {};
    for (const k of ["bold", "italic", "color", "size"]) Object.defineProperty(font, k, styled(`font.${k}`));
    const fill = {};
    Object.defineProperty(fill, "color", styled("fill.color"));
    this.format = { font, fill };
    Object.defineProperty(this.format, "wrapText", styled("wrapText", (v) => typeof v === "boolean"));
    Object.defineProperty(this.format, "horizontalAlignment", styled("horizontalAlignment", (v) => ALIGN.has(v)));
    Object.defineProperty(this.format, "verticalAlignment", styled("verticalAlignment", (v) => VALIGN.has(v)));
    for (const [key, entire] of [["rowHidden", /^\$?\d+:\$?\d+$/], ["columnHidden", /^\$?[A-Z]+:\$?[A-Z]+$/i]] as const) {
      Object.defineProperty(this, key, {
        set(v: boolean) {
          ctx.need("1.2", `Range.${key}`);
          ctx.enqueue(() => {
            if (typeof v !== "boolean") throw excelError("InvalidArgument", `${key} = ${String(v)}`);
            const sheet = ctx.fake.live(sheetName);
            ctx.fake.guard(sheet);
            // The test model hides whole rows or columns only, as the pane does.
            if (!entire.test(local)) throw excelError("InvalidArgument", `${key} on ${local}: the fake hides whole ${key === "rowHidden" ? "rows" : "columns"} only`);
            if (v && !sheet.hidden.includes(local)) sheet.hidden.push(local);
            if (!v && sheet.hidden.includes(local)) sheet.hidden.splice(sheet.hidden.indexOf(local), 1);
          });
        },
      });
    }
    Object.defineProperty(this.format, "columnWidth", {
      set(v: number) {
        ctx.need("1.2", "RangeFormat.columnWidth");
        ctx.enqueue(() => {
          if (typeof v !== "number" || !(v >= 0)) throw excelError("InvalidArgument", `columnWidth ${v}`);
          const sheet = ctx.fake.live(sheetName);
          ctx.fake.guard(sheet);
          sheet.columnWidths.set(local.split(":")[0]!.replace(/\$/g, ""), v);
        });
      },
    });
  }
  private known: boolean | undefined;
  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (this.known === undefined) throw notLoaded("isNullObject");
    return false;
  }
  get qualified(): string { return `'${this.sheetName.replace(/'/g, "''")}'!${this.local}`; }

  protected override loadable(): string[] { return ["address", "formulas", "values", "valueTypes", "numberFormat", "rowCount", "columnCount"]; }

  /** @internal what a load of `prop` gives at this point of the request. */
  readNow(prop: string): unknown { return this.current(prop); }

  protected override current(prop: string): unknown {
    const sheet = this.ctx.fake.live(this.sheetName);
    const at = (a: string): FakeCell | undefined => sheet.cells.get(a);
    const ref = this.ref;
    if (!ref) throw excelError("InvalidArgument", `Cannot read ${prop} of a whole-column range`);
    switch (prop) {
      case "address": return this.qualified;
      case "formulas": return grid(ref, (a) => at(a)?.formula ?? "");
      case "values": return grid(ref, (a) => valueOf(at(a)));
      case "valueTypes": return grid(ref, (a) => valueType(valueOf(at(a))));
      case "numberFormat": return grid(ref, (a) => at(a)?.numberFormat ?? "General");
      case "rowCount": return ref.bottom - ref.top + 1;
      case "columnCount": return ref.right - ref.left + 1;
      default: return super.current(prop);
    }
  }

  get address(): string { return this.value("address") as string; }
  get formulas(): unknown[][] { return this.value("formulas") as unknown[][]; }
  set formulas(data: unknown[][]) { this.write("formulas", data); }
  get values(): unknown[][] { return this.value("values") as unknown[][]; }
  set values(data: unknown[][]) { this.write("values", data); }
  get valueTypes(): unknown[][] { return this.value("valueTypes") as unknown[][]; }
  get numberFormat(): unknown[][] { return this.value("numberFormat") as unknown[][]; }
  set numberFormat(data: unknown[][]) { this.write("numberFormat", data); }

  /** Cells written: formulas and values parse like typed input ("=…" a formula, a leading ' marks text); null leaves a cell. */
  private write(key: "formulas" | "values" | "numberFormat", data: unknown): void {
    this.keep(key, data);
    const ctx = this.ctx;
    ctx.enqueue(() => {
      const sheet = ctx.fake.live(this.sheetName);
      ctx.fake.guard(sheet);
      const ref = this.ref;
      if (!ref) throw excelError("InvalidArgument", `Cannot set ${key} on a whole-column range`);
      const rows = ref.bottom - ref.top + 1;
      const cols = ref.right - ref.left + 1;
      const grid2 = Array.isArray(data) ? data : Array.from({ length: rows }, () => Array.from({ length: cols }, () => data));
      if (grid2.length !== rows || grid2.some((row) => !Array.isArray(row) || row.length !== cols)) {
        throw excelError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${this.local}).`);
      }
      grid2.forEach((row: unknown[], r) => row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const a = cellAddress(ref.top + r, ref.left + c);
        const cell = sheet.cells.get(a) ?? { formula: "" };
        if (key === "numberFormat") {
          if (typeof v !== "string") throw excelError("InvalidArgument", `A number format is text, not ${typeof v}.`);
          cell.numberFormat = v;
        } else {
          if (typeof v === "object") throw excelError("InvalidArgument", `A cell takes a number, text or truth value, not ${JSON.stringify(v)}.`);
          if (typeof v === "string" && v.startsWith("=") && v.length > 8192) throw excelError("FormulaLengthExceedsLimit", "The formula is too long.");
          cell.formula = typedInput(v);
          cell.value = undefined;
        }
        sheet.cells.set(a, cell);
      }));
    }, data);
  }

  writeStyle(key: string, v: unknown): void {
    const sheet = this.ctx.fake.live(this.sheetName);
    this.ctx.fake.guard(sheet);
    const last = sheet.styles[sheet.styles.length - 1] as { address: string; format: Record<string, unknown>; owner?: unknown } | undefined;
    if (last && last.address === this.local && last.owner === this) last.format[key] = v;
    else sheet.styles.push(Object.defineProperty({ address: this.local, format: { [key]: v } }, "owner", { value: this, enumerable: false }) as any);
  }

  get conditionalFormats(): any {
    const ctx = this.ctx;
    ctx.need("1.6", "Range.conditionalFormats");
    return {
      add: (type: string) => {
        const state: FakeSheetState["conditionalFormats"][number] = { address: this.local, type };
        ctx.enqueue(() => {
          if (!CF_TYPES.has(type)) throw excelError("InvalidArgument", `Unknown conditional format type ${type}`);
          ctx.fake.live(this.sheetName).conditionalFormats.push(state);
        });
        const onlyCustom = (then: () => void) => ctx.enqueue(() => {
          if (type !== "Custom") throw excelError("InvalidArgument", `A ${type} conditional format has no custom rule.`);
          then();
        });
        const custom = {
          rule: { set formula(f: string) { onlyCustom(() => { if (typeof f !== "string" || !f.startsWith("=")) throw excelError("InvalidArgument", `Rule ${f}`); state.formula = f; }); } },
          format: {
            fill: { set color(c: string) { onlyCustom(() => { state.fill = c; }); } },
            font: {
              set color(c: string) { onlyCustom(() => { state.fontColor = c; }); },
              set bold(b: boolean) { onlyCustom(() => { state.bold = b; }); },
            },
          },
        };
        return { type, get custom() { return custom; } };
      },
    };
  }

  get dataValidation(): any {
    const ctx = this.ctx;
    const sheetName = this.sheetName;
    ctx.need("1.8", "Range.dataValidation");
    const entry: any = { address: this.local };
    let added = false;
    const commit = (): void => {
      if (added) return;
      added = true;
      ctx.fake.live(this.sheetName).validations.push(entry);
    };
    const text = (v: any, field: string, max: number): void => {
      if (v !== undefined && (typeof v !== "string" || v.length > max)) throw excelError("InvalidArgument", `${field} holds at most ${max} characters.`);
    };
    return {
      set rule(rule: any) {
        ctx.enqueue(() => {
          const kinds = Object.keys(rule ?? {});
          if (kinds.length !== 1) throw excelError("InvalidArgument", "A data-validation rule has exactly one type.");
          const kind = kinds[0]!;
          const body = rule[kind];
          if (kind === "list") {
            if (typeof body.source !== "string" || body.source === "") throw excelError("InvalidArgument", "A list needs a source.");
          } else if (["decimal", "wholeNumber", "date", "time", "textLength"].includes(kind)) {
            if (!OPERATORS.has(body.operator)) throw excelError("InvalidArgument", `Operator ${body.operator}`);
            if (body.formula1 === undefined) throw excelError("InvalidArgument", "formula1 is required.");
            if (/Between/.test(body.operator) && body.formula2 === undefined) throw excelError("InvalidArgument", "Between needs formula2.");
          } else if (kind !== "custom") throw excelError("InvalidArgument", `Unknown rule ${kind}`);
          ctx.fake.guard(ctx.fake.live(sheetName));
        });
        entry.rule = rule;
        ctx.enqueue(() => commit());
      },
      set errorAlert(alert: any) {
        ctx.enqueue(() => {
          text(alert.message, "An error message", 225);
          text(alert.title, "An error title", 32);
          if (alert.style !== undefined && !["Stop", "Warning", "Information"].includes(alert.style)) throw excelError("InvalidArgument", `Style ${alert.style}`);
          entry.errorAlert = alert;
          commit();
        });
      },
      set prompt(prompt: any) {
        ctx.enqueue(() => {
          text(prompt.message, "A prompt", 255);
          text(prompt.title, "A prompt title", 32);
          entry.prompt = prompt;
          commit();
        });
      },
    };
  }

  /** An outline group: Excel throws InvalidArgument unless the range is whole rows (ByRows) or whole columns (ByColumns). */
  group(by: string): void {
    const ctx = this.ctx;
    ctx.need("1.10", "Range.group");
    ctx.enqueue(() => {
      const sheet = ctx.fake.live(this.sheetName);
      ctx.fake.guard(sheet);
      if (by !== this.entire()) throw excelError("InvalidArgument", `${this.local} cannot be grouped ${by}`);
      sheet.groups.push({ address: this.local, by, collapsed: false });
    });
  }

  hideGroupDetails(by: string): void {
    const ctx = this.ctx;
    ctx.need("1.10", "Range.hideGroupDetails");
    ctx.enqueue(() => {
      const g = ctx.fake.live(this.sheetName).groups.find((x) => x.address === this.local && x.by === by);
      if (!g) throw excelError("InvalidArgument", `${this.local} holds no group ${by} to hide`);
      g.collapsed = true;
    });
  }

  private entire(): string | null {
    return /^\$?\d+:\$?\d+$/.test(this.local) ? "ByRows" : /^\$?[A-Z]+:\$?[A-Z]+$/i.test(this.local) ? "ByColumns" : null;
  }

  getSpillingToRangeOrNullObject(): any {
    const ctx = this.ctx;
    ctx.need("1.12", "Range.getSpillingToRangeOrNullObject");
    const spill = (): string | undefined => ctx.fake.sheet(this.sheetName)?.spills.get(this.local);
    const result = new (class extends Nullable {
      protected override existing(prop: string): unknown {
        if (prop === "address") return `'${result.sheet}'!${spill()}`;
        return super.existing(prop);
      }
      sheet = "";
      get address(): string { return this.value("address") as string; }
    })(ctx, () => spill() !== undefined);
    result.sheet = this.sheetName;
    return result;
  }
}

/**
 * What Excel stores for a string written to values or formulas: it parses it
 * as if typed. A leading apostrophe keeps text as text (and is not kept);
 * "=..." is a formula; numbers, percentages and TRUE/FALSE become values.
 */
export function typedInput(v: unknown): unknown {
  if (typeof v !== "string") return v;
  if (v.startsWith("'")) return v.slice(1);
  const t = v.trim();
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  const n = /^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[-+]?\.\d+)(%?)$/.exec(t);
  if (n) return (Number(n[1]!.replace(/,/g, "")) / (n[2] ? 100 : 1));
  return v;
}

function grid<T>(r: RangeRef, f: (address: string) => T): T[][] {
  const rows: T[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line: T[] = [];
    for (let col = r.left; col <= r.right; col++) line.push(f(cellAddress(row, col)));
    rows.push(line);
  }
  return rows;
}

export class FakeExcel {
  readonly sheets: FakeSheetState[] = [];
  readonly names = new Map<string, { name: string; ref: string }>();
  structureProtected: boolean;
  apiLevel: ApiLevel;
  payloadLimit: number;
  /** Syncs asked for / completed across every run. */
  syncs = 0;
  synced = 0;
  screenUpdatingSuspended = 0;
  /** getItemOrNullObject calls that found no sheet. */
  nullLookups = 0;
  /** APIs the code called, with the requirement set each needs. */
  readonly used = new Set<string>();
  /** Bytes of each request sent. */
  readonly requestSizes: number[] = [];
  /** Excel.run calls, each with its syncs and options. */
  readonly runs: { syncs: number; delayForCellEdit: boolean }[] = [];
  currentRun: { syncs: number; delayForCellEdit: boolean } = { syncs: 0, delayForCellEdit: false };
  /** Excel's documentation does not promise that a range read through a missing sheet's null object succeeds; when set, it fails the sync with ItemNotFound. */
  nullObjectReadsFail = false;
  /** Nor that a load string may reach into a collection inside each item (items/charts/items/name); when set, such a load fails the sync. */
  nestedLoadsFail = false;
  /** Makes the nth queued command of the given sync (1-based count of all syncs) fail with this code. */
  failAt?: { sync: number; command: number; code: string };
  /** Called as each sync starts (its 1-based number): a test changes the workbook here as a user would. */
  beforeSync?: (sync: number) => void;
  /** True while the user edits a cell. */
  editing = false;
  delayedSyncs = 0;
  editEnded: Promise<void> = Promise.resolve();
  private endEdit: () => void = () => undefined;
  /** The last context (an event handler's result carries it). */
  context: any;

  constructor(options: FakeExcelOptions = {}) {
    this.structureProtected = options.structureProtected ?? false;
    this.apiLevel = options.apiLevel ?? "1.12";
    this.payloadLimit = options.payloadLimit ?? PAYLOAD_LIMIT;
    for (const s of options.sheets ?? []) {
      const sheet = newSheet(s.name);
      sheet.protected = s.protected ?? false;
      for (const [addr, c] of Object.entries(s.cells ?? {})) {
        sheet.cells.set(addr, typeof c === "object" && c !== null && "formula" in c ? { ...(c as FakeCell) } : { formula: c });
      }
      for (const [a, r] of Object.entries(s.spills ?? {})) sheet.spills.set(a, r);
      this.sheets.push(sheet);
    }
    for (const n of options.names ?? []) this.names.set(fold(n.name), { ...n });
    this.context = new Ctx(this, false);
  }

  /** The user starts editing a cell: syncs fail, or wait when the run asked for delayForCellEdit. */
  startEditing(): void {
    this.editing = true;
    this.editEnded = new Promise((resolve) => { this.endEdit = resolve; });
  }

  stopEditing(): void {
    this.editing = false;
    this.endEdit();
  }

  /** Office.context.requirements.isSetSupported for this Excel. */
  readonly isSetSupported = (name: string, version: string): boolean =>
    name === "ExcelApi" && minor(version) <= minor(this.apiLevel) && Number(version.split(".")[0]) === 1;

  /** Excel.run: (batch), (options, batch) or (an object's context, batch). Syncs what is still queued at the end. */
  readonly excelRun = async (a: any, b?: any): Promise<any> => {
    const batch = typeof a === "function" ? a : b;
    const reuse = a instanceof Ctx ? a : undefined;
    const delay = typeof a === "object" && a !== null && !(a instanceof Ctx) && a.delayForCellEdit === true;
    const ctx = reuse ?? new Ctx(this, delay);
    const run = { syncs: 0, delayForCellEdit: ctx.delayForCellEdit };
    this.runs.push(run);
    const outer = this.currentRun;
    this.currentRun = run;
    this.context = ctx;
    try {
      const result = await batch(ctx);
      if (ctx.queue.length > 0) await ctx.sync();
      return result;
    } finally {
      this.currentRun = outer;
    }
  };

  /** Excel.run's simplest shape, as the pane's RunBatch. */
  readonly run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => this.excelRun(batch);

  sheet(name: string): FakeSheetState | undefined {
    return this.sheets.find((s) => fold(s.name) === fold(name));
  }

  /** The cell's formula or constant, "" when empty. */
  cell(sheet: string, address: string): unknown {
    return this.sheet(sheet)?.cells.get(address)?.formula ?? "";
  }

  /** Simulates a user typing, then Excel raising onChanged for the sheet. */
  async userEdit(sheet: string, address: string, value: unknown): Promise<void> {
    const s = this.sheet(sheet)!;
    s.cells.set(address, { formula: value });
    for (const h of [...s.handlers]) await h({ address: `${sheet}!${address}` });
  }

  /** @internal the sheet at sync time, or Excel's ItemNotFound. */
  live(name: string): FakeSheetState {
    const s = this.sheet(name);
    if (!s) throw excelError("ItemNotFound", `The requested resource doesn't exist (sheet ${name}).`);
    return s;
  }

  /** @internal */ guard(sheet: FakeSheetState): void {
    if (sheet.protected) throw excelError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet (${sheet.name}).`);
  }

  /** @internal */ tableNamed(name: string): FakeSheetState["tables"][number] | undefined {
    return this.sheets.flatMap((s) => s.tables).find((t) => fold(t.name) === fold(name));
  }

  /**
   * tables.add as Excel documents it: with headers, the first row holds the
   * column names (blank ones become "Column<n>"); without, Excel inserts a
   * header row of "Column<n>" and the data moves down a row.
   */
  addTable(sheet: FakeSheetState, r: RangeRef, hasHeaders: boolean): FakeSheetState["tables"][number] {
    this.guard(sheet);
    const overlaps = sheet.tables.some((t) => {
      const o = parseRange(t.address);
      return o.left <= r.right && r.left <= o.right && o.top <= r.bottom && r.top <= o.bottom;
    });
    if (overlaps) throw excelError("InvalidArgument", "A table cannot overlap another table.");
    let area = r;
    if (!hasHeaders) {
      const moved: [string, FakeCell][] = [];
      for (const [a, c] of [...sheet.cells.entries()]) {
        const { row, col } = parseCell(a);
        if (col >= r.left && col <= r.right && row >= r.top) {
          sheet.cells.delete(a);
          moved.push([cellAddress(row + 1, col), c]);
        }
      }
      for (const [a, c] of moved) sheet.cells.set(a, c);
      for (let col = r.left; col <= r.right; col++) sheet.cells.set(cellAddress(r.top, col), { formula: `Column${col - r.left + 1}` });
      area = { ...r, bottom: r.bottom + 1 };
    }
    const headers: string[] = [];
    for (let col = r.left; col <= r.right; col++) {
      const a = cellAddress(r.top, col);
      const v = valueOf(sheet.cells.get(a));
      let text = v === "" ? `Column${col - r.left + 1}` : String(v);
      while (headers.some((h) => fold(h) === fold(text))) text = `${text}2`;
      if (text !== v) sheet.cells.set(a, { formula: text });
      headers.push(text);
    }
    let n = 1;
    while (this.tableNamed(`Table${n}`) || this.names.has(fold(`Table${n}`))) n += 1;
    const table = { name: `Table${n}`, address: rangeAddress(area) };
    sheet.tables.push(table);
    return table;
  }
}

/** Installs Office and Excel globals backed by a FakeExcel (Node tests of code that calls Excel.run itself). */
export function officeGlobals(fake: FakeExcel, host = "Excel"): { Office: any; Excel: any } {
  return {
    Office: {
      HostType: { Excel: "Excel", Word: "Word" },
      onReady: () => Promise.resolve({ host, platform: "OfficeOnline" }),
      context: { requirements: { isSetSupported: fake.isSetSupported } },
    },
    Excel: { run: fake.excelRun },
  };
}
