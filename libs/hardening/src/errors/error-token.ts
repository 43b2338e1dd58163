import { STATUS_CODES } from 'node:http';

const TOKEN = /^[a-z][a-z0-9_]*$/;

/** A machine-readable token clients can switch on: `error` values are snake_case and stable. */
export function isErrorToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}

/** `413` → `payload_too_large`: the token for an HTTP status when the thrower named none. */
export function errorTokenForStatus(status: number): string {
  const phrase = STATUS_CODES[status];
  if (!phrase) return `http_${status}`;
  return phrase
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
