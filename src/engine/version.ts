/** The tool's name and version as the JSON and SARIF outputs state them (kept equal to package.json by a test). */
export const TOOL_NAME = 'mam-prep';
export const TOOL_VERSION = '0.1.0';
