import { CryptoArgumentError, CryptoArgumentErrorCode } from '../errors/crypto-argument.error';

/**
 * Where a secret is stored. It is authenticated (not encrypted) with the ciphertext, so a value
 * copied to another row, column or table no longer decrypts. `rowId` must be known before the
 * insert: generate the UUID in code rather than letting the database assign it.
 */
export interface AadContext {
  readonly table: string;
  readonly column: string;
  readonly rowId: string;
}

/** `table.column`, for error messages (the row id is left out: messages may be logged in bulk). */
export function describeLocation(context: AadContext): string {
  return `${context.table}.${context.column}`;
}

/** Refuses empty fields: an empty row id almost always means the row was not created yet. */
export function assertAadContext(context: AadContext): void {
  for (const field of ['table', 'column', 'rowId'] as const) {
    const value: unknown = context?.[field];
    if (typeof value !== 'string' || value.length === 0) {
      throw new CryptoArgumentError(CryptoArgumentErrorCode.InvalidAadContext, `AAD context field "${field}" must be a non-empty string`);
    }
  }
}

/**
 * The exact bytes authenticated for a keyed v1 envelope: JSON with a fixed field order, so the same
 * location always yields the same bytes and JSON escaping keeps fields from bleeding into each other.
 * The version and key id are included so the envelope header is authenticated too.
 */
export function serializeAad(keyId: string, context: AadContext): Buffer {
  const canonical = { v: 'enc:v1', keyId, table: context.table, column: context.column, rowId: context.rowId };
  return Buffer.from(JSON.stringify(canonical), 'utf8');
}
