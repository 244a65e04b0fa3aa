/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * A stand-in for Office and Excel inside the page, installed with
 * page.addInitScript before the pane's scripts run, so the built pane can be
 * driven as if it sat in Excel. Only what the pane touches exists; writes
 * are recorded, not modelled (the Node tests check what lands where, with
 * office-addin-mock). It counts context.sync() per Excel.run, so the test
 * reads the real bundle's round trips.
 *
 * Serialised by Playwright: self-contained, no imports, no outer variables.
 */
export function installInPageExcel(): void {
  const w = window as any;
  const questions = ["Job", "Alternative", "Flows", "Capture", "Binding", "Delete test", "Minimal", "Governance", "Life cycle", "Loop"]
    .map((t, i) => [t, `Workbook question ${i + 1}: ${t}?`]);
  const state = {
    sheets: ["Sheet1"] as string[],
    names: [] as string[],
    answers: questions.map(() => "") as string[],
    runs: [] as { syncs: number }[],
    writes: [] as { sheet: string; address: string; key: string; value: unknown }[],
    handlers: [] as ((e: { address: string }) => Promise<void>)[],
  };
  w.__excel = state;
  w.__fire = async (address: string) => { for (const h of state.handlers) await h({ address }); };

  const fold = (s: string) => s.toLowerCase();
  const makeContext = (run: { syncs: number }) => {
    let pending: (() => void)[] = [];
    const nul = () => { const n: any = { isNullObject: true, load: () => n, getRange: () => n }; return n; };
    const range = (sheet: string, address: string): any => {
      const r: any = {
        address: `'${sheet}'!${address}`, isNullObject: false,
        format: { font: {}, fill: {} }, dataValidation: {},
        conditionalFormats: { add: () => ({ custom: { rule: {}, format: { fill: {}, font: {} } } }) },
        load: () => r,
        getSpillingToRangeOrNullObject: nul,
        group: () => undefined,
        hideGroupDetails: () => undefined,
      };
      for (const key of ["formulas", "values", "numberFormat"]) {
        let stored: unknown;
        Object.defineProperty(r, key, {
          configurable: true,
          get: () => {
            if (key === "values" && /^checklist/i.test(sheet)) return questions.map((q, i) => [...q, state.answers[i]]);
            if (key === "values" && sheet === "Sheet1") return [[4, 5]];
            return stored;
          },
          set: (value: unknown) => { stored = value; pending.push(() => state.writes.push({ sheet, address, key, value })); },
        });
      }
      return r;
    };
    const worksheet = (name: string): any => ({
      name,
      protection: { protected: false },
      getRange: (address: string) => range(name, address),
      getUsedRangeOrNullObject: () => {
        if (name !== "Sheet1") return nul();
        const r = range(name, "A1:B1");
        Object.defineProperty(r, "formulas", { get: () => [['=TOKEN.FEESPLIT(1,"growth")', 5]] });
        Object.defineProperty(r, "valueTypes", { get: () => [["Double", "Double"]] });
        return r;
      },
      tables: { add: () => ({}) },
      charts: { items: [], add: () => ({ title: {}, setPosition: () => undefined, axes: { categoryAxis: { setCategoryNames: () => undefined }, valueAxis: {} } }) },
      freezePanes: { freezeRows: () => undefined, freezeColumns: () => undefined, freezeAt: () => undefined },
      onChanged: { add: (h: any) => { pending.push(() => state.handlers.push(h)); return { remove: () => undefined, context }; } },
      activate: () => undefined,
      delete: () => undefined,
      set visibility(_v: string) { /* recorded nowhere: the Node tests cover it */ },
    });
    const collection = (items: () => any[], extra: object) => ({ load() { return this; }, get items() { return items(); }, ...extra });
    const context: any = {
      workbook: {
        worksheets: collection(() => state.sheets.map(worksheet), {
          add: (name: string) => { pending.push(() => state.sheets.push(name)); return worksheet(name); },
          getItem: (name: string) => {
            pending.push(() => { if (!state.sheets.some((s) => fold(s) === fold(name))) throw Object.assign(new Error("not found"), { code: "ItemNotFound" }); });
            return worksheet(name);
          },
          getItemOrNullObject: (name: string) => (state.sheets.some((s) => fold(s) === fold(name)) ? worksheet(name) : nul()),
        }),
        names: collection(() => state.names.map((name) => ({ name, type: "Range", value: "'Sheet1'!$A$1" })), {
          add: (name: string) => { pending.push(() => state.names.push(name)); },
        }),
        tables: collection(() => [], {}),
        protection: { protected: false, load() { return this; } },
        application: { suspendScreenUpdatingUntilNextSync: () => undefined },
      },
      sync: async () => {
        run.syncs += 1;
        const ops = pending;
        pending = [];
        for (const op of ops) op();
      },
    };
    return context;
  };

  w.Office = {
    HostType: { Excel: "Excel" },
    onReady: () => Promise.resolve({ host: "Excel", platform: "PC" }),
    context: { requirements: { isSetSupported: () => true } },
  };
  w.Excel = {
    run: (a: any, b?: any) => {
      const batch = typeof a === "function" ? a : b;
      const run = { syncs: 0 };
      state.runs.push(run);
      return batch(makeContext(run));
    },
  };
}
