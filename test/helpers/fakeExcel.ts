/* eslint-disable @typescript-eslint/no-explicit-any */
// office-addin-mock takes only the OfficeApp enum from office-addin-manifest, whose
// dependencies are ES modules Jest's CommonJS runtime cannot load; the enum is all it needs.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));
import { OfficeMockObject } from "office-addin-mock";
import { cellAddress, parseCell, parseRange, rangeAddress, type RangeRef } from "../../src/export/address";

/**
 * A small Excel for the pane's tests, built on office-addin-mock.
 *
 * office-addin-mock (OfficeMockObject) models proxy objects: properties that
 * must be load()ed and sync()ed before they are read, and properties that
 * code sets. The request context, workbook.application, workbook.protection
 * and every Range (formulas, values, numberFormat, format.*, dataValidation)
 * are OfficeMockObjects here.
 *
 * It cannot model collections: load("items/name") (it has no navigation into
 * arrays), add()/getItem()/delete() that change the workbook, null objects,
 * events. Those pieces are hand-made below (FakeWorksheets, FakeNames,
 * FakeTables, the worksheet proxies) and kept minimal. Like Excel, they queue
 * what code asks for and apply it at context.sync(), in order, stopping at
 * the first failing command (what ran before it stays: Excel does not roll a
 * batch back). Reading a collection's items before the sync throws.
 *
 * The code under test is the real pane code; only Excel is fake.
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
  charts: { type: string; source: string; seriesBy: string; name?: string; title?: string; position?: [string, string?]; categories?: string; valueAxis?: { minimum?: number; maximum?: number; numberFormat?: string } }[];
  /** Outline groups (Range.group), and whether hideGroupDetails collapsed them. */
  groups: { address: string; by: string; collapsed: boolean }[];
  /** Whole rows or columns hidden through rowHidden / columnHidden. */
  hidden: string[];
  conditionalFormats: { address: string; formula?: string; fill?: string; fontColor?: string; bold?: boolean }[];
  validations: { address: string; rule: any; errorAlert?: any; prompt?: any }[];
  freeze?: { rows?: number; columns?: number; at?: string };
  columnWidths: Map<string, number>;
  styles: { address: string; format: Record<string, unknown> }[];
  /** Spill ranges of formula cells: anchor ("B2") -> "B2:E2". */
  spills: Map<string, string>;
  handlers: ((event: { address: string }) => Promise<void>)[];
  activated: number;
}

export interface FakeExcelOptions {
  readonly sheets?: readonly { name: string; cells?: Record<string, unknown | FakeCell>; protected?: boolean; spills?: Record<string, string> }[];
  readonly names?: readonly { name: string; ref: string }[];
  readonly structureProtected?: boolean;
}

const isErrorValue = (v: unknown): boolean => typeof v === "string" && /^#(N\/A|[A-Z0-9/]+[!?]|BUSY!)$/.test(v);

const newSheet = (name: string): FakeSheetState => ({
  name, cells: new Map(), protected: false, visibility: "Visible", tables: [], charts: [], groups: [], hidden: [], conditionalFormats: [],
  validations: [], columnWidths: new Map(), styles: [], spills: new Map(), handlers: [], activated: 0,
});

const fold = (s: string): string => s.toLowerCase();

type Op = () => void;

export class FakeExcel {
  readonly sheets: FakeSheetState[] = [];
  readonly names = new Map<string, { name: string; ref: string }>();
  structureProtected: boolean;
  syncs = 0;
  screenUpdatingSuspended = 0;
  /** getItemOrNullObject calls that found no sheet. */
  nullLookups = 0;
  /** Excel's documentation does not promise that a range read through a missing sheet's null object succeeds; when set, it fails the sync with ItemNotFound. */
  nullObjectReadsFail = false;
  /** Nor that a load string may reach into a collection inside each item (items/charts/items/name); when set, such a load fails the sync. */
  nestedLoadsFail = false;
  /** Makes the nth queued command of the given sync (1-based count of all syncs) fail with this code. */
  failAt?: { sync: number; command: number; code: string };
  readonly context: any;
  private queue: Op[] = [];
  private mocks: OfficeMockObject[] = [];
  private afterSync: Op[] = [];

