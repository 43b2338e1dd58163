import { findExecutableConstructs } from './support/executable-construct.checker';
import { loadXssVectors } from './support/xss-vectors.loader';

describe('the strict checker used as the XSS oracle', () => {
  it.each([
    '<script>alert(1)</script>',
    '<img src="x" onerror="alert(1)" />',
    '<p style="x">a</p>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#x26;#x6a;avascript:alert(1)">x</a>',
    '<a href="\u00a0javascript:alert(1)">x</a>',
    '<img src="data:image/png;base64,AAAA" />',
    '<svg onload=alert(1)>',
    '<img src=x onerror=alert(1)>',
    'text <!-- comment -->',
    '[x](JavaScript:alert(1))',
    '[r]: data:text/html,x',
  ])('flags %p', (html) => {
    expect(findExecutableConstructs(html)).not.toEqual([]);
  });

  it.each(['<p>a &lt; b</p>', '<a href="https://a.example" rel="noopener">x</a>', '> quote', '[x](https://a.example)'])(
    'accepts %p',
    (html) => {
      expect(findExecutableConstructs(html)).toEqual([]);
    },
  );

  it('flags nearly every raw vector, so a clean result after sanitising means something', () => {
    const vectors = loadXssVectors();
    const flagged = vectors.filter((vector) => findExecutableConstructs(vector).length > 0);
    expect(flagged.length / vectors.length).toBeGreaterThan(0.9);
  });
});
