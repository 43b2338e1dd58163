const DANGEROUS_SCHEMES = ['javascript:', 'vbscript:', 'data:'];

/** Character references a renderer would decode inside a URL; named ones that can spell a scheme. */
function decodeReferences(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_match, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_match, decimal: string) => String.fromCodePoint(Math.min(Number(decimal), 0x10ffff)))
    .replace(/&colon;/gi, ':')
    .replace(/&(tab|newline);/gi, '');
}

/**
 * True when a URL would run code or embed a document once decoded by a renderer and a browser:
 * references decoded, Markdown backslash escapes, whitespace and control characters removed,
 * case folded, then compared against javascript:, vbscript: and data:.
 */
export function isDangerousUrl(url: string): boolean {
  const normalized = decodeReferences(url)
    .replace(/[\\\s\p{Cc}\p{Cf}]/gu, '')
    .toLowerCase();
  return DANGEROUS_SCHEMES.some((scheme) => normalized.startsWith(scheme));
}
