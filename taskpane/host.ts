/**
 * Where the pane runs. Inside Excel, Office.onReady reports the host. In a
 * plain browser office.js is either missing (offline, blocked: `Office` is
 * undefined) or reports no host; a host that never answers counts as none
 * after a short wait, so the page never hangs on Office.
 */
export type Host =
  | { readonly kind: "excel" }
  | { readonly kind: "other"; readonly host: string }
  | { readonly kind: "none"; readonly reason: "no-office" | "no-host" | "timeout" };

/** Deferred scripts (office.js among them) have run by the time the DOM is parsed. */
const domReady = (): Promise<void> =>
  document.readyState === "loading"
    ? new Promise((resolve) => document.addEventListener("DOMContentLoaded", () => resolve(), { once: true }))
    : Promise.resolve();

export async function detectHost(timeoutMs = 2000): Promise<Host> {
  await domReady();
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return { kind: "none", reason: "no-office" };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), timeoutMs); });
  try {
    const info = await Promise.race([Office.onReady(), timeout]);
    if (info === undefined) return { kind: "none", reason: "timeout" };
    if (!info.host) return { kind: "none", reason: "no-host" };
    return info.host === Office.HostType.Excel ? { kind: "excel" } : { kind: "other", host: String(info.host) };
  } finally {
    clearTimeout(timer);
  }
}
