/** The URL of taskpane.css as webpack emitted it (see styleUrl.js). */
declare const styleUrl: string;
export default styleUrl;
