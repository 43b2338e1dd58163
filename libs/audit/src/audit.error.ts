/** Codes of the audit library's domain errors. */
export enum AuditErrorCode {
  PropertyRejected = 'audit_property_rejected',
  EntryUnstorable = 'audit_entry_unstorable',
}

export class AuditError extends Error {
  constructor(
    readonly code: AuditErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A property that looks like PII was offered to the trail. The message names the key, never the value. */
export class AuditPropertyRejectedError extends AuditError {
  constructor(readonly key: string) {
    super(AuditErrorCode.PropertyRejected, `audit property "${key}" looks like personal data`);
  }
}

/**
 * A field holds text PostgreSQL cannot store as given (a NUL character, or half of a surrogate
 * pair). Refused before the entry joins a group commit, so it fails its own caller only. The
 * message names the field, never the value.
 */
export class AuditEntryUnstorableError extends AuditError {
  constructor(readonly field: string) {
    super(AuditErrorCode.EntryUnstorable, `audit entry field "${field}" holds text the database cannot store`);
  }
}
