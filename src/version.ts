/** The tool's version, recorded in every workbook it writes (kept equal to package.json's by a test). */
export const TOOL_VERSION = "0.1.0";
