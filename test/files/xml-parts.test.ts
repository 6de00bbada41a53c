import { cellAt } from '../../src/engine/snapshot';
import { WorkbookFileError } from '../../src/files/file-error';
import { parseRelationships, parseStyles, parseWorkbook } from '../../src/files/package-parts';
import { scanListValidations } from '../../src/files/sheet-scanner';
import { workbookDateSystem } from '../../src/files/workbook-date-system';
import { readWorkbookBytes } from '../../src/files/workbook-reader';
import { XmlMarkupError } from '../../src/files/xml-markup';
import { parseXml } from '../../src/files/xml-tree';
import { buildWorkbook } from '../support/ooxml-builder';
import { rewriteParts } from '../support/xlsx-rewrite';

/**
 * The small parts are read by an XML parser: comments, CDATA sections, character and entity
 * references, any namespace prefix and nesting are read as XML says, in every one of them.
 */

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8"?>
<!-- package relationships, written by hand -->
<pr:Relationships xmlns:pr="http://schemas.openxmlformats.org/package/2006/relationships">
  <![CDATA[<pr:Relationship Id="rIdFake" Type="${REL}/officeDocument" Target="fake.xml"/>]]>
  <!-- <pr:Relationship Id="rIdOld" Type="${REL}/officeDocument" Target="old.xml"/> -->
  <pr:Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>
</pr:Relationships>`;

const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8"?>
<pr:Relationships xmlns:pr="http://schemas.openxmlformats.org/package/2006/relationships">
  <!-- <pr:Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/commented.xml"/> -->
  <pr:Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>
  <pr:Relationship Id="rId2" Type="${REL}/worksheet" Target="./worksheets/../worksheets/sheet2.xml"/>
  <pr:Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>
  <pr:Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>
  <pr:Relationship Id="rId5" Type="${REL}/hyperlink" Target="https://example.com/?a=1&amp;b=&#x32;" TargetMode="External"/>
  <pr:Relationship Id="rId6" Type="${REL}/customXml" Target="../customXml/R&amp;D&#32;item.xml"/>
</pr:Relationships>`;

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:workbook xmlns:x="${MAIN}" xmlns:rel="${REL}">
  <!-- <x:workbookPr date1904="0"/> -->
  <x:workbookPr date1904="1"/>
  <x:sheets>
    <x:sheet name="R&amp;D &#x41;&#66;" sheetId="1" rel:id="rId1"/>
    <!-- <x:sheet name="Commented" sheetId="9" rel:id="rId9"/> -->
    <![CDATA[<x:sheet name="In CDATA" sheetId="8" rel:id="rId8"/>]]>
    <x:sheet name="Lists" sheetId="2" state="hidden" rel:id="rId2"/>
  </x:sheets>
  <x:definedNames>
    <x:definedName name="Devices"><![CDATA[Lists!$A$1:$A$3]]></x:definedName>
    <x:definedName name="Mixed">'R&amp;D AB'!$B$2<!-- a note -->:$B$9</x:definedName>
    <x:definedName name="Scoped" localSheetId="0">Lists!$C$1</x:definedName>
  </x:definedNames>
  <x:extLst><x:ext uri="{nested}"><x:sheets><x:sheet name="Nested" sheetId="7" rel:id="rId1"/></x:sheets></x:ext></x:extLst>
</x:workbook>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<s:styleSheet xmlns:s="${MAIN}">
  <s:numFmts count="2">
    <!-- custom formats -->
    <s:numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>
    <s:numFmt numFmtId="165" formatCode="&quot;Batch&quot;&#x20;0"/>
  </s:numFmts>
  <s:cellStyleXfs count="1"><s:xf numFmtId="14"/></s:cellStyleXfs>
  <s:cellXfs count="4">
    <s:xf numFmtId="0"/>
    <!-- <s:xf numFmtId="14"/> -->
    <![CDATA[<s:xf numFmtId="14"/>]]>
    <s:xf numFmtId="164"/>
    <s:xf numFmtId="165"/>
    <s:xf numFmtId="14"><s:alignment horizontal="left"/></s:xf>
  </s:cellXfs>
  <s:dxfs count="1"><s:dxf><s:numFmt numFmtId="164" formatCode="0.00"/></s:dxf></s:dxfs>
