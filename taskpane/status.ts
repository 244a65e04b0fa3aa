import { byId } from "./dom";

export type Tone = "info" | "success" | "error";

/**
 * The pane's status line (an aria-live region) and its busy state: while an
 * action runs, every action button is disabled, the one pressed shows a
 * spinner, a progress bar shows, and the section is aria-busy.
 */
export class Status {
  private readonly region = byId("status", HTMLElement);
  private readonly progress = byId("progress", HTMLProgressElement);
  private readonly section = byId("build", HTMLElement);
  private running = false;

  say(text: string, tone: Tone = "info"): void {
    this.region.className = `status ${tone === "info" ? "" : tone}`.trim();
    this.region.textContent = text;
  }

  get busy(): boolean {
    return this.running;
  }

  /** Runs one action at a time; returns undefined when another is still running. */
  async run<T>(button: HTMLButtonElement, task: () => Promise<T>): Promise<T | undefined> {
    if (this.running) return undefined;
    this.running = true;
    const buttons = [...document.querySelectorAll<HTMLButtonElement>("main button")];
    const wasDisabled = new Map(buttons.map((b) => [b, b.disabled]));
    for (const b of buttons) b.disabled = true;
    button.classList.add("busy");
    this.progress.hidden = false;
    this.section.setAttribute("aria-busy", "true");
    try {
      return await task();
    } finally {
      for (const b of buttons) b.disabled = wasDisabled.get(b) ?? false;
      button.classList.remove("busy");
      this.progress.hidden = true;
      this.section.removeAttribute("aria-busy");
      this.running = false;
      if (!button.hidden && button.isConnected) button.focus();
    }
  }
}
