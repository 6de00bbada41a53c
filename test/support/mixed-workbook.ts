import { STYLE, buildWorkbook } from './ooxml-builder';
import { fakeVbaProject } from './template-files';

/**
 * One workbook with a bit of everything a reader must get right: every cell type, rich and inline
 * strings, formulas, text-styled numbers, styled blanks (also after the last value), far-away
 * cells, both forms of list validation, a defined name, hidden and very hidden sheets and macros.
 * Its second sheet, "Data", ends at row 2000 (C2000 holds the last value).
 */
export function mixedWorkbook(): Uint8Array {
  return buildWorkbook({
    sheets: [
      { name: 'Cover', rows: [['About this file'], [{ inline: 'inline text' }]] },
      {
        name: 'Data',
        rows: [
          ['shared', 42, true, { date: '2025-01-06' }, { date: '2024-02-29', style: 'custom' }, { error: '#N/A' }],
          [
            { inline: '  padded ' },
            { rich: ['Bold', ' and plain'], phonetic: 'ふりがな' },
            { formula: 'A1&""', result: 'shared' },
            { formula: 'B1*2', result: 84 },
            false,
          ],
          [{ number: 45663, style: STYLE.text }, { styleOnly: STYLE.bold }, 'a & b < c', 'shared', 'café ✓'],
          [],
          [{ styleOnly: STYLE.bold }, null, { styleOnly: STYLE.bold }],
        ],
        cells: { Z900: 'far away', C2000: { date: '2030-12-31' }, B2500: { styleOnly: STYLE.bold } },
        validations: [
          { sqref: 'A2:A100', source: 'Lists!$A$1:$A$3' },
          { sqref: 'B2:B100', source: 'Lists!$B$1:$B$2', x14: true },
        ],
      },
      { name: 'Lists', state: 'hidden', rows: [['AA', 'E'], ['EA', 'G'], ['EB']] },
      { name: 'Secret', state: 'veryHidden', rows: [['x']] },
    ],
    definedNames: { GroupIds: 'Lists!$A$1:$A$3' },
    vbaProject: fakeVbaProject(1024),
  });
}