</s:styleSheet>`;

/** Both forms of list validation, written with a comment, CDATA, references and prefixes. */
const VALIDATIONS = `<x:dataValidations count="3">
  <!-- <x:dataValidation type="list" sqref="Z1"><x:formula1>"Old"</x:formula1></x:dataValidation> -->
  <x:dataValidation type="list" allowBlank="1" sqref="B2:B9 D2"><x:formula1><![CDATA["Yes,No & <maybe>"]]></x:formula1></x:dataValidation>
  <x:dataValidation type="whole" sqref="C2"><x:formula1>1</x:formula1></x:dataValidation>
  <x:dataValidation type="list" sqref="E2"><x:formula1>&quot;A&#x42;C&quot;</x:formula1></x:dataValidation>
</x:dataValidations><x:extLst><x:ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list"><x14:formula1><!-- the list --><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>F2:F9</xm:sqref></x14:dataValidation></x14:dataValidations></x:ext></x:extLst>`;

const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="${MAIN}" xmlns:r="${REL}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>${VALIDATIONS}</x:worksheet>`;

const EXPECTED_VALIDATIONS = [
  { sqref: 'B2:B9 D2', source: '"Yes,No & <maybe>"' },
  { sqref: 'E2', source: '"ABC"' },
  { sqref: 'F2:F9', source: 'Lists!$A$1:$A$3' },
];

describe('the small parts, read by the XML parser', () => {
  it('relationships: a comment and CDATA are not relationships; references are resolved; any prefix', () => {
    expect(parseRelationships(parseXml(PACKAGE_RELS), '')).toEqual([{ id: 'rId1', type: `${REL}/officeDocument`, target: 'xl/workbook.xml', external: false }]);
    expect(parseRelationships(parseXml(WORKBOOK_RELS), 'xl/workbook.xml')).toEqual([
      { id: 'rId1', type: `${REL}/worksheet`, target: 'xl/worksheets/sheet1.xml', external: false },
      { id: 'rId2', type: `${REL}/worksheet`, target: 'xl/worksheets/sheet2.xml', external: false },
      { id: 'rId3', type: `${REL}/styles`, target: 'xl/styles.xml', external: false },
      { id: 'rId4', type: `${REL}/sharedStrings`, target: 'xl/sharedStrings.xml', external: false },
      { id: 'rId5', type: `${REL}/hyperlink`, target: 'https://example.com/?a=1&b=2', external: true },
      { id: 'rId6', type: `${REL}/customXml`, target: 'customXml/R&D item.xml', external: false },
    ]);
  });

  it('workbook: sheets, states and defined names through comments, CDATA, references and a nested look-alike', () => {
    const rels = parseRelationships(parseXml(WORKBOOK_RELS), 'xl/workbook.xml');
    const root = parseXml(WORKBOOK);
    expect(parseWorkbook(root, rels)).toEqual({
      sheets: [
        { name: 'R&D AB', state: 'visible', part: 'xl/worksheets/sheet1.xml', index: 0 },
        { name: 'Lists', state: 'hidden', part: 'xl/worksheets/sheet2.xml', index: 1 },
      ],
      definedNames: { Devices: 'Lists!$A$1:$A$3', Mixed: "'R&D AB'!$B$2:$B$9" },
      sharedStringsPart: 'xl/sharedStrings.xml',
      stylesPart: 'xl/styles.xml',
    });
    expect(workbookDateSystem(root)).toBe('1904');
  });

  it('styles: only cellXfs count, custom formats only from numFmts (not a dxf), references resolved', () => {
    expect(parseStyles(parseXml(STYLES))).toEqual({
      numFmtIds: [0, 164, 165, 14],
      isDate: [false, true, false, true],
      customFormats: new Map([
        [164, 'dd/mm/yyyy'],
        [165, '"Batch" 0'],
      ]),
    });
  });

  it('data validations: each element is cut from the sheet bytes and parsed, prefixes bound or not', () => {
    expect(scanListValidations(Buffer.from(SHEET))).toEqual(EXPECTED_VALIDATIONS);
  });

  it.each([
    ['a tag left open', '<a><b></a>', 'Opening and ending tag mismatch: "b" != "a"'],
    ['an undefined entity', '<a>&nbsp;</a>', 'entity not found:&nbsp;'],
    ['a repeated attribute', '<a x="1" x="2"/>', 'Attribute x redefined'],
    ['a second root', '<a/><b/>', 'Error constructing the DOM: HierarchyRequestError: Only one element can be added and only after doctype'],
  ])("refuses %s with the parser's reason", (_name, xml, reason) => {
    expect(() => parseXml(xml)).toThrow(new XmlMarkupError(reason));
  });
});

