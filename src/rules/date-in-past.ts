import { defineRule } from '../engine/rule';
import { date } from '../engine/cell';
import { BOTH, dateField } from './support/training';

export const dateInPast = defineRule({
  id: 'date-in-past',
  severity: 'warning',
  scope: 'cell',
  title: 'Date in the past',
  description: 'A migration date is before today.',
  why: 'DCC cannot schedule a migration in the past; the row will be rejected or rescheduled.',
  fields: ['earliestMigrationDate', 'weekCommencing'],
  fixable: false,
  examples: { valid: 'a date after today', invalid: '2019-04-01' },
  stage: 5,
  cellCheck: {
    types: ['date'],
    values: ['date'],
    check: (p, report) => {
      if (p.key! < p.ctx.today) report(dateInPastMessage(p.key!, p.ctx.today));
      return undefined;
    },
  },
  training: { templates: BOTH, field: dateField, mistake: (row, { template }) => ({ ...row, [dateField(template)]: date('2019-04-01') }) },
});

const dateInPastMessage = (iso: string, today: string): string => `${iso} is before today (${today}). Choose a future date.`;
