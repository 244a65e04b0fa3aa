/**
 * The metadata plugin appends `CustomFunctions.associate(id, fn)` for every
 * function to functions.ts. functions.ts imports this object under that name,
 * so those calls land here and reach Excel's runtime when it is present. When
 * it is not (the pane opened in a plain browser, a Node test without a
 * stand-in) they do nothing, instead of a ReferenceError while the script loads.
 */
export const CustomFunctions = {
  associate(id: string, fn: (...args: never[]) => unknown): void {
    const runtime = (globalThis as { CustomFunctions?: { associate(id: string, fn: unknown): void } }).CustomFunctions;
    runtime?.associate(id, fn);
  },
};
