/**
 * Where the pane runs. Inside Excel, Office.onReady reports the host. In a
 * plain browser office.js is either missing (offline, blocked: `Office` is
 * undefined) or reports no host. The pane waits for that answer however long
 * it takes: inside Excel a cold start (office.js fetching its host script)
 * can take several seconds, and deciding "preview" early would hide the
 * workbook for the whole session. After `slowAfterMs` it says it is still
 * connecting (onSlow), and keeps waiting.
 */
export type Host =
  | { readonly kind: "excel" }
  | { readonly kind: "other"; readonly host: string }
  | { readonly kind: "none"; readonly reason: "no-office" | "no-host" };

export interface DetectOptions {
  /** When to call onSlow if Office has not answered yet (default 2 s). */
  readonly slowAfterMs?: number;
  /** Called once, if Office takes longer than slowAfterMs. */
  readonly onSlow?: () => void;
}

/** Deferred scripts (office.js among them) have run by the time the DOM is parsed. */
const domReady = (): Promise<void> =>
  document.readyState === "loading"
    ? new Promise((resolve) => document.addEventListener("DOMContentLoaded", () => resolve(), { once: true }))
    : Promise.resolve();

export async function detectHost(options: DetectOptions = {}): Promise<Host> {
  await domReady();
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return { kind: "none", reason: "no-office" };
  const { slowAfterMs = 2000, onSlow } = options;
  const timer = onSlow ? setTimeout(onSlow, slowAfterMs) : undefined;
  try {
    const info = await Office.onReady();
    if (!info.host) return { kind: "none", reason: "no-host" };
    return info.host === Office.HostType.Excel ? { kind: "excel" } : { kind: "other", host: String(info.host) };
  } finally {
    clearTimeout(timer);
  }
}
