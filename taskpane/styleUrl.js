// The pane's stylesheet as a URL. Webpack turns `new URL(file, import.meta.url)`
// into an emitted asset on its own (no loader, no config), and the page links it
// from its own origin, as its Content-Security-Policy (style-src 'self') requires.
// Plain JavaScript because the type checker's CommonJS settings reject import.meta.
export default new URL("./taskpane.css", import.meta.url).href;
