// Node's Buffer.from(s, 'base64') silently skips characters it does not understand and ignores
// stray trailing bits, so two different strings can decode to the same bytes. A tampered or
// truncated value must be rejected, not "repaired", hence the strict canonical round-trip checks.

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes standard, padded base64; returns undefined unless `text` is the canonical encoding. */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** Decodes unpadded base64url (RFC 4648 §5); returns undefined unless `text` is the canonical encoding. */
export function decodeBase64UrlStrict(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}