  constructor(options: FakeExcelOptions = {}) {
    this.structureProtected = options.structureProtected ?? false;
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

    const fake = this;
    const context: any = new OfficeMockObject({
      workbook: {
        application: {
          suspendScreenUpdatingUntilNextSync() {
            fake.queue.push(() => { fake.screenUpdatingSuspended += 1; });
          },
        },
        protection: { protected: this.structureProtected },
      },
    });
    const mockSync = context.sync.bind(context);
    context.sync = async () => {
      fake.syncs += 1;
      await mockSync();
      for (const m of fake.mocks) await m.sync();
      await new Promise((resolve) => setImmediate(resolve)); // office-addin-mock settles loads in microtasks
      const queue = fake.queue;
      fake.queue = [];
      fake.mocks = [];
      const fail = fake.failAt?.sync === fake.syncs ? fake.failAt : undefined;
      queue.forEach((op, i) => {
        if (fail && i === fail.command) throw Object.assign(new Error(`Fake failure ${fail.code}`), { code: fail.code });
        op();
      });
      const after = fake.afterSync;
      fake.afterSync = [];
      after.forEach((op) => op());
    };
    context.workbook.worksheets = new FakeWorksheets(this);
    context.workbook.names = new FakeNames(this);
    context.workbook.tables = new FakeTables(this);
    this.context = context;
  }

  /** Excel.run's shape: a fresh batch on the same workbook. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => batch(this.context as Excel.RequestContext);

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
    for (const h of s.handlers) await h({ address: `${sheet}!${address}` });
  }

  /** @internal */ enqueue(op: Op): void { this.queue.push(op); }
  /** @internal */ track(mock: OfficeMockObject): void { this.mocks.push(mock); }
  /** @internal */ onSynced(op: Op): void { this.afterSync.push(op); }

  /** @internal the sheet at sync time, or Excel's ItemNotFound. */
  live(name: string): FakeSheetState {
    const s = this.sheet(name);
    if (!s) throw Object.assign(new Error(`No sheet ${name}`), { code: "ItemNotFound" });
    return s;
  }

  /** @internal */ guard(sheet: FakeSheetState): void {
    if (sheet.protected) throw Object.assign(new Error(`${sheet.name} is protected`), { code: "AccessDenied" });
  }
}

/** A collection whose items are readable only after load() and sync(). */
abstract class FakeCollection<T> {
  private loaded: T[] | undefined;
  private pending = false;
  /** What the last load() asked for, e.g. "items/name,items/charts/items/name". */
  protected requested = "";
  constructor(protected readonly fake: FakeExcel) {}
  protected abstract snapshot(): T[];
  load(props?: string): this {
    this.requested = props ?? "";
    // An Excel that refuses a nested collection in a load string fails the sync.
    if (this.fake.nestedLoadsFail && /items\/\w+\/items\//.test(this.requested)) {
      this.fake.enqueue(() => { throw Object.assign(new Error(`Cannot load ${this.requested}`), { code: "InvalidArgument" }); });
    }
    this.pending = true;
    this.loaded = undefined;
    this.fake.onSynced(() => {
      if (this.pending) this.loaded = this.snapshot();
      this.pending = false;
    });
    return this;
  }
  get items(): T[] {
    if (!this.loaded) throw new Error("PropertyNotLoaded: call load() and context.sync() before reading items.");
    return this.loaded;
  }
}

