import { detectContentType } from './detect-content-type';
import { claimsPlainText, isPlainText, textStoredExtension } from './plain-text';
import { DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_UPLOAD_ALLOW_LIST, TEXT_MIME_TYPE } from './upload-allow-lists';
import { UploadRejectedError } from './upload-rejected.error';

export interface UploadCandidate {
  bytes: Uint8Array;
  /** Client-supplied; only consulted to let UTF-8 text (which has no signature) claim to be text. */
  originalName: string;
  /** Client-supplied Content-Type; same single use as the name. */
  declaredType?: string;
  /** Allowed MIME types; defaults to images, PDF, Office documents and plain text. */
  allowList?: readonly string[];
  maxBytes?: number;
}

export interface CheckedUpload {
  /** The detected MIME type: the only Content-Type to serve the file with. */
  mime: string;
  /** The detected type's canonical extension. */
  extension: string;
  /** The extension for the storage key: the detected one, or the client's known text extension. */
  storedExtension: string;
}

/**
 * Admits an upload by its bytes (security model MAGAS #49/#57). A binary's type comes from its
 * signature alone, so a PNG named `.pdf` is stored as a PNG and an executable named `.png` is
 * refused. Throws UploadRejectedError.
 */
export function checkUpload(candidate: UploadCandidate): CheckedUpload {
  const { bytes, originalName, declaredType } = candidate;
  const allowList = candidate.allowList ?? DEFAULT_UPLOAD_ALLOW_LIST;
  if (bytes.length === 0) throw new UploadRejectedError('empty');
  if (bytes.length > (candidate.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES)) throw new UploadRejectedError('too_large');

  const detected = detectContentType(bytes);
  if (detected && allowList.includes(detected.mime)) return { ...detected, storedExtension: detected.extension };
  // Checked after signatures fail, because short signatures also match ordinary text ("BMW..." is a BMP).
  if (allowList.includes(TEXT_MIME_TYPE) && claimsPlainText(originalName, declaredType) && isPlainText(bytes)) {
    return { mime: TEXT_MIME_TYPE, extension: 'txt', storedExtension: textStoredExtension(originalName) };
  }
  throw new UploadRejectedError(detected ? 'type_not_allowed' : 'type_unknown');
}
