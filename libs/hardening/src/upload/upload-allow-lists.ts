/** MIME allow-lists for uploads; the type is always the detected one (security model MAGAS #57). */
export const IMAGE_MIME_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif'] as const;
export const PDF_MIME_TYPES = ['application/pdf'] as const;
export const OFFICE_MIME_TYPES = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
] as const;
export const TEXT_MIME_TYPE = 'text/plain';

export const DEFAULT_UPLOAD_ALLOW_LIST: readonly string[] = [
  ...IMAGE_MIME_TYPES,
  ...PDF_MIME_TYPES,
  ...OFFICE_MIME_TYPES,
  TEXT_MIME_TYPE,
];

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
