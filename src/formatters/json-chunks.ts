/**
 * JSON written piece by piece. A report of a million findings is hundreds of megabytes of JSON:
 * built as one string it can pass V8's string limit ("Invalid string length") and holds the whole
 * text in memory besides the findings. Here the document is a skeleton of plain objects in which
 * the long arrays are `LazyArray`s, and `jsonChunks` yields its text a value at a time: the same
 * text as `JSON.stringify(value, null, 2)` would give for the same data.
 */
export class LazyArray<T> {
  constructor(readonly items: Iterable<T>) {}
}

/** Marks a long array to be written one item at a time. */
export const lazyArray = <T>(items: Iterable<T>): LazyArray<T> => new LazyArray(items);

/**
 * C1 control characters (U+007F to U+009F) are valid raw in JSON strings, and JSON.stringify leaves
 * them raw, but some terminals act on them (U+009B starts an escape sequence like ESC [): a report
 * shown with `cat` must not drive the terminal. They are written as \u escapes, which parse the same.
 */
const C1 = /[\u007f-\u009f]/g;
const escapeC1 = (text: string): string => text.replace(C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** An object or array holding a LazyArray directly: written member by member rather than stringified whole. */
function holdsLazy(value: object): boolean {
  const members = Array.isArray(value) ? value : Object.values(value);
  return members.some((m) => m instanceof LazyArray);
}

/** The text of `value` indented as JSON.stringify(value, null, 2) would at this depth (`indent`). */
export function* jsonChunks(value: unknown, indent = ''): Generator<string> {
  const inner = `${indent}  `;
  if (value instanceof LazyArray) {
    let first = true;
    for (const item of value.items as Iterable<unknown>) {
      yield `${first ? '[' : ','}\n${inner}`;
      first = false;
      yield* jsonChunks(item === undefined || typeof item === 'function' ? null : item, inner);
    }
    yield first ? '[]' : `\n${indent}]`;
    return;
  }
  if (value !== null && typeof value === 'object' && holdsLazy(value)) {
    if (Array.isArray(value)) {
      yield* jsonChunks(lazyArray(value), indent);
      return;
    }
    let first = true;
    for (const [key, member] of Object.entries(value)) {
      if (member === undefined || typeof member === 'function') continue;
      yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
      first = false;
      yield* jsonChunks(member, inner);
    }
    yield first ? '{}' : `\n${indent}}`;
    return;
  }
  const text = escapeC1(JSON.stringify(value, null, 2) ?? 'null');
  yield indent && text.includes('\n') ? text.replace(/\n/g, `\n${indent}`) : text;
}

/** `items` mapped one at a time as they are iterated. */
export function* mapped<T, U>(items: Iterable<T>, map: (item: T, index: number) => U): Generator<U> {
  let i = 0;
  for (const item of items) yield map(item, i++);
}
