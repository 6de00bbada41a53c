/** XML text helpers for the byte scanners (cell and string text) and the patcher, which edits parts by index. */

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML character and entity references. */
function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Decodes XML entities and OOXML's `_xHHHH_` escapes (ST_Xstring) in element text. */
export function decodeXmlText(raw: string): string {
  return decodeXstringEscapes(decodeEntities(raw));
}

/** Decodes OOXML's `_xHHHH_` escapes (ST_Xstring) in text whose XML references are already resolved. */
export function decodeXstringEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9a-fA-F]{4})_/g, (_w, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** Attribute values: entities only (the `_xHHHH_` escape is for element text). */
const decodeXmlAttribute = decodeEntities;

/** Escapes text for element content, including OOXML's escape of a literal `_xHHHH_` and control characters. */
export function encodeXmlText(value: string): string {
  return (
    value
      .replace(/_(x[0-9a-fA-F]{4}_)/g, '_x005F_$1')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`)
  );
}

/**
 * Parses the attributes of a start tag's text (`<c r="A1" t="s">` or just its inside): every
 * `name="value"` or `name='value'` in it, as the pattern /([\w:.-]+)\s*=\s*("[^"]*"|'[^']*')/ finds
 * them, but in one pass: that pattern backtracked over each suffix of a long name with no `=`
 * after it, quadratic in a 250,000-letter token.
 */
function parseAttributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const n = tag.length;
  let i = 0;
  while (i < n) {
    if (!isAttributeNameChar(tag.charCodeAt(i))) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < n && isAttributeNameChar(tag.charCodeAt(i))) i++;
    const nameEnd = i;
    // Every suffix of the name meets the same next character, so none can match where it failed.
    let j = skipSpace(tag, i);
    if (tag.charCodeAt(j) !== 61 /* = */) continue;
    j = skipSpace(tag, j + 1);
    const quote = tag.charCodeAt(j);
    if (quote !== 34 && quote !== 39) continue;
    const close = tag.indexOf(quote === 34 ? '"' : "'", j + 1);
    // Unclosed: the pattern would go on looking from inside the name; nothing there can match either.
    if (close < 0) continue;
    attrs.set(tag.slice(nameStart, nameEnd), decodeXmlAttribute(tag.slice(j + 1, close)));
    i = close + 1;
  }
  return attrs;
}

/** [\w:.-]: ASCII letters, digits, `_`, `:`, `.` and `-`. */
function isAttributeNameChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 58) || ch === 95 || ch === 46 || ch === 45;
}

/** \s as the pattern read it, for the characters XML allows between a name, `=` and its value. */
function skipSpace(s: string, from: number): number {
  let i = from;
  for (;;) {
    const ch = s.charCodeAt(i);
    if (
      ch === 32 ||
      ch === 9 ||
      ch === 10 ||
      ch === 13 ||
      ch === 11 ||
      ch === 12 ||
      ch === 0xa0 ||
      ch === 0xfeff ||
      (ch >= 0x2000 && ch <= 0x200a) ||
      ch === 0x1680 ||
      ch === 0x2028 ||
      ch === 0x2029 ||
      ch === 0x202f ||
      ch === 0x205f ||
      ch === 0x3000
    )
      i++;
    else return i;
  }
}

export interface ElementMatch {
  /** Index of `<`. */
  readonly start: number;
  /** Index just past the element's end (`/>` or its end tag). */
  readonly end: number;
  readonly attrs: Map<string, string>;
  /** Inner text span, empty for self-closing elements. */
  readonly innerStart: number;
  readonly innerEnd: number;
}

/**
 * Finds every element with the given local name (any namespace prefix) within [from, to).
 * Assumes the element does not nest inside itself, which holds for the OOXML parts read here.
 */
export function findElements(xml: string, localName: string, from = 0, to = xml.length): ElementMatch[] {
  const out: ElementMatch[] = [];
  const re = new RegExp(`<((?:[\\w.-]+:)?)${localName}(?=[\\s/>])`, 'g');
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null && m.index < to) {
    const gt = xml.indexOf('>', m.index);
    if (gt < 0) break;
    const selfClosing = xml.charCodeAt(gt - 1) === 47; /* / */
    const attrs = parseAttributes(xml.slice(m.index + 1 + m[1]!.length + localName.length, selfClosing ? gt - 1 : gt));
    if (selfClosing) {
      out.push({ start: m.index, end: gt + 1, attrs, innerStart: gt + 1, innerEnd: gt + 1 });
      re.lastIndex = gt + 1;
      continue;
    }
    const close = `</${m[1]}${localName}>`;
    const closeAt = xml.indexOf(close, gt + 1);
    if (closeAt < 0) break;
    out.push({ start: m.index, end: closeAt + close.length, attrs, innerStart: gt + 1, innerEnd: closeAt });
    re.lastIndex = closeAt + close.length;
  }
  return out;
}

/**
 * The text of a string item (`<si>`, `<is>`): every `<t>` run concatenated, phonetic runs (`<rPh>`)
 * left out, as Excel shows it.
 */
export function stringItemText(xml: string, from: number, to: number): string {
  let out = '';
  let pos = from;
  while (pos < to) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0 || lt >= to) break;
    let nameEnd = lt + 1;
    while (nameEnd < to) {
      const ch = xml.charCodeAt(nameEnd);
      if (ch === 32 || ch === 62 || ch === 47 || ch === 9 || ch === 10 || ch === 13) break;
      nameEnd++;
    }
    const name = xml.slice(lt + 1, nameEnd);
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    const gt = xml.indexOf('>', nameEnd);
    if (gt < 0) break;
    if (local === 'rPh') {
      const close = xml.indexOf(`</${name}>`, gt);
      pos = close < 0 ? to : close + name.length + 3;
      continue;
    }
    if (local === 't' && xml.charCodeAt(gt - 1) !== 47) {
      const close = xml.indexOf(`</${name}>`, gt);
      if (close < 0) break;
      out += decodeXmlText(xml.slice(gt + 1, close));
      pos = close + name.length + 3;
      continue;
    }
    pos = gt + 1;
  }
  return out;
}
