// Jest's jsdom environment with a faster way to the same computed styles. Testing Library asks
// getComputedStyle about every element it considers (is it hidden? what is its accessible name?), and
// after each change to the DOM jsdom works each element's style out again by testing it against every
// rule of every style sheet: some 600 Griffel rules and jsdom's default sheet, about 1 ms an element,
// a third of the CPU of the React suites. Almost all of those rules name a class or a tag the element
// does not have. This environment finds the same rules in the same order, skipping a rule only when
// every selector in its list names, for the element itself, a class the element lacks or another tag;
// the rest still go through jsdom's own matching. It fills jsdom's own style cache, which jsdom clears
// as before, so getComputedStyle returns what it always did.
'use strict';
const path = require('node:path');
const { TestEnvironment } = require('jest-environment-jsdom');

const jsdomDir = path.dirname(require.resolve('jsdom/package.json', { paths: [path.dirname(require.resolve('jest-environment-jsdom'))] }));
const cssom = require(require.resolve('rrweb-cssom', { paths: [jsdomDir] }));
const { CSSStyleDeclaration } = require(require.resolve('cssstyle', { paths: [jsdomDir] }));
const styleRules = require(path.join(jsdomDir, 'lib/jsdom/living/helpers/style-rules.js'));
const { matchesDontThrow } = require(path.join(jsdomDir, 'lib/jsdom/living/helpers/selectors.js'));
const { implForWrapper } = require(path.join(jsdomDir, 'lib/jsdom/living/generated/utils.js'));
const defaultStyleSheet = require(path.join(jsdomDir, 'lib/jsdom/browser/default-stylesheet.js'));

const { forEach, indexOf } = Array.prototype;
let parsedDefaultStyleSheet;

/**
 * What an element must have for one selector of a rule to match it: the classes and the tag named in
 * the selector's last compound (the part that applies to the element itself). Null when the selector
 * is one this does not read (escapes, namespaces): then it always goes to jsdom's matching.
 */
function subjectOf(selector) {
  if (/[\\|]/.test(selector)) return null;
  // Drop what is inside :is(...), :not(...), [attr="..."]: classes there do not have to be present.
  let flat = selector;
  for (let previous = ''; previous !== flat;) {
    previous = flat;
    flat = flat.replace(/\([^()]*\)/g, '()').replace(/\[[^[\]]*\]/g, '[]');
  }
  const compound =
    flat
      .trim()
      .split(/\s*[\s>+~]\s*/)
      .pop() ?? '';
  const tag = /^[a-zA-Z][\w-]*/.exec(compound)?.[0]?.toLowerCase() ?? null;
  const classes = [...compound.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]);
  return { tag, classes };
}

/** Per rule (and its selector text, which CSSOM lets a script change): the subjects of its selectors, or null when one must always be tested. */
const subjectsOfRule = new WeakMap();
function subjects(rule) {
  const text = rule.selectorText ?? '';
  let known = subjectsOfRule.get(rule);
  if (known?.text !== text) {
    const each = splitSelectorList(text).map(subjectOf);
    known = { text, list: each.some((s) => s === null || (s.tag === null && s.classes.length === 0)) ? null : each };
    subjectsOfRule.set(rule, known);
  }
  return known.list;
}

/** Splits "a, b:is(c, d)" at its top-level commas only. */
function splitSelectorList(text) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function mayMatch(rule, tag, classes) {
  const list = subjects(rule);
  if (list === null) return true;
  return list.some((s) => (s.tag === null || s.tag === tag) && s.classes.every((c) => classes.has(c.toLowerCase())));
}

/** jsdom's getDeclarationForElement (living/helpers/style-rules.js), with the pre-test above. */
function getDeclarationForElement(elementImpl) {
  let styleCache = elementImpl._ownerDocument._styleCache;
  if (!styleCache) styleCache = elementImpl._ownerDocument._styleCache = new WeakMap();
  const cached = styleCache.get(elementImpl);
  if (cached) return cached;
  const declaration = declarationFor(elementImpl);
  styleCache.set(elementImpl, declaration);
  return declaration;
}

function declarationFor(elementImpl) {
  const declaration = new CSSStyleDeclaration();
  function handleProperty(style, property) {
    const value = style.getPropertyValue(property);
    if (value === 'unset') declaration.removeProperty(property);
    else declaration.setProperty(property, value, style.getPropertyPriority(property));
  }
  const tag = String(elementImpl._localName ?? elementImpl.localName).toLowerCase();
  // Compared in lower case: never skips a rule that a case-insensitive match would apply.
  const classes = new Set((elementImpl.getAttributeNS(null, 'class') ?? '').toLowerCase().split(/\s+/).filter(Boolean));
  const matches = (rule) => mayMatch(rule, tag, classes) && matchesDontThrow(elementImpl, rule.selectorText);
  const handleRule = (rule) => forEach.call(rule.style, (property) => handleProperty(rule.style, property));
  function handleSheet(sheet) {
    forEach.call(sheet.cssRules, (rule) => {
      if (rule.media) {
        if (indexOf.call(rule.media, 'screen') !== -1) {
          forEach.call(rule.cssRules, (inner) => {
            if (matches(inner)) handleRule(inner);
          });
        }
      } else if (matches(rule)) {
        handleRule(rule);
      }
    });
  }
  parsedDefaultStyleSheet ??= cssom.parse(defaultStyleSheet);
  handleSheet(parsedDefaultStyleSheet);
  forEach.call(elementImpl._ownerDocument.styleSheets._list, handleSheet);
  forEach.call(elementImpl.style, (property) => handleProperty(elementImpl.style, property));
  return declaration;
}

// Inherited values are looked up through the module's export; window.getComputedStyle holds its own
// reference, so it is given a filled cache first (below).
styleRules.getDeclarationForElement = getDeclarationForElement;

class FastStyleJsdomEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const window = this.global;
    const getComputedStyle = window.getComputedStyle;
    window.getComputedStyle = function (element, pseudoElement) {
      const impl = element && implForWrapper(element);
      if (impl && impl._ownerDocument) getDeclarationForElement(impl);
      return getComputedStyle.call(this, element, pseudoElement);
    };
  }
}

module.exports = FastStyleJsdomEnvironment;
