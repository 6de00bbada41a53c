import type { Element as DomElement, Node as DomNode } from '@xmldom/xmldom';
import { DOMParser } from '@xmldom/xmldom';
import { XmlMarkupError } from './xml-markup';

/**
 * The small parts of a package (relationships, workbook, styles, a sheet's data validations) are
 * read by a maintained XML parser, @xmldom/xmldom, into this plain tree: comments, processing
 * instructions, CDATA sections, character and entity references and nesting are the parser's
 * business, not a scanner's. Only the big parts (sheet data, shared strings) keep the byte scanners,
 * where their speed is measured (bench/cli-read.ts).
 *
 * Elements are named by their local name (`workbook` for `<x:workbook>`): the reader has always
 * matched OOXML elements whatever prefix a writer chose, in the transitional and Strict namespaces.
 */
export interface XmlElement {
  /** The local name, without any prefix. */
  readonly name: string;
  /** Attributes by qualified name (`r:id`, `name`), values with references resolved. */
  readonly attributes: ReadonlyMap<string, string>;
  /** Child elements, in document order. */
  readonly children: readonly XmlElement[];
  /** The text of the element and all its descendants (CDATA included), as DOM `textContent`. */
  readonly text: string;
}

const ELEMENT_NODE = 1;

/**
 * Parses a whole XML document and returns its root element. Malformed XML (a tag not closed, a
 * second root, an undefined entity, an unbound prefix...) throws XmlMarkupError with the parser's
 * one-line reason; parser warnings (an unquoted attribute value, say) are read as the browsers do.
 * A DOCTYPE is refused before parsing (see plainMarkup): OPC packages may not hold one.
 */
export function parseXml(text: string): XmlElement {
  let reason: string | undefined;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level === 'warning') return;
      reason ??= firstLine(message);
      // Stops the parse: an error in a part the reader trusts must not be read past.
      throw new XmlMarkupError(reason);
    },
  });
  let root: DomElement | null;
  try {
    root = parser.parseFromString(text, 'text/xml').documentElement;
  } catch (e) {
    if (e instanceof XmlMarkupError) throw e;
    throw new XmlMarkupError(reason ?? firstLine(e instanceof Error ? e.message : String(e)));
  }
  if (!root) throw new XmlMarkupError('the part has no root element');
  return toTree(root);
}

/** The parser's message without its position suffix or the lines it adds. */
function firstLine(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/\s*@#\[line:\d+,col:\d+\]$/, '')
    .trim();
}

function toTree(el: DomElement): XmlElement {
  const attributes = new Map<string, string>();
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    attributes.set(a.name, a.value);
  }
  const children: XmlElement[] = [];
  for (let node: DomNode | null = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === ELEMENT_NODE) children.push(toTree(node as DomElement));
  }
  return { name: el.localName ?? el.nodeName, attributes, children, text: el.textContent ?? '' };
}

/** The first child element with this local name. */
export function childNamed(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Every child element with this local name, in order. */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Every descendant element with this local name, in document order (not looking inside a match). */
export function descendantsNamed(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    else descendantsNamed(c, name, out);
  }
  return out;
}

/**
 * An attribute by qualified name, or else by its local name with any prefix or none: `r:id` also
 * finds `rel:id`, as a writer may bind the relationships namespace to any prefix.
 */
export function attributeOf(el: XmlElement, name: string): string | undefined {
  const direct = el.attributes.get(name);
  if (direct !== undefined) return direct;
  const local = name.slice(name.indexOf(':') + 1);
  for (const [k, v] of el.attributes) if ((k === local || k.endsWith(`:${local}`)) && !k.startsWith('xmlns:')) return v;
  return undefined;
}
