import fc from 'fast-check';
import type { Cell } from '../../src/engine/cell';
import { EMPTY_CELL, num, text } from '../../src/engine/cell';
import { toA1 } from '../../src/engine/address';
import { validateWorkbook } from '../../src/engine/validate';
import { LiveValidation } from '../../src/excel/live-validation';
import { RULES } from '../../src/rules';
import { mpanFor, TODAY, validMaRow } from '../support/sheet-builder';
import { MA_SHEET, maFake } from './support/ma-fixture';
import { ManualScheduler } from './support/manual-scheduler';

const OPTIONS = { rules: RULES, today: TODAY };

/** Values a user types or pastes: valid, fixable, wrong, duplicated, header words, blanks. */
const VALUES: readonly Cell[] = [
  text(mpanFor(1)),
  text(mpanFor(40)),
  text('1300000000000'),
  text(' 13 0000 0001 024'),
  num(Number(mpanFor(41))),
  text('ea'),
  text('AA'),
  text('EB'),
  text(validMaRow(2).chfId as string),
  text('00124b0000030068'),
  text('bad'),
  text('Group ID'),
  text('Import MPAN Core'),
  EMPTY_CELL,
];

const value = fc.constantFrom(...VALUES);
/** Rows up to the header block (row 6), the data rows (7–36), and a few past their end. */
const row = fc.integer({ min: 1, max: 42 });
const col = fc.integer({ min: 1, max: 14 });

type Action =
  | { kind: 'type'; row: number; col: number; value: Cell; remote: boolean }
  | { kind: 'paste'; row: number; col: number; grid: Cell[][]; withRows: boolean }
  | { kind: 'clear-rows'; row: number; rows: number }
  | { kind: 'fill-areas'; areas: Array<[number, number, number]>; value: Cell }
  | { kind: 'clear-column'; col: number }
  | { kind: 'settle' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('type' as const), row, col, value, remote: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('paste' as const),
      row,
      col,
      grid: fc.array(fc.array(value, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
      withRows: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear-rows' as const), row, rows: fc.integer({ min: 1, max: 3 }) }) },
  {
    weight: 1,
    // Each area: a column and its first and last row.
    arbitrary: fc.record({
      kind: fc.constant('fill-areas' as const),
      areas: fc.array(fc.tuple(col, row, fc.integer({ min: 0, max: 2 })), { minLength: 2, maxLength: 3 }),
      value,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear-column' as const), col }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'settle' as const }) },
);

/**
 * The pane's promise, checked against an independent path: after any sequence of typed edits,
 * pastes (with and without address details), whole rows or a whole column cleared, one value typed into several areas
 * (Ctrl+Enter) and co-authors' edits, delivered as Excel
 * sends them and validated row by row as they come, the pane's findings are those of a full
 * validation of a fresh scan of the workbook.
 */
describe('live validation after any sequence of edits (seeded)', () => {
  it('shows the findings a full validation of the workbook gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 10 }), async (actions) => {
        const fake = maFake(30);
        const scheduler = new ManualScheduler();
        const live = new LiveValidation({ gateway: fake, engineOptions: () => OPTIONS, scheduler, highlights: true });
        await live.start();
        const settle = async () => {
          while (scheduler.pending > 0) {
            scheduler.fire();
            await live.idle();
          }
        };
        for (const a of actions) {
          if (a.kind === 'type') fake.setCell(MA_SHEET, toA1(a.row, a.col), a.value, { source: a.remote ? 'remote' : 'local' });
          else if (a.kind === 'paste') fake.setCells(MA_SHEET, toA1(a.row, a.col), a.grid, { withRows: a.withRows });
          else if (a.kind === 'clear-rows') fake.clearRows(MA_SHEET, a.row, a.row + a.rows - 1);
          else if (a.kind === 'clear-column') fake.clearColumns(MA_SHEET, a.col, a.col);
          else if (a.kind === 'fill-areas') {
            fake.fillSelection(
              MA_SHEET,
              a.areas.map(([c, r, more]) => (more === 0 ? toA1(r, c) : `${toA1(r, c)}:${toA1(r + more, c)}`)),
              a.value,
            );
          } else await settle();
        }
        await settle();
        const full = validateWorkbook(await fake.scan(), OPTIONS);
        expect(live.result!.findings).toEqual(full.findings);
        expect(live.result!.rowsChecked).toBe(full.rowsChecked);
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });
});
