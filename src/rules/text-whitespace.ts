import { defineRule } from '../engine/rule';
import { Verdict } from '../engine/rule';
import { text } from '../engine/cell';
import { BOTH, fixedField, textOf } from './support/training';
import { cleanText, needsHygiene } from '../engine/text-hygiene';

export const textWhitespace = defineRule({
  id: 'text-whitespace',
  severity: 'error',
  scope: 'cell',
  title: 'Hidden or extra white space',
  description:
    'An identifier, code, date typed as text, or the User ID has white space at either end, or a non-breaking space, zero-width character, tab or line break anywhere.',
  why: 'Identifiers are sent to DCC exactly as written; invisible characters make them fail to match.',
  fields: ['identifiers', 'codes', 'dates', 'userId'],
  fixable: true,
  fixDescription: 'Removes the invisible characters and the white space at either end.',
  examples: { valid: '1312345678907', invalid: '"1312345678907 " (trailing space)' },
  stage: 1,
  cellCheck: {
    types: ['code', 'group-id', 'mpan', 'mprn', 'eui64', 'date'],
    values: ['text'],
    check: (p, report) => {
      const value = p.text;
      if (value === undefined) return undefined;
      const hygiene = checkTextWhitespace(value);
      if (!hygiene) return undefined;
      p.hygieneFailed = true;
      p.text = hygiene.cleaned;
      report(textWhitespaceMessage(value, hygiene.cleaned), hygiene.cleaned === '' ? { to: '', type: 'empty' } : { to: hygiene.cleaned, type: 'text' });
      return hygiene.cleaned === '' ? Verdict.empty : undefined;
    },
  },
  training: { templates: BOTH, field: fixedField('mpan'), mistake: (row) => ({ ...row, mpan: text(`${textOf(row.mpan)} `) }) },
});

interface HygieneResult {
  readonly cleaned: string;
}

function checkTextWhitespace(value: string): HygieneResult | undefined {
  return needsHygiene(value) ? { cleaned: cleanText(value) } : undefined;
}

function describeInvisible(value: string): string {
  const parts: string[] = [];
  if (/^\s/.test(value) || /\s$/.test(value)) parts.push('white space at the start or end');
  if (/\u00A0/.test(value)) parts.push('a non-breaking space');
  if (/\u200B|\u200C|\u200D|\uFEFF|\u2060/.test(value)) parts.push('a zero-width character');
  if (/\t/.test(value)) parts.push('a tab');
  if (/[\r\n\u2028\u2029\u0085]/.test(value)) parts.push('a line break');
  return parts.length ? parts.join(', ') : 'invisible characters';
}

/**
 * The value as typed with its invisible characters made visible, so the message shows what is wrong:
 * a space at either end as ␠, a non-breaking space as ⍽, a tab as ␉, a line break as ↵, a zero-width
 * character as [zero-width]. Long values keep their start and end, where white space usually is.
 */
export function visibleWhitespace(value: string, maxLength = 40): string {
  const lead = /^\s*/.exec(value)![0].length;
  const trail = value.length - lead === 0 ? 0 : /\s*$/.exec(value)![0].length;
  const mark = (ch: string, atEnd: boolean): string => {
    if (ch === '\u00A0') return '⍽';
    if (ch === '\t') return '␉';
    if (/[\r\n\u2028\u2029\u0085]/.test(ch)) return '↵';
    if (/^(?:\u200B|\u200C|\u200D|\uFEFF|\u2060)$/.test(ch)) return '[zero-width]';
    if (atEnd && /\s/.test(ch)) return '␠';
    return ch;
  };
  const chars = [...value].map((ch, i) => mark(ch, i < lead || i >= value.length - trail));
  if (chars.length <= maxLength) return chars.join('');
  const keep = Math.floor((maxLength - 1) / 2);
  return `${chars.slice(0, keep).join('')}…${chars.slice(chars.length - keep).join('')}`;
}

export const textWhitespaceMessage = (value: string, cleaned: string): string =>
  cleaned === ''
    ? `The cell holds only ${describeInvisible(value)} ("${visibleWhitespace(value)}"); it counts as empty. Clear it.`
    : `"${visibleWhitespace(value)}" has ${describeInvisible(value)}. Remove these characters so DCC reads "${cleaned}" exactly.`;