class FakeWorksheets extends FakeCollection<any> {
  protected snapshot(): any[] {
    // A sheet's charts are readable only when the load asked for them ("items/charts/items/name").
    const charts = /(^|,)\s*items\/charts\/items\/name\s*(,|$)/.test(this.requested);
    return this.fake.sheets.map((s) => {
      const proxy = new WorksheetProxy(this.fake, s.name);
      proxy.protection = { protected: s.protected };
      const names = s.charts.map((c) => ({ name: c.name }));
      Object.defineProperty(proxy.charts, "items", {
        get: () => {
          if (!charts) throw new Error("PropertyNotLoaded: load \"items/charts/items/name\" before reading a sheet's charts.");
          return names;
        },
      });
      return proxy;
    });
  }
  add(name: string): WorksheetProxy {
    this.fake.enqueue(() => {
      if (this.fake.structureProtected) throw Object.assign(new Error("structure protected"), { code: "AccessDenied" });
      if (this.fake.sheet(name)) throw Object.assign(new Error(`${name} exists`), { code: "ItemAlreadyExists" });
      this.fake.sheets.push(newSheet(name));
    });
    return new WorksheetProxy(this.fake, name);
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.fake, name);
  }
  /** A missing sheet gives a null object; what is asked of it (getRange, load) gives null objects too, and nothing fails at sync. */
  getItemOrNullObject(name: string): any {
    if (this.fake.sheet(name)) return new WorksheetProxy(this.fake, name);
    this.fake.nullLookups += 1;
    const nul: any = {
      isNullObject: true, values: null, getRange: () => nul,
      load: () => {
        if (this.fake.nullObjectReadsFail) this.fake.enqueue(() => { throw Object.assign(new Error(`No sheet ${name}`), { code: "ItemNotFound" }); });
        return nul;
      },
    };
    return nul;
  }
}

class FakeNames extends FakeCollection<any> {
  protected snapshot(): any[] {
    return [...this.fake.names.values()].map((n) => ({
      name: n.name,
      type: "Range",
      value: n.ref,
      delete: () => this.fake.enqueue(() => this.fake.names.delete(fold(n.name))),
    }));
  }
  add(name: string, reference: any, _comment?: string): void {
    this.fake.enqueue(() => {
      if (this.fake.names.has(fold(name))) throw Object.assign(new Error(`${name} exists`), { code: "ItemAlreadyExists" });
      this.fake.names.set(fold(name), { name, ref: reference.address });
    });
  }
}

class FakeTables extends FakeCollection<any> {
  protected snapshot(): any[] {
    return this.fake.sheets.flatMap((s) => s.tables.map((t) => ({ name: t.name })));
  }
}

class WorksheetProxy {
  protection: { protected: boolean } | undefined;
  readonly tables: any;
  readonly charts: any;
  readonly freezePanes: any;
  readonly onChanged: any;

  constructor(private readonly fake: FakeExcel, readonly name: string) {
    const sheet = (): FakeSheetState => fake.live(name);
    this.tables = {
      add: (address: string, _headers: boolean) => {
        const table: any = {};
        fake.enqueue(() => {
          const local = address.slice(address.lastIndexOf("!") + 1);
          sheet().tables.push({ name: table.name ?? `Table${fake.sheets.length}`, address: local, style: table.style });
        });
        return table;
      },
    };
    this.charts = {
      add: (type: string, source: any, seriesBy: string) => {
        const chart: any = {
          title: {}, setPosition: (a: string, b?: string) => { chart.position = [a, b]; },
          axes: { categoryAxis: { setCategoryNames: (r: any) => { chart.categories = r.address; } }, valueAxis: {} },
        };
        fake.enqueue(() => sheet().charts.push({
          type, source: source.address, seriesBy, get name() { return chart.name; }, get title() { return chart.title.text; }, get position() { return chart.position; },
          get categories() { return chart.categories; }, get valueAxis() { return { ...chart.axes.valueAxis }; },
        }));
        return chart;
      },
    };
    this.freezePanes = {
      freezeRows: (rows: number) => fake.enqueue(() => { sheet().freeze = { rows }; }),
      freezeColumns: (columns: number) => fake.enqueue(() => { sheet().freeze = { columns }; }),
      freezeAt: (at: string) => fake.enqueue(() => { sheet().freeze = { at }; }),
    };
    this.onChanged = {
      add: (handler: (event: { address: string }) => Promise<void>) => {
        const result = {
          context: fake.context,
          remove: () => fake.enqueue(() => { const hs = sheet().handlers; hs.splice(hs.indexOf(handler), 1); }),
        };
        fake.enqueue(() => { sheet().handlers.push(handler); });
        return result;
      },
    };
  }