describe('a whole workbook whose small parts use comments, CDATA, references, prefixes and nesting', () => {
  const plain = buildWorkbook({
    sheets: [
      { name: 'R&D AB', rows: [[1, { number: 45083, style: 1 }, { number: 45083, style: 2 }]] },
      { name: 'Lists', rows: [['a'], ['b'], ['c']], state: 'hidden' },
    ],
  });
  const rewritten = rewriteParts(plain, (name, text) => {
    if (name === '_rels/.rels') return PACKAGE_RELS;
    if (name === 'xl/_rels/workbook.xml.rels') return WORKBOOK_RELS;
    if (name === 'xl/workbook.xml') return WORKBOOK;
    if (name === 'xl/styles.xml') return STYLES;
    if (name === 'xl/worksheets/sheet1.xml') return text.replace('</sheetData>', `</sheetData>${VALIDATIONS.replace(/x:/g, '')}`);
    return undefined;
  });

  it('reads the names, dates, styles and validations as written', () => {
    const wb = readWorkbookBytes(rewritten, 'parts.xlsx');
    expect(wb.sheets.map((s) => [s.name, s.hidden ?? false])).toEqual([
      ['R&D AB', false],
      ['Lists', true],
    ]);
    expect(wb.definedNames).toEqual({ Devices: 'Lists!$A$1:$A$3', Mixed: "'R&D AB'!$B$2:$B$9" });
    const sheet = wb.sheets[0]!;
    // cellXfs 1 is numFmt 164 (a date); in the 1904 system serial 45083 is 2027-06-07.
    expect(cellAt(sheet, 1, 2).value).toEqual({ kind: 'date', serial: 46545, iso: '2027-06-07' });
    // cellXfs 2 is numFmt 165, `"Batch" 0`: a number, not a date.
    expect(cellAt(sheet, 1, 3).value).toEqual({ kind: 'number', number: 45083 });
    expect(sheet.validations).toEqual(EXPECTED_VALIDATIONS);
  });

  it('names the part whose XML is malformed', () => {
    const broken = rewriteParts(plain, (name) => (name === 'xl/styles.xml' ? STYLES.replace('<s:xf numFmtId="0"/>', '<s:xf numFmtId="0">') : undefined));
    expect(() => readWorkbookBytes(broken, 'broken.xlsx')).toThrow(
      new WorkbookFileError(
        'broken.xlsx',
        'not a valid workbook: part "xl/styles.xml" has malformed XML (Opening and ending tag mismatch: "s:xf" != "s:cellXfs")',
      ),
    );
  });

  it('names the sheet whose data validations are malformed', () => {
    const broken = rewriteParts(plain, (name, text) =>
      name === 'xl/worksheets/sheet1.xml'
        ? text.replace(
            '</sheetData>',
            '</sheetData><dataValidations count="1"><dataValidation type="list" sqref="A1"><formula1>&bogus;</formula1></dataValidation></dataValidations>',
          )
        : undefined,
    );
    expect(() => readWorkbookBytes(broken, 'dv.xlsx')).toThrow(
      new WorkbookFileError('dv.xlsx', 'not a valid workbook: sheet "R&D AB" has malformed XML (in its data validations, entity not found:&bogus;)'),
    );
  });
});
