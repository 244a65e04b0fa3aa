/** Small DOM helpers. Text goes in through textContent only: workbook text is never parsed as HTML. */

export function byId<T extends HTMLElement>(id: string, kind: { new (): T; prototype: T }): T {
  const node = document.getElementById(id);
  if (!(node instanceof kind)) throw new Error(`The pane's page has no <${kind.name}> #${id}.`);
  return node;
}

export interface ElementOptions {
  readonly text?: string;
  readonly className?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: readonly Node[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.text !== undefined) node.textContent = options.text;
  if (options.className) node.className = options.className;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function option(value: string, label: string, selected = false): HTMLOptionElement {
  const node = el("option", { text: label });
  node.value = value;
  node.selected = selected;
  return node;
}
