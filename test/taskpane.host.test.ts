import { describeError, PaneError, refuse } from "../taskpane/errors";
import { detectHost } from "../taskpane/host";
import { ALL_SUPPORTED, detectSupport, officeSupport, REQUIRED_SET } from "../taskpane/support";
import { excelError, FakeExcel } from "./helpers/fakeExcel";

/** detectHost, detectSupport and describeError, with Office stood in for on the global object. */

type Globals = { Office?: unknown; document?: unknown };
const g = globalThis as Globals;

/** An Office whose onReady answers after `ms` (or never, for undefined). */
function officeAnswering(ms: number | undefined, host: string | null = "Excel"): void {
  g.Office = {
    HostType: { Excel: "Excel", Word: "Word" },
    onReady: () => new Promise((resolve) => { if (ms !== undefined) setTimeout(() => resolve({ host, platform: host ? "PC" : null }), ms); }),
  };
}

describe("detectHost: waits for Office however long it takes, says when it is slow", () => {
  beforeEach(() => {
    jest.useFakeTimers();
    g.document = { readyState: "complete" };
  });
  afterEach(() => {
    jest.useRealTimers();
    delete g.Office;
    delete g.document;
  });

  it("onReady after 5 s (a cold start inside Excel) still ends in Excel mode, with the slow notice shown once at 2 s", async () => {
    officeAnswering(5000);
    const slow: number[] = [];
    let result: unknown;
    const done = detectHost({ onSlow: () => slow.push(Date.now()) }).then((h) => { result = h; });
    await jest.advanceTimersByTimeAsync(1999);
    expect(slow).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(slow).toHaveLength(1);
    expect(result).toBeUndefined(); // still waiting, not preview
    await jest.advanceTimersByTimeAsync(3000);
    await done;
    expect(result).toEqual({ kind: "excel" });
    expect(slow).toHaveLength(1);
  });

  it("a quick answer never shows the slow notice", async () => {
    officeAnswering(10);
    const onSlow = jest.fn();
    const done = detectHost({ onSlow, slowAfterMs: 500 });
    await jest.advanceTimersByTimeAsync(10);
    await expect(done).resolves.toEqual({ kind: "excel" });
    await jest.advanceTimersByTimeAsync(1000);
    expect(onSlow).not.toHaveBeenCalled();
  });

  it("Office with no host is a plain browser; another host is named; no Office at all is said so", async () => {
    officeAnswering(0, null);
    const none = detectHost();
    await jest.advanceTimersByTimeAsync(0);
    await expect(none).resolves.toEqual({ kind: "none", reason: "no-host" });
    officeAnswering(0, "Word");
    const word = detectHost();
    await jest.advanceTimersByTimeAsync(0);
    await expect(word).resolves.toEqual({ kind: "other", host: "Word" });
    delete g.Office;
    await expect(detectHost()).resolves.toEqual({ kind: "none", reason: "no-office" });
    g.Office = { onReady: "not a function" };
    await expect(detectHost()).resolves.toEqual({ kind: "none", reason: "no-office" });
  });

  it("waits for the DOM when the page is still loading", async () => {
    officeAnswering(0);
    let listener: (() => void) | undefined;
    g.document = { readyState: "loading", addEventListener: (type: string, f: () => void) => { if (type === "DOMContentLoaded") listener = f; } };
    let result: unknown;
    const done = detectHost().then((h) => { result = h; });
    await jest.advanceTimersByTimeAsync(100);
    expect(result).toBeUndefined();
    listener!();
    await jest.advanceTimersByTimeAsync(0);
    await done;
    expect(result).toEqual({ kind: "excel" });
  });
});

describe("detectSupport: each feature from its own requirement set", () => {
  it.each(["1.1", "1.2", "1.4", "1.6", "1.7", "1.8", "1.9", "1.12"] as const)("at ExcelApi %s", (level) => {
    const fake = new FakeExcel({ apiLevel: level });
    const support = detectSupport(fake.isSetSupported);
    const minor = (v: string): number => Number(v.split(".")[1]);
    for (const [feature, set] of Object.entries(REQUIRED_SET)) {
      expect([feature, support[feature as keyof typeof support]]).toEqual([feature, minor(set) <= minor(level)]);
    }
  });

  it("asks for ExcelApi by name, and the table names the sets the Office.js docs give", () => {
    const asked: string[] = [];
    detectSupport((name, version) => { asked.push(`${name} ${version}`); return false; });
    expect(asked.sort()).toEqual(["ExcelApi 1.10", "ExcelApi 1.12", "ExcelApi 1.2", "ExcelApi 1.4", "ExcelApi 1.6", "ExcelApi 1.7", "ExcelApi 1.8", "ExcelApi 1.9"]);
    expect(REQUIRED_SET).toEqual({ formatting: "1.2", names: "1.4", conditionalFormats: "1.6", events: "1.7", dataValidation: "1.8", suspendScreenUpdating: "1.9", outline: "1.10", spills: "1.12" });
    expect(Object.values(ALL_SUPPORTED).every((v) => v === true)).toBe(true);
  });

  it("officeSupport: everything off without Office, what Office answers with it", () => {
    delete g.Office;
    expect(Object.values(officeSupport()).some((v) => v)).toBe(false);
    const fake = new FakeExcel({ apiLevel: "1.7" });
    g.Office = { context: { requirements: { isSetSupported: fake.isSetSupported } } };
    expect(officeSupport()).toEqual(detectSupport(fake.isSetSupported));
    expect(officeSupport().events).toBe(true);
    expect(officeSupport().dataValidation).toBe(false);
    g.Office = { context: {} };
    expect(officeSupport().names).toBe(false);
    g.Office = {}; // office.js loaded, its context not (yet) there
    expect(Object.values(officeSupport()).some((v) => v)).toBe(false);
    delete g.Office;
  });
});

describe("describeError: one readable sentence for anything a pane action throws", () => {
  it("a PaneError says its own message", () => {
    expect(describeError(refuse("No."))).toBe("No.");
    expect(refuse("No.")).toMatchObject({ code: "Refused", name: "PaneError" });
    expect(new PaneError("X", "m")).toMatchObject({ code: "X", name: "PaneError", message: "m" });
  });

  it.each([
    ["AccessDenied", /protected.*Unprotect/],
    ["InvalidOperationInCellEditMode", /^A cell is being edited\. Press Enter or Esc/],
    ["ApiNotFound", /lacks a feature/],
    ["ItemAlreadyExists", /already exists\. Nothing of yours was replaced\./],
    ["ItemNotFound", /is gone/],
    ["RequestPayloadSizeLimitExceeded", /sent too much data for one request .*5 MB/],
    ["ResponsePayloadSizeLimitExceeded", /asked for too much data for one request .*5 MB/],
    ["GeneralException", /could not finish the request/],
  ])("Excel's %s", (code, expected) => {
    expect(describeError(excelError(code, "raw text"))).toMatch(expected);
    expect(describeError(excelError(code, "raw text"))).not.toMatch(/raw text/);
  });

  it("an unknown code is named with Excel's message; a plain error or value says its text", () => {
    expect(describeError(excelError("Weird", "what Excel said"))).toBe("Excel reported Weird: what Excel said");
    expect(describeError(new Error("plain"))).toBe("plain");
    expect(describeError("text")).toBe("text");
    expect(describeError({ code: 42 })).toBe("Excel reported 42: [object Object]");
    expect(describeError(null)).toBe("null");
  });
});
