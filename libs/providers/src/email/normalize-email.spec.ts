import fc from 'fast-check';
import { normalizeEmail } from './normalize-email';

const STRICT_ADDRESS = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/;
const whitespace = fc.array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0'), { maxLength: 4 }).map((parts) => parts.join(''));
const mixedCase = (value: string, flips: boolean[]) =>
  [...value].map((char, i) => (flips[i % flips.length] ? char.toUpperCase() : char.toLowerCase())).join('');

describe('normalizeEmail', () => {
  it.each([
    ['  Ann@Example.COM ', 'ann@example.com'],
    ['"Ann Lee" <Ann.Lee@Example.com>', 'ann.lee@example.com'],
    ['Ann <ann@example.com>', 'ann@example.com'],
    ['mailto:ann@example.com', 'ann@example.com'],
    ['ann+deals@gmail.com', 'ann+deals@gmail.com'],
    ['a.n.n@gmail.com', 'a.n.n@gmail.com'],
    ['ann@bücher.de', 'ann@xn--bcher-kva.de'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it.each([null, undefined, '', '   ', 'ann', 'ann@', '@example.com', 'ann@@example.com', 'a b@example.com', 'ann@example', 'ann@-x.com',
    'ann..lee@example.com', '.ann@example.com', 'ann@example.c', '"ann"@example.com', 'ann@exa mple.com', 'Ann <>', `${'a'.repeat(65)}@x.com`,
  ])('rejects %j', (input) => {
    expect(normalizeEmail(input)).toBeNull();
  });

  it('accepts every generated valid address (fast-check emailAddress)', () => {
    fc.assert(fc.property(fc.emailAddress(), (email) => normalizeEmail(email) !== null), { numRuns: 2000 });
  });

  it('is idempotent on any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string(), fc.string({ unit: 'grapheme' })), (input) => {
        const once = normalizeEmail(input);
        return once === null || normalizeEmail(once) === once;
      }),
      { numRuns: 5000 },
    );
  });

  it('never returns an invalid address', () => {
    const noisy = fc.tuple(fc.string(), fc.emailAddress(), fc.string()).map(([a, email, b]) => `${a}${email}${b}`);
    fc.assert(
      fc.property(fc.oneof(noisy, fc.string(), fc.string({ unit: 'grapheme' }), fc.emailAddress()), (input) => {
        const result = normalizeEmail(input);
        return result === null || (STRICT_ADDRESS.test(result) && result.length <= 254);
      }),
      { numRuns: 5000 },
    );
  });

  it('is case-insensitive', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.array(fc.boolean(), { minLength: 1 }), (email, flips) =>
        normalizeEmail(mixedCase(email, flips)) === normalizeEmail(email)),
      { numRuns: 2000 },
    );
  });

  it('ignores surrounding whitespace and a display name', () => {
    const displayName = fc.string().filter((name) => !/[<>]/.test(name));
    fc.assert(
      fc.property(fc.emailAddress(), whitespace, whitespace, displayName, (email, before, after, name) => {
        const expected = normalizeEmail(email);
        return (
          normalizeEmail(`${before}${email}${after}`) === expected &&
          normalizeEmail(`${before}"${name}" <${email}>${after}`) === expected
        );
      }),
      { numRuns: 2000 },
    );
  });
});
