/**
 * A strict, deliberately independent oracle for sanitizer output. It does not trust any HTML
 * parser: every `<` must open a complete tag from the allow-list written with the canonical
 * `name="value"` attributes sanitize-html emits; anything else a browser might read as markup is
 * reported. URL values (HTML attributes and Markdown link destinations) are decoded, stripped of
 * whitespace and control characters and lowercased before the scheme is compared.
 */
const ALLOWED_TAGS = new Set([
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'em', 'strong', 'b', 'i',
  'u', 's', 'del', 'ins', 'sub', 'sup', 'mark', 'kbd', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead',
  'tbody', 'tr', 'th', 'td', 'a', 'img',
]);
const ALLOWED_ATTRIBUTES = new Set(['href', 'title', 'rel', 'src', 'alt', 'start', 'colspan', 'rowspan', 'class']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'action', 'formaction', 'xlink:href', 'background', 'data', 'poster', 'srcset']);
const DANGEROUS_SCHEMES = ['javascript:', 'vbscript:', 'data:', 'livescript:'];

const TAG = /^<(\/?)([a-zA-Z][^\s/>]*)((?:\s+[^\s"'=<>/]+(?:="[^"<]*")?)*)\s*\/?>/;
const ATTRIBUTE = /\s+([^\s"'=<>/]+)(?:="([^"<]*)")?/g;
const MARKDOWN_DESTINATIONS = [/\]\(\s*(?:<|&lt;)?([^\s)>]*)/g, /^ {0,3}\[[^\]\n]*\]:[ \t]*\n?[ \t]*(?:<|&lt;)?([^\s>]*)/gm];

function decodeReferences(value: string): string {
  const named: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", colon: ':', tab: '\t', newline: '\n' };
  let decoded = value;
  // Twice: a value that decodes to another reference is checked as what a second decoder would see.
  for (let round = 0; round < 2; round++) {
    decoded = decoded
      .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)))
      .replace(/&#(\d+);?/g, (_m, dec: string) => String.fromCodePoint(Math.min(Number(dec), 0x10ffff)))
      .replace(/&([a-z]+);/gi, (match, name: string) => named[name.toLowerCase()] ?? match);
  }
  return decoded;
}

export function hasDangerousScheme(url: string): boolean {
  const normalized = decodeReferences(url)
    .replace(/[\\\s\p{Cc}\p{Cf}\p{Z}]/gu, '')
    .toLowerCase();
  return DANGEROUS_SCHEMES.some((scheme) => normalized.startsWith(scheme));
}

function attributeProblems(tag: string, attributes: string): string[] {
  const problems: string[] = [];
  for (const [, rawName, value = ''] of attributes.matchAll(ATTRIBUTE)) {
    const name = rawName.toLowerCase();
    if (name.startsWith('on')) problems.push(`event handler ${name} on <${tag}>`);
    if (!ALLOWED_ATTRIBUTES.has(name)) problems.push(`attribute ${name} on <${tag}>`);
    if (URL_ATTRIBUTES.has(name) && hasDangerousScheme(value)) problems.push(`dangerous URL in ${name} on <${tag}>`);
  }
  return problems;
}

/** Every construct in `html` that could execute or escape the allow-list; empty when clean. */
export function findExecutableConstructs(html: string): string[] {
  const problems: string[] = [];
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    const match = TAG.exec(html.slice(at));
    if (!match) {
      problems.push(`markup-like '<' at ${at}`);
      continue;
    }
    const [, closing, rawTag, attributes] = match;
    const tag = rawTag.toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) problems.push(`tag <${closing}${tag}>`);
    if (closing && attributes.trim()) problems.push(`attributes on closing tag </${tag}>`);
    problems.push(...attributeProblems(tag, attributes));
  }
  for (const pattern of MARKDOWN_DESTINATIONS) {
    for (const [, destination] of html.matchAll(pattern)) {
      if (hasDangerousScheme(destination)) problems.push(`dangerous Markdown link destination`);
    }
  }
  return problems;
}
