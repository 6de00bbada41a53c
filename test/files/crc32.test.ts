import { crc32 } from '../../src/files/crc32';

/** The CRC-32 that ZIP stores (ISO-HDLC), against its published check values. */
describe('crc32', () => {
  it.each([
    ['', 0x00000000],
    ['a', 0xe8b7be43],
    ['123456789', 0xcbf43926],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('%j is %s', (text, expected) => {
    expect(crc32(Buffer.from(text, 'latin1'))).toBe(expected);
  });

  it('reads a view into a larger buffer by its own bytes only, as an unsigned number', () => {
    const whole = Buffer.from('xx123456789yy', 'latin1');
    expect(crc32(new Uint8Array(whole.buffer, whole.byteOffset + 2, 9))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array([0xff, 0xff, 0xff, 0xff]))).toBe(0xffffffff);
  });
});
