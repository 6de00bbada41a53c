/** Node-only workbook file access for the CLI: read saved workbooks, patch cells for `fix`. */
export { WorkbookFileError } from './file-error';
export { ONE_PASS, readWorkbookFile, readWorkbookBytesAsync } from './workbook-reader';
export { readWorkbookFileBytes } from './workbook-package';
export { patchWorkbook } from './cell-patcher';
