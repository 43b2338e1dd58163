import { TEXT_MIME_TYPE } from './upload-allow-lists';
import { safeExtension } from './safe-extension';

const TEXT_EXTENSIONS: readonly string[] = ['txt', 'csv', 'md', 'log'];
const TEXT_DECLARED_TYPES: readonly string[] = [TEXT_MIME_TYPE, 'text/csv', 'text/markdown'];

/** Text has no magic bytes: the client must claim it (by name or declared type) before we look. */
export function claimsPlainText(originalName: string, declaredType: string | undefined): boolean {
  const declared = (declaredType ?? '').split(';')[0].trim().toLowerCase();
  return TEXT_DECLARED_TYPES.includes(declared) || TEXT_EXTENSIONS.includes(safeExtension(originalName));
}

/** The extension a text upload is stored under: the client's, when it is a known text one. */
export function textStoredExtension(originalName: string): string {
  const extension = safeExtension(originalName);
  return TEXT_EXTENSIONS.includes(extension) ? extension : 'txt';
}

/** Valid UTF-8 without NUL bytes: what binaries (ELF, PE, images) practically never are. */
export function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
