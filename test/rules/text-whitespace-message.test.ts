import { textWhitespaceMessage, visibleWhitespace } from '../../src/rules/text-whitespace';

describe('text-whitespace message shows the hidden characters', () => {
  it('marks a trailing space so the analyst can see it', () => {
    expect(textWhitespaceMessage('00-12-4B-00-00-01-02-03 ', '00-12-4B-00-00-01-02-03')).toBe(
      '"00-12-4B-00-00-01-02-03␠" has white space at the start or end. Remove these characters so DCC reads "00-12-4B-00-00-01-02-03" exactly.',
    );
  });

  it('marks leading spaces, non-breaking spaces, tabs, line breaks and zero-width characters', () => {
    expect(visibleWhitespace(' AB')).toBe('␠AB');
    expect(visibleWhitespace('A\u00A0B')).toBe('A⍽B');
    expect(visibleWhitespace('A\tB')).toBe('A␉B');
    expect(visibleWhitespace('A\nB')).toBe('A↵B');
    expect(visibleWhitespace('\u200BAB')).toBe('[zero-width]AB');
    // A space inside the value is an ordinary space.
    expect(visibleWhitespace('A B ')).toBe('A B␠');
  });

  it('keeps both ends of a long value, where the white space is', () => {
    expect(visibleWhitespace(`${'1'.repeat(60)} `, 11)).toBe('11111…1111␠');
  });

  it('says a cell of white space only counts as empty, and shows it', () => {
    expect(textWhitespaceMessage(' \t', '')).toBe('The cell holds only white space at the start or end, a tab ("␠␉"); it counts as empty. Clear it.');
  });
});
