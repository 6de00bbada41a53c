import { XmlMarkupError, endsWithRootClose, plainMarkup, rootElementName } from '../../src/files/xml-markup';

/** The one-pass rewrite that lets the byte scanners read comments, instructions and CDATA. */
const plain = (xml: string): string => plainMarkup(Buffer.from(xml)).toString('utf8');

describe('plainMarkup', () => {
  it('returns a part without comments, instructions or CDATA as the same buffer', () => {
    const b = Buffer.from('<?xml version="1.0"?>\n<sst><si><t>a &amp; b</t></si></sst>');
    expect(plainMarkup(b)).toBe(b);
  });

  it.each([
    ['a comment inside a value', '<v>1<!-- x -->2</v>', '<v>12</v>'],
    ['a comment holding markup', '<r><!-- <c r="A1"><v>9</v></c> --><c/></r>', '<r><c/></r>'],
    ['an instruction', '<r><?pi a="b"?><c/></r>', '<r><c/></r>'],
    ['CDATA with markup characters', '<t><![CDATA[R&D <x> ]] > é]]></t>', '<t>R&amp;D &lt;x&gt; ]] &gt; é</t>'],
    ['CDATA holding a comment opener', '<t><![CDATA[<!-- not a comment -->]]></t>', '<t>&lt;!-- not a comment --&gt;</t>'],
    ['a comment holding a CDATA opener', '<t>a<!-- <![CDATA[ -->b</t>', '<t>ab</t>'],
    ['the declaration kept', '<?xml version="1.0"?><!-- c --><a/>', '<?xml version="1.0"?><a/>'],
  ])('%s', (_name, xml, expected) => {
    expect(plain(xml)).toBe(expected);
  });

  it('finds a comment after text full of `!` and `?` (the search for them gives up its shortcut)', () => {
    const text = '!?'.repeat(10_000);
    expect(plain(`<a>${text}<!-- gone --><?pi x?>${text}<![CDATA[<]]></a>`)).toBe(`<a>${text}${text}&lt;</a>`);
  });

  it.each([
    ['<a><!-- open</a>', 'a comment is not closed'],
    ['<a><![CDATA[open</a>', 'a CDATA section is not closed'],
    ['<a><?pi open</a>', 'a processing instruction is not closed'],
  ])('refuses %s', (xml, message) => {
    expect(() => plain(xml)).toThrow(new XmlMarkupError(message));
  });

  it('refuses a DOCTYPE, entities never expanded nor read literally', () => {
    let thrown: unknown;
    try {
      plain('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(XmlMarkupError);
    expect((thrown as XmlMarkupError).doctype).toBe(true);
  });
});

describe('endsWithRootClose and rootElementName', () => {
  const whole = (xml: string): boolean => endsWithRootClose(Buffer.from(xml));
  it.each([
    ['<?xml version="1.0"?>\n<x:sst count="1"><x:si/></x:sst>\r\n', true],
    ['<sst/>', true],
    ['<?xml version="1.0"?><sst count="0"/>  ', true],
    ['<sst><si/>', false],
    ['<sst><si/></si>', false],
    ['<sst><si><t>cut', false],
    ['', false],
    ['<?xml version="1.0"?>', false],
  ])('%j ends as a whole document: %s', (xml, expected) => {
    expect(whole(xml)).toBe(expected);
  });

  it('names the root by its local name', () => {
    expect(rootElementName(Buffer.from('<?xml version="1.0"?>\n<w:document xmlns:w="x">'))).toBe('document');
    expect(rootElementName(Buffer.from('<workbook>'))).toBe('workbook');
    expect(rootElementName(Buffer.from('no markup'))).toBe('');
  });
});
