import { safeExtension } from '@sentinel/hardening';

const UNSAFE_CHARACTERS = /[^A-Za-z0-9 ._()-]+/g;
const MAX_STEM_LENGTH = 100;
const FALLBACK_STEM = 'document';

/**
 * The display name of an upload: the client's base name (no directories), characters outside
 * `A-Z a-z 0-9 space . _ ( ) -` replaced, leading dots and spaces dropped, the stem capped, and the
 * extension whitelisted by safeExtension (`[a-z0-9]{1,8}`, lowercased, else `bin`). Display only:
 * nothing on disk and no response header is derived from it.
 */
export function documentFileName(originalName: string): string {
  const baseName = originalName.slice(Math.max(originalName.lastIndexOf('/'), originalName.lastIndexOf('\\')) + 1);
  const dot = baseName.lastIndexOf('.');
  const stem = (dot > 0 ? baseName.slice(0, dot) : baseName)
    .replace(UNSAFE_CHARACTERS, '_')
    .replace(/^[. ]+/, '')
    .slice(0, MAX_STEM_LENGTH)
    .trim();
  return `${stem === '' ? FALLBACK_STEM : stem}.${safeExtension(originalName)}`;
}
