/** Node-only workbook file access for the CLI: read saved workbooks, patch cells for `fix`. */
export { WorkbookFileError } from './file-error';
export { ONE_PASS, readWorkbookFile, readWorkbookBytes, readWorkbookBytesAsync } from './workbook-reader';
export { readWorkbookFileBytes } from './workbook-package';
export type { ReadOptions } from './workbook-package';
export { patchWorkbook } from './cell-patcher';
export type { PatchOutcome, AppliedPatch, SkippedPatch } from './cell-patcher';
export { DEFAULT_ZIP_LIMITS } from './zip-archive';
export type { ZipLimits } from './zip-archive';
