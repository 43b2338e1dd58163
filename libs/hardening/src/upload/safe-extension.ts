const SAFE_EXTENSION = /^[a-z0-9]{1,8}$/;

/** What an unrecognisable extension becomes: inert, never executable, never served as markup. */
export const FALLBACK_EXTENSION = 'bin';

/**
 * The client's file name is untrusted (security model MAGAS #49/#57): only its last extension is
 * kept, lowercased, and only if it is 1-8 ASCII letters or digits; anything else is `bin`.
 */
export function safeExtension(originalName: string): string {
  const baseName = originalName.slice(Math.max(originalName.lastIndexOf('/'), originalName.lastIndexOf('\\')) + 1);
  const dot = baseName.lastIndexOf('.');
  if (dot <= 0) return FALLBACK_EXTENSION;
  const extension = baseName.slice(dot + 1).toLowerCase();
  return SAFE_EXTENSION.test(extension) ? extension : FALLBACK_EXTENSION;
}
