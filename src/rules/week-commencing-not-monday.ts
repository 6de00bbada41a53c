import { defineRule } from '../engine/rule';
import { date, isExcelDate } from '../engine/cell';
import { addDays, futureMonday } from './support/sample-identifiers';
import { DORMANT_ONLY, fixedField } from './support/training';

export const weekCommencingNotMonday = defineRule({
  id: 'week-commencing-not-monday',
  severity: 'warning',
  scope: 'cell',
  title: 'Week commencing is not a Monday',
  description: 'The Migration Week Commencing date is not a Monday.',
  why: 'DCC schedules dormant migrations by week; the week starts on Monday.',
  fields: ['weekCommencing'],
  fixable: true,
  fixDescription: 'Moves the date to the Monday on or before it.',
  examples: { valid: '2027-03-01 (Monday)', invalid: '2027-03-03 (Wednesday)' },
  stage: 5,
  cellCheck: {
    types: ['date'],
    values: ['date'],
    check: (p, report) => {
      const v = p.cell.value;
      // Excel serials after the 1900 leap-year bug: serial % 7 === 2 is a Monday.
      if (!p.field.mustBeMonday || v.kind !== 'date' || (v.serial > 60 && Math.floor(v.serial) % 7 === 2)) return undefined;
      const monday = checkMonday(v.iso);
      // No fix to a Monday before 1900: Excel cannot hold it.
      if (monday !== undefined) report(weekCommencingNotMondayMessage(v.iso, monday), isExcelDate(monday) ? { to: monday, type: 'date' } : undefined);
      return undefined;
    },
  },
  training: {
    templates: DORMANT_ONLY,
    field: fixedField('weekCommencing'),
    mistake: (row, { today }) => ({ ...row, weekCommencing: date(addDays(futureMonday(today), 2)) }),
  },
});

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const weekdayOf = (iso: string): number => new Date(`${iso}T00:00:00Z`).getUTCDay();

/** The Monday on or before `iso`, or undefined when `iso` is a Monday. */
export function checkMonday(iso: string): string | undefined {
  const day = weekdayOf(iso);
  if (day === 1) return undefined;
  const back = (day + 6) % 7;
  return new Date(Date.parse(`${iso}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
}

const weekCommencingNotMondayMessage = (iso: string, monday: string): string =>
  `${iso} is a ${WEEKDAYS[weekdayOf(iso)]}; the week commencing should be the Monday, ${monday}.`;
