import fc from 'fast-check';
import { EXCEL_ERRORS, serialToIso } from '../../src/engine/cell';
import type { WorkbookSnapshot } from '../../src/engine/snapshot';
import type { Template } from './random-workbook';
import { fieldsOf, valueFor } from './random-workbook';
import type { TestValue } from './sheet-builder';
import { buildWorkbook, DORMANT_HEADERS, MA_HEADERS, USER_ID, validDormantRow, validMaRow } from './sheet-builder';

/**
 * Arbitraries for hostile workbooks: random-workbook's rule-exercising values mixed with strings of
 * invisible, control, bidi and markup characters, extreme numbers, any date serial Excel shows,
 * every error value and formula results, in templates with shuffled, missing or renamed columns.
 */

const SPECIAL_CHARS = [
  ' ',
  '\t',
  '\n',
  '\r',
  '\u000B',
  '\u0000',
  '\u0001',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u00A0',
  '\u1680',
  '\u2003',
  '\u200B',
  '\u200D',
  '\u200E',
  '\u200F',
  '\u202E',
  '\u2028',
  '\u2066',
  '\u3000',
  '\uFEFF',
  '\uD83D\uDC4D',
  '\uD800',
  '\uDFFF',
  '<',
  '>',
  '&',
  '"',
  "'",
  '\\',
  '=',
  '#',
  '%',
  '-',
  ':',
  '.',
  '/',
  'e',
  'E',
  '+',
  '_x0041_',
];
const HEX = [...'0123456789abcdefABCDEF'];

const specialChar = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_CHARS) },
  { weight: 3, arbitrary: fc.constantFrom(...HEX) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Short strings built mostly from the characters that break naive parsers. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.array(specialChar, { maxLength: 24 }).map((cs) => cs.join('')),
  // A valid value with something invisible or odd glued on or inside.
  fc
    .tuple(
      fc.constantFrom(USER_ID, '1312345678907', '3938424403', 'EA', 'E', 'Y', '2027-03-01', '01/03/2027'),
      fc.array(specialChar, { minLength: 1, maxLength: 3 }),
      fc.nat(),
    )
    .map(([v, extra, at]) => {
      const i = at % (v.length + 1);
      return v.slice(0, i) + extra.join('') + v.slice(i);
    }),
  fc.integer({ min: 1, max: 2000 }).map((n) => '9'.repeat(n)),
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e15, 1e21, 1312345678907, 7012345678901234, 2958465, 2958466, 60, 59, 61, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE),
);

/** One hostile cell value in the builder's TestValue form. */
export const hostileValue: fc.Arbitrary<TestValue> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2958465 }).map((serial) => ({ date: serialToIso(serial) })) },
  { weight: 1, arbitrary: fc.constantFrom(...EXCEL_ERRORS).map((error) => ({ error })) },
  { weight: 1, arbitrary: fc.oneof(hostileString, hostileNumber, fc.constant(null)).map((formula) => ({ formula })) },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** A value for a field: from the rule-exercising pool or hostile, or the row's valid value. */
const fieldValue = (field: string): fc.Arbitrary<TestValue> => fc.oneof(valueFor(field), hostileValue);

export interface HostileWorkbook {
  readonly template: Template;
  readonly workbook: WorkbookSnapshot;
  readonly columns: readonly string[];
}

const sheetName = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom(`Bob's "MA"`, ' spaced  name ', 'Données ✓', '👍', "It''s", 'Lists') },
);

export function hostileWorkbookArbitrary(maxRows = 10): fc.Arbitrary<HostileWorkbook> {
  return fc.constantFrom<Template>('ma', 'dormant').chain((template) => {
    const all = Object.keys(template === 'ma' ? MA_HEADERS : DORMANT_HEADERS);
    const valid = (i: number): Record<string, TestValue> => (template === 'ma' ? validMaRow(i) : validDormantRow(i));
    const row = (i: number) =>
      fc.oneof(
        { weight: 1, arbitrary: fc.constant(null) },
        {
          weight: 8,
          arbitrary: fc
            .array(
              fc.constantFrom(...fieldsOf(template)).chain((f) => fieldValue(f).map((v) => [f, v] as const)),
              { maxLength: 5 },
            )
            .map((changes) => ({ ...valid(i), ...Object.fromEntries(changes) })),
        },
      );
    return fc
      .record({
        // Mostly every column in order; sometimes shuffled, thinned (maybe below the 4 needed) or with a stranger.
        columns: fc.oneof(
          { weight: 3, arbitrary: fc.constant(all) },
          { weight: 2, arbitrary: fc.shuffledSubarray(all, { minLength: 2 }) },
          { weight: 1, arbitrary: fc.shuffledSubarray([...all, 'notes', 'mpan'], { minLength: 4 }) },
        ),
        rows: fc.integer({ min: 0, max: maxRows }).chain((n) => fc.tuple(...Array.from({ length: n }, (_v, i) => row(i % 7)))),
        version: fc.oneof(fc.constant(undefined), hostileValue),
        userId: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileValue }),
        sheetName,
        title: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.oneof(fc.constant(null), hostileString) }),
      })
      .map(({ columns, rows, version, userId, sheetName: name, title }) => ({
        template,
        columns,
        workbook: buildWorkbook(rows, {
          template,
          columns,
          ...(version !== undefined ? { version } : {}),
          ...(userId !== undefined ? { userId } : {}),
          ...(name !== undefined ? { sheetName: name } : {}),
          ...(title !== undefined ? { title } : {}),
        }),
      }));
  });
}
