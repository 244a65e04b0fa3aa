import { byId } from "./dom";

export type Tone = "info" | "success" | "error";

/** Where a Status speaks: its aria-live region, its progress bar, the section it marks busy. */
export interface StatusIds {
  readonly region: string;
  readonly progress: string;
  /**
   * Marked aria-busy while an action runs, so assistive technology waits for
   * the finished section. Leave it out when the section holds live progress
   * text: aria-busy would hold back those announcements too.
   */
  readonly section?: string;
}

const BUILD_IDS: StatusIds = { region: "status", progress: "progress", section: "build" };

/** One action at a time across the whole pane: every Status of the page shares one lock. */
export class ActionLock {
  running = false;
}

export interface RunOptions {
  /** Buttons that stay usable while the action runs (a Cancel button). */
  readonly keepEnabled?: readonly HTMLButtonElement[];
}

/**
 * A status line (an aria-live region) and the busy state: while an action
 * runs, every action button is disabled (but those kept usable), the one
 * pressed shows a spinner, a progress bar shows, and the section is aria-busy.
 */
export class Status {
  private readonly region: HTMLElement;
  private readonly progress: HTMLProgressElement;
  private readonly section: HTMLElement | undefined;

  constructor(ids: StatusIds = BUILD_IDS, private readonly lock: ActionLock = new ActionLock()) {
    this.region = byId(ids.region, HTMLElement);
    this.progress = byId(ids.progress, HTMLProgressElement);
    this.section = ids.section === undefined ? undefined : byId(ids.section, HTMLElement);
  }

  say(text: string, tone: Tone = "info"): void {
    this.region.className = `status ${tone === "info" ? "" : tone}`.trim();
    this.region.textContent = text;
  }

  get busy(): boolean {
    return this.lock.running;
  }

  /** Runs one action at a time; returns undefined when another is still running. */
  async run<T>(button: HTMLButtonElement, task: () => Promise<T>, options: RunOptions = {}): Promise<T | undefined> {
    if (this.lock.running) return undefined;
    this.lock.running = true;
    const keep = new Set(options.keepEnabled ?? []);
    const buttons = [...document.querySelectorAll<HTMLButtonElement>("main button")].filter((b) => !keep.has(b));
    const wasDisabled = new Map(buttons.map((b) => [b, b.disabled]));
    for (const b of buttons) b.disabled = true;
    button.classList.add("busy");
    this.progress.hidden = false;
    this.section?.setAttribute("aria-busy", "true");
    try {
      return await task();
    } finally {
      for (const b of buttons) b.disabled = wasDisabled.get(b) ?? false;
      button.classList.remove("busy");
      this.progress.hidden = true;
      this.section?.removeAttribute("aria-busy");
      this.lock.running = false;
      if (!button.hidden && button.isConnected) button.focus();
    }
  }
}
