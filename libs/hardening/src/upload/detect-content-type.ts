import { filetypeinfo } from 'magic-bytes.js';
import { officeDocumentType } from './office-document';
import { safeExtension } from './safe-extension';

export interface DetectedContentType {
  mime: string;
  extension: string;
}

const ZIP_MIME = 'application/zip';
const UNNAMED_MIME = 'application/octet-stream';

/**
 * The content type as the bytes say, never as the name or the client says. Returns null when no
 * signature matches (plain text, unknown formats). Formats magic-bytes.js recognises without a
 * MIME type (e.g. PE executables) come back as application/octet-stream so they can be refused by
 * type rather than treated as unknown.
 */
export function detectContentType(bytes: Uint8Array): DetectedContentType | null {
  const guesses = filetypeinfo(bytes);
  if (guesses.length === 0) return null;
  if (guesses.some((guess) => guess.mime === ZIP_MIME)) {
    return officeDocumentType(bytes) ?? { mime: ZIP_MIME, extension: 'zip' };
  }
  const named = guesses.find((guess) => guess.mime && guess.extension);
  // magic-bytes.js spells some extensions with a dot (`.elf`); safeExtension normalises either way.
  if (named?.mime && named.extension) return { mime: named.mime, extension: safeExtension(`file.${named.extension}`) };
  return { mime: UNNAMED_MIME, extension: safeExtension(`file.${guesses[0].typename}`) };
}
