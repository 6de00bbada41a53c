import { SharedStrings } from '../../src/files/shared-strings';

const sst = (root: string, items: string): SharedStrings =>
  SharedStrings.parse(Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${root}${items}</sst>`, 'utf8'));
const all = (s: SharedStrings): string[] => Array.from({ length: s.length }, (_v, i) => s.text(i));

describe('shared strings', () => {
  const items =
    '<si><t>plain</t></si><si><t>a &amp; b &lt; c</t></si><si><t>_x0041_BC</t></si><si><t>under_score</t></si><si><t>café ✓</t></si><si><t xml:space="preserve"> x </t></si><si><r><t>Bold</t></r><r><t> run</t></r></si><si/>';
  const expected = ['plain', 'a & b < c', 'ABC', 'under_score', 'café ✓', ' x ', 'Bold run', ''];

  it.each([
    ['a true uniqueCount', '<sst xmlns="m" count="9" uniqueCount="8">'],
    ['no count at all', '<sst xmlns="m">'],
    ['a count far too small', '<sst xmlns="m" uniqueCount="1">'],
    ['a count far too large (capped by the bytes)', '<sst xmlns="m" uniqueCount="999999999">'],
    ['a prefixed root with only count', '<x:sst xmlns:x="m" count=\'8\'>'],
  ])('reads every item whatever %s says', (_what, root) => {
    const s = sst(root, root.startsWith('<x:') ? items.replace(/<(\/?)(si|t|r)\b/g, '<$1x:$2') : items);
    expect(all(s)).toEqual(expected);
  });

  it.each([
    ['an empty <t/>', '<si><t/></si>', ''],
    ['an empty <t> with attributes', '<si><t xml:space="preserve"/></si>', ''],
    ['a plain run followed by a phonetic run', '<si><t>a</t><rPh sb="0" eb="1"><t>ア</t></rPh></si>', 'a'],
    ['white space between </t> and </si>', '<si><t>x</t>\n</si>', 'x'],
    ['non-ASCII text with escapes', '<si><t>é &amp; _x0041_</t></si>', 'é & A'],
    ['non-ASCII text without escapes', '<si><t>Zoë</t></si>', 'Zoë'],
    ['a tag name that only starts with t', '<si><tx>no</tx><t>yes</t></si>', 'yes'],
  ])('reads %s', (_what, item, text) => {
    expect(all(sst('<sst>', `<si><t>before</t></si>${item}<si><t>after</t></si>`))).toEqual(['before', text, 'after']);
  });

  it('grows past a small declared count on a long table', () => {
    const many = Array.from({ length: 5000 }, (_v, i) => `<si><t>item ${i}</t></si>`).join('');
    const s = sst('<sst uniqueCount="3">', many);
    expect(s.length).toBe(5000);
    expect(s.text(4999)).toBe('item 4999');
  });
});
