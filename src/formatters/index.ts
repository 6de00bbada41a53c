import type { ChunkedFormatter, Formatter } from './format-types';
import { formatJson, jsonReportChunks } from './json';
import { formatSarif, sarifReportChunks } from './sarif';
import { formatText, textReportChunks } from './text';

export type { ChunkedFormatter, FileReport, FormatContext, Formatter } from './format-types';

/** Output formats by name: `--format text|json|sarif`. */
export const FORMATTERS: Readonly<Record<'text' | 'json' | 'sarif', Formatter>> = Object.freeze({
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
});

export type FormatName = keyof typeof FORMATTERS;

/** The same formats as pieces of text, for writing a report of any size as it is produced. */
export const CHUNKED_FORMATTERS: Readonly<Record<FormatName, ChunkedFormatter>> = Object.freeze({
  text: textReportChunks,
  json: jsonReportChunks,
  sarif: sarifReportChunks,
});

export const isFormatName = (s: string): s is FormatName => Object.prototype.hasOwnProperty.call(FORMATTERS, s);
