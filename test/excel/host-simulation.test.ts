import { CellEditMode, payloadLimitFor, payloadRefusal, refusesFormats, refusesValueWrite, SimulatedOfficeError } from '../../src/excel/host-simulation';

/**
 * Excel's refusals, defined once for the fake workbook and the Office.js mock: each row is what the
 * Office.js documentation says the host does.
 */

describe('payload limit', () => {
  it.each([
    ['web, both at the limit', 'web', 5_000_000, 5_000_000, null],
    ['web, request one byte over', 'web', 5_000_001, 0, 'RequestPayloadSizeLimitExceeded'],
    ['web, response one byte over', 'web', 0, 5_000_001, 'ResponsePayloadSizeLimitExceeded'],
    ['web, both over: the request is refused first', 'web', 6_000_000, 6_000_000, 'RequestPayloadSizeLimitExceeded'],
    ['desktop has no limit', 'desktop', 9_000_000, 9_000_000, null],
  ] as const)('%s', (_name, platform, requestBytes, responseBytes, code) => {
    expect(payloadRefusal(payloadLimitFor(platform), { requestBytes, responseBytes })?.code ?? null).toBe(code);
  });
});

describe('protected sheets', () => {
  it.each([
    ['unprotected', {}, false, false, false],
    ['protected, locked cell', { protected: true }, false, true, true],
    ['protected, unlocked cell', { protected: true }, true, false, true],
    ['protected with "Format cells", locked cell', { protected: true, allowFormatCells: true }, false, true, false],
    ['protected with "Format cells", unlocked cell', { protected: true, allowFormatCells: true }, true, false, false],
  ] as const)('%s', (_name, sheet, unlocked, valueRefused, formatsRefused) => {
    expect([refusesValueWrite(sheet, unlocked), refusesFormats(sheet)]).toEqual([valueRefused, formatsRefused]);
  });
});

describe('cell edit mode', () => {
  const settle = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };

  it('admits every batch outside edit mode', async () => {
    await expect(new CellEditMode().admit(false, false)).resolves.toBeUndefined();
  });

  it("refuses a batch without delayForCellEdit, and one on a host that ignores it, with Excel's code", async () => {
    const mode = new CellEditMode();
    mode.active = true;
    await expect(mode.admit(false, true)).rejects.toEqual(new SimulatedOfficeError('InvalidOperationInCellEditMode'));
    await expect(mode.admit(true, false)).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
  });

  it('holds a batch with delayForCellEdit until the edit ends', async () => {
    const mode = new CellEditMode();
    mode.active = true;
    let admitted = false;
    const held = mode.admit(true, true).then(() => (admitted = true));
    await settle();
    expect(admitted).toBe(false);
    mode.active = false;
    await held;
    expect(admitted).toBe(true);
  });
});