  set visibility(value: string) {
    this.fake.enqueue(() => { this.fake.live(this.name).visibility = value; });
  }

  activate(): void {
    this.fake.enqueue(() => { this.fake.live(this.name).activated += 1; });
  }

  delete(): void {
    this.fake.enqueue(() => {
      const i = this.fake.sheets.findIndex((s) => fold(s.name) === fold(this.name));
      if (i >= 0) this.fake.sheets.splice(i, 1);
    });
  }

  getRange(address: string): any {
    return makeRange(this.fake, this.name, address);
  }

  getUsedRangeOrNullObject(): any {
    const s = this.fake.sheet(this.name);
    const refs = s ? [...s.cells.entries()].filter(([, c]) => c.formula !== "" && c.formula !== null).map(([a]) => parseCell(a)) : [];
    if (refs.length === 0) {
      const nul: any = { isNullObject: true, load: () => nul };
      return nul;
    }
    const r: RangeRef = {
      top: Math.min(...refs.map((x) => x.row)), left: Math.min(...refs.map((x) => x.col)),
      bottom: Math.max(...refs.map((x) => x.row)), right: Math.max(...refs.map((x) => x.col)),
    };
    return makeRange(this.fake, this.name, rangeAddress(r));
  }
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

/** A Range: an OfficeMockObject holding the cells' state as of now; what code assigns is applied at sync. */
function makeRange(fake: FakeExcel, sheetName: string, address: string): any {
  const whole = /^([A-Z]+:[A-Z]+|\d+:\d+)$/i.test(address);
  const ref = whole ? undefined : parseRange(address);
  const current = fake.sheet(sheetName);
  const at = (a: string): FakeCell | undefined => current?.cells.get(a);
  const valueOf = (c: FakeCell | undefined): unknown => (c === undefined ? "" : c.value !== undefined ? c.value : typeof c.formula === "string" && c.formula.startsWith("=") ? 0 : c.formula);
  const formulas = ref ? grid(ref, (a) => at(a)?.formula ?? "") : [];
  const values = ref ? grid(ref, (a) => valueOf(at(a))) : [];
  const valueTypes = ref ? grid(ref, (a) => {
    const v = valueOf(at(a));
    return v === "" ? "Empty" : isErrorValue(v) ? "Error" : typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
  }) : [];
  const numberFormat = ref ? grid(ref, (a) => at(a)?.numberFormat ?? "General") : [];
  const qualifiedAddress = `'${sheetName}'!${address}`;
  const range: any = new OfficeMockObject({
    address: qualifiedAddress,
    formulas, values, valueTypes, numberFormat,
    format: { font: {}, fill: {} },
    dataValidation: {},
  });
  range.address = qualifiedAddress; // readable without load, like a proxy's known address in tests
  range.conditionalFormats = {
    add: (type: string) => {
      const cf: any = { type, custom: { rule: {}, format: { fill: {}, font: {} } } };
      fake.enqueue(() => fake.live(sheetName).conditionalFormats.push({
        address, formula: cf.custom.rule.formula, fill: cf.custom.format.fill.color, fontColor: cf.custom.format.font.color, bold: cf.custom.format.font.bold,
      }));
      return cf;
    },
  };
  range.getSpillingToRangeOrNullObject = () => {
    const spill = current?.spills.get(address);
    if (!spill) {
      const nul: any = { isNullObject: true, load: () => nul };
      return nul;
    }
    const spilled: any = new OfficeMockObject({ address: `'${sheetName}'!${spill}` });
    spilled.isNullObject = false;
    fake.track(spilled);
    return spilled;
  };
  // Outline groups need whole rows or columns, grouped the way the range runs (Excel throws InvalidArgument otherwise).
  const entire = /^\d+:\d+$/.test(address) ? "ByRows" : /^[A-Z]+:[A-Z]+$/i.test(address) ? "ByColumns" : null;
  range.group = (by: string) => fake.enqueue(() => {
    if (by !== entire) throw Object.assign(new Error(`${address} cannot be grouped ${by}`), { code: "InvalidArgument" });
    fake.live(sheetName).groups.push({ address, by, collapsed: false });
  });
  range.hideGroupDetails = (by: string) => fake.enqueue(() => {
    const g = fake.live(sheetName).groups.find((x) => x.address === address && x.by === by);
    if (!g) throw Object.assign(new Error(`${address} holds no group ${by} to hide`), { code: "InvalidArgument" });
    g.collapsed = true;
  });
  range.isNullObject = false;
  fake.track(range);

  fake.enqueue(() => {
    const sheet = fake.live(sheetName);
    const assigned = (key: string, original: unknown): any[][] | undefined => (Array.isArray(range[key]) && range[key] !== original ? range[key] : undefined);
    const nf = assigned("numberFormat", numberFormat);
    const fm = assigned("formulas", formulas);
    const vs = assigned("values", values);
    const fontKeys = ["bold", "italic", "color", "size"].filter((k) => range.format.font[k] !== undefined);
    const touched = nf || fm || vs || range.format.fill.color !== undefined || fontKeys.length > 0 || range.format.columnWidth !== undefined
      || range.dataValidation.rule !== undefined || range.format.wrapText !== undefined || range.format.horizontalAlignment !== undefined;
    if (touched) fake.guard(sheet);
    if (ref) {
      const write = (data: any[][] | undefined, f: (cell: FakeCell, v: any) => void): void => {
        if (!data) return;
        if (data.length !== ref.bottom - ref.top + 1 || data.some((row) => row.length !== ref.right - ref.left + 1)) {
          throw Object.assign(new Error(`${address}: array size does not match the range`), { code: "InvalidArgument" });
        }
        data.forEach((row, r) => row.forEach((v, c) => {
          if (v === null) return; // Office.js leaves a null cell unchanged
          const a = cellAddress(ref.top + r, ref.left + c);
          const cell = sheet.cells.get(a) ?? { formula: "" };
          f(cell, v);
          sheet.cells.set(a, cell);
        }));
      };
      write(nf, (cell, v) => { cell.numberFormat = v; });
      // Like Excel, a leading apostrophe marks text and is not kept.
      const typed = (v: unknown): unknown => (typeof v === "string" && v.startsWith("'") ? v.slice(1) : v);
      write(fm, (cell, v) => { cell.formula = typed(v); cell.value = undefined; });
      write(vs, (cell, v) => { cell.formula = typed(v); cell.value = undefined; });
    }
    const format: Record<string, unknown> = {};
    for (const k of fontKeys) format[`font.${k}`] = range.format.font[k];
    if (range.format.fill.color !== undefined) format["fill.color"] = range.format.fill.color;
    for (const k of ["wrapText", "horizontalAlignment", "verticalAlignment"]) if (range.format[k] !== undefined) format[k] = range.format[k];
    if (Object.keys(format).length > 0) sheet.styles.push({ address, format });
    if (range.format.columnWidth !== undefined) sheet.columnWidths.set(address.split(":")[0]!, range.format.columnWidth);
    if (range.rowHidden === true || range.columnHidden === true) sheet.hidden.push(address);
    if (range.dataValidation.rule !== undefined) {
      sheet.validations.push({ address, rule: range.dataValidation.rule, errorAlert: range.dataValidation.errorAlert, prompt: range.dataValidation.prompt });
    }
  });
  return range;
}
