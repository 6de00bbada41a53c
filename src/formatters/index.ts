import type { Formatter } from './format-types';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

export type { FileReport, FormatContext, Formatter } from './format-types';

/** Output formats by name: `--format text|json|sarif`. */
export const FORMATTERS: Readonly<Record<'text' | 'json' | 'sarif', Formatter>> = Object.freeze({
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
});

export type FormatName = keyof typeof FORMATTERS;

export const isFormatName = (s: string): s is FormatName => Object.prototype.hasOwnProperty.call(FORMATTERS, s);
