import fc from 'fast-check';
import {
  canonicalEui64,
  isReservedEui64,
  isValidMpanCore,
  isValidMprn,
  mpanExpectedCheckDigit,
  mprnExpectedCheckValue,
  partyOctets,
} from '../../src/engine/identifiers';
import { cleanText, needsHygiene } from '../../src/engine/text-hygiene';
import { fixMpanFormat } from '../../src/rules/mpan-format';
import { fixMprnFormat } from '../../src/rules/mprn-format';
import { parseTextDate } from '../../src/rules/date-invalid';
import { checkMonday } from '../../src/rules/week-commencing-not-monday';

describe('MPAN core (published check-digit vectors)', () => {
  it.each(['1312345678907', '1191417776317', '1306690743919', '1200080636088'])('%s is valid', (core) => {
    expect(isValidMpanCore(core)).toBe(true);
  });
  it('1200080636089 is invalid and its check digit should be 8', () => {
    expect(isValidMpanCore('1200080636089')).toBe(false);
    expect(mpanExpectedCheckDigit('1200080636089')).toBe(8);
  });
  it('131234567890 (12 digits) is invalid', () => expect(isValidMpanCore('131234567890')).toBe(false));
});

describe('MPRN (published check-value vectors)', () => {
  it.each(['3938424403', '889401', '44851701', '2352697908'])('%s is valid', (mprn) => expect(isValidMprn(mprn)).toBe(true));
  it('2352697909 mismatches', () => {
    expect(isValidMprn('2352697909')).toBe(false);
    expect(mprnExpectedCheckValue('23526979')).toBe('08');
  });
});

describe('EUI-64', () => {
  it.each([
    ['70b3d51f3000a008', '70-B3-D5-1F-30-00-A0-08'],
    ['70:B3:D5:1F:30:00:A0:08', '70-B3-D5-1F-30-00-A0-08'],
    ['70 b3 d5 1f 30 00 a0 08', '70-B3-D5-1F-30-00-A0-08'],
    ['70.B3-D5:1F 30.00-A0:08', '70-B3-D5-1F-30-00-A0-08'],
  ])('%s → %s', (input, canonical) => expect(canonicalEui64(input)).toBe(canonical));
  it.each(['70-B3-D5-1F-30-00-A0', '70-B3-D5-1F-30-00-A0-08-01', 'G0-B3-D5-1F-30-00-A0-08', ''])('%s is not an EUI-64', (v) =>
    expect(canonicalEui64(v)).toBeUndefined(),
  );
  it('knows the reserved values', () => {
    expect(isReservedEui64('00-00-00-00-00-00-00-00')).toBe(true);
    expect(isReservedEui64('FF-FF-FF-FF-FF-FF-FF-FF')).toBe(true);
    expect(isReservedEui64('70-B3-D5-1F-30-00-A0-08')).toBe(false);
  });
  it('reads the party octets 6 and 7 by default', () => expect(partyOctets('70-B3-D5-1F-30-00-A0-08', [6, 7])).toBe('00-A0'));
});

describe('identifier functions are total and canonical forms are fixed points', () => {
  const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[0-9a-fA-F:\- .]{0,30}$/), fc.stringMatching(/^[0-9 -]{0,25}$/));
  const opts = { numRuns: 500, seed: 20261129 };
  it('never throw', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        canonicalEui64(s);
        isValidMpanCore(s);
        isValidMprn(s);
        mpanExpectedCheckDigit(s);
        fixMpanFormat(s);
        fixMprnFormat(s);
        cleanText(s);
        needsHygiene(s);
        parseTextDate(s);
      }),
      opts,
    );
  });
  it('canonical EUI-64 is a fixed point', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const c = canonicalEui64(s);
        if (c !== undefined) expect(canonicalEui64(c)).toBe(c);
      }),
      opts,
    );
  });
  it('fixed MPAN and MPRN forms are fixed points', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const m = fixMpanFormat(s);
        if (m !== undefined) expect(fixMpanFormat(m)).toBe(m);
        const g = fixMprnFormat(s);
        if (g !== undefined) expect(fixMprnFormat(g)).toBe(g);
      }),
      opts,
    );
  });
  it('cleaned text needs no more hygiene', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(needsHygiene(cleanText(s))).toBe(false);
        expect(cleanText(cleanText(s))).toBe(cleanText(s));
      }),
      opts,
    );
  });
  it('text needs hygiene exactly when cleaning changes it: every UTF-16 code unit, at either end and inside', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `${ch}AB`, `AB${ch}`, `A${ch}B`]) if (needsHygiene(s) !== (cleanText(s) !== s)) wrong.push(JSON.stringify(s));
    }
    expect(wrong).toEqual([]);
  });
  it('the Monday fix always lands on a Monday on or before the date, within 6 days', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1901-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const monday = checkMonday(iso) ?? iso;
        expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
        const diff = (Date.parse(iso) - Date.parse(monday)) / 86_400_000;
        expect(diff).toBeGreaterThanOrEqual(0);
        expect(diff).toBeLessThanOrEqual(6);
      }),
      opts,
    );
  });
});
